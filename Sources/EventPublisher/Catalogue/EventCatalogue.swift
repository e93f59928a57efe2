import Foundation
import TodoCore
import W3CTraceContext

/// The mapping between TodoCore's events and CloudEvents on the wire (docs/events.md).
///
/// `type` is the event type (`task.created`), `subject` is `task/<id>`, `time` RFC 3339 UTC, `data` the
/// payload JSON with `datacontenttype: application/json`, and the extensions `correlationid`, `userid`,
/// `traceparent` (W3C, repeated as `traceid` so that Dapr keeps it) and `sequence` (the task's sequence after the event, as the CloudEvents sequence
/// extension wants it: a string that sorts like the number, zero-padded to 10 digits).
public enum EventCatalogue {
    /// The `source` of events the chat produces.
    public static let chatSource = "/todo-chat"
    /// The `source` of events the worker produces.
    public static let workerSource = "/todo-worker"

    public static func cloudEvent(
        for event: TaskEvent, source: String = chatSource, traceparent: String? = nil
    ) throws -> CloudEvent {
        let trace = traceparent ?? newTraceparent()
        // Dapr replaces `traceparent` with its own span unless `traceid` is present too (contract §1.3).
        var extensions: [String: CloudEvent.ExtensionValue] = [
            "sequence": .string(paddedSequence(event.sequence)), "traceparent": .string(trace),
            "traceid": .string(trace),
        ]
        if let correlation = event.correlationID { extensions["correlationid"] = .string(correlation) }
        if let user = event.userID { extensions["userid"] = .string(user) }
        let data = try JSONValue.parse(event.payload.encoded())
        return CloudEvent(
            id: event.id, source: source, type: event.type.rawValue, datacontenttype: "application/json",
            subject: "task/\(event.taskID.rawValue)", time: RFC3339.string(from: event.time), extensions: extensions,
            data: .json(data))
    }

    /// The structured JSON of `cloudEvent(for:)`, written in one pass: the payload's JSON goes in as TodoCore
    /// encoded it, and nothing is parsed back. What `jsonBytes()` would validate holds by construction
    /// (a known type, `task/<id>` subject, RFC 3339 time, lowercase extension names, string values, JSON
    /// data), except the two inputs checked here: a non-empty id and a URI-reference source.
    public static func structuredJSON(
        for event: TaskEvent, source: String = chatSource, traceparent: String? = nil
    ) throws(CloudEventError) -> [UInt8] {
        guard !event.id.isEmpty else { throw CloudEventError("id must not be empty") }
        guard URIText.isURIReference(source) else {
            throw CloudEventError("source \"\(source)\" is not a URI-reference (RFC 3986)")
        }
        let trace = traceparent ?? newTraceparent()
        let data = event.payload.encoded()
        var out: [UInt8] = []
        out.reserveCapacity(data.count + 512)
        func member(_ name: StaticString, _ value: String, first: Bool = false) {
            out.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            out.append(contentsOf: #"":"#.utf8)
            JSONValue.writeString(value, to: &out)
        }
        // The order of `CloudEvent.jsonValue`: context attributes, extensions by name, then data.
        member("specversion", CloudEvent.specVersion, first: true)
        member("id", event.id)
        member("source", source)
        member("type", event.type.rawValue)
        member("subject", "task/\(event.taskID.rawValue)")
        member("time", RFC3339.string(from: event.time))
        member("datacontenttype", "application/json")
        if let correlation = event.correlationID { member("correlationid", correlation) }
        member("sequence", paddedSequence(event.sequence))
        member("traceid", trace)
        member("traceparent", trace)
        if let user = event.userID { member("userid", user) }
        out.append(contentsOf: #","data":"#.utf8)
        out.append(contentsOf: data)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// The TodoCore event a CloudEvent carries, or why it is not one of ours.
    public static func taskEvent(from cloudEvent: CloudEvent) throws(CatalogueError) -> TaskEvent {
        guard let type = EventType(rawValue: cloudEvent.type) else {
            throw CatalogueError("type \"\(cloudEvent.type)\" is not in the event catalogue")
        }
        guard let subject = cloudEvent.subject, subject.hasPrefix("task/"), subject.count > 5 else {
            throw CatalogueError("subject must be task/<id>, got \(cloudEvent.subject.map { "\"\($0)\"" } ?? "none")")
        }
        let taskID = TaskID(String(subject.dropFirst(5)))
        guard let timeText = cloudEvent.time, let time = RFC3339.date(from: timeText) else {
            throw CatalogueError("time is required")
        }
        if let contentType = cloudEvent.datacontenttype, !MediaType.isJSON(contentType) {
            throw CatalogueError("datacontenttype must be JSON, got \"\(contentType)\"")
        }
        guard case .json(let data) = cloudEvent.data else { throw CatalogueError("data (JSON) is required") }
        let sequence: Int
        switch cloudEvent[extension: "sequence"] {
        case .string(let s) where Int(s) != nil: sequence = Int(s)!
        case .integer(let i): sequence = Int(i)
        default: throw CatalogueError("the sequence extension is required (a decimal string)")
        }
        let payload: EventPayload
        do {
            payload = try EventPayload.decode(type: type, data: Data(data.serialized))
        } catch {
            throw CatalogueError("data is not a valid \(error)")
        }
        guard payload.taskID == taskID else {
            throw CatalogueError("subject names task \(taskID) but data is about task \(payload.taskID)")
        }
        func text(_ name: String) -> String? {
            if case .string(let s) = cloudEvent[extension: name] { return s }
            return nil
        }
        return TaskEvent(
            id: cloudEvent.id, taskID: taskID, sequence: sequence, time: time, correlationID: text("correlationid"),
            userID: text("userid"), payload: payload)
    }

    static func paddedSequence(_ sequence: Int) -> String {
        let digits = String(sequence)
        return digits.count >= 10 ? digits : String(repeating: "0", count: 10 - digits.count) + digits
    }

    static func newTraceparent() -> String {
        TraceContext(traceID: .random(), spanID: .random(), flags: .sampled, state: TraceState())
            .traceParentHeaderValue
    }
}

public struct CatalogueError: Error, Hashable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { "not a todo-chat event: \(reason)" }
}
