import CNcurses
import Glibc

@testable import ChatTUI

/// A pseudo-terminal for in-process curses tests: the test holds the master, curses gets the slave.
final class PseudoTerminal: Sendable {
    let master: Int32
    let slave: Int32

    init(cols: Int, rows: Int) throws {
        var master: Int32 = -1
        var slave: Int32 = -1
        guard openpty(&master, &slave, nil, nil, nil) == 0 else { throw PseudoTerminalError.openFailed(errno) }
        self.master = master
        self.slave = slave
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        resize(cols: cols, rows: rows)
    }

    deinit {
        close(master)
        close(slave)
    }

    func resize(cols: Int, rows: Int) {
        _ = tc_set_winsize(slave, Int32(rows), Int32(cols))
    }

    /// Everything curses wrote since the last drain. Curses blocks in `doupdate` once the pty buffer is
    /// full, so tests drain after every present.
    func drain() -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(master, &buffer, buffer.count)
            if count <= 0 { break }
            out += buffer[0..<count]
        }
        return out
    }

    /// Types into the terminal as a keyboard would.
    func type(_ text: String) {
        var bytes = Array(text.utf8)
        _ = write(master, &bytes, bytes.count)
    }
}

/// Curses started on a fresh pseudo-terminal of type `term`, and ended after `body` (its last output
/// drained). What curses wrote while starting is left in the terminal for `body` to read or drain.
func withCursesOnPseudoTerminal(
    term: String = "xterm-256color", cols: Int = 80, rows: Int = 24,
    _ body: (CursesScreen, PseudoTerminal) throws -> Void
) throws {
    setenv("TERM", term, 1)
    defer { setenv("TERM", "xterm-256color", 1) }
    let pty = try PseudoTerminal(cols: cols, rows: rows)
    let screen = try CursesScreen(inputFD: pty.slave, outputFD: pty.slave)
    defer {
        screen.end()
        _ = pty.drain()
    }
    try body(screen, pty)
}

enum PseudoTerminalError: Error {
    case openFailed(Int32)
}
