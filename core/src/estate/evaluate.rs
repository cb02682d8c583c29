//! `evaluate_estate`: every resource of an estate against every plan (aws-backup.md §19).
//!
//! Per resource: the plans (and their selections and rules) that select it, honouring each
//! plan's `accounts`/`regions` scope and the service opt-in (aws-backup.md §3.2); its worst-case
//! RPO per disruption from those plans and its own native protection; its steady monthly bill.
//!
//! The plans' schedules are simulated once per *schedule group*, not once per resource: a group
//! is (plan, resource type, Region, account kind, change fraction, incremental), and its
//! simulation is `simulate_backup_plan` on one resource of 1 GiB. Points, schedules and RPO do
//! not depend on a resource's size; under the simulation's size model (`simulation/chains.rs`:
//! full points are the size, incrementals `min(change × days, size)`, chain bases and continuous
//! points sums of those) every stored or transferred GiB is proportional to the size when the
//! change is a fraction of it, and `backup_cost` bills GB-months and GB transferred at flat rates
//! (no free allowance is passed, no restores), so a resource's bill is its size times the unit
//! bill (aws-backup.md §19.2). A change given in GiB per day becomes the fraction `g / size`; a
//! resource whose fraction is its own forms its own group (an exact per-resource run).

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::model::{Estate, EstatePlan, EstateResource};
use super::rollup::{Rollups, UnprotectedReason};
use super::rpo::{combine_rpo, native_words};
use crate::backup::arn::{account_of_arn, region_of_arn};
use crate::backup::resource::{types_of_arn, RESOURCE_TYPES};
use crate::backup::selection::{matches, Candidate};
use crate::backup::BackupPlan;
use crate::cost::{backup_cost, BackupCostOptions};
use crate::error::{Error, Issue};
use crate::pricing::PriceBook;
use crate::provenance::Basis;
use crate::recovery::Disruption;
use crate::simulation::{
    simulate_backup_plan, ChangeRate, Resource, SimulationOptions, MAX_HORIZON_DAYS,
};
use crate::units::{Gib, Seconds};

use super::rollup::{Rollup, TagRollup};

/// Where the simulated horizon starts unless `as_of` says otherwise (a fixed instant: the
/// answer must not depend on a clock).
pub const DEFAULT_AS_OF: &str = "2026-01-05T00:00:00Z";
/// Days simulated past a plan's longest retention (as the assessment: the fill plus more than
/// three 730-hour months for `backup_cost` to see a steady bill, plus a month of margin).
pub const STEADY_MARGIN_DAYS: f64 = 150.0;
/// Size assumed for a resource whose exports give none (aws-backup.md §19.3, a placeholder).
pub const DEFAULT_SIZE_GIB: f64 = 100.0;
/// Most inventory samples a group's simulation takes (the estate reads no inventory).
const SAMPLES: f64 = 200.0;
/// Latest restorable time of RDS/Aurora point-in-time restore: about 5 minutes behind
/// (dr-strategies.md §6.1; aws-backup.md §8).
pub(super) const NATIVE_PITR_LAG_SECONDS: f64 = 300.0;
/// Types whose opt-in is needed even when a `Resources` pattern names them (aws-backup.md §3.2 S-OPT).
const ALWAYS_OPT_IN: [&str; 3] = ["Aurora", "Neptune", "DocumentDB"];

/// Options of [`evaluate_estate`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct EstateOptions {
    /// Only the roll-ups: no per-resource rows (what an estate of millions needs).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub summary_only: bool,
    /// Days simulated for every plan. Default: each plan's longest retention + 150 days.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub horizon_days: Option<f64>,
    /// Where the simulated horizon starts (RFC 3339). Default `2026-01-05T00:00:00Z`.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub as_of: Option<String>,
    /// Tag keys to roll up by (one roll-up per key, by value).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub tag_keys: Vec<String>,
    /// Size of a resource whose exports give none. Default 100 GiB (a placeholder, named in the
    /// output's `defaults` and in each row's `size_basis`).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "Gib"))]
    pub default_size_gib: Option<Gib>,
    /// Hours per month of the bill (672–744; default 730).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub hours_per_month: Option<f64>,
}

