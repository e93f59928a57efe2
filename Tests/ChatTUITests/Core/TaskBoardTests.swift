import Foundation
import Testing
import TodoCore

@testable import ChatTUI

/// The live pane keeps its own fast grouping; it must agree with TodoCore's `LivePane`.
@Suite struct TaskBoardTests {
    static let zone = StandIn.zone

    static var tasks: [Task] {
        var all: [Task] = []
        var n = 0
        for dayOffset in [-3, -1, 0, 1, 2, 10] {
            for hour in [nil, 0, 9, 10, 11, 23] as [Int?] {
                for status in [TaskStatus.open, .completed, .deleted] {
                    n += 1
                    let date = LocalDate(year: 2026, month: 11, day: 27).adding(days: dayOffset)
                    var t = task(
                        n, "task \(n)",
                        due: Due(date: date, time: hour.map { LocalTime(hour: $0) }, timeZone: zone.identifier),
                        priority: Priority.allCases[n % 5], status: status)
                    t.updatedAt = StandIn.start.addingTimeInterval(Double(n % 13) * 60)
                    all.append(t)
                }
            }
        }
        // A due in another zone lands on the viewer's calendar; tasks with no due at all go to someday.
        all.append(
            task(
                900, "tokyo call",
                due: Due(
                    date: LocalDate(year: 2026, month: 11, day: 28), time: LocalTime(hour: 7), timeZone: "Asia/Tokyo")))
        all += (901...905).map { task($0, "someday \($0)", priority: Priority.allCases[$0 % 5]) }
        return all
    }

    @Test(arguments: [0.0, 3600, 13 * 3600 + 60, 86_400] as [Double])
    func groupingAndOrderMatchLivePane(after seconds: Double) {
        let now = StandIn.start.addingTimeInterval(seconds)
        var board = TaskBoard()
        board.absorb(Self.tasks, now: StandIn.start, zone: Self.zone)
        let ours = board.order(now: now, zone: Self.zone)
        let theirs = LivePane.sections(of: Self.tasks, now: now, zone: Self.zone, doneLimit: TaskBoard.doneLimit)
            .filter { !$0.tasks.isEmpty }
        #expect(ours.groups.map(\.group) == theirs.map(\.group))
        #expect(ours.groups.map(\.ids) == theirs.map { $0.tasks.map(\.id) })
    }

    @Test func staleAndDuplicateUpdatesAreIgnoredAndTombstonesStay() {
        var board = TaskBoard()
        var t = task(1, "one", sequence: 3)
        board.absorb([t], now: StandIn.start, zone: Self.zone)
        t.title = "older"
        t.sequence = 2
        board.absorb([t], now: StandIn.start, zone: Self.zone)
        #expect(board[t.id]?.title == "one")
        t.status = .deleted
        t.sequence = 4
        board.absorb([t], now: StandIn.start, zone: Self.zone)
        #expect(board.order(now: StandIn.start, zone: Self.zone).numbered.isEmpty)
        t.status = .open
        t.sequence = 3
        board.absorb([t], now: StandIn.start, zone: Self.zone)
        #expect(board[t.id]?.task.status == .deleted)
    }
}
