// SPDX-License-Identifier: Apache-2.0
//! Spark's datetime patterns (`yyyy-MM-dd HH:mm:ss`) as chrono formats, for
//! patterns given per row (a literal pattern is translated by the analyzer,
//! `python/pyrust/sql/_functions/datetime_pattern.py`, which this follows).
//! A pattern this cannot translate exactly, or that Spark refuses, is an
//! error naming it: never a different reading.

/// The chrono format of a Spark pattern; `None` when it cannot be translated.
pub(crate) fn to_chrono(pattern: &str) -> Option<String> {
    let characters: Vec<char> = pattern.chars().collect();
    let mut out = String::new();
    let mut index = 0;
    while index < characters.len() {
        let character = characters[index];
        if character == '\'' {
            let mut end = index + 1;
            let mut text = String::new();
            loop {
                let next = *characters.get(end)?;
                if next == '\'' {
                    if characters.get(end + 1) == Some(&'\'') {
                        text.push('\'');
                        end += 2;
                        continue;
                    }
                    break;
                }
                text.push(next);
                end += 1;
            }
            if end == index + 1 {
                out.push('\'');
            } else {
                out.push_str(&text.replace('%', "%%"));
            }
            index = end + 1;
            continue;
        }
        if character.is_ascii_alphabetic() {
            let mut count = 1;
            while characters.get(index + count) == Some(&character) {
                count += 1;
            }
            out.push_str(item(character, count)?);
            index += count;
            continue;
        }
        if "[]{}#".contains(character) {
            return None;
        }
        if character == '%' {
            out.push_str("%%");
        } else {
            out.push(character);
        }
        index += 1;
    }
    Some(out)
}

fn item(letter: char, count: usize) -> Option<&'static str> {
    Some(match (letter, count) {
        ('y', 1 | 3 | 4) => "%Y",
        ('y', 2) => "%y",
        ('M' | 'L', 1) => "%-m",
        ('M' | 'L', 2) => "%m",
        ('M' | 'L', 3) => "%b",
        ('M' | 'L', 4) => "%B",
        ('d', 1) => "%-d",
        ('d', 2) => "%d",
        ('D', 1) => "%-j",
        ('D', 3) => "%j",
        ('E', 1..=3) => "%a",
        ('E', 4) => "%A",
        ('a', 1) => "%p",
        ('H', 1) => "%-H",
        ('H', 2) => "%H",
        ('h', 1) => "%-I",
        ('h', 2) => "%I",
        ('m', 1) => "%-M",
        ('m', 2) => "%M",
        ('s', 1) => "%-S",
        ('s', 2) => "%S",
        ('S', 3) => "%3f",
        ('S', 6) => "%6f",
        ('S', 9) => "%9f",
        ('Z', 1..=3) => "%z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translates_as_the_analyzer() {
        assert_eq!(to_chrono("yyyy-MM-dd HH:mm:ss").as_deref(), Some("%Y-%m-%d %H:%M:%S"));
        assert_eq!(to_chrono("yyyy+MM+dd").as_deref(), Some("%Y+%m+%d"));
        assert_eq!(to_chrono("dd 'of' MMM, ''yy").as_deref(), Some("%d of %b, '%y"));
        assert_eq!(to_chrono("YYYY"), None);
        assert_eq!(to_chrono("yyyy-MM-dd'T"), None);
    }
}
