import Testing

@testable import ChatTUI

@Suite struct FramePacerTests {
    private let start = ContinuousClock.now

    @Test func anEnterItsPublishResultAndTheUpdateItBringsBackAreAllDrawnAtOnce() {
        var pacer = FramePacer()
        // A calm screen: the Enter is drawn at once, and so are the publish result 1 ms later and the
        // task-update 2 ms later.
        for ms in [0, 1, 2] {
            #expect(pacer.wait(at: start + .milliseconds(ms)) == .zero)
            pacer.didPresent(at: start + .milliseconds(ms))
        }
        // A fourth change that soon waits for its slot.
        #expect(pacer.wait(at: start + .milliseconds(3)) > .zero)
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
