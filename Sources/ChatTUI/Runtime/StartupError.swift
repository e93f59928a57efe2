/// Why the chat could not start. Each renders as one line, printed before the terminal is touched.
public enum StartupError: Error, CustomStringConvertible {
    case dataDirectory(path: String, reason: String)
    case store(path: String, reason: String)
    case sidecar(String)
    case terminal(String)
    case replay(path: String, reason: String)
    case invalidOption(String)

    public var description: String {
        switch self {
        case .dataDirectory(let path, let reason): "cannot use the data directory \(path): \(reason)"
        case .store(let path, let reason): "cannot open the task store in \(path): \(reason)"
        case .sidecar(let reason): "cannot reach the Dapr sidecar: \(reason)"
        case .terminal(let reason): "cannot open the screen: \(reason)"
        case .replay(let path, let reason): "cannot play \(path): \(reason)"
        case .invalidOption(let reason): reason
        }
    }
}
