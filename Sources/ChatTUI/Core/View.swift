import Foundation
import TodoCore

/// The whole screen for a model. Pure: the same model gives the same frame. The conversation, task
/// list and feed are rendered once per change and reused (see `RenderCache`), so a keystroke costs
/// the input line, the preview and the status bar.
public func view(_ model: Model) -> Frame {
    let layout = ScreenLayout(size: model.size)
    if layout.arrangement == .tooSmall {
        var frame = Frame(width: model.size.columns, height: model.size.rows)
        drawTooSmall(model.size, into: &frame)
        return frame
    }
    let theme = model.theme
    var frame = panes(model, layout: layout)
    let cursor = InputView.draw(model, in: layout.input, into: &frame)
    PreviewView.draw(model, in: layout.preview, into: &frame)
    if model.helpVisible {
        HelpView.draw(
            theme: theme, in: Rect(x: 0, y: 0, width: model.size.columns, height: model.size.rows - 1), into: &frame)
    } else if model.focus == .input || model.search != nil {
        frame.cursor = cursor
    }
    return frame
}

/// Everything but the input and preview rows, composed once per change of what it shows: a keystroke
/// re-uses it, and the frame it makes shares every row but those two with the frame before.
private func panes(_ model: Model, layout: ScreenLayout) -> Frame {
    let minute = (model.now.timeIntervalSinceReferenceDate / 60).rounded(.down)
    let key = PaneKey(
        width: model.size.columns, height: model.size.rows, color: model.colors == .color, scroll: model.scroll,
        selected: model.selected, focused: model.focus == .tasks, minute: minute, bus: model.bus,
        waitingForProcessor: model.tasksWaitingForProcessor)
    let stamps = [model.transcript.stamp, model.board.stamp, model.feed.stamp]
    if let frame = model.cache.screenMemo.cached(stamps: stamps, key: key) { return frame }
    var frame = Frame(width: model.size.columns, height: model.size.rows)
    frame.blitFrame(TranscriptView.render(model, size: layout.conversation), at: layout.conversation)
    frame.blitFrame(TaskListView.render(model, size: layout.tasks), at: layout.tasks)
    if !layout.feed.isEmpty { frame.blitFrame(FeedView.render(model, size: layout.feed), at: layout.feed) }
    drawDivider(layout, theme: model.theme, into: &frame)
    StatusBarView.draw(model, in: layout.status, into: &frame)
    return model.cache.screenMemo.store(frame, stamps: stamps, key: key)
}

private func drawTooSmall(_ size: Size, into frame: inout Frame) {
    let lines = [
        "Terminal too small",
        "need \(ScreenLayout.minimum.columns)×\(ScreenLayout.minimum.rows), have \(size.columns)×\(size.rows)",
    ]
    let top = max(0, (size.rows - lines.count) / 2)
    for (i, line) in lines.enumerated() {
        let text = DisplayWidth.truncate(line, to: size.columns)
        frame.put(text, x: max(0, (size.columns - DisplayWidth.of(text)) / 2), y: top + i, style: .plain)
    }
}

private func drawDivider(_ layout: ScreenLayout, theme: Theme, into frame: inout Frame) {
    let rect = layout.divider
    if layout.arrangement == .split {
        for y in rect.y..<rect.maxY { frame.put("│", x: rect.x, y: y, style: theme.border) }
    } else {
        frame.put(String(repeating: "─", count: rect.width), x: rect.x, y: rect.y, style: theme.border)
        frame.put(" Chat ", x: rect.x + 2, y: rect.y, style: theme.paneTitle)
    }
}

extension Frame {
    /// Copies a pane rendered on its own (a cached frame) into `rect`.
    mutating func blitFrame(_ pane: Frame, at rect: Rect) {
        for y in 0..<min(pane.height, rect.height) {
            blit(pane.cells(ofRow: y).prefix(rect.width), x: rect.x, y: rect.y + y)
        }
    }
}

/// The conversation pane, newest line at the bottom, scrolled up by `model.scroll` rows.
enum TranscriptView {
    static let gutter = 8

    static func render(_ model: Model, size rect: Rect) -> Frame {
        let key = PaneKey(width: rect.width, height: rect.height, color: model.colors == .color, scroll: model.scroll)
        return model.cache.transcriptMemo.value(stamps: [model.transcript.stamp], key: key) {
            draw(model.transcript, width: rect.width, height: rect.height, scroll: model.scroll, theme: model.theme)
        }
    }

    struct Row {
        var entry: Transcript.Entry
        var text: Substring
        var first: Bool
    }

    static func draw(_ transcript: Transcript, width: Int, height: Int, scroll: Int, theme: Theme) -> Frame {
        var frame = Frame(width: width, height: height)
        guard width > gutter, height > 0 else { return frame }
        let needed = height + scroll
        var rows: [Row] = []
        var i = transcript.entries.count - 1
        while i >= 0, rows.count < needed {
            let entry = transcript.entries[i]
            if entry.kind == .daySeparator {
                rows.append(Row(entry: entry, text: entry.text[...], first: true))
            } else {
                let lines = TextWrap.wrap(entry.text, width: width - gutter)
                for (n, line) in lines.enumerated().reversed() {
                    rows.append(Row(entry: entry, text: line, first: n == 0))
                }
            }
            i -= 1
        }
        let hiddenBelow = min(scroll, max(0, rows.count - height))
        let visible = rows.dropFirst(hiddenBelow).prefix(height)
        var y = height - 1
        for row in visible {
            draw(row, y: y, width: width, theme: theme, into: &frame)
            y -= 1
        }
        if hiddenBelow > 0 {
            let note = " ↓ \(hiddenBelow) more "
            frame.put(note, x: max(0, width - DisplayWidth.of(note)), y: height - 1, style: theme.selected)
        }
        return frame
    }

    private static func draw(_ row: Row, y: Int, width: Int, theme: Theme, into frame: inout Frame) {
        let entry = row.entry
        switch entry.kind {
        case .daySeparator:
            let label = "── \(entry.text) "
            let x = frame.put(label, x: 0, y: y, style: theme.daySeparator)
            frame.put(String(repeating: "─", count: max(0, width - x)), x: x, y: y, style: theme.daySeparator)
            return
        default:
            break
        }
        if row.first {
            frame.put(entry.time, x: 0, y: y, style: theme.timestamp)
            let marker: String
            switch entry.kind {
            case .user: marker = "›"
            case .error: marker = "✗"
            case .notice: marker = "✓"
            case .reminder: marker = "⏰"
            case .reply, .daySeparator: marker = ""
            }
            frame.put(marker, x: 6, y: y, style: style(entry.kind, theme))
        }
        frame.put(row.text, x: gutter, y: y, style: style(entry.kind, theme))
    }

    private static func style(_ kind: Transcript.Kind, _ theme: Theme) -> Style {
        switch kind {
        case .user: theme.userLine
        case .reply: theme.reply
        case .notice: theme.notice
        case .error: theme.error
        case .reminder: theme.reminder
        case .daySeparator: theme.daySeparator
        }
    }
}
