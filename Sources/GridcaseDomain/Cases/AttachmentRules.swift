/// What a file on a case is for.
public enum AttachmentCategory: String, CaseIterable, Codable, Sendable {
    case sitePlan, singleLineDiagram, photo, other

    public var swedishName: String {
        switch self {
        case .sitePlan: "Situationsplan"
        case .singleLineDiagram: "Enlinjeschema"
        case .photo: "Foto"
        case .other: "Övrigt"
        }
    }
}

/// Which files may be attached. The type is read from the file's first bytes, never from its name.
public enum AttachmentRules {
    public static let maximumBytes = 20 * 1024 * 1024

    public enum FileType: String, Sendable {
        case pdf = "application/pdf"
        case png = "image/png"
        case jpeg = "image/jpeg"
        case heic = "image/heic"

        public var fileExtension: String {
            switch self {
            case .pdf: "pdf"
            case .png: "png"
            case .jpeg: "jpg"
            case .heic: "heic"
            }
        }
    }

    /// The file's real type by its signature, or nil when it is not one we accept.
    public static func detectType(_ bytes: some Collection<UInt8>) -> FileType? {
        let head = Array(bytes.prefix(12))
        if head.starts(with: [0x25, 0x50, 0x44, 0x46, 0x2D]) { return .pdf } // %PDF-
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        // ISO base media: "ftyp" at offset 4, then a HEIF brand (phones' photos).
        if head.count == 12, head[4...7].elementsEqual("ftyp".utf8) {
            let brand = String(decoding: head[8...11], as: UTF8.self)
            if ["heic", "heix", "mif1", "msf1", "hevc"].contains(brand) { return .heic }
        }
        return nil
    }

    public static func check(size: Int, bytes: some Collection<UInt8>) throws(FieldError) -> FileType {
        guard size > 0 else { throw FieldError("Filen är tom.") }
        guard size <= maximumBytes else { throw FieldError("Filen är för stor. Största tillåtna storlek är 20 MB.") }
        guard let type = detectType(bytes) else {
            throw FieldError("Filtypen stöds inte. Bifoga PDF, JPEG, PNG eller HEIC.")
        }
        return type
    }

    /// A file name safe to store and to send back: no folders, no control characters, a bounded length.
    public static func safeFileName(_ name: String, type: FileType) -> String {
        let base = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = base.filter { !$0.isNewline && $0.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0 != "\"" } }
        let trimmed = String(cleaned.trimmed.prefix(120))
        return trimmed.isEmpty ? "bilaga.\(type.fileExtension)" : trimmed
    }
}
