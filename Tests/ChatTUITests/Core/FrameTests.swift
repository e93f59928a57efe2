import Testing

@testable import ChatTUI

@Suite struct FrameTests {
    @Test func linesRoundTripAsText() {
        let frame = Frame(lines: ["hello", "wide 日本"])
        #expect(frame.width == 9)
        #expect(frame.text == "hello\nwide 日本")
        #expect(frame[5, 1].width == 2)
        #expect(frame[6, 1].isContinuation)
    }
}
