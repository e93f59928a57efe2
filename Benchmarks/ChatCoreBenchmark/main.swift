// The chat core's share of the terminal budgets (design.md): CPU per keystroke (update + view +
// diff), absorbing 10,000 task-updates per second with redraws coalesced to 30 per second, cold start
// with 10,000 tasks, and memory with 100,000 transcript lines. Prints medians and percentiles.
// Run: `swift run -c release ChatCoreBenchmark` from /Benchmarks (or name some of keys, absorb, cold,
// memory). Two more, run only by name: `profile` types the line for callgrind (see `profile`;
// strip the binary's debug info first, valgrind 3.19 cannot read it), and `frames FILE` prints a
// checksum of the frames each line of FILE draws, to check that a change draws the same frames.
import ChatTUI
import Foundation
import TodoCore

let zone = TimeZone(identifier: "Europe/Berlin")!
let start = Date(timeIntervalSince1970: 1_795_770_000)

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func residentMB() -> Double {
    let statm = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? "0 0"
    let pages = Double(statm.split(separator: " ")[1]) ?? 0
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

func makeTasks(_ count: Int) -> [Task] {
    (0..<count).map { i in
        let due: Due? =
            i % 3 == 0
            ? nil
            : Due(
                date: LocalDate(year: 2026, month: 11, day: 20).adding(days: i % 40),
                time: i % 2 == 0 ? LocalTime(hour: 9 + i % 10) : nil, timeZone: zone.identifier)
        return Task(
            id: TaskID(String(format: "%08x-0000-4000-8000-%012x", i, i)), title: "task number \(i) for the benchmark",
            due: due, priority: Priority.allCases[i % 5], tags: ["tag\(i % 17)"],
            status: i % 7 == 0 ? .completed : .open,
            sequence: 1, createdAt: start.addingTimeInterval(Double(i)))
    }
}

func model(tasks: Int) -> Model {
    var model = Model(
        mode: .embedded, zone: zone, start: start, environment: .standard, seed: 1,
        size: Size(columns: 120, rows: 40))
    _ = model.update(.tasksLoaded(makeTasks(tasks)))
    _ = model.update(.busStatus(BusStatus(mode: .embedded, health: .up, pendingCount: 0)))
    return model
}

/// Types a 48-character line again and again; each keystroke is update + view + diff against the last frame.
func keystrokes(tasks: Int) {
    var chat = model(tasks: tasks)
    var previous = view(chat)
    let line = "pay rent every month on the 1st at 9am #home p1 "
    var samples: [Double] = []
    let cpuStart = cpuSeconds()
    var count = 0
    for round in 0..<40 {
        for character in line {
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = chat.update(.key(.character(character)))
            let frame = view(chat)
            _ = frame.diff(from: previous)
            previous = frame
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1000)
            count += 1
        }
        _ = chat.update(.key(.control("u")))
        if round == 0 { samples.removeAll() }
    }
    let cpu = (cpuSeconds() - cpuStart) / Double(count) * 1e6
    print(
        String(
            format: "keystroke, %5d tasks: median %.1f µs, p99 %.1f µs, CPU %.1f µs/key (update+view+diff, 120x40)",
            tasks, percentile(samples, 0.5), percentile(samples, 0.99), cpu))
}

/// Types the line key by key, for `valgrind --tool=callgrind --collect-atstart=no
/// --toggle-collect='*profiledRounds*'`: a warm-up round (the parser's tables are built on first use),
/// then `rounds` rounds collected, each keystroke update + view + diff against the last frame, Ctrl-U
/// after each round. Instructions per key are the collected total over `rounds` × 50.
func profile(rounds: Int) {
    var chat = model(tasks: 20)
    var previous = view(chat)
    typeRounds(1, chat: &chat, previous: &previous)
    profiledRounds(rounds, chat: &chat, previous: &previous)
}

let profileLine = "pay rent every month on the 1st at 9am high #home "

@inline(never)
func profiledRounds(_ rounds: Int, chat: inout Model, previous: inout Frame) {
    typeRounds(rounds, chat: &chat, previous: &previous)
    // Not a tail call, so that callgrind sees this function return and stops collecting.
    print("profile: \(rounds) rounds of \(profileLine.count) keys typed")
}

@inline(never)
func typeRounds(_ rounds: Int, chat: inout Model, previous: inout Frame) {
    for _ in 0..<rounds {
        for character in profileLine {
            _ = chat.update(.key(.character(character)))
            let frame = view(chat)
            _ = frame.diff(from: previous)
            previous = frame
        }
        _ = chat.update(.key(.control("u")))
    }
}

