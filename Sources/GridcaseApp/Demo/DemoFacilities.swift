import GridcaseDomain

/// A few facilities in the demo grid companies' registers, so "Hämta anl-data" can be tried at once.
enum DemoFacilities {
    /// A valid anläggnings-ID from a Swedish prefix and a serial.
    static func gsrn(_ serial: Int) -> String {
        let payload = "735999" + String(repeating: "0", count: 11 - String(serial).count) + String(serial)
        return payload + String(GSRN.checkDigit(for: payload.compactMap(\.wholeNumberValue)))
    }

    struct Entry {
        let grid: String
        let serial: Int
        let meterNumber: String
        let technicalNumber: String
        let street: String
        let postalCode: String
        let city: String
        let area: String
        let property: String
        let fuse: String
        let owner: (kind: String, name: String?, last: String?, first: String?, phone: String, email: String)
    }

    static let entries: [Entry] = [
        Entry(grid: "Kullabygdens Elnät AB", serial: 1001, meterNumber: "73001001", technicalNumber: "HBG-40211",
              street: "Drottninggatan 14", postalCode: "252 21", city: "Helsingborg", area: "HBG",
              property: "Helsingborg Stadskärnan 3:12", fuse: "20",
              owner: ("person", nil, "Lindgren", "Maja", "070-111 22 33", "maja.lindgren@example.se")),
        Entry(grid: "Kullabygdens Elnät AB", serial: 1002, meterNumber: "73001002", technicalNumber: "HOG-10877",
              street: "Storgatan 3", postalCode: "263 31", city: "Höganäs", area: "HOG",
              property: "Höganäs Väsby 7:4", fuse: "25",
              owner: ("organization", "Brf Kullaljus", nil, nil, "042-33 44 55", "styrelsen@kullaljus.example")),
        Entry(grid: "Kullabygdens Elnät AB", serial: 1003, meterNumber: "73001003", technicalNumber: "ANG-22310",
              street: "Järnvägsgatan 8", postalCode: "262 32", city: "Ängelholm", area: "ANG",
              property: "Ängelholm Hjälmen 2:9", fuse: "16",
              owner: ("person", nil, "Nilsson", "Oskar", "073-222 33 44", "oskar.nilsson@example.se")),
        Entry(grid: "Vätterbygdens Nät AB", serial: 2001, meterNumber: "74002001", technicalNumber: "JKG-55102",
              street: "Östra Storgatan 20", postalCode: "553 21", city: "Jönköping", area: "JKG",
              property: "Jönköping Hästen 19", fuse: "35",
              owner: ("person", nil, "Ek", "Sara", "076-333 44 55", "sara.ek@example.se")),
    ]

    static func records(for grid: String) -> [FacilityRecord] {
        entries.filter { $0.grid == grid }.map { entry in
            var record = FacilityRecord(gsrn: gsrn(entry.serial))
            record.technicalNumber = entry.technicalNumber
            record.meterNumber = entry.meterNumber
            record.streetAddress = entry.street
            record.postalCode = entry.postalCode
            record.city = entry.city
            record.propertyDesignation = entry.property
            record.gridAreaCode = entry.area
            record.mainFuse = entry.fuse
            record.phases = "3"
            record.electricitySupplier = "Kullakraft Handel AB"
            var owner = PartyRecord()
            owner.kind = entry.owner.kind
            owner.name = entry.owner.name
            owner.lastName = entry.owner.last
            owner.firstName = entry.owner.first
            owner.streetAddress = entry.street
            owner.postalCode = entry.postalCode
            owner.city = entry.city
            owner.phone = entry.owner.phone
            owner.email = entry.owner.email
            record.owner = owner
            var billing = owner
            billing.invoiceReference = "Kundnr \(entry.serial)"
            record.billing = billing
            return record
        }
    }
}
