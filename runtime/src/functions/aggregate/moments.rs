// SPDX-License-Identifier: Apache-2.0
//! Spark's statistical aggregates over doubles: central moments of one column
//! (`stddev_samp`, `var_pop`, `skewness`, ...), co-moments of two (`corr`,
//! `covar_samp`, the `regr_*` family) and `product`.
//!
//! The updates and merges are the one-pass formulas Spark uses (Meng, "Simpler
//! Online Updates for Arbitrary-Order Central Moments"), so results agree with
//! Spark's to the last digit on the same partial aggregates; the final values
//! follow Spark 4's defaults: a sample statistic of one row and a division by a
//! zero moment are NULL, a NaN input gives NaN. DataFusion's own `corr` and
//! `regr_r2` differ there (NULL for NaN, NULL for a constant `y`).

use datafusion::arrow::array::{Array, ArrayRef, AsArray};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Float64Type};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::utils::format_state_name;
use datafusion::logical_expr::{Accumulator, AggregateUDFImpl, Signature, Volatility};

/// The statistic a [`CentralMoments`] aggregate returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Moment {
    StddevSamp,
    StddevPop,
    VarSamp,
    VarPop,
    Skewness,
    Kurtosis,
}

impl Moment {
    fn name(self) -> &'static str {
        match self {
            Moment::StddevSamp => "stddev_samp",
            Moment::StddevPop => "stddev_pop",
            Moment::VarSamp => "var_samp",
            Moment::VarPop => "var_pop",
            Moment::Skewness => "skewness",
            Moment::Kurtosis => "kurtosis",
        }
    }

    /// The highest moment the statistic needs.
    fn order(self) -> usize {
        match self {
            Moment::Skewness => 3,
            Moment::Kurtosis => 4,
            _ => 2,
        }
    }
}

/// One of Spark's central-moment aggregates over a double column.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct CentralMoments {
    moment: Moment,
    signature: Signature,
}

impl CentralMoments {
    pub(crate) fn new(moment: Moment) -> Self {
        CentralMoments { moment, signature: Signature::exact(vec![DataType::Float64], Volatility::Immutable) }
    }
}

const MOMENT_STATE: [&str; 5] = ["n", "avg", "m2", "m3", "m4"];

impl AggregateUDFImpl for CentralMoments {
    fn name(&self) -> &str {
        self.moment.name()
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Float64)
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(MOMENT_STATE
            .iter()
            .map(|part| Field::new(format_state_name(args.name, part), DataType::Float64, false).into())
            .collect())
    }

    fn accumulator(&self, _args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(MomentsAccumulator { moment: self.moment, state: [0.0; 5] }))
    }
}

#[derive(Debug)]
struct MomentsAccumulator {
    moment: Moment,
    /// n, avg, m2, m3, m4
    state: [f64; 5],
}

impl MomentsAccumulator {
    fn add(&mut self, value: f64) {
        let [n, avg, m2, m3, m4] = self.state;
        let order = self.moment.order();
        let new_n = n + 1.0;
        let delta = value - avg;
        let delta_n = delta / new_n;
        let new_avg = avg + delta_n;
        let new_m2 = m2 + delta * (delta - delta_n);
        let delta2 = delta * delta;
        let delta_n2 = delta_n * delta_n;
        let new_m3 = if order >= 3 { m3 - 3.0 * delta_n * new_m2 + delta * (delta2 - delta_n2) } else { 0.0 };
        let new_m4 = if order >= 4 {
            m4 - 4.0 * delta_n * new_m3 - 6.0 * delta_n2 * new_m2 + delta * (delta * delta2 - delta_n * delta_n2)
        } else {
            0.0
        };
        self.state = [new_n, new_avg, new_m2, new_m3, new_m4];
    }

    fn merge(&mut self, other: [f64; 5]) {
        let [n1, avg1, m2_1, m3_1, m4_1] = self.state;
        let [n2, avg2, m2_2, m3_2, m4_2] = other;
        let order = self.moment.order();
        let new_n = n1 + n2;
        let delta = avg2 - avg1;
        let delta_n = if new_n == 0.0 { 0.0 } else { delta / new_n };
        let new_avg = avg1 + delta_n * n2;
        let new_m2 = m2_1 + m2_2 + delta * delta_n * n1 * n2;
        let new_m3 = if order >= 3 {
            m3_1 + m3_2 + delta_n * delta_n * delta * n1 * n2 * (n1 - n2) + 3.0 * delta_n * (n1 * m2_2 - n2 * m2_1)
        } else {
            0.0
        };
        let new_m4 = if order >= 4 {
            m4_1 + m4_2
                + delta_n * delta_n * delta_n * delta * n1 * n2 * (n1 * n1 - n1 * n2 + n2 * n2)
                + 6.0 * delta_n * delta_n * (n1 * n1 * m2_2 + n2 * n2 * m2_1)
                + 4.0 * delta_n * (n1 * m3_2 - n2 * m3_1)
        } else {
            0.0
        };
        self.state = [new_n, new_avg, new_m2, new_m3, new_m4];
    }

