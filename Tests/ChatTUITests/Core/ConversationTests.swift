import Foundation
import Testing
import TodoCore

@testable import ChatTUI

/// What a person sees after Enter: replies, questions, undo, reminders, sync marks.
@Suite struct ConversationTests {
    static let tasks = [
        task(1, "buy milk", due: due(27, 17)),
        task(2, "buy oat milk"),
        task(3, "call mum"),
    ]

    func loaded(columns: Int = 160, rows: Int = 24) -> Model {
        var model = StandIn.model(columns: columns, rows: rows)
        _ = model.update(.tasksLoaded(Self.tasks))
        return model
    }

    func previewRow(_ model: Model) -> String {
        let frame = view(model)
        var s = frame.row(ScreenLayout(size: model.size).preview.y)
        if let bar = s.firstIndex(of: "│") { s = String(s[..<bar]) }
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }

    @Test func thePreviewShowsWhatEnterWillDoAndTheSpansAreHighlighted() {
        var model = loaded()
        model.type("water plants tomorrow #garden p2")
        #expect(previewRow(model) == "→ Add 'water plants' · due Sat 28 Nov · high · #garden")
        let inputY = ScreenLayout(size: model.size).input.y
        // "› water plants " plain, then the date, the tag and the priority highlighted.
        #expect(view(model).styleRow(inputY).hasPrefix("bb.............uuuuuuuu.uuuuuuu.uu."))
        _ = model.press(.control("u"))
        #expect(previewRow(model) == "Type a task or a question · ? keys")
    }

