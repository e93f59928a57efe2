import Foundation
import TodoCore

/// Remembers the last value computed for a key and the stamps it depended on.
final class Memo<Key: Hashable, Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stamps: [Stamp] = []
    private var key: Key?
    private var value: Value?

    func value(stamps: [Stamp], key: Key, make: () -> Value) -> Value {
        cached(stamps: stamps, key: key) ?? store(make(), stamps: stamps, key: key)
    }

    /// The value remembered for `stamps` and `key`, if it is the last one computed. For a caller on the
    /// keystroke path whose `make` would capture the whole model (a copy of it, every key).
    func cached(stamps: [Stamp], key: Key) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        guard let value, self.key == key, self.stamps.count == stamps.count,
            zip(self.stamps, stamps).allSatisfy({ $0 === $1 })
        else { return nil }
        return value
    }

    @discardableResult
    func store(_ value: Value, stamps: [Stamp], key: Key) -> Value {
        lock.lock()
        self.stamps = stamps
        self.key = key
        self.value = value
        lock.unlock()
        return value
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
    let previewMemo = Memo<PreviewKey, [Cell]>()

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

/// What the preview row shows: its cells follow from these alone.
struct PreviewKey: Hashable {
    var text: String
    var style: Style
    var width: Int
    var colors: ColorMode
}
