import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The sidecar's HTTP API as used by the chat and the worker: publish, bulk publish, state (with ETags
/// and transactions), jobs, metadata and health. Routes and answers follow dapr-contract.md.
/// Every call sends `dapr-api-token` when a token is configured.
public struct DaprClient: Sendable {
    public let endpoint: DaprEndpoint
    private let http: HTTPClient
    private let timeout: TimeAmount

    public init(endpoint: DaprEndpoint, httpClient: HTTPClient = .shared, timeout: Duration = .seconds(10)) {
        self.endpoint = endpoint
        self.http = httpClient
        self.timeout = .nanoseconds(
            Int64(timeout.components.seconds) * 1_000_000_000
                + timeout.components.attoseconds / 1_000_000_000)
    }

    // MARK: Pub/sub (§1)

    /// `POST /v1.0/publish/{pubsub}/{topic}` with a structured CloudEvent; 204 means the broker has it.
    public func publish(
        pubsub: String, topic: String, cloudEvent body: [UInt8], metadata: [String: String] = [:]
    ) async throws(DaprError) {
        let path = "/v1.0/publish/\(segment(pubsub))/\(topicPath(topic))" + query(metadata)
        let response = try await send(.POST, path, body: body, contentType: CloudEvent.mediaType)
        try expect(response, 204, context: .publish(pubsub: pubsub, topic: topic))
    }

    public struct BulkEntry: Hashable, Sendable {
        public var entryID: String
        /// A structured CloudEvent.
        public var cloudEvent: [UInt8]
        public var metadata: [String: String]

        public init(entryID: String, cloudEvent: [UInt8], metadata: [String: String] = [:]) {
            self.entryID = entryID
            self.cloudEvent = cloudEvent
            self.metadata = metadata
        }
    }

