/// The conversation as plain lines, for the line mode and headless replays: no colour, no layout,
/// nothing a screen reader would stumble on.
struct TranscriptText {
    private(set) var printed = 0
    private var feedPrinted = 0

    /// The entries added since the last call, one line each; `includeUser` keeps the typed lines
    /// (a pipe or a replay did not show them, an interactive prompt did).
    mutating func newLines(of model: Model, includeUser: Bool) -> [String] {
        let entries = model.transcript.entries
        defer { printed = entries.count }
        guard printed < entries.count else { return [] }
        return entries[printed...].compactMap { entry in
            switch entry.kind {
            case .user: includeUser ? "\(entry.time) > \(entry.text)" : nil
            case .daySeparator: "-- \(entry.text) --"
            case .reply: "      \(entry.text)"
            case .notice: "\(entry.time) * \(entry.text)"
            case .error: "\(entry.time) ! \(entry.text)"
            case .reminder: "\(entry.time) (reminder) \(entry.text)"
            }
        }.map(Sanitizer.clean)
    }

    /// What arrived on the updates feed since the last call (other chats' changes), one line each.
    /// Fired reminders are left out: the conversation has them already.
    mutating func newFeedLines(of model: Model) -> [String] {
        let feed = model.feed
        defer { feedPrinted = feed.appended }
        let fresh = min(feed.appended - feedPrinted, feed.entries.count)
        guard fresh > 0 else { return [] }
        return feed.latest(fresh).filter { !$0.isReminder }.map { Sanitizer.clean("\($0.time) (update) \($0.text)") }
    }
}
