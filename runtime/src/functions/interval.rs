// SPDX-License-Identifier: Apache-2.0
//! Interval functions (`functions_spark_interval.yaml`).
//!
//! Spark's three interval types are these Arrow types: a day-time interval is
//! `Duration(µs)`, a year-month interval an `Int32` of months (PyArrow, which
//! takes the results, cannot read Arrow's `Interval(YearMonth)`), a
//! calendar interval `Interval(MonthDayNano)` (Spark's microseconds times
//! 1000). `make_*` build them from fields (`make.rs`); `interval_*` are
//! Spark's arithmetic on them, with an argument saying whether an overflow is
//! an error or a null (the `try_` forms) (`arithmetic.rs`).

mod arithmetic;
mod make;

use datafusion::logical_expr::ScalarUDF;

use super::Scalar;
use arithmetic::{IntervalArithmetic, Operation};
use make::{MakeDayTime, MakeInterval, MakeYearMonth};

fn make_interval() -> ScalarUDF {
    MakeInterval::udf()
}
fn make_dt_interval() -> ScalarUDF {
    MakeDayTime::udf()
}
fn make_ym_interval() -> ScalarUDF {
    MakeYearMonth::udf()
}
fn interval_add() -> ScalarUDF {
    IntervalArithmetic::udf("interval_add", Operation::Add)
}
fn interval_subtract() -> ScalarUDF {
    IntervalArithmetic::udf("interval_subtract", Operation::Subtract)
}
fn interval_multiply() -> ScalarUDF {
    IntervalArithmetic::udf("interval_multiply", Operation::Multiply)
}
fn interval_divide() -> ScalarUDF {
    IntervalArithmetic::udf("interval_divide", Operation::Divide)
}

pub(crate) const SCALARS: &[(&str, Scalar)] = &[
    ("make_interval", Scalar::Ours(make_interval)),
    ("make_dt_interval", Scalar::Ours(make_dt_interval)),
    ("make_ym_interval", Scalar::Ours(make_ym_interval)),
    ("interval_add", Scalar::Ours(interval_add)),
    ("interval_subtract", Scalar::Ours(interval_subtract)),
    ("interval_multiply", Scalar::Ours(interval_multiply)),
    ("interval_divide", Scalar::Ours(interval_divide)),
];
