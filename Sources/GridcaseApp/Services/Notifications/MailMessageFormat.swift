import Foundation

/// An e-mail as RFC 5322 text for SMTP DATA: UTF-8 subject as an encoded word, body in base64 (so no line
/// can be mistaken for the end of DATA, and any 7-bit server carries it).
enum MailMessageFormat {
    static func data(_ mail: OutgoingMail) -> String {
        let headers = [
            "Message-ID: <\(mail.messageID)>",
            "Date: \(rfc5322Date(mail.date))",
            "From: Gridcase <\(mail.from)>",
            "To: <\(mail.to)>",
            "Subject: \(encodedWord(mail.subject))",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "Auto-Submitted: auto-generated",
        ]
        let body = Data(mail.body.replacingOccurrences(of: "\n", with: "\r\n").utf8)
            .base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + body + "\r\n."
    }

    /// RFC 2047 "B" encoding, in pieces short enough for the header's line length.
    static func encodedWord(_ text: String) -> String {
        guard !text.allSatisfy({ $0.isASCII && !$0.isNewline }) else { return text }
        var words: [String] = []
        var piece = ""
        for character in text {
            if Data((piece + String(character)).utf8).count > 45 {
                words.append("=?UTF-8?B?\(Data(piece.utf8).base64EncodedString())?=")
                piece = ""
            }
            piece.append(character)
        }
        if !piece.isEmpty { words.append("=?UTF-8?B?\(Data(piece.utf8).base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
