import CEditLine
import Glibc

/// Where line mode gets its lines: libedit's prompt with editing and history on a terminal, plain reads
/// from a pipe (no prompt, no echo: a script's output stays clean).
final class LineReader {
    let isInteractive: Bool

    init(history: [String]) {
        isInteractive = isatty(STDIN_FILENO) == 1
        guard isInteractive else { return }
        TerminalLocale.adoptUTF8()
        stifle_history(Int32(InputHistory.limit))
        for line in history { add_history(line) }
    }

    /// The next line without its newline, or nil at end of input (Ctrl-D, end of the pipe).
    func next(prompt: String) -> String? {
        guard isInteractive else { return Swift.readLine(strippingNewline: true) }
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        let line = String(cString: raw)
        if !line.allSatisfy(\.isWhitespace) { add_history(raw) }
        return line
    }
}
