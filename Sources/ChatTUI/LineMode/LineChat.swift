import Glibc

/// The chat as a prompt: each line goes through the same `update` as on the screen, and what the chat
/// adds to the conversation is printed as plain lines. For screen readers, dumb terminals and pipes.
///
/// What arrives meanwhile (other chats' changes on the feed, reminders) is printed as it arrives, not
/// at the next Enter: the loop waits on the input and the runtime's wake-up together.
final class LineChat {
    private let runtime: ChatRuntime
    private var transcript = TranscriptText()
    private var reader: LineReader?

    init(runtime: ChatRuntime) {
        self.runtime = runtime
    }

    func run() -> Int32 {
        let reader = LineReader(history: runtime.model.history.entries)
        self.reader = reader
        runtime.ringBell = { if reader.isInteractive { reader.show("\u{7}") } }
        runtime.settle()
        // What was said before this prompt (the start-up greeting) is news to the person too.
        flush(includeUser: false)
        reader.start(prompt: "> ") { [unowned self] line in self.handle(line) }
        defer { reader.stop() }
        while !runtime.isFinished {
            let timeout = runtime.fireTimers() ?? -1
            var descriptors = [
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: runtime.inbox.wakePipe.readFD, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, 2, Int32(clamping: timeout))
            if ready < 0, errno != EINTR { break }
            if descriptors[1].revents != 0 { runtime.drainInbox() }
            _ = runtime.fireTimers()
            flush(includeUser: false)
            if descriptors[0].revents != 0, !reader.readAvailable(events: descriptors[0].revents) { break }
        }
        return 0
    }

    /// One finished line: the reply is printed before the next prompt.
    private func handle(_ line: String) {
        guard !runtime.isFinished else { return }
        runtime.settle(quiet: .zero)
        flush(includeUser: false)
        guard !line.allSatisfy(\.isWhitespace) else { return }
        runtime.send(.paste(line))
        runtime.send(.key(.enter))
        runtime.settle()
        flush(includeUser: !(reader?.isInteractive ?? false))
    }

    private func flush(includeUser: Bool) {
        let lines =
            transcript.newLines(of: runtime.model, includeUser: includeUser)
            + transcript.newFeedLines(of: runtime.model)
        guard !lines.isEmpty else { return }
        reader?.show(lines: lines)
    }
}
