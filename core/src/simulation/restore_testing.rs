//! A restore testing plan run against a simulated backup plan (aws-backup.md §18.3): every test
//! run, the recovery point it picks per selected resource, how often each resource and type is
//! tested, which resources are never tested and why, and what the tests cost.

use crate::rng::SplitMix64;
use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{PlanOrDocument, PointRecord, Resource, SimulationOptions};
use crate::backup::restore_testing::validate::{
    DEFAULT_SCHEDULE, DEFAULT_SELECTION_WINDOW_DAYS, SELECTION_WINDOW_DAYS,
};
use crate::backup::restore_testing::{
    ParsedRestoreTesting, RestoreTestingPlan, RestoreTestingSelection,
};
use crate::backup::selection::glob;
use crate::error::{Error, Issue};
use crate::pricing::PriceBook;
use crate::schedule::{DstGapPolicy, Schedule};

/// Most tests one simulation may pick (test runs × selected resources), checked while counting
/// the runs, before any pick (budget.rs table).
pub const MAX_TEST_PICKS: u64 = 1_000_000;
/// Horizon when none is given: one year (drplan's choice).
pub const DEFAULT_TEST_HORIZON_DAYS: f64 = 365.0;
const DAY: f64 = 86_400.0;

/// The restore testing plan and its selections (normalized, as `parse_restore_testing_plan`
/// returns them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct RestoreTestingInput {
    pub plan: RestoreTestingPlan,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub selections: Vec<RestoreTestingSelection>,
}

impl RestoreTestingInput {
    /// The plan named `name` (or the only one) of a parsed document, with the selections that
    /// belong to it.
    pub fn from_parsed(parsed: &ParsedRestoreTesting, name: Option<&str>) -> Result<Self, Error> {
        let plan = match (name, parsed.plans.as_slice()) {
            (Some(n), plans) => plans.iter().find(|p| p.name == n).ok_or_else(|| {
                Error::invalid(vec![Issue::error(
                    "unknown_plan",
                    "/plan_name",
                    format!("the document has no restore testing plan {:?}", crate::budget::echo(n)),
                )
                .in_input("options")])
            })?,
            (None, [one]) => one,
            (None, []) => {
                return Err(Error::invalid(vec![Issue::error(
                    "no_plan",
                    "",
                    "the document has no restore testing plan (a selection alone cannot be simulated): give {plan, selections}",
                )
                .in_input("testing")]))
            }
            (None, _) => {
                return Err(Error::invalid(vec![Issue::error(
                    "ambiguous_plan",
                    "/plan_name",
                    "the document holds several restore testing plans: name one in options.plan_name",
                )
                .in_input("options")]))
            }
        };
        let selections = parsed
            .selections
            .iter()
            .filter(|s| {
                s.plan_name.is_none()
                    || s.plan_name.as_deref() == Some(plan.name.as_str())
                    || parsed.plans.len() == 1
            })
            .cloned()
            .collect();
        Ok(RestoreTestingInput {
            plan: plan.clone(),
            selections,
        })
    }
}

/// Options of [`simulate_restore_testing`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct RestoreTestingOptions {
    /// Start of the horizon (RFC 3339): the backup plan starts with empty vaults then.
    pub start: String,
    /// Days simulated (default 365; ≤ 36,500).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub horizon_days: Option<f64>,
    /// Seed of `RANDOM_WITHIN_WINDOW`'s draws (default 0): the same seed gives the same picks.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub seed: Option<u64>,
    /// With a restore testing document holding several plans: which one.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub plan_name: Option<String>,
    /// With a backup plan document holding several plans: which one.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub backup_plan_name: Option<String>,
    /// List every run's picks (default true; false keeps only the counts per run).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub list_picks: Option<bool>,
}

/// One recovery point a test restores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct TestPick {
    pub resource_id: String,
    pub resource_type: String,
    pub selection: String,
    /// The point's creation (seconds from the start); for a continuous point, the instant
    /// restored to.
    pub point_seconds: f64,
    /// Run time − point time.
    pub point_age_seconds: f64,
    pub vault: String,
    pub region: String,
    pub continuous: bool,
    /// The point is in cold storage at the run.
    pub cold: bool,
    /// GiB restored (the point's full size).
    pub restore_gib: f64,
}