/// A plan that protects a resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct PlanMatch {
    pub plan_id: String,
    /// The first of the plan's selections that selects the resource.
    pub selection: String,
    /// The plan's rules (each backs the resource up).
    pub rules: Vec<String>,
    /// What this plan's backups of the resource bill in the steady month (null: not priced).
    pub monthly_usd: Option<f64>,
}

/// A resource's recovery point objective for one disruption.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct ResourceRpo {
    pub disruption: Disruption,
    pub covered: bool,
    /// Worst-case data loss (seconds): the best of its plans' and its native protection's worst
    /// cases; null when not covered or not known.
    pub worst_seconds: Option<f64>,
    /// What gives it: a plan id, or the native mechanism.
    pub by: Option<String>,
}

/// One resource as evaluated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct EstateResourceRow {
    pub arn: String,
    pub resource_type: String,
    pub account: String,
    pub region: String,
    /// Selected by at least one plan in scope and opted in.
    pub protected: bool,
    pub plans: Vec<PlanMatch>,
    pub unprotected_reason: Option<UnprotectedReason>,
    /// Why it is unprotected, or notes on its protection, in words.
    pub why: Vec<String>,
    pub rpo: Vec<ResourceRpo>,
    /// Native protection and what is not a backup (Multi-AZ, replicas), in words.
    pub native: Vec<String>,
    pub size_gib: f64,
    /// `input` when the exports gave the size, `planning_default` otherwise.
    pub size_basis: Basis,
    /// Steady monthly bill of all its plans' backups (null: some plan could not be priced).
    pub monthly_usd: Option<f64>,
    /// What the plans beyond the one with the largest bill cost per month (0 with one plan).
    pub extra_monthly_usd: f64,
}

/// One plan across the estate: what it protects, what it costs, and its Backup Audit Manager
/// controls judged offline (`check_controls` on the plan and its selections, aws-backup.md §11).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct PlanSummary {
    pub plan_id: String,
    /// Resources it protects (in scope, selected, opted in).
    pub resources: u64,
    /// What its backups of them bill in the steady month (priced resources only).
    pub monthly_usd: f64,
    /// Resources it protects whose bill is unknown.
    pub unpriced: u64,
    /// Controls the plan fails (`NON_COMPLIANT`), by name.
    pub controls_non_compliant: Vec<String>,
    /// Controls judged compliant.
    pub controls_compliant: u64,
    /// Why the controls could not be judged (null: they were).
    pub controls_error: Option<String>,
}

/// A default the evaluation applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct EstateDefault {
    pub name: String,
    pub value: String,
    pub basis: Basis,
    pub source: String,
    /// How many resources (or opt-in lookups) it was applied to.
    pub count: u64,
}

/// Output of [`evaluate_estate`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct EstateEvaluation {
    pub as_of: String,
    /// The horizon given, or null (each plan's longest retention + 150 days).
    pub horizon_days: Option<f64>,
    /// One row per resource, in input order (empty with `summary_only`).
    pub resources: Vec<EstateResourceRow>,
    pub totals: Rollup,
    pub by_account: Vec<Rollup>,
    pub by_region: Vec<Rollup>,
    pub by_resource_type: Vec<Rollup>,
    pub by_tag: Vec<TagRollup>,
    /// One entry per plan, in input order.
    pub plans: Vec<PlanSummary>,
    /// Simulations run: one per schedule group.
    pub schedule_groups: u64,
    pub defaults: Vec<EstateDefault>,
    /// Plans that could not be simulated or priced, defaults, readings where AWS is silent.
    pub notes: Vec<Issue>,
}

/// Most per-resource rows one call returns (a row is about 1 KiB as it leaves the core:
/// [`crate::budget::OUTPUT_BYTES`] / 2 KiB, rounded down); more needs `summary_only`.
pub const MAX_ROWS: usize = 100_000;
/// Most resources one call reads (the JSON contract counts them before reading any).
pub const MAX_ESTATE_RESOURCES: usize = 5_000_000;
/// Most plans one call reads.
pub const MAX_ESTATE_PLANS: usize = 2_000;
/// Most schedule groups (simulations) one call runs.
pub const MAX_SCHEDULE_GROUPS: usize = 50_000;
/// Most resource × selection checks one call makes.
pub const MAX_SELECTION_WORK: u64 = 2_000_000_000;

