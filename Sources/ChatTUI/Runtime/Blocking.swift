import Dispatch
import Synchronization

/// Runs async work from the terminal thread, which is not part of Swift's cooperative pool and may
/// block: used at start and at exit (opening and closing the bus), never inside the loop.
func waitFor<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let done = DispatchSemaphore(value: 0)
    let slot = Slot<Result<T, any Error>>()
    _Concurrency.Task {
        do { slot.set(.success(try await body())) } catch { slot.set(.failure(error)) }
        done.signal()
    }
    done.wait()
    return try slot.get()!.get()
}

/// The same with a time limit: nil when `body` did not finish in time (a sidecar that hangs at exit).
func waitFor<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async throws -> T) -> T? {
    let done = DispatchSemaphore(value: 0)
    let slot = Slot<T>()
    _Concurrency.Task {
        if let value = try? await body() { slot.set(value) }
        done.signal()
    }
    guard done.wait(timeout: .now() + seconds) == .success else { return nil }
    return slot.get()
}

private final class Slot<T: Sendable>: Sendable {
    private let value = Mutex<T?>(nil)
    func set(_ newValue: T) { value.withLock { $0 = newValue } }
    func get() -> T? { value.withLock { $0 } }
}
