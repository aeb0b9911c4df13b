// SPDX-License-Identifier: Apache-2.0
//! Substrait-to-Substrait optimization through DataFusion's optimizer.
//!
//! We do not keep a rule engine of our own: a plan is consumed into a
//! DataFusion logical plan (with our consumer, so Spark semantics such as
//! `overflow: ERROR` are kept), optimized by DataFusion's rules and produced
//! back into Substrait with datafusion-substrait's producer
//! (<https://substrait.io/serialization/binary_serialization/>).
//!
//! What the stock producer gets wrong for us is mended here:
//! - our arithmetic functions (Spark's ANSI and legacy modes) go back to the
//!   standard `add`, `divide`, ... calls with the options that asked for them,
//!   our legacy string-to-integer conversion to a null-on-failure cast, our
//!   checked cast to a cast that fails, our
//!   checked `sum` to `sum` with `overflow: ERROR`, and nested
//!   struct constructors go back to `Nested` struct expressions;
//! - measures get their `output_type` and the `INITIAL_TO_RESULT` phase;
//! - day-time interval constants (Arrow's `Duration(µs)`, which the producer
//!   has no literal of) become microseconds cast to the interval;
//! - a `RANGE` frame's offsets (of its key's type) go back as integers;
//! - `like` loses the null escape argument no signature declares, and joins
//!   without a condition become `CrossRel`s;
//! - the producer declares no extension URNs (every function points at
//!   anchor `u32::MAX`), so each function is given the URN that declared it
//!   in the input plan, or else the extension YAML that defines its name.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{DFSchema, DFSchemaRef, ScalarValue};
use datafusion::execution::SessionState;
use datafusion::logical_expr::expr::{BinaryExpr, Cast, ScalarFunction as ScalarFunctionExpr, TryCast, WindowFunction};
use datafusion::logical_expr::{Aggregate, Expr, ExprSchemable, Join, Like, LogicalPlan, Operator, WindowFrameBound};
use datafusion_substrait::extensions::Extensions;
use datafusion_substrait::logical_plan::consumer::substrait_fun_name;
use datafusion_substrait::logical_plan::producer::{
    DefaultSubstraitProducer, SubstraitProducer, from_aggregate, from_join, from_like, from_window_function,
};
use substrait::proto::expression::literal::LiteralType;
use substrait::proto::expression::nested::{NestedType, Struct};
use substrait::proto::expression::field_reference::{ReferenceType, RootType};
use substrait::proto::expression::{FieldReference, Literal, Nested, ReferenceSegment, RexType, ScalarFunction, reference_segment};
use substrait::proto::extensions::simple_extension_declaration::MappingType;
use substrait::proto::extensions::{SimpleExtensionDeclaration, SimpleExtensionUrn};
use substrait::proto::function_argument::ArgType;
use substrait::proto::join_rel::JoinType;
use substrait::proto::rel::RelType;
use substrait::proto::{
    AggregationPhase, CrossRel, Expression, FunctionArgument, FunctionOption, Plan, PlanRel, Rel,
    RelRoot, Type, plan_rel,
};

use crate::error::{Error, Result};
use crate::consumer::Relabel;
use crate::functions::arithmetic::{EvalMode, Operation, SparkArithmetic};
use crate::functions::checked_cast::CheckedCast;
use crate::functions::datetime::time_cast::SessionTimeCast;
use crate::functions::checked_sum::CheckedSum;
use crate::functions::string_to_integer::StringToInteger;

/// Produce `logical_plan` (already optimized) as a Substrait plan whose
/// extension declarations follow `input`'s where it can.
pub(crate) fn to_substrait(
    logical_plan: &LogicalPlan,
    state: &SessionState,
    input: &Plan,
) -> Result<Plan> {
    let mut producer = SparkProducer {
        default: DefaultSubstraitProducer::new(state),
    };
    let root = RelRoot {
        input: Some(*producer.handle_plan(logical_plan)?),
        names: output_names(logical_plan),
    };
    let extensions = producer.get_extensions();
    let (extension_urns, extensions) = declare_extensions(extensions, input)?;
    Ok(Plan {
        version: input.version.clone(),
        extension_urns,
        extensions,
        relations: vec![PlanRel {
            rel_type: Some(plan_rel::RelType::Root(root)),
        }],
        ..Plan::default()
    })
}

