import CNcurses
import Glibc

/// The terminal thread's loop: sleeps in `poll()` on the terminal, the wake-up pipe and the signal
/// descriptor, handles what woke it, and presents frames as its `FramePacer` allows however many
/// updates arrive. With nothing to do it sleeps until the next timer (the clock's next minute).
final class ScreenLoop {
    enum Exit: Equatable {
        case quit
        case signal(Int32)
        case terminalGone
    }

    private let screen: CursesScreen
    private let painter: FramePainter
    private let program: ScreenProgram
    private let signalFD: Int32
    private var pacer: FramePacer
    private let clock = ContinuousClock()
    private var decoder = KeyDecoder()
    private var dirty = true
    /// Keys read but not yet handled. A burst that takes long to act on (50,000 lines typed by a script)
    /// is handled a slice at a time, with frames and signals between the slices, not in one go.
    private var backlog: [DecodedInput] = []
    private var backlogNext = 0
    static let sliceBudget: Duration = .milliseconds(25)

    init(screen: CursesScreen, program: ScreenProgram, signalFD: Int32, pacer: FramePacer = FramePacer()) {
        self.screen = screen
        self.program = program
        self.signalFD = signalFD
        self.pacer = pacer
        painter = FramePainter(controls: screen.controls, outputFD: screen.outputFD)
    }

    var framesPresented: Int { painter.framesPresented }

    func run() -> Exit {
        program.resize(cols: screen.cols, rows: screen.rows)
        var warmedUp = false
        while true {
            let acceptedInput = program.acceptsInput
            var descriptors = [
                // A negative descriptor is skipped by poll(): keys wait in the terminal until accepted.
                pollfd(fd: acceptedInput ? screen.inputFD : -1, events: Int16(POLLIN), revents: 0),
                pollfd(fd: program.wakeDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: signalFD, events: Int16(POLLIN), revents: 0),
            ]
            let timerDelay = program.fireTimers()
            if program.isFinished { return .quit }
            presentIfDue()
            if !warmedUp, framesPresented > 0 {
                program.warmUp()
                warmedUp = true
            }
            let timeout = backlogNext < backlog.count ? 0 : pollTimeout(timerDelay: timerDelay)
            let ready = poll(&descriptors, nfds_t(descriptors.count), timeout)
            if ready < 0 && errno != EINTR { return .terminalGone }
            // Woken by the clock: a timer is due, and what it changes must reach the screen.
            if ready == 0, backlogNext == backlog.count { dirty = true }
            if descriptors[2].revents != 0, let exit = handleSignals() { return exit }
            if descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return .terminalGone }
            if descriptors[0].revents & Int16(POLLIN) != 0 {
                guard let inputs = screen.readAvailableInput() else { return .terminalGone }
                queue(inputs)
            }
            handleBacklogSlice()
            // Every message queued writes to the wake-up pipe, so a pipe with nothing to read means an
            // empty inbox: a keystroke costs no look at it. (The store opening rings it too.)
            if descriptors[1].revents & Int16(POLLIN) != 0, program.drainInbox() { dirty = true }
            // The store has just opened: its tasks are shown at once, not at the next frame slot.
            if !acceptedInput && program.acceptsInput { present() }
            if program.takeSuspendRequest() { suspend() }
            if program.takeRedrawRequest() { repaintAll() }
            if program.isFinished { return .quit }
        }
    }

    private func queue(_ inputs: [CursesInput]) {
        for input in inputs { backlog += decoder.feed(input) }
        backlog += decoder.endOfBatch()
    }

    /// Handles queued keys, in order, until the backlog is empty or the slice's time is up.
    private func handleBacklogSlice() {
        guard backlogNext < backlog.count else { return }
        let deadline = clock.now + Self.sliceBudget
        while backlogNext < backlog.count {
            let input = backlog[backlogNext]
            backlogNext += 1
            switch input {
            case .keyCode(KEY_RESIZE):
                // Curses queues this key when it noticed a resize itself; the size is the terminal's either
                // way, and a size already adopted after SIGWINCH is not adopted twice.
                adoptSize()
            default:
                program.receive(input)
                dirty = true
            }
            if clock.now >= deadline { break }
        }
        if backlogNext == backlog.count {
            backlog.removeAll(keepingCapacity: backlog.count < 4096)
            backlogNext = 0
        }
    }

    private func handleSignals() -> Exit? {
        for arrival in ShellSignals.readPending(from: signalFD) {
            switch arrival.signo {
            case SIGWINCH:
                adoptSize()
            case SIGINT where arrival.fromTerminal:
                // Ctrl-C typed: keys still queued are dropped (it stops a runaway paste), then the chat
                // decides (clear the line, or quit when it is empty).
                backlog.removeAll()
                backlogNext = 0
                program.receive(.scalar("\u{03}"))
                dirty = true
            case SIGTSTP where arrival.fromTerminal:
                program.receive(.scalar("\u{1A}"))
            case SIGTSTP:
                suspend()
            case SIGCONT:
                painter.invalidate()
                dirty = true
            default:
                return .signal(arrival.signo)
            }
        }
        return nil
    }

    /// Ctrl-L: the screen may hold someone else's output; repaint all of it.
    private func repaintAll() {
        painter.invalidate()
        present()
    }

    /// Takes the terminal's size when it changed: one new layout and one frame per resize, however many
    /// of SIGWINCH and KEY_RESIZE announce it.
    private func adoptSize() {
        guard screen.adoptTerminalSize() else { return }
        program.resize(cols: screen.cols, rows: screen.rows)
        painter.invalidate()
        dirty = true
        // A resize is answered at once, not at the next frame slot: the old layout is wrong now.
        present()
    }

    private func suspend() {
        screen.suspend()
        program.resize(cols: screen.cols, rows: screen.rows)
        painter.invalidate()
        present()
    }

    private func presentIfDue() {
        guard dirty else { return }
        if pacer.wait(at: clock.now) > .zero { return }
        present()
    }

    private func present() {
        painter.present(program.frame())
        pacer.didPresent(at: clock.now)
        dirty = false
    }

    /// Milliseconds to sleep: until the next frame slot when a frame is waiting, else until the next
    /// timer, else forever (-1). Rounded up, so the loop never wakes a millisecond early and spins.
    private func pollTimeout(timerDelay: Int?) -> Int32 {
        var timeout = timerDelay
        if dirty {
            let remaining = pacer.wait(at: clock.now)
            let (seconds, attoseconds) = remaining.components
            let milliseconds = max(
                1, Int(seconds) * 1000 + Int((attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000))
            timeout = min(timeout ?? milliseconds, milliseconds)
        }
        guard let timeout else { return -1 }
        return Int32(clamping: max(0, timeout))
    }
}
