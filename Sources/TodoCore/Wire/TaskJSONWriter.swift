import Foundation

/// A hand-written writer of a task's wire form, byte for byte what `TodoJSON.makeEncoder()` writes (keys
/// sorted, slashes unescaped, RFC 3339 timestamps), for the payload every change produces (`task.sync`).
/// `JSONEncoder` spends about 20 µs on one task.
///
/// A string with a control character is left to `JSONEncoder` (nil), so that its escapes stay the encoder's.
enum TaskJSONWriter {
    static func wire(_ task: Task) -> Data? {
        var out = JSONOutput()
        out.bytes.reserveCapacity(320 + task.title.utf8.count + task.description.utf8.count)
        // The keys in sorted order, as `.sortedKeys` writes them.
        out.raw("{")
        if let assignee = task.assignee {
            out.key("assignee", first: true)
            out.string(assignee)
        }
        out.key("comments", first: task.assignee == nil)
        out.list(task.comments) { out, comment in
            out.raw("{\"author\":")
            out.string(comment.author)
            out.raw(",\"id\":")
            out.string(comment.id)
            out.raw(",\"text\":")
            out.string(comment.text)
            out.raw(",\"time\":")
            out.string(RFC3339.string(from: comment.time))
            out.raw("}")
        }
        out.key("createdAt")
        out.string(RFC3339.string(from: task.createdAt))
        out.key("description")
        out.string(task.description)
        if let due = task.due {
            out.key("dueDate")
            out.string(due.localString)
        }
        if let seconds = task.durationSeconds {
            out.key("durationSeconds")
            out.raw(String(seconds))
        }
        out.key("occurrencesDone")
        out.raw(String(task.occurrencesDone))
        out.key("priority")
        out.string(task.priority.rawValue)
        if let recurrence = task.recurrence {
            out.key("recurrence")
            out.string(recurrence.rrule)
        }
        out.key("reminders")
        out.list(task.reminders) { out, reminder in
            switch reminder.trigger {
            case .absolute(let wall):
                out.raw("{\"at\":")
                out.string(wall.description)
                out.raw(",\"id\":")
                out.string(reminder.id)
            case .beforeDue(let minutes):
                out.raw("{\"id\":")
                out.string(reminder.id)
                out.raw(",\"minutesBeforeDue\":" + String(minutes))
            }
            out.raw("}")
        }
        out.key("sequence")
        out.raw(String(task.sequence))
        out.key("status")
        out.string(task.status.rawValue)
        out.key("tags")
        out.list(task.tags) { out, tag in out.string(tag) }
        out.key("taskId")
        out.string(task.id.rawValue)
        if let due = task.due {
            out.key("timeZone")
            out.string(due.timeZone)
        }
        out.key("title")
        out.string(task.title)
        out.key("updatedAt")
        out.string(RFC3339.string(from: task.updatedAt))
        out.raw("}")
        return out.failed ? nil : Data(out.bytes)
    }
}

private struct JSONOutput {
    var bytes: [UInt8] = []
    var failed = false

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// Writes `"name":`, preceded by a comma unless it is the object's first member.
    mutating func key(_ name: StaticString, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(contentsOf: "\":".utf8)
    }

    /// A control character fails the whole write.
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case 0..<0x20:
                failed = true
                return
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func list<T>(_ items: [T], _ element: (inout JSONOutput, T) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            element(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
    }
}
