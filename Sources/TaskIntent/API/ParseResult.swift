import TodoCore

/// What a line means.
public indirect enum Intent: Sendable, Hashable {
    /// Create a task (the chat gives it an id).
    case add(TaskDraft)
    /// One or more commands on tasks whose references resolved ("done 3 and 4" gives two).
    case commands([Command])
    case query(TaskQuery)
    case undo
    /// Help, optionally on a topic ("help dates").
    case help(topic: String?)
    /// Explain the previous parse.
    case why
    /// The line could mean several things; the chat shows the numbered choices and runs the one picked.
    case clarify(question: String, choices: [Choice])
    case invalid(reason: String)
}

/// One answer to a clarifying question: what to show, and the intent it stands for.
public struct Choice: Sendable, Hashable {
    public var label: String
    public var intent: Intent

    public init(label: String, intent: Intent) {
        self.label = label
        self.intent = intent
    }
}

/// The kinds of text a parse recognises, for highlighting the input line while typing.
public enum SpanKind: String, Sendable, Hashable, CaseIterable {
    case verb, title, date, time, recurrence, duration, priority, tag, assignee, description, reference, reminder
    case quoted, query
}

/// A recognised part of the input: `start`..<`end` in characters (grapheme clusters) of the input string.
public struct Span: Sendable, Hashable {
    public var kind: SpanKind
    public var start: Int
    public var end: Int

    public init(kind: SpanKind, start: Int, end: Int) {
        self.kind = kind
        self.start = start
        self.end = end
    }
}

public struct ParseResult: Sendable, Hashable {
    public var intent: Intent
    /// In input order.
    public var spans: [Span]
    /// One line: "Add 'pay rent' · due Tue 1 Dec 09:00 · every month on the 1st at 09:00 · urgent priority · #home".
    public var summary: String
    /// Things the person should know but that did not stop the parse ("Tue 3 Nov 2026 is in the past").
    public var warnings: [String]
    /// The task fields the line spelled out, also when it is not an "add" (a date alone, a repeat without a
    /// title): what the input line's preview can show while typing.
    public var draft: TaskDraft?
    /// The command a line named whose task could not be found (no list loaded, no such number), built for a
    /// placeholder task: scripts that measure the parser read the verb and its arguments here, while the
    /// intent stays `.invalid` so the chat answers with the reason.
    public var unresolvedCommand: Command?
    /// Kept compact and turned into text only when asked ("why" is rare; parsing runs on every keystroke).
    var notes: [Note]
    var line: String

    /// Why: one line per recognised part and the rule that read it, for the "why" command (the chat asks for
    /// it with every preview, so the lines are built as bytes).
    public var explanation: [String] {
        var line = line
        var lines: [String] = []
        lines.reserveCapacity(notes.count + warnings.count + 1)
        line.withUTF8 { bytes in
            for note in notes {
                switch note {
                case .text(let t): lines.append(t)
                case .title(let title):
                    var text = TextBuilder(capacity: title.utf8.count + 40)
                    text.append("Title: \"")
                    text.append(title)
                    text.append("\" (the words no rule claimed).")
                    lines.append(text.string)
                case .match(let from, let to, let kind, let rule):
                    let said =
                        to <= bytes.count
                        ? UnsafeBufferPointer(rebasing: bytes[from..<to]) : .init(start: nil, count: 0)
                    lines.append(Self.matchLine(said, kind.rawValue, rule))
                }
            }
        }
        lines.append(contentsOf: warnings.map { "Note: " + $0 })
        if case .invalid(let reason) = intent { lines.append(reason) }
        return lines
    }

    /// `"said" → kind (rule)`, copied straight into one string (no buffer to build it in first).
    private static func matchLine(_ said: UnsafeBufferPointer<UInt8>, _ kind: String, _ rule: String) -> String {
        var kind = kind
        var rule = rule
        return kind.withUTF8 { kind in
            rule.withUTF8 { rule in
                String(unsafeUninitializedCapacity: said.count + kind.count + rule.count + 10) { out in
                    var n = 0
                    func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                        guard let base = bytes.baseAddress else { return }
                        out.baseAddress!.advanced(by: n).update(from: base, count: bytes.count)
                        n += bytes.count
                    }
                    func put(_ text: StaticString) {
                        put(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
                    }
                    put("\"")
                    put(said)
                    put("\" → ")
                    put(kind)
                    put(" (")
                    put(rule)
                    put(")")
                    return n
                }
            }
        }
    }

    init(
        intent: Intent, spans: [Span], summary: String, notes: [Note], line: String, warnings: [String],
        draft: TaskDraft? = nil, unresolvedCommand: Command? = nil
    ) {
        self.intent = intent
        self.spans = spans
        self.summary = summary
        self.notes = notes
        self.line = line
        self.warnings = warnings
        self.draft = draft
        self.unresolvedCommand = unresolvedCommand
    }
}

/// One line of the explanation, before it is text.
enum Note: Sendable, Hashable {
    case text(String)
    /// The title the unclaimed words make.
    case title(String)
    /// Byte range of the input, what it was read as, and the rule's name.
    case match(Int, Int, SpanKind, String)
}
