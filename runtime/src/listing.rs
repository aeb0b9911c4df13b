// SPDX-License-Identifier: Apache-2.0
//! Which files a read of local paths covers, as Spark's file index lists
//! them: directories are walked, names starting with `_` or `.` are hidden
//! (but not `_`-directories naming a partition, `_col=1`), and
//! `column=value/` directories are partition columns whose types are
//! inferred from their values (`spark.sql.sources.partitionColumnTypeInference`):
//! integers, longs, integral decimals, doubles, dates, else strings; a column
//! takes the widest type of its values, and `__HIVE_DEFAULT_PARTITION__` is null.

use std::path::{Path, PathBuf};

use datafusion::arrow::datatypes::DataType;

use crate::error::{Error, Result};

/// Spark's directory name for a null partition value.
pub(crate) const DEFAULT_PARTITION: &str = "__HIVE_DEFAULT_PARTITION__";

/// The files under the given local paths and the partition columns found.
#[derive(Debug, Default)]
pub(crate) struct Listing {
    /// The data files, in Spark's order (sorted by path).
    pub files: Vec<String>,
    /// Partition columns with their inferred types (empty when none).
    pub partitions: Vec<(String, DataType)>,
}

/// Whether Spark skips a file or directory of this name.
fn hidden(name: &str) -> bool {
    (name.starts_with('_') && !name.contains('=')) || name.starts_with('.') || name.ends_with("._COPYING_")
}

/// List `root` (a directory): its visible files and, when every file lies
/// under the same `k=v/...` directories, the partition columns.
pub(crate) fn list_directory(root: &Path) -> Result<Listing> {
    let mut files: Vec<(PathBuf, Vec<(String, String)>)> = Vec::new();
    walk(root, &mut Vec::new(), &mut files)?;
    files.sort();
    let columns: Option<Vec<String>> = files.first().map(|(_, values)| values.iter().map(|(name, _)| name.clone()).collect());
    let columns = columns.unwrap_or_default();
    let consistent = files
        .iter()
        .all(|(_, values)| values.len() == columns.len() && values.iter().zip(&columns).all(|((name, _), column)| name == column));
    if !consistent {
        let mut lists: Vec<String> = files
            .iter()
            .map(|(_, values)| values.iter().map(|(name, _)| name.as_str()).collect::<Vec<_>>().join(", "))
            .collect();
        lists.sort();
        lists.dedup();
        return Err(Error::analysis(
            "CONFLICTING_PARTITION_COLUMN_NAMES",
            [
                ("distinctPartColLists", lists.iter().map(|list| format!("\tPartition column name list #: {list}")).collect::<Vec<_>>().join("\n")),
                ("suspiciousPaths", format!("\t{}", root.display())),
            ],
            format!("Conflicting partition column names detected under {}", root.display()),
        ));
    }
    let partitions = columns
        .iter()
        .enumerate()
        .map(|(index, name)| {
            let values = files.iter().map(|(_, values)| values[index].1.as_str());
            (name.clone(), infer_column(values))
        })
        .collect();
    Ok(Listing { files: files.into_iter().map(|(path, _)| path.display().to_string()).collect(), partitions })
}

fn walk(directory: &Path, partition: &mut Vec<(String, String)>, files: &mut Vec<(PathBuf, Vec<(String, String)>)>) -> Result<()> {
    let entries = std::fs::read_dir(directory).map_err(|error| read_error(directory, &error))?;
    for entry in entries {
        let entry = entry.map_err(|error| read_error(directory, &error))?;
        let name = entry.file_name().to_string_lossy().to_string();
        if hidden(&name) {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            let pushed = match name.split_once('=') {
                Some((column, value)) => {
                    partition.push((unescape_path_name(column), unescape_path_name(value)));
                    true
                }
                None => false,
            };
            walk(&path, partition, files)?;
            if pushed {
                partition.pop();
            }
        } else {
            files.push((path, partition.clone()));
        }
    }
    Ok(())
}

fn read_error(path: &Path, error: &std::io::Error) -> Error {
    Error::execution(
        "FAILED_READ_FILE.NO_HINT",
        [("path", format!("file:{}", path.display()))],
        format!("Encountered error while reading file {}: {error}", path.display()),
    )
}

/// Spark's `unescapePathName`: `%XX` back to the character.
pub(crate) fn unescape_path_name(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut result = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%'
            && index + 2 < bytes.len()
            && let Ok(value) = u8::from_str_radix(&text[index + 1..index + 3], 16)
        {
            result.push(value);
            index += 3;
            continue;
        }
        result.push(bytes[index]);
        index += 1;
    }
    String::from_utf8_lossy(&result).to_string()
}

