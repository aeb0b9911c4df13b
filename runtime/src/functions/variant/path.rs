// SPDX-License-Identifier: Apache-2.0
//! Spark's variant paths (`$`, `.key`, `['key']`, `["key"]`, `[index]`) and
//! what the functions do at a path: find a value (`variant_get`), set,
//! insert, append to or delete one (`variant_set`, `variant_insert`,
//! `variant_array_append`, `variant_delete`).

use super::node::Node;

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    Key(String),
    Index(i64),
}

/// The steps of `path`, or `None` when it is not a valid path.
pub(crate) fn parse(path: &str) -> Option<Vec<Step>> {
    let mut rest = path.strip_prefix('$')?;
    let mut steps = Vec::new();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            if end == 0 {
                return None;
            }
            steps.push(Step::Key(after[..end].to_string()));
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix('[') {
            let quote = after.chars().next()?;
            if quote == '\'' || quote == '"' {
                let close = after[1..].find(quote)? + 1;
                steps.push(Step::Key(after[1..close].to_string()));
                rest = after[close + 1..].strip_prefix(']')?;
            } else {
                let close = after.find(']')?;
                let digits = &after[..close];
                if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
                    return None;
                }
                steps.push(Step::Index(digits.parse().ok()?));
                rest = &after[close + 1..];
            }
        } else {
            return None;
        }
    }
    Some(steps)
}

/// The value at `steps` below `node`, if any.
pub(crate) fn find<'a>(node: &'a Node, steps: &[Step]) -> Option<&'a Node> {
    let Some((step, rest)) = steps.split_first() else {
        return Some(node);
    };
    let child = match (node, step) {
        (Node::Object(fields), Step::Key(key)) => fields.iter().find(|(name, _)| name == key).map(|(_, value)| value),
        (Node::Array(values), Step::Index(index)) => usize::try_from(*index).ok().and_then(|index| values.get(index)),
        _ => None,
    };
    find(child?, rest)
}

/// How an edit failed, as Spark reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum EditError {
    /// The value at the path's first `steps` steps is not what the rest needs
    /// (`VARIANT_PATH_TYPE_MISMATCH`, `failedAt` that prefix).
    TypeMismatch { steps: usize },
    /// An insert where a key exists (`VARIANT_DUPLICATE_KEY`).
    DuplicateKey(String),
}

/// What an edit does at the end of its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Edit {
    /// `variant_set`: replace or (if `create`) add the value.
    Set { create: bool },
    /// `variant_insert`: add the value where none is (into an array, before the index).
    Insert,
    /// `variant_array_append`: append the value to the array at the path.
    Append,
}

/// `node` with `edit` of `value` done at `steps` (a non-empty path).
pub(crate) fn edit(node: &mut Node, steps: &[Step], value: &Node, edit: Edit) -> Result<(), EditError> {
    edit_at(node, steps, 0, value, edit)
}

fn edit_at(node: &mut Node, steps: &[Step], depth: usize, value: &Node, edit: Edit) -> Result<(), EditError> {
    let Some(step) = steps.get(depth) else {
        // Only `Append` gets here: the path names the array itself.
        return match node {
            Node::Array(values) => {
                values.push(value.clone());
                Ok(())
            }
            _ => Err(EditError::TypeMismatch { steps: depth }),
        };
    };
    let last = depth + 1 == steps.len() && edit != Edit::Append;
    match (node, step) {
        (Node::Object(fields), Step::Key(key)) => {
            let position = fields.binary_search_by(|(name, _)| name.as_str().cmp(key));
            match (position, last) {
                (Ok(found), true) => match edit {
                    Edit::Set { .. } => fields[found].1 = value.clone(),
                    _ => return Err(EditError::DuplicateKey(key.clone())),
                },
                (Ok(found), false) => edit_at(&mut fields[found].1, steps, depth + 1, value, edit)?,
                (Err(slot), _) => {
                    if let Some(created) = created(steps, depth, value, edit) {
                        fields.insert(slot, (key.clone(), created));
                    }
                }
            }
            Ok(())
        }
        (Node::Array(values), Step::Index(index)) => {
            let index = usize::try_from(*index).unwrap_or(usize::MAX);
            if index < values.len() {
                if last {
                    match edit {
                        Edit::Set { .. } => values[index] = value.clone(),
                        _ => values.insert(index, value.clone()),
                    }
                    return Ok(());
                }
                return edit_at(&mut values[index], steps, depth + 1, value, edit);
            }
            if let Some(created) = created(steps, depth, value, edit)
                && index < values.len() + MAX_PADDING
            {
                values.resize(index, Node::Null);
                values.push(created);
            }
            Ok(())
        }
        _ => Err(EditError::TypeMismatch { steps: depth }),
    }
}

/// The most nulls an edit pads an array with (a guard against huge indexes).
const MAX_PADDING: usize = 1 << 20;

