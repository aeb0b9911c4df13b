// SPDX-License-Identifier: Apache-2.0
//! Dates and timestamps as the JSON and CSV functions read and write them:
//! with a chrono format the analyzer translated from the Spark pattern of an
//! option (`dateFormat`, `timestampFormat`, `timestampNTZFormat`), else with
//! Spark's defaults (reading as `CAST(string AS DATE/TIMESTAMP)` does; writing
//! `yyyy-MM-dd` and `yyyy-MM-dd'T'HH:mm:ss.SSSXXX`).

use arrow::array::timezone::Tz;
use chrono::format::{Parsed, StrftimeItems, parse};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone};

use crate::functions::datetime::zone::{
    date_of, days_of, instant_of, local_of, micros_of_naive, naive_of, parse_spark_date_part, parse_spark_timestamp,
};

/// Formats of dates and timestamps, and the session time zone.
#[derive(Debug, Clone)]
pub(crate) struct DatetimeFormats {
    pub(crate) date: Option<String>,
    pub(crate) timestamp: Option<String>,
    pub(crate) timestamp_ntz: Option<String>,
    pub(crate) zone: Tz,
}

fn parse_with(format: &str, text: &str) -> Option<Parsed> {
    let mut parsed = Parsed::new();
    parse(&mut parsed, text, StrftimeItems::new(format)).ok()?;
    Some(parsed)
}

fn local_of_parsed(parsed: &Parsed) -> Option<NaiveDateTime> {
    let date = parsed.to_naive_date().ok()?;
    let time = parsed.to_naive_time().unwrap_or(NaiveTime::MIN);
    Some(date.and_time(time))
}

impl DatetimeFormats {
    /// Days since the epoch of a date text.
    pub(crate) fn read_date(&self, text: &str) -> Option<i32> {
        match &self.date {
            Some(format) => Some(days_of(parse_with(format, text)?.to_naive_date().ok()?)),
            None => {
                // Spark's default reads `yyyy-MM-dd` and falls back to the cast's rules.
                let trimmed = text.trim();
                let date_part = trimmed.split([' ', 'T']).next().unwrap_or(trimmed);
                parse_spark_date_part(date_part).map(days_of)
            }
        }
    }

    /// Microseconds since the epoch of a `TIMESTAMP` text, in the session zone unless it names one.
    pub(crate) fn read_timestamp(&self, text: &str) -> Option<i64> {
        match &self.timestamp {
            Some(format) => {
                let parsed = parse_with(format, text)?;
                let local = local_of_parsed(&parsed)?;
                match parsed.offset {
                    Some(offset) => Some(micros_of_naive(local) - i64::from(offset) * 1_000_000),
                    None => instant_of(local, &self.zone),
                }
            }
            None => {
                let (local, zone) = parse_spark_timestamp(text)?;
                instant_of(local, zone.as_ref().unwrap_or(&self.zone))
            }
        }
    }

    /// Microseconds of a `TIMESTAMP_NTZ` text.
    pub(crate) fn read_timestamp_ntz(&self, text: &str) -> Option<i64> {
        match &self.timestamp_ntz {
            Some(format) => Some(micros_of_naive(local_of_parsed(&parse_with(format, text)?)?)),
            None => match parse_spark_timestamp(text)? {
                (local, None) => Some(micros_of_naive(local)),
                (_, Some(_)) => None,
            },
        }
    }

    /// A date as text.
    pub(crate) fn write_date(&self, days: i32) -> String {
        let date = date_of(days).unwrap_or(NaiveDate::MIN);
        match &self.date {
            Some(format) => date.format(format).to_string(),
            None => date.format("%Y-%m-%d").to_string(),
        }
    }

    /// A `TIMESTAMP` as text, in the session zone.
    pub(crate) fn write_timestamp(&self, micros: i64) -> String {
        let local = local_of(micros, &self.zone).unwrap_or_default();
        match &self.timestamp {
            Some(format) => match self.zone.from_local_datetime(&local).earliest() {
                Some(zoned) => zoned.format(format).to_string(),
                None => local.format(format).to_string(),
            },
            None => {
                let offset = self
                    .zone
                    .from_local_datetime(&local)
                    .earliest()
                    .map(|zoned| zoned.offset().fix().local_minus_utc())
                    .unwrap_or_default();
                format!("{}{}", local.format("%Y-%m-%dT%H:%M:%S%.3f"), offset_text(offset))
            }
        }
    }

    /// A `TIMESTAMP_NTZ` as text.
    pub(crate) fn write_timestamp_ntz(&self, micros: i64) -> String {
        let local = naive_of(micros).unwrap_or_default();
        match &self.timestamp_ntz {
            Some(format) => local.format(format).to_string(),
            None => local.format("%Y-%m-%dT%H:%M:%S%.3f").to_string(),
        }
    }
}

/// An offset as Spark's `XXX` writes it: `Z`, `-08:00`, `+05:30:15`.
fn offset_text(seconds: i32) -> String {
    if seconds == 0 {
        return "Z".to_string();
    }
    let sign = if seconds < 0 { '-' } else { '+' };
    let magnitude = seconds.unsigned_abs();
    let (hours, minutes, rest) = (magnitude / 3600, magnitude / 60 % 60, magnitude % 60);
    if rest == 0 { format!("{sign}{hours:02}:{minutes:02}") } else { format!("{sign}{hours:02}:{minutes:02}:{rest:02}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::functions::datetime::zone::parse_zone;

    #[test]
    fn writes_spark_default_timestamps() -> datafusion::common::Result<()> {
        let formats = DatetimeFormats { date: None, timestamp: None, timestamp_ntz: None, zone: parse_zone("America/Los_Angeles")? };
        let micros = formats.read_timestamp("2022-02-22 10:11:12.123456");
        assert_eq!(micros.map(|micros| formats.write_timestamp(micros)).as_deref(), Some("2022-02-22T10:11:12.123-08:00"));
        assert_eq!(formats.read_date("2022-02-22").map(|days| formats.write_date(days)).as_deref(), Some("2022-02-22"));
        assert_eq!(formats.read_date("2022/02/22"), None);
        Ok(())
    }
}