/// The type of one partition value, as Spark infers it; `None` for the null partition.
fn infer_value(raw: &str) -> Option<DataType> {
    if raw == DEFAULT_PARTITION {
        return None;
    }
    let integral = raw.strip_prefix(['+', '-']).unwrap_or(raw);
    if !integral.is_empty() && integral.bytes().all(|byte| byte.is_ascii_digit()) {
        if raw.parse::<i32>().is_ok() {
            return Some(DataType::Int32);
        }
        if raw.parse::<i64>().is_ok() {
            return Some(DataType::Int64);
        }
        let digits = integral.trim_start_matches('0').len().max(1);
        if digits <= 38 {
            return Some(DataType::Decimal128(digits as u8, 0));
        }
        return Some(DataType::Utf8);
    }
    if let Some(precision) = integral_exponent_precision(raw) {
        return Some(DataType::Decimal128(precision, 0));
    }
    if java_double(raw) {
        return Some(DataType::Float64);
    }
    if is_date(raw) {
        return Some(DataType::Date32);
    }
    Some(DataType::Utf8)
}

/// `1e3` is Java's `BigDecimal` 1E+3: an integral decimal of precision 4.
fn integral_exponent_precision(raw: &str) -> Option<u8> {
    let (mantissa, exponent) = raw.split_once(['e', 'E'])?;
    let exponent: i32 = exponent.strip_prefix('+').unwrap_or(exponent).parse().ok()?;
    let unsigned = mantissa.strip_prefix(['+', '-']).unwrap_or(mantissa);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    if whole.is_empty() && fraction.is_empty() || !whole.bytes().chain(fraction.bytes()).all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let scale = fraction.len() as i32 - exponent;
    if scale > 0 {
        return None;
    }
    let digits = format!("{whole}{fraction}").trim_start_matches('0').len().max(1) as i32;
    let precision = digits - scale;
    (precision <= 38).then_some(precision as u8)
}

/// Whether Java's `Double.parseDouble` accepts the text (decimal forms, `NaN`, `Infinity`).
fn java_double(raw: &str) -> bool {
    let text = raw.trim();
    let body = text.strip_suffix(['d', 'D', 'f', 'F']).unwrap_or(text);
    let unsigned = body.strip_prefix(['+', '-']).unwrap_or(body);
    if unsigned == "NaN" || unsigned == "Infinity" {
        return true;
    }
    unsigned.bytes().any(|byte| byte.is_ascii_digit())
        && unsigned.bytes().all(|byte| byte.is_ascii_digit() || matches!(byte, b'.' | b'e' | b'E' | b'+' | b'-'))
        && unsigned.parse::<f64>().is_ok()
}

/// `yyyy-MM-dd` (one or two digit month and day), a real date.
fn is_date(raw: &str) -> bool {
    let parts: Vec<&str> = raw.split('-').collect();
    if let [year, month, day] = parts.as_slice()
        && year.len() == 4
        && (1..=2).contains(&month.len())
        && (1..=2).contains(&day.len())
        && let (Ok(year), Ok(month), Ok(day)) = (year.parse::<i32>(), month.parse::<u32>(), day.parse::<u32>())
    {
        return chrono::NaiveDate::from_ymd_opt(year, month, day).is_some();
    }
    false
}

/// The widest type of a column's values (Spark's `findWiderTypeForPartitionColumn`): numbers
/// widen to the widest number, anything else mixed becomes a string; all-null is a string.
fn infer_column<'a>(values: impl Iterator<Item = &'a str>) -> DataType {
    let mut result: Option<DataType> = None;
    for value in values {
        let Some(data_type) = infer_value(value) else { continue };
        result = Some(match result {
            None => data_type,
            Some(current) => wider(&current, &data_type),
        });
    }
    result.unwrap_or(DataType::Utf8)
}