/// One run of the restore testing plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct TestRun {
    /// RFC 3339 UTC.
    pub at: String,
    pub at_seconds: f64,
    /// Resources tested in this run.
    pub tested: u32,
    /// Selected resources with no eligible point at this run.
    pub skipped: u32,
    /// Distinct resources tested so far (this run included): coverage over time.
    pub ever_tested: u32,
    /// The picks (empty when `options.list_picks` is false).
    pub picks: Vec<TestPick>,
}

/// How one resource fares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct ResourceTesting {
    pub resource_id: String,
    pub resource_type: String,
    /// Selections that pick it.
    pub selected_by: Vec<String>,
    /// Whether the backup plan makes points of it.
    pub backed_up: bool,
    pub tests: u64,
    pub first_tested_seconds: Option<f64>,
    pub last_tested_seconds: Option<f64>,
    /// Longest time without a test: between the start, the tests and the horizon's end.
    pub longest_untested_seconds: f64,
    /// Mean age of the points restored.
    pub mean_point_age_seconds: Option<f64>,
    /// Why it is never tested: `not_selected`, `not_backed_up`, `vault_excluded`,
    /// `type_not_selected`, `no_point_in_window` (aws-backup.md §18.3).
    pub never_tested: Option<String>,
    pub why: Option<String>,
}

/// Tests per resource type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct TypeTesting {
    pub resource_type: String,
    pub resources: u32,
    pub selected: u32,
    pub tested: u32,
    pub tests: u64,
}

/// One cost line of the tests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct TestCostLine {
    /// Price key (`backup.dynamodb.restore_warm_gb`, `backup.restore_testing.test`).
    pub key: String,
    pub region: String,
    pub item: String,
    /// GiB restored, or tests.
    pub quantity: f64,
    pub unit: String,
    /// The book's price, when it has one.
    pub unit_usd: Option<f64>,
    /// `quantity × unit_usd`; null when the book has no price.
    pub usd: Option<f64>,
    /// Why there is no price.
    pub unpriced: Option<String>,
    pub source: String,
}

/// What the tests cost over the horizon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct TestCost {
    pub tests: u64,
    pub restore_gib: f64,
    /// Sum of the priced lines.
    pub priced_usd: f64,
    /// Whether every line has a price (false: `priced_usd` is a lower bound).
    pub complete: bool,
    pub lines: Vec<TestCostLine>,
    /// Hours restored resources may run for validation (tests × `ValidationWindowHours`),
    /// which the book cannot price.
    pub validation_resource_hours: f64,
    pub notes: Vec<String>,
}

/// Coverage totals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct TestCoverage {
    pub resources: u32,
    pub selected: u32,
    pub ever_tested: u32,
    /// Never-tested resources by reason.
    pub never_tested: BTreeMap<String, u32>,
}

/// Output of [`simulate_restore_testing`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct RestoreTestingSimulation {
    pub plan_name: String,
    pub backup_plan_name: String,
    pub start: String,
    pub horizon_seconds: f64,
    pub schedule_expression: String,
    pub time_zone: String,
    pub algorithm: String,
    pub recovery_point_types: Vec<String>,
    pub selection_window_days: i64,
    pub seed: u64,
    pub runs: Vec<TestRun>,
    pub resources: Vec<ResourceTesting>,
    pub by_type: Vec<TypeTesting>,
    pub coverage: TestCoverage,
    pub cost: TestCost,
    /// The restore testing plan's validation issues (the simulation runs regardless).
    pub plan_issues: Vec<Issue>,
    /// Modelling notes (assumptions, unconfirmed behaviour), each citing aws-backup.md §18.3.
    pub notes: Vec<Issue>,
}

