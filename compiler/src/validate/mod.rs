// SPDX-License-Identifier: Apache-2.0
//! Plan validation and type derivation: walks the relation tree once, derives
//! the output schema of every relation and the type of every expression, and
//! collects every finding rather than stopping at the first
//! (<https://substrait.io/relations/basics/>, <https://substrait.io/types/>).
//!
//! One file per Substrait message, dispatched from [`rel`] and [`expr`] by a
//! `match` on the oneof. Checks that need a type the plan does not make
//! derivable are skipped, never guessed: `check` runs before every execution,
//! so a false error would refuse a valid plan from another producer.

mod aggregate_rel;
mod consistent_partition_window_rel;
mod cross_rel;
mod exchange_rel;
mod expr;
mod extension_declarations;
mod extension_rel;
mod fetch_rel;
mod filter_rel;
mod join_rel;
mod project_rel;
mod read_rel;
mod reference_rel;
pub(crate) mod rel;
mod rel_common;
mod rel_root;
mod set_rel;
mod sort_rel;

use std::collections::HashMap;

use substrait::proto::Plan;
use substrait::proto::plan_rel::RelType as PlanRelType;

pub(crate) use expr::literal::literal_type;
use extension_declarations::FunctionDeclaration;

use crate::diagnostic::{Code, Diagnostic, PlanPath};
use crate::types::Schema;

/// Deeper plans are refused: DataFusion's consumer recurses once per level.
pub(crate) const MAX_DEPTH: usize = 256;

/// What validating a plan found: the diagnostics, and the output schema of
/// every relation it could derive.
#[derive(Debug, Default)]
pub struct Analysis {
    /// Every diagnostic, errors and warnings, in plan order.
    pub diagnostics: Vec<Diagnostic>,
    schemas: HashMap<PlanPath, Schema>,
}

impl Analysis {
    /// The output schema of the relation at `path` (the path of a `Rel`
    /// message, or of a `RelRoot` for the named root schema).
    pub fn schema(&self, path: &PlanPath) -> Option<&Schema> {
        self.schemas.get(path)
    }
}

/// Where a plan relation (one `PlanRel`) stands in the walk; reference
/// relations look at it to reuse a schema or to detect a cycle.
#[derive(Clone)]
enum RelationState {
    NotVisited,
    InProgress,
    Done(Option<Schema>),
}

/// What the checks of one plan share.
pub(crate) struct Validator<'plan> {
    plan: &'plan Plan,
    functions: HashMap<u32, FunctionDeclaration>,
    relations: Vec<RelationState>,
    /// The schemas of the relations enclosing the current subquery, innermost last.
    outer: Vec<Option<Schema>>,
    /// The parameters of the lambdas enclosing the current expression, innermost last.
    lambdas: Vec<Schema>,
    /// DuckDB's producer writes projects without an emit that output only
    /// their expressions; plans it announces are read that way, as the runtime does.
    duckdb_projects: bool,
    analysis: Analysis,
}

impl Validator<'_> {
    pub(crate) fn report(&mut self, diagnostic: Diagnostic) {
        self.analysis.diagnostics.push(diagnostic);
    }

    fn record_schema(&mut self, path: &PlanPath, schema: &Schema) {
        self.analysis.schemas.insert(path.clone(), schema.clone());
    }
}

/// Every diagnostic about `plan`, errors and warnings, in plan order.
pub fn validate(plan: &Plan) -> Vec<Diagnostic> {
    analyze(plan).diagnostics
}

/// Validate `plan` and derive the schema of each of its relations.
pub fn analyze(plan: &Plan) -> Analysis {
    let mut validator = Validator {
        plan,
        functions: HashMap::new(),
        relations: vec![RelationState::NotVisited; plan.relations.len()],
        outer: Vec::new(),
        lambdas: Vec::new(),
        duckdb_projects: plan
            .version
            .as_ref()
            .is_some_and(|version| version.producer.eq_ignore_ascii_case("duckdb")),
        analysis: Analysis::default(),
    };
    let root = PlanPath::root();
    check_version(plan, &root, &mut validator);
    validator.functions = extension_declarations::resolve(plan, &mut validator);

    let roots = plan
        .relations
        .iter()
        .filter(|relation| matches!(relation.rel_type, Some(PlanRelType::Root(_))))
        .count();
    if plan.relations.is_empty() {
        validator.report(Diagnostic::error(
            Code::PlanNoRelations,
            root.clone(),
            "plan has no relations",
        ));
    } else if roots > 1 {
        validator.report(
            Diagnostic::error(
                Code::PlanManyRelations,
                root.field("relations"),
                format!("plan has {roots} root relations; only one is supported"),
            )
            .with_note(
                "further relations may only be shared subtrees, referenced by reference relations",
            ),
        );
    }
    for ordinal in 0..plan.relations.len() {
        // At the top level no relation is in progress, so there is no cycle to report.
        let _schema = plan_relation(ordinal, 0, &mut validator);
    }
    validator.analysis
}

/// Validate plan relation `ordinal` once and return its output schema.
/// Reference relations call this too; a relation already being walked means a
/// cycle. `depth` continues the referencing relation's, so that a long chain of
/// references is bounded like nesting (found by fuzzing: it overflowed the stack).
pub(crate) fn plan_relation(
    ordinal: usize,
    depth: usize,
    validator: &mut Validator,
) -> Result<Option<Schema>, ()> {
    match validator.relations.get(ordinal).cloned() {
        Some(RelationState::Done(schema)) => return Ok(schema),
        Some(RelationState::InProgress) | None => return Err(()),
        Some(RelationState::NotVisited) => {}
    }
    validator.relations[ordinal] = RelationState::InProgress;
    let plan = validator.plan;
    let path = PlanPath::root().index("relations", ordinal);
    // Shared subtrees are walked on their own: enclosing queries are not theirs.
    let outer = std::mem::take(&mut validator.outer);
    let lambdas = std::mem::take(&mut validator.lambdas);
    let schema = match &plan.relations[ordinal].rel_type {
        Some(PlanRelType::Root(rel_root)) => {
            rel_root::validate_rel_root(rel_root, &path.field("root"), depth, validator)
        }
        Some(PlanRelType::Rel(input)) => {
            rel::validate_rel(input, &path.field("rel"), depth, validator)
        }
        None => {
            validator.report(missing_field(&path, "PlanRel.rel_type"));
            None
        }
    };
    validator.outer = outer;
    validator.lambdas = lambdas;
    validator.relations[ordinal] = RelationState::Done(schema.clone());
    Ok(schema)
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
            format!(
                "Substrait version {}.{} is not supported; 0.x is",
                version.major_number, version.minor_number
            ),
        )),
        Some(_) => {}
    }
}

pub(crate) fn missing_field(path: &PlanPath, field: &str) -> Diagnostic {
    Diagnostic::error(
        Code::ProtoMissingField,
        path.clone(),
        format!("required field {field} is not set"),
    )
}

pub(crate) fn too_deep(path: &PlanPath) -> Diagnostic {
    Diagnostic::error(
        Code::NestingTooDeep,
        path.clone(),
        format!("plan nests deeper than {MAX_DEPTH} levels"),
    )
}
