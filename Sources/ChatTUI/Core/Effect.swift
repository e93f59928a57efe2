import Foundation
import TodoCore

/// Work that `update` asks the shell to do. Effects are data, so tests assert on them.
public enum Effect: Hashable, Sendable {
    /// Hand these events to the bus, in order (outbox first); answer with `Msg.publishResult`.
    case publish([TaskEvent])
    /// Append one line to the input history file.
    case persistHistory(String)
    /// Ring the terminal bell once.
    case bell
    /// Restore the terminal and exit.
    case quit
    /// Restore the terminal and stop the process (Ctrl-Z); redraw fully when continued.
    case suspend
    /// Clear the terminal and draw the whole frame again (Ctrl-L), for a screen garbled from outside.
    case redraw
    /// Send `Msg.tick` at this instant (or at once if it has passed). A new request replaces the old one.
    case scheduleTick(at: Date)
}
