import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with `posix_spawn` in our working directory, its output going to files.
///
/// Not `Foundation.Process`: the spawning thread here is a dispatch worker, which blocks signals, and
/// a child inherits that mask, so a Python child would never see SIGTERM. This resets the mask and the
/// dispositions. And files instead of pipes: nobody has to drain them.
final class ChildProcess: @unchecked Sendable {
    // @unchecked: `exitStatus` is only read and written by the test that owns the child.
    let pid: pid_t
    private var exitStatus: Int32?

    init(
        _ arguments: [String], environment: [String: String], stdout: URL, stderr: URL
    ) throws {
        _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout.path, O_WRONLY | O_APPEND, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr.path, O_WRONLY | O_APPEND, 0o644)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGPIPE, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard result == 0 else { throw SidecarError("posix_spawn \(arguments[0]) failed: \(result)") }
        self.pid = pid
    }

    var isRunning: Bool {
        if exitStatus != nil { return false }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid {
            exitStatus = status
            return false
        }
        return true
    }

    func signal(_ signal: Int32) { if isRunning { kill(pid, signal) } }

    /// Sends SIGTERM and waits up to `seconds`, then SIGKILL.
    func stop(within seconds: Double = 10) {
        guard isRunning else { return }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(seconds)
        while isRunning, Date() < deadline { usleep(20_000) }
        if isRunning {
            kill(pid, SIGKILL)
            waitUntilExit()
        }
    }

    func waitUntilExit() {
        guard exitStatus == nil else { return }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        exitStatus = status
    }

    deinit { stop(within: 2) }
}
