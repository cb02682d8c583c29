//! AWS Backup Audit Manager controls judged offline, and DR lint rules.
//!
//! [`check_controls`] (JSON twin [`check_controls_json`]) evaluates the controls of
//! aws-backup.md §11.2 that a plan, its selections and vaults (and optionally a resource list
//! and a `now`) can decide: pass/fail per control with evidence (which rule, copy action,
//! resource or vault; the value against the parameter). Controls that need live data (vault
//! access policies, encryption state, measured restore times) come back `not_evaluated` with the
//! reason. With `controls = null` every control runs with AWS's default parameters.
//!
//! The DR lint (dr-strategies.md §4.3, §5.2, §8; aws-backup.md §8, §9, §12) adds [`Issue`]s:
//! `no_pitr`, `replicas_not_backups`, `no_cross_region_copy`, `no_isolated_copy`,
//! `no_restore_testing`, `retention_below_dwell`.

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::backup::arn::region_of_arn;
use crate::backup::resource::{supports_continuous, types_of_arn, RESOURCE_TYPES};
use crate::backup::{BackupPlan, BackupSelection, BackupVault, Lifecycle, VaultType};
use crate::error::{Error, Issue};
use crate::simulation::select::{first_match, Candidate};
use crate::simulation::{Resource, SimulationOptions};
use crate::units::Seconds;

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

/// One control to evaluate: `{name, parameters?, scope?}`. The AWS `CreateFramework` shape
/// (`{ControlName, ControlInputParameters: [{ParameterName, ParameterValue}], ControlScope}`) is
/// accepted by the JSON twin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

/// Parameters each control accepts (name → kind).
fn known_params(control: &str) -> Option<&'static [&'static str]> {
    Some(match control {
        "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN" | "BACKUP_RECOVERY_POINT_ENCRYPTED" => &[],
        "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK" => &[
            "requiredFrequencyUnit",
            "requiredFrequencyValue",
            "requiredRetentionDays",
        ],
        "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED" => &["principalArnList"],
        "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK" => &["requiredRetentionDays"],
        "BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION" => &["crossRegionList"],
        "BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT" => &["crossAccountList"],
        // Parameter names UNCONFIRMED (aws-backup.md §11.2): unknown names are warnings here.
        "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK" => {
            &["minRetentionDays", "maxRetentionDays"]
        }
        "BACKUP_LAST_RECOVERY_POINT_CREATED" | "RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT" => {
            &["recoveryPointAgeUnit", "recoveryPointAgeValue"]
        }
        "RESTORE_TIME_FOR_RESOURCES_MEET_TARGET" => &["maxRestoreTime"],
        _ => return None,
    })
}

/// Reads parameters with their defaults, collecting errors.
struct Params<'a> {
    spec: &'a ControlSpec,
    base: String,
    issues: &'a mut Vec<Issue>,
    used: Vec<ParameterUsed>,
}

impl Params<'_> {
    fn raw(&self, name: &str) -> Option<&str> {
        self.spec.parameters.get(name).map(|v| v.0.trim())
    }

    fn err(&mut self, name: &str, msg: String) {
        self.issues.push(
            Issue::error(
                "invalid_parameter",
                format!("{}/parameters/{name}", self.base),
                msg,
            )
            .in_input("controls"),
        );
    }

    /// A unit `hours|days`.
    fn unit(&mut self, name: &str, default: &str, source: &str) -> String {
        match self.raw(name).map(str::to_owned) {
            None => {
                self.used.push(ParameterUsed {
                    name: name.into(),
                    value: Some(default.into()),
                    defaulted: true,
                    source: source.into(),
                });
                default.to_owned()
            }
            Some(v) if v == "hours" || v == "days" => {
                self.used.push(ParameterUsed {
                    name: name.into(),
                    value: Some(v.clone()),
                    defaulted: false,
                    source: "input".into(),
                });
                v
            }
            Some(v) => {
                self.err(
                    name,
                    format!("{name} must be \"hours\" or \"days\", not {v:?}"),
                );
                default.to_owned()
            }
        }
    }

    /// An integer in `lo..=hi`; `default` None = optional without default.
    fn int(
        &mut self,
        name: &str,
        default: Option<i64>,
        lo: i64,
        hi: i64,
        source: &str,
    ) -> Option<i64> {
        match self.raw(name).map(str::to_owned) {
            None => {
                self.used.push(ParameterUsed {
                    name: name.into(),
                    value: default.map(|d| d.to_string()),
                    defaulted: true,
                    source: source.into(),
                });
                default
            }
            Some(v) => match v.parse::<i64>() {
                Ok(n) if (lo..=hi).contains(&n) => {
                    self.used.push(ParameterUsed {
                        name: name.into(),
                        value: Some(n.to_string()),
                        defaulted: false,
                        source: "input".into(),
                    });
                    Some(n)
                }
                Ok(n) => {
                    self.err(
                        name,
                        format!("{name} {n} is out of range {lo}‥{hi} ({source})"),
                    );
                    default
                }
                Err(_) => {
                    self.err(name, format!("{name} must be an integer, not {v:?}"));
                    default
                }
            },
        }
    }

    /// A comma-separated list (at most `max` entries).
    fn list(&mut self, name: &str, max: usize, source: &str) -> Vec<String> {
        let Some(v) = self.raw(name).map(str::to_owned) else {
            self.used.push(ParameterUsed {
                name: name.into(),
                value: None,
                defaulted: true,
                source: source.into(),
            });
            return Vec::new();
        };
        let items: Vec<String> = v
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        if items.len() > max {
            self.err(
                name,
                format!(
                    "{name} lists {} entries; at most {max} ({source})",
                    items.len()
                ),
            );
        }
        self.used.push(ParameterUsed {
            name: name.into(),
            value: Some(items.join(",")),
            defaulted: false,
            source: "input".into(),
        });
        items
    }
}

// ---------------------------------------------------------------------------------------------
// Evaluation helpers

/// A resource as the controls see it.
struct Res {
    id: String,
    arn: String,
    rtype: String,
    region: Option<String>,
    tags: BTreeMap<String, String>,
    replicated: bool,
    path: String,
}

