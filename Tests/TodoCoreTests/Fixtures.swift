import Foundation

@testable import TodoCore

/// Shared values for the tests: one fixed "now" (Wed 25 Nov 2026 10:00 in Berlin) and small builders.
enum Fixture {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    static let newYork = TimeZone(identifier: "America/New_York")!
    static let utc = TimeZone(identifier: "UTC")!

    static func date(_ text: String) -> LocalDate { LocalDate(iso: text)! }
    static func dateTime(_ text: String) -> LocalDateTime { LocalDateTime(iso: text)! }

    static func instant(_ text: String, _ zone: TimeZone = berlin) -> Date { dateTime(text).instant(in: zone) }

    /// Wednesday 25 November 2026, 10:00 in Berlin.
    static let now = instant("2026-11-25T10:00")

    static func due(_ text: String, zone: String = "Europe/Berlin") -> Due { Due(localString: text, timeZone: zone)! }

    static func task(
        _ id: String, _ title: String = "task", due: String? = nil, priority: Priority = .none, tags: [String] = [],
        status: TaskStatus = .open, assignee: String? = nil, created: Int = 0, updated: Int? = nil
    ) -> Task {
        Task(
            id: TaskID(id), title: title, due: due.map { Self.due($0) }, priority: priority, tags: tags, status: status,
            assignee: assignee, createdAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(created)),
            updatedAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(updated ?? created)))
    }
}
