import EventPublisher
import Foundation
import Hummingbird
import HummingbirdTesting
import TaskWorker
import Testing
import TodoCore

private let created = TaskEvent(
    id: "e1", taskID: TaskID("t-1"), sequence: 1, time: Date(timeIntervalSince1970: 1_800_000_000),
    correlationID: "corr-1",
    payload: .taskCreated(
        TaskCreated(task: Task(id: TaskID("t-1"), title: "milk", createdAt: Date(timeIntervalSince1970: 1_800_000_000)))
    ))

@Suite struct Routes {
    let sidecar = InMemorySidecar()
    var worker: Worker { Worker(sidecar: sidecar) }

    @Test func subscribeListsNothingBecauseTheSubscriptionsAreDeclarative() async throws {
        let app = Application(router: WorkerRoutes.appRouter(worker: worker, appAPIToken: nil))
        try await app.test(.router) { client in
            try await client.execute(uri: "/dapr/subscribe", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "[]")
            }
        }
    }

    @Test func aDeliveryIsAnsweredWithTheDaprStatus() async throws {
        let app = Application(router: WorkerRoutes.appRouter(worker: worker, appAPIToken: nil))
        let body = try EventCatalogue.cloudEvent(for: created).jsonBytes()
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/events/task-events", method: .post, headers: [.contentType: CloudEvent.mediaType],
                body: ByteBuffer(bytes: body)
            ) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"status":"SUCCESS"}"#)
            }
            try await client.execute(
                uri: "/events/task-events", method: .post, body: ByteBuffer(string: "{}")
            ) { response in
                #expect(String(buffer: response.body) == #"{"status":"RETRY"}"#)
            }
        }
        #expect(sidecar.published.count == 1)
    }

    @Test func withAnAppTokenTheSidecarsCallsNeedItButProbesDoNot() async throws {
        let app = Application(router: WorkerRoutes.appRouter(worker: worker, appAPIToken: "s3cret"))
        try await app.test(.router) { client in
            try await client.execute(uri: "/dapr/subscribe", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(
                uri: "/dapr/subscribe", method: .get, headers: [.init("dapr-api-token")!: "s3cret"]
            ) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/job/reminder-x", method: .post, body: ByteBuffer(string: "{}")) {
                response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func aJobTheWorkerDidNotMakeIsAnswered404SoTheSchedulerDoesNotRetry() async throws {
        let app = Application(router: WorkerRoutes.appRouter(worker: worker, appAPIToken: nil))
        try await app.test(.router) { client in
            try await client.execute(uri: "/job/backup", method: .post, body: ByteBuffer(string: #""nightly""#)) {
                response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func metricsArePrometheusText() async throws {
        let worker = self.worker
        _ = await worker.handleDelivery(
            topic: "task-events", body: try EventCatalogue.cloudEvent(for: created).jsonBytes())
        _ = await worker.handleDelivery(
            topic: "task-events", body: try EventCatalogue.cloudEvent(for: created).jsonBytes())
        let app = Application(router: WorkerRoutes.appRouter(worker: worker, appAPIToken: nil))
        try await app.test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.headers[.contentType] == "text/plain; version=0.0.4")
                let text = String(buffer: response.body)
                #expect(text.contains("# TYPE todo_worker_events_applied_total counter\n"))
                #expect(text.contains(#"todo_worker_events_applied_total{type="task.created"} 1"#))
                #expect(text.contains("todo_worker_duplicates_ignored_total 1\n"))
                #expect(text.contains("todo_worker_dead_letters_total 0\n"))
            }
        }
    }

    @Test func theAdminAPIListsDeadLettersAsJSON() async throws {
        let worker = self.worker
        let body = try EventCatalogue.cloudEvent(for: created).jsonBytes()
        _ = await worker.handleDeadLetter(deadLetterTopic: "task-events-dlq", body: body)
        let app = Application(router: WorkerRoutes.adminRouter(worker: worker))
        try await app.test(.router) { client in
            try await client.execute(uri: "/dead-letters", method: .get) { response in
                let letters = try AdminJSON.decoder.decode(
                    [DeadLetter].self, from: Data(response.body.readableBytesView))
                #expect(letters.map(\.id) == ["e1"])
                #expect(letters.first?.topic == "task-events")
            }
            try await client.execute(uri: "/dead-letters/nope/republish", method: .post) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}
