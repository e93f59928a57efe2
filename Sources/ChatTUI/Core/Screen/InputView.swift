import Foundation
import TodoCore

/// The input line: a prompt, the text with the recognised parts highlighted, scrolled sideways so the
/// cursor is always visible. During Ctrl-R it shows the search instead.
enum InputView {
    static let prompt = "› "

    /// Draws the row and returns where the cursor goes.
    static func draw(_ model: Model, in rect: Rect, into frame: inout Frame) -> Position {
        let theme = model.theme
        if let search = model.search {
            let match = search.match.map { model.history.entries[$0] } ?? ""
            let label = "search “\(search.query)”: "
            let x = frame.put(label, x: rect.x, y: rect.y, style: theme.prompt, limit: rect.maxX)
            frame.put(match, x: x, y: rect.y, style: theme.plain, limit: rect.maxX)
            return Position(x: min(rect.maxX - 1, rect.x + DisplayWidth.of(label) - 3), y: rect.y)
        }
        let start = frame.put(prompt, x: rect.x, y: rect.y, style: theme.prompt, limit: rect.maxX)
        let characters = model.input.characters
        let text = model.input.text
        // As many bytes as graphemes: every one is a single ASCII byte, one column wide (the typed line
        // is sanitised: no controls). Then runs of the line are put as slices of its text, not grapheme by
        // grapheme.
        let ascii = text.utf8.count == characters.count
        let widths = ascii ? [] : characters.map { max(0, DisplayWidth.of($0.unicodeScalars)) }
        let width = { (i: Int) in ascii ? 1 : widths[i] }
        let available = rect.maxX - start - 1
        // Scroll so that the cursor column stays inside the row.
        var first = 0
        var cursorColumn = ascii ? model.input.cursor : widths[..<model.input.cursor].reduce(0, +)
        while cursorColumn > available, first < characters.count {
            cursorColumn -= width(first)
            first += 1
        }
        return spanStyles(model, count: characters.count) { styles in
            var x = start
            if ascii {
                var text = text
                text.withUTF8 { bytes in
                    var i = first
                    let end = min(characters.count, first + max(0, rect.maxX - start))
                    while i < end {
                        var runEnd = i + 1
                        while runEnd < end, styles[runEnd] == styles[i] { runEnd += 1 }
                        x = frame.put(
                            utf8: .init(rebasing: bytes[i..<runEnd]), x: x, y: rect.y, style: styles[i],
                            limit: rect.maxX)
                        i = runEnd
                    }
                }
            } else {
                for i in first..<characters.count {
                    if x + widths[i] > rect.maxX { break }
                    x = frame.put(characters[i], x: x, y: rect.y, style: styles[i], limit: rect.maxX)
                }
            }
            return Position(x: start + cursorColumn, y: rect.y)
        }
    }

    /// One style per character, the parse spans of the current text (dates and times in their own
    /// style), handed to `body` in scratch memory: the line is drawn on every keystroke.
    private static func spanStyles<Result>(
        _ model: Model, count: Int, _ body: (UnsafeMutableBufferPointer<Style>) -> Result
    ) -> Result {
        withUnsafeTemporaryAllocation(of: Style.self, capacity: count) { styles in
            styles.initialize(repeating: model.theme.plain)
            for span in model.preview?.spans ?? [] {
                let style: Style
                switch span.kind {
                case .date, .time, .recurrence, .duration, .reminder: style = model.theme.spanDate
                case .tag: style = model.theme.tag.merging(model.theme.span)
                default: style = model.theme.span
                }
                for i in max(0, span.range.lowerBound)..<min(count, span.range.upperBound) { styles[i] = style }
            }
            return body(styles)
        }
    }
}

extension Style {
    /// This style's colours with `other`'s attributes added.
    func merging(_ other: Style) -> Style {
        Style(
            foreground: foreground == .default ? other.foreground : foreground,
            background: background == .default ? other.background : background,
            attributes: attributes.union(other.attributes))
    }
}

