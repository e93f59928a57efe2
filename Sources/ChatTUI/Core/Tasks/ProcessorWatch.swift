import Foundation
import TodoCore

/// In the Dapr mode the task processor (`todo-worker`) is a program of its own: the sidecar takes a command
/// whether one runs or not, and without one the task would stay pending with nothing on screen to say why.
/// The watch notices when our tasks have reached the sidecar and the processor has then said nothing for
/// `patience`, so that the chat can tell a missing processor from a slow one.
///
/// Pure: every instant is the caller's (the model's `now`); the shell ticks at `deadline`.
struct ProcessorWatch: Sendable {
    let patience: TimeInterval
    /// Our tasks handed to the bus since nothing was waiting, in the order they were handed over.
    private var handed: [TaskID] = []
    /// Those of them that no task-update has confirmed yet.
    private var unconfirmed: Set<TaskID> = []
    /// Since when the processor has been silent while something of ours waits for it; nil while nothing
    /// does, and while the sidecar is away (then nothing reached the processor's queue, and the status bar
    /// already says the sidecar is down).
    private var silentSince: Date?
    /// The sidecar is up and the outbox empty: what was handed over is in the processor's queue.
    private var delivered = false
    /// The person was told; until the waiting tasks are applied the status bar counts them.
    private(set) var told = false
    /// Tasks applied since the person was told, named (in the order they were entered) once the last one is.
    private var applied: Set<TaskID> = []

    init(patience: TimeInterval) {
        self.patience = patience
    }

    /// When the person is to be told, if the processor stays silent until then.
    var deadline: Date? { told ? nil : silentSince.map { $0.addingTimeInterval(patience) } }

    /// How many tasks wait for the processor.
    var waitingCount: Int { unconfirmed.count }

    /// The tasks waiting for the processor, in the order they were entered.
    var waiting: [TaskID] { handed.filter(unconfirmed.contains) }

    /// Tasks the bus has just taken (in the Dapr mode, into the outbox on the way to the sidecar).
    mutating func handedOver(_ tasks: [TaskID], now: Date) {
        for id in tasks where unconfirmed.insert(id).inserted { handed.append(id) }
        startTiming(now)
    }

    mutating func busChanged(_ status: BusStatus, now: Date) {
        delivered = status.health == .up && status.pendingCount == 0
        // A sidecar that is away is the reason while it lasts: the processor is timed from its return.
        if status.health != .up { silentSince = nil }
        startTiming(now)
    }

    /// A task-update arrived: a processor is running, if slowly (another chat's backlog ahead of ours, say).
    mutating func heard(now: Date) {
        if silentSince != nil { silentSince = now }
    }

    /// Forgets the tasks that wait no more, given each one's mark on the board. The tasks applied since the
    /// person was told, once the last one is (empty if none was applied: they failed, which is said
    /// elsewhere); nil while some still wait or nobody was told.
    mutating func settle(marks: (TaskID) -> SyncMark?) -> [TaskID]? {
        guard !unconfirmed.isEmpty else { return nil }
        for (id, mark) in unconfirmed.map({ ($0, marks($0)) }) where mark != .pending {
            unconfirmed.remove(id)
            if told, mark == .synced { applied.insert(id) }
        }
        guard unconfirmed.isEmpty else { return nil }
        silentSince = nil
        defer {
            handed = []
            applied = []
        }
        guard told else { return nil }
        told = false
        return handed.filter(applied.contains)
    }

    /// True once, when the processor has been silent for `patience`: the person is told now.
    mutating func tell(at now: Date) -> Bool {
        guard let deadline, now >= deadline else { return false }
        told = true
        return true
    }

    private mutating func startTiming(_ now: Date) {
        if silentSince == nil, delivered, !unconfirmed.isEmpty { silentSince = now }
    }
}

extension Model {
    /// How long our tasks may wait at the sidecar with no word from the processor before the chat says so.
    ///
    /// Why 10 s: a running processor answers within milliseconds. The longest a healthy deployment stays
    /// silent is a fail-over: when a worker replica dies, Kafka gives its partitions to another replica after
    /// the consumer group's session timeout (10 s by default), and a failed delivery is retried for a few
    /// seconds. By then a person looking at a pending mark is already wondering, and a processor that is
    /// not running is the likeliest reason. The line states a fact ("has not answered for 10 s"), so the
    /// rare one during a fail-over is not wrong, and the next line says the tasks were applied.
    public static let standardProcessorPatience: TimeInterval = 10

    /// `react`, with the processor watch kept up to date around it; only the Dapr mode needs it (in the
    /// embedded mode the processor runs in-process and cannot be missing). The watch's deadline is a tick:
    /// the next one is the sooner of it and the next minute.
    mutating func watchingProcessor(_ msg: Msg, react: (inout Model) -> [Effect]) -> [Effect] {
        // Keys reach the bus only through `publishResult`: the typed-key path stays as it was.
        if case .key = msg { return react(&self) }
        let deadline = processorWatch.deadline
        var handedOver: [TaskID] = []
        if case .publishResult(let result) = msg, result.outcome == .accepted || result.outcome == .pending {
            // Read before `react`, which forgets accepted events.
            handedOver = result.eventIDs.compactMap { inFlight[$0] }
        }
        var effects = react(&self)
        switch msg {
        case .publishResult:
            processorWatch.handedOver(handedOver.filter { board[$0]?.sync == .pending }, now: now)
            settleProcessorWatch()
        case .busStatus(let status):
            processorWatch.busChanged(status, now: now)
        case .taskUpdates(let events):
            guard !events.isEmpty else { break }
            processorWatch.heard(now: now)
            settleProcessorWatch()
        case .tick:
            if processorWatch.tell(at: now) { sayProcessorIsSilent() }
        default:
            break
        }
        let isTick = if case .tick = msg { true } else { false }
        if isTick || processorWatch.deadline != deadline {
            effects.removeAll { if case .scheduleTick = $0 { true } else { false } }
            let next = nextMinute(after: now)
            effects.append(.scheduleTick(at: min(next, processorWatch.deadline ?? next)))
        }
        return effects
    }

    /// Tasks waiting for the processor that the status bar counts: only once the person has been told.
    var tasksWaitingForProcessor: Int { processorWatch.told ? processorWatch.waitingCount : 0 }

    private mutating func settleProcessorWatch() {
        guard let applied = processorWatch.settle(marks: { board[$0]?.sync }), !applied.isEmpty else { return }
        transcript.append(
            .notice, "The task processor has answered: \(named(applied)) applied.", at: now, zone: zone)
    }

    private mutating func sayProcessorIsSilent() {
        let waiting = processorWatch.waiting
        let seconds = Int(processorWatch.patience.rounded())
        let what =
            waiting.count == 1
            ? "\(named(waiting)) is waiting" : "\(waiting.count) tasks are waiting (\(named(waiting)))"
        let kept = waiting.count == 1 ? "It is kept and will be applied" : "They are kept and will be applied"
        transcript.append(
            .error,
            "No task processor has answered for \(seconds) s: \(what). Is todo-worker running? \(kept) when it starts.",
            at: now, zone: zone)
    }

    /// "'a', 'b', 'c' and 4 more": a long list is not read to its end.
    private func named(_ tasks: [TaskID]) -> String {
        let shown = 3
        let names = titles(of: Array(tasks.prefix(shown)))
        return tasks.count > shown ? "\(names) and \(tasks.count - shown) more" : names
    }
}
