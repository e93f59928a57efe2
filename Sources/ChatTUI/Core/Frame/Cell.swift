/// One terminal cell: a grapheme (a printable scalar plus up to three zero-width marks on it), how
/// many columns it takes, and its style. A wide grapheme occupies two cells: itself (width 2) and a
/// continuation cell (width 0, empty text) that the shell never draws.
///
/// The grapheme is stored as plain integers, so a cell is trivially copyable: building, copying and
/// diffing a 120×40 frame does no reference counting.
public struct Cell: Hashable, Sendable {
    /// The base scalar's value; 0 for a continuation cell.
    private var base: UInt32
    /// Up to three zero-width scalars, 21 bits each, lowest first; 0 when there are none.
    private var marks: UInt64
    public var width: UInt8
    public var style: Style

    public init(scalar: Unicode.Scalar, width: UInt8, style: Style = .plain) {
        self.base = scalar.value
        self.marks = 0
        self.width = width
        self.style = style
    }

    /// A cell holding the first grapheme of `text` (its first scalar and up to three marks after it).
    public init(text: String, width: UInt8, style: Style = .plain) {
        var scalars = text.unicodeScalars.makeIterator()
        self.base = scalars.next()?.value ?? 0
        self.marks = 0
        self.width = width
        self.style = style
        while let mark = scalars.next() { appendMark(mark) }
    }

    public static let blank = Cell(scalar: " ", width: 1)

    public static func blank(_ style: Style) -> Cell { Cell(scalar: " ", width: 1, style: style) }

    public static func continuation(_ style: Style) -> Cell {
        var cell = Cell(scalar: " ", width: 0, style: style)
        cell.base = 0
        return cell
    }

    public var isContinuation: Bool { width == 0 }

    /// The scalars to hand to the terminal, base first; empty for a continuation cell.
    public var scalars: [Unicode.Scalar] {
        guard base != 0, let first = Unicode.Scalar(base) else { return [] }
        var result = [first]
        var rest = marks
        while rest != 0 {
            if let mark = Unicode.Scalar(UInt32(rest & 0x1F_FFFF)) { result.append(mark) }
            rest >>= 21
        }
        return result
    }

    public var text: String {
        if marks == 0, let scalar = Unicode.Scalar(base), base != 0 { return String(Character(scalar)) }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return text
    }

    /// Adds a zero-width scalar (a combining accent) to this grapheme; a fourth and later are dropped.
    mutating func appendMark(_ mark: Unicode.Scalar) {
        for slot in 0..<3 where (marks >> (21 * UInt64(slot))) & 0x1F_FFFF == 0 {
            marks |= UInt64(mark.value) << (21 * UInt64(slot))
            return
        }
    }
}