/// Whether a vault (Region, account, name) matches an `IncludeVaults`/`ExcludeVaults` entry.
fn vault_matches(pattern: &str, region: &str, account: Option<&str>, vault: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    // CloudFormation pseudo-parameters stand for any value here.
    let mut pattern = pattern.to_owned();
    for (p, _) in crate::backup::validate::PSEUDO_WORST {
        pattern = pattern.replace(p, "*");
    }
    let p: Vec<&str> = pattern.splitn(6, ':').collect();
    let [_, _, service, pr, pa, res] = p.as_slice() else {
        return false;
    };
    glob(service, "backup")
        && glob(pr, region)
        && account.is_none_or(|a| glob(pa, a))
        && glob(res, &format!("backup-vault:{vault}"))
}

/// One point instance of a record: `(index within repeat)`.
struct Instance {
    created: f64,
    cold: bool,
}

/// Instances of `r` eligible at `t` with window `w` seconds: the index range (inclusive).
fn eligible_range(r: &PointRecord, t: f64, w: f64) -> Option<(u64, u64)> {
    let (count, every) = match r.repeat {
        Some(rep) if rep.count > 1 && rep.every_seconds > 0.0 => {
            (u64::from(rep.count), rep.every_seconds)
        }
        _ => (1, 1.0),
    };
    let c0 = r.created_at_seconds;
    let landed0 = r
        .copy
        .as_ref()
        .and_then(|c| c.copied_at_seconds)
        .unwrap_or(c0);
    let ready0 = landed0.max(c0);
    // i ≤ (t − ready0)/every; for continuous points the window is not about creation.
    let hi_ready = ((t - ready0) / every).floor();
    if hi_ready < 0.0 {
        return None;
    }
    let mut hi = hi_ready.min((count - 1) as f64);
    let mut lo = 0.0f64;
    if !r.continuous {
        // created_i ≥ t − w
        lo = lo.max(((t - w - c0) / every).ceil());
    }
    if let Some(d0) = r.deleted_at_seconds {
        // deleted_i > t  ⇔ i > (t − d0)/every
        let min_alive = ((t - d0) / every).floor() + 1.0;
        lo = lo.max(min_alive);
    }
    lo = lo.max(0.0);
    hi = hi.max(-1.0);
    if lo > hi {
        return None;
    }
    Some((lo as u64, hi as u64))
}

fn instance(r: &PointRecord, i: u64, t: f64) -> Instance {
    let every = r.repeat.map_or(0.0, |x| x.every_seconds);
    let off = i as f64 * every;
    Instance {
        created: r.created_at_seconds + off,
        cold: r.cold_at_seconds.is_some_and(|c| c + off <= t),
    }
}

/// Why a resource with points had none eligible at a run.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Miss {
    NoPointInWindow,
    TypeNotSelected,
    VaultExcluded,
}

impl Miss {
    fn code(self) -> &'static str {
        match self {
            Miss::NoPointInWindow => "no_point_in_window",
            Miss::TypeNotSelected => "type_not_selected",
            Miss::VaultExcluded => "vault_excluded",
        }
    }
}

fn note(code: &str, message: impl Into<String>) -> Issue {
    Issue::info(code, "", message).with_hint("aws-backup.md §18.3")
}

fn selects(
    sel: &RestoreTestingSelection,
    rtype: &str,
    arn: Option<&str>,
    tags: &BTreeMap<String, String>,
) -> bool {
    if sel.protected_resource_type != rtype {
        return false;
    }
    let arns = &sel.protected_resource_arns;
    let wildcard = arns.is_empty() || arns.iter().any(|a| a == "*");
    if !wildcard && !arn.is_some_and(|a| arns.iter().any(|x| x == a)) {
        return false;
    }
    let Some(c) = &sel.protected_resource_conditions else {
        return true;
    };
    let tag = |k: &str| k.strip_prefix("aws:ResourceTag/").and_then(|k| tags.get(k));
    c.string_equals
        .iter()
        .all(|kv| tag(&kv.key).is_some_and(|v| *v == kv.value))
        && c.string_not_equals
            .iter()
            .all(|kv| tag(&kv.key).is_none_or(|v| *v != kv.value))
}

