import Foundation
import Testing
import TodoCore

@testable import EventPublisher

#if canImport(Glibc)
    import Glibc
#endif

/// The real DaprBus against the stand-in sidecar (Tests/sidecar/daprd.py) in its own process.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct DaprBusIntegrationTests {
    static let fastRetry = DaprBus.RetryPolicy(initial: .milliseconds(50), maximum: .milliseconds(500))

    func makeBus(
        _ dir: URL, daprPort: Int, appPort: Int, token: String? = nil, appToken: String? = nil,
        pubsub: String = "kafka-pubsub", name: String = "bus"
    ) -> DaprBus {
        DaprBus(
            configuration: .init(
                endpoint: DaprEndpoint(baseURL: "http://127.0.0.1:\(daprPort)", apiToken: token),
                dataDirectory: dir.appendingPathComponent(name), appPort: appPort, pubsubName: pubsub,
                appAPIToken: appToken, retry: Self.fastRetry))
    }

    func taskSync(_ task: Task, id: String = newID()) -> TaskEvent {
        TaskEvent(
            id: id, taskID: task.id, sequence: task.sequence, time: fixedTime, payload: .taskSync(TaskSync(task: task)))
    }

    func isReady(_ recorder: Recorder) -> Bool {
        recorder.all.contains { if case .status(let s) = $0, case .ready = s.sidecar { true } else { false } }
    }

    /// A stand-in sidecar in a temp dir and a started bus talking to it, healthy (its app channel is up);
    /// the bus is shut down and everything removed afterwards.
    func withRunningBus(
        _ body: (_ sidecar: StandinSidecar, _ bus: DaprBus, _ recorder: Recorder, _ appPort: Int) async throws -> Void
    ) async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let appPort = freePort()
        let sidecar = try StandinSidecar.start(appID: "todo-chat", appPort: appPort, directory: dir.url)
        defer { sidecar.stop() }
        let bus = makeBus(dir.url, daprPort: sidecar.port, appPort: appPort)
        let recorder = Recorder(bus.subscribe())
        try await bus.start()
        #expect(await sidecar.waitHealthy())
        do {
            try await body(sidecar, bus, recorder, appPort)
        } catch {
            await bus.shutdown()
            throw error
        }
        await bus.shutdown()
    }

    @Test func publishesCloudEventsAndHearsUpdatesAndRemindersBack() async throws {
        try await withRunningBus { sidecar, bus, recorder, _ in
            #expect(await recorder.wait(within: 10) { self.isReady($0) })
            guard
                let status = recorder.latestStatus, case .ready(let report) = status.sidecar
            else { return }
            #expect(report.pubsubType == "pubsub.kafka")
            #expect(report.runtimeVersion.hasPrefix("1."))

            let event = created("buy milk", correlation: "corr-7")
            let receipt = try await bus.publish([event])
            #expect(receipt.accepted == [event.id])
            var records: [PublishedRecord] = []
            for _ in 0..<100 {
                records = try await sidecar.published(topic: "task-events")
                if !records.isEmpty { break }
                try await _Concurrency.Task.sleep(for: .milliseconds(50))
            }
            let record = try #require(records.first)
            #expect(records.count == 1)
            #expect(record.key == event.taskID.rawValue)
            #expect(record.headers["partitionKey"] == event.taskID.rawValue)
            let onWire = try #require(record.event)
            let ours = try EventCatalogue.cloudEvent(for: event)
            #expect(onWire.id == event.id)
            #expect(onWire.type == "task.created")
            #expect(onWire.source == ours.source)
            #expect(onWire.subject == ours.subject)
            #expect(onWire[extension: "correlationid"] == .string("corr-7"))
            #expect(try EventCatalogue.taskEvent(from: onWire) == event)

            // What the worker would publish comes back to us through the subscription.
            let task = Task(id: event.taskID, title: "buy milk", sequence: 2, createdAt: fixedTime)
            let update = taskSync(task)
            let trigger = TaskEvent(
                id: newID(), taskID: task.id, sequence: 2, time: fixedTime,
                payload: .reminderTriggered(
                    ReminderTriggered(taskId: task.id, reminderId: "r1", title: "buy milk", firedAt: fixedTime)))
            let scheduled = TaskEvent(
                id: newID(), taskID: task.id, sequence: 2, time: fixedTime,
                payload: .reminderScheduled(
                    ReminderScheduled(
                        taskId: task.id, reminder: Reminder(id: "r1", trigger: .beforeDue(minutes: 0)),
                        fireAt: fixedTime,
                        title: "buy milk")))
            _ = try await bus.publish([update, scheduled, trigger])
            #expect(await recorder.wait(within: 10) { $0.updates.map(\.id) == [update.id] && $0.reminders.count == 1 })
            #expect(recorder.reminders.map(\.id) == [trigger.id])
            #expect(try await bus.snapshot().map(\.title) == ["buy milk"])
            // Other reminder events are acknowledged, not dead-lettered.
            #expect(try await sidecar.deadLetters().isEmpty)
        }
    }

    @Test func sidecarAwayThenBackLosesNothingAndRepeatsNothing() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let appPort = freePort()
        let daprPort = freePort()
        let bus = makeBus(dir.url, daprPort: daprPort, appPort: appPort)
        let recorder = Recorder(bus.subscribe())
        try await bus.start()

        // Nobody listens yet: commands are still accepted, and the pending count says what waits.
        let tasks = (0..<3).map { _ in TaskID(newID()) }
        var published: [TaskEvent] = []
        for round in 1...5 {
            for id in tasks {
                let task = Task(id: id, title: "task \(round)", sequence: round, createdAt: fixedTime)
                let event = round == 1 ? created("task 1", id: id) : taskSync(task)
                let receipt = try await bus.publish([event])
                published.append(event)
                #expect(receipt.pending == published.count)
            }
        }
        #expect(
            await recorder.wait { $0.all.contains { if case .status(let s) = $0 { s.pending == 15 } else { false } } })

        var sidecar = try StandinSidecar.start(
            appID: "todo-chat", appPort: appPort, directory: dir.url, daprPort: daprPort)
        #expect(
            await recorder.wait(within: 20) {
                $0.latestStatus?.pending == 0
            })
        #expect(await recorder.wait(within: 20) { Set($0.updates.map(\.id)).count == 12 })

        // The sidecar goes away mid-session and comes back on the same broker.
        sidecar.stop()
        for id in tasks {
            let event = taskSync(Task(id: id, title: "after outage", sequence: 6, createdAt: fixedTime))
            _ = try await bus.publish([event])
            published.append(event)
        }
        #expect(
            await recorder.wait(within: 10) { rec in
                rec.all.contains { if case .status(let s) = $0, s.pending == 3 { true } else { false } }
            })
        sidecar = try StandinSidecar.start(appID: "todo-chat", appPort: appPort, directory: dir.url, daprPort: daprPort)
        defer { sidecar.stop() }
        #expect(await recorder.wait(within: 20) { Set($0.updates.map(\.id)).count == 15 })

        let onBroker = try await sidecar.published(topic: "task-events") + sidecar.published(topic: "task-updates")
        let ids = onBroker.compactMap(\.event?.id)
        #expect(Set(ids) == Set(published.map(\.id)), "nothing lost")
        #expect(ids.count == published.count, "nothing published twice")
        #expect(recorder.updates.count == 15, "nothing applied twice")
        // In order per task: each task's updates arrive with rising sequence.
        for id in tasks {
            let sequences = recorder.updates.filter { $0.taskID == id }.map(\.sequence)
            #expect(sequences == sequences.sorted())
        }
        #expect(try await bus.snapshot().allSatisfy { $0.title == "after outage" })
        await bus.shutdown()
    }

    @Test func killedMidBurstEveryAcceptedEventIsPublishedOnce() async throws {
        let binary = repositoryRoot.appendingPathComponent(".build/debug/todo-chat")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build todo-chat first")
        let dir = try TempDirectory()
        defer { dir.remove() }
        let sidecar = try StandinSidecar.start(appID: "todo-chat", appPort: freePort(), directory: dir.url)
        defer { sidecar.stop() }
        // Slow broker writes so that a backlog builds up and the kill lands with events still pending.
        _ = try await sidecar.client.send(
            .POST, "/_standin/faults/publish/delay", body: Array(#"{"count":100000,"seconds":0.01}"#.utf8),
            contentType: "application/json")
        let dataDir = dir.url.appendingPathComponent("outbox").path

        func burst(count: Int, output: URL) throws -> ChildProcess {
            try ChildProcess(
                [
                    binary.path, "publish-burst", "--data-dir", dataDir, "--dapr-port", String(sidecar.port), "--count",
                    String(count),
                ], environment: ProcessInfo.processInfo.environment, stdout: output,
                stderr: dir.url.appendingPathComponent("burst.err"))
        }
        func lines(_ url: URL) -> [String] {
            ((try? String(contentsOf: url, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }

        let firstOut = dir.url.appendingPathComponent("first.out")
        let first = try burst(count: 400, output: firstOut)
        let deadline = Date().addingTimeInterval(60)
        while lines(firstOut).count < 150, Date() < deadline, first.isRunning {
            try await _Concurrency.Task.sleep(for: .milliseconds(20))
        }
        first.signal(SIGKILL)
        first.waitUntilExit()
        let accepted = Set(lines(firstOut).compactMap { $0.hasPrefix("accepted ") ? String($0.dropFirst(9)) : nil })
        #expect(accepted.count >= 150)
        let beforeRestart = try await sidecar.published(topic: "task-events").count
        #expect(beforeRestart < accepted.count, "the kill should leave events in the outbox")

        _ = try await sidecar.client.send(.DELETE, "/_standin/faults")
        let secondOut = dir.url.appendingPathComponent("second.out")
        let second = try burst(count: 0, output: secondOut)
        let drainDeadline = Date().addingTimeInterval(60)
        while second.isRunning, Date() < drainDeadline { try await _Concurrency.Task.sleep(for: .milliseconds(50)) }
        second.stop()
        #expect(lines(secondOut).last == "drained")

        let ids = try await sidecar.published(topic: "task-events").compactMap(\.event?.id)
        // What a deduplicating consumer (the worker, the live pane) sees: each id once.
        let seen = Set(ids)
        #expect(accepted.isSubset(of: seen), "every accepted event reached the broker")
        // At most the one event that was on disk but not yet reported when the kill came.
        #expect(seen.subtracting(accepted).count <= 1)
        // At-least-once on the broker: only the batch in flight at the kill can be sent twice.
        #expect(ids.count - seen.count <= 100)
    }

    @Test func duplicateAndOutOfOrderDeliveriesChangeNothing() async throws {
        try await withRunningBus { sidecar, bus, recorder, _ in
            let id = TaskID(newID())
            let third = taskSync(Task(id: id, title: "third", sequence: 3, createdAt: fixedTime))
            let second = taskSync(Task(id: id, title: "second", sequence: 2, createdAt: fixedTime))
            func send(_ event: TaskEvent) async throws {
                try await sidecar.client.publish(
                    pubsub: "kafka-pubsub", topic: "task-updates",
                    cloudEvent: try EventCatalogue.cloudEvent(for: event, source: EventCatalogue.workerSource)
                        .jsonBytes(),
                    metadata: ["partitionKey": id.rawValue])
            }
            try await send(third)
            try await send(third)  // redelivered
            try await send(second)  // late
            let marker = taskSync(Task(id: TaskID(newID()), title: "marker", sequence: 1, createdAt: fixedTime))
            try await send(marker)
            #expect(await recorder.wait(within: 10) { $0.updates.contains { $0.id == marker.id } })
            #expect(recorder.updates.map(\.id) == [third.id, marker.id])
            let task = try #require(try await bus.snapshot().first { $0.id == id })
            #expect(task.title == "third")
            #expect(task.sequence == 3)
            #expect(try await sidecar.deadLetters().isEmpty, "a duplicate or stale update is not an error")
        }
    }

    @Test func everyMalformedDeliveryIsDroppedAndTheServerStaysUp() async throws {
        try await withRunningBus { sidecar, _, recorder, appPort in
            let good = taskSync(Task(id: TaskID(newID()), title: "fine", sequence: 1, createdAt: fixedTime))
            let goodJSON = String(decoding: try EventCatalogue.cloudEvent(for: good).jsonBytes(), as: UTF8.self)
            func mutate(_ change: (inout CloudEvent) -> Void) throws -> String {
                var event = try EventCatalogue.cloudEvent(for: good)
                change(&event)
                return String(decoding: event.jsonValue.serialized, as: UTF8.self)
            }
            let bodies: [(String, String)] = [
                ("empty body", ""),
                ("not JSON", "hello"),
                ("a JSON array", "[]"),
                ("an empty object", "{}"),
                ("no id", try mutate { $0.id = "" }),
                (
                    "old specversion",
                    goodJSON.replacingOccurrences(of: #""specversion":"1.0""#, with: #""specversion":"0.3""#)
                ),
                ("camel-case extension", goodJSON.replacingOccurrences(of: #""traceid""#, with: #""traceId""#)),
                ("bad time", try mutate { $0.time = "yesterday" }),
                (
                    "data and data_base64",
                    goodJSON.replacingOccurrences(of: #""data":"#, with: #""data_base64":"AA==","data":"#)
                ),
                ("not our type", try mutate { $0.type = "com.example.other" }),
                ("wrong subject", try mutate { $0.subject = "task/someone-else" }),
                (
                    "payload that breaks the schema",
                    try mutate { $0.data = .json(.object([.init("task", .number("1"))])) }
                ),
                ("a task-events type on task-updates", try mutate { $0.type = "task.deleted" }),
                ("binary data", try mutate { $0.data = .binary([1, 2, 3]) }),
                ("truncated", String(goodJSON.dropLast(3))),
                ("too large", #"{"pad":""# + String(repeating: "x", count: 2 << 20) + #""}"#),
            ]
            let app = DaprClient(endpoint: DaprEndpoint(baseURL: "http://127.0.0.1:\(appPort)"))
            for (what, body) in bodies {
                let response = try await app.send(
                    .POST, "/events/task-updates", body: Array(body.utf8), contentType: CloudEvent.mediaType)
                #expect(response.status == 200, "\(what)")
                #expect(String(decoding: response.body, as: UTF8.self) == #"{"status":"DROP"}"#, "\(what)")
            }
            let ok = try await app.send(
                .POST, "/events/task-updates", body: Array(goodJSON.utf8), contentType: CloudEvent.mediaType)
            #expect(String(decoding: ok.body, as: UTF8.self) == #"{"status":"SUCCESS"}"#)
            #expect(recorder.updates.map(\.id) == [good.id])

            // Through the sidecar: what we drop lands on the dead-letter topic.
            try await sidecar.client.publish(
                pubsub: "kafka-pubsub", topic: "task-updates", cloudEvent: Array(#"{"id":"junk-1","data":{}}"#.utf8))
            var dead: [PublishedRecord] = []
            for _ in 0..<100 {
                dead = try await sidecar.deadLetters()
                if !dead.isEmpty { break }
                try await _Concurrency.Task.sleep(for: .milliseconds(50))
            }
            #expect(dead.map(\.topic) == ["task-updates-dlq"])
            #expect(dead.first?.event?.id == "junk-1")
        }
    }

    @Test func tokensAreSentCheckedAndExplained() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let appPort = freePort()
        let sidecar = try StandinSidecar.start(
            appID: "todo-chat", appPort: appPort, directory: dir.url,
            environment: ["DAPR_API_TOKEN": "dapr-secret", "APP_API_TOKEN": "app-secret"])
        defer { sidecar.stop() }

        func failure(token: String?, name: String) async throws -> String? {
            let bus = makeBus(dir.url, daprPort: sidecar.port, appPort: freePort(), token: token, name: name)
            let recorder = Recorder(bus.subscribe())
            try await bus.start()
            _ = try await bus.publish([created("secret task")])
            _ = await recorder.wait(within: 10) {
                $0.all.contains { if case .publishFailed = $0 { true } else { false } }
            }
            await bus.shutdown()
            return recorder.all.lazy.compactMap { if case .publishFailed(let f) = $0 { f.message } else { nil } }.first
        }
        let missing = try await failure(token: nil, name: "no-token")
        #expect(missing?.contains("requires an API token: set DAPR_API_TOKEN") == true)
        let wrong = try await failure(token: "guess", name: "wrong-token")
        #expect(wrong?.contains("refused our API token") == true)

        let bus = makeBus(
            dir.url, daprPort: sidecar.port, appPort: appPort, token: "dapr-secret", appToken: "app-secret")
        let recorder = Recorder(bus.subscribe())
        try await bus.start()
        #expect(await sidecar.waitHealthy())
        let update = taskSync(Task(id: TaskID(newID()), title: "with tokens", sequence: 1, createdAt: fixedTime))
        _ = try await bus.publish([update])
        #expect(await recorder.wait(within: 10) { $0.updates.map(\.id) == [update.id] })

        // Our app port wants the sidecar's token.
        let body = try EventCatalogue.cloudEvent(for: update).jsonBytes()
        for token in [nil, "app-guess"] {
            let app = DaprClient(endpoint: DaprEndpoint(baseURL: "http://127.0.0.1:\(appPort)", apiToken: token))
            let response = try await app.send(
                .POST, "/events/task-updates", body: body, contentType: CloudEvent.mediaType)
            #expect(response.status == 401)
            #expect(try await app.send(.GET, "/dapr/subscribe").status == 401)
        }
        await bus.shutdown()
    }

    @Test func aMissingPubSubComponentIsNamed() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let sidecar = try StandinSidecar.start(appID: "todo-chat", appPort: freePort(), directory: dir.url)
        defer { sidecar.stop() }
        let bus = makeBus(dir.url, daprPort: sidecar.port, appPort: freePort(), pubsub: "pubsub")
        let recorder = Recorder(bus.subscribe())
        try await bus.start()
        _ = try await bus.publish([created("nowhere to go")])
        #expect(
            await recorder.wait(within: 10) { $0.all.contains { if case .publishFailed = $0 { true } else { false } } })
        let problems = recorder.all.compactMap { event -> String? in
            switch event {
            case .status(let s): if case .misconfigured(let m) = s.sidecar { m } else { nil }
            case .publishFailed(let f): f.message
            default: nil
            }
        }
        #expect(
            problems.contains {
                $0.contains(#"no component named "pubsub""#) && $0.contains("kafka-pubsub (pubsub.kafka)")
            })
        #expect(problems.contains { $0.contains(#"no pub/sub component named "pubsub""#) })
        await bus.shutdown()
    }
}

@Suite(.serialized, .timeLimit(.minutes(2)))
struct OutboxTests {
    @Test func aFullOutboxRefusesWithAClearErrorAndDropsNothing() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let bus = DaprBus(
            configuration: .init(
                endpoint: DaprEndpoint(baseURL: "http://127.0.0.1:\(freePort())"), dataDirectory: dir.url,
                appPort: freePort(), outboxCapacity: 3, retry: DaprBusIntegrationTests.fastRetry))
        try await bus.start()
        let accepted = [created("one"), created("two"), created("three")]
        var pending: [Int] = []
        for event in accepted { pending.append(try await bus.publish([event]).pending) }
        #expect(pending == [1, 2, 3])
        await #expect {
            try await bus.publish([created("four")])
        } throws: { error in
            (error as? OutboxFull)?.description.hasPrefix("not accepted: 3 events are already waiting") == true
        }
        await bus.shutdown()
        // Still there after a restart.
        let again = DaprBus(
            configuration: .init(
                endpoint: DaprEndpoint(baseURL: "http://127.0.0.1:\(freePort())"), dataDirectory: dir.url,
                appPort: freePort(), outboxCapacity: 3))
        let recorder = Recorder(again.subscribe())
        try await again.start()
        #expect(
            await recorder.wait { $0.all.contains { if case .status(let s) = $0 { s.pending == 3 } else { false } } })
        await again.shutdown()
    }

    @Test func brokerFailuresAreRetriedUntilTheyGoThroughOnce() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let sidecar = try StandinSidecar.start(appID: "todo-chat", appPort: freePort(), directory: dir.url)
        defer { sidecar.stop() }
        _ = try await sidecar.client.send(
            .POST, "/_standin/faults/publish/fail", body: Array(#"{"count":4,"error":"broker down"}"#.utf8),
            contentType: "application/json")
        let bus = DaprBus(
            configuration: .init(
                endpoint: DaprEndpoint(baseURL: "http://127.0.0.1:\(sidecar.port)"),
                dataDirectory: dir.url.appendingPathComponent("bus"), appPort: freePort(),
                retry: DaprBusIntegrationTests.fastRetry))
        let recorder = Recorder(bus.subscribe())
        try await bus.start()
        let event = created("try again")
        _ = try await bus.publish([event])
        var ids: [String] = []
        for _ in 0..<200 {
            ids = try await sidecar.published(topic: "task-events").compactMap(\.event?.id)
            if !ids.isEmpty { break }
            try await _Concurrency.Task.sleep(for: .milliseconds(50))
        }
        #expect(ids == [event.id])
        #expect(
            await recorder.wait {
                $0.latestStatus?.pending == 0
            })
        #expect(
            !recorder.all.contains { if case .publishFailed = $0 { true } else { false } }, "a 5xx is not a refusal")
        await bus.shutdown()
    }
}
