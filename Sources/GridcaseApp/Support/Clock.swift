import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The time source. The live one reads the system clock; tests set and advance a fake one.
public protocol AppClock: Sendable {
    func now() -> Date
}

public struct SystemClock: AppClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that stands still until told to move.
public final class FakeClock: AppClock {
    private let current: NIOLockedValueBox<Date>

    public init(_ start: Date) {
        current = .init(start)
    }

    public func now() -> Date { current.withLockedValue { $0 } }

    public func advance(by interval: TimeInterval) {
        current.withLockedValue { $0 += interval }
    }
}

extension Application {
    private struct ClockKey: StorageKey {
        typealias Value = any AppClock
    }

    public var clock: any AppClock {
        get { storage[ClockKey.self] ?? SystemClock() }
        set { storage[ClockKey.self] = newValue }
    }
}

extension Request {
    var clock: any AppClock { application.clock }
}
