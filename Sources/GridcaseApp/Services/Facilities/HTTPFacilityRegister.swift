import GridcaseDomain
import NIOCore
import Vapor

/// The grid company's own customer system, asked over HTTP with the documented JSON contract
/// (docs/facility-register.md): GET {base}/installations?gsrn=… or ?meterNumber=…, bearer token.
/// Connect timeout 2 s, whole request 5 s; a network error is tried once more, an HTTP error is not.
struct HTTPFacilityRegister: FacilityRegister {
    static let connectTimeout: TimeAmount = .seconds(2)
    static let totalTimeout: TimeAmount = .seconds(5)

    let baseURL: String
    let token: String
    let client: any Client
    let logger: Logger

    func lookUp(_ key: FacilityLookupKey) async -> FacilityLookupOutcome {
        var url = URI(string: baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL)
        url.path += "/installations"
        if let gsrn = key.gsrn {
            url.query = "gsrn=" + gsrn.normalized
        } else {
            url.query = "meterNumber=" + (key.meterNumber ?? "").addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        }
        for attempt in 1...2 {
            do {
                let response = try await client.get(url, headers: ["Authorization": "Bearer \(token)", "Accept": "application/json"]) {
                    $0.timeout = Self.totalTimeout
                }
                return interpret(response, key: key)
            } catch {
                let timedOut = Self.isTimeout(error)
                logger.warning("Facility register did not answer", metadata: ["attempt": "\(attempt)", "timeout": "\(timedOut)"])
                // A request that ran out of time is not repeated: the installer has waited long enough.
                // A failed connection (refused, reset, connect timeout) is tried once more.
                if timedOut || attempt == 2 { return .unavailable(timedOut ? "tidsgränsen överskreds" : "nätverksfel") }
            }
        }
        return .unavailable("nätverksfel")
    }

    private func interpret(_ response: ClientResponse, key: FacilityLookupKey) -> FacilityLookupOutcome {
        let status = response.status
        guard status == .ok else {
            let message = (try? response.content.decode(ErrorBody.self).error) ?? status.reasonPhrase
            let upstream = "Request failed with http status code \(status.code) (\(status.reasonPhrase.replacingOccurrences(of: " ", with: ""))): \(message)"
            return status == .notFound ? .notFound(upstream) : .unavailable(upstream)
        }
        guard let body = response.body, let record = try? JSONDecoder().decode(FacilityRecord.self, from: body) else {
            return .invalidResponse("svaret var inte en anläggning")
        }
        guard (try? GSRN(parsing: record.gsrn)) != nil else { return .invalidResponse("ogiltigt anläggnings-ID i svaret") }
        return key.matches(record) ? .found(record) : .mismatch
    }

    private struct ErrorBody: Decodable {
        let error: String
    }

    static func isTimeout(_ error: any Error) -> Bool {
        if let error = error as? HTTPClientError {
            return error == .deadlineExceeded || error == .readTimeout
        }
        return "\(error)".localizedCaseInsensitiveContains("timeout") || "\(error)".contains("deadlineExceeded")
    }
}
