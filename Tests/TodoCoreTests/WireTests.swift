import Foundation
import Testing

@testable import TodoCore

struct WireTests {
    static let created = Date(timeIntervalSince1970: 1_795_000_000)

    static let fullTask = Task(
        id: TaskID("3f2a91c0-0000-4000-8000-000000000001"), title: "pay rent", description: "to the landlord",
        due: Fixture.due("2026-12-01T09:00"), durationSeconds: 1800, priority: .high, tags: ["home", "money"],
        status: .open, assignee: "ana",
        comments: [Comment(id: "c1", author: "ben", text: "paid?", time: created.addingTimeInterval(60.25))],
        recurrence: try! RecurrenceRule(rrule: "FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=9;BYMINUTE=0"),
        reminders: [
            Reminder(id: "r1", trigger: .beforeDue(minutes: 30)),
            Reminder(id: "r2", trigger: .absolute(Fixture.dateTime("2026-11-30T17:00"))),
        ], occurrencesDone: 2, sequence: 7, createdAt: created, updatedAt: created.addingTimeInterval(120))

    static let bareTask = Task(id: TaskID("t2"), title: "someday", createdAt: created)

    static let payloads: [EventPayload] = [
        .taskCreated(TaskCreated(task: fullTask)),
        .taskCreated(TaskCreated(task: bareTask)),
        .taskUpdated(TaskUpdated(taskId: TaskID("t1"), title: "pay the rent")),
        .taskUpdated(
            TaskUpdated(
                taskId: TaskID("t1"), description: "d", priority: .urgent, tags: ["a"], assignee: "cy",
                comments: fullTask.comments, recurrence: RecurrenceRule(frequency: .weekly, byDay: [.init(1)]),
                reminders: fullTask.reminders, durationSeconds: 60)),
        .taskUpdated(
            TaskUpdated(taskId: TaskID("t1"), clear: [.description, .assignee, .recurrence, .durationSeconds])),
        .taskDeleted(TaskDeleted(taskId: TaskID("t1"))),
        .taskStatusChanged(TaskStatusChanged(taskId: TaskID("t1"), from: .open, status: .completed)),
        .taskStatusChanged(
            TaskStatusChanged(
                taskId: TaskID("t1"), from: .open, status: .completed,
                nextDue: Fixture.due("2027-01-01T09:00", zone: "America/New_York"), occurrencesDone: 3)),
        .taskStatusChanged(TaskStatusChanged(taskId: TaskID("t1"), from: .deleted, status: .open)),
        .taskDueDateChanged(
            TaskDueDateChanged(
                taskId: TaskID("t1"), dueDate: Fixture.due("2026-12-02"),
                previousDueDate: Fixture.due("2026-12-01T09:00", zone: "Asia/Tokyo"))),
        .taskDueDateChanged(TaskDueDateChanged(taskId: TaskID("t1"), dueDate: nil, previousDueDate: nil)),
        .reminderScheduled(
            ReminderScheduled(
                taskId: TaskID("t1"), reminder: fullTask.reminders[0], fireAt: created, title: "pay rent")),
        .reminderRemoved(ReminderRemoved(taskId: TaskID("t1"), reminderId: "r1")),
        .reminderTriggered(
            ReminderTriggered(taskId: TaskID("t1"), reminderId: "r1", title: "pay rent", firedAt: created)),
        .reminderFailed(ReminderFailed(taskId: TaskID("t1"), reminderId: "r1", reason: "task is done")),
        .taskSync(TaskSync(task: fullTask)),
        .taskAssigneeChanged(TaskAssigneeChanged(taskId: TaskID("t1"), assignee: "ana", previousAssignee: nil)),
        .taskAssigneeChanged(TaskAssigneeChanged(taskId: TaskID("t1"), assignee: nil, previousAssignee: "ana")),
        .taskCommentsUpdated(TaskCommentsUpdated(taskId: TaskID("t1"), comments: fullTask.comments)),
    ]

    @Test(arguments: payloads)
    func roundTrips(_ payload: EventPayload) throws {
        let data = payload.encoded()
        #expect(try EventPayload.decode(type: payload.type, data: data) == payload)
        #expect(payload.encoded() == data, "encoding is deterministic")
    }

    @Test func everyEventTypeIsCovered() {
        #expect(Set(Self.payloads.map(\.type)) == Set(EventType.allCases))
    }

