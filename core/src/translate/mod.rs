//! Translation between keep-policies (restic / borg) and AWS Backup plans (issue 5).
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

use std::collections::BTreeMap;

use jiff::{Span, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::backup::{validate_backup_plan, BackupPlan, BackupRule, Lifecycle};
use crate::error::{Error, ErrorCode, Issue, Severity};
use crate::retention::{
    apply_retention, parse_borg_interval, KeepCount, ResticDuration, RetentionMode,
    RetentionPolicy, Snapshot, SnapshotTime,
};
use crate::schedule::{DstGapPolicy, Schedule};

#[cfg(test)]
mod tests;

/// Source: aws-backup.md §5.3 L2 (DeleteAfterDays 1..36,500).
pub const MAX_DELETE_AFTER_DAYS: i64 = 36_500;
/// Mean Gregorian month and year (drplan's choice for "N months/years in days").
const MONTH_DAYS: f64 = 365.25 / 12.0;
const YEAR_DAYS: f64 = 365.25;
/// Most points either side of the simulation may create (one year hourly is 8,784 per rule;
/// 10 rules × 8,784 < 100,000). Source: drplan's cap (HELPERS.md: no unbounded allocation).
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
    /// `validate_backup_plan` on `plan` (never an error for a derived plan).
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
/// Errors: a policy its mode rejects (as [`apply_retention`]), a policy with nothing
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

fn new_rule(name: &str, vault: &str, cron: String, tz: &str, days: Option<i64>) -> BackupRule {
    let mut r = BackupRule::new(name, vault);
    r.schedule_expression = Some(cron);
    r.schedule_expression_timezone = Some(tz.to_owned());
    // Source: aws-backup.md §5.2 W1 (StartWindowMinutes ≥ 60): the shortest allowed window,
    // so that an hourly rule's window does not overlap its next run.
    r.start_window_minutes = Some(60);
    // No lifecycle = kept forever (aws-backup.md §2.3, §5.3 L4).
    r.lifecycle = days.map(|d| Lifecycle {
        delete_after_days: Some(d),
        ..Lifecycle::default()
    });
    r
}

fn within_seconds(s: &str, mode: RetentionMode) -> Option<i64> {
    if mode == RetentionMode::Borg12 {
        parse_borg_interval(s).ok().map(|h| h * 3600)
    } else {
        ResticDuration::parse(s).ok().map(|d| d.rough_seconds())
    }
}

fn policy_to_aws(
    p: &RetentionPolicy,
    mode: RetentionMode,
    o: &TranslateOptions,
    hour: u8,
    minute: u8,
) -> Result<Translation, Error> {
    // The tool's own checks first (unknown flags for the mode, bad durations, empty policy).
    let (_, notes) = crate::retention::compile(p, mode)
        .map_err(|e| Error::invalid(e.issues().iter().cloned().map(as_source).collect()))?;
    let notes: Vec<Issue> = notes.into_iter().map(as_source).collect();
    let tz = o.time_zone.clone().unwrap_or_else(|| "UTC".to_owned());
    let vault = o.vault_name.clone().unwrap_or_else(|| "Default".to_owned());
    let mut report: Vec<Issue> = notes
        .into_iter()
        .filter(|i| i.severity != Severity::Info)
        .collect();
    // retention per period: Some(Some(d)) = d days, Some(None) = forever.
    let mut want: BTreeMap<Period, Option<i64>> = BTreeMap::new();
    let mut mappings: Vec<(String, Value, Period, bool, String)> = Vec::new();
    let raise = |want: &mut BTreeMap<Period, Option<i64>>, per: Period, d: Option<i64>| {
        let e = want.entry(per).or_insert(Some(0));
        *e = match (*e, d) {
            (None, _) | (_, None) => None,
            (Some(a), Some(b)) => Some(a.max(b)),
        };
    };
    let mut any_count = false;
    for per in Period::ALL {
        let Some(c) = per.count(p) else { continue };
        let path = format!("/{}", per.field());
        match c.value() {
            0 => report.push(info(
                "zero_count",
                path,
                format!("{} 0 keeps nothing; no rule", per.field()),
            )),
            n if n < 0 => {
                if mode == RetentionMode::Restic014 {
                    report.push(warn("never_fires_in_mode", path, format!("{} {n}: in restic 0.14 a negative count never fires (retention.md §3), so no AWS rule; restic ≥ 0.16 and borg read it as unlimited", per.field())));
                    continue;
                }
                any_count = true;
                raise(&mut want, per, None);
                report.push(info("unlimited", path, format!("{} {}: unlimited → a {} rule without lifecycle (kept forever, aws-backup.md §5.3 L4); the tool keeps one snapshot per {} for ever, AWS every {} point", per.field(), if n == -1 { "unlimited".to_owned() } else { n.to_string() }, per.name(), per.unit(), per.name())));
                mappings.push((
                    per.field().into(),
                    serde_json::to_value(c).unwrap_or(Value::Null),
                    per,
                    true,
                    "unlimited → no lifecycle".into(),
                ));
            }
            n => {
                any_count = true;
                let mut d = days_for(n as f64, per.days());
                let mut exact =
                    per != Period::Hourly && per != Period::Monthly && per != Period::Yearly;
                if d > MAX_DELETE_AFTER_DAYS {
                    report.push(warn("retention_capped", path.clone(), format!("{} {n} needs {d} days; AWS allows at most 36,500 (aws-backup.md §5.3 L2): capped", per.field())));
                    d = MAX_DELETE_AFTER_DAYS;
                    exact = false;
                }
                if per == Period::Hourly && n % 24 != 0 {
                    report.push(warn("rounded_up_to_days", path.clone(), format!("keep_hourly {n}: AWS lifecycles count whole days, so {d} day(s) keep {} hourly points", d * 24)));
                }
                if matches!(per, Period::Monthly | Period::Yearly) {
                    report.push(info("calendar_length", path.clone(), format!("{} {n} → {d} days = ceil({n} × {:.4}); calendar {}s vary in length, so at some instants AWS holds one point more or fewer than the tool", per.field(), per.days(), per.unit())));
                }
                raise(&mut want, per, Some(d));
                mappings.push((
                    per.field().into(),
                    Value::from(n),
                    per,
                    exact,
                    format!("ceil({n} × {}) = {d} days", fmt_days(per.days())),
                ));
            }
        }
    }
    // The finest cadence the plan has (count-based and within rules attach to it).
    let finest = if want.contains_key(&Period::Hourly)
        || p.keep_within_hourly.is_some()
        || p.keep_minutely.is_some_and(|c| c.value() != 0)
    {
        Period::Hourly
    } else {
        Period::Daily
    };
    for (field, c) in [
        ("keep_last", p.keep_last),
        ("keep_secondly", p.keep_secondly),
        ("keep_minutely", p.keep_minutely),
    ] {
        let Some(c) = c else { continue };
        let n = c.value();
        if n == 0 {
            continue;
        }
        any_count = true;
        let d = if n < 0 {
            if mode == RetentionMode::Restic014 {
                report.push(warn(
                    "never_fires_in_mode",
                    format!("/{field}"),
                    format!("{field} {n} never fires in restic 0.14"),
                ));
                continue;
            }
            None
        } else {
            Some(days_for(n as f64, finest.days()).min(MAX_DELETE_AFTER_DAYS))
        };
        raise(&mut want, finest, d);
        report.push(warn("no_aws_equivalent", format!("/{field}"), format!("{field} {n} counts snapshots; AWS lifecycles are age-based. Approximated as the {} rule keeping its points {} (assuming one backup per {}); with another backup frequency the number of points differs", finest.name(), d.map_or("forever".to_owned(), |d| format!("{d} day(s)")), finest.unit())));
        mappings.push((
            field.into(),
            serde_json::to_value(c).unwrap_or(Value::Null),
            finest,
            false,
            format!("count → {} rule retention", finest.name()),
        ));
    }
    let within_fields: [(&str, Option<&String>, Option<Period>); 6] = [
        ("keep_within", p.keep_within.as_ref(), None),
        (
            "keep_within_hourly",
            p.keep_within_hourly.as_ref(),
            Some(Period::Hourly),
        ),
        (
            "keep_within_daily",
            p.keep_within_daily.as_ref(),
            Some(Period::Daily),
        ),
        (
            "keep_within_weekly",
            p.keep_within_weekly.as_ref(),
            Some(Period::Weekly),
        ),
        (
            "keep_within_monthly",
            p.keep_within_monthly.as_ref(),
            Some(Period::Monthly),
        ),
        (
            "keep_within_yearly",
            p.keep_within_yearly.as_ref(),
            Some(Period::Yearly),
        ),
    ];
    for (field, v, per) in within_fields {
        let Some(v) = v else { continue };
        let Some(secs) = within_seconds(v, mode).filter(|s| *s > 0) else {
            continue;
        };
        any_count = true;
        let d = ((secs + 86_399) / 86_400).min(MAX_DELETE_AFTER_DAYS);
        let per = per.unwrap_or(finest);
        raise(&mut want, per, Some(d));
        let path = format!("/{field}");
        if field == "keep_within" {
            let reference = if mode == RetentionMode::Borg12 {
                "borg measures from now (the closest to AWS: deleted at creation + D days, retention.md §6)"
            } else {
                "restic measures from the newest snapshot, AWS from each point's creation: with stale backups restic keeps older points than AWS (retention.md §3, E3)"
            };
            report.push(warn("approximate_within", path, format!("keep_within {v} (≤ {secs} s) → every {} point kept {d} day(s) (rounded up to whole days); {reference}; within-kept snapshots {} other rules", per.name(), if mode == RetentionMode::Borg12 { "do not count towards (borg)" } else { "also count towards (restic)" })));
        } else {
            report.push(info("within_period", path, format!("{field} {v} → {} rule kept {d} day(s) (durations with months/years counted as 31/366 days, rounded up)", per.name())));
        }
        mappings.push((
            field.into(),
            Value::from(v.clone()),
            per,
            field != "keep_within",
            format!("ceil({secs} s / 86,400) = {d} days"),
        ));
    }
    if let Some(tags) = &p.keep_tag {
        report.push(warn("no_aws_equivalent", "/keep_tag", format!("keep_tag {tags:?}: AWS plans have no tag-based retention; tagged resources take a separate rule or plan with its own backup selection (aws-backup.md §3)")));
    }
    if any_count && mode != RetentionMode::Restic014 {
        report.push(info("oldest_fallback", "", format!("{}: a count rule that cannot fill its count keeps the oldest snapshot (retention.md §4/§5); AWS has no such fallback, so in a young repository the tool may keep one older point", mode.as_str())));
    }
    if mode == RetentionMode::Borg12 && want.len() > 1 {
        report.push(info("borg_sequential_counting", "", "borg counts rules one after the other: an archive kept by an earlier rule uses up its period but not the later rule's count, so e.g. weekly N reaches N weeks beyond the daily ones (retention.md §5, E1); AWS rules are independent age limits"));
    } else if mode.is_restic() && want.len() > 1 {
        report.push(info("shared_points", "", "restic rules are independent and one snapshot may serve several rules; AWS rules firing at the same time take one backup, kept for the longest retention (aws-backup.md §14.2), which matches"));
    }
    if mode.is_restic() {
        report.push(info("bucket_time_zone", "", format!("restic buckets by each snapshot's stored UTC offset; the plan evaluates its crons in {tz} — the same when the backup host's zone is {tz}")));
    }
    if want.is_empty() {
        let mut e = vec![Issue::error(
            "nothing_translatable",
            "",
            "the policy has no rule with an AWS Backup counterpart (only zero counts, tags or never-firing counts)",
        )
        .in_input("source")];
        e.extend(report);
        return Err(Error::invalid(e));
    }
    let rules: Vec<BackupRule> = want
        .iter()
        .map(|(per, d)| new_rule(per.name(), &vault, per.cron(hour, minute), &tz, *d))
        .collect();
    let mut plan = BackupPlan::new(
        o.plan_name
            .clone()
            .unwrap_or_else(|| "drplan-translated".to_owned()),
        rules,
    );
    plan.normalize();
    let plan_issues = validate_backup_plan(&plan, &[], &[]);
    if plan_issues.iter().any(Issue::is_error) {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "the derived plan does not validate (options such as plan_name/vault_name?)",
            plan_issues
                .into_iter()
                .filter(Issue::is_error)
                .map(|i| i.in_input("options"))
                .collect(),
        ));
    }
    let mappings = mappings
        .into_iter()
        .map(|(field, value, per, exact, formula)| RuleMapping {
            policy_field: field,
            policy_value: value,
            rule_name: per.name().to_owned(),
            schedule_expression: per.cron(hour, minute),
            delete_after_days: want.get(&per).copied().flatten(),
            exact,
            source: format!("{formula}; {SRC_FORMULA}"),
        })
        .collect();
    Ok(Translation {
        direction: TranslateDirection::PolicyToAws,
        mode,
        time_zone: tz,
        policy: p.clone(),
        plan,
        plan_issues,
        mappings,
        report,
        exact: false,
        simulation: None,
    })
}

