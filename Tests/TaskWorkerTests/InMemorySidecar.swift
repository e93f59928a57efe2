import EventPublisher
import Foundation
import Synchronization
import TaskWorker

/// A sidecar in memory, with ETags that behave like the real store's, and hooks to lose a race or
/// fail a call on purpose.
final class InMemorySidecar: WorkerSidecar {
    struct Published: Hashable {
        var topic: String
        var cloudEvent: [UInt8]
        var partitionKey: String

        var event: CloudEvent { try! CloudEvent.decode(json: cloudEvent) }
    }

    struct Job: Hashable {
        var dueTime: String
        var data: JSONValue
    }

    private struct Contents {
        var state: [String: (bytes: [UInt8], etag: Int)] = [:]
        var nextETag = 1
        var published: [Published] = []
        var jobs: [String: Job] = [:]
        var deletedJobs: [String] = []
        var failPublishes = 0
        var refuseJobs = false
        var writeHooks: [String: @Sendable () async -> Void] = [:]
    }

    private let contents = Mutex(Contents())

    var published: [Published] { contents.withLock { $0.published } }
    var jobs: [String: Job] { contents.withLock { $0.jobs } }
    var deletedJobs: [String] { contents.withLock { $0.deletedJobs } }

    /// The next `count` publishes fail as a broker outage would (500).
    func failNextPublishes(_ count: Int) { contents.withLock { $0.failPublishes = count } }
    func refuseJobs(_ refuse: Bool) { contents.withLock { $0.refuseJobs = refuse } }

    /// Runs `hook` once, just before the next write of `key` is checked: another replica's write.
    func beforeNextWrite(of key: String, _ hook: @escaping @Sendable () async -> Void) {
        contents.withLock { $0.writeHooks[key] = hook }
    }

    /// Writes like another replica would: unconditionally, with a new ETag.
    func overwrite(key: String, bytes: [UInt8]) {
        contents.withLock { c in
            c.state[key] = (bytes, c.nextETag)
            c.nextETag += 1
        }
    }

    func raw(key: String) -> [UInt8]? { contents.withLock { $0.state[key]?.bytes } }

    func readState(key: String) async throws -> StoredValue? {
        contents.withLock { c in c.state[key].map { StoredValue(bytes: $0.bytes, etag: String($0.etag)) } }
    }

    func writeState(key: String, value: [UInt8], etag: String?) async throws {
        let hook = contents.withLock { $0.writeHooks.removeValue(forKey: key) }
        await hook?()
        try contents.withLock { c in
            let current = c.state[key]
            if let etag {
                guard let current, String(current.etag) == etag else { throw StateConflict(key: key) }
            } else if current != nil {
                throw StateConflict(key: key)
            }
            c.state[key] = (value, c.nextETag)
            c.nextETag += 1
        }
    }

    func deleteState(key: String) async throws {
        _ = contents.withLock { $0.state.removeValue(forKey: key) }
    }

    func publish(topic: String, cloudEvent: [UInt8], partitionKey: String) async throws {
        try contents.withLock { c in
            if c.failPublishes > 0 {
                c.failPublishes -= 1
                throw DaprError(
                    kind: .serverError, status: 500, errorCode: "ERR_PUBSUB_PUBLISH_MESSAGE", message: "broker down")
            }
            c.published.append(Published(topic: topic, cloudEvent: cloudEvent, partitionKey: partitionKey))
        }
    }

    func scheduleJob(name: String, dueTime: String, data: JSONValue) async throws {
        try contents.withLock { c in
            if c.refuseJobs { throw PermanentSidecarError("DAPR_SCHEDULER_SCHEDULE_JOB: invalid dueTime") }
            c.jobs[name] = Job(dueTime: dueTime, data: data)
        }
    }

    func deleteJob(name: String) async throws {
        contents.withLock { c in
            c.jobs[name] = nil
            c.deletedJobs.append(name)
        }
    }

    func isReady() async -> Bool { true }
}
