import Synchronization

/// The last answer of a pure function, kept for the next call with the same question. While a line is typed, the
/// parse runs again on every key and asks the same costly questions as before: "every month on the 1st at 9am"
/// keeps its first occurrence and its wording while the title and the tags after it are typed.
final class LastAnswer<Question: Equatable & Sendable, Answer: Sendable>: Sendable {
    private let last = Mutex<(Question, Answer)?>(nil)

    func answer(_ question: Question, _ compute: (Question) -> Answer) -> Answer {
        if let answer = last.withLock({ kept in kept.flatMap { $0.0 == question ? $0.1 : nil } }) { return answer }
        let answer = compute(question)
        last.withLock { $0 = (question, answer) }
        return answer
    }
}
