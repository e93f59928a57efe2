import TodoCore

/// What the worker keeps per task in the state store (key `task:<id>`), written as one value so that
/// the task, the events it has seen and what they still owe the world change together.
public struct TaskRecord: Codable, Sendable, Hashable {
    /// `nil` until the task is created.
    public var task: Task?
    /// The ids of the most recent events applied to this task, oldest first. Older redeliveries are
    /// caught by the sequence check instead.
    public var appliedEventIDs: [String]
    /// The effects of the last applied event. They are performed before that event is acknowledged;
    /// a redelivery (after a crash between the write and the acknowledgement) performs them again,
    /// and the next event of the task replaces them.
    public var lastEffects: EffectBatch?
    /// The reminder jobs the worker has scheduled: reminder id → when it fires (RFC 3339).
    public var reminderJobs: [String: String]

    public static let rememberedEventIDs = 256

    public init(
        task: Task? = nil, appliedEventIDs: [String] = [], lastEffects: EffectBatch? = nil,
        reminderJobs: [String: String] = [:]
    ) {
        self.task = task
        self.appliedEventIDs = appliedEventIDs
        self.lastEffects = lastEffects
        self.reminderJobs = reminderJobs
    }

    mutating func remember(_ eventID: String) {
        appliedEventIDs.append(eventID)
        if appliedEventIDs.count > Self.rememberedEventIDs {
            appliedEventIDs.removeFirst(appliedEventIDs.count - Self.rememberedEventIDs)
        }
    }
}

public struct EffectBatch: Codable, Sendable, Hashable {
    public var eventID: String
    public var effects: [Effect]
}

/// Something an applied event causes outside the state store.
public enum Effect: Codable, Sendable, Hashable {
    /// A structured CloudEvent (JSON text), ready to publish.
    case publish(topic: String, partitionKey: String, cloudEvent: String)
    case scheduleReminder(ReminderJob)
    case cancelReminder(name: String)
}
