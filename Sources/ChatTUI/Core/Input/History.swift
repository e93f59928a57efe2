import Foundation

/// Lines entered before, oldest first, with Up/Down browsing and Ctrl-R search. Persisting them is the
/// shell's job (`Effect.persistHistory`); the model keeps a bounded copy.
struct History: Hashable, Sendable {
    static let limit = 1000

    private(set) var entries: [String] = []
    /// While browsing: the entry shown, and the line that was being typed before browsing began.
    private(set) var browsing: (index: Int, draft: String)? = nil

    static func == (a: History, b: History) -> Bool {
        a.entries == b.entries && a.browsing?.index == b.browsing?.index && a.browsing?.draft == b.browsing?.draft
    }

    func hash(into hasher: inout Hasher) { hasher.combine(entries) }

    mutating func load(_ lines: [String]) {
        entries = (lines + entries).suffix(History.limit).map { $0 }
    }

    /// Records an entered line; repeating the previous line does not add it twice.
    mutating func record(_ line: String) {
        browsing = nil
        if entries.last != line { entries.append(line) }
        if entries.count > History.limit { entries.removeFirst(entries.count - History.limit) }
    }

    mutating func stopBrowsing() { browsing = nil }

    /// Up: the previous entry, or `nil` at the oldest.
    mutating func older(current: String) -> String? {
        guard !entries.isEmpty else { return nil }
        guard let (index, draft) = browsing else {
            browsing = (entries.count - 1, current)
            return entries[entries.count - 1]
        }
        guard index > 0 else { return nil }
        browsing = (index - 1, draft)
        return entries[index - 1]
    }

    /// Down: the next entry, or the draft when leaving the newest.
    mutating func newer() -> String? {
        guard let (index, draft) = browsing else { return nil }
        if index + 1 < entries.count {
            browsing = (index + 1, draft)
            return entries[index + 1]
        }
        browsing = nil
        return draft
    }

    /// The newest entry containing `query` strictly older than `before` (an index), case-insensitively.
    func search(_ query: String, before: Int? = nil) -> Int? {
        guard !query.isEmpty else { return nil }
        var i = min(before ?? entries.count, entries.count) - 1
        while i >= 0 {
            if entries[i].range(of: query, options: .caseInsensitive) != nil { return i }
            i -= 1
        }
        return nil
    }
}

/// Ctrl-R in progress: the query typed so far and the entry it found.
struct HistorySearch: Hashable, Sendable {
    var query = ""
    var match: Int?
    /// The line as it was before the search, restored by Esc.
    var original: InputLine
}
