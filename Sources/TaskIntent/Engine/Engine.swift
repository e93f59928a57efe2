import TodoCore

/// A match at a token index.
struct Recognised: Sendable {
    var start: Int
    var match: Match
    var end: Int { start + match.length }
}

/// A scan as the next parse may keep it: what it found, and how far each step of it read.
struct ScanRecord: Sendable {
    /// One turn of the scan's loop.
    struct Step: Sendable {
        /// The token index the step left the scan at.
        var next: Int
        /// How many matches had been found after it.
        var found: Int
        /// The highest token index it read, the tokens it matched and its look-ahead included.
        var horizon: Int
        /// It read the match at `next` for the step after it (`bareHour`).
        var leavesLookAhead: Bool
    }

    /// Ranges shorter than this (in tokens) are scanned whole every time.
    static let shortestKept = 6

    var range: Range<Int>
    var found: [Recognised]
    var steps: [Step]
    /// Steps are noted for the next line (not for a short range).
    var keepsSteps: Bool

    /// A scan of `range` not yet begun.
    init(range: Range<Int>, keepsSteps: Bool) {
        self.range = range
        self.keepsSteps = keepsSteps
        found = []
        steps = []
    }

    /// How many leading steps a scan of `range` over a line whose first `kept` tokens are this line's would take
    /// again. A step is the same when it read only kept tokens and the range's end lies beyond the token after the
    /// last it read (the loop compares no index past that with the end). The steps kept end where no look-ahead is
    /// pending.
    func reusableSteps(for range: Range<Int>, kept: Int) -> Int {
        guard range.lowerBound == self.range.lowerBound else { return 0 }
        let limit = Swift.min(kept - 1, Swift.min(range.upperBound, self.range.upperBound) - 2)
        var reusable = 0
        for (k, step) in steps.enumerated() {
            guard step.horizon <= limit else { break }
            if !step.leavesLookAhead { reusable = k + 1 }
        }
        return reusable
    }

    /// This scan cut back to `reusable` steps (`reusableSteps`), to go on over `range` from there.
    mutating func keep(_ reusable: Int, for range: Range<Int>) {
        found.removeSubrange((reusable > 0 ? steps[reusable - 1].found : 0)...)
        steps.removeSubrange(reusable...)
        self.range = range
    }
}

