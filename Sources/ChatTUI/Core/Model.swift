import Foundation
import TodoCore

/// Which part of the screen gets the keys.
public enum Focus: Hashable, Sendable {
    case input
    case tasks
}

/// All the chat's state. Made once by the shell, then changed only by `update`.
///
/// ```swift
/// var model = Model(mode: .embedded, zone: .current, start: Date(), environment: env, seed: seed)
/// let effects = model.update(.key(.character("a")))
/// let frame = view(model)
/// ```
public struct Model: Sendable {
    public let mode: BusMode
    public let zone: TimeZone
    public internal(set) var now: Date {
        didSet { localNow = LocalDateTime(now, in: zone) }
    }
    /// `now` on the person's calendar and clock, worked out once per tick rather than on every frame
    /// and keystroke (a time-zone look-up is not cheap).
    private(set) var localNow: LocalDateTime
    public internal(set) var size: Size
    public let theme: Theme
    /// Which of the two themes `theme` is (render caches key on this, not on the whole theme).
    let colors: ColorMode
    public internal(set) var focus: Focus = .input
    public internal(set) var helpVisible = false
    public internal(set) var bus: BusStatus

    let environment: ChatEnvironment
    var ids: IDSource

    var input = InputLine()
    var history = History()
    var search: HistorySearch?
    var completion: Completion?
    /// The parse of the line as typed, for the highlight and the preview; `nil` for an empty line.
    var preview: Interpretation?

    var transcript = Transcript()
    /// How many rows the conversation is scrolled up from the newest line.
    var scroll = 0

    var board = TaskBoard()
    /// False until the shell has handed over the stored tasks (the first frame comes before the store).
    var tasksReady = false
    var feed = Feed()
    var selected: TaskID?
    var confirmation: Confirmation?
    var question: Question?
    var undoStack: [UndoEntry] = []
    /// The explanation of the last line entered, for "why".
    var lastExplanation: (line: String, summary: String, lines: [String])?
    var lastTask: TaskID?
    var firedReminders: Set<String> = []
    /// Our published events not yet confirmed, by event id.
    var inFlight: [String: TaskID] = [:]
    /// Our events the shell holds because the bus refused them, by event id, and the bus's reason.
    var unsaved: [String: TaskID] = [:]
    var unsavedReason = ""
    /// Tasks with a change held unsaved, each once (one task can have several held events).
    var unsavedTaskCount: Int { unsaved.isEmpty ? 0 : Set(unsaved.values).count }
    /// Tasks of held events saved since, named together once nothing is held any more.
    var savedAfterHold: [TaskID] = []
    /// The person was told that quitting now loses the unsaved changes; the next quit goes ahead.
    var quitWarned = false
    /// Our tasks at the sidecar that the processor has not confirmed, timed (Dapr mode).
    var processorWatch: ProcessorWatch

    /// Shared by copies of the model: every entry is keyed on all it depends on. Tests swap in an empty
    /// one to draw a model from nothing.
    var cache = RenderCache()

    /// - Parameters:
    ///   - mode: the bus the shell runs (shown in the status bar).
    ///   - zone: the person's time zone; every date on screen is in it.
    ///   - start: the clock at start; later times arrive as `Msg.tick`.
    ///   - environment: the parser and processor functions.
    ///   - seed: seeds the id generator (random in the app, fixed in replays and tests).
    ///   - size: the terminal size until the first `Msg.resize`.
    ///   - colors: `.monochrome` under `NO_COLOR` or without colour support.
    ///   - processorPatience: how long the processor may be silent about our tasks before the chat says so.
    public init(
        mode: BusMode, zone: TimeZone, start: Date, environment: ChatEnvironment, seed: UInt64,
        size: Size = Size(columns: 80, rows: 24), colors: ColorMode = .color,
        processorPatience: TimeInterval = Model.standardProcessorPatience
    ) {
        self.mode = mode
        self.zone = zone
        self.now = start
        self.localNow = LocalDateTime(start, in: zone)
        self.size = size
        self.theme = Theme.forMode(colors)
        self.colors = colors
        self.bus = BusStatus(mode: mode, health: .starting, pendingCount: 0)
        self.environment = environment
        self.ids = IDSource(seed: seed)
        self.processorWatch = ProcessorWatch(patience: processorPatience)
    }

    /// What the shell does before the first message: schedule the clock.
    public func initialEffects() -> [Effect] { [.scheduleTick(at: nextMinute(after: now))] }

    /// The text in the input line.
    public var inputText: String { input.text }

    /// The task list in display order, grouped and numbered (cached until the tasks or the minute change).
    var order: BoardOrder {
        let minute = (now.timeIntervalSinceReferenceDate / 60).rounded(.down)
        return cache.order(board: board, minute: minute) { board.order(now: now, zone: zone) }
    }

    var today: LocalDate { localNow.date }

    func nextMinute(after instant: Date) -> Date {
        Date(timeIntervalSinceReferenceDate: ((instant.timeIntervalSinceReferenceDate / 60).rounded(.down) + 1) * 60)
    }
}

/// "Delete 'pay rent'? y/n", asked from the live pane.
struct Confirmation: Sendable {
    var taskID: TaskID
    var title: String
}

/// "Which one?" after an ambiguous line; the next line "2" runs the second choice.
struct Question: Sendable {
    var choices: [LineChoice]
}

/// What "undo" reverts: the command and the tasks as they were before it.
struct UndoEntry: Sendable {
    var command: Command
    var before: [TaskID: Task]
    var at: Date
}

/// Tab completion in progress: pressing Tab again cycles through the candidates.
struct Completion: Hashable, Sendable {
    var candidates: [String]
    var index: Int
    var range: Range<Int>
}
