import EventPublisher

/// What the worker asks of its Dapr sidecar. `DaprWorkerSidecar` is the real one (EventPublisher's
/// `DaprClient`); the tests use an in-memory one that can lose ETag races on purpose.
public protocol WorkerSidecar: Sendable {
    /// The stored JSON value and its ETag, or `nil` when the key is absent.
    func readState(key: String) async throws -> StoredValue?
    /// Writes with first-write concurrency: with an ETag, only over that version; without one, only
    /// if the key is still absent. A lost race throws `StateConflict`.
    func writeState(key: String, value: [UInt8], etag: String?) async throws
    func deleteState(key: String) async throws
    /// Publishes a structured CloudEvent; `partitionKey` keeps one task's events in one partition.
    func publish(topic: String, cloudEvent: [UInt8], partitionKey: String) async throws
    /// Creates or replaces the job `name`, due once at `dueTime` (RFC 3339); `data` comes back on
    /// `POST /job/<name>`.
    func scheduleJob(name: String, dueTime: String, data: JSONValue) async throws
    func deleteJob(name: String) async throws
    /// The sidecar's components are ready (`/v1.0/healthz/outbound`, which does not wait for us).
    func isReady() async -> Bool
}

public struct StoredValue: Sendable, Hashable {
    public var bytes: [UInt8]
    public var etag: String

    public init(bytes: [UInt8], etag: String) {
        self.bytes = bytes
        self.etag = etag
    }
}

/// Someone else wrote the key since we read it.
public struct StateConflict: Error, CustomStringConvertible {
    public var key: String
    public init(key: String) { self.key = key }
    public var description: String { "state \(key) changed since it was read" }
}

/// A request the sidecar refused for good (4xx): retrying the same request cannot help.
public struct PermanentSidecarError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
