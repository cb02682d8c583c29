//! The simulation proper: inputs → runs → recovery points → records, inventory, RPO.

use std::collections::{BTreeMap, BTreeSet};

use jiff::{SignedDuration, Timestamp};
use serde_json::Value;

use super::*;
use crate::backup::model::{split_arn, vault_arn_parts};
use crate::backup::resource::{cold_support, supports_continuous, types_of_arn, ColdSupport};
use crate::backup::selection::{first_match, Candidate};
use crate::backup::{DocumentFormat, Lifecycle, VaultType};
use crate::error::{Error, Issue, Severity};
use crate::inventory::{self, Grid, Sampler, Span};
use crate::schedule::Schedule;
use crate::strategy::facts::{self as f, Fact};
use crate::strategy::Basis;

pub(super) const DAY: i64 = 86_400;
const WEEK: i64 = 7 * DAY;
const MONTH_CYCLE: i64 = 31 * DAY;
const YEAR_CYCLE: i64 = 366 * DAY;
/// Continuous retention assumed when a continuous rule sets none. Source: aws-backup.md §5.3 L7
/// (CDK defaults deleteAfter to 35 days; the service's behaviour is UNCONFIRMED).
const CONTINUOUS_DEFAULT_RETENTION_DAYS: i64 = 35;
/// Most notes listed.
const MAX_NOTES: usize = 200;

/// SAP HANA PITR lag: no figure in drplan's sources.
const SAP_HANA_PITR_LAG: Fact = f::fact(
    300.0,
    Basis::Unconfirmed,
    "aws-backup.md §8 (SAP HANA on Amazon EC2 supports continuous backup; no restorable lag is published, the RDS 5-min figure is used)",
    "PITR restorable to ≈ 5 min before the failure",
);

/// The PITR lag fact of a resource type (dr-strategies.md §5.2, §6).
pub(super) fn pitr_fact(resource_type: &str) -> &'static Fact {
    match resource_type {
        "RDS" => &f::RDS_PITR_LAG,
        "Aurora" => &f::AURORA_PITR_LAG,
        "S3" => &f::S3_PITR_LAG,
        _ => &SAP_HANA_PITR_LAG,
    }
}

/// Whether backups after the first are incremental. Source: pricing.md §4 (per-type flag;
/// DynamoDB backups are full copies — stated for native on-demand backups, assumed for AWS
/// Backup; every other type assumed incremental, UNCONFIRMED per type).
fn default_incremental(resource_type: &str) -> bool {
    resource_type != "DynamoDB"
}

// ---------------------------------------------------------------------------------------------
// Plan argument (normalized plan or document)

/// A plan argument after reading: the plan plus what its document said about selections and
/// vaults, and the import issues.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanArg {
    pub plan: BackupPlan,
    pub selections: Vec<BackupSelection>,
    pub vaults: Vec<BackupVault>,
    pub notes: Vec<Issue>,
}

/// Read the `plan` argument: a normalized [`BackupPlan`] object, or a document (text, or an
/// object in an AWS shape) holding one plan — or several with `plan_name` naming one.
pub fn prepare_plan_arg(v: Value, plan_name: Option<&str>) -> Result<PlanArg, Error> {
    let parsed = match &v {
        Value::String(text) => crate::backup::parse_backup_plan(text)?,
        Value::Object(map) if map.contains_key("rules") || map.contains_key("name") => {
            let mut plan: BackupPlan = crate::json::from_value("plan", v)?;
            plan.normalize();
            return Ok(PlanArg {
                plan,
                selections: Vec::new(),
                vaults: Vec::new(),
                notes: Vec::new(),
            });
        }
        Value::Object(_) => crate::backup::import::parse_value(&v, DocumentFormat::Json)?,
        other => {
            return Err(Error::invalid(vec![Issue::error(
                "invalid_type",
                "",
                format!(
                "plan must be a normalized plan object or a plan document (text or object), not {}",
                json_kind(other)
            ),
            )
            .in_input("plan")]))
        }
    };
    let names: Vec<&str> = parsed.plans.iter().map(|p| p.name.as_str()).collect();
    let idx = match (plan_name, parsed.plans.len()) {
        (_, 0) => {
            return Err(Error::invalid(vec![Issue::error(
                "no_plan",
                "",
                "the document holds no backup plan",
            )
            .in_input("plan")]))
        }
        (Some(n), _) => match names.iter().position(|x| *x == n) {
            Some(i) => i,
            None => {
                return Err(Error::invalid(vec![Issue::error(
                    "unknown_plan",
                    "/plan_name",
                    format!(
                        "the document has no plan named {n:?} (plans: {})",
                        names.join(", ")
                    ),
                )
                .in_input("options")]))
            }
        },
        (None, 1) => 0,
        (None, _) => {
            return Err(Error::invalid(vec![Issue::error(
                "ambiguous_plan",
                "",
                format!(
                    "the document holds {} plans ({}); name one with options.plan_name",
                    names.len(),
                    names.join(", ")
                ),
            )
            .in_input("plan")]))
        }
    };
    let plan = parsed
        .plans
        .get(idx)
        .cloned()
        .unwrap_or_else(|| BackupPlan::new("", vec![]));
    let selections = parsed
        .selections
        .iter()
        .filter(|s| s.plan_name.as_deref().is_none_or(|p| p == plan.name))
        .cloned()
        .collect();
    Ok(PlanArg {
        plan,
        selections,
        vaults: parsed.vaults.clone(),
        notes: parsed.issues.clone(),
    })
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

// ---------------------------------------------------------------------------------------------
// Prepared inputs

/// A lifecycle as the simulator applies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Life {
    pub cold_days: Option<i64>,
    pub delete_days: Option<i64>,
    pub opt_in_archive: bool,
}

impl Life {
    fn of(lc: Option<&Lifecycle>) -> Life {
        Life {
            // 0 is "not set" (Terraform drops zeros; the API meaning is UNCONFIRMED, L10).
            cold_days: lc.and_then(Lifecycle::cold_after_days).filter(|d| *d > 0),
            delete_days: lc.and_then(Lifecycle::retention_days),
            opt_in_archive: lc
                .and_then(|l| l.opt_in_to_archive_for_supported_resources)
                .unwrap_or(false),
        }
    }
}

#[derive(Debug, Clone)]
pub(super) struct CopyPrep {
    pub index: usize,
    pub arn: String,
    pub life: Life,
}

#[derive(Debug, Clone)]
pub(super) struct RulePrep {
    pub index: usize,
    pub name: String,
    pub expression: String,
    pub time_zone: String,
    /// Scheduled runs, seconds from the start, increasing.
    pub runs: Vec<i64>,
    pub window: i64,
    pub completion: i64,
    pub continuous: bool,
    pub life: Life,
    pub copies: Vec<CopyPrep>,
    pub cycle: i64,
    /// Day-of-month field of the cron (for coverage words).
    pub dom: String,
    /// Whether the rule sets StartWindowMinutes (else AWS's 480-minute default).
    pub window_given: bool,
}

impl RulePrep {
    /// Retention used to rank overlapping rules: longest first, indefinite longest.
    fn rank(&self) -> i64 {
        self.life.delete_days.unwrap_or(i64::MAX)
    }

    pub fn retention_seconds(&self) -> Option<i64> {
        let d = if self.continuous {
            Some(
                self.life
                    .delete_days
                    .unwrap_or(CONTINUOUS_DEFAULT_RETENTION_DAYS),
            )
        } else {
            self.life.delete_days
        };
        d.map(|d| d * DAY)
    }
}

#[derive(Debug, Clone)]
pub(super) struct ResPrep {
    pub id: String,
    pub rtype: String,
    pub region: String,
    pub account: Option<String>,
    pub size: f64,
    pub change_per_day: f64,
    pub incremental: bool,
    pub protected: bool,
    pub selected_by: Vec<String>,
}

/// A vault (group of the inventory).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct VaultKey {
    pub name: String,
    pub region: String,
    pub account: Option<String>,
}

#[derive(Debug, Clone)]
pub(super) struct Group {
    pub key: VaultKey,
    pub air_gapped: bool,
}

#[derive(Debug, Default)]
pub(super) struct Groups {
    pub list: Vec<Group>,
    index: BTreeMap<VaultKey, usize>,
}

impl Groups {
    fn get(&mut self, key: VaultKey, air_gapped: bool) -> usize {
        if let Some(i) = self.index.get(&key) {
            if let Some(g) = self.list.get_mut(*i) {
                g.air_gapped |= air_gapped;
            }
            return *i;
        }
        let i = self.list.len();
        self.index.insert(key.clone(), i);
        self.list.push(Group { key, air_gapped });
        i
    }
}

/// One simulated point (compact).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Raw {
    /// Creation (a copy: the source's).
    pub created: i64,
    /// When it exists in its vault (a copy: when it lands).
    pub appears: i64,
    pub size: f64,
    pub full: bool,
    pub cold: Option<i64>,
    pub deleted: Option<i64>,
    pub transferred: f64,
}

#[derive(Debug, Clone)]
pub(super) struct SeriesData {
    pub kind: SeriesKind,
    pub resource: usize,
    pub rule: Option<usize>,
    pub copy: Option<usize>,
    pub group: usize,
    pub source_group: Option<usize>,
    /// Its points, as regular runs in creation order.
    pub runs: Vec<Run>,
}

impl SeriesData {
    /// Points in the series.
    pub fn points(&self) -> u64 {
        self.runs.iter().map(|r| u64::from(r.count)).sum()
    }
}

/// Everything the RPO/coverage step needs.
pub(super) struct Ctx<'a> {
    pub rules: &'a [RulePrep],
    pub job: f64,
    pub job_fact: (Basis, String),
    pub copy_lag: f64,
    pub copy_fact: (Basis, String),
    pub pitr_override: Option<f64>,
    pub corruption: Option<i64>,
}

