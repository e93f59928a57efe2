/// Five levels. Todoist's p1 is the most urgent, so p1...p4 map onto urgent...low and "no priority" is `none`.
public enum Priority: String, Sendable, Codable, CaseIterable, Comparable {
    case none, low, medium, high, urgent

    public var rank: Int {
        switch self {
        case .none: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .urgent: 4
        }
    }

    /// `p1` (urgent) ... `p4` (low).
    public init?(todoistLevel level: Int) {
        switch level {
        case 1: self = .urgent
        case 2: self = .high
        case 3: self = .medium
        case 4: self = .low
        default: return nil
        }
    }

    public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rank < rhs.rank }
}
