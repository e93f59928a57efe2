import Foundation
import Testing
import TodoCore

@testable import ChatTUI

/// `view` re-uses what it drew for the last frame (the panes, the preview row). A frame drawn from
/// warm caches must be the frame drawn from nothing, after every key: a stale row is exactly what a
/// person would notice.
@Suite struct RenderCacheTests {
    /// `model` drawn by a view that has never drawn anything.
    static func fromScratch(_ model: Model) -> Frame {
        var cold = model
        cold.cache = RenderCache()
        return view(cold)
    }

    /// Typing, then editing back and forth, so that the preview returns to texts it showed before and
    /// keys (cursor moves) leave it as it was.
    static let keys: [Key] =
        "water plants tomorrow #garden p2".map { .character($0) }
        + [.left, .left, .left, .backspace, .character("1"), .home, .right, .control("t"), .end, .control("w")]
        + [.control("y"), .alt("b"), .control("k"), .control("y"), .tab, .escape, .control("u"), .control("y")]
        + [.backspace, .backspace, .character("2"), .control("a"), .control("k"), .character("d")]
        + "one 1".map { .character($0) }

    @Test(arguments: [ColorMode.color, .monochrome])
    func typingAndEditingKeyByKeyDrawsWhatAFreshViewDraws(colors: ColorMode) {
        var model = StandIn.model(columns: 120, rows: 30, colors: colors)
        _ = model.update(.tasksLoaded(ScreenTests.tasks))
        for key in Self.keys {
            _ = model.update(.key(key))
            #expect(view(model) == Self.fromScratch(model), "after \(key): \(model.inputText)")
        }
    }

    /// The real parser's summaries, cut with "…" in a narrow pane, while the line grows and shrinks.
    @Test func theRealParsersPreviewIsDrawnAsAFreshViewDrawsItAtEveryWidth() {
        let line = "pay rent every month on the 1st at 9am high #home"
        for columns in [120, 90, 60, 44] {
            var model = Model(
                mode: .embedded, zone: StandIn.zone, start: StandIn.start, environment: .standard, seed: 7,
                size: Size(columns: columns, rows: 16))
            _ = model.update(.tasksLoaded(ScreenTests.tasks))
            for key in line.map({ Key.character($0) }) + Array(repeating: .backspace, count: line.count) {
                _ = model.update(.key(key))
                #expect(view(model) == Self.fromScratch(model), "\(columns) columns: \(model.inputText)")
            }
        }
    }

    /// The same preview text at another width; a confirmation in its own style after a summary.
    @Test func aResizeOrAnotherStyleRedrawsThePreview() {
        var model = StandIn.model(columns: 120, rows: 30)
        _ = model.update(.tasksLoaded(ScreenTests.tasks))
        model.type(String(repeating: "long title ", count: 8))
        _ = view(model)
        _ = model.update(.resize(columns: 92, rows: 30))
        #expect(view(model) == Self.fromScratch(model))
        #expect(view(model).row(ScreenLayout(size: model.size).preview.y).contains("…"))
        _ = model.update(.key(.control("u")))
        _ = model.press(.tab, .down, .character("D"))
        #expect(view(model) == Self.fromScratch(model))
        #expect(view(model).text.contains("Delete 'buy milk'? y/n"))
    }
}
