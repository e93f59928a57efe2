/// Frames as the bytes a terminal needs, spelled in its own terminfo controls: the whole frame from a
/// cleared screen (the first frame, Ctrl-L, a resize), or only the cells that changed since the frame
/// before (a keystroke). Either is one buffer, so the painter makes one write per frame; every move is
/// the shortest the terminal has, and attributes are left off at the end.
enum FrameEncoder {
    struct Output: Equatable {
        var bytes: [UInt8]
        /// Where the bytes leave the terminal's cursor; nil when that is unknown (after a write into the
        /// last column, a terminal may be waiting to wrap).
        var cursor: Position?
    }

    /// The bytes that clear the screen and draw `frame` on it. Without `controls.colors` the cells' colour
    /// roles are ignored (a monochrome terminal, or `NO_COLOR`).
    static func repaint(_ frame: Frame, controls: TerminalControls) -> Output {
        var writer = Writer(controls: controls, frame: frame, cursor: Position(x: 0, y: 0), capacity: 4096)
        // Attributes off first: on a terminal that erases in the current colours, the clear must not.
        writer.out += controls.reset
        writer.out += controls.clear
        for y in 0..<frame.height {
            let row = frame.cells(ofRow: y)
            writer.write(row, y: y, columns: 0..<row.count, onClearedRow: true)
        }
        return writer.finish()
    }

    /// The bytes that turn `previous`, as the terminal shows it with its cursor at `cursor` (nil:
    /// unknown), into `frame`. The frames must be of one size.
    static func changes(
        from previous: Frame, to frame: Frame, cursor: Position?, controls: TerminalControls
    ) -> Output {
        var writer = Writer(controls: controls, frame: frame, cursor: cursor, capacity: 256)
        let runs = frame.diff(from: previous)
        var first = 0
        while first < runs.count {
            var end = first + 1
            while end < runs.count, runs[end].y == runs[first].y { end += 1 }
            writer.write(runs[first..<end], of: frame.cells(ofRow: runs[first].y))
            first = end
        }
        return writer.finish()
    }

    /// The eight ANSI colours every colour terminal has; -1 keeps the user's own foreground or background.
    static func colorNumber(_ role: ColorRole) -> Int {
        switch role {
        case .default: -1
        case .accent: 6
        case .muted: 4
        case .alert: 1
        case .warning: 3
        case .success: 2
        case .info: 4
        case .tag: 5
        }
    }

    private struct Writer {
        let controls: TerminalControls
        let colors: Bool
        let frame: Frame
        var out: [UInt8] = []
        /// The attributes and colours the terminal writes in now.
        var style = Style.plain
        /// Where the terminal's cursor is; nil when unknown.
        var at: Position?

        /// `capacity`: a repaint of a busy screen is a kilobyte or two, a keystroke's change a few bytes.
        init(controls: TerminalControls, frame: Frame, cursor: Position?, capacity: Int) {
            self.controls = controls
            colors = controls.colors
            self.frame = frame
            at = cursor
            out.reserveCapacity(capacity)
        }

        /// Writes the cells of `row` in `columns`; on a cleared row, plain blanks are already there and are
        /// skipped.
        mutating func write(_ row: [Cell], y: Int, columns: Range<Int>, onClearedRow: Bool) {
            // Most of a repaint's cells are blanks: they are passed over at a 16-byte comparison each.
            let blank = Cell.blank
            var x = columns.lowerBound
            while x < columns.upperBound {
                if onClearedRow {
                    row.withUnsafeBufferPointer { cells in
                        while x < columns.upperBound, cells[x].isIdentical(to: blank) { x += 1 }
                    }
                    if x == columns.upperBound { return }
                }
                let cell = row[x]
                if cell.isContinuation || (onClearedRow && isPlainBlank(cell)) {
                    x += 1
                } else if let erased = erase(row, from: x, y: y) {
                    x = erased
                } else {
                    write(cell, x: x, y: y, row: row)
                    x += max(1, Int(cell.width))
                }
            }
        }

