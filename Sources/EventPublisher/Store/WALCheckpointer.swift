import Dispatch
import GRDB
import GRDBSQLite
import Synchronization

/// Copies the WAL back into the database file in the background, off the commit path.
///
/// SQLite's automatic checkpoint runs inside whichever commit pushes the WAL past 1,000 pages, and it
/// fsyncs: that one command waits milliseconds (the Enter-to-accepted p99). Every connection of the
/// store turns it off and reports its commits here instead (`sqlite3_wal_hook`); past `threshold` pages
/// a PASSIVE checkpoint runs on a connection of its own on a background queue. PASSIVE never blocks
/// writers or readers; what it cannot copy yet (a reader still needs it) is copied next time.
final class WALCheckpointer: Sendable {
    private let path: String
    private let threshold: Int32
    private let running = Mutex(false)

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
            { context, _, _, pages in
                guard let context else { return SQLITE_OK }
                Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue().committed(walPages: pages)
                return SQLITE_OK
            }, context)
    }

    private func committed(walPages: Int32) {
        guard walPages >= threshold else { return }
        let start = running.withLock { running in
            if running { return false }
            running = true
            return true
        }
        guard start else { return }
        DispatchQueue.global(qos: .utility).async { [self] in
            defer { running.withLock { $0 = false } }
            // A connection of its own: the pool's writer stays free for commands meanwhile.
            guard let queue = try? DatabaseQueue(path: path) else { return }
            _ = try? queue.writeWithoutTransaction { db in try db.checkpoint(.passive) }
            try? queue.close()
        }
    }
}
