//! Translation between keep-policies (restic / borg) and AWS Backup plans.
//!
//! * [`translate_retention`] with [`TranslateDirection::PolicyToAws`]: a keep-policy → the
//!   closest AWS Backup plan (one rule per calendar period, each with a cron schedule and a
//!   `DeleteAfterDays` lifecycle), validated with [`crate::backup::validate_backup_plan`].
//! * with [`TranslateDirection::AwsToPolicy`]: a normalized plan → the closest keep-policy.
//! * Both give a `report` of everything that cannot match exactly, and, when `simulate_from` is
//!   given, a one-year simulation comparing the points each side holds at the end of the year.
//!
//! # Choices (drplan's, documented here and in every output's `source` strings)
//!
//! Schedules (evaluated in `time_zone`, default UTC, at `backup_hour:backup_minute`, default
//! 05:00 = AWS's default `cron(0 5 ? * * *)`, aws-backup.md §2.3): hourly `cron(M * ? * * *)`,
//! daily `cron(M H ? * * *)`, weekly **Sunday** `cron(M H ? * 1 *)` (1 = Sunday, aws-backup.md
//! §6), monthly **last day** `cron(M H L * ? *)`, yearly **31 December** `cron(M H 31 12 ? *)`.
//! restic and borg keep the *newest* snapshot of each period (retention.md §3, §5); with ISO
//! weeks (Monday–Sunday) the newest of a week is its Sunday, of a month its last day, of a year
//! 31 December. AWS's console presets use the 1st of the month instead; that would keep points
//! one day later than the tools do.
//!
//! Retention: keep N periods → `DeleteAfterDays = ceil(N × period length in days)` with
//! hour = 1/24, day = 1, week = 7, month = 365.25 / 12 = 30.4375, year = 365.25 (mean Gregorian
//! lengths), capped at 36,500 (aws-backup.md §5.3 L2). Back: `N = round(DeleteAfterDays × 86,400
//! / period)` (nearest integer: the inverse for every N the forward formula produces, and 365
//! days of a monthly rule read as 12), with the rule's measured run interval (median gap over a
//! year) as the period of sub-daily rules; a rule's class is chosen from that gap (< 1 d hourly,
//! < 2 d daily, < 14 d weekly, < 60 d monthly, else yearly).
//!
//! Known mismatch the simulation shows: with hourly snapshots the tools' daily/weekly/… rules keep
//! the *last* snapshot of each period (23:MM), while the AWS rules fire at `backup_hour`.

mod simulation;
mod to_aws;
mod to_policy;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::backup::BackupPlan;
use crate::error::{Error, Issue, Severity};
use crate::retention::{KeepCount, RetentionMode, RetentionPolicy, SnapshotTime};

use simulation::{plan_clock, simulate};
use to_aws::policy_to_aws;
use to_policy::aws_to_policy;

#[cfg(test)]
mod tests;

/// Source: aws-backup.md §5.3 L2 (DeleteAfterDays 1..36,500).
pub const MAX_DELETE_AFTER_DAYS: i64 = 36_500;
/// Mean Gregorian month and year (drplan's choice for "N months/years in days").
const MONTH_DAYS: f64 = 365.25 / 12.0;
const YEAR_DAYS: f64 = 365.25;
/// Most points either side of the simulation may create (one year hourly is 8,784 per rule;
/// 10 rules × 8,784 < 100,000). Source: drplan's cap (no unbounded allocation).
const MAX_SIM_POINTS: usize = 200_000;
/// Timestamps listed per difference side (the counts are always complete).
pub const MAX_LISTED: usize = 500;
/// Reference start used to measure a rule's cadence when no `simulate_from` is given.
const CADENCE_REFERENCE_UNIX: i64 = 1_735_689_600; // 2025-01-01T00:00:00Z

const SRC_FORMULA: &str = "drplan: DeleteAfterDays = ceil(N × period days), period = 1/24, 1, 7, 30.4375 (365.25/12), 365.25; capped at 36,500 (aws-backup.md §5.3 L2)";
const SRC_SIM: &str = "drplan: policy snapshots at the finest cadence of the policy, kept per the chosen mode at the end of the year; AWS points from the plan's crons (schedule module, DST: skip gaps, first fold occurrence), one point per instant with the longest retention (aws-backup.md §14.2), deleted per aws-backup-lifecycle defaults (day = 86,400 s, boundary inclusive, no lag: retention.md §6, UNCONFIRMED)";

/// Which way to translate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum TranslateDirection {
    /// `source` is a [`RetentionPolicy`]; the result holds the closest [`BackupPlan`].
    PolicyToAws,
    /// `source` is a [`BackupPlan`]; the result holds the closest [`RetentionPolicy`].
    AwsToPolicy,
}

