import EventPublisher
import Foundation
import Glibc
import Logging
import TodoCore

/// One run of the chat: the data directory, the log, the bus and the program loop, opened in that
/// order and closed in reverse. The store opens on a thread of its own (`StoreOpening`) while the
/// screen paints its first frame.
final class ChatSession {
    let options: ChatOptions
    private let bus: any EventBus
    private let publishing: PublishQueue
    private let inbox: Inbox<Msg>
    private let opening: StoreOpening
    private let clock: ChatClock
    private let history: InputHistory
    private let logger: Logger
    private let temporaryDirectory: String?

    private init(
        options: ChatOptions, bus: any EventBus, inbox: Inbox<Msg>, opening: StoreOpening, clock: ChatClock,
        history: InputHistory, logger: Logger, temporaryDirectory: String?
    ) {
        self.options = options
        self.bus = bus
        self.publishing = PublishQueue(bus: bus, logger: logger) { inbox.post(.publishResult($0)) }
        self.inbox = inbox
        self.opening = opening
        self.clock = clock
        self.history = history
        self.logger = logger
        self.temporaryDirectory = temporaryDirectory
    }

    static func open(_ options: ChatOptions) throws -> ChatSession {
        // A replay plays on a store of its own, so that a demo neither shows nor changes the user's tasks
        // and a script gives the same transcript every time.
        var temporaryDirectory: String?
        var directory = options.dataDirectory
        if case .replay = options.presentation {
            let path = NSTemporaryDirectory() + "todo-chat-replay-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            temporaryDirectory = path
            directory = DataDirectory(path: path)
        }
        try directory.prepare()
        // A file-size limit (ulimit -f) reached by the store is a write that fails, held and retried like
        // a full disk, not a signal that kills the chat with what it holds.
        signal(SIGXFSZ, SIG_IGN)
        let logger = bootstrapFileLog(path: directory.logPath)
        let fixedStart = options.fixedClock.map { FixedClock.instant(of: $0, in: options.timeZone) }
        let clock = ChatClock(fixed: fixedStart)
        let bus = try BusFactory.make(options: options, directory: directory, clock: clock, logger: logger)
        let inbox = try Inbox<Msg>()
        let history = InputHistory(path: directory.historyPath)
        let opening = StoreOpening.begin(
            options: options, directory: directory, bus: bus, inbox: inbox,
            history: temporaryDirectory == nil ? history : nil, logger: logger)
        // Only the embedded screen paints before the store is open: a sidecar that does not answer, or a
        // store that cannot be opened, is then reported before the terminal is touched.
        if options.presentation != .screen || options.bus != .embedded, case .failure(let error) = opening.wait() {
            throw error
        }
        return ChatSession(
            options: options, bus: bus, inbox: inbox, opening: opening, clock: clock, history: history,
            logger: logger, temporaryDirectory: temporaryDirectory)
    }

    /// The program loop with a fresh model, given what the presentation can show. It hands the loaded
    /// tasks and history to the model once the store is open.
    func makeRuntime(colors: ColorMode, size: Size) -> ChatRuntime {
        let isReplay = temporaryDirectory != nil
        let model = Model(
            mode: options.bus == .embedded ? .embedded : .dapr, zone: options.timeZone, start: clock.now,
            environment: .standard, seed: isReplay ? 0x746F_646F : UInt64.random(in: 0...UInt64.max), size: size,
            colors: colors)
        return ChatRuntime(
            model: model, inbox: inbox, bus: bus, publishing: publishing, clock: clock, history: history,
            opening: opening, logger: logger)
    }

    /// Runs the presentation the options chose; the process's exit status.
    func run() throws -> Int32 {
        let status = try present()
        return reportUnsaved() ? 1 : status
    }

    /// Commands the bus refused (a full disk) are lost when the process ends: one more try, then a line
    /// on stderr, after the terminal is restored. True if some could not be saved.
    private func reportUnsaved() -> Bool {
        guard publishing.held.commands > 0 else { return false }
        let publishing = self.publishing
        _ = waitFor(seconds: 3) { await publishing.flush(limit: .seconds(2)) }
        let (commands, reason) = publishing.held
        guard commands > 0 else { return false }
        let what = commands == 1 ? "1 command was" : "\(commands) commands were"
        let line =
            "todo-chat: \(what) not saved (\(reason ?? "the store refused it")) and \(commands == 1 ? "is" : "are") lost\n"
        FileHandle.standardError.write(Data(line.utf8))
        logger.error("unsaved at exit", metadata: ["commands": "\(commands)", "reason": "\(reason ?? "")"])
        return true
    }

    private func present() throws -> Int32 {
        switch options.presentation {
        case .screen:
            let status = try ScreenChat(replay: nil, makeRuntime: makeRuntime).run()
            // The store failed to open after the first frame: said now that the terminal is restored.
            if case .failure(let error) = opening.outcomeIfDone { throw error }
            return status
        case .line:
            return LineChat(runtime: makeRuntime(colors: .monochrome, size: Size(columns: 80, rows: 24))).run()
        case .replay(let path, let speed, let headless):
            let script = try ReplayFile.load(path)
            if headless {
                let runtime = makeRuntime(colors: .monochrome, size: HeadlessReplay.size)
                return HeadlessReplay(runtime: runtime, script: script).run()
            }
            let player = ReplayPlayer(script: script, speed: speed)
            return try ScreenChat(replay: player, makeRuntime: makeRuntime).run()
        }
    }

    func close() {
        // Quit while the store was still opening: let it finish, so that shutting down closes it.
        let opened = opening.wait(seconds: 5)
        let bus = self.bus
        _ = waitFor(seconds: 3) { await bus.shutdown() }
        if case .success(let opened)? = opened { opened.forwarder.cancel() }
        logger.info("chat closed")
        if let temporaryDirectory { try? FileManager.default.removeItem(atPath: temporaryDirectory) }
    }
}

/// Points every logger of the process at the chat's log file; the terminal never sees a log line.
private func bootstrapFileLog(path: String) -> Logger {
    let file = LogFile(path: path)
    LoggingSystem.bootstrap { label in
        guard let file else { return SwiftLogNoOpLogHandler() }
        return FileLogHandler(label: label, file: file)
    }
    return Logger(label: "todo-chat")
}
