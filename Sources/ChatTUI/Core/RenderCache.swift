import Foundation

/// Remembers the last value computed for a key and the stamps it depended on.
final class Memo<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stamps: [Stamp] = []
    private var key: AnyHashable?
    private var value: Value?

    func value(stamps: [Stamp], key: AnyHashable, make: () -> Value) -> Value {
        lock.lock()
        if let value, self.key == key, self.stamps.count == stamps.count,
            zip(self.stamps, stamps).allSatisfy({ $0 === $1 })
        {
            lock.unlock()
            return value
        }
        lock.unlock()
        let made = make()
        lock.lock()
        self.stamps = stamps
        self.key = key
        self.value = made
        lock.unlock()
        return made
    }
}

/// The derived data `view` reuses between frames: the grouped task order and the rendered panes. A
/// keystroke changes none of their inputs, so typing redraws only the input line, the preview and
/// the status bar.
final class RenderCache: Sendable {
    let orderMemo = Memo<BoardOrder>()
    let transcriptMemo = Memo<Frame>()
    let tasksMemo = Memo<Frame>()
    let feedMemo = Memo<Frame>()

    func order(board: TaskBoard, minute: Double, make: () -> BoardOrder) -> BoardOrder {
        orderMemo.value(stamps: [board.stamp], key: minute, make: make)
    }
}
