/// Word wrapping by display width.
enum TextWrap {
    /// Splits `text` into lines of at most `width` columns, breaking at spaces where it can and inside a
    /// word only when the word alone is wider than a line. Spaces at a break are dropped.
    static func wrap(_ text: String, width: Int) -> [Substring] {
        guard width > 0 else { return [] }
        if text.utf8.count <= width, text.utf8.allSatisfy({ $0 < 0x80 }) { return [text[...]] }
        var lines: [Substring] = []
        var lineStart = text.startIndex
        var used = 0
        var lastBreak: String.Index? = nil
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == " " {
                if used == 0, !lines.isEmpty {
                    lineStart = next
                } else if used + 1 > width {
                    lines.append(trimmed(text[lineStart..<index]))
                    lineStart = next
                    used = 0
                    lastBreak = nil
                } else {
                    used += 1
                    lastBreak = next
                }
                index = next
                continue
            }
            let w = DisplayWidth.of(String(character))
            if used + w > width, index > lineStart {
                if let cut = lastBreak {
                    lines.append(trimmed(text[lineStart..<cut]))
                    lineStart = cut
                    used = DisplayWidth.of(text[cut..<index])
                } else {
                    lines.append(text[lineStart..<index])
                    lineStart = index
                    used = 0
                }
                lastBreak = nil
            }
            used += w
            index = next
        }
        if lineStart < text.endIndex || lines.isEmpty { lines.append(trimmed(text[lineStart...])) }
        return lines
    }

    private static func trimmed(_ s: Substring) -> Substring {
        var end = s.endIndex
        while end > s.startIndex, s[s.index(before: end)] == " " { end = s.index(before: end) }
        return s[s.startIndex..<end]
    }
}
