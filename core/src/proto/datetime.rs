//! Dates as IMAP sends them: INTERNALDATE (`"17-Jul-1996 02:44:25 -0700"`) and RFC 5322
//! `Date:` header values inside ENVELOPE.

/// A calendar date-time with the UTC offset the server gave. Kept as fields (no time-zone
/// database needed); `ffi/` and `python/` turn it into their native aware types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateTime {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    /// Offset from UTC in minutes (east positive), e.g. -420 for `-0700`.
    pub offset_minutes: i16,
}

impl DateTime {
    /// Seconds since the Unix epoch (UTC).
    pub fn unix_timestamp(&self) -> i64 {
        let days = days_from_civil(self.year as i64, self.month as i64, self.day as i64);
        days * 86_400 + self.hour as i64 * 3600 + self.minute as i64 * 60 + self.second as i64
            - self.offset_minutes as i64 * 60
    }

    /// The local time `offset_minutes` east of UTC at `unix_seconds`. `None` when the offset
    /// is a day or more, or the year falls outside 1..=9999 (what IMAP's date-time can carry).
    pub fn from_unix_timestamp(unix_seconds: i64, offset_minutes: i16) -> Option<DateTime> {
        if offset_minutes.abs() >= 24 * 60 {
            return None;
        }
        let local = unix_seconds.checked_add(i64::from(offset_minutes) * 60)?;
        let (days, secs) = (local.div_euclid(86_400), local.rem_euclid(86_400));
        let (year, month, day) = civil_from_days(days)?;
        Some(DateTime {
            year,
            month,
            day,
            hour: (secs / 3600) as u8,
            minute: (secs / 60 % 60) as u8,
            second: (secs % 60) as u8,
            offset_minutes,
        })
    }

    /// True when every field is in range (Feb 30 and month 13 are rejected).
    pub fn is_valid(&self) -> bool {
        let dim = match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (self.year % 4 == 0 && self.year % 100 != 0) || self.year % 400 == 0 => 29,
            2 => 28,
            _ => return false,
        };
        self.day >= 1
            && self.day <= dim
            && self.hour < 24
            && self.minute < 60
            && self.second <= 60
            && self.offset_minutes.abs() < 24 * 60
    }
}

// Howard Hinnant's days-from-civil algorithm.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

// Its inverse (same source); `None` outside years 1..=9999.
fn civil_from_days(z: i64) -> Option<(u16, u8, u8)> {
    let z = z.checked_add(719_468)?;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    if !(1..=9999).contains(&year) {
        return None;
    }
    Some((year as u16, month, day))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn unix_timestamp_known_answer() {
        // 17-Jul-1996 02:44:25 -0700 == 1996-07-17T09:44:25Z == 837596665
        let d = DateTime {
            year: 1996,
            month: 7,
            day: 17,
            hour: 2,
            minute: 44,
            second: 25,
            offset_minutes: -420,
        };
        assert!(d.is_valid());
        assert_eq!(d.unix_timestamp(), 837_596_665);
    }

    #[test]
    fn from_unix_timestamp_inverts_unix_timestamp() {
        let d = DateTime::from_unix_timestamp(837_596_665, -420).unwrap();
        assert_eq!(
            (
                d.year,
                d.month,
                d.day,
                d.hour,
                d.minute,
                d.second,
                d.offset_minutes
            ),
            (1996, 7, 17, 2, 44, 25, -420)
        );
        for &(t, off) in &[
            (0i64, 0i16),
            (951_782_400, 60),    // 2000-02-29 00:00 UTC: a leap day
            (-62_135_596_800, 0), // 0001-01-01T00:00:00Z
            (253_402_300_799, 0), // 9999-12-31T23:59:59Z
            (1_700_000_000, -719),
        ] {
            let d = DateTime::from_unix_timestamp(t, off).unwrap();
            assert!(d.is_valid(), "{d:?}");
            assert_eq!(d.unix_timestamp(), t, "{d:?}");
        }
        assert_eq!(DateTime::from_unix_timestamp(-62_135_596_801, 0), None);
        assert_eq!(DateTime::from_unix_timestamp(253_402_300_800, 0), None);
        assert_eq!(DateTime::from_unix_timestamp(0, 24 * 60), None);
        assert_eq!(DateTime::from_unix_timestamp(i64::MAX, 60), None);
    }
}
