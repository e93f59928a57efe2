/// A whole screen as data: a grid of cells plus where the cursor goes.
/// `view` produces one per redraw; the shell sends only `diff(from:)` to the terminal, so drawing
/// everything every time costs no bytes on the wire.
///
/// The grid is stored a row at a time, each row its own copy-on-write array: a frame made from a cached
/// one (the panes, re-used while only the input line changes) shares every row it does not write to, so
/// a keystroke copies and compares three rows, not the whole screen.
///
/// ```swift
/// let frame = Frame(lines: ["hello", "world"])
/// frame.text  // "hello\nworld"
/// ```
public struct Frame: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public let width: Int
    public let height: Int
    private var grid: [[Cell]]
    /// Where the terminal cursor goes after drawing; `nil` hides it.
    public var cursor: Position?

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.grid = Array(repeating: Array(repeating: fill, count: self.width), count: self.height)
        self.cursor = nil
    }

    /// Every cell, row after row.
    public var cells: [Cell] { Array(grid.joined()) }

    /// The cells of row `y`.
    public func cells(ofRow y: Int) -> [Cell] { grid[y] }

    /// True when row `y` of both frames is the same stored row (one was made from the other and neither
    /// wrote to it since), so it is equal without looking at its cells.
    func sharesRow(_ y: Int, with other: Frame) -> Bool {
        grid[y].withUnsafeBufferPointer { mine in
            other.grid[y].withUnsafeBufferPointer { theirs in mine.baseAddress == theirs.baseAddress }
        }
    }

    /// A frame holding `lines` as plain text, as wide as the widest line: the expected screen in tests.
    public init(lines: [String]) {
        let width = lines.map { DisplayWidth.of($0) }.max() ?? 0
        self.init(width: width, height: lines.count)
        for (y, line) in lines.enumerated() { put(line, x: 0, y: y, style: .plain) }
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { grid[y][x] }
        set { setCell(newValue, x: x, y: y) }
    }

    /// The text of row `y`, every column included (trailing blanks too).
    public func row(_ y: Int) -> String {
        var text = ""
        for cell in grid[y] where !cell.isContinuation { text += cell.text }
        return text
    }

    public var rows: [String] { (0..<height).map(row) }

    /// The rows with trailing blanks removed, one per line: compare this with a multi-line literal.
    public var text: String {
        rows.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }.joined(separator: "\n")
    }

    /// The styles of row `y`, one per column, as a string of one symbol per distinct style (tests use it
    /// to show which columns are highlighted): `.` plain, `b` bold, `r` reverse, `u` underline, `d` dim,
    /// `*` coloured.
    public func styleRow(_ y: Int) -> String {
        var marks = ""
        for cell in grid[y] {
            let s = cell.style
            if s.attributes.contains(.reverse) {
                marks += "r"
            } else if s.attributes.contains(.underline) {
                marks += "u"
            } else if s.attributes.contains(.bold) {
                marks += "b"
            } else if s.attributes.contains(.dim) {
                marks += "d"
            } else if s.foreground != .default || s.background != .default {
                marks += "*"
            } else {
                marks += "."
            }
        }
        return marks
    }

    public var description: String { text }

    public var debugDescription: String {
        var out = "Frame \(width)x\(height) cursor: \(cursor.map { "\($0.x),\($0.y)" } ?? "hidden")\n"
        for y in 0..<height { out += "\"" + row(y) + "\"\n" }
        return out
    }

    // MARK: - Drawing

    /// Writes `text` from column `x` of row `y`, never past `limit` (exclusive; the frame width by
    /// default). A wide grapheme that would straddle the limit is left out. Returns the column after the
    /// last cell written. Unprintable scalars are dropped: text from outside is sanitised earlier, this is
    /// the last line of defence for the terminal.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, style: Style, limit: Int? = nil) -> Int {
        let column = text.utf8.withContiguousStorageIfAvailable {
            put(scalars: UTF8Scalars($0), x: x, y: y, style: style, limit: limit)
        }
        return column ?? put(scalars: text.unicodeScalars, x: x, y: y, style: style, limit: limit)
    }

    /// `put` for a run of a string's UTF-8 bytes (a slice of the input line or of the preview, with no
    /// `Substring` made for it).
    @discardableResult
    mutating func put(utf8 bytes: UnsafeBufferPointer<UInt8>, x: Int, y: Int, style: Style, limit: Int? = nil) -> Int {
        put(scalars: UTF8Scalars(bytes), x: x, y: y, style: style, limit: limit)
    }

    /// `put` for one grapheme of a line being edited (its scalars, as `put` writes a string's).
    @discardableResult
    mutating func put(_ character: Character, x: Int, y: Int, style: Style, limit: Int? = nil) -> Int {
        put(scalars: character.unicodeScalars, x: x, y: y, style: style, limit: limit)
    }

    private mutating func put(
        scalars: some Sequence<Unicode.Scalar>, x: Int, y: Int, style: Style, limit: Int?
    ) -> Int {
        guard y >= 0, y < height else { return x }
        let end = min(limit ?? width, width)
        var column = max(0, x)
        // The row is written through one pointer: a keystroke puts every character of the input line.
        grid[y].withUnsafeMutableBufferPointer { row in
            var lastWritten = -1
            for scalar in scalars {
                let w = DisplayWidth.of(scalar)
                if w < 0 { continue }
                if w == 0 {
                    if lastWritten >= 0, scalar.value != 0 { row[lastWritten].appendMark(scalar) }
                    continue
                }
                if column + w > end { break }
                Self.place(Cell(scalar: scalar, width: UInt8(w), style: style), at: column, in: row)
                lastWritten = column
                if w == 2 { Self.place(.continuation(style), at: column + 1, in: row) }
                column += w
            }
        }
        return column
    }

    /// Fills `rect` with blanks of `style`.
    public mutating func fill(_ rect: Rect, style: Style = .plain) {
        let blank = Cell.blank(style)
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) { setCell(blank, x: x, y: y) }
        }
    }

    /// Copies a prepared row of cells (a cached render) to column `x` of row `y`.
    public mutating func blit(_ row: ArraySlice<Cell>, x: Int, y: Int) {
        guard y >= 0, y < height, x >= 0 else { return }
        let count = min(row.count, width - x)
        guard count > 0 else { return }
        grid[y].replaceSubrange(x..<x + count, with: row.prefix(count))
        repairWide(x: x, y: y)
        repairWide(x: x + count - 1, y: y)
    }

    /// Applies `style` to the cells of row `y` from `x` for `count` columns, keeping their text.
    public mutating func restyle(x: Int, y: Int, count: Int, _ transform: (inout Style) -> Void) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<min(width, x + count) { transform(&grid[y][column].style) }
    }

    /// Sets one cell, blanking the other half of any wide grapheme it cuts in two.
    private mutating func setCell(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        grid[y].withUnsafeMutableBufferPointer { Self.place(cell, at: x, in: $0) }
    }

    private static func place(_ cell: Cell, at x: Int, in row: UnsafeMutableBufferPointer<Cell>) {
        let old = row[x]
        if old.isContinuation, x > 0, !cell.isContinuation {
            row[x - 1] = .blank(row[x - 1].style)
        }
        if old.width == 2, x + 1 < row.count, cell.width != 2 {
            row[x + 1] = .blank(row[x + 1].style)
        }
        row[x] = cell
    }

    /// After a blit, a wide grapheme may have lost its partner at the edge; blank the orphan.
    private mutating func repairWide(x: Int, y: Int) {
        guard x >= 0, x < width else { return }
        if grid[y][x].isContinuation, x == 0 || grid[y][x - 1].width != 2 { grid[y][x] = .blank(grid[y][x].style) }
        if grid[y][x].width == 2, x + 1 >= width || !grid[y][x + 1].isContinuation {
            grid[y][x] = .blank(grid[y][x].style)
        }
        if x + 1 < width, grid[y][x + 1].isContinuation, grid[y][x].width != 2 {
            grid[y][x + 1] = .blank(grid[y][x + 1].style)
        }
    }
}
