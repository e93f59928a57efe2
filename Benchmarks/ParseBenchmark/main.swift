import Foundation
import TaskIntent
import TodoCore

// Parse latency and throughput for a realistic mix of typed lines (adds with dates, repeats and inline
// tokens, commands on listed tasks, questions), against a list of 20 visible tasks.
// Budget (design.md): p99 ≤ 50 µs per line (≤ 200 chars), ≥ 100,000 lines/s on one core.

let lines = [
    "buy milk tomorrow",
    "pay rent every month on the 1st at 9am #home p1",
    "call mom at 5pm",
    "dentist next friday at 3:30pm",
    "meeting on 2026-12-03 at 17:30 for 1 hour",
    "submit report by eow !high",
    "remind me to water the plants every other day at 8",
    "standup every weekday at 9:30 #work",
    "book flights in 2 weeks",
    "review PR in half an hour",
    "dinner with @sam on dec 3rd at 7 in the evening",
    "renew passport before march 15 2027 // bring photos",
    "gym mondays and thursdays at 6pm",
    "clean the garage this weekend",
    "taxes each quarter starting jan 15",
    "\"next friday\" album release party on saturday",
    "mark 3 done",
    "done 4 and 5",
    "move 2 to tomorrow 10am",
    "push the milk one by 2 days",
    "rename 7 to buy oat milk",
    "tag 6 #errands",
    "set priority of 8 to high",
    "assign 9 to @alex",
    "comment on 10: called, no answer",
    "snooze 11 15 min",
    "what's due today?",
    "show high priority tasks tagged work",
    "overdue",
    "list tasks sorted by due date",
    "search invoice",
    "undo",
    "help",
    "why",
    "email the landlord about the heating",
    "4:3 aspect ratio screenshots for version 1.10.3",
    "quarter to 5 pick up kids",
    "every last friday of the month send invoice",
    "water plants every 3 days until dec 31",
    "call Jan about the 2 may flowers",
]

let tasks = (1...20).map { n in
    ParseContext.VisibleTask(
        number: n, id: TaskID(String(format: "%08x-0000-4000-8000-000000000000", n * 7919)),
        title: ["buy milk", "file taxes", "call the plumber", "renew insurance", "team offsite"][n % 5] + " \(n)",
        tags: n % 2 == 0 ? ["work"] : ["home"])
}
let context = ParseContext(
    reference: LocalDateTime(date: LocalDate(year: 2026, month: 11, day: 27), time: LocalTime(hour: 10, minute: 0)),
    timeZone: TimeZone(identifier: "Europe/Berlin")!, visibleTasks: tasks, lastTask: tasks[2].id,
    knownTags: ["work", "home", "errands"])

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
/// CPU time of this thread: on a shared machine, wall time also counts the other processes' turns.
func cpu() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// `ParseBenchmark [rounds] [keystrokes]`: fewer rounds for instruction counting under valgrind; `keystrokes`
/// runs only the warm keystroke section. `ParseBenchmark dump FILE` prints everything the parse of every prefix
/// of every line of FILE gives (typed key by key, erased key by key, and with a character taken out and put back
/// at every fifth place), so two builds of the parser can be diffed.
if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "dump" {
    let text = try String(contentsOfFile: CommandLine.arguments[2], encoding: .utf8)
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        let characters = Array(line)
        var steps = (0...characters.count).map { String(characters.prefix($0)) }
        steps += (0..<characters.count).reversed().map { String(characters.prefix($0)) }
        for cut in stride(from: 1, to: characters.count, by: 5) {
            steps.append(String(characters.prefix(cut)) + String(characters.dropFirst(cut + 1)))
            steps.append(String(line))
        }
        for step in steps {
            let r = TaskIntentParser.parse(step, context: context)
            print(
                step.debugDescription, r.intent, r.spans, r.summary, r.warnings, r.explanation, r.draft as Any,
                r.unresolvedCommand as Any)
        }
    }
    exit(0)
}
// The keystroke case: the chat parses the whole input line after every typed character to draw the preview,
// so a line of n characters costs n parses of its prefixes. Budget: ≤ 0.13 ms CPU for the whole keystroke.
let typedLines = [
    "pay rent every month on the 1st at 9am high #home",
    "call mom tomorrow 10",
    "remind me to water plants in 2 hours",
    "done 3",
    "move dentist to next friday 4pm",
    "buy milk tomorrow",
    "dentist next friday at 3:30pm",
    "standup every weekday at 9:30 #work",
    "book flights for christmas by next weekend",
    "email the landlord about the heating",
    // long lines: the cost per key grows with the line
    "pay rent every month on the 1st at 9am high #home ",
    "remind me to call the plumber about the leaking kitchen tap next tuesday at 8:30am #home p2 // ask about the boiler",
    "weekly team sync with @alex and @sam every monday at 10am starting dec 7 until march 31 #work !high",
    "book flights and a hotel for the conference in lisbon for christmas by next weekend #travel",
    "renew passport before march 15 2027, bring two photos and the old passport and the form from the town hall",
    "prepare slides for next monday's meeting with the board about the q3 numbers and the budget for 2027 #work p1",
]

