/// The input line as bytes the grammar may look at: control characters and terminal escape
/// sequences blanked to spaces (so every offset still points into the original text), and a cap on
/// length so that a pasted megabyte costs nothing.
struct Input: Sendable {
    /// Lines longer than this (in UTF-8 bytes) are refused with a reason instead of parsed.
    static let maximumBytes = 2_000

    let original: String
    let bytes: [UInt8]
    let blankedControls: Int
    let isASCII: Bool

    init(_ text: String) {
        original = text
        var b = Array(text.utf8)
        // A typed line is mostly printable ASCII, with nothing to blank: one quick pass tells.
        if b.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            bytes = b
            blankedControls = 0
            isASCII = true
            return
        }
        var blanked = 0
        var ascii = true
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 0x1B {  // ESC: blank the whole CSI/OSC sequence, not only the ESC byte
                var j = i + 1
                if j < b.count, b[j] == UInt8(ascii: "[") {
                    j += 1
                    while j < b.count, !(0x40...0x7E).contains(b[j]) { j += 1 }
                    j = min(j + 1, b.count)
                } else if j < b.count, b[j] == UInt8(ascii: "]") {
                    while j < b.count, b[j] != 0x07, b[j] != 0x1B { j += 1 }
                    j = min(j + 1, b.count)
                } else {
                    j = min(j + 1, b.count)
                }
                for k in i..<j { b[k] = 0x20 }
                blanked += 1
                i = j
                continue
            }
            if c == 0x09 || c == 0x0A || c == 0x0D {
                b[i] = 0x20
            } else if c < 0x20 || c == 0x7F {
                b[i] = 0x20
                blanked += 1
            } else if c >= 0x80 {
                ascii = false
                // C1 controls (U+0080..U+009F) and bidi overrides (U+202A..U+202E, U+2066..U+2069)
                // can reorder or hide text on a terminal: blank them like C0 controls.
                if c == 0xC2, i + 1 < b.count, (0x80...0x9F).contains(b[i + 1]) {
                    b[i] = 0x20
                    b[i + 1] = 0x20
                    blanked += 1
                    i += 2
                    continue
                }
                if c == 0xE2, i + 2 < b.count,
                    (b[i + 1] == 0x80 && (0xAA...0xAE).contains(b[i + 2]))
                        || (b[i + 1] == 0x81 && (0xA6...0xA9).contains(b[i + 2]))
                {
                    b[i] = 0x20
                    b[i + 1] = 0x20
                    b[i + 2] = 0x20
                    blanked += 1
                    i += 3
                    continue
                }
            }
            i += 1
        }
        bytes = b
        blankedControls = blanked
        isASCII = ascii
    }

    /// Original-case text of a byte range.
    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// Character (grapheme) offset of a byte offset, for spans a screen can highlight.
    func characterOffsets() -> [Int]? {
        if isASCII { return nil }
        var map = [Int](repeating: 0, count: bytes.count + 1)
        var byte = 0
        var index = 0
        for ch in original {
            let n = ch.utf8.count
            for k in 0..<n where byte + k < map.count { map[byte + k] = index }
            byte += n
            index += 1
        }
        if byte < map.count { map[byte] = index }
        return map
    }
}