    fn result(&self) -> Option<f64> {
        let [n, _, m2, m3, m4] = self.state;
        if n == 0.0 {
            return None;
        }
        let single = n == 1.0;
        let constant = m2 == 0.0;
        match self.moment {
            Moment::StddevPop => Some((m2 / n).sqrt()),
            Moment::VarPop => Some(m2 / n),
            Moment::StddevSamp if single => None,
            Moment::StddevSamp => Some((m2 / (n - 1.0)).sqrt()),
            Moment::VarSamp if single => None,
            Moment::VarSamp => Some(m2 / (n - 1.0)),
            Moment::Skewness | Moment::Kurtosis if constant => None,
            Moment::Skewness => Some(n.sqrt() * m3 / (m2 * m2 * m2).sqrt()),
            Moment::Kurtosis => Some(n * m4 / (m2 * m2) - 3.0),
        }
    }
}

fn doubles(values: &[ArrayRef], index: usize) -> Result<&datafusion::arrow::array::Float64Array> {
    match values.get(index) {
        Some(array) if array.data_type() == &DataType::Float64 => Ok(array.as_primitive::<Float64Type>()),
        Some(array) => exec_err!("statistical aggregate over {}, expected double", array.data_type()),
        None => exec_err!("statistical aggregate without argument {index}"),
    }
}

impl Accumulator for MomentsAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        doubles(values, 0)?.iter().flatten().for_each(|value| self.add(value));
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let columns = (0..5).map(|index| doubles(states, index)).collect::<Result<Vec<_>>>()?;
        for row in 0..states.first().map_or(0, |array| array.len()) {
            let mut other = [0.0; 5];
            for (slot, column) in other.iter_mut().zip(&columns) {
                *slot = column.value(row);
            }
            self.merge(other);
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(self.state.iter().map(|value| ScalarValue::Float64(Some(*value))).collect())
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(ScalarValue::Float64(self.result()))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
    }
}

/// The statistic a [`CoMoments`] aggregate returns. `corr` and `covar_*` take
/// `(x, y)`, the `regr_*` functions `(y, x)`, as Spark's do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum CoMoment {
    Corr,
    CovarSamp,
    CovarPop,
    RegrAvgx,
    RegrAvgy,
    RegrSxx,
    RegrSyy,
    RegrSxy,
    RegrSlope,
    RegrIntercept,
    RegrR2,
}

impl CoMoment {
    fn name(self) -> &'static str {
        match self {
            CoMoment::Corr => "corr",
            CoMoment::CovarSamp => "covar_samp",
            CoMoment::CovarPop => "covar_pop",
            CoMoment::RegrAvgx => "regr_avgx",
            CoMoment::RegrAvgy => "regr_avgy",
            CoMoment::RegrSxx => "regr_sxx",
            CoMoment::RegrSyy => "regr_syy",
            CoMoment::RegrSxy => "regr_sxy",
            CoMoment::RegrSlope => "regr_slope",
            CoMoment::RegrIntercept => "regr_intercept",
            CoMoment::RegrR2 => "regr_r2",
        }
    }

    fn is_regression(self) -> bool {
        !matches!(self, CoMoment::Corr | CoMoment::CovarSamp | CoMoment::CovarPop)
    }
}

/// One of Spark's aggregates over pairs of doubles; rows where either is null are skipped.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct CoMoments {
    statistic: CoMoment,
    signature: Signature,
}

impl CoMoments {
    pub(crate) fn new(statistic: CoMoment) -> Self {
        CoMoments {
            statistic,
            signature: Signature::exact(vec![DataType::Float64, DataType::Float64], Volatility::Immutable),
        }
    }
}

const CO_MOMENT_STATE: [&str; 6] = ["n", "x_avg", "y_avg", "ck", "x_mk", "y_mk"];