    @Test func taskUsesTheContractFieldNames() throws {
        let object = try #require(
            try JSONSerialization.jsonObject(with: EventPayload.taskSync(TaskSync(task: Self.fullTask)).encoded())
                as? [String: Any])
        #expect(
            Set(object.keys) == [
                "taskId", "title", "description", "dueDate", "timeZone", "durationSeconds", "priority", "tags",
                "status", "assignee", "comments", "recurrence", "reminders", "occurrencesDone", "sequence",
                "createdAt", "updatedAt",
            ])
        #expect(object["dueDate"] as? String == "2026-12-01T09:00")
        #expect(object["timeZone"] as? String == "Europe/Berlin")
        #expect(object["recurrence"] as? String == "FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=9;BYMINUTE=0")
        #expect(object["priority"] as? String == "high")
        #expect(object["createdAt"] as? String == "2026-11-18T11:06:40Z")
        let comments = try #require(object["comments"] as? [[String: Any]])
        #expect(comments.first?["time"] as? String == "2026-11-18T11:07:40.250Z")
        let reminders = try #require(object["reminders"] as? [[String: Any]])
        #expect(reminders.first?["minutesBeforeDue"] as? Int == 30)
        #expect(reminders.last?["at"] as? String == "2026-11-30T17:00")
    }

    @Test func wholeDayDueIsADate() throws {
        let payload = EventPayload.taskDueDateChanged(
            TaskDueDateChanged(taskId: TaskID("t"), dueDate: Fixture.due("2026-12-02"), previousDueDate: nil))
        let text = String(decoding: payload.encoded(), as: UTF8.self)
        #expect(text == #"{"dueDate":"2026-12-02","taskId":"t","timeZone":"Europe/Berlin"}"#)
    }

    @Test func unknownFieldsAreIgnored() throws {
        let data = Data(#"{"taskId":"t1","reminderId":"r1","extra":{"nested":[1,2]},"v":2}"#.utf8)
        #expect(
            try EventPayload.decode(type: .reminderRemoved, data: data)
                == .reminderRemoved(ReminderRemoved(taskId: TaskID("t1"), reminderId: "r1")))
    }

    static let task = #""taskId":"t1","title":"x","status":"open","sequence":1,"createdAt":"2026-11-25T09:00:00Z""#

    /// (type, data, the reason given).
    static let malformed: [(EventType, String, String)] = [
        (.taskDeleted, "{}", "missing field 'taskId'"),
        (.taskDeleted, "[]", "not a JSON object"),
        (.taskDeleted, "not json", "not a JSON object"),
        (.taskDeleted, #"{"taskId":7}"#, "field 'taskId' is not a string"),
        (.taskDeleted, #"{"taskId":null}"#, "field 'taskId' is null"),
        (
            .taskCreated, #"{"taskId":"t1","status":"open","sequence":1,"createdAt":"2026-11-25T09:00:00Z"}"#,
            "missing field 'title'"
        ),
        (
            .taskCreated, #"{"taskId":"t1","title":"x","sequence":1,"createdAt":"2026-11-25T09:00:00Z"}"#,
            "missing field 'status'"
        ),
        (
            .taskCreated, #"{"taskId":"t1","title":"x","status":"open","createdAt":"2026-11-25T09:00:00Z"}"#,
            "missing field 'sequence'"
        ),
        (.taskSync, #"{"taskId":"t1","title":"x","status":"open","sequence":1}"#, "missing field 'createdAt'"),
        (
            .taskSync, "{" + task.replacingOccurrences(of: "\"open\"", with: "\"paused\"") + "}",
            "field 'status': Cannot initialize TaskStatus from invalid String value paused"
        ),
        (.taskCreated, "{" + task + #","dueDate":"2026-12-01"}"#, "missing field 'timeZone'"),
        (
            .taskCreated, "{" + task + #","dueDate":"2026-02-30","timeZone":"UTC"}"#,
            "field 'dueDate': '2026-02-30' is not YYYY-MM-DD or YYYY-MM-DDTHH:MM"
        ),
        (
            .taskCreated, "{" + task + #","dueDate":"2026-12-01","timeZone":"Mars/Olympus"}"#,
            "field 'timeZone': unknown time zone 'Mars/Olympus'"
        ),
        (
            .taskCreated, "{" + task + #","recurrence":"FREQ=SOMETIMES"}"#,
            "field 'recurrence': recurrence: 'FREQ=SOMETIMES' is not supported"
        ),
        (.taskCreated, "{" + task + #","reminders":[{"id":"r1"}]}"#, "missing field 'reminders[0].at'"),
        (
            .taskCreated, "{" + task + #","reminders":[{"id":"r1","at":"5pm"}]}"#,
            "field 'reminders[0].at': '5pm' is not YYYY-MM-DDTHH:MM"
        ),
        (
            .taskCreated, "{" + task.replacingOccurrences(of: "\"t1\"", with: "\"\"") + "}",
            "field 'taskId': taskId is empty"
        ),
        (
            .taskCreated, "{" + task.replacingOccurrences(of: "2026-11-25T09:00:00Z", with: "yesterday") + "}",
            "field 'createdAt': 'yesterday' is not an RFC 3339 timestamp"
        ),
        (.taskUpdated, #"{"taskId":"t1","title":""}"#, "field 'title': title is empty"),
        (
            .taskUpdated, #"{"taskId":"t1","clear":["title"]}"#,
            "field 'clear[0]': Cannot initialize Field from invalid String value title"
        ),
        (.taskStatusChanged, #"{"taskId":"t1","status":"open"}"#, "missing field 'previousStatus'"),
        (
            .reminderScheduled, #"{"taskId":"t1","title":"x","fireAt":"2026-11-25T09:00:00Z"}"#,
            "missing field 'reminder'"
        ),
        (.reminderTriggered, #"{"taskId":"t1","reminderId":"r","title":"x"}"#, "missing field 'firedAt'"),
        (.reminderFailed, #"{"taskId":"t1","reminderId":"r"}"#, "missing field 'reason'"),
        (
            .taskCommentsUpdated, #"{"taskId":"t1","comments":[{"id":"c","author":"a","text":"t"}]}"#,
            "missing field 'comments[0].time'"
        ),
    ]

    @Test(arguments: malformed)
    func rejectsMalformedPayloads(_ type: EventType, _ json: String, _ reason: String) {
        #expect(throws: PayloadError(type: type, reason: reason)) {
            try EventPayload.decode(type: type, data: Data(json.utf8))
        }
    }

    @Test func payloadNamesItsTask() {
        for payload in Self.payloads {
            #expect(!payload.taskID.rawValue.isEmpty)
        }
        #expect(EventPayload.taskSync(TaskSync(task: Self.bareTask)).taskID == TaskID("t2"))
    }
}

struct RFC3339Tests {
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00Z"),
        (1_795_000_000.0, "2026-11-18T11:06:40Z"),
        (1_795_000_000.5, "2026-11-18T11:06:40.500Z"),
        (1_795_000_000.007, "2026-11-18T11:06:40.007Z"),
        (-1.0, "1969-12-31T23:59:59Z"),
        (951_782_400.0, "2000-02-29T00:00:00Z"),
    ])
    func formatsUTC(_ seconds: Double, _ expected: String) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(RFC3339.string(from: date) == expected)
        #expect(RFC3339.date(from: expected) == date)
    }

    @Test(arguments: [
        ("2026-11-25T10:00:00+01:00", "2026-11-25T09:00:00Z"),
        ("2026-11-25T04:00:00-05:00", "2026-11-25T09:00:00Z"),
        ("2026-11-25t09:00:00z", "2026-11-25T09:00:00Z"),
        ("2026-11-25T09:00:00.123456Z", "2026-11-25T09:00:00.123Z"),
    ])
    func readsOffsets(_ text: String, _ utc: String) throws {
        #expect(RFC3339.string(from: try #require(RFC3339.date(from: text))) == utc)
    }

    @Test(arguments: [
        "", "2026-11-25", "2026-11-25T09:00Z", "2026-11-25T09:00:00", "2026-13-01T00:00:00Z",
        "2026-02-30T00:00:00Z", "2026-11-25T24:00:00Z", "2026-11-25T09:00:00.Z", "2026-11-25T09:00:00+0100",
        "2026-11-25T09:00:00Zjunk", "２０２６-11-25T09:00:00Z",
    ])
    func rejects(_ text: String) {
        #expect(RFC3339.date(from: text) == nil)
    }
}
