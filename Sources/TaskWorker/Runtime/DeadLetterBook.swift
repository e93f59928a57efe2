import EventPublisher
import Foundation

/// One event that sits in a `-dlq` topic, as the worker recorded it when it arrived there.
public struct DeadLetter: Codable, Sendable, Hashable {
    /// The CloudEvent `id`.
    public var id: String
    /// The topic it failed on (`task-events`), where `republish` sends it back.
    public var topic: String
    public var type: String
    public var subject: String?
    public var correlationID: String?
    public var receivedAt: Date
    /// Why it failed: the last error the worker recorded while handling it, or what is known.
    public var reason: String
    /// Deliveries the worker saw fail before the sidecar gave up.
    public var attempts: Int
}

/// Why handling an event failed, kept while the sidecar retries it, so that the dead letter can say so.
struct FailureNote: Codable, Sendable, Hashable {
    var reason: String
    var attempts: Int
    var lastAt: Date
}

/// The dead letters, kept in the state store: an index of what arrived on the `-dlq` topics (the
/// worker subscribes to them) and the original CloudEvent of each, byte for byte.
///
/// Kafka cannot be browsed through Dapr (a subscription only moves forward), so the worker reads
/// each dead letter once as it arrives and keeps it here until someone republishes it.
public struct DeadLetterBook: Sendable {
    static let indexKey = "dead-letters"
    static func bodyKey(_ id: String) -> String { "dead-letter:" + id }
    static func failureKey(_ eventID: String) -> String { "failure:" + eventID }

    let sidecar: any WorkerSidecar
    let metrics: WorkerMetrics
    let index: VersionedState<[DeadLetter]>
    let failures: VersionedState<FailureNote>
    let bodies: VersionedState<String>

    public init(sidecar: any WorkerSidecar, metrics: WorkerMetrics) {
        self.sidecar = sidecar
        self.metrics = metrics
        index = VersionedState(sidecar: sidecar, metrics: metrics)
        failures = VersionedState(sidecar: sidecar, metrics: metrics)
        bodies = VersionedState(sidecar: sidecar, metrics: metrics)
    }

    /// Notes a failed attempt at handling `eventID`.
    func noteFailure(eventID: String, reason: String, at now: Date) async throws {
        try await failures.update(Self.failureKey(eventID)) { note in
            (FailureNote(reason: reason, attempts: (note?.attempts ?? 0) + 1, lastAt: now), ())
        }
    }

    /// Records a dead letter delivered from `deadLetterTopic`. A redelivery of the same one changes nothing.
    public func receive(cloudEvent bytes: [UInt8], deadLetterTopic: String, at now: Date) async throws {
        let event = try CloudEvent.decode(json: bytes)
        let note = try await failures.read(Self.failureKey(event.id))
        var correlation: String?
        if case .string(let value) = event[extension: "correlationid"] { correlation = value }
        let letter = DeadLetter(
            id: event.id, topic: Self.sourceTopic(of: deadLetterTopic), type: event.type, subject: event.subject,
            correlationID: correlation, receivedAt: now,
            reason: note?.reason
                ?? "no failure recorded by the worker (expired, matched no route, or failed at another subscriber)",
            attempts: note?.attempts ?? 0)
        try await bodies.update(Self.bodyKey(event.id)) { _ in (String(decoding: bytes, as: UTF8.self), ()) }
        let isNew = try await index.update(Self.indexKey) { letters in
            var letters = letters ?? []
            if let at = letters.firstIndex(where: { $0.id == letter.id }) {
                guard letters[at].reason != letter.reason || letters[at].attempts != letter.attempts else {
                    return (nil, false)
                }
                letters[at] = letter
                return (letters, false)
            }
            letters.append(letter)
            return (letters, true)
        }
        if isNew { metrics.increment(.deadLetters, labels: ["topic": letter.topic]) }
    }

    public func list() async throws -> [DeadLetter] {
        try await index.read(Self.indexKey) ?? []
    }

    /// Sends a dead letter back to its topic, unchanged, and forgets it (and its failures).
    public func republish(id: String) async throws -> DeadLetter? {
        guard let letter = try await list().first(where: { $0.id == id }),
            let body = try await bodies.read(Self.bodyKey(id))
        else { return nil }
        let key = letter.subject.map { $0.hasPrefix("task/") ? String($0.dropFirst(5)) : $0 } ?? id
        try await sidecar.publish(topic: letter.topic, cloudEvent: Array(body.utf8), partitionKey: key)
        try await index.update(Self.indexKey) { letters in
            ((letters ?? []).filter { $0.id != id }, ())
        }
        try await sidecar.deleteState(key: Self.bodyKey(id))
        try await sidecar.deleteState(key: Self.failureKey(id))
        metrics.increment(.deadLettersRepublished, labels: ["topic": letter.topic])
        return letter
    }

    static func sourceTopic(of deadLetterTopic: String) -> String {
        deadLetterTopic.hasSuffix("-dlq") ? String(deadLetterTopic.dropLast(4)) : deadLetterTopic
    }
}
