import Foundation
import Testing
import TodoCore

@testable import EventPublisher

/// `Fixtures/emitted-events.json` holds one CloudEvent of every type exactly as we emit it;
/// `Tests/EventPublisherTests/test_event_schemas.py` validates that file against assets/schemas and
/// assets/asyncapi.yaml. This test keeps the file honest: it fails when what we emit changes.
/// Rewrite it with `UPDATE_EMITTED_SAMPLES=1 swift test --filter EmittedSamplesTests`.
@Suite struct EmittedSamplesTests {
    static let file = repositoryRoot.appendingPathComponent("Tests/EventPublisherTests/Fixtures/emitted-events.json")
    static let traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

    /// The bytes `DaprBus.publish` writes to the outbox and sends.
    static func emitted() throws -> [UInt8] {
        let events = try sampleEvents().map { event in
            try EventCatalogue.structuredJSON(
                for: event,
                source: event.topic == .taskUpdates ? EventCatalogue.workerSource : EventCatalogue.chatSource,
                traceparent: traceparent)
        }
        // One event per line, so that a change reads well in a diff.
        var out: [UInt8] = Array("[\n".utf8)
        for (index, event) in events.enumerated() {
            out += event
            out += Array((index == events.count - 1 ? "\n" : ",\n").utf8)
        }
        return out + Array("]\n".utf8)
    }

    @Test func theCommittedSamplesAreWhatWeEmit() throws {
        let now = try Self.emitted()
        if ProcessInfo.processInfo.environment["UPDATE_EMITTED_SAMPLES"] == "1" {
            try Data(now).write(to: Self.file)
        }
        let committed = try [UInt8](Data(contentsOf: Self.file))
        #expect(String(decoding: committed, as: UTF8.self) == String(decoding: now, as: UTF8.self))
        #expect(try CloudEvent.decodeBatch(json: committed).count == EventType.allCases.count)
    }
}