    /// `POST /v1.0-alpha1/publish/bulk/{pubsub}/{topic}` (§1.6). Returns the entries that failed (empty when
    /// all were delivered); throws when the whole request failed.
    public func bulkPublish(pubsub: String, topic: String, entries: [BulkEntry]) async throws(DaprError)
        -> [String: String]
    {
        var body: [UInt8] = [UInt8(ascii: "[")]
        for (index, entry) in entries.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body += Array(#"{"entryId":"#.utf8)
            JSONValue.writeString(entry.entryID, to: &body)
            body += Array(#","contentType":"application/cloudevents+json","event":"#.utf8)
            body += entry.cloudEvent
            if !entry.metadata.isEmpty {
                body += Array(#","metadata":"#.utf8)
                JSONValue.object(entry.metadata.sorted { $0.key < $1.key }.map { .init($0.key, .string($0.value)) })
                    .write(to: &body)
            }
            body.append(UInt8(ascii: "}"))
        }
        body.append(UInt8(ascii: "]"))
        let path = "/v1.0-alpha1/publish/bulk/\(segment(pubsub))/\(topicPath(topic))"
        let response = try await send(.POST, path, body: body, contentType: "application/json")
        if response.status == 204 { return [:] }
        if response.status == 500, case .array(let failed)? = (try? JSONValue.parse(response.body))?["failedEntries"] {
            var result: [String: String] = [:]
            for item in failed {
                if case .string(let id)? = item["entryId"] {
                    if case .string(let error)? = item["error"] { result[id] = error } else { result[id] = "failed" }
                }
            }
            if !result.isEmpty { return result }
        }
        try expect(response, 204, context: .publish(pubsub: pubsub, topic: topic))
        return [:]
    }

    // MARK: State (§4)

    public struct StateEntry: Hashable, Sendable {
        /// The stored JSON value.
        public var value: [UInt8]
        public var etag: String?
    }

    public struct StateItem: Hashable, Sendable {
        public enum Concurrency: String, Hashable, Sendable {
            case firstWrite = "first-write"
            case lastWrite = "last-write"
        }

        public var key: String
        /// A JSON value.
        public var value: [UInt8]
        public var etag: String?
        public var concurrency: Concurrency?

        public init(key: String, value: [UInt8], etag: String? = nil, concurrency: Concurrency? = nil) {
            self.key = key
            self.value = value
            self.etag = etag
            self.concurrency = concurrency
        }

        func json() throws(DaprError) -> JSONValue {
            let parsed: JSONValue
            do {
                parsed = try JSONValue.parse(value)
            } catch {
                throw DaprError(
                    kind: .rejected, status: nil, errorCode: nil,
                    message: "state value for \(key) is not JSON: \(error)")
            }
            var members: [JSONValue.Member] = [.init("key", .string(key)), .init("value", parsed)]
            if let etag { members.append(.init("etag", .string(etag))) }
            if let concurrency {
                members.append(.init("options", .object([.init("concurrency", .string(concurrency.rawValue))])))
            }
            return .object(members)
        }
    }

    public enum StateOperation: Hashable, Sendable {
        case upsert(StateItem)
        case delete(key: String, etag: String?)
    }

    /// `GET /v1.0/state/{store}/{key}`: the value and its ETag, or `nil` when the key is absent (204).
    public func getState(store: String, key: String) async throws(DaprError) -> StateEntry? {
        let response = try await send(.GET, "/v1.0/state/\(segment(store))/\(segment(key))")
        if response.status == 204 { return nil }
        try expect(response, 200, context: .state(store: store))
        return StateEntry(value: response.body, etag: response.headers.first(name: "etag"))
    }

    /// `POST /v1.0/state/{store}`; an ETag that no longer matches throws `.etagMismatch`.
    public func saveState(store: String, _ items: [StateItem]) async throws(DaprError) {
        let body = JSONValue.array(try items.map { item throws(DaprError) in try item.json() }).serialized
        let response = try await send(
            .POST, "/v1.0/state/\(segment(store))", body: body, contentType: "application/json")
        try expect(response, 204, context: .state(store: store))
    }

    /// `DELETE /v1.0/state/{store}/{key}` with `If-Match` when an ETag is given.
    public func deleteState(store: String, key: String, etag: String? = nil) async throws(DaprError) {
        var headers: [(String, String)] = []
        if let etag { headers.append(("if-match", etag)) }
        let response = try await send(.DELETE, "/v1.0/state/\(segment(store))/\(segment(key))", headers: headers)
        try expect(response, 204, context: .state(store: store))
    }

    /// `POST /v1.0/state/{store}/transaction`: all or nothing. A conflict comes back as 500
    /// `ERR_STATE_TRANSACTION` (§4), reported as `.etagMismatch` when the message says so.
    public func stateTransaction(store: String, _ operations: [StateOperation]) async throws(DaprError) {
        var list: [JSONValue] = []
        for operation in operations {
            switch operation {
            case .upsert(let item):
                list.append(.object([.init("operation", .string("upsert")), .init("request", try item.json())]))
            case .delete(let key, let etag):
                var request: [JSONValue.Member] = [.init("key", .string(key))]
                if let etag { request.append(.init("etag", .string(etag))) }
                list.append(.object([.init("operation", .string("delete")), .init("request", .object(request))]))
            }
        }
        let body = JSONValue.object([.init("operations", .array(list))]).serialized
        let response = try await send(
            .POST, "/v1.0/state/\(segment(store))/transaction", body: body, contentType: "application/json")
        try expect(response, 204, context: .state(store: store))
    }

    // MARK: Jobs (§5)

    public struct Job: Hashable, Sendable {
        public enum FailurePolicy: Hashable, Sendable {
            case drop
            case constant(interval: String, maxRetries: Int?)
        }

        /// Cron with seconds (`0 30 9 * * *`) or `@every 1h`.
        public var schedule: String?
        /// RFC 3339, a Go duration or ISO 8601.
        public var dueTime: String?
        public var repeats: Int?
        public var ttl: String?
        /// What the sidecar posts back to `POST /job/<name>`, exactly.
        public var data: JSONValue?
        public var overwrite: Bool
        public var failurePolicy: FailurePolicy?

        public init(
            schedule: String? = nil, dueTime: String? = nil, repeats: Int? = nil, ttl: String? = nil,
            data: JSONValue? = nil, overwrite: Bool = true, failurePolicy: FailurePolicy? = nil
        ) {
            self.schedule = schedule
            self.dueTime = dueTime
            self.repeats = repeats
            self.ttl = ttl
            self.data = data
            self.overwrite = overwrite
            self.failurePolicy = failurePolicy
        }

        var json: JSONValue {
            var members: [JSONValue.Member] = []
            if let schedule { members.append(.init("schedule", .string(schedule))) }
            if let dueTime { members.append(.init("dueTime", .string(dueTime))) }
            if let repeats { members.append(.init("repeats", .number(String(repeats)))) }
            if let ttl { members.append(.init("ttl", .string(ttl))) }
            if let data { members.append(.init("data", data)) }
            members.append(.init("overwrite", .bool(overwrite)))
            switch failurePolicy {
            case .drop: members.append(.init("failurePolicy", .object([.init("drop", .object([]))])))
            case .constant(let interval, let maxRetries):
                var constant: [JSONValue.Member] = [.init("interval", .string(interval))]
                if let maxRetries { constant.append(.init("maxRetries", .number(String(maxRetries)))) }
                members.append(.init("failurePolicy", .object([.init("constant", .object(constant))])))
            case nil: break
            }
            return .object(members)
        }
    }

    /// `POST /v1.0-alpha1/jobs/{name}` (Dapr 1.14+; the stable `/v1.0/jobs` exists only from 1.18).
    public func scheduleJob(name: String, _ job: Job) async throws(DaprError) {
        let response = try await send(
            .POST, "/v1.0-alpha1/jobs/\(segment(name))", body: job.json.serialized, contentType: "application/json")
        try expect(response, 204, context: .jobs)
    }

    /// `DELETE /v1.0-alpha1/jobs/{name}`.
    public func deleteJob(name: String) async throws(DaprError) {
        let response = try await send(.DELETE, "/v1.0-alpha1/jobs/\(segment(name))")
        try expect(response, 204, context: .jobs)
    }

    // MARK: Health and metadata (§6)

    /// `GET /v1.0/healthz/outbound`: the sidecar's components are ready. Never `/v1.0/healthz`, which also
    /// waits for our app port and would deadlock a caller that has not opened it yet.
    public func isOutboundHealthy() async -> Bool {
        (try? await send(.GET, "/v1.0/healthz/outbound"))?.status == 204
    }

    /// `GET /v1.0/metadata`.
    public func metadata() async throws(DaprError) -> SidecarMetadata {
        let response = try await send(.GET, "/v1.0/metadata")
        try expect(response, 200, context: .metadata)
        do {
            return try SidecarMetadata(json: try JSONValue.parse(response.body))
        } catch {
            throw DaprError(
                kind: .serverError, status: 200, errorCode: nil,
                message: "the sidecar's /v1.0/metadata answer is not what Dapr sends: \(error)")
        }
    }

    // MARK: Transport

    struct Response {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
    }

    /// One request to the sidecar; internal so tests can drive the stand-in's `/_standin/` hooks.
    func send(
        _ method: HTTPMethod, _ path: String, body: [UInt8]? = nil, contentType: String? = nil,
        headers extra: [(String, String)] = []
    ) async throws(DaprError) -> Response {
        var request = HTTPClientRequest(url: endpoint.baseURL + path)
        request.method = method
        if let token = endpoint.apiToken { request.headers.add(name: "dapr-api-token", value: token) }
        if let contentType { request.headers.add(name: "content-type", value: contentType) }
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let response = try await http.execute(request, timeout: timeout)
            var buffer = try await response.body.collect(upTo: 16 << 20)
            return Response(
                status: Int(response.status.code), headers: response.headers,
                body: buffer.readBytes(length: buffer.readableBytes) ?? [])
        } catch {
            throw DaprError(
                kind: .unreachable, status: nil, errorCode: nil,
                message: "the Dapr sidecar at \(endpoint.baseURL) did not answer \(method) \(path): \(error)")
        }
    }

    enum Context {
        case publish(pubsub: String, topic: String)
        case state(store: String)
        case jobs
        case metadata
    }

    private func expect(_ response: Response, _ status: Int, context: Context) throws(DaprError) {
        guard response.status != status else { return }
        throw Self.explain(response, context: context, hasToken: endpoint.apiToken != nil)
    }

    /// Turns an answer into the sentence that says what to do about it.
    static func explain(_ response: Response, context: Context, hasToken: Bool) -> DaprError {
        let json = try? JSONValue.parse(response.body)
        var code: String?
        var detail = String(decoding: response.body.prefix(500), as: UTF8.self)
        if case .string(let c)? = json?["errorCode"] { code = c }
        if case .string(let m)? = json?["message"] { detail = m }
        let status = response.status
        func error(_ kind: DaprError.Kind, _ message: String) -> DaprError {
            DaprError(kind: kind, status: status, errorCode: code, message: message)
        }
        if status == 401 {
            return error(
                .badToken,
                hasToken
                    ? "the Dapr sidecar refused our API token: DAPR_API_TOKEN must equal the token daprd was started with"
                    : "the Dapr sidecar requires an API token: set DAPR_API_TOKEN to the token daprd was started with")
        }
        switch (context, status, code) {
        case (.publish(let pubsub, _), 404, "ERR_PUBSUB_NOT_FOUND"),
            (.publish(let pubsub, _), 400, "ERR_PUBSUB_NOT_FOUND"):
            return error(
                .unknownPubSub,
                "the Dapr sidecar has no pub/sub component named \"\(pubsub)\": add one to its --resources-path "
                    + "(see deploy/dapr) or pass the right name")
        case (.publish, 400, "ERR_PUBSUB_NOT_CONFIGURED"):
            return error(
                .unknownPubSub,
                "the Dapr sidecar has no pub/sub component at all: start it with --resources-path pointing at the components"
            )
        case (.publish(let pubsub, let topic), 403, _):
            return error(
                .forbiddenTopic,
                "the Dapr sidecar may not publish to topic \"\(topic)\" for this app: check publishingScopes, "
                    + "allowedTopics and protectedTopics of component \"\(pubsub)\" (\(detail))")
        case (.state, 409, _):
            return error(.etagMismatch, "the state changed since it was read (ETag mismatch): \(detail)")
        case (.state, 500, "ERR_STATE_TRANSACTION") where detail.lowercased().contains("etag"):
            return error(.etagMismatch, "the state changed since it was read (ETag mismatch): \(detail)")
        case (_, 404, "ERR_DIRECT_INVOKE"):
            return error(
                .unsupportedAPI, "the Dapr sidecar does not serve this API (is it older than 1.14?): \(detail)")
        default:
            break
        }
        if status >= 500 {
            return error(.serverError, "the Dapr sidecar failed (\(status) \(code ?? "")): \(detail)")
        }
        return error(.rejected, "the Dapr sidecar refused the request (\(status) \(code ?? "")): \(detail)")
    }

    private func segment(_ text: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// Topics may contain `/` (the route's last segment is a wildcard).
    private func topicPath(_ topic: String) -> String {
        topic.split(separator: "/", omittingEmptySubsequences: false).map { segment(String($0)) }.joined(separator: "/")
    }

    private func query(_ metadata: [String: String]) -> String {
        guard !metadata.isEmpty else { return "" }
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+")
        return "?"
            + metadata.sorted { $0.key < $1.key }.map { key, value in
                "metadata.\(key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
            }.joined(separator: "&")
    }
}

/// The parts of `GET /v1.0/metadata` that we report on.
public struct SidecarMetadata: Hashable, Sendable {
    public struct Component: Hashable, Sendable {
        public var name: String
        public var type: String
        public var version: String
    }

    public var appID: String
    public var runtimeVersion: String
    public var components: [Component]

    init(json: JSONValue) throws {
        func text(_ value: JSONValue?) -> String? {
            if case .string(let s)? = value { return s }
            return nil
        }
        guard case .object = json else { throw CloudEventError("not a JSON object") }
        appID = text(json["id"]) ?? ""
        runtimeVersion = text(json["runtimeVersion"]) ?? "unknown"
        var components: [Component] = []
        if case .array(let list)? = json["components"] {
            for item in list {
                guard let name = text(item["name"]), let type = text(item["type"]) else { continue }
                components.append(Component(name: name, type: type, version: text(item["version"]) ?? ""))
            }
        }
        self.components = components
    }

    /// What we found for the pub/sub we need, or exactly what is missing.
    public func report(pubsub: String) -> Result<SidecarReport, DaprConfigurationError> {
        guard let component = components.first(where: { $0.name == pubsub }) else {
            let others =
                components.isEmpty
                ? "it has no components at all"
                : "it has " + components.map { "\($0.name) (\($0.type))" }.joined(separator: ", ")
            return .failure(
                DaprConfigurationError(
                    "the Dapr sidecar (\(runtimeVersion)) has no component named \"\(pubsub)\"; \(others). "
                        + "Start it with --resources-path pointing at deploy/dapr"))
        }
        guard component.type.hasPrefix("pubsub.") else {
            return .failure(
                DaprConfigurationError(
                    "component \"\(pubsub)\" is a \(component.type), not a pub/sub component (pubsub.*)"))
        }
        return .success(
            SidecarReport(
                appID: appID, runtimeVersion: runtimeVersion, pubsubName: component.name,
                pubsubType: component.type, pubsubVersion: component.version))
    }
}
