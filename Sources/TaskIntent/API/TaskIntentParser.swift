import Foundation
import Synchronization
import TodoCore

/// Text → intent. Pure: no clock, no I/O; the same line and context always give the same result.
///
///     let result = TaskIntentParser.parse("pay rent every month on the 1st at 9am #home p1", context: context)
///     // result.intent == .add(TaskDraft(title: "pay rent", due: 1 Dec 09:00, recurrence: FREQ=MONTHLY;..., ...))
public enum TaskIntentParser {
    /// The last line read, whose tokens the next parse keeps where the two lines agree (the same result, less work
    /// while typing).
    private static let lastLine = Mutex<TokenizedLine?>(nil)

    public static func parse(_ text: String, context: ParseContext) -> ParseResult {
        // taken, not copied: its arrays become the new line's without a copy
        var previous = lastLine.withLock { $0.take() }
        let (result, line) = parse(text, context: context, taking: &previous)
        lastLine.withLock { $0 = line }
        return result
    }

    /// The parse of `text`, keeping the tokens of `previous` where the two lines agree (nil reads it from
    /// scratch; the tests check both ways give the same result), and the line as read, for the next parse.
    static func parse(_ text: String, context: ParseContext, after previous: TokenizedLine?) -> (
        ParseResult, TokenizedLine?
    ) {
        var previous = previous
        return parse(text, context: context, taking: &previous)
    }

    /// `parse(_:context:after:)`, moving what it keeps out of `previous`.
    private static func parse(_ text: String, context: ParseContext, taking previous: inout TokenizedLine?) -> (
        ParseResult, TokenizedLine?
    ) {
        if text.utf8.count > Input.maximumBytes {
            let reason =
                "That line is \(text.utf8.count) bytes long; a task line can be at most \(Input.maximumBytes). Nothing was read."
            return (
                ParseResult(
                    intent: .invalid(reason: reason), spans: [], summary: reason, notes: [], line: "", warnings: []),
                nil
            )
        }
        let input = Input(text)
        let (today, now, zone) = (context.reference.date, context.reference.time, context.timeZone.identifier)
        let (tokens, kept) = Tokenizer.tokenize(input, after: &previous)
        // The scanner's note of how far the rules read lives on the stack for the length of the parse.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 1) { highestRead in
            var p = LineParse(
                s: Scanner(tokens: tokens, today: today, now: now, zone: zone, highestRead: highestRead.baseAddress!),
                input: input, context: context,
                // moved, not copied: the scans kept are cut back and gone on with in place
                earlierScans: previous?.takeScans(today: today, now: now, zone: zone) ?? [], kept: kept)
            if input.blankedControls > 0 {
                p.notes.append(.text("Ignored \(input.blankedControls) control character(s) or escape sequence(s)."))
            }
            let result: ParseResult
            if tokens.isEmpty {
                let reason =
                    input.blankedControls > 0
                    ? "The line holds only control characters; type a task or a command."
                    : "The line is empty; type a task (\"buy milk tomorrow\") or a command (\"help\")."
                result = p.finish(.invalid(reason: reason))
            } else {
                result = p.run()
            }
            return (
                result,
                TokenizedLine(bytes: input.bytes, tokens: tokens, today: today, now: now, zone: zone, scans: p.scans)
            )
        }
    }
}

/// The state of one parse: the scanner, the spans found so far and the notes for "why".
struct LineParse {
    let s: Scanner
    let input: Input
    let context: ParseContext
    var spans: [(SpanKind, Int, Int)] = []
    var notes: [Note] = []
    var warnings: [String] = []
    var summary = ""
    var draft: TaskDraft?
    var unresolvedCommand: Command?
    /// The scans of the line parsed before, whose first `kept` tokens this line has.
    var earlierScans: [ScanRecord]
    let kept: Int
    /// The scans of this line, for the next.
    var scans: [ScanRecord] = []

    init(s: Scanner, input: Input, context: ParseContext, earlierScans: [ScanRecord] = [], kept: Int = 0) {
        self.s = s
        self.input = input
        self.context = context
        self.earlierScans = earlierScans
        self.kept = kept
        // one allocation each instead of growing 1, 2, 4, 8 on every keystroke
        spans.reserveCapacity(s.count + 2)
        notes.reserveCapacity(s.count + 2)
    }

    var zone: TimeZone { context.timeZone }

    /// What the rules recognise in `range`, kept from the line before where it cannot differ. A short range is
    /// scanned whole: keeping its steps would cost more than it saves.
    mutating func scan(_ range: Range<Int>) -> [Recognised] {
        var record = ScanRecord(range: range, keepsSteps: range.count >= ScanRecord.shortestKept)
        if record.keepsSteps, let k = earlierScans.firstIndex(where: { $0.range.lowerBound == range.lowerBound }) {
            // moved out, so that cutting it back and going on does not copy its arrays
            swap(&record, &earlierScans[k])
            let reusable = record.reusableSteps(for: range, kept: kept)
            record.keep(reusable, for: range)
        }
        Engine.scan(s, &record)
        if record.keepsSteps { scans.append(record) }
        return record.found
    }

    mutating func span(_ kind: SpanKind, _ from: Int, _ to: Int) {
        guard from < to, to <= s.count else { return }
        spans.append((kind, s[from].start, s[to - 1].end))
    }

