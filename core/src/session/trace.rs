//! Trace lines for server bytes: literal contents are summarised, never logged, so message
//! bodies and SASL data stay out of logs.

/// Renders one framed response for a trace: text lines as they are (lossy UTF-8, CRLF
/// dropped), each literal as `<N bytes>`.
pub fn summarize(frame: &[u8]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < frame.len() {
        let end = frame[i..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(frame.len(), |p| i + p + 1);
        let line = &frame[i..end];
        let text = line.strip_suffix(b"\n").unwrap_or(line);
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        out.push_str(&String::from_utf8_lossy(text));
        i = end;
        if let Some(n) = literal_len(text) {
            let n = n.min((frame.len() - i) as u64) as usize;
            out.push_str(&format!("<{n} bytes>"));
            i += n;
        }
    }
    out
}

fn literal_len(line: &[u8]) -> Option<u64> {
    let body = line.strip_suffix(b"}")?;
    let open = body.iter().rposition(|&b| b == b'{')?;
    let digits = &body[open + 1..];
    let digits = digits.strip_suffix(b"+").unwrap_or(digits);
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(digits).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn literals_are_summarised() {
        let f = b"* 1 FETCH (BODY[] {5}\r\nab\r\nc FLAGS (\\Seen))\r\n";
        assert_eq!(
            super::summarize(f),
            "* 1 FETCH (BODY[] {5}<5 bytes> FLAGS (\\Seen))"
        );
    }
}
