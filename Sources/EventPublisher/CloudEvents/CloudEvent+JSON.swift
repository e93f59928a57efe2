import Foundation
import TodoCore

/// The structured JSON format (CloudEvents JSON Event Format 1.0.2) and the JSON batch format.
extension CloudEvent {
    private static let contextAttributes: Set<String> = [
        "id", "source", "specversion", "type", "datacontenttype", "dataschema", "subject", "time",
    ]

    // MARK: Decoding

    /// Decodes and validates one event; throws the first rule it breaks.
    public static func decode(json bytes: some Collection<UInt8>) throws(CloudEventError) -> CloudEvent {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes)
        } catch {
            throw CloudEventError(error.description)
        }
        return try decode(value)
    }

    /// Decodes a batch (a JSON array of events); an invalid element makes the whole batch invalid.
    public static func decodeBatch(json bytes: some Collection<UInt8>) throws(CloudEventError) -> [CloudEvent] {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes)
        } catch {
            throw CloudEventError(error.description)
        }
        guard case .array(let elements) = value else {
            throw CloudEventError("a batch must be a JSON array, not \(value.kind)")
        }
        var events: [CloudEvent] = []
        for (index, element) in elements.enumerated() {
            do {
                events.append(try decode(element))
            } catch {
                throw CloudEventError("batch element \(index): \(error.reason)")
            }
        }
        return events
    }

    public static func decode(_ value: JSONValue) throws(CloudEventError) -> CloudEvent {
        guard case .object(let members) = value else {
            throw CloudEventError("an event must be a JSON object, not \(value.kind)")
        }
        var seen: Set<String> = []
        var strings: [String: String] = [:]
        var extensions: [String: ExtensionValue] = [:]
        var data: JSONValue?
        var dataBase64: String?
        for member in members {
            guard seen.insert(member.name).inserted else {
                throw CloudEventError("member \"\(member.name)\" appears twice")
            }
            switch member.name {
            case "data":
                data = member.value
                continue
            case "data_base64":
                switch member.value {
                case .null: continue
                case .string(let s): dataBase64 = s
                default: throw CloudEventError("data_base64 must be a string, not \(member.value.kind)")
                }
                continue
            default:
                break
            }
            guard isValidAttributeName(member.name) else {
                throw CloudEventError(
                    "attribute name \"\(member.name)\" must consist of lowercase letters a-z and digits 0-9 only")
            }
            // A null attribute is an unset attribute (JSON format 2.2).
            if member.value == .null { continue }
            if contextAttributes.contains(member.name) {
                guard case .string(let s) = member.value else {
                    throw CloudEventError("\(member.name) must be a string, not \(member.value.kind)")
                }
                strings[member.name] = s
            } else {
                extensions[member.name] = try extensionValue(member.name, member.value)
            }
        }

        guard let specversion = strings["specversion"] else { throw CloudEventError("specversion is required") }
        guard specversion == specVersion else {
            throw CloudEventError("specversion \"\(specversion)\" is not supported (only \"1.0\")")
        }
        for required in ["id", "source", "type"] {
            guard let value = strings[required] else { throw CloudEventError("\(required) is required") }
            guard !value.isEmpty else { throw CloudEventError("\(required) must not be empty") }
        }
        let source = strings["source"]!
        guard URIText.isURIReference(source) else {
            throw CloudEventError("source \"\(source)\" is not a URI-reference (RFC 3986)")
        }
        if let subject = strings["subject"], subject.isEmpty {
            throw CloudEventError("subject must not be empty when present")
        }
        if let dataschema = strings["dataschema"] {
            guard !dataschema.isEmpty, URIText.isAbsoluteURI(dataschema) else {
                throw CloudEventError("dataschema \"\(dataschema)\" is not an absolute URI (RFC 3986)")
            }
        }
        if let contentType = strings["datacontenttype"] {
            guard MediaType.isValid(contentType) else {
                throw CloudEventError("datacontenttype \"\(contentType)\" is not a media type (RFC 2046)")
            }
        }
        if let time = strings["time"], !isTimestamp(time) {
            throw CloudEventError("time \"\(time)\" is not an RFC 3339 date-time")
        }

        var payload: Payload?
        if let dataBase64 {
            guard data == nil else { throw CloudEventError("data and data_base64 must not both be present") }
            guard let bytes = Base64.decode(dataBase64) else {
                throw CloudEventError("data_base64 is not valid base64")
            }
            payload = .binary(bytes)
        } else if let data {
            // Only JSON content types may carry a non-string `data` (JSON format 3.1.2).
            if let contentType = strings["datacontenttype"], !MediaType.isJSON(contentType) {
                guard case .string = data else {
                    throw CloudEventError(
                        "data must be a string for the non-JSON datacontenttype \"\(contentType)\"")
                }
            }
            payload = .json(data)
        }

        var event = CloudEvent(
            id: strings["id"]!, source: source, type: strings["type"]!,
            datacontenttype: strings["datacontenttype"], dataschema: strings["dataschema"],
            subject: strings["subject"], time: strings["time"], extensions: extensions, data: payload)
        event.specversion = specversion
        return event
    }

    private static func extensionValue(_ name: String, _ value: JSONValue) throws(CloudEventError) -> ExtensionValue {
        switch value {
        case .string(let s): return .string(s)
        case .bool(let b): return .boolean(b)
        case .number(let literal):
            // Integer: only the integer component, optionally with a minus sign; 32-bit signed.
            guard !literal.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let integer = Int32(literal)
            else {
                throw CloudEventError(
                    "extension \(name) = \(literal) is not a CloudEvents Integer (a whole number within 32 bits)")
            }
            return .integer(integer)
        default:
            throw CloudEventError("extension \(name) must be a string, an integer or a boolean, not \(value.kind)")
        }
    }

    /// RFC 3339 `date-time` as its ABNF has it: "T" (or "t") between date and time, not the space that
    /// TodoCore's lenient reader also takes.
    static func isTimestamp(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count > 10 && bytes[10] != UInt8(ascii: " ") && RFC3339.date(from: text) != nil
    }

    /// CloudEvents 1.0 §3.1.1: attribute names MUST consist of lower-case letters a-z or digits 0-9.
    /// (The spec's 20-character limit is a SHOULD, so longer names are accepted.)
    public static func isValidAttributeName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    // MARK: Encoding

    /// The structured JSON form, `Content-Type: application/cloudevents+json`. Throws if the event breaks
    /// a rule, so that we never send what we would refuse.
    public func jsonBytes() throws(CloudEventError) -> [UInt8] {
        try validate()
        var out: [UInt8] = []
        out.reserveCapacity(512)
        writeJSON(to: &out)
        return out
    }

    /// A batch, `Content-Type: application/cloudevents-batch+json`.
    public static func batchJSONBytes(_ events: [CloudEvent]) throws(CloudEventError) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (index, event) in events.enumerated() {
            try event.validate()
            if index > 0 { out.append(UInt8(ascii: ",")) }
            event.writeJSON(to: &out)
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    /// Checks the rules `decode` checks, on an event built in code.
    public func validate() throws(CloudEventError) {
        _ = try Self.decode(jsonValue)
    }

    /// The event as a JSON object (attributes first, then extensions sorted by name, then data).
    public var jsonValue: JSONValue {
        var members: [JSONValue.Member] = [
            .init("specversion", .string(specversion)), .init("id", .string(id)), .init("source", .string(source)),
            .init("type", .string(type)),
        ]
        if let subject { members.append(.init("subject", .string(subject))) }
        if let time { members.append(.init("time", .string(time))) }
        if let datacontenttype { members.append(.init("datacontenttype", .string(datacontenttype))) }
        if let dataschema { members.append(.init("dataschema", .string(dataschema))) }
        for name in extensions.keys.sorted() {
            let value: JSONValue =
                switch extensions[name]! {
                case .string(let s): .string(s)
                case .integer(let i): .number(String(i))
                case .boolean(let b): .bool(b)
                }
            members.append(.init(name, value))
        }
        switch data {
        case .json(let value): members.append(.init("data", value))
        case .binary(let bytes): members.append(.init("data_base64", .string(Data(bytes).base64EncodedString())))
        case nil: break
        }
        return .object(members)
    }

    func writeJSON(to out: inout [UInt8]) {
        jsonValue.write(to: &out)
    }
}
