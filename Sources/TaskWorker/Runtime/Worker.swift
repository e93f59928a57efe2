import EventPublisher
import Foundation
import Logging
import TodoCore

/// The task processor: applies deliveries to the task records in the state store, performs what
/// each change causes (task-updates, reminder jobs), keeps dead letters and fires reminders.
///
/// Every handler is safe to run twice for the same input and on two replicas at once: records are
/// written only over the version that was read (ETags), each record remembers the events it
/// applied, and the effects of the last applied event are kept until that event is acknowledged.
public final class Worker: Sendable {
    public let sidecar: any WorkerSidecar
    public let metrics: WorkerMetrics
    public let deadLetters: DeadLetterBook
    let tasks: VersionedState<TaskRecord>
    let logger: Logger
    let clock: @Sendable () -> Date
    let makeID: @Sendable () -> String
    /// Failed attempts at each firing of a job, in the state store: the scheduler's retries of one
    /// firing may reach any replica, and the one that sees the last must know it is the last.
    let triggerFailures: VersionedState<Int>
    /// The scheduler retries a failed trigger this many times.
    let triggerRetries: Int

    public init(
        sidecar: any WorkerSidecar, metrics: WorkerMetrics = WorkerMetrics(),
        logger: Logger = Logger(label: "todo-worker"), triggerRetries: Int = DaprWorkerSidecar.triggerRetries,
        clock: @escaping @Sendable () -> Date = { Date() },
        makeID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }
    ) {
        self.sidecar = sidecar
        self.metrics = metrics
        self.deadLetters = DeadLetterBook(sidecar: sidecar, metrics: metrics)
        self.tasks = VersionedState(sidecar: sidecar, metrics: metrics)
        self.triggerFailures = VersionedState(sidecar: sidecar, metrics: metrics)
        self.logger = logger
        self.triggerRetries = triggerRetries
        self.clock = clock
        self.makeID = makeID
    }

    static func taskKey(_ id: TaskID) -> String { "task:" + id.rawValue }

    /// Per firing (a rescheduled reminder fires afresh, with its own retries).
    static func triggerFailureKey(_ job: ReminderJob) -> String { "trigger-failures:\(job.name)@\(job.fireAt)" }

    /// The task as the worker holds it, for tests and tools.
    public func task(_ id: TaskID) async throws -> Task? {
        try await tasks.read(Self.taskKey(id))?.task
    }

    // MARK: Deliveries

    /// One event from `task-events` or `reminders`. Anything but success is answered RETRY: the
    /// sidecar's resiliency policy retries, then hands the event to the dead-letter topic.
    public func handleDelivery(topic: String, body: [UInt8]) async -> DeliveryOutcome {
        let now = clock()
        var logger = self.logger
        logger[metadataKey: "topic"] = "\(topic)"
        let cloudEvent: CloudEvent
        do {
            cloudEvent = try CloudEvent.decode(json: body)
        } catch {
            let id = Self.eventID(in: body)
            logger.error("not a CloudEvent: \(error)", metadata: ["eventid": "\(id ?? "?")"])
            if let id { try? await deadLetters.noteFailure(eventID: id, reason: "not a CloudEvent: \(error)", at: now) }
            metrics.increment(.deliveryRetries)
            return .retry
        }
        logger[metadataKey: "eventid"] = "\(cloudEvent.id)"
        logger[metadataKey: "type"] = "\(cloudEvent.type)"
        if case .string(let correlation) = cloudEvent[extension: "correlationid"] {
            logger[metadataKey: "correlationid"] = "\(correlation)"
        }
        do {
            let event = try EventCatalogue.taskEvent(from: cloudEvent)
            logger[metadataKey: "taskid"] = "\(event.taskID)"
            try await process(event, at: now, logger: logger)
            return .success
        } catch {
            logger.warning("event not applied, the sidecar will retry it: \(error)")
            metrics.increment(.deliveryRetries, labels: ["topic": topic])
            do {
                try await deadLetters.noteFailure(eventID: cloudEvent.id, reason: "\(error)", at: now)
            } catch {
                logger.error("could not record the failure: \(error)")
            }
            return .retry
        }
    }

    func process(_ event: TaskEvent, at now: Date, logger: Logger) async throws {
        let step = try await tasks.update(Self.taskKey(event.taskID)) { record in
            try EventStep.decide(record: record, event: event, makeID: makeID)
        }
        switch step.outcome {
        case .applied:
            metrics.increment(.eventsApplied, labels: ["type": event.type.rawValue])
            logger.info("applied", metadata: ["sequence": "\(event.sequence)"])
        case .duplicate:
            metrics.increment(.duplicatesIgnored)
            logger.info("duplicate ignored")
        case .stale:
            metrics.increment(.staleDropped)
            logger.info("stale event dropped", metadata: ["sequence": "\(event.sequence)"])
        case .notification:
            logger.debug("notification acknowledged")
        }
        try await perform(step.effects, logger: logger)
    }

    /// Effects in order: a task's updates must reach the chats in the order of its sequence.
    func perform(_ effects: [Effect], logger: Logger) async throws {
        for effect in effects {
            switch effect {
            case .publish(let topic, let partitionKey, let cloudEvent):
                try await sidecar.publish(topic: topic, cloudEvent: Array(cloudEvent.utf8), partitionKey: partitionKey)
                metrics.increment(.updatesPublished, labels: ["topic": topic])
            case .scheduleReminder(let job):
                do {
                    try await sidecar.scheduleJob(name: job.name, dueTime: job.fireAt, data: job.json)
                    logger.info("reminder scheduled", metadata: ["job": "\(job.name)", "fireat": "\(job.fireAt)"])
                } catch let refused as PermanentSidecarError {
                    try await reportFailedReminder(job, reason: "could not schedule: \(refused)", logger: logger)
                }
            case .cancelReminder(let name):
                do {
                    try await sidecar.deleteJob(name: name)
                } catch is PermanentSidecarError {
                    // Already fired or never made: either way it will not fire.
                }
                logger.info("reminder cancelled", metadata: ["job": "\(name)"])
            }
        }
    }

    private func reportFailedReminder(_ job: ReminderJob, reason: String, logger: Logger) async throws {
        logger.warning("reminder failed: \(reason)", metadata: ["job": "\(job.name)"])
        let sequence = try await task(job.taskID)?.sequence ?? 0
        let failed = EventStep.reminderFailed(job, reason: reason, sequence: sequence, now: clock(), id: makeID())
        try await sidecar.publish(
            topic: Topic.reminders.rawValue, cloudEvent: try EventStep.wire(failed), partitionKey: job.taskID.rawValue)
        metrics.increment(.remindersFailed)
    }

    // MARK: Dead letters

    public func handleDeadLetter(deadLetterTopic: String, body: [UInt8]) async -> DeliveryOutcome {
        do {
            try await deadLetters.receive(cloudEvent: body, deadLetterTopic: deadLetterTopic, at: clock())
            logger.warning(
                "dead letter recorded",
                metadata: ["topic": "\(deadLetterTopic)", "eventid": "\(Self.eventID(in: body) ?? "?")"])
            return .success
        } catch is CloudEventError {
            // Not even a CloudEvent: nothing to republish; keeping it would only hide the others.
            logger.error("dropping an unreadable dead letter", metadata: ["topic": "\(deadLetterTopic)"])
            return .drop
        } catch {
            logger.error("could not record a dead letter: \(error)", metadata: ["topic": "\(deadLetterTopic)"])
            return .retry
        }
    }

    // MARK: Reminder jobs

    /// `POST /job/<name>`: publishes `reminder.triggered` when the reminder still stands.
    public func handleJob(name: String, body: [UInt8]) async -> JobOutcome {
        var logger = self.logger
        logger[metadataKey: "job"] = "\(name)"
        guard let job = ReminderJob(json: body) else {
            logger.warning("a job the worker did not make")
            return .unknown
        }
        logger[metadataKey: "taskid"] = "\(job.taskID)"
        do {
            guard let record = try await tasks.read(Self.taskKey(job.taskID)), let task = record.task,
                record.reminderJobs[job.reminderID] == job.fireAt
            else {
                logger.info("reminder no longer stands (task done, deleted or rescheduled)")
                await forgetTriggerFailures(job, logger: logger)
                return .done
            }
            let context = DecisionContext(
                now: clock(), zone: task.due?.zone ?? TimeZone(secondsFromGMT: 0)!, correlationID: job.name,
                makeID: makeID)
            let events = try TaskProcessor.decide(
                .triggerReminder(job.taskID, reminderID: job.reminderID), state: TaskState(tasks: [task]),
                context: context)
            for event in events {
                try await sidecar.publish(
                    topic: event.topic.rawValue, cloudEvent: try EventStep.wire(event),
                    partitionKey: job.taskID.rawValue)
                metrics.increment(event.type == .reminderTriggered ? .remindersTriggered : .remindersFailed)
                logger.info("reminder fired: \(event.type.rawValue)")
            }
            await forgetTriggerFailures(job, logger: logger)
            return .done
        } catch {
            let failures: Int
            do {
                failures = try await triggerFailures.update(Self.triggerFailureKey(job)) { count in
                    let next = (count ?? 0) + 1
                    return (next, next)
                }
            } catch let countError {
                // Uncounted, this attempt cannot be known to be the last: the scheduler retries it.
                logger.warning("reminder trigger failed (\(error)) and its failure could not be counted: \(countError)")
                return .failed
            }
            guard failures > triggerRetries else {
                logger.warning(
                    "reminder trigger failed, the scheduler will retry: \(error)", metadata: ["failures": "\(failures)"]
                )
                return .failed
            }
            do {
                try await reportFailedReminder(job, reason: "could not deliver: \(error)", logger: logger)
            } catch {
                logger.error("reminder lost: neither reminder.triggered nor reminder.failed was published: \(error)")
            }
            await forgetTriggerFailures(job, logger: logger)
            return .done
        }
    }

    private func forgetTriggerFailures(_ job: ReminderJob, logger: Logger) async {
        do {
            try await sidecar.deleteState(key: Self.triggerFailureKey(job))
        } catch {
            logger.warning("could not forget a firing's failure count: \(error)")
        }
    }

    // MARK: Health

    /// Ready when the sidecar's components are up and the state store answers.
    public func isReady() async -> Bool {
        guard await sidecar.isReady() else { return false }
        do {
            _ = try await sidecar.readState(key: "readiness-probe")
            return true
        } catch {
            return false
        }
    }

    static func eventID(in body: [UInt8]) -> String? {
        if case .string(let id) = (try? JSONValue.parse(body))?["id"] { return id }
        return nil
    }
}
