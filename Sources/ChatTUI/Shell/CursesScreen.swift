import CNcurses
import Foundation
import Glibc

/// The curses session: set-up, input, suspend, resize and teardown. Every method runs on the terminal
/// thread, the only thread that touches curses. Frames are drawn by `FramePainter`, in `controls`.
final class CursesScreen {
    private(set) var rows: Int
    private(set) var cols: Int
    /// The terminal's own control sequences.
    let controls: TerminalControls
    let inputFD: Int32
    let outputFD: Int32
    private var screen: OpaquePointer?
    private var files: (input: UnsafeMutablePointer<FILE>, output: UnsafeMutablePointer<FILE>)?
    private var emptyReads = 0

    /// Takes over the terminal on these descriptors (a pty in tests). Throws, leaving the terminal as it
    /// was, when there is none to take over.
    init(inputFD: Int32 = STDIN_FILENO, outputFD: Int32 = STDOUT_FILENO) throws(ShellError) {
        guard isatty(inputFD) == 1, isatty(outputFD) == 1 else { throw .notATerminal }
        self.inputFD = inputFD
        self.outputFD = outputFD
        TerminalLocale.adoptUTF8()
        // ncurses' defaults (1 s) make a lone Escape feel stuck; 25 ms is plenty for a local or SSH sequence.
        set_escdelay(25)
        ShellSignals.keepCursesOffStopSignal()
        guard let input = fdopen(dup(inputFD), "r"), let output = fdopen(dup(outputFD), "w") else {
            throw .system("fdopen", errno)
        }
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        guard let screen = newterm(nil, output, input) else {
            fclose(input)
            fclose(output)
            throw .cursesRefused(term: term)
        }
        // NO_COLOR (no-color.org): any value but the empty one.
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        guard let controls = TerminalControls.fromTerminfo(colors: !noColor && has_colors()) else {
            delscreen(screen)
            fclose(input)
            fclose(output)
            throw .cannotAddressCursor(term: term)
        }
        self.controls = controls
        files = (input, output)
        self.screen = screen
        set_term(screen)
        cbreak()
        noecho()
        nonl()
        intrflush(tc_stdscr(), false)
        keypad(tc_stdscr(), true)
        nodelay(tc_stdscr(), true)
        // Curses would poll the keyboard before every update to cut it short when keys are waiting; the
        // loop reads every key before it draws, so that check is one system call per frame for nothing.
        typeahead(-1)
        rows = Int(tc_lines())
        cols = Int(tc_cols())
        ShellSignals.installCrashHandlers()
        BracketedPaste.enable(outputFD)
    }

    /// Leaves curses; the terminal is as it was before `init`. Safe to call twice.
    func end() {
        guard let screen else { return }
        BracketedPaste.disable(outputFD)
        endwin()
        delscreen(screen)
        self.screen = nil
        if let files {
            fclose(files.input)
            fclose(files.output)
        }
        files = nil
    }

    /// Everything typed since the last call, or nil when the terminal is gone (hang-up, closed pty):
    /// `wget_wch` then fails forever, and spinning on it would burn a core.
    func readAvailableInput() -> [CursesInput]? {
        var inputs: [CursesInput] = []
        var character: wint_t = 0
        while true {
            let result = wget_wch(tc_stdscr(), &character)
            if result == OK {
                inputs.append(.character(character))
            } else if result == KEY_CODE_YES {
                inputs.append(.keyCode(Int32(bitPattern: character)))
            } else {
                break
            }
        }
        // poll() said readable yet nothing came, again and again: the other end has gone.
        emptyReads = inputs.isEmpty ? emptyReads + 1 : 0
        return emptyReads > 20 ? nil : inputs
    }

    /// Asks the terminal for its size; true when it changed. Curses is not told: it draws nothing, and
    /// resizing its three screen images would be most of the time a resize takes.
    @discardableResult
    func adoptTerminalSize() -> Bool {
        var newRows: Int32 = 0
        var newCols: Int32 = 0
        guard tc_get_winsize(outputFD, &newRows, &newCols) == 0, newRows > 0, newCols > 0 else { return false }
        guard Int(newRows) != rows || Int(newCols) != cols else { return false }
        rows = Int(newRows)
        cols = Int(newCols)
        return true
    }

    /// Ctrl-Z: give the terminal back, stop, and take it again after `fg` (the painter's next frame
    /// resumes curses; it must be a whole one).
    func suspend() {
        BracketedPaste.disable(outputFD)
        endwin()
        ShellSignals.stopSelf()
        // Back after SIGCONT. The size may have changed while we were stopped.
        reset_prog_mode()
        adoptTerminalSize()
        BracketedPaste.enable(outputFD)
    }

    func bell() {
        beep()
    }
}
