// SPDX-License-Identifier: Apache-2.0
//! The plan's extension declarations (`extension_urns`, `extensions`): each
//! function anchor is resolved to the definitions it may mean
//! (<https://substrait.io/extensions/#simple-extensions>).
//!
//! A function whose URN is declared and known is checked strictly (mismatches
//! are errors). Producers that declare no URN (datafusion-python sets
//! `extension_urn_reference = u32::MAX`) or only the older URIs (which this
//! version of the protobuf drops) still run, since the runtime resolves
//! functions by name: their functions resolve by name, with a warning.

use std::collections::HashMap;

use substrait::proto::Plan;
use substrait::proto::extensions::simple_extension_declaration::MappingType;

use super::Validator;
use crate::diagnostic::{Code, Diagnostic, PlanPath};
use crate::extensions::{FunctionDefinition, matches_compound_signature, registry};
use crate::host_function::HOST_FUNCTION_URN;

/// A declared function anchor and the definitions it resolves to.
#[derive(Debug, Clone)]
pub(crate) struct FunctionDeclaration {
    /// The plain function name (`add` of `add:i64_i64`).
    pub(crate) name: String,
    /// The definitions the call may mean: those of the declared extension, or
    /// of every extension defining the name when it resolves by name.
    pub(crate) candidates: Vec<FunctionDefinition>,
    /// Whether the declaration names a known extension, so that a call the
    /// definitions do not accept is an error rather than a warning.
    pub(crate) strict: bool,
}

/// Resolve every function declaration of `plan`, reporting what is off.
pub(crate) fn resolve(plan: &Plan, validator: &mut Validator) -> HashMap<u32, FunctionDeclaration> {
    let root = PlanPath::root();
    let registry = match registry() {
        Ok(registry) => Some(registry),
        Err(reason) => {
            validator.report(Diagnostic::error(
                Code::ExtensionRegistryBroken,
                root.clone(),
                format!("function signatures are unavailable: {reason}"),
            ));
            None
        }
    };
    let mut urns: HashMap<u32, String> = HashMap::new();
    for (index, declaration) in plan.extension_urns.iter().enumerate() {
        let path = root.index("extension_urns", index);
        if urns
            .insert(declaration.extension_urn_anchor, declaration.urn.clone())
            .is_some()
        {
            validator.report(Diagnostic::warning(
                Code::AnchorDuplicate,
                path.field("extension_urn_anchor"),
                format!(
                    "extension URN anchor {} is declared more than once",
                    declaration.extension_urn_anchor
                ),
            ));
        }
        if let Some(registry) = registry
            && declaration.urn != HOST_FUNCTION_URN
            && !registry.knows_urn(&declaration.urn)
        {
            validator.report(
                Diagnostic::warning(
                    Code::ExtensionUrnUnknown,
                    path.field("urn"),
                    format!("extension URN {} is not known; its functions are resolved by name", declaration.urn),
                )
                .with_note(
                    "known: the URNs of PyRust's extension YAMLs (extension:io.substrait:..., \
                     extension:dev.pyrust:...); `pyrust-compile functions` lists them",
                ),
            );
        }
    }

    let mut functions = HashMap::new();
    for (index, declaration) in plan.extensions.iter().enumerate() {
        let Some(MappingType::ExtensionFunction(function)) = &declaration.mapping_type else {
            continue;
        };
        let path = root
            .index("extensions", index)
            .variant("extension_function");
        let (name, signature) = match function.name.split_once(':') {
            Some((name, signature)) => (name.to_string(), Some(signature.to_string())),
            None => (function.name.clone(), None),
        };
        let host_function = urns.get(&function.extension_urn_reference).is_some_and(|urn| urn == HOST_FUNCTION_URN);
        let resolved = match registry {
            // A host function (a Python UDF): any name, typed by its calls' output types.
            _ if host_function => FunctionDeclaration { name: name.clone(), candidates: Vec::new(), strict: false },
            Some(registry) => {
                let urn = urns.get(&function.extension_urn_reference);
                let known_urn = urn.filter(|urn| registry.knows_urn(urn));
                match known_urn {
                    Some(urn) => {
                        let defined_here = registry.in_extension(urn, &name).to_vec();
                        if defined_here.is_empty() {
                            let elsewhere = registry.by_name(&name);
                            if elsewhere.is_empty() {
                                validator.report(Diagnostic::error(
                                    Code::FunctionNameUnknown,
                                    path.field("name"),
                                    format!("function {name} is not defined by {urn} nor by any known extension"),
                                ));
                            } else {
                                validator.report(
                                    Diagnostic::warning(
                                        Code::FunctionNotInExtension,
                                        path.field("name"),
                                        format!("function {name} is not defined by {urn}"),
                                    )
                                    .with_note(format!("it is defined by {}", urns_of(elsewhere))),
                                );
                            }
                            FunctionDeclaration {
                                name: name.clone(),
                                candidates: elsewhere.to_vec(),
                                strict: false,
                            }
                        } else {
                            FunctionDeclaration {
                                name: name.clone(),
                                candidates: defined_here,
                                strict: true,
                            }
                        }
                    }
                    None => {
                        if urn.is_none() {
                            let anchor = function.extension_urn_reference;
                            let shown = if anchor == u32::MAX {
                                "u32::MAX".to_string()
                            } else {
                                anchor.to_string()
                            };
                            validator.report(Diagnostic::warning(
                                Code::FunctionResolvedByName,
                                path.field("extension_urn_reference"),
                                format!("function {name} points at undeclared extension URN anchor {shown}; resolved by name"),
                            ));
                        }
                        let candidates = registry.by_name(&name).to_vec();
                        if candidates.is_empty() && urn.is_none() {
                            validator.report(Diagnostic::warning(
                                Code::FunctionNameUnknown,
                                path.field("name"),
                                format!("function {name} is defined by no known extension; its calls are not checked"),
                            ));
                        }
                        FunctionDeclaration {
                            name: name.clone(),
                            candidates,
                            strict: false,
                        }
                    }
                }
            }
            None => FunctionDeclaration {
                name: name.clone(),
                candidates: Vec::new(),
                strict: false,
            },
        };
        if let Some(signature) = &signature
            && !resolved.candidates.is_empty()
            && !resolved.candidates.iter().any(|definition| {
                definition.implementations.iter().any(|implementation| {
                    matches_compound_signature(
                        signature,
                        &implementation.parameters,
                        implementation.variadic_min.is_some(),
                    )
                })
            })
        {
            validator.report(Diagnostic::warning(
                Code::FunctionSignatureUnknown,
                path.field("name"),
                format!("signature {name}:{signature} matches no implementation of {name}"),
            ));
        }
        if functions
            .insert(function.function_anchor, resolved)
            .is_some()
        {
            validator.report(Diagnostic::warning(
                Code::AnchorDuplicate,
                path.field("function_anchor"),
                format!(
                    "function anchor {} is declared more than once; the last declaration wins",
                    function.function_anchor
                ),
            ));
        }
    }
    functions
}

fn urns_of(definitions: &[FunctionDefinition]) -> String {
    let mut urns: Vec<&str> = definitions
        .iter()
        .map(|definition| definition.urn.as_str())
        .collect();
    urns.sort_unstable();
    urns.dedup();
    urns.join(", ")
}