/// The schedule group of a (plan, resource): what the group's simulation depends on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct GroupKey {
    pub plan: usize,
    pub rtype: String,
    pub region: String,
    /// The resource's account when the plan names it (its own account or a copy destination's);
    /// `None`: any other account (the simulation compares accounts only for equality).
    pub account: Option<String>,
    pub fraction_bits: u64,
    pub incremental: bool,
}

/// What a group's simulation says, per GiB of resource.
#[derive(Debug, Clone)]
pub(crate) struct GroupResult {
    /// Per disruption (in `Disruption::ALL` order): covered, worst seconds.
    pub rpo: [(bool, Option<f64>); 4],
    /// Steady monthly bill of 1 GiB (null: not priced).
    pub unit_monthly: Option<f64>,
    /// Why the bill is unknown.
    pub unpriced: Option<String>,
}

/// A resource with its defaults applied.
pub(crate) struct Resolved<'a> {
    pub arn: &'a str,
    pub rtype: Option<String>,
    pub account: String,
    pub region: String,
    pub size: f64,
    pub size_given: bool,
    pub fraction: f64,
    pub incremental: bool,
    pub r: &'a EstateResource,
}

pub(crate) fn resolve<'a>(r: &'a EstateResource, default_size: f64) -> Resolved<'a> {
    let rtype = r
        .resource_type
        .clone()
        .or_else(|| match types_of_arn(&r.arn) {
            Ok(ts) if ts.len() == 1 => ts.first().map(|t| (*t).to_owned()),
            _ => None,
        });
    let account = r
        .account
        .clone()
        .or_else(|| account_of_arn(&r.arn).map(str::to_owned))
        .unwrap_or_default();
    let region = r
        .region
        .clone()
        .or_else(|| region_of_arn(&r.arn).map(str::to_owned))
        .unwrap_or_default();
    let (size, size_given) = match r.size_gib {
        Some(g) => (g.get(), true),
        None => (default_size, false),
    };
    let fraction = match r.change_rate {
        None => 0.0,
        Some(ChangeRate::FractionPerDay(f)) => f,
        Some(ChangeRate::GibPerDay(g)) if size > 0.0 => g / size,
        Some(ChangeRate::GibPerDay(_)) => 0.0,
    };
    // Incremental by type as the simulation defaults it (simulation/resources.rs).
    let incremental = rtype.as_deref() != Some("DynamoDB");
    Resolved {
        arn: &r.arn,
        rtype,
        account,
        region,
        size,
        size_given,
        fraction,
        incremental,
        r,
    }
}

/// The plan as it runs in `region` for a resource of `account`: the Regional plan of that
/// Region (an Organizations plan is deployed per Region, aws-backup.md §19.1).
pub(crate) fn plan_in(plan: &BackupPlan, region: &str, account: &str) -> BackupPlan {
    let mut p = plan.clone();
    p.region = Some(region.to_owned());
    p.regions = Vec::new();
    if p.account.is_none() && !account.is_empty() {
        p.account = Some(account.to_owned());
    }
    p
}

/// Accounts a plan's simulation compares a resource's account with: its own and its copy
/// destinations'.
fn plan_accounts(plan: &BackupPlan) -> Vec<String> {
    let mut v: Vec<String> = plan.account.iter().cloned().collect();
    for r in &plan.rules {
        for c in &r.copy_actions {
            if let Some(a) = account_of_arn(&c.destination_vault_arn) {
                v.push(a.to_owned());
            }
        }
        if let Some(a) = r
            .target_logically_air_gapped_vault_arn
            .as_deref()
            .and_then(account_of_arn)
        {
            v.push(a.to_owned());
        }
    }
    v.sort();
    v.dedup();
    v
}

/// The simulation options of a plan's groups.
pub(crate) fn simulation_options(plan: &BackupPlan, options: &EstateOptions) -> SimulationOptions {
    let horizon_days = options.horizon_days.unwrap_or_else(|| {
        let longest = plan
            .rules
            .iter()
            .flat_map(|r| {
                std::iter::once(r.retention_days()).chain(
                    r.copy_actions
                        .iter()
                        .map(|c| c.lifecycle.as_ref().and_then(|l| l.retention_days())),
                )
            })
            .map(|d| d.map_or(0.0, |d| d as f64))
            .fold(0.0_f64, f64::max);
        (longest + STEADY_MARGIN_DAYS).min(MAX_HORIZON_DAYS)
    });
    let mut o = SimulationOptions::starting(options.as_of.as_deref().unwrap_or(DEFAULT_AS_OF));
    o.horizon_days = Some(horizon_days);
    o.sample_every = Some(Seconds((horizon_days / SAMPLES).ceil().max(1.0) * 86_400.0));
    o
}

