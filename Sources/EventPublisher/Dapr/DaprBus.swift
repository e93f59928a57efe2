import Foundation
import GRDB
import Logging
import Synchronization
import TodoCore

/// The Dapr mode: events go through the durable outbox to the sidecar's pub/sub; `task-updates` and
/// reminder triggers come back on the app channel.
///
/// `publish` returns once the CloudEvents are in the outbox on disk. A single publisher task sends them
/// oldest first (one by one, or with bulk publish once a backlog has built up), retries connection
/// errors and 5xx with exponential back-off and jitter, and reports 4xx as `publishFailed` with the fix.
/// At start it waits for `/v1.0/healthz/outbound` (never `/v1.0/healthz`, which waits for our own
/// port), reads `/v1.0/metadata`, and only then opens the app channel.
public actor DaprBus: EventBus {
    public struct Configuration: Sendable {
        public var endpoint: DaprEndpoint
        public var pubsubName: String
        /// Where the outbox and the mirror of received tasks live (the chat passes
        /// `$XDG_DATA_HOME/todo-chat/`).
        public var dataDirectory: URL
        public var appHost: String
        /// The port the sidecar calls (`dapr run --app-port`); 0 picks a free one (tests).
        public var appPort: Int
        /// `APP_API_TOKEN`: what the sidecar must present when it calls us.
        public var appAPIToken: String?
        public var source: String
        /// Unpublished events the outbox holds before `publish` refuses with `OutboxFull`.
        public var outboxCapacity: Int
        /// Pending events at or above which bulk publish is used.
        public var bulkThreshold: Int
        /// How long the publisher waits, when fewer than `bulkThreshold` events are pending, for more to
        /// arrive so that they go out in one bulk request (while commands stream in, a request per event
        /// cost more CPU than the events themselves). One command typed alone reaches the broker this much later.
        public var linger: Duration
        public var maxBatch: Int
        public var retry: RetryPolicy
        /// fsync each accepted command (survives a power cut); without it, a crash of the process (see
        /// `LocalBus.init`).
        public var syncEachCommit: Bool

        public init(
            endpoint: DaprEndpoint, dataDirectory: URL, appPort: Int, pubsubName: String = "kafka-pubsub",
            appHost: String = "127.0.0.1", appAPIToken: String? = nil, source: String = EventCatalogue.chatSource,
            outboxCapacity: Int = 100_000, bulkThreshold: Int = 4, linger: Duration = .milliseconds(1),
            maxBatch: Int = 100,
            retry: RetryPolicy = RetryPolicy(), syncEachCommit: Bool = false
        ) {
            self.endpoint = endpoint
            self.dataDirectory = dataDirectory
            self.appPort = appPort
            self.pubsubName = pubsubName
            self.appHost = appHost
            self.appAPIToken = appAPIToken
            self.source = source
            self.outboxCapacity = outboxCapacity
            self.bulkThreshold = bulkThreshold
            self.linger = linger
            self.maxBatch = maxBatch
            self.retry = retry
            self.syncEachCommit = syncEachCommit
        }

        /// Flags first, then the environment `dapr run` gives the app: `DAPR_HTTP_ENDPOINT`,
        /// `DAPR_HTTP_PORT`, `DAPR_API_TOKEN`, `APP_PORT`, `APP_API_TOKEN`.
        public static func fromEnvironment(
            dataDirectory: URL, daprAddress: String? = nil, daprPort: Int? = nil, appPort: Int? = nil,
            environment: [String: String] = ProcessInfo.processInfo.environment
        ) throws(DaprConfigurationError) -> Configuration {
            let endpoint = try DaprEndpoint.resolve(address: daprAddress, port: daprPort, environment: environment)
            var port = appPort
            if port == nil, let text = environment["APP_PORT"] {
                guard let value = Int(text), (1...65535).contains(value) else {
                    throw DaprConfigurationError("APP_PORT=\(text) is not a port number")
                }
                port = value
            }
            guard let port else {
                throw DaprConfigurationError(
                    "no app port: pass --app-port or run under `dapr run --app-port P`, which sets APP_PORT")
            }
            let token = environment["APP_API_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
            return Configuration(endpoint: endpoint, dataDirectory: dataDirectory, appPort: port, appAPIToken: token)
        }
    }

    /// Exponential back-off with jitter: `initial * 2^attempt`, capped, each delay scaled by a random
    /// factor in `1 ± jitter` so that many clients do not retry in step.
    public struct RetryPolicy: Hashable, Sendable {
        public var initial: Duration
        public var maximum: Duration
        public var jitter: Double

        public init(initial: Duration = .milliseconds(100), maximum: Duration = .seconds(5), jitter: Double = 0.2) {
            self.initial = initial
            self.maximum = maximum
            self.jitter = jitter
        }

        public func delay(attempt: Int) -> Duration {
            let base = initial * Int(1 << min(attempt, 20))
            let capped = min(base, maximum)
            return capped * Double.random(in: (1 - jitter)...(1 + jitter))
        }
    }

    /// The subscriptions the chat serves: every `task-updates` event, and `reminder.triggered` from
    /// `reminders` (other reminder events are acknowledged and ignored, so they do not fill the DLQ).
    public static func chatSubscriptions(pubsubName: String) -> [Subscription] {
        [
            Subscription(
                pubsubName: pubsubName, topic: Topic.taskUpdates.rawValue, defaultPath: "/events/task-updates",
                deadLetterTopic: Topic.taskUpdates.deadLetter),
            Subscription(
                pubsubName: pubsubName, topic: Topic.reminders.rawValue,
                rules: [
                    .init(match: #"event.type == "reminder.triggered""#, path: "/events/reminder-triggered")
                ], defaultPath: "/events/reminders", deadLetterTopic: Topic.reminders.deadLetter),
        ]
    }

    private let configuration: Configuration
    private let client: DaprClient
    private let logger: Logger
    private let clock: @Sendable () -> Date
    private let hub: SubscriberHub

    private var store: EventStore?
    /// Set by `start`, cleared by `shutdown`; read by `publish` without going through the actor.
    private let openOutbox = Mutex<Outbox?>(nil)
    private var channel: AppChannel?
    private var report: SidecarReport?
    private var bulkSupported = true
    private var connectTask: _Concurrency.Task<Void, Never>?
    private var publisherTask: _Concurrency.Task<Void, Never>?
    private let wake: (stream: AsyncStream<Void>, continuation: AsyncStream<Void>.Continuation)
    private var appPort: Int?

    public init(
        configuration: Configuration, logger: Logger = Logger(label: "todo-chat.dapr-bus"),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.client = DaprClient(endpoint: configuration.endpoint)
        self.logger = logger
        self.clock = clock
        self.hub = SubscriberHub(
            status: BusStatus(mode: .dapr, sidecar: .connecting(endpoint: configuration.endpoint.baseURL), pending: 0))
        self.wake = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Opens the outbox and returns; connecting to the sidecar continues in the background (watch the
    /// status), so the chat starts even while the sidecar is away.
    public func start() async throws {
        guard store == nil else { return }
        let store = try EventStore(
            directory: configuration.dataDirectory, fileName: EventStore.daprFileName,
            durability: configuration.syncEachCommit ? .full : .normal)
        let outbox = try Outbox(pool: store.pool, capacity: configuration.outboxCapacity)
        self.store = store
        openOutbox.withLock { $0 = outbox }
        let weekAgo = clock().addingTimeInterval(-7 * 86400)
        try await store.pool.write { db in try EventStore.forgetReceived(before: weekAgo, db) }
        hub.update { $0.pending = outbox.pending }
        connectTask = _Concurrency.Task { await self.connect() }
    }

    /// The port the app channel listens on, once connected.
    public var listeningPort: Int? { appPort }

    /// Not isolated to the actor: the events are encoded on the caller's thread and group-committed to the
    /// outbox (see `Outbox`), so concurrent commands share a transaction and a lone one pays no hop.
    public nonisolated func publish(_ events: [TaskEvent]) async throws -> PublishReceipt {
        guard let outbox = openOutbox.withLock({ $0 }) else { throw BusError.notStarted }
        // A loop, not a throwing `map` closure: Swift 6.3's optimizer crashes (signal 11 while splitting this
        // coroutine) on the closure form in release builds.
        var entries: [Outbox.NewEntry] = []
        entries.reserveCapacity(events.count)
        for event in events {
            entries.append(
                Outbox.NewEntry(
                    eventID: event.id, taskID: event.taskID.rawValue, topic: event.topic.rawValue,
                    body: try EventCatalogue.structuredJSON(for: event, source: configuration.source)))
        }
        let change = try await outbox.enqueue(entries)
        hub.update { $0.pending = outbox.pending }
        wake.continuation.yield()
        return PublishReceipt(accepted: change.accepted, pending: change.pending)
    }

    public nonisolated func subscribe() -> AsyncStream<BusEvent> { hub.subscribe() }

    public func snapshot() async throws -> [Task] {
        guard let store else { throw BusError.notStarted }
        return try await store.pool.read(EventStore.allTasks)
    }

    public func shutdown() async {
        connectTask?.cancel()
        publisherTask?.cancel()
        wake.continuation.finish()
        await connectTask?.value
        await publisherTask?.value
        await channel?.stop()
        channel = nil
        store = nil
        openOutbox.withLock { $0 = nil }
        hub.finish()
    }

    // MARK: Connecting

    private func connect() async {
        var attempt = 0
        while !_Concurrency.Task.isCancelled {
            if await client.isOutboundHealthy() { break }
            hub.update {
                $0.sidecar =
                    attempt < 3
                    ? .connecting(endpoint: client.endpoint.baseURL)
                    : .unreachable(
                        "no answer from the Dapr sidecar at \(client.endpoint.baseURL)/v1.0/healthz/outbound")
            }
            try? await _Concurrency.Task.sleep(for: configuration.retry.delay(attempt: attempt))
            attempt += 1
        }
        guard !_Concurrency.Task.isCancelled else { return }
        await readMetadata()
        do {
            let channel = AppChannel(
                configuration: .init(
                    host: configuration.appHost, port: configuration.appPort,
                    appAPIToken: configuration.appAPIToken,
                    subscriptions: Self.chatSubscriptions(pubsubName: configuration.pubsubName)),
                logger: logger,
                onEvent: { [weak self] delivery in await self?.receive(delivery) ?? .retry })
            appPort = try await channel.start()
            self.channel = channel
            logger.info("app channel listening on \(configuration.appHost):\(appPort ?? 0)")
        } catch {
            hub.update {
                $0.sidecar = .misconfigured(
                    "cannot listen on \(configuration.appHost):\(configuration.appPort): \(error)")
            }
            logger.error("app channel failed: \(error)")
        }
        publisherTask = _Concurrency.Task { await self.publishLoop() }
    }

    private func readMetadata() async {
        do {
            let metadata = try await client.metadata()
            switch metadata.report(pubsub: configuration.pubsubName) {
            case .success(let report):
                self.report = report
                logger.info("connected: \(report)")
                hub.update { $0.sidecar = .ready(report) }
            case .failure(let problem):
                logger.error("\(problem)")
                hub.update { $0.sidecar = .misconfigured(problem.description) }
            }
        } catch {
            logger.error("reading /v1.0/metadata failed: \(error)")
            hub.update { $0.sidecar = .misconfigured("the sidecar did not describe itself: \(error)") }
        }
    }

    // MARK: Publishing

    private func publishLoop() async {
        var attempt = 0
        var lastFailure: String?
        var iterator = wake.stream.makeAsyncIterator()
        var lingered = false
        while !_Concurrency.Task.isCancelled {
            guard let outbox = openOutbox.withLock({ $0 }) else { return }
            let batch: [Outbox.Entry]
            do {
                batch = try outbox.head(limit: configuration.maxBatch)
            } catch {
                logger.error("reading the outbox failed: \(error)")
                try? await _Concurrency.Task.sleep(for: configuration.retry.maximum)
                continue
            }
            if batch.isEmpty {
                // Idle: sleep until `publish` wakes us. No polling.
                guard await iterator.next() != nil else { return }
                continue
            }
            if batch.count < configuration.bulkThreshold, bulkSupported, !lingered, configuration.linger > .zero {
                lingered = true
                try? await _Concurrency.Task.sleep(for: configuration.linger)
                continue
            }
            lingered = false
            do {
                let sent = try await send(batch)
                try await outbox.remove(sent)
                attempt = 0
                lastFailure = nil
                hub.update { status in
                    status.pending = outbox.pending
                    if case .ready = status.sidecar {
                    } else if let report = self.report {
                        status.sidecar = .ready(report)
                    }
                }
            } catch let error as DaprError {
                if error.isTransient {
                    if error.kind == .unreachable { hub.update { $0.sidecar = .unreachable(error.message) } }
                    logger.warning("publish failed, will retry: \(error.message)")
                } else if error.message != lastFailure {
                    lastFailure = error.message
                    logger.error("publish refused: \(error.message)")
                    hub.send(.publishFailed(PublishFailure(eventIDs: batch.map(\.eventID), message: error.message)))
                }
                // A refusal needs a person to fix the setup; keep trying at the slowest pace meanwhile.
                let delay =
                    error.isTransient ? configuration.retry.delay(attempt: attempt) : configuration.retry.maximum
                attempt += 1
                try? await _Concurrency.Task.sleep(for: delay)
            } catch {
                logger.error("outbox update failed: \(error)")
                try? await _Concurrency.Task.sleep(for: configuration.retry.maximum)
            }
        }
    }

    /// Sends the head of the outbox; returns the positions the sidecar acknowledged.
    private func send(_ batch: [Outbox.Entry]) async throws -> [Int64] {
        let pubsub = configuration.pubsubName
        let head = batch[0]
        if bulkSupported, batch.count >= configuration.bulkThreshold {
            // Bulk publish is per topic: take the run of entries that share the head's topic.
            let run = Array(batch.prefix { $0.topic == head.topic })
            if run.count > 1 {
                do {
                    let failed = try await client.bulkPublish(
                        pubsub: pubsub, topic: head.topic,
                        entries: run.map {
                            .init(
                                entryID: String($0.position), cloudEvent: $0.body, metadata: ["partitionKey": $0.taskID]
                            )
                        })
                    // Keep order per task: stop at the first failed entry; everything before it is done.
                    let done = run.prefix { failed[String($0.position)] == nil }.map(\.position)
                    if done.isEmpty, let reason = failed.values.first {
                        throw DaprError(
                            kind: .serverError, status: 500, errorCode: "ERR_PUBSUB_PUBLISH_MESSAGE", message: reason)
                    }
                    return done
                } catch let error as DaprError where error.kind == .unsupportedAPI {
                    logger.notice("the sidecar has no bulk publish; publishing one by one")
                    bulkSupported = false
                }
            }
        }
        try await client.publish(
            pubsub: pubsub, topic: head.topic, cloudEvent: head.body, metadata: ["partitionKey": head.taskID])
        return [head.position]
    }

    // MARK: Receiving

    /// Validated, deduplicated by event id, stale updates (by per-task sequence) acknowledged but not shown.
    private func receive(_ delivery: Delivery) async -> DeliveryOutcome {
        if delivery.path == "/events/reminders" { return .success }
        let event: TaskEvent
        do {
            event = try EventCatalogue.taskEvent(from: delivery.event)
        } catch {
            logger.warning("dropping event \(delivery.event.id): \(error)")
            return .drop
        }
        let expectedTopic: Topic = delivery.path == "/events/reminder-triggered" ? .reminders : .taskUpdates
        guard event.topic == expectedTopic,
            expectedTopic == .taskUpdates || event.type == .reminderTriggered
        else {
            logger.warning("dropping event \(event.id): \(event.type.rawValue) does not belong on \(delivery.path)")
            return .drop
        }
        guard let store else { return .retry }
        let now = clock()
        let fresh: Bool
        do {
            fresh = try await store.pool.write { db in
                guard try EventStore.markReceived(event.id, at: now, db) else { return false }
                guard case .taskSync(let sync) = event.payload else { return true }
                if let known = try EventStore.task(event.taskID, db), known.sequence >= sync.task.sequence {
                    return false
                }
                try EventStore.save(sync.task, db)
                return true
            }
        } catch {
            // Our disk, not their event: ask for the delivery again.
            logger.error("recording delivery \(event.id) failed: \(error)")
            return .retry
        }
        if fresh {
            hub.send(event.type == .reminderTriggered ? .reminderTriggered(event) : .updates([event]))
        }
        return .success
    }
}
