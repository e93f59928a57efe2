import CNcurses
import Foundation
import Glibc
import Synchronization
import Testing

@testable import ChatTUI

/// Curses state is process-wide: every suite that starts curses nests in this one, so that they run one
/// at a time, each on its own pseudo-terminal.
@Suite(.serialized) enum CursesOnPseudoTerminal {}

extension CursesOnPseudoTerminal {
    @Suite struct FramePainterTests {
        private func withScreen(
            term: String = "xterm-256color", cols: Int = 80, rows: Int = 24,
            _ body: (CursesScreen, FramePainter, PseudoTerminal) throws -> Void
        ) throws {
            try withCursesOnPseudoTerminal(term: term, cols: cols, rows: rows) { screen, pty in
                _ = pty.drain()
                try body(screen, FramePainter(controls: screen.controls, outputFD: pty.slave), pty)
            }
        }

        private func promptFrame(_ typed: String) -> Frame {
            var frame = Frame(width: 80, height: 24)
            frame.put("Conversation", x: 0, y: 0, style: Style(attributes: .bold))
            frame.put("> " + typed, x: 0, y: 23, style: .plain)
            frame.cursor = Position(x: 2 + DisplayWidth.of(typed), y: 23)
            return frame
        }

        private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

        @Test func cursesStartGoesOutBeforeTheFirstFrameAndNothingOfItsOwnAfter() throws {
            try withCursesOnPseudoTerminal { screen, pty in
                let painter = FramePainter(controls: screen.controls, outputFD: pty.slave)
                painter.present(promptFrame("hello"))
                let first = text(pty.drain())
                // The alternate screen is entered before the frame is written into it.
                let alternate = try #require(first.range(of: "\u{1B}[?1049h"))
                let conversation = try #require(first.range(of: "Conversation"))
                #expect(alternate.upperBound <= conversation.lowerBound)
                painter.present(promptFrame("hello!"))
                #expect(text(pty.drain()) == "!", "curses adds nothing to a frame")
            }
        }

        @Test func oneTypedCharacterSendsOnlyThatCharacter() throws {
            try withScreen { _, painter, pty in
                painter.present(promptFrame("buy mil"))
                #expect(pty.drain().count > 20)
                painter.present(promptFrame("buy milk"))
                #expect(text(pty.drain()) == "k")
            }
        }

        @Test func identicalFrameSendsNothing() throws {
            try withScreen { _, painter, pty in
                painter.present(promptFrame("x"))
                _ = pty.drain()
                painter.present(promptFrame("x"))
                #expect(pty.drain().isEmpty)
            }
        }

        @Test func wideCharactersAreWrittenWhole() throws {
            try withScreen { _, painter, pty in
                var frame = Frame(width: 80, height: 24)
                frame.put("買い物🍎|end", x: 0, y: 2, style: .plain)
                painter.present(frame)
                #expect(text(pty.drain()).contains("買い物🍎|end"))
                // A narrow character takes the emoji's place: the bar moves into the emoji's second cell.
                frame.put("買い物x|end ", x: 0, y: 2, style: .plain)
                painter.present(frame)
                #expect(text(pty.drain()).contains("x|end "))
            }
        }

        @Test func fullRedrawOfAnEmptyishScreenStaysSmall() throws {
            try withScreen { _, painter, pty in
                painter.present(promptFrame("hello"))
                _ = pty.drain()
                painter.invalidate()
                painter.present(promptFrame("hello"))
                let bytes = pty.drain()
                #expect(text(bytes).hasPrefix("\u{1B}(B\u{1B}[m\u{1B}[H\u{1B}[2J"), "attributes off, then a clear")
                #expect(text(bytes).contains("Conversation") && text(bytes).contains("> hello"))
                #expect(bytes.count < 80, "a full repaint of two short lines sent \(bytes.count) bytes")
            }
        }

        @Test func onlyTheChangedCellsArePainted() throws {
            try withScreen { _, painter, pty in
                var frame = Frame(width: 80, height: 24)
                for y in 0..<23 { frame.put("line \(y) of the conversation", x: 0, y: y, style: .plain) }
                painter.present(frame)
                _ = pty.drain()
                frame.put("LINE", x: 0, y: 12, style: .plain)
                painter.present(frame)
                let sent = text(pty.drain())
                #expect(sent.contains("LINE"))
                #expect(!sent.contains("line 11"))
                #expect(sent.utf8.count < 16, "sent \(sent.debugDescription)")
            }
        }

        @Test func afterAShrinkTheNewFrameIsWrittenOnACleanScreen() throws {
            try withScreen { screen, painter, pty in
                var wide = Frame(width: 80, height: 24)
                for y in 0..<24 { wide.put(String(repeating: "x", count: 80), x: 0, y: y, style: .plain) }
                painter.present(wide)
                pty.resize(cols: 40, rows: 12)
                #expect(screen.adoptTerminalSize())
                _ = pty.drain()
                var small = Frame(width: 40, height: 12)
                small.put("only this", x: 2, y: 5, style: .plain)
                painter.present(small)
                let sent = text(pty.drain())
                #expect(sent.contains("\u{1B}[H\u{1B}[2J") && sent.contains("only this") && !sent.contains("x"))
            }
        }

