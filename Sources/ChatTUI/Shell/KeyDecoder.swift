/// What `wget_wch` returned: a character, or (with `keypad` on) a curses key code such as `KEY_UP`.
enum CursesInput: Equatable, Sendable {
    case character(UInt32)
    case keyCode(Int32)
}

/// A keystroke or a paste, after the escape prefixes curses leaves to us are folded in.
enum DecodedInput: Equatable, Sendable {
    /// A character as typed, control characters included (Ctrl-A is U+0001).
    case scalar(Unicode.Scalar)
    /// Alt (Meta) held: the terminal sent ESC before the character.
    case alt(Unicode.Scalar)
    case escape
    /// A curses key code (`KEY_UP`, `KEY_F(1)`, `KEY_RESIZE`, ...).
    case keyCode(Int32)
    /// The text of one bracketed paste, line ends normalised to "\n".
    case paste(String)
}

/// Folds ESC-prefixed input into Alt keys and bracketed pastes. Pure, so it is tested on code sequences.
/// Curses hands over an ESC alone when the following bytes are no key it knows; a batch of input is what
/// one `poll()` wake-up read, and an ESC still open at the end of a batch is the Escape key.
struct KeyDecoder {
    private var pending: [UInt32] = []
    private var paste: [UInt32]?

    mutating func feed(_ input: CursesInput) -> [DecodedInput] {
        switch input {
        case .keyCode(let code): flushPending() + [.keyCode(code)]
        case .character(let code): feedCharacter(code)
        }
    }

    /// The end of a batch: an open ESC is the Escape key. An open paste stays open across batches.
    mutating func endOfBatch() -> [DecodedInput] {
        flushPending()
    }

    private mutating func feedCharacter(_ code: UInt32) -> [DecodedInput] {
        if paste != nil { return feedPaste(code) }
        if pending.isEmpty {
            if code == 0x1B {
                pending = [code]
                return []
            }
            return [scalarInput(code)]
        }
        pending.append(code)
        if pending == BracketedPaste.start {
            pending = []
            paste = []
            return []
        }
        if BracketedPaste.start.starts(with: pending) { return [] }
        if pending.count == 2, pending[1] != 0x1B, let scalar = Unicode.Scalar(pending[1]) {
            pending = []
            return [.alt(scalar)]
        }
        // An escape sequence curses did not know: drop it rather than type its bytes into the input.
        pending = []
        return code == 0x1B ? [.escape] : []
    }

    private mutating func flushPending() -> [DecodedInput] {
        defer { pending = [] }
        return pending == [0x1B] ? [.escape] : []
    }

    private mutating func feedPaste(_ code: UInt32) -> [DecodedInput] {
        paste!.append(code)
        guard paste!.count >= BracketedPaste.end.count,
            paste!.suffix(BracketedPaste.end.count) == BracketedPaste.end[...]
        else { return [] }
        let body = paste!.dropLast(BracketedPaste.end.count)
        paste = nil
        var text = String.UnicodeScalarView()
        var previousWasCR = false
        for value in body {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if scalar == "\r" {
                text.append("\n")
            } else if !(scalar == "\n" && previousWasCR) {
                text.append(scalar)
            }
            previousWasCR = scalar == "\r"
        }
        return [.paste(String(text))]
    }

    private func scalarInput(_ code: UInt32) -> DecodedInput {
        Unicode.Scalar(code).map(DecodedInput.scalar) ?? .scalar("\u{FFFD}")
    }
}