/// Run `testing` against the backup plan `plan` (any shape `simulate_backup_plan` takes) for
/// `resources`, pricing the tests with `book`.
///
/// Errors: as `simulate_backup_plan` for the backup plan, the resources and `options.start` /
/// `horizon_days`; the restore testing plan's schedule (`cron_*`, `unknown_time_zone` at
/// `/plan/schedule_expression(_timezone)` of `testing`); `over_budget` at `/horizon_days` of
/// `options` when runs × selected resources exceed [`MAX_TEST_PICKS`].
pub fn simulate_restore_testing<'a>(
    testing: &RestoreTestingInput,
    plan: impl Into<PlanOrDocument<'a>>,
    resources: &[Resource],
    options: &RestoreTestingOptions,
    book: &PriceBook,
) -> Result<RestoreTestingSimulation, Error> {
    let tp = &testing.plan;
    let horizon_days = options.horizon_days.unwrap_or(DEFAULT_TEST_HORIZON_DAYS);
    let mut sim_opts = SimulationOptions::starting(options.start.clone());
    sim_opts.horizon_days = Some(horizon_days);
    sim_opts.plan_name = options.backup_plan_name.clone();
    // One inventory sample a week keeps the backup simulation's own output small.
    sim_opts.sample_every = Some(crate::units::Seconds(7.0 * DAY));
    let sim = super::simulate_backup_plan(plan, resources, &sim_opts)?;
    let start: Timestamp = options.start.trim().parse().map_err(|_| {
        Error::invalid(vec![Issue::error(
            "invalid_timestamp",
            "/start",
            "start is not an RFC 3339 instant",
        )
        .in_input("options")])
    })?;
    let horizon = sim.horizon_seconds;
    // The schedule.
    let expr = tp
        .schedule_expression
        .clone()
        .unwrap_or_else(|| DEFAULT_SCHEDULE.to_owned());
    let tz = tp
        .schedule_expression_timezone
        .clone()
        .unwrap_or_else(|| "UTC".to_owned());
    let schedule = Schedule::parse(&expr, &tz, DstGapPolicy::Skip).map_err(|e| {
        e.map_issues(|mut i| {
            let field = if i.input.as_deref() == Some("time_zone") {
                "/schedule_expression_timezone"
            } else {
                "/schedule_expression"
            };
            // Into the document the plan was read from, when it was read from one.
            match &tp.source {
                Some(sm) => {
                    i.path = sm.original(field);
                    i.in_input("testing")
                }
                None => i.under(&format!("/plan{field}")).in_input("testing"),
            }
        })
    })?;
    let rps = tp.recovery_point_selection.clone().unwrap_or_default();
    let algorithm = rps
        .algorithm
        .clone()
        .unwrap_or_else(|| "LATEST_WITHIN_WINDOW".to_owned());
    let random = algorithm == "RANDOM_WITHIN_WINDOW";
    let window_days = rps
        .selection_window_days
        .unwrap_or(DEFAULT_SELECTION_WINDOW_DAYS)
        .clamp(SELECTION_WINDOW_DAYS.0, SELECTION_WINDOW_DAYS.1);
    let window = window_days as f64 * DAY;
    let types: Vec<String> = if rps.recovery_point_types.is_empty() {
        vec!["SNAPSHOT".to_owned()]
    } else {
        rps.recovery_point_types.clone()
    };
    let want_snap = types.iter().any(|t| t == "SNAPSHOT");
    let want_cont = types.iter().any(|t| t == "CONTINUOUS");
    let include: Vec<String> = if rps.include_vaults.is_empty() {
        vec!["*".to_owned()]
    } else {
        rps.include_vaults.clone()
    };
    let mut notes = vec![
        note("test_run_timing", "each run is placed at its scheduled instant; AWS starts the job within StartWindowHours (heuristic)"),
        note("point_from_creation", "a recovery point is eligible from its creation (the backup job's start); the job's duration is not waited for (heuristic)"),
        note("condition_tags", "conditions are matched against the resource's tags; AWS matches the tags of its latest recovery point, which copy the resource's by default (heuristic)"),
    ];
    if random {
        notes.push(note("random_draw", format!("RANDOM_WITHIN_WINDOW drawn with drplan's seeded generator (SplitMix64, seed {}); AWS's own draw is not published (unconfirmed)", options.seed.unwrap_or(0))));
    }
    if tp.recovery_point_selection.is_none() {
        notes.push(note("no_recovery_point_selection", "the plan has no RecoveryPointSelection: drplan tests the latest snapshot within 30 days from any vault"));
    }
    // Resources: id → (arn, tags); the simulation's own report gives type and protection.
    let input_by_id: BTreeMap<String, &Resource> = resources
        .iter()
        .map(|r| {
            (
                r.id.clone().or_else(|| r.arn.clone()).unwrap_or_default(),
                r,
            )
        })
        .collect();
    let mut records: BTreeMap<&str, Vec<&PointRecord>> = BTreeMap::new();
    for r in &sim.recovery_points {
        records.entry(r.resource_id.as_str()).or_default().push(r);
    }
    struct Res<'r> {
        id: String,
        rtype: String,
        selected_by: Vec<String>,
        backed_up: bool,
        records: Vec<&'r PointRecord>,
        size: f64,
    }
    let mut res: Vec<Res<'_>> = Vec::new();
    for rr in &sim.resources {
        let input = input_by_id.get(&rr.resource_id);
        let empty = BTreeMap::new();
        let tags = input.map_or(&empty, |r| &r.tags);
        let arn = input.and_then(|r| r.arn.as_deref());
        let selected_by = testing
            .selections
            .iter()
            .filter(|s| selects(s, &rr.resource_type, arn, tags))
            .map(|s| s.name.clone())
            .collect();
        let recs = records
            .get(rr.resource_id.as_str())
            .cloned()
            .unwrap_or_default();
        res.push(Res {
            id: rr.resource_id.clone(),
            rtype: rr.resource_type.clone(),
            selected_by,
            backed_up: !recs.is_empty(),
            records: recs,
            size: input.map_or(0.0, |r| r.size_gib.0),
        });
    }
    let selected = res.iter().filter(|r| !r.selected_by.is_empty()).count() as u64;
    // Runs, counted against the budget before any pick.
    let end = start
        .checked_add(jiff::SignedDuration::from_secs(horizon as i64))
        .unwrap_or(start);
    let mut runs_at: Vec<(Timestamp, f64)> = Vec::new();
    for run in schedule.runs_from(start) {
        if run.at >= end {
            break;
        }
        let n = runs_at.len() as u64 + 1;
        if n.saturating_mul(selected.max(1)) > MAX_TEST_PICKS {
            return Err(crate::budget::over_at_least(
                "options",
                "/horizon_days",
                "restore tests (runs of the restore testing plan × selected resources)",
                MAX_TEST_PICKS,
                "tests",
            ));
        }
        let secs = run.at.as_second() as f64 - start.as_second() as f64;
        runs_at.push((run.at, secs));
    }
    let list = options.list_picks.unwrap_or(true);
    let seed = options.seed.unwrap_or(0);
    let mut rng = SplitMix64::new(seed);
    let mut tests: Vec<Vec<(f64, f64)>> = vec![Vec::new(); res.len()]; // (run t, point age)
    let mut misses: Vec<Option<Miss>> = vec![None; res.len()];
    let mut ever = vec![false; res.len()];
    let mut ever_count = 0u32;
    let mut runs = Vec::with_capacity(runs_at.len());
    // Restore GiB per (type, region, cold).
    let mut restored: BTreeMap<(String, String, bool), f64> = BTreeMap::new();
    let mut test_count = 0u64;
    for (at, t) in &runs_at {
        let t = *t;
        let mut run = TestRun {
            at: at.to_string(),
            at_seconds: t,
            tested: 0,
            skipped: 0,
            ever_tested: 0,
            picks: Vec::new(),
        };
        for (r, (tests_k, (miss_k, ever_k))) in res
            .iter()
            .zip(tests.iter_mut().zip(misses.iter_mut().zip(ever.iter_mut())))
        {
            let Some(selection) = r.selected_by.first() else {
                continue;
            };
            // Eligible instances: (record, lo, hi).
            let mut cands: Vec<(&PointRecord, u64, u64)> = Vec::new();
            let mut miss = Miss::NoPointInWindow;
            for rec in &r.records {
                let Some((lo, hi)) = eligible_range(rec, t, window) else {
                    continue;
                };
                let type_ok = if rec.continuous { want_cont } else { want_snap };
                if !type_ok {
                    miss = miss.max(Miss::TypeNotSelected);
                    continue;
                }
                let account = rec.account.as_deref();
                let inc = include
                    .iter()
                    .any(|p| vault_matches(p, &rec.region, account, &rec.vault));
                let exc = rps
                    .exclude_vaults
                    .iter()
                    .any(|p| vault_matches(p, &rec.region, account, &rec.vault));
                if !inc || exc {
                    miss = miss.max(Miss::VaultExcluded);
                    continue;
                }
                cands.push((rec, lo, hi));
            }
            if cands.is_empty() {
                run.skipped += 1;
                *miss_k = Some(miss_k.map_or(miss, |m| m.max(miss)));
                continue;
            }
            // Pick.
            let (rec, i, point_t) = if random {
                let total: u64 = cands.iter().map(|(_, lo, hi)| hi - lo + 1).sum();
                let mut j = rng.below(total);
                let Some(&(first, first_lo, _)) = cands.first() else {
                    continue;
                };
                let mut chosen = (first, first_lo);
                for (rec, lo, hi) in &cands {
                    let n = hi - lo + 1;
                    if j < n {
                        chosen = (*rec, lo + j);
                        break;
                    }
                    j -= n;
                }
                let (rec, i) = chosen;
                let pt = if rec.continuous {
                    let from = instance(rec, i, t).created.max(t - window);
                    from + rng.unit() * (t - from)
                } else {
                    instance(rec, i, t).created
                };
                (rec, i, pt)
            } else {
                let mut best: Option<(&PointRecord, u64, f64)> = None;
                for (rec, _, hi) in &cands {
                    let pt = if rec.continuous {
                        t
                    } else {
                        instance(rec, *hi, t).created
                    };
                    if best.is_none_or(|b| pt > b.2) {
                        best = Some((rec, *hi, pt));
                    }
                }
                let Some(b) = best else { continue };
                b
            };
            let inst = instance(rec, i, t);
            let gib = rec.full_size_gib.unwrap_or(r.size);
            *restored
                .entry((r.rtype.clone(), rec.region.to_string(), inst.cold))
                .or_default() += gib;
            test_count += 1;
            run.tested += 1;
            if !*ever_k {
                *ever_k = true;
                ever_count += 1;
            }
            tests_k.push((t, t - point_t));
            if list {
                run.picks.push(TestPick {
                    resource_id: r.id.clone(),
                    resource_type: r.rtype.clone(),
                    selection: selection.clone(),
                    point_seconds: point_t,
                    point_age_seconds: t - point_t,
                    vault: rec.vault.to_string(),
                    region: rec.region.to_string(),
                    continuous: rec.continuous,
                    cold: inst.cold,
                    restore_gib: gib,
                });
            }
        }
        run.ever_tested = ever_count;
        runs.push(run);
    }
    // Per resource.
    let mut coverage = TestCoverage {
        resources: res.len() as u32,
        selected: selected as u32,
        ever_tested: ever_count,
        never_tested: BTreeMap::new(),
    };
    let mut out_res = Vec::with_capacity(res.len());
    for (r, (ts, miss_k)) in res.iter().zip(tests.iter().zip(misses.iter())) {
        let mut longest = 0.0f64;
        let mut prev = 0.0;
        for (t, _) in ts {
            longest = longest.max(t - prev);
            prev = *t;
        }
        longest = longest.max(horizon - prev);
        let (never, why) = if !ts.is_empty() {
            (None, None)
        } else if r.selected_by.is_empty() {
            (
                Some("not_selected"),
                Some(format!(
                    "no selection of the restore testing plan picks this {} resource",
                    r.rtype
                )),
            )
        } else if !r.backed_up {
            (
                Some("not_backed_up"),
                Some("the backup plan makes no recovery point of it".to_owned()),
            )
        } else {
            let m = miss_k.unwrap_or(Miss::NoPointInWindow);
            let why = match m {
                Miss::NoPointInWindow => format!("no recovery point within SelectionWindowDays ({window_days} days) of any run"),
                Miss::TypeNotSelected => format!("its points are of a type the plan does not test (RecoveryPointTypes: {})", types.join(", ")),
                Miss::VaultExcluded => "its points are in vaults IncludeVaults does not match or ExcludeVaults excludes".to_owned(),
            };
            (Some(m.code()), Some(why))
        };
        if let Some(n) = never {
            *coverage.never_tested.entry(n.to_owned()).or_default() += 1;
        }
        let mean_age = if ts.is_empty() {
            None
        } else {
            Some(ts.iter().map(|(_, a)| a).sum::<f64>() / ts.len() as f64)
        };
        out_res.push(ResourceTesting {
            resource_id: r.id.clone(),
            resource_type: r.rtype.clone(),
            selected_by: r.selected_by.clone(),
            backed_up: r.backed_up,
            tests: ts.len() as u64,
            first_tested_seconds: ts.first().map(|x| x.0),
            last_tested_seconds: ts.last().map(|x| x.0),
            longest_untested_seconds: longest,
            mean_point_age_seconds: mean_age,
            never_tested: never.map(str::to_owned),
            why,
        });
    }
    let mut by_type: BTreeMap<String, TypeTesting> = BTreeMap::new();
    for r in &out_res {
        let e = by_type
            .entry(r.resource_type.clone())
            .or_insert_with(|| TypeTesting {
                resource_type: r.resource_type.clone(),
                resources: 0,
                selected: 0,
                tested: 0,
                tests: 0,
            });
        e.resources += 1;
        e.selected += u32::from(!r.selected_by.is_empty());
        e.tested += u32::from(r.tests > 0);
        e.tests += r.tests;
    }
    // Cost.
    let validation_hours: f64 = out_res
        .iter()
        .filter_map(|r| {
            let sel = testing
                .selections
                .iter()
                .find(|s| r.selected_by.first() == Some(&s.name))?;
            Some(r.tests as f64 * sel.validation_window_hours.unwrap_or(0) as f64)
        })
        .sum();
    let cost = price_tests(book, &restored, test_count, validation_hours);
    let plan_issues = crate::backup::restore_testing::validate_restore_testing_plan(
        Some(tp),
        &testing.selections,
    )
    .into_iter()
    .map(|i| match i.input.as_deref() {
        Some("plan") => i.under("/plan").in_input("testing"),
        Some("selections") => i.under("/selections").in_input("testing"),
        _ => i.in_input("testing"),
    })
    .collect();
    Ok(RestoreTestingSimulation {
        plan_name: tp.name.clone(),
        backup_plan_name: sim.plan_name.clone(),
        start: start.to_string(),
        horizon_seconds: horizon,
        schedule_expression: expr,
        time_zone: schedule.time_zone_name().to_owned(),
        algorithm,
        recovery_point_types: types,
        selection_window_days: window_days,
        seed,
        runs,
        resources: out_res,
        by_type: by_type.into_values().collect(),
        coverage,
        cost,
        plan_issues,
        notes,
    })
}

