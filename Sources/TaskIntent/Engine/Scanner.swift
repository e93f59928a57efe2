import TodoCore

/// Read access to the tokens and the reference moment, with the small look-ups every rule shares.
///
/// Every look at a token goes through here and is noted in `highestRead`: what the rules found over tokens the
/// next line still has, having read none past them, the next parse can keep (`Engine.scan`).
struct Scanner: @unchecked Sendable {
    private let tokens: [Token]
    let today: LocalDate
    let now: LocalTime
    let zone: String
    /// The highest token index read since `startReading`; owned by the parse, which outlives the scanner.
    private let highestRead: UnsafeMutablePointer<Int>

    init(tokens: [Token], today: LocalDate, now: LocalTime, zone: String, highestRead: UnsafeMutablePointer<Int>) {
        self.tokens = tokens
        self.today = today
        self.now = now
        self.zone = zone
        self.highestRead = highestRead
        highestRead.pointee = -1
    }

    @inline(__always) private func read(_ i: Int) { if i > highestRead.pointee { highestRead.pointee = i } }

    /// Starts noting reads afresh, from token `i`.
    func startReading(at i: Int) { highestRead.pointee = i }
    /// The highest token index read since `startReading` (the token count when the count itself was read).
    var highestIndexRead: Int { highestRead.pointee }

    /// The number of tokens: a rule that asks depends on the whole line.
    var count: Int {
        read(tokens.count)
        return tokens.count
    }

    /// Whether there is a token at `i` (a read of `i`: the answer changes when the line grows).
    @inline(__always) func has(_ i: Int) -> Bool {
        read(i)
        return i >= 0 && i < tokens.count
    }

    @inline(__always) subscript(i: Int) -> Token {
        read(i)
        return tokens[i]
    }

    @inline(__always) func tok(_ i: Int) -> Token? { has(i) ? tokens[i] : nil }
    @inline(__always) func word(_ i: Int) -> String? {
        guard has(i), tokens[i].kind == .word else { return nil }
        return tokens[i].text
    }
    @inline(__always) func isWord(_ i: Int, _ w: String) -> Bool {
        has(i) && tokens[i].kind == .word && tokens[i].text == w
    }
    /// `ws` is a literal list; a linear scan of a few short strings beats building a Set per call.
    @inline(__always) func isWord(_ i: Int, _ ws: [String]) -> Bool {
        guard has(i), tokens[i].kind == .word else { return false }
        let t = tokens[i].text
        for w in ws where w == t { return true }
        return false
    }
    /// A word in one of the lexicon's word lists (`WordClass`).
    @inline(__always) func isWord(_ i: Int, in wordClass: WordClass) -> Bool {
        has(i) && tokens[i].kind == .word && tokens[i].lex.classes.contains(wordClass)
    }
    @inline(__always) func isPunct(_ i: Int, _ p: String) -> Bool {
        has(i) && tokens[i].kind == .punct && tokens[i].text == p
    }
    @inline(__always) func glued(_ i: Int) -> Bool { has(i) && tokens[i].glued }

    // The look-ups below read token fields in place: `tok` copies the token, and a copy costs a retain and a release.

    /// A count written as digits or words: "3", "three", "a", "twenty five", "twenty-five". Returns (value, tokens).
    func count(_ i: Int, allowArticle: Bool = true) -> (Int, Int)? {
        guard has(i) else { return nil }
        if tokens[i].kind == .number {
            if tokens[i].digits > 6 { return nil }
            return (tokens[i].number, 1)
        }
        let number = tokens[i].lex.number
        guard tokens[i].kind == .word, number >= 0 else { return nil }
        let text = tokens[i].text
        if text == "a", isWord(i + 1, ["couple", "few", "dozen"]), let (n, len) = count(i + 1) {
            return (n, len + 1)
        }
        if !allowArticle, text == "a" || text == "an" { return nil }
        if text == "couple" || text == "few" || text == "several" || text == "dozen" {
            let n = isWord(i + 1, "of") ? 2 : 1
            return (number, n)
        }
        if number >= 20, number % 10 == 0 {
            var j = i + 1
            if isPunct(j, "-"), glued(j) { j += 1 }
            if has(j), tokens[j].kind == .word, (1...9).contains(tokens[j].lex.number), tokens[j].text != "a",
                tokens[j].text != "an"
            {
                return (number + tokens[j].lex.number, j - i + 1)
            }
        }
        return (number, 1)
    }

