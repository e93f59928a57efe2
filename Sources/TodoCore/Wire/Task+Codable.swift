import Foundation

/// Wire form of a task, the field names of the event contract:
///
///     {"taskId": "…", "title": "pay rent", "description": "", "dueDate": "2026-12-01T09:00",
///      "timeZone": "Europe/Berlin", "priority": "high", "tags": ["home"], "status": "open", "assignee": "ana",
///      "comments": [], "recurrence": "FREQ=MONTHLY;BYMONTHDAY=1", "reminders": [], "occurrencesDone": 0,
///      "sequence": 3, "createdAt": "2026-11-25T09:00:00Z", "updatedAt": "2026-11-25T09:05:00Z"}
///
/// `taskId`, `title`, `status`, `sequence` and `createdAt` are required; lists default to empty, `priority` to
/// none, `updatedAt` to `createdAt`. Absent optionals are left out rather than written as null.
extension Task: Codable {
    enum CodingKeys: String, CodingKey {
        case taskId, title, description, dueDate, timeZone, durationSeconds, priority, tags, status, assignee
        case comments, recurrence, reminders, occurrencesDone, sequence, createdAt, updatedAt
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let id = try c.decode(TaskID.self, forKey: .taskId)
        guard !id.rawValue.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .taskId, in: c, debugDescription: "taskId is empty")
        }
        let createdAt = try c.decode(Date.self, forKey: .createdAt)
        self.init(
            id: id, title: try c.decode(String.self, forKey: .title),
            description: try c.decodeIfPresent(String.self, forKey: .description) ?? "",
            due: try DueFields.decode(c, date: .dueDate, zone: .timeZone),
            durationSeconds: try c.decodeIfPresent(Int.self, forKey: .durationSeconds),
            priority: try c.decodeIfPresent(Priority.self, forKey: .priority) ?? .none,
            tags: try c.decodeIfPresent([String].self, forKey: .tags) ?? [],
            status: try c.decode(TaskStatus.self, forKey: .status),
            assignee: try c.decodeIfPresent(String.self, forKey: .assignee),
            comments: try c.decodeIfPresent([Comment].self, forKey: .comments) ?? [],
            recurrence: try c.decodeIfPresent(RecurrenceRule.self, forKey: .recurrence),
            reminders: try c.decodeIfPresent([Reminder].self, forKey: .reminders) ?? [],
            occurrencesDone: try c.decodeIfPresent(Int.self, forKey: .occurrencesDone) ?? 0,
            sequence: try c.decode(Int.self, forKey: .sequence), createdAt: createdAt,
            updatedAt: try c.decodeIfPresent(Date.self, forKey: .updatedAt))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .taskId)
        try c.encode(title, forKey: .title)
        try c.encode(description, forKey: .description)
        try DueFields.encode(due, into: &c, date: .dueDate, zone: .timeZone)
        try c.encodeIfPresent(durationSeconds, forKey: .durationSeconds)
        try c.encode(priority, forKey: .priority)
        try c.encode(tags, forKey: .tags)
        try c.encode(status, forKey: .status)
        try c.encodeIfPresent(assignee, forKey: .assignee)
        try c.encode(comments, forKey: .comments)
        try c.encodeIfPresent(recurrence, forKey: .recurrence)
        try c.encode(reminders, forKey: .reminders)
        try c.encode(occurrencesDone, forKey: .occurrencesDone)
        try c.encode(sequence, forKey: .sequence)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
    }
}

/// A due written as two sibling fields of its parent (`dueDate`, `timeZone`), as the contract's payloads carry it.
enum DueFields {
    static func decode<K: CodingKey>(_ c: KeyedDecodingContainer<K>, date: K, zone: K) throws -> Due? {
        guard let text = try c.decodeIfPresent(String.self, forKey: date) else { return nil }
        guard let zoneName = try c.decodeIfPresent(String.self, forKey: zone) else {
            throw DecodingError.keyNotFound(
                zone, .init(codingPath: c.codingPath, debugDescription: "\(date.stringValue) needs \(zone.stringValue)")
            )
        }
        guard TimeZone(identifier: zoneName) != nil else {
            throw DecodingError.dataCorruptedError(
                forKey: zone, in: c, debugDescription: "unknown time zone '\(zoneName)'")
        }
        guard let due = Due(localString: text, timeZone: zoneName) else {
            throw DecodingError.dataCorruptedError(
                forKey: date, in: c, debugDescription: "'\(text)' is not YYYY-MM-DD or YYYY-MM-DDTHH:MM")
        }
        return due
    }

    static func encode<K: CodingKey>(_ due: Due?, into c: inout KeyedEncodingContainer<K>, date: K, zone: K) throws {
        guard let due else { return }
        try c.encode(due.localString, forKey: date)
        try c.encode(due.timeZone, forKey: zone)
    }
}
