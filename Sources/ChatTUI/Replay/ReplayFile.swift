import Foundation

enum ReplayFile {
    static func load(_ path: String) throws(StartupError) -> ReplayScript {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .replay(path: path, reason: "no such file, or it cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .replay(path: path, reason: "it is not UTF-8 text")
        }
        do {
            return try ReplayScript(parsing: text)
        } catch {
            throw .replay(path: path, reason: "\(error)")
        }
    }
}
