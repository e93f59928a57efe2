import Foundation
import TodoCore

/// The conversation: what the person typed, what the chat answered, and what happened meanwhile.
/// Entries are stored unwrapped (about 100 bytes each, so 100,000 lines stay near 10 MB); the view
/// wraps only the rows it shows.
struct Transcript: Sendable {
    enum Kind: UInt8, Sendable {
        case user
        case reply
        case notice
        case error
        case reminder
        case daySeparator
    }

    struct Entry: Sendable {
        var kind: Kind
        /// "HH:MM", empty for replies (they sit under the line they answer).
        var time: String
        var text: String
    }

    private(set) var entries: [Entry] = []
    private(set) var stamp = Stamp()
    private var lastDay: LocalDate?

    var count: Int { entries.count }

    /// Appends a line; text from outside must already be sanitised, which `append` does again cheaply
    /// for the common plain-ASCII case. A new calendar day starts with a separator.
    mutating func append(_ kind: Kind, _ text: String, at instant: Date, zone: TimeZone) {
        let local = LocalDateTime(instant, in: zone)
        if lastDay != local.date {
            entries.append(Entry(kind: .daySeparator, time: "", text: Formatting.day(local.date)))
            lastDay = local.date
        }
        let time = kind == .reply ? "" : local.time.description
        entries.append(Entry(kind: kind, time: time, text: Sanitizer.clean(text)))
        stamp = Stamp()
    }

    /// How many rows the entries from `index` on take at `width` columns of text.
    func rows(from index: Int, width: Int) -> Int {
        guard width > 0 else { return 0 }
        return entries[index...].reduce(0) {
            $0 + ($1.kind == .daySeparator ? 1 : TextWrap.wrap($1.text, width: width).count)
        }
    }
}

/// The feed of `task-updates` under the task list: the latest arrivals, newest last, bounded.
struct Feed: Sendable {
    struct Entry: Sendable {
        /// A task update is worded when it is read: under a flood most entries are pushed out of the bounded
        /// feed before anyone sees them, and wording them all was a large share of each update's cost.
        enum Wording: Sendable {
            case written(time: String, text: String)
            case update(Update)
        }

        /// What `FeedWording` needs, taken when the update arrived.
        struct Update: Sendable {
            var instant: Date
            var zone: TimeZone
            var before: Task?
            var after: Task
            var today: LocalDate
            var userID: String?
        }

        var wording: Wording
        var isReminder: Bool
        /// The processor's echo of a change this chat made: the screen's feed shows it (the round trip done),
        /// the line mode leaves it out (its reply already said so).
        var confirmsOwnChange = false

        init(time: String, text: String, isReminder: Bool, confirmsOwnChange: Bool = false) {
            self.init(
                wording: .written(time: time, text: text), isReminder: isReminder, confirmsOwnChange: confirmsOwnChange)
        }

        init(wording: Wording, isReminder: Bool, confirmsOwnChange: Bool) {
            self.wording = wording
            self.isReminder = isReminder
            self.confirmsOwnChange = confirmsOwnChange
        }

        var time: String {
            switch wording {
            case .written(let time, _): time
            case .update(let update): Formatting.clock(update.instant, zone: update.zone)
            }
        }

        var text: String {
            switch wording {
            case .written(_, let text):
                return text
            case .update(let update):
                let by = update.userID.map { " by \(Sanitizer.clean($0))" } ?? ""
                return FeedWording.describe(before: update.before, after: update.after, today: update.today) + by
            }
        }
    }

    static let capacity = 200

    private(set) var entries: [Entry] = []
    private var head = 0
    private(set) var stamp = Stamp()
    /// Entries appended since the start, including those the bound pushed out (the line mode prints
    /// the ones it has not printed yet).
    private(set) var appended = 0

    mutating func append(_ entry: Entry) {
        appended += 1
        if entries.count < Feed.capacity {
            entries.append(entry)
        } else {
            entries[head] = entry
            head = (head + 1) % Feed.capacity
        }
        stamp = Stamp()
    }

    /// The newest `n` entries, oldest first.
    func latest(_ n: Int) -> [Entry] {
        let count = min(n, entries.count)
        return (entries.count - count..<entries.count).map { entries[(head + $0) % entries.count] }
    }
}
