/// One terminal cell: a grapheme (a printable scalar plus any zero-width marks on it), how many
/// columns it takes, and its style. A wide grapheme occupies two cells: itself (width 2) and a
/// continuation cell (width 0, empty text) that the shell never draws.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var width: UInt8
    public var style: Style

    public init(text: String, width: UInt8, style: Style = .plain) {
        self.text = text
        self.width = width
        self.style = style
    }

    public init(_ character: Character, style: Style = .plain) {
        let text = String(character)
        self.init(text: text, width: UInt8(max(0, DisplayWidth.of(text))), style: style)
    }

    public static let blank = Cell(text: " ", width: 1)

    public static func blank(_ style: Style) -> Cell { Cell(text: " ", width: 1, style: style) }

    public static func continuation(_ style: Style) -> Cell { Cell(text: "", width: 0, style: style) }

    public var isContinuation: Bool { width == 0 }
}
