//! Dates: IMAP INTERNALDATE (`"17-Jul-1996 02:44:25 -0700"`, RFC 9051 date-time) strictly,
//! and RFC 5322 `Date:` header values (from ENVELOPE) leniently, including the obsolete forms
//! of RFC 5322 §4.3: missing weekday, 2- and 3-digit years, zone names, seconds omitted.
use crate::proto::datetime::DateTime;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month(s: &str) -> Option<u8> {
    let prefix = s.get(..3)?;
    MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(prefix))
        .map(|p| p as u8 + 1)
}

fn num<T: std::str::FromStr>(s: &str, min_len: usize, max_len: usize) -> Option<T> {
    if s.len() < min_len || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `+hhmm` / `-hhmm` → minutes east of UTC.
fn numeric_zone(z: &str) -> Option<i16> {
    let (sign, digits) = match z.as_bytes().first()? {
        b'+' => (1, &z[1..]),
        b'-' => (-1, &z[1..]),
        _ => return None,
    };
    if digits.len() != 4 {
        return None;
    }
    let h: i16 = num(&digits[..2], 2, 2)?;
    let m: i16 = num(&digits[2..], 2, 2)?;
    if m >= 60 {
        return None;
    }
    Some(sign * (h * 60 + m))
}

/// `hh:mm:ss` (seconds optional when `seconds_optional`).
fn time(t: &str, seconds_optional: bool) -> Option<(u8, u8, u8)> {
    let mut parts = t.split(':');
    let h = num(parts.next()?, 1, 2)?;
    let m = num(parts.next()?, 2, 2)?;
    let s = match parts.next() {
        Some(s) => num(s, 2, 2)?,
        None if seconds_optional => 0,
        None => return None,
    };
    if parts.next().is_some() {
        return None;
    }
    Some((h, m, s))
}

fn valid(d: DateTime) -> Option<DateTime> {
    d.is_valid().then_some(d)
}

/// INTERNALDATE: `dd-Mon-yyyy hh:mm:ss +zzzz`, the day possibly space-padded or one digit.
pub(crate) fn internal_date(raw: &[u8]) -> Option<DateTime> {
    let s = std::str::from_utf8(raw).ok()?.trim_start();
    let (date, rest) = s.split_once(' ')?;
    let (t, zone) = rest.split_once(' ')?;
    let mut dp = date.split('-');
    let day = num(dp.next()?, 1, 2)?;
    let month = month(dp.next().filter(|m| m.len() == 3)?)?;
    let year = num(dp.next()?, 4, 4)?;
    if dp.next().is_some() {
        return None;
    }
    let (hour, minute, second) = time(t, false)?;
    let offset_minutes = numeric_zone(zone)?;
    valid(DateTime {
        year,
        month,
        day,
        hour,
        minute,
        second,
        offset_minutes,
    })
}

/// Zone names of RFC 5322 §4.3. Military letters are treated as unknown (`-0000`, i.e. 0) as
/// that section advises.
fn named_zone(z: &str) -> Option<i16> {
    // Zone names are at most three letters: upper-cased on the stack.
    let mut buf = [0u8; 3];
    let upper = match buf.get_mut(..z.len()) {
        Some(b) => {
            b.copy_from_slice(z.as_bytes());
            b.make_ascii_uppercase();
            std::str::from_utf8(b).unwrap_or_default()
        }
        None => return None,
    };
    let h = match upper {
        "UT" | "UTC" | "GMT" | "Z" => 0,
        "EST" => -5,
        "EDT" => -4,
        "CST" => -6,
        "CDT" => -5,
        "MST" => -7,
        "MDT" => -6,
        "PST" => -8,
        "PDT" => -7,
        s if s.len() == 1 && s.as_bytes()[0].is_ascii_alphabetic() => 0,
        _ => return None,
    };
    Some(h * 60)
}

/// RFC 5322 date-time, leniently. `None` when it cannot be read or names an impossible date.
pub(crate) fn rfc5322(text: &str) -> Option<DateTime> {
    // Drop comments such as `(PDT)`; no nesting needed for dates.
    // Without parentheses (the usual case) no copy is needed: commas split like spaces.
    let clean = if text.contains(['(', ')']) {
        let mut clean = String::with_capacity(text.len());
        let mut depth = 0u32;
        for c in text.chars() {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                ',' if depth == 0 => clean.push(' '),
                _ if depth == 0 => clean.push(c),
                _ => {}
            }
        }
        std::borrow::Cow::Owned(clean)
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let mut tokens: Vec<&str> = clean
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    if tokens
        .first()
        .is_some_and(|t| t.bytes().all(|b| b.is_ascii_alphabetic()) && is_weekday(t))
    {
        tokens.remove(0);
    }
    // `17-Jul-1996` as one token.
    if tokens
        .first()
        .is_some_and(|t| t.contains('-') && !t.starts_with('-'))
    {
        let first = tokens.remove(0);
        for (k, part) in first.split('-').enumerate() {
            tokens.insert(k, part);
        }
    }
    let mut it = tokens.into_iter();
    let (day, month) = {
        let a = it.next()?;
        let b = it.next()?;
        match (num::<u8>(a, 1, 2), month(b)) {
            (Some(d), Some(m)) => (d, m),
            // `Jul 17 1996` (seen from some mailers).
            _ => (num(b, 1, 2)?, month(a)?),
        }
    };
    let year_s = it.next()?;
    let y: u16 = num(year_s, 2, 4)?;
    let year = match year_s.len() {
        2 if y < 50 => 2000 + y,
        2 | 3 => 1900 + y,
        _ => y,
    };
    let (hour, minute, second) = time(it.next()?, true)?;
    let offset_minutes = match it.next() {
        None => 0,
        Some(z) => numeric_zone(z).or_else(|| named_zone(z))?,
    };
    valid(DateTime {
        year,
        month,
        day,
        hour,
        minute,
        second,
        offset_minutes,
    })
}

fn is_weekday(t: &str) -> bool {
    t.get(..3).is_some_and(|p| {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            .iter()
            .any(|d| d.eq_ignore_ascii_case(p))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(
        year: u16,
        month: u8,
        day: u8,
        hour: u8,
        minute: u8,
        second: u8,
        offset_minutes: i16,
    ) -> DateTime {
        DateTime {
            year,
            month,
            day,
            hour,
            minute,
            second,
            offset_minutes,
        }
    }

    #[test]
    fn internal_dates() {
        assert_eq!(
            internal_date(b"17-Jul-1996 02:44:25 -0700"),
            Some(dt(1996, 7, 17, 2, 44, 25, -420))
        );
        assert_eq!(
            internal_date(b" 7-Jul-1996 02:44:25 +0530"),
            Some(dt(1996, 7, 7, 2, 44, 25, 330))
        );
        assert_eq!(
            internal_date(b"7-jul-1996 02:44:25 +0000"),
            Some(dt(1996, 7, 7, 2, 44, 25, 0))
        );
        assert_eq!(internal_date(b"30-Feb-1996 02:44:25 -0700"), None);
        assert_eq!(internal_date(b"17-Jul-1996 02:44 -0700"), None);
        assert_eq!(internal_date(b"17-Jly-1996 02:44:25 -0700"), None);
        assert_eq!(internal_date(b"17-Jul-1996 02:44:25"), None);
        assert_eq!(internal_date(b""), None);
    }

    #[test]
    fn rfc5322_dates() {
        let want = dt(1996, 7, 17, 2, 23, 25, -420);
        assert_eq!(rfc5322("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)"), Some(want));
        assert_eq!(rfc5322("17 Jul 1996 02:23:25 -0700"), Some(want));
        assert_eq!(rfc5322("Wed, 17 Jul 96 02:23:25 PDT"), Some(want));
        assert_eq!(
            rfc5322("Thu, 8 Jun 2023 11:37:19 +0200"),
            Some(dt(2023, 6, 8, 11, 37, 19, 120))
        );
        assert_eq!(
            rfc5322("Tue, 2 Aug 2022 15:00:47 +0000"),
            Some(dt(2022, 8, 2, 15, 0, 47, 0))
        );
        assert_eq!(
            rfc5322("1 Jan 05 00:00 GMT"),
            Some(dt(2005, 1, 1, 0, 0, 0, 0))
        );
        assert_eq!(
            rfc5322("1 Jan 105 00:00:00 UT"),
            Some(dt(2005, 1, 1, 0, 0, 0, 0))
        );
        assert_eq!(
            rfc5322("Mon,  1 Jan 2001 10:00:00 Z"),
            Some(dt(2001, 1, 1, 10, 0, 0, 0))
        );
        assert_eq!(
            rfc5322("Fri, 01 Jan 1999 23:59:59 EST"),
            Some(dt(1999, 1, 1, 23, 59, 59, -300))
        );
        assert_eq!(
            rfc5322("Sat, 8 Jan 2011 14:16:36 +0100"),
            Some(dt(2011, 1, 8, 14, 16, 36, 60))
        );
        assert_eq!(
            rfc5322("17-Jul-1996 02:44:25 -0700"),
            Some(dt(1996, 7, 17, 2, 44, 25, -420))
        );
    }

    #[test]
    fn malformed_dates() {
        assert_eq!(rfc5322(""), None);
        assert_eq!(rfc5322("yesterday"), None);
        assert_eq!(rfc5322("Wed, 31 Feb 1996 02:23:25 -0700"), None);
        assert_eq!(rfc5322("Wed, 17 Jul 1996 25:23:25 -0700"), None);
        assert_eq!(rfc5322("Wed, 17 Jul 1996 02:23:25 +9999"), None);
        assert_eq!(rfc5322("Wed, 17 Jul 1996 02:23:25 XYZ"), None);
    }
}
