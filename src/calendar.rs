//! Calendar days: the one place where dates are parsed, counted and printed.
//!
//! Days are [`jiff::civil::Date`]s (the calendar arithmetic is jiff's); this module adds what
//! the stages need on top: reading a publication date as inputs write it, day numbers for
//! distances between articles, and checked day arithmetic that never panics.

use jiff::civil::Date;
use jiff::{Span, ToSpan};

/// Years a day may have: four-digit years, so that every day prints as `YYYY-MM-DD`.
const YEARS: std::ops::RangeInclusive<i64> = 1..=9999;

/// The day `y-m-d`, when the numbers make one (February 30th does not).
pub fn day(y: i64, m: u32, d: u32) -> Option<Date> {
    if !YEARS.contains(&y) {
        return None;
    }
    Date::new(
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    )
    .ok()
}

/// The year of a day.
pub fn year(d: Date) -> i64 {
    i64::from(d.year())
}

/// The month of a day, 1–12.
pub fn month(d: Date) -> u32 {
    d.month().unsigned_abs().into()
}

/// Days since 1970-01-01 (negative before), for distances between days.
pub fn epoch_days(d: Date) -> i64 {
    let epoch = Date::constant(1970, 1, 1);
    // A span between two civil dates in days always fits (±7.3 million days).
    d.since(epoch).map_or(0, |s: Span| i64::from(s.get_days()))
}

/// The day `n` days after 1970-01-01, when it has a four-digit year.
pub fn from_epoch_days(n: i64) -> Option<Date> {
    plus_days(Date::constant(1970, 1, 1), n)
}

/// `d` plus `n` days (minus when negative), when the result has a four-digit year.
pub fn plus_days(d: Date, n: i64) -> Option<Date> {
    let n = i32::try_from(n).ok()?;
    let out = d.checked_add(n.days()).ok()?;
    YEARS.contains(&year(out)).then_some(out)
}

/// Day of the week, 0 = Monday.
pub fn weekday(d: Date) -> usize {
    d.weekday().to_monday_zero_offset().unsigned_abs().into()
}

/// `YYYY-MM-DD`.
pub fn iso(d: Date) -> String {
    let (y, m, dd) = (d.year(), d.month(), d.day());
    format!("{y:04}-{m:02}-{dd:02}")
}

/// Reads a publication date as inputs write it: an ISO 8601 date or date-time (the date is the
/// day as written, whatever the offset), `YYYY/MM/DD` or `YYYY.MM.DD`, `YYYYMMDD`, and
/// RFC 2822 or English month forms ("Tue, 05 May 2015 10:00:00 GMT", "May 5, 2015",
/// "5 May 2015"). `None` for anything else, or an impossible day.
pub fn parse_published(s: &str) -> Option<Date> {
    let s = s.trim();
    numeric_date(s).or_else(|| worded_date(s))
}

/// `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD` (anything may follow: a time, an offset) or
/// `YYYYMMDD` (eight digits, then nothing or a non-digit).
fn numeric_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let t = s.get(r)?;
        t.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| t.parse().ok())?
    };
    if b.len() >= 10 && matches!(b[4], b'-' | b'/' | b'.') && b[7] == b[4] {
        return day(num(0..4)?.into(), num(5..7)?, num(8..10)?);
    }
    let eight = b.len() >= 8 && b[..8].iter().all(u8::is_ascii_digit);
    if eight && b.get(8).is_none_or(|c| !c.is_ascii_digit()) {
        return day(num(0..4)?.into(), num(4..6)?, num(6..8)?);
    }
    None
}

/// A day (one or two digits), an English month name (a word starting with its first three
/// letters) and a four-digit year, in any order, with week day and time around them.
fn worded_date(s: &str) -> Option<Date> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let words: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let month = words
        .iter()
        .find_map(|w| MONTHS.iter().position(|m| w.starts_with(m)))?;
    let year = words
        .iter()
        .find_map(|w| (w.len() == 4).then(|| w.parse::<u32>().ok())?)?;
    let d = words.iter().find_map(|w| {
        let n = (w.len() <= 2).then(|| w.parse::<u32>().ok())??;
        (1..=31).contains(&n).then_some(n)
    })?;
    day(year.into(), month as u32 + 1, d)
}

/// The Monday of the week of `d`, moved `weeks` weeks on (back when negative).
pub fn monday_of_week(d: Date, weeks: i64) -> Option<Date> {
    plus_days(d, -(weekday(d) as i64) + 7 * weeks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        let d = day(2016, 12, 12).unwrap();
        assert_eq!(epoch_days(Date::constant(1970, 1, 1)), 0);
        assert_eq!(epoch_days(d), 17147);
        assert_eq!(from_epoch_days(17147), Some(d));
        assert_eq!(weekday(d), 0); // a Monday
        assert_eq!(
            iso(plus_days(day(2016, 3, 1).unwrap(), -1).unwrap()),
            "2016-02-29"
        );
        assert!(day(2015, 2, 29).is_none());
        assert!(plus_days(day(9999, 12, 31).unwrap(), 1).is_none());
    }

    #[test]
    fn publication_dates_as_written() {
        let d = day(2015, 5, 5);
        for s in [
            "2015-05-05",
            "2015-05-05T23:30:00-05:00",
            " 2015/05/05 ",
            "20150505",
            "Tue, 05 May 2015 10:00:00 GMT",
            "May 5, 2015",
            "5 May 2015",
        ] {
            assert_eq!(parse_published(s), d, "{s}");
        }
        for s in [
            "",
            "not a date",
            "2015-02-30",
            "2015-13-01",
            "201505051",
            "May 2015",
        ] {
            assert_eq!(parse_published(s), None, "{s}");
        }
    }
}