/// `RelRoot.names`: every field name, depth first through structs, as Substrait's `NamedStruct` wants
/// (struct fields below lists and maps too; lists and maps add no names of their own).
fn output_names(logical_plan: &LogicalPlan) -> Vec<String> {
    fn push_nested_names(data_type: &DataType, names: &mut Vec<String>) {
        match data_type {
            DataType::Struct(children) => children.iter().for_each(|child| push_names(child, names)),
            DataType::List(element) | DataType::LargeList(element) | DataType::FixedSizeList(element, _) => {
                push_nested_names(element.data_type(), names);
            }
            DataType::Map(entries, _) => {
                if let DataType::Struct(key_value) = entries.data_type() {
                    key_value.iter().for_each(|child| push_nested_names(child.data_type(), names));
                }
            }
            _ => {}
        }
    }
    fn push_names(field: &Field, names: &mut Vec<String>) {
        names.push(field.name().clone());
        push_nested_names(field.data_type(), names);
    }
    let mut names = Vec::new();
    logical_plan
        .schema()
        .fields()
        .iter()
        .for_each(|field| push_names(field, &mut names));
    names
}

/// Declare the extension URNs the produced functions come from.
fn declare_extensions(
    produced: Extensions,
    input: &Plan,
) -> Result<(Vec<SimpleExtensionUrn>, Vec<SimpleExtensionDeclaration>)> {
    let input_urns: BTreeMap<u32, &str> = input
        .extension_urns
        .iter()
        .map(|urn| (urn.extension_urn_anchor, urn.urn.as_str()))
        .collect();
    // The URN each function name was declared with in the input plan, by
    // compound name (`modulus:fp64_fp64`) and by plain name (`modulus`); a
    // plain name declared by two URNs (our floating-point `modulus` beside
    // the standard one) is left to the extension YAMLs.
    let mut urn_of_name: BTreeMap<String, String> = BTreeMap::new();
    let mut ambiguous: BTreeSet<String> = BTreeSet::new();
    for declaration in &input.extensions {
        if let Some(MappingType::ExtensionFunction(function)) = &declaration.mapping_type
            && let Some(urn) = input_urns.get(&function.extension_urn_reference)
        {
            urn_of_name
                .entry(function.name.to_lowercase())
                .or_insert_with(|| (*urn).to_string());
            let name = substrait_fun_name(&function.name).to_lowercase();
            match urn_of_name.get(&name) {
                Some(known) if known != urn => {
                    ambiguous.insert(name);
                }
                Some(_) => {}
                None => {
                    urn_of_name.insert(name, (*urn).to_string());
                }
            }
        }
    }
    for name in &ambiguous {
        urn_of_name.remove(name);
    }

    let mut urns: Vec<SimpleExtensionUrn> = Vec::new();
    let mut declarations: Vec<SimpleExtensionDeclaration> = produced.into();
    declarations.sort_by_key(anchor_of);
    for declaration in &mut declarations {
        let Some(MappingType::ExtensionFunction(function)) = &mut declaration.mapping_type else {
            return Err(Error::unsupported(
                "optimizing a plan that uses extension types",
            ));
        };
        let urn = match urn_of_name.get(&function.name) {
            Some(urn) => urn.clone(),
            None => pyrust_compiler::extension_urn_of_function(&function.name)
                .ok_or_else(|| {
                    Error::unsupported(format!(
                        "the optimizer introduced function `{}`, which no known extension YAML declares",
                        function.name
                    ))
                })?
                .to_string(),
        };
        let anchor = match urns.iter().find(|known| known.urn == urn) {
            Some(known) => known.extension_urn_anchor,
            None => {
                let anchor = u32::try_from(urns.len() + 1)
                    .map_err(|_| Error::Internal("too many extension URNs".to_string()))?;
                urns.push(SimpleExtensionUrn {
                    extension_urn_anchor: anchor,
                    urn,
                });
                anchor
            }
        };
        function.extension_urn_reference = anchor;
    }
    Ok((urns, declarations))
}

