import Glibc

/// Bracketed paste (xterm mode 2004): a pasted block arrives between `ESC [200~` and `ESC [201~`, so a
/// multi-line paste lands in the input line instead of executing line by line.
enum BracketedPaste {
    static let start: [UInt32] = Array("\u{1B}[200~".unicodeScalars.map(\.value))
    static let end: [UInt32] = Array("\u{1B}[201~".unicodeScalars.map(\.value))

    static func enable(_ fd: Int32) { writeAll("\u{1B}[?2004h", to: fd) }
    static func disable(_ fd: Int32) { writeAll("\u{1B}[?2004l", to: fd) }

    /// Async-signal-safe: one `write` of a static string.
    static func disableUnbuffered() {
        let sequence: StaticString = "\u{1B}[?2004l"
        _ = write(STDOUT_FILENO, sequence.utf8Start, sequence.utf8CodeUnitCount)
    }

    private static func writeAll(_ text: String, to fd: Int32) {
        var bytes = Array(text.utf8)
        _ = write(fd, &bytes, bytes.count)
    }
}
