import Foundation
import NIOHTTP1
import TodoCore

@testable import EventPublisher

#if canImport(Glibc)
    import Glibc
#endif

/// The repository root, from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// The project's stand-in daprd (Tests/sidecar/daprd.py) as a child process on a free port.
final class StandinSidecar: @unchecked Sendable {
    // @unchecked: `process` is only touched from the test that owns this sidecar.
    let process: ChildProcess
    let port: Int
    let client: DaprClient
    let logURL: URL

    /// Starts it and waits for its "listening" line. `daprPort` 0 lets it pick.
    static func start(
        appID: String, appPort: Int, directory: URL, daprPort: Int = 0, environment: [String: String] = [:],
        resources: URL = repositoryRoot.appendingPathComponent("Tests/sidecar/fixtures/resources")
    ) throws -> StandinSidecar {
        var env = ProcessInfo.processInfo.environment
        env["DAPR_API_TOKEN"] = nil
        env["APP_API_TOKEN"] = nil
        for (key, value) in environment { env[key] = value }
        let stamp = newID().prefix(8)
        let out = directory.appendingPathComponent("sidecar-\(stamp).out")
        let log = directory.appendingPathComponent("sidecar-\(stamp).log")
        let process = try ChildProcess(
            [
                "python3", repositoryRoot.appendingPathComponent("Tests/sidecar/daprd.py").path,
                "--app-id", appID, "--app-port", String(appPort), "--dapr-http-port", String(daprPort),
                "--resources-path", resources.path, "--broker",
                directory.appendingPathComponent("broker.sqlite").path,
            ], environment: env, stdout: out, stderr: log)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
            if let match = text.firstMatch(of: /listening on [0-9.]+:(\d+)/), let port = Int(match.1) {
                return StandinSidecar(process: process, port: port, log: log, token: environment["DAPR_API_TOKEN"])
            }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.stop()
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        throw SidecarError("the stand-in sidecar did not start:\n\(text)")
    }

    private init(process: ChildProcess, port: Int, log: URL, token: String?) {
        self.process = process
        self.port = port
        self.logURL = log
        self.client = DaprClient(endpoint: DaprEndpoint(baseURL: "http://127.0.0.1:\(port)", apiToken: token))
    }

    /// SIGTERM, as `dapr run` stops it; waits for the exit.
    func stop() { process.stop() }

    /// Records on the shared broker for `topic`, oldest first.
    func published(topic: String) async throws -> [PublishedRecord] {
        let response = try await client.send(.GET, "/_standin/published?topic=\(topic)")
        guard case .array(let items) = try JSONValue.parse(response.body) else { return [] }
        return items.compactMap(PublishedRecord.init)
    }

    func deadLetters() async throws -> [PublishedRecord] {
        let response = try await client.send(.GET, "/_standin/deadletters")
        guard case .array(let items) = try JSONValue.parse(response.body) else { return [] }
        return items.compactMap(PublishedRecord.init)
    }

    /// Polls `/v1.0/healthz` (which needs our app port open) until it answers 204.
    func waitHealthy(within seconds: Double = 20) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if (try? await client.send(.GET, "/v1.0/healthz"))?.status == 204 { return true }
            try? await _Concurrency.Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    deinit { stop() }
}

struct PublishedRecord: Sendable {
    var topic: String
    var key: String?
    var headers: [String: String]
    var value: String
    var event: CloudEvent?

    init?(_ json: JSONValue) {
        guard case .string(let topic)? = json["topic"], case .string(let value)? = json["value"] else { return nil }
        self.topic = topic
        self.value = value
        if case .string(let key)? = json["key"] { self.key = key }
        var headers: [String: String] = [:]
        if case .object(let members)? = json["headers"] {
            for member in members { if case .string(let v) = member.value { headers[member.name] = v } }
        }
        self.headers = headers
        event = try? CloudEvent.decode(json: Array(value.utf8))
    }
}

struct SidecarError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A port nobody listens on right now (bound to 0 and released).
func freePort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}
