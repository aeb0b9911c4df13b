// SPDX-License-Identifier: Apache-2.0
//! Spark's XML functions (`functions_spark_xml.yaml`), ours: XML text read
//! with quick-xml (`xml/document.rs`); the `xpath` family evaluates XPath
//! 1.0 with sxd-xpath over sxd-document's DOM (`xml/xpath.rs`); `from_xml`
//! and `to_xml` read and write a struct (`xml/from_xml.rs`,
//! `xml/to_xml.rs`), with the JSON family's Spark types, options, cells
//! and value writer: the analyzer passes the struct's Spark type and the
//! checked options as one literal JSON object of strings, as it does for
//! `from_json`. `schema_of_xml` needs a literal argument in Spark, so the
//! analyzer computes it (a constant): it has no row here.

mod document;
mod from_xml;
mod to_xml;
mod xpath;

use super::Scalar;

pub(super) const SCALARS: &[(&str, Scalar)] = &[
    ("from_xml", Scalar::Ours(from_xml::from_xml)),
    ("to_xml", Scalar::Ours(to_xml::to_xml)),
    ("xpath", Scalar::Ours(xpath::xpath)),
    ("xpath_boolean", Scalar::Ours(xpath::xpath_boolean)),
    ("xpath_double", Scalar::Ours(xpath::xpath_double)),
    ("xpath_float", Scalar::Ours(xpath::xpath_float)),
    ("xpath_int", Scalar::Ours(xpath::xpath_int)),
    ("xpath_long", Scalar::Ours(xpath::xpath_long)),
    ("xpath_number", Scalar::Ours(xpath::xpath_number)),
    ("xpath_short", Scalar::Ours(xpath::xpath_short)),
    ("xpath_string", Scalar::Ours(xpath::xpath_string)),
];
