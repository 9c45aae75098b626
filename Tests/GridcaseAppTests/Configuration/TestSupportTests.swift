import Testing
@testable import GridcaseApp

@Suite struct TestSupportTests {
    @Test(arguments: ["postgres://postgres@127.0.0.1:5432/x", "postgres://u@localhost/x", "postgres://u@[::1]:5432/x"])
    func localDatabasesAreAccepted(url: String) throws {
        try TestDatabase.refuseNonLocal(url)
    }

    @Test(arguments: ["postgres://u@db.example.com/x", "postgres://u@10.0.0.5/x", "postgres://u@192.168.1.2/x"])
    func aDatabaseElsewhereIsRefused(url: String) {
        #expect(throws: TestDatabaseError.self) { try TestDatabase.refuseNonLocal(url) }
    }
}
