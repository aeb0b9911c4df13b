// SPDX-License-Identifier: Apache-2.0
//! The stable diagnostic codes. The number is the identity: codes are grouped
//! by thousands and never renumbered (a code that is no longer used is retired,
//! its number not reused).
//!
//! | group | area |
//! |---|---|
//! | 1xxx | decoding, the protobuf structure, the plan's version and size |
//! | 2xxx | extensions and function resolution |
//! | 3xxx | references and anchors |
//! | 4xxx | types |
//! | 5xxx | relations |
//! | 6xxx | expressions |

use std::fmt;

macro_rules! codes {
    ($($(#[doc = $doc:literal])+ $name:ident = $number:literal,)+) => {
        /// Stable diagnostic codes; the number is the identity, the name explains it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code {
            $($(#[doc = $doc])+ $name = $number,)+
        }

        impl Code {
            /// Every code, in numeric order (the source of the codes table in the docs).
            pub const ALL: &'static [Code] = &[$(Code::$name,)+];

            /// What the code means, in one line.
            pub fn description(self) -> &'static str {
                match self {
                    $(Code::$name => concat!($($doc),+).trim_start(),)+
                }
            }

            /// The code's name, e.g. `FieldReferenceOutOfRange`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Code::$name => stringify!($name),)+
                }
            }
        }
    };
}

codes! {
    /// The bytes are not a protobuf `Plan`.
    ProtoDecode = 1001,
    /// A required protobuf field is not set.
    ProtoMissingField = 1002,
    /// The plan declares no Substrait version.
    VersionMissing = 1003,
    /// The plan's Substrait major version is not one we read.
    VersionUnsupported = 1004,
    /// The plan nests deeper than the engine can consume safely.
    NestingTooDeep = 1005,
    /// The text is not a Substrait plan in the protobuf JSON mapping.
    ProtoJsonDecode = 1006,
    /// An enum field holds a value this version of Substrait does not define.
    ProtoEnumValue = 1007,
    /// The compiler's own extension registry failed to load (a bug, not the plan's fault).
    ExtensionRegistryBroken = 2001,
    /// A declared extension URN is not one the compiler knows; its functions are not checked.
    ExtensionUrnUnknown = 2002,
    /// A function's extension URN is not declared; it is resolved by name alone.
    FunctionResolvedByName = 2003,
    /// The function name is not defined by the extension its declaration points at.
    FunctionNotInExtension = 2004,
    /// The function name is defined by no extension the compiler knows.
    FunctionNameUnknown = 2005,
    /// The compound name's signature (`add:i64_i64`) matches no implementation of the function.
    FunctionSignatureUnknown = 2006,
    /// A scalar function is called as an aggregate or window function, or the other way round.
    FunctionKindMismatch = 2007,
    /// A function reference names no declared extension function.
    FunctionAnchorUndeclared = 3001,
    /// A field reference points past the end of the schema it refers to.
    FieldReferenceOutOfRange = 3002,
    /// An outer reference steps out of more queries than enclose it.
    OuterReferenceOutOfRange = 3003,
    /// A reference relation names a relation the plan does not have.
    ReferenceRelOutOfRange = 3004,
    /// A reference relation leads back to itself.
    ReferenceCycle = 3005,
    /// An emit mapping names a field the relation does not produce.
    EmitOutOfRange = 3006,
    /// Two extension declarations share one anchor.
    AnchorDuplicate = 3007,
    /// A type variation or user-defined type anchor is not declared.
    TypeAnchorUndeclared = 3008,
    /// A lambda parameter reference steps out of more lambdas than enclose it.
    LambdaParameterOutOfRange = 3009,
    /// The argument types match no implementation of the function.
    ArgumentTypeMismatch = 4001,
    /// A function's declared output type disagrees with its signature's return type.
    OutputTypeMismatch = 4002,
    /// A condition (filter, join, if-then, measure filter) is not boolean.
    ConditionNotBoolean = 4003,
    /// A declared output type is required (not nullable) but the value can be null.
    NullabilityMismatch = 4004,
    /// The inputs of a set operation have different column types.
    SetInputTypeMismatch = 4005,
    /// A function call does not declare its output type.
    OutputTypeMissing = 4006,
    /// The operand and the options of an IN list, or the branches of a conditional, have incompatible types.
    OperandTypeMismatch = 4007,
    /// The plan has no relation.
    PlanNoRelations = 5001,
    /// The plan holds more than one root relation.
    PlanManyRelations = 5002,
    /// The root's names do not name every output field (nested struct fields included).
    RootNamesMismatch = 5003,
    /// A read's base schema has a different number of names than fields.
    BaseSchemaNamesMismatch = 5004,
    /// The relation is valid Substrait but not supported yet.
    RelationUnsupported = 5005,
    /// The inputs of a set operation have different numbers of columns.
    SetInputWidthMismatch = 5006,
    /// A join or set operation does not say which kind it is.
    OperationUnspecified = 5007,
    /// A relation has too few or too many inputs.
    InputCountInvalid = 5008,
    /// The detail of an extension relation PyRust defines (`Generate`) is malformed.
    ExtensionDetailInvalid = 5009,
    /// The expression is valid Substrait but not supported yet.
    ExpressionUnsupported = 6001,
    /// A literal of this kind is not supported yet.
    LiteralUnsupported = 6002,
    /// A subquery used as a value does not produce exactly one column.
    SubqueryWidthInvalid = 6003,
}

impl fmt::Display for Code {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "E{:04}", *self as u32)
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
