import EventPublisher
import Foundation
import Glibc
import Logging
import TodoCore

/// One run of the chat: the data directory, the log, the bus and the program loop, opened in that
/// order and closed in reverse.
final class ChatSession {
    let options: ChatOptions
    private let bus: any EventBus
    private let inbox: Inbox<Msg>
    private let forwarder: _Concurrency.Task<Void, Never>
    private let clock: ChatClock
    private let history: InputHistory
    private let tasks: [Task]
    private let logger: Logger
    private let temporaryDirectory: String?

    private init(
        options: ChatOptions, bus: any EventBus, inbox: Inbox<Msg>, forwarder: _Concurrency.Task<Void, Never>,
        clock: ChatClock, history: InputHistory, tasks: [Task], logger: Logger, temporaryDirectory: String?
    ) {
        self.options = options
        self.bus = bus
        self.inbox = inbox
        self.forwarder = forwarder
        self.clock = clock
        self.history = history
        self.tasks = tasks
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
        let logger = bootstrapFileLog(path: directory.logPath)
        let fixedStart = options.fixedClock.map { FixedClock.instant(of: $0, in: options.timeZone) }
        let clock = ChatClock(fixed: fixedStart)
        let bus = try BusFactory.make(options: options, directory: directory, clock: clock, logger: logger)
        do {
            try waitFor { try await bus.start() }
        } catch {
            throw BusFactory.startupError(error, options: options, directory: directory)
        }
        if case .dapr = options.bus { try BusFactory.awaitSidecar(bus, seconds: 5) }
        let inbox = try Inbox<Msg>()
        // Subscribe before taking the snapshot, so that no update falls between the two; the model drops
        // updates it already has (per-task sequence numbers).
        let forwarder = BusBridge.forward(from: bus, to: inbox)
        let tasks: [Task]
        do {
            tasks = try waitFor { try await bus.snapshot() }
        } catch {
            throw StartupError.store(path: directory.path, reason: "\(error)")
        }
        logger.info("chat started", metadata: ["tasks": "\(tasks.count)", "data": "\(directory.path)"])
        return ChatSession(
            options: options, bus: bus, inbox: inbox, forwarder: forwarder, clock: clock,
            history: InputHistory(path: directory.historyPath), tasks: tasks, logger: logger,
            temporaryDirectory: temporaryDirectory)
    }

    /// The program loop with a fresh model, given what the presentation can show.
    func makeRuntime(colors: ColorMode, size: Size) -> ChatRuntime {
        let isReplay = temporaryDirectory != nil
        let model = Model(
            mode: options.bus == .embedded ? .embedded : .dapr, zone: options.timeZone, start: clock.now,
            environment: .standard, seed: isReplay ? 0x746F_646F : UInt64.random(in: 0...UInt64.max), size: size,
            colors: colors)
        let runtime = ChatRuntime(model: model, inbox: inbox, bus: bus, clock: clock, history: history, logger: logger)
        if !isReplay { runtime.send(.historyLoaded(history.load())) }
        runtime.send(.tasksLoaded(tasks))
        return runtime
    }

    /// Runs the presentation the options chose; the process's exit status.
    func run() throws -> Int32 {
        switch options.presentation {
        case .screen:
            return try ScreenChat(replay: nil, makeRuntime: makeRuntime).run()
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
        let bus = self.bus
        _ = waitFor(seconds: 3) { await bus.shutdown() }
        forwarder.cancel()
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
