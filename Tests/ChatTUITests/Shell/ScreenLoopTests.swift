import Dispatch
import Glibc
import Synchronization
import Testing

@testable import ChatTUI

/// A program that counts the messages a flood delivers and draws the count.
private final class FloodProgram: ScreenProgram {
    let inbox: Inbox<Int>
    private let deadline: ContinuousClock.Instant
    private(set) var received = 0

    init(runFor duration: Duration) throws {
        inbox = try Inbox()
        deadline = .now + duration
    }

    var isFinished: Bool { ContinuousClock.now >= deadline }
    var acceptsInput: Bool { true }
    var wakeDescriptor: Int32 { inbox.wakePipe.readFD }
    func takeSuspendRequest() -> Bool { false }
    func takeRedrawRequest() -> Bool { false }
    func receive(_ input: DecodedInput) {}
    func resize(cols: Int, rows: Int) {}

    func drainInbox() -> Bool {
        let messages = inbox.takeAll()
        received += messages.count
        return !messages.isEmpty
    }

    func fireTimers() -> Int? {
        let left = deadline - .now
        return max(
            0, Int(left.components.seconds) * 1000 + Int(left.components.attoseconds / 1_000_000_000_000_000) + 1)
    }

    func warmUp() {}

    func frame() -> Frame {
        var frame = Frame(width: 80, height: 24)
        frame.put("updates: \(received)", x: 0, y: 0, style: .plain)
        return frame
    }
}

extension CursesOnPseudoTerminal {
    @Suite struct ScreenLoopTests {
        @Test func floodOfUpdatesIsAbsorbedWithAtMostThirtyFramesASecond() throws {
            try withCursesOnPseudoTerminal { screen, pty in
                let signalFD = try ShellSignals.makeSignalFD()
                defer { close(signalFD) }
                let program = try FloodProgram(runFor: .seconds(1))
                let inbox = program.inbox
                let sent = SharedCount()
                // 10,000 updates a second from another thread, in bursts of 100 every 10 ms.
                let producer = DispatchQueue(label: "flood")
                producer.async {
                    for _ in 0..<100 {
                        inbox.post(contentsOf: Array(0..<100))
                        sent.value.add(100, ordering: .relaxed)
                        usleep(10_000)
                    }
                }
                let drainer = DispatchQueue(label: "pty-drain")
                let draining = SharedCount(1)
                drainer.async {
                    while draining.value.load(ordering: .relaxed) == 1 {
                        _ = pty.drain()
                        usleep(2_000)
                    }
                }
                let loop = ScreenLoop(screen: screen, program: program, signalFD: signalFD)
                let exit = loop.run()
                draining.value.store(0, ordering: .relaxed)
                producer.sync {}
                drainer.sync {}
                _ = program.drainInbox()
                #expect(exit == .quit)
                #expect(program.received == sent.value.load(ordering: .relaxed))
                #expect(program.received >= 5_000)
                #expect(loop.framesPresented <= 32, "presented \(loop.framesPresented) frames in one second")
                #expect(loop.framesPresented >= 10)
            }
        }
    }
}

private final class SharedCount: Sendable {
    let value: Atomic<Int>
    init(_ initial: Int = 0) { value = Atomic(initial) }
}
