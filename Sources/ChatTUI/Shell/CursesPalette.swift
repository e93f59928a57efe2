import CNcurses
import Foundation

/// Colour pairs, allocated on first use. Without colours (`NO_COLOR` set, or a monochrome terminal) every
/// request answers pair 0 and the frame's attributes (bold, reverse, underline) carry the meaning alone.
final class CursesPalette {
    let hasColors: Bool
    private var pairs: [Int32: Int16] = [:]
    private var nextPair: Int16 = 1

    private init(hasColors: Bool) {
        self.hasColors = hasColors
    }

    /// Call once, after `newterm`.
    static func make(environment: [String: String] = ProcessInfo.processInfo.environment) -> CursesPalette {
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        guard !noColor, has_colors() else { return CursesPalette(hasColors: false) }
        start_color()
        use_default_colors()
        return CursesPalette(hasColors: true)
    }

    /// The pair for a foreground and background colour number (-1: the terminal's default).
    func pair(foreground: Int16, background: Int16) -> Int16 {
        guard hasColors, foreground >= 0 || background >= 0 else { return 0 }
        let key = Int32(foreground) << 16 | Int32(UInt16(bitPattern: background))
        if let pair = pairs[key] { return pair }
        guard Int32(nextPair) < tc_color_pairs() else { return 0 }
        let pair = nextPair
        init_pair(
            pair, min(foreground, Int16(clamping: tc_colors() - 1)), min(background, Int16(clamping: tc_colors() - 1)))
        pairs[key] = pair
        nextPair += 1
        return pair
    }
}