/// The bill options of a plan's groups: the simulated horizon in whole months.
pub(crate) fn cost_options(sim: &SimulationOptions, options: &EstateOptions) -> BackupCostOptions {
    let hours = options.hours_per_month.unwrap_or(730.0);
    let days = sim
        .horizon_days
        .unwrap_or(crate::simulation::DEFAULT_HORIZON_DAYS);
    BackupCostOptions {
        hours_per_month: options.hours_per_month,
        horizon_months: Some(((days * 24.0 / hours).floor() as u32).max(1)),
        monthly_lines: Some(false),
        ..BackupCostOptions::default()
    }
}

/// The bill of the steady month (the first steady month, else the last).
pub(crate) fn steady_monthly(cost: &crate::cost::BackupCost) -> Option<f64> {
    let m = match (cost.steady_state.reached, cost.steady_state.from_month) {
        (true, Some(m)) => m,
        _ => cost.horizon_months,
    };
    cost.months
        .get(m.saturating_sub(1) as usize)
        .map(|x| x.usd.total_usd)
}

/// The simulation resource of a group (1 GiB) or of a resource (its own size, for checks).
pub(crate) fn sim_resource(res: &Resolved<'_>, rtype: &str, account: &str, size: f64) -> Resource {
    Resource {
        arn: Some(res.arn.to_owned()),
        id: None,
        resource_type: Some(rtype.to_owned()),
        region: Some(res.region.clone()),
        account: (!account.is_empty()).then(|| account.to_owned()),
        size_gib: Gib(size),
        change_rate: Some(ChangeRate::FractionPerDay(res.fraction)),
        tags: BTreeMap::new(),
        incremental: Some(res.incremental),
        replicated: false,
    }
}

fn run_group(
    plan: &BackupPlan,
    res: &Resolved<'_>,
    rtype: &str,
    book: &PriceBook,
    options: &EstateOptions,
) -> Result<GroupResult, String> {
    let p = plan_in(plan, &res.region, &res.account);
    let so = simulation_options(&p, options);
    let sim = simulate_backup_plan(&p, &[sim_resource(res, rtype, &res.account, 1.0)], &so)
        .map_err(|e| e.message.clone())?;
    let mut rpo = [(false, None); 4];
    if let Some(r) = sim.resources.first() {
        for d in &r.rpo {
            if let Some(i) = Disruption::ALL.iter().position(|x| *x == d.disruption) {
                if let Some(slot) = rpo.get_mut(i) {
                    *slot = (d.covered, d.worst_seconds.filter(|_| d.covered));
                }
            }
        }
    }
    let (unit_monthly, unpriced) =
        match backup_cost(&sim.cost_records(), book, &cost_options(&so, options)) {
            Ok(c) => (steady_monthly(&c), None),
            Err(e) => (None, Some(e.message)),
        };
    Ok(GroupResult {
        rpo,
        unit_monthly,
        unpriced,
    })
}

/// The plan's scope against a resource: `None` in scope, else why not.
fn out_of_scope(ep: &EstatePlan, account: &str, region: &str) -> Option<String> {
    if !ep.accounts.is_empty() && !ep.accounts.iter().any(|a| a == account) {
        return Some(format!(
            "plan {} selects it but applies in account(s) {}, not {account}",
            ep.id,
            crate::budget::echo(&ep.accounts.join(", "))
        ));
    }
    let in_region = if !ep.regions.is_empty() {
        ep.regions.iter().any(|r| r == region)
    } else if let Some(r) = &ep.plan.region {
        r == region
    } else if !ep.plan.regions.is_empty() {
        ep.plan.regions.iter().any(|r| r == region)
    } else {
        true
    };
    (!in_region).then(|| {
        format!(
            "plan {} selects it but runs in other Regions, not {region} (AWS Backup plans are Regional)",
            ep.id
        )
    })
}

