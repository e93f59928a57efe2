import Glibc

extension ChatRuntime {
    /// Blocks this thread, handling messages as they come, until every publish has been answered and the
    /// bus has been quiet for `quiet` (or `limit` has passed). The line mode and headless replays use it
    /// so that a reply is printed only once the chat has it.
    func settle(quiet: Duration = .milliseconds(40), limit: Duration = .seconds(5)) {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        var lastActivity = clock.now
        // Nothing was published since the last settle: the bus owes no answer (a query, a typo).
        if !takePublishedSinceSettle() {
            drainInbox()
            _ = fireTimers()
            return
        }
        while clock.now < deadline {
            if drainInbox() { lastActivity = clock.now }
            _ = fireTimers()
            if isFinished || (!isBusy && clock.now - lastActivity >= quiet) { return }
            var descriptor = pollfd(fd: inbox.wakePipe.readFD, events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, 10)
        }
    }
}
