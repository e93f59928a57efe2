import ArgumentParser
import ChatTUI
import Foundation
import TodoCore

/// The chat: parses flags into `ChatOptions` and hands over to ChatTUI. Nothing here touches the terminal.
struct ChatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Open the chat (embedded mode unless --dapr is given).",
        // One paragraph per line: ArgumentParser wraps it to the terminal's width itself.
        discussion: """
            Embedded mode keeps everything in one SQLite file under $XDG_DATA_HOME/todo-chat/ \
            (~/.local/share/todo-chat/ when XDG_DATA_HOME is unset).

            Line mode starts by itself when standard input or output is not a terminal, or TERM is unset \
            or dumb.
            """
    )

    @Option(name: .customLong("data-dir"), help: "Directory of the embedded store, history and log.")
    var dataDirectory: String?

    @Flag(help: "Use a Dapr sidecar (pub/sub to Kafka) instead of the embedded bus.")
    var dapr = false

    @Option(
        name: .customLong("dapr-http-endpoint"),
        help: "The sidecar's HTTP endpoint (default: $DAPR_HTTP_ENDPOINT, else http://127.0.0.1:$DAPR_HTTP_PORT).")
    var daprHTTPEndpoint: String?

    @Option(name: .customLong("app-port"), help: "Port of our app channel for subscriptions (default: $APP_PORT).")
    var appPort: Int?

    @Flag(name: .customLong("line"), help: "Plain line mode (libedit), for screen readers, dumb terminals and pipes.")
    var lineMode = false

    @Option(help: "Play a replay script (see docs/terminal.md).")
    var replay: String?

    @Option(help: "A fixed clock, as an ISO local date-time such as 2026-12-01T08:30.")
    var clock: String?

    @Option(help: "Replay speed factor: 2 plays twice as fast.")
    var speed: Double = 1

    @Flag(help: "With --replay: print the transcript and the final live pane as plain text, then exit.")
    var headless = false

    @Option(help: "IANA time zone for due times and the clock (default: the system's).")
    var tz: String?

    func validate() throws {
        if headless && replay == nil { throw ValidationError("--headless needs --replay FILE") }
        if !(speed > 0 && speed <= 1000) { throw ValidationError("--speed must be a factor above 0, such as 2") }
        if let tz, TimeZone(identifier: tz) == nil { throw ValidationError("unknown time zone '\(tz)'") }
        if let clock, FixedClock.parse(clock) == nil {
            throw ValidationError("--clock needs an ISO local date-time such as 2026-12-01T08:30")
        }
        if !dapr && (daprHTTPEndpoint != nil || appPort != nil) {
            throw ValidationError("--dapr-http-endpoint and --app-port need --dapr")
        }
    }

    func run() throws {
        let replay = self.replay.map { (path: $0, speed: speed, headless: headless) }
        try Self.open(
            dataDirectory: dataDirectory,
            bus: dapr ? .dapr(httpEndpoint: daprHTTPEndpoint, appPort: appPort) : .embedded,
            lineMode: lineMode, replay: replay, timeZone: tz.flatMap(TimeZone.init(identifier:)),
            fixedClock: clock.flatMap(FixedClock.parse))
    }

    /// `todo-chat` with no arguments, the everyday start: every option at its default, without
    /// ArgumentParser, whose reflection over the commands and options took half of the CPU before the
    /// first frame.
    static func openWithDefaults() throws {
        try open(dataDirectory: nil, bus: .embedded, lineMode: false, replay: nil, timeZone: nil, fixedClock: nil)
    }

    private static func open(
        dataDirectory: String?, bus: ChatOptions.Bus, lineMode: Bool,
        replay: (path: String, speed: Double, headless: Bool)?, timeZone: TimeZone?, fixedClock: LocalDateTime?
    ) throws {
        let environment = ProcessInfo.processInfo.environment
        let presentation: ChatOptions.Presentation
        if let replay {
            presentation = .replay(path: replay.path, speed: replay.speed, headless: replay.headless)
        } else {
            let term = environment["TERM"] ?? ""
            let interactive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
            presentation = lineMode || !interactive || term.isEmpty || term == "dumb" ? .line : .screen
        }
        let options = ChatOptions(
            dataDirectory: DataDirectory.resolve(explicit: dataDirectory, environment: environment), bus: bus,
            presentation: presentation, timeZone: timeZone ?? .current, fixedClock: fixedClock)
        let status = ChatApp.run(options)
        if status != 0 { throw ExitCode(status) }
    }
}
