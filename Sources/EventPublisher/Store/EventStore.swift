import Foundation
import GRDB
import Synchronization
import TodoCore

/// The one SQLite file (WAL) under the data directory: the event log, the task state, scheduled
/// reminders, the Dapr outbox and the ids of deliveries already applied. Several processes may open it.
final class EventStore: Sendable {
    static let fileName = "todo-chat.sqlite"
    static let daprFileName = "todo-chat-dapr.sqlite"

    let pool: DatabasePool
    let path: String

    /// How the file is synced. `.normal` (WAL, no fsync per commit) survives a crash of the process;
    /// `.full` also survives a power cut, at the price of a disk flush per commit.
    enum Durability: Sendable { case full, normal }

    /// - Parameter fileName: embedded mode and Dapr mode keep separate files in the same directory, so that
    ///   the Dapr mode's mirror of the worker's state never mixes with the embedded mode's own.
    init(directory: URL, fileName: String = EventStore.fileName, durability: Durability = .normal) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent(fileName).path
        var configuration = Configuration()
        // Two terminals write the same file; wait for the other's transaction instead of failing.
        configuration.busyMode = .timeout(10)
        let checkpointer = WALCheckpointer(path: path)
        configuration.prepareDatabase { db in
            try db.execute(sql: durability == .full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
            checkpointer.install(on: db)
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(pool)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // Every event the embedded bus accepted or produced, in acceptance order.
            try db.execute(
                sql: """
                    CREATE TABLE event (
                        position INTEGER PRIMARY KEY AUTOINCREMENT,
                        id TEXT NOT NULL UNIQUE,
                        taskId TEXT NOT NULL,
                        type TEXT NOT NULL,
                        topic TEXT NOT NULL,
                        sequence INTEGER NOT NULL,
                        time DOUBLE NOT NULL,
                        correlationId TEXT,
                        userId TEXT,
                        data BLOB NOT NULL
                    );
                    CREATE TABLE task (
                        id TEXT PRIMARY KEY NOT NULL,
                        sequence INTEGER NOT NULL,
                        body BLOB NOT NULL
                    ) WITHOUT ROWID;
                    CREATE TABLE reminder (
                        taskId TEXT NOT NULL,
                        reminderId TEXT NOT NULL,
                        fireAt DOUBLE NOT NULL,
                        title TEXT NOT NULL,
                        PRIMARY KEY (taskId, reminderId)
                    ) WITHOUT ROWID;
                    CREATE INDEX reminder_fireAt ON reminder(fireAt);
                    CREATE TABLE outbox (
                        position INTEGER PRIMARY KEY AUTOINCREMENT,
                        eventId TEXT NOT NULL UNIQUE,
                        taskId TEXT NOT NULL,
                        topic TEXT NOT NULL,
                        body BLOB NOT NULL
                    );
                    CREATE TABLE received (
                        eventId TEXT PRIMARY KEY NOT NULL,
                        receivedAt DOUBLE NOT NULL
                    ) WITHOUT ROWID;
                    """)
        }
        // The pending count, kept by triggers: counting the outbox on every write scanned a table that
        // grows while the sidecar is away.
        migrator.registerMigration("v2-outbox-size") { db in
            try db.execute(
                sql: """
                    CREATE TABLE outbox_size (pending INTEGER NOT NULL);
                    INSERT INTO outbox_size SELECT COUNT(*) FROM outbox;
                    CREATE TRIGGER outbox_added AFTER INSERT ON outbox
                        BEGIN UPDATE outbox_size SET pending = pending + 1; END;
                    CREATE TRIGGER outbox_removed AFTER DELETE ON outbox
                        BEGIN UPDATE outbox_size SET pending = pending - 1; END;
                    """)
        }
        // Where each live reader of the event log has got to, so that retention never deletes what one of
        // them has not read yet (LocalBus).
        migrator.registerMigration("v3-log-readers") { db in
            try db.execute(
                sql: """
                    CREATE TABLE log_reader (
                        id TEXT PRIMARY KEY NOT NULL,
                        pid INTEGER NOT NULL,
                        position INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    """)
        }
        return migrator
    }
}

// MARK: - Event log rows

