import Foundation
import TodoCore

/// The chat's reaction to one message: the next model and the effects for the shell to carry out.
public func update(_ model: Model, _ msg: Msg) -> (Model, [Effect]) {
    var next = model
    let effects = next.update(msg)
    return (next, effects)
}

extension Model {
    /// In-place form of `update(_:_:)`, for the shell's loop (no copy of the model per message).
    public mutating func update(_ msg: Msg) -> [Effect] {
        let linesBefore = transcript.count
        let effects = mode == .dapr ? watchingProcessor(msg) { $0.react(msg) } : react(msg)
        // Scrolled back, the view stays on what the person is reading while new lines arrive below.
        if scroll > 0, transcript.count > linesBefore {
            let width = ScreenLayout(size: size).conversation.width - TranscriptView.gutter
            scroll += transcript.rows(from: linesBefore, width: width)
        }
        return effects
    }

    private mutating func react(_ msg: Msg) -> [Effect] {
        switch msg {
        case .key(let key):
            return handle(key)
        case .paste(let text):
            paste(text)
            return []
        case .resize(let columns, let rows):
            size = Size(columns: max(0, columns), rows: max(0, rows))
            return []
        case .taskUpdates(let events):
            return absorb(events)
        case .tasksLoaded(let tasks):
            board.absorb(tasks, now: now, zone: zone)
            tasksReady = true
            if tasks.isEmpty { transcript.append(.notice, Self.welcome, at: now, zone: zone) }
            return []
        case .reminderFired(let reminder):
            return fire(reminder)
        case .publishResult(let result):
            settle(result)
            return []
        case .busStatus(let status):
            bus = status
            return []
        case .tick(let instant):
            now = instant
            return [.scheduleTick(at: nextMinute(after: instant))]
        case .historyLoaded(let lines):
            history.load(lines.map(Sanitizer.clean))
            return []
        }
    }

    // MARK: - Bus messages

    private mutating func absorb(_ events: [TaskEvent]) -> [Effect] {
        var effects: [Effect] = []
        let today = self.today
        let clock = BoardClock(now: now, zone: zone)
        for event in events {
            inFlight[event.id] = nil
            if case .reminderTriggered(let payload) = event.payload {
                effects += fire(payload)
                continue
            }
            let current = board[event.taskID]
            let before = current?.task
            let reported = current?.reported
            let after: Task?
            switch event.payload {
            case .taskSync(let payload):
                after = payload.task
            case .taskCreated(let payload):
                after = payload.task
            default:
                if let before, event.sequence <= before.sequence, event.type.topic == .taskEvents { continue }
                after = environment.apply(event, before)
            }
            guard let after else { continue }
            // A redelivery, or a stale copy the board ignored, is no news.
            guard board.absorb(after, clock: clock), reported != after else { continue }
            // The processor confirming this chat's own change: the task had already reached this sequence (or a later
            // one of ours) here; times that went through the wire differ below the millisecond, so sequences are compared.
            let confirmsOwnChange = before.map { $0.sequence >= after.sequence } ?? false
            let update = Feed.Entry.Update(
                instant: event.time, zone: zone, before: reported, after: after, today: today, userID: event.userID)
            feed.append(Feed.Entry(wording: .update(update), isReminder: false, confirmsOwnChange: confirmsOwnChange))
        }
        return effects
    }

    private mutating func fire(_ reminder: ReminderTriggered) -> [Effect] {
        let key = "\(reminder.taskId)/\(reminder.reminderId)/\(reminder.firedAt.timeIntervalSinceReferenceDate)"
        guard firedReminders.insert(key).inserted else { return [] }
        let title = Sanitizer.clean(reminder.title)
        var text = "Reminder: '\(title)'"
        if let due = board[reminder.taskId]?.task.due { text += " · due " + Formatting.due(due, today: today) }
        transcript.append(.reminder, text, at: reminder.firedAt, zone: zone)
        feed.append(
            Feed.Entry(time: Formatting.clock(reminder.firedAt, zone: zone), text: "⏰ " + text, isReminder: true))
        // The bell is an effect, not a mark on the next frame: frames are coalesced, effects never.
        return [.bell]
    }