fn anchor_of(declaration: &SimpleExtensionDeclaration) -> u32 {
    match &declaration.mapping_type {
        Some(MappingType::ExtensionFunction(function)) => function.function_anchor,
        Some(MappingType::ExtensionType(extension_type)) => extension_type.type_anchor,
        Some(MappingType::ExtensionTypeVariation(variation)) => variation.type_variation_anchor,
        None => u32::MAX,
    }
}

/// datafusion-substrait's producer, with our functions turned back into Substrait.
struct SparkProducer<'a> {
    default: DefaultSubstraitProducer<'a>,
}

impl SubstraitProducer for SparkProducer<'_> {
    fn register_function(&mut self, signature: String) -> u32 {
        self.default.register_function(signature)
    }

    fn register_type(&mut self, name: String) -> u32 {
        self.default.register_type(name)
    }

    fn get_extensions(self) -> Extensions {
        self.default.get_extensions()
    }

    fn push_lambda_parameters(&mut self, lambda_parameters: Vec<FieldRef>) -> datafusion::common::Result<()> {
        self.default.push_lambda_parameters(lambda_parameters)
    }

    fn pop_lambda_parameters(&mut self) -> datafusion::common::Result<()> {
        self.default.pop_lambda_parameters()
    }

    fn lambda_variable(&self, name: &str) -> datafusion::common::Result<(u32, i32)> {
        self.default.lambda_variable(name)
    }

    fn lambda_parameter_type(&self, name: &str) -> datafusion::common::Result<substrait::proto::Type> {
        self.default.lambda_parameter_type(name)
    }

    /// A day-time interval constant (DataFusion folds `make_dt_interval` and
    /// interval literals into one) is produced as PyRust writes it: the stock
    /// producer has no `Duration` literal, so microseconds cast to the interval.
    fn handle_literal(&mut self, value: &ScalarValue) -> datafusion::common::Result<Expression> {
        if let ScalarValue::DurationMicrosecond(Some(micros)) = value {
            let micros = Expr::Literal(ScalarValue::Int64(Some(*micros)), None);
            let cast = Cast::new(Box::new(micros), DataType::Duration(datafusion::arrow::datatypes::TimeUnit::Microsecond));
            return self.handle_cast(&cast, &Arc::new(DFSchema::empty()));
        }
        datafusion_substrait::logical_plan::producer::from_literal(self, value)
    }

    /// Spark's exchanges are produced back as the relation they came from.
    /// A generator (PyRust's `Generate` relation, an `Unnest` here), a host
    /// relation (Python's map and grouped-map functions) or a null-aware anti
    /// join (what DataFusion makes of `NOT IN` a subquery) cannot be produced
    /// back yet: say so by name rather than with the stock producer's dump of
    /// the plan (or, for the join, a plain anti join giving other rows).
    fn handle_plan(&mut self, plan: &LogicalPlan) -> datafusion::common::Result<Box<Rel>> {
        if matches!(plan, LogicalPlan::Unnest(_)) {
            return datafusion::common::not_impl_err!(
                "optimizing a plan with a generator (explode, posexplode, inline, stack: PyRust's Generate relation)"
            );
        }
        if let LogicalPlan::Join(join) = plan
            && join.null_aware
        {
            return datafusion::common::not_impl_err!(
                "optimizing a plan with a null-aware anti join (NOT IN a subquery): Substrait's JoinRel \
                 cannot say that a null on either side rejects the row"
            );
        }
        // Join hints are dropped: the optimized plan's joins are as DataFusion planned them.
        if let LogicalPlan::Extension(extension) = plan
            && let Some(hint) = extension.node.as_any().downcast_ref::<crate::join_hint::ResolvedHintNode>()
        {
            return self.handle_plan(&hint.input);
        }
        if let LogicalPlan::Extension(extension) = plan
            && let Some((input, exchange)) = crate::row_order::exchange_of(extension.node.as_ref())
        {
            // Spark's exchange: the relation it was read from, over the optimized input.
            let input = self.handle_plan(input)?;
            let relation = substrait::proto::ExtensionSingleRel { common: None, input: Some(input), detail: Some(exchange.to_detail()) };
            return Ok(Box::new(Rel { rel_type: Some(RelType::ExtensionSingle(Box::new(relation))) }));
        }
        if matches!(plan, LogicalPlan::Extension(_)) {
            return datafusion::common::not_impl_err!(
                "optimizing a plan with a Python function relation (mapInPandas, mapInArrow, applyInPandas, \
                 applyInArrow, cogroup, a UDTF: a host relation)"
            );
        }
        datafusion_substrait::logical_plan::producer::to_substrait_rel(self, plan)
    }

    fn handle_scalar_function(
        &mut self,
        function: &ScalarFunctionExpr,
        schema: &DFSchemaRef,
    ) -> datafusion::common::Result<Expression> {
        let implementation: &dyn std::any::Any = function.func.inner().as_ref();
        if let Some(arithmetic) = implementation.downcast_ref::<SparkArithmetic>() {
            return self.spark_arithmetic(arithmetic.operation(), arithmetic.mode(), function, schema);
        }
        if let Some(relabel) = implementation.downcast_ref::<Relabel>() {
            // A relabel is what a cast to a type of other field names or nullability means to our consumer.
            let [value] = function.args.as_slice() else {
                return datafusion::common::internal_err!("{} takes one argument", function.name());
            };
            let field = Arc::new(Field::new("", relabel.target().clone(), true));
            return self.handle_expr(&Expr::Cast(Cast::new_from_field(Box::new(value.clone()), field)), schema);
        }
        if let Some(string_to_integer) = implementation.downcast_ref::<StringToInteger>() {
            // Spark's legacy parse is what a `TRY_CAST` of a string to an integer means to our consumer.
            let [value] = function.args.as_slice() else {
                return datafusion::common::internal_err!("{} takes one argument", function.name());
            };
            let field = Arc::new(Field::new("", string_to_integer.target().clone(), true));
            return self.handle_expr(&Expr::TryCast(TryCast::new_from_field(Box::new(value.clone()), field)), schema);
        }
        if let Some(checked_cast) = implementation.downcast_ref::<CheckedCast>() {
            // Checked, Spark's way, is what a `CAST` of a number to an integer means to our consumer.
            let [value] = function.args.as_slice() else {
                return datafusion::common::internal_err!("{} takes one argument", function.name());
            };
            let field = Arc::new(Field::new("", checked_cast.target().clone(), true));
            return self.handle_expr(&Expr::Cast(Cast::new_from_field(Box::new(value.clone()), field)), schema);
        }
        if let Some(time_cast) = implementation.downcast_ref::<SessionTimeCast>() {
            // A cast in the session time zone is what a cast between timestamps and zone-less types means to our consumer.
            let [value] = function.args.as_slice() else {
                return datafusion::common::internal_err!("{} takes one argument", function.name());
            };
            let field = Arc::new(Field::new("", time_cast.target().clone(), true));
            let value = Box::new(value.clone());
            let cast = if time_cast.ansi() {
                Expr::Cast(Cast::new_from_field(value, field))
            } else {
                Expr::TryCast(TryCast::new_from_field(value, field))
            };
            return self.handle_expr(&cast, schema);
        }
        if function.name() == "named_struct" {
            return self.nested_struct(function, schema);
        }
        if function.name() == "get_field" {
            return self.struct_field(function, schema);
        }
        datafusion_substrait::logical_plan::producer::from_scalar_function(self, function, schema)
    }

    /// `like(a, b)` as the standard YAML declares it: the stock producer adds a
    /// third, null "escape" argument no signature has, and no `output_type`.
    fn handle_like(
        &mut self,
        like: &Like,
        schema: &DFSchemaRef,
    ) -> datafusion::common::Result<Expression> {
        if like.escape_char.is_some() || like.case_insensitive {
            return from_like(self, like, schema);
        }
        let (_, output_field) = Expr::Like(like.clone()).to_field(schema.as_ref())?;
        let output_type = self.substrait_type(output_field)?;
        let arguments = vec![
            self.handle_expr(&like.expr, schema)?,
            self.handle_expr(&like.pattern, schema)?,
        ];
        let matches = self.call("like", arguments, output_type.clone());
        Ok(if like.negated {
            self.call("not", vec![matches], output_type)
        } else {
            matches
        })
    }

    /// Joins without a condition are cross products: a `CrossRel`, which the
    /// stock producer writes as a `JoinRel` lacking its required expression.
    fn handle_join(&mut self, join: &Join) -> datafusion::common::Result<Box<Rel>> {
        let mut rel = from_join(self, join)?;
        if let Some(RelType::Join(produced)) = &mut rel.rel_type
            && produced.expression.is_none()
        {
            if produced.r#type != JoinType::Inner as i32 {
                return datafusion::common::not_impl_err!(
                    "a {} join without a condition",
                    join.join_type
                );
            }
            rel.rel_type = Some(RelType::Cross(Box::new(CrossRel {
                common: produced.common.take(),
                left: produced.left.take(),
                right: produced.right.take(),
                advanced_extension: None,
            })));
        }
        Ok(rel)
    }

    /// Measures with their `output_type` and a single phase, which stricter
    /// consumers (Acero, DuckDB) need and the stock producer leaves out (it
    /// builds measures without going through `handle_aggregate_function`).
    fn handle_aggregate(&mut self, aggregate: &Aggregate) -> datafusion::common::Result<Box<Rel>> {
        let mut rel = from_aggregate(self, aggregate)?;
        let Some(RelType::Aggregate(produced)) = &mut rel.rel_type else {
            return datafusion::common::internal_err!(
                "an aggregate was produced as {:?}",
                rel.rel_type
            );
        };
        for (measure, expression) in produced.measures.iter_mut().zip(&aggregate.aggr_expr) {
            let (_, output_field) = expression.to_field(aggregate.input.schema().as_ref())?;
            let output_type = self.substrait_type(output_field)?;
            if let Some(call) = &mut measure.measure {
                call.output_type = Some(output_type);
                call.phase = AggregationPhase::InitialToResult.into();
                if is_checked_sum(expression) {
                    call.options = vec![FunctionOption {
                        name: "overflow".to_string(),
                        preference: vec!["ERROR".to_string()],
                    }];
                }
            }
        }
        Ok(rel)
    }

    /// Our consumer gives a `RANGE` frame's offsets its key's type
    /// (`consumer/window_function.rs`); the stock producer writes integer
    /// offsets only (any other as unbounded), so they go back as the integers
    /// they were read from.
    fn handle_window_function(
        &mut self,
        window_function: &WindowFunction,
        schema: &DFSchemaRef,
    ) -> datafusion::common::Result<Expression> {
        let mut window_function = window_function.clone();
        let frame = &mut window_function.params.window_frame;
        frame.start_bound = integer_offset(frame.start_bound.clone())?;
        frame.end_bound = integer_offset(frame.end_bound.clone())?;
        from_window_function(self, &window_function, schema)
    }
}

