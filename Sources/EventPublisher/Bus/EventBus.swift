import TodoCore

/// The seam between the chat (or the worker) and the transport that carries events.
///
/// Two implementations: `LocalBus` (embedded mode, one SQLite file, TodoCore's processor in process)
/// and `DaprBus` (a Dapr sidecar in front of Kafka). Everything above the bus is the same in both modes.
public protocol EventBus: Sendable {
    /// Opens storage and connections. Call once before `publish`; events published earlier are refused.
    func start() async throws

    /// Accepts the events of one command. Returns only once they are durable on disk; in embedded mode
    /// they have also been applied to the task state. Events already accepted (same id) are skipped, so a
    /// retried command is the same command.
    func publish(_ events: [TaskEvent]) async throws -> PublishReceipt

    /// A live feed: task-updates, reminder triggers and the bus status. Each call gives a new stream; it
    /// starts with the current status and ends when the bus shuts down.
    func subscribe() -> AsyncStream<BusEvent>

    /// The tasks as the bus knows them now: the authoritative state in embedded mode, the mirror built
    /// from received `task.sync` updates in Dapr mode. Deleted tasks are left out.
    func snapshot() async throws -> [Task]

    /// Stops timers, watchers and servers, and finishes every subscriber's stream.
    func shutdown() async

    /// The program's clock jumped ahead of real time (a replay's `@advance`): what falls due by the new
    /// time must happen now, not after the same span of real time. Returns once that is done.
    func clockDidJump() async
}

extension EventBus {
    /// A bus whose timers run outside this process (Dapr's scheduler) follows only real time.
    public func clockDidJump() async {}
}

/// Proof that the events of one `publish` call are on disk.
public struct PublishReceipt: Hashable, Sendable {
    /// The ids of the events that were new; ids seen before are not repeated here.
    public var accepted: [String]
    /// Events on disk that have not yet reached the broker (always 0 in embedded mode).
    public var pending: Int

    public init(accepted: [String], pending: Int) {
        self.accepted = accepted
        self.pending = pending
    }
}

/// What a subscriber of the bus hears.
public enum BusEvent: Hashable, Sendable {
    /// Events of the `task-updates` topic (`task.sync`, `task.assignee.changed`, `task.comments.updated`), oldest
    /// first: all those one read of the embedded log found, so that a flood from another process costs the
    /// subscriber one wake-up per read, not one per event.
    case updates([TaskEvent])
    /// A reminder came due (`reminder.triggered`).
    case reminderTriggered(TaskEvent)
    /// Health and backlog changed.
    case status(BusStatus)
    /// Events that could not be published and will not be retried without help (bad token, unknown
    /// pub/sub, forbidden topic). They stay in the outbox.
    case publishFailed(PublishFailure)
}

public struct BusStatus: Hashable, Sendable {
    public enum Mode: String, Hashable, Sendable { case embedded, dapr }

    public enum Sidecar: Hashable, Sendable {
        /// Embedded mode has no sidecar.
        case notUsed
        /// Waiting for the sidecar at this address to report healthy.
        case connecting(endpoint: String)
        /// The sidecar is up and has what we need.
        case ready(SidecarReport)
        /// The sidecar answered but something we need is missing (e.g. the pub/sub component).
        case misconfigured(String)
        /// The sidecar stopped answering; pending events wait in the outbox.
        case unreachable(String)
    }

    public var mode: Mode
    public var sidecar: Sidecar
    /// Accepted events not yet published to the broker.
    public var pending: Int

    public init(mode: Mode, sidecar: Sidecar, pending: Int) {
        self.mode = mode
        self.sidecar = sidecar
        self.pending = pending
    }
}

/// What the sidecar said about itself at start (`GET /v1.0/metadata`).
public struct SidecarReport: Hashable, Sendable, CustomStringConvertible {
    public var appID: String
    public var runtimeVersion: String
    public var pubsubName: String
    /// The component type, e.g. `pubsub.kafka`.
    public var pubsubType: String
    public var pubsubVersion: String

    public init(appID: String, runtimeVersion: String, pubsubName: String, pubsubType: String, pubsubVersion: String) {
        self.appID = appID
        self.runtimeVersion = runtimeVersion
        self.pubsubName = pubsubName
        self.pubsubType = pubsubType
        self.pubsubVersion = pubsubVersion
    }

    public var description: String {
        "Dapr \(runtimeVersion) (app \(appID)), pub/sub \(pubsubName): \(pubsubType) \(pubsubVersion)"
    }
}

public struct PublishFailure: Hashable, Sendable {
    public var eventIDs: [String]
    /// A sentence a person can act on ("the sidecar refused our API token: set DAPR_API_TOKEN ...").
    public var message: String

    public init(eventIDs: [String], message: String) {
        self.eventIDs = eventIDs
        self.message = message
    }
}
