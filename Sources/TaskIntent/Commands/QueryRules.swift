import TodoCore

/// list/show/filter/search/sort: "what's due today?", "show high priority tasks tagged work",
/// "overdue", "sorted by due date", "search milk", "completed tasks this week", "top 5 by priority".
/// Words the query grammar does not know become the search text for search/find, and are ignored
/// (with a note) for list/show.
extension LineParse {
    /// Words a question uses that filter nothing.
    static let queryNouns: Set<String> = [
        "tasks", "task", "todos", "todo", "items", "stuff", "things", "everything", "anything", "agenda", "list",
    ]

    static let queryFiller: Set<String> = [
        "what", "what's", "whats", "which", "show", "me", "list", "display", "view", "filter", "my", "tasks",
        "task", "todos", "todo", "items", "the", "is", "are", "do", "i", "have", "there", "anything", "something",
        "things", "for", "to", "of", "a", "an", "that", "with", "get", "ls", "agenda", "stuff", "in", "any", "got",
        "everything", "by", "and", "only", "on", "sort", "sorted", "order", "ordered", "search", "find", "look",
        "up", "left", "how", "many", "count", "when", "upcoming", "coming", "at",
    ]

    mutating func query(verbStart: Int, argStart: Int, end: Int, strong: Bool) -> ParseResult? {
        var q = TaskQuery()
        var recognised = false
        var leftover: [Int] = []
        var sawNoun = false
        let searchVerb = s.isWord(verbStart, ["search", "find", "look"])
        var k = verbStart
        while k < end {
            let t = s[k]
            // tags, people
            if t.kind == .tag || t.kind == .plusTag {
                q.tags.append(t.text)
                span(.tag, k, k + 1)
                recognised = true
                k += 1
                continue
            }
            if t.kind == .mention {
                q.assignee = t.text
                span(.assignee, k, k + 1)
                recognised = true
                k += 1
                continue
            }
            if t.kind == .quoted {
                q.text = t.text
                span(.quoted, k, k + 1)
                recognised = true
                k += 1
                continue
            }
            if let (n, handled) = queryPhrase(&q, k, end), n > 0 {
                if handled { recognised = true }
                span(.query, k, k + n)
                k += n
                continue
            }
            if t.kind == .word, Self.queryNouns.contains(t.text) { sawNoun = true }
            if t.kind == .word, Self.queryFiller.contains(t.text) || t.text == "due" {
                k += 1
                continue
            }
            if t.kind == .punct {
                k += 1
                continue
            }
            // a word that is a known tag filters by it ("show work tasks")
            if t.kind == .word, context.knownTags.contains(where: { $0.lowercased() == t.text }) {
                q.tags.append(t.text)
                span(.tag, k, k + 1)
                recognised = true
                k += 1
                continue
            }
            leftover.append(k)
            k += 1
        }
        // "show the kids the museum sunday" is a task: words no filter explains and no "tasks"/"todos" to ask for
        if !leftover.isEmpty, !sawNoun, s.isWord(verbStart, ["show", "display", "view"]) { return nil }
        if !leftover.isEmpty {
            let words = leftover.map { input.text(s[$0].start, s[$0].end) }.joined(separator: " ")
            if searchVerb || s.isWord(verbStart, ["show", "list", "filter"]) && recognised == false && !strong {
                q.text = words
                for i in leftover { span(.query, i, i + 1) }
                recognised = true
            } else if searchVerb || s.isWord(verbStart, ["what", "what's", "whats", "which", "when"]) || strong {
                q.text = q.text ?? words
                for i in leftover { span(.query, i, i + 1) }
            }
        }
        if !strong, !recognised { return nil }
        span(.verb, verbStart, argStart)
        notes.append(.text("A question about the list: answered from the tasks, nothing changes."))
        return finish(.query(q))
    }