/// A frame bound whose offset is a non-integer number as the same offset in an `Int64`.
fn integer_offset(bound: WindowFrameBound) -> datafusion::common::Result<WindowFrameBound> {
    let integer = |value: ScalarValue| -> datafusion::common::Result<ScalarValue> {
        if value.is_null() || value.data_type().is_integer() {
            Ok(value)
        } else {
            value.cast_to(&DataType::Int64)
        }
    };
    Ok(match bound {
        WindowFrameBound::Preceding(value) => WindowFrameBound::Preceding(integer(value)?),
        WindowFrameBound::Following(value) => WindowFrameBound::Following(integer(value)?),
        WindowFrameBound::CurrentRow => WindowFrameBound::CurrentRow,
    })
}

impl SparkProducer<'_> {
    /// A call of the standard function `name`.
    fn call(&mut self, name: &str, arguments: Vec<Expression>, output_type: Type) -> Expression {
        let function_reference = self.register_function(name.to_string());
        #[expect(
            deprecated,
            reason = "a struct literal must name the deprecated `args` field"
        )]
        Expression {
            rex_type: Some(RexType::ScalarFunction(ScalarFunction {
                function_reference,
                arguments: arguments
                    .into_iter()
                    .map(|argument| FunctionArgument {
                        arg_type: Some(ArgType::Value(argument)),
                    })
                    .collect(),
                output_type: Some(output_type),
                args: vec![],
                options: vec![],
            })),
        }
    }

    /// The Substrait type of an Arrow field, by datafusion-substrait's own
    /// mapping: it is reachable only through the typed null a cast of `NULL` becomes.
    fn substrait_type(&mut self, field: FieldRef) -> datafusion::common::Result<Type> {
        let typed_null =
            Cast::new_from_field(Box::new(Expr::Literal(ScalarValue::Null, None)), field);
        let schema: DFSchemaRef = std::sync::Arc::new(DFSchema::empty());
        match self.handle_cast(&typed_null, &schema)?.rex_type {
            Some(RexType::Literal(Literal {
                literal_type: Some(LiteralType::Null(null_type)),
                ..
            })) => Ok(null_type),
            other => datafusion::common::internal_err!("a cast of NULL was produced as {other:?}"),
        }
    }

    /// `checked_add(a, b)` → `add(a, b)` with `overflow: ERROR`,
    /// `legacy_divide(a, b)` → `divide(a, b)` with `on_division_by_zero: NULL`, and so on.
    fn spark_arithmetic(
        &mut self,
        operation: Operation,
        mode: EvalMode,
        function: &ScalarFunctionExpr,
        schema: &DFSchemaRef,
    ) -> datafusion::common::Result<Expression> {
        let (standard, operand_type) = match (operation, function.args.as_slice()) {
            (Operation::Negate, [operand]) => (
                Expr::Negative(Box::new(operand.clone())),
                operand.get_type(schema.as_ref())?,
            ),
            (_, [left, right]) => {
                let operator = match operation {
                    Operation::Add => Operator::Plus,
                    Operation::Subtract => Operator::Minus,
                    Operation::Multiply => Operator::Multiply,
                    Operation::Divide => Operator::Divide,
                    Operation::Remainder | Operation::Negate => Operator::Modulo,
                };
                let binary = Expr::BinaryExpr(BinaryExpr::new(
                    Box::new(left.clone()),
                    operator,
                    Box::new(right.clone()),
                ));
                (binary, left.get_type(schema.as_ref())?)
            }
            _ => {
                return datafusion::common::internal_err!(
                    "{} got {} arguments",
                    function.name(),
                    function.args.len()
                );
            }
        };
        let floating = operand_type.is_floating();
        let mut expression = self.handle_expr(&standard, schema)?;
        if let Some(RexType::ScalarFunction(call)) = &mut expression.rex_type {
            if operation == Operation::Remainder && floating {
                // Floating-point `modulus` is ours (functions_spark.yaml), the
                // integer one standard: a compound name keeps them apart.
                let signature = if operand_type == DataType::Float32 { "fp32_fp32" } else { "fp64_fp64" };
                call.function_reference = self.register_function(format!("modulus:{signature}"));
            }
            call.options = spark_options(operation, mode, floating)
                .iter()
                .map(|(name, preference)| FunctionOption {
                    name: (*name).to_string(),
                    preference: vec![(*preference).to_string()],
                })
                .collect();
        }
        Ok(expression)
    }

    /// `named_struct('c0', a, 'c1', b)` → a `Nested` struct of `a, b` (Substrait structs are positional).
    fn nested_struct(
        &mut self,
        function: &ScalarFunctionExpr,
        schema: &DFSchemaRef,
    ) -> datafusion::common::Result<Expression> {
        let fields = function
            .args
            .iter()
            .skip(1)
            .step_by(2)
            .map(|value| self.handle_expr(value, schema))
            .collect::<datafusion::common::Result<Vec<_>>>()?;
        Ok(Expression {
            rex_type: Some(RexType::Nested(Nested {
                nullable: false,
                type_variation_reference: 0,
                nested_type: Some(NestedType::Struct(Struct { fields })),
            })),
        })
    }
}