extension EventStore {
    /// Appends `event` unless its id is already there; `true` when it was new.
    static func append(_ event: TaskEvent, _ db: Database) throws -> Bool {
        // Cached: a batch of a hundred events would otherwise parse the same statement a hundred times.
        try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO event (id, taskId, type, topic, sequence, time, correlationId, userId, data)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                event.id, event.taskID.rawValue, event.type.rawValue, event.topic.rawValue, event.sequence,
                event.time.timeIntervalSinceReferenceDate, event.correlationID, event.userID,
                event.payload.encoded(),
            ])
        return db.changesCount > 0
    }

    static func lastPosition(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT IFNULL(MAX(position), 0) FROM event") ?? 0
    }

    /// One row of the log as a reader sees it.
    struct LogEntry {
        var position: Int64
        /// nil for a type this program does not know.
        var type: EventType?
        /// The decoded event, if its type was asked for; a row that cannot be read is a failure of its own
        /// and does not stop the rows around it.
        var event: Result<TaskEvent, StoreError>?
    }

    /// Log entries after `position`, oldest first. Only the payloads of types `decoding` wants are decoded: a
    /// reader that needs the task-updates skips the cost of the task-events between them.
    static func events(after position: Int64, decoding: (EventType) -> Bool, _ db: Database) throws -> [LogEntry] {
        // Cached and read by column index: another process's flood of commits makes this run once per
        // commit, and preparing the statement (with GRDB's authorizer) and looking up columns by name
        // cost more than the rows themselves.
        let statement = try db.cachedStatement(
            sql: """
                SELECT position, type, id, taskId, sequence, time, correlationId, userId, data
                FROM event WHERE position > ? ORDER BY position
                """)
        // A cursor reads each row in place (`fetchAll` would copy every row first).
        let rows = try Row.fetchCursor(statement, arguments: [position])
        var entries: [LogEntry] = []
        while let row = try rows.next() { entries.append(entry(row)) }
        return entries

        func entry(_ row: Row) -> LogEntry {
            let position: Int64 = row[0]
            guard let type = EventType(rawValue: row[1]) else {
                return LogEntry(
                    position: position, type: nil,
                    event: .failure(
                        .corrupt("event at position \(position) has the unknown type '\(row[1] as String)'")))
            }
            guard decoding(type) else { return LogEntry(position: position, type: type, event: nil) }
            let event = Result { () throws(StoreError) -> TaskEvent in
                do {
                    return TaskEvent(
                        id: row[2], taskID: TaskID(row[3]), sequence: row[4],
                        time: Date(timeIntervalSinceReferenceDate: row[5]), correlationID: row[6],
                        userID: row[7], payload: try EventPayload.decode(type: type, data: row[8]))
                } catch {
                    throw .corrupt(
                        "event \(row[2] as String) at position \(position) has an unreadable payload: \(error)")
                }
            }
            return LogEntry(position: position, type: type, event: event)
        }
    }
}

// MARK: - Retention of the event log

extension EventStore {
    /// Where the reader `id` of this process has read the log to (inclusive).
    static func recordReader(_ id: String, position: Int64, _ db: Database) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO log_reader (id, pid, position) VALUES (?, ?, ?)",
            arguments: [id, getpid(), position])
    }

    static func removeReader(_ id: String, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM log_reader WHERE id = ?", arguments: [id])
    }

    /// Deletes the log entries older than the newest `keep`, except any that a live reader has not read.
    /// A reader whose process is gone (killed, crashed) is forgotten first; a reader of a live process
    /// holds everything after its recorded position, however far behind it is. Returns how many went.
    static func pruneLog(keep: Int, _ db: Database) throws -> Int {
        var floor = try lastPosition(db) - Int64(keep)
        for row in try Row.fetchAll(db, sql: "SELECT id, pid, position FROM log_reader") {
            let pid: Int32 = row["pid"]
            if kill(pid, 0) == 0 || errno == EPERM {
                floor = min(floor, row["position"])
            } else {
                try removeReader(row["id"], db)
            }
        }
        guard floor > 0 else { return 0 }
        try db.execute(sql: "DELETE FROM event WHERE position <= ?", arguments: [floor])
        return db.changesCount
    }
}

// MARK: - Task rows

extension EventStore {
    static func task(_ id: TaskID, _ db: Database) throws -> Task? {
        guard let body = try Data.fetchOne(db, sql: "SELECT body FROM task WHERE id = ?", arguments: [id.rawValue])
        else { return nil }
        return try TaskCoding.decode(body)
    }

