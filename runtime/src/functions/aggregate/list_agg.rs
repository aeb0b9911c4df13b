// SPDX-License-Identifier: Apache-2.0
//! Spark's `listagg` / `string_agg` (without DISTINCT or ordering): the
//! non-null values joined by a constant delimiter, NULL without any.
//! Strings run on DataFusion's `string_agg`; binaries, which it does not
//! take, are joined here into a binary with a binary delimiter, as Spark does.

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, AsArray};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::functions_aggregate::string_agg::string_agg_udaf;
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::utils::format_state_name;
use datafusion::logical_expr::{Accumulator, AggregateUDF, AggregateUDFImpl, GroupsAccumulator, Signature, Volatility};
use datafusion::physical_expr::expressions::Literal;

fn is_binary(data_type: &DataType) -> bool {
    matches!(data_type, DataType::Binary | DataType::LargeBinary | DataType::BinaryView)
}

/// `string_agg` of strings (DataFusion's) or binaries (ours).
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct ListAgg {
    strings: Arc<AggregateUDF>,
    signature: Signature,
}

impl ListAgg {
    pub(crate) fn new() -> Self {
        ListAgg { strings: string_agg_udaf(), signature: Signature::any(2, Volatility::Immutable) }
    }
}

impl AggregateUDFImpl for ListAgg {
    fn name(&self) -> &str {
        "string_agg"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, argument_types: &[DataType]) -> Result<DataType> {
        if argument_types.first().is_some_and(is_binary) {
            return Ok(DataType::Binary);
        }
        self.strings.return_type(argument_types)
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        if args.input_fields.first().is_some_and(|field| is_binary(field.data_type())) {
            return Ok(vec![Field::new(format_state_name(args.name, "string_agg"), DataType::Binary, true).into()]);
        }
        self.strings.state_fields(args)
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        if !args.expr_fields.first().is_some_and(|field| is_binary(field.data_type())) {
            return self.strings.accumulator(args);
        }
        if args.is_distinct || !args.order_bys.is_empty() {
            return exec_err!("string_agg of binaries with DISTINCT or an ordering");
        }
        let literal = args.exprs.get(1).and_then(|expression| expression.downcast_ref::<Literal>());
        let delimiter = match literal.map(Literal::value) {
            Some(ScalarValue::Binary(Some(delimiter)) | ScalarValue::LargeBinary(Some(delimiter))) => delimiter.clone(),
            Some(value) if value.is_null() => vec![],
            _ => return exec_err!("string_agg: the delimiter of binaries must be a constant binary"),
        };
        Ok(Box::new(BinaryAgg { delimiter, joined: None }))
    }

    fn groups_accumulator_supported(&self, args: AccumulatorArgs) -> bool {
        !args.expr_fields.first().is_some_and(|field| is_binary(field.data_type())) && self.strings.groups_accumulator_supported(args)
    }

    fn create_groups_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn GroupsAccumulator>> {
        self.strings.create_groups_accumulator(args)
    }
}

/// One group's binaries joined so far.
#[derive(Debug)]
struct BinaryAgg {
    delimiter: Vec<u8>,
    joined: Option<Vec<u8>>,
}

impl BinaryAgg {
    fn append(&mut self, value: &[u8]) {
        match &mut self.joined {
            Some(joined) => {
                joined.extend_from_slice(&self.delimiter);
                joined.extend_from_slice(value);
            }
            None => self.joined = Some(value.to_vec()),
        }
    }

    fn append_all(&mut self, values: &ArrayRef) -> Result<()> {
        match values.data_type() {
            DataType::Binary => values.as_binary::<i32>().iter().flatten().for_each(|value| self.append(value)),
            DataType::LargeBinary => values.as_binary::<i64>().iter().flatten().for_each(|value| self.append(value)),
            DataType::BinaryView => values.as_binary_view().iter().flatten().for_each(|value| self.append(value)),
            other => return exec_err!("string_agg of binaries got {other}"),
        }
        Ok(())
    }
}

impl Accumulator for BinaryAgg {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let Some(column) = values.first() else {
            return exec_err!("string_agg without a value");
        };
        self.append_all(column)
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let Some(column) = states.first() else {
            return exec_err!("string_agg state without a value");
        };
        self.append_all(column)
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![ScalarValue::Binary(self.joined.clone())])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(ScalarValue::Binary(self.joined.clone()))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + self.delimiter.capacity() + self.joined.as_ref().map_or(0, Vec::capacity)
    }
}
