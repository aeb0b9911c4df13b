// SPDX-License-Identifier: Apache-2.0
//! Timestamps written and read with a pattern: `date_format`, `to_timestamp`
//! and its relatives. The analyzer translates Spark's pattern letters into a
//! chrono format (`python/pyrust/sql/_functions/datetime_pattern.py`) and
//! refuses what it cannot translate, so these take chrono's format.

use std::fmt::Write;
use std::sync::Arc;

use arrow::array::timezone::Tz;
use arrow::array::{Array, ArrayRef, AsArray, StringArray, TimestampMicrosecondArray};
use arrow::buffer::{Buffer, OffsetBuffer, ScalarBuffer};
use arrow::compute::cast;
use arrow::datatypes::{DataType, TimeUnit, TimestampMicrosecondType};
use chrono::format::{Item, Parsed, StrftimeItems, parse, parse_and_remainder};
use chrono::{DateTime, NaiveDateTime, Offset, TimeZone};
use datafusion::common::{DataFusionError, Result, ScalarValue, exec_err};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};

use super::compiled_format::CompiledFormat;
use super::spark_pattern;
use super::zone::{instant_of, micros_of_naive, naive_of, session_fixed_offset, session_zone};
use crate::error::Error;

/// The format argument: a literal string of chrono's format.
fn format_items(name: &str, value: &ColumnarValue) -> Result<Vec<Item<'static>>> {
    let text = match value {
        ColumnarValue::Scalar(ScalarValue::Utf8(Some(text)) | ScalarValue::LargeUtf8(Some(text)) | ScalarValue::Utf8View(Some(text))) => text.clone(),
        _ => return exec_err!("{name} takes a literal format"),
    };
    let items = StrftimeItems::new(&text).parse_to_owned().map_err(|_| DataFusionError::Execution(format!("{name}: bad format {text}")))?;
    Ok(items)
}

/// `date_format(timestamp, format)`: a `TIMESTAMP` written in the session time zone.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct FormatTimestamp {
    signature: Signature,
}

impl FormatTimestamp {
    pub(crate) fn udf() -> ScalarUDF {
        ScalarUDF::new_from_impl(FormatTimestamp { signature: Signature::any(2, Volatility::Stable) })
    }
}

impl ScalarUDFImpl for FormatTimestamp {
    fn name(&self) -> &str {
        "date_format"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let [value, format] = args.args.as_slice() else {
            return exec_err!("date_format takes two arguments");
        };
        let items = format_items("date_format", format)?;
        let zone = session_zone(&args.config_options)?;
        let fixed_offset = session_fixed_offset(&args.config_options)?;
        let compiled = CompiledFormat::new(&items);
        super::super::apply_unary(value, |values| {
            let zoned = matches!(values.data_type(), DataType::Timestamp(_, Some(_)));
            let values = cast(values, &DataType::Timestamp(TimeUnit::Microsecond, None))?;
            let micros = values.as_primitive::<TimestampMicrosecondType>();
            let local = match (zoned, fixed_offset) {
                (false, _) => Local::Naive,
                (true, Some(offset)) => Local::Shifted(i64::from(offset) * 1_000_000),
                (true, None) => Local::Zone(&zone),
            };
            let writer = Writer { compiled: compiled.as_ref(), items: &items, zoned, zone: &zone, local };
            writer.write_all(micros)
        })
    }
}

/// How an instant's local date-time is found.
#[derive(Clone, Copy)]
enum Local<'a> {
    /// It is one already (`TIMESTAMP_NTZ`).
    Naive,
    /// The session zone is a fixed offset, in microseconds.
    Shifted(i64),
    /// The session zone's offset at the instant.
    Zone(&'a Tz),
}

impl Local<'_> {
    /// The local date-time's microseconds since 1970-01-01T00:00.
    fn local_micros(self, micros: i64) -> Option<i64> {
        match self {
            Local::Naive => Some(micros),
            Local::Shifted(shift) => micros.checked_add(shift),
            Local::Zone(zone) => {
                let utc = DateTime::from_timestamp_micros(micros)?.naive_utc();
                let offset = zone.offset_from_utc_datetime(&utc).fix().local_minus_utc();
                micros.checked_add(i64::from(offset) * 1_000_000)
            }
        }
    }
}

/// Writes `date_format`'s values into one buffer: the compiled format where
/// it can, chrono otherwise.
struct Writer<'a> {
    compiled: Option<&'a CompiledFormat>,
    items: &'a [Item<'static>],
    zoned: bool,
    zone: &'a Tz,
    local: Local<'a>,
}