struct Notes {
    list: Vec<Issue>,
    seen: BTreeSet<(String, String, String)>,
}

impl Notes {
    fn push(&mut self, i: Issue) {
        if self.list.len() >= MAX_NOTES {
            return;
        }
        if self
            .seen
            .insert((i.code.clone(), i.path.clone(), i.message.clone()))
        {
            self.list.push(i);
        }
    }
}

/// Paths into the plan argument, or into the original document when the plan has a source map.
struct PlanPaths<'a> {
    plan: &'a BackupPlan,
}

impl PlanPaths<'_> {
    fn issue(&self, mut i: Issue) -> Issue {
        match &self.plan.source {
            Some(sm) => {
                i.path = sm.original(&i.path);
                i.in_input("document")
            }
            None => i.in_input("plan"),
        }
    }
}

fn parse_ts(s: &str, path: &str, input: &str, issues: &mut Vec<Issue>) -> Option<Timestamp> {
    match s.trim().parse::<Timestamp>() {
        Ok(t) => Some(t),
        Err(e) => {
            issues.push(
                Issue::error(
                    "invalid_timestamp",
                    path,
                    format!("{s:?} is not an RFC 3339 timestamp with an offset: {e}"),
                )
                .in_input(input)
                .with_hint("e.g. 2026-01-01T00:00:00Z"),
            );
            None
        }
    }
}

pub(super) fn rfc3339(start: Timestamp, offset: i64) -> String {
    start
        .checked_add(SignedDuration::from_secs(offset))
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// The cycle of a cron (its normalized text): the calendar unit after which its pattern repeats.
fn cron_cycle(text: &str) -> (i64, String) {
    let body = text
        .trim()
        .strip_prefix("cron(")
        .and_then(|s| s.strip_suffix(')'))
        .unwrap_or(text);
    let fields: Vec<&str> = body.split_whitespace().collect();
    let get = |i: usize| fields.get(i).copied().unwrap_or("*");
    let (dom, mon, dow, year) = (get(2), get(3), get(4), get(5));
    let wild = |s: &str| s == "*" || s == "?";
    let cycle = if !wild(year) || !wild(mon) {
        YEAR_CYCLE
    } else if !wild(dom) {
        MONTH_CYCLE
    } else if !wild(dow) {
        if dow.contains('#') || dow.contains('L') {
            MONTH_CYCLE
        } else {
            WEEK
        }
    } else {
        DAY
    };
    (cycle, dom.to_owned())
}

/// The runs of `sched` in `[start, end)` as seconds from `start` (at most
/// [`MAX_RUNS_PER_RULE`]; the flag says the cap was hit). A cron whose pattern repeats every day
/// or week (no day-of-month, month or year restriction) in a zone with a fixed UTC offset is
/// exactly periodic: its first cycle is expanded and then repeated (same result, no calendar
/// work per run). Other schedules go through the calendar iterator (DST, months).
fn expand(
    sched: &Schedule,
    expression: &str,
    cycle: i64,
    start: Timestamp,
    end: Timestamp,
) -> (Vec<i64>, bool) {
    let s0 = start.as_second();
    let horizon = end.as_second().saturating_sub(s0);
    // The cron's years end in 2199: repeat only well before that.
    let before_2200 = end.as_second() < 7_226_582_400; // 2199-01-01T00:00:00Z
    let year_wild = expression
        .trim_end_matches(')')
        .split_whitespace()
        .nth(5)
        .is_some_and(|y| y == "*");
    let fixed = sched.time_zone().to_fixed_offset().is_ok();
    if fixed
        && year_wild
        && before_2200
        && (cycle == DAY || cycle == WEEK)
        && start.subsec_nanosecond() == 0
    {
        let first_end = start
            .checked_add(SignedDuration::from_secs(cycle))
            .unwrap_or(end)
            .min(end);
        let base: Vec<i64> = sched
            .runs_from(start)
            .take_while(|r| r.at < first_end)
            .map(|r| r.at.as_second() - s0)
            .collect();
        if !base.is_empty() {
            let per = base.len() as i64;
            let total = (horizon / cycle + 1).saturating_mul(per);
            let mut runs = Vec::with_capacity(
                usize::try_from(total.min(MAX_RUNS_PER_RULE as i64)).unwrap_or(0),
            );
            let mut k = 0i64;
            'outer: loop {
                for b in &base {
                    let t = b + k * cycle;
                    if t >= horizon {
                        break 'outer;
                    }
                    if runs.len() >= MAX_RUNS_PER_RULE {
                        return (runs, true);
                    }
                    runs.push(t);
                }
                k += 1;
            }
            return (runs, false);
        }
    }
    let mut runs = Vec::new();
    for r in sched.runs_from(start) {
        if r.at >= end {
            break;
        }
        if runs.len() >= MAX_RUNS_PER_RULE {
            return (runs, true);
        }
        runs.push(r.at.as_second() - s0);
    }
    (runs, false)
}

fn check_days(
    v: Option<i64>,
    path: String,
    what: &str,
    paths: &PlanPaths<'_>,
    issues: &mut Vec<Issue>,
) {
    if let Some(d) = v {
        if d != -1 && !(0..=36_500).contains(&d) {
            issues.push(paths.issue(Issue::error(
                "out_of_range",
                path,
                format!("{what} {d} is out of range: 1‥36,500 days, or -1 to keep (aws-backup.md §5.3 L2–L4)"),
            )));
        }
    }
}

fn prepare_rules(
    plan: &BackupPlan,
    start: Timestamp,
    end: Timestamp,
    options: &SimulationOptions,
    issues: &mut Vec<Issue>,
    notes: &mut Notes,
) -> Vec<RulePrep> {
    let paths = PlanPaths { plan };
    let mut out = Vec::new();
    for (i, rule) in plan.rules.iter().enumerate() {
        let base = format!("/rules/{i}");
        let tz = rule
            .schedule_expression_timezone
            .clone()
            .unwrap_or_else(|| crate::schedule::DEFAULT_TIME_ZONE.to_owned());
        let sched = match Schedule::parse(rule.effective_schedule(), &tz, options.dst_gap) {
            Ok(s) => Some(s),
            Err(e) => {
                for mut is in e.issues.into_iter().filter(Issue::is_error) {
                    let field = if is.input.as_deref() == Some("time_zone") {
                        "schedule_expression_timezone"
                    } else {
                        "schedule_expression"
                    };
                    is.path = format!("{base}/{field}");
                    is.input = None;
                    issues.push(paths.issue(is));
                }
                None
            }
        };
        check_days(
            rule.lifecycle.as_ref().and_then(|l| l.delete_after_days),
            format!("{base}/lifecycle/delete_after_days"),
            "DeleteAfterDays",
            &paths,
            issues,
        );
        check_days(
            rule.lifecycle
                .as_ref()
                .and_then(|l| l.move_to_cold_after_days),
            format!("{base}/lifecycle/move_to_cold_after_days"),
            "MoveToColdStorageAfterDays",
            &paths,
            issues,
        );
        if rule.lifecycle.as_ref().and_then(|l| l.delete_after_days) == Some(0) {
            issues.push(paths.issue(Issue::error(
                "out_of_range",
                format!("{base}/lifecycle/delete_after_days"),
                "DeleteAfterDays 0 is out of range: 1‥36,500 days, or -1 to keep (aws-backup.md §5.3 L2)",
            )));
        }
        if rule
            .lifecycle
            .as_ref()
            .and_then(|l| l.move_to_cold_after_days)
            == Some(0)
        {
            notes.push(paths.issue(Issue::warning(
                "cold_zero_ignored",
                format!("{base}/lifecycle/move_to_cold_after_days"),
                "MoveToColdStorageAfterDays 0 is read as \"not set\" (its API meaning is UNCONFIRMED; Terraform drops zeros, aws-backup.md §5.3 L10)",
            )));
        }
        let mut copies = Vec::new();
        for (j, c) in rule.copy_actions.iter().enumerate() {
            let cb = format!("{base}/copy_actions/{j}/lifecycle");
            check_days(
                c.lifecycle.as_ref().and_then(|l| l.delete_after_days),
                format!("{cb}/delete_after_days"),
                "DeleteAfterDays",
                &paths,
                issues,
            );
            check_days(
                c.lifecycle.as_ref().and_then(|l| l.move_to_cold_after_days),
                format!("{cb}/move_to_cold_after_days"),
                "MoveToColdStorageAfterDays",
                &paths,
                issues,
            );
            if c.lifecycle.as_ref().and_then(|l| l.delete_after_days) == Some(0) {
                issues.push(paths.issue(Issue::error(
                    "out_of_range",
                    format!("{cb}/delete_after_days"),
                    "DeleteAfterDays 0 is out of range: 1‥36,500 days, or -1 to keep (aws-backup.md §5.3 L2)",
                )));
            }
            copies.push(CopyPrep {
                index: j,
                arn: c.destination_vault_arn.clone(),
                life: Life::of(c.lifecycle.as_ref()),
            });
        }
        let Some(sched) = sched else { continue };
        let expression = sched.cron().to_string();
        let (cycle, dom) = cron_cycle(&expression);
        let (runs, too_many) = expand(&sched, &expression, cycle, start, end);
        if too_many {
            issues.push(paths.issue(Issue::error(
                "too_many_runs",
                format!("{base}/schedule_expression"),
                format!("rule {} runs more than {MAX_RUNS_PER_RULE} times within the horizon", rule.name),
            ).with_hint("shorten options.horizon_days (AWS Backup snapshot schedules run at most hourly, aws-backup.md §5.4 S3)")));
        }
        let window = rule.effective_start_window_minutes().clamp(0, 52_560_000) * 60;
        let completion = rule
            .effective_completion_window_minutes()
            .clamp(0, 52_560_000)
            * 60;
        out.push(RulePrep {
            index: i,
            name: rule.name.clone(),
            expression,
            time_zone: tz,
            runs,
            window,
            completion,
            continuous: rule.is_continuous(),
            life: Life::of(rule.lifecycle.as_ref()),
            copies,
            cycle,
            dom,
            window_given: rule.start_window_minutes.is_some(),
        });
        if rule.is_continuous() && rule.retention_days().is_none() {
            notes.push(paths.issue(Issue::info(
                "continuous_retention_assumed",
                format!("{base}/lifecycle/delete_after_days"),
                format!("continuous rule {} sets no retention: drplan assumes 35 days (CDK's default; the service's behaviour is UNCONFIRMED, aws-backup.md §5.3 L7)", rule.name),
            )));
        }
    }
    out
}

