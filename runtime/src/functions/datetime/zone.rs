// SPDX-License-Identifier: Apache-2.0
//! The session time zone (`spark.sql.session.timeZone`, forwarded to
//! DataFusion's `datafusion.execution.time_zone`) and Spark's conversions
//! between instants (`TIMESTAMP`, microseconds since the epoch in UTC) and
//! local date-times in it.
//!
//! A local time that does not exist (the gap of a DST change) is moved later
//! by the gap's length and an ambiguous one (the overlap) takes the earlier
//! offset, as Java's `ZonedDateTime.of` does for Spark.

use arrow::array::timezone::Tz;
use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone};
use datafusion::common::config::ConfigOptions;
use datafusion::common::{DataFusionError, Result};

/// The session's time zone; UTC when none is set.
pub(crate) fn session_zone(config: &ConfigOptions) -> Result<Tz> {
    parse_zone(config.execution.time_zone.as_deref().unwrap_or("UTC"))
}

/// Java's three-letter zone ids (`ZoneId.SHORT_IDS`), which Spark accepts.
const SHORT_IDS: &[(&str, &str)] = &[
    ("ACT", "Australia/Darwin"), ("AET", "Australia/Sydney"), ("AGT", "America/Argentina/Buenos_Aires"),
    ("ART", "Africa/Cairo"), ("AST", "America/Anchorage"), ("BET", "America/Sao_Paulo"), ("BST", "Asia/Dhaka"),
    ("CAT", "Africa/Harare"), ("CNT", "America/St_Johns"), ("CST", "America/Chicago"), ("CTT", "Asia/Shanghai"),
    ("EAT", "Africa/Addis_Ababa"), ("ECT", "Europe/Paris"), ("IET", "America/Indiana/Indianapolis"),
    ("IST", "Asia/Kolkata"), ("JST", "Asia/Tokyo"), ("MIT", "Pacific/Apia"), ("NET", "Asia/Yerevan"),
    ("NST", "Pacific/Auckland"), ("PLT", "Asia/Karachi"), ("PNT", "America/Phoenix"), ("PRT", "America/Puerto_Rico"),
    ("PST", "America/Los_Angeles"), ("SST", "Pacific/Guadalcanal"), ("VST", "Asia/Ho_Chi_Minh"),
    ("EST", "-05:00"), ("MST", "-07:00"), ("HST", "-10:00"),
];

/// A zone by Spark's names: region ids (`America/Los_Angeles`), Java's short
/// ids (`PST`) and offsets (`+08:00`, `UTC`, `Z`).
pub(crate) fn parse_zone(name: &str) -> Result<Tz> {
    let (name, normalized) = normalized_zone_name(name);
    normalized.parse::<Tz>().map_err(|_| DataFusionError::Execution(format!("invalid time zone {name}")))
}

/// The name with Java's short id resolved, and the name Arrow's `Tz` reads:
/// an offset (`+00:00` for `UTC`) or a region id.
fn normalized_zone_name(name: &str) -> (&str, &str) {
    let name = name.trim();
    let name = SHORT_IDS.iter().find(|(short, _)| *short == name).map_or(name, |(_, long)| long);
    let normalized = match name {
        "Z" | "UTC" | "GMT" | "UT" => "+00:00",
        other => other.strip_prefix("UTC").or_else(|| other.strip_prefix("GMT")).filter(|rest| !rest.is_empty()).unwrap_or(other),
    };
    (name, normalized)
}

/// The session zone's offset in seconds when it is a fixed offset: `UTC`,
/// `+08:00` (which Arrow's `Tz` reads as one) or one of the tz database's
/// `Etc/` zones (`Etc/UTC`, `Etc/GMT+5`), which have no transitions. `None`
/// for the other region ids.
pub(crate) fn session_fixed_offset(config: &ConfigOptions) -> Result<Option<i32>> {
    let name = config.execution.time_zone.as_deref().unwrap_or("UTC");
    let (_, normalized) = normalized_zone_name(name);
    if !(normalized.starts_with(['+', '-']) || normalized.starts_with("Etc/")) {
        return Ok(None);
    }
    let zone = parse_zone(name)?;
    Ok(Some(zone.offset_from_utc_datetime(&NaiveDateTime::default()).fix().local_minus_utc()))
}

/// The local date-time of an instant in `zone`.
pub(crate) fn local_of(micros: i64, zone: &Tz) -> Option<NaiveDateTime> {
    let utc = DateTime::from_timestamp_micros(micros)?.naive_utc();
    utc.checked_add_offset(zone.offset_from_utc_datetime(&utc).fix())
}

/// The instant of a local date-time in `zone`.
pub(crate) fn instant_of(local: NaiveDateTime, zone: &Tz) -> Option<i64> {
    let offset = match zone.offset_from_local_datetime(&local) {
        LocalResult::Single(offset) | LocalResult::Ambiguous(offset, _) => offset.fix(),
        // In a gap: the offset in force before it, which moves the time later by the gap.
        LocalResult::None => zone.offset_from_utc_datetime(&(local - Duration::days(1))).fix(),
    };
    Some(local.checked_sub_offset(offset)?.and_utc().timestamp_micros())
}

/// Days since the epoch of a date.
pub(crate) fn days_of(date: NaiveDate) -> i32 {
    i32::try_from(date.signed_duration_since(epoch()).num_days()).unwrap_or(i32::MAX)
}

/// The date `days` after the epoch.
pub(crate) fn date_of(days: i32) -> Option<NaiveDate> {
    epoch().checked_add_signed(Duration::days(i64::from(days)))
}

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

