import Foundation
import Logging
import Synchronization

/// One JSON object per line on standard error: what log collectors (and `dapr.io/log-as-json`
/// neighbours) parse without regular expressions. Metadata such as the event's `correlationid`
/// becomes top-level fields.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String

    public init(label: String, level: Logger.Level = .info) {
        self.label = label
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(
        level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String,
        file: String, function: String, line: UInt
    ) {
        var fields: [String: String] = [:]
        for (key, value) in metadata.merging(explicit ?? [:], uniquingKeysWith: { $1 }) {
            fields[key] = "\(value)"
        }
        fields["time"] = Self.timestamp()
        fields["level"] = level.rawValue
        fields["logger"] = label
        fields["msg"] = "\(message)"
        let line =
            (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        Self.output.withLock { _ in
            FileHandle.standardError.write(line + Data([0x0A]))
        }
    }

    private static let output = Mutex(())

    private static let timeStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    private static func timestamp() -> String { Date().formatted(timeStyle) }
}
