// SPDX-License-Identifier: Apache-2.0
//! `date_format`'s fast path: a chrono format compiled once per call into
//! pieces that write a local date-time's fields as bytes, straight into the
//! result's value buffer.
//!
//! Only the items the analyzer's pattern translation emits are compiled
//! (`python/pyrust/sql/_functions/datetime_pattern.py`: `%Y`, `%m`, `%-d`,
//! `%b`, `%a`, `%p`, `%3f`, literals, ...), each to what chrono writes for it;
//! a format with any other item (`%z`) is written by chrono. A value whose
//! year has no four-digit form (before 0 or after 9999, which chrono writes
//! with a sign) is written by chrono too, so every value reads as chrono's.

use chrono::format::{Item, StrftimeItems};

/// One compiled item.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    /// A one-byte literal.
    Byte(u8),
    Literal(Box<str>),
    /// `%Y`: four digits (the year is in 0..=9999 here).
    Year,
    /// `%y`: the year's last two digits.
    YearOfCentury,
    Month { padded: bool },
    Day { padded: bool },
    /// Day of the year, three digits when padded.
    Ordinal { padded: bool },
    Hour { padded: bool },
    /// 1 to 12.
    Hour12 { padded: bool },
    Minute { padded: bool },
    Second { padded: bool },
    /// The fraction of the second in 3, 6 or 9 digits, without a dot.
    Fraction { digits: u32 },
    ShortMonthName,
    LongMonthName,
    ShortWeekdayName,
    LongWeekdayName,
    /// `AM` or `PM`.
    AmPm,
}

/// The chrono specifiers compiled, with their pieces.
const SPECIFIERS: &[(&str, Piece)] = &[
    ("%Y", Piece::Year),
    ("%y", Piece::YearOfCentury),
    ("%m", Piece::Month { padded: true }),
    ("%-m", Piece::Month { padded: false }),
    ("%d", Piece::Day { padded: true }),
    ("%-d", Piece::Day { padded: false }),
    ("%j", Piece::Ordinal { padded: true }),
    ("%-j", Piece::Ordinal { padded: false }),
    ("%H", Piece::Hour { padded: true }),
    ("%-H", Piece::Hour { padded: false }),
    ("%I", Piece::Hour12 { padded: true }),
    ("%-I", Piece::Hour12 { padded: false }),
    ("%M", Piece::Minute { padded: true }),
    ("%-M", Piece::Minute { padded: false }),
    ("%S", Piece::Second { padded: true }),
    ("%-S", Piece::Second { padded: false }),
    ("%3f", Piece::Fraction { digits: 3 }),
    ("%6f", Piece::Fraction { digits: 6 }),
    ("%9f", Piece::Fraction { digits: 9 }),
    ("%b", Piece::ShortMonthName),
    ("%B", Piece::LongMonthName),
    ("%a", Piece::ShortWeekdayName),
    ("%A", Piece::LongWeekdayName),
    ("%p", Piece::AmPm),
];

const LONG_MONTHS: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
/// From Sunday, as chrono's `num_days_from_sunday`.
const LONG_WEEKDAYS: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const SECONDS_PER_DAY: i64 = 86_400;
const MICROS_PER_SECOND: i64 = 1_000_000;

/// A local date-time's fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fields {
    year: i64,
    /// 1 to 12.
    month: u32,
    day: u32,
    /// 1 to 366.
    ordinal: u32,
    /// 0 for Sunday.
    weekday: u32,
    hour: u32,
    minute: u32,
    second: u32,
    nanosecond: u32,
}

