import EventPublisher
import Foundation
import Logging
import TodoCore

/// Picks and builds the bus the options ask for.
enum BusFactory {
    static func make(options: ChatOptions, directory: DataDirectory, clock: ChatClock, logger: Logger) throws(StartupError)
        -> any EventBus
    {
        switch options.bus {
        case .embedded:
            return LocalBus(
                directory: URL(fileURLWithPath: directory.path, isDirectory: true), processor: .todoCore,
                clock: { clock.now })
        case .dapr(let endpoint, let appPort):
            return try DaprBusFactory.make(endpoint: endpoint, appPort: appPort, directory: directory, logger: logger)
        }
    }

    /// The one line to print when the bus would not start.
    static func startupError(_ error: any Error, options: ChatOptions, directory: DataDirectory) -> StartupError {
        if let startup = error as? StartupError { return startup }
        switch options.bus {
        case .embedded: return .store(path: directory.path, reason: "\(error)")
        case .dapr: return .sidecar("\(error)")
        }
    }
}