    func text(_ from: Int, _ to: Int) -> String {
        guard from < to, to <= s.count else { return "" }
        return input.text(s[from].start, s[to - 1].end)
    }

    mutating func run() -> ParseResult {
        let i = Verbs.politeLength(s, 0)
        if i > 0 { span(.verb, 0, i) }
        if i >= s.count { return finish(.invalid(reason: "Say what to do, e.g. \"buy milk tomorrow\" or \"help\".")) }
        var end = s.count
        // trailing politeness and sentence punctuation ("!!" stays: it is a priority)
        while end > i {
            if s.isWord(end - 1, ["please", "pls", "plz", "thanks", "thx", "ty"]) || s.isPunct(end - 1, "?") {
                end -= 1
            } else if s.isPunct(end - 1, "!"), !s.isPunct(end - 2, "!") {
                end -= 1
            } else if s.isPunct(end - 1, "."), let prev = s.tok(end - 2), prev.kind == .word, prev.lex.month == 0,
                prev.lex.weekday == 0
            {
                end -= 1
            } else {
                break
            }
        }
        // A weak verb that turns out to start a new task leaves no spans or notes behind.
        let (spanCount, noteCount, warningCount) = (spans.count, notes.count, warnings.count)
        func rollBack(_ p: inout LineParse) {
            if p.spans.count > spanCount { p.spans.removeSubrange(spanCount...) }
            if p.notes.count > noteCount { p.notes.removeSubrange(noteCount...) }
            if p.warnings.count > warningCount { p.warnings.removeSubrange(warningCount...) }
        }
        if let (phrase, n) = Verbs.match(s, i) {
            if let result = command(phrase, verbStart: i, argStart: i + n, end: end) { return result }
            rollBack(&self)
        }
        // "3 done", "milk is done", "it's done": a reference followed by a completion word
        if let result = postfixCompletion(i, end) { return result }
        rollBack(&self)
        // a bare list number: ask what to do with it
        if end - i == 1, let t = s.tok(i), t.kind == .number || t.kind == .reference, t.digits <= 4 {
            return bareReference(i)
        }
        // "add ..." or a bare line
        return add(from: i, to: end, verbEnd: i)
    }

    mutating func finish(_ intent: Intent) -> ParseResult {
        if summary.isEmpty { summary = Summary.of(intent, context) }
        let offsets = input.characterOffsets()
        func char(_ b: Int) -> Int { offsets.map { $0[min(b, $0.count - 1)] } ?? b }
        // Mostly found in input order already; the sort is stable, so a sorted list stays as it is.
        let inOrder = zip(spans, spans.dropFirst()).allSatisfy { $0.1 <= $1.1 }
        let sorted = inOrder ? spans : spans.sorted { $0.1 < $1.1 }
        var out: [Span] = []
        out.reserveCapacity(sorted.count)
        for (kind, a, b) in sorted { out.append(Span(kind: kind, start: char(a), end: char(b))) }
        return ParseResult(
            intent: intent, spans: out, summary: summary, notes: notes, line: input.original, warnings: warnings,
            draft: draft, unresolvedCommand: unresolvedCommand)
    }

    /// Reads an "add" line: everything after the verb, with the date, repeat, priority... taken out of the title.
    mutating func add(from start: Int, to end: Int, verbEnd: Int, remindAtDue: Bool = false) -> ParseResult {
        let found = scan(start..<end)
        var a = Assembler.assemble(s, input, start..<end, found, zone: zone)
        record(a)
        draft = a.draft
        if let invalid = a.invalid { return finish(.invalid(reason: invalid)) }
        if remindAtDue, a.draft.reminders.isEmpty, a.draft.due != nil {
            a.draft.reminders.append(Reminder(id: "reminder-1", trigger: .beforeDue(minutes: 0)))
            notes.append(.text("\"remind me to\": a reminder at the due time."))
            draft = a.draft
        }
        if a.draft.title.isEmpty {
            // "tomorrow", "next week": a date alone asks what is due then.
            if let due = a.draft.due, a.draft.recurrence == nil, verbEnd == start {
                spans = spans.map { ($0.0 == .date || $0.0 == .time ? .query : $0.0, $0.1, $0.2) }
                notes.append(.text("A date with no title: listing what is due then."))
                return finish(.query(TaskQuery(due: .on(due.date))))
            }
            let what = a.draft.due.map { " due " + Summary.due($0, s.today) } ?? ""
            return finish(
                .invalid(reason: "What is the task\(what)? The line has no title (e.g. \"call mom\" before the date)."))
        }
        return finish(.add(a.draft))
    }

    /// Spans and notes for what the assembler used.
    mutating func record(_ a: Assembly) {
        for r in a.used {
            span(r.match.kind, r.start, r.end)
            notes.append(.match(s[r.start].start, s[r.end - 1].end, r.match.kind, r.match.rule))
        }
        for (from, to, quoted) in a.titleRanges { spans.append((quoted ? .quoted : .title, from, to)) }
        if !a.draft.title.isEmpty { notes.append(.title(a.draft.title)) }
        warnings.append(contentsOf: a.warnings)
    }
}