/// The row under the input: what Enter will do, or what the chat is waiting for.
///
/// A summary ("→ Add 'pay rent' · due Mon 1 Dec 09:00 · high") shows the arrow in the accent colour,
/// the action in the terminal's own colours and the details after it muted. The action is what changes
/// while a title is typed, and text in the terminal's own colours needs no attribute switch on the
/// wire: each keystroke sends the new letter of the preview and nothing more.
enum PreviewView {
    static let arrow = "→ "
    static let separator = " · "

    static func draw(_ model: Model, in rect: Rect, into frame: inout Frame) {
        let (text, style) = content(model)
        // Keyed on everything the row shows: a key that leaves the preview as it was (a cursor move, a
        // letter that changes no part of the summary, a frame for a clock tick) re-uses its cells.
        let key = PreviewKey(text: text, style: style, width: rect.width, colors: model.colors)
        let theme = model.theme
        let cells = model.cache.previewMemo.value(stamps: [], key: key) {
            render(text, style: style, width: rect.width, theme: theme)
        }
        frame.blit(cells[...], x: rect.x, y: rect.y)
    }

    /// The preview row on its own, `width` cells: the arrow, the action and the details, each in its
    /// style, cut with "…" when it does not fit.
    static func render(_ text: String, style: Style, width: Int, theme: Theme) -> [Cell] {
        var row = Frame(width: width, height: 1)
        var line = DisplayWidth.truncate(text, to: width)
        line.withUTF8 { bytes in
            let summary = arrow.utf8.count
            guard style == theme.preview, bytes.starts(with: arrow.utf8) else {
                row.put(utf8: bytes, x: 0, y: 0, style: style)
                return
            }
            let actionEnd = separatorStart(in: bytes, from: summary) ?? bytes.count
            var x = row.put(utf8: .init(rebasing: bytes[..<summary]), x: 0, y: 0, style: theme.prompt)
            x = row.put(utf8: .init(rebasing: bytes[summary..<actionEnd]), x: x, y: 0, style: theme.plain)
            row.put(utf8: .init(rebasing: bytes[actionEnd...]), x: x, y: 0, style: style)
        }
        return row.cells(ofRow: 0)
    }

    /// Where the first " · " at or after `start` begins.
    private static func separatorStart(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        while i + 3 < bytes.count {
            if bytes[i] == 0x20, bytes[i + 1] == 0xC2, bytes[i + 2] == 0xB7, bytes[i + 3] == 0x20 { return i }
            i += 1
        }
        return nil
    }

    static func content(_ model: Model) -> (String, Style) {
        let theme = model.theme
        if let confirmation = model.confirmation {
            return ("Delete '\(confirmation.title)'? y/n", theme.error)
        }
        if model.search != nil {
            return ("Ctrl-R older · Enter run · Esc cancel", theme.preview)
        }
        if let completion = model.completion, completion.candidates.count > 1 {
            return ("Tab: " + completion.candidates.joined(separator: " · "), theme.preview)
        }
        if let question = model.question {
            if let n = Int(model.input.text.trimmingCharacters(in: .whitespaces)),
                (1...question.choices.count).contains(n)
            {
                return ("→ \(n)) " + Sanitizer.clean(question.choices[n - 1].label), theme.preview)
            }
            if model.input.isEmpty { return ("Answer with a number, 1–\(question.choices.count)", theme.preview) }
        }
        if let preview = model.preview {
            switch preview.action {
            case .notUnderstood(let message): return ("? " + Sanitizer.clean(message), theme.preview)
            default:
                return preview.summary.isEmpty
                    ? ("", theme.preview) : ("→ " + Sanitizer.clean(preview.summary), theme.preview)
            }
        }
        if model.focus == .tasks {
            return ("↑↓/jk select · x done · D delete · e edit · Tab back", theme.preview)
        }
        return ("Type a task or a question · ? keys", theme.preview)
    }
}