impl AggregateUDFImpl for CoMoments {
    fn name(&self) -> &str {
        self.statistic.name()
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Float64)
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(CO_MOMENT_STATE
            .iter()
            .map(|part| Field::new(format_state_name(args.name, part), DataType::Float64, false).into())
            .collect())
    }

    fn accumulator(&self, _args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(CoMomentsAccumulator { statistic: self.statistic, state: [0.0; 6] }))
    }
}

#[derive(Debug)]
struct CoMomentsAccumulator {
    statistic: CoMoment,
    /// n, x_avg, y_avg, ck, x_mk, y_mk
    state: [f64; 6],
}

impl CoMomentsAccumulator {
    fn add(&mut self, x: f64, y: f64) {
        let [n, x_avg, y_avg, ck, x_mk, y_mk] = self.state;
        let new_n = n + 1.0;
        let dx = x - x_avg;
        let dy = y - y_avg;
        let new_x_avg = x_avg + dx / new_n;
        let new_y_avg = y_avg + dy / new_n;
        let new_ck = ck + dx * (y - new_y_avg);
        let new_x_mk = x_mk + dx * (x - new_x_avg);
        let new_y_mk = y_mk + dy * (y - new_y_avg);
        self.state = [new_n, new_x_avg, new_y_avg, new_ck, new_x_mk, new_y_mk];
    }

    fn merge(&mut self, other: [f64; 6]) {
        let [n1, x_avg1, y_avg1, ck1, x_mk1, y_mk1] = self.state;
        let [n2, x_avg2, y_avg2, ck2, x_mk2, y_mk2] = other;
        let new_n = n1 + n2;
        let dx = x_avg2 - x_avg1;
        let dy = y_avg2 - y_avg1;
        let (dx_n, dy_n) = if new_n == 0.0 { (0.0, 0.0) } else { (dx / new_n, dy / new_n) };
        let new_x_avg = x_avg1 + dx_n * n2;
        let new_y_avg = y_avg1 + dy_n * n2;
        let new_ck = ck1 + ck2 + dx * dy_n * n1 * n2;
        let new_x_mk = x_mk1 + x_mk2 + dx * dx_n * n1 * n2;
        let new_y_mk = y_mk1 + y_mk2 + dy * dy_n * n1 * n2;
        self.state = [new_n, new_x_avg, new_y_avg, new_ck, new_x_mk, new_y_mk];
    }

    /// Spark's division in these aggregates: NULL for a zero divisor.
    fn divide(dividend: f64, divisor: f64) -> Option<f64> {
        if divisor == 0.0 { None } else { Some(dividend / divisor) }
    }

    fn result(&self) -> Option<f64> {
        let [n, x_avg, y_avg, ck, x_mk, y_mk] = self.state;
        if n == 0.0 {
            return None;
        }
        match self.statistic {
            CoMoment::Corr | CoMoment::CovarSamp if n == 1.0 => None,
            CoMoment::Corr => Self::divide(ck, (x_mk * y_mk).sqrt()),
            CoMoment::CovarPop => Some(ck / n),
            CoMoment::CovarSamp => Some(ck / (n - 1.0)),
            CoMoment::RegrAvgx => Some(x_avg),
            CoMoment::RegrAvgy => Some(y_avg),
            CoMoment::RegrSxx => Some(x_mk),
            CoMoment::RegrSyy => Some(y_mk),
            CoMoment::RegrSxy => Some(ck),
            CoMoment::RegrSlope => Self::divide(ck, x_mk),
            CoMoment::RegrIntercept => Self::divide(ck, x_mk).map(|slope| y_avg - slope * x_avg),
            CoMoment::RegrR2 => {
                if x_mk / n == 0.0 {
                    None
                } else if y_mk / n == 0.0 {
                    Some(1.0)
                } else {
                    let correlation = ck / (x_mk * y_mk).sqrt();
                    Some(correlation * correlation)
                }
            }
        }
    }
}

impl Accumulator for CoMomentsAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let (first, second) = (doubles(values, 0)?, doubles(values, 1)?);
        // regr_*(y, x) take y first; corr and covar_* take x first.
        let (xs, ys) = if self.statistic.is_regression() { (second, first) } else { (first, second) };
        for (x, y) in xs.iter().zip(ys.iter()) {
            if let (Some(x), Some(y)) = (x, y) {
                self.add(x, y);
            }
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let columns = (0..6).map(|index| doubles(states, index)).collect::<Result<Vec<_>>>()?;
        for row in 0..states.first().map_or(0, |array| array.len()) {
            let mut other = [0.0; 6];
            for (slot, column) in other.iter_mut().zip(&columns) {
                *slot = column.value(row);
            }
            self.merge(other);
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(self.state.iter().map(|value| ScalarValue::Float64(Some(*value))).collect())
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(ScalarValue::Float64(self.result()))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
    }
}

