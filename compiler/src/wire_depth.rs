// SPDX-License-Identifier: Apache-2.0
//! How deep protobuf bytes nest, measured without decoding them
//! (<https://protobuf.dev/programming-guides/encoding/>).
//!
//! The workspace turns prost's recursion limit off (long DataFrame pipelines
//! nest deeper than its 100 levels), and prost recurses once per nested
//! message, 1-1.5 KB of stack a level: a plan a few thousand levels deep would
//! overflow the stack inside `Plan::decode` (found by fuzzing, see
//! docs/fuzzing.md). This scan runs first, in one pass and without recursion.
//! Without the schema it cannot tell messages from strings, so every
//! length-delimited payload that reads as protobuf fields, and every group,
//! counts a level: the count is never below the decoder's real depth.

/// The nesting depth of `bytes`, counted up to `limit + 1` (the scan stops there).
pub(crate) fn wire_depth(bytes: &[u8], limit: usize) -> usize {
    // Open levels: where each payload ends and, for a group, its field number
    // (a group ends with its enclosing payload at the latest).
    let mut levels: Vec<(usize, Option<u64>)> = Vec::new();
    let mut deepest = 0;
    let mut position = 0;
    loop {
        let end = levels.last().map_or(bytes.len(), |(end, _)| *end);
        if position == end {
            match levels.last() {
                None => return deepest,
                Some((_, None)) => {
                    levels.pop();
                    continue;
                }
                // A group still open where its payload ends: not fields after all.
                Some((_, Some(_))) => {}
            }
        } else if let Some(next) = read_field(bytes, position, end, &mut levels) {
            position = next;
            deepest = deepest.max(levels.len());
            if deepest > limit {
                return deepest;
            }
            continue;
        }
        // The innermost payload is not a message (a string, bytes, packed
        // numbers): its parent skips it whole.
        loop {
            match levels.pop() {
                None => return deepest,
                Some((payload_end, None)) => {
                    position = payload_end;
                    break;
                }
                Some((_, Some(_))) => {}
            }
        }
    }
}

/// Read the field at `position` (before `end`), opening a level for a
/// non-empty length-delimited payload or a group and closing a group at its
/// end tag; the position after the field, or `None` if these are not fields.
fn read_field(
    bytes: &[u8],
    position: usize,
    end: usize,
    levels: &mut Vec<(usize, Option<u64>)>,
) -> Option<usize> {
    let (key, mut position) = read_varint(bytes, position, end)?;
    let field = key >> 3;
    if field == 0 {
        return None;
    }
    match key & 7 {
        0 => position = read_varint(bytes, position, end)?.1,
        1 => position = position.checked_add(8).filter(|next| *next <= end)?,
        5 => position = position.checked_add(4).filter(|next| *next <= end)?,
        2 => {
            let (length, start) = read_varint(bytes, position, end)?;
            let payload_end = start
                .checked_add(usize::try_from(length).ok()?)
                .filter(|next| *next <= end)?;
            if payload_end > start {
                levels.push((payload_end, None));
            }
            position = start;
        }
        3 => levels.push((end, Some(field))),
        4 => match levels.last() {
            Some((_, Some(open))) if *open == field => {
                levels.pop();
            }
            _ => return None,
        },
        _ => return None,
    }
    Some(position)
}

fn read_varint(bytes: &[u8], mut position: usize, end: usize) -> Option<(u64, usize)> {
    let mut value = 0_u64;
    for shift in (0..70).step_by(7) {
        let byte = *bytes.get(position).filter(|_| position < end)?;
        position += 1;
        value |= u64::from(byte & 0x7F).checked_shl(shift).unwrap_or(0);
        if byte & 0x80 == 0 {
            return Some((value, position));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::wire_depth;

    #[test]
    fn nested_messages_count_one_level_each_and_strings_none() {
        // Field 1 holding field 1 holding the varint field 2 = 1.
        assert_eq!(wire_depth(&[0x0a, 0x04, 0x0a, 0x02, 0x10, 0x01], 10), 2);
        // A string that does not read as fields is one level, not more.
        assert_eq!(wire_depth(&[0x0a, 0x03, 0xff, 0xff, 0xff], 10), 1);
        assert_eq!(wire_depth(&[], 10), 0);
    }
}
