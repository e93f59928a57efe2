import Foundation
import TodoCore

/// Everything that can happen to the chat. The shell turns keys, signals, timers and bus deliveries
/// into messages; `update` is the only place that reacts to them.
public enum Msg: Sendable {
    case key(Key)
    /// A bracketed paste (ESC [200~ ... ESC [201~), delivered whole so that it never executes line by line:
    /// it is inserted at the cursor as one entry, each line break (and tab) becoming a space, escape
    /// sequences removed. Enter then runs it once.
    case paste(String)
    case resize(columns: Int, rows: Int)
    /// Events that arrived on `task-updates` (batched by the shell when they come fast).
    case taskUpdates([TaskEvent])
    /// The task state at start (the embedded store or the worker's snapshot), before any update.
    case tasksLoaded([Task])
    case reminderFired(ReminderTriggered)
    case publishResult(PublishResult)
    case busStatus(BusStatus)
    /// The clock. Update reads no clock: "now" is the time of the last tick.
    case tick(Date)
    /// Input history read from disk at start, oldest first.
    case historyLoaded([String])

    public static func taskUpdate(_ event: TaskEvent) -> Msg { .taskUpdates([event]) }
}

/// What became of events handed to the bus by `Effect.publish`.
public struct PublishResult: Hashable, Sendable {
    public enum Outcome: Hashable, Sendable {
        /// The bus has them (durably); the task stays "pending" until its update comes back.
        case accepted
        /// Queued in the outbox while the bus is away; they go out when it is back.
        case pending
        /// Refused for good (outbox full, rejected by the broker); the reason is shown.
        case failed(String)
        /// The bus could not take them (a full disk, say): the shell keeps them, ahead of every later
        /// command, and tries again; `accepted` or `pending` follows once they are saved.
        case held(String)
    }

    public var eventIDs: [String]
    public var outcome: Outcome

    public init(eventIDs: [String], outcome: Outcome) {
        self.eventIDs = eventIDs
        self.outcome = outcome
    }
}

/// Which bus the chat runs on.
public enum BusMode: String, Hashable, Sendable {
    case embedded
    case dapr
}

/// The bus as the status bar shows it.
public struct BusStatus: Hashable, Sendable {
    public enum Health: String, Hashable, Sendable {
        case starting
        case up
        case down
    }

    public var mode: BusMode
    public var health: Health
    /// Events accepted by the outbox and not yet published.
    public var pendingCount: Int

    public init(mode: BusMode, health: Health, pendingCount: Int) {
        self.mode = mode
        self.health = health
        self.pendingCount = pendingCount
    }
}
