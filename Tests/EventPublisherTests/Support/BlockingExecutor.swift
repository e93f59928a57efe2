import Dispatch

/// Runs tasks on a serial dispatch queue of their own, outside Swift's cooperative pool. A group-commit
/// leader writes on its caller's thread; a test that makes that write wait (for a lock, a gate) runs the
/// leader here, so that the waiting does not take one of the pool's few threads from the other tests.
final class BlockingExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked: the queue is the only state, and dispatch queues are thread-safe.
    private let queue = DispatchQueue(label: "todo-chat.tests.blocking-executor")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