/// Spark's `product`: the product of the non-null doubles, NULL when there are none.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct Product {
    signature: Signature,
}

impl Product {
    pub(crate) fn new() -> Self {
        Product { signature: Signature::exact(vec![DataType::Float64], Volatility::Immutable) }
    }
}

impl AggregateUDFImpl for Product {
    fn name(&self) -> &str {
        "product"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Float64)
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![Field::new(format_state_name(args.name, "product"), DataType::Float64, true).into()])
    }

    fn accumulator(&self, _args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(ProductAccumulator { product: None }))
    }
}

#[derive(Debug)]
struct ProductAccumulator {
    product: Option<f64>,
}

impl Accumulator for ProductAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        for value in doubles(values, 0)?.iter().flatten() {
            self.product = Some(self.product.unwrap_or(1.0) * value);
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        self.update_batch(states)
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![ScalarValue::Float64(self.product)])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(ScalarValue::Float64(self.product))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moment(moment: Moment, values: &[f64]) -> Option<f64> {
        let mut accumulator = MomentsAccumulator { moment, state: [0.0; 5] };
        values.iter().for_each(|value| accumulator.add(*value));
        accumulator.result()
    }

    #[test]
    fn sample_statistics_of_one_row_are_null() {
        assert_eq!(moment(Moment::StddevSamp, &[1.0]), None);
        assert_eq!(moment(Moment::VarPop, &[1.0]), Some(0.0));
        assert_eq!(moment(Moment::Skewness, &[2.0, 2.0]), None);
        assert_eq!(moment(Moment::VarSamp, &[]), None);
    }

    #[test]
    fn kurtosis_matches_spark() {
        // Spark: kurtosis of 1, 2, 3, 4 is -1.36, skewness 0.0.
        assert_eq!(moment(Moment::Kurtosis, &[1.0, 2.0, 3.0, 4.0]), Some(-1.36));
        assert_eq!(moment(Moment::Skewness, &[1.0, 2.0, 3.0, 4.0]), Some(0.0));
    }

    #[test]
    fn merging_equals_adding() {
        let mut left = MomentsAccumulator { moment: Moment::Kurtosis, state: [0.0; 5] };
        let mut right = MomentsAccumulator { moment: Moment::Kurtosis, state: [0.0; 5] };
        [1.0, 10.0].iter().for_each(|value| left.add(*value));
        [100.0, 10.0, 1.0].iter().for_each(|value| right.add(*value));
        left.merge(right.state);
        let whole = moment(Moment::Kurtosis, &[1.0, 10.0, 100.0, 10.0, 1.0]).unwrap_or(f64::NAN);
        assert!((left.result().unwrap_or(f64::NAN) - whole).abs() < 1e-12);
    }

    #[test]
    fn regression_r2_of_a_constant_y_is_one() {
        let mut accumulator = CoMomentsAccumulator { statistic: CoMoment::RegrR2, state: [0.0; 6] };
        accumulator.add(1.0, 5.0);
        accumulator.add(2.0, 5.0);
        assert_eq!(accumulator.result(), Some(1.0));
        let mut constant_x = CoMomentsAccumulator { statistic: CoMoment::RegrSlope, state: [0.0; 6] };
        constant_x.add(1.0, 5.0);
        constant_x.add(1.0, 6.0);
        assert_eq!(constant_x.result(), None);
    }

    #[test]
    fn regression_slope_divides_the_co_moments() {
        // Spark: regr_slope of y = 10x over x = 1, 2, 3 is exactly 10.0, the intercept 0.0.
        let mut slope = CoMomentsAccumulator { statistic: CoMoment::RegrSlope, state: [0.0; 6] };
        let mut intercept = CoMomentsAccumulator { statistic: CoMoment::RegrIntercept, state: [0.0; 6] };
        for x in [1.0, 2.0, 3.0] {
            slope.add(x, 10.0 * x);
            intercept.add(x, 10.0 * x);
        }
        assert_eq!(slope.result(), Some(10.0));
        assert_eq!(intercept.result(), Some(0.0));
    }

    #[test]
    fn correlation_of_nan_is_nan() {
        let mut accumulator = CoMomentsAccumulator { statistic: CoMoment::Corr, state: [0.0; 6] };
        accumulator.add(1.0, f64::NAN);
        accumulator.add(2.0, 3.0);
        assert!(accumulator.result().is_some_and(f64::is_nan));
    }
}