fn fmt_days(d: f64) -> String {
    if (d - d.round()).abs() < 1e-9 {
        format!("{}", d.round() as i64)
    } else {
        format!("{d:.4}")
    }
}

/// Median interval between a rule's runs over a year from `from` (seconds).
fn median_gap(s: &Schedule, from: Timestamp) -> Option<i64> {
    let end = from.checked_add(Span::new().hours(366 * 24)).ok()?;
    let runs: Vec<i64> = s
        .runs_from(from)
        .take_while(|r| r.at < end)
        .take(20_000)
        .map(|r| r.at.as_second())
        .collect();
    let mut gaps: Vec<i64> = runs
        .windows(2)
        .filter_map(|w| Some(w.get(1)? - w.first()?))
        .collect();
    if gaps.is_empty() {
        return if runs.is_empty() {
            None
        } else {
            Some(366 * 86_400)
        };
    }
    gaps.sort_unstable();
    gaps.get(gaps.len() / 2).copied()
}

fn classify(gap: i64) -> Period {
    match gap {
        g if g < 86_400 => Period::Hourly,
        g if g < 2 * 86_400 => Period::Daily,
        g if g < 14 * 86_400 => Period::Weekly,
        g if g < 60 * 86_400 => Period::Monthly,
        _ => Period::Yearly,
    }
}

