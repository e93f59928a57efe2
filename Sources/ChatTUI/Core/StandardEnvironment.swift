import Foundation
import Synchronization
import TaskIntent
import TodoCore

extension ChatEnvironment {
    /// The real parser (TaskIntent) and processor (TodoCore), as `update` calls them.
    public static let standard = ChatEnvironment(
        interpret: StandardInterpreter.interpret,
        decide: { command, context in
            let ids = LentIDs(context.ids)
            defer { context.ids = ids.current }
            let decision = DecisionContext(now: context.now, zone: context.zone, makeID: { ids.next() })
            do throws(DecisionError) {
                return .success(
                    try TaskProcessor.decide(command, state: TaskState(tasks: context.tasks.values), context: decision))
            } catch {
                return .failure(Refusal(error.message))
            }
        },
        apply: { event, task in
            var state = TaskState(tasks: task.map { [$0] } ?? [])
            state.apply(event)
            return state[event.taskID]
        },
        inverse: { command, before, now in
            TaskProcessor.inverse(of: command, before: TaskState(tasks: before.values), now: now)
        }
    )
}

/// The model's id generator, lent to TodoCore's `makeID` for one decision and handed back advanced.
private final class LentIDs: Sendable {
    private let source: Mutex<IDSource>

    init(_ source: IDSource) { self.source = Mutex(source) }

    var current: IDSource { source.withLock { $0 } }

    func next() -> String { source.withLock { $0.next() } }
}

/// TaskIntent's parse in the chat's terms.
enum StandardInterpreter {
    static let quitWords: Set<String> = ["quit", "exit", "bye", ":q"]

    static func interpret(_ text: String, _ context: InterpretContext) -> Interpretation {
        if isQuitWord(text) {
            return Interpretation(action: .quit, spans: [ParseSpan(0..<text.count, .command)], summary: "Quit")
        }
        let parseContext = ParseContext(
            reference: context.localNow, timeZone: context.zone,
            visibleTasks: context.visibleTasks, lastTask: context.lastTask, knownTags: context.knownTags)
        let result = TaskIntentParser.parse(text, context: parseContext)
        return Interpretation(
            action: action(result.intent), spans: result.spans.compactMap(span), summary: result.summary,
            explanation: context.explains ? result.explanation + result.warnings : [])
    }

    /// "quit", "  Exit ": one quit word and nothing else. Runs on every keystroke, so no Foundation.
    static func isQuitWord(_ text: String) -> Bool {
        // More than four printable ASCII bytes is a longer word or two words: a typed line leaves here
        // after its fifth letter, without splitting it.
        var printable = 0
        for byte in text.utf8 where byte > 0x20 && byte < 0x80 {
            printable += 1
            if printable > 4 { return false }
        }
        let words = text.split(maxSplits: 1, omittingEmptySubsequences: true, whereSeparator: \.isWhitespace)
        guard words.count == 1, words[0].utf8.count <= 4 else { return false }
        return quitWords.contains(words[0].lowercased())
    }

    static func action(_ intent: Intent) -> LineAction {
        switch intent {
        case .add(let draft): .add(draft)
        case .commands(let commands): .commands(commands)
        case .query(let query): .query(query)
        case .undo: .undo
        case .help: .help
        case .why: .why
        case .clarify(let question, let choices):
            .clarify(
                question: question, choices: choices.map { LineChoice(label: $0.label, action: action($0.intent)) })
        case .invalid(let reason): .notUnderstood(reason)
        }
    }

    /// Titles are what is left unhighlighted; every other recognised part is marked.
    static func span(_ span: Span) -> ParseSpan? {
        let kind: ParseSpan.Kind? =
            switch span.kind {
            case .verb: .command
            case .title: nil
            case .date: .date
            case .time: .time
            case .recurrence: .recurrence
            case .duration: .duration
            case .priority: .priority
            case .tag: .tag
            case .assignee: .assignee
            case .description: .description
            case .reference: .reference
            case .reminder: .reminder
            case .quoted: .quoted
            case .query: .query
            }
        return kind.map { ParseSpan(span.start..<span.end, $0) }
    }
}
