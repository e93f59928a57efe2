import Foundation
import GRDB
import TodoCore

/// The durable outbox of the Dapr mode: CloudEvents written in the same file as everything else, kept
/// until the sidecar has acknowledged them, published oldest first (so in order per task).
struct Outbox: Sendable {
    struct Entry: Hashable, Sendable {
        var position: Int64
        var eventID: String
        var taskID: String
        var topic: String
        /// The structured-mode CloudEvent JSON, exactly as it will be sent.
        var body: [UInt8]
    }

    let pool: DatabasePool
    /// How many unpublished events may wait; more is refused with `OutboxFull`, never dropped.
    let capacity: Int

    /// Writes the events (skipping ids already there) in one transaction; returns the ids that were new
    /// and the pending count after.
    func enqueue(_ entries: [(eventID: String, taskID: String, topic: String, body: [UInt8])]) async throws
        -> (accepted: [String], pending: Int)
    {
        let capacity = self.capacity
        return try await pool.write { db in
            let pending = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0
            guard pending + entries.count <= capacity else {
                throw OutboxFull(capacity: capacity, pending: pending, refused: entries.count)
            }
            var accepted: [String] = []
            for entry in entries {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO outbox (eventId, taskId, topic, body) VALUES (?, ?, ?, ?)",
                    arguments: [entry.eventID, entry.taskID, entry.topic, Data(entry.body)])
                if db.changesCount > 0 { accepted.append(entry.eventID) }
            }
            return (accepted, pending + accepted.count)
        }
    }

    /// The oldest entries, at most `limit`.
    func head(limit: Int) async throws -> [Entry] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY position LIMIT ?", arguments: [limit]).map {
                Entry(
                    position: $0["position"], eventID: $0["eventId"], taskID: $0["taskId"], topic: $0["topic"],
                    body: Array($0["body"] as Data))
            }
        }
    }

    /// Forgets published entries; returns the pending count after.
    func remove(_ positions: [Int64]) async throws -> Int {
        try await pool.write { db in
            for position in positions {
                try db.execute(sql: "DELETE FROM outbox WHERE position = ?", arguments: [position])
            }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0
        }
    }

    func count() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0 }
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
