import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Calls `onChange` when another process commits to the SQLite file, without polling: on Linux a
/// thread blocks in `poll` on an inotify watch of the directory, woken by writes to the `-wal` file.
/// Elsewhere it falls back to one `PRAGMA data_version`-style check per second, done by the caller's
/// `onChange` (so at most one wake-up per second).
final class DatabaseChangeWatcher: @unchecked Sendable {
    // @unchecked: the descriptors are written once in init and only read afterwards; `stop` closes the
    // pipe that ends the thread.
    private let onChange: @Sendable () -> Void
    #if canImport(Glibc)
        private let inotifyFD: Int32
        private let stopPipe: (read: Int32, write: Int32)
        private let walName: String
    #else
        private let timer: DispatchSourceTimer
    #endif

    init(databasePath: String, onChange: @escaping @Sendable () -> Void) throws {
        self.onChange = onChange
        #if canImport(Glibc)
            let url = URL(fileURLWithPath: databasePath)
            walName = url.lastPathComponent + "-wal"
            inotifyFD = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
            guard inotifyFD >= 0 else { throw WatchError.system("inotify_init1", errno) }
            let mask = UInt32(IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE)
            guard inotify_add_watch(inotifyFD, url.deletingLastPathComponent().path, mask) >= 0 else {
                let code = errno
                close(inotifyFD)
                throw WatchError.system("inotify_add_watch", code)
            }
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else {
                let code = errno
                close(inotifyFD)
                throw WatchError.system("pipe", code)
            }
            stopPipe = (fds[0], fds[1])
            let thread = Thread { [self] in run() }
            thread.name = "db-change-watcher"
            thread.start()
        #else
            timer = DispatchSource.makeTimerSource()
            timer.schedule(deadline: .now() + 1, repeating: 1, leeway: .milliseconds(100))
            timer.setEventHandler(handler: onChange)
            timer.resume()
        #endif
    }

    func stop() {
        #if canImport(Glibc)
            var byte: UInt8 = 1
            _ = write(stopPipe.write, &byte, 1)
        #else
            timer.cancel()
        #endif
    }

    #if canImport(Glibc)
        private func run() {
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            var fds = [
                pollfd(fd: inotifyFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: stopPipe.read, events: Int16(POLLIN), revents: 0),
            ]
            loop: while true {
                let ready = poll(&fds, 2, -1)
                if ready < 0 {
                    if errno == EINTR { continue }
                    break
                }
                if fds[1].revents != 0 { break }
                var changed = false
                while true {
                    let count = read(inotifyFD, &buffer, buffer.count)
                    if count <= 0 { break }
                    changed = changed || containsWALEvent(buffer[0..<count])
                }
                if changed { onChange() }
                if fds[0].revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 { break loop }
            }
            close(inotifyFD)
            close(stopPipe.read)
            close(stopPipe.write)
        }

        /// Walks the `struct inotify_event` records (16-byte header, then a NUL-padded name).
        private func containsWALEvent(_ bytes: ArraySlice<UInt8>) -> Bool {
            var offset = bytes.startIndex
            let header = 16
            while offset + header <= bytes.endIndex {
                let nameLength = bytes[(offset + 12)..<(offset + 16)].withUnsafeBytes {
                    Int($0.loadUnaligned(as: UInt32.self))
                }
                let nameStart = offset + header
                let nameEnd = min(nameStart + nameLength, bytes.endIndex)
                let name = String(decoding: bytes[nameStart..<nameEnd].prefix { $0 != 0 }, as: UTF8.self)
                if name == walName { return true }
                offset = nameEnd
            }
            return false
        }
    #endif
}

enum WatchError: Error, CustomStringConvertible {
    case system(String, Int32)

    var description: String {
        switch self {
        case .system(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
        }
    }
}