/// `ParseBenchmark type [N]`: types typed line N (all of them without N) key by key, as the chat does: a parse of
/// every prefix and its explanation. For instruction counts: `valgrind --tool=callgrind --toggle-collect='*typeLine*'`
/// counts only the typing, after a warm-up that builds the lexicon.
@inline(never) func typeLine(_ line: String) -> Int {
    var n = 0
    var typed = ""
    for c in line {
        typed.append(c)
        let r = TaskIntentParser.parse(typed, context: context)
        n &+= r.explanation.count &+ r.spans.count
    }
    return n
}
if CommandLine.arguments.count >= 2, CommandLine.arguments[1] == "type" {
    let chosen = CommandLine.arguments.count > 2 ? [typedLines[Int(CommandLine.arguments[2])!]] : typedLines
    var n = 0
    for l in lines { n &+= TaskIntentParser.parse(l, context: context).explanation.count }
    _ = TaskIntentParser.parse("", context: context)
    for l in chosen { n &+= typeLine(l) }
    print(n, chosen.reduce(0) { $0 + $1.count }, "keys")
    exit(0)
}
let rounds = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 5_000 : 5_000
let onlyKeystrokes = CommandLine.arguments.dropFirst(2).contains("keystrokes")
var sink = 0
/// Whole lines of the mixed set: latency percentiles, throughput, CPU per line and the slowest lines.
@MainActor func wholeLines() {
    // warm up (the lexicon and verb tables are built on first use)
    for _ in 0..<min(2_000, rounds) {
        for l in lines { sink &+= TaskIntentParser.parse(l, context: context).spans.count }
    }
    var samples = [UInt64]()
    samples.reserveCapacity(rounds * lines.count)
    let start = now()
    let cpuStart = cpu()
    for _ in 0..<rounds {
        for l in lines {
            let t0 = now()
            let r = TaskIntentParser.parse(l, context: context)
            let t1 = now()
            sink &+= r.spans.count
            samples.append(t1 - t0)
        }
    }
    let total = now() - start
    let cpuTotal = cpu() - cpuStart
    // Per-line CPU time, timed in batches of one distinct line (the clock read costs ~0.3 µs, too much per call).
    var cpuSamples: [Double] = []
    for _ in 0..<min(50, rounds) {
        for l in lines {
            let t0 = cpu()
            for _ in 0..<20 { sink &+= TaskIntentParser.parse(l, context: context).spans.count }
            cpuSamples.append(Double(cpu() - t0) / 20 / 1000)
        }
    }
    cpuSamples.sort()
    samples.sort()
    let sorted = samples
    func pct(_ p: Double) -> Double { Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1000 }
    let perSecond = Double(samples.count) / (Double(total) / 1e9)
    print("lines parsed:   \(samples.count) (\(lines.count) distinct, \(rounds) rounds)")
    print(String(format: "p50:            %.2f µs", pct(0.50)))
    print(String(format: "p90:            %.2f µs", pct(0.90)))
    print(String(format: "p99:            %.2f µs   (budget ≤ 50 µs)", pct(0.99)))
    print(String(format: "p99.9:          %.2f µs", pct(0.999)))
    print(String(format: "max:            %.2f µs", Double(sorted.last!) / 1000))
    print(String(format: "throughput:     %.0f lines/s wall clock", perSecond))
    print(
        String(
            format: "throughput:     %.0f lines per CPU-second on one core   (budget ≥ 100,000)",
            Double(samples.count) / (Double(cpuTotal) / 1e9)))
    print(
        String(
            format: "CPU per line:   p50 %.2f µs, p99 %.2f µs, max %.2f µs (mean of 20 parses of one line, %d batches)",
            cpuSamples[cpuSamples.count / 2], cpuSamples[Int(Double(cpuSamples.count) * 0.99)], cpuSamples.last!,
            cpuSamples.count))

    // slowest distinct lines, for where to look next
    var perLine: [(String, Double)] = []
    for l in lines {
        var best = UInt64.max
        for _ in 0..<min(200, rounds) {
            let t0 = now()
            sink &+= TaskIntentParser.parse(l, context: context).spans.count
            best = min(best, now() - t0)
        }
        perLine.append((l, Double(best) / 1000))
    }
    print("slowest lines (best of 200):")
    for (l, us) in perLine.sorted(by: { $0.1 > $1.1 }).prefix(5) { print(String(format: "  %6.2f µs  %@", us, l)) }
}