/// Options of [`translate_retention`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct TranslateOptions {
    pub direction: TranslateDirection,
    /// The keep-policy's tool semantics (`restic-0.14`, `restic-0.16+`, `borg-1.2`); default
    /// `restic-0.16+`.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub mode: Option<RetentionMode>,
    /// IANA zone of the generated schedules and of the simulation (borg's prune zone, restic's
    /// backup host zone). Default: UTC, or for `aws_to_policy` the first rule's zone.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub time_zone: Option<String>,
    /// Hour of the daily and coarser backups, 0–23 (default 5: AWS's default schedule).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub backup_hour: Option<u8>,
    /// Minute of every backup, 0–59 (default 0).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub backup_minute: Option<u8>,
    /// `policy_to_aws`: plan name (default `drplan-translated`).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub plan_name: Option<String>,
    /// `policy_to_aws`: target vault (default `Default`).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub vault_name: Option<String>,
    /// Start of the simulated year; no simulation when absent.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "SnapshotTime"))]
    pub simulate_from: Option<SnapshotTime>,
}

#[cfg(feature = "tsify")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_TRANSLATE_SOURCE: &'static str = r#"
/** What `translateRetention` translates: a keep-policy (direction policy_to_aws) or a normalized AWS Backup plan (aws_to_policy). */
export type TranslateSource = RetentionPolicy | BackupPlan;
"#;

/// What is translated.
#[derive(Debug, Clone, PartialEq)]
pub enum TranslateSource {
    Policy(RetentionPolicy),
    Plan(BackupPlan),
}

/// How one rule maps to the other side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct RuleMapping {
    /// The keep-policy field (`keep_daily`, `keep_within`, …).
    pub policy_field: String,
    /// Its value (a count, `"unlimited"`, or a duration string).
    #[cfg_attr(feature = "tsify", tsify(type = "KeepCount | string"))]
    pub policy_value: Value,
    /// The AWS rule name.
    pub rule_name: String,
    pub schedule_expression: String,
    /// `None` = no lifecycle (kept forever).
    pub delete_after_days: Option<i64>,
    /// No entry of `report` concerns this mapping at warning level.
    pub exact: bool,
    pub source: String,
}

/// The one-year comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct TranslationSimulation {
    /// RFC 3339, UTC.
    pub start: String,
    /// `start` + 1 calendar year in `time_zone`; both sides are evaluated at this instant.
    pub end: String,
    pub time_zone: String,
    /// `hourly` or `daily`: the cadence of the simulated keep-policy snapshots.
    pub cadence: String,
    pub cadence_schedule: String,
    pub snapshots_simulated: usize,
    /// Distinct instants at which the AWS plan creates a point during the year.
    pub aws_points_created: usize,
    pub policy_kept_count: usize,
    pub aws_kept_count: usize,
    pub common_count: usize,
    pub only_in_policy_count: usize,
    pub only_in_aws_count: usize,
    /// `policy_kept_count − aws_kept_count`.
    pub count_difference: i64,
    /// Timestamps (UTC) kept only by the keep-policy; at most [`MAX_LISTED`].
    pub only_in_policy: Vec<String>,
    /// Timestamps (UTC) held only by the AWS plan; at most [`MAX_LISTED`].
    pub only_in_aws: Vec<String>,
    pub source: String,
}

/// Result of [`translate_retention`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct Translation {
    pub direction: TranslateDirection,
    pub mode: RetentionMode,
    pub time_zone: String,
    /// The keep-policy (the input, or the derived one).
    pub policy: RetentionPolicy,
    /// The AWS plan (the derived one, or the normalized input).
    pub plan: BackupPlan,
    /// `validate_backup_plan` on `plan` (never an error for a derived plan). For `aws_to_policy`
    /// their `input` is `source`; for a derived plan they have no `input`: their paths point
    /// into this `plan`.
    pub plan_issues: Vec<Issue>,
    pub mappings: Vec<RuleMapping>,
    /// Everything that does not translate exactly: warnings change which points are kept,
    /// infos explain semantics that differ only in edge cases.
    pub report: Vec<Issue>,
    /// No warning in `report`.
    pub exact: bool,
    pub simulation: Option<TranslationSimulation>,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Period {
    Hourly,
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

impl Period {
    const ALL: [Period; 5] = [
        Period::Hourly,
        Period::Daily,
        Period::Weekly,
        Period::Monthly,
        Period::Yearly,
    ];
    fn name(self) -> &'static str {
        match self {
            Period::Hourly => "hourly",
            Period::Daily => "daily",
            Period::Weekly => "weekly",
            Period::Monthly => "monthly",
            Period::Yearly => "yearly",
        }
    }
    fn unit(self) -> &'static str {
        match self {
            Period::Hourly => "hour",
            Period::Daily => "day",
            Period::Weekly => "week",
            Period::Monthly => "month",
            Period::Yearly => "year",
        }
    }
    fn field(self) -> &'static str {
        match self {
            Period::Hourly => "keep_hourly",
            Period::Daily => "keep_daily",
            Period::Weekly => "keep_weekly",
            Period::Monthly => "keep_monthly",
            Period::Yearly => "keep_yearly",
        }
    }
    fn days(self) -> f64 {
        match self {
            Period::Hourly => 1.0 / 24.0,
            Period::Daily => 1.0,
            Period::Weekly => 7.0,
            Period::Monthly => MONTH_DAYS,
            Period::Yearly => YEAR_DAYS,
        }
    }
    fn cron(self, h: u8, m: u8) -> String {
        match self {
            Period::Hourly => format!("cron({m} * ? * * *)"),
            Period::Daily => format!("cron({m} {h} ? * * *)"),
            Period::Weekly => format!("cron({m} {h} ? * 1 *)"),
            Period::Monthly => format!("cron({m} {h} L * ? *)"),
            Period::Yearly => format!("cron({m} {h} 31 12 ? *)"),
        }
    }
    fn count(self, p: &RetentionPolicy) -> Option<KeepCount> {
        match self {
            Period::Hourly => p.keep_hourly,
            Period::Daily => p.keep_daily,
            Period::Weekly => p.keep_weekly,
            Period::Monthly => p.keep_monthly,
            Period::Yearly => p.keep_yearly,
        }
    }
    fn set(self, p: &mut RetentionPolicy, c: KeepCount) {
        let slot = match self {
            Period::Hourly => &mut p.keep_hourly,
            Period::Daily => &mut p.keep_daily,
            Period::Weekly => &mut p.keep_weekly,
            Period::Monthly => &mut p.keep_monthly,
            Period::Yearly => &mut p.keep_yearly,
        };
        *slot = Some(c);
    }
}

