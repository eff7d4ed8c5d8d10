//! The MIME words that make up most of every BODYSTRUCTURE (`"TEXT"`, `"CHARSET"`, `"BASE64"`,
//! `"INLINE"`, …) as static strings.
//!
//! A body-structure string is otherwise a slice of the response's shared buffer, which costs an
//! atomic reference-count increment when made and a decrement when dropped. A static string
//! costs neither, and these few dozen words are most of the strings of real body structures
//! (about two thirds of those in the benchmark's corpus). The bytes must match exactly:
//! values keep the case the server sent, so common spellings are listed separately.
use bytestring::ByteString;

/// `b` as a static string when it is one of the common words.
pub(crate) fn lookup(b: &[u8]) -> Option<ByteString> {
    // Grouped by length so that the match compares a handful of candidates at most.
    let s: &'static str = match b.len() {
        2 => match b {
            b"EN" => "EN",
            b"en" => "en",
            b"DE" => "DE",
            b"de" => "de",
            b"FR" => "FR",
            b"fr" => "fr",
            _ => return None,
        },
        3 => match b {
            b"PNG" => "PNG",
            b"PDF" => "PDF",
            b"GIF" => "GIF",
            b"ZIP" => "ZIP",
            b"png" => "png",
            b"pdf" => "pdf",
            b"gif" => "gif",
            b"zip" => "zip",
            _ => return None,
        },
        4 => match b {
            b"TEXT" => "TEXT",
            b"text" => "text",
            b"Text" => "Text",
            b"HTML" => "HTML",
            b"html" => "html",
            b"7BIT" => "7BIT",
            b"7bit" => "7bit",
            b"8BIT" => "8BIT",
            b"8bit" => "8bit",
            b"SIZE" => "SIZE",
            b"size" => "size",
            b"NAME" => "NAME",
            b"name" => "name",
            b"TYPE" => "TYPE",
            b"type" => "type",
            b"JPEG" => "JPEG",
            b"jpeg" => "jpeg",
            _ => return None,
        },
        5 => match b {
            b"PLAIN" => "PLAIN",
            b"plain" => "plain",
            b"Plain" => "Plain",
            b"IMAGE" => "IMAGE",
            b"image" => "image",
            b"MIXED" => "MIXED",
            b"mixed" => "mixed",
            b"UTF-8" => "UTF-8",
            b"utf-8" => "utf-8",
            b"de-DE" => "de-DE",
            b"en-US" => "en-US",
            b"en-GB" => "en-GB",
            b"DELSP" => "DELSP",
            b"delsp" => "delsp",
            b"AUDIO" => "AUDIO",
            b"VIDEO" => "VIDEO",
            _ => return None,
        },
        6 => match b {
            b"BASE64" => "BASE64",
            b"base64" => "base64",
            b"Base64" => "Base64",
            b"INLINE" => "INLINE",
            b"inline" => "inline",
            b"FORMAT" => "FORMAT",
            b"format" => "format",
            b"flowed" => "flowed",
            b"FLOWED" => "FLOWED",
            b"RFC822" => "RFC822",
            b"rfc822" => "rfc822",
            b"METHOD" => "METHOD",
            b"BINARY" => "BINARY",
            b"binary" => "binary",
            b"SIGNED" => "SIGNED",
            b"signed" => "signed",
            b"DIGEST" => "DIGEST",
            b"KOI8-R" => "KOI8-R",
            b"koi8-r" => "koi8-r",
            _ => return None,
        },
        7 => match b {
            b"CHARSET" => "CHARSET",
            b"charset" => "charset",
            b"Charset" => "Charset",
            b"RELATED" => "RELATED",
            b"related" => "related",
            b"MESSAGE" => "MESSAGE",
            b"message" => "message",
            b"REQUEST" => "REQUEST",
            b"GB18030" => "GB18030",
            _ => return None,
        },
        8 => match b {
            b"BOUNDARY" => "BOUNDARY",
            b"boundary" => "boundary",
            b"Boundary" => "Boundary",
            b"US-ASCII" => "US-ASCII",
            b"us-ascii" => "us-ascii",
            b"FILENAME" => "FILENAME",
            b"filename" => "filename",
            b"CALENDAR" => "CALENDAR",
            b"calendar" => "calendar",
            b"PROTOCOL" => "PROTOCOL",
            b"protocol" => "protocol",
            b"DELIVERY" => "DELIVERY",
            _ => return None,
        },
        9 => match b {
            b"MULTIPART" => "MULTIPART",
            b"multipart" => "multipart",
            b"text/html" => "text/html",
            b"SIGNATURE" => "SIGNATURE",
            _ => return None,
        },
        10 => match b {
            b"ATTACHMENT" => "ATTACHMENT",
            b"attachment" => "attachment",
            b"Attachment" => "Attachment",
            b"ISO-8859-1" => "ISO-8859-1",
            b"iso-8859-1" => "iso-8859-1",
            b"ISO-8859-2" => "ISO-8859-2",
            b"iso-8859-2" => "iso-8859-2",
            b"text/plain" => "text/plain",
            _ => return None,
        },
        11 => match b {
            b"ALTERNATIVE" => "ALTERNATIVE",
            b"alternative" => "alternative",
            b"Alternative" => "Alternative",
            b"APPLICATION" => "APPLICATION",
            b"application" => "application",
            b"ISO-8859-15" => "ISO-8859-15",
            b"iso-8859-15" => "iso-8859-15",
            b"ISO-2022-JP" => "ISO-2022-JP",
            b"iso-2022-jp" => "iso-2022-jp",
            _ => return None,
        },
        12 => match b {
            b"windows-1252" => "windows-1252",
            b"WINDOWS-1252" => "WINDOWS-1252",
            b"windows-1251" => "windows-1251",
            b"WINDOWS-1251" => "WINDOWS-1251",
            b"windows-1250" => "windows-1250",
            b"OCTET-STREAM" => "OCTET-STREAM",
            b"octet-stream" => "octet-stream",
            _ => return None,
        },
        13 => match b {
            b"PGP-SIGNATURE" => "PGP-SIGNATURE",
            b"pgp-signature" => "pgp-signature",
            _ => return None,
        },
        15 => match b {
            b"DELIVERY-STATUS" => "DELIVERY-STATUS",
            b"delivery-status" => "delivery-status",
            _ => return None,
        },
        16 => match b {
            b"QUOTED-PRINTABLE" => "QUOTED-PRINTABLE",
            b"quoted-printable" => "quoted-printable",
            b"Quoted-Printable" => "Quoted-Printable",
            _ => return None,
        },
        _ => return None,
    };
    Some(ByteString::from_static(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_exact() {
        assert_eq!(lookup(b"CHARSET").as_deref(), Some("CHARSET"));
        assert_eq!(lookup(b"charset").as_deref(), Some("charset"));
        assert_eq!(lookup(b"ChArSeT"), None);
        assert_eq!(lookup(b"TEXTS"), None);
        assert_eq!(lookup(b""), None);
        assert_eq!(lookup("pl\u{e4}in".as_bytes()), None);
    }
}