impl Writer<'_> {
    fn write_all(&self, micros: &TimestampMicrosecondArray) -> Result<ArrayRef> {
        let rows = micros.len();
        let mut text = Vec::with_capacity(rows * 20);
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0i32);
        let mut scratch = String::new();
        let nulls = micros.nulls();
        for (row, value) in micros.values().iter().enumerate() {
            if nulls.is_none_or(|nulls| nulls.is_valid(row)) {
                let fast = match (self.compiled, self.local.local_micros(*value)) {
                    (Some(compiled), Some(local)) => compiled.write(local, &mut text),
                    _ => false,
                };
                if !fast {
                    scratch.clear();
                    write_one(&mut scratch, *value, self.zoned, self.zone, self.items)?;
                    text.extend_from_slice(scratch.as_bytes());
                }
            }
            let Ok(end) = i32::try_from(text.len()) else {
                return exec_err!("date_format: more than 2 GiB of text in one batch");
            };
            offsets.push(end);
        }
        let array = StringArray::try_new(OffsetBuffer::new(ScalarBuffer::from(offsets)), Buffer::from_vec(text), micros.nulls().cloned())?;
        Ok(Arc::new(array))
    }
}

/// chrono's text of one value, appended to `text`.
fn write_one(text: &mut String, micros: i64, zoned: bool, zone: &Tz, items: &[Item<'static>]) -> Result<()> {
    let written = if zoned {
        let instant = DateTime::from_timestamp_micros(micros).ok_or_else(|| DataFusionError::Execution("timestamp out of range".into()))?;
        write!(text, "{}", instant.with_timezone(zone).format_with_items(items.iter()))
    } else {
        let local = naive_of(micros).ok_or_else(|| DataFusionError::Execution("timestamp out of range".into()))?;
        write!(text, "{}", local.format_with_items(items.iter()))
    };
    written.map_err(|_| DataFusionError::Execution("date_format: the pattern does not fit the value".into()))
}

/// What a failed parse gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum OnError {
    /// Spark's `CANNOT_PARSE_TIMESTAMP`.
    Fail,
    Null,
}

/// `to_timestamp(string, format)` and relatives: a string read with a format,
/// as a `TIMESTAMP` (a local time in the session time zone unless the text
/// has an offset) or a `TIMESTAMP_NTZ`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct ParseTimestamp {
    name: &'static str,
    zoned: bool,
    on_error: OnError,
    /// The format is Spark's pattern, per row (else a literal chrono format).
    by_row: bool,
    signature: Signature,
}

impl ParseTimestamp {
    pub(crate) fn udf(name: &'static str, zoned: bool, on_error: OnError) -> ScalarUDF {
        ScalarUDF::new_from_impl(ParseTimestamp { name, zoned, on_error, by_row: false, signature: Signature::any(2, Volatility::Stable) })
    }

    /// The function whose format is a column of Spark patterns.
    pub(crate) fn by_row_udf(name: &'static str, zoned: bool, on_error: OnError) -> ScalarUDF {
        ScalarUDF::new_from_impl(ParseTimestamp { name, zoned, on_error, by_row: true, signature: Signature::any(2, Volatility::Stable) })
    }

    fn target(&self) -> DataType {
        DataType::Timestamp(TimeUnit::Microsecond, self.zoned.then(|| "UTC".into()))
    }
}

impl ScalarUDFImpl for ParseTimestamp {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(self.target())
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let [value, format] = args.args.as_slice() else {
            return exec_err!("{} takes two arguments", self.name);
        };
        if self.by_row {
            let patterns = format.to_array(args.number_rows)?;
            return self.parse_with_row_patterns(value, &patterns, &args);
        }
        let items = format_items(self.name, format)?;
        let zone = session_zone(&args.config_options)?;
        super::super::apply_unary(value, |values| {
            let strings = cast(values, &DataType::Utf8)?;
            let strings = strings.as_string::<i32>();
            let mut out = Vec::with_capacity(strings.len());
            for text in strings.iter() {
                let Some(text) = text else {
                    out.push(None);
                    continue;
                };
                let micros = parse_one(text, &items, self.zoned.then_some(&zone));
                match (micros, self.on_error) {
                    (Some(micros), _) => out.push(Some(micros)),
                    (None, OnError::Null) => out.push(None),
                    (None, OnError::Fail) => return Err(cannot_parse(text, &items)),
                }
            }
            let array = TimestampMicrosecondArray::from(out);
            Ok(Arc::new(if self.zoned { array.with_timezone("UTC") } else { array }) as ArrayRef)
        })
    }
}

