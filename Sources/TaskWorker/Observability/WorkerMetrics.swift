import Synchronization

/// The worker's counters, rendered in the Prometheus text format at `GET /metrics`.
/// Counters only go up; a restart starts them at zero, which Prometheus' `rate()` handles.
public final class WorkerMetrics: Sendable {
    public enum Counter: String, CaseIterable, Sendable {
        case eventsApplied = "todo_worker_events_applied_total"
        case duplicatesIgnored = "todo_worker_duplicates_ignored_total"
        case staleDropped = "todo_worker_stale_events_dropped_total"
        case deliveryRetries = "todo_worker_delivery_retries_total"
        case etagConflicts = "todo_worker_etag_conflicts_total"
        case deadLetters = "todo_worker_dead_letters_total"
        case deadLettersRepublished = "todo_worker_dead_letters_republished_total"
        case updatesPublished = "todo_worker_updates_published_total"
        case remindersTriggered = "todo_worker_reminders_triggered_total"
        case remindersFailed = "todo_worker_reminders_failed_total"

        var help: String {
            switch self {
            case .eventsApplied: "Events applied to task state."
            case .duplicatesIgnored: "Redelivered events already applied, acknowledged without a change."
            case .staleDropped: "Events older than the task's sequence, acknowledged without a change."
            case .deliveryRetries: "Deliveries answered with a retry (the sidecar redelivers, then dead-letters)."
            case .etagConflicts: "State writes that lost an ETag race and were re-read and re-applied."
            case .deadLetters: "Events that reached a dead-letter topic and were recorded."
            case .deadLettersRepublished: "Dead letters sent back to their topic."
            case .updatesPublished: "Events published by the worker (task-updates and reminders)."
            case .remindersTriggered: "Reminder jobs that fired and were published as reminder.triggered."
            case .remindersFailed: "Reminders that could not be scheduled or delivered (reminder.failed)."
            }
        }
    }

    private struct Key: Hashable {
        var counter: Counter
        var labels: [String: String]
    }

    private let values = Mutex<[Key: Int]>([:])

    public init() {}

    public func increment(_ counter: Counter, by amount: Int = 1, labels: [String: String] = [:]) {
        values.withLock { $0[Key(counter: counter, labels: labels), default: 0] += amount }
    }

    /// The total of a counter over all its label sets.
    public func total(_ counter: Counter) -> Int {
        values.withLock { $0.filter { $0.key.counter == counter }.values.reduce(0, +) }
    }

    /// The Prometheus text exposition format (version 0.0.4). Every counter is listed, at zero if
    /// it never moved, so that dashboards and alerts see the series from the start.
    public func prometheusText() -> String {
        let snapshot = values.withLock { $0 }
        var out = ""
        for counter in Counter.allCases {
            out += "# HELP \(counter.rawValue) \(counter.help)\n# TYPE \(counter.rawValue) counter\n"
            let series = snapshot.filter { $0.key.counter == counter }
                .map { (labels: Self.render($0.key.labels), value: $0.value) }
                .sorted { $0.labels < $1.labels }
            if series.isEmpty { out += "\(counter.rawValue) 0\n" }
            for (labels, value) in series { out += "\(counter.rawValue)\(labels) \(value)\n" }
        }
        return out
    }

    private static func render(_ labels: [String: String]) -> String {
        guard !labels.isEmpty else { return "" }
        let pairs = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\(escape($0.value))\"" }
        return "{" + pairs.joined(separator: ",") + "}"
    }

    private static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