        @Test func afterASuspendCursesTakesTheScreenBackBeforeTheFrame() throws {
            try withScreen { _, painter, pty in
                painter.present(promptFrame("hello"))
                _ = pty.drain()
                // What Ctrl-Z does around the stop itself.
                endwin()
                reset_prog_mode()
                #expect(text(pty.drain()).contains("\u{1B}[?1049l"))
                painter.invalidate()
                painter.present(promptFrame("hello"))
                let sent = text(pty.drain())
                let alternate = try #require(sent.range(of: "\u{1B}[?1049h"))
                let frame = try #require(sent.range(of: "> hello"))
                #expect(alternate.upperBound <= frame.lowerBound)
                #expect(!isendwin())
            }
        }

        @Test func aTerminalWithoutAttributesGetsTheTextAlone() throws {
            // vt52: cursor addressing and clear, no sgr0, no bold, no colours.
            try withScreen(term: "vt52") { screen, painter, pty in
                #expect(!screen.controls.colors && screen.controls.bold.isEmpty)
                var frame = Frame(width: 80, height: 24)
                frame.put("bold words", x: 3, y: 4, style: Style(foreground: .alert, attributes: .bold))
                painter.present(frame)
                let sent = text(pty.drain())
                #expect(sent.contains("bold words") && !sent.contains("\u{1B}["))
            }
        }

        @Test func aTerminalThatCannotAddressTheCursorIsRefusedWithAReason() throws {
            setenv("TERM", "dumb", 1)
            defer { setenv("TERM", "xterm-256color", 1) }
            let pty = try PseudoTerminal(cols: 80, rows: 24)
            #expect {
                _ = try CursesScreen(inputFD: pty.slave, outputFD: pty.slave)
            } throws: { error in
                "\(error)".contains("'dumb'") && "\(error)".contains("--line")
            }
            _ = pty.drain()
        }

        @Test func movesAreSpelledAsTerminfoSaysAndMeasuredBeforeTheyAreWritten() throws {
            try withScreen { screen, _, _ in
                let controls = screen.controls
                func spelled(_ control: ParameterizedControl?, _ first: Int, _ second: Int = 0) -> String {
                    var out: [UInt8] = []
                    control?.append(first, second, to: &out)
                    #expect(control?.count(first, second) == out.count, "the planner's length is the written one")
                    return String(decoding: out, as: UTF8.self)
                }
                #expect(spelled(controls.moveTo, 38, 9) == "\u{1B}[39;10H")
                #expect(spelled(controls.moveTo, 0, 0) == "\u{1B}[1;1H")
                #expect(spelled(controls.moveTo, 998, 99) == "\u{1B}[999;100H")
                #expect(spelled(controls.toRow, 38) == "\u{1B}[39d")
                #expect(spelled(controls.toColumn, 9) == "\u{1B}[10G")
                #expect(spelled(controls.right, 3) == "\u{1B}[3C")
                #expect(spelled(controls.eraseCharacters, 12) == "\u{1B}[12X")
            }
        }

        @Test func aFrameLargerThanTheTerminalsBufferArrivesWholeOnANonBlockingTerminal() throws {
            try withScreen(cols: 200, rows: 60) { _, painter, pty in
                _ = fcntl(pty.slave, F_SETFL, fcntl(pty.slave, F_GETFL) | O_NONBLOCK)
                defer { _ = fcntl(pty.slave, F_SETFL, fcntl(pty.slave, F_GETFL) & ~O_NONBLOCK) }
                var frame = Frame(width: 200, height: 60)
                for y in 0..<60 { frame.put(String(repeating: "─", count: 200), x: 0, y: y, style: .plain) }
                // A reader that drains the terminal slowly, as a slow link would.
                let received = Mutex<[UInt8]>([])
                let reader = Thread {
                    for _ in 0..<200 {
                        usleep(5_000)
                        received.withLock { $0 += pty.drain() }
                    }
                }
                reader.start()
                painter.present(frame)
                while !reader.isFinished { usleep(10_000) }
                let text = String(decoding: received.withLock { $0 }, as: UTF8.self)
                #expect(text.components(separatedBy: "─").count - 1 == 200 * 60, "every cell of the frame arrived")
            }
        }

        @Test func resizeIsAdoptedFromTheTerminal() throws {
            try withScreen { screen, _, pty in
                pty.resize(cols: 40, rows: 12)
                #expect(screen.adoptTerminalSize())
                #expect(screen.cols == 40 && screen.rows == 12)
                #expect(!screen.adoptTerminalSize())
            }
        }

        @Test func typedKeysAndPastesAreRead() throws {
            try withScreen { screen, _, pty in
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
