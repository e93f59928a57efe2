import ArgumentParser
import EventPublisher
import Foundation
import Synchronization
import TodoCore

/// A test instrument, hidden from help: publishes a burst of `task.created` events through the Dapr bus,
/// one `publish` call per event, and prints `accepted <event id>` as soon as each call returns (the event
/// is then on disk). The crash test kills it mid-burst and runs it again with `--count 0`, which only
/// drains what the outbox still holds, then prints `drained`.
struct PublishBurstCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish-burst", abstract: "Publish a burst of events through Dapr (test instrument).",
        shouldDisplay: false)

    @Option(help: "Directory of the outbox.") var dataDir: String
    @Option(help: "The sidecar's HTTP port.") var daprPort: Int
    @Option(help: "The app port to listen on (0 = any).") var appPort: Int = 0
    @Option(help: "How many events to publish.") var count: Int = 100
    @Option(help: "Seconds to wait for the outbox to drain.") var drainTimeout: Double = 60

    func run() throws {
        let outcome = Mutex<Result<Void, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let command = self
        _Concurrency.Task {
            do {
                try await command.burst()
                outcome.withLock { $0 = .success(()) }
            } catch {
                outcome.withLock { $0 = .failure(error) }
            }
            done.signal()
        }
        done.wait()
        try outcome.withLock { $0 }?.get()
    }

    private func burst() async throws {
        let configuration = DaprBus.Configuration(
            endpoint: try DaprEndpoint.resolve(port: daprPort), dataDirectory: URL(fileURLWithPath: dataDir),
            appPort: appPort)
        let bus = DaprBus(configuration: configuration)
        try await bus.start()
        let now = Date()
        for _ in 0..<count {
            let id = TaskID(UUID().uuidString.lowercased())
            let event = TaskEvent(
                id: UUID().uuidString.lowercased(), taskID: id, sequence: 1, time: now,
                payload: .taskCreated(TaskCreated(task: Task(id: id, title: "burst", sequence: 1, createdAt: now))))
            _ = try await bus.publish([event])
            report("accepted \(event.id)")
        }
        let deadline = Date().addingTimeInterval(drainTimeout)
        for await case .status(let status) in bus.subscribe() {
            if status.pending == 0 { break }
            if Date() > deadline { throw ValidationError("\(status.pending) events still pending") }
        }
        report("drained")
        await bus.shutdown()
    }

    /// Unbuffered, so that what was reported before a SIGKILL is on the pipe.
    private func report(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
