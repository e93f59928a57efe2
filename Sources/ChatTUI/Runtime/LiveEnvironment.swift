import Foundation
import Synchronization
import TaskIntent
import TodoCore

extension ChatEnvironment {
    /// The real parser (TaskIntent) and processor (TodoCore), as the chat's `update` calls them.
    static let live = ChatEnvironment(
        interpret: LiveInterpreter.interpret,
        decide: { command, context in
            let ids = IDBox(context.ids)
            let decision = DecisionContext(now: context.now, zone: context.zone, makeID: { ids.next() })
            defer { context.ids = ids.current }
            do throws(DecisionError) {
                let events = try TaskProcessor.decide(
                    command, state: TaskState(tasks: context.tasks.values), context: decision)
                return .success(events)
            } catch {
                return .failure(Refusal(error.message))
            }
        },
        apply: { event, task in TodoCoreSteps.apply(event, to: task) },
        inverse: { command, tasks, now in
            TaskProcessor.inverse(of: command, before: TaskState(tasks: tasks.values), now: now)
        }
    )
}

private enum TodoCoreSteps {
    static func apply(_ event: TaskEvent, to task: Task?) -> Task? {
        var state = TaskState(tasks: task.map { [$0] } ?? [])
        state.apply(event)
        return state[event.taskID]
    }
}

/// The model's id generator, lent to TodoCore's `makeID` for one decision.
private final class IDBox: Sendable {
    private let source: Mutex<IDSource>

    init(_ source: IDSource) {
        self.source = Mutex(source)
    }

    var current: IDSource { source.withLock { $0 } }

    func next() -> String { source.withLock { $0.next() } }
}

/// TaskIntent's parse, translated into what the chat's `update` acts on.
enum LiveInterpreter {
    static let quitWords: Set<String> = ["quit", "exit", "bye", ":q"]

    static func interpret(_ text: String, _ context: InterpretContext) -> Interpretation {
        if quitWords.contains(text.trimmingCharacters(in: .whitespaces).lowercased()) {
            return Interpretation(
                action: .quit, spans: [ParseSpan(0..<text.count, .command)], summary: "Quit todo-chat")
        }
        let result = TaskIntentParser.parse(text, context: parseContext(context))
        return Interpretation(
            action: action(result.intent), spans: result.spans.compactMap(span), summary: result.summary,
            explanation: result.explanation)
    }

    static func parseContext(_ context: InterpretContext) -> ParseContext {
        var visible: [ParseContext.VisibleTask] = []
        visible.reserveCapacity(context.numbered.count)
        var tags: Set<String> = []
        for (index, id) in context.numbered.enumerated() {
            guard let task = context.tasks[id] else { continue }
            visible.append(
                ParseContext.VisibleTask(number: index + 1, id: id, title: task.title, tags: task.tags, due: task.due))
            tags.formUnion(task.tags)
        }
        return ParseContext(
            reference: LocalDateTime(context.now, in: context.zone), timeZone: context.zone, visibleTasks: visible,
            lastTask: context.lastTask, knownTags: tags.sorted())
    }

    private static func action(_ intent: Intent) -> LineAction {
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

    private static func span(_ span: Span) -> ParseSpan? {
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
