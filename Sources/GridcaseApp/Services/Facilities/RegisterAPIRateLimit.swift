import Foundation
import GridcaseDomain
import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// Limits the register API per grid company and token, in this app instance: `perSecond` lookups on
/// average and twice as many at once (REGISTER_API_RATE_LIMIT). A leaked token cannot read the register out
/// at full speed, and one client in a loop does not crowd out the rest. Requests with a wrong token count
/// apart (under that token), so nobody without the company's token can use up its allowance.
final class RegisterAPIRateLimit: Sendable {
    struct Key: Hashable, Sendable {
        let gridCompanyID: UUID
        let tokenHash: String
    }

    /// What `admit` decided.
    enum Admission: Equatable {
        /// Go ahead; `refusedBefore` lookups with this key were refused since the last one let through.
        case admitted(refusedBefore: Int)
        /// Not now: try again after `retryAfter` seconds. `isFirst` when the lookup before it was let through.
        case refused(retryAfter: Double, isFirst: Bool)
    }

    private struct State {
        var buckets: [Key: TokenBucket] = [:]
        /// The keys refused since their last admitted lookup, and how often.
        var refusals: [Key: Int] = [:]
        var prunedAt: Double = 0
    }

    let perSecond: Int
    private let state = NIOLockedValueBox(State())
    private let clock: @Sendable () -> Double

    /// Above this many keys, the buckets that are full again (as good as new) are forgotten, at most once a
    /// second: keys nobody uses, or made-up ones, cannot fill the memory.
    static let pruneAbove = 1_000

    init(perSecond: Int, clock: @escaping @Sendable () -> Double = { Double(NIODeadline.now().uptimeNanoseconds) / 1e9 }) {
        self.perSecond = perSecond
        self.clock = clock
    }

    func admit(_ key: Key) -> Admission {
        let now = clock()
        return state.withLockedValue { state in
            if state.buckets.count > Self.pruneAbove, now - state.prunedAt >= 1 {
                state.buckets = state.buckets.filter { !$0.value.isFull(at: now) }
                state.refusals = state.refusals.filter { state.buckets[$0.key] != nil }
                state.prunedAt = now
            }
            var bucket = state.buckets[key]
                ?? TokenBucket(ratePerSecond: Double(perSecond), capacity: Double(2 * perSecond), now: now)
            let wait = bucket.take(now: now)
            state.buckets[key] = bucket
            guard let wait else {
                // Nearly always none refused: the lookup path then skips hashing the key again.
                return .admitted(refusedBefore: state.refusals.isEmpty ? 0 : state.refusals.removeValue(forKey: key) ?? 0)
            }
            let refusedBefore = state.refusals[key, default: 0]
            state.refusals[key] = refusedBefore + 1
            return .refused(retryAfter: wait, isFirst: refusedBefore == 0)
        }
    }

    /// How many keys have a bucket now.
    var trackedKeys: Int { state.withLockedValue { $0.buckets.count } }
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
