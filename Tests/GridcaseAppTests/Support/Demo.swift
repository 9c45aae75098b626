@testable import GridcaseApp
import GridcaseDomain

/// The demo logins tests sign in with.
enum Demo {
    static func email(_ role: Role, of organization: String) -> String {
        DemoData.logins.first { $0.role == role && $0.organization == organization }!.email
    }

    static let kullabygden = "Kullabygdens Elnät AB"
    static let vatterbygden = "Vätterbygdens Nät AB"
    static let oresundsEl = "Öresunds Elinstallation AB"
    static let solkraft = "Solkraft Småland AB"
    static let operatorName = "Gridcase drift"
}