/// Every resource of `estate` against every plan: per-resource rows (unless `summary_only`) and
/// roll-ups by account, Region, type and the chosen tag keys.
///
/// Errors: `over_budget` for more than [`MAX_ESTATE_RESOURCES`] resources (at `/resources`),
/// [`MAX_ESTATE_PLANS`] plans (`/plans`), more than [`MAX_ROWS`] rows without `summary_only`
/// (`/resources`), more than [`MAX_SCHEDULE_GROUPS`] simulations or [`MAX_SELECTION_WORK`]
/// resource × selection checks; `invalid_input` for a bad option (`/as_of`, `/horizon_days`,
/// `/default_size_gib`, `/hours_per_month`). A plan that cannot be simulated does not fail the
/// call: its resources are selected, with unknown RPO and bill, and a note names the plan.
pub fn evaluate_estate(
    estate: &Estate,
    book: &PriceBook,
    options: &EstateOptions,
) -> Result<EstateEvaluation, Error> {
    evaluate(estate, book, options)
}

fn check_options(estate: &Estate, options: &EstateOptions) -> Result<(), Error> {
    use crate::budget::over;
    let n = estate.resources.len();
    if n > MAX_ESTATE_RESOURCES {
        return Err(over(
            "estate",
            "/resources",
            "the estate",
            n as u64,
            MAX_ESTATE_RESOURCES as u64,
            "resources",
        ));
    }
    if estate.plans.len() > MAX_ESTATE_PLANS {
        return Err(over(
            "estate",
            "/plans",
            "the estate",
            estate.plans.len() as u64,
            MAX_ESTATE_PLANS as u64,
            "plans",
        ));
    }
    if !options.summary_only && n > MAX_ROWS {
        return Err(over(
            "estate",
            "/resources",
            "per-resource rows (set options.summary_only for roll-ups only)",
            n as u64,
            MAX_ROWS as u64,
            "rows",
        ));
    }
    let selections: u64 = estate.plans.iter().map(|p| p.selections.len() as u64).sum();
    let work = selections.saturating_mul(n as u64);
    if work > MAX_SELECTION_WORK {
        return Err(over(
            "estate",
            "/resources",
            "resource × selection checks",
            work,
            MAX_SELECTION_WORK,
            "checks",
        ));
    }
    let mut issues = Vec::new();
    let oi = |path: &str, msg: String| Issue::error("out_of_range", path, msg).in_input("options");
    if let Some(h) = options.horizon_days {
        if !(h.is_finite() && h > 0.0 && h <= MAX_HORIZON_DAYS) {
            issues.push(oi(
                "/horizon_days",
                format!("horizon_days {h} is out of range: more than 0, at most 36,500"),
            ));
        }
    }
    if let Some(h) = options.hours_per_month {
        if !(672.0..=744.0).contains(&h) {
            issues.push(oi(
                "/hours_per_month",
                format!("hours_per_month {h} is out of range 672‥744"),
            ));
        }
    }
    if let Some(t) = &options.as_of {
        if t.parse::<jiff::Timestamp>().is_err() {
            issues.push(
                Issue::error(
                    "invalid_time",
                    "/as_of",
                    format!("as_of {:?} is not an RFC 3339 time", crate::budget::echo(t)),
                )
                .in_input("options"),
            );
        }
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, p) in estate.plans.iter().enumerate() {
        if let Some(first) = seen.insert(p.id.as_str(), i) {
            issues.push(
                Issue::error(
                    "duplicate_plan",
                    format!("/plans/{i}/id"),
                    format!(
                        "plan id {:?} is also plan {first}'s",
                        crate::budget::echo(&p.id)
                    ),
                )
                .in_input("estate"),
            );
        }
    }
    if issues.is_empty() {
        Ok(())
    } else {
        Err(Error::invalid(issues))
    }
}

