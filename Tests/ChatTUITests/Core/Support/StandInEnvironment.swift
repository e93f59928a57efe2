import Foundation
import TodoCore

@testable import ChatTUI

/// A small parser and processor with the shapes of TaskIntent and TodoCore's, so that the chat's
/// flows can be tested on their own: "buy milk tomorrow #shop p1" adds, "done 2" / "done milk"
/// completes (asking when several titles match), "delete N", "undo", "why", "help", "list".
enum StandIn {
    static let zone = TimeZone(identifier: "Europe/Berlin")!
    /// Fri 27 Nov 2026, 10:00 in Berlin.
    static let start = LocalDateTime(
        date: LocalDate(year: 2026, month: 11, day: 27), time: LocalTime(hour: 10)
    ).instant(in: zone)

    static func model(columns: Int = 100, rows: Int = 24, colors: ColorMode = .color) -> Model {
        var model = Model(
            mode: .embedded, zone: zone, start: start, environment: environment, seed: 7,
            size: Size(columns: columns, rows: rows), colors: colors)
        _ = model.update(.busStatus(BusStatus(mode: .embedded, health: .up, pendingCount: 0)))
        return model
    }

    static let environment = ChatEnvironment(interpret: interpret, decide: decide, apply: apply, inverse: inverse)

    static func interpret(_ text: String, _ context: InterpretContext) -> Interpretation {
        let words = text.split(separator: " ").map(String.init)
        guard let verb = words.first?.lowercased() else { return Interpretation(action: .nothing) }
        let verbSpan = ParseSpan(0..<verb.count, .command)
        switch verb {
        case "undo": return Interpretation(action: .undo, spans: [verbSpan], summary: "Undo the last change")
        case "why": return Interpretation(action: .why, spans: [verbSpan])
        case "help": return Interpretation(action: .help, spans: [verbSpan], summary: "Show the keys")
        case "list":
            return Interpretation(action: .query(TaskQuery()), spans: [verbSpan], summary: "List open tasks")
        case "done", "delete":
            let rest = words.dropFirst().joined(separator: " ")
            let make: (TaskID) -> Command = { verb == "done" ? .complete($0) : .delete($0) }
            let matches: [TaskID]
            if let n = Int(rest), n >= 1, n <= context.numbered.count {
                matches = [context.numbered[n - 1]]
            } else {
                matches = context.numbered.filter {
                    !rest.isEmpty && context.tasks[$0]?.title.localizedCaseInsensitiveContains(rest) == true
                }
            }
            let refSpan = ParseSpan(min(verb.count + 1, text.count)..<text.count, .reference)
            if matches.count == 1, let task = context.tasks[matches[0]] {
                let title = verb == "done" ? "Complete" : "Delete"
                return Interpretation(
                    action: .commands([make(matches[0])]), spans: [verbSpan, refSpan],
                    summary: "\(title) '\(task.title)'",
                    explanation: ["'\(verb)' is a command", "'\(rest)' names a task"])
            }
            if matches.count > 1 {
                let choices = matches.map { id in
                    LineChoice(label: context.tasks[id]?.title ?? id.short, action: .commands([make(id)]))
                }
                return Interpretation(
                    action: .clarify(question: "Which '\(rest)'?", choices: choices), spans: [verbSpan, refSpan],
                    summary: "\(matches.count) tasks match '\(rest)'")
            }
            return Interpretation(action: .notUnderstood("No task matches '\(rest)'."), spans: [verbSpan])
        default:
            return add(text, context)
        }
    }

