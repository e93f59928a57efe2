import CNcurses
import Glibc
import Testing

@testable import ChatTUI

/// Curses state is process-wide: every suite that starts curses nests in this one, so that they run one
/// at a time, each on its own pseudo-terminal.
@Suite(.serialized) enum CursesOnPseudoTerminal {}

extension CursesOnPseudoTerminal {
    @Suite struct FramePainterTests {
        private func withScreen(cols: Int = 80, rows: Int = 24, _ body: (CursesScreen, PseudoTerminal) throws -> Void)
            throws
        {
            setenv("TERM", "xterm-256color", 1)
            let pty = try PseudoTerminal(cols: cols, rows: rows)
            let screen = try CursesScreen(inputFD: pty.slave, outputFD: pty.slave)
            defer {
                screen.end()
                _ = pty.drain()
            }
            _ = pty.drain()
            try body(screen, pty)
        }

        /// What curses believes is on row `y` (its screen image, read back as wide characters).
        private func screenRow(_ y: Int, cols: Int) -> String {
            var buffer = [wchar_t](repeating: 0, count: cols + 1)
            mvwinnwstr(tc_stdscr(), Int32(y), 0, &buffer, Int32(cols))
            let scalars = buffer.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }
            return String(String.UnicodeScalarView(scalars))
        }

        private func promptFrame(_ typed: String) -> Frame {
            var frame = Frame(width: 80, height: 24)
            frame.put("Conversation", x: 0, y: 0, style: Style(attributes: .bold))
            frame.put("> " + typed, x: 0, y: 23, style: .plain)
            frame.cursor = Position(x: 2 + DisplayWidth.of(typed), y: 23)
            return frame
        }

        @Test func oneTypedCharacterSendsOnlyThatCharacter() throws {
            try withScreen { screen, pty in
                let painter = FramePainter(palette: screen.palette)
                painter.present(promptFrame("buy mil"))
                let first = pty.drain()
                #expect(first.count > 20)
                painter.present(promptFrame("buy milk"))
                let bytes = pty.drain()
                // The character itself, and nothing that repaints the line or moves far.
                #expect(bytes.contains(UInt8(ascii: "k")))
                #expect(bytes.count <= 4, "sent \(bytes.count) bytes: \(bytes)")
            }
        }

        @Test func identicalFrameSendsNothing() throws {
            try withScreen { screen, pty in
                let painter = FramePainter(palette: screen.palette)
                painter.present(promptFrame("x"))
                _ = pty.drain()
                painter.present(promptFrame("x"))
                #expect(pty.drain().isEmpty)
            }
        }

        @Test func wideCharactersTakeTwoCellsOnScreen() throws {
            try withScreen { screen, pty in
                let painter = FramePainter(palette: screen.palette)
                var frame = Frame(width: 80, height: 24)
                frame.put("買い物🍎|end", x: 0, y: 2, style: .plain)
                painter.present(frame)
                _ = pty.drain()
                let row = screenRow(2, cols: 80)
                #expect(row.hasPrefix("買い物🍎|end"))
                // Three CJK and one emoji at two cells each put the bar in column 8.
                var probe = cchar_t()
                mvwin_wch(tc_stdscr(), 2, 8, &probe)
                var text = [wchar_t](repeating: 0, count: 6)
                var attributes: attr_t = 0
                var pair: Int16 = 0
                getcchar(&probe, &text, &attributes, &pair, nil)
                #expect(text[0] == wchar_t(UInt8(ascii: "|")))
            }
        }

        @Test func fullRedrawOfAnEmptyishScreenStaysSmall() throws {
            try withScreen { screen, pty in
                let painter = FramePainter(palette: screen.palette)
                painter.present(promptFrame("hello"))
                _ = pty.drain()
                screen.forceFullRepaint()
                painter.invalidate()
                painter.present(promptFrame("hello"))
                let bytes = pty.drain()
                #expect(bytes.count > 10)
                #expect(bytes.count < 200, "a full repaint of two short lines sent \(bytes.count) bytes")
            }
        }

        @Test func onlyTheChangedCellsArePainted() throws {
            try withScreen { screen, pty in
                let painter = FramePainter(palette: screen.palette)
                var frame = Frame(width: 80, height: 24)
                for y in 0..<23 { frame.put("line \(y) of the conversation", x: 0, y: y, style: .plain) }
                painter.present(frame)
                _ = pty.drain()
                frame.put("LINE", x: 0, y: 12, style: .plain)
                painter.present(frame)
                let bytes = pty.drain()
                #expect(String(decoding: bytes, as: UTF8.self).contains("LINE"))
                #expect(!String(decoding: bytes, as: UTF8.self).contains("line 11"))
                #expect(bytes.count < 24, "sent \(bytes.count) bytes: \(bytes)")
                #expect(screenRow(12, cols: 80).hasPrefix("LINE 12 of the conversation"))
            }
        }

        @Test func afterAShrinkCursesHoldsTheNewFrameAndNothingOfTheOld() throws {
            try withScreen { screen, pty in
                let painter = FramePainter(palette: screen.palette)
                var wide = Frame(width: 80, height: 24)
                for y in 0..<24 { wide.put(String(repeating: "x", count: 80), x: 0, y: y, style: .plain) }
                painter.present(wide)
                pty.resize(cols: 40, rows: 12)
                #expect(screen.adoptTerminalSize())
                painter.invalidate()
                var small = Frame(width: 40, height: 12)
                small.put("only this", x: 2, y: 5, style: .plain)
                painter.present(small)
                _ = pty.drain()
                #expect((0..<12).map { screenRow($0, cols: 40) } == small.rows)
            }
        }

        @Test func aRepaintRequestSendsTheWholeScreenAgainWithoutAChange() throws {
            try withScreen { screen, pty in
                let painter = FramePainter(palette: screen.palette)
                painter.present(promptFrame("hello"))
                _ = pty.drain()
                screen.forceFullRepaint()
                painter.present(promptFrame("hello"))
                let text = String(decoding: pty.drain(), as: UTF8.self)
                #expect(text.contains("Conversation") && text.contains("> hello"))
            }
        }

        @Test func resizeIsAdoptedFromTheTerminal() throws {
            try withScreen { screen, pty in
                pty.resize(cols: 40, rows: 12)
                #expect(screen.adoptTerminalSize())
                #expect(screen.cols == 40 && screen.rows == 12)
                #expect(!screen.adoptTerminalSize())
            }
        }

        @Test func typedKeysAndPastesAreRead() throws {
            try withScreen { screen, pty in
                // keypad() put the terminal in application mode (smkx), where Up is ESC O A.
                pty.type("a\u{1B}OA\u{1B}[200~x\ny\u{1B}[201~")
                var descriptor = pollfd(fd: pty.slave, events: Int16(POLLIN), revents: 0)
                _ = poll(&descriptor, 1, 1000)
                usleep(50_000)
                var decoder = KeyDecoder()
                var decoded: [DecodedInput] = []
                for input in screen.readAvailableInput() ?? [] { decoded += decoder.feed(input) }
                decoded += decoder.endOfBatch()
                #expect(decoded == [.scalar("a"), .keyCode(KEY_UP), .paste("x\ny")])
            }
        }
    }
}
