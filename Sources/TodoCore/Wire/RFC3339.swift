import Foundation

/// RFC 3339 timestamps, written in UTC (`2026-11-25T09:00:00Z`, with milliseconds when there are any) and read
/// with any offset. Plain arithmetic, no formatter: it is on the path of every event.
public enum RFC3339 {
    public static func string(from date: Date) -> String {
        let totalMillis = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let millis = Int(((totalMillis % 1000) + 1000) % 1000)
        let seconds = Int((totalMillis - Int64(millis)) / 1000)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        var text = LocalDate(dayNumber: days).description + "T" + pad(rest / 3600) + ":" + pad(rest / 60 % 60)
        text += ":" + pad(rest % 60)
        if millis != 0 {
            text += "." + String(String(millis + 1000).dropFirst())
        }
        return text + "Z"
    }

    public static func date(from text: String) -> Date? {
        let chars = Array(text.utf8)
        guard chars.count >= 20 else { return nil }
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= chars.count else { return nil }
            var value = 0
            for c in chars[range] {
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            return value
        }
        guard let y = digits(0..<4), chars[4] == 45, let mo = digits(5..<7), chars[7] == 45, let d = digits(8..<10),
            chars[10] == 84 || chars[10] == 116 || chars[10] == 32, let h = digits(11..<13), chars[13] == 58,
            let mi = digits(14..<16), chars[16] == 58, let s = digits(17..<19),
            let date = LocalDate.valid(year: y, month: mo, day: d), h < 24, mi < 60, s < 61
        else { return nil }
        var index = 19
        var fraction = 0.0
        if chars[index] == 46 {
            var scale = 0.1
            index += 1
            let start = index
            while index < chars.count, chars[index] >= 48, chars[index] <= 57 {
                fraction += Double(chars[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < chars.count else { return nil }
        var offset = 0
        switch chars[index] {
        case 90, 122:  // Z z
            guard index + 1 == chars.count else { return nil }
        case 43, 45:  // + -
            guard index + 6 == chars.count, chars[index + 3] == 58, let oh = digits(index + 1..<index + 3),
                let om = digits(index + 4..<index + 6), oh < 24, om < 60
            else { return nil }
            offset = (oh * 60 + om) * 60 * (chars[index] == 45 ? -1 : 1)
        default: return nil
        }
        let seconds = date.dayNumber * 86_400 + h * 3600 + mi * 60 + s - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }
}
