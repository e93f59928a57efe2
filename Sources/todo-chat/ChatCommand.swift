import ArgumentParser

/// The chat itself. Until the screen lands this says honestly what the program will offer.
struct ChatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Open the chat (embedded mode unless --dapr is given)."
    )

    func run() throws {
        print(
            """
            todo-chat \(TodoChat.version)
            Modes this build will offer:
              embedded (default)  one process on one SQLite file under $XDG_DATA_HOME/todo-chat/
              --dapr              publish through a Dapr sidecar to Kafka topics
              --line              a line-mode prompt for screen readers, dumb terminals and pipes
              --replay FILE       play a scripted demo
            The chat screen is not built yet.
            """)
    }
}
