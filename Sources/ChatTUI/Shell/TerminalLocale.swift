import CNcurses
import Glibc

/// Curses and libedit drop every non-ASCII character unless the C locale's codeset is UTF-8.
enum TerminalLocale {
    /// Adopts the user's locale, falling back to `C.UTF-8` when it is not UTF-8 (`LANG=C` over SSH).
    /// Returns false when no UTF-8 locale could be had; the screen then shows only ASCII.
    @discardableResult
    static func adoptUTF8() -> Bool {
        setlocale(LC_ALL, "")
        if isUTF8 { return true }
        if setlocale(LC_ALL, "C.UTF-8") != nil, isUTF8 { return true }
        return setlocale(LC_ALL, "C.utf8") != nil && isUTF8
    }

    private static var isUTF8: Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}