/// The bottom row: mode, bus health, pending events, the next reminder, the clock.
enum StatusBarView {
    static func draw(_ model: Model, in rect: Rect, into frame: inout Frame) {
        let theme = model.theme
        frame.fill(rect, style: theme.statusBar)
        var left = " \(model.mode.rawValue)"
        let healthy = model.bus.health != .down
        switch (model.mode, model.bus.health) {
        case (.dapr, let health): left += " · sidecar \(health.rawValue)"
        case (.embedded, .down): left += " · store down"
        case (.embedded, _): break
        }
        left += " · \(model.bus.pendingCount) pending "
        let unsaved = model.unsavedTaskCount
        if unsaved > 0 { left += "· \(unsaved) unsaved " }
        let waiting = model.tasksWaitingForProcessor
        if waiting > 0 { left += "· \(waiting) waiting for processor " }
        let local = model.localNow
        var right = "\(Formatting.day(local.date)) \(local.time) "
        let reminders = model.order.upcomingReminders
        let nowValue = model.now.timeIntervalSinceReferenceDate
        if let next = firstAfter(nowValue, in: reminders) {
            right =
                "⏰ " + Formatting.countdown(from: model.now, to: Date(timeIntervalSinceReferenceDate: next)) + " · "
                + right
        }
        frame.put(
            left, x: rect.x, y: rect.y,
            style: healthy && unsaved == 0 && waiting == 0 ? theme.statusBar : theme.statusAlert,
            limit: rect.maxX)
        let rightWidth = DisplayWidth.of(right)
        if DisplayWidth.of(left) + rightWidth <= rect.width {
            frame.put(right, x: rect.maxX - rightWidth, y: rect.y, style: theme.statusBar)
        }
    }

    private static func firstAfter(_ value: Double, in sorted: [Double]) -> Double? {
        var low = 0
        var high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] <= value { low = mid + 1 } else { high = mid }
        }
        return low < sorted.count ? sorted[low] : nil
    }
}

/// The keys, over everything but the status bar. Any key closes it.
enum HelpView {
    static let lines = [
        "Enter        run the line",
        "Tab          complete; on an empty line: task pane",
        "↑ ↓          history            Ctrl-R  search it",
        "Ctrl-A / E   start / end        Alt-B / F  word",
        "Ctrl-B / F   back / forward     Ctrl-T  transpose",
        "Ctrl-K / U   kill to end / start   Ctrl-W  word",
        "Ctrl-Y       paste what was killed",
        "PgUp / PgDn  scroll the conversation",
        "Task pane:   ↑ ↓ or j k select · x done",
        "             D or Del delete · e edit",
        "“undo” reverts · “why” explains the last line",
        "? or F1      keys · Ctrl-L redraw · Ctrl-C quit",
    ]

    static func draw(theme: Theme, in area: Rect, into frame: inout Frame) {
        let contentWidth = min(area.width - 4, lines.map { DisplayWidth.of($0) }.max() ?? 0)
        let height = min(area.height, lines.count + 2)
        let box = Rect(
            x: area.x + (area.width - contentWidth - 4) / 2, y: area.y + (area.height - height) / 2,
            width: contentWidth + 4, height: height)
        frame.fill(box, style: theme.help)
        let horizontal = String(repeating: "─", count: box.width - 2)
        frame.put("┌" + horizontal + "┐", x: box.x, y: box.y, style: theme.border)
        frame.put(" Keys ", x: box.x + 2, y: box.y, style: theme.paneTitle)
        for (i, line) in lines.prefix(box.height - 2).enumerated() {
            let y = box.y + 1 + i
            frame.put("│", x: box.x, y: y, style: theme.border)
            frame.put(DisplayWidth.truncate(line, to: contentWidth), x: box.x + 2, y: y, style: theme.help)
            frame.put("│", x: box.maxX - 1, y: y, style: theme.border)
        }
        frame.put("└" + horizontal + "┘", x: box.x, y: box.maxY - 1, style: theme.border)
    }
}
