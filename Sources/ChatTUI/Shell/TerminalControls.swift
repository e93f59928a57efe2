import CNcurses
import Glibc

/// The control sequences frames are written in, as the terminal's terminfo entry spells them. Read
/// once, after `newterm`. A class: every frame's encoder refers to it rather than copying its twenty
/// arrays and closures.
final class TerminalControls {
    var clear: [UInt8]
    /// All attributes off (sgr0); empty, with every attribute, where the terminal cannot turn them off.
    var reset: [UInt8]
    /// True when `reset` also gives back the default colours (it ends in the ANSI "CSI m").
    var resetRestoresColors: Bool
    /// Each empty where the terminal lacks the mode (the cell is then shown without it, as curses would).
    var bold: [UInt8]
    var dim: [UInt8]
    var reverse: [UInt8]
    var underline: [UInt8]
    /// Attributes the terminal cannot show together with a colour (its `ncv`): coloured cells go without.
    var attributesWithoutColor: TextAttributes = []
    /// True when cells are written in colour: the caller wanted colours and the terminal has them.
    var colors = false
    /// The default foreground and background (op); empty without colours.
    var defaultColors: [UInt8] = []
    /// setaf and setab for the eight ANSI colours; empty without colours.
    var foregrounds: [[UInt8]] = []
    var backgrounds: [[UInt8]] = []
    /// Automatic margins off and on, written around the bottom-right cell when writing it would scroll
    /// the screen; nil when it would not.
    var marginsAroundLastCell: (off: [UInt8], on: [UInt8])?
    /// True when writing the bottom-right cell would scroll the screen and the margins cannot be turned
    /// off (ansi, cygwin, sun): that one cell is left blank.
    var bottomRightCellScrolls = false
    /// cup, 0-based.
    var moveTo: ParameterizedControl
    /// Shorter moves, where the terminal has them: vpa and hpa (0-based), cuf (so many columns right),
    /// cr, cub1.
    var toRow: ParameterizedControl? = nil
    var toColumn: ParameterizedControl? = nil
    var right: ParameterizedControl? = nil
    var carriageReturn: [UInt8]? = nil
    var left: [UInt8]? = nil
    /// el, for a row whose rest is plain blanks: erasing in the default colours is right on any terminal.
    /// Where `eraseCharacters` is kept, it also ends a run of coloured blanks.
    var clearToEndOfLine: [UInt8]? = nil
    /// ech, kept only where erasing fills with the current background colour (bce): a run of coloured
    /// blanks (the status bar) is then a few bytes.
    var eraseCharacters: ParameterizedControl? = nil

    init(
        clear: [UInt8], reset: [UInt8], resetRestoresColors: Bool, bold: [UInt8], dim: [UInt8], reverse: [UInt8],
        underline: [UInt8], moveTo: ParameterizedControl
    ) {
        self.clear = clear
        self.reset = reset
        self.resetRestoresColors = resetRestoresColors
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
        self.moveTo = moveTo
    }

    /// The terminal's controls; nil when it cannot clear the screen or address the cursor, which a
    /// full-screen chat needs.
    static func fromTerminfo(colors wanted: Bool) -> TerminalControls? {
        guard let clear = string("clear"), let cupString = capability("cup") else { return nil }
        // Without a way to turn attributes off, none is turned on.
        let reset = string("sgr0") ?? []
        func attribute(_ name: String) -> [UInt8] { reset.isEmpty ? [] : string(name) ?? [] }
        let controls = TerminalControls(
            clear: clear, reset: reset, resetRestoresColors: Self.endsInANSIReset(reset), bold: attribute("bold"),
            dim: attribute("dim"), reverse: attribute("rev"), underline: attribute("smul"),
            moveTo: Self.cursorAddressing(cupString))
        controls.toRow = capability("vpa").map(oneParameter)
        controls.toColumn = capability("hpa").map(oneParameter)
        controls.right = capability("cuf").map(oneParameter)
        controls.carriageReturn = string("cr")
        controls.left = string("cub1")
        controls.clearToEndOfLine = string("el")
        if tigetflag("bce") > 0 { controls.eraseCharacters = capability("ech").map(oneParameter) }
        if tigetflag("am") > 0 && tigetflag("xenl") <= 0 {
            if let off = string("rmam"), let on = string("smam") {
                controls.marginsAroundLastCell = (off, on)
            } else {
                controls.bottomRightCellScrolls = true
            }
        }
        if wanted, let op = string("op"), let setaf = capability("setaf"), let setab = capability("setab") {
            controls.colors = true
            let highest = Int32(max(0, tigetnum("colors") - 1))
            controls.defaultColors = op
            controls.foregrounds = (0..<8).map { bytes(tc_tiparm1(setaf, min(Int32($0), highest))) }
            controls.backgrounds = (0..<8).map { bytes(tc_tiparm1(setab, min(Int32($0), highest))) }
            controls.attributesWithoutColor = attributes(fromNoColorVideo: tigetnum("ncv"))
        }
        return controls
    }

    /// ncv's bits as terminfo numbers them (standout 1, underline 2, reverse 4, blink 8, dim 16, bold 32).
    static func attributes(fromNoColorVideo ncv: Int32) -> TextAttributes {
        guard ncv > 0 else { return [] }
        var attributes: TextAttributes = []
        if ncv & 2 != 0 { attributes.insert(.underline) }
        if ncv & 4 != 0 { attributes.insert(.reverse) }
        if ncv & 16 != 0 { attributes.insert(.dim) }
        if ncv & 32 != 0 { attributes.insert(.bold) }
        return attributes
    }

