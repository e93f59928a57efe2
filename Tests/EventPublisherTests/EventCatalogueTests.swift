import Foundation
import Testing
import TodoCore

@testable import EventPublisher

@Suite struct EventCatalogueTests {
    @Test(arguments: sampleEvents())
    func everyEventTypeSurvivesTheTripThroughACloudEvent(_ event: TaskEvent) throws {
        let cloudEvent = try EventCatalogue.cloudEvent(for: event)
        let wire = try cloudEvent.jsonBytes()
        let back = try EventCatalogue.taskEvent(from: try CloudEvent.decode(json: wire))
        #expect(back == event)
    }

    /// What `publish` writes to the outbox is the same event `cloudEvent(for:)` describes, and valid, also
    /// for text that JSON has to escape.
    @Test(
        arguments: sampleEvents() + [created("a \"quoted\" \\ title\u{8}\u{c}\n\t/ with 🥛 and é", correlation: "c/1")])
    func theOnePassEncodingIsTheCloudEvent(_ event: TaskEvent) throws {
        let trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        let onePass = try EventCatalogue.structuredJSON(for: event, traceparent: trace)
        let decoded = try CloudEvent.decode(json: onePass)
        #expect(decoded == (try EventCatalogue.cloudEvent(for: event, traceparent: trace)))
        #expect(try EventCatalogue.taskEvent(from: decoded) == event)
        #expect(throws: CloudEventError.self) {
            try EventCatalogue.structuredJSON(for: event, source: "not a uri reference")
        }
    }

    @Test func envelopeFollowsTheContract() throws {
        let event = sampleEvents()[0]
        let cloudEvent = try EventCatalogue.cloudEvent(for: event, traceparent: nil)
        #expect(cloudEvent.type == "task.created")
        #expect(cloudEvent.source == "/todo-chat")
        #expect(cloudEvent.subject == "task/3f2a91c0-8d1e-4b7a-9c55-0a1b2c3d4e5f")
        #expect(cloudEvent.datacontenttype == "application/json")
        #expect(cloudEvent.time == "2026-11-18T11:06:40Z")
        #expect(cloudEvent[extension: "correlationid"] == .string("corr-0"))
        #expect(cloudEvent[extension: "userid"] == .string("ana"))
        #expect(cloudEvent[extension: "sequence"] == .string("0000000001"))
        guard case .string(let traceparent) = cloudEvent[extension: "traceparent"] else {
            Issue.record("traceparent missing")
            return
        }
        #expect(traceparent.wholeMatch(of: /00-[0-9a-f]{32}-[0-9a-f]{16}-01/) != nil)
    }

    @Test func aGivenTraceparentIsKept() throws {
        let parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        let cloudEvent = try EventCatalogue.cloudEvent(for: sampleEvents()[1], traceparent: parent)
        #expect(cloudEvent[extension: "traceparent"] == .string(parent))
    }

    @Test func sequenceStringsSortLikeNumbers() {
        let sorted = [9, 10, 123, 2].map(EventCatalogue.paddedSequence).sorted()
        #expect(sorted == ["0000000002", "0000000009", "0000000010", "0000000123"])
    }

    @Test func foreignEventsAreRefusedWithAReason() throws {
        var cloudEvent = try EventCatalogue.cloudEvent(for: sampleEvents()[2])
        cloudEvent.type = "com.dapr.event.sent"
        #expect(throws: CatalogueError("type \"com.dapr.event.sent\" is not in the event catalogue")) {
            try EventCatalogue.taskEvent(from: cloudEvent)
        }
        cloudEvent = try EventCatalogue.cloudEvent(for: sampleEvents()[2])
        cloudEvent.subject = "task/someone-else"
        #expect(throws: CatalogueError.self) { try EventCatalogue.taskEvent(from: cloudEvent) }
        cloudEvent = try EventCatalogue.cloudEvent(for: sampleEvents()[2])
        cloudEvent.data = .json(.object([.init("taskId", .number("5"))]))
        #expect(throws: CatalogueError.self) { try EventCatalogue.taskEvent(from: cloudEvent) }
        cloudEvent = try EventCatalogue.cloudEvent(for: sampleEvents()[2])
        cloudEvent.extensions["sequence"] = nil
        #expect(throws: CatalogueError.self) { try EventCatalogue.taskEvent(from: cloudEvent) }
    }
}
