/// The scalars of a string, decoded from its UTF-8 bytes: iterating a `Substring`'s scalars checks
/// every index against the slice, and frames are built from slices on every keystroke.
struct UTF8Scalars<Bytes: Sequence<UInt8>>: Sequence, IteratorProtocol {
    private var bytes: Bytes.Iterator
    private var decoder = UTF8()

    init(_ bytes: Bytes) { self.bytes = bytes.makeIterator() }

    mutating func next() -> Unicode.Scalar? {
        while true {
            switch decoder.decode(&bytes) {
            case .scalarValue(let scalar): return scalar
            case .emptyInput: return nil
            // A Swift string is valid UTF-8; a broken sequence could only be a bug, and shows as nothing.
            case .error: continue
            }
        }
    }
}
