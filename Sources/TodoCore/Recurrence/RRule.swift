/// RRULE text: rendering and parsing of the subset `RecurrenceRule` models.
///
/// Rendering is canonical, so one rule always prints as one string (the parser CLI and the tests compare these):
/// parts in the order FREQ;INTERVAL;BYMONTH;BYMONTHDAY;BYDAY;BYHOUR;BYMINUTE;COUNT;UNTIL, INTERVAL only when it
/// is above 1, empty lists left out, numbers ascending (BYMONTHDAY: positive days, then counted-from-the-end
/// ones, -1 first), BYDAY Monday to Sunday. `FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0` is "every Monday at 9am".
extension RecurrenceRule: CustomStringConvertible {
    public var description: String { rrule }

    public var rrule: String {
        let canonical = normalized()
        var parts = ["FREQ=" + canonical.frequency.rawValue]
        if canonical.interval > 1 { parts.append("INTERVAL=\(canonical.interval)") }
        func list(_ name: String, _ values: [String]) {
            if !values.isEmpty { parts.append(name + "=" + values.joined(separator: ",")) }
        }
        list("BYMONTH", canonical.byMonth.map(String.init))
        list("BYMONTHDAY", canonical.byMonthDay.map(String.init))
        list("BYDAY", canonical.byDay.map(\.rrule))
        list("BYHOUR", canonical.byHour.map(String.init))
        list("BYMINUTE", canonical.byMinute.map(String.init))
        if let count = canonical.count { parts.append("COUNT=\(count)") }
        if let until = canonical.until { parts.append("UNTIL=" + until.rrule) }
        return parts.joined(separator: ";")
    }

    /// The same rule with its lists deduplicated and in canonical order.
    public func normalized() -> RecurrenceRule {
        var rule = self
        rule.byMonth = Self.canonical(byMonth, by: <)
        rule.byMonthDay = Self.canonical(byMonthDay, by: Self.monthDayOrder)
        rule.byDay = Self.canonical(byDay, by: Self.weekdayOrder)
        rule.byHour = Self.canonical(byHour, by: <)
        rule.byMinute = Self.canonical(byMinute, by: <)
        return rule
    }

    /// Sorted without repeats; the common already-canonical list is returned as it is (rendering is on the
    /// parser's per-keystroke path).
    private static func canonical<T: Equatable>(_ values: [T], by less: (T, T) -> Bool) -> [T] {
        if zip(values, values.dropFirst()).allSatisfy({ less($0, $1) }) { return values }
        var result: [T] = []
        for value in values.sorted(by: less) where result.last != value { result.append(value) }
        return result
    }

    private static func monthDayOrder(_ a: Int, _ b: Int) -> Bool {
        if (a < 0) != (b < 0) { return b < 0 }
        return abs(a) < abs(b)
    }

    private static func weekdayOrder(_ a: WeekdayNum, _ b: WeekdayNum) -> Bool {
        if a.weekday != b.weekday { return a.weekday < b.weekday }
        return (a.ordinal ?? 0) < (b.ordinal ?? 0)
    }

    /// Parses an RRULE value (an `RRULE:` prefix is allowed; names are case-insensitive, parts in any order).
    /// `WKST=MO` is accepted as the default it is; other parts outside the subset are rejected, not ignored, so a
    /// rule never silently means less than it says.
    public init(rrule text: String) throws(RRuleError) {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        if body.uppercased().hasPrefix("RRULE:") { body = body.dropFirst(6) }
        var seen = Set<String>()
        var frequency: Frequency?
        var rule = RecurrenceRule(frequency: .daily)
        for part in body.split(separator: ";", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pieces.count == 2, !pieces[1].isEmpty else { throw .malformed(String(part)) }
            let name = pieces[0].uppercased()
            let value = pieces[1].uppercased()
            guard seen.insert(name).inserted else { throw .duplicatePart(name) }
            switch name {
            case "FREQ":
                guard let f = Frequency(rawValue: value) else { throw .unsupported(String(part)) }
                frequency = f
            case "INTERVAL": rule.interval = try Self.number(value, name, 1...9999)
            case "BYMONTH": rule.byMonth = try Self.numbers(value, name, 1...12)
            case "BYMONTHDAY": rule.byMonthDay = try Self.numbers(value, name, -31...31, allowZero: false)
            case "BYHOUR": rule.byHour = try Self.numbers(value, name, 0...23)
            case "BYMINUTE": rule.byMinute = try Self.numbers(value, name, 0...59)
            case "COUNT": rule.count = try Self.number(value, name, 1...100_000)
            case "BYDAY":
                rule.byDay = []
                for piece in value.split(separator: ",", omittingEmptySubsequences: false) {
                    guard let day = WeekdayNum(rrule: piece) else { throw .invalidValue(name, String(piece)) }
                    rule.byDay.append(day)
                }
            case "UNTIL":
                guard let until = Until(rrule: value) else { throw .invalidValue(name, value) }
                rule.until = until
            case "WKST":
                guard value == "MO" else { throw .unsupported(String(part)) }
            default: throw .unsupported(String(part))
            }
        }
        guard let frequency else { throw .missingFrequency }
        if rule.count != nil, rule.until != nil { throw .countAndUntil }
        rule.frequency = frequency
        self = rule.normalized()
    }

