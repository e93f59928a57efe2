import CNcurses
import Testing

@testable import ChatTUI

@Suite struct KeyDecoderTests {
    private func decode(_ text: String, keyCodes: [Int32] = []) -> [DecodedInput] {
        var decoder = KeyDecoder()
        var out: [DecodedInput] = []
        for scalar in text.unicodeScalars { out += decoder.feed(.character(scalar.value)) }
        for code in keyCodes { out += decoder.feed(.keyCode(code)) }
        return out + decoder.endOfBatch()
    }

    @Test func plainTextPassesThroughOneScalarEach() {
        #expect(decode("a€🍎") == [.scalar("a"), .scalar("€"), .scalar("🍎")])
    }

    @Test func escapeBeforeALetterIsAlt() {
        #expect(decode("\u{1B}b\u{1B}f") == [.alt("b"), .alt("f")])
    }

    @Test func loneEscapeAtTheEndOfABatchIsTheEscapeKey() {
        #expect(decode("x\u{1B}") == [.scalar("x"), .escape])
    }

    @Test func bracketedPasteArrivesWholeWithLineEndsNormalised() {
        let input = "\u{1B}[200~buy milk\r\ncall mum\rpay rent\u{1B}[201~z"
        #expect(decode(input) == [.paste("buy milk\ncall mum\npay rent"), .scalar("z")])
    }

    @Test func pasteSpanningTwoBatchesStaysOnePaste() {
        var decoder = KeyDecoder()
        var out: [DecodedInput] = []
        for scalar in "\u{1B}[200~first half ".unicodeScalars { out += decoder.feed(.character(scalar.value)) }
        out += decoder.endOfBatch()
        #expect(out.isEmpty)
        for scalar in "second half\u{1B}[201~".unicodeScalars { out += decoder.feed(.character(scalar.value)) }
        #expect(out == [.paste("first half second half")])
    }

    @Test func cursesKeyCodesPassThrough() {
        #expect(decode("", keyCodes: [KEY_UP, KEY_RESIZE]) == [.keyCode(KEY_UP), .keyCode(KEY_RESIZE)])
    }

    @Test func unknownEscapeSequenceIsNotTypedIntoTheLine() {
        // ESC [ 9 9 ~ is no key curses knows; its bytes must not land in the input as "[99~".
        let decoded = decode("\u{1B}[99~ok")
        #expect(!decoded.contains(.scalar("[")))
        #expect(decoded.suffix(2) == [.scalar("o"), .scalar("k")])
    }

    @Test func keysMapOntoTheChatsKeys() {
        #expect(key(Msg(.scalar("\u{01}"))) == .control("a"))
        #expect(key(Msg(.scalar("\r"))) == .enter)
        #expect(key(Msg(.scalar("\u{7F}"))) == .backspace)
        #expect(key(Msg(.keyCode(tc_key_f(1)))) == .function(1))
        #expect(key(Msg(.alt("b"))) == .alt("b"))
        #expect(key(Msg(.keyCode(KEY_PPAGE))) == .pageUp)
        #expect(key(Msg(.scalar("é"))) == .character("é"))
    }

    @Test func pasteBecomesOneMessage() {
        guard case .paste(let text)? = Msg(.paste("a\nb")) else {
            Issue.record("a paste must stay one message")
            return
        }
        #expect(text == "a\nb")
    }

    private func key(_ message: Msg?) -> Key? {
        guard case .key(let key)? = message else { return nil }
        return key
    }
}
