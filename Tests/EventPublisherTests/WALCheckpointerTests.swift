import Foundation
import Testing
import TodoCore

@testable import EventPublisher

@Suite(.timeLimit(.minutes(2)))
struct WALCheckpointerTests {
    /// Under a sustained stream of commits the WAL starts over instead of growing: without the backstop on
    /// the committing connection it reached 12,000 frames (about 50 MB) here.
    @Test func theWALStaysBoundedUnderSustainedCommits() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try EventStore(directory: dir.url, fileName: EventStore.daprFileName)
        let outbox = try Outbox(pool: store.pool, capacity: 1_000_000)
        let body = Array(String(repeating: "x", count: 600).utf8)
        for _ in 0..<3_000 {
            _ = try await outbox.enqueue([
                Outbox.NewEntry(eventID: newID(), taskID: "t", topic: Topic.taskEvents.rawValue, body: body)
            ])
        }
        let wal = try FileManager.default.attributesOfItem(atPath: store.path + "-wal")
        let size = try #require(wal[.size] as? Int)
        // At most the backstop's 4,000 frames of 4 KiB (plus headers), however many commits came.
        #expect(size < 4_100 * 4_120)
        #expect(outbox.pending == 3_000)
    }
}
