//! Named switches for the server deviations the parser tolerates.
//!
//! Every switch is on by default: each deviation has been seen from real servers (see
//! tests/fixtures/quirks) and reading it costs nothing. Turning one off makes the parser read
//! that part of the grammar as RFC 9051 / RFC 3501 write it, so a response showing the deviation
//! is kept raw (or the affected item, body part or code is), which is what a test harness or a
//! strict client wants.

/// Server deviations the parser accepts, one field per deviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quirks {
    /// `* 1 FETCH ()`: a FETCH with no items at all.
    pub empty_fetch: bool,
    /// A space before the CRLF of a data response (`* STATUS Inbox (MESSAGES 1) `, `* SEARCH `).
    pub trailing_space: bool,
    /// `NIL` where a parenthesised list belongs (`* FLAGS NIL`, `FLAGS NIL`, `* LIST NIL "/" x`).
    pub nil_as_empty_list: bool,
    /// Response names, status words and FETCH item names in lower or mixed case (`* 5 recent`).
    /// The grammar is case-insensitive, but RFC-conformant servers send upper case.
    pub lowercase_keywords: bool,
    /// `\*` inside FLAGS (it belongs in PERMANENTFLAGS only).
    pub star_in_flags: bool,
    /// Several spaces where the grammar has one (`*  1688 EXISTS`, `* FLAGS  (\Seen)`).
    pub extra_spaces: bool,
    /// A response code with no space and text after it (`* OK [UNSEEN 1]`). When off, such a
    /// bracket is read as plain text, as a strict IMAP4rev1 parser would.
    pub missing_text: bool,
    /// A bare string where a body disposition list belongs (`"inline"` instead of
    /// `("inline" NIL)`). When off, the disposition is dropped.
    pub bare_string_disposition: bool,
    /// Negative sizes and counts in BODYSTRUCTURE (`-1`), read as 0. When off, the body part
    /// holding one is kept unparsed.
    pub negative_numbers: bool,
    /// FETCH items wrapped in an extra pair of parentheses (`(UID 1 (ENVELOPE (…)))`).
    pub extra_parens_in_fetch: bool,
    /// Free text glued in front of an untagged status response on the same line
    /// (`garbage * BYE …`).
    pub garbage_before_response: bool,
    /// A flag list without parentheses (`* FLAGS \Seen \Draft`).
    pub flags_without_parens: bool,
}

impl Quirks {
    /// Every switch off: the grammar exactly as the RFCs write it.
    pub const STRICT: Quirks = Quirks {
        empty_fetch: false,
        trailing_space: false,
        nil_as_empty_list: false,
        lowercase_keywords: false,
        star_in_flags: false,
        extra_spaces: false,
        missing_text: false,
        bare_string_disposition: false,
        negative_numbers: false,
        extra_parens_in_fetch: false,
        garbage_before_response: false,
        flags_without_parens: false,
    };

    /// Every switch on (the default).
    pub const LENIENT: Quirks = Quirks {
        empty_fetch: true,
        trailing_space: true,
        nil_as_empty_list: true,
        lowercase_keywords: true,
        star_in_flags: true,
        extra_spaces: true,
        missing_text: true,
        bare_string_disposition: true,
        negative_numbers: true,
        extra_parens_in_fetch: true,
        garbage_before_response: true,
        flags_without_parens: true,
    };
}

impl Default for Quirks {
    fn default() -> Self {
        Quirks::LENIENT
    }
}

/// True when `line` has two spaces in a row outside quoted strings and literals.
pub(crate) fn has_double_space(line: &[u8]) -> bool {
    let mut k = 0;
    while k < line.len() {
        match line[k] {
            b' ' if line.get(k + 1) == Some(&b' ') => return true,
            b'"' => match super::token::quoted(&line[k..]) {
                Ok((rest, _)) => k = line.len() - rest.len(),
                Err(_) => k += 1,
            },
            b'{' | b'~' => match super::token::literal(&line[k..]) {
                Ok((rest, _)) => k = line.len() - rest.len(),
                Err(_) => k += 1,
            },
            _ => k += 1,
        }
    }
    false
}

/// True when `name` has a lower-case ASCII letter.
pub(crate) fn has_lowercase(name: &[u8]) -> bool {
    name.iter().any(u8::is_ascii_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn double_spaces_outside_strings() {
        assert!(has_double_space(b"* FLAGS  (\\Seen)"));
        assert!(!has_double_space(b"* LIST () \"/\" \"a  b\""));
        assert!(!has_double_space(b"* 1 FETCH (BODY[] {4}\r\n a  )"));
        assert!(has_double_space(b"* 1 FETCH (BODY[] {4}\r\n a  )  "));
    }
}
