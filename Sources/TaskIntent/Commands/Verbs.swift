/// What a line asks for, by its leading words.
enum Verb: String, Sendable {
    case add, complete, reopen, delete, rename, reschedule, priority, deprioritize, tag, untag, describe, assign
    case unassign, comment, remind, stopReminding, snooze, repeats, stopRepeating, mark, undo, help, why, query
}

/// The verb phrases people use, as data. Longer phrases are tried first; `strong` phrases are commands
/// even when their reference does not resolve, weak ones ("finish", "move", "call") fall back to adding
/// a task with the whole line as its title ("finish the report by friday").
enum Verbs {
    struct Phrase: Sendable {
        let words: [String]
        let verb: Verb
        let strong: Bool
    }

    static let politeness: Set<String> = [
        "please", "pls", "plz", "kindly", "hey", "ok", "okay", "now", "just", "so", "ah", "oh", "um", "yo",
    ]
    static let politePairs: [[String]] = [
        ["can", "you"], ["could", "you"], ["would", "you"], ["will", "you"], ["can", "u"], ["i", "want", "to"],
        ["i'd", "like", "to"], ["let's"], ["lets"], ["go", "ahead", "and"],
    ]

    static let politeFirstWords = Set(politePairs.map { $0[0] })

    static let table: [Phrase] = {
        func p(_ s: String, _ v: Verb, _ strong: Bool = true) -> Phrase {
            Phrase(words: s.split(separator: " ").map(String.init), verb: v, strong: strong)
        }
        let list: [Phrase] = [
            // add
            p("add task", .add), p("add a task", .add), p("add todo", .add), p("add a todo", .add), p("add", .add),
            p("new task", .add), p("new todo", .add), p("create task", .add), p("create a task", .add),
            p("todo :", .add), p("task :", .add), p("remember to", .add),
            p("don't forget to", .add), p("dont forget to", .add), p("don't forget", .add), p("dont forget", .add),
            p("remind me to", .add), p("remind me that", .add),
            p("i need to", .add), p("i have to", .add), p("need to", .add), p("i must", .add), p("i should", .add),
            // complete
            p("complete", .complete, false), p("completed", .complete, false), p("finish", .complete, false),
            p("finished", .complete, false), p("done with", .complete), p("done", .complete), p("check off", .complete),
            p("tick off", .complete), p("cross off", .complete), p("check", .complete, false), p("tick", .complete),
            p("close", .complete, false), p("i did", .complete, false), p("did", .complete, false),
            p("i finished", .complete, false), p("i completed", .complete, false), p("mark", .mark),
            p("set", .mark, false),
            // reopen
            p("reopen", .reopen), p("re - open", .reopen), p("undo done", .reopen), p("uncomplete", .reopen),
            p("uncheck", .reopen), p("untick", .reopen), p("unmark", .reopen), p("restore", .reopen, false),
            p("reactivate", .reopen), p("not done", .reopen), p("undone", .reopen), p("undo complete", .reopen),
            // delete
            p("delete", .delete, false), p("del", .delete), p("remove", .delete, false), p("rm", .delete),
            p("drop", .delete, false), p("trash", .delete, false), p("erase", .delete, false),
            p("discard", .delete, false),
            p("cancel", .delete, false), p("get rid of", .delete, false), p("scrap", .delete, false),
            p("forget about", .delete, false), p("forget", .delete, false),
            // rename
            p("rename", .rename), p("retitle", .rename), p("edit", .rename, false), p("change title of", .rename),
            p("change the title of", .rename), p("change name of", .rename), p("change the name of", .rename),
            p("edit title of", .rename), p("edit the title of", .rename), p("update title of", .rename),
            // reschedule
            p("reschedule", .reschedule), p("move", .reschedule, false), p("postpone", .reschedule),
            p("push back", .reschedule, false), p("push", .reschedule, false), p("defer", .reschedule),
            p("delay", .reschedule, false), p("bump", .reschedule, false), p("shift", .reschedule, false),
            p("put off", .reschedule, false), p("change due date of", .reschedule),
            p("change the due date of", .reschedule), p("set due date of", .reschedule),
            p("set the due date of", .reschedule), p("set due date for", .reschedule), p("change due of", .reschedule),
            p("change", .reschedule, false), p("due date of", .reschedule), p("move up", .reschedule, false),
            // priority
            p("set priority of", .priority), p("set priority for", .priority), p("set the priority of", .priority),
            p("set priority", .priority), p("change priority of", .priority), p("change the priority of", .priority),
            p("prioritize", .priority), p("prioritise", .priority), p("make", .priority, false),
            p("raise priority of", .priority), p("deprioritize", .deprioritize), p("deprioritise", .deprioritize),
            p("lower priority of", .deprioritize), p("lower the priority of", .deprioritize),
            // tags
            p("add tag", .tag), p("add tags", .tag), p("add label", .tag), p("add the tag", .tag), p("tag", .tag),
            p("label", .tag, false), p("untag", .untag), p("unlabel", .untag), p("remove tag", .untag),
            p("remove tags", .untag), p("remove the tag", .untag), p("remove label", .untag), p("delete tag", .untag),
            // describe
            p("describe", .describe), p("add note to", .describe), p("add a note to", .describe),
            p("add description to", .describe), p("add a description to", .describe),
            p("set description of", .describe),
            p("set description for", .describe), p("note on", .describe), p("note for", .describe),
            p("note", .describe, false),
            p("annotate", .describe),
            // assign
            p("assign", .assign), p("reassign", .assign), p("give", .assign, false), p("delegate", .assign),
            p("hand over", .assign, false), p("hand", .assign, false), p("unassign", .unassign),
            // comment
            p("comment on", .comment), p("comment", .comment), p("add comment to", .comment),
            p("add a comment to", .comment), p("add comment on", .comment), p("reply to", .comment, false),
            // reminders
            p("remind me about", .remind), p("remind me of", .remind), p("remind about", .remind),
            p("set a reminder for", .remind), p("set reminder for", .remind), p("add reminder to", .remind),
            p("add a reminder to", .remind), p("add a reminder for", .remind), p("add reminder for", .remind),
            p("stop reminding me about", .stopReminding), p("stop reminding me of", .stopReminding),
            p("stop reminding me", .stopReminding), p("stop reminding", .stopReminding),
            p("stop reminders for", .stopReminding), p("cancel reminder for", .stopReminding),
            p("cancel the reminder for", .stopReminding), p("cancel reminders for", .stopReminding),
            p("remove reminder from", .stopReminding), p("remove reminders from", .stopReminding),
            p("remove the reminder from", .stopReminding), p("delete reminder for", .stopReminding),
            p("no reminder for", .stopReminding), p("no reminders for", .stopReminding), p("unremind", .stopReminding),
            p("mute", .stopReminding, false), p("snooze", .snooze), p("remind me again", .snooze),
            p("remind again", .snooze),
            // repeats
            p("repeat", .repeats, false), p("recur", .repeats), p("set recurrence of", .repeats),
            p("set recurrence for", .repeats), p("stop repeating", .stopRepeating), p("don't repeat", .stopRepeating),
            p("dont repeat", .stopRepeating), p("no repeat for", .stopRepeating), p("unrepeat", .stopRepeating),
            p("make not recurring", .stopRepeating),
            // undo, help, why
            p("undo", .undo), p("undo that", .undo), p("undo last", .undo), p("revert", .undo), p("oops", .undo),
            p("never mind", .undo), p("nevermind", .undo), p("cancel that", .undo), p("take that back", .undo),
            p("help", .help), p("?", .help), p("how do i", .help), p("what can you do", .help), p("commands", .help),
            p("why", .why), p("explain", .why), p("what did you understand", .why), p("how did you read that", .why),
            // queries
            p("list", .query), p("ls", .query), p("show", .query), p("show me", .query), p("display", .query),
            p("view", .query), p("what", .query), p("what's", .query), p("whats", .query), p("which", .query),
            p("filter", .query), p("search", .query), p("search for", .query), p("find", .query, false),
            p("look for", .query), p("look up", .query), p("sort", .query), p("sorted", .query), p("overdue", .query),
            p("agenda", .query), p("tasks", .query), p("my tasks", .query), p("todos", .query), p("all tasks", .query),
            p("anything", .query), p("do i have", .query), p("is anything", .query), p("is there anything", .query),
            p("upcoming", .query), p("when", .query), p("get", .query, false), p("count", .query, false),
            p("how many", .query), p("top", .query, false),
        ]
        return list.sorted { $0.words.count > $1.words.count }
    }()

