// SPDX-License-Identifier: Apache-2.0
//! A JSON document as Spark's functions see it, read as Spark's Jackson
//! parser reads it: objects keep their keys in the order written, duplicates
//! included (Jackson streams tokens and never builds a map); a text holds one
//! value followed by anything (`{"a":1} x` reads as `{"a":1}`); integers keep
//! their digits; and Jackson's features that Spark's options switch
//! ([`Features`]: single quotes and `NaN`/`Infinity` by default, unquoted
//! field names, comments... on request). Written compactly as Jackson writes.
//! `serde_json` has none of these features, hence this reader.

/// A JSON value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json {
    Null,
    Bool(bool),
    /// An integer, as its digits (with a leading `-` for a negative one).
    Integer(String),
    /// Any other number (`NaN` and the infinities included).
    Float(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
    /// Text written as it is: numbers formatted by a writer, or a non-integer
    /// number as written, read by [`parse_first_keeping_numbers`].
    Raw(String),
}

/// Jackson's parser features Spark's JSON options set (Spark's defaults in [`Features::default`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Features {
    pub(crate) comments: bool,
    pub(crate) unquoted_field_names: bool,
    pub(crate) single_quotes: bool,
    pub(crate) numeric_leading_zeros: bool,
    pub(crate) non_numeric_numbers: bool,
    pub(crate) backslash_escaping_any_character: bool,
    pub(crate) unquoted_control_chars: bool,
}

impl Default for Features {
    fn default() -> Self {
        Features {
            comments: false,
            unquoted_field_names: false,
            single_quotes: true,
            numeric_leading_zeros: false,
            non_numeric_numbers: true,
            backslash_escaping_any_character: false,
            unquoted_control_chars: false,
        }
    }
}

/// Nesting deeper than this is refused (as Jackson's default `maxNestingDepth`).
const MAX_DEPTH: usize = 1000;

struct Reader<'a> {
    text: &'a [u8],
    position: usize,
    features: Features,
    depth: usize,
    /// Non-integer numbers as their text ([`Json::Raw`]) rather than doubles.
    keep_number_text: bool,
}

/// Malformed JSON.
struct Malformed;

