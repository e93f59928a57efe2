import EventPublisher
import Foundation
import Hummingbird
import NIOCore

/// The HTTP routes of the worker.
///
/// `appRouter` is what the sidecar and the kubelet reach on the app port: event and dead-letter
/// deliveries, job triggers, `/dapr/subscribe`, health and metrics. `adminRouter` is served on a
/// loopback-only port, for `todo-worker dlq`: listing and republishing dead letters changes what the
/// system does, so it is not reachable from the network.
public enum WorkerRoutes {
    public static let maxBodyBytes = 1 << 20

    public static func appRouter(worker: Worker, appAPIToken: String?) -> Router<BasicRequestContext> {
        let router = Router()
        // The subscriptions are declarative (deploy/*/subscriptions.yaml); advertising them here as
        // well would subscribe twice.
        router.get("/dapr/subscribe") { request, _ -> Response in
            if let denied = deny(request, appAPIToken) { return denied }
            return json("[]")
        }
        router.post("/events/{topic}") { request, context -> Response in
            if let denied = deny(request, appAPIToken) { return denied }
            let topic = try context.parameters.require("topic")
            let body = try await bytes(of: request)
            let outcome = await worker.handleDelivery(topic: topic, body: body)
            return json(#"{"status":"\#(outcome.rawValue)"}"#)
        }
        router.post("/dead-letters/{topic}") { request, context -> Response in
            if let denied = deny(request, appAPIToken) { return denied }
            let topic = try context.parameters.require("topic")
            let outcome = await worker.handleDeadLetter(deadLetterTopic: topic, body: try await bytes(of: request))
            return json(#"{"status":"\#(outcome.rawValue)"}"#)
        }
        router.post("/job/{name}") { request, context -> Response in
            if let denied = deny(request, appAPIToken) { return denied }
            let name = try context.parameters.require("name")
            switch await worker.handleJob(name: name, body: try await bytes(of: request)) {
            case .done: return Response(status: .ok)
            case .unknown: return Response(status: .notFound)
            case .failed: return Response(status: .internalServerError)
            }
        }
        router.get("/healthz") { _, _ in "ok\n" }
        router.get("/readyz") { _, _ -> Response in
            let ready = await worker.isReady()
            return Response(
                status: ready ? .ok : .serviceUnavailable, headers: [.contentType: "text/plain"],
                body: .init(byteBuffer: ByteBuffer(string: ready ? "ready\n" : "sidecar or state store not ready\n")))
        }
        router.get("/metrics") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(string: worker.metrics.prometheusText())))
        }
        return router
    }

    public static func adminRouter(worker: Worker) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/dead-letters") { _, _ -> Response in
            let letters = try await worker.deadLetters.list()
            return json(String(decoding: try AdminJSON.encoder.encode(letters), as: UTF8.self))
        }
        router.post("/dead-letters/{id}/republish") { _, context -> Response in
            let id = try context.parameters.require("id")
            guard let letter = try await worker.deadLetters.republish(id: id) else {
                return Response(status: .notFound)
            }
            return json(String(decoding: try AdminJSON.encoder.encode(letter), as: UTF8.self))
        }
        return router
    }

    private static func bytes(of request: Request) async throws -> [UInt8] {
        var request = request
        var buffer = try await request.collectBody(upTo: maxBodyBytes)
        return buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    private static func json(_ text: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// With `APP_API_TOKEN` set, the sidecar sends it in `dapr-api-token` on every call (§3).
    private static func deny(_ request: Request, _ token: String?) -> Response? {
        let given = request.headers.first { $0.name.canonicalName == "dapr-api-token" }?.value
        guard let token, given != token else { return nil }
        return Response(
            status: .unauthorized, headers: [.contentType: "text/plain"],
            body: .init(byteBuffer: ByteBuffer(string: "invalid api token")))
    }
}

/// The admin API's JSON (dead letters), shared by the server and `todo-worker dlq`.
public enum AdminJSON {
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
