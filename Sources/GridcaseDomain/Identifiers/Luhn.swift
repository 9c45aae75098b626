/// The Luhn (modulus 10) check used by Swedish personal and organisation numbers.
enum Luhn {
    /// Whether the digits, the last of which is the check digit, pass the Luhn check.
    static func isValid(_ digits: [Int]) -> Bool {
        guard !digits.isEmpty else { return false }
        return checkDigit(for: digits.dropLast()) == digits.last
    }

    /// The check digit that completes `payload` (doubling from the leftmost digit, as Swedish numbers do
    /// for their nine-digit payload).
    static func checkDigit<C: Collection>(for payload: C) -> Int where C.Element == Int {
        var sum = 0
        // Double every second digit counted from the rightmost payload digit.
        for (offset, digit) in payload.reversed().enumerated() {
            let weighted = offset.isMultiple(of: 2) ? digit * 2 : digit
            sum += weighted > 9 ? weighted - 9 : weighted
        }
        return (10 - sum % 10) % 10
    }
}
