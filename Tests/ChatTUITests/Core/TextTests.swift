import CNcurses
import Foundation
import Testing

@testable import ChatTUI

@Suite struct DisplayWidthTests {
    /// The table must count exactly as glibc does, since ncurses and tmux lay out with glibc's wcwidth.
    @Test func tableAgreesWithGlibcForEveryScalar() throws {
        try #require(setlocale(LC_ALL, "C.UTF-8") != nil)
        var disagreements: [String] = []
        for value in UInt32(0x20)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let glibc = Int(wcwidth(wchar_t(bitPattern: value)))
            let ours = DisplayWidth.of(scalar)
            if glibc != ours, disagreements.count < 5 {
                disagreements.append(String(value, radix: 16) + ": \(glibc) vs \(ours)")
            }
        }
        #expect(disagreements == [])
    }

    @Test func wideAndZeroWidthCharacters() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("日本語") == 6)
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.truncate("日本語のテキスト", to: 7) == "日本語…")
        #expect(DisplayWidth.truncate("short", to: 7) == "short")
    }
}

@Suite struct SanitizerTests {
    @Test(arguments: [
        ("pay \u{1B}[31mrent\u{1B}[0m", "pay rent"),
        ("title\u{1B}]0;owned\u{07} end", "title end"),
        ("osc with st \u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\", "osc with st link"),
        ("c1 \u{9B}2Jcsi", "c1 csi"),
        ("dcs \u{1B}Pq#0;2;0;0;0\u{1B}\\ after", "dcs  after"),
        ("bell\u{07}\u{08}\u{7F} del", "bell del"),
        ("two\nlines\tand tab", "two lines and tab"),
        ("bidi \u{202E}txt.exe\u{202C}", "bidi txt.exe"),
        ("isolate \u{2067}x\u{2069}", "isolate x"),
        ("keep: café 日本 ✓", "keep: café 日本 ✓"),
        ("reset \u{1B}c done", "reset  done"),
        ("charset \u{1B}(B ok", "charset  ok"),
        ("unassigned \u{0378}", "unassigned \u{FFFD}"),
        // After other non-ASCII text (which alone is handed back as it is), controls are still found.
        ("Add 'x' · due \u{9B}2J· high", "Add 'x' · due · high"),
        ("café \u{85}next\u{1B}[1m line", "café next line"),
        ("日本\u{200D}語 \u{202E}exe", "日本語 exe"),
        ("naïve\u{0}\u{7}\u{2028}end", "naïve end"),
    ])
    func stripsControlAndEscapeSequences(input: String, expected: String) {
        #expect(Sanitizer.clean(input) == expected)
    }

    @Test func emojiJoinersAndModifiersAreStrippedSoEachScalarTakesWhatWcwidthSays() {
        let family = "👨\u{200D}👩\u{200D}👧"
        #expect(Sanitizer.clean(family) == "👨👩👧")
        #expect(DisplayWidth.of(Sanitizer.clean(family)) == 6)
        #expect(Sanitizer.clean("👍🏽") == "👍")
        #expect(Sanitizer.clean("❤\u{FE0F}") == "❤")
    }
}

@Suite struct TextWrapTests {
    @Test func wrapsAtSpacesByDisplayWidth() {
        #expect(TextWrap.wrap("the quick brown fox jumps", width: 10) == ["the quick", "brown fox", "jumps"])
        #expect(TextWrap.wrap("日本語のテキスト", width: 6) == ["日本語", "のテキ", "スト"])
        #expect(TextWrap.wrap("abcdefghijkl", width: 5) == ["abcde", "fghij", "kl"])
        #expect(TextWrap.wrap("", width: 5) == [""])
        #expect(TextWrap.wrap("ok 😀😀😀", width: 4) == ["ok", "😀😀", "😀"])
    }
}
