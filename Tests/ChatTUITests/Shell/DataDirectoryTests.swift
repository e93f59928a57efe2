import Foundation
import Testing

@testable import ChatTUI

@Suite struct DataDirectoryTests {
    @Test func explicitThenXDGThenHome() {
        let env = ["XDG_DATA_HOME": "/x/data", "HOME": "/home/ann"]
        #expect(DataDirectory.resolve(explicit: "/tmp/d", environment: env).path == "/tmp/d")
        #expect(DataDirectory.resolve(explicit: nil, environment: env).path == "/x/data/todo-chat")
        #expect(
            DataDirectory.resolve(explicit: nil, environment: ["HOME": "/home/ann"]).path
                == "/home/ann/.local/share/todo-chat")
        // A relative XDG_DATA_HOME is invalid by the spec and ignored.
        #expect(
            DataDirectory.resolve(explicit: nil, environment: ["XDG_DATA_HOME": "rel", "HOME": "/h"]).path
                == "/h/.local/share/todo-chat")
    }

    @Test func unwritableDirectoryIsAOneLineStartupError() throws {
        let parent = NSTemporaryDirectory() + "todo-chat-ro-\(getpid())"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: parent) }
        // A regular file where the directory should be fails for root too.
        FileManager.default.createFile(atPath: parent + "/file", contents: Data())
        let directory = DataDirectory(path: parent + "/file/todo-chat")
        #expect(throws: StartupError.self) { try directory.prepare() }
        do {
            try directory.prepare()
        } catch {
            #expect(error.description.hasPrefix("cannot use the data directory \(parent)/file/todo-chat: "))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func historyKeepsOneLinePerEntryAcrossRuns() throws {
        let directory = DataDirectory(path: NSTemporaryDirectory() + "todo-chat-full-\(getpid())")
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory.path) }
        try directory.prepare()
        let history = InputHistory(path: directory.historyPath)
        history.append("first")
        history.append("second\nline")
        history.append("   ")
        #expect(history.load() == ["first", "second line"])
    }
}
