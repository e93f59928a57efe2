import CNcurses

extension Msg {
    /// The message for a decoded keystroke or paste; nil for input the chat has no use for.
    init?(_ input: DecodedInput) {
        switch input {
        case .paste(let text): self = .paste(text)
        case .escape: self = .key(.escape)
        case .alt(let scalar): self = .key(.alt(Character(scalar)))
        case .scalar(let scalar):
            guard let key = Key(scalar: scalar) else { return nil }
            self = .key(key)
        case .keyCode(let code):
            guard let key = Key(cursesCode: code) else { return nil }
            self = .key(key)
        }
    }
}

extension Key {
    fileprivate init?(scalar: Unicode.Scalar) {
        switch scalar.value {
        case 9: self = .tab
        case 10, 13: self = .enter
        case 8, 127: self = .backspace
        case 1...26: self = .control(Character(Unicode.Scalar(scalar.value + 0x60)!))
        case 0, 27...31: return nil
        default: self = .character(Character(scalar))
        }
    }

    fileprivate init?(cursesCode code: Int32) {
        switch code {
        case KEY_UP: self = .up
        case KEY_DOWN: self = .down
        case KEY_LEFT: self = .left
        case KEY_RIGHT: self = .right
        case KEY_HOME: self = .home
        case KEY_END: self = .end
        case KEY_PPAGE: self = .pageUp
        case KEY_NPAGE: self = .pageDown
        case KEY_BACKSPACE: self = .backspace
        case KEY_DC: self = .delete
        case KEY_IC: self = .insert
        case KEY_BTAB: self = .backTab
        case KEY_ENTER: self = .enter
        case tc_key_f(1)...tc_key_f(12): self = .function(Int(code - tc_key_f(0)))
        default: return nil
        }
    }
}