fn resources_of(ctx: &ControlContext, plan: &BackupPlan) -> Option<Vec<Res>> {
    let list = ctx.resources.as_ref()?;
    Some(
        list.iter()
            .enumerate()
            .map(|(i, r)| {
                let arn = r.arn.clone().or_else(|| r.id.clone()).unwrap_or_default();
                let rtype = r.resource_type.clone().or_else(|| {
                    r.arn
                        .as_deref()
                        .and_then(|a| types_of_arn(a).ok())
                        .filter(|t| t.len() == 1)
                        .and_then(|t| t.first().map(|x| (*x).to_owned()))
                });
                Res {
                    id: r
                        .id
                        .clone()
                        .or_else(|| r.arn.clone())
                        .unwrap_or_else(|| format!("#{i}")),
                    arn,
                    rtype: rtype.unwrap_or_default(),
                    region: r
                        .region
                        .clone()
                        .or_else(|| r.arn.as_deref().and_then(region_of_arn).map(str::to_owned))
                        .or_else(|| plan.region.clone()),
                    tags: r.tags.clone(),
                    replicated: r.replicated,
                    path: format!("/resources/{i}"),
                }
            })
            .collect(),
    )
}

fn in_scope(r: &Res, scope: Option<&ControlScope>) -> bool {
    let Some(s) = scope else { return true };
    (s.resource_ids.is_empty() || s.resource_ids.iter().any(|x| *x == r.id || *x == r.arn))
        && (s.resource_types.is_empty() || s.resource_types.contains(&r.rtype))
        && s.tags.iter().all(|(k, v)| r.tags.get(k) == Some(v))
}

/// Whether the plan protects `r` (selection match and the plan's Region), with the reason.
fn protected(plan: &BackupPlan, selections: &[BackupSelection], r: &Res) -> (bool, String) {
    if let (Some(p), Some(rr)) = (&plan.region, &r.region) {
        if p != rr {
            return (
                false,
                format!("the plan runs in {p}, the resource is in {rr} (plans are Regional)"),
            );
        }
    }
    if selections.is_empty() {
        return (false, "the plan has no selection".to_owned());
    }
    let (ok, why) = first_match(
        selections,
        &Candidate {
            arn: &r.arn,
            resource_type: &r.rtype,
            tags: &r.tags,
        },
    );
    (ok, why.join("; "))
}

fn days_str(d: Option<i64>) -> String {
    d.map_or("indefinitely".to_owned(), |d| format!("{d} days"))
}

fn ev(
    kind: &str,
    subject: impl Into<String>,
    path: Option<String>,
    status: ControlStatus,
    value: Option<String>,
    required: Option<String>,
    message: impl Into<String>,
) -> Evidence {
    Evidence {
        subject_kind: kind.to_owned(),
        subject: subject.into(),
        path,
        status,
        value,
        required,
        message: message.into(),
    }
}

fn verdict(evidence: &[Evidence]) -> ControlStatus {
    if evidence
        .iter()
        .any(|e| e.status == ControlStatus::NonCompliant)
    {
        ControlStatus::NonCompliant
    } else if !evidence.is_empty()
        && evidence
            .iter()
            .all(|e| e.status == ControlStatus::Compliant)
    {
        ControlStatus::Compliant
    } else {
        ControlStatus::NotEvaluated
    }
}

/// Copy destinations of the plan: (rule index, copy index, region, account, vault name, arn).
struct Dest {
    rule: usize,
    copy: usize,
    region: Option<String>,
    account: Option<String>,
    vault: Option<String>,
    arn: String,
}

fn destinations(plan: &BackupPlan) -> Vec<Dest> {
    let mut v = Vec::new();
    for (i, r) in plan.rules.iter().enumerate() {
        for (j, c) in r.copy_actions.iter().enumerate() {
            v.push(Dest {
                rule: i,
                copy: j,
                region: c.destination_region.clone(),
                account: c.destination_account.clone(),
                vault: c.destination_vault_name.clone(),
                arn: c.destination_vault_arn.clone(),
            });
        }
    }
    v
}

fn find_vault<'v>(
    vaults: &'v [BackupVault],
    name: Option<&str>,
    arn: Option<&str>,
    region: Option<&str>,
) -> Option<&'v BackupVault> {
    vaults.iter().find(|v| {
        (arn.is_some() && v.arn.as_deref() == arn)
            || (name.is_some_and(|n| n == v.name)
                && (region.is_none() || v.region.is_none() || v.region.as_deref() == region))
    })
}

/// Typical and longest gap of a rule's schedule over a year from `from` (seconds).
fn rule_gaps(rule: &crate::backup::BackupRule, from: Timestamp) -> Result<(i64, i64), String> {
    let tz = rule.schedule_expression_timezone.as_deref();
    match crate::schedule::cron_summary(rule.effective_schedule(), tz, from, &Default::default()) {
        Ok(s) => match (s.typical_gap_seconds, s.max_gap_seconds) {
            (Some(t), Some(m)) => Ok((t, m)),
            _ => Err("the schedule runs only once in the year examined".to_owned()),
        },
        Err(e) => Err(e.message),
    }
}

fn human(s: i64) -> String {
    crate::units::human_duration(s as f64)
}

// ---------------------------------------------------------------------------------------------
// The contract

