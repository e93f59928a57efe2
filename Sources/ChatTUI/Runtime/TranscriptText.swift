/// The conversation as plain lines, for the line mode and headless replays: no colour, no layout,
/// nothing a screen reader would stumble on.
struct TranscriptText {
    private(set) var printed = 0

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
        }
    }
}
