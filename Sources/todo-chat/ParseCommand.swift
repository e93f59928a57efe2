import ArgumentParser
import Foundation
import TaskIntent
import TodoCore

/// The parser's command-line face: one utterance per argument or stdin line in, one JSON object per line
/// out, same order.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Show what todo lines mean, as one JSON object per line.",
        discussion: """
            Each object has intent, title, due (YYYY-MM-DD, YYYY-MM-DDTHH:MM or null), recurrence (an RRULE \
            or null), duration_seconds, priority, tags, reminder (YYYY-MM-DDTHH:MM, or -PT30M before the \
            due time) and spans; commands and questions also carry message, summary and warnings.

            The lines come from the arguments, or from standard input when there are none. With --jsonl \
            each input line is {"text": ..., "reference": ..., "tz": ...}, reference and tz optional.
            """
    )

    @Argument(help: "Lines to parse (default: read standard input).")
    var lines: [String] = []

    @Option(help: "The local date-time 'now' means, ISO: 2026-11-27T10:00 or 2026-11-27 (default: now).")
    var reference: String?

    @Option(help: "IANA time zone of the reference, e.g. Europe/Berlin (default: this machine's).")
    var tz: String?

    @Flag(help: "Read JSON lines {\"text\": ..., \"reference\": ...} instead of plain text.")
    var jsonl = false

    func run() throws {
        let zone = try tz.map { name in
            guard let zone = TimeZone(identifier: name) else { throw ValidationError("unknown time zone \(name)") }
            return zone
        }
        let tz = zone ?? .current
        let ref = try reference.map { text in
            guard let ref = Self.reference(text) else {
                throw ValidationError("--reference must be YYYY-MM-DDTHH:MM or YYYY-MM-DD, got \(text)")
            }
            return ref
        }
        let now = ref ?? LocalDateTime(Date(), in: tz)
        var arguments = lines.makeIterator()
        let next: () -> String? = lines.isEmpty ? { readLine(strippingNewline: true) } : { arguments.next() }
        var out = ""
        while let line = next() {
            if jsonl {
                out += Self.jsonlLine(line, now, tz)
            } else {
                out += Self.render(TaskIntentParser.parse(line, context: ParseContext(reference: now, timeZone: tz)))
            }
            out += "\n"
            if out.utf8.count > 64 * 1024 {
                FileHandle.standardOutput.write(Data(out.utf8))
                out = ""
            }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    static func reference(_ text: String) -> LocalDateTime? {
        let trimmed = text.count > 16 ? String(text.prefix(16)) : text
        if let dt = LocalDateTime(iso: trimmed) { return dt }
        if let d = LocalDate(iso: text) { return LocalDateTime(date: d, time: LocalTime(hour: 0, minute: 0)) }
        return nil
    }

    static func jsonlLine(_ line: String, _ ref: LocalDateTime, _ zone: TimeZone) -> String {
        guard let data = line.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let text = object["text"] as? String
        else {
            return JSON.object([("error", .string("malformed line: expected {\"text\": ..., \"reference\": ...}"))])
        }
        var reference = ref
        if let r = object["reference"] as? String {
            guard let parsed = Self.reference(r) else {
                return JSON.object([("error", .string("bad reference \(r): expected YYYY-MM-DDTHH:MM"))])
            }
            reference = parsed
        }
        var tz = zone
        if let name = object["tz"] as? String {
            guard let z = TimeZone(identifier: name) else {
                return JSON.object([("error", .string("unknown time zone \(name)"))])
            }
            tz = z
        }
        return render(TaskIntentParser.parse(text, context: ParseContext(reference: reference, timeZone: tz)))
    }

    static func render(_ result: ParseResult) -> String {
        var intent = "invalid"
        var title: JSON = .null
        var due: JSON = .null
        var recurrence: JSON = .null
        var duration: JSON = .null
        var priority: JSON = .null
        var tags: [JSON] = []
        var reminder: JSON = .null
        var extra: [(String, JSON)] = []
        func rem(_ t: Reminder.Trigger) -> JSON {
            switch t {
            case .absolute(let at): .string(at.description)
            case .beforeDue(let m): .string(m == 0 ? "PT0M" : "-PT\(m)M")
            }
        }
        func fill(_ d: TaskDraft) {
            title = d.title.isEmpty ? .null : .string(d.title)
            due = d.due.map { .string($0.localString) } ?? .null
            recurrence = d.recurrence.map { .string($0.rrule) } ?? .null
            duration = d.durationSeconds.map { .int($0) } ?? .null
            priority = d.priority == .none ? .null : .string(d.priority.rawValue)
            tags = d.tags.map { .string($0) }
            reminder = d.reminders.first.map { rem($0.trigger) } ?? .null
            if let a = d.assignee { extra.append(("assignee", .string(a))) }
            if !d.description.isEmpty { extra.append(("description", .string(d.description))) }
        }
        func command(_ c: Command) {
            switch c {
            case .rename(_, let t): title = .string(t)
            case .reschedule(_, let d): due = d.map { .string($0.localString) } ?? .null
            case .setPriority(_, let p): priority = .string(p.rawValue)
            case .tag(_, let t), .untag(_, let t): tags = t.map { .string($0) }
            case .setRecurrence(_, let r): recurrence = r.map { .string($0.rrule) } ?? .null
            case .remind(_, let r): reminder = rem(r.trigger)
            case .snooze(_, let m): duration = .int(m * 60)
            case .assign(_, let who): extra.append(("assignee", who.map { .string($0) } ?? .null))
            case .describe(_, let t), .comment(_, let t): extra.append(("text", .string(t)))
            default: break
            }
        }
        switch result.intent {
        case .add(let d):
            intent = "add"
            fill(d)
        case .commands(let cs):
            intent = Self.name(cs[0])
            command(cs[0])
            extra.append(("task_ids", .array(cs.map { .string($0.taskID.rawValue) })))
        case .query:
            intent = "query"
            // a date alone ("next friday") asks what is due then; the date it names is still reported
            if let d = result.draft { fill(d) }
        case .undo: intent = "undo"
        case .help: intent = "help"
        case .why: intent = "why"
        case .clarify(let q, let choices):
            intent = "clarify"
            extra.append(("message", .string(q)))
            extra.append(("choices", .array(choices.map { .string($0.label) })))
        case .invalid(let reason):
            intent = "invalid"
            if let d = result.draft { fill(d) }
            // "move 3 to friday" with no list loaded: still the reschedule it names, with the reason why not
            if let c = result.unresolvedCommand {
                intent = Self.name(c)
                command(c)
            }
            extra.append(("message", .string(reason)))
        }
        let spans: [JSON] = result.spans.map {
            .object([("kind", .string($0.kind.rawValue)), ("start", .int($0.start)), ("end", .int($0.end))])
        }
        var fields: [(String, JSON)] = [
            ("intent", .string(intent)), ("title", title), ("due", due), ("recurrence", recurrence),
            ("duration_seconds", duration), ("priority", priority), ("tags", .array(tags)), ("reminder", reminder),
            ("spans", .array(spans)),
        ]
        fields.append(contentsOf: extra)
        fields.append(("summary", .string(result.summary)))
        if !result.warnings.isEmpty { fields.append(("warnings", .array(result.warnings.map { .string($0) }))) }
        return JSON.object(fields)
    }

    static func name(_ c: Command) -> String {
        switch c {
        case .add: "add"
        case .complete: "complete"
        case .reopen: "reopen"
        case .delete: "delete"
        case .rename: "rename"
        case .reschedule: "reschedule"
        case .setPriority: "set_priority"
        case .tag: "tag"
        case .untag: "untag"
        case .describe: "describe"
        case .assign: "assign"
        case .comment: "comment"
        case .setRecurrence: "set_recurrence"
        case .remind: "remind"
        case .stopReminding: "stop_reminding"
        case .snooze: "snooze"
        case .triggerReminder: "trigger_reminder"
        }
    }
}

/// A tiny JSON writer that keeps key order (the parse output's keys are a contract, in this order).
indirect enum JSON {
    case null
    case string(String)
    case int(Int)
    case array([JSON])
    case object([(String, JSON)])

    var text: String {
        switch self {
        case .null: return "null"
        case .int(let v): return String(v)
        case .string(let s): return JSON.quote(s)
        case .array(let items): return "[" + items.map(\.text).joined(separator: ",") + "]"
        case .object(let fields):
            return "{" + fields.map { JSON.quote($0.0) + ":" + $0.1.text }.joined(separator: ",") + "}"
        }
    }

    static func object(_ fields: [(String, JSON)]) -> String { JSON.object(fields).text }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F || (0x80...0x9F).contains(u.value) {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
