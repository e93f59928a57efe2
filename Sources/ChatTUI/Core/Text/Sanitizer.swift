/// Makes text from outside (task titles from other people, event payloads, error messages) safe to
/// draw: a title is data, never terminal commands.
///
/// Removed: C0 controls, DEL, C1 controls, whole escape sequences (CSI, OSC, DCS, SOS, PM, APC, in their
/// 7-bit `ESC x` and 8-bit forms, up to their terminator), bidirectional overrides, isolates and marks
/// (they reorder what follows on screen), and the emoji joiners and modifiers (ZWJ, VS15/VS16, skin
/// tones, tag characters). glibc and tmux lay emoji out one scalar at a time, so a ZWJ family that a
/// modern terminal draws as one glyph would misalign every column after it; without the joiners each
/// scalar takes the cells `wcwidth` says. Tabs and line breaks become spaces. Scalars glibc calls
/// unprintable (unassigned) become U+FFFD, one cell.
///
/// ```swift
/// Sanitizer.clean("pay \u{1B}[31mrent\u{1B}[0m")  // "pay rent"
/// ```
public enum Sanitizer {
    public static func clean(_ text: String) -> String {
        if isClean(text) { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let scalar = pending ?? scalars.next() {
            pending = nil
            switch treatment(of: scalar) {
            case .keep: out.append(contentsOf: scalar.utf8)
            case .drop: continue
            case .space: out.append(0x20)
            case .replace: out.append(contentsOf: replacement.utf8)
            case .escape: pending = skipEscape(&scalars)
            case .controlSequence: pending = skipControlSequence(&scalars)
            case .controlString: skipString(&scalars)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// What an unprintable scalar becomes: one cell, visibly something.
    private static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// What `clean` does with one scalar.
    private enum Treatment {
        case keep
        case drop
        /// Tabs and line breaks.
        case space
        /// Unprintable (unassigned): U+FFFD.
        case replace
        /// ESC: the sequence it starts goes too.
        case escape
        /// 8-bit CSI.
        case controlSequence
        /// 8-bit DCS, SOS, OSC, PM, APC: up to the string's terminator.
        case controlString
    }

    @inline(__always)
    private static func treatment(of scalar: Unicode.Scalar) -> Treatment {
        let v = scalar.value
        if v < 0x7F {
            if v >= 0x20 { return .keep }
            switch v {
            case 0x1B: return .escape
            case 0x09, 0x0A, 0x0D, 0x0B, 0x0C: return .space
            default: return .drop
            }
        }
        switch v {
        case 0x9B: return .controlSequence
        case 0x90, 0x98, 0x9D, 0x9E, 0x9F: return .controlString
        case 0x7F...0x9F: return .drop
        case 0x2028, 0x2029: return .space
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: return .drop
        case 0x200D, 0xFE0E, 0xFE0F, 0x1F3FB...0x1F3FF, 0xE0000...0xE007F, 0xFEFF: return .drop
        default: return DisplayWidth.of(scalar) < 0 ? .replace : .keep
        }
    }

    /// True when `clean` would hand `text` back unchanged. The preview runs every keystroke's summary
    /// through `clean`, and it is almost always clean ("Add 'pay rent' · due Mon 1 Dec"): this decides so
    /// from its bytes, without building a copy.
    private static func isClean(_ text: String) -> Bool {
        let clean = text.utf8.withContiguousStorageIfAvailable { bytes in
            for scalar in UTF8Scalars(bytes) {
                // Printable ASCII (most of any summary) without the full look-up.
                if scalar.value >= 0x20, scalar.value < 0x7F { continue }
                if treatment(of: scalar) != .keep { return false }
            }
            return true
        }
        return clean ?? false
    }

    /// After ESC: skips the sequence it starts and returns the first scalar after it, if it had to read
    /// one to know the sequence had ended.
    private static func skipEscape(_ scalars: inout String.UnicodeScalarView.Iterator) -> Unicode.Scalar? {
        guard let next = scalars.next() else { return nil }
        switch next.value {
        case 0x5B:  // [ CSI
            return skipControlSequence(&scalars)
        case 0x5D, 0x50, 0x58, 0x5E, 0x5F:  // ] OSC, P DCS, X SOS, ^ PM, _ APC
            skipString(&scalars)
            return nil
        case 0x20...0x2F:  // intermediates, then one final byte
            while let s = scalars.next() {
                if !(0x20...0x2F).contains(s.value) { return nil }
            }
            return nil
        default:
            // A two-character escape (ESC 7, ESC c, ...) when the next one is printable ASCII;
            // anything else was not part of it and is looked at again.
            return (0x30...0x7E).contains(next.value) ? nil : next
        }
    }

    /// Parameters and intermediates up to the final byte (0x40...0x7E). A scalar outside the grammar
    /// ends the sequence and is handed back.
    private static func skipControlSequence(_ scalars: inout String.UnicodeScalarView.Iterator) -> Unicode.Scalar? {
        while let s = scalars.next() {
            switch s.value {
            case 0x20...0x3F: continue
            case 0x40...0x7E: return nil
            default: return s
            }
        }
        return nil
    }

    /// A control string runs to ST (ESC \ or 0x9C) or BEL.
    private static func skipString(_ scalars: inout String.UnicodeScalarView.Iterator) {
        var sawEscape = false
        while let s = scalars.next() {
            if s.value == 0x07 || s.value == 0x9C { return }
            if sawEscape, s.value == 0x5C { return }
            sawEscape = s.value == 0x1B
        }
    }
}
