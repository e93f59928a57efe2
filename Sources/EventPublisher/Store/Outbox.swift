import Foundation
import GRDB
import Synchronization
import TodoCore

/// The durable outbox of the Dapr mode: CloudEvents written in the same file as everything else, kept
/// until the sidecar has acknowledged them, published oldest first (so in order per task).
///
/// Writes are group-committed (`GroupCommit`): concurrent commands, and the publisher's removal of what
/// the sidecar acknowledged, share one transaction, written on the thread of whichever caller got there
/// first. The pending count is kept by triggers in `outbox_size`, so no write scans the table.
final class Outbox: Sendable {
    struct Entry: Hashable, Sendable {
        var position: Int64
        var eventID: String
        var taskID: String
        var topic: String
        /// The structured-mode CloudEvent JSON, exactly as it will be sent.
        var body: [UInt8]
    }

    struct NewEntry: Hashable, Sendable {
        var eventID: String
        var taskID: String
        var topic: String
        var body: [UInt8]
    }

    /// What a committed request did: the event ids that were new, and the pending count after it.
    struct Change: Hashable, Sendable {
        var accepted: [String]
        var pending: Int
    }

    enum Request: Sendable {
        case enqueue([NewEntry])
        case remove([Int64])
    }

    let pool: DatabasePool
    /// How many unpublished events may wait; more is refused with `OutboxFull`, never dropped.
    let capacity: Int
    private let writes: GroupCommit<Request, Change>
    private let committed: CommittedCount

    init(pool: DatabasePool, capacity: Int) throws {
        self.pool = pool
        self.capacity = capacity
        let committed = CommittedCount(try pool.read(Self.pending))
        self.committed = committed
        writes = GroupCommit { requests in
            let results = try Self.commit(requests, pool: pool, capacity: capacity)
            // Leaders take turns, so this follows commit order.
            if case .success(let change)? = results.last(where: { (try? $0.get()) != nil }) {
                committed.pending.withLock { $0 = change.pending }
            }
            return results
        }
    }

    /// The pending count after the latest commit of this process. Status updates read this rather than
    /// their own receipt, so that two updates racing each other cannot leave an older count on screen.
    var pending: Int { committed.pending.withLock { $0 } }

    private final class CommittedCount: Sendable {
        let pending: Mutex<Int>
        init(_ pending: Int) { self.pending = Mutex(pending) }
    }

    /// Writes the events (skipping ids already there); returns once they are on disk. A command that
    /// would take the outbox past `capacity` is refused whole with `OutboxFull`.
    func enqueue(_ entries: [NewEntry]) async throws -> Change {
        try await writes.submit(.enqueue(entries))
    }

    /// Forgets entries the sidecar acknowledged, in the next group's transaction.
    func remove(_ positions: [Int64]) async throws {
        _ = try await writes.submit(.remove(positions))
    }

    /// Whether a transaction is being written and how many requests wait for the next (tests use it to
    /// form a group).
    var writeQueue: (writing: Bool, waiting: Int) { writes.queue }

    /// The oldest entries, at most `limit`. Reads a snapshot on a reader connection: it never waits for
    /// a writer (WAL), and runs on the caller's thread.
    func head(limit: Int) throws -> [Entry] {
        try pool.read { db in
            let statement = try db.cachedStatement(
                sql: "SELECT position, eventId, taskId, topic, body FROM outbox ORDER BY position LIMIT ?")
            return try Row.fetchAll(statement, arguments: [limit]).map {
                Entry(position: $0[0], eventID: $0[1], taskID: $0[2], topic: $0[3], body: Array($0[4] as Data))
            }
        }
    }

    private static func pending(_ db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT pending FROM outbox_size")) ?? 0
    }

    /// One transaction for a group of requests, in order. The sync `write` runs on the calling thread
    /// unless another write of this process holds the connection.
    private static func commit(_ requests: [Request], pool: DatabasePool, capacity: Int) throws -> [Result<
        Change, any Error
    >] {
        try pool.write { db in
            var pending = try Self.pending(db)
            let insert = try db.cachedStatement(
                sql: "INSERT OR IGNORE INTO outbox (eventId, taskId, topic, body) VALUES (?, ?, ?, ?)")
            let delete = try db.cachedStatement(sql: "DELETE FROM outbox WHERE position = ?")
            var results: [Result<Change, any Error>] = []
            results.reserveCapacity(requests.count)
            for request in requests {
                switch request {
                case .enqueue(let entries):
                    guard pending + entries.count <= capacity else {
                        results.append(
                            .failure(OutboxFull(capacity: capacity, pending: pending, refused: entries.count)))
                        continue
                    }
                    var accepted: [String] = []
                    accepted.reserveCapacity(entries.count)
                    for entry in entries {
                        try insert.execute(arguments: [entry.eventID, entry.taskID, entry.topic, Data(entry.body)])
                        if db.changesCount > 0 { accepted.append(entry.eventID) }
                    }
                    pending += accepted.count
                    results.append(.success(Change(accepted: accepted, pending: pending)))
                case .remove(let positions):
                    for position in positions {
                        try delete.execute(arguments: [position])
                        pending -= db.changesCount
                    }
                    results.append(.success(Change(accepted: [], pending: pending)))
                }
            }
            return results
        }
    }
}

/// The outbox is full: the sidecar has been away long enough for `capacity` events to pile up.
public struct OutboxFull: Error, Hashable, CustomStringConvertible {
    public var capacity: Int
    public var pending: Int
    public var refused: Int

    public var description: String {
        "not accepted: \(pending) events are already waiting for the Dapr sidecar (the outbox holds at most "
            + "\(capacity)); start the sidecar or check its address, then try again"
    }
}
