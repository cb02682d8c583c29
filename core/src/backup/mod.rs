//! AWS Backup plans: one normalized model, importers for every shape AWS users hold, exporters,
//! and validation against the rules in `docs/domain/aws-backup.md`.
//!
//! - [`parse_backup_plan`]: JSON or YAML text (get-backup-plan output, create-backup-plan input,
//!   a bare BackupPlan document, a CloudFormation template, an Organizations backup policy) →
//!   [`ParsedPlan`] (plans, selections, vaults, import issues, and for every object a
//!   [`SourceMap`] back into the original document).
//! - [`validate_backup_plan`]: every problem of a plan (with its vaults and selections) at once.
//! - [`lint_backup_plan`]: both, with every path pointing into the original document.
//! - [`export_backup_plan`]: create-backup-plan input, a BackupPlan document, CloudFormation
//!   JSON or YAML; importing an export gives the same normalized plan.
//!
//! ```
//! let yaml = r#"
//! Resources:
//!   Plan:
//!     Type: AWS::Backup::BackupPlan
//!     Properties:
//!       BackupPlan:
//!         BackupPlanName: prod
//!         BackupPlanRule:
//!           - RuleName: daily
//!             TargetBackupVault: !Ref VaultName
//!             ScheduleExpression: cron(0 5 ? * * *)
//!             StartWindowMinutes: 30
//! Parameters:
//!   VaultName: {Type: String, Default: prod-vault}
//! "#;
//! let parsed = drplan::parse_backup_plan(yaml)?;
//! assert_eq!(parsed.plans[0].rules[0].target_vault_name, "prod-vault");
//! let issues = drplan::validate_backup_plan(&parsed.plans[0], &parsed.vaults, &parsed.selections);
//! let first = &issues[0];
//! assert_eq!(first.code, "start_window_too_short");
//! assert_eq!(first.path, "/Resources/Plan/Properties/BackupPlan/BackupPlanRule/0/StartWindowMinutes");
//! # Ok::<(), drplan::Error>(())
//! ```

pub(crate) mod arn;
pub mod export;
pub mod import;
pub mod model;
pub mod resource;
pub mod restore_testing;
pub mod selection;
pub mod validate;

use serde::{Deserialize, Serialize};

pub use export::{ExportNote, ExportShape, ExportedPlan};
pub use model::*;

use crate::error::{Error, Issue};

/// Parse a plan document, detecting its shape (see [`PlanShape`]).
///
/// Fails with `invalid_json` (line and column in the message) when the text is neither JSON nor
/// YAML, and with `invalid_input` (code `unknown_shape`, listing the shapes tried) when it is none
/// of the known shapes. Everything else — wrong types, unknown keys, unresolvable CloudFormation
/// intrinsics — is reported in [`ParsedPlan::issues`] with a path into the document.
pub fn parse_backup_plan(document: &str) -> Result<ParsedPlan, Error> {
    import::parse_document(document)
}

/// Validate a plan together with the vaults and selections it uses (either may be empty).
/// Returns every issue: errors first, then warnings, then info. Paths point into the original
/// document when the objects carry a [`SourceMap`] (`input: "document"`), else into the
/// arguments (`input: "plan"`, `"vaults"`, `"selections"`).
pub fn validate_backup_plan(
    plan: &BackupPlan,
    vaults: &[BackupVault],
    selections: &[BackupSelection],
) -> Vec<Issue> {
    validate::validate(plan, vaults, selections)
}

/// What [`lint_backup_plan`] returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct LintReport {
    /// No error-severity issue (the AWS API would accept the plans as far as drplan can tell).
    pub valid: bool,
    pub error_count: usize,
    pub warning_count: usize,
    /// Import issues, then each plan's validation issues; every path points into the document.
    pub issues: Vec<Issue>,
    pub parsed: ParsedPlan,
}

/// Parse a document and validate every plan in it with the document's own vaults and
/// selections.
pub fn lint_backup_plan(document: &str) -> Result<LintReport, Error> {
    let parsed = parse_backup_plan(document)?;
    Ok(lint_parsed(parsed))
}