type Read<T> = Result<T, Malformed>;

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.position).copied()
    }

    fn skip_space(&mut self) -> Read<()> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.position += 1,
                Some(b'/') if self.features.comments => match self.text.get(self.position + 1) {
                    Some(b'/') => {
                        while !matches!(self.peek(), None | Some(b'\n')) {
                            self.position += 1;
                        }
                    }
                    Some(b'*') => {
                        self.position += 2;
                        while !(self.peek() == Some(b'*') && self.text.get(self.position + 1) == Some(&b'/')) {
                            if self.peek().is_none() {
                                return Err(Malformed);
                            }
                            self.position += 1;
                        }
                        self.position += 2;
                    }
                    _ => return Err(Malformed),
                },
                _ => return Ok(()),
            }
        }
    }

    fn expect_word(&mut self, word: &str) -> Read<()> {
        if self.text[self.position..].starts_with(word.as_bytes()) {
            self.position += word.len();
            // A word runs to the end of its token (`truex` is not `true`).
            if self.peek().is_some_and(|byte| byte.is_ascii_alphanumeric() || byte == b'_') {
                return Err(Malformed);
            }
            Ok(())
        } else {
            Err(Malformed)
        }
    }

    fn value(&mut self) -> Read<Json> {
        self.skip_space()?;
        match self.peek().ok_or(Malformed)? {
            b'{' => self.object(),
            b'[' => self.array(),
            b'"' => Ok(Json::String(self.string(b'"')?)),
            b'\'' if self.features.single_quotes => Ok(Json::String(self.string(b'\'')?)),
            b't' => self.expect_word("true").map(|()| Json::Bool(true)),
            b'f' => self.expect_word("false").map(|()| Json::Bool(false)),
            b'n' => self.expect_word("null").map(|()| Json::Null),
            b'N' if self.features.non_numeric_numbers => self.expect_word("NaN").map(|()| Json::Float(f64::NAN)),
            b'I' if self.features.non_numeric_numbers => self.expect_word("Infinity").map(|()| Json::Float(f64::INFINITY)),
            b'+' if self.features.non_numeric_numbers => {
                self.position += 1;
                self.infinity(f64::INFINITY)
            }
            b'-' if self.features.non_numeric_numbers && matches!(self.text.get(self.position + 1), Some(b'I')) => {
                self.position += 1;
                self.infinity(f64::NEG_INFINITY)
            }
            b'-' | b'0'..=b'9' => self.number(),
            _ => Err(Malformed),
        }
    }

    fn infinity(&mut self, value: f64) -> Read<Json> {
        if self.text[self.position..].starts_with(b"Infinity") {
            self.expect_word("Infinity")?;
        } else {
            self.expect_word("INF")?;
        }
        Ok(Json::Float(value))
    }

    fn digits(&mut self) -> usize {
        let start = self.position;
        while self.peek().is_some_and(|byte| byte.is_ascii_digit()) {
            self.position += 1;
        }
        self.position - start
    }

    fn number(&mut self) -> Read<Json> {
        let start = self.position;
        if self.peek() == Some(b'-') {
            self.position += 1;
        }
        let integer_start = self.position;
        let integer_digits = self.digits();
        if integer_digits == 0 {
            return Err(Malformed);
        }
        if integer_digits > 1 && self.text[integer_start] == b'0' && !self.features.numeric_leading_zeros {
            return Err(Malformed);
        }
        let mut float = false;
        if self.peek() == Some(b'.') {
            self.position += 1;
            if self.digits() == 0 {
                return Err(Malformed);
            }
            float = true;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.position += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.position += 1;
            }
            if self.digits() == 0 {
                return Err(Malformed);
            }
            float = true;
        }
        if self.peek().is_some_and(|byte| byte.is_ascii_alphabetic() || byte == b'_') {
            return Err(Malformed);
        }
        let text = std::str::from_utf8(&self.text[start..self.position]).map_err(|_| Malformed)?;
        if float && self.keep_number_text {
            Ok(Json::Raw(text.to_string()))
        } else if float {
            text.parse::<f64>().map(Json::Float).map_err(|_| Malformed)
        } else {
            // Leading zeros (when allowed) are not part of the value.
            let (sign, digits) = text.strip_prefix('-').map_or(("", text), |digits| ("-", digits));
            let digits = digits.trim_start_matches('0');
            let digits = if digits.is_empty() { "0" } else { digits };
            let sign = if digits == "0" { "" } else { sign };
            Ok(Json::Integer(format!("{sign}{digits}")))
        }
    }

    fn hex4(&mut self) -> Read<u32> {
        let digits = self.text.get(self.position..self.position + 4).ok_or(Malformed)?;
        let digits = std::str::from_utf8(digits).map_err(|_| Malformed)?;
        let value = u32::from_str_radix(digits, 16).map_err(|_| Malformed)?;
        self.position += 4;
        Ok(value)
    }

    fn string(&mut self, quote: u8) -> Read<String> {
        self.position += 1;
        let mut bytes = Vec::new();
        loop {
            let byte = self.peek().ok_or(Malformed)?;
            self.position += 1;
            match byte {
                _ if byte == quote => break,
                b'\\' => {
                    let escaped = self.peek().ok_or(Malformed)?;
                    self.position += 1;
                    match escaped {
                        b'"' | b'\\' | b'/' => bytes.push(escaped),
                        b'b' => bytes.push(0x08),
                        b'f' => bytes.push(0x0C),
                        b'n' => bytes.push(b'\n'),
                        b'r' => bytes.push(b'\r'),
                        b't' => bytes.push(b'\t'),
                        b'u' => {
                            let mut code = self.hex4()?;
                            if (0xD800..0xDC00).contains(&code) && self.text[self.position..].starts_with(b"\\u") {
                                self.position += 2;
                                let low = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&low) {
                                    return Err(Malformed);
                                }
                                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                            }
                            let character = char::from_u32(code).unwrap_or('\u{FFFD}');
                            let mut buffer = [0; 4];
                            bytes.extend_from_slice(character.encode_utf8(&mut buffer).as_bytes());
                        }
                        other if self.features.backslash_escaping_any_character || other == b'\'' => bytes.push(other),
                        _ => return Err(Malformed),
                    }
                }
                control if control < 0x20 && !self.features.unquoted_control_chars => return Err(Malformed),
                other => bytes.push(other),
            }
        }
        String::from_utf8(bytes).map_err(|_| Malformed)
    }

    fn field_name(&mut self) -> Read<String> {
        match self.peek().ok_or(Malformed)? {
            b'"' => self.string(b'"'),
            b'\'' if self.features.single_quotes => self.string(b'\''),
            byte if self.features.unquoted_field_names && (byte.is_ascii_alphabetic() || byte == b'_' || byte == b'$' || byte >= 0x80) => {
                let start = self.position;
                while self.peek().is_some_and(|byte| byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'$' || byte >= 0x80) {
                    self.position += 1;
                }
                String::from_utf8(self.text[start..self.position].to_vec()).map_err(|_| Malformed)
            }
            _ => Err(Malformed),
        }
    }

    fn enter(&mut self) -> Read<()> {
        self.depth += 1;
        self.position += 1;
        if self.depth > MAX_DEPTH { Err(Malformed) } else { Ok(()) }
    }

    fn array(&mut self) -> Read<Json> {
        self.enter()?;
        let mut values = Vec::new();
        self.skip_space()?;
        if self.peek() == Some(b']') {
            self.position += 1;
            self.depth -= 1;
            return Ok(Json::Array(values));
        }
        loop {
            values.push(self.value()?);
            self.skip_space()?;
            match self.peek().ok_or(Malformed)? {
                b',' => self.position += 1,
                b']' => {
                    self.position += 1;
                    self.depth -= 1;
                    return Ok(Json::Array(values));
                }
                _ => return Err(Malformed),
            }
        }
    }

    fn object(&mut self) -> Read<Json> {
        self.enter()?;
        let mut entries = Vec::new();
        self.skip_space()?;
        if self.peek() == Some(b'}') {
            self.position += 1;
            self.depth -= 1;
            return Ok(Json::Object(entries));
        }
        loop {
            self.skip_space()?;
            let name = self.field_name()?;
            self.skip_space()?;
            if self.peek() != Some(b':') {
                return Err(Malformed);
            }
            self.position += 1;
            entries.push((name, self.value()?));
            self.skip_space()?;
            match self.peek().ok_or(Malformed)? {
                b',' => self.position += 1,
                b'}' => {
                    self.position += 1;
                    self.depth -= 1;
                    return Ok(Json::Object(entries));
                }
                _ => return Err(Malformed),
            }
        }
    }
}

