import TodoCore

/// Splits sanitised input into tokens: words, numbers and single punctuation marks, plus the
/// inline markers that are not grammar (`#tag`, `#3`, `@person`, `+tag`, `"quoted"`, `// description`).
/// Letters and digits are split where they meet, so "5pm", "3rd" and "1h30m" reach the rules as parts.
enum Tokenizer {
    static func tokenize(_ input: Input) -> [Token] {
        var tokens: [Token] = []
        tokenize(input, appendingTo: &tokens, from: 0)
        return tokens
    }

    /// The tokens of `input`, keeping those of `previous` that the bytes both lines share still give: the chat
    /// parses the line again after every key, and the line usually grows at its end. `kept` leading tokens are
    /// those of `previous`.
    /// Its tokens are moved out of `previous`.
    static func tokenize(_ input: Input, after previous: inout TokenizedLine?) -> (tokens: [Token], kept: Int) {
        let kept = previous?.reusableTokens(in: input.bytes) ?? 0
        guard kept > 0 else { return (tokenize(input), 0) }
        var tokens: [Token] = []
        swap(&tokens, &previous!.tokens)
        tokens.removeSubrange(kept...)
        tokenize(input, appendingTo: &tokens, from: tokens[kept - 1].end)
        return (tokens, kept)
    }

    /// Tokenizes from byte `start`, after `tokens` (those of the bytes before it; a token just ended there).
    private static func tokenize(_ input: Input, appendingTo tokens: inout [Token], from start: Int) {
        let b = input.bytes
        let n = b.count
        tokens.reserveCapacity(Swift.max(16, tokens.count + 8))
        var i = start
        var glued = !tokens.isEmpty

        func isLetter(_ c: UInt8) -> Bool {
            (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c >= 0x80
        }
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 }
        /// Separators a summary uses ("·", "•", "–", "—") read like spaces.
        func separatorLength(at i: Int) -> Int {
            if b[i] == 0xC2, i + 1 < n, b[i + 1] == 0xB7 { return 2 }
            if b[i] == 0xE2, i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0xA2 || b[i + 2] == 0x93 || b[i + 2] == 0x94 {
                return 3
            }
            return 0
        }
        func word(_ s: Int, _ e: Int) -> String {
            var upper = false
            var ascii = true
            for k in s..<e {
                let c = b[k]
                if c >= 0x80 { ascii = false } else if c >= 0x41 && c <= 0x5A { upper = true }
            }
            if !upper { return ascii ? String(decoding: b[s..<e], as: UTF8.self) : input.text(s, e).lowercased() }
            if !ascii { return input.text(s, e).lowercased() }
            return String(unsafeUninitializedCapacity: e - s) { buffer in
                for k in s..<e {
                    let c = b[k]
                    buffer[k - s] = c >= 0x41 && c <= 0x5A ? c + 32 : c
                }
                return e - s
            }
        }
        func push(_ kind: TokenKind, _ text: String, _ s: Int, _ e: Int, number: Int = 0, digits: Int = 0) {
            let lex = kind == .word ? Lexicon.entry(text) : .none
            tokens.append(
                Token(kind: kind, text: text, start: s, end: e, glued: glued, number: number, digits: digits, lex: lex))
            glued = true
        }
        func atWordStart(_ i: Int) -> Bool { i == 0 || isSpace(b[i - 1]) || b[i - 1] == 0x28 }

        while i < n {
            let c = b[i]
            if isSpace(c) {
                glued = false
                i += 1
                continue
            }
            let sep = c >= 0x80 ? separatorLength(at: i) : 0
            if sep > 0 {
                glued = false
                i += sep
                continue
            }
            // "// description" runs to the end of the line.
            if c == 0x2F, i + 1 < n, b[i + 1] == 0x2F, atWordStart(i) {
                var s = i + 2
                while s < n, isSpace(b[s]) { s += 1 }
                var e = n
                while e > s, isSpace(b[e - 1]) { e -= 1 }
                push(.description, input.text(s, e), i, n)
                break
            }
            // Quoted words are kept literally: straight or curly double quotes, or single quotes at word edges.
            if let q = quoteEnd(b, i, atWordStart(i)) {
                push(.quoted, input.text(q.contentStart, q.contentEnd), i, q.end)
                i = q.end
                continue
            }
            if c == 0x23 || c == 0x40 || c == 0x2B, atWordStart(i), i + 1 < n, isLetter(b[i + 1]) || isDigit(b[i + 1]) {
                var e = i + 1
                while e < n,
                    isLetter(b[e]) || isDigit(b[e]) || b[e] == 0x5F || b[e] == 0x2D || b[e] == 0x2F || b[e] == 0x2E
                {
                    e += 1
                }
                while e > i + 1, b[e - 1] == 0x2E || b[e - 1] == 0x2D || b[e - 1] == 0x2F { e -= 1 }
                let body = input.text(i + 1, e)
                if c == 0x23, body.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                    push(.reference, body, i, e, number: Int(body.prefix(9)) ?? 0, digits: body.utf8.count)
                } else if c == 0x23 {
                    push(.tag, body, i, e)
                } else if c == 0x40 {
                    push(.mention, body, i, e)
                } else if isLetter(b[i + 1]) {
                    push(.plusTag, body, i, e)
                } else {
                    push(.punct, "+", i, i + 1)
                    i += 1
                    continue
                }
                i = e
                continue
            }
            if isDigit(c) {
                var e = i
                var v = 0
                while e < n, isDigit(b[e]) {
                    if e - i < 9 { v = v * 10 + Int(b[e] - 0x30) }
                    e += 1
                }
                push(.number, input.text(i, e), i, e, number: v, digits: e - i)
                i = e
                continue
            }
            if isLetter(c) {
                var e = i
                // Bytes from 0x80 up are letters, so a curly apostrophe (E2 80 99) is inside the word; it reads
                // as a straight one. Any E2 byte may start one.
                var mayHaveCurlyApostrophe = false
                while e < n {
                    let d = b[e]
                    if isLetter(d) {
                        if d >= 0x80, separatorLength(at: e) > 0 { break }
                        if d == 0xE2 { mayHaveCurlyApostrophe = true }
                        e += 1
                    } else if d == 0x27, e + 1 < n, isLetter(b[e + 1]) {
                        e += 1  // don't, what's, o'clock
                    } else {
                        break
                    }
                }
                var w = word(i, e)
                // "a.m." / "p.m."
                if w == "a" || w == "p", e + 2 < n, b[e] == 0x2E, b[e + 1] | 0x20 == 0x6D {
                    w += "m"
                    e += 2
                    if e < n, b[e] == 0x2E { e += 1 }
                }
                if mayHaveCurlyApostrophe { w = w.replacingOccurrences(of: "\u{2019}", with: "'") }
                push(.word, w, i, e)
                i = e
                continue
            }
            push(.punct, String(UnicodeScalar(c)), i, i + 1)
            i += 1
        }
    }

    private struct Quote {
        var contentStart: Int
        var contentEnd: Int
        var end: Int
    }

    private static func quoteEnd(_ b: [UInt8], _ i: Int, _ wordStart: Bool) -> Quote? {
        let n = b.count
        if b[i] == 0x22 {
            var j = i + 1
            while j < n, b[j] != 0x22 {
                if b[j] == 0xE2, j + 2 < n, b[j + 1] == 0x80, b[j + 2] == 0x9D { break }
                j += 1
            }
            guard j < n, j > i + 1 else { return nil }
            return Quote(contentStart: i + 1, contentEnd: j, end: b[j] == 0x22 ? j + 1 : j + 3)
        }
        // curly double quotes “ ”
        if b[i] == 0xE2, i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0x9C {
            var j = i + 3
            while j + 2 < n, !(b[j] == 0xE2 && b[j + 1] == 0x80 && (b[j + 2] == 0x9D || b[j + 2] == 0x9C)) { j += 1 }
            guard j + 2 < n, j > i + 3 else { return nil }
            return Quote(contentStart: i + 3, contentEnd: j, end: j + 3)
        }
        if b[i] == 0x27, wordStart {
            var j = i + 1
            while j < n {
                if b[j] == 0x27, j > i + 1, b[j - 1] != 0x20,
                    j + 1 == n || b[j + 1] == 0x20 || b[j + 1] == 0x2C || b[j + 1] == 0x2E || b[j + 1] == 0xC2
                {
                    return Quote(contentStart: i + 1, contentEnd: j, end: j + 1)
                }
                j += 1
            }
        }
        return nil
    }
}