/// Types every line of `path` key by key, edits it, and enters every seventh, at three sizes and both
/// themes, and prints a checksum of each line's frames (the diff runs the terminal would get, and the
/// cursor): two builds print the same checksums when they draw the same frames.
func frames(corpus path: String) {
    let lines = (try? String(contentsOfFile: path, encoding: .utf8))?.split(separator: "\n") ?? []
    let edits: [Key] = [
        .left, .left, .left, .backspace, .home, .right, .control("t"), .end, .control("w"), .tab, .escape,
    ]
    for (columns, rows, colors) in [(120, 40, ColorMode.color), (80, 24, .monochrome), (44, 12, .color)] {
        var chat = Model(
            mode: .embedded, zone: zone, start: start, environment: .standard, seed: 1,
            size: Size(columns: columns, rows: rows), colors: colors)
        _ = chat.update(.tasksLoaded(makeTasks(20)))
        var previous: Frame? = nil
        for (n, line) in lines.enumerated() {
            var checksum = Checksum()
            func press(_ key: Key) {
                _ = chat.update(.key(key))
                let frame = view(chat)
                for run in frame.diff(from: previous) { checksum.add(run) }
                checksum.add(frame.cursor.map { $0.y * 1000 + $0.x } ?? -1)
                previous = frame
            }
            for character in line { press(.character(character)) }
            for key in edits { press(key) }
            press(n % 7 == 0 ? .enter : .control("u"))
            print(columns, n, String(checksum.value, radix: 16))
        }
    }
}

/// FNV-1a over what a frame sends.
struct Checksum {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ number: Int) {
        value = (value ^ UInt64(bitPattern: Int64(number))) &* 0x100_0000_01b3
    }

    mutating func add(_ run: FrameRun) {
        add(run.x)
        add(run.y)
        for cell in run.cells {
            add(Int(cell.width))
            add(
                Int(cell.style.foreground.rawValue) << 16 | Int(cell.style.background.rawValue) << 8
                    | Int(cell.style.attributes.rawValue))
            cell.forEachScalar { add(Int($0.value)) }
        }
    }
}

/// One second of 10,000 task.sync updates to random tasks, delivered in 30 batches, one frame per batch.
func absorb() {
    var chat = model(tasks: 10_000)
    var previous = view(chat)
    let tasks = makeTasks(10_000)
    var sequence = 1
    var events: [TaskEvent] = []
    for i in 0..<10_000 {
        var task = tasks[(i * 7919) % tasks.count]
        sequence += 1
        task.sequence = sequence
        task.title = "updated \(i)"
        events.append(
            TaskEvent(
                id: "e\(i)", taskID: task.id, sequence: sequence, time: start, payload: .taskSync(TaskSync(task: task)))
        )
    }
    let cpuStart = cpuSeconds()
    var frameTimes: [Double] = []
    var updateTime = 0.0
    for batch in 0..<30 {
        let slice = Array(events[batch * 10_000 / 30..<(batch + 1) * 10_000 / 30])
        let t0 = DispatchTime.now().uptimeNanoseconds
        _ = chat.update(.taskUpdates(slice))
        let t1 = DispatchTime.now().uptimeNanoseconds
        let frame = view(chat)
        _ = frame.diff(from: previous)
        previous = frame
        updateTime += Double(t1 - t0) / 1e6
        frameTimes.append(Double(DispatchTime.now().uptimeNanoseconds - t1) / 1e6)
    }
    let cpu = (cpuSeconds() - cpuStart) * 1000
    print(
        String(
            format:
                "absorb 10,000 task-updates in 30 redraws: CPU %.0f ms in all (updates %.1f ms, frames median %.2f ms, max %.2f ms)",
            cpu, updateTime, percentile(frameTimes, 0.5), frameTimes.max()!))
}

func coldStart() {
    let tasks = makeTasks(10_000)
    let cpuStart = cpuSeconds()
    let t0 = DispatchTime.now().uptimeNanoseconds
    var chat = Model(
        mode: .embedded, zone: zone, start: start, environment: .standard, seed: 1, size: Size(columns: 120, rows: 40))
    _ = chat.update(.tasksLoaded(tasks))
    _ = view(chat).diff(from: nil)
    print(
        String(
            format: "cold start, 10,000 tasks loaded to first frame: %.1f ms (CPU %.1f ms)",
            Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6, (cpuSeconds() - cpuStart) * 1000))
}

func memory() {
    let before = residentMB()
    var chat = model(tasks: 10_000)
    for i in 0..<100_000 {
        _ = chat.update(
            .publishResult(
                PublishResult(eventIDs: [], outcome: .failed("line \(i) of the transcript, about sixty characters"))))
    }
    let frame = view(chat)
    _ = chat.update(.key(.pageUp))
    _ = view(chat)
    print(
        String(
            format: "100,000 transcript lines + 10,000 tasks: RSS %.0f MB (process start %.0f MB), %d rows drawn",
            residentMB(), before, frame.height))
}

let only = Set(CommandLine.arguments.dropFirst())
/// Every figure but the profile when no names are given.
func wanted(_ name: String) -> Bool { only.isEmpty || only.contains(name) }
if wanted("keys") {
    keystrokes(tasks: 0)
    keystrokes(tasks: 10_000)
}
if only.contains("profile") { profile(rounds: 10) }
if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "frames" { frames(corpus: CommandLine.arguments[2]) }
if wanted("absorb") { absorb() }
if wanted("cold") { coldStart() }
if wanted("memory") { memory() }
