/// One terminal cell: a grapheme (a printable scalar plus up to three zero-width marks on it), how
/// many columns it takes, and its style. A wide grapheme occupies two cells: itself (width 2) and a
/// continuation cell (width 0, empty text) that the shell never draws.
///
/// The grapheme is stored as plain integers, so a cell is trivially copyable: building, copying and
/// diffing a 120×40 frame does no reference counting. The widest field comes first, so a cell packs
/// into 16 bytes with no padding.
public struct Cell: Hashable, Sendable {
    /// Up to three zero-width scalars, 21 bits each, lowest first; 0 when there are none.
    private var marks: UInt64
    /// The base scalar's value; 0 for a continuation cell.
    private var base: UInt32
    public var width: UInt8
    public var style: Style

    public init(scalar: Unicode.Scalar, width: UInt8, style: Style = .plain) {
        self.marks = 0
        self.base = scalar.value
        self.width = width
        self.style = style
    }

    /// A cell holding the first grapheme of `text` (its first scalar and up to three marks after it).
    public init(text: String, width: UInt8, style: Style = .plain) {
        var scalars = text.unicodeScalars.makeIterator()
        self.marks = 0
        self.base = scalars.next()?.value ?? 0
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

    /// A space with no marks on it, whatever its style.
    public var isSpace: Bool { base == 0x20 && marks == 0 }

    /// The scalars to hand to the terminal, base first; empty for a continuation cell.
    public var scalars: [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        forEachScalar { result.append($0) }
        return result
    }

    /// Calls `body` with each scalar, base first (none for a continuation cell), allocating nothing:
    /// the painter runs this for every cell of a full redraw.
    public func forEachScalar(_ body: (Unicode.Scalar) -> Void) {
        guard base != 0, let first = Unicode.Scalar(base) else { return }
        body(first)
        var rest = marks
        while rest != 0 {
            if let mark = Unicode.Scalar(UInt32(rest & 0x1F_FFFF)) { body(mark) }
            rest >>= 21
        }
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
