import Foundation

/// Where the sidecar's HTTP API is and the token it wants.
///
/// Resolution order (the SDK convention of the Dapr proposals): an explicit address or port (flags), then
/// `DAPR_HTTP_ENDPOINT` (a full URL), then `DAPR_HTTP_PORT` on 127.0.0.1, then daprd's default 3500.
/// The token comes from `DAPR_API_TOKEN`.
public struct DaprEndpoint: Hashable, Sendable, CustomStringConvertible {
    /// `http://127.0.0.1:3500`, no trailing slash.
    public var baseURL: String
    public var apiToken: String?

    public init(baseURL: String, apiToken: String? = nil) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.apiToken = apiToken
    }

    public static func resolve(
        address: String? = nil, port: Int? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(DaprConfigurationError) -> DaprEndpoint {
        let token = environment["DAPR_API_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        if let address {
            return DaprEndpoint(baseURL: try url(address, from: "--dapr-address"), apiToken: token)
        }
        if let port { return DaprEndpoint(baseURL: "http://127.0.0.1:\(port)", apiToken: token) }
        if let endpoint = environment["DAPR_HTTP_ENDPOINT"], !endpoint.isEmpty {
            return DaprEndpoint(baseURL: try url(endpoint, from: "DAPR_HTTP_ENDPOINT"), apiToken: token)
        }
        if let text = environment["DAPR_HTTP_PORT"], !text.isEmpty {
            guard let port = Int(text), (1...65535).contains(port) else {
                throw DaprConfigurationError("DAPR_HTTP_PORT=\(text) is not a port number")
            }
            return DaprEndpoint(baseURL: "http://127.0.0.1:\(port)", apiToken: token)
        }
        return DaprEndpoint(baseURL: "http://127.0.0.1:3500", apiToken: token)
    }

    private static func url(_ text: String, from origin: String) throws(DaprConfigurationError) -> String {
        guard let url = URL(string: text), let scheme = url.scheme, scheme == "http" || scheme == "https",
            url.host != nil
        else {
            throw DaprConfigurationError("\(origin)=\(text) is not an http(s) URL such as http://127.0.0.1:3500")
        }
        return text
    }

    public var description: String { baseURL }
}

public struct DaprConfigurationError: Error, Hashable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
