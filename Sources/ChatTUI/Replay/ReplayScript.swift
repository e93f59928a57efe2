import CNcurses

/// A demo or test script: lines typed into the chat, pauses, keys and clock moves.
/// The format is documented in docs/terminal.md; in short:
///
///     # a comment
///     add pay rent every month on the 1st at 9am #home p1     ← typed, then Enter
///     @type show      ← typed, no Enter
///     @key Tab        ← one key: Enter Tab Up Down Left Right PgUp PgDn Home End Escape Backspace F1..F12,
///                        Ctrl-X, Alt-x, or a single character
///     @pause 1.5      ← seconds, divided by --speed
///     @advance 2h     ← moves the fixed clock (s, m, h, d)
///     @resize 80x24   ← columns x rows of the frame
///     \#not a comment ← a backslash keeps a typed line that starts with # or @
struct ReplayScript: Equatable, Sendable {
    enum Step: Equatable, Sendable {
        case type(String, enter: Bool)
        case key(DecodedInput)
        case pause(seconds: Double)
        case advanceClock(seconds: Int)
        case resize(cols: Int, rows: Int)
    }

    struct ParseError: Error, Equatable, CustomStringConvertible {
        let line: Int
        let message: String
        var description: String { "line \(line): \(message)" }
    }

    var steps: [Step]

    init(steps: [Step]) {
        self.steps = steps
    }

    init(parsing text: String) throws(ParseError) {
        var steps: [Step] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingTrailingWhitespace()
            if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") { continue }
            if line.hasPrefix("\\") {
                steps.append(.type(String(line.dropFirst()), enter: true))
            } else if line.hasPrefix("@") {
                steps.append(try Self.directive(line.dropFirst(), line: index + 1))
            } else {
                steps.append(.type(line, enter: true))
            }
        }
        self.steps = steps
    }

    private static func directive(_ text: Substring, line: Int) throws(ParseError) -> Step {
        let name = text.prefix { !$0.isWhitespace }
        let argument = text.dropFirst(name.count).drop { $0.isWhitespace }
        switch name {
        case "type":
            return .type(String(argument), enter: false)
        case "key":
            guard let key = ReplayKeyName.decode(String(argument)) else {
                throw ParseError(line: line, message: "unknown key '\(argument)'")
            }
            return .key(key)
        case "pause":
            guard let seconds = Double(argument), seconds >= 0, seconds < 3600 else {
                throw ParseError(line: line, message: "@pause needs seconds, such as 1.5")
            }
            return .pause(seconds: seconds)
        case "advance":
            guard let seconds = durationSeconds(argument) else {
                throw ParseError(line: line, message: "@advance needs a duration such as 90s, 15m, 2h or 1d")
            }
            return .advanceClock(seconds: seconds)
        case "resize":
            let parts = argument.split(separator: "x")
            guard parts.count == 2, let cols = Int(parts[0]), let rows = Int(parts[1]), cols > 0, rows > 0,
                cols <= 1000, rows <= 1000
            else { throw ParseError(line: line, message: "@resize needs COLSxROWS, such as 80x24") }
            return .resize(cols: cols, rows: rows)
        default:
            throw ParseError(line: line, message: "unknown directive '@\(name)'")
        }
    }

    private static func durationSeconds(_ text: Substring) -> Int? {
        guard let unit = text.last, let amount = Int(text.dropLast()), amount >= 0 else { return nil }
        switch unit {
        case "s": return amount
        case "m": return amount * 60
        case "h": return amount * 3600
        case "d": return amount * 86400
        default: return nil
        }
    }
}

/// Key names of `@key`, decoded into the same inputs the terminal produces.
enum ReplayKeyName {
    static func decode(_ name: String) -> DecodedInput? {
        if let code = named[name.lowercased()] { return code }
        if name.lowercased().hasPrefix("ctrl-"), name.count == 6, let letter = name.last?.asciiValue {
            let upper = letter & ~0x20
            guard upper >= 0x40, upper <= 0x5F else { return nil }
            return .scalar(Unicode.Scalar(upper - 0x40))
        }
        if name.lowercased().hasPrefix("alt-"), name.unicodeScalars.count == 5, let scalar = name.unicodeScalars.last {
            return .alt(scalar)
        }
        if name.lowercased().hasPrefix("f"), let number = Int(name.dropFirst()), (1...12).contains(number) {
            return .keyCode(tc_key_f(Int32(number)))
        }
        if name.unicodeScalars.count == 1, let scalar = name.unicodeScalars.first { return .scalar(scalar) }
        return nil
    }

    private static let named: [String: DecodedInput] = [
        "enter": .scalar("\r"), "tab": .scalar("\t"), "space": .scalar(" "), "escape": .escape, "esc": .escape,
        "backspace": .keyCode(KEY_BACKSPACE), "up": .keyCode(KEY_UP), "down": .keyCode(KEY_DOWN),
        "left": .keyCode(KEY_LEFT), "right": .keyCode(KEY_RIGHT), "pgup": .keyCode(KEY_PPAGE),
        "pgdn": .keyCode(KEY_NPAGE), "home": .keyCode(KEY_HOME), "end": .keyCode(KEY_END),
        "delete": .keyCode(KEY_DC), "btab": .keyCode(KEY_BTAB),
    ]
}

extension Substring {
    fileprivate func trimmingTrailingWhitespace() -> String {
        var end = endIndex
        while end > startIndex, self[index(before: end)].isWhitespace { end = index(before: end) }
        return String(self[startIndex..<end])
    }
}
