//! The three parsers behind one interface, each given one complete framed response.
use imap_codec::decode::Decoder;
use libimap::proto::parse::{parse_response, ParseOptions};
use libimap::{FetchItem, Response, Untagged};
use std::hint::black_box;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parser {
    Libimap,
    ImapProto,
    ImapCodec,
}

impl Parser {
    pub const ALL: [Parser; 3] = [Parser::Libimap, Parser::ImapProto, Parser::ImapCodec];

    pub fn name(self) -> &'static str {
        match self {
            Parser::Libimap => "libimap",
            Parser::ImapProto => "imap-proto 0.17.0",
            Parser::ImapCodec => "imap-codec 2.0.0-alpha.10",
        }
    }

    /// Parses and drops the result: what the timed loops run.
    #[inline(never)]
    pub fn parse(self, frame: &[u8], opts: &ParseOptions) {
        match self {
            Parser::Libimap => drop(black_box(parse_response(frame, opts))),
            Parser::ImapProto => drop(black_box(imap_proto::Response::parse(frame))),
            Parser::ImapCodec => drop(black_box(
                imap_codec::ResponseCodec::default().decode(frame),
            )),
        }
    }

    /// Whether the parser read the whole response into its model. For the peers: no error and
    /// no bytes left over. For libimap (which never fails): nothing kept as raw bytes.
    pub fn accepts(self, frame: &[u8], opts: &ParseOptions) -> bool {
        match self {
            Parser::Libimap => !has_unparsed(&parse_response(frame, opts)),
            Parser::ImapProto => {
                matches!(imap_proto::Response::parse(frame), Ok((rest, _)) if rest.is_empty())
            }
            Parser::ImapCodec => matches!(
                imap_codec::ResponseCodec::default().decode(frame),
                Ok((rest, _)) if rest.is_empty()
            ),
        }
    }
}

/// libimap's parse followed by making every envelope and body-structure value (`fields()`,
/// `tree()`): what a caller that reads every field of every message pays in total.
#[inline(never)]
pub fn parse_with_values(frame: &[u8], opts: &ParseOptions) {
    let r = parse_response(frame, opts);
    if let Response::Untagged(Untagged::Fetch { items, .. }) = &r {
        for item in items {
            match item {
                FetchItem::Envelope(e) => drop(black_box(e.fields())),
                FetchItem::BodyStructure(b) => drop(black_box(b.tree())),
                _ => {}
            }
        }
    }
    drop(black_box(r));
}

/// Unknown response codes are typed (`Code::Other`) and do not count as unparsed.
pub fn has_unparsed(r: &Response) -> bool {
    match r {
        Response::Untagged(Untagged::Other { .. }) => true,
        Response::Untagged(Untagged::Fetch { items, .. }) => items.iter().any(|i| match i {
            FetchItem::Other { .. } => true,
            FetchItem::BodyStructure(b) => b.has_unparsed(),
            _ => false,
        }),
        _ => false,
    }
}

/// A short label for a response, from its first words: `FETCH`, `LIST`, `OK [UIDNEXT]`,
/// `tagged NO [TRYCREATE]`, `continuation`. Used to say which responses a parser rejects.
pub fn kind(frame: &[u8]) -> String {
    let first = frame.split(|&b| b == b'\n').next().unwrap_or_default();
    let first = String::from_utf8_lossy(first);
    let mut words = first.split(' ');
    let tag = words.next().unwrap_or_default();
    if tag == "+" {
        return "continuation".into();
    }
    let mut word = words.next().unwrap_or_default().trim_end().to_string();
    if word.chars().all(|c| c.is_ascii_digit()) {
        word = words.next().unwrap_or_default().trim_end().to_string();
    }
    let mut label = if tag == "*" {
        word.clone()
    } else {
        format!("tagged {word}")
    };
    if matches!(word.as_str(), "OK" | "NO" | "BAD" | "BYE" | "PREAUTH") {
        if let Some(code) = words.next().filter(|w| w.starts_with('[')) {
            let code = code.trim_start_matches('[').trim_end_matches(']');
            label.push_str(&format!(" [{code}]"));
        }
    }
    label
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(kind(b"* 3 FETCH (UID 1)\r\n"), "FETCH");
        assert_eq!(kind(b"* OK [UIDNEXT 4] x\r\n"), "OK [UIDNEXT]");
        assert_eq!(kind(b"A1 NO [TRYCREATE] x\r\n"), "tagged NO [TRYCREATE]");
        assert_eq!(kind(b"* ESEARCH (TAG \"A5\") UID\r\n"), "ESEARCH");
        assert_eq!(kind(b"+ idling\r\n"), "continuation");
    }

    #[test]
    fn all_parsers_accept_a_plain_fetch() {
        let opts = ParseOptions::default();
        for p in Parser::ALL {
            assert!(
                p.accepts(b"* 1 FETCH (UID 7 FLAGS (\\Seen))\r\n", &opts),
                "{p:?}"
            );
            assert!(!p.accepts(b"* 1 FETCH (UID\r\n", &opts), "{p:?}");
        }
    }
}
