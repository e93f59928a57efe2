/// When the next frame may be drawn: at once while the screen has been calm, at a steady rate under a
/// flood. A bucket holds `burst` frames and refills one per `interval`; so an Enter, the publish result
/// and the task-update it brings back a few milliseconds later are each drawn at once, and no stretch of
/// one second ever has more than `burst` + 1 s / `interval` frames (3 + 27 = 30, the live pane's budget).
struct FramePacer {
    let interval: Duration
    let burst: Int
    /// `interval * burst`, worked out once: `Duration` arithmetic is 128-bit, and this runs per frame.
    private let capacity: Duration
    /// Frames that may be drawn now, in units of `interval`, counted at `since`.
    private var credit: Duration
    private var since: ContinuousClock.Instant?

    init(interval: Duration = .seconds(1) / 27, burst: Int = 3) {
        self.interval = interval
        self.burst = burst
        capacity = interval * burst
        credit = capacity
    }

    /// How long until a frame may be drawn; zero when it may be drawn now.
    func wait(at now: ContinuousClock.Instant) -> Duration {
        let available = self.available(at: now)
        return available >= interval ? .zero : interval - available
    }

    /// A frame was drawn (paced or not: a resize is answered at once, but it still counts).
    mutating func didPresent(at now: ContinuousClock.Instant) {
        credit = max(.zero, available(at: now) - interval)
        since = now
    }

    private func available(at now: ContinuousClock.Instant) -> Duration {
        guard let since else { return credit }
        return min(capacity, credit + (now - since))
    }
}
