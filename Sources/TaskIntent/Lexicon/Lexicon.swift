/// Units a duration or an offset is counted in.
enum TimeUnit: UInt8, Sendable {
    case minute, hour, day, week, month, year, quarter, fortnight, businessDay

    /// Seconds in one unit, for durations ("for 2 hours"); calendar units use their nominal length.
    var seconds: Int {
        switch self {
        case .minute: 60
        case .hour: 3600
        case .day, .businessDay: 86_400
        case .week: 604_800
        case .fortnight: 1_209_600
        case .month: 2_592_000
        case .quarter: 7_776_000
        case .year: 31_536_000
        }
    }
}

/// Parts of the day and their documented default clock times.
enum DayPart: UInt8, Sendable {
    case earlyMorning, morning, lateMorning, noon, lunch, afternoon, lateAfternoon, evening, tonight, night
    case afterWork, beforeWork

    var time: LocalTimeValue {
        switch self {
        case .earlyMorning: .init(7, 0)
        case .morning: .init(9, 0)
        case .lateMorning: .init(11, 0)
        case .noon, .lunch: .init(12, 0)
        case .afternoon: .init(15, 0)
        case .lateAfternoon: .init(17, 0)
        case .evening: .init(19, 0)
        case .tonight: .init(20, 0)
        case .night: .init(21, 0)
        case .afterWork: .init(18, 0)
        case .beforeWork: .init(8, 0)
        }
    }

    /// Whether a bare hour said with this part ("7 in the evening") is after noon.
    var isAfterNoon: Bool {
        switch self {
        case .earlyMorning, .morning, .lateMorning, .beforeWork: false
        default: true
        }
    }
}

/// A clock time as two small integers, so word lists stay plain data.
struct LocalTimeValue: Sendable, Hashable {
    var hour: Int
    var minute: Int
    init(_ hour: Int, _ minute: Int) {
        self.hour = hour
        self.minute = minute
    }
}

/// What the lexicon knows about one lowercase word. Zero means "not this kind". Stored in small
/// integers because every token carries one and rules copy tokens often.
struct LexEntry: Sendable {
    private var monthValue: Int8 = 0
    private var weekdayValue: Int8 = 0
    private var numberValue: Int16 = -1
    private var ordinalValue: Int8 = 0
    private var relativeDayValue: Int8 = .min
    /// "mondays": a weekday said in the plural reads as a repeat.
    var weekdayPlural = false
    var unitPlural = false
    /// The word can start a grammar rule or introduce a date; every other word goes straight to the title.
    var trigger = false
    /// Bits of `Registry.all`: the rules that may start at this word.
    var rules: UInt64 = 0
    var unit: TimeUnit?
    var dayPart: DayPart?
    var named: NamedDate?
    var meridiem: Meridiem?
    /// Word lists of the command grammar, read from the token instead of hashing its text again.
    var classes: WordClass = []

    var month: Int {
        get { Int(monthValue) }
        set { monthValue = Int8(newValue) }
    }
    var weekday: Int {
        get { Int(weekdayValue) }
        set { weekdayValue = Int8(newValue) }
    }
    /// "three", "a", "couple" (a count); -1 when the word is not a number.
    var number: Int {
        get { Int(numberValue) }
        set { numberValue = Int16(newValue) }
    }
    /// "first", "third", "last" (-1).
    var ordinal: Int {
        get { Int(ordinalValue) }
        set { ordinalValue = Int8(newValue) }
    }
    /// today 0, tomorrow 1, yesterday -1, overmorrow 2.
    var relativeDay: Int? {
        get { relativeDayValue == .min ? nil : Int(relativeDayValue) }
        set { relativeDayValue = newValue.map { Int8($0) } ?? .min }
    }

    static let none = LexEntry()
}

enum Meridiem: UInt8, Sendable { case am, pm }

/// Membership of a word in the small word lists outside the date grammar.
struct WordClass: OptionSet, Sendable {
    let rawValue: UInt8
    /// "please", "ok", "just" before a verb (`Verbs.politeness`).
    static let polite = WordClass(rawValue: 1 << 0)
    /// The first word of "can you", "i want to"... (`Verbs.politePairs`).
    static let politeFirst = WordClass(rawValue: 1 << 1)
    /// The first word of some verb phrase (`Verbs.table`).
    static let verbStart = WordClass(rawValue: 1 << 2)
    /// "and", "then" at the edges of a title (`Assembler.fillerAtEdges`).
    static let edgeFiller = WordClass(rawValue: 1 << 3)
    /// "it", "that" (`ReferenceResolver.pronouns`).
    static let pronoun = WordClass(rawValue: 1 << 4)
    /// "monday's", "tomorrow's": a day that qualifies the noun after it ("next monday's meeting").
    static let possessive = WordClass(rawValue: 1 << 5)
    /// A preposition that may introduce a date (`Registry.connectorWords`).
    static let connector = WordClass(rawValue: 1 << 6)
}

