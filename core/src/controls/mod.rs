//! AWS Backup Audit Manager controls judged offline, and DR lint rules.
//!
//! [`check_controls`] (JSON twin [`crate::api::json::check_controls`]) evaluates the controls of
//! aws-backup.md §11.2 that a plan, its selections and vaults (and optionally a resource list
//! and a `now`) can decide: pass/fail per control with evidence (which rule, copy action,
//! resource or vault; the value against the parameter). Controls that need live data (vault
//! access policies, encryption state) come back `not_evaluated` with the reason; measured restore
//! times are judged from `context.restore_jobs` when given (aws-backup.md §18.4). With `controls = null` every control runs with AWS's default parameters; the controls
//! are drplan's `{name, parameters, scope}` list or AWS's `FrameworkControls` ([`Controls`]).
//!
//! The DR lint (dr-strategies.md §4.3, §5.2, §8; aws-backup.md §8, §9, §12) adds [`Issue`]s:
//! `no_pitr`, `replicas_not_backups`, `no_cross_region_copy`, `no_isolated_copy`,
//! `no_restore_testing`, `retention_below_dwell`.
//!
//! Layout: the inputs, outputs, catalog ([`Control`]) and the run over the controls are here;
//! each control is one function, grouped by what it judges — `plan` (rules and copy actions),
//! `vault` (Vault Lock, logically air-gapped vaults), `resource` (per-resource protection and
//! recovery point age), `live_data` (controls that need data drplan does not have offline);
//! `params` reads their parameters, `eval` holds what they share, `dr_lint` the DR lint, and
//! `framework` reads AWS's `CreateFramework` shapes.

mod dr_lint;
mod eval;
mod framework;
mod live_data;
mod params;
mod plan;
mod resource;
mod scope;
#[cfg(test)]
mod tests;
mod vault;

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Deserializer, Serialize};

pub use framework::Controls;

use crate::backup::{BackupPlan, BackupSelection, BackupVault};
use crate::error::{Error, Issue};
use crate::simulation::Resource;
use crate::units::Seconds;
use eval::{destinations, Eval, Outcome};
use params::Params;

// ---------------------------------------------------------------------------------------------
// Inputs

/// A control parameter value: AWS passes every value as a string (aws-backup.md §11.1); numbers
/// are accepted too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ParamValue(pub String);

