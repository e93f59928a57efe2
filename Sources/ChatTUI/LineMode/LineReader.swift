import CEditLine
import Glibc

/// Where line mode gets its lines and how it prints between them.
///
/// On a terminal: libedit's prompt with editing and history, driven through its callback interface
/// (`rl_callback_read_char` when the input is readable), so that a line arriving from elsewhere is
/// printed above the prompt and the line being typed is drawn again under it, untouched. On a pipe:
/// plain reads, no prompt, no echo, no escape sequences (a script's output stays clean).
final class LineReader {
    let isInteractive: Bool
    private var onLine: (String) -> Void = { _ in }
    private var pending: [UInt8] = []
    /// True from `start` until the end of input, except while a finished line is being handled
    /// (libedit prints the next prompt only after that).
    private var promptShown = false
    private var ended = false
    private var prompt = ""
    private var finishedLine = false

    init(history: [String]) {
        isInteractive = isatty(STDIN_FILENO) == 1
        guard isInteractive else { return }
        TerminalLocale.adoptUTF8()
        stifle_history(Int32(InputHistory.limit))
        for line in history { add_history(line) }
    }

    /// Shows `prompt` (on a terminal) and hands each finished line to `onLine`.
    func start(prompt: String, onLine: @escaping (String) -> Void) {
        self.onLine = onLine
        guard isInteractive else { return }
        self.prompt = prompt
        LineReader.current = self
        rl_callback_handler_install(prompt, lineFinished)
        promptShown = true
    }

    func stop() {
        guard isInteractive, LineReader.current === self else { return }
        if promptShown { Self.write("\r\n") }
        rl_callback_handler_remove()
        LineReader.current = nil
    }

    /// Reads what the input has, given what poll said about it; false at the end of input (Ctrl-D on
    /// an empty line, the end of the pipe, a terminal that went away).
    func readAvailable(events: Int16) -> Bool {
        // A hung-up terminal stays "readable" and yields nothing: reading on would spin.
        let gone = events & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
        if gone, isInteractive || events & Int16(POLLIN) == 0 { return false }
        if isInteractive {
            rl_callback_read_char()
            if finishedLine, !ended {
                // libedit 3.1 (2022) leaves the editor line-buffered, in cooked mode, after a finished line
                // until the next one is read whole (so Ctrl-D would not be seen); installing the handler again
                // switches it back to a character at a time and shows the prompt.
                finishedLine = false
                rl_callback_handler_install(prompt, lineFinished)
                promptShown = true
            }
            return !ended
        }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(STDIN_FILENO, &buffer, buffer.count)
        if count < 0 { return errno == EINTR || errno == EAGAIN }
        if count == 0 {
            // The last line of a pipe may lack its newline.
            if !pending.isEmpty { onLine(String(decoding: pending, as: UTF8.self)) }
            pending = []
            return false
        }
        pending += buffer[..<count]
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            var line = pending[..<newline]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            let text = String(decoding: line, as: UTF8.self)
            pending.removeSubrange(...newline)
            onLine(text)
        }
        return true
    }

    /// Prints whole lines; on a terminal, above the prompt and what is being typed, which are drawn
    /// again below them.
    func show(lines: [String]) {
        guard isInteractive, promptShown else {
            Self.write(lines.joined(separator: "\n") + "\n")
            return
        }
        // The terminal is in libedit's raw mode: return to column 0 and clear the prompt's row first.
        Self.write("\r\u{1B}[K" + lines.joined(separator: "\r\n") + "\r\n")
        rl_forced_update_display()
    }

    /// Writes `text` as it is (the bell).
    func show(_ text: String) {
        Self.write(text)
    }

    fileprivate func finish(_ raw: UnsafeMutablePointer<CChar>?) {
        guard let raw else {
            ended = true
            promptShown = false
            return
        }
        defer { free(raw) }
        let line = String(cString: raw)
        if !line.allSatisfy(\.isWhitespace) { add_history(raw) }
        promptShown = false
        finishedLine = true
        onLine(line)
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

    /// libedit's line callback carries no context: the reader that installed it, on the one thread
    /// that runs the line mode.
    nonisolated(unsafe) fileprivate static var current: LineReader?
}

/// libedit hands over the finished line (malloc'd, ours to free), or nil at the end of input.
private func lineFinished(_ raw: UnsafeMutablePointer<CChar>?) {
    LineReader.current?.finish(raw)
}