    static func save(_ task: Task, _ db: Database) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO task (id, sequence, body) VALUES (?, ?, ?)",
            arguments: [task.id.rawValue, task.sequence, try TaskCoding.encoder.encode(task)])
    }

    static func deleteTask(_ id: TaskID, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM task WHERE id = ?", arguments: [id.rawValue])
    }

    static func allTasks(_ db: Database) throws -> [Task] {
        let bodies = try Data.fetchAll(db, sql: "SELECT body FROM task")
        // Decoding the JSON bodies is most of a cold start with thousands of tasks (the chat's first
        // frame waits for it), so large stores decode in one slice per core.
        let slices = bodies.count < 2_000 ? 1 : max(1, ProcessInfo.processInfo.activeProcessorCount)
        let size = (bodies.count + slices - 1) / slices
        let decoded = Mutex([Result<[Task], any Error>?](repeating: nil, count: slices))
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let range = min(slice * size, bodies.count)..<min((slice + 1) * size, bodies.count)
            let result = Result { try bodies[range].map(TaskCoding.decode).filter { $0.status != .deleted } }
            decoded.withLock { $0[slice] = result }
        }
        return try decoded.withLock { $0 }.flatMap { try $0!.get() }
    }
}

/// Task rows hold a task as JSON with dates as reference-date seconds: exact and cheap to decode.
enum TaskCoding {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .deferredToDate
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .deferredToDate
        return decoder
    }

    /// The fast reader for the rows this store wrote; `JSONDecoder` for anything else (and its error).
    static func decode(_ body: Data) throws -> Task {
        try TaskJSONReader.task(body, dates: .referenceSeconds) ?? decoder.decode(Task.self, from: body)
    }
}

// MARK: - Reminder rows

extension EventStore {
    struct ScheduledReminder: Hashable, Sendable {
        var taskID: TaskID
        var reminderID: String
        var fireAt: Date
        var title: String
    }

    static func schedule(_ reminder: ScheduledReminder, _ db: Database) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO reminder (taskId, reminderId, fireAt, title) VALUES (?, ?, ?, ?)",
            arguments: [
                reminder.taskID.rawValue, reminder.reminderID, reminder.fireAt.timeIntervalSinceReferenceDate,
                reminder.title,
            ])
    }

    static func unschedule(taskID: TaskID, reminderID: String?, _ db: Database) throws {
        if let reminderID {
            try db.execute(
                sql: "DELETE FROM reminder WHERE taskId = ? AND reminderId = ?",
                arguments: [taskID.rawValue, reminderID])
        } else {
            try db.execute(sql: "DELETE FROM reminder WHERE taskId = ?", arguments: [taskID.rawValue])
        }
    }

    static func nextReminderTime(_ db: Database) throws -> Date? {
        try Double.fetchOne(db, sql: "SELECT MIN(fireAt) FROM reminder").map(Date.init(timeIntervalSinceReferenceDate:))
    }

    /// Removes and returns the reminders due at `now`. Inside a write transaction only one process gets each.
    static func claimDueReminders(at now: Date, _ db: Database) throws -> [ScheduledReminder] {
        let rows = try Row.fetchAll(
            db, sql: "SELECT * FROM reminder WHERE fireAt <= ? ORDER BY fireAt",
            arguments: [now.timeIntervalSinceReferenceDate])
        try db.execute(sql: "DELETE FROM reminder WHERE fireAt <= ?", arguments: [now.timeIntervalSinceReferenceDate])
        return rows.map {
            ScheduledReminder(
                taskID: TaskID($0["taskId"]), reminderID: $0["reminderId"],
                fireAt: Date(timeIntervalSinceReferenceDate: $0["fireAt"]), title: $0["title"])
        }
    }
}

// MARK: - Deliveries already applied (Dapr mode)

extension EventStore {
    /// Records a delivered event id; `false` if it was there already (a redelivery).
    static func markReceived(_ eventID: String, at now: Date, _ db: Database) throws -> Bool {
        try db.execute(
            sql: "INSERT OR IGNORE INTO received (eventId, receivedAt) VALUES (?, ?)",
            arguments: [eventID, now.timeIntervalSinceReferenceDate])
        return db.changesCount > 0
    }

    /// Ids older than the broker keeps messages cannot come back; forget them.
    static func forgetReceived(before date: Date, _ db: Database) throws {
        try db.execute(
            sql: "DELETE FROM received WHERE receivedAt < ?", arguments: [date.timeIntervalSinceReferenceDate])
    }
}

enum StoreError: Error, Hashable, CustomStringConvertible {
    case corrupt(String)

    var description: String {
        switch self {
        case .corrupt(let what): "the event store is damaged: \(what)"
        }
    }
}