fn aws_to_policy(
    plan_in: &BackupPlan,
    mode: RetentionMode,
    o: &TranslateOptions,
) -> Result<Translation, Error> {
    let mut plan = plan_in.clone();
    plan.normalize();
    let plan_issues = validate_backup_plan(&plan, &[], &[]);
    if plan_issues.iter().any(Issue::is_error) {
        return Err(Error::invalid(
            plan_issues
                .into_iter()
                .filter(Issue::is_error)
                .map(|i| i.in_input("source"))
                .collect(),
        ));
    }
    let tz = o.time_zone.clone().unwrap_or_else(|| {
        plan.rules
            .iter()
            .find_map(|r| r.schedule_expression_timezone.clone())
            .unwrap_or_else(|| "UTC".to_owned())
    });
    let from = o
        .simulate_from
        .and_then(|t| Timestamp::from_second(t.unix).ok())
        .or_else(|| Timestamp::from_second(CADENCE_REFERENCE_UNIX).ok())
        .unwrap_or(Timestamp::UNIX_EPOCH);
    let mut report = Vec::new();
    let mut policy = RetentionPolicy::default();
    let mut mappings = Vec::new();
    let mut within_days: Option<i64> = None;
    for (i, r) in plan.rules.iter().enumerate() {
        let base = format!("/rules/{i}");
        let days = r.retention_days();
        if r.is_continuous() {
            let d = days.unwrap_or(35);
            within_days = Some(within_days.map_or(d, |w| w.max(d)));
            report.push(warn("continuous_backup", base.clone(), format!("rule {:?} is continuous (PITR, a restorable window of {d} days, aws-backup.md §8); closest: keep_within {d}d, which keeps discrete snapshots only", r.name)));
            mappings.push(RuleMapping {
                policy_field: "keep_within".into(),
                policy_value: Value::from(format!("{d}d")),
                rule_name: r.name.clone(),
                schedule_expression: r.effective_schedule().to_owned(),
                delete_after_days: Some(d),
                exact: false,
                source: "continuous retention window → keep_within".into(),
            });
            continue;
        }
        let rtz = r.schedule_expression_timezone.as_deref().unwrap_or("UTC");
        let sched =
            Schedule::parse(r.effective_schedule(), rtz, DstGapPolicy::Skip).map_err(|e| {
                Error::invalid(
                    e.issues()
                        .iter()
                        .cloned()
                        .map(|x| {
                            x.in_input("source")
                                .under(&format!("{base}/schedule_expression"))
                        })
                        .collect(),
                )
            })?;
        let Some(gap) = median_gap(&sched, from) else {
            report.push(warn(
                "never_fires",
                format!("{base}/schedule_expression"),
                format!(
                    "rule {:?} does not run in the year from {from}; ignored",
                    r.name
                ),
            ));
            continue;
        };
        let per = classify(gap);
        let period_secs = if per == Period::Hourly {
            gap as f64
        } else {
            per.days() * 86_400.0
        };
        let nominal = per.days() * 86_400.0;
        if per <= Period::Daily && (gap as f64 - nominal).abs() > 1.0 {
            report.push(warn(
                "irregular_cadence",
                format!("{base}/schedule_expression"),
                format!(
                    "rule {:?} runs every {} s (median); mapped to {} with one snapshot per run",
                    r.name,
                    gap,
                    per.field()
                ),
            ));
        }
        let count = match days {
            None => {
                if mode == RetentionMode::Restic014 {
                    let n =
                        ((MAX_DELETE_AFTER_DAYS as f64 * 86_400.0) / period_secs).floor() as i64;
                    report.push(warn("no_unlimited_in_mode", format!("{base}/lifecycle"), format!("rule {:?} keeps points forever; restic 0.14 has no unlimited count (negative counts never fire), so {} {n} (100 years)", r.name, per.field())));
                    KeepCount::N(n.max(1))
                } else {
                    report.push(info(
                        "unlimited",
                        format!("{base}/lifecycle"),
                        format!(
                            "rule {:?} keeps points forever → {} unlimited (-1)",
                            r.name,
                            per.field()
                        ),
                    ));
                    if mode == RetentionMode::Borg12 {
                        KeepCount::N(-1)
                    } else {
                        KeepCount::Unlimited
                    }
                }
            }
            Some(d) => {
                // Nearest whole number of periods: inverts the forward ceil (which adds < 1 day,
                // i.e. < 0.033 months) and reads 365 days as 12 months, not 11.99 → 11.
                let n = ((d as f64 * 86_400.0) / period_secs).round() as i64;
                if n < 1 {
                    report.push(warn("shorter_than_period", format!("{base}/lifecycle/delete_after_days"), format!("rule {:?} keeps its points {d} day(s), less than one {} period; the closest count is 1, which keeps the newest point until the next one", r.name, per.name())));
                }
                KeepCount::N(n.max(1))
            }
        };
        if let Some(prev) = per.count(&policy) {
            report.push(info(
                "merged_rules",
                base.clone(),
                format!(
                    "several rules map to {}; the larger count is kept",
                    per.field()
                ),
            ));
            let bigger = match (prev, count) {
                (KeepCount::Unlimited, _) | (_, KeepCount::Unlimited) => KeepCount::Unlimited,
                (KeepCount::N(a), KeepCount::N(b)) if a < 0 || b < 0 => KeepCount::N(-1),
                (KeepCount::N(a), KeepCount::N(b)) => KeepCount::N(a.max(b)),
            };
            per.set(&mut policy, bigger);
        } else {
            per.set(&mut policy, count);
        }
        if r.lifecycle
            .as_ref()
            .and_then(Lifecycle::cold_after_days)
            .is_some()
        {
            report.push(info(
                "cold_storage",
                format!("{base}/lifecycle/move_to_cold_after_days"),
                "keep-policies have no storage tiers; the cold transition is dropped",
            ));
        }
        if !r.copy_actions.is_empty() {
            report.push(warn("copies_not_translated", format!("{base}/copy_actions"), "copy actions keep extra points in other vaults (lifecycle from the source's creation, aws-backup.md §9); a keep-policy covers one repository: translate each destination separately"));
        }
        if !r.recovery_point_tags.is_empty() {
            report.push(info(
                "tags_not_translated",
                format!("{base}/recovery_point_tags"),
                "recovery point tags are not part of a keep-policy",
            ));
        }
        if rtz != tz && r.schedule_expression_timezone.is_some() {
            report.push(warn(
                "mixed_time_zones",
                format!("{base}/schedule_expression_timezone"),
                format!("rule zone {rtz} differs from the policy's bucket zone {tz}"),
            ));
        }
        mappings.push(RuleMapping {
            policy_field: per.field().into(),
            policy_value: serde_json::to_value(count).unwrap_or(Value::Null),
            rule_name: r.name.clone(),
            schedule_expression: r.effective_schedule().to_owned(),
            delete_after_days: days,
            exact: match per {
                Period::Hourly => days.is_none_or(|d| (d * 86_400) as f64 % period_secs == 0.0),
                Period::Daily | Period::Weekly => {
                    days.is_none_or(|d| (d * 86_400) as f64 % period_secs == 0.0)
                }
                Period::Monthly | Period::Yearly => false,
            },
            source: format!(
                "N = round(DeleteAfterDays × 86,400 / {} s); inverse of {SRC_FORMULA}",
                period_secs.round() as i64
            ),
        });
    }
    if let Some(d) = within_days {
        policy.keep_within = Some(format!("{d}d"));
    }
    if policy == RetentionPolicy::default() {
        return Err(Error::invalid(vec![Issue::error(
            "nothing_translatable",
            "/rules",
            "no rule of the plan runs or translates to a keep-policy",
        )
        .in_input("source")]));
    }
    report.push(info("count_vs_age", "", "AWS deletes by age, the tools by counting periods: after missed backups the tool reaches further back, AWS does not (retention.md §6, §7)"));
    if mode != RetentionMode::Restic014 {
        report.push(info("oldest_fallback", "", format!("{} keeps the oldest snapshot while a count is not filled (retention.md §4/§5); AWS does not", mode.as_str())));
    }
    if mode == RetentionMode::Borg12 {
        report.push(info("borg_sequential_counting", "", "borg counts rules sequentially, so coarser rules reach further back than the AWS rule they come from (retention.md §5, E1)"));
    }
    // The derived policy must be acceptable to its tool.
    crate::retention::compile(&policy, mode)
        .map_err(|e| Error::invalid(e.issues().iter().cloned().map(as_source).collect()))?;
    Ok(Translation {
        direction: TranslateDirection::AwsToPolicy,
        mode,
        time_zone: tz,
        policy,
        plan,
        plan_issues,
        mappings,
        report,
        exact: false,
        simulation: None,
    })
}