fn wider(left: &DataType, right: &DataType) -> DataType {
    use DataType::{Date32, Decimal128, Float64, Int32, Int64, Utf8};
    if left == right {
        return left.clone();
    }
    let decimal_of = |data_type: &DataType| match data_type {
        Int32 => Some((10u8, 0i8)),
        Int64 => Some((20, 0)),
        Decimal128(precision, scale) => Some((*precision, *scale)),
        _ => None,
    };
    match (left, right) {
        (Float64, Int32 | Int64 | Decimal128(..)) | (Int32 | Int64 | Decimal128(..), Float64) => Float64,
        (Int32, Int64) | (Int64, Int32) => Int64,
        (Decimal128(..), _) | (_, Decimal128(..)) => match (decimal_of(left), decimal_of(right)) {
            (Some((left_precision, _)), Some((right_precision, _))) => Decimal128(left_precision.max(right_precision).min(38), 0),
            _ => Utf8,
        },
        (Date32, _) | (_, Date32) => Utf8,
        _ => Utf8,
    }
}

/// Read text files as Spark's `text` source does: one row per line (`value`),
/// lines split at `\n`, `\r\n` or `\r` (or at `lineSep`), or one row per file
/// with `wholetext`.
pub(crate) fn read_text(
    paths: &[String],
    options: &crate::catalog::ReadOptions,
    schema: Option<datafusion::arrow::datatypes::SchemaRef>,
) -> Result<datafusion::arrow::array::RecordBatch> {
    use std::sync::Arc;

    use datafusion::arrow::array::{RecordBatch, StringBuilder};
    use datafusion::arrow::datatypes::{Field, Schema};

    let schema = match schema {
        Some(schema) if schema.fields().len() == 1 && schema.field(0).data_type() == &DataType::Utf8 => schema,
        Some(schema) => {
            return Err(Error::analysis(
                "_LEGACY_ERROR_TEMP_1160",
                [],
                format!("Text data source supports only a single column, and you have {} columns.", schema.fields().len()),
            ));
        }
        None => Arc::new(Schema::new(vec![Field::new("value", DataType::Utf8, true)])),
    };
    let whole = options.flag("wholetext")?;
    let separator = options.text("lineSep").map(str::to_string);
    let mut values = StringBuilder::new();
    for path in paths {
        let local = path.strip_prefix("file://").unwrap_or(path);
        if local.contains(['*', '?', '[']) || path.contains("://") && !path.starts_with("file://") {
            return Err(Error::unsupported(format!("reading text from {path} (globs and URLs)")));
        }
        let bytes = std::fs::read(local).map_err(|error| read_error(Path::new(local), &error))?;
        let text = String::from_utf8_lossy(&bytes);
        if whole {
            values.append_value(&text);
            continue;
        }
        match &separator {
            Some(separator) if !separator.is_empty() => {
                let mut pieces: Vec<&str> = text.split(separator.as_str()).collect();
                if pieces.last().is_some_and(|last| last.is_empty()) {
                    pieces.pop();
                }
                pieces.into_iter().for_each(|line| values.append_value(line));
            }
            _ => {
                for line in text.split_inclusive('\n').flat_map(|line| {
                    let line = line.strip_suffix('\n').unwrap_or(line);
                    let line = line.strip_suffix('\r').unwrap_or(line);
                    line.split('\r').collect::<Vec<_>>()
                }) {
                    values.append_value(line);
                }
            }
        }
    }
    Ok(RecordBatch::try_new(schema, vec![Arc::new(values.finish())])?)
}

#[cfg(test)]
mod tests {
    use super::{infer_column, unescape_path_name};
    use datafusion::arrow::datatypes::DataType;

    #[test]
    fn infers_partition_types_as_spark() {
        assert_eq!(infer_column(["2024", "2023"].into_iter()), DataType::Int32);
        assert_eq!(infer_column(["007"].into_iter()), DataType::Int32);
        assert_eq!(infer_column(["9999999999"].into_iter()), DataType::Int64);
        assert_eq!(infer_column(["1e3"].into_iter()), DataType::Decimal128(4, 0));
        assert_eq!(infer_column(["1.5", "__HIVE_DEFAULT_PARTITION__", "2"].into_iter()), DataType::Float64);
        assert_eq!(infer_column(["2024-01-01"].into_iter()), DataType::Date32);
        assert_eq!(infer_column(["true"].into_iter()), DataType::Utf8);
        assert_eq!(infer_column(["2024-01-01", "7"].into_iter()), DataType::Utf8);
        assert_eq!(infer_column(["__HIVE_DEFAULT_PARTITION__"].into_iter()), DataType::Utf8);
    }

    #[test]
    fn unescapes_path_names() {
        assert_eq!(unescape_path_name("x%3Dy%25z"), "x=y%z");
        assert_eq!(unescape_path_name("sp ace%3Ac"), "sp ace:c");
        assert_eq!(unescape_path_name("100%"), "100%");
    }
}