/// A line as the parser last read it: its tokens, and what the scans over them found, for the next line to keep
/// where the two agree.
struct TokenizedLine: Sendable {
    var bytes: [UInt8]
    var tokens: [Token]
    /// The moment and zone the scans resolved dates against: the scans are kept only for the same ones.
    var today: LocalDate
    var now: LocalTime
    var zone: String
    var scans: [ScanRecord] = []

    /// Its scans, moved out, when they read dates against the same moment and zone; none otherwise.
    mutating func takeScans(today: LocalDate, now: LocalTime, zone: String) -> [ScanRecord] {
        guard self.today == today, self.now == now, self.zone == zone else { return [] }
        var taken: [ScanRecord] = []
        swap(&taken, &scans)
        return taken
    }

    /// How many leading tokens `other` would give again: each must end where the tokenizer stopped looking before
    /// the first byte that differs. A word looks up to 3 bytes past its end ("a.m.", "don't"), a number or a mark 1;
    /// a tag's end is trimmed back over ".-/", so one followed by those is not kept. Quotes look ahead to their
    /// closing mark and a description runs to the end of the line: nothing from one of those on is kept, nor
    /// from a word with non-ASCII bytes (a curly quote reads as a letter until it is closed).
    func reusableTokens(in other: [UInt8]) -> Int {
        let common = bytes.withUnsafeBufferPointer { a in
            other.withUnsafeBufferPointer { b in
                let n = Swift.min(a.count, b.count)
                var k = 0
                while k < n, a[k] == b[k] { k += 1 }
                return k
            }
        }
        var kept = 0
        // fields read in place: a copy of the token costs a retain and a release
        for k in tokens.indices {
            let (start, end) = (tokens[k].start, tokens[k].end)
            let reusable: Bool
            switch tokens[k].kind {
            case .quoted, .description, .keyValue: reusable = false
            case .punct: reusable = end < common && tokens[k].text != "\"" && tokens[k].text != "'"
            case .number: reusable = end < common
            case .word: reusable = end + 3 < common && !bytes[start..<end].contains { $0 >= 0x80 }
            case .tag, .mention, .plusTag, .reference:
                reusable = end < common && bytes[end] != 0x2E && bytes[end] != 0x2D && bytes[end] != 0x2F
            }
            guard reusable else { break }
            kept += 1
        }
        return kept
    }
}
