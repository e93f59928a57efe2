import Foundation
import Testing

@testable import EventPublisher

@Suite struct CloudEventDecodingTests {
    // The four examples of the JSON format spec (3.2), plus nulls for unset attributes.
    static let validEvents: [String] = [
        #"{"specversion":"1.0","type":"com.example.someevent","source":"/mycontext","id":"A234-1234-1234","time":"2018-04-05T17:31:00Z","comexampleextension1":"value","comexampleothervalue":5,"datacontenttype":"application/vnd.apache.thrift.binary","data_base64":"aGVsbG8="}"#,
        #"{"specversion":"1.0","type":"com.example.someevent","source":"/mycontext","id":"B234-1234-1234","time":"2018-04-05T17:31:00Z","comexampleextension1":"value","comexampleothervalue":5,"unsetextension":null,"datacontenttype":"application/xml","data":"<much wow=\"xml\"/>"}"#,
        #"{"specversion":"1.0","type":"com.example.someevent","source":"/mycontext","subject":null,"id":"C234-1234-1234","time":"2018-04-05T17:31:00Z","datacontenttype":"application/json","data":{"appinfoA":"abc","appinfoB":123,"appinfoC":true}}"#,
        #"{"specversion":"1.0","type":"com.example.someevent","source":"/mycontext","subject":null,"id":"D234-1234-1234","time":"2018-04-05T17:31:00Z","data":"I'm just a string"}"#,
        #"{"specversion":"1.0","type":"t","source":"urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66","id":"1"}"#,
        #"{"specversion":"1.0","type":"t","source":"https://github.com/cloudevents","id":"1","data":null}"#,
        #"{"specversion":"1.0","type":"t","source":"1-555-123-4567","id":"1","time":"1985-04-12T23:20:50.52+01:00"}"#,
        #"{"specversion":"1.0","type":"t","source":"/s","id":"1","dataschema":"https://example.com/schema.json","flag":false,"n":-2147483648,"averyveryverylongextensionname":"x"}"#,
        #"{"specversion":"1.0","type":"t","source":"/s","id":"1","datacontenttype":"application/cloudevents+json; charset=utf-8","data":[1,2.5e3,"x"]}"#,
        #"{"specversion":"1.0","type":"t","source":"/s","id":"1","time":"2016-12-31T23:59:60Z"}"#,
    ]

    @Test(arguments: validEvents)
    func acceptsEveryValidEvent(_ json: String) throws {
        let event = try CloudEvent.decode(json: Array(json.utf8))
        // What we decode we can write again, and it decodes to the same event.
        #expect(try CloudEvent.decode(json: try event.jsonBytes()) == event)
    }