fn price_tests(
    book: &PriceBook,
    restored: &BTreeMap<(String, String, bool), f64>,
    tests: u64,
    validation_hours: f64,
) -> TestCost {
    let mut books: BTreeMap<String, PriceBook> = BTreeMap::new();
    let mut lines = Vec::new();
    let mut line = |key: String, region: &str, item: String, quantity: f64, unit: &str| {
        let b = books
            .entry(region.to_owned())
            .or_insert_with(|| crate::pricing::regional_book(book, region));
        let (unit_usd, unpriced, source) = match (b.price(&key), b.absent.get(&key)) {
            (Some(p), _) => (Some(p.usd), None, p.source.clone()),
            (None, Some(a)) => (None, Some(a.reason.clone()), "pricing.md §8.1".to_owned()),
            (None, None) => (
                None,
                Some("the price book has no such key".to_owned()),
                "pricing.md §8.1".to_owned(),
            ),
        };
        lines.push(TestCostLine {
            key,
            region: region.to_owned(),
            item,
            quantity,
            unit: unit.to_owned(),
            unit_usd,
            usd: unit_usd.map(|u| u * quantity),
            unpriced,
            source,
        });
    };
    let mut total_gib = 0.0;
    for ((rtype, region, cold), gib) in restored {
        total_gib += gib;
        let slug = crate::pricing::TYPE_SLUGS
            .iter()
            .find(|(n, _)| *n == rtype.as_str())
            .map_or_else(|| rtype.to_lowercase(), |(_, s)| (*s).to_owned());
        let tier = if *cold { "cold" } else { "warm" };
        line(
            format!("backup.{slug}.restore_{tier}_gb"),
            region,
            format!("{rtype} restores from {tier} storage"),
            *gib,
            "GiB",
        );
    }
    if tests > 0 {
        line(
            "backup.restore_testing.test".to_owned(),
            book.region.as_str(),
            "restore tests".to_owned(),
            tests as f64,
            "tests",
        );
    }
    // `+ 0.0`: an empty sum of f64 is -0.0.
    let priced_usd = lines.iter().filter_map(|l| l.usd).sum::<f64>() + 0.0;
    let complete = lines.iter().all(|l| l.usd.is_some());
    let mut notes = vec!["restore GiB are priced per GiB as billed (pricing.md §3.1); a line without a price is listed with the book's reason and left out of the sum, never counted as zero".to_owned()];
    if validation_hours > 0.0 {
        notes.push(format!("restored resources run for up to ValidationWindowHours before deletion ({validation_hours} resource-hours over the horizon); the price book has no rate for running restored resources, so that part is not priced (aws-backup.md §18.3)"));
    } else if tests > 0 {
        notes.push("restored resources run until validation ends or AWS deletes them; the selections give no ValidationWindowHours and the price book has no rate for running restored resources, so that part is not priced (aws-backup.md §18.3)".to_owned());
    }
    TestCost {
        tests,
        restore_gib: total_gib,
        priced_usd,
        complete,
        lines,
        validation_resource_hours: validation_hours,
        notes,
    }
}

