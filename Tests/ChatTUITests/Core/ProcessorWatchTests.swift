import Foundation
import Testing
import TodoCore

@testable import ChatTUI

/// In the Dapr mode a missing task processor is said, once, and counted in the status bar until the tasks
/// are applied; a slow one, or a sidecar that is away, is not taken for a missing processor.
@Suite struct ProcessorWatchTests {
    static let tasks = [task(1, "call mum")]
    static let silentLine =
        "10:00 ✗ No task processor has answered for 10 s: 2 tasks are waiting ('fix bike', 'water plants')."
        + " Is todo-worker running? They are kept and will be applied when it starts."

    /// The Dapr mode with the sidecar up, as the bus reports it, and one task loaded.
    func daprModel(columns: Int = 160, rows: Int = 24) -> Model {
        var model = Model(
            mode: .dapr, zone: StandIn.zone, start: StandIn.start, environment: StandIn.environment, seed: 7,
            size: Size(columns: columns, rows: rows), processorPatience: 10)
        _ = model.update(.busStatus(BusStatus(mode: .dapr, health: .up, pendingCount: 0)))
        _ = model.update(.tasksLoaded(Self.tasks))
        return model
    }

    /// A line entered and taken by the sidecar the way `DaprBus` reports it: into the outbox (`pending`),
    /// then the outbox empties. The effects of those steps.
    @discardableResult
    func enterDelivered(_ line: String, into model: inout Model) -> (events: [TaskEvent], effects: [Effect]) {
        let events = published(model.enter(line))
        var effects = model.update(.publishResult(PublishResult(eventIDs: events.map(\.id), outcome: .pending)))
        effects += model.update(.busStatus(BusStatus(mode: .dapr, health: .up, pendingCount: 1)))
        effects += model.update(.busStatus(BusStatus(mode: .dapr, health: .up, pendingCount: 0)))
        return (events, effects)
    }

    func at(_ seconds: TimeInterval) -> Date { StandIn.start.addingTimeInterval(seconds) }

    func statusBar(_ model: Model) -> String { view(model).rows.last! }

    /// What the processor reports back for the tasks these events made.
    func confirmation(of events: [TaskEvent], _ model: Model) -> [TaskEvent] {
        events.map { sync(model.board[$0.taskID]!.task) }
    }

    func said(_ model: Model, _ words: String) -> [String] {
        conversationLines(model).filter { $0.contains(words) }
    }

