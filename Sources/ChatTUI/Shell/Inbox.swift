import Synchronization

/// Messages produced off the terminal thread (bus subscriber, publish results, timers), queued for it.
final class Inbox<Message: Sendable>: Sendable {
    let wakePipe: WakePipe
    private let queue = Mutex<[Message]>([])

    init() throws(ShellError) {
        wakePipe = try WakePipe()
    }

    func post(_ message: Message) {
        queue.withLock { $0.append(message) }
        wakePipe.wake()
    }

    func post(contentsOf messages: [Message]) {
        guard !messages.isEmpty else { return }
        queue.withLock { $0.append(contentsOf: messages) }
        wakePipe.wake()
    }

    /// Everything queued so far, oldest first.
    func takeAll() -> [Message] {
        wakePipe.drain()
        return queue.withLock { queued in
            var taken: [Message] = []
            swap(&taken, &queued)
            return taken
        }
    }
}