let prefixes = typedLines.map { line in (1...line.count).map { String(line.prefix($0)) } }
/// Bigger than the 2 MB L2: written through before each cold parse, as the chat's drawing, the terminal
/// and the other processes do between two keys.
var evictionBuffer = [UInt8](repeating: 0, count: 8 << 20)
@MainActor func evictCaches() {
    evictionBuffer.withUnsafeMutableBufferPointer { b in
        var k = 0
        while k < b.count {
            b[k] &+= 1
            k += 64
        }
    }
}

/// Median and p90 (ns) of a parse of every prefix and of every full line; `cold` evicts the caches before each.
@MainActor func keystrokes(rounds: Int, cold: Bool) {
    var prefixSamples: [UInt64] = []
    var explanationSamples: [UInt64] = []
    var fullSamples: [UInt64] = []
    for _ in 0..<rounds {
        for (l, ps) in zip(typedLines, prefixes) {
            for p in ps {
                if cold { evictCaches() }
                let t0 = now()
                let r = TaskIntentParser.parse(p, context: context)
                let t1 = now()
                sink &+= r.explanation.count
                prefixSamples.append(t1 - t0)
                explanationSamples.append(now() - t1)
            }
            if cold { evictCaches() }
            let t0 = now()
            sink &+= TaskIntentParser.parse(l, context: context).spans.count
            fullSamples.append(now() - t0)
        }
    }
    prefixSamples.sort()
    explanationSamples.sort()
    fullSamples.sort()
    func median(_ xs: [UInt64]) -> UInt64 { xs[xs.count / 2] }
    func p90(_ xs: [UInt64]) -> UInt64 { xs[xs.count * 9 / 10] }
    print(
        "keystrokes, \(cold ? "cold caches" : "warm") (every prefix of \(typedLines.count) typical lines, \(rounds) rounds):"
    )
    print("  per keystroke parse: median \(median(prefixSamples)) ns, p90 \(p90(prefixSamples)) ns")
    print("  per full line:       median \(median(fullSamples)) ns, p90 \(p90(fullSamples)) ns")
    print(
        "  its explanation:     median \(median(explanationSamples)) ns, p90 \(p90(explanationSamples)) ns"
            + "   (the chat asks for it with every preview)")
}
if onlyKeystrokes {
    keystrokes(rounds: rounds, cold: false)
} else {
    wholeLines()
    keystrokes(rounds: max(1, rounds / 50), cold: false)
    keystrokes(rounds: max(1, rounds / 250), cold: true)
}
if sink == 42 { print("") }
