import Foundation
import TodoCore

/// The JSON of each payload type, as carried in a CloudEvent's `data` and stored in the event log.
/// Dates are RFC 3339 UTC with milliseconds.
enum PayloadCoding {
    static func encode(_ payload: EventPayload) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(RFC3339.format(date))
        }
        switch payload {
        case .taskCreated(let p): return try encoder.encode(p)
        case .taskUpdated(let p): return try encoder.encode(p)
        case .taskDeleted(let p): return try encoder.encode(p)
        case .taskStatusChanged(let p): return try encoder.encode(p)
        case .taskDueDateChanged(let p): return try encoder.encode(p)
        case .reminderScheduled(let p): return try encoder.encode(p)
        case .reminderRemoved(let p): return try encoder.encode(p)
        case .reminderTriggered(let p): return try encoder.encode(p)
        case .reminderFailed(let p): return try encoder.encode(p)
        case .taskSync(let p): return try encoder.encode(p)
        case .taskAssigneeChanged(let p): return try encoder.encode(p)
        case .taskCommentsUpdated(let p): return try encoder.encode(p)
        }
    }

    static func decode(_ type: EventType, from data: Data) throws -> EventPayload {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = RFC3339.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "\(text) is not an RFC 3339 date-time")
            }
            return date
        }
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
    }
}
