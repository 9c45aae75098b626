import Testing
@testable import GridcaseDomain

@Suite struct TokenBucketTests {
    @Test func aFullBucketLetsItsCapacityThroughAtOnceThenSaysHowLongToWait() {
        var bucket = TokenBucket(ratePerSecond: 2, capacity: 4, now: 100)
        for _ in 1...4 { #expect(bucket.take(now: 100) == nil) }
        #expect(bucket.take(now: 100) == 0.5, "one token comes back every half second")
        #expect(bucket.take(now: 100.25) == 0.25)
        #expect(bucket.take(now: 100.5) == nil)
        #expect(bucket.take(now: 100.5) == 0.5, "a refusal takes nothing")
    }

    @Test func itRefillsAtItsRateButNeverBeyondItsCapacity() {
        var bucket = TokenBucket(ratePerSecond: 10, capacity: 3, now: 0)
        for _ in 1...3 { #expect(bucket.take(now: 0) == nil) }
        #expect(!bucket.isFull(at: 0.2))
        #expect(bucket.isFull(at: 0.3))
        #expect(bucket.isFull(at: 3600))
        let after = (1...4).map { _ in bucket.take(now: 3600) }
        #expect(after.map { $0 == nil } == [true, true, true, false], "an hour idle still allows only the capacity at once")
    }

    @Test func aClockThatStepsBackAddsNothing() {
        var bucket = TokenBucket(ratePerSecond: 1, capacity: 1, now: 50)
        #expect(bucket.take(now: 50) == nil)
        #expect(bucket.take(now: 40) == 1)
        #expect(bucket.take(now: 50.5) == 0.5)
        #expect(bucket.take(now: 51) == nil)
    }
}
