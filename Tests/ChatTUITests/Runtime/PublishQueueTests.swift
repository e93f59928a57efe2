import EventPublisher
import Foundation
import Logging
import Synchronization
import Testing
import TodoCore

@testable import ChatTUI

/// Commands the bus refuses (a full disk) are kept in order and saved once the bus takes them again.
@Suite struct PublishQueueTests {
    /// A bus whose disk is full until `free()`: it records what it took, in order.
    final class FullDiskBus: EventBus {
        private let state = Mutex((full: true, taken: [[String]](), tries: 0))
        var taken: [[String]] { state.withLock { $0.taken } }
        var tries: Int { state.withLock { $0.tries } }
        func free() { state.withLock { $0.full = false } }

        func start() async throws {}
        func publish(_ events: [TaskEvent]) async throws -> PublishReceipt {
            try state.withLock { state in
                state.tries += 1
                if state.full { throw CocoaError(.fileWriteOutOfSpace) }
                state.taken.append(events.map(\.id))
            }
            return PublishReceipt(accepted: events.map(\.id), pending: 0)
        }
        func subscribe() -> AsyncStream<BusEvent> { AsyncStream { $0.finish() } }
        func snapshot() async throws -> [TodoCore.Task] { [] }
        func shutdown() async {}
    }

    static func command(_ n: Int) -> [TaskEvent] { [sync(task(n, "task \(n)"), id: "e\(n)")] }

    static func wait(until condition: () -> Bool) async {
        for _ in 0..<500 where !condition() { try? await _Concurrency.Task.sleep(for: .milliseconds(10)) }
    }

    @Test func refusedCommandsAreHeldInOrderAndSavedOnceTheBusTakesThemAgain() async {
        let bus = FullDiskBus()
        let answers = Mutex<[PublishResult]>([])
        let queue = PublishQueue(bus: bus, logger: Logger(label: "test")) { result in
            answers.withLock { $0.append(result) }
        }
        queue.enqueue(Self.command(1))
        await Self.wait { answers.withLock { $0.count } == 1 }
        queue.enqueue(Self.command(2))
        await Self.wait { answers.withLock { $0.count } == 2 }
        #expect(answers.withLock { $0.map(\.eventIDs) } == [["e1"], ["e2"]])
        #expect(answers.withLock { $0.allSatisfy { if case .held = $0.outcome { true } else { false } } })
        #expect(queue.unansweredCount == 0, "a held command is answered: the line mode need not wait for it")
        #expect(queue.held.commands == 2)
        #expect(bus.taken.isEmpty)

        bus.free()
        await queue.flush(limit: .seconds(5))
        #expect(bus.taken == [["e1"], ["e2"]], "saved in the order they were typed")
        #expect(queue.held.commands == 0)
        await Self.wait { answers.withLock { $0.count } == 4 }
        #expect(answers.withLock { Array($0.suffix(2)) }.map(\.outcome) == [.accepted, .accepted])
    }

    @Test func aHeldCommandIsRetriedOnItsOwn() async {
        let bus = FullDiskBus()
        let queue = PublishQueue(bus: bus, logger: Logger(label: "test")) { _ in }
        queue.enqueue(Self.command(1))
        await Self.wait { queue.held.commands == 1 }
        let triesWhileFull = bus.tries
        bus.free()
        // No new command and no flush: the retry timer (one second after the first refusal) saves it.
        await Self.wait { !bus.taken.isEmpty }
        #expect(bus.taken == [["e1"]])
        #expect(bus.tries == triesWhileFull + 1)
        #expect(queue.held.commands == 0)
    }
}
