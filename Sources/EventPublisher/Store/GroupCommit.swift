import Synchronization

/// Group commit: requests that arrive while a transaction is being written wait, and the next
/// transaction writes all of them at once. Each caller still returns only once its own request is
/// committed, with its own result.
///
/// The caller that finds nobody writing becomes the leader and writes on its own thread, so a lone
/// caller pays no thread hop. When its transaction is done it wakes the followers it wrote for, and
/// hands the lead to the oldest request that came in meanwhile (which then writes everything queued
/// behind it). Requests are written in arrival order.
///
/// The leader's write blocks its thread, one of Swift's cooperative pool, for the transaction (well
/// under a millisecond) and, if another process holds the file's write lock, for as long as SQLite's
/// busy handler waits for it; the other writers of the file (a second chat on the same data directory)
/// hold it just as briefly.
///
/// `commit` gets the requests of one group, oldest first, and returns one result per request: a
/// request can be refused on its own (the outbox is full) without failing the others. If `commit`
/// throws, the transaction failed as a whole: every caller in the group gets that error, none is
/// accepted.
final class GroupCommit<Request: Sendable, Output: Sendable>: Sendable {
    typealias Commit = @Sendable ([Request]) throws -> [Result<Output, any Error>]

    private enum Turn: Sendable {
        case done(Result<Output, any Error>)
        case lead
    }

    private struct Waiter {
        var request: Request
        var continuation: CheckedContinuation<Turn, Never>
    }

    private struct State {
        var writing = false
        var waiting: [Waiter] = []
    }

    private let commit: Commit
    private let state = Mutex(State())

    init(_ commit: @escaping Commit) {
        self.commit = commit
    }

    /// Whether a transaction is being written, and how many requests wait behind it.
    var queue: (writing: Bool, waiting: Int) { state.withLock { ($0.writing, $0.waiting.count) } }

    func submit(_ request: Request) async throws -> Output {
        let leadNow = state.withLock { state in
            if state.writing { return false }
            state.writing = true
            return true
        }
        if !leadNow {
            let turn = await withCheckedContinuation { (continuation: CheckedContinuation<Turn, Never>) in
                let lead = state.withLock { state in
                    if state.writing {
                        state.waiting.append(Waiter(request: request, continuation: continuation))
                        return false
                    }
                    state.writing = true
                    return true
                }
                if lead { continuation.resume(returning: .lead) }
            }
            if case .done(let result) = turn { return try result.get() }
        }
        return try lead(with: request)
    }

    private func lead(with own: Request) throws -> Output {
        let followers = state.withLock { state in
            defer { state.waiting.removeAll() }
            return state.waiting
        }
        var results: [Result<Output, any Error>]
        do {
            results = try commit([own] + followers.map(\.request))
            precondition(results.count == followers.count + 1, "one result per request")
        } catch {
            results = Array(repeating: .failure(error), count: followers.count + 1)
        }
        for (follower, result) in zip(followers, results.dropFirst()) {
            follower.continuation.resume(returning: .done(result))
        }
        let next = state.withLock { state -> Waiter? in
            guard !state.waiting.isEmpty else {
                state.writing = false
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.continuation.resume(returning: .lead)
        return try results[0].get()
    }
}
