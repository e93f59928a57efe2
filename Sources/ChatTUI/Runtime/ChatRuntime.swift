import EventPublisher
import Foundation
import Logging
import Synchronization
import TodoCore

/// The program loop shared by the screen, the line mode and replays: it owns the `Model`, feeds it
/// messages through `update`, and carries out the effects `update` asks for. It lives on one thread
/// (the terminal thread); the bus and timers reach it only through its inbox.
final class ChatRuntime {
    private(set) var model: Model
    let inbox: Inbox<Msg>
    let clock: ChatClock
    private let bus: any EventBus
    private let publishing: PublishQueue
    private let history: InputHistory
    let logger: Logger
    private var tickDeadline: Date?
    /// Clock jumps whose reminders the bus has not finished firing.
    private let clockJumps = InFlightCounter()
    private(set) var isFinished = false
    private var suspendRequested = false
    private var redrawRequested = false
    private var publishedSinceSettle = true
    /// The store still opening: until it has, messages from other threads wait in `held`.
    private var opening: StoreOpening?
    private var held: [Msg] = []
    /// Rung by the shell in charge (curses' beep, or BEL on a line).
    var ringBell: () -> Void = {}

    init(
        model: Model, inbox: Inbox<Msg>, bus: any EventBus, publishing: PublishQueue, clock: ChatClock,
        history: InputHistory, opening: StoreOpening, logger: Logger
    ) {
        self.model = model
        self.inbox = inbox
        self.bus = bus
        self.publishing = publishing
        self.clock = clock
        self.history = history
        self.opening = opening
        self.logger = logger
        for effect in model.initialEffects() { perform(effect) }
        takeOpenedStore()
    }

    /// False while the store is still opening: the screen then reads no key, so that a line typed early
    /// is interpreted against the loaded tasks and nothing typed is lost or reordered.
    var isOpen: Bool { opening == nil }

    /// Hands the loaded history and tasks to the model once the store is open, before anything the bus
    /// said meanwhile. A store that failed to open ends the program (the session reports why).
    private func takeOpenedStore() {
        guard let outcome = opening?.outcomeIfDone else { return }
        opening = nil
        switch outcome {
        case .success(let opened):
            send(.historyLoaded(opened.history))
            send(.tasksLoaded(opened.tasks))
        case .failure:
            isFinished = true
        }
    }

    // MARK: - Messages

    func send(_ message: Msg) {
        if actsOnTasks(message) { model.now = max(model.now, clock.now) }
        let effects = model.update(message)
        for effect in effects { perform(effect) }
    }

    /// Messages that may make events, which carry `model.now` as their time: between minute ticks it
    /// would be up to a minute old, so every task added in one minute got one creation time and same-day
    /// tasks were listed in no particular order. Plain typing leaves it alone (a zone look-up per key).
    private func actsOnTasks(_ message: Msg) -> Bool {
        switch message {
        case .key(.enter): return true
        case .key: return model.focus == .tasks || model.confirmation != nil
        // The Dapr mode times the task processor's silence from these (`ProcessorWatch`).
        case .publishResult, .busStatus, .taskUpdates: return model.mode == .dapr
        default: return false
        }
    }

    /// Handles what other threads queued, folding runs of task updates into one message so that a flood
    /// of 10,000 updates a second costs one `update` per wake-up, not 10,000. True if anything came.
    @discardableResult
    func drainInbox() -> Bool {
        var messages = inbox.takeAll()
        if opening != nil {
            takeOpenedStore()
            if opening != nil {
                held += messages
                return false
            }
            messages = held + messages
            held = []
            // The tasks and history were just handed over: something changed even if nothing else came.
            guard !messages.isEmpty else { return true }
        }
        guard !messages.isEmpty else { return false }
        var updates: [TaskEvent] = []
        for message in messages {
            if case .taskUpdates(let events) = message {
                updates += events
                continue
            }
            if !updates.isEmpty {
                send(.taskUpdates(updates))
                updates = []
            }
            send(message)
        }
        if !updates.isEmpty { send(.taskUpdates(updates)) }
        return true
    }

    /// Sends the tick that `update` asked for once its instant has come; the milliseconds until the next
    /// one otherwise (nil: none asked for, or a fixed clock that only a replay moves).
    func fireTimers() -> Int? {
        guard let deadline = tickDeadline else { return nil }
        let now = clock.now
        if deadline <= now {
            tickDeadline = nil
            send(.tick(now))
            guard let next = tickDeadline, next > now else { return tickDeadline == nil ? nil : 0 }
            return clock.isFixed ? nil : Self.milliseconds(from: now, to: next)
        }
        return clock.isFixed ? nil : Self.milliseconds(from: now, to: deadline)
    }

    func takeSuspendRequest() -> Bool {
        defer { suspendRequested = false }
        return suspendRequested
    }

    func takeRedrawRequest() -> Bool {
        defer { redrawRequested = false }
        return redrawRequested
    }

    /// True while a publish has not been answered: replays and the line mode wait for it.
    var isBusy: Bool { publishing.unansweredCount > 0 || clockJumps.value > 0 }

    // MARK: - Effects

    private func perform(_ effect: Effect) {
        switch effect {
        case .publish(let events):
            publish(events)
        case .persistHistory(let line):
            history.append(line)
        case .bell:
            ringBell()
        case .quit:
            isFinished = true
        case .suspend:
            suspendRequested = true
        case .redraw:
            redrawRequested = true
        case .scheduleTick(let instant):
            tickDeadline = instant
        }
    }

    /// True when a publish started since the last call (the first call is always true: start-up loads).
    func takePublishedSinceSettle() -> Bool {
        defer { publishedSinceSettle = false }
        return publishedSinceSettle
    }

    private func publish(_ events: [TaskEvent]) {
        publishedSinceSettle = true
        publishing.enqueue(events)
    }

    /// A replay's `@advance`: the fixed clock moves, the screen ticks to the new time and the bus fires
    /// what fell due, counted as in flight so that `settle` waits for the reminders it brings.
    func advanceClock(seconds: Int) {
        clock.advance(seconds: seconds)
        send(.tick(clock.now))
        publishedSinceSettle = true
        clockJumps.add(1)
        _Concurrency.Task { [bus, clockJumps] in
            await bus.clockDidJump()
            clockJumps.add(-1)
        }
    }

    private static func milliseconds(from now: Date, to deadline: Date) -> Int {
        max(0, Int((deadline.timeIntervalSince(now) * 1000).rounded(.up)))
    }
}

/// Work started and not yet done, counted across the terminal thread and the tasks doing it.
private final class InFlightCounter: Sendable {
    private let count = Atomic<Int>(0)
    var value: Int { count.load(ordering: .acquiring) }
    func add(_ delta: Int) { count.add(delta, ordering: .acquiringAndReleasing) }
}
