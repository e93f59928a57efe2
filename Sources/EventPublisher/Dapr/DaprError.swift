/// A failed call to the sidecar, with the words a person needs to fix it (dapr-contract.md §0, §1.5).
public struct DaprError: Error, Hashable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// No connection, or no answer in time: the sidecar is down or starting.
        case unreachable
        /// 5xx: the sidecar or the broker failed; worth retrying.
        case serverError
        /// 401: our token is missing or wrong.
        case badToken
        /// 404 `ERR_PUBSUB_NOT_FOUND` / 400 `ERR_PUBSUB_NOT_CONFIGURED`.
        case unknownPubSub
        /// 403 `ERR_PUBSUB_FORBIDDEN`.
        case forbiddenTopic
        /// 409, or an ETag error: someone else changed the state first.
        case etagMismatch
        /// 404 `ERR_DIRECT_INVOKE`: the sidecar does not serve this API (older runtime or wrong path).
        case unsupportedAPI
        /// Any other 4xx.
        case rejected
    }

    public var kind: Kind
    public var status: Int?
    public var errorCode: String?
    public var message: String

    public init(kind: Kind, status: Int?, errorCode: String?, message: String) {
        self.kind = kind
        self.status = status
        self.errorCode = errorCode
        self.message = message
    }

    /// Connection errors and 5xx are retried with back-off; 4xx are not.
    public var isTransient: Bool { kind == .unreachable || kind == .serverError }

    public var description: String { message }
}
