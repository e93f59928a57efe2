import Glibc

/// Why the terminal shell could not start or went away; rendered as one line for the user.
enum ShellError: Error, CustomStringConvertible {
    case system(String, Int32)
    case notATerminal
    case cursesRefused(term: String)
    case cannotAddressCursor(term: String)

    var description: String {
        switch self {
        case .system(let call, let code):
            "\(call) failed: \(String(cString: strerror(code)))"
        case .notATerminal:
            "standard input or output is not a terminal (use --line)"
        case .cursesRefused(let term):
            "the terminal type '\(term)' is unknown to curses (try TERM=xterm-256color or --line)"
        case .cannotAddressCursor(let term):
            "the terminal type '\(term)' cannot clear the screen or move the cursor, which the chat screen needs (use --line)"
        }
    }
}
