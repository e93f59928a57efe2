import Foundation

/// A CloudEvents 1.0 event. Attribute names are the spec's; `time` keeps the RFC 3339 text it was given.
public struct CloudEvent: Hashable, Sendable {
    public static let specVersion = "1.0"
    /// `Content-Type` of one event in the structured JSON format.
    public static let mediaType = "application/cloudevents+json"
    /// `Content-Type` of a batch.
    public static let batchMediaType = "application/cloudevents-batch+json"

    public var id: String
    /// A URI-reference naming the producer.
    public var source: String
    public var specversion: String
    public var type: String
    public var datacontenttype: String?
    /// An absolute URI.
    public var dataschema: String?
    public var subject: String?
    /// RFC 3339.
    public var time: String?
    /// Extension attributes by name (lowercase letters and digits only).
    public var extensions: [String: ExtensionValue]
    public var data: Payload?

    public enum ExtensionValue: Hashable, Sendable {
        case string(String)
        /// CloudEvents' Integer: 32-bit signed.
        case integer(Int32)
        case boolean(Bool)
    }

    public enum Payload: Hashable, Sendable {
        /// The `data` member: any JSON value (JSON content types) or a string (others).
        case json(JSONValue)
        /// The `data_base64` member.
        case binary([UInt8])
    }

    public init(
        id: String, source: String, type: String, datacontenttype: String? = nil, dataschema: String? = nil,
        subject: String? = nil, time: String? = nil, extensions: [String: ExtensionValue] = [:],
        data: Payload? = nil
    ) {
        self.id = id
        self.source = source
        self.specversion = Self.specVersion
        self.type = type
        self.datacontenttype = datacontenttype
        self.dataschema = dataschema
        self.subject = subject
        self.time = time
        self.extensions = extensions
        self.data = data
    }

    public subscript(extension name: String) -> ExtensionValue? { extensions[name] }
}

/// Why a JSON text is not a valid CloudEvent.
public struct CloudEventError: Error, Hashable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) { self.reason = reason }

    public var description: String { "not a valid CloudEvent: \(reason)" }
}
