import Foundation

/// RFC 3986 checks for the URI and URI-reference attribute types.
enum URIText {
    /// unreserved / reserved (gen-delims and sub-delims); `%` is checked separately.
    private static let allowed: [Bool] = {
        var table = [Bool](repeating: false, count: 128)
        for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=".utf8 {
            table[Int(b)] = true
        }
        return table
    }()

    static func isURIReference(_ text: String) -> Bool {
        let b = Array(text.utf8)
        var i = 0
        var hashes = 0
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "%") {
                guard i + 2 < b.count, isHex(b[i + 1]), isHex(b[i + 2]) else { return false }
                i += 3
                continue
            }
            guard c < 128, allowed[Int(c)] else { return false }
            if c == UInt8(ascii: "#") { hashes += 1 }
            i += 1
        }
        guard hashes <= 1 else { return false }
        // A ':' before any '/', '?' or '#' means the part before it is a scheme (a relative reference's
        // first segment may not contain ':').
        if let colon = b.firstIndex(of: UInt8(ascii: ":")),
            !b[..<colon].contains(where: {
                $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#")
            })
        {
            return isScheme(b[..<colon])
        }
        return true
    }

    static func isAbsoluteURI(_ text: String) -> Bool {
        guard isURIReference(text), let colon = text.utf8.firstIndex(of: UInt8(ascii: ":")) else { return false }
        return isScheme(Array(text.utf8[..<colon])[...])
    }

    private static func isScheme(_ s: ArraySlice<UInt8>) -> Bool {
        guard let first = s.first, isAlpha(first) else { return false }
        return s.allSatisfy {
            isAlpha($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-")
                || $0 == UInt8(ascii: ".")
        }
    }

    private static func isAlpha(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
    private static func isHex(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
    }
}

/// RFC 2045/2046 media types: `type "/" subtype *( ";" attribute "=" value )`.
enum MediaType {
    private static let tspecials = Set("()<>@,;:\\\"/[]?=".utf8)

    private static func isTokenChar(_ c: UInt8) -> Bool { c > 0x20 && c < 0x7F && !tspecials.contains(c) }

    static func isValid(_ text: String) -> Bool {
        let b = Array(text.utf8)
        var i = 0
        func token() -> Bool {
            let start = i
            while i < b.count, isTokenChar(b[i]) { i += 1 }
            return i > start
        }
        func spaces() { while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 } }
        guard token(), i < b.count, b[i] == UInt8(ascii: "/") else { return false }
        i += 1
        guard token() else { return false }
        while true {
            spaces()
            if i == b.count { return true }
            guard b[i] == UInt8(ascii: ";") else { return false }
            i += 1
            spaces()
            guard token(), i < b.count, b[i] == UInt8(ascii: "=") else { return false }
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "\"") {
                i += 1
                while i < b.count, b[i] != UInt8(ascii: "\"") {
                    if b[i] == UInt8(ascii: "\\") { i += 1 }
                    i += 1
                }
                guard i < b.count else { return false }
                i += 1
            } else {
                guard token() else { return false }
            }
        }
    }

    /// `*/json` or `*/*+json`, parameters ignored (JSON format 3.1.1).
    static func isJSON(_ text: String) -> Bool {
        let essence = text.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) }
        guard let essence, let slash = essence.firstIndex(of: "/") else { return false }
        let subtype = essence[essence.index(after: slash)...].lowercased()
        return subtype == "json" || subtype.hasSuffix("+json")
    }
}

/// RFC 4648 §4 base64 with padding, strictly: no whitespace, no URL alphabet.
enum Base64 {
    static func decode(_ text: String) -> [UInt8]? {
        guard text.utf8.count % 4 == 0,
            text.utf8.allSatisfy({
                ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39)
                    || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "=")
            })
        else { return nil }
        guard let data = Data(base64Encoded: text) else { return nil }
        return Array(data)
    }
}
