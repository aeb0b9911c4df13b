// SPDX-License-Identifier: Apache-2.0
//! XML text read into a small tree with quick-xml, as Java's (namespace
//! unaware) DOM parser sees it: elements with their attributes in order,
//! text (entity and character references resolved, CDATA sections merged
//! into the text around them), comments and processing instructions. Text
//! that is not one well-formed document (one root element, matching tags,
//! nothing but markup, comments and blanks around the root) is an error.

use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};

/// A node of the tree.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Element(Element),
    Text(String),
    Comment(String),
    Instruction { target: String, value: String },
}

/// An element.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Element {
    pub(crate) name: String,
    pub(crate) attributes: Vec<(String, String)>,
    pub(crate) children: Vec<Node>,
    /// The byte range of the element's content (between its tags) in the text.
    pub(crate) inner: (usize, usize),
}

impl Element {
    /// The concatenated text of the element's own text children.
    pub(crate) fn own_text(&self) -> String {
        self.children
            .iter()
            .filter_map(|node| match node {
                Node::Text(text) => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The element's child elements.
    pub(crate) fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|node| match node {
            Node::Element(element) => Some(element),
            _ => None,
        })
    }
}

/// A document: the nodes before the root, the root element, the nodes after it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Document {
    pub(crate) before: Vec<Node>,
    pub(crate) root: Element,
    pub(crate) after: Vec<Node>,
}

fn start_element(start: &BytesStart<'_>, position: usize) -> Result<Element, String> {
    let mut attributes = Vec::new();
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|error| error.to_string())?;
        let value = attribute
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|error| error.to_string())?;
        attributes.push((attribute.key.0.to_string(), value.into_owned()));
    }
    Ok(Element { name: start.name().0.to_string(), attributes, children: Vec::new(), inner: (position, position) })
}

/// Appends text to the open element (merging with the text before it), or
/// checks that text outside the root is blank.
fn push_text(stack: &mut [Element], text: &str) -> Result<(), String> {
    match stack.last_mut() {
        Some(element) => {
            if let Some(Node::Text(previous)) = element.children.last_mut() {
                previous.push_str(text);
            } else {
                element.children.push(Node::Text(text.to_string()));
            }
            Ok(())
        }
        None if text.chars().all(|character| matches!(character, ' ' | '\t' | '\r' | '\n')) => Ok(()),
        None => Err("content is not allowed outside the root element".to_string()),
    }
}

/// Parses `text` as one XML document.
pub(crate) fn parse(text: &str) -> Result<Document, String> {
    parse_with(text, false)
}

/// Parses the first element of `text` (and what comes before it), ignoring
/// what follows it, as Spark's XML record reader does.
pub(crate) fn parse_record(text: &str) -> Result<Document, String> {
    parse_with(text, true)
}

fn parse_with(text: &str, first_element_only: bool) -> Result<Document, String> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut before = Vec::new();
    let mut after = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        if first_element_only && root.is_some() {
            break;
        }
        let event_start = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader.read_event().map_err(|error| error.to_string())?;
        let position = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let outside = if root.is_some() { &mut after } else { &mut before };
        match event {
            Event::Start(start) => {
                if root.is_some() && stack.is_empty() {
                    return Err("the markup after the root element must be well-formed".to_string());
                }
                stack.push(start_element(&start, position)?);
            }
            Event::Empty(start) => {
                if root.is_some() && stack.is_empty() {
                    return Err("the markup after the root element must be well-formed".to_string());
                }
                let element = start_element(&start, position)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(element)),
                    None => root = Some(element),
                }
            }
            Event::End(_) => {
                let Some(mut element) = stack.pop() else {
                    return Err("an end tag without a start tag".to_string());
                };
                element.inner.1 = event_start;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(element)),
                    None => root = Some(element),
                }
            }
            Event::Text(content) => push_text(&mut stack, &content.xml10_content())?,
            Event::CData(content) => {
                if stack.is_empty() {
                    return Err("CDATA outside the root element".to_string());
                }
                push_text(&mut stack, &content)?;
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref().map_err(|error| error.to_string())? {
                    Some(character) => character.to_string(),
                    None => match resolve_predefined_entity(&reference) {
                        Some(value) => value.to_string(),
                        None => return Err(format!("the entity \"{}\" was referenced, but not declared", &*reference)),
                    },
                };
                if stack.is_empty() {
                    return Err("a reference outside the root element".to_string());
                }
                push_text(&mut stack, &resolved)?;
            }
            Event::Comment(content) => {
                let node = Node::Comment(content.xml10_content().into_owned());
                match stack.last_mut() {
                    Some(element) => element.children.push(node),
                    None => outside.push(node),
                }
            }
            Event::PI(instruction) => {
                let node = Node::Instruction {
                    target: instruction.target().to_string(),
                    value: instruction.content().trim_start().to_string(),
                };
                match stack.last_mut() {
                    Some(element) => element.children.push(node),
                    None => outside.push(node),
                }
            }
            Event::Decl(_) | Event::DocType(_) => {}
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        return Err("XML document structures must start and end within the same entity".to_string());
    }
    match root {
        Some(root) => Ok(Document { before, root, after }),
        None => Err("premature end of file".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_document_as_a_dom_parser() -> Result<(), String> {
        let document = parse("<?xml version=\"1.0\"?><a x=\"1 &amp; 2\">t&lt;<![CDATA[<c>]]><b/><!--n--></a>\n")?;
        assert_eq!(document.root.name, "a");
        assert_eq!(document.root.attributes, vec![("x".to_string(), "1 & 2".to_string())]);
        assert_eq!(document.root.own_text(), "t<<c>");
        assert_eq!(document.root.elements().count(), 1);
        for bad in ["", "text", "<a>", "<a></b>", "<a/><b/>", "<a/>tail", "<a>&e;</a>"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_record("<a>1</a><b/>tail")?.root.own_text(), "1");
        let inner = parse("<p><a><b>1</b></a></p>")?;
        let Some(a) = inner.root.elements().next() else { return Err("no child".into()) };
        assert_eq!(&"<p><a><b>1</b></a></p>"[a.inner.0..a.inner.1], "<b>1</b>");
        Ok(())
    }
}
