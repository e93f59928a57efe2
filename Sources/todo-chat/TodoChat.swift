import ArgumentParser

@main
struct TodoChat: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "todo-chat",
        abstract: "A terminal chatbot for todos: type plain English, get tasks and reminders.",
        version: version,
        subcommands: [ChatCommand.self, ParseCommand.self, PublishBurstCommand.self],
        defaultSubcommand: ChatCommand.self
    )

    static func main() {
        guard CommandLine.arguments.count == 1 else { return main(nil) }
        do {
            try ChatCommand.openWithDefaults()
        } catch {
            exit(withError: error)
        }
    }
}
