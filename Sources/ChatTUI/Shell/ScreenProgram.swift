/// The chat as the screen loop drives it. Every call happens on the terminal thread.
protocol ScreenProgram: AnyObject {
    /// True once the program has asked to quit.
    var isFinished: Bool { get }
    /// False while the program cannot take keys yet (its store is still opening); keys wait in the
    /// terminal meanwhile, in order.
    var acceptsInput: Bool { get }
    /// True when the program asked to be suspended (Ctrl-Z typed as a key, or a command); cleared by the loop.
    func takeSuspendRequest() -> Bool
    /// True when the program asked for a full repaint (Ctrl-L); cleared by the loop.
    func takeRedrawRequest() -> Bool
    /// A key or a paste from the terminal.
    func receive(_ input: DecodedInput)
    /// The terminal's size, at start and after every resize.
    func resize(cols: Int, rows: Int)
    /// Handles whatever other threads queued; true if anything was handled.
    func drainInbox() -> Bool
    /// The wake-up pipe that other threads write to when they queue something.
    var wakeDescriptor: Int32 { get }
    /// Handles the timers that are due (clock minute, reminders) and says when the next one is due,
    /// in milliseconds from now; nil when nothing is scheduled.
    func fireTimers() -> Int?
    /// The screen as it should look now.
    func frame() -> Frame
    /// Work the first keystroke would otherwise pay for, done once the first frame is on screen.
    func warmUp()
}
