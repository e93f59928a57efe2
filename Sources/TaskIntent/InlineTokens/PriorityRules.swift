import TodoCore

/// Priority as typed: `p1`..`p4` (Todoist: p1 is urgent), `!high`/`!low`/`!1`, `!!` (high), `!!!` (urgent),
/// "high priority", "priority: low", "prio 2", "urgent", "asap", "important", Taskwarrior's
/// `priority:H|M|L`. A lone "!" at the end of a sentence is punctuation, not a priority.
enum PriorityRules {
    static let words: [String: Priority] = [
        "urgent": .urgent, "critical": .urgent, "highest": .urgent, "top": .urgent, "asap": .urgent,
        "high": .high, "important": .high, "hi": .high, "h": .high, "medium": .medium, "med": .medium,
        "normal": .medium, "mid": .medium, "m": .medium, "low": .low, "lowest": .low, "lo": .low, "l": .low,
        "none": .none,
    ]

    static func level(_ s: Scanner, _ i: Int) -> (Priority, Int)? {
        if let t = s.tok(i), t.kind == .number, t.digits == 1, let p = Priority(todoistLevel: t.number) {
            return (p, 1)
        }
        if let w = s.word(i), let p = words[w], w.count > 1 || s.glued(i) { return (p, 1) }
        return nil
    }

    static func priority(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        guard let t = s.tok(i) else { return nil }
        func match(_ n: Int, _ p: Priority, _ rule: String) -> Match {
            Match(length: n, piece: .priority(p), kind: .priority, rule: rule)
        }
        if t.kind == .word, t.text == "p", let n = s.tok(i + 1), n.kind == .number, n.glued, n.digits == 1,
            let p = Priority(todoistLevel: n.number), !(s.tok(i + 2)?.glued ?? false)
        {
            return match(2, p, "p1..p4")
        }
        if t.kind == .punct, t.text == "!" {
            // "!!", "!!!", "!high", "!1"
            var bangs = 1
            while s.isPunct(i + bangs, "!"), s.glued(i + bangs) { bangs += 1 }
            if bangs == 1, let (p, n) = level(s, i + 1), s.glued(i + 1) { return match(1 + n, p, "!<level>") }
            if bangs >= 2, !t.glued, !(s.tok(i + bangs)?.glued ?? false) {
                return match(bangs, bangs >= 3 ? .urgent : .high, "!! / !!!")
            }
            return nil
        }
        guard t.kind == .word else { return nil }
        // priority high, priority: 1, prio 2, pri:H, priority is low
        if ["priority", "prio", "pri"].contains(t.text) {
            var j = i + 1
            if s.isPunct(j, ":") || s.isPunct(j, "=") || s.isWord(j, ["is", "to", "of"]) { j += 1 }
            if let (p, n) = level(s, j) { return match(j + n - i, p, "priority <level>") }
            return nil
        }
        // high priority, low prio, urgent, asap, top priority
        if let p = words[t.text], t.text.count > 2 {
            if s.isWord(i + 1, ["priority", "prio", "pri"]) { return match(2, p, "<level> priority") }
            if ["urgent", "asap", "important", "critical"].contains(t.text) {
                return match(1, p, "urgent|asap|important")
            }
        }
        return nil
    }
}
