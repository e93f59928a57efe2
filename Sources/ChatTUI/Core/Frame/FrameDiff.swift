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
        var x = 0
        var rowRuns = 0
        while x < width {
            if row[x] == old[x] {
                x += 1
                continue
            }
            var start = x
            if row[start].isContinuation, start > 0 { start -= 1 }
            var end = x + 1
            while end < width, row[end] != old[end] { end += 1 }
            if row[end - 1].width == 2, end < width { end += 1 }
            if rowRuns > 0, let last = runs.last, last.x + last.cells.count >= start {
                runs[runs.count - 1].cells = row[last.x..<end]
            } else {
                runs.append(FrameRun(x: start, y: y, cells: row[start..<end]))
                rowRuns += 1
            }
            x = end
        }
    }
}
