// SPDX-License-Identifier: Apache-2.0
//! conditional functions (`functions_spark_conditional.yaml`). The frontend
//! resolves them as rewrites of `coalesce`, `CASE` and `<=>`; the rows here
//! make the names DataFusion lacks known to its SQL parser.

use super::Scalar;
use super::misc::parsed_only;

pub(super) const SCALARS: &[(&str, Scalar)] = &[
    ("equal_null", Scalar::Ours(parsed_only::equal_null)),
    ("nullifzero", Scalar::Ours(parsed_only::nullifzero)),
    ("zeroifnull", Scalar::Ours(parsed_only::zeroifnull)),
];
