import Foundation
import TodoCore

/// What the embedded bus runs for each accepted event: TodoCore's processor, passed in so that the bus
/// stays a transport.
public struct EmbeddedProcessor: Sendable {
    /// The task after `event`, given the task before (`nil` if it does not exist). Returning `nil`
    /// removes the task.
    public var apply: @Sendable (_ event: TaskEvent, _ task: Task?) -> Task?
    /// The `task-updates` events that the applied event produces. `makeID` gives fresh event ids and
    /// `now` is the bus's clock, so the processor itself stays pure.
    public var updates:
        @Sendable (_ event: TaskEvent, _ before: Task?, _ after: Task?, _ now: Date, _ makeID: () -> String) ->
            [TaskEvent]

    public init(
        apply: @escaping @Sendable (_ event: TaskEvent, _ task: Task?) -> Task?,
        updates:
            @escaping @Sendable (
                _ event: TaskEvent, _ before: Task?, _ after: Task?, _ now: Date, _ makeID: () -> String
            ) -> [TaskEvent]
    ) {
        self.apply = apply
        self.updates = updates
    }
}