impl ParseTimestamp {
    /// A format given per row, in Spark's pattern letters (the analyzer passes
    /// a literal one translated, and a column as it is).
    fn parse_with_row_patterns(&self, value: &ColumnarValue, patterns: &ArrayRef, args: &ScalarFunctionArgs) -> Result<ColumnarValue> {
        let zone = session_zone(&args.config_options)?;
        let rows = args.number_rows;
        let strings = cast(&value.to_array(rows)?, &DataType::Utf8)?;
        let strings = strings.as_string::<i32>();
        let patterns = cast(patterns, &DataType::Utf8)?;
        let patterns = patterns.as_string::<i32>();
        let mut out = Vec::with_capacity(rows);
        let mut cached: Option<(String, Vec<Item<'static>>)> = None;
        for row in 0..rows {
            if strings.is_null(row) || patterns.is_null(row) {
                out.push(None);
                continue;
            }
            let pattern = patterns.value(row);
            if cached.as_ref().is_none_or(|(text, _)| text != pattern) {
                let chrono_format = spark_pattern::to_chrono(pattern).ok_or_else(|| {
                    DataFusionError::External(Box::new(Error::Unsupported(format!("the datetime pattern '{pattern}' given per row"))))
                })?;
                let items = StrftimeItems::new(&chrono_format).parse_to_owned().map_err(|_| {
                    DataFusionError::External(Box::new(Error::Unsupported(format!("the datetime pattern '{pattern}' given per row"))))
                })?;
                cached = Some((pattern.to_string(), items));
            }
            let Some((_, items)) = cached.as_ref() else {
                return exec_err!("{}: no pattern", self.name);
            };
            let text = strings.value(row);
            match (parse_one(text, items, self.zoned.then_some(&zone)), self.on_error) {
                (Some(micros), _) => out.push(Some(micros)),
                (None, OnError::Null) => out.push(None),
                (None, OnError::Fail) => return Err(cannot_parse(text, items)),
            }
        }
        let array = TimestampMicrosecondArray::from(out);
        Ok(ColumnarValue::Array(Arc::new(if self.zoned { array.with_timezone("UTC") } else { array })))
    }
}

/// The microseconds of `text` read with `items`; fields not in the format
/// take Spark's defaults (1970-01-01 00:00:00).
pub(crate) fn parse_one(text: &str, items: &[Item<'static>], zone: Option<&Tz>) -> Option<i64> {
    let mut parsed = Parsed::new();
    parse(&mut parsed, text, items.iter()).ok()?;
    if parsed.year().is_none() && parsed.year_div_100().is_none() && parsed.year_mod_100().is_none() {
        parsed.set_year(1970).ok()?;
    }
    if parsed.year().is_none() && parsed.year_div_100().is_none() {
        // A two-digit year is 2000-2099, as Spark's `yy`.
        parsed.set_year_div_100(20).ok()?;
    }
    if parsed.month().is_none() && parsed.ordinal().is_none() {
        parsed.set_month(1).ok()?;
    }
    if parsed.day().is_none() && parsed.ordinal().is_none() {
        parsed.set_day(1).ok()?;
    }
    if parsed.hour_div_12().is_none() {
        parsed.set_ampm(false).ok()?;
    }
    if parsed.hour_mod_12().is_none() {
        parsed.set_hour12(12).ok()?;
    }
    if parsed.minute().is_none() {
        parsed.set_minute(0).ok()?;
    }
    let date = parsed.to_naive_date().ok()?;
    let time = parsed.to_naive_time().ok()?;
    let local = NaiveDateTime::new(date, time);
    match (parsed.offset(), zone) {
        (Some(offset), _) => Some(local.and_utc().timestamp_micros() - i64::from(offset) * 1_000_000),
        (None, Some(zone)) => instant_of(local, zone),
        (None, None) => Some(micros_of_naive(local)),
    }
}

/// Where reading `text` with `items` stops: after the longest run of items that reads.
fn failure_index(text: &str, items: &[Item<'static>]) -> usize {
    (0..=items.len())
        .rev()
        .find_map(|count| {
            let mut parsed = Parsed::new();
            parse_and_remainder(&mut parsed, text, items[..count].iter()).ok().map(|rest| text.len() - rest.len())
        })
        .unwrap_or(0)
}

/// Spark's `CANNOT_PARSE_TIMESTAMP`.
fn cannot_parse(text: &str, items: &[Item<'static>]) -> DataFusionError {
    let index = failure_index(text, items);
    let message = format!("Text '{text}' could not be parsed at index {index}");
    let parameters = [("message", message.clone()), ("func", "`try_to_timestamp`".to_string())];
    let full = format!(
        "[CANNOT_PARSE_TIMESTAMP] {message}. Use `try_to_timestamp` to tolerate invalid input string and return NULL instead."
    );
    DataFusionError::External(Box::new(Error::execution("CANNOT_PARSE_TIMESTAMP", parameters, full)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(format: &str) -> Vec<Item<'static>> {
        StrftimeItems::new(format).parse_to_owned().unwrap_or_default()
    }

    #[test]
    fn reads_with_defaults() {
        let day = parse_one("08/04/2015", &items("%d/%m/%Y"), None);
        assert_eq!(day, Some(1_428_451_200_000_000));
        let with_time = parse_one("08/04/2015 1:2", &items("%d/%m/%Y %-H:%-M"), None);
        assert_eq!(with_time, Some(1_428_451_200_000_000 + 3_720_000_000));
        assert_eq!(parse_one("2015-04-08", &items("%Y-%m-%d %H"), None), None);
        assert_eq!(parse_one("bad", &items("%Y"), None), None);
    }

    /// The compiled path and the fixed-offset shortcut write what chrono
    /// writes, value by value, in region zones (DST changes, historical
    /// offsets in seconds), fixed offsets and without a zone.
    #[test]
    fn the_fast_path_writes_as_chrono() -> Result<()> {
        let mut values: Vec<Option<i64>> = vec![None, Some(0), Some(-1), Some(i64::MIN), Some(i64::MAX), None];
        // Around the 2020 DST changes in Los Angeles, a pre-1900 local mean time,
        // years 0 and 10000, and a spread of instants.
        values.extend((0..200).map(|step: i64| Some(1_583_650_800_000_000 + step * 450_000_000_123)));
        values.extend([Some(-2_717_640_000_000_000), Some(-62_167_219_200_000_001), Some(253_402_300_800_000_000)]);
        values.extend((0..5_000).map(|step: i64| Some(step.wrapping_mul(6_364_136_223_846_793_005) % 70_000_000_000_000_000)));
        let array = TimestampMicrosecondArray::from(values.clone());
        let formats = ["%Y-%m-%d %H:%M", "%Y-%m-%d'T'%H:%M:%S.%6f", "%a %b %-d %I %p %j", "%Y-%m-%d %H:%M:%S %z", "x"];
        for zone_name in ["America/Los_Angeles", "Asia/Kathmandu", "UTC", "+05:45", "-08:00", "Etc/UTC", "Etc/GMT+5"] {
            let zone = super::super::zone::parse_zone(zone_name)?;
            let mut config = datafusion::common::config::ConfigOptions::new();
            config.execution.time_zone = Some(zone_name.to_string());
            let fixed_offset = session_fixed_offset(&config)?;
            assert_eq!(fixed_offset.is_some(), !zone_name.contains("/") || zone_name.starts_with("Etc/"));
            for format in formats {
                let items = items(format);
                let compiled = CompiledFormat::new(&items);
                assert_eq!(compiled.is_some(), !format.contains("%z"));
                for zoned in [true, false] {
                    let local = match (zoned, fixed_offset) {
                        (false, _) => Local::Naive,
                        (true, Some(offset)) => Local::Shifted(i64::from(offset) * 1_000_000),
                        (true, None) => Local::Zone(&zone),
                    };
                    let writer = Writer { compiled: compiled.as_ref(), items: &items, zoned, zone: &zone, local };
                    if !zoned && format.contains("%z") {
                        // A local date-time has no offset to write.
                        assert!(writer.write_all(&TimestampMicrosecondArray::from(vec![0])).is_err());
                        continue;
                    }
                    // Out-of-range values fail on both paths; the rest are compared.
                    let in_range: TimestampMicrosecondArray =
                        values.iter().map(|value| value.filter(|micros| DateTime::from_timestamp_micros(*micros).is_some())).collect();
                    assert!(writer.write_all(&array).is_err());
                    let written = writer.write_all(&in_range)?;
                    let written = written.as_string::<i32>();
                    for (row, value) in in_range.iter().enumerate() {
                        let Some(micros) = value else {
                            assert!(written.is_null(row));
                            continue;
                        };
                        let mut expected = String::new();
                        if write_one(&mut expected, micros, zoned, &zone, &items).is_ok() {
                            assert_eq!(written.value(row), expected, "{zone_name} {format} {zoned} {micros}");
                        }
                    }
                }
            }
        }
        Ok(())
    }

    #[test]
    fn writes_in_the_zone() -> Result<()> {
        let zone = super::super::zone::parse_zone("America/Los_Angeles")?;
        let mut text = String::new();
        write_one(&mut text, 1_428_523_695_123_000, true, &zone, &items("%Y-%m-%d %H:%M:%S%.3f %z"))?;
        assert_eq!(text, "2015-04-08 13:08:15.123 -0700");
        Ok(())
    }
}
