import Foundation
import TaskIntent
import TodoCore

/// What the chat tells the parser about the screen, so that "3", "the milk one" and "it" mean what
/// the person sees.
public struct InterpretContext: Sendable {
    public var now: Date
    public var zone: TimeZone
    /// The live pane's numbering: list number n is `numbered[n - 1]`.
    public var numbered: [TaskID]
    public var tasks: [TaskID: Task]
    /// The task the conversation last talked about ("it", "that").
    public var lastTask: TaskID?
    /// The numbered tasks as the parser takes them, and every tag in use; built once per change of the
    /// list, not per keystroke.
    public var visibleTasks: [ParseContext.VisibleTask]
    public var knownTags: [String]
    /// `now` in `zone`, as the model already knows it.
    public var localNow: LocalDateTime
    /// False for the preview while typing: only the line entered is explained ("why"), so the parse of
    /// every keystroke need not word its rules.
    public var explains = true

    public init(
        now: Date, zone: TimeZone, numbered: [TaskID], tasks: [TaskID: Task], lastTask: TaskID?,
        visibleTasks: [ParseContext.VisibleTask] = [], knownTags: [String] = [], localNow: LocalDateTime? = nil
    ) {
        self.now = now
        self.zone = zone
        self.numbered = numbered
        self.tasks = tasks
        self.lastTask = lastTask
        self.visibleTasks = visibleTasks
        self.knownTags = knownTags
        self.localNow = localNow ?? LocalDateTime(now, in: zone)
    }
}

/// A recognised part of the typed line, in character offsets, for highlighting.
public struct ParseSpan: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case command
        case reference
        case date
        case time
        case recurrence
        case duration
        case priority
        case tag
        case assignee
        case description
        case reminder
        case query
        case quoted
    }

    public var range: Range<Int>
    public var kind: Kind

    public init(_ range: Range<Int>, _ kind: Kind) {
        self.range = range
        self.kind = kind
    }
}

/// What Enter would do with a line (the chat's side of TaskIntent's `Intent`).
public indirect enum LineAction: Sendable {
    case nothing
    /// A new task; the chat gives it an id.
    case add(TaskDraft)
    /// Commands on tasks whose references resolved ("done 3 and 4" gives two).
    case commands([Command])
    /// Answered from the tasks the chat already has ("what's due today?"): no event is published.
    case query(TaskQuery)
    case undo
    case help
    case why
    case quit
    /// The line could mean several things: the chat asks, and the next line "2" runs the second choice.
    case clarify(question: String, choices: [LineChoice])
    /// The parser could not make a task or command of it; the message says why.
    case notUnderstood(String)
}

/// One answer to a clarifying question.
public struct LineChoice: Sendable {
    public var label: String
    public var action: LineAction

    public init(label: String, action: LineAction) {
        self.label = label
        self.action = action
    }
}

/// The parser's answer for one line: the action, the spans it recognised, a one-line summary for the
/// preview ("Add 'pay rent' · due Mon 1 Dec 09:00 · every month · high · #home"), and an explanation
/// of which rules fired, for "why".
public struct Interpretation: Sendable {
    public var action: LineAction
    public var spans: [ParseSpan]
    public var summary: String
    public var explanation: [String]

    public init(action: LineAction, spans: [ParseSpan] = [], summary: String = "", explanation: [String] = []) {
        self.action = action
        self.spans = spans
        self.summary = summary
        self.explanation = explanation
    }
}

/// The state `decide` sees: the clock, the zone, the tasks, and where new event ids come from.
public struct DecideContext: Sendable {
    public var now: Date
    public var zone: TimeZone
    public var tasks: [TaskID: Task]
    public var ids: IDSource

    public init(now: Date, zone: TimeZone, tasks: [TaskID: Task], ids: IDSource) {
        self.now = now
        self.zone = zone
        self.tasks = tasks
        self.ids = ids
    }
}

/// Why a command was refused ("task 7 is already done"), in words for the reply.
public struct Refusal: Error, Hashable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// The pure functions the chat calls: the parser and the processor. The shell passes the real ones
/// (TaskIntent and TodoCore); tests may pass small stand-ins. Keeping them as values keeps `update`
/// free of any global state.
public struct ChatEnvironment: Sendable {
    public var interpret: @Sendable (String, InterpretContext) -> Interpretation
    public var decide: @Sendable (Command, inout DecideContext) -> Result<[TaskEvent], Refusal>
    /// Applies one event to a task (`nil` before creation). A deleted task stays, with status `deleted`.
    /// `nil` when the event changes no task.
    public var apply: @Sendable (TaskEvent, Task?) -> Task?
    /// The commands that undo `command`, given the tasks as they were before it; `nil` when it cannot be undone.
    public var inverse: @Sendable (Command, [TaskID: Task], Date) -> [Command]?

    public init(
        interpret: @escaping @Sendable (String, InterpretContext) -> Interpretation,
        decide: @escaping @Sendable (Command, inout DecideContext) -> Result<[TaskEvent], Refusal>,
        apply: @escaping @Sendable (TaskEvent, Task?) -> Task?,
        inverse: @escaping @Sendable (Command, [TaskID: Task], Date) -> [Command]?
    ) {
        self.interpret = interpret
        self.decide = decide
        self.apply = apply
        self.inverse = inverse
    }
}
