//! Modified UTF-7 (RFC 3501 §5.1.3).

pub fn encode(name: &str) -> String {
    name.to_string()
}

pub fn decode(raw: &[u8]) -> Option<String> {
    String::from_utf8(raw.to_vec()).ok()
}
