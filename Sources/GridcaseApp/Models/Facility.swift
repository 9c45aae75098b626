import Foundation
import GridcaseDomain

/// The embedded facility register's rows (see M007): the two lookup keys and the facility as a JSON document
/// (`FacilityRecord.jsonDocument`). Read and written with SQL, as it holds millions of rows: see
/// `EmbeddedFacilityRegister` and `FacilityBatchWriter`.
enum FacilityTable {
    static let name = "facility_records"

    static func record(fromDocument document: String) throws -> FacilityRecord {
        try JSONDecoder().decode(FacilityRecord.self, from: Data(document.utf8))
    }
}