/// The first JSON value of `text`, whatever follows it; `None` when the text
/// does not start with a well-formed value (an empty text included).
pub(crate) fn parse_first_with(text: &str, features: Features) -> Option<Json> {
    let mut reader = Reader { text: text.as_bytes(), position: 0, features, depth: 0, keep_number_text: false };
    reader.value().ok()
}

/// [`parse_first_with`], non-integer numbers kept as written ([`Json::Raw`]):
/// Spark's `parse_json` reads `1.50` as a decimal of scale 2.
pub(crate) fn parse_first_keeping_numbers(text: &str, features: Features) -> Option<Json> {
    let mut reader = Reader { text: text.as_bytes(), position: 0, features, depth: 0, keep_number_text: true };
    reader.value().ok()
}

/// [`parse_first_with`] Spark's default features.
#[cfg(test)]
pub(crate) fn parse_first(text: &str) -> Option<Json> {
    parse_first_with(text, Features::default())
}

impl Json {
    /// The value of the last entry named `key` of an object (Jackson's
    /// readers keep the last of duplicates).
    pub(crate) fn field(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(entries) => entries.iter().rev().find(|(name, _)| name == key).map(|(_, value)| value),
            _ => None,
        }
    }

    /// Compact JSON text, as Jackson's generator writes it.
    pub(crate) fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(value) => out.push_str(if *value { "true" } else { "false" }),
            Json::Integer(digits) => out.push_str(digits),
            Json::Float(value) => out.push_str(&java_double(*value)),
            Json::Raw(text) => out.push_str(text),
            Json::String(value) => write_string(value, out),
            Json::Array(values) => {
                out.push('[');
                for (index, value) in values.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    value.write(out);
                }
                out.push(']');
            }
            Json::Object(entries) => {
                out.push('{');
                for (index, (key, value)) in entries.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    write_string(key, out);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }

    /// Indented JSON text, as Jackson's default pretty printer writes it:
    /// an object's entries on their own lines (`"a" : 1`, two spaces a
    /// level), an array's values on one line (`[ 1, 2 ]`).
    pub(crate) fn write_pretty(&self, nesting: usize, out: &mut String) {
        match self {
            Json::Array(values) => {
                out.push('[');
                if values.is_empty() {
                    out.push(' ');
                }
                for (index, value) in values.iter().enumerate() {
                    out.push_str(if index > 0 { ", " } else { " " });
                    value.write_pretty(nesting, out);
                }
                if !values.is_empty() {
                    out.push(' ');
                }
                out.push(']');
            }
            Json::Object(entries) => {
                out.push('{');
                for (index, (key, value)) in entries.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    out.push('\n');
                    out.push_str(&"  ".repeat(nesting + 1));
                    write_string(key, out);
                    out.push_str(" : ");
                    value.write_pretty(nesting + 1, out);
                }
                if entries.is_empty() {
                    out.push(' ');
                } else {
                    out.push('\n');
                    out.push_str(&"  ".repeat(nesting));
                }
                out.push('}');
            }
            other => other.write(out),
        }
    }

    /// Compact JSON text of the value.
    pub(crate) fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }
}

