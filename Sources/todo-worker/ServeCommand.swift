import ArgumentParser
import EventPublisher
import Foundation
import Hummingbird
import Logging
import TaskWorker

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the worker: the app port for the sidecar, the admin port on loopback.")

    enum LogFormat: String, ExpressibleByArgument { case json, text }

    @Option(help: "Address of the app port. 0.0.0.0 in a pod, so that the kubelet's probes reach it.")
    var host = "127.0.0.1"

    @Option(help: "The app port the sidecar calls (default: $APP_PORT, set by `dapr run`, else 8080).")
    var port: Int?

    @Option(help: "Loopback port of the admin API used by `todo-worker dlq`.")
    var adminPort = 8089

    @Option(help: "The sidecar's HTTP port (default: $DAPR_HTTP_ENDPOINT, $DAPR_HTTP_PORT, else 3500).")
    var daprHTTPPort: Int?

    @Option(help: "Name of the pub/sub component.")
    var pubsub = "kafka-pubsub"

    @Option(help: "Name of the state store component.")
    var stateStore = "todo-state"

    @Option(help: "json (one object per line) or text.")
    var logFormat = LogFormat.json

    @Option(
        help: "trace, debug, info, notice, warning, error or critical (default: $TODO_WORKER_LOG_LEVEL, else info).")
    var logLevel: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let levelName = logLevel ?? environment["TODO_WORKER_LOG_LEVEL"] ?? "info"
        guard let level = Logger.Level(rawValue: levelName) else {
            throw ValidationError("unknown log level \(levelName)")
        }
        let format = logFormat
        LoggingSystem.bootstrap { label in
            switch format {
            case .json: return JSONLogHandler(label: label, level: level)
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
        let logger = Logger(label: "todo-worker")
        let appPort = port ?? environment["APP_PORT"].flatMap(Int.init) ?? 8080
        let endpoint = try DaprEndpoint.resolve(port: daprHTTPPort)
        let sidecar = DaprWorkerSidecar(client: DaprClient(endpoint: endpoint), pubsub: pubsub, stateStore: stateStore)
        let worker = Worker(sidecar: sidecar, logger: logger)
        let admin = Application(
            router: WorkerRoutes.adminRouter(worker: worker),
            configuration: .init(address: .hostname("127.0.0.1", port: adminPort), serverName: "todo-worker-admin"),
            logger: logger)
        let token = environment["APP_API_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        let app = Application(
            router: WorkerRoutes.appRouter(worker: worker, appAPIToken: token),
            configuration: .init(address: .hostname(host, port: appPort), serverName: "todo-worker"),
            services: [admin], logger: logger)
        logger.info(
            "todo-worker starting",
            metadata: [
                "appport": "\(appPort)", "adminport": "\(adminPort)", "dapr": "\(endpoint)", "pubsub": "\(pubsub)",
                "statestore": "\(stateStore)",
            ])
        try await app.runService()
    }
}
