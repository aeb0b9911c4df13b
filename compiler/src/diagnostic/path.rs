// SPDX-License-Identifier: Apache-2.0
//! Paths into a plan (`plan.relations[0].root.input<filter>.condition`): where a
//! diagnostic points. Segments keep their structure so that a renderer can find
//! the fragment of the plan a path names
//! (<https://substrait.io/serialization/text_serialization/> for the JSON form).

use std::fmt;

/// One step from a message into one of its parts.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathSegment {
    /// A field of a message, by its protobuf (snake_case) name.
    Field(String),
    /// An element of a repeated field.
    Index(String, usize),
    /// The variant chosen in a oneof, by its protobuf name.
    Variant(String),
}

/// A path into the plan, rendered like `plan.relations[0].root.input<filter>.input`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PlanPath(Vec<PathSegment>);

impl PlanPath {
    /// The plan itself.
    pub fn root() -> Self {
        PlanPath(Vec::new())
    }

    /// A named field below this path.
    pub fn field(&self, name: &str) -> Self {
        self.push(PathSegment::Field(name.to_string()))
    }

    /// An element of a repeated field below this path.
    pub fn index(&self, name: &str, index: usize) -> Self {
        self.push(PathSegment::Index(name.to_string(), index))
    }

    /// The variant chosen in a oneof at this path.
    pub fn variant(&self, name: &str) -> Self {
        self.push(PathSegment::Variant(name.to_string()))
    }

    /// The steps from the plan to the place this path names.
    pub fn segments(&self) -> &[PathSegment] {
        &self.0
    }

    fn push(&self, segment: PathSegment) -> Self {
        let mut segments = self.0.clone();
        segments.push(segment);
        PlanPath(segments)
    }
}

impl fmt::Display for PlanPath {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("plan")?;
        for segment in &self.0 {
            match segment {
                PathSegment::Field(name) => write!(formatter, ".{name}")?,
                PathSegment::Index(name, index) => write!(formatter, ".{name}[{index}]")?,
                PathSegment::Variant(name) => write!(formatter, "<{name}>")?,
            }
        }
        Ok(())
    }
}

impl serde::Serialize for PlanPath {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
