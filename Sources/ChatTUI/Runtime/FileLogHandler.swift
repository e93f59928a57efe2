import Foundation
import Logging

/// Logs go to a file, never to the terminal curses owns. One `write` per line on an O_APPEND descriptor,
/// so lines from several threads and from two chats on one data directory never interleave.
public struct FileLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let file: LogFile

    public init(label: String, file: LogFile) {
        self.label = label
        self.file = file
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        let fields = merged.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        let stamp = Date.now.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true))
        file.append("\(stamp) \(event.level) \(label):\(fields) \(event.message)\n")
    }
}

/// An append-only log file shared by every logger of the process.
public final class LogFile: Sendable {
    private let descriptor: Int32

    /// Opens (creating) the file; nil when it cannot be written, and the process then logs nowhere.
    public init?(path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        descriptor = fd
    }

    deinit { close(descriptor) }

    func append(_ line: String) {
        var bytes = Array(line.utf8)
        _ = write(descriptor, &bytes, bytes.count)
    }
}
