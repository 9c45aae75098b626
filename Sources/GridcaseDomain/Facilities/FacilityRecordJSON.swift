/// A facility as one JSON object: the register API's answer and the embedded register's stored form
/// (docs/facility-register.md). The keys are those `FacilityRecord`'s Codable conformance reads; empty values
/// are left out. Written by hand because the import turns millions of rows into documents.
extension FacilityRecord {
    public var jsonDocument: String {
        var json = JSONObjectWriter()
        json.add("gsrn", gsrn)
        json.add("technicalNumber", technicalNumber)
        json.add("meterNumber", meterNumber)
        json.add("streetAddress", streetAddress)
        json.add("postalCode", postalCode)
        json.add("city", city)
        json.add("propertyDesignation", propertyDesignation)
        json.add("gridAreaCode", gridAreaCode)
        json.add("mainFuse", mainFuse)
        json.add("phases", phases)
        json.add("electricitySupplier", electricitySupplier)
        if let owner { json.addObject("owner") { owner.addMembers(to: &$0) } }
        if let billing { json.addObject("billing") { billing.addMembers(to: &$0) } }
        return json.finish()
    }
}

extension PartyRecord {
    public var jsonDocument: String {
        var json = JSONObjectWriter()
        addMembers(to: &json)
        return json.finish()
    }

    fileprivate func addMembers(to json: inout JSONObjectWriter) {
        json.add("kind", kind)
        json.add("name", name)
        json.add("lastName", lastName)
        json.add("firstName", firstName)
        json.add("careOf", careOf)
        json.add("streetAddress", streetAddress)
        json.add("postalCode", postalCode)
        json.add("city", city)
        json.add("phone", phone)
        json.add("email", email)
        json.add("invoiceReference", invoiceReference)
    }
}

/// Builds one flat JSON object of string members (keys are trusted ASCII names; values are escaped).
struct JSONObjectWriter {
    private var text: [UInt8] = [UInt8(ascii: "{")]
    /// Whether the object being written has no member yet.
    private var atObjectStart = true

    init() {
        text.reserveCapacity(512)
    }

    mutating func add(_ key: String, _ value: String?) {
        guard let value else { return }
        member(key)
        appendString(value)
    }

    /// Adds a member whose value is an object written by `members`.
    mutating func addObject(_ key: String, _ members: (inout JSONObjectWriter) -> Void) {
        member(key)
        text.append(UInt8(ascii: "{"))
        atObjectStart = true
        members(&self)
        text.append(UInt8(ascii: "}"))
        atObjectStart = false
    }

    /// The object's text; the writer is done with it.
    mutating func finish() -> String {
        text.append(UInt8(ascii: "}"))
        return String(decoding: text, as: UTF8.self)
    }

    private mutating func member(_ key: String) {
        if !atObjectStart { text.append(UInt8(ascii: ",")) }
        atObjectStart = false
        text.append(UInt8(ascii: "\""))
        text.append(contentsOf: key.utf8)
        text.append(contentsOf: "\":".utf8)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private mutating func appendString(_ value: String) {
        text.append(UInt8(ascii: "\""))
        // Most values need no escaping: copy them whole.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            text.append(contentsOf: value.utf8)
            text.append(UInt8(ascii: "\""))
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): text.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): text.append(contentsOf: "\\\\".utf8)
            case UInt8(ascii: "\n"): text.append(contentsOf: "\\n".utf8)
            case UInt8(ascii: "\r"): text.append(contentsOf: "\\r".utf8)
            case UInt8(ascii: "\t"): text.append(contentsOf: "\\t".utf8)
            case 0..<0x20:
                text.append(contentsOf: "\\u00".utf8)
                text.append(Self.hexDigits[Int(byte >> 4)])
                text.append(Self.hexDigits[Int(byte & 0x0F)])
            default:
                text.append(byte) // UTF-8 passes through: JSON text is UTF-8
            }
        }
        text.append(UInt8(ascii: "\""))
    }
}