impl SparkProducer<'_> {
    /// `get_field(struct, 'a'[, 'b'...])` as the field references our consumer reads it
    /// from: each field's position, rooted at the (inner) struct expression.
    fn struct_field(
        &mut self,
        function: &ScalarFunctionExpr,
        schema: &DFSchemaRef,
    ) -> datafusion::common::Result<Expression> {
        let Some((base, names)) = function.args.split_first() else {
            return datafusion::common::not_impl_err!("get_field without arguments");
        };
        let mut data_type = base.get_type(schema.as_ref())?;
        let mut expression = self.handle_expr(base, schema)?;
        for name in names {
            let Some(name) = constant_name(name) else {
                return datafusion::common::not_impl_err!("get_field other than by a constant name: {name}");
            };
            let DataType::Struct(fields) = &data_type else {
                return datafusion::common::not_impl_err!("get_field of a value that is not a struct");
            };
            let Some(position) = fields.iter().position(|field| *field.name() == name) else {
                return datafusion::common::plan_err!("no field {name} in the struct");
            };
            let next_type = fields[position].data_type().clone();
            let field = i32::try_from(position).map_err(|_| {
                datafusion::common::DataFusionError::Plan(format!("field position {position} is too large"))
            })?;
            expression = Expression {
                rex_type: Some(RexType::Selection(Box::new(FieldReference {
                    reference_type: Some(ReferenceType::DirectReference(ReferenceSegment {
                        reference_type: Some(reference_segment::ReferenceType::StructField(Box::new(
                            reference_segment::StructField { field, child: None },
                        ))),
                    })),
                    root_type: Some(RootType::Expression(Box::new(expression))),
                }))),
            };
            data_type = next_type;
        }
        Ok(expression)
    }
}

