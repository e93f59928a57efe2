/// What a colour means, not which colour it is: the shell maps roles onto the terminal's palette,
/// and under `NO_COLOR` or on a monochrome terminal the theme maps them onto attributes instead.
public enum ColorRole: UInt8, Hashable, Sendable, CaseIterable {
    case `default`
    case accent
    case muted
    case alert
    case warning
    case success
    case info
    case tag
}

/// Text attributes every terminal with `terminfo` can show.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let reverse = TextAttributes(rawValue: 1 << 2)
    public static let underline = TextAttributes(rawValue: 1 << 3)
}

/// How one cell looks: foreground and background roles plus attributes.
public struct Style: Hashable, Sendable {
    public var foreground: ColorRole
    public var background: ColorRole
    public var attributes: TextAttributes

    public init(
        foreground: ColorRole = .default, background: ColorRole = .default, attributes: TextAttributes = []
    ) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = Style()
}