    /// The usual ANSI forms are formatted here; any other goes through `tiparm` each time.
    private static func cursorAddressing(_ cup: UnsafeMutablePointer<CChar>) -> ParameterizedControl {
        if let form = ANSIForm(String(cString: cup)), form.parameters == 2 { return ParameterizedControl(form) }
        return ParameterizedControl { row, column in bytes(tc_tiparm2(cup, Int32(row), Int32(column))) }
    }

    private static func oneParameter(_ capability: UnsafeMutablePointer<CChar>) -> ParameterizedControl {
        if let form = ANSIForm(String(cString: capability)), form.parameters == 1 { return ParameterizedControl(form) }
        return ParameterizedControl { first, _ in bytes(tc_tiparm1(capability, Int32(first))) }
    }

    private static func endsInANSIReset(_ reset: [UInt8]) -> Bool {
        let text = String(decoding: reset, as: UTF8.self)
        return text.contains("\u{1B}[m") || text.contains("\u{1B}[0m")
    }

    /// A string capability; nil when the terminal does not have it.
    private static func capability(_ name: String) -> UnsafeMutablePointer<CChar>? {
        guard let pointer = tigetstr(name), Int(bitPattern: pointer) != -1 else { return nil }
        return pointer
    }

    private static func string(_ name: String) -> [UInt8]? {
        capability(name).map { bytes($0) }
    }

    /// A capability's bytes, without its padding ("$<5>", a delay for real terminals that `tputs` would
    /// turn into a wait or NULs; no terminal emulator needs it).
    private static func bytes(_ pointer: UnsafePointer<CChar>?) -> [UInt8] {
        guard let pointer else { return [] }
        let raw = pointer.withMemoryRebound(to: UInt8.self, capacity: strlen(pointer)) {
            Array(UnsafeBufferPointer(start: $0, count: strlen(pointer)))
        }
        var result: [UInt8] = []
        result.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            if raw[i] == UInt8(ascii: "$"), i + 1 < raw.count, raw[i + 1] == UInt8(ascii: "<"),
                let close = raw[(i + 2)...].firstIndex(of: UInt8(ascii: ">")),
                raw[(i + 2)..<close].allSatisfy({
                    $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "*")
                        || $0 == UInt8(ascii: "/") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                })
            {
                i = close + 1
                continue
            }
            result.append(raw[i])
            i += 1
        }
        return result
    }
}

/// A control with numbers in it (a cursor address, a count of columns): its length can be asked before
/// it is written, so that the move planner compares moves without making them.
struct ParameterizedControl {
    private let form: ANSIForm?
    private let format: ((Int, Int) -> [UInt8])?

    fileprivate init(_ form: ANSIForm) {
        self.form = form
        format = nil
    }

    /// A control formatted by `format` (its second number is 0 for a control with one).
    init(_ format: @escaping (Int, Int) -> [UInt8]) {
        form = nil
        self.format = format
    }

    func count(_ first: Int, _ second: Int = 0) -> Int {
        if let form { return form.count(first, second) }
        return format!(first, second).count
    }

    func append(_ first: Int, _ second: Int = 0, to out: inout [UInt8]) {
        if let form { return form.append(first, second, to: &out) }
        out += format!(first, second)
    }
}

/// A capability of the common ANSI form "CSI [%i] %p1%d [;%p2%d] final", formatted here rather than by
/// `tiparm` (a repaint makes a hundred moves).
private struct ANSIForm {
    var increment: Bool
    var parameters: Int
    var final: UInt8

    init?(_ capability: String) {
        var rest = Substring(capability)
        guard rest.hasPrefix("\u{1B}[") else { return nil }
        rest = rest.dropFirst(2)
        increment = rest.hasPrefix("%i")
        if increment { rest = rest.dropFirst(2) }
        guard rest.hasPrefix("%p1%d") else { return nil }
        rest = rest.dropFirst(5)
        parameters = 1
        if rest.hasPrefix(";%p2%d") {
            parameters = 2
            rest = rest.dropFirst(6)
        }
        guard rest.utf8.count == 1, let byte = rest.utf8.first, (0x40...0x7E).contains(byte) else { return nil }
        final = byte
    }

    func count(_ first: Int, _ second: Int) -> Int {
        let offset = increment ? 1 : 0
        var count = 3 + Self.digits(first + offset)
        if parameters == 2 { count += 1 + Self.digits(second + offset) }
        return count
    }

    func append(_ first: Int, _ second: Int, to out: inout [UInt8]) {
        let offset = increment ? 1 : 0
        out.append(0x1B)
        out.append(UInt8(ascii: "["))
        Self.appendDecimal(first + offset, to: &out)
        if parameters == 2 {
            out.append(UInt8(ascii: ";"))
            Self.appendDecimal(second + offset, to: &out)
        }
        out.append(final)
    }

    private static func digits(_ value: Int) -> Int {
        value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : 1 + digits(value / 10)
    }

    private static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value >= 10 { appendDecimal(value / 10, to: &out) }
        out.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