fn evaluate(
    estate: &Estate,
    book: &PriceBook,
    options: &EstateOptions,
) -> Result<EstateEvaluation, Error> {
    check_options(estate, options)?;
    let default_size = options.default_size_gib.map_or(DEFAULT_SIZE_GIB, Gib::get);
    let plan_accts: Vec<Vec<String>> = estate
        .plans
        .iter()
        .map(|p| plan_accounts(&p.plan))
        .collect();
    let rule_names: Vec<Vec<String>> = estate
        .plans
        .iter()
        .map(|p| p.plan.rules.iter().map(|r| r.name.clone()).collect())
        .collect();
    // Opt-in: (account, Region, type) → opted in; account "" = every account.
    let mut opt_in: HashMap<(&str, &str, &str), bool> = HashMap::new();
    for o in &estate.opt_in {
        opt_in.insert(
            (
                o.account.as_deref().unwrap_or(""),
                o.region.as_str(),
                o.resource_type.as_str(),
            ),
            o.opted_in,
        );
    }
    let mut groups: HashMap<GroupKey, Result<GroupResult, String>> = HashMap::new();
    let mut failed_plans: BTreeMap<usize, String> = BTreeMap::new();
    let mut unpriced: BTreeMap<(usize, String), String> = BTreeMap::new();
    let mut rollups = Rollups::new(&options.tag_keys);
    let mut summaries: Vec<PlanSummary> = estate
        .plans
        .iter()
        .map(|p| plan_summary(p, options))
        .collect();
    let mut rows = Vec::new();
    let mut default_sizes = 0u64;
    let mut opt_in_unlisted = 0u64;
    let mut no_rate = 0u64;
    for r in &estate.resources {
        let res = resolve(r, default_size);
        if !res.size_given {
            default_sizes += 1;
        }
        if r.change_rate.is_none() {
            no_rate += 1;
        }
        let row = evaluate_one(
            estate,
            &res,
            book,
            options,
            &plan_accts,
            &rule_names,
            &opt_in,
            &mut groups,
            &mut failed_plans,
            &mut unpriced,
            &mut opt_in_unlisted,
        )?;
        rollups.add(&row, &r.tags);
        for pm in &row.plans {
            if let Some(sum) = summaries.iter_mut().find(|s| s.plan_id == pm.plan_id) {
                sum.resources += 1;
                match pm.monthly_usd {
                    Some(m) => sum.monthly_usd += m,
                    None => sum.unpriced += 1,
                }
            }
        }
        if !options.summary_only {
            rows.push(row);
        }
    }
    let mut defaults = Vec::new();
    if default_sizes > 0 {
        defaults.push(EstateDefault {
            name: "size_gib".into(),
            value: format!("{default_size} GiB"),
            basis: if options.default_size_gib.is_some() { Basis::Input } else { Basis::PlanningDefault },
            source: "aws-backup.md §19.3 (a placeholder for resources whose exports give no size: it scales their bills, never their RPO or protection)".into(),
            count: default_sizes,
        });
    }
    if no_rate > 0 {
        defaults.push(EstateDefault {
            name: "change_rate".into(),
            value: "0 per day (incremental points store 0 GiB)".into(),
            basis: Basis::PlanningDefault,
            source: "aws-backup.md §19.3 (as simulate_backup_plan: a resource without change_rate stores full points only)".into(),
            count: no_rate,
        });
    }
    if opt_in_unlisted > 0 {
        defaults.push(EstateDefault {
            name: "opt_in".into(),
            value: "opted in".into(),
            basis: Basis::Documented,
            source: "aws-backup.md §3.2 S-AUTO (a type not listed in the opt-in settings is taken as opted in)".into(),
            count: opt_in_unlisted,
        });
    }
    let mut notes: Vec<Issue> = failed_plans
        .iter()
        .map(|(i, msg)| {
            Issue::warning(
                "plan_not_simulated",
                format!("/plans/{i}/plan"),
                format!("plan {} could not be simulated: {}; its resources are counted as selected, with unknown RPO and bill", crate::budget::echo(&estate.plans.get(*i).map(|p| p.id.clone()).unwrap_or_default()), crate::budget::echo(msg)),
            )
            .in_input("estate")
        })
        .collect();
    notes.extend(unpriced.iter().take(100).map(|((i, t), msg)| {
        Issue::warning(
            "unpriced",
            format!("/plans/{i}/plan"),
            format!(
                "the {t} backups of plan {} are not priced (their bill is unknown, never 0): {}",
                crate::budget::echo(
                    &estate
                        .plans
                        .get(*i)
                        .map(|p| p.id.clone())
                        .unwrap_or_default()
                ),
                crate::budget::echo(msg)
            ),
        )
        .in_input("estate")
    }));
    if estate.plans.iter().any(|p| {
        p.selections
            .iter()
            .any(|s| !s.resources.is_empty() && !s.list_of_tags.is_empty())
    }) {
        notes.push(
            Issue::info(
                "resources_or_tags",
                "/plans",
                "a selection gives both Resources and ListOfTags: a resource matched by either is selected (aws-backup.md §3.2 S-RT, observed behaviour that AWS's reference does not state)",
            )
            .in_input("estate"),
        );
    }
    if rollups.multi_plan_seen() {
        notes.push(
            Issue::info(
                "rpo_upper_bound",
                "",
                "a resource protected by several plans gets the best of their worst-case RPOs: an upper bound, since the plans' points may interleave (aws-backup.md §19.1)",
            )
            .in_input("estate"),
        );
    }
    let (totals, by_account, by_region, by_resource_type, by_tag) = rollups.finish();
    Ok(EstateEvaluation {
        as_of: options
            .as_of
            .clone()
            .unwrap_or_else(|| DEFAULT_AS_OF.to_owned()),
        horizon_days: options.horizon_days,
        resources: rows,
        totals,
        by_account,
        by_region,
        by_resource_type,
        by_tag,
        plans: summaries,
        schedule_groups: groups.len() as u64,
        defaults,
        notes,
    })
}

