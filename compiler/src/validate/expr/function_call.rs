// SPDX-License-Identifier: Apache-2.0
//! What scalar, aggregate and window function calls share
//! (<https://substrait.io/expressions/scalar_functions/>): the anchor must be
//! declared, the argument types must fit one implementation of the function's
//! YAML definition, and the declared output type must agree with that
//! implementation's return type where the return type is derivable.

use std::collections::HashMap;

use substrait::proto::function_argument::ArgType;
use substrait::proto::{FunctionArgument, Type};

use super::{Scope, validate_expression};
use crate::diagnostic::{Code, Diagnostic, Level, PlanPath};
use crate::extensions::{FunctionKind, Implementation, Parameter, TypePattern};
use crate::types;
use crate::validate::{Validator, missing_field};

/// An argument as the signature check sees it.
#[derive(Debug, Clone)]
pub(crate) enum ArgumentValue {
    /// A value of the given type (`None`: not derivable).
    Value(Option<Type>),
    /// An enumeration option.
    Enum(String),
    /// A type argument.
    Type,
}

impl ArgumentValue {
    fn display(&self) -> String {
        match self {
            ArgumentValue::Value(value_type) => types::optional(value_type.as_ref()),
            ArgumentValue::Enum(option) => format!("'{option}'"),
            ArgumentValue::Type => "type".to_string(),
        }
    }
}

/// Check and type every argument of a call.
pub(crate) fn validate_arguments(
    arguments: &[FunctionArgument],
    path: &PlanPath,
    scope: Scope,
    depth: usize,
    validator: &mut Validator,
) -> Vec<ArgumentValue> {
    arguments
        .iter()
        .enumerate()
        .map(|(index, argument)| {
            let argument_path = path.index("arguments", index);
            match &argument.arg_type {
                Some(ArgType::Value(value)) => ArgumentValue::Value(validate_expression(
                    value,
                    &argument_path.variant("value"),
                    scope,
                    depth + 1,
                    validator,
                )),
                Some(ArgType::Enum(option)) => ArgumentValue::Enum(option.clone()),
                Some(ArgType::Type(_)) => ArgumentValue::Type,
                None => {
                    validator.report(missing_field(&argument_path, "FunctionArgument.arg_type"));
                    ArgumentValue::Value(None)
                }
            }
        })
        .collect()
}

/// Check a call of function `anchor` with `arguments` and return its type:
/// the declared output type, else the return type of the signature when it
/// is a plain type.
pub(crate) fn check_call(
    anchor: u32,
    kind: FunctionKind,
    arguments: &[ArgumentValue],
    output_type: Option<&Type>,
    path: &PlanPath,
    validator: &mut Validator,
) -> Option<Type> {
    let output_type = output_type.filter(|declared| declared.kind.is_some());
    let Some(declaration) = validator.functions.get(&anchor).cloned() else {
        validator.report(Diagnostic::error(
            Code::FunctionAnchorUndeclared,
            path.field("function_reference"),
            format!("function anchor {anchor} is not declared in the plan's extensions"),
        ));
        return output_type.cloned();
    };
    let name = &declaration.name;
    let level = if declaration.strict {
        Level::Error
    } else {
        Level::Warning
    };
    // Window calls may use aggregate functions as well as window functions.
    let of_kind: Vec<&Implementation> = declaration
        .candidates
        .iter()
        .filter(|definition| {
            definition.kind == kind
                || (kind == FunctionKind::Window && definition.kind == FunctionKind::Aggregate)
        })
        .flat_map(|definition| definition.implementations.iter())
        .collect();
    if of_kind.is_empty() {
        if let Some(definition) = declaration.candidates.first() {
            validator.report(Diagnostic::warning(
                Code::FunctionKindMismatch,
                path.field("function_reference"),
                format!(
                    "{name} is {} function but is called as {} function",
                    definition.kind.describe(),
                    kind.describe()
                ),
            ));
        }
        return output_type.cloned();
    }
    let accepting: Vec<(&Implementation, HashMap<String, Type>)> = of_kind
        .iter()
        .filter_map(|implementation| {
            accepts(implementation, arguments, false).map(|bindings| (*implementation, bindings))
        })
        .collect();
    let shown_arguments = arguments
        .iter()
        .map(ArgumentValue::display)
        .collect::<Vec<_>>()
        .join(", ");
    if accepting.is_empty() {
        // Numbers of different classes for one wildcard (`gt(i32, fp64)`) are
        // invalid Substrait, but engines coerce them: a warning only.
        let coercible = of_kind
            .iter()
            .any(|implementation| accepts(implementation, arguments, true).is_some());
        let level = if coercible { Level::Warning } else { level };
        let mut signatures: Vec<String> = of_kind
            .iter()
            .map(|implementation| signature_text(implementation))
            .collect();
        signatures.dedup();
        let more = signatures.len().saturating_sub(6);
        signatures.truncate(6);
        let mut note = format!("{name} accepts {}", signatures.join(", "));
        if more > 0 {
            note.push_str(&format!(" and {more} more"));
        }
        validator.report(
            Diagnostic {
                code: Code::ArgumentTypeMismatch,
                level,
                path: path.field("arguments"),
                message: format!(
                    "mismatched types: no implementation of {name} accepts ({shown_arguments})"
                ),
                notes: Vec::new(),
            }
            .with_note(note),
        );
        return output_type.cloned();
    }
    let expected: Vec<Option<Type>> = accepting
        .iter()
        .map(|(implementation, bindings)| expected_return(implementation, bindings))
        .collect();
    let Some(output_type) = output_type else {
        // Without a declared type, a return type every accepting implementation agrees on is the type.
        return expected.first().cloned().flatten().filter(|first| {
            expected.iter().all(|other| {
                other
                    .as_ref()
                    .is_some_and(|other| types::same_class(first, other))
            })
        });
    };
    let derivable: Vec<&Type> = expected.iter().flatten().collect();
    if derivable.len() == expected.len()
        && !derivable
            .iter()
            .any(|candidate| types::same_class(candidate, output_type))
    {
        // A warning, not an error: producers get this wrong (DuckDB 1.1 types
        // `gt` as i64) and engines derive the type themselves, so the plan runs.
        // For scalar functions the signature's type is what the rest of the
        // plan sees; aggregates keep the declared type, which is the engine's
        // (Spark's avg of integers is a double where the YAML says integer).
        validator.report(Diagnostic::warning(
            Code::OutputTypeMismatch,
            path.field("output_type"),
            format!(
                "mismatched types: {name}({shown_arguments}) returns {}, but the output type is {}",
                types::class_name(derivable[0]),
                types::display(output_type)
            ),
        ));
        if kind == FunctionKind::Scalar {
            return Some(types::with_nullability(
                derivable[0].clone(),
                types::is_nullable(output_type),
            ));
        }
    }
    if kind == FunctionKind::Scalar
        && !types::is_nullable(output_type)
        && accepting.iter().all(|(implementation, _)| implementation.mirrors_nullability)
        && let Some(index) = arguments
            .iter()
            .position(|argument| matches!(argument, ArgumentValue::Value(Some(value_type)) if types::is_nullable(value_type)))
    {
        validator.report(Diagnostic::warning(
            Code::NullabilityMismatch,
            path.field("output_type"),
            format!("{name} is declared never null, but its argument {index} may be null"),
        ));
    }
    Some(output_type.clone())
}

