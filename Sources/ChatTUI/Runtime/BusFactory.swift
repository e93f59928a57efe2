import EventPublisher
import Foundation
import Logging
import TodoCore

/// Picks and builds the bus the options ask for.
enum BusFactory {
    static func make(options: ChatOptions, directory: DataDirectory, clock: ChatClock, logger: Logger)
        throws(StartupError)
        -> any EventBus
    {
        switch options.bus {
        case .embedded:
            return LocalBus(
                directory: URL(fileURLWithPath: directory.path, isDirectory: true), zone: options.timeZone,
                clock: { clock.now })
        case .dapr(let endpoint, let appPort):
            do {
                let configuration = try DaprBus.Configuration.fromEnvironment(
                    dataDirectory: URL(fileURLWithPath: directory.path, isDirectory: true), daprAddress: endpoint,
                    appPort: appPort)
                return DaprBus(
                    configuration: configuration, logger: Logger(label: "todo-chat.dapr-bus"), clock: { clock.now })
            } catch {
                throw .sidecar(error.description)
            }
        }
    }

    /// With `dapr run` the sidecar boots beside us, so it gets a few seconds; if it never answers, the chat
    /// says so and does not start. Once running, an outage is shown in the status bar and events wait in
    /// the outbox.
    static func awaitSidecar(_ bus: any EventBus, seconds: Double) throws(StartupError) {
        let stream = bus.subscribe()
        let verdict = waitFor(seconds: seconds) { () async -> String? in
            var last = "it did not answer"
            for await event in stream {
                guard case .status(let status) = event else { continue }
                switch status.sidecar {
                case .ready, .notUsed: return nil
                case .misconfigured(let reason): return reason
                case .unreachable(let reason): last = reason
                case .connecting: break
                }
                if _Concurrency.Task.isCancelled { break }
            }
            return last
        }
        switch verdict {
        case .some(nil): return
        case .some(.some(let reason)): throw .sidecar(reason)
        case .none: throw .sidecar("no answer within \(Int(seconds)) s (is daprd running? see --dapr-http-endpoint)")
        }
    }

    /// The one line to print when the bus would not start.
    static func startupError(_ error: any Error, options: ChatOptions, directory: DataDirectory) -> StartupError {
        if let startup = error as? StartupError { return startup }
        switch options.bus {
        case .embedded: return .store(path: directory.path, reason: StoreFailure.explain(error))
        case .dapr: return .sidecar("\(error)")
        }
    }
}