    private mutating func settle(_ result: PublishResult) {
        switch result.outcome {
        case .accepted, .pending:
            if result.outcome == .accepted { for id in result.eventIDs { inFlight[id] = nil } }
            let saved = result.eventIDs.compactMap { unsaved.removeValue(forKey: $0) }
            guard !saved.isEmpty else { return }
            for taskID in saved where board[taskID]?.sync == .failed { board.mark(taskID, .pending) }
            savedAfterHold += saved
            guard unsaved.isEmpty else { return }
            transcript.append(.notice, "Saved \(titles(of: savedAfterHold)) after all.", at: now, zone: zone)
            savedAfterHold = []
            quitWarned = false
        case .held(let reason):
            let alreadyHolding = !unsaved.isEmpty
            var held: [TaskID] = []
            for id in result.eventIDs {
                guard let taskID = inFlight[id] else { continue }
                unsaved[id] = taskID
                board.mark(taskID, .failed)
                held.append(taskID)
            }
            unsavedReason = Sanitizer.clean(reason)
            let text =
                alreadyHolding
                ? "Not saved yet either: \(titles(of: held))."
                : "Not saved yet: \(titles(of: held)) (\(unsavedReason)). Kept here and tried again; quitting now"
                    + " would lose it."
            transcript.append(.error, text, at: now, zone: zone)
        case .failed(let reason):
            var failed: [TaskID] = []
            for id in result.eventIDs {
                guard let taskID = inFlight.removeValue(forKey: id) else { continue }
                board.mark(taskID, .failed)
                failed.append(taskID)
            }
            transcript.append(
                .error, "Could not save \(titles(of: failed)): \(Sanitizer.clean(reason))", at: now, zone: zone)
        }
    }

    /// "'pay rent', 'buy milk'", each task once, in order; "a change" when none is on the board.
    func titles(of taskIDs: [TaskID]) -> String {
        var seen: [String] = []
        for id in taskIDs {
            if let title = board[id]?.title, !seen.contains(title) { seen.append(title) }
        }
        return seen.isEmpty ? "a change" : seen.map { "'\($0)'" }.joined(separator: ", ")
    }

    /// Quitting while changes are held unsaved would lose them: the first request says so, the next one
    /// quits.
    private mutating func requestQuit() -> [Effect] {
        guard !unsaved.isEmpty, !quitWarned else { return [.quit] }
        quitWarned = true
        let count = unsavedTaskCount
        transcript.append(
            .error,
            "\(count == 1 ? "1 change is" : "\(count) changes are") not saved yet (\(unsavedReason)); quitting"
                + " now loses \(count == 1 ? "it" : "them"). Quit again to quit anyway.", at: now, zone: zone)
        return []
    }

    // MARK: - Keys

    private mutating func handle(_ key: Key) -> [Effect] {
        switch key {
        case .function(1):
            helpVisible.toggle()
            return []
        case .control("l"):
            return [.redraw]
        case .control("z"):
            return [.suspend]
        case .control("c"):
            if input.isEmpty, search == nil, question == nil, confirmation == nil, !helpVisible { return requestQuit() }
            input = InputLine()
            search = nil
            question = nil
            confirmation = nil
            helpVisible = false
            edited()
            return []
        default:
            break
        }
        if helpVisible {
            helpVisible = false
            return []
        }
        if confirmation != nil { return confirm(key) }
        if search != nil { return searchKey(key) }
        switch focus {
        case .input: return inputKey(key)
        case .tasks: return taskKey(key)
        }
    }

