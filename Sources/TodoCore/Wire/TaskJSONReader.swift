import Foundation

/// A hand-written reader of a task's JSON, for the hot paths: every `task.sync` the live pane hears and every
/// task row the store loads. `JSONDecoder` spends 20–40 µs on one task; this reads it in a few.
///
/// It reads only the plain form the project itself writes and returns nil for anything else (a null, a
/// duplicate key, an escape it does not know, a number with a fraction where an integer belongs, an invalid
/// value). The caller then decodes with `JSONDecoder`, which either accepts the unusual but valid form or
/// refuses it with the field named: results and error messages stay those of `Task`'s `Codable` form.
public enum TaskJSONReader {
    /// How dates are written: RFC 3339 strings on the wire, reference-date seconds in the store's task rows.
    public enum Dates: Sendable {
        case rfc3339
        case referenceSeconds
    }

    public static func task(_ data: Data, dates: Dates) -> Task? {
        data.withUnsafeBytes { raw in
            var scanner = JSONScanner(raw.bindMemory(to: UInt8.self), dates: dates)
            guard let task = scanner.task(), scanner.atEnd() else { return nil }
            return task
        }
    }
}

/// One pass over the bytes; every method returns nil (or false) at the first thing it does not expect.
private struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let dates: TaskJSONReader.Dates
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, dates: TaskJSONReader.Dates) {
        self.bytes = bytes
        self.dates = dates
    }

    mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    mutating func atEnd() -> Bool {
        skipSpace()
        return index == bytes.count
    }

    /// Consumes `byte` after optional whitespace.
    mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func peek() -> UInt8? {
        skipSpace()
        return index < bytes.count ? bytes[index] : nil
    }

    /// Calls `member` with each key of an object (its raw bytes: keys with escapes are refused); false if the
    /// object is malformed or `member` refuses. A key repeated among `known` is refused too, as `JSONDecoder`'s
    /// choice between the two values is not this reader's to guess.
    mutating func object(known: [StaticString], _ member: (inout JSONScanner, Int?) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        if take(UInt8(ascii: "}")) { return true }
        var seen: UInt64 = 0
        repeat {
            guard take(UInt8(ascii: "\"")) else { return false }
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
                index += 1
            }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return false }
            let key = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start..<index])
            index += 1
            let which = known.firstIndex { name in
                name.utf8CodeUnitCount == key.count && memcmp(name.utf8Start, key.baseAddress!, key.count) == 0
            }
            if let which {
                guard seen & (1 << which) == 0 else { return false }
                seen |= 1 << which
            }
            guard take(UInt8(ascii: ":")), member(&self, which) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}"))
    }

    mutating func array<T>(_ element: (inout JSONScanner) -> T?) -> [T]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var items: [T] = []
        if take(UInt8(ascii: "]")) { return items }
        repeat {
            guard let item = element(&self) else { return nil }
            items.append(item)
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]")) ? items : nil
    }

    mutating func string() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        var plain = true
        var ascii = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let body = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                if ascii { return String(decoding: body, as: UTF8.self) }
                return plain ? String(validating: body, as: UTF8.self) : Self.unescape(body)
            }
            if byte < 0x20 { return nil }
            if byte >= 0x80 { ascii = false }
            if byte == UInt8(ascii: "\\") {
                plain = false
                ascii = false
                index += 1
            }
            index += 1
        }
        return nil
    }

    /// The escapes JSON allows; nil for any other (and for a lone surrogate).
    private static func unescape(_ body: UnsafeBufferPointer<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var i = 0
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= body.count else { return nil }
            var value: UInt32 = 0
            for byte in body[at..<at + 4] {
                guard let digit = Character(UnicodeScalar(byte)).hexDigitValue else { return nil }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        while i < body.count {
            let byte = body[i]
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                i += 1
                continue
            }
            guard i + 1 < body.count else { return nil }
            if let byte = JSONEscape.byte(for: body[i + 1]) {
                out.append(byte)
                i += 2
                continue
            }
            guard body[i + 1] == UInt8(ascii: "u"), var scalar = hex4(i + 2) else { return nil }
            i += 6
            if JSONEscape.isHighSurrogate(scalar) {
                guard i + 1 < body.count, body[i] == UInt8(ascii: "\\"), body[i + 1] == UInt8(ascii: "u"),
                    let low = hex4(i + 2), JSONEscape.isLowSurrogate(low)
                else { return nil }
                scalar = JSONEscape.scalar(high: scalar, low: low)
                i += 6
            }
            guard let unicode = Unicode.Scalar(scalar) else { return nil }
            JSONEscape.append(unicode, to: &out)
        }
        return String(validating: out, as: UTF8.self)
    }

    /// A JSON integer (no fraction, no exponent) that fits an `Int`.
    mutating func integer() -> Int? {
        skipSpace()
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let digits = index
        while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
        guard index > digits, bytes[digits] != 0x30 || index == digits + 1 else { return nil }
        if index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) {
            return nil
        }
        return Int(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
    }

    /// A JSON number as a `Double`, checked against the JSON grammar first (`Double("inf")` would pass).
    mutating func double() -> Double? {
        skipSpace()
        let start = index
        func digits() -> Bool {
            let from = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            return index > from
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integral = index
        guard digits(), bytes[integral] != 0x30 || index == integral + 1 else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() else { return nil }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard digits() else { return nil }
        }
        return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
    }

    mutating func date() -> Date? {
        switch dates {
        case .rfc3339: string().flatMap(RFC3339.date(from:))
        case .referenceSeconds: double().map(Date.init(timeIntervalSinceReferenceDate:))
        }
    }

    /// Skips a value of a key the task does not have (`JSONDecoder` ignores those too).
    mutating func skipValue(depth: Int = 0) -> Bool {
        guard depth < 64, let first = peek() else { return false }
        switch first {
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "{"): return object(known: []) { scanner, _ in scanner.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            return array { scanner -> Bool? in scanner.skipValue(depth: depth + 1) ? true : nil } != nil
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return double() != nil
        }
    }

    mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count,
            memcmp(bytes.baseAddress! + index, word.utf8Start, count) == 0
        else { return false }
        index += count
        return true
    }

    // MARK: - The task's shape (see `Task`'s Codable form)

    /// The keys of `Task`'s wire form, in the order `task()` numbers them.
    static let taskKeys: [StaticString] = [
        "taskId", "title", "description", "dueDate", "timeZone", "durationSeconds", "priority", "tags", "status",
        "assignee", "comments", "recurrence", "reminders", "occurrencesDone", "sequence", "createdAt", "updatedAt",
    ]

    mutating func task() -> Task? {
        var id: String?
        var title: String?
        var description: String?
        var dueDate: String?
        var timeZone: String?
        var durationSeconds: Int?
        var priority: Priority?
        var tags: [String]?
        var status: TaskStatus?
        var assignee: String?
        var comments: [Comment]?
        var recurrence: RecurrenceRule?
        var reminders: [Reminder]?
        var occurrencesDone: Int?
        var sequence: Int?
        var createdAt: Date?
        var updatedAt: Date?
        let read = object(known: Self.taskKeys) { s, key in
            switch key {
            case 0:
                id = s.string()
                return id != nil
            case 1:
                title = s.string()
                return title != nil
            case 2:
                description = s.string()
                return description != nil
            case 3:
                dueDate = s.string()
                return dueDate != nil
            case 4:
                timeZone = s.string()
                return timeZone != nil
            case 5:
                durationSeconds = s.integer()
                return durationSeconds != nil
            case 6:
                priority = s.string().flatMap(Priority.init(rawValue:))
                return priority != nil
            case 7:
                tags = s.array { $0.string() }
                return tags != nil
            case 8:
                status = s.string().flatMap(TaskStatus.init(rawValue:))
                return status != nil
            case 9:
                assignee = s.string()
                return assignee != nil
            case 10:
                comments = s.array { $0.comment() }
                return comments != nil
            case 11:
                recurrence = s.string().flatMap { try? RecurrenceRule(rrule: $0) }
                return recurrence != nil
            case 12:
                reminders = s.array { $0.reminder() }
                return reminders != nil
            case 13:
                occurrencesDone = s.integer()
                return occurrencesDone != nil
            case 14:
                sequence = s.integer()
                return sequence != nil
            case 15:
                createdAt = s.date()
                return createdAt != nil
            case 16:
                updatedAt = s.date()
                return updatedAt != nil
            default: return s.skipValue()
            }
        }
        guard read, let id, !id.isEmpty, let title, let status, let sequence, let createdAt else { return nil }
        var due: Due?
        if let dueDate {
            guard let timeZone, TimeZone(identifier: timeZone) != nil,
                let parsed = Due(localString: dueDate, timeZone: timeZone)
            else { return nil }
            due = parsed
        }
        return Task(
            id: TaskID(id), title: title, description: description ?? "", due: due, durationSeconds: durationSeconds,
            priority: priority ?? .none, tags: tags ?? [], status: status, assignee: assignee, comments: comments ?? [],
            recurrence: recurrence, reminders: reminders ?? [], occurrencesDone: occurrencesDone ?? 0,
            sequence: sequence, createdAt: createdAt, updatedAt: updatedAt)
    }

    mutating func comment() -> Comment? {
        var id: String?
        var author: String?
        var text: String?
        var time: Date?
        let read = object(known: ["id", "author", "text", "time"]) { s, key in
            switch key {
            case 0:
                id = s.string()
                return id != nil
            case 1:
                author = s.string()
                return author != nil
            case 2:
                text = s.string()
                return text != nil
            case 3:
                time = s.date()
                return time != nil
            default: return s.skipValue()
            }
        }
        guard read, let id, let author, let text, let time else { return nil }
        return Comment(id: id, author: author, text: text, time: time)
    }

    /// `{"id", "at"}` or `{"id", "minutesBeforeDue"}`; both keys present is left to `JSONDecoder`.
    mutating func reminder() -> Reminder? {
        var id: String?
        var at: LocalDateTime?
        var minutes: Int?
        let read = object(known: ["id", "at", "minutesBeforeDue"]) { s, key in
            switch key {
            case 0:
                id = s.string()
                return id != nil
            case 1:
                at = s.string().flatMap(LocalDateTime.init(iso:))
                return at != nil
            case 2:
                minutes = s.integer()
                return minutes.map { $0 >= 0 } ?? false
            default: return s.skipValue()
            }
        }
        guard read, let id else { return nil }
        switch (at, minutes) {
        case (let at?, nil): return Reminder(id: id, trigger: .absolute(at))
        case (nil, let minutes?): return Reminder(id: id, trigger: .beforeDue(minutes: minutes))
        default: return nil
        }
    }
}
