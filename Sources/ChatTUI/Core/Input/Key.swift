/// A key press as the shell decoded it. Printable text arrives as `.character`; Ctrl+letter as
/// `.control("a")` (the shell maps byte 1 to `.control("a")`, 127 and 8 to `.backspace`, 9 to `.tab`,
/// 10 and 13 to `.enter`); Alt/Meta+key (ESC prefix) as `.alt`.
public enum Key: Hashable, Sendable {
    case character(Character)
    case control(Character)
    case alt(Character)
    case enter
    case tab
    case backTab
    case backspace
    case delete
    case escape
    case insert
    case up
    case down
    case left
    case right
    case home
    case end
    case pageUp
    case pageDown
    /// F1...F12.
    case function(Int)
}