    private mutating func inputKey(_ key: Key) -> [Effect] {
        switch key {
        case .character(let c):
            if c == "?", input.isEmpty {
                helpVisible = true
                return []
            }
            let clean = Sanitizer.clean(String(c))
            guard !clean.isEmpty else { return [] }
            input.insert(clean)
        case .enter:
            return enter()
        case .tab:
            if input.isEmpty {
                focusTasks()
                return []
            }
            complete()
            return []
        case .backTab:
            focusTasks()
            return []
        case .backspace, .control("h"):
            input.deleteBackward()
        case .delete:
            input.deleteForward()
        case .control("d"):
            if input.isEmpty { return requestQuit() }
            input.deleteForward()
        case .left, .control("b"):
            input.moveLeft()
            return moved()
        case .right, .control("f"):
            input.moveRight()
            return moved()
        case .home, .control("a"):
            input.moveHome()
            return moved()
        case .end, .control("e"):
            input.moveEnd()
            return moved()
        case .alt("b"):
            input.moveWordLeft()
            return moved()
        case .alt("f"):
            input.moveWordRight()
            return moved()
        case .control("k"):
            input.killToEnd()
        case .control("u"):
            input.killToStart()
        case .control("w"):
            input.killWordBackward()
        case .control("y"):
            input.yank()
        case .control("t"):
            input.transpose()
        case .up, .control("p"):
            if let line = history.older(current: input.text) { setInput(line, browsing: true) }
            return []
        case .down, .control("n"):
            if let line = history.newer() { setInput(line, browsing: true) }
            return []
        case .control("r"):
            search = HistorySearch(original: input)
            completion = nil
            return []
        case .pageUp:
            scroll += max(1, conversationHeight - 1)
            return []
        case .pageDown:
            scroll = max(0, scroll - max(1, conversationHeight - 1))
            return []
        case .escape, .control("g"):
            completion = nil
            question = nil
            return []
        default:
            return []
        }
        edited()
        return []
    }

    private mutating func moved() -> [Effect] {
        completion = nil
        return []
    }

    /// After the text changed: forget browsing and completion, parse again for the preview.
    private mutating func edited() {
        history.stopBrowsing()
        completion = nil
        refreshPreview()
    }

    private mutating func setInput(_ text: String, browsing: Bool) {
        input = InputLine(text)
        completion = nil
        if !browsing { history.stopBrowsing() }
        refreshPreview()
    }

    mutating func refreshPreview() {
        guard !input.isEmpty else {
            preview = nil
            return
        }
        var context = interpretContext()
        context.explains = false
        preview = environment.interpret(input.text, context)
    }

    func interpretContext() -> InterpretContext {
        let order = self.order
        let parser = order.parserContext(tasks: board.tasks)
        return InterpretContext(
            now: now, zone: zone, numbered: order.numbered, tasks: board.tasks, lastTask: lastTask,
            visibleTasks: parser.visible, knownTags: parser.tags, localNow: localNow)
    }

    private mutating func paste(_ text: String) {
        if search != nil { search = nil }
        if focus == .tasks { focus = .input }
        input.insert(Sanitizer.clean(text))
        edited()
    }

    private var conversationHeight: Int { ScreenLayout(size: size).conversation.height }

    // MARK: - History search (Ctrl-R)

    private mutating func searchKey(_ key: Key) -> [Effect] {
        guard var state = search else { return [] }
        switch key {
        case .character(let c):
            state.query += Sanitizer.clean(String(c))
            state.match = history.search(state.query)
        case .backspace, .control("h"):
            if !state.query.isEmpty { state.query.removeLast() }
            state.match = history.search(state.query)
        case .control("r"):
            state.match = history.search(state.query, before: state.match) ?? state.match
        case .escape, .control("g"):
            input = state.original
            search = nil
            refreshPreview()
            return []
        default:
            search = nil
            if let match = state.match { setInput(history.entries[match], browsing: false) }
            return key == .enter ? enter() : inputKey(key)
        }
        search = state
        return []
    }

    // MARK: - Completion (Tab)

