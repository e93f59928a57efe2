import CNcurses
import Glibc

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

enum PseudoTerminalError: Error {
    case openFailed(Int32)
}
