import EventPublisher
import Foundation

/// The worker's sidecar calls, made with EventPublisher's `DaprClient`.
public struct DaprWorkerSidecar: WorkerSidecar {
    public let client: DaprClient
    public let pubsub: String
    public let stateStore: String
    /// The scheduler retries a failed trigger this often before giving up (§5's default is 3 at 1 s).
    public static let triggerRetries = 3

    public init(client: DaprClient, pubsub: String, stateStore: String) {
        self.client = client
        self.pubsub = pubsub
        self.stateStore = stateStore
    }

    /// A sidecar at `baseURL` (`http://127.0.0.1:3500`), with the token of `DAPR_API_TOKEN` if set.
    public init(baseURL: String, pubsub: String = "kafka-pubsub", stateStore: String = "todo-state") {
        let token = ProcessInfo.processInfo.environment["DAPR_API_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        self.init(
            client: DaprClient(endpoint: DaprEndpoint(baseURL: baseURL, apiToken: token)), pubsub: pubsub,
            stateStore: stateStore)
    }

    public func readState(key: String) async throws -> StoredValue? {
        guard let entry = try await client.getState(store: stateStore, key: key) else { return nil }
        // Every store the worker supports returns an ETag; without one a safe write is impossible.
        guard let etag = entry.etag else {
            throw PermanentSidecarError("state store \(stateStore) returned \(key) without an ETag")
        }
        return StoredValue(bytes: entry.value, etag: etag)
    }

    public func writeState(key: String, value: [UInt8], etag: String?) async throws {
        do {
            try await client.saveState(
                store: stateStore, [.init(key: key, value: value, etag: etag, concurrency: .firstWrite)])
        } catch {
            if error.kind == .etagMismatch { throw StateConflict(key: key) }
            // PostgreSQL v1 answers an insert over an existing key with 500 "no item was updated",
            // not 409 (dapr-contract.md §4): look again to tell a lost race from a failure.
            if etag == nil, (try? await client.getState(store: stateStore, key: key)) != nil {
                throw StateConflict(key: key)
            }
            throw Self.classify(error)
        }
    }

    public func deleteState(key: String) async throws {
        do { try await client.deleteState(store: stateStore, key: key) } catch { throw Self.classify(error) }
    }

    public func publish(topic: String, cloudEvent: [UInt8], partitionKey: String) async throws {
        do {
            try await client.publish(
                pubsub: pubsub, topic: topic, cloudEvent: cloudEvent, metadata: ["partitionKey": partitionKey])
        } catch {
            throw Self.classify(error)
        }
    }

    public func scheduleJob(name: String, dueTime: String, data: JSONValue) async throws {
        let job = DaprClient.Job(
            dueTime: dueTime, data: data, overwrite: true,
            failurePolicy: .constant(interval: "1s", maxRetries: Self.triggerRetries))
        do { try await client.scheduleJob(name: name, job) } catch { throw Self.classify(error) }
    }

    public func deleteJob(name: String) async throws {
        do { try await client.deleteJob(name: name) } catch { throw Self.classify(error) }
    }

    public func isReady() async -> Bool { await client.isOutboundHealthy() }

    private static func classify(_ error: DaprError) -> any Error {
        error.isTransient ? error : PermanentSidecarError(error.message)
    }
}