fn prepare_resources(
    plan: &BackupPlan,
    resources: &[Resource],
    selections: Option<&[BackupSelection]>,
    issues: &mut Vec<Issue>,
    notes: &mut Notes,
) -> Vec<ResPrep> {
    let mut out = Vec::new();
    if resources.len() > MAX_RESOURCES {
        issues.push(
            Issue::error(
                "too_many_resources",
                "",
                format!(
                    "{} resources given; at most {MAX_RESOURCES}",
                    resources.len()
                ),
            )
            .in_input("resources"),
        );
        return out;
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut no_rate = 0usize;
    for (i, r) in resources.iter().enumerate() {
        let base = format!("/{i}");
        let err = |code: &str, field: &str, msg: String| {
            Issue::error(code, format!("{base}/{field}"), msg).in_input("resources")
        };
        let Some(id) = r.id.clone().or_else(|| r.arn.clone()) else {
            issues.push(err(
                "missing_field",
                "id",
                "a resource needs an `arn` or an `id`".to_owned(),
            ));
            continue;
        };
        if let Some(first) = seen.insert(id.clone(), i) {
            issues.push(err(
                "duplicate_resource",
                if r.id.is_some() { "id" } else { "arn" },
                format!("resource {id:?} is also resource {first}"),
            ));
            continue;
        }
        let arn_parts = r.arn.as_deref().and_then(split_arn);
        let literal = |s: &str| !s.is_empty() && !s.contains('*') && !s.contains('$');
        let rtype = match (&r.resource_type, r.arn.as_deref().map(types_of_arn)) {
            (Some(t), _) => Some(t.clone()),
            (None, Some(Ok(ts))) if ts.len() == 1 => ts.first().map(|t| (*t).to_owned()),
            _ => None,
        };
        let Some(rtype) = rtype else {
            issues.push(err(
                "missing_field",
                "resource_type",
                format!("the resource type of {id:?} cannot be read from its ARN: give resource_type (aws-backup.md §15)"),
            ));
            continue;
        };
        if !crate::backup::resource::RESOURCE_TYPES.contains(&rtype.as_str()) {
            notes.push(
                Issue::warning(
                    "unknown_resource_type",
                    format!("{base}/resource_type"),
                    format!("{rtype:?} is not an AWS Backup resource type drplan knows (aws-backup.md §15): no cold tier, no PITR assumed"),
                )
                .in_input("resources"),
            );
        }
        let region = r
            .region
            .clone()
            .or_else(|| {
                arn_parts
                    .as_ref()
                    .map(|a| a.region)
                    .filter(|s| literal(s))
                    .map(str::to_owned)
            })
            .or_else(|| plan.region.clone())
            .or_else(|| match plan.regions.as_slice() {
                [one] => Some(one.clone()),
                _ => None,
            });
        let Some(region) = region else {
            issues.push(err(
                "missing_field",
                "region",
                format!("the Region of {id:?} is unknown (not in its ARN, and the plan's Region is unknown): give region"),
            ));
            continue;
        };
        let account = r
            .account
            .clone()
            .or_else(|| {
                arn_parts
                    .as_ref()
                    .map(|a| a.account)
                    .filter(|s| literal(s))
                    .map(str::to_owned)
            })
            .or_else(|| plan.account.clone());
        let size = r.size_gib.get();
        if r.change_rate.is_none() {
            no_rate += 1;
        }
        let change_per_day = r.change_rate.map_or(0.0, |c| c.gib_per_day(size));
        let arn = r.arn.clone().unwrap_or_else(|| id.clone());
        let tags = r.tags.clone();
        // Plans are Regional: a plan protects resources of its own Region (an Organizations
        // plan, of the Regions it is deployed to).
        let in_region = match (&plan.region, plan.regions.is_empty()) {
            (Some(p), _) => *p == region,
            (None, false) => plan.regions.contains(&region),
            (None, true) => true,
        };
        let (protected, selected_by) = if !in_region {
            (
                false,
                vec![format!(
                    "the plan runs in {}, the resource is in {region}: AWS Backup plans are Regional",
                    plan.region.clone().unwrap_or_else(|| plan.regions.join(", "))
                )],
            )
        } else {
            match selections {
                None => (
                    true,
                    vec!["no selections given: every resource is assumed protected".to_owned()],
                ),
                Some([]) => (false, vec!["the plan has no selection".to_owned()]),
                Some(sels) => first_match(
                    sels,
                    &Candidate {
                        arn: &arn,
                        resource_type: &rtype,
                        tags: &tags,
                    },
                ),
            }
        };
        out.push(ResPrep {
            incremental: r.incremental.unwrap_or_else(|| default_incremental(&rtype)),
            id,
            rtype,
            region,
            account,
            size,
            change_per_day,
            protected,
            selected_by,
        });
    }
    if no_rate > 0 {
        notes.push(
            Issue::info(
                "change_rate_missing",
                "",
                format!(
                    "{no_rate} resource(s) give no change_rate: incremental points store 0 GiB"
                ),
            )
            .in_input("resources")
            .with_hint(
                "give change_rate as a fraction per day (0.02) or a size per day (\"5 GiB\")",
            ),
        );
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Rule roles and overlap merging (per profile: does the type support continuous backup?)

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// Takes snapshots on its schedule (also continuous rules falling back).
    Snapshot,
    /// Owns the resource's continuous point.
    Continuous,
    /// A continuous rule into the winner's vault with a shorter retention: nothing.
    Idle,
}

pub(super) struct Profile {
    pub roles: Vec<Role>,
    /// Kept runs of snapshot rules (empty for others).
    pub kept: Vec<Vec<i64>>,
}

fn build_profile(
    rules: &[RulePrep],
    plan: &BackupPlan,
    continuous_ok: bool,
    rtype: &str,
    overlap: OverlapMode,
    notes: &mut Notes,
) -> Profile {
    let paths = PlanPaths { plan };
    let mut roles = vec![Role::Snapshot; rules.len()];
    let cont: Vec<usize> = (0..rules.len())
        .filter(|k| rules.get(*k).is_some_and(|r| r.continuous))
        .collect();
    let vault_of = |k: usize| {
        plan.rules
            .get(rules.get(k).map_or(0, |r| r.index))
            .map(|r| {
                r.target_logically_air_gapped_vault_arn
                    .clone()
                    .unwrap_or_else(|| r.target_vault_name.clone())
            })
            .unwrap_or_default()
    };
    if continuous_ok {
        if let Some(&first) = cont.first() {
            let v0 = vault_of(first);
            let same: Vec<usize> = cont
                .iter()
                .copied()
                .filter(|k| vault_of(*k) == v0)
                .collect();
            let winner = same
                .iter()
                .copied()
                .max_by_key(|k| {
                    (
                        rules.get(*k).map_or(0, RulePrep::rank),
                        std::cmp::Reverse(*k),
                    )
                })
                .unwrap_or(first);
            for &k in &cont {
                let Some(r) = rules.get(k) else { continue };
                if k == winner {
                    if let Some(x) = roles.get_mut(k) {
                        *x = Role::Continuous;
                    }
                } else if vault_of(k) == v0 {
                    if let Some(x) = roles.get_mut(k) {
                        *x = Role::Idle;
                    }
                    notes.push(paths.issue(Issue::info(
                        "continuous_shorter_retention",
                        format!("/rules/{}", r.index),
                        format!("continuous rule {} targets the same vault as a continuous rule with a longer retention: the longest retention wins, this rule adds nothing for {rtype} (aws-backup.md §8)", r.name),
                    )));
                } else {
                    notes.push(paths.issue(Issue::info(
                        "continuous_other_vault",
                        format!("/rules/{}", r.index),
                        format!("continuous rule {} targets another vault than the first continuous rule: the first rule processed gets the continuous backup, this one takes snapshots on its schedule (aws-backup.md §8)", r.name),
                    )));
                }
            }
        }
    } else {
        for &k in &cont {
            if let Some(r) = rules.get(k) {
                notes.push(paths.issue(Issue::info(
                    "continuous_fallback",
                    format!("/rules/{}/enable_continuous_backup", r.index),
                    format!("{rtype} has no continuous backup (S3, RDS, Aurora, SAP HANA on Amazon EC2 do): rule {} takes snapshots on its schedule instead (aws-backup.md §8 fallback)", r.name),
                )));
            }
        }
    }
    // Overlap merging among snapshot rules, longest retention first (aws-backup.md §14.2).
    let mut order: Vec<usize> = (0..rules.len())
        .filter(|k| roles.get(*k) == Some(&Role::Snapshot))
        .collect();
    order.sort_by_key(|k| {
        (
            std::cmp::Reverse(rules.get(*k).map_or(0, RulePrep::rank)),
            *k,
        )
    });
    let mut kept: Vec<Vec<i64>> = vec![Vec::new(); rules.len()];
    let mut occupied: Vec<(i64, i64)> = Vec::new();
    let mut winners: Vec<&str> = Vec::new();
    for &k in &order {
        let Some(r) = rules.get(k) else { continue };
        let w = match overlap {
            OverlapMode::StartWindow => r.window.max(1),
            OverlapMode::SameInstant | OverlapMode::None => 1,
        };
        let mine: Vec<i64> = if overlap == OverlapMode::None {
            r.runs.clone()
        } else {
            let mut j = 0usize;
            let mut v = Vec::with_capacity(r.runs.len());
            for &t in &r.runs {
                while occupied.get(j).is_some_and(|iv| iv.1 <= t) {
                    j += 1;
                }
                let hit = occupied.get(j).is_some_and(|iv| iv.0 < t + w);
                if !hit {
                    v.push(t);
                }
            }
            v
        };
        let dropped = r.runs.len() - mine.len();
        if dropped > 0 {
            notes.push(paths.issue(Issue::info(
                "overlapping_runs_merged",
                format!("/rules/{}/schedule_expression", r.index),
                format!(
                    "{rtype}: {dropped} of {} runs of rule {} overlap runs of {} (longer retention): AWS Backup takes one backup, for the longer retention (aws-backup.md §14.2; overlap = {})",
                    r.runs.len(),
                    r.name,
                    winners.join(", "),
                    match overlap {
                        OverlapMode::StartWindow => "intersecting start windows",
                        OverlapMode::SameInstant => "same scheduled instant",
                        OverlapMode::None => "none",
                    }
                ),
            )));
        }
        // The lowest-ranked rule's runs never block another rule's.
        if overlap != OverlapMode::None && order.last() != Some(&k) {
            let add: Vec<(i64, i64)> = mine.iter().map(|t| (*t, t + w)).collect();
            occupied = merge_intervals(&occupied, &add);
        }
        winners.push(&r.name);
        if let Some(x) = kept.get_mut(k) {
            *x = mine;
        }
    }
    Profile { roles, kept }
}

/// Union of two sorted interval lists, coalesced.
fn merge_intervals(a: &[(i64, i64)], b: &[(i64, i64)]) -> Vec<(i64, i64)> {
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    loop {
        let next = match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x.0 <= y.0 => {
                i += 1;
                *x
            }
            (Some(_), Some(y)) => {
                j += 1;
                *y
            }
            (Some(x), None) => {
                i += 1;
                *x
            }
            (None, Some(y)) => {
                j += 1;
                *y
            }
            (None, None) => break,
        };
        match out.last_mut() {
            Some(last) if next.0 <= last.1 => last.1 = last.1.max(next.1),
            _ => out.push(next),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Chains

/// A point before sizing.
#[derive(Debug, Clone, Copy)]
struct Event {
    created: i64,
    appears: i64,
    cold: Option<i64>,
    deleted: Option<i64>,
    series: usize,
    /// A copy (its first point in a chain may transfer only an increment).
    copy: bool,
}

/// The points one series contributes to a chain: scheduled run times (sorted) plus a delay, and
/// offsets from creation that are the same for every point of the series.
#[derive(Debug, Clone, Copy)]
struct EvList<'a> {
    times: &'a [i64],
    delay: i64,
    appears: i64,
    cold: Option<i64>,
    deleted: Option<i64>,
    series: usize,
    copy: bool,
}

impl EvList<'_> {
    fn created(&self, k: usize) -> Option<i64> {
        self.times.get(k).map(|t| t + self.delay)
    }

    fn get(&self, k: usize) -> Option<Event> {
        let created = self.created(k)?;
        Some(Event {
            created,
            appears: created + self.appears,
            cold: self.cold.map(|c| created + c),
            deleted: self.deleted.map(|d| created + d),
            series: self.series,
            copy: self.copy,
        })
    }
}

/// Copy times of a resource into one Region: the latest copy strictly before `t`.
fn latest_before(seeds: &[(&[i64], i64)], t: i64) -> Option<i64> {
    seeds
        .iter()
        .filter_map(|(times, delay)| {
            let k = times.partition_point(|x| x + delay < t);
            k.checked_sub(1)
                .and_then(|i| times.get(i))
                .map(|x| x + delay)
        })
        .max()
}

/// Whether a lifecycle's cold transition applies to a type (aws-backup.md §14.3, L6).
fn tiers(rtype: &str, life: &Life) -> bool {
    match cold_support(rtype) {
        ColdSupport::Yes => true,
        // EBS: only the EBS Snapshots Archive tier (aws.eu), assumed switched on by
        // OptInToArchiveForSupportedResources (UNCONFIRMED, aws-backup.md §2.4).
        ColdSupport::Conflict => life.opt_in_archive,
        ColdSupport::No | ColdSupport::Unknown => false,
    }
}

/// A lifecycle resolved for one resource type: offsets from creation (seconds).
#[derive(Debug, Clone, Copy)]
struct Offsets {
    cold: Option<i64>,
    delete: Option<i64>,
}

impl Offsets {
    fn of(life: &Life, rtype: &str) -> Offsets {
        let delete = life.delete_days.map(|d| d * DAY);
        let cold = life
            .cold_days
            .filter(|_| tiers(rtype, life))
            .map(|c| c * DAY)
            .filter(|c| delete.is_none_or(|d| *c < d));
        Offsets { cold, delete }
    }
}

/// A regular series of identical points: `first`, then `count − 1` more every `every` seconds
/// (all times shifted, everything else equal). The `repeat` of the cost records.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Run {
    pub first: Raw,
    pub count: u32,
    pub every: i64,
}

impl Run {
    /// Point `j` of the run.
    pub fn at(&self, j: u32) -> Raw {
        let d = i64::from(j) * self.every;
        let sh = |x: Option<i64>| x.map(|v| v + d);
        Raw {
            created: self.first.created + d,
            appears: self.first.appears + d,
            cold: sh(self.first.cold),
            deleted: sh(self.first.deleted),
            ..self.first
        }
    }

    pub fn last(&self) -> Raw {
        self.at(self.count.saturating_sub(1))
    }
}

/// Append a point to a series, extending its last run when the point repeats it.
pub(super) fn push_point(runs: &mut Vec<Run>, raw: Raw, compress: bool) {
    if compress {
        if let Some(last) = runs.last_mut() {
            if same_shape(&last.first, &raw) {
                let step =
                    raw.created - (last.first.created + i64::from(last.count - 1) * last.every);
                if last.count == 1 && step > 0 {
                    last.every = step;
                    last.count = 2;
                    return;
                }
                if last.count >= 2 && step == last.every && last.count < u32::MAX {
                    last.count += 1;
                    return;
                }
            }
        }
    }
    runs.push(Run {
        first: raw,
        count: 1,
        every: 0,
    });
}

/// The open segment of a chain: the points since its last full one while the chain stayed
/// alive.
struct Seg {
    full_size: f64,
    /// Deletion of the full point.
    d0: Option<i64>,
    /// Latest deletion in the segment; `None` = something is kept forever.
    end: Option<i64>,
    /// Increment of the oldest point that outlives the full one.
    survivor: Option<f64>,
    /// The longest-lived point: (life, its cold transition).
    longest: (i64, Option<i64>),
}

impl Seg {
    /// The chain base this segment leaves, if any (see the module doc).
    fn base(&self, incremental: bool) -> Option<Raw> {
        let d0 = self.d0?;
        if !incremental || self.end.is_some_and(|e| e <= d0) {
            return None;
        }
        let size = self.full_size - self.survivor?;
        if size <= 0.0 {
            return None;
        }
        // Tier of the carried data: that of the chain's oldest point, approximated by the
        // longest-lived point of the segment (UNCONFIRMED service internals, pricing.md §4).
        let cold = self
            .longest
            .1
            .map(|c| c.max(d0))
            .filter(|c| self.end.is_none_or(|e| *c < e));
        Some(Raw {
            created: d0,
            appears: d0,
            size,
            full: true,
            cold,
            deleted: self.end,
            transferred: 0.0,
        })
    }
}

/// Size a chain's points (the events of each contributing rule or copy action, each list
/// sorted by `created`, merged here) into their series, and collect the chain's bases.
fn run_chain(
    lists: &[EvList<'_>],
    res: &ResPrep,
    region_seed: &[(&[i64], i64)],
    series: &mut [SeriesData],
    bases: &mut Vec<Raw>,
    compress: bool,
) {
    let f = res.size;
    let mut pos = vec![0usize; lists.len()];
    let mut seg: Option<Seg> = None;
    let mut prev: Option<i64> = None;
    // Events are taken from the list with the earliest head (ties: the list given first) for
    // as long as they come before every other list's head.
    let mut cur: Option<(usize, Option<(i64, usize)>)> = None;
    loop {
        let (i, bound) = match cur {
            Some((i, bound)) => (i, bound),
            None => {
                let mut pick: Option<(usize, i64)> = None;
                let mut bound: Option<(i64, usize)> = None;
                for (k, l) in lists.iter().enumerate() {
                    let Some(ec) = pos.get(k).and_then(|p| l.created(*p)) else {
                        continue;
                    };
                    match pick {
                        Some((_, c)) if ec >= c => {
                            if bound.is_none_or(|(b, _)| ec < b) {
                                bound = Some((ec, k));
                            }
                        }
                        _ => {
                            if let Some((pk, pc)) = pick {
                                if bound.is_none_or(|(b, _)| pc < b) {
                                    bound = Some((pc, pk));
                                }
                            }
                            pick = Some((k, ec));
                        }
                    }
                }
                match pick {
                    Some((k, _)) => (k, bound),
                    None => break,
                }
            }
        };
        let Some(p) = pos.get_mut(i) else { break };
        let Some(ev) = lists.get(i).and_then(|l| l.get(*p)) else {
            cur = None;
            continue;
        };
        if bound.is_some_and(|(b, bi)| ev.created > b || (ev.created == b && i > bi)) {
            cur = None;
            continue;
        }
        *p += 1;
        cur = Some((i, bound));
        let alive = seg
            .as_ref()
            .is_some_and(|s| s.end.is_none_or(|d| d > ev.created));
        if !alive {
            if let Some(b) = seg.take().and_then(|s| s.base(res.incremental)) {
                bases.push(b);
            }
        }
        let first = !alive;
        let (size, full) = if first || !res.incremental {
            (f, true)
        } else {
            let gap = (ev.created - prev.unwrap_or(ev.created)).max(0) as f64 / DAY as f64;
            ((res.change_per_day * gap).min(f), false)
        };
        let transferred = if !ev.copy {
            0.0
        } else if first && res.incremental {
            // A chain's first copy is a full transfer unless the Region already holds a copy of
            // the resource (aws-backup.md §9): then only the change since the latest one.
            match latest_before(region_seed, ev.created) {
                Some(t) => {
                    let gap = (ev.created - t).max(0) as f64 / DAY as f64;
                    (res.change_per_day * gap).min(f)
                }
                None => f,
            }
        } else {
            size
        };
        let life = ev.deleted.map_or(i64::MAX, |d| d - ev.created);
        match seg.as_mut() {
            None => {
                seg = Some(Seg {
                    full_size: size,
                    d0: ev.deleted,
                    end: ev.deleted,
                    survivor: None,
                    longest: (life, ev.cold),
                })
            }
            Some(s) => {
                if s.survivor.is_none()
                    && s.d0
                        .is_some_and(|d0| ev.created < d0 && ev.deleted.is_none_or(|d| d > d0))
                {
                    s.survivor = Some(size);
                }
                s.end = match (s.end, ev.deleted) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
                if life > s.longest.0 {
                    s.longest = (life, ev.cold);
                }
            }
        }
        let raw = Raw {
            created: ev.created,
            appears: ev.appears,
            size,
            full,
            cold: ev.cold,
            deleted: ev.deleted,
            transferred,
        };
        if let Some(sd) = series.get_mut(ev.series) {
            push_point(&mut sd.runs, raw, compress);
        }
        prev = Some(ev.created);
        if !compress {
            continue;
        }
        // Bulk: the next events of this list, equally spaced and before every other list's
        // head, are all alive-chain increments of the same size (when each point outlives the
        // spacing), so they extend the series' run in one step.
        let Some(l) = lists.get(i) else { continue };
        let start = pos.get(i).copied().unwrap_or(0);
        let Some(next) = l.created(start) else {
            continue;
        };
        let d = next - ev.created;
        let lifetime = ev.deleted.map(|x| x - ev.created);
        if d <= 0 || lifetime.is_some_and(|lt| lt <= d) {
            continue;
        }
        let mut m = 0usize;
        let mut t = ev.created;
        while let Some(ec) = l.created(start + m) {
            if ec - t != d || bound.is_some_and(|(b, bi)| ec > b || (ec == b && i > bi)) {
                break;
            }
            t = ec;
            m += 1;
        }
        if m == 0 {
            continue;
        }
        let (bsize, bfull) = if res.incremental {
            ((res.change_per_day * (d as f64 / DAY as f64)).min(f), false)
        } else {
            (f, true)
        };
        let b1 = Raw {
            created: ev.created + d,
            appears: ev.appears + d,
            size: bsize,
            full: bfull,
            cold: ev.cold.map(|c| c + d),
            deleted: ev.deleted.map(|x| x + d),
            transferred: if ev.copy { bsize } else { 0.0 },
        };
        let mi = i64::try_from(m).unwrap_or(i64::MAX);
        if let Some(s) = seg.as_mut() {
            if s.survivor.is_none() {
                if let Some(d0) = s.d0 {
                    // The first bulk point j (1..=m) with c_j < d0 < c_j + lifetime.
                    let j = match lifetime {
                        Some(lt) => ((d0 - lt - ev.created).div_euclid(d) + 1).max(1),
                        None => 1,
                    };
                    if j <= mi && ev.created + j * d < d0 {
                        s.survivor = Some(bsize);
                    }
                }
            }
            s.end = match (s.end, ev.deleted) {
                (Some(a), Some(x)) => Some(a.max(x + mi * d)),
                _ => None,
            };
        }
        if let Some(sd) = series.get_mut(ev.series) {
            push_point(&mut sd.runs, b1, true);
            if m > 1 {
                let extra = u32::try_from(m - 1).unwrap_or(u32::MAX);
                match sd.runs.last_mut() {
                    Some(last) if last.count == 1 => {
                        last.every = d;
                        last.count = last.count.saturating_add(extra);
                    }
                    Some(last) if last.every == d => last.count = last.count.saturating_add(extra),
                    _ => {
                        let b2 = Run {
                            first: b1,
                            count: 1,
                            every: 0,
                        }
                        .at(0);
                        let b2 = Raw {
                            created: b2.created + d,
                            appears: b2.appears + d,
                            cold: b2.cold.map(|c| c + d),
                            deleted: b2.deleted.map(|x| x + d),
                            ..b2
                        };
                        sd.runs.push(Run {
                            first: b2,
                            count: extra,
                            every: if extra > 1 { d } else { 0 },
                        });
                    }
                }
            }
        }
        if let Some(p) = pos.get_mut(i) {
            *p += m;
        }
        prev = Some(ev.created + mi * d);
    }
    if let Some(b) = seg.and_then(|s| s.base(res.incremental)) {
        bases.push(b);
    }
}

// ---------------------------------------------------------------------------------------------
// The simulation

pub(super) fn simulate(
    plan_in: &BackupPlan,
    resources: &[Resource],
    options: &SimulationOptions,
    extra_plan_issues: &[Issue],
) -> Result<Simulation, Error> {
    simulate_with(plan_in, resources, options, extra_plan_issues, true)
}

/// `compress = false` keeps every point as its own run (tests compare both paths).
pub(super) fn simulate_with(
    plan_in: &BackupPlan,
    resources: &[Resource],
    options: &SimulationOptions,
    extra_plan_issues: &[Issue],
    compress: bool,
) -> Result<Simulation, Error> {
    let mut issues: Vec<Issue> = Vec::new();
    let mut notes = Notes {
        list: Vec::new(),
        seen: BTreeSet::new(),
    };
    // ---- options
    let oi =
        |code: &str, path: &str, msg: String| Issue::error(code, path, msg).in_input("options");
    let start = parse_ts(&options.start, "/start", "options", &mut issues);
    let horizon_days = options.horizon_days.unwrap_or(DEFAULT_HORIZON_DAYS);
    if !(horizon_days.is_finite() && horizon_days > 0.0 && horizon_days <= MAX_HORIZON_DAYS) {
        issues.push(oi(
            "out_of_range",
            "/horizon_days",
            format!("horizon_days {horizon_days} is out of range: more than 0, at most 36,500"),
        ));
    }
    let horizon = (horizon_days.clamp(0.0, MAX_HORIZON_DAYS) * DAY as f64).round() as i64;
    let step_f = options
        .sample_every
        .map_or(DEFAULT_SAMPLE_EVERY_SECONDS, Seconds::get);
    let step = step_f.round() as i64;
    let grid = if step_f < MIN_SAMPLE_EVERY_SECONDS {
        issues.push(oi(
            "out_of_range",
            "/sample_every",
            format!("sample_every {step_f} s is below the minimum of 60 s"),
        ));
        None
    } else {
        let g = Grid::covering(horizon, step.max(1));
        if g.is_none() {
            issues.push(
                oi(
                    "out_of_range",
                    "/sample_every",
                    format!(
                        "sampling every {} over {horizon_days} days takes more than {} samples",
                        crate::units::human_duration(step_f),
                        inventory::MAX_SAMPLES
                    ),
                )
                .with_hint("sample less often or shorten horizon_days"),
            );
        }
        g
    };
    let max_points = options.max_points.unwrap_or(MAX_POINTS);
    if max_points == 0 || max_points > MAX_POINTS {
        issues.push(oi(
            "out_of_range",
            "/max_points",
            format!("max_points {max_points} is out of range 1‥{MAX_POINTS}"),
        ));
    }
    let corruption = options
        .corruption_at
        .as_deref()
        .and_then(|s| parse_ts(s, "/corruption_at", "options", &mut issues));

    // ---- plan
    let mut plan = plan_in.clone();
    plan.normalize();
    let selections = options.selections.clone();
    let vaults = options.vaults.clone().unwrap_or_default();
    let mut plan_issues: Vec<Issue> = extra_plan_issues.to_vec();
    plan_issues.extend(crate::backup::validate_backup_plan(
        &plan,
        &vaults,
        selections.as_deref().unwrap_or(&[]),
    ));
    let start_ts = start.unwrap_or(Timestamp::UNIX_EPOCH);
    let end_ts = start_ts
        .checked_add(SignedDuration::from_secs(horizon))
        .unwrap_or(Timestamp::MAX);
    let rules = if issues.is_empty() {
        prepare_rules(&plan, start_ts, end_ts, options, &mut issues, &mut notes)
    } else {
        // Still report the plan's own problems alongside the options'.
        prepare_rules(
            &plan,
            Timestamp::UNIX_EPOCH,
            Timestamp::UNIX_EPOCH,
            options,
            &mut issues,
            &mut notes,
        )
    };
    let res = prepare_resources(
        &plan,
        resources,
        selections.as_deref(),
        &mut issues,
        &mut notes,
    );
    if issues.iter().any(Issue::is_error) {
        return Err(Error::invalid(issues));
    }
    let (Some(start), Some(grid)) = (start, grid) else {
        return Err(Error::invalid(issues));
    };
    // ---- bound the work before doing it
    let per_resource: u64 = rules
        .iter()
        .map(|r| (r.runs.len() as u64).saturating_mul(1 + r.copies.len() as u64) + 1)
        .sum();
    let protected_n = res.iter().filter(|r| r.protected).count() as u64;
    let estimate = per_resource.saturating_mul(protected_n);
    if estimate > max_points {
        return Err(Error::invalid(vec![Issue::error(
            "too_many_points",
            "/horizon_days",
            format!("the plan would create up to {estimate} recovery points over {horizon_days} days for {protected_n} resource(s); the cap is {max_points}"),
        )
        .in_input("options")
        .with_hint("shorten horizon_days, simulate fewer resources, or raise max_points (≤ 5,000,000)")]));
    }

    // ---- assumptions
    let (job, job_fact) = resolved(
        options.job_duration_seconds,
        &f::JOB_DURATION,
        "options.job_duration_seconds",
    );
    let (copy_lag, copy_fact) = resolved(
        options.copy_lag_seconds,
        &f::COPY_DURATION,
        "options.copy_lag_seconds",
    );
    let job_s = job.round() as i64;
    let lag_s = copy_lag.round() as i64;
    for r in &rules {
        if r.completion > 0 && job_s > r.completion {
            notes.push(PlanPaths { plan: &plan }.issue(Issue::warning(
                "job_exceeds_completion_window",
                format!("/rules/{}/completion_window_minutes", r.index),
                format!("the assumed job duration ({}) exceeds rule {}'s completion window ({}): such jobs would be stopped (aws-backup.md §5.2)", crate::units::human_duration(job), r.name, crate::units::human_duration(r.completion as f64)),
            )));
        }
    }

    // ---- generate
    let mut groups = Groups::default();
    let lag_vaults: Vec<&BackupVault> = vaults
        .iter()
        .filter(|v| v.vault_type == VaultType::LogicallyAirGappedBackupVault)
        .collect();
    let is_lag = |name: &str, arn: Option<&str>, region: &str| {
        lag_vaults.iter().any(|v| {
            (arn.is_some() && v.arn.as_deref() == arn)
                || (v.name == name && v.region.as_deref().is_none_or(|r| r == region))
        })
    };
    let ctx = Ctx {
        rules: &rules,
        job,
        job_fact,
        copy_lag,
        copy_fact,
        pitr_override: options.pitr_lag_seconds.map(Seconds::get),
        corruption: corruption.map(|c| c.as_second() - start.as_second()),
    };
    let mut resources_out: Vec<ResourceReport> = Vec::with_capacity(res.len());
    let mut profiles: BTreeMap<(bool, String), Profile> = BTreeMap::new();
    let mut series: Vec<SeriesData> = Vec::new();
    let mut bases_by_series: Vec<SeriesData> = Vec::new();
    let paths = PlanPaths { plan: &plan };
    let mut warned_copy: BTreeSet<(usize, usize)> = BTreeSet::new();

    for (ri, r) in res.iter().enumerate() {
        if !r.protected {
            resources_out.push(super::rpo::report(r, &[], &groups, &ctx));
            continue;
        }
        let first_series = series.len();
        let cont_ok = supports_continuous(&r.rtype);
        let key = (
            cont_ok,
            if cont_ok {
                String::new()
            } else {
                r.rtype.clone()
            },
        );
        if !profiles.contains_key(&key) {
            let p = build_profile(
                &rules,
                &plan,
                cont_ok,
                &r.rtype,
                options.overlap,
                &mut notes,
            );
            profiles.insert(key.clone(), p);
        }
        let Some(profile) = profiles.get(&key) else {
            continue;
        };
        // Cold-tier notes (once per rule and type).
        for rule in &rules {
            let mut lives = vec![(
                format!("/rules/{}/lifecycle/move_to_cold_after_days", rule.index),
                rule.life,
            )];
            lives.extend(rule.copies.iter().map(|c| {
                (
                    format!(
                        "/rules/{}/copy_actions/{}/lifecycle/move_to_cold_after_days",
                        rule.index, c.index
                    ),
                    c.life,
                )
            }));
            for (path, life) in lives {
                if life.cold_days.is_some() && !tiers(&r.rtype, &life) {
                    let why = match cold_support(&r.rtype) {
                        ColdSupport::Conflict => "EBS moves to cold only as the EBS Snapshots Archive tier (aws.eu), which drplan assumes needs OptInToArchiveForSupportedResources (UNCONFIRMED, aws-backup.md §2.4, §14.3)",
                        _ => "the type does not support cold storage: the transition is ignored and points stay warm (aws-backup.md §14.3, L6)",
                    };
                    notes.push(paths.issue(Issue::info(
                        "cold_ignored",
                        path,
                        format!("{}: {why}", r.rtype),
                    )));
                }
            }
        }
        let delay = |rule: &RulePrep| match options.start_timing {
            StartTiming::Scheduled => 0,
            StartTiming::WindowEnd => rule.window,
        };
        let own_vault = |rule: &RulePrep, groups: &mut Groups| -> usize {
            let pr = plan.rules.get(rule.index);
            match pr.and_then(|x| x.target_logically_air_gapped_vault_arn.as_deref()) {
                Some(arn) => {
                    let (reg, acc, name) = vault_arn_parts(arn);
                    groups.get(
                        VaultKey {
                            name: name.unwrap_or_else(|| arn.to_owned()),
                            region: reg.unwrap_or_else(|| r.region.clone()),
                            account: acc.or_else(|| r.account.clone()),
                        },
                        true,
                    )
                }
                None => {
                    let name = pr.map(|x| x.target_vault_name.clone()).unwrap_or_default();
                    let lag = is_lag(&name, None, &r.region);
                    groups.get(
                        VaultKey {
                            name,
                            region: r.region.clone(),
                            account: r.account.clone(),
                        },
                        lag,
                    )
                }
            }
        };
        // Local chains: vault group → events.
        // Each chain (vault group) gets one sorted event list per contributing series.
        let mut local: BTreeMap<usize, Vec<EvList<'_>>> = BTreeMap::new();
        let mut copy_chains: BTreeMap<usize, Vec<EvList<'_>>> = BTreeMap::new();
        let mut copy_region_times: BTreeMap<String, Vec<(&[i64], i64)>> = BTreeMap::new();
        let mut copy_group_region: BTreeMap<usize, String> = BTreeMap::new();
        for (k, rule) in rules.iter().enumerate() {
            let role = profile.roles.get(k).copied().unwrap_or(Role::Snapshot);
            let g = own_vault(rule, &mut groups);
            if plan
                .rules
                .get(rule.index)
                .is_some_and(|x| x.target_logically_air_gapped_vault_arn.is_some())
            {
                notes.push(paths.issue(Issue::info(
                    "air_gapped_target",
                    format!("/rules/{}/target_logically_air_gapped_vault_arn", rule.index),
                    format!("rule {} backs up straight into a logically air-gapped vault; for types that are not fully managed the service first makes a temporary, billable snapshot in the regular vault, which drplan does not model (aws-backup.md §10.2)", rule.name),
                )));
            }
            // Source runs for copies: kept runs of a snapshot rule, every run of the
            // continuous rule (its copies are snapshots taken on schedule, aws-backup.md §8).
            let (copy_runs, source_life): (&[i64], Life) = match role {
                Role::Snapshot => (profile.kept.get(k).map_or(&[][..], |v| &v[..]), rule.life),
                Role::Continuous => (
                    &rule.runs[..],
                    Life {
                        cold_days: None,
                        delete_days: Some(
                            rule.life
                                .delete_days
                                .unwrap_or(CONTINUOUS_DEFAULT_RETENTION_DAYS),
                        ),
                        opt_in_archive: false,
                    },
                ),
                Role::Idle => (&[][..], rule.life),
            };
            match role {
                Role::Snapshot => {
                    let sid = series.len();
                    series.push(SeriesData {
                        kind: SeriesKind::Backup,
                        resource: ri,
                        rule: Some(k),
                        copy: None,
                        group: g,
                        source_group: None,
                        runs: Vec::new(),
                    });
                    let off = Offsets::of(&rule.life, &r.rtype);
                    local.entry(g).or_default().push(EvList {
                        times: copy_runs,
                        delay: delay(rule),
                        appears: 0,
                        cold: off.cold,
                        deleted: off.delete,
                        series: sid,
                        copy: false,
                    });
                }
                Role::Continuous => {
                    if let Some(&t0) = rule.runs.first() {
                        let created = t0 + delay(rule);
                        let days = rule
                            .life
                            .delete_days
                            .unwrap_or(CONTINUOUS_DEFAULT_RETENTION_DAYS);
                        series.push(SeriesData {
                            kind: SeriesKind::Continuous,
                            resource: ri,
                            rule: Some(k),
                            copy: None,
                            group: g,
                            source_group: None,
                            runs: vec![Run {
                                first: Raw {
                                    created,
                                    appears: created,
                                    size: r.size + r.change_per_day * days as f64,
                                    full: true,
                                    cold: None,
                                    deleted: None,
                                    transferred: 0.0,
                                },
                                count: 1,
                                every: 0,
                            }],
                        });
                    }
                }
                Role::Idle => {}
            }
            for c in &rule.copies {
                let parts = split_arn(&c.arn);
                let (reg, acc, name) = vault_arn_parts(&c.arn);
                let own_region = parts.as_ref().is_some_and(|a| a.region == "${AWS::Region}");
                let own_account = parts
                    .as_ref()
                    .is_some_and(|a| a.account == "${AWS::AccountId}" || a.account == "$account");
                let region = reg.or_else(|| own_region.then(|| r.region.clone()));
                let Some(region) = region else {
                    if warned_copy.insert((k, c.index)) {
                        notes.push(paths.issue(Issue::warning(
                            "copy_destination_unknown",
                            format!("/rules/{}/copy_actions/{}/destination_vault_arn", rule.index, c.index),
                            format!("the Region of copy destination {:?} cannot be read: the copy is not simulated", c.arn),
                        )));
                    }
                    continue;
                };
                let account = acc.or_else(|| if own_account { r.account.clone() } else { None });
                let vname = name.unwrap_or_else(|| c.arn.clone());
                let lag = is_lag(&vname, Some(&c.arn), &region);
                let cg = groups.get(
                    VaultKey {
                        name: vname,
                        region: region.clone(),
                        account,
                    },
                    lag,
                );
                copy_group_region.insert(cg, region.clone());
                let sid = series.len();
                series.push(SeriesData {
                    kind: SeriesKind::Copy,
                    resource: ri,
                    rule: Some(k),
                    copy: Some(c.index),
                    group: cg,
                    source_group: Some(g),
                    runs: Vec::new(),
                });
                let src_off = Offsets::of(&source_life, &r.rtype);
                let copy_off = Offsets::of(&c.life, &r.rtype);
                let lag_total = job_s + lag_s;
                // Every copy of the series lands J + C after its source; a source already cold
                // or deleted by then cannot be copied (aws-backup.md §9, S10).
                let fails = src_off.cold.is_some_and(|x| x <= lag_total)
                    || src_off.delete.is_some_and(|x| x <= lag_total);
                let failed_cold = if fails { copy_runs.len() as u64 } else { 0 };
                if !fails {
                    // A copy with no retention inherits the source's expiry (aws-backup.md §9).
                    let deleted = if c.life.delete_days.is_none() {
                        src_off.delete
                    } else {
                        copy_off.delete
                    };
                    let cold = copy_off.cold.filter(|x| deleted.is_none_or(|d| *x < d));
                    copy_chains.entry(cg).or_default().push(EvList {
                        times: copy_runs,
                        delay: delay(rule),
                        appears: lag_total,
                        cold,
                        deleted,
                        series: sid,
                        copy: true,
                    });
                    copy_region_times
                        .entry(region)
                        .or_default()
                        .push((copy_runs, delay(rule)));
                }
                if failed_cold > 0 {
                    notes.push(paths.issue(Issue::warning(
                        "copy_after_source_gone",
                        format!("/rules/{}/copy_actions/{}", rule.index, c.index),
                        format!("{failed_cold} copies of rule {} would start after the source moved to cold storage or was deleted (job {} + copy lag {}): such copies fail (aws-backup.md §9, S10) and are not simulated", rule.name, crate::units::human_duration(job), crate::units::human_duration(copy_lag)),
                    )));
                }
            }
        }
        for (g, lists) in local.iter().chain(copy_chains.iter()) {
            let seed = copy_group_region
                .get(g)
                .and_then(|reg| copy_region_times.get(reg))
                .map_or(&[][..], |v| &v[..]);
            let mut bases = Vec::new();
            run_chain(lists, r, seed, &mut series, &mut bases, compress);
            if !bases.is_empty() {
                bases_by_series.push(SeriesData {
                    kind: SeriesKind::ChainBase,
                    resource: ri,
                    rule: None,
                    copy: None,
                    group: *g,
                    source_group: None,
                    runs: bases
                        .into_iter()
                        .map(|b| Run {
                            first: b,
                            count: 1,
                            every: 0,
                        })
                        .collect(),
                });
            }
        }
        let mine = series.get(first_series..).unwrap_or_default();
        resources_out.push(super::rpo::report(r, mine, &groups, &ctx));
    }

    // ---- records
    // Interned names: every record of a vault or resource shares them.
    let gnames: Vec<(Name, Name, Option<Name>)> = groups
        .list
        .iter()
        .map(|g| {
            (
                Name::from(g.key.name.as_str()),
                Name::from(g.key.region.as_str()),
                g.key.account.as_deref().map(Name::from),
            )
        })
        .collect();
    let rnames: Vec<(Name, Name)> = res
        .iter()
        .map(|r| (Name::from(r.rtype.as_str()), Name::from(r.id.as_str())))
        .collect();
    let rec_of = |s: &SeriesData, raw: &Raw, repeat: Option<PointRepeat>| -> PointRecord {
        let rr = rnames.get(s.resource);
        let grp = gnames.get(s.group);
        let src = s.source_group.and_then(|g| gnames.get(g));
        PointRecord {
            resource_type: rr.map(|x| x.0.clone()).unwrap_or_default(),
            resource_id: rr.map(|x| x.1.clone()).unwrap_or_default(),
            vault: grp.map(|g| g.0.clone()).unwrap_or_default(),
            region: grp.map(|g| g.1.clone()).unwrap_or_default(),
            account: grp.and_then(|g| g.2.clone()),
            created_at_seconds: raw.created as f64,
            size_gib: raw.size,
            full: raw.full,
            full_size_gib: res.get(s.resource).map(|x| x.size),
            cold_at_seconds: raw.cold.map(|c| c as f64),
            deleted_at_seconds: raw.deleted.map(|d| d as f64),
            copy: (s.kind == SeriesKind::Copy).then(|| CopySource {
                source_region: src.map(|g| g.1.clone()).unwrap_or_default(),
                source_vault: src.map(|g| g.0.clone()),
                source_account: src.and_then(|g| g.2.clone()),
                transferred_gib: raw.transferred,
                copied_at_seconds: Some(raw.appears as f64),
            }),
            continuous: s.kind == SeriesKind::Continuous,
            repeat,
        }
    };
    let mut recovery_points = Vec::new();
    let mut chain_bases = Vec::new();
    let mut series_out = Vec::new();
    let mut point_count = 0u64;
    for (list, target) in [
        (&series, &mut recovery_points),
        (&bases_by_series, &mut chain_bases),
    ] {
        // One allocation for every record (growing by doubling re-copies and re-faults them).
        target.reserve(
            list.iter()
                .map(|s| {
                    if options.expand_repeats {
                        usize::try_from(s.points()).unwrap_or(0)
                    } else {
                        s.runs.len()
                    }
                })
                .sum(),
        );
        for s in list.iter() {
            if s.runs.is_empty() {
                continue;
            }
            let first_record = target.len();
            for run in &s.runs {
                if options.expand_repeats {
                    for j in 0..run.count {
                        target.push(rec_of(s, &run.at(j), None));
                    }
                } else {
                    let repeat = (run.count > 1).then_some(PointRepeat {
                        count: run.count,
                        every_seconds: run.every as f64,
                    });
                    target.push(rec_of(s, &run.first, repeat));
                }
            }
            let points = s.points();
            if s.kind != SeriesKind::ChainBase {
                point_count += points;
            }
            let rr = res.get(s.resource);
            let grp = groups.list.get(s.group);
            series_out.push(PointSeries {
                kind: s.kind,
                resource_id: rr.map(|x| x.id.clone()).unwrap_or_default(),
                rule: s.rule.and_then(|k| rules.get(k)).map(|x| x.name.clone()),
                copy_action: s.copy,
                vault: grp.map(|g| g.key.name.clone()).unwrap_or_default(),
                region: grp.map(|g| g.key.region.clone()).unwrap_or_default(),
                account: grp.and_then(|g| g.key.account.clone()),
                points,
                first_record,
                records: target.len() - first_record,
            });
        }
    }

    // ---- inventory
    let inventory = build_inventory(&series, &bases_by_series, &groups, &rules, grid, start)
        .ok_or_else(|| {
            Error::invalid(vec![Issue::error(
                "out_of_range",
                "/sample_every",
                format!(
                    "{} vaults × {} samples is more than {} cells",
                    groups.list.len(),
                    grid.samples,
                    inventory::MAX_CELLS
                ),
            )
            .in_input("options")
            .with_hint("sample less often or shorten horizon_days")])
        })?;

    let rules_out = rules
        .iter()
        .map(|r| RuleReport {
            name: r.name.clone(),
            schedule_expression: r.expression.clone(),
            time_zone: r.time_zone.clone(),
            vault: plan
                .rules
                .get(r.index)
                .map(|x| {
                    x.target_logically_air_gapped_vault_arn
                        .clone()
                        .unwrap_or_else(|| x.target_vault_name.clone())
                })
                .unwrap_or_default(),
            continuous: r.continuous,
            start_window_seconds: r.window as f64,
            runs: r.runs.len() as u64,
            retention_days: r.life.delete_days,
            cold_after_days: r.life.cold_days,
        })
        .collect();

    let assumptions = vec![
        SimulationAssumption {
            name: "start_timing".into(),
            seconds: None,
            value: match options.start_timing {
                StartTiming::Scheduled => "jobs start at the scheduled time".into(),
                StartTiming::WindowEnd => "jobs start at the end of the start window (latest possible)".into(),
            },
            basis: Basis::Input,
            source: "options.start_timing; aws-backup.md §5.2 (a job may start any time within StartWindowMinutes)".into(),
        },
        SimulationAssumption {
            name: "job_duration".into(),
            seconds: Some(job),
            value: crate::units::human_duration(job),
            basis: ctx.job_fact.0,
            source: ctx.job_fact.1.clone(),
        },
        SimulationAssumption {
            name: "copy_lag".into(),
            seconds: Some(copy_lag),
            value: format!("{} after the backup job completes", crate::units::human_duration(copy_lag)),
            basis: ctx.copy_fact.0,
            source: ctx.copy_fact.1.clone(),
        },
        SimulationAssumption {
            name: "day_length".into(),
            seconds: Some(DAY as f64),
            value: "lifecycle days are exact 24-hour days from creation".into(),
            basis: Basis::Unconfirmed,
            source: "aws-backup.md §14.1 (whether days are 24-hour multiples or calendar days, and how soon after DeleteAt the service deletes, is UNCONFIRMED)".into(),
        },
        SimulationAssumption {
            name: "overlap".into(),
            seconds: None,
            value: match options.overlap {
                OverlapMode::StartWindow => "runs of different rules whose start windows intersect make one backup, for the longest retention".into(),
                OverlapMode::SameInstant => "runs of different rules at the same instant make one backup, for the longest retention".into(),
                OverlapMode::None => "overlapping runs are not merged".into(),
            },
            basis: Basis::Unconfirmed,
            source: "aws-backup.md §14.2 (one backup for the rule with the longer retention, taking the full start window into account; the exact overlap test is UNCONFIRMED)".into(),
        },
        SimulationAssumption {
            name: "size_model".into(),
            seconds: None,
            value: "first point of a chain (resource × vault) full; later points store the change since the previous point (change_rate × days, ≤ full); a full chain base carries the full data after the full point expires; DynamoDB and resources with incremental=false store every point full; continuous point = full + retention days of change".into(),
            basis: Basis::Derived,
            source: "pricing.md §4 (first backup full, later incremental; first copy into a Region full; re-basing when the oldest point expires is UNCONFIRMED)".into(),
        },
        SimulationAssumption {
            name: "dst".into(),
            seconds: None,
            value: match options.dst_gap {
                crate::schedule::DstGapPolicy::Skip => "a local time skipped by spring-forward does not run; a repeated one runs once (first occurrence)".into(),
                crate::schedule::DstGapPolicy::RunAtTransition => "a local time skipped by spring-forward runs at the transition; a repeated one runs once (first occurrence)".into(),
            },
            basis: Basis::Unconfirmed,
            source: "aws-backup.md §7 (DST behaviour undocumented); EventBridge Scheduler's documented behaviour".into(),
        },
    ];

    plan_issues.sort_by_key(|i| i.severity);
    let mut notes = notes.list;
    notes.sort_by_key(|i| i.severity == Severity::Info);
    Ok(Simulation {
        plan_name: plan.name.clone(),
        start: rfc3339(start, 0),
        horizon_seconds: horizon as f64,
        assumptions,
        rules: rules_out,
        resources: resources_out,
        recovery_points,
        chain_bases,
        series: series_out,
        point_count,
        inventory,
        plan_issues,
        notes,
    })
}

fn resolved(given: Option<Seconds>, fact: &Fact, field: &str) -> (f64, (Basis, String)) {
    match given {
        Some(s) => (s.get(), (Basis::Input, format!("input ({field})"))),
        None => (
            fact.value,
            (
                fact.basis,
                format!("{} — {} (set {field})", fact.source, fact.assumption),
            ),
        ),
    }
}

fn same_shape(a: &Raw, b: &Raw) -> bool {
    let off = |x: Option<i64>, c: i64| x.map(|v| v - c);
    a.size.to_bits() == b.size.to_bits()
        && a.full == b.full
        && a.transferred.to_bits() == b.transferred.to_bits()
        && a.appears - a.created == b.appears - b.created
        && off(a.cold, a.created) == off(b.cold, b.created)
        && off(a.deleted, a.created) == off(b.deleted, b.created)
}

// ---------------------------------------------------------------------------------------------
// Inventory

fn build_inventory(
    series: &[SeriesData],
    bases: &[SeriesData],
    groups: &Groups,
    rules: &[RulePrep],
    grid: Grid,
    start: Timestamp,
) -> Option<Inventory> {
    let ng = groups.list.len();
    let mut sampler = Sampler::new(grid, ng)?;
    for (list, counted) in [(series, true), (bases, false)] {
        for s in list {
            for run in &s.runs {
                let f = &run.first;
                sampler.add_run(
                    &Span {
                        group: s.group,
                        from: f.appears,
                        cold_at: f.cold,
                        until: f.deleted,
                        gib: f.size,
                        counted,
                    },
                    run.count,
                    run.every,
                );
            }
        }
    }
    let vault_series = sampler.finish();
    let n = grid.samples;
    let mk = |vault: Option<String>,
              region: Option<String>,
              account: Option<String>,
              air: bool,
              s: &inventory::Series| InventorySeries {
        vault,
        region,
        account,
        air_gapped: air,
        warm_count: s.warm_count.clone(),
        cold_count: s.cold_count.clone(),
        warm_gib: s.warm_gib.clone(),
        cold_gib: s.cold_gib.clone(),
    };
    let mut by_region: BTreeMap<String, inventory::Series> = BTreeMap::new();
    let mut total = inventory::Series::empty(n);
    for (g, s) in groups.list.iter().zip(&vault_series) {
        by_region
            .entry(g.key.region.clone())
            .or_insert_with(|| inventory::Series::empty(n))
            .add(s);
        total.add(s);
    }
    // Steady state: the regime starts once every kind of point has started to expire.
    let mut fill: Option<i64> = Some(0);
    let mut forever: Option<String> = None;
    let mut cycle = DAY;
    for s in series {
        let Some(first) = s.runs.first().map(|r| r.first) else {
            continue;
        };
        if let Some(rule) = s.rule.and_then(|k| rules.get(k)) {
            cycle = cycle.max(rule.cycle);
        }
        match s.kind {
            SeriesKind::Continuous => fill = fill.map(|x| x.max(first.appears)),
            SeriesKind::Backup | SeriesKind::Copy => match first.deleted {
                Some(d) => fill = fill.map(|x| x.max(d)),
                None => {
                    fill = None;
                    if forever.is_none() {
                        let who = s
                            .rule
                            .and_then(|k| rules.get(k))
                            .map(|r| r.name.clone())
                            .unwrap_or_default();
                        forever = Some(match s.copy {
                            Some(j) => format!("copy action {j} of rule {who}"),
                            None => format!("rule {who}"),
                        });
                    }
                }
            },
            SeriesKind::ChainBase => {}
        }
    }
    let any_points = series.iter().any(|s| !s.runs.is_empty());
    let fill_sample = fill.map(|x| grid.first_at_or_after(x));
    let cycle_samples = usize::try_from((cycle + grid.step - 1) / grid.step)
        .unwrap_or(1)
        .max(1);
    let fixed = cycle == DAY || cycle == WEEK;
    let period =
        (fixed && cycle % grid.step == 0).then(|| usize::try_from(cycle / grid.step).unwrap_or(1));
    let found = inventory::steady_state(
        &vault_series,
        fill_sample.filter(|_| any_points),
        cycle_samples,
        period,
    );
    let human = crate::units::human_duration;
    let horizon_s = grid.at(n.saturating_sub(1));
    let (reached, message) = match (found.sample, any_points, fill, &forever) {
        (_, false, _, _) => (false, "not reached: the plan creates no recovery point for these resources within the horizon".to_owned()),
        (Some(k), _, _, _) => (true, format!(
            "steady from {} ({} after the start): every kind of point is being created and expired at the same pace; counts stay within the bands below",
            rfc3339(start, grid.at(k)),
            human(grid.at(k) as f64)
        )),
        (None, _, None, Some(who)) => (false, format!("not reached within horizon: {who} keeps recovery points indefinitely, so the inventory grows without bound")),
        (None, _, Some(x), _) => (false, format!(
            "not reached within horizon: the last kind of point starts expiring {} after the start, and one more cycle ({}) is needed to see the regime; the horizon is {}",
            human(x as f64), human(cycle as f64), human(horizon_s as f64)
        )),
        (None, _, None, None) => (false, "not reached within horizon".to_owned()),
    };
    let at = found.sample;
    let band_of = |s: &inventory::Series| at.map(|k| inventory::band(s, k));
    let by_vault_band = groups
        .list
        .iter()
        .zip(&vault_series)
        .filter_map(|(g, s)| {
            band_of(s).map(|b| SteadyBand {
                vault: Some(g.key.name.clone()),
                region: Some(g.key.region.clone()),
                account: g.key.account.clone(),
                band: b,
            })
        })
        .collect();
    let by_region_band = by_region
        .iter()
        .filter_map(|(r, s)| {
            band_of(s).map(|b| SteadyBand {
                vault: None,
                region: Some(r.clone()),
                account: None,
                band: b,
            })
        })
        .collect();
    let steady = InventorySteadyState {
        reached,
        at_seconds: at.map(|k| grid.at(k) as f64),
        at: at.map(|k| rfc3339(start, grid.at(k))),
        fill_seconds: fill.filter(|_| any_points).map(|x| x as f64),
        cycle_seconds: cycle as f64,
        repeats_exactly: found.repeats_exactly,
        message,
        by_vault: by_vault_band,
        by_region: by_region_band,
        total: band_of(&total),
        source: "DERIVED: the regime starts at the first sample after the first deletion of every kind of point (rule × vault; a continuous point once it exists) and needs one full schedule cycle within the horizon; cycle = the longest rule cycle (day, week, month ≈ 31 d, year ≈ 366 d); repeats_exactly compares counts one cycle apart (fixed cycles only)".to_owned(),
    };
    Some(Inventory {
        sample_every_seconds: grid.step as f64,
        sample_seconds: (0..n).map(|k| grid.at(k) as f64).collect(),
        by_vault: groups
            .list
            .iter()
            .zip(&vault_series)
            .map(|(g, s)| {
                mk(
                    Some(g.key.name.clone()),
                    Some(g.key.region.clone()),
                    g.key.account.clone(),
                    g.air_gapped,
                    s,
                )
            })
            .collect(),
        by_region: by_region
            .iter()
            .map(|(r, s)| mk(None, Some(r.clone()), None, false, s))
            .collect(),
        total: mk(None, None, None, false, &total),
        steady_state: steady,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles() {
        assert_eq!(cron_cycle("cron(0 5 ? * * *)").0, DAY);
        assert_eq!(cron_cycle("cron(0 * * * ? *)").0, DAY);
        assert_eq!(cron_cycle("cron(0 5 ? * SUN *)").0, WEEK);
        assert_eq!(cron_cycle("cron(0 5 ? * 2#1 *)").0, MONTH_CYCLE);
        assert_eq!(
            cron_cycle("cron(0 5 L * ? *)"),
            (MONTH_CYCLE, "L".to_owned())
        );
        assert_eq!(cron_cycle("cron(0 5 1 1 ? *)").0, YEAR_CYCLE);
        assert_eq!(cron_cycle("cron(0 5 ? * * 2027)").0, YEAR_CYCLE);
    }

    #[test]
    fn interval_merge() {
        assert_eq!(
            merge_intervals(&[(0, 5), (10, 12)], &[(4, 8), (12, 13), (20, 21)]),
            vec![(0, 8), (10, 13), (20, 21)]
        );
        assert_eq!(merge_intervals(&[], &[]), vec![]);
    }
}
