/// A terminal size in cells.
public struct Size: Hashable, Sendable {
    public var columns: Int
    public var rows: Int

    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }
}

/// A cell position; `x` is the column, `y` the row, both from 0.
public struct Position: Hashable, Sendable {
    public var x: Int
    public var y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// A rectangle of cells. Layout splits one rect into several; components draw only inside theirs.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }

    public var description: String { "\(width)x\(height)@\(x),\(y)" }

    /// The first `rows` rows, and what is left below them.
    public func splitTop(_ rows: Int) -> (top: Rect, rest: Rect) {
        let r = min(max(0, rows), height)
        return (
            Rect(x: x, y: y, width: width, height: r), Rect(x: x, y: y + r, width: width, height: height - r)
        )
    }

    /// The last `rows` rows, and what is left above them.
    public func splitBottom(_ rows: Int) -> (rest: Rect, bottom: Rect) {
        let r = min(max(0, rows), height)
        return (
            Rect(x: x, y: y, width: width, height: height - r),
            Rect(x: x, y: maxY - r, width: width, height: r)
        )
    }

    /// The first `columns` columns, and what is left to their right.
    public func splitLeft(_ columns: Int) -> (left: Rect, rest: Rect) {
        let c = min(max(0, columns), width)
        return (
            Rect(x: x, y: y, width: c, height: height), Rect(x: x + c, y: y, width: width - c, height: height)
        )
    }
}