    static let verbs = [
        "add", "assign", "comment", "complete", "delete", "describe", "done", "edit", "help", "list", "move",
        "postpone", "remind", "remove", "rename", "reopen", "reschedule", "search", "show", "snooze", "tag",
        "undo", "untag", "why",
    ]

    private mutating func complete() {
        if var state = completion, !state.candidates.isEmpty {
            state.index = (state.index + 1) % state.candidates.count
            let candidate = state.candidates[state.index]
            input.replace(state.range, with: candidate)
            state.range = state.range.lowerBound..<state.range.lowerBound + candidate.count
            completion = state
            refreshPreview()
            return
        }
        let characters = input.characters
        let word = input.wordBeforeCursor
        let typed = String(characters[word]).lowercased()
        var range = word
        var candidates: [String]
        var addSpace = true
        if typed.hasPrefix("#") {
            let prefix = typed.dropFirst()
            let tags = Set(board.allEntries.flatMap(\.tags))
            candidates = tags.filter { $0.lowercased().hasPrefix(prefix) }.sorted().map { "#" + $0 }
        } else if word.lowerBound == 0 {
            candidates = Model.verbs.filter { $0.hasPrefix(typed) }
        } else {
            // A title after the verb: complete the whole rest of the line to a task title.
            let firstSpace = characters.firstIndex(of: " ") ?? 0
            let restRange = (firstSpace + 1)..<input.cursor
            let rest = String(characters[restRange]).lowercased()
            let titles = Set(board.allEntries.filter { $0.task.status != .deleted }.map(\.title))
            candidates = titles.filter { $0.lowercased().hasPrefix(rest) && $0.count > rest.count }.sorted()
            range = restRange
            addSpace = false
        }
        guard !candidates.isEmpty else { return }
        if candidates.count == 1 {
            input.replace(range, with: candidates[0] + (addSpace ? " " : ""))
            refreshPreview()
            return
        }
        input.replace(range, with: candidates[0])
        completion = Completion(
            candidates: candidates, index: 0, range: range.lowerBound..<range.lowerBound + candidates[0].count)
        refreshPreview()
    }

    // MARK: - The task pane

    private mutating func focusTasks() {
        focus = .tasks
        completion = nil
        if selected == nil || order.numberOf[selected!] == nil { selected = order.numbered.first }
    }

    private mutating func taskKey(_ key: Key) -> [Effect] {
        let numbered = order.numbered
        let index = selected.flatMap { order.numberOf[$0] }.map { $0 - 1 }
        func select(_ i: Int) {
            guard !numbered.isEmpty else { return }
            selected = numbered[max(0, min(numbered.count - 1, i))]
        }
        switch key {
        case .up, .character("k"):
            select((index ?? 1) - 1)
        case .down, .character("j"):
            select((index ?? -1) + 1)
        case .pageUp:
            select((index ?? 0) - 10)
        case .pageDown:
            select((index ?? 0) + 10)
        case .home:
            select(0)
        case .end:
            select(numbered.count - 1)
        case .tab, .backTab, .escape:
            focus = .input
        case .character("?"):
            helpVisible = true
        case .character("x"), .character("d"):
            guard let id = selected, let task = board[id]?.task else { return [] }
            return run(task.status == .completed ? .reopen(id) : .complete(id))
        case .delete, .character("D"):
            guard let id = selected, let entry = board[id] else { return [] }
            confirmation = Confirmation(taskID: id, title: entry.title)
        case .character("e"), .enter:
            guard let id = selected, let entry = board[id], let number = order.numberOf[id] else { return [] }
            focus = .input
            setInput("edit \(number) \(entry.title)", browsing: false)
        case .character:
            focus = .input
            return inputKey(key)
        default:
            break
        }
        return []
    }

    private mutating func confirm(_ key: Key) -> [Effect] {
        guard let pending = confirmation else { return [] }
        switch key {
        case .character("y"), .character("Y"):
            confirmation = nil
            return run(.delete(pending.taskID))
        case .character("n"), .character("N"), .escape, .control("g"):
            confirmation = nil
            transcript.append(.notice, "Kept '\(pending.title)'.", at: now, zone: zone)
        default:
            break
        }
        return []
    }

