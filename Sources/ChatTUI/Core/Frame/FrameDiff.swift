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
    /// of another size, every row is one run (a full redraw).
    public func diff(from previous: Frame?) -> [FrameRun] {
        guard let previous, previous.width == width, previous.height == height else {
            return (0..<height).map { y in FrameRun(x: 0, y: y, cells: cells[y * width..<(y + 1) * width]) }
        }
        var runs: [FrameRun] = []
        for y in 0..<height {
            let base = y * width
            var x = 0
            while x < width {
                if cells[base + x] == previous.cells[base + x] {
                    x += 1
                    continue
                }
                var start = x
                if cells[base + start].isContinuation, start > 0 { start -= 1 }
                var end = x + 1
                while end < width, cells[base + end] != previous.cells[base + end] { end += 1 }
                if cells[base + end - 1].width == 2, end < width { end += 1 }
                if let last = runs.last, last.y == y, last.x + last.cells.count >= start {
                    runs[runs.count - 1].cells = cells[base + last.x..<base + end]
                } else {
                    runs.append(FrameRun(x: start, y: y, cells: cells[base + start..<base + end]))
                }
                x = end
            }
        }
        return runs
    }
}