pub(crate) fn lint_parsed(parsed: ParsedPlan) -> LintReport {
    let mut issues = parsed.issues.clone();
    // Selections grouped by plan (those naming no plan go with every plan).
    let mut by_plan: std::collections::BTreeMap<&str, Vec<BackupSelection>> = Default::default();
    let mut unassigned = Vec::new();
    for s in &parsed.selections {
        match s.plan_name.as_deref() {
            Some(p) => by_plan.entry(p).or_default().push(s.clone()),
            None => unassigned.push(s.clone()),
        }
    }
    for (k, plan) in parsed.plans.iter().enumerate() {
        let mut sels = by_plan.get(plan.name.as_str()).cloned().unwrap_or_default();
        sels.extend(unassigned.iter().cloned());
        issues.extend(validate::validate_with(plan, &parsed.vaults, &sels, k == 0));
    }
    if parsed.plans.is_empty() {
        let empty = BackupPlan::new("", Vec::new());
        let vault_issues = validate::validate_with(&empty, &parsed.vaults, &[], true);
        issues.extend(vault_issues.into_iter().filter(|i| {
            i.input.as_deref() == Some(import::INPUT) || i.input.as_deref() == Some("vaults")
        }));
    }
    // Vault and selection issues are reported once per plan that uses them: keep the first.
    let mut seen = std::collections::BTreeSet::new();
    issues.retain(|i| seen.insert((i.code.clone(), i.path.clone(), i.message.clone())));
    issues.sort_by_key(|i| i.severity);
    let error_count = issues.iter().filter(|i| i.is_error()).count();
    let warning_count = issues
        .iter()
        .filter(|i| i.severity == crate::error::Severity::Warning)
        .count();
    LintReport {
        valid: error_count == 0,
        error_count,
        warning_count,
        issues,
        parsed,
    }
}

