/// A line of text built as UTF-8 bytes and made a `String` once. The summary and the title are built on every
/// keystroke, and each `String` append costs a few hundred instructions; appending bytes costs a copy.
struct TextBuilder {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    var isEmpty: Bool { bytes.isEmpty }
    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }
    mutating func append(_ slice: ArraySlice<UInt8>) { bytes.append(contentsOf: slice) }
    mutating func append(_ slice: Slice<UnsafeBufferPointer<UInt8>>) { bytes.append(contentsOf: slice) }
    mutating func append(byte: UInt8) { bytes.append(byte) }

    /// Decimal digits, as `String(n)` writes them.
    mutating func append(_ n: Int) {
        if n < 0 { bytes.append(0x2D) }
        var m = n.magnitude
        var digits = 1
        var scale: UInt = 1
        while m / scale >= 10 {
            scale *= 10
            digits += 1
        }
        for _ in 0..<digits {
            bytes.append(0x30 + UInt8(m / scale))
            m %= scale
            scale /= 10
        }
    }
}
