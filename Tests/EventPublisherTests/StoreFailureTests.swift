import EventPublisher
import GRDB
import Testing

/// What the chat says when the store refuses a write or will not open.
struct StoreFailureTests {
    @Test(arguments: [
        (ResultCode.SQLITE_FULL, "the disk is full"),
        (.SQLITE_READONLY, "the data directory cannot be written to"),
        (.SQLITE_IOERR, "the disk reported an error while writing"),
        (.SQLITE_BUSY, "another program kept the store locked"),
        (.SQLITE_NOTADB, "the store file is damaged"),
    ])
    func sqliteErrorsInPlainWords(_ code: ResultCode, _ said: String) {
        let error = DatabaseError(resultCode: code, message: "sqlite's words", sql: "COMMIT TRANSACTION")
        #expect(StoreFailure.describe(error) == said)
        #expect(StoreFailure.explain(error).hasPrefix(said + " (SQLite error \(code.rawValue): sqlite's words)"))
    }

    @Test func aDamagedFileSaysWhatToDo() {
        let error = DatabaseError(resultCode: .SQLITE_CORRUPT, message: "database disk image is malformed")
        #expect(StoreFailure.explain(error).hasSuffix("; move the .sqlite file aside to start with an empty list"))
    }

    @Test func otherErrorsKeepTheirOwnWords() {
        struct Odd: Error, CustomStringConvertible { var description: String { "odd" } }
        #expect(StoreFailure.describe(Odd()) == "odd")
        let error = DatabaseError(resultCode: .SQLITE_CONSTRAINT, message: "UNIQUE constraint failed: event.id")
        #expect(StoreFailure.describe(error) == "UNIQUE constraint failed: event.id")
    }
}
