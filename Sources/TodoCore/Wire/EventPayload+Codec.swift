import Foundation

/// Why a payload was refused, in words for a log line or a dead-letter reason.
public struct PayloadError: Error, Hashable, Sendable, CustomStringConvertible {
    public var type: EventType
    public var reason: String

    public init(type: EventType, reason: String) {
        self.type = type
        self.reason = reason
    }

    public var description: String { "\(type.rawValue): \(reason)" }
}

extension EventPayload {
    /// Reads the `data` of an event of `type`. Unknown fields are ignored; a missing required field, a value of
    /// the wrong type or an invalid date, zone or RRULE is refused with the field named.
    ///
    ///     let payload = try EventPayload.decode(type: .taskDeleted, data: Data(#"{"taskId":"3f2a"}"#.utf8))
    public static func decode(type: EventType, data: Data) throws(PayloadError) -> EventPayload {
        // The live pane hears a whole task per update: the plain form goes through the fast reader.
        switch type {
        case .taskSync:
            if let task = TaskJSONReader.task(data, dates: .rfc3339) { return .taskSync(TaskSync(task: task)) }
        case .taskCreated:
            if let task = TaskJSONReader.task(data, dates: .rfc3339) { return .taskCreated(TaskCreated(task: task)) }
        default: break
        }
        let decoder = TodoJSON.makeDecoder()
        do {
            switch type {
            case .taskCreated: return .taskCreated(try decoder.decode(TaskCreated.self, from: data))
            case .taskUpdated: return .taskUpdated(try decoder.decode(TaskUpdated.self, from: data))
            case .taskDeleted: return .taskDeleted(try decoder.decode(TaskDeleted.self, from: data))
            case .taskStatusChanged: return .taskStatusChanged(try decoder.decode(TaskStatusChanged.self, from: data))
            case .taskDueDateChanged:
                return .taskDueDateChanged(try decoder.decode(TaskDueDateChanged.self, from: data))
            case .reminderScheduled: return .reminderScheduled(try decoder.decode(ReminderScheduled.self, from: data))
            case .reminderRemoved: return .reminderRemoved(try decoder.decode(ReminderRemoved.self, from: data))
            case .reminderTriggered: return .reminderTriggered(try decoder.decode(ReminderTriggered.self, from: data))
            case .reminderFailed: return .reminderFailed(try decoder.decode(ReminderFailed.self, from: data))
            case .taskSync: return .taskSync(try decoder.decode(TaskSync.self, from: data))
            case .taskAssigneeChanged:
                return .taskAssigneeChanged(try decoder.decode(TaskAssigneeChanged.self, from: data))
            case .taskCommentsUpdated:
                return .taskCommentsUpdated(try decoder.decode(TaskCommentsUpdated.self, from: data))
            }
        } catch let error as DecodingError {
            throw PayloadError(type: type, reason: Self.reason(error))
        } catch {
            throw PayloadError(type: type, reason: "\(error)")
        }
    }

    /// The JSON `data` of this payload (keys sorted, timestamps RFC 3339 UTC).
    public func encoded() -> Data {
        switch self {
        case .taskSync(let p): if let data = TaskJSONWriter.wire(p.task) { return data }
        case .taskCreated(let p): if let data = TaskJSONWriter.wire(p.task) { return data }
        default: break
        }
        let encoder = TodoJSON.makeEncoder()
        // The payload types encode only strings, numbers and lists of them, which cannot fail.
        switch self {
        case .taskCreated(let p): return try! encoder.encode(p)
        case .taskUpdated(let p): return try! encoder.encode(p)
        case .taskDeleted(let p): return try! encoder.encode(p)
        case .taskStatusChanged(let p): return try! encoder.encode(p)
        case .taskDueDateChanged(let p): return try! encoder.encode(p)
        case .reminderScheduled(let p): return try! encoder.encode(p)
        case .reminderRemoved(let p): return try! encoder.encode(p)
        case .reminderTriggered(let p): return try! encoder.encode(p)
        case .reminderFailed(let p): return try! encoder.encode(p)
        case .taskSync(let p): return try! encoder.encode(p)
        case .taskAssigneeChanged(let p): return try! encoder.encode(p)
        case .taskCommentsUpdated(let p): return try! encoder.encode(p)
        }
    }

    /// The task the payload is about (the CloudEvent `subject` is `task/<id>`).
    public var taskID: TaskID {
        switch self {
        case .taskCreated(let p): p.task.id
        case .taskUpdated(let p): p.taskId
        case .taskDeleted(let p): p.taskId
        case .taskStatusChanged(let p): p.taskId
        case .taskDueDateChanged(let p): p.taskId
        case .reminderScheduled(let p): p.taskId
        case .reminderRemoved(let p): p.taskId
        case .reminderTriggered(let p): p.taskId
        case .reminderFailed(let p): p.taskId
        case .taskSync(let p): p.task.id
        case .taskAssigneeChanged(let p): p.taskId
        case .taskCommentsUpdated(let p): p.taskId
        }
    }

    private static func reason(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            (keys + (last.map { [$0] } ?? [])).map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
                .joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field '\(path(context.codingPath, key))'"
        case .valueNotFound(_, let context):
            return "field '\(path(context.codingPath))' is null"
        case .typeMismatch(let type, let context):
            if context.codingPath.isEmpty { return "not a JSON object" }
            return "field '\(path(context.codingPath))' is not \(typeName(type))"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "not a JSON object" }
            return "field '\(path(context.codingPath))': \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "an integer"
        case is [Any].Type: "a list"
        case is [String: Any].Type: "an object"
        default: "of type \(type)"
        }
    }
}
