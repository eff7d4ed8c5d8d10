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
}
