/// Counting cells the way the terminal does (glibc `wcwidth`, one scalar at a time).
public enum DisplayWidth {
    /// -1 for a scalar that is not printable (controls, unassigned), 0 for a combining or
    /// zero-width scalar, 1 or 2 otherwise.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7F { return v >= 0x20 ? 1 : (v == 0 ? 0 : -1) }
        let runs = WidthTable.runs
        var low = 0
        var high = runs.count / 3 - 1
        while low <= high {
            let mid = (low + high) >> 1
            let first = runs[mid * 3]
            if v < first {
                high = mid - 1
            } else if v > runs[mid * 3 + 1] {
                low = mid + 1
            } else {
                return Int(runs[mid * 3 + 2]) - 1
            }
        }
        return 1
    }

    /// Columns a string takes; unprintable scalars count as nothing (the frame drops them).
    public static func of(_ text: some StringProtocol) -> Int {
        text.utf8.withContiguousStorageIfAvailable { of(UTF8Scalars($0)) } ?? of(text.unicodeScalars)
    }

    /// Columns a run of scalars takes (a grapheme's, or a string's).
    static func of(_ scalars: some Sequence<Unicode.Scalar>) -> Int {
        var total = 0
        for scalar in scalars {
            let w = of(scalar)
            if w > 0 { total += w }
        }
        return total
    }

    /// The longest prefix of `text` that fits in `columns`, with "…" in the last column when
    /// something was cut off.
    public static func truncate(_ text: String, to columns: Int) -> String {
        if columns <= 0 { return "" }
        if of(text) <= columns { return text }
        // Where the cut falls, as a count of UTF-8 bytes: the kept prefix is copied in one piece.
        var kept = 0
        var used = 0
        for scalar in text.unicodeScalars {
            let w = max(0, of(scalar))
            if used + w > columns - 1 { break }
            kept += UTF8.width(scalar)
            used += w
        }
        return String(text.utf8.prefix(kept))! + "…"
    }
}