        /// Writes the changed `runs` of one row. Where the row ends in plain blanks, the changed ones among
        /// them are cleared with one control when that is shorter than writing them.
        mutating func write(_ runs: ArraySlice<FrameRun>, of row: [Cell]) {
            var blankTail = row.count
            row.withUnsafeBufferPointer { cells in
                while blankTail > 0, isPlainBlank(cells[blankTail - 1]) { blankTail -= 1 }
            }
            var clearFrom: Int?
            if let clearRest = controls.clearToEndOfLine,
                let firstBlank = runs.first(where: { $0.cells.endIndex > blankTail }).map({
                    max($0.cells.startIndex, blankTail)
                }),
                runs.reduce(0, { $0 + max(0, $1.cells.endIndex - max($1.cells.startIndex, blankTail)) })
                    > clearRest.count
            {
                clearFrom = firstBlank
            }
            for run in runs {
                let end = min(run.cells.endIndex, clearFrom ?? row.count)
                guard run.cells.startIndex < end else { break }
                write(row, y: run.y, columns: run.cells.startIndex..<end, onClearedRow: false)
            }
            if let clearFrom, let clearRest = controls.clearToEndOfLine, let y = runs.first?.y {
                moveTo(x: clearFrom, y: y, row: row)
                setStyle(.plain)
                out += clearRest
            }
        }

        private func isPlainBlank(_ cell: Cell) -> Bool {
            cell.isIdentical(to: .blank) || (cell.isSpace && look(of: cell) == .plain)
        }

        /// Attributes off, and the cursor where the frame wants it.
        mutating func finish() -> Output {
            setStyle(.plain)
            if let cursor = frame.cursor { moveTo(x: cursor.x, y: cursor.y, row: frame.cells(ofRow: cursor.y)) }
            return Output(bytes: out, cursor: at)
        }

        /// How a cell is shown on this terminal: its colours only where there are colours, and without the
        /// attributes the terminal cannot combine with colour (its `ncv`), as curses would show it.
        private func look(of cell: Cell) -> Style {
            guard colors else { return Style(attributes: cell.style.attributes) }
            var look = cell.style
            if look.foreground != .default || look.background != .default {
                look.attributes.subtract(controls.attributesWithoutColor)
            }
            return look
        }

        /// One cell; most of a frame's cells follow the one before in the same style, so that case asks
        /// no more than two comparisons before the character is appended.
        private mutating func write(_ cell: Cell, x: Int, y: Int, row: [Cell]) {
            let lastCell = y == frame.height - 1 && x + Int(cell.width) >= frame.width
            if lastCell, controls.bottomRightCellScrolls { return }
            moveTo(x: x, y: y, row: row)
            let look = look(of: cell)
            if look != style { setStyle(look) }
            if lastCell, let margins = controls.marginsAroundLastCell { out += margins.off }
            cell.forEachScalar { Self.appendUTF8($0, to: &out) }
            if lastCell, let margins = controls.marginsAroundLastCell { out += margins.on }
            let next = x + Int(cell.width)
            at = next >= frame.width ? nil : Position(x: next, y: y)
        }

        /// A run of blanks coloured only by a background (eight or more, or the rest of the row) is erased
        /// rather than written, where erasing paints the background: returns the column after it, or nil
        /// when the cells at `x` are no such run.
        private mutating func erase(_ row: [Cell], from x: Int, y: Int) -> Int? {
            let cell = row[x]
            guard colors, cell.isSpace, cell.width == 1, cell.style.attributes.isEmpty,
                cell.style.background != .default, let eraseCharacters = controls.eraseCharacters
            else { return nil }
            var end = x + 1
            while end < row.count, row[end].isIdentical(to: cell) { end += 1 }
            let toEnd = end == row.count && controls.clearToEndOfLine != nil
            guard toEnd || end - x >= 8 else { return nil }
            moveTo(x: x, y: y, row: row)
            setStyle(cell.style)
            if toEnd {
                out += controls.clearToEndOfLine!
            } else {
                eraseCharacters.append(end - x, to: &out)
            }
            return end
        }

        /// The shortest of the moves the terminal has: cup; vpa or hpa alone; vpa and one step left (down a
        /// column of text); a return; a step right; or, across a short gap on the row, the gap's own cells
        /// written again when they are in the current style.
        @inline(__always)
        private mutating func moveTo(x: Int, y: Int, row: [Cell]) {
            if let at, at.x == x, at.y == y { return }
            moveFar(x: x, y: y, row: row)
            at = Position(x: x, y: y)
        }

        /// The moves a terminal may have, compared by length before one is written.
        private enum Move {
            case address, toColumn, right, carriageReturn, toRow, toRowThenLeft, returnThenToRow, rewrite
        }

