/// A token bucket: up to `capacity` requests at once, then `ratePerSecond` on average. Times are seconds
/// on a monotonic clock.
public struct TokenBucket: Sendable, Equatable {
    public let capacity: Double
    public let ratePerSecond: Double
    public private(set) var tokens: Double
    private var updatedAt: Double

    /// A full bucket.
    public init(ratePerSecond: Double, capacity: Double, now: Double) {
        self.capacity = capacity
        self.ratePerSecond = ratePerSecond
        self.tokens = capacity
        self.updatedAt = now
    }

    /// Takes a token and returns nil, or, when there is none, takes nothing and returns the seconds until
    /// there will be one.
    public mutating func take(now: Double) -> Double? {
        tokens = tokens(at: now)
        updatedAt = max(updatedAt, now)
        if tokens >= 1 {
            tokens -= 1
            return nil
        }
        return (1 - tokens) / ratePerSecond
    }

    /// Full again: no different from a new bucket, so it can be forgotten.
    public func isFull(at now: Double) -> Bool { tokens(at: now) >= capacity }

    /// A clock that steps back adds nothing.
    private func tokens(at now: Double) -> Double {
        min(capacity, tokens + max(0, now - updatedAt) * ratePerSecond)
    }
}