/// Write a plan as an AWS document.
pub fn export_backup_plan(plan: &BackupPlan, shape: ExportShape) -> Result<ExportedPlan, Error> {
    export::export(plan, shape)
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use proptest::prelude::*;
    use serde_json::Value;
    use std::collections::BTreeMap;

    fn name() -> impl Strategy<Value = String> {
        "[A-Za-z0-9_.-]{1,20}"
    }
    fn vault_name() -> impl Strategy<Value = String> {
        "[A-Za-z0-9_-]{2,20}"
    }
    fn days() -> impl Strategy<Value = Option<i64>> {
        prop::option::of(prop_oneof![Just(-1i64), 1i64..36_500])
    }
    fn lifecycle() -> impl Strategy<Value = Option<Lifecycle>> {
        prop::option::of(
            (days(), days(), prop::option::of(any::<bool>())).prop_map(|(c, d, a)| Lifecycle {
                move_to_cold_after_days: c,
                delete_after_days: d,
                opt_in_to_archive_for_supported_resources: a,
                delete_after_event: None,
            }),
        )
    }
    fn tags() -> impl Strategy<Value = BTreeMap<String, String>> {
        prop::collection::btree_map("[a-zA-Z:/ ]{1,12}", "[ -~]{0,12}", 0..3)
    }
    fn copy_action() -> impl Strategy<Value = CopyAction> {
        (
            prop_oneof![
                Just("us-west-2"),
                Just("eu-central-1"),
                Just("${AWS::Region}")
            ],
            prop_oneof![Just("111122223333"), Just("${AWS::AccountId}")],
            vault_name(),
            lifecycle(),
        )
            .prop_map(|(r, a, n, lc)| {
                CopyAction::new(format!("arn:aws:backup:{r}:{a}:backup-vault:{n}"), lc)
            })
    }
    fn rule() -> impl Strategy<Value = BackupRule> {
        (
            (
                name(),
                vault_name(),
                prop::option::of(0u32..60),
                prop::option::of(prop_oneof![Just("Etc/UTC"), Just("Europe/Paris")]),
            ),
            (
                prop::option::of(60i64..100_000),
                prop::option::of(60i64..100_000),
                lifecycle(),
                prop::option::of(any::<bool>()),
            ),
            (
                prop::collection::vec(copy_action(), 0..3),
                tags(),
                prop::option::of(prop_oneof![Just("EBS"), Just("S3")]),
            ),
        )
            .prop_map(
                |((n, v, minute, tz), (s, c, lc, cont), (copies, t, index))| {
                    let mut r = BackupRule::new(n, v);
                    r.schedule_expression = minute.map(|m| format!("cron({m} 5 ? * * *)"));
                    r.schedule_expression_timezone = tz.map(str::to_owned);
                    r.start_window_minutes = s;
                    r.completion_window_minutes = c;
                    r.lifecycle = lc;
                    r.enable_continuous_backup = cont;
                    r.copy_actions = copies;
                    r.recovery_point_tags = t;
                    r.index_actions = index
                        .map(|i| IndexAction {
                            resource_types: vec![i.to_owned()],
                        })
                        .into_iter()
                        .collect();
                    r
                },
            )
    }
    fn plan() -> impl Strategy<Value = BackupPlan> {
        (
            name(),
            prop::collection::vec(rule(), 0..4),
            tags(),
            prop::option::of(prop_oneof![Just("enabled"), Just("disabled")]),
            prop::option::of("[A-Za-z0-9]{1,10}"),
        )
            .prop_map(|(n, rules, t, vss, creator)| {
                let mut p = BackupPlan::new(n, rules);
                p.tags = t;
                p.creator_request_id = creator;
                if let Some(v) = vss {
                    p.advanced_backup_settings.push(AdvancedBackupSetting {
                        resource_type: "EC2".into(),
                        backup_options: [("WindowsVSS".to_owned(), v.to_owned())].into(),
                    });
                }
                p.normalize();
                p
            })
    }

    fn round_trip(p: &BackupPlan, shape: ExportShape) -> Result<BackupPlan, TestCaseError> {
        round_trip_s(p, shape).map_err(TestCaseError::fail)
    }

    fn round_trip_s(p: &BackupPlan, shape: ExportShape) -> Result<BackupPlan, String> {
        let text = export_backup_plan(p, shape)
            .map_err(|e| e.to_string())?
            .text;
        let parsed = parse_backup_plan(&text).map_err(|e| format!("{e}\n{text}"))?;
        if !parsed.issues.is_empty() {
            return Err(format!("issues: {:?}\n{text}", parsed.issues));
        }
        let mut back = parsed
            .plans
            .into_iter()
            .next()
            .ok_or_else(|| "no plan".to_owned())?
            .without_source();
        back.normalize();
        Ok(back)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn import_export_import_is_identity(p in plan()) {
            for shape in [ExportShape::CreateBackupPlanInput, ExportShape::BackupPlanDocument] {
                let mut expected = p.clone();
                if shape == ExportShape::BackupPlanDocument {
                    expected.tags.clear();
                    expected.creator_request_id = None;
                }
                prop_assert_eq!(round_trip(&p, shape)?, expected);
            }
            let mut expected = p.clone();
            expected.creator_request_id = None;
            prop_assert_eq!(round_trip(&p, ExportShape::CloudformationJson)?, expected.clone());
            prop_assert_eq!(round_trip(&p, ExportShape::CloudformationYaml)?, expected);
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,200}") {
            let _ = parse_backup_plan(&s);
            let _ = lint_backup_plan(&s);
        }

        #[test]
        fn parse_of_mutated_plan_never_panics(p in plan(), cut in 0usize..400, junk in "[\\[\\]{}:,\"!@ a-z0-9-]{0,8}") {
            let text = export_backup_plan(&p, ExportShape::CloudformationYaml).map(|e| e.text).unwrap_or_default();
            let at = text.char_indices().map(|(i, _)| i).nth(cut).unwrap_or(text.len());
            let mutated = format!("{}{}{}", &text[..at], junk, &text[at..]);
            let _ = lint_backup_plan(&mutated);
        }
    }

    #[test]
    fn lint_points_into_the_original_document() {
        let text = r#"{"plans": {"p": {"rules": {"r": {
            "target_backup_vault_name": {"@@assign": "v1"},
            "start_backup_window_minutes": {"@@assign": "30"},
            "lifecycle": {"move_to_cold_storage_after_days": {"@@assign": "30"}, "delete_after_days": {"@@assign": "60"}}
        }}}}}"#;
        let report = lint_backup_plan(text).ok();
        let got: Vec<(String, String)> = report
            .map(|r| {
                r.issues
                    .into_iter()
                    .filter(|i| i.is_error())
                    .map(|i| (i.code, i.path))
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(
            got,
            vec![
                (
                    "start_window_too_short".to_owned(),
                    "/plans/p/rules/r/start_backup_window_minutes".to_owned()
                ),
                (
                    "lifecycle_cold_minimum".to_owned(),
                    "/plans/p/rules/r/lifecycle/delete_after_days".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn json_twins() {
        let v = crate::api::json::parse_backup_plan(Value::from(1))
            .err()
            .map(|e| e.code);
        assert_eq!(v, Some(ErrorCode::InvalidInput));
        let out = crate::api::json::export_backup_plan(
            serde_json::json!({"name": "p", "rules": []}),
            Value::from("create_backup_plan_input"),
        );
        assert!(out.is_ok_and(|v| v["text"]
            .as_str()
            .is_some_and(|t| t.contains("\"BackupPlanName\": \"p\""))));
        let e = crate::api::json::export_backup_plan(
            serde_json::json!({"name": 1}),
            Value::from("nope"),
        )
        .err();
        assert_eq!(e.map(|e| e.issues.len()), Some(2));
        let out = crate::api::json::validate_backup_plan(
            serde_json::json!({"name": "p", "rules": [{"name": "r", "target_vault_name": "v", "start_window_minutes": 10}]}),
            Value::Null,
            Value::Null,
        );
        let codes: Vec<String> = out
            .ok()
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default()
            .iter()
            .filter_map(|i| i["code"].as_str().map(str::to_owned))
            .collect();
        assert!(
            codes.contains(&"start_window_too_short".to_owned()),
            "{codes:?}"
        );
        assert!(
            codes.contains(&"vault_name_invalid".to_owned()),
            "{codes:?}"
        );
    }
}