        private mutating func moveFar(x: Int, y: Int, row: [Cell]) {
            var best = Move.address
            var shortest = controls.moveTo.count(y, x)
            func consider(_ move: Move, _ count: Int?) {
                if let count, count < shortest {
                    best = move
                    shortest = count
                }
            }
            if let at {
                if at.y == y {
                    if x > at.x, x - at.x <= 4 { consider(.rewrite, rewrittenCount(row, at.x..<x)) }
                    if x > at.x { consider(.right, controls.right?.count(x - at.x)) }
                    consider(.toColumn, controls.toColumn?.count(x))
                    if x == 0 { consider(.carriageReturn, controls.carriageReturn?.count) }
                } else if let toRow = controls.toRow {
                    if at.x == x { consider(.toRow, toRow.count(y)) }
                    if at.x == x + 1, let left = controls.left { consider(.toRowThenLeft, toRow.count(y) + left.count) }
                    if x == 0, let carriageReturn = controls.carriageReturn {
                        consider(.returnThenToRow, carriageReturn.count + toRow.count(y))
                    }
                }
            }
            switch best {
            case .address: controls.moveTo.append(y, x, to: &out)
            case .toColumn: controls.toColumn!.append(x, to: &out)
            case .right: controls.right!.append(x - at!.x, to: &out)
            case .carriageReturn: out += controls.carriageReturn!
            case .toRow: controls.toRow!.append(y, to: &out)
            case .toRowThenLeft:
                controls.toRow!.append(y, to: &out)
                out += controls.left!
            case .returnThenToRow:
                out += controls.carriageReturn!
                controls.toRow!.append(y, to: &out)
            case .rewrite:
                for cell in row[at!.x..<x] { cell.forEachScalar { Self.appendUTF8($0, to: &out) } }
            }
        }

        /// A scalar's UTF-8 bytes, appended one by one (the standard library's encoder hands back a buffer
        /// that costs a hundred instructions to append; a repaint appends a few hundred of them).
        @inline(__always)
        private static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
            let value = scalar.value
            switch value {
            case 0..<0x80:
                out.append(UInt8(truncatingIfNeeded: value))
            case 0x80..<0x800:
                out.append(UInt8(truncatingIfNeeded: 0xC0 | value >> 6))
                out.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
            case 0x800..<0x10000:
                out.append(UInt8(truncatingIfNeeded: 0xE0 | value >> 12))
                out.append(UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F))
                out.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
            default:
                out.append(UInt8(truncatingIfNeeded: 0xF0 | value >> 18))
                out.append(UInt8(truncatingIfNeeded: 0x80 | value >> 12 & 0x3F))
                out.append(UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F))
                out.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
            }
        }

        /// How many bytes the cells in `columns` take, when each is a single narrow character in the
        /// current style (written again, they change nothing); nil otherwise.
        private func rewrittenCount(_ row: [Cell], _ columns: Range<Int>) -> Int? {
            var count = 0
            for x in columns {
                let cell = row[x]
                guard cell.width == 1, look(of: cell) == style else { return nil }
                var scalars = 0
                cell.forEachScalar { scalar in
                    scalars += 1
                    count += UTF8.width(scalar)
                }
                guard scalars == 1 else { return nil }
            }
            return count
        }

        private mutating func setStyle(_ next: Style) {
            guard next != style else { return }
            var current = style
            if !current.attributes.isSubset(of: next.attributes) {
                out += controls.reset
                if colors, !controls.resetRestoresColors,
                    current.foreground != .default || current.background != .default
                {
                    out += controls.defaultColors
                }
                current = .plain
            }
            if colors {
                if (next.foreground == .default && current.foreground != .default)
                    || (next.background == .default && current.background != .default)
                {
                    out += controls.defaultColors
                    current.foreground = .default
                    current.background = .default
                }
                if next.foreground != current.foreground {
                    out += controls.foregrounds[FrameEncoder.colorNumber(next.foreground)]
                }
                if next.background != current.background {
                    out += controls.backgrounds[FrameEncoder.colorNumber(next.background)]
                }
            }
            let added = next.attributes.subtracting(current.attributes)
            if added.contains(.bold) { out += controls.bold }
            if added.contains(.dim) { out += controls.dim }
            if added.contains(.reverse) { out += controls.reverse }
            if added.contains(.underline) { out += controls.underline }
            style = next
        }
    }
}
