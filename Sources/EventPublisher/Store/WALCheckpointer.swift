import Dispatch
import GRDB
import GRDBSQLite
import Synchronization

/// Copies the WAL back into the database file mostly in the background, off the commit path.
///
/// SQLite's automatic checkpoint runs inside whichever commit pushes the WAL past 1,000 pages, copies all of
/// it and fsyncs: that one command waits milliseconds (the Enter-to-accepted p99). Every connection of the
/// store reports its commits here instead (`sqlite3_wal_hook`, which replaces the automatic checkpoint):
/// - each time the WAL has grown by `threshold` pages, a PASSIVE checkpoint runs on a connection of its own
///   on a background queue; it never blocks writers or readers.
/// - A background checkpoint cannot let the WAL start over while commands keep coming (the writer restarts
///   it only when every frame is copied, and new ones arrive during the copy), so under sustained writes the
///   WAL would grow without end. At `4 * threshold` pages the committing connection itself checkpoints, as
///   SQLite would have: by then the background runs have copied all but the latest frames, so it copies few,
///   and the next commit starts the WAL over. A person typing never gets there; a burst does once per
///   `4 * threshold` pages.
final class WALCheckpointer: Sendable {
    private struct State {
        var running = false
        /// WAL size when the last background checkpoint was asked for.
        var requestedAt: Int32 = 0
    }

    private let path: String
    private let threshold: Int32
    private let state = Mutex(State())

    init(path: String, threshold: Int32 = 1000) {
        self.path = path
        self.threshold = threshold
    }

    /// Hooks `db`'s commits. The hook's context keeps this object alive for as long as the connection
    /// may call it; SQLite has no close callback, so it is never released (one small object per store).
    func install(on db: Database) {
        let context = Unmanaged.passRetained(self).toOpaque()
        sqlite3_wal_hook(
            db.sqliteConnection,
            { context, connection, _, pages in
                guard let context else { return SQLITE_OK }
                let checkpointer = Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue()
                if pages >= 4 * checkpointer.threshold {
                    // The backstop, on the committing connection (what SQLite's own hook does).
                    sqlite3_wal_checkpoint(connection, nil)
                    checkpointer.state.withLock { $0.requestedAt = 0 }
                } else {
                    checkpointer.committed(walPages: pages)
                }
                return SQLITE_OK
            }, context)
    }

    private func committed(walPages: Int32) {
        let start = state.withLock { state in
            // A smaller WAL than last time means it started over.
            if walPages < state.requestedAt { state.requestedAt = 0 }
            guard !state.running, walPages >= state.requestedAt + threshold else { return false }
            state.running = true
            state.requestedAt = walPages
            return true
        }
        guard start else { return }
        DispatchQueue.global(qos: .utility).async { [self] in
            defer { state.withLock { $0.running = false } }
            // A connection of its own: the pool's writer stays free for commands meanwhile.
            guard let queue = try? DatabaseQueue(path: path) else { return }
            _ = try? queue.writeWithoutTransaction { db in try db.checkpoint(.passive) }
            try? queue.close()
        }
    }
}