/// Runs the registry over a token range, left to right, keeping the longest match at each position
/// (chrono's overlap rule). Tokens no rule claims are the title.
enum Engine {
    /// Scans `record.range` on from where the record's steps stopped (a new record has none; one kept from the line
    /// before holds its steps that cannot differ, `ScanRecord.keep`).
    static func scan(_ s: Scanner, _ record: inout ScanRecord) {
        // the arrays are moved out and back, so that appending to them never copies
        var found: [Recognised] = []
        var steps: [ScanRecord.Step] = []
        swap(&found, &record.found)
        swap(&steps, &record.steps)
        defer {
            swap(&found, &record.found)
            swap(&steps, &record.steps)
        }
        found.reserveCapacity(record.range.count)
        let keepsSteps = record.keepsSteps
        if keepsSteps { steps.reserveCapacity(record.range.count) }
        /// What `bareHour` found at the token after the hour, which the loop reaches next.
        var lookedAhead: (index: Int, match: Match?)?
        var i = steps.last?.next ?? record.range.lowerBound
        let end = record.range.upperBound
        while i < end {
            s.startReading(at: i)
            defer {
                if keepsSteps {
                    steps.append(
                        ScanRecord.Step(
                            next: i, found: found.count, horizon: max(s.highestIndexRead, i - 1),
                            leavesLookAhead: lookedAhead?.index == i))
                }
            }
            // fields read in place: a copy of the token costs a retain and a release
            switch s[i].kind {
            case .tag, .plusTag:
                found.append(
                    Recognised(
                        start: i, match: Match(length: 1, piece: .tag(s[i].text), kind: .tag, rule: "#tag")))
                i += 1
                continue
            case .mention:
                found.append(
                    Recognised(
                        start: i,
                        match: Match(length: 1, piece: .assignee(s[i].text), kind: .assignee, rule: "@person")))
                i += 1
                continue
            case .description:
                found.append(
                    Recognised(
                        start: i,
                        match: Match(
                            length: 1, piece: .description(s[i].text), kind: .description,
                            rule: "// description")
                    ))
                i += 1
                continue
            case .quoted, .reference, .keyValue:
                i += 1
                continue
            case .word:
                if !s[i].lex.trigger {
                    i += 1
                    continue
                }
            case .number, .punct:
                break
            }
            var best = lookedAhead?.index == i ? lookedAhead!.match : Registry.best(~0, s, i, connected: false)
            let c = Registry.connectorLength(s, i)
            // "for next monday's meeting": the preposition belongs to the noun the possessive day qualifies
            if c > 0, i + c < end, let m = Registry.best(Registry.afterConnectorMask, s, i + c, connected: true),
                m.length + c > (best?.length ?? 0), !hasPossessive(s, i + c, m.length)
            {
                var m = m
                m.length += c
                best = m
            }
            // "march 3-5", "from monday to wednesday": a whole-day date may open a range
            if var m = best, i + m.length < end {
                switch m.piece {
                case .temporal(var t) where t.time == nil && t.lengthMinutes == nil:
                    if let d = t.date, let (n, days) = DateRangeRules.extend(s, i + m.length, from: d),
                        i + m.length + n <= end
                    {
                        t.lengthMinutes = days * 1440
                        m.length += n
                        m.piece = .temporal(t)
                        best = m
                    }
                case .recurrenceStart(var t) where t.time == nil:
                    if let d = t.date, let (n, days) = DateRangeRules.extend(s, i + m.length, from: d),
                        i + m.length + n <= end
                    {
                        t.lengthMinutes = days * 1440
                        m.length += n
                        m.piece = .temporal(t)
                        m.kind = .date
                        best = m
                    }
                default: break
                }
            }
            // "last friday's minutes" name a day gone by, not a due date: the words stay in the title
            if let m = best, case .temporal(let t) = m.piece, let d = t.date, d < s.today, hasPossessive(s, i, m.length)
            {
                i += m.length
                continue
            }
            if let m = best, i + m.length <= end {
                found.append(Recognised(start: i, match: m))
                i += m.length
                if let hour = bareHour(after: m, s, i, end, lookedAhead: &lookedAhead) {
                    found.append(Recognised(start: i, match: hour))
                    i += hour.length
                }
            } else {
                i += 1
            }
        }
    }

    static func hasPossessive(_ s: Scanner, _ i: Int, _ length: Int) -> Bool {
        var k = i
        while k < i + length, s.has(k) {
            if s[k].lex.classes.contains(.possessive) { return true }
            k += 1
        }
        return false
    }

    /// "tomorrow 10", "on friday 2 #work": a lone hour straight after a whole-day date is its time, read
    /// as "at 10". Only at the end of the line, or before a tag, a mark or words another rule claims ("p1",
    /// "every week"), so that "tomorrow 2 tickets" keeps its count in the title.
    private static func bareHour(
        after date: Match, _ s: Scanner, _ i: Int, _ end: Int, lookedAhead: inout (index: Int, match: Match?)?
    ) -> Match? {
        guard case .temporal(let t) = date.piece, t.date != nil, t.time == nil, t.lengthMinutes == nil,
            i < end, let tok = s.tok(i), tok.kind == .number, !tok.glued, tok.digits <= 2,
            let hour = ClockTimeRules.clockTime(s, i, true), hour.length == 1, hour.kind == .time
        else { return nil }
        if i + 1 < end, let next = s.tok(i + 1), next.kind == .word || next.kind == .number {
            let following = Registry.best(~0, s, i + 1, connected: false)
            if following == nil { return nil }
            lookedAhead = (i + 1, following)
        }
        return hour
    }
}