/// What a missing value at `steps[depth]` becomes: the value wrapped in
/// new objects and arrays for the remaining steps, or nothing when the
/// edit does not create (`variant_set` without `createIfMissing`, or an
/// append to a missing array).
fn created(steps: &[Step], depth: usize, value: &Node, edit: Edit) -> Option<Node> {
    match edit {
        Edit::Set { create: false } | Edit::Append => None,
        Edit::Set { create: true } | Edit::Insert => {
            let mut node = value.clone();
            for step in steps[depth + 1..].iter().rev() {
                node = match step {
                    Step::Key(key) => Node::Object(vec![(key.clone(), node)]),
                    Step::Index(index) => {
                        let mut values = vec![Node::Null; usize::try_from(*index).ok().filter(|index| *index < MAX_PADDING)?];
                        values.push(node);
                        Node::Array(values)
                    }
                };
            }
            Some(node)
        }
    }
}

/// `node` without the value at `steps` (a non-empty path), when there is one.
pub(crate) fn delete(node: &mut Node, steps: &[Step]) {
    let Some((step, rest)) = steps.split_first() else {
        return;
    };
    match (node, step) {
        (Node::Object(fields), Step::Key(key)) => {
            if let Some(found) = fields.iter().position(|(name, _)| name == key) {
                if rest.is_empty() {
                    fields.remove(found);
                } else {
                    delete(&mut fields[found].1, rest);
                }
            }
        }
        (Node::Array(values), Step::Index(index)) => {
            if let Some(found) = usize::try_from(*index).ok().filter(|index| *index < values.len()) {
                if rest.is_empty() {
                    values.remove(found);
                } else {
                    delete(&mut values[found], rest);
                }
            }
        }
        _ => {}
    }
}

/// `node` without null object fields (and null array elements with `arrays`), at every depth.
pub(crate) fn strip_nulls(node: &mut Node, arrays: bool) {
    match node {
        Node::Object(fields) => {
            fields.retain(|(_, value)| *value != Node::Null);
            for (_, value) in fields.iter_mut() {
                strip_nulls(value, arrays);
            }
        }
        Node::Array(values) => {
            if arrays {
                values.retain(|value| *value != Node::Null);
            }
            for value in values.iter_mut() {
                strip_nulls(value, arrays);
            }
        }
        _ => {}
    }
}

/// The text of the first `steps` steps of `path` (Spark's `failedAt`).
pub(crate) fn prefix_text(steps: &[Step]) -> String {
    let mut text = "$".to_string();
    for step in steps {
        match step {
            Step::Key(key) => {
                text.push('.');
                text.push_str(key);
            }
            Step::Index(index) => text.push_str(&format!("[{index}]")),
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(fields: &[(&str, Node)]) -> Node {
        Node::Object(fields.iter().map(|(name, value)| ((*name).to_string(), value.clone())).collect())
    }

    #[test]
    fn parses_paths() {
        assert_eq!(parse("$"), Some(vec![]));
        assert_eq!(parse("$.a[0]['b c'][\"d\"]"), Some(vec![Step::Key("a".into()), Step::Index(0), Step::Key("b c".into()), Step::Key("d".into())]));
        for invalid in ["a", "$.", "$[a]", "$[", "$[-1]", "$a"] {
            assert_eq!(parse(invalid), None, "{invalid}");
        }
    }

    #[test]
    fn edits_as_spark() {
        let document = object(&[("a", Node::Int(1)), ("arr", Node::Array(vec![Node::String("x".into()), Node::String("y".into())]))]);
        let mut inserted = document.clone();
        assert_eq!(edit(&mut inserted, &parse("$.arr[5]").unwrap_or_default(), &Node::Int(9), Edit::Insert), Ok(()));
        assert_eq!(inserted.to_json(), r#"{"a":1,"arr":["x","y",null,null,null,9]}"#);
        let mut nested = document.clone();
        assert_eq!(edit(&mut nested, &parse("$.c.d").unwrap_or_default(), &Node::Int(3), Edit::Insert), Ok(()));
        assert_eq!(nested.to_json(), r#"{"a":1,"arr":["x","y"],"c":{"d":3}}"#);
        let mut duplicate = document.clone();
        assert_eq!(edit(&mut duplicate, &parse("$.a").unwrap_or_default(), &Node::Int(3), Edit::Insert), Err(EditError::DuplicateKey("a".into())));
        let mut mismatch = document.clone();
        assert_eq!(edit(&mut mismatch, &parse("$.a.b").unwrap_or_default(), &Node::Int(3), Edit::Set { create: true }), Err(EditError::TypeMismatch { steps: 1 }));
        let mut appended = document;
        assert_eq!(edit(&mut appended, &parse("$.arr").unwrap_or_default(), &Node::Int(3), Edit::Append), Ok(()));
        assert_eq!(appended.to_json(), r#"{"a":1,"arr":["x","y",3]}"#);
    }
}