/// The JSON `testing` argument: document text, a decoded AWS-shaped document, or the normalized
/// `{plan, selections}`.
pub(crate) fn testing_from_json(
    v: Value,
    plan_name: Option<&str>,
) -> Result<RestoreTestingInput, Error> {
    let rename = |e: Error| {
        e.map_issues(|i| {
            if i.input.as_deref() == Some(crate::backup::import::INPUT) {
                i.in_input("testing")
            } else {
                i
            }
        })
    };
    let parsed = match v {
        Value::String(text) => crate::backup::restore_testing::parse_restore_testing_plan(&text).map_err(rename)?,
        Value::Object(ref m) if m.contains_key("plan") => {
            return crate::boundary::from_value("testing", v);
        }
        v @ Value::Object(_) => crate::backup::import::restore_testing::parse_value(&v, crate::backup::DocumentFormat::Json).map_err(rename)?,
        other => {
            return Err(Error::invalid(vec![Issue::error(
                "invalid_type",
                "",
                format!("testing must be a restore testing document (text or object) or {{plan, selections}}, not {}", crate::boundary::type_name(&other)),
            )
            .in_input("testing")]))
        }
    };
    RestoreTestingInput::from_parsed(&parsed, plan_name)
}

#[cfg(test)]
#[path = "restore_testing_tests.rs"]
mod tests;
