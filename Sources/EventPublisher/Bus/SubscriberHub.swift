import Synchronization

/// Fans bus events out to every live `subscribe()` stream. A new stream starts with the latest status.
final class SubscriberHub: Sendable {
    private struct State {
        var next = 0
        var continuations: [Int: AsyncStream<BusEvent>.Continuation] = [:]
        var status: BusStatus
        var finished = false
    }

    private let state: Mutex<State>

    init(status: BusStatus) {
        state = Mutex(State(status: status))
    }

    var status: BusStatus { state.withLock { $0.status } }

    var hasSubscribers: Bool { state.withLock { !$0.continuations.isEmpty } }

    func subscribe() -> AsyncStream<BusEvent> {
        // Unbounded so a slow screen never makes the bus drop an update; the screen coalesces redraws.
        let (stream, continuation) = AsyncStream<BusEvent>.makeStream(bufferingPolicy: .unbounded)
        let id: Int? = state.withLock { s in
            if s.finished { return nil }
            let id = s.next
            s.next += 1
            s.continuations[id] = continuation
            continuation.yield(.status(s.status))
            return id
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.continuations.removeValue(forKey: id) }
        }
        return stream
    }

    func send(_ event: BusEvent) {
        state.withLock { s in
            for continuation in s.continuations.values { continuation.yield(event) }
        }
    }

    /// Records the new status and tells subscribers, unless nothing changed.
    func update(status change: (inout BusStatus) -> Void) {
        state.withLock { s in
            var status = s.status
            change(&status)
            guard status != s.status else { return }
            s.status = status
            for continuation in s.continuations.values { continuation.yield(.status(status)) }
        }
    }

    func finish() {
        let continuations = state.withLock { s in
            s.finished = true
            defer { s.continuations = [:] }
            return Array(s.continuations.values)
        }
        for continuation in continuations { continuation.finish() }
    }
}
