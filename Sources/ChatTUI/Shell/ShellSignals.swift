import CNcurses
import Glibc

/// Signals of the full-screen mode. They are blocked in every thread and read from a `signalfd` by the
/// terminal thread, so the resize, suspend and quit paths run as ordinary code on the thread that owns curses.
enum ShellSignals {
    /// Signals the terminal thread handles itself; none of them may reach another thread.
    static let owned: [Int32] = [SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGCONT]

    /// Signals of a crash: the terminal is restored, then the default action runs.
    static let crashes: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    /// Blocks `owned` in the calling thread. Called first thing on the main thread, before any other
    /// thread exists, because threads inherit the mask (SIGWINCH on a worker thread delays a resize by seconds).
    static func blockOwnedSignals() {
        var set = signalSet(owned)
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// A descriptor that becomes readable when one of `owned` is pending.
    static func makeSignalFD() throws(ShellError) -> Int32 {
        var set = signalSet(owned)
        let fd = signalfd(-1, &set, Int32(SFD_NONBLOCK | SFD_CLOEXEC))
        guard fd >= 0 else { throw .system("signalfd", errno) }
        return fd
    }

    /// A signal, and whether the terminal sent it (Ctrl-C, Ctrl-Z, Ctrl-\\ typed) rather than `kill`.
    struct Arrival: Equatable {
        var signo: Int32
        var fromTerminal: Bool
    }

    /// The signals that arrived since the last call.
    static func readPending(from fd: Int32) -> [Arrival] {
        var received: [Arrival] = []
        var info = signalfd_siginfo()
        while read(fd, &info, MemoryLayout<signalfd_siginfo>.size) == MemoryLayout<signalfd_siginfo>.size {
            received.append(Arrival(signo: Int32(info.ssi_signo), fromTerminal: info.ssi_code == SI_KERNEL))
        }
        return received
    }

    /// Stops the process the way the shell expects from Ctrl-Z; returns after `fg` (SIGCONT).
    static func stopSelf() {
        var set = signalSet([SIGTSTP])
        signal(SIGTSTP, SIG_DFL)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        raise(SIGTSTP)
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Curses puts its own SIGTSTP handler in when it finds the default one, and then swaps it out and
    /// back around every `doupdate`: two system calls per frame, for a signal this shell blocks and reads
    /// from its descriptor. A handler of ours, which never runs while the signal is blocked, keeps curses
    /// from installing one. Call before `newterm`.
    static func keepCursesOffStopSignal() {
        var current = sigaction()
        guard sigaction(SIGTSTP, nil, &current) == 0, current.__sigaction_handler.sa_handler == nil else { return }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&action.sa_mask)
        sigaction(SIGTSTP, &action, nil)
    }

    /// After a crash the user must not be left in a raw terminal without echo: leave curses, then die
    /// of the same signal so that the exit status and core dump stay honest.
    static func installCrashHandlers() {
        for signo in crashes {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = restoreTerminalAndReraise
            action.sa_flags = Int32(bitPattern: UInt32(SA_RESETHAND))
            sigemptyset(&action.sa_mask)
            sigaction(signo, &action, nil)
        }
    }

    private static func signalSet(_ signals: [Int32]) -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        for signo in signals { sigaddset(&set, signo) }
        return set
    }
}

private func restoreTerminalAndReraise(_ signo: Int32) {
    BracketedPaste.disableUnbuffered()
    endwin()
    signal(signo, SIG_DFL)
    raise(signo)
}
