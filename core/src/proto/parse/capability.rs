//! `CAPABILITY` and `ENABLED` data: space-separated tokens, kept as sent.
//!
//! Tokens are split on spaces only, so capabilities that do not look like atoms (iCloud sends
//! host names and `1Q49`) survive, and trailing or doubled spaces are ignored.
use super::token::lossy;

pub(crate) fn words(i: &[u8], max: usize) -> Vec<String> {
    i.split(|&b| b == b' ')
        .filter(|w| !w.is_empty())
        .take(max)
        .map(lossy)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_and_double_spaces() {
        assert_eq!(
            words(b" IMAP4rev1  AUTH=PLAIN ", 10),
            vec!["IMAP4rev1", "AUTH=PLAIN"]
        );
        assert_eq!(words(b"", 10), Vec::<String>::new());
        assert_eq!(words(b"a b c", 2), vec!["a", "b"]);
    }
}
