import Foundation
import Testing

@testable import EventPublisher

@Suite struct DaprConfigurationTests {
    @Test func flagsBeatTheEndpointVariableWhichBeatsThePort() throws {
        let env = ["DAPR_HTTP_ENDPOINT": "http://10.0.0.5:3600", "DAPR_HTTP_PORT": "3700", "DAPR_API_TOKEN": "t"]
        #expect(
            try DaprEndpoint.resolve(address: "http://127.0.0.1:9", environment: env).baseURL == "http://127.0.0.1:9")
        #expect(try DaprEndpoint.resolve(port: 3800, environment: env).baseURL == "http://127.0.0.1:3800")
        #expect(try DaprEndpoint.resolve(environment: env).baseURL == "http://10.0.0.5:3600")
        #expect(try DaprEndpoint.resolve(environment: ["DAPR_HTTP_PORT": "3700"]).baseURL == "http://127.0.0.1:3700")
        #expect(try DaprEndpoint.resolve(environment: [:]) == DaprEndpoint(baseURL: "http://127.0.0.1:3500"))
        #expect(try DaprEndpoint.resolve(environment: env).apiToken == "t")
        #expect(try DaprEndpoint.resolve(environment: ["DAPR_API_TOKEN": ""]).apiToken == nil)
    }

    @Test func badAddressesAreNamed() {
        #expect(throws: DaprConfigurationError("DAPR_HTTP_PORT=abc is not a port number")) {
            try DaprEndpoint.resolve(environment: ["DAPR_HTTP_PORT": "abc"])
        }
        #expect(throws: DaprConfigurationError.self) {
            try DaprEndpoint.resolve(environment: ["DAPR_HTTP_ENDPOINT": "localhost:3500"])
        }
    }

    @Test func appPortAndTokenComeFromDaprRun() throws {
        let dir = URL(fileURLWithPath: "/tmp/x")
        let config = try DaprBus.Configuration.fromEnvironment(
            dataDirectory: dir, environment: ["APP_PORT": "3000", "APP_API_TOKEN": "app", "DAPR_HTTP_PORT": "3501"])
        #expect(config.appPort == 3000)
        #expect(config.appAPIToken == "app")
        #expect(config.endpoint.baseURL == "http://127.0.0.1:3501")
        #expect(config.appHost == "127.0.0.1")
        #expect(throws: DaprConfigurationError.self) {
            try DaprBus.Configuration.fromEnvironment(dataDirectory: dir, environment: [:])
        }
    }

    @Test func backOffGrowsWithJitterUpToTheCap() {
        let policy = DaprBus.RetryPolicy(initial: .milliseconds(100), maximum: .seconds(2), jitter: 0.2)
        for attempt in 0..<12 {
            let expected = min(0.1 * Double(1 << attempt), 2.0)
            let delay = policy.delay(attempt: attempt)
            let seconds = Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
            #expect(seconds >= expected * 0.8 - 1e-9 && seconds <= expected * 1.2 + 1e-9, "attempt \(attempt)")
        }
        let spread = Set((0..<20).map { _ in policy.delay(attempt: 3) })
        #expect(spread.count > 1, "jitter spreads retries")
    }

    @Test func metadataReportNamesWhatWasFoundOrWhatIsMissing() throws {
        let json = try JSONValue.parse(
            Array(
                #"{"id":"todo-chat","runtimeVersion":"1.16.2","components":[{"name":"kafka-pubsub","type":"pubsub.kafka","version":"v1"},{"name":"statestore","type":"state.postgresql","version":"v1"}]}"#
                    .utf8))
        let metadata = try SidecarMetadata(json: json)
        #expect(
            try metadata.report(pubsub: "kafka-pubsub").get().description
                == "Dapr 1.16.2 (app todo-chat), pub/sub kafka-pubsub: pubsub.kafka v1")
        guard case .failure(let missing) = metadata.report(pubsub: "pubsub") else {
            Issue.record("a missing component must be reported")
            return
        }
        #expect(missing.description.contains(#"no component named "pubsub""#))
        #expect(missing.description.contains("kafka-pubsub (pubsub.kafka), statestore (state.postgresql)"))
        guard case .failure(let wrongKind) = metadata.report(pubsub: "statestore") else {
            Issue.record("a state store is not a pub/sub")
            return
        }
        #expect(wrongKind.description.contains("not a pub/sub component"))
    }

    @Test(arguments: [
        (401, "", DaprError.Kind.badToken),
        (404, #"{"errorCode":"ERR_PUBSUB_NOT_FOUND","message":"pubsub x is not found"}"#, .unknownPubSub),
        (400, #"{"errorCode":"ERR_PUBSUB_NOT_CONFIGURED","message":"no pubsub"}"#, .unknownPubSub),
        (
            403, #"{"errorCode":"ERR_PUBSUB_FORBIDDEN","message":"topic t is not allowed for app id a"}"#,
            .forbiddenTopic
        ),
        (404, #"{"errorCode":"ERR_DIRECT_INVOKE","message":"failed getting app id"}"#, .unsupportedAPI),
        (500, #"{"errorCode":"ERR_PUBSUB_PUBLISH_MESSAGE","message":"broker down"}"#, .serverError),
        (400, #"{"errorCode":"ERR_PUBSUB_REQUEST_METADATA","message":"bad rawPayload"}"#, .rejected),
    ])
    func sidecarAnswersBecomeSpecificErrors(_ status: Int, _ body: String, _ kind: DaprError.Kind) {
        let error = DaprClient.explain(
            .init(status: status, headers: [:], body: Array(body.utf8)),
            context: .publish(pubsub: "kafka-pubsub", topic: "task-events"), hasToken: false)
        #expect(error.kind == kind)
        #expect(error.isTransient == (kind == .serverError))
    }
}
