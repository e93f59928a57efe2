import CNcurses
import Glibc

/// Draws frames on the terminal: the cells that changed since the last frame, or the whole frame after
/// `invalidate`, encoded by `FrameEncoder` and sent in one write.
///
/// Curses still owns the terminal's modes, its keys and `endwin`, but draws nothing: its update planned
/// each short cursor move at a cost of thousands of instructions, and sends each move out in a write of
/// its own (ncurses flushes after every move until the first suspend). Its images of the screen stay
/// blank and are never compared with what the painter wrote.
final class FramePainter {
    private let controls: TerminalControls
    private let outputFD: Int32
    private var previous: Frame?
    /// Where the last frame left the terminal's cursor; nil when unknown.
    private var cursor: Position?
    private var cursorVisible: Bool?
    private var cursesStarted = false

    /// How many frames reached the terminal, for the redraw-coalescing benchmark.
    private(set) var framesPresented = 0

    init(controls: TerminalControls, outputFD: Int32) {
        self.controls = controls
        self.outputFD = outputFD
    }

    /// The next `present` clears the screen and writes every cell (Ctrl-L, a resize, after a suspend).
    func invalidate() {
        previous = nil
    }

    func present(_ frame: Frame) {
        // Curses has not sent its start-up controls (they wait in its buffer), or has been suspended: its
        // own update sends them and marks it running again. With its images blank, that update clears
        // the screen and writes nothing else.
        if !cursesStarted || isendwin() {
            wnoutrefresh(tc_stdscr())
            doupdate()
            cursesStarted = true
            previous = nil
        }
        let output =
            if let previous, previous.width == frame.width, previous.height == frame.height {
                FrameEncoder.changes(from: previous, to: frame, cursor: cursor, controls: controls)
            } else {
                FrameEncoder.repaint(frame, controls: controls)
            }
        // Hidden before the frame is drawn, shown once it is: never a cursor wandering over the screen.
        if frame.cursor == nil { setCursorVisible(false) }
        if writeAll(output.bytes) {
            previous = frame
            cursor = output.cursor
        } else {
            // Part of the frame may be missing: the next one is written whole.
            previous = nil
            cursor = nil
        }
        if frame.cursor != nil { setCursorVisible(true) }
        framesPresented += 1
    }

    private func writeAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = write(outputFD, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 && errno == EINTR { continue }
                // A terminal someone else set non-blocking (a slow SSH link filling its buffer): wait
                // for room, up to a second, rather than drop the rest of the frame.
                if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                    var descriptor = pollfd(fd: outputFD, events: Int16(POLLOUT), revents: 0)
                    if poll(&descriptor, 1, 1000) > 0 { continue }
                    return false
                }
                if count <= 0 { return false }
                offset += count
            }
            return true
        }
    }

    /// Through curses, which remembers it and shows the cursor again at `endwin`.
    private func setCursorVisible(_ visible: Bool) {
        guard cursorVisible != visible else { return }
        curs_set(visible ? 1 : 0)
        cursorVisible = visible
    }
}
