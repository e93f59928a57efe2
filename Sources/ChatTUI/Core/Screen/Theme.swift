/// Colour or not: `NO_COLOR` and terminals without colours get `.monochrome`.
public enum ColorMode: Hashable, Sendable {
    case color
    case monochrome
}

/// The style of each part of the screen. The monochrome theme uses no colour roles at all: every
/// distinction is carried by bold, dim, reverse and underline, so nothing depends on colour.
public struct Theme: Hashable, Sendable {
    public var plain = Style.plain
    public var timestamp: Style
    public var userLine: Style
    public var reply: Style
    public var notice: Style
    public var error: Style
    public var reminder: Style
    public var daySeparator: Style
    public var border: Style
    public var paneTitle: Style
    public var groupTitle: Style
    public var overdue: Style
    public var done: Style
    public var selected: Style
    public var selectedUnfocused: Style
    public var muted: Style
    public var tag: Style
    public var priorityUrgent: Style
    public var priorityHigh: Style
    public var syncPending: Style
    public var syncFailed: Style
    public var statusBar: Style
    public var statusAlert: Style
    public var prompt: Style
    public var preview: Style
    public var span: Style
    public var spanDate: Style
    public var help: Style

    public static let color = Theme(
        timestamp: Style(foreground: .muted), userLine: Style(attributes: .bold), reply: .plain,
        notice: Style(foreground: .info), error: Style(foreground: .alert),
        reminder: Style(foreground: .warning, attributes: .bold), daySeparator: Style(foreground: .muted),
        border: Style(foreground: .muted), paneTitle: Style(foreground: .accent, attributes: .bold),
        groupTitle: Style(foreground: .accent), overdue: Style(foreground: .alert),
        done: Style(foreground: .muted, attributes: .dim),
        selected: Style(attributes: .reverse), selectedUnfocused: Style(attributes: .underline),
        muted: Style(foreground: .muted), tag: Style(foreground: .tag),
        priorityUrgent: Style(foreground: .alert, attributes: .bold), priorityHigh: Style(foreground: .warning),
        syncPending: Style(foreground: .warning), syncFailed: Style(foreground: .alert, attributes: .bold),
        statusBar: Style(foreground: .default, background: .info),
        statusAlert: Style(
            foreground: .alert, background: .info, attributes: .bold),
        prompt: Style(foreground: .accent, attributes: .bold), preview: Style(foreground: .muted),
        span: Style(foreground: .accent, attributes: .underline),
        spanDate: Style(foreground: .success, attributes: .underline),
        help: Style(foreground: .default, background: .default)
    )

    public static let monochrome = Theme(
        timestamp: Style(attributes: .dim), userLine: Style(attributes: .bold), reply: .plain, notice: .plain,
        error: Style(attributes: .bold), reminder: Style(attributes: [.bold, .underline]),
        daySeparator: Style(attributes: .dim), border: .plain, paneTitle: Style(attributes: .bold),
        groupTitle: Style(attributes: .underline), overdue: Style(attributes: .bold),
        done: Style(attributes: .dim), selected: Style(attributes: .reverse),
        selectedUnfocused: Style(attributes: .underline), muted: Style(attributes: .dim), tag: .plain,
        priorityUrgent: Style(attributes: .bold), priorityHigh: Style(attributes: .bold),
        syncPending: .plain, syncFailed: Style(attributes: .bold), statusBar: Style(attributes: .reverse),
        statusAlert: Style(attributes: [.reverse, .bold]), prompt: Style(attributes: .bold),
        preview: Style(attributes: .dim),
        span: Style(attributes: .underline), spanDate: Style(attributes: .underline), help: .plain
    )

    public static func forMode(_ mode: ColorMode) -> Theme { mode == .color ? .color : .monochrome }
}
