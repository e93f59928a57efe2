import Foundation
import Testing

@testable import TodoCore

/// The hand-written task reader and writer must give exactly what the Codable form gives, and leave to it
/// whatever they do not read themselves.
struct TaskJSONTests {
    static let created = WireTests.created

    /// Tasks with every field, none, and strings that need care (quotes, backslashes, slashes, emoji,
    /// right-to-left text, escapes the writer leaves to the encoder).
    static let tasks: [Task] = {
        var tricky = WireTests.fullTask
        tricky.title = #"say "hi" \ to C:\temp/x — 日本 👨‍👩‍👧 שלום"#
        tricky.tags = ["a/b", "ü", ""]
        tricky.assignee = nil
        tricky.due = Fixture.due("2026-12-01", zone: "America/New_York")
        var control = WireTests.bareTask
        control.title = "line\nbreak\ttab\u{1}"
        var dated = WireTests.bareTask
        dated.createdAt = Date(timeIntervalSinceReferenceDate: 812_345_678.123_456_7)
        dated.updatedAt = Date(timeIntervalSinceReferenceDate: -1.5)
        dated.status = .deleted
        dated.priority = .urgent
        return [WireTests.fullTask, WireTests.bareTask, tricky, control, dated]
    }()

    @Test(arguments: tasks)
    func wireFormReadsAsTheDecoderReadsIt(task: Task) throws {
        let data = try TodoJSON.makeEncoder().encode(task)
        let expected = try TodoJSON.makeDecoder().decode(Task.self, from: data)
        #expect(TaskJSONReader.task(data, dates: .rfc3339) == expected)
    }

    @Test(arguments: tasks)
    func rowFormReadsAsTheDecoderReadsIt(task: Task) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .deferredToDate
        let data = try encoder.encode(task)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .deferredToDate
        let read = TaskJSONReader.task(data, dates: .referenceSeconds)
        #expect(read == (try decoder.decode(Task.self, from: data)))
        // Dates survive to the bit: the row form is the store's own.
        #expect(read?.createdAt == task.createdAt)
        #expect(read?.updatedAt == task.updatedAt)
    }

    @Test(arguments: tasks)
    func writerWritesTheEncodersBytes(task: Task) throws {
        let encoded = try TodoJSON.makeEncoder().encode(task)
        if task.title.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            #expect(TaskJSONWriter.wire(task) == nil, "control characters are left to JSONEncoder's escapes")
            #expect(EventPayload.taskSync(TaskSync(task: task)).encoded() == encoded)
        } else {
            #expect(
                TaskJSONWriter.wire(task).map { String(decoding: $0, as: UTF8.self) }
                    == String(decoding: encoded, as: UTF8.self))
        }
    }

    /// Every escape JSON has, surrogate pairs included, reads as the decoder reads it; a lone surrogate
    /// is refused by both.
    @Test func escapesReadAsTheDecoderReadsThem() throws {
        let json =
            #"{"taskId":"t","title":"q\"b\\s\/ \b\f\n\r\t caf\u00e9 \ud83d\ude00","status":"open","sequence":1,"createdAt":"2026-11-25T09:00:00Z"}"#
        let read = try #require(TaskJSONReader.task(Data(json.utf8), dates: .rfc3339))
        #expect(read.title == "q\"b\\s/ \u{8}\u{C}\n\r\t café 😀")
        #expect(read == (try TodoJSON.makeDecoder().decode(Task.self, from: Data(json.utf8))))
        let lone = json.replacingOccurrences(of: #"\ude00"#, with: "")
        #expect(TaskJSONReader.task(Data(lone.utf8), dates: .rfc3339) == nil)
    }

    /// Valid JSON the project does not write itself: the reader steps aside and the decoder decides.
    @Test(arguments: [
        #"{"taskId":"t","title":"caf\u00e9 \ud83d\ude00","status":"open","sequence":1,"createdAt":"2026-11-25T09:00:00Z"}"#,
        #"{"taskId":"t","title":"x","status":"open","sequence":1,"createdAt":"2026-11-25T09:00:00Z","assignee":null}"#,
        #"  { "taskId" : "t" , "title" : "x", "extra": {"a": [1, 2.5e3, true, null]}, "status": "open", "sequence": 1, "createdAt": "2026-11-25T09:00:00Z" }  "#,
        #"{"taskId":"t","title":"x","status":"open","sequence":1.0,"createdAt":"2026-11-25T09:00:00Z"}"#,
    ])
    func unusualButValidFormsDecodeAsTheDecoderDecodesThem(json: String) throws {
        let data = Data(json.utf8)
        let expected = try TodoJSON.makeDecoder().decode(Task.self, from: data)
        #expect(try EventPayload.decode(type: .taskSync, data: data) == .taskSync(TaskSync(task: expected)))
    }

    @Test(arguments: [
        (#"{"taskId":"t","title":"x","title":"y","status":"open","sequence":1,"createdAt":"2026-11-25T09:00:00Z"}"#),
        (#"{"taskId":"t","title":"x","status":"open","sequence":1.5,"createdAt":"2026-11-25T09:00:00Z"}"#),
        (#"{"taskId":"t","title":"x\q","status":"open","sequence":1,"createdAt":"2026-11-25T09:00:00Z"}"#),
        (#"{"taskId":"t","title":"x","status":"open","sequence":1,"createdAt":"2026-11-25T09:00:00Z"} x"#),
        (#"{"taskId":"t","title":null,"status":"open","sequence":1,"createdAt":"2026-11-25T09:00:00Z"}"#),
        (#"[1,2,3]"#),
    ])
    func readerStepsAsideForWhatItDoesNotRead(json: String) {
        #expect(TaskJSONReader.task(Data(json.utf8), dates: .rfc3339) == nil)
    }

    @Test(arguments: [
        ("not json at all", "not a JSON object"),
        (#"{"taskId":"t","status":"open","sequence":1,"createdAt":"2026-11-25T09:00:00Z"}"#, "missing field 'title'"),
        (#"{"taskId":"t","title":"x","status":"open","sequence":1,"createdAt":"yesterday"}"#, "field 'createdAt'"),
        (
            #"{"taskId":"t","title":"x","status":"lost","sequence":1,"createdAt":"2026-11-25T09:00:00Z"}"#,
            "field 'status'"
        ),
        (
            #"{"taskId":"t","title":"x","status":"open","sequence":1,"createdAt":"2026-11-25T09:00:00Z","dueDate":"2026-12-01"}"#,
            "timeZone"
        ),
    ])
    func garbageIsRefusedWithTheFieldNamed(json: String, reason: String) {
        #expect {
            try EventPayload.decode(type: .taskSync, data: Data(json.utf8))
        } throws: { error in
            guard let error = error as? PayloadError else { return false }
            return error.type == .taskSync && error.reason.contains(reason)
        }
    }
}
