// SPDX-License-Identifier: Apache-2.0
//! Plan validation: walks the relation tree and collects every finding rather
//! than stopping at the first (<https://substrait.io/relations/basics/>).
//!
//! This first version checks the plan's shape (version, relations, required
//! fields), how deep it nests, and that every function reference is declared;
//! type checking against the extension YAMLs comes next.

mod expression;
mod relation;

use std::collections::HashSet;

use substrait::proto::Plan;
use substrait::proto::extensions::simple_extension_declaration::MappingType;
use substrait::proto::plan_rel::RelType as PlanRelType;

use crate::diagnostic::{Code, Diagnostic, PlanPath};

/// Deeper plans are refused: DataFusion's consumer recurses once per level.
pub(crate) const MAX_DEPTH: usize = 256;

/// What the checks of one plan share: declared anchors and the findings so far.
pub(crate) struct Validator {
    declared_functions: HashSet<u32>,
    diagnostics: Vec<Diagnostic>,
}

impl Validator {
    pub(crate) fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub(crate) fn check_function_reference(&mut self, anchor: u32, path: &PlanPath) {
        if !self.declared_functions.contains(&anchor) {
            self.report(Diagnostic::error(
                Code::FunctionAnchorUndeclared,
                path.field("function_reference"),
                format!("function anchor {anchor} is not declared in the plan's extensions"),
            ));
        }
    }
}

/// Every diagnostic about `plan`, errors and warnings, in plan order.
pub fn validate(plan: &Plan) -> Vec<Diagnostic> {
    let declared_functions = plan
        .extensions
        .iter()
        .filter_map(|declaration| match &declaration.mapping_type {
            Some(MappingType::ExtensionFunction(function)) => Some(function.function_anchor),
            _ => None,
        })
        .collect();
    let mut validator = Validator { declared_functions, diagnostics: Vec::new() };
    let root = PlanPath::root();
    check_version(plan, &root, &mut validator);

    match plan.relations.len() {
        0 => validator.report(Diagnostic::error(Code::PlanNoRelations, root.clone(), "plan has no relations")),
        1 => {}
        count => validator.report(Diagnostic::error(
            Code::PlanManyRelations,
            root.field("relations"),
            format!("plan has {count} relation trees; only one is supported"),
        )),
    }
    for (index, plan_rel) in plan.relations.iter().enumerate() {
        let path = root.index("relations", index);
        match &plan_rel.rel_type {
            Some(PlanRelType::Root(rel_root)) => {
                let input_path = path.field("root").field("input");
                match &rel_root.input {
                    Some(input) => relation::validate_rel(input, &input_path, 0, &mut validator),
                    None => validator.report(missing_field(&input_path, "RelRoot.input")),
                }
            }
            Some(PlanRelType::Rel(rel)) => relation::validate_rel(rel, &path.field("rel"), 0, &mut validator),
            None => validator.report(missing_field(&path, "PlanRel.rel_type")),
        }
    }
    validator.diagnostics
}

fn check_version(plan: &Plan, root: &PlanPath, validator: &mut Validator) {
    match &plan.version {
        None => validator.report(Diagnostic::warning(
            Code::VersionMissing,
            root.field("version"),
            "plan declares no Substrait version",
        )),
        Some(version) if version.major_number != 0 => validator.report(Diagnostic::error(
            Code::VersionUnsupported,
            root.field("version"),
            format!("Substrait version {}.{} is not supported; 0.x is", version.major_number, version.minor_number),
        )),
        Some(_) => {}
    }
}

pub(crate) fn missing_field(path: &PlanPath, field: &str) -> Diagnostic {
    Diagnostic::error(Code::ProtoMissingField, path.clone(), format!("required field {field} is not set"))
}

pub(crate) fn too_deep(path: &PlanPath) -> Diagnostic {
    Diagnostic::error(Code::NestingTooDeep, path.clone(), format!("plan nests deeper than {MAX_DEPTH} levels"))
}
