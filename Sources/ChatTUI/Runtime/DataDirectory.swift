import Foundation

/// Where the embedded mode keeps its store, the input history and the log.
public struct DataDirectory: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// `--data-dir`, else `$XDG_DATA_HOME/todo-chat`, else `~/.local/share/todo-chat` (the XDG default).
    public static func resolve(explicit: String?, environment: [String: String]) -> DataDirectory {
        if let explicit, !explicit.isEmpty { return DataDirectory(path: explicit) }
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return DataDirectory(path: xdg + "/todo-chat")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return DataDirectory(path: home + "/.local/share/todo-chat")
    }

    public var historyPath: String { path + "/history" }
    public var logPath: String { path + "/chat.log" }

    /// Creates the directory, so that the log can be opened in it.
    public func prepare() throws(StartupError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .dataDirectory(path: path, reason: Self.reason(of: error))
        }
    }

    /// Proves the directory can be written, so that a full disk fails at start, not mid-conversation.
    /// It costs a disk flush, so it runs beside the first frame (`StoreOpening`), not before it.
    public func proveWritable() throws(StartupError) {
        let probe = path + "/.write-probe-\(getpid())"
        let fd = open(probe, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .dataDirectory(path: path, reason: String(cString: strerror(errno))) }
        defer {
            close(fd)
            unlink(probe)
        }
        // A few KB, as the first store write would need: ENOSPC shows up here rather than on a full disk later.
        var block = [UInt8](repeating: 0, count: 4096)
        let written = write(fd, &block, block.count)
        guard written == block.count, fsync(fd) == 0 else {
            throw .dataDirectory(path: path, reason: String(cString: strerror(written < 0 ? errno : ENOSPC)))
        }
    }

    private static func reason(of error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}
