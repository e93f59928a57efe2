import Foundation
import Testing

@testable import TodoCore

/// Random command sequences over a few tasks: whatever is accepted applies cleanly, survives the wire, is undone by
/// its inverse, and converges under any cross-task interleaving with duplicates.
struct ProcessorPropertyTests {
    static let taskIDs = [TaskID("a"), TaskID("b"), TaskID("c")]

    static func randomCommand(_ g: inout SplitMix) -> Command {
        let id = taskIDs.randomElement(using: &g)!
        let day = Int.random(in: 24...30, using: &g)
        let due = Fixture.due("2026-11-\(day)T\(Int.random(in: 10...19, using: &g)):00")
        switch Int.random(in: 0..<17, using: &g) {
        case 0:
            return .add(
                id,
                draft(
                    "task \(Int.random(in: 0...9, using: &g))", due: Bool.random(using: &g) ? nil : due.localString,
                    recurrence: Bool.random(using: &g) ? "FREQ=DAILY;COUNT=3" : nil))
        case 1: return .complete(id)
        case 2: return .reopen(id)
        case 3: return .delete(id)
        case 4: return .rename(id, title: "renamed \(Int.random(in: 0...3, using: &g))")
        case 5: return .reschedule(id, Bool.random(using: &g) ? due : nil)
        case 6: return .setPriority(id, Priority.allCases.randomElement(using: &g)!)
        case 7: return .tag(id, [["home", "work", "x"].randomElement(using: &g)!])
        case 8: return .untag(id, [["home", "work", "x"].randomElement(using: &g)!])
        case 9: return .describe(id, ["", "notes", "more"].randomElement(using: &g)!)
        case 10: return .assign(id, ["ana", "ben", nil].randomElement(using: &g)!)
        case 11: return .comment(id, text: "c")
        case 12: return .setRecurrence(id, Bool.random(using: &g) ? RecurrenceRule(frequency: .weekly) : nil)
        case 13: return .remind(id, Bool.random(using: &g) ? before30 : atFive)
        case 14: return .stopReminding(id, reminderID: Bool.random(using: &g) ? nil : "r30")
        case 15: return .snooze(id, minutes: Int.random(in: 0...30, using: &g))
        default: return .triggerReminder(id, reminderID: "r30")
        }
    }

    @Test(arguments: 0..<20)
    func randomHistoriesHoldTogether(_ seed: Int) throws {
        var g = SplitMix(seed: UInt64(seed) &* 7919)
        var board = Board()
        var accepted = 0
        for step in 0..<120 {
            board.now = Fixture.now.addingTimeInterval(Double(step) * 60)
            let command = Self.randomCommand(&g)
            let before = board.state
            let undo = TaskProcessor.inverse(of: command, before: before, now: board.now)
            guard let events = try? board.run(command) else {
                #expect(board.state == before, "a refused command changes nothing")
                continue
            }
            accepted += 1
            for event in events {
                let decoded = try EventPayload.decode(type: event.type, data: event.payload.encoded())
                #expect(decoded == event.payload)
            }
            // Undo now and then, and check the task looks as it did.
            if let undo, Int.random(in: 0..<4, using: &g) == 0, let original = before[command.taskID],
                original.status != .deleted
            {
                var undone = board
                var ok = true
                for step in undo where (try? undone.run(step)) == nil { ok = false }
                if ok, let restored = undone.state[command.taskID], !Self.isRecurringCompletion(command, original) {
                    #expect(Self.comparable(restored) == Self.comparable(original), "\(command)")
                }
            }
        }
        #expect(accepted > 10)
        var shuffled = TaskState()
        var queues = Dictionary(grouping: board.log, by: \.taskID)
        while let key = queues.keys.sorted().filter({ !queues[$0]!.isEmpty }).randomElement(using: &g) {
            let event = queues[key]!.removeFirst()
            shuffled.apply(event)
            if Bool.random(using: &g) { shuffled.apply(event) }
        }
        #expect(shuffled.tasks == board.state.tasks)
    }

    /// Documented limits of undo: a roll-forward's undo restores the due but not the count of occurrences or
    /// shifted reminders, and completing again a recurring task that was reopened (or restored after deletion)
    /// rolls it when its series has occurrences left, instead of closing it.
    static func isRecurringCompletion(_ command: Command, _ task: Task) -> Bool {
        switch command {
        case .complete, .reopen, .delete: task.recurrence != nil
        default: false
        }
    }

    /// Untag then tag puts a tag back at the end, so tags compare as a set.
    static func comparable(_ task: Task) -> [String] {
        var fields = UndoTests.visible(task)
        fields[4] = task.tags.sorted().joined(separator: ",")
        return fields
    }
}
