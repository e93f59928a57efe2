import GRDB

/// A store error as a person can act on it. SQLite's own text ("SQLite error 13: database or disk is
/// full - while executing `COMMIT TRANSACTION`") names the statement, not the problem.
public enum StoreFailure {
    public static func describe(_ error: any Error) -> String {
        guard let error = error as? DatabaseError else { return "\(error)" }
        switch error.resultCode {
        case .SQLITE_FULL: return "the disk is full"
        case .SQLITE_READONLY: return "the data directory cannot be written to"
        case .SQLITE_IOERR: return "the disk reported an error while writing"
        case .SQLITE_BUSY, .SQLITE_LOCKED: return "another program kept the store locked"
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return "the store file is damaged"
        default: return error.message ?? "\(error)"
        }
    }

    /// `describe` with SQLite's own words after it, for a one-line report at start-up, and what to do
    /// about a damaged file (the chat will not overwrite it).
    public static func explain(_ error: any Error) -> String {
        guard let error = error as? DatabaseError else { return "\(error)" }
        let sqlite = "SQLite error \(error.resultCode.rawValue): \(error.message ?? "no message")"
        switch error.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return "\(describe(error)) (\(sqlite)); move the .sqlite file aside to start with an empty list"
        default:
            return "\(describe(error)) (\(sqlite))"
        }
    }
}
