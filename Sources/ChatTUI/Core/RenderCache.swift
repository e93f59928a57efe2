import Foundation
import TodoCore

/// Remembers the last value computed for a key and the stamps it depended on.
final class Memo<Key: Hashable, Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stamps: [Stamp] = []
    private var key: Key?
    private var value: Value?

    func value(stamps: [Stamp], key: Key, make: () -> Value) -> Value {
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
    let orderMemo = Memo<Double, BoardOrder>()
    let transcriptMemo = Memo<PaneKey, Frame>()
    let tasksMemo = Memo<PaneKey, Frame>()
    let feedMemo = Memo<PaneKey, Frame>()
    let screenMemo = Memo<PaneKey, Frame>()

    func order(board: TaskBoard, minute: Double, make: () -> BoardOrder) -> BoardOrder {
        orderMemo.value(stamps: [board.stamp], key: minute, make: make)
    }
}

/// What a rendered pane depends on besides the stamps of its data.
struct PaneKey: Hashable {
    var width: Int
    var height: Int
    var color: Bool
    var scroll = 0
    var selected: TaskID? = nil
    var focused = false
    var minute = 0.0
    var bus: BusStatus? = nil
    var tasksReady = true
    var waitingForProcessor = 0
}
