import Foundation
import Synchronization
import Testing

@testable import EventPublisher

/// The parts of DaprClient the worker relies on (state with ETags, jobs), against the stand-in sidecar.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct DaprClientIntegrationTests {
    @Test func stateKeepsETagsAndRefusesAStaleWrite() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let sidecar = try StandinSidecar.start(appID: "todo-worker", appPort: freePort(), directory: dir.url)
        defer { sidecar.stop() }
        let client = sidecar.client
        #expect(try await client.getState(store: "statestore", key: "task-1") == nil)
        try await client.saveState(store: "statestore", [.init(key: "task-1", value: Array(#"{"title":"a"}"#.utf8))])
        let first = try #require(try await client.getState(store: "statestore", key: "task-1"))
        #expect(String(decoding: first.value, as: UTF8.self) == #"{"title":"a"}"#)
        let etag = try #require(first.etag)
        try await client.saveState(
            store: "statestore", [.init(key: "task-1", value: Array(#"{"title":"b"}"#.utf8), etag: etag)])
        await #expect {
            try await client.saveState(
                store: "statestore", [.init(key: "task-1", value: Array(#"{"title":"c"}"#.utf8), etag: etag)])
        } throws: { error in
            (error as? DaprError)?.kind == .etagMismatch
        }
        try await client.stateTransaction(
            store: "statestore",
            [.upsert(.init(key: "task-2", value: Array("2".utf8))), .delete(key: "task-1", etag: nil)])
        #expect(try await client.getState(store: "statestore", key: "task-1") == nil)
        #expect(try await client.getState(store: "statestore", key: "task-2")?.value == Array("2".utf8))
        try await client.deleteState(store: "statestore", key: "task-2")
        #expect(try await client.getState(store: "statestore", key: "task-2") == nil)
        await #expect {
            try await client.getState(store: "nostore", key: "k")
        } throws: { error in
            (error as? DaprError)?.status == 400
        }
    }

    @Test func aScheduledJobCallsTheAppChannelBackWithItsData() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let appPort = freePort()
        let sidecar = try StandinSidecar.start(appID: "todo-worker", appPort: appPort, directory: dir.url)
        defer { sidecar.stop() }
        let received = Mutex<[(String, String)]>([])
        let channel = AppChannel(
            configuration: .init(port: appPort, subscriptions: []),
            onEvent: { _ in .success },
            onJob: { name, body in
                received.withLock { $0.append((name, String(decoding: body, as: UTF8.self))) }
                return .done
            })
        try await channel.start()
        #expect(await sidecar.waitHealthy())
        try await sidecar.client.scheduleJob(
            name: "reminder-t1-r1",
            .init(dueTime: "1s", data: .object([.init("taskId", .string("t1")), .init("reminderId", .string("r1"))])))
        let deadline = Date().addingTimeInterval(10)
        while received.withLock({ $0.isEmpty }), Date() < deadline {
            try await _Concurrency.Task.sleep(for: .milliseconds(50))
        }
        let calls = received.withLock { $0 }
        #expect(calls.map(\.0) == ["reminder-t1-r1"])
        let data = try JSONValue.parse(Array((calls.first?.1 ?? "").utf8))
        #expect(data["taskId"] == .string("t1"))
        #expect(data["reminderId"] == .string("r1"))
        try await sidecar.client.deleteJob(name: "reminder-t1-r1")
        await channel.stop()
    }
}
