/// The lexicon as an open-addressing table keyed by a word's UTF-8 bytes packed into two integers. The chat
/// parses the line on every keystroke and looks up every word of it: hashing a `String` with SipHash cost more
/// than building the token, and a few multiplications find the slot here.
struct WordTable: Sendable {
    /// Words longer than this are in no list, so a longer token is simply not found.
    static let maximumWordBytes = 16

    /// Key and entry side by side: a look-up on a cold cache reads one line, not three.
    private struct Slot {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var entry = LexEntry.none
    }

    private var slots: [Slot]
    private let mask: Int

    init(_ words: [String: LexEntry]) {
        var size = 64
        while size < words.count * 3 { size *= 2 }  // at most a third full: probe runs stay short
        mask = size - 1
        slots = [Slot](repeating: Slot(), count: size)
        for (word, entry) in words {
            guard let (lo, hi) = Self.key(word) else {
                preconditionFailure("lexicon word \"\(word)\" is longer than \(Self.maximumWordBytes) bytes")
            }
            var slot = Self.slot(lo, hi, mask)
            while slots[slot].low != 0 { slot = (slot + 1) & mask }
            slots[slot] = Slot(low: lo, high: hi, entry: entry)
        }
    }

    func entry(_ word: String) -> LexEntry {
        guard let (lo, hi) = Self.key(word) else { return .none }
        var slot = Self.slot(lo, hi, mask)
        while true {
            let l = slots[slot].low
            if l == 0 { return .none }
            if l == lo, slots[slot].high == hi { return slots[slot].entry }
            slot = (slot + 1) & mask
        }
    }

    /// The bytes little-endian in two words; a word never holds a NUL byte (the input blanks controls), so the
    /// zero padding cannot collide with a shorter word, and zero marks an empty slot.
    @inline(__always) private static func key(_ word: String) -> (UInt64, UInt64)? {
        var word = word
        return word.withUTF8 { bytes -> (UInt64, UInt64)? in
            guard bytes.count <= maximumWordBytes, !bytes.isEmpty else { return nil }
            var lo: UInt64 = 0
            var hi: UInt64 = 0
            for k in 0..<bytes.count {
                let c = UInt64(bytes[k])
                if k < 8 { lo |= c << UInt64(k * 8) } else { hi |= c << UInt64((k - 8) * 8) }
            }
            return (lo, hi)
        }
    }

    @inline(__always) private static func slot(_ lo: UInt64, _ hi: UInt64, _ mask: Int) -> Int {
        var h = lo &* 0x9E37_79B9_7F4A_7C15 ^ hi &* 0xC2B2_AE3D_27D4_EB4F
        h ^= h >> 29
        return Int(truncatingIfNeeded: h) & mask
    }
}