    /// Words, `#tags`, `p1`..`p4` and "tomorrow", with their spans in characters.
    private static func add(_ text: String, _ context: InterpretContext) -> Interpretation {
        var draft = TaskDraft(title: "")
        var spans: [ParseSpan] = []
        var titleWords: [String] = []
        var offset = 0
        let today = LocalDateTime(context.now, in: context.zone).date
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let range = offset..<offset + word.count
            offset += word.count + 1
            if word.hasPrefix("#"), word.count > 1 {
                draft.tags.append(String(word.dropFirst()))
                spans.append(ParseSpan(range, .tag))
            } else if word.count == 2, word.hasPrefix("p"), let level = Int(word.dropFirst()),
                let priority = Priority(todoistLevel: level)
            {
                draft.priority = priority
                spans.append(ParseSpan(range, .priority))
            } else if word == "tomorrow" {
                draft.due = Due(date: today.adding(days: 1), timeZone: context.zone.identifier)
                spans.append(ParseSpan(range, .date))
            } else if !word.isEmpty {
                titleWords.append(word)
            }
        }
        draft.title = titleWords.joined(separator: " ")
        var summary = ["Add '\(draft.title)'"]
        if let due = draft.due { summary.append("due " + Formatting.day(due.date)) }
        if draft.priority != .none { summary.append(Formatting.priority(draft.priority)!) }
        summary += draft.tags.map { "#" + $0 }
        return Interpretation(
            action: .add(draft), spans: spans, summary: summary.joined(separator: " · "),
            explanation: ["no command word: a new task", "title: '\(draft.title)'"])
    }

    static func decide(_ command: Command, _ context: inout DecideContext) -> Result<[TaskEvent], Refusal> {
        let id = command.taskID
        let current = context.tasks[id]
        let sequence = (current?.sequence ?? 0) + 1
        func event(_ payload: EventPayload) -> TaskEvent {
            TaskEvent(id: context.ids.next(), taskID: id, sequence: sequence, time: context.now, payload: payload)
        }
        switch command {
        case .add(_, let draft):
            let task = Task(
                id: id, title: draft.title, due: draft.due, priority: draft.priority, tags: draft.tags,
                sequence: sequence, createdAt: context.now)
            return .success([event(.taskCreated(TaskCreated(task: task)))])
        case .complete, .reopen, .delete:
            guard let current, current.status != .deleted || command == .reopen(id) else {
                return .failure(Refusal("There is no such task."))
            }
            let target: TaskStatus
            switch command {
            case .complete: target = .completed
            case .delete: target = .deleted
            default: target = .open
            }
            if current.status == target { return .failure(Refusal("'\(current.title)' is already \(target).")) }
            if target == .deleted { return .success([event(.taskDeleted(TaskDeleted(taskId: id)))]) }
            return .success([
                event(.taskStatusChanged(TaskStatusChanged(taskId: id, from: current.status, status: target)))
            ])
        default:
            return .failure(Refusal("The stand-in does not do that."))
        }
    }

    static func apply(_ event: TaskEvent, _ task: Task?) -> Task? {
        switch event.payload {
        case .taskCreated(let p): return p.task
        case .taskSync(let p): return p.task
        case .taskStatusChanged(let p):
            guard var task else { return nil }
            task.status = p.status
            task.sequence = event.sequence
            task.updatedAt = event.time
            return task
        case .taskDeleted:
            guard var task else { return nil }
            task.status = .deleted
            task.sequence = event.sequence
            return task
        default:
            return nil
        }
    }

    static func inverse(_ command: Command, _ before: [TaskID: Task], _ now: Date) -> [Command]? {
        switch command {
        case .add(let id, _): return [.delete(id)]
        case .complete(let id): return [.reopen(id)]
        case .delete(let id): return before[id] == nil ? nil : [.reopen(id)]
        case .reopen(let id): return [.complete(id)]
        default: return nil
        }
    }
}

extension Model {
    /// Types `text` key by key.
    mutating func type(_ text: String) {
        for character in text { _ = update(.key(.character(character))) }
    }

    /// Types a line and presses Enter; returns Enter's effects.
    @discardableResult
    mutating func enter(_ text: String) -> [Effect] {
        type(text)
        return update(.key(.enter))
    }

    mutating func press(_ keys: Key...) -> [Effect] {
        keys.flatMap { update(.key($0)) }
    }
}

/// A task as the processor would report it.
func task(
    _ n: Int, _ title: String, due: Due? = nil, priority: Priority = .none, tags: [String] = [],
    status: TaskStatus = .open, sequence: Int = 1
) -> Task {
    Task(
        id: TaskID(String(format: "%08d-0000-4000-8000-000000000000", n)), title: title, due: due, priority: priority,
        tags: tags, status: status, sequence: sequence, createdAt: StandIn.start.addingTimeInterval(Double(n)))
}

func due(_ day: Int, _ hour: Int? = nil, month: Int = 11) -> Due {
    Due(
        date: LocalDate(year: 2026, month: month, day: day), time: hour.map { LocalTime(hour: $0) },
        timeZone: StandIn.zone.identifier)
}

func sync(_ task: Task, id: String = UUID().uuidString) -> TaskEvent {
    TaskEvent(
        id: id, taskID: task.id, sequence: task.sequence, time: StandIn.start, payload: .taskSync(TaskSync(task: task)))
}

/// The events that a batch of effects hands to the bus.
func published(_ effects: [Effect]) -> [TaskEvent] {
    effects.flatMap { effect -> [TaskEvent] in
        if case .publish(let events) = effect { return events }
        return []
    }
}

/// The conversation rows (left pane) with trailing blanks removed, blank rows dropped.
func conversationRows(_ model: Model) -> [String] {
    let frame = view(model)
    let rect = ScreenLayout(size: model.size).conversation
    return (rect.y..<rect.maxY).map { y in
        var s = (rect.x..<rect.maxX).map { frame[$0, y] }.filter { !$0.isContinuation }.map(\.text).joined()
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }.filter { !$0.isEmpty }
}

/// The conversation's lines, with wrapped rows joined back on.
func conversationLines(_ model: Model) -> [String] {
    conversationRows(model).reduce(into: [String]()) { lines, row in
        if row.hasPrefix("        "), !lines.isEmpty {
            lines[lines.count - 1] += " " + row.drop { $0 == " " }
        } else {
            lines.append(row)
        }
    }
}