/// Local date-time from microseconds of a `TIMESTAMP_NTZ`.
pub(crate) fn naive_of(micros: i64) -> Option<NaiveDateTime> {
    Some(DateTime::from_timestamp_micros(micros)?.naive_utc())
}

/// Microseconds of a `TIMESTAMP_NTZ` from a local date-time.
pub(crate) fn micros_of_naive(local: NaiveDateTime) -> i64 {
    local.and_utc().timestamp_micros()
}

/// A date-time as Spark writes it: `2015-04-08 13:08:15`, fraction without trailing zeros.
pub(crate) fn spark_timestamp_string(local: NaiveDateTime) -> String {
    let mut text = local.format("%Y-%m-%d %H:%M:%S").to_string();
    let micros = local.and_utc().timestamp_subsec_micros();
    if micros != 0 {
        let fraction = format!("{micros:06}");
        text.push('.');
        text.push_str(fraction.trim_end_matches('0'));
    }
    text
}

/// A string read as Spark's `CAST(string AS TIMESTAMP)` reads it: `yyyy`,
/// `yyyy-[m]m`, `yyyy-[m]m-[d]d`, then optionally ` ` or `T`,
/// `[h]h:[m]m[:[s]s[.fraction]]` and a zone (`Z`, `+hh:mm`, a region id).
/// The local date-time and the zone, if one was written.
pub(crate) fn parse_spark_timestamp(text: &str) -> Option<(NaiveDateTime, Option<Tz>)> {
    let text = text.trim();
    let (date_part, rest) = match text.find([' ', 'T']) {
        Some(index) => (&text[..index], Some(&text[index + 1..])),
        None => (text, None),
    };
    let date = parse_spark_date_part(date_part)?;
    let Some(rest) = rest else {
        return Some((date.and_hms_opt(0, 0, 0)?, None));
    };
    // The time, then a zone starting at the first character that is not a digit, ':' or '.'.
    let zone_start = rest.find(|character: char| !(character.is_ascii_digit() || character == ':' || character == '.')).unwrap_or(rest.len());
    let (time_part, zone_part) = rest.split_at(zone_start);
    let zone = match zone_part.trim() {
        "" => None,
        zone => Some(parse_zone(zone).ok()?),
    };
    if time_part.is_empty() {
        return Some((date.and_hms_opt(0, 0, 0)?, zone));
    }
    let (clock, fraction) = match time_part.split_once('.') {
        Some((clock, fraction)) => (clock, Some(fraction)),
        None => (time_part, None),
    };
    let mut fields = clock.split(':');
    let hour = small_number(fields.next()?)?;
    let minute = small_number(fields.next()?)?;
    let second = match fields.next() {
        Some(second) => small_number(second)?,
        None if fraction.is_none() => 0,
        None => return None,
    };
    if fields.next().is_some() {
        return None;
    }
    let micros = match fraction {
        None => 0,
        Some(digits) if !digits.is_empty() && digits.len() <= 9 && digits.bytes().all(|b| b.is_ascii_digit()) => {
            let padded = format!("{digits:0<6}");
            padded[..6].parse::<u32>().ok()?
        }
        Some(_) => return None,
    };
    Some((date.and_hms_micro_opt(hour, minute, second, micros)?, zone))
}

/// The date of `yyyy`, `yyyy-[m]m` or `yyyy-[m]m-[d]d` (with an optional sign on the year).
pub(crate) fn parse_spark_date_part(text: &str) -> Option<NaiveDate> {
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, text.strip_prefix('+').unwrap_or(text)),
    };
    let mut fields = unsigned.split('-');
    let year_text = fields.next()?;
    if !(4..=7).contains(&year_text.len()) || !year_text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year = sign * year_text.parse::<i32>().ok()?;
    let month = fields.next().map(small_number).unwrap_or(Some(1))?;
    let day = fields.next().map(small_number).unwrap_or(Some(1))?;
    if fields.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

fn small_number(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 2 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_spark_timestamp_strings() {
        let (local, zone) = parse_spark_timestamp("2015-04-08 13:08:15.123").unwrap_or_default_for_test();
        assert_eq!(spark_timestamp_string(local), "2015-04-08 13:08:15.123");
        assert!(zone.is_none());
        assert!(parse_spark_timestamp("2015-4-8T1:2").is_some());
        assert!(parse_spark_timestamp("2015-04-08 13:08:15Z").is_some_and(|(_, zone)| zone.is_some()));
        assert!(parse_spark_timestamp("abc").is_none());
        assert!(parse_spark_timestamp("2015-13-01").is_none());
    }

    #[test]
    fn moves_times_in_a_gap_later() -> Result<()> {
        let zone = parse_zone("America/Los_Angeles")?;
        let in_gap = NaiveDate::from_ymd_opt(2020, 3, 8).and_then(|date| date.and_hms_opt(2, 30, 0));
        let instant = in_gap.and_then(|local| instant_of(local, &zone));
        let back = instant.and_then(|micros| local_of(micros, &zone)).map(spark_timestamp_string);
        assert_eq!(back.as_deref(), Some("2020-03-08 03:30:00"));
        Ok(())
    }

    trait OrDefault {
        fn unwrap_or_default_for_test(self) -> (NaiveDateTime, Option<Tz>);
    }

    impl OrDefault for Option<(NaiveDateTime, Option<Tz>)> {
        fn unwrap_or_default_for_test(self) -> (NaiveDateTime, Option<Tz>) {
            self.unwrap_or((NaiveDateTime::default(), None))
        }
    }
}