/// Whether `implementation` accepts the arguments; on success, the types its
/// wildcards (`any1`) were bound to.
fn accepts(
    implementation: &Implementation,
    arguments: &[ArgumentValue],
    coerce_numbers: bool,
) -> Option<HashMap<String, Type>> {
    let parameters = &implementation.parameters;
    let count_fits = match implementation.variadic_min {
        Some(min) => {
            arguments.len() + 1 >= parameters.len() + min.max(1)
                || (parameters.is_empty() && arguments.is_empty())
        }
        None => arguments.len() == parameters.len(),
    };
    if !count_fits {
        return None;
    }
    let mut bindings: HashMap<String, Type> = HashMap::new();
    for (index, argument) in arguments.iter().enumerate() {
        let parameter = parameters.get(index).or(parameters.last())?;
        match (parameter, argument) {
            (Parameter::Value(pattern), ArgumentValue::Value(Some(actual))) => {
                if !pattern.accepts(actual) {
                    return None;
                }
                if let Some(wildcard) = &pattern.wildcard {
                    match bindings.get(wildcard) {
                        Some(bound)
                            if coerce_numbers
                                && types::is_numeric(bound)
                                && types::is_numeric(actual) => {}
                        Some(bound) if !types::same_class(bound, actual) => return None,
                        Some(_) => {}
                        None => {
                            bindings.insert(wildcard.clone(), actual.clone());
                        }
                    }
                }
            }
            (Parameter::Value(_), ArgumentValue::Value(None))
            | (Parameter::Enumeration(_), ArgumentValue::Enum(_))
            | (Parameter::Type, ArgumentValue::Type) => {}
            _ => return None,
        }
    }
    Some(bindings)
}

/// The return type `implementation` promises, when it names a plain type
/// class or a wildcard bound by the arguments.
fn expected_return(
    implementation: &Implementation,
    bindings: &HashMap<String, Type>,
) -> Option<Type> {
    let pattern: &TypePattern = implementation.return_type.as_ref()?;
    if let Some(wildcard) = &pattern.wildcard {
        return bindings.get(wildcard).cloned();
    }
    // Parameterized classes (decimal<P,S>, varchar<L>) are not derived: their
    // parameters come from type programs this check does not evaluate.
    types::from_class(pattern.class.as_deref()?, true)
}

fn signature_text(implementation: &Implementation) -> String {
    let parameters: Vec<String> = implementation
        .parameters
        .iter()
        .map(|parameter| match parameter {
            Parameter::Value(pattern) => pattern.text.clone(),
            Parameter::Enumeration(options) => format!("[{}]", options.join("|")),
            Parameter::Type => "type".to_string(),
        })
        .collect();
    let variadic = if implementation.variadic_min.is_some() {
        "..."
    } else {
        ""
    };
    format!("({}{variadic})", parameters.join(", "))
}
