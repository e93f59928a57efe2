import Glibc

/// The chat as a prompt: each line goes through the same `update` as on the screen, and what the chat
/// adds to the conversation is printed as plain lines. For screen readers, dumb terminals and pipes.
final class LineChat {
    private let runtime: ChatRuntime
    private var transcript = TranscriptText()

    init(runtime: ChatRuntime) {
        self.runtime = runtime
    }

    func run() -> Int32 {
        let reader = LineReader(history: runtime.model.history.entries)
        runtime.ringBell = { if reader.isInteractive { Self.write("\u{7}") } }
        runtime.settle()
        // What was said before this prompt (the start-up greeting) is news to the person too.
        flush(includeUser: false)
        while !runtime.isFinished, let line = reader.next(prompt: "> ") {
            runtime.settle(quiet: .zero)
            flush(includeUser: false)
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            runtime.send(.paste(line))
            runtime.send(.key(.enter))
            runtime.settle()
            flush(includeUser: !reader.isInteractive)
        }
        return 0
    }

    private func flush(includeUser: Bool) {
        let lines = transcript.newLines(of: runtime.model, includeUser: includeUser)
        guard !lines.isEmpty else { return }
        Self.write(lines.joined(separator: "\n") + "\n")
    }

    private static func write(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
