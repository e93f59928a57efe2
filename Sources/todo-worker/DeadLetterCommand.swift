import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import TaskWorker
import TodoCore

struct DeadLetterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlq", abstract: "List and republish the events that reached a dead-letter topic.",
        subcommands: [List.self, Republish.self])

    struct Admin: ParsableArguments {
        @Option(help: "The running worker's admin API (loopback only; in a pod, use `kubectl exec`).")
        var admin = "http://127.0.0.1:8089"

        func call(post: Bool = false, _ path: String) async throws -> (status: Int, body: [UInt8]) {
            var request = HTTPClientRequest(url: admin + path)
            request.method = post ? .POST : .GET
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            let body = try await response.body.collect(upTo: 16 << 20)
            return (Int(response.status.code), Array(buffer: body))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show what sits in the -dlq topics, with the reason.")

        @OptionGroup var options: Admin
        @Flag(help: "Print the JSON the admin API returns.") var json = false

        func run() async throws {
            let (status, body) = try await options.call("/dead-letters")
            guard status == 200 else { throw ValidationError("the worker answered \(status)") }
            if json {
                print(String(decoding: body, as: UTF8.self))
                return
            }
            let letters = try AdminJSON.decoder.decode([DeadLetter].self, from: Data(body))
            if letters.isEmpty {
                print("no dead letters")
                return
            }
            for letter in letters {
                print(DeadLetterCommand.describe(letter))
            }
        }
    }

    struct Republish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send one dead letter back to its topic, unchanged, once the cause is fixed.")

        @OptionGroup var options: Admin
        @Argument(help: "The event id, as `todo-worker dlq list` shows it.") var id: String

        func run() async throws {
            let (status, body) = try await options.call(post: true, "/dead-letters/\(id)/republish")
            switch status {
            case 200:
                let letter = try AdminJSON.decoder.decode(DeadLetter.self, from: Data(body))
                print("republished \(letter.id) to \(letter.topic)")
            case 404: throw ValidationError("no dead letter with id \(id)")
            default: throw ValidationError("the worker answered \(status): \(String(decoding: body, as: UTF8.self))")
            }
        }
    }

    static func describe(_ letter: DeadLetter) -> String {
        let time = RFC3339.string(from: letter.receivedAt)
        var line = "\(letter.id)  \(letter.topic)  \(letter.type)  \(letter.subject ?? "-")  \(time)"
        line += "\n    after \(letter.attempts) failed attempt(s): \(letter.reason)"
        if let correlation = letter.correlationID { line += "\n    correlation id: \(correlation)" }
        return line
    }
}