    static let byFirstWord: [String: [Phrase]] = Dictionary(grouping: table, by: { $0.words[0] })

    /// The verb phrase at token `i`, if any: (phrase, tokens used). Longest phrase first.
    static func match(_ s: Scanner, _ i: Int) -> (Phrase, Int)? {
        guard let first = s.tok(i),
            first.kind == .punct || (first.kind == .word && first.lex.classes.contains(.verbStart)),
            let candidates = byFirstWord[first.text]
        else { return nil }
        for p in candidates {
            var ok = true
            for (k, w) in p.words.enumerated().dropFirst() {
                guard let t = s.tok(i + k), t.text == w, t.kind == .word || t.kind == .punct else {
                    ok = false
                    break
                }
            }
            if ok { return (p, p.words.count) }
        }
        return nil
    }

    /// Tokens of politeness before the verb ("please", "can you").
    static func politeLength(_ s: Scanner, _ i: Int) -> Int {
        var j = i
        while true {
            if s.isWord(j, in: .polite) {
                j += 1
                if s.isPunct(j, ",") { j += 1 }
                continue
            }
            guard s.isWord(j, in: .politeFirst) else { return j - i }
            var advanced = false
            for pair in politePairs where pair.enumerated().allSatisfy({ s.isWord(j + $0.offset, $0.element) }) {
                j += pair.count
                advanced = true
                break
            }
            if !advanced { return j - i }
        }
    }
}
