import Foundation

/// The JSON coders of the wire form: RFC 3339 UTC timestamps and sorted keys (one value, one byte string).
public enum TodoJSON {
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(RFC3339.string(from: date))
        }
        return encoder
    }

    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = RFC3339.date(from: text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "'\(text)' is not an RFC 3339 timestamp")
            }
            return date
        }
        return decoder
    }
}

/// Local dates and times travel as their ISO text: `2026-12-01`, `09:00`, `2026-12-01T09:00`.
protocol ISOTextCodable: Codable, CustomStringConvertible {
    static var isoForm: String { get }
    static func fromISO(_ text: String) -> Self?
}

extension ISOTextCodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Self.fromISO(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not \(Self.isoForm)")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension LocalDate: ISOTextCodable {
    static let isoForm = "YYYY-MM-DD"
    static func fromISO(_ text: String) -> LocalDate? { LocalDate(iso: text) }
}

extension LocalTime: ISOTextCodable {
    static let isoForm = "HH:MM"
    static func fromISO(_ text: String) -> LocalTime? { LocalTime(iso: text) }
}

extension LocalDateTime: ISOTextCodable {
    static let isoForm = "YYYY-MM-DDTHH:MM"
    static func fromISO(_ text: String) -> LocalDateTime? { LocalDateTime(iso: text) }
}
