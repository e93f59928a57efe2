/// The line being typed, with emacs-style editing. Positions are in characters (graphemes), the unit
/// parse spans use too.
struct InputLine: Hashable, Sendable {
    private(set) var characters: [Character] = [] {
        // The line as a string, for the parser and the view on every keystroke: rebuilt after an edit in
        // the middle, appended to when typing at the end (most keys), which costs nothing like a rebuild.
        didSet { if !appending { text = Self.joined(characters[...]) } }
    }
    private(set) var cursor = 0
    /// What the last kill (Ctrl-K, Ctrl-U, Ctrl-W) removed, for Ctrl-Y.
    private(set) var killed = ""
    private(set) var text = ""
    private var appending = false

    var isEmpty: Bool { characters.isEmpty }

    init(_ text: String = "") {
        characters = Array(text)
        self.text = Self.joined(characters[...])
        cursor = characters.count
    }

    mutating func insert(_ text: String) {
        let count = characters.count
        appending = cursor == count
        characters.insert(contentsOf: text, at: cursor)
        if appending { self.text += text }
        appending = false
        cursor += characters.count - count
    }

    mutating func replace(_ range: Range<Int>, with text: String) {
        let new = Array(text)
        characters.replaceSubrange(range, with: new)
        cursor = range.lowerBound + new.count
    }

    mutating func moveLeft() { cursor = max(0, cursor - 1) }
    mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    mutating func moveHome() { cursor = 0 }
    mutating func moveEnd() { cursor = characters.count }

    /// Alt-B: to the start of the word before the cursor.
    mutating func moveWordLeft() { cursor = wordStart(before: cursor) }

    /// Alt-F: to the end of the word after the cursor.
    mutating func moveWordRight() {
        var i = cursor
        while i < characters.count, !isWordCharacter(characters[i]) { i += 1 }
        while i < characters.count, isWordCharacter(characters[i]) { i += 1 }
        cursor = i
    }

    mutating func deleteBackward() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    /// Ctrl-K.
    mutating func killToEnd() {
        guard cursor < characters.count else { return }
        killed = Self.joined(characters[cursor...])
        characters.removeSubrange(cursor...)
    }

    /// Ctrl-U.
    mutating func killToStart() {
        guard cursor > 0 else { return }
        killed = Self.joined(characters[..<cursor])
        characters.removeSubrange(..<cursor)
        cursor = 0
    }

    /// Ctrl-W: the word before the cursor, with the spaces after it.
    mutating func killWordBackward() {
        let start = wordStart(before: cursor)
        guard start < cursor else { return }
        killed = Self.joined(characters[start..<cursor])
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Ctrl-Y.
    mutating func yank() { insert(killed) }

    /// Ctrl-T: swaps the two characters before the cursor (or around it mid-line), as emacs does.
    mutating func transpose() {
        guard characters.count >= 2, cursor > 0 else { return }
        let i = cursor == characters.count ? cursor - 1 : cursor
        characters.swapAt(i - 1, i)
        cursor = min(characters.count, i + 1)
    }

    /// The word the cursor is at the end of, as a range, for completion.
    var wordBeforeCursor: Range<Int> {
        var start = cursor
        while start > 0, characters[start - 1] != " " { start -= 1 }
        return start..<cursor
    }

    private func wordStart(before position: Int) -> Int {
        var i = position
        while i > 0, !isWordCharacter(characters[i - 1]) { i -= 1 }
        while i > 0, isWordCharacter(characters[i - 1]) { i -= 1 }
        return i
    }

    /// The characters as one string: their bytes gathered in one buffer (a string appended to one
    /// character at a time costs several times as much, and Backspace rebuilds the line).
    private static func joined(_ characters: ArraySlice<Character>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(characters.count)
        for character in characters { bytes.append(contentsOf: character.utf8) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
}