/// A string as a JSON string literal: `"`, `\` and control characters escaped
/// (as Jackson and serde_json both do), everything else as it is.
pub(crate) fn write_string(value: &str, out: &mut String) {
    out.push('"');
    for character in value.chars() {
        match character {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0C}' => out.push_str("\\f"),
            control if u32::from(control) < 0x20 => out.push_str(&format!("\\u{:04X}", u32::from(control))),
            other => out.push(other),
        }
    }
    out.push('"');
}

/// A double as Java's `Double.toString` writes it (`1.0`, `1.5E10`, `1.0E-5`,
/// `NaN`, `Infinity`), which Jackson's generator uses.
pub(crate) fn java_double(value: f64) -> String {
    if value.is_nan() {
        return "NaN".to_string();
    }
    if value.is_infinite() {
        return if value > 0.0 { "Infinity" } else { "-Infinity" }.to_string();
    }
    if value == 0.0 {
        return if value.is_sign_negative() { "-0.0" } else { "0.0" }.to_string();
    }
    let magnitude = value.abs();
    if (1e-3..1e7).contains(&magnitude) {
        let text = format!("{value}");
        return if text.contains('.') { text } else { format!("{text}.0") };
    }
    // Scientific: shortest digits, mantissa with at least one decimal.
    let text = format!("{value:e}");
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let mantissa = if mantissa.contains('.') { mantissa.to_string() } else { format!("{mantissa}.0") };
    format!("{mantissa}E{exponent}")
}

/// A float as Java's `Float.toString` writes it.
pub(crate) fn java_float(value: f32) -> String {
    if value.is_nan() || value.is_infinite() || value == 0.0 {
        return java_double(f64::from(value));
    }
    let magnitude = value.abs();
    if (1e-3..1e7).contains(&magnitude) {
        let text = format!("{value}");
        return if text.contains('.') { text } else { format!("{text}.0") };
    }
    let text = format!("{value:e}");
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let mantissa = if mantissa.contains('.') { mantissa.to_string() } else { format!("{mantissa}.0") };
    format!("{mantissa}E{exponent}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_key_order_and_duplicates() {
        let value = parse_first(r#"{"b":1,"a":[true,null,1.5],"b":"x"}"#);
        assert_eq!(value.as_ref().map(Json::to_text).as_deref(), Some(r#"{"b":1,"a":[true,null,1.5],"b":"x"}"#));
        assert_eq!(value.as_ref().and_then(|value| value.field("b")), Some(&Json::String("x".into())));
    }

    #[test]
    fn reads_the_first_value_only() {
        assert_eq!(parse_first(r#" {"a": 1} x"#).map(|value| value.to_text()).as_deref(), Some(r#"{"a":1}"#));
        assert_eq!(parse_first(""), None);
        assert_eq!(parse_first("{a:1}"), None);
        let lenient = Features { unquoted_field_names: true, comments: true, ..Features::default() };
        assert_eq!(parse_first_with("{a: /* c */ 'x'}", lenient).map(|value| value.to_text()).as_deref(), Some(r#"{"a":"x"}"#));
        assert_eq!(parse_first("[NaN, -Infinity, 12345678901234567890, 1.50, \"\\u00e9\\ud83d\\ude00\"]").map(|value| value.to_text()).as_deref(),
            Some("[NaN,-Infinity,12345678901234567890,1.5,\"é😀\"]"));
        assert_eq!(parse_first("01"), None);
        assert_eq!(parse_first("[1,]"), None);
        assert_eq!(parse_first("\"a\nb\""), None);
    }

    #[test]
    fn writes_pretty_as_jackson() {
        let value = parse_first(r#"{"a":1,"d":[1,null],"e":{"k":null},"f":{},"g":[]}"#);
        let mut out = String::new();
        if let Some(value) = value {
            value.write_pretty(0, &mut out);
        }
        assert_eq!(out, "{\n  \"a\" : 1,\n  \"d\" : [ 1, null ],\n  \"e\" : {\n    \"k\" : null\n  },\n  \"f\" : { },\n  \"g\" : [ ]\n}");
    }

    #[test]
    fn writes_doubles_as_java() {
        assert_eq!(java_double(1.0), "1.0");
        assert_eq!(java_double(1.5e10), "1.5E10");
        assert_eq!(java_double(1e-5), "1.0E-5");
        assert_eq!(java_double(100.0), "100.0");
        assert_eq!(java_float(1.1), "1.1");
    }

    #[test]
    fn escapes_strings() {
        let mut out = String::new();
        write_string("a\"b\\c\nd\u{1}é", &mut out);
        assert_eq!(out, "\"a\\\"b\\\\c\\nd\\u0001é\"");
    }
}