    @Test func addingConfirmsExactlyWhatWasDoneAndPublishesTheEvent() {
        var model = loaded()
        let effects = model.enter("water plants tomorrow #garden p2")
        let events = published(effects)
        #expect(events.map(\.type) == [.taskCreated])
        guard case .taskCreated(let created) = events.first?.payload else { return }
        #expect(created.task.title == "water plants")
        #expect(created.task.tags == ["garden"])
        #expect(
            conversationRows(model).suffix(2) == [
                "10:00 › water plants tomorrow #garden p2",
                "10:00 ✓ Added 'water plants' · due tomorrow · high · #garden (2)  (“undo” reverts)",
            ])
    }

    @Test func taskIdsComeFromTheSeededSourceSoReplaysRepeat() {
        var first = loaded()
        var second = loaded()
        #expect(published(first.enter("a task")) == published(second.enter("a task")))
        let id = published(first.enter("another")).first!.taskID.rawValue
        #expect(id.count == 36)
        #expect(Array(id)[14] == "4")
    }

    @Test func anAmbiguousReferenceAsksAndTheNumberAnswers() {
        var model = loaded()
        #expect(published(model.enter("done milk")).isEmpty)
        #expect(
            conversationRows(model).suffix(5) == [
                "10:00 › done milk",
                "        Which 'milk'?",
                "          1) buy milk",
                "          2) buy oat milk",
                "        Answer with its number.",
            ])
        model.type("2")
        #expect(previewRow(model) == "→ 2) buy oat milk")
        let events = published(model.press(.enter))
        #expect(events.map(\.taskID) == [Self.tasks[1].id])
        #expect(conversationRows(model).last == "10:00 ✓ Completed 'buy oat milk'  (“undo” reverts)")
    }

    @Test func anythingButANumberDropsTheQuestion() {
        var model = loaded()
        model.enter("done milk")
        let events = published(model.enter("call dad"))
        #expect(events.map(\.type) == [.taskCreated])
        #expect(published(model.enter("1")).map(\.type) == [.taskCreated])
    }

    @Test func undoRevertsTheLastChangeThroughTheInverse() {
        var model = loaded()
        let done = published(model.enter("done 3"))
        #expect(done.map(\.type) == [.taskStatusChanged])
        let undone = published(model.enter("undo"))
        guard case .taskStatusChanged(let change) = undone.first?.payload else {
            Issue.record("undo published \(undone)")
            return
        }
        #expect(change.status == .open)
        #expect(conversationRows(model).last == "10:00 ✓ Undone: Reopened 'call mum' (3)")
        model.enter("undo")
        #expect(conversationRows(model).last == "        Nothing to undo.")
    }

    @Test func undoOfAnAddDeletesTheNewTask() {
        var model = loaded()
        let added = published(model.enter("fix bike")).first!
        let undone = published(model.enter("undo"))
        #expect(undone.map(\.type) == [.taskDeleted])
        #expect(undone.first?.taskID == added.taskID)
        #expect(model.order.numberOf[added.taskID] == nil)
        #expect(model.board[added.taskID]?.task.status == .deleted)
    }

    @Test func whyExplainsTheLastLine() {
        var model = loaded()
        model.enter("why")
        #expect(conversationRows(model).last == "        Nothing to explain yet: type a task or a command first.")
        model.enter("fix bike #bike")
        model.enter("why")
        #expect(
            conversationRows(model).suffix(3) == [
                "        “fix bike #bike” → Add 'fix bike' · #bike",
                "          no command word: a new task",
                "          title: 'fix bike'",
            ])
    }

    @Test func aQueryIsAnsweredFromTheTasksWithoutPublishing() {
        var model = loaded()
        #expect(published(model.enter("list")).isEmpty)
        #expect(
            conversationRows(model).suffix(4) == [
                "        3 tasks:",
                "          1. 'buy milk' · due today 17:00",
                "          2. 'buy oat milk'",
                "          3. 'call mum'",
            ])
    }

    @Test func aRefusalIsExplained() {
        var model = loaded()
        model.enter("done call mum")
        model.enter("done call mum")
        #expect(conversationRows(model).last == "10:00 ✗ 'call mum' is already completed.")
        model.enter("done nothing like it")
        #expect(conversationRows(model).last == "10:00 ✗ No task matches 'nothing like it'.")
    }

    @Test func aChangeIsPendingUntilTheProcessorConfirmsIt() {
        var model = loaded()
        let event = published(model.enter("done 3")).first!
        let row = { view(model).rows.first { $0.contains("call mum") }! }
        #expect(row().hasSuffix("…"))
        var confirmed = Self.tasks[2]
        confirmed.status = .completed
        confirmed.sequence = event.sequence
        _ = model.update(.publishResult(PublishResult(eventIDs: [event.id], outcome: .accepted)))
        #expect(row().hasSuffix("…"))
        _ = model.update(.taskUpdate(sync(confirmed)))
        #expect(!row().hasSuffix("…"))
        #expect(view(model).text.contains("Done (1)"))
    }

    @Test func aFailedPublishIsMarkedAndSaid() {
        var model = loaded()
        let event = published(model.enter("fix bike")).first!
        _ = model.update(.publishResult(PublishResult(eventIDs: [event.id], outcome: .failed("outbox full"))))
        #expect(view(model).rows.first { $0.contains("fix bike") }!.hasSuffix("✗"))
        #expect(conversationRows(model).last == "10:00 ✗ Could not save 'fix bike': outbox full")
    }

    @Test func aHeldChangeIsKeptSaidOnceSavedLaterAndGuardsQuitting() {
        var model = loaded()
        let first = published(model.enter("fix bike")).first!
        let second = published(model.enter("done call mum")).first!
        let statusBar = { view(model).rows.last! }
        _ = model.update(.publishResult(PublishResult(eventIDs: [first.id], outcome: .held("the disk is full"))))
        _ = model.update(.publishResult(PublishResult(eventIDs: [second.id], outcome: .held("the disk is full"))))
        #expect(view(model).rows.first { $0.contains("fix bike") }!.hasSuffix("✗"))
        #expect(view(model).rows.first { $0.contains("call mum") }!.hasSuffix("✗"))
        #expect(statusBar().contains("· 2 unsaved"))
        let lines = { conversationLines(model) }
        let said = lines().filter { $0.contains("✗") }
        #expect(
            said == [
                "10:00 ✗ Not saved yet: 'fix bike' (the disk is full). Kept here and tried again; quitting now would lose it.",
                "10:00 ✗ Not saved yet either: 'call mum'.",
            ])

        // Quitting would lose them: the first Ctrl-C says so, the second quits.
        #expect(model.press(.control("c")).isEmpty)
        #expect(
            lines().last
                == "10:00 ✗ 2 changes are not saved yet (the disk is full); quitting now loses them. Quit again to quit anyway."
        )
        #expect(model.press(.control("c")).contains { if case .quit = $0 { true } else { false } })

        // Saved later: one line for both, the marks back to pending until the updates confirm them.
        _ = model.update(.publishResult(PublishResult(eventIDs: [first.id], outcome: .accepted)))
        #expect(statusBar().contains("· 1 unsaved"))
        _ = model.update(.publishResult(PublishResult(eventIDs: [second.id], outcome: .accepted)))
        #expect(conversationRows(model).last == "10:00 ✓ Saved 'fix bike', 'call mum' after all.")
        #expect(!statusBar().contains("unsaved"))
        #expect(view(model).rows.first { $0.contains("fix bike") }!.hasSuffix("…"))
        #expect(model.press(.control("c")).contains { if case .quit = $0 { true } else { false } })
    }

    @Test func updatesFromOthersAppearInTheListAndTheFeed() {
        var model = loaded()
        var renamed = Self.tasks[2]
        renamed.title = "call mum about sunday"
        renamed.sequence = 2
        var event = sync(renamed)
        event.userID = "ann"
        _ = model.update(.taskUpdates([event, sync(task(7, "new from bob"))]))
        let text = view(model).text
        #expect(text.contains("call mum about sunday"))
        #expect(text.contains("10:00 ~ 'call mum about sunday' renamed from 'call mum' by ann"))
        #expect(text.contains("10:00 + 'new from bob' added"))
        // A stale copy (lower sequence) changes nothing.
        _ = model.update(.taskUpdate(sync(Self.tasks[2])))
        #expect(view(model).text.contains("call mum about sunday"))
    }

    /// The feed lines, newest last.
    func feed(_ model: Model) -> [String] {
        let frame = view(model)
        let rect = ScreenLayout(size: model.size).feed
        return (rect.y + 1..<rect.maxY).map { y in
            let s = (rect.x..<rect.maxX).map { frame[$0, y] }.filter { !$0.isContinuation }.map(\.text).joined()
            return s.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
    }

    @Test func theFeedSaysWhatHappenedToOurOwnChangesOnceConfirmed() {
        var model = loaded()
        let added = published(model.enter("fix bike")).first!
        guard case .taskCreated(let created) = added.payload else { return #expect(Bool(false)) }
        // Shown at once in the list, but the feed waits for the processor.
        #expect(feed(model).isEmpty)
        _ = model.update(.taskUpdate(sync(created.task)))
        #expect(feed(model) == ["10:00 + 'fix bike' added"])
        // A redelivery is no news.
        _ = model.update(.taskUpdate(sync(created.task)))
        #expect(feed(model).count == 1)

        let done = published(model.enter("done call mum")).first!
        var completed = Self.tasks[2]
        completed.status = .completed
        completed.sequence = done.sequence
        _ = model.update(.taskUpdate(sync(completed)))
        #expect(feed(model).last == "10:00 ✓ 'call mum' done")

        var moved = Self.tasks[0]
        moved.due = due(30, 9)
        moved.priority = .high
        moved.sequence = 2
        _ = model.update(.taskUpdate(sync(moved)))
        #expect(feed(model).last == "10:00 ~ 'buy milk' due Mon 30 Nov 09:00 · high")
        // The line mode prints only what came from elsewhere: its replies already told our own changes.
        var lineMode = TranscriptText()
        #expect(lineMode.newFeedLines(of: model) == ["10:00 (update) ~ 'buy milk' due Mon 30 Nov 09:00 · high"])

        var tagged = Self.tasks[1]
        tagged.tags = ["shop"]
        tagged.sequence = 2
        _ = model.update(.taskUpdate(sync(tagged)))
        #expect(feed(model).last == "10:00 ~ 'buy oat milk' #shop")
        tagged.status = .deleted
        tagged.sequence = 3
        _ = model.update(.taskUpdate(sync(tagged)))
        #expect(feed(model).last == "10:00 ✗ 'buy oat milk' deleted")
    }

    /// A drain of the inbox hands `update` many task-updates at once; the screen, the feed and the line mode
    /// must end up as if each had come alone (redeliveries, stale copies, several changes to one task, more
    /// updates than the feed keeps).
    @Test func aBatchOfUpdatesLeavesWhatTheSameUpdatesOneByOneLeave() {
        var updates: [TaskEvent] = []
        var milk = Self.tasks[0]
        for round in 1...130 {
            milk.title = "milk \(round)"
            milk.sequence = round + 1
            updates.append(sync(milk))
            var fresh = task(100 + round, "new \(round)", tags: round % 2 == 0 ? ["even"] : [])
            fresh.sequence = 1
            updates.append(sync(fresh))
        }
        updates.insert(updates[5], at: 40)  // a redelivery
        updates.append(sync(Self.tasks[0]))  // a stale copy
        var gone = Self.tasks[1]
        gone.status = .deleted
        gone.sequence = 2
        updates.append(
            TaskEvent(
                id: "by-ann", taskID: gone.id, sequence: 2, time: StandIn.start, userID: "ann",
                payload: .taskSync(TaskSync(task: gone))))

        var oneByOne = loaded(rows: 40)
        var printedOneByOne: [String] = []
        var lineMode = TranscriptText()
        for update in updates {
            _ = oneByOne.update(.taskUpdate(update))
            printedOneByOne += lineMode.newFeedLines(of: oneByOne)
        }
        var batched = loaded(rows: 40)
        _ = batched.update(.taskUpdates(updates))

        #expect(view(batched).text == view(oneByOne).text)
        #expect(batched.board.allEntries.map(\.task) == oneByOne.board.allEntries.map(\.task))
        #expect(batched.feed.latest(Feed.capacity).map(\.text) == oneByOne.feed.latest(Feed.capacity).map(\.text))
        #expect(batched.feed.latest(Feed.capacity).map(\.time) == oneByOne.feed.latest(Feed.capacity).map(\.time))
        #expect(batched.feed.appended == oneByOne.feed.appended)
        #expect(feed(batched).last == "10:00 ✗ 'buy oat milk' deleted by ann")
        // The line mode after a batch prints what the feed still holds: the last lines one by one printed.
        var batchLineMode = TranscriptText()
        let printedBatch = batchLineMode.newFeedLines(of: batched)
        #expect(!printedBatch.isEmpty)
        #expect(printedBatch == Array(printedOneByOne.suffix(printedBatch.count)))
    }

    @Test func echoesThatArriveAfterLaterLocalChangesStillEachMakeTheirFeedLine() {
        var model = loaded()
        let added = published(model.enter("fix bike")).first!
        let done = published(model.enter("done fix bike")).first!
        guard case .taskCreated(let created) = added.payload else { return #expect(Bool(false)) }
        var completed = created.task
        completed.status = .completed
        completed.sequence = done.sequence
        _ = model.update(.taskUpdate(sync(created.task)))
        _ = model.update(.taskUpdate(sync(completed)))
        #expect(feed(model) == ["10:00 + 'fix bike' added", "10:00 ✓ 'fix bike' done"])
    }

    @Test func aReminderRingsTheBellOnceAndShowsInBothPanes() {
        var model = loaded()
        let reminder = ReminderTriggered(
            taskId: Self.tasks[0].id, reminderId: "r1", title: "buy milk", firedAt: StandIn.start)
        #expect(model.update(.reminderFired(reminder)) == [.bell])
        let text = view(model).text
        #expect(text.contains("10:00 ⏰Reminder: 'buy milk' · due today 17:00"))
        #expect(text.contains("10:00 ⏰ Reminder: 'buy milk'"))
        // A redelivery (the reminder event also arrives on the bus) neither rings nor repeats.
        let again = TaskEvent(
            id: "e", taskID: reminder.taskId, sequence: 1, time: StandIn.start, payload: .reminderTriggered(reminder))
        #expect(model.update(.taskUpdate(again)).isEmpty, "no second bell")
        #expect(view(model).text.components(separatedBy: "Reminder: 'buy milk'").count == 3)
    }

    @Test func theClockTicksOncePerMinuteAndANewDayGetsASeparator() {
        var model = loaded()
        model.enter("plan the weekend")
        #expect(model.initialEffects() == [.scheduleTick(at: StandIn.start.addingTimeInterval(60))])
        let late = StandIn.start.addingTimeInterval(14 * 3600 + 30)
        #expect(model.update(.tick(late)) == [.scheduleTick(at: StandIn.start.addingTimeInterval(14 * 3600 + 60))])
        model.enter("fix bike")
        let rows = conversationRows(model).map { String($0.prefix(16)) }
        #expect(
            rows == [
                "── Fri 27 Nov ──", "10:00 › plan the", "10:00 ✓ Added 'p", "── Sat 28 Nov ──", "00:00 › fix bike",
                "00:00 ✓ Added 'f",
            ])
        #expect(view(model).text.contains("Sat 28 Nov 00:00"))
    }
}