/// Local hour and minute of the plan's first scheduled run (used as the simulated snapshot clock).
fn plan_clock(plan: &BackupPlan, tz: &str) -> (u8, u8) {
    let from = Timestamp::from_second(CADENCE_REFERENCE_UNIX).unwrap_or(Timestamp::UNIX_EPOCH);
    plan.rules
        .iter()
        .filter(|r| !r.is_continuous())
        .find_map(|r| {
            let s = Schedule::parse(r.effective_schedule(), tz, DstGapPolicy::Skip).ok()?;
            let run = s.first_at_or_after(from)?;
            let dt = run.offset.to_datetime(run.at);
            Some((dt.hour() as u8, dt.minute() as u8))
        })
        .unwrap_or((5, 0))
}

fn utc_text(unix: i64) -> String {
    SnapshotTime::utc(unix)
        .map(|t| t.format())
        .unwrap_or_default()
}

fn sim_error(msg: String) -> Error {
    Error::invalid(vec![Issue::error(
        "simulation_too_large",
        "/simulate_from",
        msg,
    )
    .in_input("options")])
}

fn simulate(
    t: &Translation,
    start: SnapshotTime,
    h: u8,
    m: u8,
) -> Result<TranslationSimulation, Error> {
    let tz = crate::schedule::time_zone(&t.time_zone)?;
    let bad_start = || {
        Error::invalid(vec![Issue::error(
            "out_of_range",
            "/simulate_from",
            "the simulated year must lie within 1970–2199 (the cron's years)",
        )
        .in_input("options")])
    };
    let from = Timestamp::from_second(start.unix).map_err(|_| bad_start())?;
    let end = from
        .to_zoned(tz.clone())
        .checked_add(Span::new().years(1))
        .map_err(|_| bad_start())?
        .timestamp();
    let p = &t.policy;
    let hourly = p.keep_hourly.is_some_and(|c| c.value() != 0)
        || p.keep_within_hourly.is_some()
        || p.keep_minutely.is_some_and(|c| c.value() != 0);
    let cadence = if hourly {
        Period::Hourly
    } else {
        Period::Daily
    };
    let cron = cadence.cron(h, m);
    let sched = Schedule::parse(&cron, &t.time_zone, DstGapPolicy::Skip)?;
    let mut snaps = Vec::new();
    for r in sched.runs_from(from).take_while(|r| r.at < end) {
        if snaps.len() >= MAX_SIM_POINTS {
            return Err(sim_error(format!(
                "more than {MAX_SIM_POINTS} simulated snapshots"
            )));
        }
        let st = SnapshotTime::utc(r.at.as_second()).map_err(|_| bad_start())?;
        snaps.push(Snapshot::at(st.with_offset(r.offset.seconds())));
    }
    let now = SnapshotTime::utc(end.as_second()).map_err(|_| bad_start())?;
    let kept = apply_retention(&snaps, p, t.mode, now, Some(&t.time_zone))?;
    let mut pol: Vec<i64> = kept.kept.iter().map(|k| k.time.unix).collect();
    pol.sort_unstable();
    // AWS: one point per instant, with the longest retention (aws-backup.md §14.2).
    let mut points: BTreeMap<i64, Option<i64>> = BTreeMap::new();
    for r in t.plan.rules.iter().filter(|r| !r.is_continuous()) {
        let rtz = r.schedule_expression_timezone.as_deref().unwrap_or("UTC");
        let s = Schedule::parse(r.effective_schedule(), rtz, DstGapPolicy::Skip)?;
        let d = r.retention_days();
        for run in s.runs_from(from).take_while(|x| x.at < end) {
            if points.len() >= MAX_SIM_POINTS {
                return Err(sim_error(format!(
                    "the plan creates more than {MAX_SIM_POINTS} points in a year"
                )));
            }
            let e = points.entry(run.at.as_second()).or_insert(Some(0));
            *e = match (*e, d) {
                (None, _) | (_, None) => None,
                (Some(a), Some(b)) => Some(a.max(b)),
            };
        }
    }
    let mut groups: BTreeMap<Option<i64>, Vec<Snapshot>> = BTreeMap::new();
    for (u, d) in &points {
        let st = SnapshotTime::utc(*u).map_err(|_| bad_start())?;
        groups.entry(*d).or_default().push(Snapshot::at(st));
    }
    let mut aws: Vec<i64> = Vec::new();
    for (d, pts) in &groups {
        let lp = RetentionPolicy {
            delete_after_days: Some(d.unwrap_or(-1)),
            ..RetentionPolicy::default()
        };
        let r = apply_retention(pts, &lp, RetentionMode::AwsBackupLifecycle, now, None)?;
        aws.extend(r.kept.iter().map(|k| k.time.unix));
    }
    aws.sort_unstable();
    // Multiset difference of two sorted lists.
    let (mut i, mut j) = (0, 0);
    let (mut only_p, mut only_a, mut common) = (Vec::new(), Vec::new(), 0usize);
    while i < pol.len() || j < aws.len() {
        match (pol.get(i), aws.get(j)) {
            (Some(a), Some(b)) if a == b => {
                common += 1;
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if a < b => {
                only_p.push(*a);
                i += 1;
            }
            (Some(a), None) => {
                only_p.push(*a);
                i += 1;
            }
            (_, Some(b)) => {
                only_a.push(*b);
                j += 1;
            }
            (None, None) => break,
        }
    }
    Ok(TranslationSimulation {
        start: utc_text(from.as_second()),
        end: utc_text(end.as_second()),
        time_zone: t.time_zone.clone(),
        cadence: cadence.name().to_owned(),
        cadence_schedule: cron,
        snapshots_simulated: snaps.len(),
        aws_points_created: points.len(),
        policy_kept_count: pol.len(),
        aws_kept_count: aws.len(),
        common_count: common,
        only_in_policy_count: only_p.len(),
        only_in_aws_count: only_a.len(),
        count_difference: pol.len() as i64 - aws.len() as i64,
        only_in_policy: only_p
            .iter()
            .take(MAX_LISTED)
            .map(|u| utc_text(*u))
            .collect(),
        only_in_aws: only_a
            .iter()
            .take(MAX_LISTED)
            .map(|u| utc_text(*u))
            .collect(),
        source: SRC_SIM.to_owned(),
    })
}

/// JSON twin of [`translate_retention`]: `(source, options)`; `source` is a keep-policy for
/// `direction: policy_to_aws` and a normalized backup plan (as `parse_backup_plan` returns) for
/// `aws_to_policy`.
pub fn translate_retention_json(source: Value, options: Value) -> Result<Value, Error> {
    let options: TranslateOptions = crate::json::from_value("options", options)?;
    let source = match options.direction {
        TranslateDirection::PolicyToAws => {
            TranslateSource::Policy(crate::json::from_value("source", source)?)
        }
        TranslateDirection::AwsToPolicy => {
            TranslateSource::Plan(crate::json::from_value("source", source)?)
        }
    };
    Ok(crate::json::to_value(&translate_retention(
        &source, &options,
    )?))
}
