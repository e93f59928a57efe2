import TodoCore

/// A match at a token index.
struct Recognised: Sendable {
    var start: Int
    var match: Match
    var end: Int { start + match.length }
}

/// Runs the registry over a token range, left to right, keeping the longest match at each position
/// (chrono's overlap rule). Tokens no rule claims are the title.
enum Engine {
    static func scan(_ s: Scanner, _ range: Range<Int>) -> [Recognised] {
        var found: [Recognised] = []
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let t = s.tokens[i]
            switch t.kind {
            case .tag, .plusTag:
                found.append(
                    Recognised(start: i, match: Match(length: 1, piece: .tag(t.text), kind: .tag, rule: "#tag")))
                i += 1
                continue
            case .mention:
                found.append(
                    Recognised(
                        start: i, match: Match(length: 1, piece: .assignee(t.text), kind: .assignee, rule: "@person")))
                i += 1
                continue
            case .description:
                found.append(
                    Recognised(
                        start: i,
                        match: Match(length: 1, piece: .description(t.text), kind: .description, rule: "// description")
                    ))
                i += 1
                continue
            case .quoted, .reference, .keyValue:
                i += 1
                continue
            case .word:
                if !t.lex.trigger {
                    i += 1
                    continue
                }
            case .number, .punct:
                break
            }
            var best = Registry.best(~0, s, i, connected: false)
            let c = Registry.connectorLength(s, i)
            if c > 0, i + c < end, let m = Registry.best(Registry.afterConnectorMask, s, i + c, connected: true),
                m.length + c > (best?.length ?? 0)
            {
                var m = m
                m.length += c
                best = m
            }
            if let m = best, i + m.length <= end {
                found.append(Recognised(start: i, match: m))
                i += m.length
            } else {
                i += 1
            }
        }
        return found
    }
}