impl<'de> Deserialize<'de> for ParamValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = ParamValue;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string or a number")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ParamValue, E> {
                Ok(ParamValue(v.to_owned()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<ParamValue, E> {
                Ok(ParamValue(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<ParamValue, E> {
                Ok(ParamValue(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<ParamValue, E> {
                Ok(ParamValue(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// `ControlScope` (aws-backup.md §11.1): empty = every resource.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct ControlScope {
    /// `ComplianceResourceIds`: resource ids or ARNs.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub resource_ids: Vec<String>,
    /// `ComplianceResourceTypes`: AWS Backup type names (`EBS`, `RDS`…).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub resource_types: Vec<String>,
    /// `Tags`: at most one key/value pair in AWS.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub tags: BTreeMap<String, String>,
}

/// One control to evaluate: `{name, parameters?, scope?}`. Deserializing also reads the AWS
/// `CreateFramework` item (`{ControlName, ControlInputParameters: [{ParameterName,
/// ParameterValue}], ControlScope}`) into it (see [`Controls`]).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct ControlSpec {
    /// `ControlName`, e.g. `BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK`.
    pub name: String,
    /// `ParameterName` → value (strings, as AWS takes them; numbers accepted).
    #[serde(default)]
    #[cfg_attr(
        feature = "tsify",
        tsify(optional, type = "Record<string, string | number>")
    )]
    pub parameters: BTreeMap<String, ParamValue>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub scope: Option<ControlScope>,
    /// The shape it was written in, so that its errors point into that shape.
    #[serde(skip)]
    pub(crate) origin: framework::Origin,
}

/// Two controls are equal whichever shape they were written in.
impl PartialEq for ControlSpec {
    fn eq(&self, other: &Self) -> bool {
        (&self.name, &self.parameters, &self.scope)
            == (&other.name, &other.parameters, &other.scope)
    }
}

/// What the controls may look at besides the plan.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct ControlContext {
    /// Evaluation instant (RFC 3339): needed by `BACKUP_LAST_RECOVERY_POINT_CREATED`; also the
    /// reference for schedule gaps (default 2026-01-01T00:00:00Z).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub now: Option<String>,
    /// The resources to judge (tags and ARNs for selection matching).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub resources: Option<Vec<Resource>>,
    /// When the plan (and its selection) started (RFC 3339); default: long enough before `now`.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub plan_created_at: Option<String>,
    /// Restore testing plans covering these resources (aws-backup.md §12); null = not stated.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub restore_testing_plans: Option<u32>,
    /// Resource types protected only by Multi-AZ or replicas (not backups, dr-strategies.md §4.3).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub replicated_resource_types: Vec<String>,
    /// How long corruption may go unnoticed (days); retention must exceed it (dr-strategies.md §8).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub dwell_days: Option<f64>,
    /// `aws backup list-restore-jobs` output: `RESTORE_TIME_FOR_RESOURCES_MEET_TARGET` judges
    /// each restored resource's latest completed restore (aws-backup.md §18.4); null = not
    /// evaluated.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub restore_jobs: Option<crate::workload::restore_jobs::RestoreJobList>,
    /// Job duration for the simulation behind `BACKUP_LAST_RECOVERY_POINT_CREATED` (default 1 h).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "Seconds"))]
    pub job_duration_seconds: Option<Seconds>,
}

// ---------------------------------------------------------------------------------------------
// Outputs

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum ControlStatus {
    Compliant,
    NonCompliant,
    /// Not decidable offline or with the inputs given (see the message).
    NotEvaluated,
}

/// What a verdict rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct Evidence {
    /// `plan`, `rule`, `copy_action`, `resource`, `vault`.
    pub subject_kind: String,
    pub subject: String,
    /// JSON pointer into the plan (rules, copy actions) or `context.resources`.
    pub path: Option<String>,
    pub status: ControlStatus,
    pub value: Option<String>,
    pub required: Option<String>,
    pub message: String,
}

/// A parameter as applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct ParameterUsed {
    pub name: String,
    pub value: Option<String>,
    /// True when AWS's default (or drplan's, see `source`) was used.
    pub defaulted: bool,
    pub source: String,
}

/// One control's verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct ControlResult {
    pub control_name: String,
    pub status: ControlStatus,
    pub parameters: Vec<ParameterUsed>,
    /// What AWS evaluates (plans, resources, recovery points) and how drplan approximates it.
    pub evaluates: String,
    pub message: String,
    pub evidence: Vec<Evidence>,
    pub source: String,
}

/// Output of [`check_controls`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct ControlsReport {
    pub plan_name: String,
    pub results: Vec<ControlResult>,
    pub compliant: usize,
    pub non_compliant: usize,
    pub not_evaluated: usize,
    /// DR lint findings and notes about the inputs.
    pub issues: Vec<Issue>,
}

// ---------------------------------------------------------------------------------------------
// Catalog

const SRC_CONTROLS: &str =
    "aws-backup.md §11.2 (controls-and-remediation.html, choosing-controls.html)";
const SRC_FREQ: &str = "aws-backup.md §11.2; AWS Config rule backup-plan-min-frequency-and-min-retention-check (\"Checks if a backup plan has a backup rule that satisfies the required frequency and retention period\"; defaults days/1/35)";

/// Every control of aws-backup.md §11.2, in the order AWS lists them.
pub const CONTROL_NAMES: &[&str] = &[
    "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN",
    "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK",
    "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED",
    "BACKUP_RECOVERY_POINT_ENCRYPTED",
    "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK",
    "BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION",
    "BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT",
    "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK",
    "BACKUP_LAST_RECOVERY_POINT_CREATED",
    "RESTORE_TIME_FOR_RESOURCES_MEET_TARGET",
    "RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT",
];

/// A control drplan knows, named (in serde too) as AWS names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub(crate) enum Control {
    BackupResourcesProtectedByBackupPlan,
    BackupPlanMinFrequencyAndMinRetentionCheck,
    BackupRecoveryPointManualDeletionDisabled,
    BackupRecoveryPointEncrypted,
    BackupRecoveryPointMinimumRetentionCheck,
    BackupResourcesProtectedByCrossRegion,
    BackupResourcesProtectedByCrossAccount,
    BackupResourcesProtectedByBackupVaultLock,
    BackupLastRecoveryPointCreated,
    RestoreTimeForResourcesMeetTarget,
    ResourcesInLogicallyAirGappedVault,
}

impl Control {
    /// Every control, in the order of [`CONTROL_NAMES`].
    pub(crate) const ALL: [Control; 11] = [
        Control::BackupResourcesProtectedByBackupPlan,
        Control::BackupPlanMinFrequencyAndMinRetentionCheck,
        Control::BackupRecoveryPointManualDeletionDisabled,
        Control::BackupRecoveryPointEncrypted,
        Control::BackupRecoveryPointMinimumRetentionCheck,
        Control::BackupResourcesProtectedByCrossRegion,
        Control::BackupResourcesProtectedByCrossAccount,
        Control::BackupResourcesProtectedByBackupVaultLock,
        Control::BackupLastRecoveryPointCreated,
        Control::RestoreTimeForResourcesMeetTarget,
        Control::ResourcesInLogicallyAirGappedVault,
    ];

    /// AWS's name (`ControlName`).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Control::BackupResourcesProtectedByBackupPlan => {
                "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN"
            }
            Control::BackupPlanMinFrequencyAndMinRetentionCheck => {
                "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK"
            }
            Control::BackupRecoveryPointManualDeletionDisabled => {
                "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED"
            }
            Control::BackupRecoveryPointEncrypted => "BACKUP_RECOVERY_POINT_ENCRYPTED",
            Control::BackupRecoveryPointMinimumRetentionCheck => {
                "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK"
            }
            Control::BackupResourcesProtectedByCrossRegion => {
                "BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION"
            }
            Control::BackupResourcesProtectedByCrossAccount => {
                "BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT"
            }
            Control::BackupResourcesProtectedByBackupVaultLock => {
                "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK"
            }
            Control::BackupLastRecoveryPointCreated => "BACKUP_LAST_RECOVERY_POINT_CREATED",
            Control::RestoreTimeForResourcesMeetTarget => "RESTORE_TIME_FOR_RESOURCES_MEET_TARGET",
            Control::ResourcesInLogicallyAirGappedVault => {
                "RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT"
            }
        }
    }

    /// The control named `name`; `None` for a control drplan does not know.
    pub(crate) fn from_name(name: &str) -> Option<Control> {
        Control::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The parameters the control accepts.
    fn params(self) -> &'static [&'static str] {
        match self {
            Control::BackupResourcesProtectedByBackupPlan
            | Control::BackupRecoveryPointEncrypted => &[],
            Control::BackupPlanMinFrequencyAndMinRetentionCheck => &[
                "requiredFrequencyUnit",
                "requiredFrequencyValue",
                "requiredRetentionDays",
            ],
            Control::BackupRecoveryPointManualDeletionDisabled => &["principalArnList"],
            Control::BackupRecoveryPointMinimumRetentionCheck => &["requiredRetentionDays"],
            Control::BackupResourcesProtectedByCrossRegion => &["crossRegionList"],
            Control::BackupResourcesProtectedByCrossAccount => &["crossAccountList"],
            // Parameter names UNCONFIRMED (aws-backup.md §11.2): unknown names are warnings here.
            Control::BackupResourcesProtectedByBackupVaultLock => {
                &["minRetentionDays", "maxRetentionDays"]
            }
            Control::BackupLastRecoveryPointCreated
            | Control::ResourcesInLogicallyAirGappedVault => {
                &["recoveryPointAgeUnit", "recoveryPointAgeValue"]
            }
            Control::RestoreTimeForResourcesMeetTarget => &["maxRestoreTime"],
        }
    }

    /// Evaluate the control (its parameters read through `p`).
    fn run(self, p: &mut Params<'_>, e: &Eval<'_>) -> Outcome {
        match self {
            Control::BackupResourcesProtectedByBackupPlan => resource::protected_by_backup_plan(e),
            Control::BackupPlanMinFrequencyAndMinRetentionCheck => {
                plan::min_frequency_and_retention(p, e)
            }
            Control::BackupRecoveryPointManualDeletionDisabled => {
                live_data::manual_deletion_disabled(p)
            }
            Control::BackupRecoveryPointEncrypted => live_data::recovery_point_encrypted(),
            Control::BackupRecoveryPointMinimumRetentionCheck => plan::minimum_retention(p, e),
            Control::BackupResourcesProtectedByCrossRegion => plan::cross_region(p, e),
            Control::BackupResourcesProtectedByCrossAccount => plan::cross_account(p, e),
            Control::BackupResourcesProtectedByBackupVaultLock => {
                vault::protected_by_vault_lock(p, e)
            }
            Control::BackupLastRecoveryPointCreated => resource::last_recovery_point_created(p, e),
            Control::RestoreTimeForResourcesMeetTarget => {
                live_data::restore_time_meets_target(p, e)
            }
            Control::ResourcesInLogicallyAirGappedVault => {
                vault::in_logically_air_gapped_vault(p, e)
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The contract

/// Evaluate `controls` (every control with defaults when `None`, or when a `CreateFramework`
/// document's `FrameworkControls` is null) against a plan, its selections and vaults, and the
/// `context`.
///
/// Errors (`invalid_input`): a parameter out of its documented range or of the wrong form
/// (`invalid_parameter` at `/i/parameters/<name>`, input `controls`; for an AWS
/// `CreateFramework` item, `/FrameworkControls/i/ControlInputParameters/j/ParameterValue`), `context.now` or
/// `context.plan_created_at` not RFC 3339 (`invalid_timestamp`).
pub fn check_controls(
    plan: &BackupPlan,
    selections: &[BackupSelection],
    vaults: &[BackupVault],
    controls: Option<&Controls>,
    context: &ControlContext,
) -> Result<ControlsReport, Error> {
    let mut plan = plan.clone();
    plan.normalize();
    let mut vaults = vaults.to_vec();
    for v in &mut vaults {
        v.normalize();
    }
    let mut issues: Vec<Issue> = Vec::new();
    let mut notes: Vec<Issue> = Vec::new();
    let parse_ts =
        |s: &str, path: &str, issues: &mut Vec<Issue>| match s.trim().parse::<Timestamp>() {
            Ok(t) => Some(t),
            Err(e) => {
                issues.push(
                    Issue::error(
                        "invalid_timestamp",
                        path,
                        format!("{s:?} is not an RFC 3339 timestamp: {e}"),
                    )
                    .in_input("context"),
                );
                None
            }
        };
    let now = context
        .now
        .as_deref()
        .and_then(|s| parse_ts(s, "/now", &mut issues));
    let created = context
        .plan_created_at
        .as_deref()
        .and_then(|s| parse_ts(s, "/plan_created_at", &mut issues));
    if let Some(d) = context.dwell_days {
        if !(d.is_finite() && d >= 0.0) {
            issues.push(
                Issue::error(
                    "out_of_range",
                    "/dwell_days",
                    format!("dwell_days {d} must be ≥ 0"),
                )
                .in_input("context"),
            );
        }
    }
    let defaults: Vec<ControlSpec>;
    let specs: &[ControlSpec] = match controls.and_then(Controls::specs) {
        Some(c) => c,
        None => {
            defaults = CONTROL_NAMES
                .iter()
                .map(|n| ControlSpec {
                    name: (*n).to_owned(),
                    parameters: BTreeMap::new(),
                    scope: None,
                    origin: Default::default(),
                })
                .collect();
            &defaults
        }
    };
    let reference = now.unwrap_or_else(|| {
        "2026-01-01T00:00:00Z"
            .parse()
            .unwrap_or(Timestamp::UNIX_EPOCH)
    });
    let resources = scope::resources_of(context, &plan);
    let dests = destinations(&plan);
    let mut results = Vec::new();
    for (i, spec) in specs.iter().enumerate() {
        let base = match controls {
            Some(Controls::Framework { .. }) => format!("/{}/{i}", framework::FRAMEWORK_CONTROLS),
            _ => format!("/{i}"),
        };
        let Some(control) = Control::from_name(&spec.name) else {
            notes.push(
                Issue::warning(
                    "unknown_control",
                    spec.origin.path(&base, &["name"]),
                    format!(
                        "{:?} is not a control drplan knows (aws-backup.md §11.2): not evaluated",
                        spec.name
                    ),
                )
                .in_input("controls"),
            );
            results.push(ControlResult {
                control_name: spec.name.clone(),
                status: ControlStatus::NotEvaluated,
                parameters: Vec::new(),
                evaluates: String::new(),
                message: "unknown control".into(),
                evidence: Vec::new(),
                source: SRC_CONTROLS.into(),
            });
            continue;
        };
        let known = control.params();
        for k in spec.parameters.keys() {
            if !known.contains(&k.as_str()) {
                let is_lock = control == Control::BackupResourcesProtectedByBackupVaultLock;
                let issue = if is_lock {
                    Issue::warning("unknown_parameter", spec.origin.parameter_name_path(&base, k), format!("{k:?} is not a parameter drplan knows for {} (its parameter names are UNCONFIRMED, aws-backup.md §11.2; drplan reads minRetentionDays and maxRetentionDays): ignored", spec.name))
                } else {
                    Issue::error(
                        "unknown_parameter",
                        spec.origin.parameter_name_path(&base, k),
                        format!(
                            "{} takes no parameter {k:?} (it takes: {})",
                            spec.name,
                            if known.is_empty() {
                                "none".to_owned()
                            } else {
                                known.join(", ")
                            }
                        ),
                    )
                };
                if issue.is_error() {
                    issues.push(issue.in_input("controls"));
                } else {
                    notes.push(issue.in_input("controls"));
                }
            }
        }
        let mut p = Params {
            spec,
            base: base.clone(),
            issues: &mut issues,
            used: Vec::new(),
        };
        let e = Eval {
            plan: &plan,
            selections,
            vaults: &vaults,
            context,
            now,
            created,
            reference,
            covered: scope::covered(&plan, selections, resources.as_deref(), spec.scope.as_ref()),
            dests: &dests,
        };
        let outcome = control.run(&mut p, &e);
        results.push(outcome.into_result(spec.name.clone(), std::mem::take(&mut p.used)));
    }
    if !issues.is_empty() {
        return Err(Error::invalid(issues));
    }
    notes.extend(dr_lint::lint(
        &plan,
        selections,
        resources.as_deref(),
        context,
    ));
    let count = |s: ControlStatus| results.iter().filter(|r| r.status == s).count();
    Ok(ControlsReport {
        plan_name: plan.name.clone(),
        compliant: count(ControlStatus::Compliant),
        non_compliant: count(ControlStatus::NonCompliant),
        not_evaluated: count(ControlStatus::NotEvaluated),
        results,
        issues: notes,
    })
}
