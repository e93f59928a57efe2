/// A stretch of changed cells on one row: what the shell has to write.
public struct FrameRun: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var cells: ArraySlice<Cell>

    /// The run's text as the terminal will show it (continuation cells skipped).
    public var text: String { cells.filter { !$0.isContinuation }.map(\.text).joined() }
}

extension Frame {
    /// The runs of cells that differ from `previous`, left to right, top to bottom. A wide grapheme is
    /// always sent whole: a change to either of its two cells sends both. With no previous frame, or one
    /// of another size, every row is one run (a full redraw). Rows the two frames share (neither wrote to
    /// them since one was made from the other) are skipped without a look at their cells.
    public func diff(from previous: Frame?) -> [FrameRun] {
        guard let previous, previous.width == width, previous.height == height else {
            return (0..<height).map { y in FrameRun(x: 0, y: y, cells: cells(ofRow: y)[...]) }
        }
        var runs: [FrameRun] = []
        for y in 0..<height where !sharesRow(y, with: previous) {
            Self.diff(cells(ofRow: y), from: previous.cells(ofRow: y), y: y, into: &runs)
        }
        return runs
    }

    private static func diff(_ row: [Cell], from old: [Cell], y: Int, into runs: inout [FrameRun]) {
        let width = row.count
        guard width > 0, old.count == width else { return }
        row.withUnsafeBufferPointer { new in
            old.withUnsafeBufferPointer { before in
                let a = new.baseAddress!
                let b = before.baseAddress!
                var run: Range<Int>? = nil
                var x = 0
                while x < width {
                    // Unchanged stretches (most of a row) two cells at a time.
                    while x + 1 < width, Cell.identical(a + x, b + x), Cell.identical(a + x + 1, b + x + 1) { x += 2 }
                    if x < width, Cell.identical(a + x, b + x) { x += 1 }
                    guard x < width else { break }
                    var start = x
                    if new[start].isContinuation, start > 0 { start -= 1 }
                    var end = x + 1
                    while end < width, !Cell.identical(a + end, b + end) { end += 1 }
                    if new[end - 1].width == 2, end < width { end += 1 }
                    if let last = run, last.upperBound >= start {
                        run = last.lowerBound..<end
                    } else {
                        if let last = run { runs.append(FrameRun(x: last.lowerBound, y: y, cells: row[last])) }
                        run = start..<end
                    }
                    x = end
                }
                if let last = run { runs.append(FrameRun(x: last.lowerBound, y: y, cells: row[last])) }
            }
        }
    }
}

extension Cell {
    /// The same cell, compared as the 16 bytes it is stored in (every field is an integer and there is no
    /// padding, so equal bytes are equal fields).
    @inline(__always)
    func isIdentical(to other: Cell) -> Bool {
        let mine = unsafeBitCast(self, to: (UInt64, UInt64).self)
        let theirs = unsafeBitCast(other, to: (UInt64, UInt64).self)
        return mine.0 == theirs.0 && mine.1 == theirs.1
    }

    /// Two stored cells compared as the 16 bytes each is (every field is an integer and there is no
    /// padding, so equal bytes are equal fields), two words at a time: the diff runs this on every cell
    /// of every changed row, and field by field it costs four times as much.
    @inline(__always)
    static func identical(_ a: UnsafePointer<Cell>, _ b: UnsafePointer<Cell>) -> Bool {
        let a = UnsafeRawPointer(a)
        let b = UnsafeRawPointer(b)
        return a.load(as: UInt64.self) == b.load(as: UInt64.self)
            && a.load(fromByteOffset: 8, as: UInt64.self) == b.load(fromByteOffset: 8, as: UInt64.self)
    }
}