    /// A day of the month as an ordinal: "3rd", "3", "third", "twenty-third", "23rd". `plain` allows a bare number.
    func dayOrdinal(_ i: Int, plain: Bool) -> (Int, Int)? {
        guard has(i) else { return nil }
        if tokens[i].kind == .number {
            let number = tokens[i].number
            guard tokens[i].digits <= 2, (1...31).contains(number) else { return nil }
            if has(i + 1), tokens[i + 1].glued, tokens[i + 1].kind == .word,
                ["st", "nd", "rd", "th"].contains(tokens[i + 1].text)
            {
                return (number, 2)
            }
            return plain ? (number, 1) : nil
        }
        guard tokens[i].kind == .word else { return nil }
        if tokens[i].lex.ordinal > 0 { return (tokens[i].lex.ordinal, 1) }
        let text = tokens[i].text
        if text == "twenty" || text == "thirty" {
            var j = i + 1
            if isPunct(j, "-"), glued(j) { j += 1 }
            if has(j), tokens[j].kind == .word, (1...9).contains(tokens[j].lex.ordinal) {
                let v = (text == "twenty" ? 20 : 30) + tokens[j].lex.ordinal
                return v <= 31 ? (v, j - i + 1) : nil
            }
        }
        return nil
    }

    /// A month name, with an optional trailing period ("Dec."). Returns (month, tokens).
    func month(_ i: Int) -> (Int, Int)? {
        guard has(i), tokens[i].kind == .word, tokens[i].lex.month > 0 else { return nil }
        return (tokens[i].lex.month, isPunct(i + 1, ".") && glued(i + 1) ? 2 : 1)
    }

    /// A weekday name, with an optional trailing period or comma.
    func weekday(_ i: Int) -> (Int, Int)? {
        guard has(i), tokens[i].kind == .word, tokens[i].lex.weekday > 0, !tokens[i].lex.weekdayPlural else {
            return nil
        }
        // Two-letter forms only where nothing else is meant.
        if tokens[i].text == "tu" || tokens[i].text == "th" { return nil }
        return (tokens[i].lex.weekday, (isPunct(i + 1, ".") || isPunct(i + 1, ",")) && glued(i + 1) ? 2 : 1)
    }

    /// A year: four digits (1900...2199), or an apostrophe and two digits ('27).
    func year(_ i: Int) -> (Int, Int)? {
        guard has(i) else { return nil }
        if tokens[i].kind == .number, tokens[i].digits == 4, (1900...2199).contains(tokens[i].number) {
            return (tokens[i].number, 1)
        }
        if tokens[i].kind == .punct, tokens[i].text == "'", has(i + 1), tokens[i + 1].kind == .number,
            tokens[i + 1].glued, tokens[i + 1].digits == 2
        {
            return (2000 + tokens[i + 1].number, 2)
        }
        return nil
    }

    /// Skips an optional comma; returns the next index.
    @inline(__always) func skipComma(_ i: Int) -> Int { isPunct(i, ",") ? i + 1 : i }

    /// Moves a year-less month/day to its next occurrence on or after today.
    func upcoming(month: Int, day: Int) -> LocalDate? {
        for y in today.year...(today.year + 8) {
            if let d = LocalDate.valid(year: y, month: month, day: day), d >= today { return d }
        }
        return nil
    }

    /// The next date on or after today whose day of the month is `day` (skipping short months).
    func upcoming(dayOfMonth day: Int) -> LocalDate? {
        var m = LocalDate(year: today.year, month: today.month, day: 1)
        for _ in 0..<14 {
            if let d = LocalDate.valid(year: m.year, month: m.month, day: day), d >= today { return d }
            m = m.adding(months: 1)
        }
        return nil
    }

    /// Days to the next `weekday` strictly after today (1...7).
    func daysUntil(weekday: Int, includingToday: Bool = false) -> Int {
        let diff = (weekday - today.isoWeekday + 7) % 7
        return diff == 0 && !includingToday ? 7 : diff
    }

    /// The Monday of the week `weeks` from now (0 = this week).
    func mondayOfWeek(_ weeks: Int) -> LocalDate { today.adding(days: -(today.isoWeekday - 1) + weeks * 7) }
}
