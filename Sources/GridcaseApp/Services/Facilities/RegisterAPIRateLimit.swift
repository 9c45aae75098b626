import Foundation
import GridcaseDomain
import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// Limits the register API per grid company id, in this app instance: `perSecond` lookups on average and
/// twice as many at once (REGISTER_API_RATE_LIMIT). A leaked token cannot read the register out at full
/// speed, and one client in a loop does not crowd out the rest.
final class RegisterAPIRateLimit: Sendable {
    private struct State {
        var buckets: [UUID: TokenBucket] = [:]
        var prunedAt: Double = 0
    }

    let perSecond: Int
    private let state = NIOLockedValueBox(State())
    private let clock: @Sendable () -> Double

    /// Above this many ids, the buckets that are full again (as good as new) are forgotten, at most once a
    /// second: ids nobody uses, or made-up ones, cannot fill the memory.
    static let pruneAbove = 1_000

    init(perSecond: Int, clock: @escaping @Sendable () -> Double = { Double(NIODeadline.now().uptimeNanoseconds) / 1e9 }) {
        self.perSecond = perSecond
        self.clock = clock
    }

    /// nil: go ahead. Otherwise the seconds until the next lookup for `gridCompanyID` is allowed.
    func admit(_ gridCompanyID: UUID) -> Double? {
        let now = clock()
        return state.withLockedValue { state in
            if state.buckets.count > Self.pruneAbove, now - state.prunedAt >= 1 {
                state.buckets = state.buckets.filter { !$0.value.isFull(at: now) }
                state.prunedAt = now
            }
            var bucket = state.buckets[gridCompanyID]
                ?? TokenBucket(ratePerSecond: Double(perSecond), capacity: Double(2 * perSecond), now: now)
            let wait = bucket.take(now: now)
            state.buckets[gridCompanyID] = bucket
            return wait
        }
    }

    /// How many ids have a bucket now.
    var trackedIDs: Int { state.withLockedValue { $0.buckets.count } }
}

extension Application {
    private struct RegisterAPIRateLimitKey: StorageKey {
        typealias Value = RegisterAPIRateLimit
    }

    /// The register API's rate limit; nil when REGISTER_API_RATE_LIMIT is 0.
    var registerAPIRateLimit: RegisterAPIRateLimit? {
        get { storage[RegisterAPIRateLimitKey.self] }
        set { storage[RegisterAPIRateLimitKey.self] = newValue }
    }
}
