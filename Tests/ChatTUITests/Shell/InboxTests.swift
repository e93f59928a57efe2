import Foundation
import Glibc
import Testing

@testable import ChatTUI

/// The terminal thread looks at the inbox only when its wake-up pipe is readable, so a lost wake-up
/// freezes the screen while messages wait.
struct InboxTests {
    @Test func noMessageWaitsWithoutAWakeUpUnderAFlood() throws {
        let inbox = try Inbox<Int>()
        let writers = 2
        let perWriter = 100_000
        for w in 0..<writers {
            Thread {
                for i in 0..<perWriter { inbox.post(w * perWriter + i) }
            }.start()
        }
        var received = 0
        var stalls = 0
        while received < writers * perWriter {
            var descriptor = pollfd(fd: inbox.wakePipe.readFD, events: Int16(POLLIN), revents: 0)
            // A second with nothing to read while messages are still owed is a lost wake-up.
            guard poll(&descriptor, 1, 1000) > 0 else {
                stalls += 1
                received += inbox.takeAll().count
                if stalls > 3 { break }
                continue
            }
            received += inbox.takeAll().count
        }
        #expect(stalls == 0, "the pipe went quiet while messages waited in the inbox")
        #expect(received == writers * perWriter)
    }
}
