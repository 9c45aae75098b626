import Foundation
import GridcaseDomain
import SQLKit

/// The embedded facility register's rows (see M007): the two lookup keys and the facility as a JSON document
/// (`FacilityRecord.jsonDocument`). Read and written with SQL, as it holds millions of rows: see
/// `EmbeddedFacilityRegister` and `FacilityBatchWriter`.
enum FacilityTable {
    static let name = "facility_records"

    /// The stored document of a row that selected `record`.
    static func document(of row: any SQLRow) throws -> String {
        try row.decode(column: "record", as: String.self)
    }

    static func record(fromDocument document: String) throws -> FacilityRecord {
        try JSONDecoder().decode(FacilityRecord.self, from: Data(document.utf8))
    }
}
