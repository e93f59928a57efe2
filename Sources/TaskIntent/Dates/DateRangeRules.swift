import TodoCore

/// Ranges of whole days: "march 3-5", "dec 1 to dec 3", "from monday to wednesday", "jan 4 through 8".
///
/// Documented meaning: the due date is the first day and `duration_seconds` covers the days inclusively
/// ("march 3-5" is 3 days, 259200 s), so the end of the range is kept and never lands in the title.
/// A range is an extension of a date another rule read, so it costs one token check when absent.
enum DateRangeRules {
    /// At most this many days, so "monday - 2 weeks of work" or an unrelated later date is not a range.
    static let longestDays = 62

    /// Reads "-5", "to dec 3", "through friday" after a date that ends at `i`; returns (tokens, days).
    static func extend(_ s: Scanner, _ i: Int, from start: LocalDate) -> (Int, Int)? {
        var j = i
        if s.isPunct(j, "-") || s.isPunct(j, "–") || s.isWord(j, ["to", "through", "thru"]) {
            j += 1
        } else {
            return nil
        }
        if s.isWord(j, "the") { j += 1 }
        var end: LocalDate?
        var length = 0
        // "march 3-5", "dec 1 to 3rd": a day of the same month, when no month follows
        if let (d, n) = s.dayOrdinal(j, plain: true),
            s.tok(j)?.kind == .number || n > 1 || s.tok(j)?.lex.ordinal ?? 0 > 0,
            s.month(j + n) == nil, !(s.tok(j + n)?.lex.meridiem != nil), !s.isPunct(j + n, ":"), d > start.day
        {
            end = LocalDate.valid(year: start.year, month: start.month, day: d)
            length = n
        } else if let m = Registry.temporal(s, j, connected: true), case .temporal(let t) = m.piece, let d = t.date,
            t.time == nil
        {
            end = d
            length = m.length
        }
        guard let end, end > start, end.dayNumber - start.dayNumber < longestDays else { return nil }
        return (j - i + length, end.dayNumber - start.dayNumber + 1)
    }
}