/// The text of a constant string argument (perhaps cast or aliased).
fn constant_name(expression: &Expr) -> Option<String> {
    match expression {
        Expr::Literal(value, _) => value.try_as_str().flatten().map(str::to_string),
        Expr::Alias(alias) => constant_name(&alias.expr),
        Expr::Cast(cast) => constant_name(&cast.expr),
        Expr::TryCast(cast) => constant_name(&cast.expr),
        _ => None,
    }
}

/// Whether a measure is our `sum` that fails on overflow (perhaps under an alias).
fn is_checked_sum(expression: &Expr) -> bool {
    let expression = match expression {
        Expr::Alias(alias) => alias.expr.as_ref(),
        other => other,
    };
    let Expr::AggregateFunction(call) = expression else {
        return false;
    };
    let implementation: &dyn std::any::Any = call.func.inner().as_ref();
    implementation.downcast_ref::<CheckedSum>().is_some()
}

/// The function options of Spark's evaluation modes, as our Python frontend emits them.
fn spark_options(
    operation: Operation,
    mode: EvalMode,
    floating: bool,
) -> &'static [(&'static str, &'static str)] {
    match (operation, mode) {
        (Operation::Add | Operation::Subtract | Operation::Multiply | Operation::Negate, EvalMode::Ansi) => {
            &[("overflow", "ERROR")]
        }
        (Operation::Add | Operation::Subtract | Operation::Multiply | Operation::Negate, EvalMode::Legacy) => {
            &[("overflow", "SILENT")]
        }
        (Operation::Divide, EvalMode::Ansi) => &[("on_division_by_zero", "ERROR")],
        (Operation::Divide, EvalMode::Legacy) => &[("on_division_by_zero", "NULL")],
        (Operation::Remainder, EvalMode::Ansi) if floating => &[("on_division_by_zero", "ERROR")],
        (Operation::Remainder, EvalMode::Legacy) if floating => &[("on_division_by_zero", "NULL")],
        (Operation::Remainder, EvalMode::Ansi) => &[
            ("division_type", "TRUNCATE"),
            ("overflow", "ERROR"),
            ("on_domain_error", "ERROR"),
        ],
        (Operation::Remainder, EvalMode::Legacy) => &[
            ("division_type", "TRUNCATE"),
            ("overflow", "SILENT"),
            ("on_domain_error", "NULL"),
        ],
    }
}
