import Dispatch
import EventPublisher
import Foundation
import Logging
import Synchronization
import TodoCore

/// The slow part of start-up, on a thread of its own: proving the data directory writable, opening the
/// store (or reaching the sidecar), subscribing, reading the tasks and the input history. The screen
/// paints its first frame meanwhile and reads no key until this is done, so every key typed early is
/// handled against the loaded tasks, in order.
final class StoreOpening: Sendable {
    /// What the chat needs before it handles the first key.
    struct Opened: Sendable {
        let tasks: [Task]
        let history: [String]
        let forwarder: _Concurrency.Task<Void, Never>
    }

    private let outcome = Mutex<Result<Opened, StartupError>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    /// Starts opening at once; `wake` is rung when it has finished, either way.
    static func begin(
        options: ChatOptions, directory: DataDirectory, bus: any EventBus, inbox: Inbox<Msg>, history: InputHistory?,
        logger: Logger
    ) -> StoreOpening {
        let opening = StoreOpening()
        let thread = Thread {
            let result = Result { () throws(StartupError) -> Opened in
                try open(options: options, directory: directory, bus: bus, inbox: inbox, history: history)
            }
            if case .success(let opened) = result {
                logger.info("chat started", metadata: ["tasks": "\(opened.tasks.count)", "data": "\(directory.path)"])
            }
            opening.outcome.withLock { $0 = result }
            opening.done.signal()
            inbox.wakePipe.wake()
        }
        thread.name = "todo-chat.open"
        thread.start()
        return opening
    }

    /// The outcome once it is there; nil while the store is still opening. Never blocks.
    var outcomeIfDone: Result<Opened, StartupError>? { outcome.withLock { $0 } }

    /// Blocks until the store is open (or failed to open).
    func wait() -> Result<Opened, StartupError> {
        done.wait()
        done.signal()
        return outcome.withLock { $0 }!
    }

    /// The same with a time limit: nil when the store was still opening after `seconds`.
    func wait(seconds: Double) -> Result<Opened, StartupError>? {
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        done.signal()
        return outcome.withLock { $0 }
    }

    private static func open(
        options: ChatOptions, directory: DataDirectory, bus: any EventBus, inbox: Inbox<Msg>, history: InputHistory?
    ) throws(StartupError) -> Opened {
        try directory.proveWritable()
        do {
            try waitFor { try await bus.start() }
        } catch {
            throw BusFactory.startupError(error, options: options, directory: directory)
        }
        if case .dapr = options.bus { try BusFactory.awaitSidecar(bus, seconds: 5) }
        // Subscribe before taking the snapshot, so that no update falls between the two; the model drops
        // updates it already has (per-task sequence numbers).
        let forwarder = BusBridge.forward(from: bus, to: inbox)
        do {
            let tasks = try waitFor { try await bus.snapshot() }
            return Opened(tasks: tasks, history: history?.load() ?? [], forwarder: forwarder)
        } catch {
            forwarder.cancel()
            throw StartupError.store(path: directory.path, reason: StoreFailure.explain(error))
        }
    }
}
