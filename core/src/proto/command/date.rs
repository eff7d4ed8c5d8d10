//! Dates as commands carry them: `date` in SEARCH (`1-Feb-1994`) and `date-time` in APPEND
//! (`"17-Jul-1996 02:44:25 -0700"`).
use crate::error::{Error, Result};
use crate::proto::datetime::DateTime;
use std::fmt;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A calendar day, for the date search keys (BEFORE, ON, SINCE, SENT*, SAVED*). Built with
/// [`Date::new`], so it is always a real day with a four-digit year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Result<Self> {
        let probe = DateTime {
            year,
            month,
            day,
            hour: 0,
            minute: 0,
            second: 0,
            offset_minutes: 0,
        };
        if !(1..=9999).contains(&year) || !probe.is_valid() {
            return Err(Error::invalid(format!(
                "invalid date {year:04}-{month:02}-{day:02}"
            )));
        }
        Ok(Date { year, month, day })
    }

    pub fn year(&self) -> u16 {
        self.year
    }
    pub fn month(&self) -> u8 {
        self.month
    }
    pub fn day(&self) -> u8 {
        self.day
    }
}

impl fmt::Display for Date {
    /// `date-text`: `1-Feb-1994`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{}-{:04}",
            self.day,
            MONTHS[self.month as usize - 1],
            self.year
        )
    }
}

/// `date-time` with its quotes: `"17-Jul-1996 02:44:25 -0700"`, day padded with a space.
pub(super) fn date_time(d: &DateTime) -> Result<String> {
    if !d.is_valid() || !(1..=9999).contains(&d.year) || d.second > 59 {
        return Err(Error::invalid(format!("invalid date-time {d:?}")));
    }
    let off = d.offset_minutes.unsigned_abs();
    Ok(format!(
        "\"{:>2}-{}-{:04} {:02}:{:02}:{:02} {}{:02}{:02}\"",
        d.day,
        MONTHS[d.month as usize - 1],
        d.year,
        d.hour,
        d.minute,
        d.second,
        if d.offset_minutes < 0 { '-' } else { '+' },
        off / 60,
        off % 60
    ))
}