    /// One filter phrase at `k`: returns (tokens used, whether it was a real filter).
    private mutating func queryPhrase(_ q: inout TaskQuery, _ k: Int, _ end: Int) -> (Int, Bool)? {
        func w(_ i: Int, _ x: String) -> Bool { s.isWord(i, x) }
        // "due today", "due on friday": the window follows
        if s.isWord(k, ["due", "on"]) { return (1, false) }
        // status
        if s.isWord(k, ["done", "completed", "finished", "closed", "complete"]) {
            q.status = .completed
            if q.sort.key == .due { q.sort = .init(.due, .descending) }
            return (1, true)
        }
        if s.isWord(k, ["deleted", "trashed", "removed"]) {
            q.status = .deleted
            return (1, true)
        }
        if s.isWord(k, ["open", "pending", "remaining", "incomplete", "unfinished", "active", "outstanding"]) {
            q.status = .open
            return (1, true)
        }
        if w(k, "all"), k + 1 >= end || s.isWord(k + 1, ["tasks", "todos", "items", "my"]) {
            q.status = .any
            return (1, true)
        }
        // due windows
        if s.isWord(k, ["overdue", "late", "missed"]) || (w(k, "past") && w(k + 1, "due")) {
            q.due = .overdue
            return (w(k, "past") ? 2 : 1, true)
        }
        if s.isWord(k, ["undated", "unscheduled", "someday"]) {
            q.due = .noDate
            return (1, true)
        }
        if s.isWord(k, ["no", "without"]), s.isWord(k + 1, ["date", "due", "dates", "deadline"]) {
            var n = 2
            if s.isWord(k + 1, "due"), s.isWord(k + 2, "date") { n = 3 }
            if s.isWord(k + 1, ["a", "any"]) { n = 3 }
            q.due = .noDate
            return (n, true)
        }
        if s.isWord(k, ["soon", "upcoming"]) {
            q.due = .nextDays(7)
            return (1, true)
        }
        if w(k, "this"), w(k + 1, "week") {
            q.due = .thisWeek
            return (2, true)
        }
        if w(k, "next"), w(k + 1, "week") {
            q.due = .nextWeek
            return (2, true)
        }
        if w(k, "today") || w(k, "tonight") {
            q.due = .today
            return (1, true)
        }
        if w(k, "tomorrow") || w(k, "tmrw") {
            q.due = .tomorrow
            return (1, true)
        }
        if s.isWord(k, ["next", "coming"]) || (w(k, "in") && w(k + 1, "the") && s.isWord(k + 2, ["next", "coming"])) {
            let j = w(k, "in") ? k + 3 : k + 1
            if let (n, nn) = s.count(j), s.isWord(j + nn, ["days", "day"]) {
                q.due = .nextDays(n)
                return (j + nn + 1 - k, true)
            }
            if let (n, nn) = s.count(j), s.isWord(j + nn, ["weeks", "week"]) {
                q.due = .nextDays(7 * n)
                return (j + nn + 1 - k, true)
            }
        }
        if w(k, "within"), let (n, nn) = s.count(k + 1), s.isWord(k + 1 + nn, ["days", "day"]) {
            q.due = .nextDays(n)
            return (nn + 2, true)
        }
        if s.isWord(k, ["before", "after", "until", "by"]), let m = Registry.temporal(s, k + 1, connected: true),
            case .temporal(let t) = m.piece, let d = t.date
        {
            q.due =
                s.isWord(k, "after")
                ? .after(d)
                : s.isWord(k, "by") || s.isWord(k, "until") ? .range(s.today.adding(days: -36500), d) : .before(d)
            return (m.length + 1, true)
        }
        if w(k, "this"), w(k + 1, "month") {
            q.due = .range(PeriodRules.start(.month, s, offset: 0), PeriodRules.end(.month, s, offset: 0))
            return (2, true)
        }
        if w(k, "next"), w(k + 1, "month") {
            q.due = .range(PeriodRules.start(.month, s, offset: 1), PeriodRules.end(.month, s, offset: 1))
            return (2, true)
        }
        // priority
        if let m = PriorityRules.priority(s, k, false), case .priority(let p) = m.piece {
            q.priority = p >= .high ? .atLeast(p) : .equal(p)
            if s.isWord(k + m.length, "or"), s.isWord(k + m.length + 1, ["higher", "above", "more"]) {
                q.priority = .atLeast(p)
                return (m.length + 2, true)
            }
            return (m.length, true)
        }
        if s.isWord(k, ["urgent", "important", "high", "low", "medium"]),
            s.isWord(k + 1, ["tasks", "todos", "items", "ones", "stuff"])
        {
            let p = PriorityRules.words[s.word(k)!]!
            q.priority = p >= .high ? .atLeast(p) : .equal(p)
            return (1, true)
        }
        // tags: tagged work, with tag work, labelled work
        if s.isWord(k, ["tagged", "labelled", "labeled", "tag", "label"])
            || (w(k, "with") && s.isWord(k + 1, ["tag", "label"]))
        {
            var j = w(k, "with") ? k + 2 : k + 1
            if s.isWord(j, ["as", "with"]) { j += 1 }
            guard let t = s.tok(j), t.kind == .word || t.kind == .tag else { return nil }
            q.tags.append(t.text)
            return (j + 1 - k, true)
        }
        // assignee
        if s.isWord(k, ["assigned", "given"]), w(k + 1, "to"), let t = s.tok(k + 2),
            t.kind == .word || t.kind == .mention
        {
            q.assignee = t.text
            return (3, true)
        }
        if w(k, "unassigned") { return (1, false) }
        // text
        if s.isWord(k, ["containing", "matching", "about", "mentioning", "named", "called"]), k + 1 < end {
            q.text = text(k + 1, end)
            return (end - k, true)
        }
        // sort
        if s.isWord(k, ["sorted", "sort", "order", "ordered"]) || w(k, "by") {
            var j = k
            if !w(j, "by") { j += 1 }
            if w(j, "by") { j += 1 }
            let key: TaskQuery.SortKey?
            var n = 1
            switch s.word(j) {
            case "due", "date", "deadline":
                key = .due
                if s.isWord(j + 1, ["date", "dates"]) { n = 2 }
            case "priority", "importance", "urgency": key = .priority
            case "created", "creation", "age", "newest", "oldest":
                key = .created
                if s.isWord(j + 1, ["date", "time"]) { n = 2 }
            case "title", "name", "alphabet", "alphabetically", "alphabetical": key = .title
            default: key = nil
            }
            guard let key else { return nil }
            var dir: TaskQuery.SortDirection?
            let after = j + n
            if s.isWord(after, ["desc", "descending", "reversed", "reverse"]) {
                dir = .descending
                n += 1
            }
            if s.isWord(after, ["asc", "ascending"]) {
                dir = .ascending
                n += 1
            }
            if s.word(j) == "oldest" { dir = .ascending }
            q.sort = .init(key, dir)
            return (after + (dir != nil && s.word(j) != "oldest" ? 1 : 0) - k, true)
        }
        if s.isWord(k, ["newest", "latest"]), w(k + 1, "first") {
            q.sort = .init(.created, .descending)
            return (2, true)
        }
        if w(k, "oldest"), w(k + 1, "first") {
            q.sort = .init(.created, .ascending)
            return (2, true)
        }
        if w(k, "alphabetically") {
            q.sort = .init(.title)
            return (1, true)
        }
        // limit: top 5, first 3, next 5
        if s.isWord(k, ["top", "first", "next", "last"]), let n = s.tok(k + 1), n.kind == .number, n.number > 0,
            s.isWord(k + 2, ["tasks", "todos", "items", "things", "ones"]) || k + 2 >= end
        {
            q.limit = n.number
            return (2, true)
        }
        // a date: "what's due friday", "tasks on dec 3"
        let c = Registry.connectorLength(s, k)
        if let m = Registry.temporal(s, k + c, connected: c > 0), case .temporal(let t) = m.piece, let d = t.date {
            q.due = .on(d)
            return (m.length + c, true)
        }
        return nil
    }
}
