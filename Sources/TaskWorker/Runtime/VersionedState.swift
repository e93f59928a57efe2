import Foundation
import TodoCore

/// A Codable value in the state store, changed only over the version it was read at.
///
/// `update` reads the key, lets `change` decide on what it read, and writes with that ETag. When
/// another replica wrote first, the write fails, and the whole decision is made again on the fresh
/// value: a change is never written over one it did not see.
public struct VersionedState<Value: Codable & Sendable>: Sendable {
    public let sidecar: any WorkerSidecar
    public let metrics: WorkerMetrics
    /// Lost races in a row before the delivery is given back to the sidecar to retry later.
    public var maxAttempts = 12

    public init(sidecar: any WorkerSidecar, metrics: WorkerMetrics) {
        self.sidecar = sidecar
        self.metrics = metrics
    }

    public func read(_ key: String) async throws -> Value? {
        guard let stored = try await sidecar.readState(key: key) else { return nil }
        return try WorkerJSON.decoder.decode(Value.self, from: Data(stored.bytes))
    }

    /// `change` returns the new value (or `nil` to leave the key as it is) and a result for the caller.
    public func update<Result: Sendable>(
        _ key: String, _ change: (Value?) throws -> (write: Value?, result: Result)
    ) async throws -> Result {
        var attempt = 0
        while true {
            attempt += 1
            let stored = try await sidecar.readState(key: key)
            let current = try stored.map { try WorkerJSON.decoder.decode(Value.self, from: Data($0.bytes)) }
            let (write, result) = try change(current)
            guard let write else { return result }
            do {
                try await sidecar.writeState(
                    key: key, value: Array(try WorkerJSON.encoder.encode(write)), etag: stored?.etag)
                return result
            } catch is StateConflict where attempt < maxAttempts {
                metrics.increment(.etagConflicts)
                // Two replicas racing on one key would otherwise collide again in lockstep.
                try await _Concurrency.Task.sleep(for: .milliseconds(Int.random(in: 1...(5 * attempt))))
            }
        }
    }
}

/// The encoding of the worker's own state-store records: TodoCore's wire coders (RFC 3339 times).
public enum WorkerJSON {
    public static let encoder = TodoJSON.makeEncoder()
    public static let decoder = TodoJSON.makeDecoder()
}
