import TodoCore

/// Commands on tasks that exist: the verb has been read; here the reference and the verb's own
/// arguments are, and the reference is resolved against the visible list.
extension LineParse {
    enum RefOutcome {
        case found([ParseContext.VisibleTask])
        case ambiguous([ParseContext.VisibleTask])
        /// `byTitle`: the reference was words of a title, so a weak verb may read the line as a new task.
        case missing(String, byTitle: Bool)
    }

    static let helpTopics = [
        "dates", "date", "times", "time", "repeats", "repeat", "recurrence", "commands", "tags", "priority",
        "priorities", "reminders", "reminder", "queries", "search", "references", "durations", "syntax", "examples",
    ]

    static let referencePrefix: [String] = ["task", "item", "todo", "number", "no", "entry", "#"]

    /// Where a reference that starts at `from` ends: a list of numbers/pronouns, or words up to a stop word.
    func referenceEnd(_ from: Int, _ to: Int, stops: Set<String>) -> Int {
        var j = from
        if s.isWord(j, Self.referencePrefix), let n = s.tok(j + 1), n.kind == .number { j += 1 }
        if s.isWord(j, "the"), s.isWord(j + 1, ["last", "first"]), s.isWord(j + 2, ["one", "task"]) {
            return min(j + 3, to)
        }
        func isAtom(_ k: Int) -> Bool {
            guard let t = s.tok(k), k < to else { return false }
            return t.kind == .number || t.kind == .reference
                || (t.kind == .word && t.lex.classes.contains(.pronoun) && !s.isWord(k + 1, "one"))
        }
        if isAtom(j) {
            j += 1
            // id prefixes: glued hex runs
            while j < to, s.glued(j), let t = s.tok(j),
                t.kind == .number || (t.kind == .word && t.text.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x66 })
            {
                j += 1
            }
            while j < to {
                if s.isPunct(j, "-"), s.glued(j), s.tok(j + 1)?.kind == .number {
                    j += 2
                    continue
                }
                if s.isPunct(j, ",") || s.isWord(j, ["and", "&"]) || s.isPunct(j, "&") {
                    var k = j + 1
                    if s.isWord(k, Self.referencePrefix) { k += 1 }
                    if isAtom(k) {
                        j = k + 1
                        continue
                    }
                }
                break
            }
            return j
        }
        while j < to {
            if let t = s.tok(j), t.kind == .word, stops.contains(t.text) { break }
            if s.isPunct(j, ":") || s.tok(j)?.kind == .tag || s.tok(j)?.kind == .mention
                || s.tok(j)?.kind == .description
            {
                break
            }
            j += 1
        }
        return j
    }

    mutating func references(_ from: Int, _ to: Int) -> RefOutcome {
        guard from < to else {
            if let last = context.lastTask {
                let t = context.visibleTasks.first(where: { $0.id == last }) ?? .init(number: 0, id: last, title: "")
                notes.append(.text("No task named: using the task last talked about."))
                return .found([t])
            }
            return .missing("Which task? Give its number, e.g. \"3\".", byTitle: false)
        }
        let phrases = ReferenceResolver.phrases(s, input, from..<to)
        span(.reference, from, to)
        switch ReferenceResolver.resolve(phrases, context) {
        case .tasks(let t):
            notes.append(.match(s[from].start, s[to - 1].end, .reference, "task reference"))
            return .found(t)
        case .ambiguous(let c): return .ambiguous(c)
        case .notFound(let why):
            // "change oil every 6 months": words first make a weak verb a new task, whatever numbers follow
            let first = s[from]
            let byTitle =
                first.kind == .word && !first.lex.classes.contains(.pronoun)
                && !Self.referencePrefix.contains(first.text)
            return .missing(why, byTitle: byTitle)
        }
    }

    /// Builds the intent for resolved tasks, a question for ambiguous ones, or nil/invalid for missing ones.
    mutating func act(
        _ outcome: RefOutcome, strong: Bool, verb: String, _ build: (ParseContext.VisibleTask) -> Command?
    ) -> ParseResult? {
        switch outcome {
        case .found(let tasks):
            let commands = tasks.compactMap(build)
            guard !commands.isEmpty else { return finish(.invalid(reason: "Nothing to \(verb).")) }
            return finish(.commands(commands))
        case .ambiguous(let candidates):
            let choices = candidates.compactMap { t in
                build(t).map { Choice(label: "\(t.number). \(t.title)", intent: .commands([$0])) }
            }
            let question =
                "Which task do you want to \(verb)? "
                + candidates.map { "\($0.number). \($0.title)" }.joined(separator: " · ")
            return finish(.clarify(question: question, choices: choices))
        case .missing(let why, let byTitle):
            if byTitle && !strong { return nil }
            unresolvedCommand = build(ParseContext.VisibleTask(number: 0, id: TaskID(""), title: ""))
            return finish(.invalid(reason: why))
        }
    }

    mutating func command(_ phrase: Verbs.Phrase, verbStart: Int, argStart: Int, end: Int) -> ParseResult? {
        let verb = phrase.verb
        let strong = phrase.strong
        switch verb {
        case .add:
            span(.verb, verbStart, argStart)
            var start = argStart
            if s.isPunct(start, ":") { start += 1 }
            let remind = phrase.words.first == "remind"
            return add(from: start, to: end, verbEnd: argStart, remindAtDue: remind)
        case .undo:
            guard argStart == end || s.isWord(argStart, ["that", "it", "last", "the"]) else { break }
            span(.verb, verbStart, end)
            return finish(.undo)
        case .help:
            // "help mom move" is a task; "help", "help dates", "help with repeats" ask for help
            var topicStart = argStart
            if s.isWord(topicStart, ["with", "on", "about", "me"]) { topicStart += 1 }
            if topicStart < end, !(end - topicStart == 1 && s.isWord(topicStart, Self.helpTopics)) { return nil }
            span(.verb, verbStart, argStart)
            let topic = text(topicStart, end)
            return finish(.help(topic: topic.isEmpty ? nil : topic))
        case .why:
            guard end - argStart <= 3 else { return nil }
            span(.verb, verbStart, end)
            return finish(.why)
        case .query:
            return query(verbStart: verbStart, argStart: argStart, end: end, strong: strong)
        case .complete, .reopen, .delete:
            var stop = end
            // trailing "done", "off", "as done"
            while stop > argStart,
                s.isWord(stop - 1, ["done", "off", "already", "now", "complete", "completed", "finished"])
            {
                stop -= 1
            }
            if s.isWord(stop - 1, "as") { stop -= 1 }
            // "finish the report by friday" is a new task with a date; a date never names a task
            let found = scan(argStart..<stop)
            if !strong,
                found.contains(where: {
                    $0.match.kind == .date || $0.match.kind == .time || $0.match.kind == .recurrence
                })
            {
                return nil
            }
            span(.verb, verbStart, argStart)
            let outcome = references(argStart, stop)
            let v = verb == .complete ? "complete" : verb == .reopen ? "reopen" : "delete"
            return act(outcome, strong: strong, verb: v) { t in
                verb == .complete ? .complete(t.id) : verb == .reopen ? .reopen(t.id) : .delete(t.id)
            }
        case .mark:
            return mark(verbStart: verbStart, argStart: argStart, end: end, strong: strong)
        case .rename:
            return rename(verbStart: verbStart, argStart: argStart, end: end, strong: strong)
        case .reschedule:
            return reschedule(verbStart: verbStart, argStart: argStart, end: end, strong: strong)
        case .priority, .deprioritize:
            if let r = priority(
                verbStart: verbStart, argStart: argStart, end: end, strong: strong, lower: verb == .deprioritize)
            {
                return r
            }
            // "make 3 repeat every week"
            return repeats(verbStart: verbStart, argStart: argStart, end: end, stop: false, strong: false)
        case .tag, .untag:
            return tags(
                verbStart: verbStart, argStart: argStart, end: end, remove: verb == .untag,
                nounForm: phrase.words.count > 1, strong: strong)
        case .describe, .comment:
            return textCommand(
                verbStart: verbStart, argStart: argStart, end: end, comment: verb == .comment, strong: strong)
        case .assign, .unassign:
            return assign(
                verbStart: verbStart, argStart: argStart, end: end, unassign: verb == .unassign, strong: strong)
        case .remind:
            return remind(verbStart: verbStart, argStart: argStart, end: end)
        case .stopReminding:
            span(.verb, verbStart, argStart)
            return act(references(argStart, end), strong: strong, verb: "stop reminding about") {
                .stopReminding($0.id, reminderID: nil)
            }
        case .snooze:
            return snooze(verbStart: verbStart, argStart: argStart, end: end)
        case .repeats, .stopRepeating:
            return repeats(
                verbStart: verbStart, argStart: argStart, end: end, stop: verb == .stopRepeating, strong: strong)
        }
        return nil
    }

    /// mark <ref> [as] done|complete|not done|undone|high priority|deleted
    mutating func mark(verbStart: Int, argStart: Int, end: Int, strong: Bool) -> ParseResult? {
        let tails: [([String], Verb)] = [
            (["as", "not", "done"], .reopen), (["not", "done"], .reopen), (["as", "undone"], .reopen),
            (["undone"], .reopen),
            (["as", "incomplete"], .reopen), (["incomplete"], .reopen), (["as", "open"], .reopen),
            (["as", "todo"], .reopen),
            (["as", "pending"], .reopen), (["as", "done"], .complete), (["done"], .complete),
            (["as", "complete"], .complete),
            (["complete"], .complete), (["as", "completed"], .complete), (["completed"], .complete),
            (["as", "finished"], .complete), (["finished"], .complete), (["off"], .complete),
            (["as", "deleted"], .delete),
        ]
        for (words, v) in tails where end - words.count >= argStart {
            if words.enumerated().allSatisfy({ s.isWord(end - words.count + $0.offset, $0.element) }) {
                span(.verb, verbStart, argStart)
                span(.verb, end - words.count, end)
                let outcome = references(argStart, end - words.count)
                return act(
                    outcome, strong: true, verb: v == .complete ? "complete" : v == .reopen ? "reopen" : "delete"
                ) { t in
                    v == .complete ? .complete(t.id) : v == .reopen ? .reopen(t.id) : .delete(t.id)
                }
            }
        }
        // "mark 3 as high priority", "mark 3 urgent"
        if let r = priority(verbStart: verbStart, argStart: argStart, end: end, strong: false, lower: false) {
            return r
        }
        if !strong { return nil }
        span(.verb, verbStart, argStart)
        return act(references(argStart, end), strong: true, verb: "complete") { .complete($0.id) }
    }

    /// "3 done", "milk is done", "it's done", "the report is finished"
    mutating func postfixCompletion(_ start: Int, _ end: Int) -> ParseResult? {
        guard end - start >= 2 else { return nil }
        var stop = end
        var v: Verb?
        if s.isWord(stop - 1, ["done", "finished", "completed", "complete"]) {
            v = .complete
            stop -= 1
            if s.isWord(stop - 1, "not") {
                v = .reopen
                stop -= 1
            }
        }
        guard let v else { return nil }
        if s.isWord(stop - 1, ["is", "are", "was", "as", "been", "has", "all"]) { stop -= 1 }
        if s.isWord(stop - 1, ["is", "has"]) { stop -= 1 }
        if s.isWord(start, ["it's", "that's", "its"]), stop == start + 1 {
            span(.reference, start, start + 1)
            span(.verb, start + 1, end)
            guard let last = context.lastTask else {
                return finish(.invalid(reason: "Which task do you mean by \"it\"? Give its number."))
            }
            return finish(.commands([v == .complete ? .complete(last) : .reopen(last)]))
        }
        guard stop > start else { return nil }
        let outcome = references(start, stop)
        if case .missing(_, true) = outcome { return nil }
        span(.verb, stop, end)
        let isNumber = s.tok(start)?.kind == .number || s.tok(start)?.kind == .reference
        return act(outcome, strong: isNumber, verb: v == .complete ? "complete" : "reopen") {
            v == .complete ? .complete($0.id) : .reopen($0.id)
        }
    }

    mutating func bareReference(_ i: Int) -> ParseResult {
        span(.reference, i, i + 1)
        let outcome = references(i, i + 1)
        switch outcome {
        case .found(let tasks) where tasks.count == 1:
            let t = tasks[0]
            let label = "task \(t.number) \"\(t.title)\""
            return finish(
                .clarify(
                    question: "What should happen to \(label)?",
                    choices: [
                        Choice(label: "Complete it", intent: .commands([.complete(t.id)])),
                        Choice(label: "Delete it", intent: .commands([.delete(t.id)])),
                        Choice(label: "Reopen it", intent: .commands([.reopen(t.id)])),
                    ]))
        case .missing(let why, _):
            return finish(.invalid(reason: why))
        default:
            return finish(.invalid(reason: "Say what to do with it, e.g. \"done 3\"."))
        }
    }
}
