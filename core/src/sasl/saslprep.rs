//! SASLprep (RFC 4013), the stringprep (RFC 3454) profile for user names and passwords.
//!
//! The RFC 3454 tables come from the `stringprep` crate; the profile steps are here so that
//! the query/stored distinction (RFC 3454 §7) is ours to choose: that crate always treats
//! input as a stored string.
use std::fmt;
use stringprep::tables;
use unicode_normalization::UnicodeNormalization;

/// RFC 3454 §7: unassigned code points are allowed in queries, refused in stored strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Usage {
    Query,
    Stored,
}

/// Why a string was refused. `Display` never shows the offending character, because the
/// input may be a password; callers that handle non-secret input can use [`PrepError::char`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PrepError {
    Prohibited(char),
    Unassigned(char),
    Bidi,
}

impl PrepError {
    /// The refused character, if the failure is about one character.
    pub(crate) fn char(self) -> Option<char> {
        match self {
            PrepError::Prohibited(c) | PrepError::Unassigned(c) => Some(c),
            PrepError::Bidi => None,
        }
    }
}

impl fmt::Display for PrepError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PrepError::Prohibited(_) => "contains a character SASLprep prohibits",
            PrepError::Unassigned(_) => "contains a code point unassigned in Unicode 3.2",
            PrepError::Bidi => {
                "mixes right-to-left and left-to-right text in a way SASLprep prohibits"
            }
        })
    }
}

fn prohibited(c: char) -> bool {
    // RFC 4013 §2.3: tables C.1.2, C.2.1, C.2.2, C.3 .. C.9.
    tables::non_ascii_space_character(c)
        || tables::ascii_control_character(c)
        || tables::non_ascii_control_character(c)
        || tables::private_use(c)
        || tables::non_character_code_point(c)
        || tables::surrogate_code(c)
        || tables::inappropriate_for_plain_text(c)
        || tables::inappropriate_for_canonical_representation(c)
        || tables::change_display_properties_or_deprecated(c)
        || tables::tagging_character(c)
}

/// Applies SASLprep to `s`.
pub(crate) fn saslprep(s: &str, usage: Usage) -> Result<String, PrepError> {
    // §2.1 mapping: non-ASCII spaces become SPACE, table B.1 characters disappear.
    let mapped = s
        .chars()
        .filter(|&c| !tables::commonly_mapped_to_nothing(c))
        .map(|c| {
            if tables::non_ascii_space_character(c) {
                ' '
            } else {
                c
            }
        });
    // §2.2 normalization form KC.
    let out: String = mapped.nfkc().collect();

    if let Some(c) = out.chars().find(|&c| prohibited(c)) {
        return Err(PrepError::Prohibited(c));
    }

    // §2.4 / RFC 3454 §6: a string with any RandALCat character must not contain LCat
    // characters and must start and end with RandALCat.
    if out.chars().any(tables::bidi_r_or_al) {
        let first_last_ok = out.chars().next().is_some_and(tables::bidi_r_or_al)
            && out.chars().next_back().is_some_and(tables::bidi_r_or_al);
        if !first_last_ok || out.chars().any(tables::bidi_l) {
            return Err(PrepError::Bidi);
        }
    }

    if usage == Usage::Stored {
        if let Some(c) = out.chars().find(|&c| tables::unassigned_code_point(c)) {
            return Err(PrepError::Unassigned(c));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 4013 §3 examples.
    #[test]
    fn rfc4013_soft_hyphen_mapped_to_nothing() {
        assert_eq!(saslprep("I\u{00AD}X", Usage::Stored).unwrap(), "IX");
    }

    #[test]
    fn rfc4013_no_transformation() {
        assert_eq!(saslprep("user", Usage::Stored).unwrap(), "user");
    }

    #[test]
    fn rfc4013_case_preserved() {
        assert_eq!(saslprep("USER", Usage::Stored).unwrap(), "USER");
    }

    #[test]
    fn rfc4013_feminine_ordinal_nfkc() {
        assert_eq!(saslprep("\u{00AA}", Usage::Stored).unwrap(), "a");
    }

    #[test]
    fn rfc4013_roman_numeral_nine_nfkc() {
        assert_eq!(saslprep("\u{2168}", Usage::Stored).unwrap(), "IX");
    }

    #[test]
    fn rfc4013_bell_prohibited() {
        assert_eq!(
            saslprep("\u{0007}", Usage::Query),
            Err(PrepError::Prohibited('\u{7}'))
        );
    }

    #[test]
    fn rfc4013_bidi_check() {
        assert_eq!(
            saslprep("\u{0627}\u{0031}", Usage::Query),
            Err(PrepError::Bidi)
        );
    }

    #[test]
    fn non_ascii_space_becomes_space() {
        assert_eq!(
            saslprep("a\u{00A0}b\u{2003}c", Usage::Stored).unwrap(),
            "a b c"
        );
    }

    #[test]
    fn rtl_only_string_is_accepted() {
        assert_eq!(
            saslprep("\u{0627}\u{0628}", Usage::Stored).unwrap(),
            "\u{0627}\u{0628}"
        );
    }

    #[test]
    fn rtl_with_ltr_is_refused() {
        assert_eq!(
            saslprep("\u{0627}a\u{0628}", Usage::Query),
            Err(PrepError::Bidi)
        );
    }

    #[test]
    fn nul_and_private_use_prohibited() {
        assert_eq!(
            saslprep("a\0b", Usage::Query),
            Err(PrepError::Prohibited('\0'))
        );
        assert_eq!(
            saslprep("\u{E000}", Usage::Query),
            Err(PrepError::Prohibited('\u{E000}'))
        );
    }

    #[test]
    fn unassigned_allowed_only_in_queries() {
        // U+1F600 (an emoji) was unassigned in Unicode 3.2, the version RFC 3454 fixes.
        assert_eq!(saslprep("x\u{1F600}", Usage::Query).unwrap(), "x\u{1F600}");
        assert_eq!(
            saslprep("x\u{1F600}", Usage::Stored),
            Err(PrepError::Unassigned('\u{1F600}'))
        );
    }

    #[test]
    fn error_text_hides_the_character() {
        let text = PrepError::Prohibited('Z').to_string();
        assert!(!text.contains('Z'), "{text}");
    }

    #[test]
    fn empty_string_is_empty() {
        assert_eq!(saslprep("", Usage::Stored).unwrap(), "");
    }
}
