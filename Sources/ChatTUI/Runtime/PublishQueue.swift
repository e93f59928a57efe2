import EventPublisher
import Logging
import Synchronization
import TodoCore

/// Hands the model's events to the bus one command at a time, in the order they were entered.
///
/// A command the bus cannot take (a full disk, a store that cannot be written) is not dropped: it stays
/// at the head, and every later command waits behind it, so a "done 3" never lands before the task it
/// completes. The head is tried again whenever a new command comes, and on a timer that backs off from
/// one to ten seconds. Each command is answered once when first settled (accepted, pending, or held
/// with the reason) and once more if a held command is saved later.
final class PublishQueue: Sendable {
    private struct State {
        var waiting: [[TaskEvent]] = []
        /// How many of `waiting`, from the front, have been answered as held.
        var answeredAsHeld = 0
        var reason: String?
        /// Refusals so far, so that `flush` can tell when its own try has failed.
        var attempts = 0
    }

    private let bus: any EventBus
    private let logger: Logger
    private let answer: @Sendable (PublishResult) -> Void
    private let state = Mutex(State())
    private let wake: AsyncStream<Void>.Continuation

    /// `answer` is called from the queue's task, never from the caller of `enqueue`, and under the queue's
    /// lock: it must not call back into the queue.
    init(bus: any EventBus, logger: Logger, answer: @escaping @Sendable (PublishResult) -> Void) {
        self.bus = bus
        self.logger = logger
        self.answer = answer
        let (stream, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        self.wake = wake
        _Concurrency.Task { [self] in
            var failures = 0
            for await _ in stream { failures = await self.drain(failures: failures) }
        }
    }

    func enqueue(_ events: [TaskEvent]) {
        state.withLock { $0.waiting.append(events) }
        wake.yield()
    }

    /// Commands not answered yet: the line mode and replays wait until this is 0.
    var unansweredCount: Int { state.withLock { $0.waiting.count - $0.answeredAsHeld } }

    /// Commands held back because the bus refused them, and why; they are lost if the program ends now.
    var held: (commands: Int, reason: String?) {
        state.withLock { ($0.answeredAsHeld, $0.reason) }
    }

    /// One more try of what is held, now; returns once it is saved or the bus has refused again (or after
    /// `limit`). The program calls it before it ends.
    func flush(limit: Duration) async {
        let attemptsBefore = state.withLock { $0.attempts }
        wake.yield()
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            let settled = state.withLock { $0.waiting.isEmpty || $0.attempts > attemptsBefore }
            if settled { return }
            try? await _Concurrency.Task.sleep(for: .milliseconds(20))
        }
    }

    /// Publishes from the head until the queue is empty or the bus refuses; the failure count to carry on.
    private func drain(failures: Int) async -> Int {
        while let batch = state.withLock({ $0.waiting.first }) {
            let ids = batch.map(\.id)
            do {
                let receipt = try await bus.publish(batch)
                // Answered under the lock: a command stops counting as unanswered when its answer is posted.
                state.withLock { state in
                    state.waiting.removeFirst()
                    if state.answeredAsHeld > 0 {
                        state.answeredAsHeld -= 1
                        if state.answeredAsHeld == 0 { state.reason = nil }
                    }
                    answer(PublishResult(eventIDs: ids, outcome: receipt.pending > 0 ? .pending : .accepted))
                }
            } catch {
                let reason = StoreFailure.describe(error)
                logger.error("publish refused", metadata: ["error": "\(error)", "events": "\(ids)"])
                state.withLock { state in
                    state.reason = reason
                    state.attempts += 1
                    for batch in state.waiting[state.answeredAsHeld...] {
                        answer(PublishResult(eventIDs: batch.map(\.id), outcome: .held(reason)))
                    }
                    state.answeredAsHeld = state.waiting.count
                }
                let delay = min(10, 1 << min(failures, 4))
                _Concurrency.Task { [wake] in
                    try? await _Concurrency.Task.sleep(for: .seconds(delay))
                    wake.yield()
                }
                return failures + 1
            }
        }
        return 0
    }
}
