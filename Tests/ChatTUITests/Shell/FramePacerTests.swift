import Testing

@testable import ChatTUI

@Suite struct FramePacerTests {
    private let start = ContinuousClock.now

    @Test func anEnterAndTheUpdateItBringsBackAreBothDrawnAtOnce() {
        var pacer = FramePacer()
        // A calm screen: the Enter is drawn at once…
        #expect(pacer.wait(at: start) == .zero)
        pacer.didPresent(at: start)
        // …and so is the task-update that comes back 3 ms later.
        #expect(pacer.wait(at: start + .milliseconds(3)) == .zero)
        pacer.didPresent(at: start + .milliseconds(3))
        // A third change that soon waits for its slot.
        #expect(pacer.wait(at: start + .milliseconds(4)) > .zero)
    }

    @Test func aFloodIsDrawnAtMostThirtyTimesInAnySecond() {
        var pacer = FramePacer()
        var frames: [Duration] = []
        // Something changes every millisecond for 5 s, and the loop draws whenever the pacer lets it.
        for ms in 0..<5000 {
            let now = start + .milliseconds(ms)
            if pacer.wait(at: now) == .zero {
                pacer.didPresent(at: now)
                frames.append(.milliseconds(ms))
            }
        }
        for first in frames.indices {
            let inOneSecond = frames[first...].prefix { $0 - frames[first] < .seconds(1) }.count
            #expect(inOneSecond <= 30)
        }
        // Coalesced, not starved: close to the budget all the way through.
        #expect(frames.count >= 5 * 27)
    }

    @Test func theWaitSaysWhenTheNextSlotOpens() {
        var pacer = FramePacer(interval: .milliseconds(40), burst: 1)
        pacer.didPresent(at: start)
        #expect(pacer.wait(at: start + .milliseconds(10)) == .milliseconds(30))
        #expect(pacer.wait(at: start + .milliseconds(40)) == .zero)
    }
}
