import CSV
import Foundation
import GridcaseDomain

// Usage: csv-parsers FILE.csv — prints rows, seconds and rows/s for each parser, and the ratio.
guard CommandLine.arguments.count == 2 else {
    print("usage: csv-parsers FILE.csv")
    exit(2)
}
let path = CommandLine.arguments[1]

func measure(_ label: String, _ body: () throws -> Int) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    let rows = try body()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    print("\(label): \(rows) rows, \(String(format: "%.2f", seconds)) s, \(Int(Double(rows) / seconds)) rows/s")
    return seconds
}

let package = try measure("CSV.swift CSVReader") {
    let reader = try CSVReader(stream: InputStream(fileAtPath: path)!, hasHeaderRow: false, delimiter: ";")
    var rows = 0, fields = 0
    while let row = reader.next() { rows += 1; fields += row.count }
    return rows
}

let ours = try measure("Gridcase DelimitedTextParser") {
    let file = FileHandle(forReadingAtPath: path)!
    var parser = DelimitedTextParser(separator: ";")
    var rows = 0, fields = 0
    while let chunk = try file.read(upToCount: 1 << 20), !chunk.isEmpty {
        chunk.withUnsafeBytes { raw in
            parser.consume(raw.bindMemory(to: UInt8.self)) { row in rows += 1; fields += row.fields.count }
        }
    }
    parser.finish { row in rows += 1; fields += row.fields.count }
    return rows
}
print("DelimitedTextParser speed / CSV.swift speed: \(String(format: "%.1f", package / ours))")
