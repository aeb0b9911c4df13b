// SPDX-License-Identifier: Apache-2.0
//! Extension relations (`ExtensionSingleRel`, `ExtensionMultiRel`,
//! `ExtensionLeafRel`, <https://substrait.io/relations/user_defined_relations/>):
//! their detail is opaque to the compiler and the engine registers none.

use super::Validator;
use crate::diagnostic::{Code, Diagnostic, PlanPath};
use crate::types::Schema;

/// Report the extension relation at `path`; its inputs were checked already.
/// Its output schema is not derivable from the plan.
pub(crate) fn unsupported_extension(
    path: &PlanPath,
    _inputs: Vec<Schema>,
    validator: &mut Validator,
) -> Option<Schema> {
    validator.report(Diagnostic::error(
        Code::RelationUnsupported,
        path.clone(),
        "extension relations are not supported yet",
    ));
    None
}