    private static func number(_ text: String, _ name: String, _ range: ClosedRange<Int>) throws(RRuleError) -> Int {
        guard let n = Int(text), range.contains(n) else { throw .invalidValue(name, text) }
        return n
    }

    private static func numbers(
        _ text: String, _ name: String, _ range: ClosedRange<Int>, allowZero: Bool = true
    ) throws(RRuleError) -> [Int] {
        var values: [Int] = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            let n = try number(String(piece), name, range)
            if n == 0, !allowZero { throw .invalidValue(name, text) }
            values.append(n)
        }
        return values
    }
}

/// Why an RRULE string was refused; `description` is a sentence for people.
public enum RRuleError: Error, Hashable, Sendable, CustomStringConvertible {
    case malformed(String)
    case duplicatePart(String)
    case missingFrequency
    case unsupported(String)
    case invalidValue(String, String)
    case countAndUntil

    public var description: String {
        switch self {
        case .malformed(let part): "'\(part)' is not NAME=VALUE"
        case .duplicatePart(let name): "\(name) appears twice"
        case .missingFrequency: "FREQ is missing"
        case .unsupported(let part): "'\(part)' is not supported"
        case .invalidValue(let name, let value): "'\(value)' is not a valid \(name)"
        case .countAndUntil: "COUNT and UNTIL cannot both be given"
        }
    }
}

extension RecurrenceRule.WeekdayNum {
    static let codes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    /// `MO`, `1MO`, `-1FR`, `+2TU`.
    public var rrule: String { (ordinal.map(String.init) ?? "") + Self.codes[weekday - 1] }

    public init?(rrule text: some StringProtocol) {
        let upper = text.uppercased()
        guard upper.count >= 2, let index = Self.codes.firstIndex(of: String(upper.suffix(2))) else { return nil }
        let prefix = upper.dropLast(2)
        var ordinal: Int?
        if !prefix.isEmpty {
            guard let n = Int(prefix), n != 0, (-53...53).contains(n), prefix.last?.isNumber == true else { return nil }
            ordinal = n
        }
        self.init(index + 1, ordinal: ordinal)
    }
}

extension RecurrenceRule.Until {
    /// `YYYYMMDD`, `YYYYMMDDTHHMMSS` or `YYYYMMDDTHHMMSSZ` (seconds are always 00: times are to the minute).
    public var rrule: String {
        func compact(_ date: LocalDate) -> String { date.description.replacingOccurrences(of: "-", with: "") }
        func compact(_ time: LocalTime) -> String { time.description.replacingOccurrences(of: ":", with: "") + "00" }
        switch self {
        case .date(let date): return compact(date)
        case .dateTime(let dt): return compact(dt.date) + "T" + compact(dt.time)
        case .utc(let dt): return compact(dt.date) + "T" + compact(dt.time) + "Z"
        }
    }

    public init?(rrule text: some StringProtocol) {
        let chars = Array(text.uppercased())
        func int(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= chars.count, chars[range].allSatisfy(\.isASCII) else { return nil }
            return Int(String(chars[range]))
        }
        guard chars.count >= 8, let y = int(0..<4), let m = int(4..<6), let d = int(6..<8),
            let date = LocalDate.valid(year: y, month: m, day: d)
        else { return nil }
        if chars.count == 8 {
            self = .date(date)
            return
        }
        guard chars.count == 15 || (chars.count == 16 && chars[15] == "Z"), chars[8] == "T",
            let h = int(9..<11), let min = int(11..<13), let s = int(13..<15), (0...59).contains(s),
            let time = LocalTime.valid(hour: h, minute: min)
        else { return nil }
        let dateTime = LocalDateTime(date: date, time: time)
        self = chars.count == 16 ? .utc(dateTime) : .dateTime(dateTime)
    }
}

/// On the wire a rule is its RRULE string (`"recurrence": "FREQ=MONTHLY;BYMONTHDAY=1"`).
extension RecurrenceRule: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try RecurrenceRule(rrule: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "recurrence: \(error)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rrule)
    }
}
