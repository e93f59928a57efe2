import EventPublisher
import Foundation
import Glibc
import Logging
import TodoCore

/// The chat's entry point: opens the store or the sidecar, then runs the screen, the line mode or a
/// replay. Start-up failures print one line on stderr and return a non-zero status before the terminal
/// has been touched.
public enum ChatApp {
    public static func run(_ options: ChatOptions) -> Int32 {
        // First of all, before any other thread exists: threads inherit this mask, and a SIGWINCH
        // delivered to a worker thread reaches the screen seconds late.
        if options.presentation == .screen || options.presentation.isAnimatedReplay {
            ShellSignals.blockOwnedSignals()
        }
        do {
            let session = try ChatSession.open(options)
            defer { session.close() }
            return try session.run()
        } catch let error as StartupError {
            fail("\(error)")
        } catch let error as ShellError {
            fail("\(StartupError.terminal("\(error)"))")
        } catch {
            fail("\(error)")
        }
        return 1
    }

    private static func fail(_ message: String) {
        var line = Array("todo-chat: \(message)\n".utf8)
        _ = write(STDERR_FILENO, &line, line.count)
    }
}

extension ChatOptions.Presentation {
    var isAnimatedReplay: Bool {
        if case .replay(_, _, headless: false) = self { return true }
        return false
    }
}
