import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// One programmatic subscription, as served on `GET /dapr/subscribe` (dapr-contract.md §2.1).
public struct Subscription: Hashable, Sendable {
    public struct Rule: Hashable, Sendable {
        /// A CEL expression over the event, e.g. `event.type == "reminder.triggered"`.
        public var match: String
        public var path: String

        public init(match: String, path: String) {
            self.match = match
            self.path = path
        }
    }

    public var pubsubName: String
    public var topic: String
    public var rules: [Rule]
    /// Where events that match no rule go.
    public var defaultPath: String
    public var deadLetterTopic: String?

    public init(pubsubName: String, topic: String, rules: [Rule] = [], defaultPath: String, deadLetterTopic: String?) {
        self.pubsubName = pubsubName
        self.topic = topic
        self.rules = rules
        self.defaultPath = defaultPath
        self.deadLetterTopic = deadLetterTopic
    }

    var paths: [String] { rules.map(\.path) + [defaultPath] }

    var json: JSONValue {
        var members: [JSONValue.Member] = [
            .init("pubsubname", .string(pubsubName)), .init("topic", .string(topic)),
            .init(
                "routes",
                .object([
                    .init(
                        "rules",
                        .array(
                            rules.map { .object([.init("match", .string($0.match)), .init("path", .string($0.path))]) })
                    ),
                    .init("default", .string(defaultPath)),
                ])),
        ]
        if let deadLetterTopic { members.append(.init("deadLetterTopic", .string(deadLetterTopic))) }
        return .object(members)
    }
}

/// The app's answer to one delivery (§2.4).
public enum DeliveryOutcome: String, Hashable, Sendable {
    /// Done (applied now or before): the sidecar acks.
    case success = "SUCCESS"
    /// Our fault and transient (e.g. the disk is busy): the sidecar redelivers.
    case retry = "RETRY"
    /// The event is bad and never will be good: the sidecar acks and dead-letters it.
    case drop = "DROP"
}

/// One event delivered by the sidecar, already checked to be a valid CloudEvent.
public struct Delivery: Sendable {
    public var event: CloudEvent
    public var subscription: Subscription
    /// The route it came in on.
    public var path: String
    /// Header names lowercased (`pubsubname`, `__topic`, `__partition`, `__offset`, `traceparent`, ...).
    public var headers: [String: String]
}

/// The answer to a job trigger (§5): `done` and `unknown` (404) end it, `failed` makes the sidecar retry.
public enum JobOutcome: Hashable, Sendable { case done, failed, unknown }

/// The app channel: the HTTP server the sidecar calls. It serves `GET /dapr/subscribe`, one POST route
/// per subscription path, and `POST /job/<name>`. Invalid deliveries are answered DROP without
/// reaching the handler; the server stays up whatever it is sent.
public final class AppChannel: Sendable {
    public struct Configuration: Sendable {
        /// Loopback unless told otherwise: only the local sidecar should reach us.
        public var host: String
        /// 0 picks a free port (see `start()`'s result).
        public var port: Int
        /// When set (`APP_API_TOKEN`), every request must carry it in `dapr-api-token`.
        public var appAPIToken: String?
        public var subscriptions: [Subscription]
        public var maxBodyBytes: Int

        public init(
            host: String = "127.0.0.1", port: Int, appAPIToken: String? = nil, subscriptions: [Subscription],
            maxBodyBytes: Int = 1 << 20
        ) {
            self.host = host
            self.port = port
            self.appAPIToken = appAPIToken
            self.subscriptions = subscriptions
            self.maxBodyBytes = maxBodyBytes
        }
    }

    public typealias EventHandler = @Sendable (Delivery) async -> DeliveryOutcome
    public typealias JobHandler = @Sendable (_ name: String, _ body: [UInt8]) async -> JobOutcome

    private let configuration: Configuration
    private let onEvent: EventHandler
    private let onJob: JobHandler
    private let logger: Logger
    private let running = Mutex<_Concurrency.Task<Void, any Error>?>(nil)

    public init(
        configuration: Configuration, logger: Logger = Logger(label: "todo-chat.app-channel"),
        onEvent: @escaping EventHandler, onJob: @escaping JobHandler = { _, _ in .unknown }
    ) {
        self.configuration = configuration
        self.onEvent = onEvent
        self.onJob = onJob
        self.logger = logger
    }

    /// Starts listening; returns the bound port once the socket accepts connections.
    @discardableResult
    public func start() async throws -> Int {
        let router = Router()
        let configuration = self.configuration
        let logger = self.logger
        let subscribeBody = JSONValue.array(configuration.subscriptions.map(\.json)).serialized

        router.get("/dapr/subscribe") { request, _ -> Response in
            if let denied = Self.checkToken(request, configuration) { return denied }
            return Self.json(subscribeBody)
        }
        for subscription in configuration.subscriptions {
            for path in Set(subscription.paths) {
                router.post(RouterPath(path)) { [onEvent] request, _ -> Response in
                    if let denied = Self.checkToken(request, configuration) { return denied }
                    var request = request
                    let outcome: DeliveryOutcome
                    do {
                        var buffer = try await request.collectBody(upTo: configuration.maxBodyBytes)
                        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
                        let event = try CloudEvent.decode(json: bytes)
                        var headers: [String: String] = [:]
                        for field in request.headers { headers[field.name.canonicalName] = field.value }
                        outcome = await onEvent(
                            Delivery(event: event, subscription: subscription, path: path, headers: headers))
                    } catch {
                        logger.warning("dropping a delivery on \(path): \(error)")
                        outcome = .drop
                    }
                    return Self.json(Array(#"{"status":"\#(outcome.rawValue)"}"#.utf8))
                }
            }
        }
        router.post("/job/{name}") { [onJob] request, context -> Response in
            if let denied = Self.checkToken(request, configuration) { return denied }
            let name = try context.parameters.require("name")
            var request = request
            guard var buffer = try? await request.collectBody(upTo: configuration.maxBodyBytes) else {
                return Response(status: .contentTooLarge)
            }
            switch await onJob(name, buffer.readBytes(length: buffer.readableBytes) ?? []) {
            case .done: return Response(status: .ok)
            case .unknown: return Response(status: .notFound)
            case .failed: return Response(status: .internalServerError)
            }
        }

        let (bound, boundContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { channel in
                boundContinuation.yield(channel.localAddress?.port ?? configuration.port)
                boundContinuation.finish()
            },
            logger: logger)
        let task = _Concurrency.Task { try await app.run() }
        running.withLock { $0 = task }
        var iterator = bound.makeAsyncIterator()
        guard let port = await iterator.next() else {
            // The server ended before it was listening: surface why.
            try await task.value
            throw AppChannelError("the app channel stopped before it was listening")
        }
        return port
    }

    public func stop() async {
        let task = running.withLock { task in
            defer { task = nil }
            return task
        }
        task?.cancel()
        _ = try? await task?.value
    }

    private static func checkToken(_ request: Request, _ configuration: Configuration) -> Response? {
        guard let expected = configuration.appAPIToken else { return nil }
        let given = request.headers[HTTPField.Name("dapr-api-token")!]
        guard given != expected else { return nil }
        return Response(
            status: .unauthorized, headers: [.contentType: "text/plain"],
            body: .init(byteBuffer: ByteBuffer(string: "invalid api token")))
    }

    private static func json(_ bytes: [UInt8]) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

public struct AppChannelError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
