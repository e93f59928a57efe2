import TodoCore

/// A task reference as typed: a list number ("3", "#3", "task 3"), an id prefix ("3f2a91c0"),
/// "it"/"that" (the task last talked about), or words of its title ("the milk one").
enum ReferencePhrase: Sendable, Hashable {
    case number(Int)
    case idPrefix(String)
    case pronoun
    case title([String])
}

/// A reference resolved against the visible list.
enum Resolution: Sendable {
    case tasks([ParseContext.VisibleTask])
    /// Several tasks fit equally well: ask, never guess.
    case ambiguous([ParseContext.VisibleTask])
    case notFound(String)
}

enum ReferenceResolver {
    static let pronouns: Set<String> = ["it", "that", "this", "them", "those"]
    /// Words that say "a task" without naming it; dropped before fuzzy matching.
    static let noise: Set<String> = [
        "the", "a", "an", "my", "one", "task", "todo", "item", "thing", "about", "with", "for", "of", "to", "that",
        "which", "is", "number", "no", "no.", "called", "named", "entry", "ones", "tasks", "items", "please", "pls",
    ]

    /// Reads references from tokens `range` (several allowed: "3 and 4", "1, 2, 5", "1-3").
    static func phrases(_ s: Scanner, _ input: Input, _ range: Range<Int>) -> [ReferencePhrase] {
        var result: [ReferencePhrase] = []
        var words: [String] = []
        var i = range.lowerBound
        while i < range.upperBound {
            let t = s[i]
            switch t.kind {
            case .reference:
                result.append(.number(t.number))
            case .number,
                .word where s.tok(i + 1)?.glued == true && s.tok(i + 1)?.kind == .number:
                // an id prefix is a glued run of hex digits and letters: 3f2a91c0, c3d4e5f6
                var j = i + 1
                while j < range.upperBound, s[j].glued, s[j].kind == .number || s[j].kind == .word { j += 1 }
                let text = input.text(t.start, s[j - 1].end).lowercased()
                if j - i > 1, text.count >= 4,
                    text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) || $0 == 0x2D })
                {
                    result.append(.idPrefix(text))
                    i = j
                    continue
                }
                if t.kind == .word {
                    words.append(t.text)
                } else if t.digits >= 4, t.digits <= 8 {
                    result.append(.idPrefix(t.text))
                } else {
                    // "1-3" is a range of list numbers
                    if s.isPunct(i + 1, "-"), s.glued(i + 1), let u = s.tok(i + 2), u.kind == .number, u.glued,
                        i + 2 < range.upperBound,
                        u.number >= t.number, u.number - t.number < 50
                    {
                        for n in t.number...u.number { result.append(.number(n)) }
                        i += 3
                        continue
                    }
                    result.append(.number(t.number))
                }
            case .word:
                if t.lex.classes.contains(.pronoun) && words.isEmpty && !(s.isWord(i + 1, "one")) {
                    result.append(.pronoun)
                } else if t.text == "and" || t.text == "&" {
                    if !words.isEmpty {
                        result.append(.title(words))
                        words = []
                    }
                } else if !noise.contains(t.text) {
                    let hex = t.text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
                    if hex, t.text.count >= 6, s.tok(i + 1)?.glued != true {
                        result.append(.idPrefix(t.text))
                    } else {
                        words.append(t.text)
                    }
                }
            case .quoted:
                words.append(contentsOf: t.text.lowercased().split(separator: " ").map(String.init))
            default:
                break
            }
            i += 1
        }
        if !words.isEmpty { result.append(.title(words)) }
        return result
    }

    static func resolve(_ phrases: [ReferencePhrase], _ context: ParseContext) -> Resolution {
        guard !phrases.isEmpty else { return .notFound("Which task? Give its number, e.g. \"3\".") }
        var tasks: [ParseContext.VisibleTask] = []
        for p in phrases {
            switch resolve(p, context) {
            case .tasks(let t):
                for x in t where !tasks.contains(where: { $0.id == x.id }) { tasks.append(x) }
            case .ambiguous(let c): return .ambiguous(c)
            case .notFound(let why): return .notFound(why)
            }
        }
        return .tasks(tasks)
    }

    static func resolve(_ p: ReferencePhrase, _ context: ParseContext) -> Resolution {
        let visible = context.visibleTasks
        switch p {
        case .number(let n):
            if let t = visible.first(where: { $0.number == n }) { return .tasks([t]) }
            return .notFound(
                visible.isEmpty ? "There are no tasks in the list yet." : "There is no task \(n) in the list.")
        case .idPrefix(let prefix):
            let hits = visible.filter { $0.id.rawValue.lowercased().hasPrefix(prefix) }
            if hits.count == 1 { return .tasks(hits) }
            if hits.count > 1 { return .ambiguous(hits) }
            if let n = Int(prefix), let t = visible.first(where: { $0.number == n }) { return .tasks([t]) }
            return .notFound("No task id starts with \(prefix).")
        case .pronoun:
            if let last = context.lastTask {
                if let t = visible.first(where: { $0.id == last }) { return .tasks([t]) }
                return .tasks([ParseContext.VisibleTask(number: 0, id: last, title: "")])
            }
            return .notFound("Which task do you mean by \"it\"? Nothing was talked about yet; give its number.")
        case .title(let words):
            var best: [ParseContext.VisibleTask] = []
            var bestScore = 0
            for t in visible {
                let score = Self.score(words, t)
                if score > bestScore {
                    bestScore = score
                    best = [t]
                } else if score == bestScore, score > 0 {
                    best.append(t)
                }
            }
            // Every typed word should fit; half a fit is not a reference.
            guard bestScore > 0, bestScore * 2 >= words.count * 2 - 1 else {
                return .notFound("No task matches \"\(words.joined(separator: " "))\".")
            }
            return best.count == 1 ? .tasks(best) : .ambiguous(best)
        }
    }

    /// Words of the reference found in the title or tags: two points for a whole word, one for the start of a
    /// word (3+ letters, or a plural of it); 0 if any word is missing. Compares bytes in place, because this runs
    /// for every visible task on every keystroke.
    static func score(_ words: [String], _ task: ParseContext.VisibleTask) -> Int {
        var total = 0
        for w in words {
            var best = fit(w, task.title)
            for tag in task.tags where best < 2 { best = max(best, fit(w, tag)) }
            if best == 0 { return 0 }
            total += best
        }
        return total
    }

    /// 2 if `word` is a whole word of `text`, 1 if it starts one (or is one plus a plural "s"), else 0.
    /// `word` is lowercase; `text` is compared without ASCII case.
    static func fit(_ word: String, _ text: String) -> Int {
        var w = Array(word.utf8)
        let plural = w.count >= 4 && w.last == UInt8(ascii: "s")
        if w.isEmpty { return 0 }
        var best = 0
        text.utf8.withContiguousStorageIfAvailable { t in
            best = fit(w[...], t, prefixOK: w.count >= 3)
            if best < 2, plural {
                w.removeLast()
                if fit(w[...], t, prefixOK: false) == 2 { best = max(best, 1) }
            }
        }
            ?? {
                let copy = Array(text.utf8)
                copy.withUnsafeBufferPointer { t in best = fit(w[...], t, prefixOK: w.count >= 3) }
            }()
        return best
    }

    private static func fit(_ w: ArraySlice<UInt8>, _ t: UnsafeBufferPointer<UInt8>, prefixOK: Bool) -> Int {
        func isWordByte(_ c: UInt8) -> Bool {
            (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c >= 0x80 || c == 0x27
        }
        var best = 0
        var i = 0
        let n = t.count
        while i < n {
            // at a word start
            if isWordByte(t[i]), i == 0 || !isWordByte(t[i - 1]) {
                var k = 0
                while k < w.count, i + k < n {
                    var c = t[i + k]
                    if c >= 0x41 && c <= 0x5A { c += 32 }
                    if c != w[w.startIndex + k] { break }
                    k += 1
                }
                if k == w.count {
                    if i + k == n || !isWordByte(t[i + k]) { return 2 }
                    if prefixOK { best = 1 }
                }
            }
            i += 1
        }
        return best
    }
}
