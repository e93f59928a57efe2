import Foundation
import TodoCore

/// The live pane's task list: a title row, then the groups with numbered tasks, scrolled so the
/// selected task is visible.
enum TaskListView {
    static func render(_ model: Model, size rect: Rect) -> Frame {
        let order = model.order
        let minute = (model.now.timeIntervalSinceReferenceDate / 60).rounded(.down)
        let key = PaneKey(
            width: rect.width, height: rect.height, color: model.colors == .color, selected: model.selected,
            focused: model.focus == .tasks, minute: minute, tasksReady: model.tasksReady)
        return model.cache.tasksMemo.value(stamps: [model.board.stamp], key: key) {
            draw(model, order: order, width: rect.width, height: rect.height)
        }
    }

    static func draw(_ model: Model, order: BoardOrder, width: Int, height: Int) -> Frame {
        let theme = model.theme
        var frame = Frame(width: width, height: height)
        guard height > 0, width > 0 else { return frame }
        let open = order.groups.filter { $0.group != .done }.reduce(0) { $0 + $1.ids.count }
        let focused = model.focus == .tasks
        let title = " Tasks · \(open) open "
        frame.fill(Rect(x: 0, y: 0, width: width, height: 1), style: focused ? theme.selected : .plain)
        frame.put("─", x: 0, y: 0, style: focused ? theme.selected : theme.border)
        let end = frame.put(title, x: 1, y: 0, style: focused ? theme.selected : theme.paneTitle)
        if !focused { frame.put(String(repeating: "─", count: max(0, width - end)), x: end, y: 0, style: theme.border) }
        let visible = height - 1
        guard visible > 0 else { return frame }
        if order.numbered.isEmpty {
            let empty = model.tasksReady ? "No tasks yet." : "Loading tasks…"
            frame.put(DisplayWidth.truncate(empty, to: width - 2), x: 2, y: 1, style: theme.muted)
            return frame
        }
        // Rows are group titles and tasks; find the selected task's row without building them all.
        var selectedRow = 0
        if let id = model.selected, let number = order.numberOf[id] {
            var before = 0
            for (g, group) in order.groups.enumerated() {
                if number <= before + group.ids.count {
                    selectedRow = number + g
                    break
                }
                before += group.ids.count
            }
        }
        let offset = selectedRow >= visible ? selectedRow - visible + 1 : 0
        let digits = String(order.numbered.count).count
        var row = 0
        var number = 0
        outer: for group in order.groups {
            if row >= offset + visible { break }
            if row >= offset {
                let style = group.group == .overdue ? theme.overdue : theme.groupTitle
                frame.put("\(group.group.title) (\(group.ids.count))", x: 1, y: 1 + row - offset, style: style)
            }
            row += 1
            let skip = max(0, min(group.ids.count, offset - row))
            row += skip
            number += skip
            for id in group.ids[skip...] {
                if row >= offset + visible { break outer }
                number += 1
                if let entry = model.board[id] {
                    drawTask(
                        entry, number: number, digits: digits, group: group.group, y: 1 + row - offset, width: width,
                        selected: id == model.selected, focused: focused, model: model, into: &frame)
                }
                row += 1
            }
        }
        return frame
    }

    private static func drawTask(
        _ entry: BoardEntry, number: Int, digits: Int, group: TaskGroup, y: Int, width: Int, selected: Bool,
        focused: Bool, model: Model, into frame: inout Frame
    ) {
        let theme = model.theme
        let base: Style
        switch group {
        case .overdue: base = theme.overdue
        case .done: base = theme.done
        default: base = theme.plain
        }
        let numberText = String(repeating: " ", count: max(0, digits - String(number).count)) + String(number)
        var x = frame.put(numberText, x: 1, y: y, style: theme.muted) + 1
        let priorityMark: String
        let priorityStyle: Style
        switch entry.task.priority {
        case .urgent: (priorityMark, priorityStyle) = ("!!", theme.priorityUrgent)
        case .high: (priorityMark, priorityStyle) = ("! ", theme.priorityHigh)
        case .medium: (priorityMark, priorityStyle) = ("· ", theme.muted)
        default: (priorityMark, priorityStyle) = ("  ", theme.plain)
        }
        x = frame.put(priorityMark, x: x, y: y, style: priorityStyle) + 1
        // Right-hand details, dropped from the least important (tags, then assignee) when the pane is narrow.
        var details: [(String, Style)] = []
        if let due = entry.task.due {
            details.append((Formatting.due(due, today: model.today), base == theme.plain ? theme.muted : base))
        }
        if let assignee = entry.assignee { details.append(("@" + assignee, theme.muted)) }
        if !entry.tags.isEmpty { details.append((entry.tags.map { "#" + $0 }.joined(separator: " "), theme.tag)) }
        let sync: (String, Style)
        switch entry.sync {
        case .synced: sync = (" ", theme.plain)
        case .pending: sync = ("…", theme.syncPending)
        case .failed: sync = ("✗", theme.syncFailed)
        }
        let minimumTitle = min(12, DisplayWidth.of(entry.title))
        var detailWidth: Int { details.reduce(0) { $0 + DisplayWidth.of($1.0) + 1 } }
        while !details.isEmpty, x + minimumTitle + 1 + detailWidth + 2 > width { details.removeLast() }
        let titleLimit = width - detailWidth - 2
        let title = DisplayWidth.truncate(entry.title, to: max(0, titleLimit - x))
        frame.put(title, x: x, y: y, style: base)
        var dx = titleLimit + 1
        for (text, style) in details {
            dx = frame.put(text, x: dx, y: y, style: style) + 1
        }
        frame.put(sync.0, x: width - 1, y: y, style: sync.1)
        if selected {
            let highlight = focused ? theme.selected : theme.selectedUnfocused
            frame.restyle(x: 0, y: y, count: width) { style in
                style.attributes.formUnion(highlight.attributes)
                if highlight.background != .default { style.background = highlight.background }
            }
        }
    }
}

/// The feed of task-updates under the task list, newest at the bottom.
enum FeedView {
    static func render(_ model: Model, size rect: Rect) -> Frame {
        model.cache.feedMemo.value(
            stamps: [model.feed.stamp],
            key: PaneKey(width: rect.width, height: rect.height, color: model.colors == .color)
        ) {
            draw(model.feed, width: rect.width, height: rect.height, theme: model.theme)
        }
    }

    static func draw(_ feed: Feed, width: Int, height: Int, theme: Theme) -> Frame {
        var frame = Frame(width: width, height: height)
        guard height > 0 else { return frame }
        frame.put("─", x: 0, y: 0, style: theme.border)
        let end = frame.put(" Updates ", x: 1, y: 0, style: theme.paneTitle)
        frame.put(String(repeating: "─", count: max(0, width - end)), x: end, y: 0, style: theme.border)
        let entries = feed.latest(height - 1)
        let top = height - entries.count
        for (i, entry) in entries.enumerated() {
            let x = frame.put(entry.time, x: 1, y: top + i, style: theme.timestamp) + 1
            frame.put(
                DisplayWidth.truncate(entry.text, to: width - x), x: x, y: top + i,
                style: entry.isReminder ? theme.reminder : theme.plain)
        }
        return frame
    }
}
