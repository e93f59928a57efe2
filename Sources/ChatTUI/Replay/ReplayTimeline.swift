/// A replay script laid out in time: each action with the pause before it, at speed 1.
/// Typing goes one character at a time, like a person at a steady 15 characters a second.
struct ReplayTimeline: Equatable {
    enum Action: Equatable {
        case input(DecodedInput)
        /// Enter: the line is sent, and a replay waits for the bus to answer before going on.
        case submit
        case advanceClock(seconds: Int)
        case resize(cols: Int, rows: Int)
    }

    struct Entry: Equatable {
        var delay: Duration
        var action: Action
    }

    static let perCharacter: Duration = .milliseconds(65)
    static let beforeEnter: Duration = .milliseconds(250)
    static let afterEnter: Duration = .milliseconds(1200)
    static let beforeKey: Duration = .milliseconds(400)

    private(set) var entries: [Entry] = []

    init(_ script: ReplayScript) {
        var carried: Duration = .zero
        func add(_ delay: Duration, _ action: Action) {
            entries.append(Entry(delay: delay + carried, action: action))
            carried = .zero
        }
        for step in script.steps {
            switch step {
            case .type(let text, let enter):
                for scalar in text.unicodeScalars { add(Self.perCharacter, .input(.scalar(scalar))) }
                if enter {
                    add(Self.beforeEnter, .submit)
                    carried += Self.afterEnter
                }
            case .key(let input):
                add(Self.beforeKey, .input(input))
            case .pause(let seconds):
                carried += .milliseconds(Int((seconds * 1000).rounded()))
            case .advanceClock(let seconds):
                add(.zero, .advanceClock(seconds: seconds))
            case .resize(let cols, let rows):
                add(.zero, .resize(cols: cols, rows: rows))
            }
        }
    }

    /// How long the script plays at `speed`.
    func duration(speed: Double) -> Duration {
        entries.reduce(Duration.zero) { $0 + $1.delay } / speed
    }
}