    // MARK: - Enter

    private mutating func enter() -> [Effect] {
        let line = input.text.trimmingCharacters(in: .whitespaces)
        input = InputLine()
        completion = nil
        preview = nil
        scroll = 0
        guard !line.isEmpty else { return [] }
        history.record(line)
        let effects: [Effect] = [.persistHistory(line)]
        transcript.append(.user, line, at: now, zone: zone)

        if let pending = question {
            question = nil
            if let n = Int(line), (1...pending.choices.count).contains(n) {
                return effects + perform(pending.choices[n - 1].action)
            }
        }

        let interpretation = environment.interpret(line, interpretContext())
        if case .why = interpretation.action {
            explain()
            return effects
        }
        lastExplanation = (line, interpretation.summary, interpretation.explanation)
        return effects + perform(interpretation.action)
    }

    private mutating func perform(_ action: LineAction) -> [Effect] {
        switch action {
        case .nothing, .why:
            return []
        case .add(let draft):
            return run(.add(TaskID(ids.next()), draft))
        case .commands(let commands):
            return commands.flatMap { run($0) }
        case .clarify(let text, let choices):
            ask(text, choices)
            return []
        case .query(let query):
            answer(query)
            return []
        case .undo:
            return undo()
        case .help:
            helpVisible = true
            return []
        case .quit:
            return requestQuit()
        case .notUnderstood(let message):
            reply(message, kind: .error)
            return []
        }
    }

    /// The first line a new user sees (an empty store): what to type.
    static let welcome = "Welcome! Type a task as you would say it, like “call mum tomorrow 6pm”; “help” shows more."

    private mutating func reply(_ text: String, kind: Transcript.Kind = .reply) {
        transcript.append(kind, text, at: now, zone: zone)
    }

    private mutating func explain() {
        guard let last = lastExplanation else {
            reply("Nothing to explain yet: type a task or a command first.")
            return
        }
        reply("“\(last.line)” → \(last.summary.isEmpty ? "nothing I could act on" : last.summary)")
        for line in last.lines { reply("  " + line) }
    }

    private mutating func ask(_ text: String, _ choices: [LineChoice]) {
        guard !choices.isEmpty else {
            reply(text, kind: .error)
            return
        }
        question = Question(choices: choices)
        // The parser's question may list the choices inline; they follow numbered, so keep only the question.
        var asked = text
        if choices.allSatisfy({ text.contains($0.label) }), let mark = text.firstIndex(of: "?") {
            asked = String(text[...mark])
        }
        reply(asked.isEmpty ? "Which one do you mean?" : asked)
        for (i, choice) in choices.enumerated() { reply("  \(i + 1)) " + choice.label) }
        reply("Answer with its number.")
    }

    private mutating func answer(_ query: TaskQuery) {
        let order = self.order
        let found = query.evaluate(board.tasks.values, now: now, zone: zone)
        guard !found.isEmpty else {
            reply("No tasks match.")
            return
        }
        reply("\(found.count) \(found.count == 1 ? "task" : "tasks"):")
        let shown = 15
        for task in found.prefix(shown) {
            let number = order.numberOf[task.id].map { String($0) } ?? "–"
            reply("  \(number). " + Formatting.summary(task, today: today))
        }
        if found.count > shown { reply("  … and \(found.count - shown) more") }
    }

    private mutating func undo() -> [Effect] {
        guard let entry = undoStack.popLast() else {
            reply("Nothing to undo.")
            return []
        }
        guard let commands = environment.inverse(entry.command, entry.before, entry.at), !commands.isEmpty else {
            reply("That cannot be undone.", kind: .error)
            return []
        }
        var effects: [Effect] = []
        for command in commands { effects += run(command, undoable: false, prefix: "Undone: ") }
        return effects
    }

