/// Where each part of the screen goes, as a pure function of the terminal size.
///
/// Wide (≥ 90 columns): conversation left, live pane right, divided by a vertical rule; the input and
/// preview rows under the conversation; the status bar across the bottom. Narrower: the live pane on
/// top, a horizontal rule, the conversation, the input and preview rows, the status bar. Below 40×12
/// nothing fits and the screen says so.
public struct ScreenLayout: Hashable, Sendable {
    public enum Arrangement: Hashable, Sendable {
        case split
        case stacked
        case tooSmall
    }

    public static let minimum = Size(columns: 40, rows: 12)
    public static let splitColumns = 90

    public var arrangement: Arrangement
    public var conversation = Rect.zero
    public var input = Rect.zero
    public var preview = Rect.zero
    /// The task list, its title row included.
    public var tasks = Rect.zero
    /// The feed of task-updates, its title row included; empty when there is no room.
    public var feed = Rect.zero
    public var divider = Rect.zero
    public var status = Rect.zero

    public init(size: Size) {
        let screen = Rect(x: 0, y: 0, width: size.columns, height: size.rows)
        guard size.columns >= ScreenLayout.minimum.columns, size.rows >= ScreenLayout.minimum.rows else {
            arrangement = .tooSmall
            return
        }
        let (body, status) = screen.splitBottom(1)
        self.status = status
        if size.columns >= ScreenLayout.splitColumns {
            arrangement = .split
            let liveWidth = min(64, max(36, size.columns * 2 / 5))
            let (left, rest) = body.splitLeft(size.columns - liveWidth - 1)
            let (divider, live) = rest.splitLeft(1)
            self.divider = divider
            let (chat, bottom) = left.splitBottom(2)
            conversation = chat
            (input, preview) = bottom.splitTop(1)
            let feedHeight = live.height >= 16 ? live.height / 3 : 0
            (tasks, feed) = live.splitBottom(feedHeight)
        } else {
            arrangement = .stacked
            let (upper, bottom) = body.splitBottom(2)
            (input, preview) = bottom.splitTop(1)
            let liveHeight = max(3, upper.height * 2 / 5)
            let (live, rest) = upper.splitTop(liveHeight)
            let feedHeight = live.height >= 9 ? live.height / 3 : 0
            (tasks, feed) = live.splitBottom(feedHeight)
            (divider, conversation) = rest.splitTop(1)
        }
    }
}