fn info(code: &str, path: impl Into<String>, msg: impl Into<String>) -> Issue {
    Issue::info(code, path, msg).in_input("source")
}
fn warn(code: &str, path: impl Into<String>, msg: impl Into<String>) -> Issue {
    Issue::warning(code, path, msg).in_input("source")
}

/// Issues of the retention engine name the argument `policy`; here it is `source`.
fn as_source(i: Issue) -> Issue {
    if i.input.as_deref() == Some("policy") {
        i.in_input("source")
    } else {
        i
    }
}

fn days_for(n: f64, period_days: f64) -> i64 {
    (n * period_days - 1e-9).ceil().max(1.0) as i64
}

/// Translate a keep-policy into the closest AWS Backup plan or back (see the module docs).
///
/// Errors: a policy its mode rejects (as [`apply_retention`](crate::retention::apply_retention)), a policy with nothing
/// translatable, a plan with validation errors, an unknown zone, out-of-range hour/minute, a
/// `source` that does not match `direction`, or `mode: aws-backup-lifecycle`.
pub fn translate_retention(
    source: &TranslateSource,
    options: &TranslateOptions,
) -> Result<Translation, Error> {
    let mut issues = Vec::new();
    let mode = options.mode.unwrap_or(RetentionMode::Restic016);
    if mode == RetentionMode::AwsBackupLifecycle {
        issues.push(
            Issue::error(
                "not_a_keep_policy_mode",
                "/mode",
                "mode must be a keep-policy tool (restic-0.14, restic-0.16+, borg-1.2); aws-backup-lifecycle is the other side of the translation",
            )
            .in_input("options"),
        );
    }
    let hour = options.backup_hour.unwrap_or(5);
    let minute = options.backup_minute.unwrap_or(0);
    if hour > 23 {
        issues.push(
            Issue::error(
                "out_of_range",
                "/backup_hour",
                format!("backup_hour {hour} is not 0–23"),
            )
            .in_input("options"),
        );
    }
    if minute > 59 {
        issues.push(
            Issue::error(
                "out_of_range",
                "/backup_minute",
                format!("backup_minute {minute} is not 0–59"),
            )
            .in_input("options"),
        );
    }
    let dir_ok = matches!(
        (source, options.direction),
        (TranslateSource::Policy(_), TranslateDirection::PolicyToAws)
            | (TranslateSource::Plan(_), TranslateDirection::AwsToPolicy)
    );
    if !dir_ok {
        issues.push(
            Issue::error(
                "direction_mismatch",
                "/direction",
                "policy_to_aws takes a keep-policy, aws_to_policy a backup plan",
            )
            .in_input("options"),
        );
    }
    if let Some(tz) = &options.time_zone {
        if let Err(e) = crate::schedule::time_zone(tz) {
            issues.extend(
                e.issues()
                    .iter()
                    .cloned()
                    .map(|i| i.in_input("options").under("/time_zone")),
            );
        }
    }
    if issues.iter().any(Issue::is_error) {
        return Err(Error::invalid(issues));
    }
    let mut out = match source {
        TranslateSource::Policy(p) => policy_to_aws(p, mode, options, hour, minute)?,
        TranslateSource::Plan(p) => aws_to_policy(p, mode, options)?,
    };
    if let Some(start) = options.simulate_from {
        let (h, m) = match (options.backup_hour, options.backup_minute, source) {
            (None, None, TranslateSource::Plan(_)) => plan_clock(&out.plan, &out.time_zone),
            _ => (hour, minute),
        };
        out.simulation = Some(simulate(&out, start, h, m)?);
    }
    out.exact = !out.report.iter().any(|i| i.severity == Severity::Warning);
    Ok(out)
}