    @Test func silenceIsSaidOnceAndCountedUntilTheTasksAreApplied() {
        var model = daprModel()
        let bike = enterDelivered("fix bike", into: &model)
        // The tick comes when the processor has been silent for 10 s, before the next minute's.
        #expect(bike.effects == [.scheduleTick(at: at(10))])
        _ = model.update(.tick(at(9)))
        let plants = enterDelivered("water plants", into: &model)
        #expect(said(model, "task processor").isEmpty)
        #expect(!statusBar(model).contains("waiting"))
        #expect(view(model).rows.first { $0.contains("water plants") }!.hasSuffix("…"))

        #expect(model.update(.tick(at(10))) == [.scheduleTick(at: at(60))])
        #expect(said(model, "task processor") == [Self.silentLine])
        #expect(statusBar(model).hasPrefix(" dapr · sidecar up · 0 pending · 2 waiting for processor "))
        let alert = view(model).styleRow(23)
        _ = model.update(.tick(at(60)))
        _ = model.update(.tick(at(120)))
        #expect(said(model, "task processor").count == 1, "said once, however long it lasts")

        // A worker starts: the tasks are applied from the topic, one at a time.
        _ = model.update(.taskUpdates(confirmation(of: bike.events, model)))
        #expect(statusBar(model).contains("· 1 waiting for processor "))
        #expect(said(model, "The task processor has answered").isEmpty)
        _ = model.update(.taskUpdates(confirmation(of: plants.events, model)))
        #expect(!statusBar(model).contains("waiting"))
        #expect(view(model).styleRow(23) != alert, "the status bar stands out only while tasks wait")
        #expect(view(model).rows.first { $0.contains("water plants") }!.hasSuffix("…") == false)
        #expect(
            said(model, "The task processor has answered") == [
                "10:02 ✓ The task processor has answered: 'fix bike', 'water plants' applied."
            ])
        _ = model.update(.taskUpdates(confirmation(of: plants.events, model)))
        _ = model.update(.tick(at(180)))
        #expect(said(model, "task processor").count == 2, "each said once")
    }

    @Test func aProcessorBusyWithOthersIsSlowNotMissing() {
        var model = daprModel()
        enterDelivered("fix bike", into: &model)
        _ = model.update(.tick(at(8)))
        // Another chat's task, applied by the processor: it is running, so the silence starts again.
        let effects = model.update(.taskUpdate(sync(task(9, "from ann"))))
        #expect(effects == [.scheduleTick(at: at(18))])
        _ = model.update(.tick(at(10)))
        #expect(said(model, "task processor").isEmpty)
        _ = model.update(.tick(at(18)))
        #expect(said(model, "task processor").count == 1)
        let line = said(model, "task processor")[0]
        #expect(line.contains(": 'fix bike' is waiting. Is todo-worker running? It is kept"))
        #expect(statusBar(model).contains("· 1 waiting for processor "))
    }

    @Test func whileTheSidecarIsAwayTheProcessorIsNotBlamed() {
        var model = daprModel()
        let events = published(model.enter("fix bike"))
        _ = model.update(.publishResult(PublishResult(eventIDs: events.map(\.id), outcome: .pending)))
        _ = model.update(.busStatus(BusStatus(mode: .dapr, health: .down, pendingCount: 1)))
        _ = model.update(.tick(at(60)))
        #expect(said(model, "task processor").isEmpty)
        #expect(statusBar(model).hasPrefix(" dapr · sidecar down · 1 pending "))
        // Back, and the outbox delivered: the processor is timed from now.
        _ = model.update(.tick(at(100)))
        _ = model.update(.busStatus(BusStatus(mode: .dapr, health: .up, pendingCount: 0)))
        _ = model.update(.tick(at(109)))
        #expect(said(model, "task processor").isEmpty)
        _ = model.update(.tick(at(110)))
        #expect(said(model, "task processor").count == 1)
    }

    @Test func tasksThatFailedAreNotSaidToBeApplied() {
        var model = daprModel()
        let bike = enterDelivered("fix bike", into: &model)
        _ = model.update(.tick(at(10)))
        #expect(statusBar(model).contains("· 1 waiting for processor "))
        _ = model.update(.publishResult(PublishResult(eventIDs: bike.events.map(\.id), outcome: .failed("refused"))))
        #expect(!statusBar(model).contains("waiting"))
        #expect(said(model, "The task processor has answered").isEmpty)
    }

    @Test func theMarkFitsAnEightyColumnStatusBar() {
        var model = daprModel(columns: 80, rows: 24)
        enterDelivered("fix bike", into: &model)
        enterDelivered("water plants", into: &model)
        _ = model.update(.tick(at(10)))
        #expect(statusBar(model) == " dapr · sidecar up · 0 pending · 2 waiting for processor       Fri 27 Nov 10:00 ")
    }

    @Test func manyWaitingTasksAreCountedAndTheFirstNamed() {
        var model = daprModel()
        for title in ["fix bike", "water plants", "pay rent", "book dentist", "wash car"] {
            enterDelivered(title, into: &model)
        }
        _ = model.update(.tick(at(10)))
        #expect(
            said(model, "task processor")[0].contains(
                "5 tasks are waiting ('fix bike', 'water plants', 'pay rent' and 2 more)."))
        #expect(statusBar(model).contains("· 5 waiting for processor "))
    }

    @Test func theEmbeddedModeNeverSaysIt() {
        var model = StandIn.model(columns: 160, rows: 24)
        _ = model.update(.tasksLoaded(Self.tasks))
        let events = published(model.enter("fix bike"))
        _ = model.update(.publishResult(PublishResult(eventIDs: events.map(\.id), outcome: .accepted)))
        #expect(model.update(.tick(at(10))) == [.scheduleTick(at: at(60))])
        _ = model.update(.tick(at(600)))
        #expect(said(model, "task processor").isEmpty)
        #expect(!statusBar(model).contains("waiting"))
    }
}
