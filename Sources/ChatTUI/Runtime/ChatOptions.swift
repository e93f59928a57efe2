import Foundation
import TodoCore

/// Everything the command line decided, handed to `ChatApp.run`.
public struct ChatOptions: Sendable {
    public enum Bus: Sendable, Equatable {
        case embedded
        /// Endpoint and port fall back to DAPR_HTTP_ENDPOINT / DAPR_HTTP_PORT and APP_PORT.
        case dapr(httpEndpoint: String?, appPort: Int?)
    }

    public enum Presentation: Sendable, Equatable {
        /// The full-screen curses chat.
        case screen
        /// The libedit prompt: screen readers, dumb terminals, pipes.
        case line
        /// A replay script, animated on the screen or, headless, printed as text.
        case replay(path: String, speed: Double, headless: Bool)
    }

    public var dataDirectory: DataDirectory
    public var bus: Bus
    public var presentation: Presentation
    public var timeZone: TimeZone
    /// A clock that stands still (replays, tests); nil reads the system clock.
    public var fixedClock: LocalDateTime?

    public init(
        dataDirectory: DataDirectory, bus: Bus, presentation: Presentation, timeZone: TimeZone,
        fixedClock: LocalDateTime?
    ) {
        self.dataDirectory = dataDirectory
        self.bus = bus
        self.presentation = presentation
        self.timeZone = timeZone
        self.fixedClock = fixedClock
    }
}
