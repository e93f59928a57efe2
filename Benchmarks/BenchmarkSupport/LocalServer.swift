import Hummingbird

/// Serves `router` on 127.0.0.1 at a port the system picks, for the rest of the process, and returns
/// the port once the server listens. The benchmarks' minimal sinks stand in for a sidecar this way.
public func serveOnFreePort(_ router: Router<BasicRequestContext>) async throws -> Int {
    let (bound, continuation) = AsyncStream<Int>.makeStream()
    let app = Application(
        router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
            continuation.finish()
        })
    _Concurrency.Task { try await app.run() }
    var iterator = bound.makeAsyncIterator()
    guard let port = await iterator.next(), port > 0 else { throw LocalServerError() }
    return port
}

public struct LocalServerError: Error, CustomStringConvertible {
    public var description: String { "the local server did not start" }
}
