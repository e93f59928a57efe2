import ArgumentParser

/// The task processor of todo-chat's Dapr mode: `todo-worker serve` behind a Dapr sidecar, and
/// `todo-worker dlq` to look at and recover dead letters.
@main
struct TodoWorker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "todo-worker",
        abstract: "Applies todo events to task state behind a Dapr sidecar.",
        subcommands: [ServeCommand.self, DeadLetterCommand.self],
        defaultSubcommand: ServeCommand.self)
}