/// Named dates and period edges (Taskwarrior's vocabulary and friends), resolved in `NamedDateRules`.
enum NamedDate: UInt8, Sendable {
    case now, sod, eod, sow, eow, soww, eoww, som, eom, soq, eoq, soy, eoy
    case sonw, sonm, sonq, sony
    case later, weekend, weekday
    case easter, goodFriday, easterMonday, ascension, pentecost
    case christmas, christmasEve, newYear, newYearsEve, valentines, halloween, thanksgiving
    case blackFriday, laborDay, memorialDay, mothersDay, fathersDay, independenceDay, mlkDay, presidentsDay
    case boxingDay, stPatricks
}

/// The word lists, as data, and the one dictionary built from them.
enum Lexicon {
    static let months: [(String, Int)] = [
        ("january", 1), ("jan", 1), ("february", 2), ("feb", 2), ("febuary", 2), ("march", 3), ("mar", 3),
        ("april", 4), ("apr", 4), ("may", 5), ("june", 6), ("jun", 6), ("july", 7), ("jul", 7),
        ("august", 8), ("aug", 8), ("september", 9), ("sep", 9), ("sept", 9), ("october", 10),
        ("oct", 10), ("november", 11), ("nov", 11), ("december", 12), ("dec", 12),
    ]

    static let weekdays: [(String, Int)] = [
        ("monday", 1), ("mon", 1), ("tuesday", 2), ("tue", 2), ("tues", 2), ("tu", 2), ("wednesday", 3),
        ("wed", 3), ("weds", 3), ("wensday", 3), ("thursday", 4), ("thu", 4), ("thur", 4), ("thurs", 4),
        ("th", 4), ("friday", 5), ("fri", 5), ("saturday", 6), ("sat", 6), ("sunday", 7), ("sun", 7),
    ]

    static let weekdayPlurals: [(String, Int)] = [
        ("mondays", 1), ("tuesdays", 2), ("wednesdays", 3), ("thursdays", 4), ("fridays", 5),
        ("saturdays", 6), ("sundays", 7),
    ]