/// The proleptic Gregorian date `days` after 1970-01-01 as (year, month,
/// day), by the era arithmetic of Howard Hinnant's `civil_from_days`.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let shifted = days + 719_468; // days since 0000-03-01
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted - era * 146_097; // 0 to 146096
    let year_of_era = (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100); // from March 1st
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 { month_from_march + 3 } else { month_from_march - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month as u32, day as u32)
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in the year before the first of each month (not a leap year).
const DAYS_BEFORE_MONTH: [u32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

impl Fields {
    /// The fields of a local date-time given as microseconds since 1970-01-01T00:00.
    fn of_local_micros(micros: i64) -> Fields {
        let seconds = micros.div_euclid(MICROS_PER_SECOND);
        let nanosecond = (micros.rem_euclid(MICROS_PER_SECOND) * 1_000) as u32;
        let days = seconds.div_euclid(SECONDS_PER_DAY);
        let second_of_day = seconds.rem_euclid(SECONDS_PER_DAY) as u32;
        let (year, month, day) = civil_from_days(days);
        let leap_day = u32::from(month > 2 && is_leap(year));
        Fields {
            year,
            month,
            day,
            ordinal: DAYS_BEFORE_MONTH[month as usize - 1] + day + leap_day,
            // 1970-01-01 was a Thursday.
            weekday: (days + 4).rem_euclid(7) as u32,
            hour: second_of_day / 3_600,
            minute: second_of_day / 60 % 60,
            second: second_of_day % 60,
            nanosecond,
        }
    }
}

/// The longest text the compiled path writes; a format that can write more
/// is left to chrono.
const MAX_LENGTH: usize = 96;

impl Piece {
    /// The most bytes the piece writes.
    fn max_length(&self) -> usize {
        match self {
            Piece::Literal(text) => text.len(),
            Piece::Byte(_) => 1,
            Piece::YearOfCentury | Piece::AmPm => 2,
            Piece::Year => 4,
            Piece::Month { .. } | Piece::Day { .. } | Piece::Hour { .. } | Piece::Hour12 { .. } => 2,
            Piece::Minute { .. } | Piece::Second { .. } => 2,
            Piece::Ordinal { .. } | Piece::ShortMonthName | Piece::ShortWeekdayName => 3,
            Piece::Fraction { digits } => *digits as usize,
            Piece::LongMonthName | Piece::LongWeekdayName => 9,
        }
    }
}

/// A chrono format compiled into pieces.
#[derive(Debug)]
pub(crate) struct CompiledFormat {
    pieces: Vec<Piece>,
}

impl CompiledFormat {
    /// The pieces of `items`, or `None` when one of them is not compiled.
    pub(crate) fn new(items: &[Item<'_>]) -> Option<CompiledFormat> {
        let references: Vec<(Item<'static>, &Piece)> = SPECIFIERS
            .iter()
            .filter_map(|(specifier, piece)| {
                let parsed = StrftimeItems::new(specifier).parse_to_owned().ok()?;
                match parsed.as_slice() {
                    [item] => Some((item.clone(), piece)),
                    _ => None,
                }
            })
            .collect();
        let literal = |text: &str| match text.as_bytes() {
            [byte] => Piece::Byte(*byte),
            _ => Piece::Literal(text.into()),
        };
        let pieces = items
            .iter()
            .map(|item| match item {
                Item::Literal(text) | Item::Space(text) => Some(literal(text)),
                Item::OwnedLiteral(text) | Item::OwnedSpace(text) => Some(literal(text)),
                other => references.iter().find(|(reference, _)| reference == other).map(|(_, piece)| (*piece).clone()),
            })
            .collect::<Option<Vec<Piece>>>()?;
        if pieces.iter().map(Piece::max_length).sum::<usize>() > MAX_LENGTH {
            return None;
        }
        Some(CompiledFormat { pieces })
    }

    /// Append the local date-time `local_micros` (microseconds since
    /// 1970-01-01T00:00) to `out`; false, with `out` as it was, when its year
    /// is outside 0..=9999 (for chrono to write).
    pub(crate) fn write(&self, local_micros: i64, out: &mut Vec<u8>) -> bool {
        let fields = Fields::of_local_micros(local_micros);
        if !(0..=9_999).contains(&fields.year) {
            return false;
        }
        // The value is written into a buffer on the stack, then appended in one copy.
        let mut text = Text { bytes: [0; MAX_LENGTH], length: 0 };
        for piece in &self.pieces {
            match piece {
                Piece::Byte(byte) => text.push(*byte),
                Piece::Literal(literal) => text.push_all(literal.as_bytes()),
                Piece::Year => text.push_padded(fields.year as u32, 4),
                Piece::YearOfCentury => text.push_padded((fields.year % 100) as u32, 2),
                Piece::Month { padded } => text.push_number(fields.month, *padded, 2),
                Piece::Day { padded } => text.push_number(fields.day, *padded, 2),
                Piece::Ordinal { padded } => text.push_number(fields.ordinal, *padded, 3),
                Piece::Hour { padded } => text.push_number(fields.hour, *padded, 2),
                Piece::Hour12 { padded } => {
                    let hour = match fields.hour % 12 {
                        0 => 12,
                        hour => hour,
                    };
                    text.push_number(hour, *padded, 2);
                }
                Piece::Minute { padded } => text.push_number(fields.minute, *padded, 2),
                Piece::Second { padded } => text.push_number(fields.second, *padded, 2),
                Piece::Fraction { digits } => text.push_padded(fields.nanosecond / 10u32.pow(9 - digits), *digits as usize),
                Piece::ShortMonthName => text.push_all(&LONG_MONTHS[fields.month as usize - 1].as_bytes()[..3]),
                Piece::LongMonthName => text.push_all(LONG_MONTHS[fields.month as usize - 1].as_bytes()),
                Piece::ShortWeekdayName => text.push_all(&LONG_WEEKDAYS[fields.weekday as usize].as_bytes()[..3]),
                Piece::LongWeekdayName => text.push_all(LONG_WEEKDAYS[fields.weekday as usize].as_bytes()),
                Piece::AmPm => text.push_all(if fields.hour < 12 { b"AM" } else { b"PM" }),
            }
        }
        out.extend_from_slice(&text.bytes[..text.length]);
        true
    }
}

/// One value's text; the compiled format never writes more than `MAX_LENGTH` bytes.
struct Text {
    bytes: [u8; MAX_LENGTH],
    length: usize,
}

impl Text {
    #[inline]
    fn push(&mut self, byte: u8) {
        self.bytes[self.length] = byte;
        self.length += 1;
    }

    #[inline]
    fn push_all(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.push(*byte);
        }
    }

    /// `value` in decimal, zero-padded to `width` digits when `padded`.
    #[inline]
    fn push_number(&mut self, value: u32, padded: bool, width: usize) {
        let digits = match (padded, value) {
            (true, _) => width,
            (false, 0..=9) => 1,
            (false, 10..=99) => 2,
            (false, _) => 3,
        };
        self.push_padded(value, digits);
    }

    /// The last `width` decimal digits of `value`, zero-padded.
    #[inline]
    fn push_padded(&mut self, mut value: u32, width: usize) {
        let end = self.length + width;
        for digit in self.bytes[self.length..end].iter_mut().rev() {
            *digit = b'0' + (value % 10) as u8;
            value /= 10;
        }
        self.length = end;
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;

    use chrono::{DateTime, Datelike, NaiveDate};

    use super::*;

    fn items(format: &str) -> Vec<Item<'static>> {
        StrftimeItems::new(format).parse_to_owned().unwrap_or_default()
    }

    /// What chrono writes for the local date-time `micros`.
    fn chrono_text(micros: i64, items: &[Item<'static>]) -> Option<String> {
        let local = DateTime::from_timestamp_micros(micros)?.naive_utc();
        let mut text = String::new();
        write!(text, "{}", local.format_with_items(items.iter())).ok()?;
        Some(text)
    }

    fn compiled_text(micros: i64, format: &CompiledFormat) -> Option<String> {
        let mut out = Vec::new();
        format.write(micros, &mut out).then(|| String::from_utf8(out).unwrap_or_default())
    }

    #[test]
    fn the_days_are_chronos() {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
        for days in (-800_000..3_000_000).step_by(97).chain(-1_000..1_000) {
            let date = epoch + chrono::Duration::days(days);
            let (year, month, day) = civil_from_days(days);
            assert_eq!((year, month, day), (i64::from(date.year()), date.month(), date.day()), "{days}");
            let fields = Fields::of_local_micros(days * SECONDS_PER_DAY * MICROS_PER_SECOND);
            assert_eq!(fields.ordinal, date.ordinal(), "{days}");
            assert_eq!(fields.weekday, date.weekday().num_days_from_sunday(), "{days}");
        }
    }

    #[test]
    fn writes_as_chrono_writes() {
        let formats = [
            "%Y-%m-%d %H:%M",
            "%H:%M:%S%3f",
            "%Y-%m-%d %H:%M:%S.%3f",
            "%-d/%-m/%y %-H:%-M:%-S %6f %9f",
            "%j %-j %I %-I %p",
            "%a %A %b %B",
            "'T' %Y'x'%% é 日本 ✓",
            "",
            "   %Y  ",
        ];
        // Instants around the epoch, year 0 and 9999 (where chrono's `%Y` takes a
        // sign), leap days, every hour of a day, sub-second values.
        let mut instants: Vec<i64> = vec![
            0,
            -1,
            1,
            999_999,
            -999_999,
            1_428_523_695_123_456,
            -62_167_219_200_000_000, // 0000-01-01
            -62_167_219_200_000_001,
            253_402_300_799_999_999, // 9999-12-31T23:59:59.999999
            253_402_300_800_000_000, // 10000-01-01
            951_782_400_000_000,     // 2000-02-29
            -2_203_891_200_000_000,  // 1900-03-01
        ];
        instants.extend((0..48).map(|half_hour| 1_700_000_000_000_000 + half_hour * 1_800_000_000 + half_hour * 7));
        instants.extend((0..20_000).map(|step: i64| step.wrapping_mul(6_364_136_223_846_793_005) % 400_000_000_000_000_000));
        for format in formats {
            let items = items(format);
            let compiled = CompiledFormat::new(&items);
            assert!(compiled.is_some(), "{format} is not compiled");
            let Some(compiled) = compiled else { continue };
            for micros in &instants {
                let expected = chrono_text(*micros, &items);
                let year = DateTime::from_timestamp_micros(*micros).map(|instant| instant.year());
                match compiled_text(*micros, &compiled) {
                    Some(text) => assert_eq!(Some(text), expected, "{format} {micros}"),
                    None => assert!(year.is_none_or(|year| !(0..=9_999).contains(&year)), "{format} {micros}"),
                }
            }
        }
    }

    #[test]
    fn leaves_other_items_to_chrono() {
        assert!(CompiledFormat::new(&items("%Y %z")).is_none());
        assert!(CompiledFormat::new(&items("%e")).is_none());
        assert!(CompiledFormat::new(&items("%.f")).is_none());
        assert!(CompiledFormat::new(&items("%Y")).is_some());
        assert!(CompiledFormat::new(&items(&"x".repeat(MAX_LENGTH + 1))).is_none());
    }
}
