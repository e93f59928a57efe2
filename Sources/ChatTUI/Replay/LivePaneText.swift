/// The live pane (task list and feed) of the model's current screen, as plain lines.
enum LivePaneText {
    static func lines(of model: Model) -> [String] {
        let frame = view(model)
        let layout = ScreenLayout(size: model.size)
        var lines: [String] = []
        // Each part without the blank rows under its last line.
        for rect in [layout.tasks, layout.feed] where !rect.isEmpty {
            var part: [String] = []
            for y in rect.y..<rect.maxY {
                var text = ""
                for x in rect.x..<rect.maxX where !frame[x, y].isContinuation { text += frame[x, y].text }
                part.append(String(text.reversed().drop { $0 == " " }.reversed()))
            }
            while part.last?.isEmpty == true { part.removeLast() }
            lines += part
        }
        return lines
    }
}
