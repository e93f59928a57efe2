import Foundation

/// The lines typed at the prompt, kept across runs in a plain text file, one line each, newest last.
/// Both the screen and the line mode read and append to the same file.
public struct InputHistory: Sendable {
    public static let limit = 1000
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The newest `limit` lines; none when the file does not exist yet.
    public func load() -> [String] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else { return [] }
        return Array(text.split(separator: "\n", omittingEmptySubsequences: true).suffix(Self.limit).map(String.init))
    }

    /// Appends one line. The file is trimmed back to `limit` lines when it has grown to twice that.
    public func append(_ line: String) {
        let clean = line.replacingOccurrences(of: "\n", with: " ")
        guard !clean.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        var bytes = Array((clean + "\n").utf8)
        _ = write(fd, &bytes, bytes.count)
        var info = stat()
        let size = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        close(fd)
        if size > Self.limit * 2 * 80 { trim() }
    }

    private func trim() {
        let kept = load()
        guard kept.count >= Self.limit else { return }
        let temporary = path + ".tmp-\(getpid())"
        guard
            FileManager.default.createFile(
                atPath: temporary, contents: Data((kept.joined(separator: "\n") + "\n").utf8))
        else { return }
        rename(temporary, path)
    }
}