/// A plan's summary before any resource: its controls judged on the plan and its selections.
fn plan_summary(ep: &EstatePlan, options: &EstateOptions) -> PlanSummary {
    let context = crate::controls::ControlContext {
        now: Some(
            options
                .as_of
                .clone()
                .unwrap_or_else(|| DEFAULT_AS_OF.to_owned()),
        ),
        ..crate::controls::ControlContext::default()
    };
    let report = crate::controls::check_controls(&ep.plan, &ep.selections, &[], None, &context);
    let (non, ok, err) = match report {
        Ok(r) => (
            r.results
                .iter()
                .filter(|c| c.status == crate::controls::ControlStatus::NonCompliant)
                .map(|c| c.control_name.clone())
                .collect(),
            r.compliant as u64,
            None,
        ),
        Err(e) => (Vec::new(), 0, Some(e.message)),
    };
    PlanSummary {
        plan_id: ep.id.clone(),
        resources: 0,
        monthly_usd: 0.0,
        unpriced: 0,
        controls_non_compliant: non,
        controls_compliant: ok,
        controls_error: err,
    }
}

#[allow(clippy::too_many_arguments)]
fn evaluate_one(
    estate: &Estate,
    res: &Resolved<'_>,
    book: &PriceBook,
    options: &EstateOptions,
    plan_accts: &[Vec<String>],
    rule_names: &[Vec<String>],
    opt_in: &HashMap<(&str, &str, &str), bool>,
    groups: &mut HashMap<GroupKey, Result<GroupResult, String>>,
    failed_plans: &mut BTreeMap<usize, String>,
    unpriced: &mut BTreeMap<(usize, String), String>,
    opt_in_unlisted: &mut u64,
) -> Result<EstateResourceRow, Error> {
    let r = res.r;
    let rtype_s = res.rtype.clone().unwrap_or_default();
    let mut row = EstateResourceRow {
        arn: r.arn.clone(),
        resource_type: rtype_s.clone(),
        account: res.account.clone(),
        region: res.region.clone(),
        protected: false,
        plans: Vec::new(),
        unprotected_reason: None,
        why: Vec::new(),
        rpo: Vec::new(),
        native: native_words(r, &rtype_s),
        size_gib: res.size,
        size_basis: if res.size_given {
            Basis::Input
        } else {
            Basis::PlanningDefault
        },
        monthly_usd: Some(0.0),
        extra_monthly_usd: 0.0,
    };
    let Some(rtype) = res.rtype.as_deref().filter(|t| RESOURCE_TYPES.contains(t)) else {
        row.unprotected_reason = Some(UnprotectedReason::UnsupportedType);
        row.why.push(match &res.rtype {
            Some(t) => format!("{} is not a resource type AWS Backup supports (aws-backup.md §15)", crate::budget::echo(t)),
            None => "the resource type cannot be read from the ARN: give resource_type (aws-backup.md §15)".to_owned(),
        });
        row.rpo = combine_rpo(&[], &row, r);
        return Ok(row);
    };
    let cand = Candidate {
        arn: res.arn,
        resource_type: rtype,
        tags: &r.tags,
    };
    let mut scope_misses: Vec<String> = Vec::new();
    let mut opt_misses: Vec<String> = Vec::new();
    let mut hits: Vec<(usize, String, Option<GroupResult>)> = Vec::new();
    for (pi, ep) in estate.plans.iter().enumerate() {
        let Some(m) = ep
            .selections
            .iter()
            .map(|s| (s, matches(s, &cand)))
            .find(|(_, m)| m.selected)
        else {
            continue;
        };
        if let Some(why) = out_of_scope(ep, &res.account, &res.region) {
            scope_misses.push(why);
            continue;
        }
        let opted = opt_in
            .get(&(res.account.as_str(), res.region.as_str(), rtype))
            .or_else(|| opt_in.get(&("", res.region.as_str(), rtype)))
            .copied();
        if opted.is_none() {
            *opt_in_unlisted += 1;
        }
        let bypass = m.1.explicit_type && !ALWAYS_OPT_IN.contains(&rtype);
        if opted == Some(false) && !bypass {
            opt_misses.push(format!(
                "plan {} selects it, but {rtype} is not opted in for {} in {} (aws-backup.md §3.2 S-OPT)",
                ep.id, res.account, res.region
            ));
            continue;
        }
        let key = GroupKey {
            plan: pi,
            rtype: rtype.to_owned(),
            region: res.region.clone(),
            account: plan_accts
                .get(pi)
                .is_some_and(|a| a.contains(&res.account))
                .then(|| res.account.clone()),
            fraction_bits: res.fraction.to_bits(),
            incremental: res.incremental,
        };
        if !groups.contains_key(&key) {
            if groups.len() >= MAX_SCHEDULE_GROUPS {
                return Err(crate::budget::over_at_least(
                    "estate",
                    "/resources",
                    "schedule groups (plan × type × Region × account kind × change rate)",
                    MAX_SCHEDULE_GROUPS as u64,
                    "simulations",
                ));
            }
            let g = run_group(&ep.plan, res, rtype, book, options);
            groups.insert(key.clone(), g);
        }
        let g = match groups.get(&key) {
            Some(Ok(g)) => {
                if let Some(why) = &g.unpriced {
                    unpriced
                        .entry((pi, rtype.to_owned()))
                        .or_insert_with(|| why.clone());
                }
                Some(g.clone())
            }
            Some(Err(e)) => {
                failed_plans.entry(pi).or_insert_with(|| e.clone());
                None
            }
            None => None,
        };
        hits.push((pi, m.0.name.clone(), g));
    }
    if hits.is_empty() {
        row.unprotected_reason = Some(if !opt_misses.is_empty() {
            UnprotectedReason::NotOptedIn
        } else if !scope_misses.is_empty() {
            UnprotectedReason::OutOfScope
        } else {
            UnprotectedReason::NoPlan
        });
        row.why.extend(opt_misses.into_iter().take(3));
        row.why.extend(scope_misses.into_iter().take(3));
        if row.why.is_empty() {
            row.why.push(format!(
                "no selection of the {} plan(s) selects it",
                estate.plans.len()
            ));
        }
        row.rpo = combine_rpo(&[], &row, r);
        return Ok(row);
    }
    row.protected = true;
    let mut costs: Vec<f64> = Vec::new();
    let mut priced = true;
    for (pi, sel, g) in &hits {
        let monthly = g
            .as_ref()
            .and_then(|g| g.unit_monthly)
            .map(|u| u * res.size);
        match monthly {
            Some(m) => costs.push(m),
            None => priced = false,
        }
        row.plans.push(PlanMatch {
            plan_id: estate
                .plans
                .get(*pi)
                .map(|p| p.id.clone())
                .unwrap_or_default(),
            selection: sel.clone(),
            rules: rule_names.get(*pi).cloned().unwrap_or_default(),
            monthly_usd: monthly,
        });
    }
    let total: f64 = costs.iter().sum();
    let largest = costs.iter().copied().fold(0.0_f64, f64::max);
    row.monthly_usd = priced.then_some(total);
    row.extra_monthly_usd = if hits.len() > 1 { total - largest } else { 0.0 };
    let results: Vec<(String, Option<GroupResult>)> = hits
        .iter()
        .map(|(pi, _, g)| {
            (
                estate
                    .plans
                    .get(*pi)
                    .map(|p| p.id.clone())
                    .unwrap_or_default(),
                g.clone(),
            )
        })
        .collect();
    row.rpo = combine_rpo(&results, &row, r);
    Ok(row)
}
