import Glibc
import Synchronization

/// The self-pipe that wakes the terminal thread out of `poll()` when another thread has work for it.
/// Only the first wake since the last drain writes a byte, so a flood of 10,000 messages costs one write.
final class WakePipe: Sendable {
    let readFD: Int32
    private let writeFD: Int32
    private let armed = Atomic<Bool>(false)

    init() throws(ShellError) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw .system("pipe", errno) }
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        readFD = fds[0]
        writeFD = fds[1]
    }

    deinit {
        close(readFD)
        close(writeFD)
    }

    /// Safe from any thread.
    func wake() {
        guard !armed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        var byte: UInt8 = 1
        _ = write(writeFD, &byte, 1)
    }

    /// Called by the terminal thread before it looks at the work queue, so no wake is lost. The pipe is
    /// emptied before the flag is lowered: a byte written once the flag is down stays in the pipe for the
    /// next poll. (Lowered first, a wake that came between the two would be read away here while leaving
    /// the flag up, and every later wake would be skipped: the screen froze under a flood.)
    func drain() {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            while read(readFD, buffer.baseAddress, buffer.count) > 0 {}
        }
        armed.store(false, ordering: .sequentiallyConsistent)
    }
}
