import Glibc

/// The full-screen chat: curses on this thread, the runtime behind it, and optionally a replay typing
/// into it.
final class ScreenChat: ScreenProgram {
    private var replay: ReplayPlayer?
    private let makeRuntime: (ColorMode, Size) -> ChatRuntime
    private var runtime: ChatRuntime!
    private let clock = ContinuousClock()

    /// `makeRuntime` is called once the screen is up, when it is known whether it has colours.
    init(replay: ReplayPlayer?, makeRuntime: @escaping (ColorMode, Size) -> ChatRuntime) {
        self.replay = replay
        self.makeRuntime = makeRuntime
    }

    /// Takes the terminal, runs until quit, and gives the terminal back on every path out.
    func run() throws(ShellError) -> Int32 {
        let signalFD = try ShellSignals.makeSignalFD()
        defer { close(signalFD) }
        let screen = try CursesScreen()
        defer { screen.end() }
        runtime = makeRuntime(
            screen.controls.colors ? .color : .monochrome, Size(columns: screen.cols, rows: screen.rows))
        runtime.ringBell = { screen.bell() }
        let loop = ScreenLoop(screen: screen, program: self, signalFD: signalFD)
        let exit = loop.run()
        runtime.logger.info(
            "screen closed frames=\(loop.framesPresented) transcript=\(runtime.model.transcript.count) exit=\(exit)")
        switch exit {
        case .quit: return 0
        case .terminalGone: return 1
        case .signal(let signo): return 128 + signo
        }
    }

    // MARK: - ScreenProgram

    var isFinished: Bool { runtime.isFinished }

    var acceptsInput: Bool { runtime.isOpen }

    var wakeDescriptor: Int32 { runtime.inbox.wakePipe.readFD }

    func takeSuspendRequest() -> Bool { runtime.takeSuspendRequest() }

    func takeRedrawRequest() -> Bool { runtime.takeRedrawRequest() }

    func receive(_ input: DecodedInput) {
        if let message = Msg(input) { runtime.send(message) }
    }

    func resize(cols: Int, rows: Int) {
        runtime.send(.resize(columns: cols, rows: rows))
    }

    func drainInbox() -> Bool { runtime.drainInbox() }

    func fireTimers() -> Int? {
        let tickDelay = runtime.fireTimers()
        guard var player = replay else { return tickDelay }
        let (actions, wait) = player.due(at: clock.now, busy: runtime.isBusy)
        replay = player
        for action in actions { perform(action) }
        guard let wait else { return tickDelay }
        let (seconds, attoseconds) = wait.components
        let replayDelay = Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000) + 1
        return min(tickDelay ?? replayDelay, replayDelay)
    }

    func frame() -> Frame { view(runtime.model) }

    /// The parser builds its word tables on first use (a few milliseconds), and its memory of the last
    /// repeat on the first repeat it reads (half a millisecond of type set-up): do both before the first
    /// key rather than in its echo.
    func warmUp() {
        let model = runtime.model
        _ = model.environment.interpret("buy milk every monday 9am #shop", model.interpretContext())
    }

    private func perform(_ action: ReplayTimeline.Action) {
        switch action {
        case .input(let input): receive(input)
        case .submit: runtime.send(.key(.enter))
        case .advanceClock(let seconds):
            runtime.advanceClock(seconds: seconds)
        case .resize:
            // The real terminal keeps its size; only a headless replay lays out at another size.
            break
        }
    }
}
