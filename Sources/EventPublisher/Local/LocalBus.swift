import Foundation
import GRDB
import Logging
import Synchronization
import TodoCore

/// The embedded mode: the bus, the task processor and the task state in one process, on one SQLite file.
///
/// `publish` appends the command's events to the event log, applies them with TodoCore's processor
/// (`TaskState.process`) and stores the resulting task and its `task-updates`, all in one transaction; it returns once that
/// transaction is on disk. Subscribers hear the updates by reading the log after their position, so a
/// second process on the same file hears them too: it is woken by inotify on the `-wal` file.
/// Reminders fire from a timer set to the earliest scheduled one (no polling).
///
/// Retention: the log keeps the newest `retainEvents` entries (they also recognise a retried command by
/// its event ids) and everything a live reader has not read yet. Each bus records its position in
/// `log_reader` whenever it has read `retainEvents / 10` more entries, and then prunes; a reader whose
/// process is gone stops counting. Task state is kept apart from the log and is never pruned.
public actor LocalBus: EventBus {
    private let directory: URL
    private let zone: TimeZone
    private let clock: @Sendable () -> Date
    private let durability: EventStore.Durability
    private let retainEvents: Int
    private let readerID = UUID().uuidString
    private let hub = SubscriberHub(status: BusStatus(mode: .embedded, sidecar: .notUsed, pending: 0))
    private let logger: Logger

    private var store: EventStore?
    private var watcher: DatabaseChangeWatcher?
    private var cursor: Int64 = 0
    private var prunedAt: Int64 = 0
    private var draining = false
    private var drainAgain = false
    /// Whether a follower task is reading after the watcher's wake-ups, and whether another came meanwhile.
    private let following = Mutex(Following())
    private static let secondLook = Duration.milliseconds(30)

    private struct Following {
        var running = false
        var woken = false
    }
    private var reminderTimer: _Concurrency.Task<Void, Never>?

    /// - Parameters:
    ///   - directory: where the SQLite file lives (the chat passes `$XDG_DATA_HOME/todo-chat/`); created
    ///     if missing.
    ///   - zone: the person's time zone, for reminders of tasks without a due zone of their own.
    ///   - syncEachCommit: `false` (the default) writes each accepted command to the WAL before `publish`
    ///     returns, which survives a crash or kill of the process; `true` also fsyncs it, which survives a
    ///     power cut but costs a disk flush per command (p99 36 ms in one measurement on the 2-core build
    ///     machine, about 1 ms in another: it depends on the disk; the budget for Enter-to-accepted is 5 ms).
    ///   - retainEvents: how many of the newest log entries are kept in any case (see the type's comment).
    ///   - clock: the time stamped on reminder triggers.
    ///   - logger: where an unreadable entry of the log is reported (it is skipped, the rest is delivered).
    public init(
        directory: URL, zone: TimeZone = .current, syncEachCommit: Bool = false, retainEvents: Int = 10_000,
        clock: @escaping @Sendable () -> Date = { Date() }, logger: Logger = Logger(label: "todo-chat.local-bus")
    ) {
        self.logger = logger
        self.directory = directory
        self.zone = zone
        self.durability = syncEachCommit ? .full : .normal
        self.retainEvents = max(1, retainEvents)
        self.clock = clock
    }

    public func start() async throws {
        guard store == nil else { return }
        let store = try EventStore(directory: directory, durability: durability)
        self.store = store
        // Subscribers get what happens from now on; what happened before is in `snapshot()`.
        cursor = try await store.pool.read(EventStore.lastPosition)
        prunedAt = cursor
        let (readerID, position) = (self.readerID, cursor)
        try await store.pool.write { db in try EventStore.recordReader(readerID, position: position, db) }
        watcher = try DatabaseChangeWatcher(databasePath: store.path) { [weak self] in
            guard let self else { return }
            let start = self.following.withLock { following in
                following.woken = true
                defer { following.running = true }
                return !following.running
            }
            if start { _Concurrency.Task { await self.follow() } }
        }
        await rescheduleReminders()
    }

    /// Reads the log after another process's commits. A lone commit is read at once. A flood of them (thousands a
    /// second, a few hundred wake-ups) is read once per `secondLook`, which is as often as the screen redraws
    /// anyway: reading after every wake-up cost more in thread switches than in reading.
    ///
    /// Every wake-up is followed by a read at least `secondLook` after it. inotify reports the write of a commit
    /// to the -wal file just before SQLite publishes the commit in its shared-memory index (not watchable): a
    /// read in between sees nothing new, and the last commit of a burst would wait for the next one.
    private nonisolated func follow() async {
        while true {
            following.withLock { $0.woken = false }
            await drainLog()
            try? await _Concurrency.Task.sleep(for: Self.secondLook)
            let again = following.withLock { following in
                if !following.woken { following.running = false }
                return following.woken
            }
            if !again {
                await drainLog()
                return
            }
        }
    }

    public func publish(_ events: [TaskEvent]) async throws -> PublishReceipt {
        guard let store else { throw BusError.notStarted }
        let (accepted, remindersChanged) = try Self.commit(events, to: store)
        await drainLog()
        if remindersChanged { await rescheduleReminders() }
        return PublishReceipt(accepted: accepted, pending: 0)
    }

    public nonisolated func subscribe() -> AsyncStream<BusEvent> { hub.subscribe() }

    public func snapshot() async throws -> [Task] {
        guard let store else { throw BusError.notStarted }
        return try await store.pool.read(EventStore.allTasks)
    }

    public func shutdown() async {
        // Cleared before the first suspension, so that a prune still queued cannot record us again afterwards.
        let closing = store
        store = nil
        watcher?.stop()
        watcher = nil
        reminderTimer?.cancel()
        reminderTimer = nil
        if let closing {
            let readerID = self.readerID
            _ = try? await closing.pool.write { db in try EventStore.removeReader(readerID, db) }
        }
        hub.finish()
    }

    /// Appends and applies a command's events in one transaction, on the calling thread (the sync `write`):
    /// a command is on the Enter-to-update path, and a hop to GRDB's writer queue and back costs two
    /// thread wake-ups, which a loaded machine turns into milliseconds. Returns the ids that were new and
    /// whether scheduled reminders changed.
    private static func commit(_ events: [TaskEvent], to store: EventStore) throws -> (
        accepted: [String], remindersChanged: Bool
    ) {
        try store.pool.write { db in
            var accepted: [String] = []
            var remindersChanged = false
            for event in events {
                guard try EventStore.append(event, db) else { continue }
                accepted.append(event.id)
                if try Self.process(event, db) { remindersChanged = true }
            }
            return (accepted, remindersChanged)
        }
    }

    /// Log entries after `position`, read on the calling thread (see `commit`). Payloads are decoded only for
    /// what subscribers hear: a process that only writes (no subscriber) decodes nothing.
    private static func entries(after position: Int64, in store: EventStore, forSubscribers: Bool) throws
        -> [EventStore.LogEntry]
    {
        try store.pool.read { db in
            try EventStore.events(after: position, decoding: { forSubscribers && Self.isHeard($0) }, db)
        }
    }

    private static func isHeard(_ type: EventType) -> Bool { type.topic == .taskUpdates || type == .reminderTriggered }

    /// Applies one newly accepted event inside the write transaction; `true` if scheduled reminders changed.
    private static func process(_ event: TaskEvent, _ db: Database) throws -> Bool {
        switch event.payload {
        case .reminderScheduled(let p):
            try EventStore.schedule(
                .init(taskID: p.taskId, reminderID: p.reminder.id, fireAt: p.fireAt, title: p.title), db)
            return true
        case .reminderRemoved(let p):
            try EventStore.unschedule(taskID: p.taskId, reminderID: p.reminderId, db)
            return true
        default:
            break
        }
        guard event.topic == .taskEvents else { return false }
        var state = TaskState(tasks: try EventStore.task(event.taskID, db).map { [$0] } ?? [])
        let (outcome, updates) = state.process(event) { UUID().uuidString.lowercased() }
        guard outcome == .applied, let task = state[event.taskID] else { return false }
        try EventStore.save(task, db)
        for update in updates { _ = try EventStore.append(update, db) }
        // A task that is gone has nothing left to remind anyone of.
        guard task.status == .deleted else { return false }
        try EventStore.unschedule(taskID: event.taskID, reminderID: nil, db)
        return true
    }

    /// Tells subscribers about log entries after `cursor`, whichever process wrote them.
    private func drainLog() async {
        if draining {
            drainAgain = true
            return
        }
        draining = true
        defer { draining = false }
        repeat {
            drainAgain = false
            guard let store else { return }
            let after = cursor
            guard let entries = try? Self.entries(after: after, in: store, forSubscribers: hub.hasSubscribers)
            else { return }
            var remindersChanged = false
            var updates: [TaskEvent] = []
            for entry in entries {
                cursor = max(cursor, entry.position)
                if entry.type == .reminderScheduled || entry.type == .reminderRemoved { remindersChanged = true }
                switch entry.event {
                case nil:
                    continue
                case .failure(let error):
                    logger.error("skipped an event of the log", metadata: ["error": "\(error)"])
                case .success(let event) where event.type == .reminderTriggered:
                    if !updates.isEmpty { hub.send(.updates(updates)) }
                    updates = []
                    hub.send(.reminderTriggered(event))
                case .success(let event):
                    updates.append(event)
                }
            }
            if !updates.isEmpty { hub.send(.updates(updates)) }
            // Another process may have scheduled or removed a reminder: our timer follows the file.
            if remindersChanged { await rescheduleReminders() }
        } while drainAgain
        if cursor - prunedAt >= Int64(max(1, retainEvents / 10)) {
            prunedAt = cursor
            _Concurrency.Task { await self.recordPositionAndPrune() }
        }
    }

    /// Off the publish path: the command's caller does not wait for it.
    private func recordPositionAndPrune() async {
        guard let store else { return }
        let (readerID, position, keep) = (self.readerID, prunedAt, retainEvents)
        _ = try? await store.pool.write { db in
            try EventStore.recordReader(readerID, position: position, db)
            return try EventStore.pruneLog(keep: keep, db)
        }
    }

    private func rescheduleReminders() async {
        reminderTimer?.cancel()
        reminderTimer = nil
        guard let store, let next = try? await store.pool.read(EventStore.nextReminderTime) else { return }
        let delay = max(0, next.timeIntervalSince(clock()))
        reminderTimer = _Concurrency.Task { [weak self] in
            do {
                try await _Concurrency.Task.sleep(for: .milliseconds(Int64((delay * 1000).rounded(.up))))
            } catch {
                return
            }
            await self?.fireDueReminders()
        }
    }

    /// Reminders the jump made due fire before this returns, so a replay sees them at once.
    public func clockDidJump() async {
        await fireDueReminders()
    }

    /// Asks TodoCore what each due reminder means now (`reminder.triggered`, or `reminder.failed` for a task
    /// that is done) and logs that. The claim happens in a write transaction, so with two processes on the
    /// file each reminder fires once.
    private func fireDueReminders() async {
        guard let store else { return }
        let context = DecisionContext(now: clock(), zone: zone)
        _ = try? await store.pool.write { db in
            for reminder in try EventStore.claimDueReminders(at: context.now, db) {
                let state = TaskState(tasks: try EventStore.task(reminder.taskID, db).map { [$0] } ?? [])
                let events =
                    (try? TaskProcessor.decide(
                        .triggerReminder(reminder.taskID, reminderID: reminder.reminderID), state: state,
                        context: context)) ?? []
                for event in events where try EventStore.append(event, db) { _ = try Self.process(event, db) }
            }
        }
        await drainLog()
        await rescheduleReminders()
    }
}

public enum BusError: Error, Hashable, CustomStringConvertible {
    case notStarted

    public var description: String {
        switch self {
        case .notStarted: "the event bus was used before start()"
        }
    }
}