/// Evaluate `controls` (every control with defaults when `None`) against a plan, its selections
/// and vaults, and the `context`.
///
/// Errors (`invalid_input`): a parameter out of its documented range or of the wrong form
/// (`invalid_parameter` at `/i/parameters/<name>`, input `controls`), `context.now` or
/// `context.plan_created_at` not RFC 3339 (`invalid_timestamp`).
pub fn check_controls(
    plan: &BackupPlan,
    selections: &[BackupSelection],
    vaults: &[BackupVault],
    controls: Option<&[ControlSpec]>,
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
    let specs: &[ControlSpec] = match controls {
        Some(c) => c,
        None => {
            defaults = CONTROL_NAMES
                .iter()
                .map(|n| ControlSpec {
                    name: (*n).to_owned(),
                    parameters: BTreeMap::new(),
                    scope: None,
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
    let resources = resources_of(context, &plan);
    let mut results = Vec::new();
    for (i, spec) in specs.iter().enumerate() {
        let base = format!("/{i}");
        let Some(known) = known_params(&spec.name) else {
            notes.push(
                Issue::warning(
                    "unknown_control",
                    format!("{base}/name"),
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
        for k in spec.parameters.keys() {
            if !known.contains(&k.as_str()) {
                let is_lock = spec.name == "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK";
                let issue = if is_lock {
                    Issue::warning("unknown_parameter", format!("{base}/parameters/{k}"), format!("{k:?} is not a parameter drplan knows for {} (its parameter names are UNCONFIRMED, aws-backup.md §11.2; drplan reads minRetentionDays and maxRetentionDays): ignored", spec.name))
                } else {
                    Issue::error(
                        "unknown_parameter",
                        format!("{base}/parameters/{k}"),
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
        let r = evaluate(
            &mut p,
            &plan,
            selections,
            &vaults,
            resources.as_deref(),
            context,
            now,
            created,
            reference,
        );
        results.push(r);
    }
    if !issues.is_empty() {
        return Err(Error::invalid(issues));
    }
    notes.extend(lint(&plan, selections, resources.as_deref(), context));
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

#[allow(clippy::too_many_arguments)]
fn evaluate(
    p: &mut Params<'_>,
    plan: &BackupPlan,
    selections: &[BackupSelection],
    vaults: &[BackupVault],
    resources: Option<&[Res]>,
    context: &ControlContext,
    now: Option<Timestamp>,
    created: Option<Timestamp>,
    reference: Timestamp,
) -> ControlResult {
    let name = p.spec.name.clone();
    let scope = p.spec.scope.clone();
    let mut evidence: Vec<Evidence> = Vec::new();
    let mut message = String::new();
    let mut evaluates = String::new();
    let mut source = SRC_CONTROLS.to_owned();
    let scoped: Option<Vec<&Res>> =
        resources.map(|rs| rs.iter().filter(|r| in_scope(r, scope.as_ref())).collect());
    // Resources the plan protects (in scope), or None without a resource list.
    let covered: Option<Vec<(&Res, bool, String)>> = scoped.as_ref().map(|rs| {
        rs.iter()
            .map(|r| {
                let (ok, why) = protected(plan, selections, r);
                (*r, ok, why)
            })
            .collect()
    });
    let dests = destinations(plan);
    match name.as_str() {
        "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN" => {
            evaluates = "resources: each must be assigned to a backup plan (selections: Resources, NotResources, ListOfTags, Conditions, aws-backup.md §3); drplan checks this plan only".into();
            match &covered {
                None => message = "give context.resources (ARNs, types, tags) to judge which resources the selections pick".into(),
                Some(list) => {
                    for (r, ok, why) in list {
                        evidence.push(ev("resource", &r.id, Some(r.path.clone()), if *ok { ControlStatus::Compliant } else { ControlStatus::NonCompliant }, None, None, why.clone()));
                    }
                    if list.is_empty() {
                        message = "no resource in the control's scope".into();
                    }
                }
            }
        }
        "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK" => {
            source = SRC_FREQ.into();
            evaluates = "the backup plan: compliant when at least one rule creates recovery points at least as often as required and keeps them at least as long".into();
            let unit = p.unit(
                "requiredFrequencyUnit",
                "days",
                "AWS default days (aws-backup.md §11.2)",
            );
            let hi = if unit == "hours" { 24 } else { 31 };
            let value = p
                .int(
                    "requiredFrequencyValue",
                    Some(1),
                    1,
                    hi,
                    "AWS default 1; at most 24 hours or 31 days (aws-backup.md §11.2)",
                )
                .unwrap_or(1);
            let retention = p
                .int(
                    "requiredRetentionDays",
                    Some(35),
                    1,
                    36_500,
                    "AWS default 35 days (aws-backup.md §11.2)",
                )
                .unwrap_or(35);
            let required = value * if unit == "hours" { 3_600 } else { 86_400 };
            for (i, rule) in plan.rules.iter().enumerate() {
                let ret = rule.retention_days();
                let ret_ok = ret.is_none_or(|d| d >= retention);
                let (freq_ok, freq_text) = if rule.is_continuous() {
                    (true, "continuous backup".to_owned())
                } else {
                    match rule_gaps(rule, reference) {
                        Ok((typ, max)) => (
                            typ <= required,
                            if typ == max {
                                format!("every {}", human(typ))
                            } else {
                                format!("every {} (longest gap {})", human(typ), human(max))
                            },
                        ),
                        Err(e) => (false, format!("schedule not evaluable: {e}")),
                    }
                };
                let ok = freq_ok && ret_ok;
                evidence.push(ev(
                    "rule",
                    &rule.name,
                    Some(format!("/rules/{i}")),
                    if ok {
                        ControlStatus::Compliant
                    } else {
                        ControlStatus::NonCompliant
                    },
                    Some(format!("{freq_text}, kept {}", days_str(ret))),
                    Some(format!(
                        "at least every {value} {}, kept ≥ {retention} days",
                        if value == 1 {
                            unit.trim_end_matches('s')
                        } else {
                            unit.as_str()
                        }
                    )),
                    match (freq_ok, ret_ok) {
                        (true, true) => "meets both".to_owned(),
                        (false, true) => "backs up less often than required".to_owned(),
                        (true, false) => "keeps recovery points for less than required".to_owned(),
                        (false, false) => {
                            "backs up less often and keeps points shorter than required".to_owned()
                        }
                    },
                ));
            }
            // The plan passes when any rule satisfies both.
            let any = evidence
                .iter()
                .any(|e| e.status == ControlStatus::Compliant);
            message = if plan.rules.is_empty() {
                "the plan has no rule".into()
            } else if any {
                "at least one rule meets the frequency and retention".into()
            } else {
                "no rule meets both the frequency and the retention".into()
            };
            let status = if any {
                ControlStatus::Compliant
            } else {
                ControlStatus::NonCompliant
            };
            return ControlResult {
                control_name: name,
                status,
                parameters: std::mem::take(&mut p.used),
                evaluates,
                message,
                evidence,
                source,
            };
        }
        "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK" => {
            evaluates = "recovery points: each must be kept at least the required days; drplan checks what every rule and copy action will keep".into();
            let retention = p
                .int(
                    "requiredRetentionDays",
                    Some(35),
                    1,
                    36_500,
                    "AWS default 35 days (aws-backup.md §11.2)",
                )
                .unwrap_or(35);
            for (i, rule) in plan.rules.iter().enumerate() {
                let ret = rule.retention_days();
                let ok = ret.is_none_or(|d| d >= retention);
                evidence.push(ev(
                    "rule",
                    &rule.name,
                    Some(format!("/rules/{i}/lifecycle/delete_after_days")),
                    if ok {
                        ControlStatus::Compliant
                    } else {
                        ControlStatus::NonCompliant
                    },
                    Some(days_str(ret)),
                    Some(format!("≥ {retention} days")),
                    if ok {
                        "long enough"
                    } else {
                        "recovery points expire too early"
                    },
                ));
                for (j, c) in rule.copy_actions.iter().enumerate() {
                    // A copy without retention inherits the source's expiry (aws-backup.md §9).
                    let own = c.lifecycle.as_ref().and_then(Lifecycle::retention_days);
                    let eff = match own {
                        Some(d) => Some(d),
                        None => ret,
                    };
                    let ok = eff.is_none_or(|d| d >= retention);
                    evidence.push(ev("copy_action", format!("{} → {}", rule.name, c.destination_vault_arn), Some(format!("/rules/{i}/copy_actions/{j}/lifecycle/delete_after_days")), if ok { ControlStatus::Compliant } else { ControlStatus::NonCompliant }, Some(days_str(eff)), Some(format!("≥ {retention} days")), if own.is_none() { "no retention of its own: inherits the source's expiry (aws-backup.md §9)" } else if ok { "long enough" } else { "copies expire too early" }));
                }
            }
            if plan.rules.is_empty() {
                message = "the plan has no rule".into();
            }
        }
        "BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION"
        | "BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT" => {
            let region = name.ends_with("REGION");
            let list = if region {
                p.list(
                    "crossRegionList",
                    100,
                    "optional; no default (aws-backup.md §11.2)",
                )
            } else {
                p.list(
                    "crossAccountList",
                    5,
                    "optional, up to 5 accounts of the same Organization (aws-backup.md §11.2)",
                )
            };
            evaluates = format!(
                "resources: each must have a recovery point copied to another {}{}",
                if region { "Region" } else { "account" },
                if list.is_empty() {
                    String::new()
                } else {
                    format!(" among {}", list.join(", "))
                }
            );
            let mut unknown = false;
            let good: Vec<String> = dests
                .iter()
                .filter(|d| {
                    let (dest, own) = if region {
                        (&d.region, &plan.region)
                    } else {
                        (&d.account, &plan.account)
                    };
                    match (dest, own) {
                        (Some(x), _) if !list.is_empty() => list.contains(x),
                        (Some(x), Some(o)) => x != o,
                        _ => {
                            unknown = true;
                            false
                        }
                    }
                })
                .map(|d| {
                    let rn = plan
                        .rules
                        .get(d.rule)
                        .map(|r| r.name.clone())
                        .unwrap_or_default();
                    format!("rule {rn} copy {} → {}", d.copy, d.arn)
                })
                .collect();
            let plan_ok = !good.is_empty();
            let plan_status = if plan_ok {
                ControlStatus::Compliant
            } else if unknown {
                ControlStatus::NotEvaluated
            } else {
                ControlStatus::NonCompliant
            };
            let what = if region { "Region" } else { "account" };
            let plan_msg = if plan_ok {
                format!("copies to another {what}: {}", good.join("; "))
            } else if unknown {
                format!(
                    "the plan's {what} (or a destination's) is unknown: set the plan's {}",
                    if region { "region" } else { "account" }
                )
            } else if !list.is_empty() {
                format!("no copy action reaches {}", list.join(", "))
            } else {
                format!("no copy action leaves the plan's {what}")
            };
            match &covered {
                None => {
                    evidence.push(ev(
                        "plan",
                        &plan.name,
                        Some("/rules".into()),
                        plan_status,
                        Some(good.len().to_string()),
                        Some(format!("≥ 1 copy to another {what}")),
                        plan_msg.clone(),
                    ));
                    message = format!("judged on the plan (give context.resources to judge each resource): {plan_msg}");
                }
                Some(list) => {
                    for (r, ok, why) in list {
                        let (st, msg) = if !ok {
                            (
                                ControlStatus::NonCompliant,
                                format!("not protected by this plan: {why}"),
                            )
                        } else {
                            (plan_status, plan_msg.clone())
                        };
                        evidence.push(ev(
                            "resource",
                            &r.id,
                            Some(r.path.clone()),
                            st,
                            None,
                            None,
                            msg,
                        ));
                    }
                }
            }
        }
        "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK" => {
            source = format!("{SRC_CONTROLS}; parameter names and their semantics (the lock's MinRetentionDays ≥ minRetentionDays, MaxRetentionDays ≤ maxRetentionDays) are UNCONFIRMED");
            let min = p.int(
                "minRetentionDays",
                None,
                1,
                36_500,
                "optional (console \"Min Retention Days\"; parameter name UNCONFIRMED)",
            );
            let max = p.int(
                "maxRetentionDays",
                None,
                1,
                36_500,
                "optional (console \"Max Retention Days\"; parameter name UNCONFIRMED)",
            );
            evaluates = "resources: each must have recovery points in a vault with Vault Lock (aws-backup.md §10)".into();
            // Vaults the plan writes to: rule targets, air-gapped targets, copy destinations.
            let mut targets: Vec<(String, Option<&BackupVault>, bool)> = Vec::new();
            for r in &plan.rules {
                match &r.target_logically_air_gapped_vault_arn {
                    Some(arn) => {
                        targets.push((arn.clone(), find_vault(vaults, None, Some(arn), None), true))
                    }
                    None => targets.push((
                        r.target_vault_name.clone(),
                        find_vault(
                            vaults,
                            Some(&r.target_vault_name),
                            None,
                            plan.region.as_deref(),
                        ),
                        false,
                    )),
                }
            }
            for d in &dests {
                let v = find_vault(
                    vaults,
                    d.vault.as_deref(),
                    Some(&d.arn),
                    d.region.as_deref(),
                );
                targets.push((d.arn.clone(), v, false));
            }
            let mut seen = BTreeSet::new();
            let mut any_ok = false;
            let mut any_unknown = false;
            for (label, v, lag_target) in targets {
                if !seen.insert(label.clone()) {
                    continue;
                }
                let (st, value, msg) = match v {
                    None if lag_target => (ControlStatus::Compliant, Some("logically air-gapped".to_owned()), "a logically air-gapped vault is always locked in compliance mode (aws-backup.md §10.2)".to_owned()),
                    None => {
                        any_unknown = true;
                        (ControlStatus::NotEvaluated, None, "vault not among the vaults given".to_owned())
                    }
                    Some(v) => {
                        let lag = v.vault_type == VaultType::LogicallyAirGappedBackupVault;
                        match (&v.lock, lag) {
                            (None, false) => (ControlStatus::NonCompliant, Some("no lock".into()), format!("vault {} has no Vault Lock", v.name)),
                            (lock, _) => {
                                let lmin = lock.as_ref().and_then(|l| l.min_retention_days);
                                let lmax = lock.as_ref().and_then(|l| l.max_retention_days);
                                let min_ok = min.is_none_or(|m| lmin.is_some_and(|x| x >= m));
                                let max_ok = max.is_none_or(|m| lmax.is_some_and(|x| x <= m));
                                let ok = min_ok && max_ok;
                                (
                                    if ok { ControlStatus::Compliant } else { ControlStatus::NonCompliant },
                                    Some(format!("locked, min {} max {}", lmin.map_or("-".into(), |x| x.to_string()), lmax.map_or("-".into(), |x| x.to_string()))),
                                    if ok { format!("vault {} is locked", v.name) } else { format!("vault {} is locked, but its retention bounds are outside the control's parameters", v.name) },
                                )
                            }
                        }
                    }
                };
                any_ok |= st == ControlStatus::Compliant;
                evidence.push(ev(
                    "vault",
                    label,
                    None,
                    st,
                    value,
                    Some(format!(
                        "locked{}{}",
                        min.map_or(String::new(), |m| format!(", min ≥ {m}")),
                        max.map_or(String::new(), |m| format!(", max ≤ {m}"))
                    )),
                    msg,
                ));
            }
            // A resource is protected when any of its recovery points sits in a locked vault.
            let status = if any_ok {
                ControlStatus::Compliant
            } else if any_unknown {
                ControlStatus::NotEvaluated
            } else {
                ControlStatus::NonCompliant
            };
            if let Some(list) = &covered {
                for (r, ok, why) in list {
                    let st = if *ok {
                        status
                    } else {
                        ControlStatus::NonCompliant
                    };
                    evidence.push(ev(
                        "resource",
                        &r.id,
                        Some(r.path.clone()),
                        st,
                        None,
                        None,
                        if *ok {
                            "protected by this plan; see the vaults above".to_owned()
                        } else {
                            format!("not protected by this plan: {why}")
                        },
                    ));
                }
            }
            message = match status {
                ControlStatus::Compliant => {
                    "recovery points reach at least one locked vault".into()
                }
                ControlStatus::NonCompliant => {
                    "no vault the plan writes to is locked (as required)".into()
                }
                ControlStatus::NotEvaluated => {
                    "give the vaults (with their locks) the plan writes to".into()
                }
            };
            return ControlResult {
                control_name: name,
                status: if covered
                    .as_ref()
                    .is_some_and(|l| l.iter().any(|(_, ok, _)| !ok))
                {
                    ControlStatus::NonCompliant
                } else {
                    status
                },
                parameters: std::mem::take(&mut p.used),
                evaluates,
                message,
                evidence,
                source,
            };
        }
        "BACKUP_LAST_RECOVERY_POINT_CREATED" | "RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT" => {
            let lag = name.starts_with("RESOURCES_IN");
            let unit = p.unit(
                "recoveryPointAgeUnit",
                "days",
                "AWS default days (aws-backup.md §11.2)",
            );
            let (lo, hi, default) = match (lag, unit.as_str()) {
                (false, "hours") => (1, 744, 1),
                (false, _) => (1, 31, 1),
                // No AWS default found: 7 days / 168 h, the recommended minimum (aws-backup.md §11.2).
                (true, "hours") => (24, 2_184, 168),
                (true, _) => (1, 91, 7),
            };
            let value = p.int("recoveryPointAgeValue", Some(default), lo, hi, if lag { "no AWS default found; drplan uses the recommended minimum of 7 days / 168 hours (aws-backup.md §11.2)" } else { "AWS default 1; 1‥744 hours or 1‥31 days (aws-backup.md §11.2)" }).unwrap_or(default);
            let age = value * if unit == "hours" { 3_600 } else { 86_400 };
            if lag {
                evaluates = format!("recovery points: each resource must have one in a logically air-gapped vault created within the last {value} {unit}; drplan checks the schedule of the rules and copies that reach such a vault");
                let mut any = false;
                // Copy destinations whose vault type is unknown (not among the vaults given).
                let unknown_types = dests.iter().any(|d| {
                    find_vault(
                        vaults,
                        d.vault.as_deref(),
                        Some(&d.arn),
                        d.region.as_deref(),
                    )
                    .is_none()
                });
                for (i, rule) in plan.rules.iter().enumerate() {
                    let direct = rule.target_logically_air_gapped_vault_arn.is_some();
                    let copies: Vec<&Dest> = dests
                        .iter()
                        .filter(|d| {
                            d.rule == i
                                && find_vault(
                                    vaults,
                                    d.vault.as_deref(),
                                    Some(&d.arn),
                                    d.region.as_deref(),
                                )
                                .is_some_and(|v| {
                                    v.vault_type == VaultType::LogicallyAirGappedBackupVault
                                })
                        })
                        .collect();
                    if !direct && copies.is_empty() {
                        continue;
                    }
                    any = true;
                    let (st, value_s) = match rule_gaps(rule, reference) {
                        Ok((_, max)) => (
                            if max <= age {
                                ControlStatus::Compliant
                            } else {
                                ControlStatus::NonCompliant
                            },
                            Some(format!("a point every {} at worst", human(max))),
                        ),
                        Err(e) => (ControlStatus::NotEvaluated, Some(e)),
                    };
                    evidence.push(ev(
                        "rule",
                        &rule.name,
                        Some(format!("/rules/{i}")),
                        st,
                        value_s,
                        Some(format!("≤ {}", human(age))),
                        if direct {
                            "backs up straight into a logically air-gapped vault"
                        } else {
                            "copies to a logically air-gapped vault"
                        },
                    ));
                }
                if !any {
                    if unknown_types {
                        evidence.push(ev("plan", &plan.name, Some("/rules".into()), ControlStatus::NotEvaluated, None, None, "no rule targets a logically air-gapped vault directly, and some copy destinations are not among the vaults given: their type is unknown"));
                    } else {
                        evidence.push(ev("plan", &plan.name, Some("/rules".into()), ControlStatus::NonCompliant, None, None, "no rule targets or copies to a logically air-gapped vault (vault types come from the vaults given)"));
                    }
                }
                // Any rule that is often enough suffices.
                let ok = evidence
                    .iter()
                    .any(|e| e.status == ControlStatus::Compliant);
                let st = if ok {
                    ControlStatus::Compliant
                } else {
                    verdict(&evidence)
                };
                message = match st {
                    ControlStatus::Compliant => {
                        "a rule reaches a logically air-gapped vault often enough".into()
                    }
                    ControlStatus::NonCompliant => {
                        "no recovery point reaches a logically air-gapped vault within the age"
                            .into()
                    }
                    ControlStatus::NotEvaluated => {
                        "give the vaults (with their types) the plan copies to".into()
                    }
                };
                return ControlResult {
                    control_name: name,
                    status: st,
                    parameters: std::mem::take(&mut p.used),
                    evaluates,
                    message,
                    evidence,
                    source,
                };
            }
            evaluates = format!("recovery points: each resource's newest must be at most {value} {unit} old at `now`; drplan simulates the plan up to `now`");
            match now {
                None => {
                    message =
                        "give context.now to judge the age of the newest recovery point".into()
                }
                Some(now) => {
                    let from = now
                        .checked_sub(SignedDuration::from_secs(age))
                        .unwrap_or(now);
                    let start = created.map_or(from, |c| c.max(from));
                    match covered.as_ref() {
                        None => {
                            // Judged on the schedule: the newest run of any rule.
                            let newest = plan
                                .rules
                                .iter()
                                .filter_map(|r| {
                                    let tz =
                                        r.schedule_expression_timezone.as_deref().unwrap_or("UTC");
                                    let s = crate::schedule::Schedule::parse(
                                        r.effective_schedule(),
                                        tz,
                                        Default::default(),
                                    )
                                    .ok()?;
                                    s.runs_from(start)
                                        .take_while(|x| x.at <= now)
                                        .last()
                                        .map(|x| x.at)
                                })
                                .max();
                            let st = if newest.is_some() {
                                ControlStatus::Compliant
                            } else {
                                ControlStatus::NonCompliant
                            };
                            evidence.push(ev(
                                "plan",
                                &plan.name,
                                Some("/rules".into()),
                                st,
                                newest.map(|t| t.to_string()),
                                Some(format!("after {start}")),
                                match newest {
                                    Some(_) => "a rule ran within the window",
                                    None => "no rule runs within the window",
                                },
                            ));
                            message = "judged on the schedule (give context.resources to simulate each resource)".into();
                        }
                        Some(list) => {
                            let mut opts = SimulationOptions::starting(start.to_string());
                            opts.horizon_days = Some(
                                ((now.as_second() - start.as_second()).max(60) as f64 + 1.0)
                                    / 86_400.0,
                            );
                            opts.sample_every = Some(Seconds(
                                ((now.as_second() - start.as_second()).max(60) + 1) as f64,
                            ));
                            opts.job_duration_seconds = context.job_duration_seconds;
                            opts.selections = Some(selections.to_vec());
                            opts.vaults = Some(vaults.to_vec());
                            let res: Vec<Resource> = list
                                .iter()
                                .filter_map(|(r, _, _)| {
                                    context.resources.as_ref().and_then(|all| {
                                        r.path
                                            .strip_prefix("/resources/")
                                            .and_then(|k| k.parse::<usize>().ok())
                                            .and_then(|k| all.get(k))
                                            .cloned()
                                    })
                                })
                                .collect();
                            match crate::simulation::simulate_backup_plan(plan, &res, &opts) {
                                Err(e) => message = format!("the simulation failed: {}", e.message),
                                Ok(sim) => {
                                    for (r, ok, why) in list {
                                        let newest = sim
                                            .resources
                                            .iter()
                                            .find(|x| x.resource_id == r.id)
                                            .map(|x| x.points > 0);
                                        // Creation of its newest point (seconds from `start`).
                                        let last = sim
                                            .recovery_points
                                            .iter()
                                            .filter(|p| p.resource_id == r.id.as_str())
                                            .map(|p| {
                                                p.created_at_seconds
                                                    + p.repeat.map_or(0.0, |x| {
                                                        f64::from(x.count.saturating_sub(1))
                                                            * x.every_seconds
                                                    })
                                            })
                                            .fold(None, |a: Option<f64>, b| {
                                                Some(a.map_or(b, |a| a.max(b)))
                                            });
                                        let value = last.map(|l| {
                                            let at = start
                                                .checked_add(SignedDuration::from_secs(l as i64))
                                                .map(|t| t.to_string())
                                                .unwrap_or_default();
                                            let age =
                                                (now.as_second() - start.as_second()) as f64 - l;
                                            format!("{at} ({} old)", human(age as i64))
                                        });
                                        let (st, msg) = match (ok, newest) {
                                            (false, _) => (
                                                ControlStatus::NonCompliant,
                                                format!("not protected by this plan: {why}"),
                                            ),
                                            (true, Some(true)) => (
                                                ControlStatus::Compliant,
                                                "a recovery point is created within the window"
                                                    .to_owned(),
                                            ),
                                            _ => (
                                                ControlStatus::NonCompliant,
                                                "no recovery point is created within the window"
                                                    .to_owned(),
                                            ),
                                        };
                                        evidence.push(ev(
                                            "resource",
                                            &r.id,
                                            Some(r.path.clone()),
                                            st,
                                            value,
                                            Some(format!("created after {start}")),
                                            msg,
                                        ));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED" => {
            p.list(
                "principalArnList",
                5,
                "optional, up to 5 IAM role ARNs (aws-backup.md §11.2)",
            );
            evaluates =
                "vaults: their access policies must deny manual deletion of recovery points".into();
            message =
                "vault access policies are not part of the plan: not evaluated offline".into();
        }
        "BACKUP_RECOVERY_POINT_ENCRYPTED" => {
            evaluates = "recovery points: each must be encrypted".into();
            message = "the encryption state of recovery points is not part of the plan: not evaluated offline".into();
        }
        "RESTORE_TIME_FOR_RESOURCES_MEET_TARGET" => {
            p.int(
                "maxRestoreTime",
                None,
                1,
                52_560_000,
                "minutes; no default (AWS samples use 720, aws-backup.md §11.2)",
            );
            evaluates = "restore-testing jobs: the latest restore time must not exceed maxRestoreTime (minutes)".into();
            message = "needs measured restore times from restore testing (aws-backup.md §12): not evaluated offline".into();
        }
        _ => {}
    }
    let status = verdict(&evidence);
    if message.is_empty() {
        message = match status {
            ControlStatus::Compliant => "compliant".into(),
            ControlStatus::NonCompliant => format!(
                "{} of {} checks fail",
                evidence
                    .iter()
                    .filter(|e| e.status == ControlStatus::NonCompliant)
                    .count(),
                evidence.len()
            ),
            ControlStatus::NotEvaluated => "not evaluated".into(),
        };
    }
    ControlResult {
        control_name: name,
        status,
        parameters: std::mem::take(&mut p.used),
        evaluates,
        message,
        evidence,
        source,
    }
}

// ---------------------------------------------------------------------------------------------
// DR lint

fn lint(
    plan: &BackupPlan,
    selections: &[BackupSelection],
    resources: Option<&[Res]>,
    ctx: &ControlContext,
) -> Vec<Issue> {
    let mut out = Vec::new();
    let plan_issue = |i: Issue| i.in_input("plan");
    // Types the plan protects: from the resources it selects, else from its selections.
    let protected_types: BTreeSet<String> = match resources {
        Some(rs) => rs
            .iter()
            .filter(|r| protected(plan, selections, r).0)
            .map(|r| r.rtype.clone())
            .collect(),
        None => {
            let mut t = BTreeSet::new();
            for s in selections {
                if s.resources.is_empty() && s.list_of_tags.is_empty() && s.conditions.is_empty() {
                    t.extend(RESOURCE_TYPES.iter().map(|x| (*x).to_owned()));
                }
                for arn in &s.resources {
                    if let Ok(ts) = types_of_arn(arn) {
                        t.extend(ts.iter().map(|x| (*x).to_owned()));
                    }
                }
            }
            t
        }
    };
    let has_rules = !plan.rules.is_empty();
    // No PITR where the type supports it (aws-backup.md §8).
    if has_rules && !plan.rules.iter().any(|r| r.is_continuous()) {
        let capable: Vec<&str> = protected_types
            .iter()
            .map(String::as_str)
            .filter(|t| supports_continuous(t))
            .collect();
        if !capable.is_empty() {
            out.push(plan_issue(Issue::warning(
                "no_pitr",
                "/rules",
                format!("{} support{} continuous backup (restore to any second of the last 1–35 days), but no rule enables it: the local RPO is the snapshot interval", capable.join(", "), if capable.len() == 1 { "s" } else { "" }),
            ).with_hint("add a rule with enable_continuous_backup and 1–35 days retention (aws-backup.md §8; dr-strategies.md §5.2)")));
        }
    }
    // Replicas or Multi-AZ relied on as backup (dr-strategies.md §4.3).
    if let Some(rs) = resources {
        for r in rs.iter().filter(|r| r.replicated) {
            let (ok, _) = protected(plan, selections, r);
            if !ok || !has_rules {
                out.push(Issue::warning(
                    "replicas_not_backups",
                    format!("{}/replicated", r.path),
                    format!("{} relies on replicas or Multi-AZ, which copy corruption and deletions as faithfully as good writes, and no rule of this plan backs it up", r.id),
                ).in_input("context").with_hint("back it up as well (dr-strategies.md §4.3: every strategy needs backups in addition to replication)"));
            }
        }
    }
    for (i, t) in ctx.replicated_resource_types.iter().enumerate() {
        if !has_rules || !protected_types.contains(t) {
            out.push(Issue::warning(
                "replicas_not_backups",
                format!("/replicated_resource_types/{i}"),
                format!("{t} is protected only by replicas or Multi-AZ, and this plan does not back it up: replication copies corruption and deletions (dr-strategies.md §4.3)"),
            ).in_input("context").with_hint("select the type in the plan's selections"));
        }
    }
    // Cross-Region and isolated copies.
    if has_rules {
        let copies: Vec<&crate::backup::CopyAction> = plan
            .rules
            .iter()
            .flat_map(|r| r.copy_actions.iter())
            .collect();
        if !copies.iter().any(|c| c.cross_region == Some(true)) {
            if copies.iter().all(|c| c.cross_region == Some(false)) {
                out.push(plan_issue(Issue::warning("no_cross_region_copy", "/rules", "no rule copies recovery points to another Region: a Region-wide disruption takes every backup with it").with_hint("add a copy action to a vault in another Region (aws-backup.md §9)")));
            } else {
                out.push(plan_issue(Issue::info("cross_region_unknown", "/rules", "the plan's Region is unknown, so drplan cannot tell whether its copy actions leave the Region").with_hint("set the plan's region")));
            }
        }
        let isolated = plan
            .rules
            .iter()
            .any(|r| r.target_logically_air_gapped_vault_arn.is_some())
            || copies.iter().any(|c| c.cross_account == Some(true));
        if !isolated {
            out.push(plan_issue(Issue::info("no_isolated_copy", "/rules", "no recovery point leaves the plan's account or reaches a logically air-gapped vault: a compromised account can delete every backup (unless vaults are locked)").with_hint("copy to another account or a logically air-gapped vault (dr-strategies.md §8; aws-backup.md §10)")));
        }
    }
    match ctx.restore_testing_plans {
        Some(0) => out.push(Issue::warning("no_restore_testing", "/restore_testing_plans", "no restore testing plan: nothing proves the recovery points restore, or how long a restore takes (the only measured RTO input)").in_input("context").with_hint("add a restore testing plan (aws-backup.md §12)")),
        None => out.push(Issue::info("restore_testing_unknown", "/restore_testing_plans", "whether restore testing covers these resources was not stated").in_input("context").with_hint("set context.restore_testing_plans (aws-backup.md §12)")),
        Some(_) => {}
    }
    if let Some(dwell) = ctx.dwell_days.filter(|d| d.is_finite()) {
        let mut longest: Option<i64> = Some(0);
        for r in &plan.rules {
            let mut all = vec![r.retention_days()];
            all.extend(r.copy_actions.iter().map(|c| {
                c.lifecycle
                    .as_ref()
                    .and_then(Lifecycle::retention_days)
                    .or(r.retention_days())
            }));
            for d in all {
                longest = match (longest, d) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
            }
        }
        if let Some(l) = longest.filter(|l| (*l as f64) < dwell && has_rules) {
            out.push(plan_issue(Issue::warning(
                "retention_below_dwell",
                "/rules",
                format!("the longest retention is {l} days, shorter than the assumed dwell time of {dwell} days: by the time corruption is noticed every recovery point may hold it"),
            ).with_hint("keep at least one series of points longer than dwell + detection time (dr-strategies.md §8)")));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// JSON twin

/// AWS `CreateFramework` control shapes → drplan's `{name, parameters, scope}`.
fn controls_value(v: Value) -> Value {
    let list = match v {
        Value::Object(mut m) if m.contains_key("FrameworkControls") => {
            m.remove("FrameworkControls").unwrap_or(Value::Null)
        }
        other => other,
    };
    let Value::Array(items) = list else {
        return list;
    };
    Value::Array(
        items
            .into_iter()
            .map(|item| match item {
                Value::Object(m) if m.contains_key("ControlName") => {
                    let mut out = serde_json::Map::new();
                    for (k, v) in m {
                        match k.as_str() {
                            "ControlName" => {
                                out.insert("name".into(), v);
                            }
                            "ControlInputParameters" => {
                                let mut params = serde_json::Map::new();
                                if let Value::Array(ps) = &v {
                                    for p in ps {
                                        if let (Some(n), Some(val)) = (
                                            p.get("ParameterName").and_then(Value::as_str),
                                            p.get("ParameterValue"),
                                        ) {
                                            params.insert(n.to_owned(), val.clone());
                                        }
                                    }
                                }
                                out.insert("parameters".into(), Value::Object(params));
                            }
                            "ControlScope" => {
                                let mut s = serde_json::Map::new();
                                if let Value::Object(sc) = v {
                                    for (sk, sv) in sc {
                                        let key = match sk.as_str() {
                                            "ComplianceResourceIds" => "resource_ids".to_owned(),
                                            "ComplianceResourceTypes" => {
                                                "resource_types".to_owned()
                                            }
                                            "Tags" => "tags".to_owned(),
                                            other => other.to_owned(),
                                        };
                                        s.insert(key, sv);
                                    }
                                }
                                out.insert("scope".into(), Value::Object(s));
                            }
                            other => {
                                out.insert(other.to_owned(), v);
                            }
                        }
                    }
                    Value::Object(out)
                }
                other => other,
            })
            .collect(),
    )
}

/// [`check_controls`] over JSON: `plan` (normalized plan or document, as for
/// `simulate_backup_plan`), `selections` and `vaults` (arrays or null: a document's own are used
/// when null), `controls` (null = all with defaults; an array of `{name, parameters, scope}`;
/// or AWS `FrameworkControls`), `context` (object or null).
pub fn check_controls_json(
    plan: Value,
    selections: Value,
    vaults: Value,
    controls: Value,
    context: Value,
) -> Result<Value, Error> {
    use crate::simulation::take;
    let mut issues = Vec::new();
    let selections: Option<Option<Vec<BackupSelection>>> =
        take("selections", selections, &mut issues)?;
    let vaults: Option<Option<Vec<BackupVault>>> = take("vaults", vaults, &mut issues)?;
    let controls: Option<Option<Vec<ControlSpec>>> =
        take("controls", controls_value(controls), &mut issues)?;
    let context: Option<Option<ControlContext>> = take("context", context, &mut issues)?;
    let plan = match crate::simulation::prepare_plan_arg(plan, None) {
        Ok(p) => Some(p),
        Err(e) if e.code == crate::error::ErrorCode::InvalidInput => {
            issues.extend(e.issues);
            None
        }
        Err(e) => return Err(e),
    };
    let (Some(plan), Some(selections), Some(vaults), Some(controls), Some(context)) =
        (plan, selections, vaults, controls, context)
    else {
        return Err(Error::invalid(issues));
    };
    let selections = selections.unwrap_or(plan.selections);
    let vaults = vaults.unwrap_or(plan.vaults);
    let context = context.unwrap_or_default();
    let mut out = check_controls(
        &plan.plan,
        &selections,
        &vaults,
        controls.as_deref(),
        &context,
    )?;
    out.issues.splice(
        0..0,
        plan.notes
            .into_iter()
            .filter(|i| i.severity != crate::error::Severity::Info),
    );
    Ok(crate::json::to_value(&out))
}
