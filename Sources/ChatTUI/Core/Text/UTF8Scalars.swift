/// The scalars of a string's UTF-8 bytes, decoded by hand: frames are built from strings and slices on
/// every keystroke, and this walks their contiguous bytes with no index checks (ASCII in one step).
struct UTF8Scalars: Sequence, IteratorProtocol {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0

    /// `bytes` must be valid UTF-8, as every Swift string's are.
    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    @inline(__always)
    mutating func next() -> Unicode.Scalar? {
        guard offset < bytes.count else { return nil }
        let lead = UInt32(bytes[offset])
        if lead < 0x80 {
            offset += 1
            return Unicode.Scalar(UInt8(lead))
        }
        let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard offset + length <= bytes.count else {
            offset = bytes.count
            return nil
        }
        var value = lead & (0xFF >> UInt32(length + 1))
        for i in 1..<length { value = value << 6 | UInt32(bytes[offset + i] & 0x3F) }
        offset += length
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }
}
