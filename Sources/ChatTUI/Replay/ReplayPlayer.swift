/// Plays a timeline on the screen: hands out the actions that are due, at `speed`.
/// After Enter it waits for the bus to answer, so that the next line never races the previous one.
struct ReplayPlayer {
    private let entries: [ReplayTimeline.Entry]
    private let speed: Double
    private var index = 0
    private var nextDue: ContinuousClock.Instant?

    init(script: ReplayScript, speed: Double) {
        entries = ReplayTimeline(script).entries
        self.speed = speed
    }

    var isFinished: Bool { index >= entries.count }

    /// The actions due at `now` (none while `busy`), and how long until the next one (nil: finished).
    mutating func due(at now: ContinuousClock.Instant, busy: Bool) -> (
        actions: [ReplayTimeline.Action], wait: Duration?
    ) {
        var actions: [ReplayTimeline.Action] = []
        while index < entries.count {
            let due = nextDue ?? now + entries[index].delay / speed
            nextDue = due
            if busy || due > now { return (actions, busy ? .milliseconds(20) : due - now) }
            actions.append(entries[index].action)
            index += 1
            nextDue = index < entries.count ? due + entries[index].delay / speed : nil
            if case .submit = actions.last { return (actions, .milliseconds(20)) }
        }
        return (actions, nil)
    }
}
