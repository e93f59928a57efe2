import Foundation

/// What `decide` may know beyond the command and the state, passed in so that deciding stays pure:
/// the clock, the person's zone and identity, and where new ids come from.
public struct DecisionContext: Sendable {
    public var now: Date
    /// The zone of the person typing; a task's own due zone wins where it has one.
    public var zone: TimeZone
    public var userID: String?
    public var correlationID: String?
    /// New event, comment and update ids (UUIDs in production, `SequentialIDs` in tests and replays).
    public var makeID: @Sendable () -> String

    public init(
        now: Date, zone: TimeZone, userID: String? = nil, correlationID: String? = nil,
        makeID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }
    ) {
        self.now = now
        self.zone = zone
        self.userID = userID
        self.correlationID = correlationID
        self.makeID = makeID
    }
}

/// Ids `prefix-1`, `prefix-2`, ...: deterministic ids for tests and the replay mode.
public final class SequentialIDs: @unchecked Sendable {
    private let lock = NSLock()
    private var counter = 0
    private let prefix: String

    public init(prefix: String = "id") { self.prefix = prefix }

    public func next() -> String {
        lock.lock()
        defer { lock.unlock() }
        counter += 1
        return "\(prefix)-\(counter)"
    }
}