    /// Decides a command, shows its effect at once (marked pending), confirms it in words and asks the
    /// shell to publish the events.
    mutating func run(_ command: Command, undoable: Bool = true, prefix: String = "") -> [Effect] {
        let id = command.taskID
        let before = board.tasks[id]
        var context = DecideContext(now: now, zone: zone, tasks: board.tasks, ids: ids)
        let decided = environment.decide(command, &context)
        ids = context.ids
        switch decided {
        case .failure(let refusal):
            reply(Sanitizer.clean(refusal.message), kind: .error)
            return []
        case .success(let events):
            guard !events.isEmpty else {
                reply("Nothing to change.")
                return []
            }
            let tasksBefore = board.tasks
            for event in events {
                inFlight[event.id] = event.taskID
                let current = board.tasks[event.taskID]
                if let current, event.sequence <= current.sequence { continue }
                guard let after = environment.apply(event, current) else { continue }
                board.anticipate(after, sequence: event.sequence, now: now, zone: zone)
            }
            if undoable { undoStack.append(UndoEntry(command: command, before: tasksBefore, at: now)) }
            if undoStack.count > 100 { undoStack.removeFirst() }
            lastTask = id
            let confirmation = confirm(command, before: before, after: board.tasks[id])
            reply(prefix + confirmation + (undoable ? "  (“undo” reverts)" : ""), kind: .notice)
            return [.publish(events)]
        }
    }

    /// Says exactly what was done, in the words of the screen.
    private func confirm(_ command: Command, before: Task?, after: Task?) -> String {
        let title = "'" + Sanitizer.clean((after ?? before)?.title ?? command.taskID.short) + "'"
        let number = order.numberOf[command.taskID].map { " (\($0))" } ?? ""
        switch command {
        case .add:
            return "Added " + (after.map { Formatting.summary($0, today: today) } ?? title) + number
        case .complete:
            if let after, after.status == .open, let due = after.due {
                return "Done \(title) · next due \(Formatting.due(due, today: today))"
            }
            return "Completed \(title)"
        case .reopen:
            return "Reopened \(title)\(number)"
        case .delete:
            return "Deleted \(title)"
        case .rename(_, let newTitle):
            return "Renamed '\(Sanitizer.clean(before?.title ?? ""))' to '\(Sanitizer.clean(newTitle))'"
        case .reschedule(_, let due):
            return due.map { "Moved \(title) to \(Formatting.due($0, today: today))" } ?? "\(title) has no due date now"
        case .setPriority(_, let priority):
            return "\(title) is now \(Formatting.priority(priority) ?? "without priority")"
        case .tag(_, let tags):
            return "Tagged \(title) " + tags.map { "#" + Sanitizer.clean($0) }.joined(separator: " ")
        case .untag(_, let tags):
            return "Removed " + tags.map { "#" + Sanitizer.clean($0) }.joined(separator: " ") + " from \(title)"
        case .describe:
            return "Described \(title)"
        case .assign(_, let who):
            return who.map { "Assigned \(title) to @\(Sanitizer.clean($0))" } ?? "Unassigned \(title)"
        case .comment:
            return "Commented on \(title)"
        case .setRecurrence(_, let rule):
            return rule.map { "\(title) repeats \(Formatting.recurrence($0))" } ?? "\(title) no longer repeats"
        case .remind(_, let reminder):
            switch reminder.trigger {
            case .absolute(let moment):
                return "I'll remind you of \(title) on \(Formatting.day(moment.date)) at \(moment.time)"
            case .beforeDue(let minutes):
                return minutes == 0
                    ? "I'll remind you of \(title) when it is due"
                    : "I'll remind you of \(title) \(minutes) min before it is due"
            }
        case .stopReminding:
            return "No more reminders for \(title)"
        case .snooze(_, let minutes):
            return "Snoozed \(title) for \(minutes) min"
        case .triggerReminder:
            return "Reminded you of \(title)"
        }
    }
}
