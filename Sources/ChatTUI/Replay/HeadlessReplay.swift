import Glibc

/// A replay with no terminal: plays the script as fast as the bus answers, then prints the transcript
/// and the final live pane as plain text. Tests compare that text with golden files.
struct HeadlessReplay {
    /// The screen size the script is laid out at, unless it says `@resize`.
    static let size = Size(columns: 120, rows: 40)

    let runtime: ChatRuntime
    let script: ReplayScript

    func run() -> Int32 {
        runtime.settle()
        for entry in ReplayTimeline(script).entries {
            if runtime.isFinished { break }
            switch entry.action {
            case .input(let input):
                if let message = Msg(input) { runtime.send(message) }
            case .submit:
                runtime.send(.key(.enter))
                runtime.settle()
            case .advanceClock(let seconds):
                runtime.advanceClock(seconds: seconds)
                runtime.settle()
            case .resize(let cols, let rows):
                runtime.send(.resize(columns: cols, rows: rows))
            }
        }
        runtime.settle()
        var transcript = TranscriptText()
        var out = "== transcript ==\n"
        out += transcript.newLines(of: runtime.model, includeUser: true).joined(separator: "\n") + "\n"
        out += "== live pane ==\n"
        out += LivePaneText.lines(of: runtime.model).joined(separator: "\n") + "\n"
        var bytes = Array(out.utf8)
        _ = write(STDOUT_FILENO, &bytes, bytes.count)
        return 0
    }
}