    @Test func stringEscapesAndSurrogatePairsAreRead() throws {
        let json = #"["q\"b\\s\/ \b\f\n\r\t caf\u00e9 \ud83d\ude00"]"#
        #expect(try JSONValue.parse(Array(json.utf8)) == .array([.string("q\"b\\s/ \u{8}\u{C}\n\r\t café 😀")]))
        for lone in [#"["\ud83d"]"#, #"["\ude00"]"#, #"["\ud83dx"]"#] {
            #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(lone.utf8)) }
        }
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(#"["\q"]"#.utf8)) }
    }

    @Test func keepsAttributeTypes() throws {
        let event = try CloudEvent.decode(json: Array(Self.validEvents[0].utf8))
        #expect(event.extensions["comexampleothervalue"] == .integer(5))
        #expect(event.extensions["comexampleextension1"] == .string("value"))
        #expect(event.data == .binary(Array("hello".utf8)))
        let nulls = try CloudEvent.decode(json: Array(Self.validEvents[1].utf8))
        #expect(nulls.extensions["unsetextension"] == nil)
        let explicitNull = try CloudEvent.decode(json: Array(Self.validEvents[5].utf8))
        #expect(explicitNull.data == .json(.null))
    }

    static let invalidEvents: [(json: String, reason: String)] = [
        (#"{"specversion":"1.0","type":"t","source":"/s"}"#, "id is required"),
        (#"{"specversion":"1.0","type":"t","source":"/s","id":null}"#, "id is required"),
        (#"{"specversion":"1.0","type":"t","source":"/s","id":""}"#, "id must not be empty"),
        (#"{"specversion":"1.0","type":"t","source":"/s","id":7}"#, "id must be a string, not a number"),
        (#"{"specversion":"1.0","type":"t","id":"1"}"#, "source is required"),
        (#"{"specversion":"1.0","source":"/s","id":"1"}"#, "type is required"),
        (#"{"type":"t","source":"/s","id":"1"}"#, "specversion is required"),
        (#"{"specversion":"0.3","type":"t","source":"/s","id":"1"}"#, "specversion \"0.3\" is not supported"),
        (#"{"specversion":1.0,"type":"t","source":"/s","id":"1"}"#, "specversion must be a string"),
        (#"{"specversion":"1.0","type":"t","source":"/my context","id":"1"}"#, "is not a URI-reference"),
        (#"{"specversion":"1.0","type":"t","source":"/s%zz","id":"1"}"#, "is not a URI-reference"),
        (#"{"specversion":"1.0","type":"t","source":"1a:b","id":"1"}"#, "is not a URI-reference"),
        (#"{"specversion":"1.0","type":"t","source":"/s","id":"1","subject":""}"#, "subject must not be empty"),
        (#"{"specversion":"1.0","type":"t","source":"/s","id":"1","time":"2018-04-05 17:31:00Z"}"#, "RFC 3339"),
        (#"{"specversion":"1.0","type":"t","source":"/s","id":"1","time":"2018-02-30T17:31:00Z"}"#, "RFC 3339"),
        (#"{"specversion":"1.0","type":"t","source":"/s","id":"1","time":"2018-04-05T17:31:00"}"#, "RFC 3339"),
        (#"{"specversion":"1.0","type":"t","source":"/s","id":"1","time":1522949460}"#, "time must be a string"),
        (#"{"specversion":"1.0","type":"t","source":"/s","id":"1","dataschema":"/relative"}"#, "absolute URI"),
        (#"{"specversion":"1.0","type":"t","source":"/s","id":"1","datacontenttype":"json"}"#, "RFC 2046"),
        (#"{"specversion":"1.0","type":"t","source":"/s","id":"1","correlationId":"c"}"#, "lowercase letters"),
        (#"{"specversion":"1.0","type":"t","source":"/s","id":"1","trace_id":"c"}"#, "lowercase letters"),
        (#"{"specversion":"1.0","type":"t","source":"/s","id":"1","ext":{"a":1}}"#, "not an object"),
        (#"{"specversion":"1.0","type":"t","source":"/s","id":"1","ext":[1]}"#, "not an array"),
        (#"{"specversion":"1.0","type":"t","source":"/s","id":"1","ext":5.0}"#, "not a CloudEvents Integer"),
        (#"{"specversion":"1.0","type":"t","source":"/s","id":"1","ext":1e3}"#, "not a CloudEvents Integer"),
        (#"{"specversion":"1.0","type":"t","source":"/s","id":"1","ext":2147483648}"#, "not a CloudEvents Integer"),
        (#"{"specversion":"1.0","type":"t","source":"/s","id":"1","data":{},"data_base64":"AA=="}"#, "both"),
        (#"{"specversion":"1.0","type":"t","source":"/s","id":"1","data_base64":"not base64!"}"#, "base64"),
        (#"{"specversion":"1.0","type":"t","source":"/s","id":"1","data_base64":5}"#, "must be a string"),
        (
            #"{"specversion":"1.0","type":"t","source":"/s","id":"1","datacontenttype":"text/xml","data":{}}"#,
            "must be a string"
        ),
        (#"{"specversion":"1.0","type":"t","source":"/s","id":"1","id":"2"}"#, "appears twice"),
        (#"["not","an","object"]"#, "must be a JSON object"),
        (#"{"specversion":"1.0","type":"t","source":"/s","id":"1""#, "invalid JSON"),
        (#"{"specversion":"1.0","type":"t","source":"/s","id":"1"} trailing"#, "invalid JSON"),
        ("", "invalid JSON"),
    ]

    @Test(arguments: invalidEvents)
    func rejectsEveryInvalidEventWithAReason(_ json: String, _ reason: String) {
        #expect {
            try CloudEvent.decode(json: Array(json.utf8))
        } throws: { error in
            (error as? CloudEventError)?.reason.contains(reason) == true
        }
    }

    @Test func batchIsAnArrayOfEvents() throws {
        let batch = "[" + Self.validEvents.prefix(3).joined(separator: ",") + "]"
        let events = try CloudEvent.decodeBatch(json: Array(batch.utf8))
        #expect(events.map(\.id) == ["A234-1234-1234", "B234-1234-1234", "C234-1234-1234"])
        #expect(try CloudEvent.decodeBatch(json: Array("[]".utf8)).isEmpty)
        #expect(try CloudEvent.decodeBatch(json: CloudEvent.batchJSONBytes(events)) == events)
    }

    @Test func batchWithOneBadElementIsRejectedNamingIt() {
        let batch = "[" + Self.validEvents[0] + "," + Self.invalidEvents[0].json + "]"
        #expect {
            try CloudEvent.decodeBatch(json: Array(batch.utf8))
        } throws: { error in
            (error as? CloudEventError)?.reason == "batch element 1: id is required"
        }
        #expect(throws: CloudEventError.self) { try CloudEvent.decodeBatch(json: Array("{}".utf8)) }
    }

    @Test func anEventBuiltInCodeIsCheckedBeforeItIsWritten() {
        var event = CloudEvent(id: "1", source: "/s", type: "t")
        event.extensions["userId"] = .string("ana")
        #expect(throws: CloudEventError.self) { try event.jsonBytes() }
    }
}