    static let numbers: [(String, Int)] = [
        ("zero", 0), ("a", 1), ("an", 1), ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5),
        ("six", 6), ("seven", 7), ("eight", 8), ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12),
        ("thirteen", 13), ("fourteen", 14), ("fifteen", 15), ("sixteen", 16), ("seventeen", 17),
        ("eighteen", 18), ("nineteen", 19), ("twenty", 20), ("thirty", 30), ("forty", 40), ("fifty", 50),
        ("sixty", 60), ("ninety", 90), ("couple", 2), ("few", 3), ("several", 3), ("dozen", 12),
        ("once", 1), ("twice", 2), ("thrice", 3),
    ]

    static let ordinals: [(String, Int)] = [
        ("first", 1), ("second", 2), ("third", 3), ("fourth", 4), ("fifth", 5), ("sixth", 6), ("seventh", 7),
        ("eighth", 8), ("ninth", 9), ("tenth", 10), ("eleventh", 11), ("twelfth", 12), ("thirteenth", 13),
        ("fourteenth", 14), ("fifteenth", 15), ("sixteenth", 16), ("seventeenth", 17), ("eighteenth", 18),
        ("nineteenth", 19), ("twentieth", 20), ("thirtieth", 30), ("last", -1),
    ]

    static let units: [(String, TimeUnit, Bool)] = [
        ("m", .minute, false), ("min", .minute, false), ("mins", .minute, true), ("minute", .minute, false),
        ("minutes", .minute, true), ("mn", .minute, false),
        ("h", .hour, false), ("hr", .hour, false), ("hrs", .hour, true), ("hour", .hour, false),
        ("hours", .hour, true),
        ("d", .day, false), ("day", .day, false), ("days", .day, true),
        ("w", .week, false), ("wk", .week, false), ("wks", .week, true), ("week", .week, false),
        ("weeks", .week, true),
        ("mo", .month, false), ("mos", .month, true), ("month", .month, false), ("months", .month, true),
        ("y", .year, false), ("yr", .year, false), ("yrs", .year, true), ("year", .year, false),
        ("years", .year, true),
        ("q", .quarter, false), ("quarter", .quarter, false), ("quarters", .quarter, true),
        ("fortnight", .fortnight, false), ("fortnights", .fortnight, true),
        ("weekday", .businessDay, false), ("weekdays", .businessDay, true),
    ]

    static let dayParts: [(String, DayPart)] = [
        ("morning", .morning), ("mornings", .morning), ("am", .morning), ("afternoon", .afternoon),
        ("afternoons", .afternoon), ("evening", .evening), ("evenings", .evening), ("eve", .evening),
        ("night", .night), ("nights", .night), ("noon", .noon), ("midday", .noon), ("lunch", .lunch),
        ("lunchtime", .lunch), ("tonight", .tonight), ("tonite", .tonight), ("nite", .night),
    ]

    static let relativeDays: [(String, Int)] = [
        ("today", 0), ("tod", 0), ("tdy", 0), ("tomorrow", 1), ("tmrw", 1), ("tmr", 1), ("tmw", 1),
        ("tomorow", 1), ("tommorow", 1), ("tommorrow", 1), ("tomm", 1), ("tom", 1), ("yesterday", -1),
        ("yday", -1), ("overmorrow", 2),
    ]

    static let namedDates: [(String, NamedDate)] = [
        ("now", .now), ("sod", .sod), ("eod", .eod), ("sow", .sow), ("eow", .eow), ("soww", .soww),
        ("eoww", .eoww), ("som", .som), ("eom", .eom), ("soq", .soq), ("eoq", .eoq), ("soy", .soy),
        ("eoy", .eoy), ("sonw", .sonw), ("sonm", .sonm), ("sonq", .sonq), ("sony", .sony),
        ("later", .later), ("someday", .later), ("sometime", .later), ("weekend", .weekend),
        ("easter", .easter), ("goodfriday", .goodFriday), ("eastermonday", .easterMonday),
        ("ascension", .ascension), ("pentecost", .pentecost), ("christmas", .christmas), ("xmas", .christmas),
        ("halloween", .halloween), ("thanksgiving", .thanksgiving), ("valentines", .valentines),
    ]

    static let meridiems: [(String, Meridiem)] = [
        ("am", .am), ("a", .am), ("pm", .pm), ("p", .pm), ("a.m.", .am), ("p.m.", .pm),
    ]

    /// Every word the grammar treats specially, merged into one table so a token needs one lookup.
    static let table = WordTable(entries)

    static let entries: [String: LexEntry] = {
        var t: [String: LexEntry] = [:]
        func with(_ w: String, _ f: (inout LexEntry) -> Void) {
            var e = t[w] ?? LexEntry()
            f(&e)
            t[w] = e
        }
        for (w, m) in months { with(w) { $0.month = m } }
        for (w, d) in weekdays { with(w) { $0.weekday = d } }
        for (w, d) in weekdayPlurals {
            with(w) {
                $0.weekday = d
                $0.weekdayPlural = true
            }
        }
        for (w, n) in numbers { with(w) { $0.number = n } }
        for (w, n) in ordinals { with(w) { $0.ordinal = n } }
        for (w, u, p) in units {
            with(w) {
                $0.unit = u
                $0.unitPlural = p
            }
        }
        for (w, p) in dayParts { with(w) { $0.dayPart = p } }
        for (w, d) in relativeDays { with(w) { $0.relativeDay = d } }
        // "next monday's meeting", "tomorrow's call" are about that day; "yesterday's notes" are not due then
        for (w, d) in weekdays where w.hasSuffix("day") {
            with(w + "'s") {
                $0.weekday = d
                $0.classes.insert(.possessive)
            }
        }
        for (w, d) in [("today's", 0), ("tomorrow's", 1)] {
            with(w) {
                $0.relativeDay = d
                $0.classes.insert(.possessive)
            }
        }
        for (w, n) in namedDates { with(w) { $0.named = n } }
        for (w, m) in meridiems { with(w) { $0.meridiem = m } }
        // every word a rule can start with, and the prepositions before dates, get an entry
        for r in Registry.all { for w in r.startWords { with(w) { _ in } } }
        for w in Registry.connectorWords { with(w) { $0.classes.insert(.connector) } }
        for w in Verbs.politeness { with(w) { $0.classes.insert(.polite) } }
        for w in Verbs.politeFirstWords { with(w) { $0.classes.insert(.politeFirst) } }
        for p in Verbs.table { with(p.words[0]) { $0.classes.insert(.verbStart) } }
        for w in Assembler.fillerAtEdges { with(w) { $0.classes.insert(.edgeFiller) } }
        for w in ReferenceResolver.pronouns { with(w) { $0.classes.insert(.pronoun) } }
        for (w, e) in t {
            var e = e
            e.rules = Registry.startMask(word: w, entry: e)
            e.trigger = e.rules != 0 || e.classes.contains(.connector)
            t[w] = e
        }
        return t
    }()

    @inline(__always) static func entry(_ word: String) -> LexEntry { table.entry(word) }
}
