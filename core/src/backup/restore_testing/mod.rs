//! AWS Backup restore testing plans and selections as documents (aws-backup.md §12, §18):
//! read every shape people hold, validate against AWS's rules, write back.
//!
//! - [`parse_restore_testing_plan`]: JSON or YAML text (`get-restore-testing-plan` output,
//!   `create-restore-testing-plan` input, `get-restore-testing-selection` output,
//!   `create-restore-testing-selection` input, a CloudFormation template) →
//!   [`ParsedRestoreTesting`], through the plan importer's reader (intrinsics, parameters, YAML).
//! - [`validate_restore_testing_plan`]: every problem of a plan and its selections at once.
//! - [`lint_restore_testing_plan`]: both, every path pointing into the original document.
//! - [`export_restore_testing_plan`]: the create inputs, or a CloudFormation template.
//!
//! ```
//! let yaml = r#"
//! Resources:
//!   Plan:
//!     Type: AWS::Backup::RestoreTestingPlan
//!     Properties:
//!       RestoreTestingPlanName: weekly-tests
//!       ScheduleExpression: cron(0 3 ? * SUN *)
//!       RecoveryPointSelection:
//!         Algorithm: LATEST_WITHIN_WINDOW
//!         IncludeVaults: ["*"]
//!         RecoveryPointTypes: [SNAPSHOT]
//! "#;
//! let report = drplan::lint_restore_testing_plan(yaml)?;
//! assert_eq!(report.issues[0].code, "restore_testing_plan_name_invalid");
//! assert_eq!(report.issues[0].path, "/Resources/Plan/Properties/RestoreTestingPlanName");
//! # Ok::<(), drplan::Error>(())
//! ```

mod export;
pub mod model;
#[cfg(test)]
mod tests;
pub mod validate;

pub use export::{ExportedRestoreTesting, RestoreTestingDocument, RestoreTestingExportShape};
pub use model::*;

use crate::error::{Error, Issue, Severity};

/// Parse a restore testing document, detecting its shape ([`RestoreTestingShape`]).
///
/// Fails with `invalid_json` when the text is neither JSON nor YAML and with `invalid_input`
/// (`unknown_shape`) when it is none of the shapes; every other problem is an issue of the result.
pub fn parse_restore_testing_plan(document: &str) -> Result<ParsedRestoreTesting, Error> {
    crate::backup::import::restore_testing::parse_document(document)
}

/// Validate a plan with its selections (`plan` may be absent: a selection document). Errors
/// first, then warnings, then info.
pub fn validate_restore_testing_plan(
    plan: Option<&RestoreTestingPlan>,
    selections: &[RestoreTestingSelection],
) -> Vec<Issue> {
    validate::validate(plan, selections)
}

/// Parse a document and validate every plan in it with its selections.
pub fn lint_restore_testing_plan(document: &str) -> Result<RestoreTestingLint, Error> {
    Ok(lint_parsed(parse_restore_testing_plan(document)?))
}

pub(crate) fn lint_parsed(parsed: ParsedRestoreTesting) -> RestoreTestingLint {
    let mut issues = parsed.issues.clone();
    if parsed.plans.is_empty() {
        issues.extend(validate::validate(None, &parsed.selections));
    }
    for plan in &parsed.plans {
        let sels: Vec<RestoreTestingSelection> = parsed
            .selections
            .iter()
            .filter(|s| {
                s.plan_name.is_none()
                    || s.plan_name.as_deref() == Some(plan.name.as_str())
                    || parsed.plans.len() == 1
            })
            .cloned()
            .collect();
        issues.extend(validate::validate(Some(plan), &sels));
    }
    let mut seen = std::collections::BTreeSet::new();
    issues.retain(|i| seen.insert((i.code.clone(), i.path.clone(), i.message.clone())));
    issues.sort_by_key(|i| i.severity);
    let error_count = issues.iter().filter(|i| i.is_error()).count();
    let warning_count = issues
        .iter()
        .filter(|i| i.severity == Severity::Warning)
        .count();
    RestoreTestingLint {
        valid: error_count == 0,
        error_count,
        warning_count,
        issues,
        parsed,
    }
}

/// Write a plan and its selections as AWS documents.
pub fn export_restore_testing_plan(
    plan: &RestoreTestingPlan,
    selections: &[RestoreTestingSelection],
    shape: RestoreTestingExportShape,
) -> Result<ExportedRestoreTesting, Error> {
    Ok(export::export(plan, selections, shape))
}
