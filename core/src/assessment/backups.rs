//! The backup plan of a strategy, and what the engines that own backups say about it.
//!
//! From a workload's `backups` settings and a strategy, drplan builds a real AWS Backup plan in
//! its own model (one scheduled rule into a primary vault, copy actions to the recovery Region
//! and to an isolated account as the workload and strategy say) with the workload's backed-up
//! components as resources; or it reads the plan the caller runs (`workload.backup_plan`, any
//! shape `parse_backup_plan` reads). The plan is then run by `simulate_backup_plan` (cron, time
//! zone, start window, copies, lifecycle) and billed by `backup_cost` on the simulated records:
//! the backup-based RPO terms are the simulation's worst RPO per disruption, the backup cost
//! lines the bill's lines in its steady-state month (dr-strategies.md §5.3).

use serde::{Deserialize, Serialize};

use crate::backup::{BackupPlan, BackupRule, BackupSelection, CopyAction, Lifecycle};
use crate::cost::{backup_cost, BackupCostOptions, CostKind, CostLine};
use crate::error::{Error, Issue};
use crate::provenance::{Basis, Fact};
use crate::recovery::backups::SimulatedRpo;
use crate::recovery::{CostItem, Disruption};
use crate::simulation::{
    simulate_backup_plan, ChangeRate, PlanOrDocument, Resource, Simulation, SimulationOptions,
};
use crate::strategy::facts as f;
use crate::strategy::Strategy;
use crate::units::{Gib, Seconds};
use crate::workload::{Engine, Topology, Workload};

/// Placeholder account of the workload (AWS's documentation example account).
const PRIMARY_ACCOUNT: &str = "111122223333";
/// Placeholder account of the isolated copies (AWS's documentation example account).
const ISOLATED_ACCOUNT: &str = "444455556666";
/// Vault names of the derived plan.
const PRIMARY_VAULT: &str = "drplan-primary";
const RECOVERY_VAULT: &str = "drplan-recovery";
const ISOLATED_VAULT: &str = "drplan-isolated";
/// Where the simulated horizon starts (a fixed instant: the answer must not depend on a clock).
const START: &str = "2026-01-05T00:00:00Z";
/// Days simulated past the longest retention: the fill plus more than three 730-hour months for
/// `backup_cost` to see a steady bill (its default run length), plus one month of margin.
const STEADY_MARGIN_DAYS: f64 = 150.0;
/// Most inventory samples the internal simulation takes (the assessment reads no inventory).
const SAMPLES: f64 = 1_000.0;
/// The price book's Region, used when the workload names no primary Region.
const DEFAULT_PRIMARY: &str = "us-east-1";

/// The backup plan a strategy was assessed with: pass `plan` to `export_backup_plan`, and
/// `plan`, `resources`, `options` to `simulate_backup_plan` unchanged to see what it does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct StrategyBackupPlan {
    /// True when drplan built the plan from the workload's `backups`; false for the workload's
    /// own `backup_plan`.
    pub derived: bool,
    pub plan: BackupPlan,
    /// The workload's backed-up components as the simulation's resources (`id` = component name).
    pub resources: Vec<Resource>,
    /// The simulation options used (horizon long enough for the steady state).
    pub options: SimulationOptions,
    /// The month of `backup_cost` (default options but `horizon_months`, `hours_per_month` and the
    /// RDS allowance listed here) whose lines are the strategy's backup cost lines: the
    /// steady-state month, else the last.
    pub cost_month: u32,
    pub cost_options: BackupCostOptions,
    /// What the backup plan bills in `cost_month` (storage, early deletion, transfer).
    pub monthly_usd: Option<f64>,
}

/// What the engines said about a strategy's backups.
pub(crate) struct BackupFacts {
    pub rpo: SimulatedRpo,
    pub items: Vec<CostItem>,
    pub unpriced: Vec<String>,
    pub defaults: Vec<(String, String)>,
    pub plan: Option<StrategyBackupPlan>,
    /// Warnings about the plan (components it does not protect).
    pub notes: Vec<Issue>,
    /// Whether any recovery point survives a Region loss / an account compromise.
    pub region_copy: Option<bool>,
    pub account_copy: Option<bool>,
}

/// The primary and recovery Regions of the plan. Without a `recovery_location`, copies go to a
/// placeholder Region other than the primary (named in the defaults the call reports).
fn regions(w: &Workload) -> (String, String) {
    let primary = w
        .primary_location
        .clone()
        .unwrap_or_else(|| DEFAULT_PRIMARY.to_owned());
    let recovery = match (w.topology, &w.recovery_location) {
        (Topology::AzToAz, _) => primary.clone(),
        (_, Some(r)) => r.clone(),
        (_, None) => placeholder_recovery(&primary).to_owned(),
    };
    (primary, recovery)
}

fn placeholder_recovery(primary: &str) -> &'static str {
    if primary == "us-west-2" {
        "us-east-1"
    } else {
        "us-west-2"
    }
}

/// The AWS Backup resource type and ARN of a component backed up by AWS Backup.
fn arn_of(
    engine: Engine,
    name: &str,
    region: &str,
    account: &str,
) -> Option<(&'static str, String)> {
    match engine {
        e if e.is_aurora() => Some((
            "Aurora",
            format!("arn:aws:rds:{region}:{account}:cluster:{name}"),
        )),
        e if e.is_rds() => Some(("RDS", format!("arn:aws:rds:{region}:{account}:db:{name}"))),
        Engine::Dynamodb => Some((
            "DynamoDB",
            format!("arn:aws:dynamodb:{region}:{account}:table/{name}"),
        )),
        _ => None,
    }
}

/// The workload's components AWS Backup protects, as simulation resources: AWS databases (a
/// self-managed database is backed up by its own tooling, dr-strategies.md §5.3), and buckets
/// when copies leave the account (the only case the estimate restores buckets from backups).
fn resources(w: &Workload, region: &str, account: &str) -> Vec<Resource> {
    if w.topology.primary_on_premises() {
        return Vec::new();
    }
    let resource = |id: &str, rtype: &str, arn: String, size: Gib, change: Option<Gib>| Resource {
        arn: Some(arn),
        id: Some(id.to_owned()),
        resource_type: Some(rtype.to_owned()),
        region: Some(region.to_owned()),
        account: Some(account.to_owned()),
        size_gib: size,
        change_rate: Some(ChangeRate::GibPerDay(change.map_or(0.0, Gib::get))),
        tags: Default::default(),
        incremental: None,
        replicated: false,
    };
    let mut out: Vec<Resource> = w
        .databases()
        .filter_map(|(_, d)| {
            let (t, arn) = arn_of(d.engine, &d.name, region, account)?;
            Some(resource(&d.name, t, arn, d.size_gib, d.change_gib_per_day))
        })
        .collect();
    if w.backups.cross_account_copy {
        for (_, o) in w.object_stores() {
            let arn = format!("arn:aws:s3:::{}", o.name);
            out.push(resource(
                &o.name,
                "S3",
                arn,
                o.size_gib,
                o.change_gib_per_day,
            ));
        }
    }
    out
}

/// The schedule of a backup every `interval` seconds in AWS's cron dialect, and a note when the
/// interval had to be rounded down to one the dialect can repeat evenly.
fn schedule(interval: f64) -> (String, Option<String>) {
    const HOUR: f64 = 3_600.0;
    const DAY: f64 = 86_400.0;
    let hours = (interval / HOUR).max(1.0);
    if interval <= DAY {
        // Divisors of 24: a step that repeats the same hours every day.
        let step = [24u32, 12, 8, 6, 4, 3, 2, 1]
            .into_iter()
            .find(|d| f64::from(*d) <= hours + 1e-9)
            .unwrap_or(1);
        let cron = if step == 24 {
            crate::backup::DEFAULT_SCHEDULE_EXPRESSION.to_owned()
        } else {
            format!("cron(0 0/{step} ? * * *)")
        };
        let note = ((f64::from(step) * HOUR - interval).abs() > 0.5)
            .then(|| format!("the derived plan backs up every {step} h: AWS Backup's cron repeats evenly each day only at 1, 2, 3, 4, 6, 8, 12 or 24 h (at least hourly), so the interval was rounded to the nearest such step not above it"));
        return (cron, note);
    }
    let days = (interval / DAY).floor().max(1.0) as u32;
    let note = ((f64::from(days) * DAY - interval).abs() > 0.5).then(|| {
        format!(
            "the derived plan backs up every {days} d: the interval was rounded down to whole days"
        )
    });
    let cron = match days {
        7 => "cron(0 5 ? * SUN *)".to_owned(),
        d if d >= 28 => "cron(0 5 1 * ? *)".to_owned(),
        d => format!("cron(0 5 1/{d} * ? *)"),
    };
    (cron, note)
}

fn note(defaults: &mut Vec<(String, String)>, path: &str, fact: &Fact) {
    if matches!(
        fact.basis,
        Basis::PlanningDefault | Basis::Unconfirmed | Basis::Heuristic
    ) && !defaults.iter().any(|(p, _)| p == path)
    {
        defaults.push((path.to_owned(), fact.described()));
    }
}

/// The plan drplan assumes for `strategy`: one rule on the workload's interval and start window
/// into the primary vault, kept `retention_days`; a copy to the recovery Region when the strategy
/// keeps a recovery Region and the workload copies there; a copy to an isolated account when the
/// workload says so.
pub(crate) fn derive_plan(w: &Workload, strategy: Strategy) -> (BackupPlan, Vec<String>) {
    let (primary, recovery) = regions(w);
    let b = &w.backups;
    let (cron, rounded) = schedule(
        b.interval_seconds
            .map_or(f::BACKUP_INTERVAL.value, Seconds::get),
    );
    let retention = b
        .retention_days
        .unwrap_or(f::RETENTION_DAYS.value)
        .ceil()
        .clamp(1.0, 36_500.0) as i64;
    let keep = || Lifecycle {
        delete_after_days: Some(retention),
        ..Lifecycle::default()
    };
    let mut rule = BackupRule::new("scheduled", PRIMARY_VAULT);
    rule.schedule_expression = Some(cron);
    rule.schedule_expression_timezone = Some("UTC".to_owned());
    rule.start_window_minutes = b
        .start_window_seconds
        .map(|s| (s.get() / 60.0).ceil().clamp(0.0, 1.0e9) as i64);
    rule.lifecycle = Some(keep());
    let copies_region = strategy != Strategy::MultiAzOnly
        && w.topology == Topology::RegionToRegion
        && b.cross_region_copy
        && recovery != primary;
    if copies_region {
        rule.copy_actions.push(CopyAction::new(
            format!("arn:aws:backup:{recovery}:{PRIMARY_ACCOUNT}:backup-vault:{RECOVERY_VAULT}"),
            Some(keep()),
        ));
    }
    if b.cross_account_copy {
        rule.copy_actions.push(CopyAction::new(
            format!("arn:aws:backup:{primary}:{ISOLATED_ACCOUNT}:backup-vault:{ISOLATED_VAULT}"),
            Some(keep()),
        ));
    }
    let mut plan = BackupPlan::new(
        format!("drplan-{}-{}", w.name.trim(), slug(strategy)),
        vec![rule],
    );
    plan.region = Some(primary);
    plan.account = Some(PRIMARY_ACCOUNT.to_owned());
    plan.normalize();
    (plan, rounded.into_iter().collect())
}

fn slug(s: Strategy) -> &'static str {
    match s {
        Strategy::MultiAzOnly => "multi-az-only",
        Strategy::BackupRestore => "backup-restore",
        Strategy::PilotLight => "pilot-light",
        Strategy::WarmStandby => "warm-standby",
        Strategy::MultiSite => "multi-site",
    }
}

/// An issue of the user's plan, pointed into the workload's `backup_plan`.
fn in_user_plan(i: Issue) -> Issue {
    match i.input.as_deref() {
        Some("plan") | Some(crate::backup::import::INPUT) => {
            i.under("/backup_plan").in_input("workload")
        }
        Some("options") if i.path.starts_with("/selections") || i.path.starts_with("/vaults") => {
            i.under("/backup_plan").in_input("workload")
        }
        _ => in_workload_backups(i),
    }
}

/// An issue of the internal simulation of the derived plan, pointed at the workload's settings
/// that drive it (the horizon follows the retention).
fn in_workload_backups(i: Issue) -> Issue {
    let path = if i.path.starts_with("/horizon_days") {
        "/backups/retention_days"
    } else {
        "/backups"
    };
    let mut i = i;
    i.path = path.to_owned();
    i.in_input("workload")
}

/// The price-book key of DynamoDB point-in-time recovery storage (pricing.md §6.4, §8.1).
pub(crate) const DYNAMODB_PITR_KEY: &str = "backup.dynamodb.continuous_gb_month";

/// Simulate and bill the strategy's backup plan (the workload's own when it gives one), plus the
/// native backups outside any AWS Backup plan: DynamoDB point-in-time recovery, billed by
/// DynamoDB on the table size whatever the recovery period (pricing.md §6.4, §9).
pub(crate) fn backup_facts(w: &Workload, strategy: Strategy) -> Result<BackupFacts, Error> {
    let mut facts = plan_facts(w, strategy)?;
    if w.backups.point_in_time_recovery && !w.topology.primary_on_premises() {
        let book = crate::pricing::default_price_book();
        for (ci, d) in w.databases() {
            let pitr = d.engine == Engine::Dynamodb
                && w.components.get(ci).is_some_and(|c| {
                    crate::strategy::preset::effective(strategy, w, c)
                        .contains(&crate::workload::Mechanism::AutomatedBackups)
                });
            if pitr {
                let size = d.size_gib.get();
                crate::recovery::standby_cost::book_line(
                    &book,
                    &mut facts.items,
                    &mut facts.unpriced,
                    DYNAMODB_PITR_KEY,
                    "DynamoDB point-in-time recovery storage (native, outside the backup plan)",
                    &d.name,
                    Some((
                        size,
                        format!("{size} GiB table (with its local secondary indexes)"),
                    )),
                );
            }
        }
    }
    Ok(facts)
}

/// Simulate and bill the strategy's backup plan (the workload's own when it gives one).
fn plan_facts(w: &Workload, strategy: Strategy) -> Result<BackupFacts, Error> {
    let (primary, recovery) = regions(w);
    let mut defaults = Vec::new();
    let mut unpriced = Vec::new();
    // Databases backed up by their own tooling: no AWS price (dr-strategies.md §5.3).
    let copies = (w.backups.cross_region_copy && w.topology.aws_facts_apply())
        || w.backups.cross_account_copy;
    if strategy != Strategy::MultiAzOnly && copies {
        for (_, d) in w.databases() {
            if d.engine == Engine::SelfManaged {
                unpriced.push(format!(
                    "backup copy storage of {}: no price for self-managed backups",
                    d.name
                ));
            }
        }
    }
    let empty = BackupFacts {
        rpo: SimulatedRpo::default(),
        items: Vec::new(),
        unpriced: unpriced.clone(),
        defaults: Vec::new(),
        plan: None,
        notes: Vec::new(),
        region_copy: None,
        account_copy: None,
    };
    let mut early: Vec<Issue> = Vec::new();
    // The plan and where it came from.
    let (plan, selections, vaults, derived, account) = match &w.backup_plan {
        Some(v) => {
            let arg = PlanOrDocument::from_json(v.clone())
                .and_then(|p| p.resolve(None))
                .map_err(|e| e.map_issues(in_user_plan))?;
            let account = arg
                .plan
                .account
                .clone()
                .unwrap_or_else(|| PRIMARY_ACCOUNT.to_owned());
            let selections = (!arg.selections.is_empty()).then(|| arg.selections.clone());
            let vaults = (!arg.vaults.is_empty()).then(|| arg.vaults.clone());
            (arg.plan.into_owned(), selections, vaults, false, account)
        }
        None => {
            let (plan, rounded) = derive_plan(w, strategy);
            if w.primary_location.is_none() {
                defaults.push((
                    "/primary_location".to_owned(),
                    format!("{DEFAULT_PRIMARY} as the Region of the backup plan (drplan's placeholder: set primary_location)"),
                ));
            }
            let copies_region = plan
                .rules
                .iter()
                .any(|r| r.copy_actions.iter().any(|c| c.cross_region == Some(true)));
            if w.recovery_location.is_none() && copies_region {
                defaults.push((
                    "/recovery_location".to_owned(),
                    format!("{recovery} as the Region the backups are copied to (drplan's placeholder: set recovery_location)"),
                ));
            }
            if let Some(r) = rounded.into_iter().next() {
                early.push(
                    Issue::warning("backup_interval_rounded", "/backups/interval_seconds", r)
                        .in_input("workload"),
                );
            }
            if w.backups.interval_seconds.is_none() {
                note(
                    &mut defaults,
                    "/backups/interval_seconds",
                    &f::BACKUP_INTERVAL,
                );
            }
            (plan, None, None, true, PRIMARY_ACCOUNT.to_owned())
        }
    };
    let resources = resources(w, plan.region.as_deref().unwrap_or(&primary), &account);
    if resources.is_empty() {
        return Ok(empty);
    }
    let selections = selections.or_else(|| {
        derived.then(|| {
            vec![BackupSelection {
                name: "workload".to_owned(),
                plan_name: Some(plan.name.clone()),
                iam_role_arn: Some(format!(
                    "arn:aws:iam::{account}:role/service-role/AWSBackupDefaultServiceRole"
                )),
                resources: resources.iter().filter_map(|r| r.arn.clone()).collect(),
                not_resources: Vec::new(),
                list_of_tags: Vec::new(),
                conditions: Default::default(),
                source: None,
            }]
        })
    });
    if w.backups.job_duration_seconds.is_none() {
        note(
            &mut defaults,
            "/backups/job_duration_seconds",
            &f::JOB_DURATION,
        );
    }
    if plan.rules.iter().any(|r| !r.copy_actions.is_empty())
        && w.backups.copy_duration_seconds.is_none()
    {
        note(
            &mut defaults,
            "/backups/copy_duration_seconds",
            &f::COPY_DURATION,
        );
    }
    // A horizon just long enough for the steady state: the longest retention plus the margin.
    let longest = plan
        .rules
        .iter()
        .flat_map(|r| {
            std::iter::once(r.retention_days()).chain(
                r.copy_actions
                    .iter()
                    .map(|c| c.lifecycle.as_ref().and_then(Lifecycle::retention_days)),
            )
        })
        .map(|d| d.map_or(0.0, |d| d as f64))
        .fold(0.0_f64, f64::max);
    let horizon_days = (longest + STEADY_MARGIN_DAYS).min(crate::simulation::MAX_HORIZON_DAYS);
    let mut options = SimulationOptions::starting(START);
    options.horizon_days = Some(horizon_days);
    options.sample_every = Some(Seconds((horizon_days / SAMPLES).ceil().max(1.0) * 86_400.0));
    options.job_duration_seconds = w.backups.job_duration_seconds;
    options.copy_lag_seconds = w.backups.copy_duration_seconds;
    options.selections = selections;
    options.vaults = vaults;
    let sim = simulate_backup_plan(&plan, &resources, &options).map_err(|e| {
        e.map_issues(if derived {
            in_workload_backups
        } else {
            in_user_plan
        })
    })?;
    let mut notes = early;
    notes.extend(sim
        .resources
        .iter()
        .filter(|r| !r.protected)
        .map(|r| {
            Issue::warning(
                "not_in_backup_plan",
                if derived { "/backups" } else { "/backup_plan" },
                format!(
                    "{} is not protected by the backup plan ({}): no backup-based recovery for it",
                    r.resource_id,
                    crate::budget::echo(&r.selected_by.join("; "))
                ),
            )
            .with_hint("its resource ARN is arn:aws:<service>:<Region>:<plan account>:…:<component name>; select it by ARN, type or a wildcard")
            .in_input("workload")
        }));
    let mut rpo = SimulatedRpo::default();
    let (mut region_copy, mut account_copy) = (false, false);
    for r in &sim.resources {
        for d in &r.rpo {
            let terms = (d.covered && d.worst_seconds.is_some()).then(|| d.terms.clone());
            match d.disruption {
                Disruption::Region => region_copy |= d.covered,
                Disruption::AccountCompromise => account_copy |= d.covered,
                _ => {}
            }
            rpo.insert(&r.resource_id, d.disruption, terms);
        }
    }
    // The bill, with the RDS allowance of the Regions where RDS instances run.
    let hours = w
        .operations
        .hours_per_month
        .unwrap_or(f::HOURS_PER_MONTH.value);
    let mut cost_options = BackupCostOptions {
        hours_per_month: w.operations.hours_per_month,
        horizon_months: Some(((horizon_days * 24.0 / hours).floor() as u32).max(1)),
        ..BackupCostOptions::default()
    };
    let rds: f64 = w
        .databases()
        .filter(|(_, d)| d.engine.is_rds())
        .map(|(_, d)| d.size_gib.get())
        .sum();
    if rds > 0.0 {
        let home = plan.region.clone().unwrap_or_else(|| primary.clone());
        cost_options.rds_allocated_gib.insert(home.clone(), rds);
        if strategy.replicates_data() && recovery != home {
            // The cross-Region replica's allocated storage (pricing.md §6.2).
            cost_options.rds_allocated_gib.insert(recovery.clone(), rds);
        }
    }
    let (items, month, monthly) = bill(&sim, &cost_options, &mut unpriced, &mut notes);
    Ok(BackupFacts {
        rpo,
        items,
        unpriced,
        defaults,
        plan: Some(StrategyBackupPlan {
            derived,
            plan,
            resources,
            options,
            cost_month: month,
            cost_options,
            monthly_usd: monthly,
        }),
        notes,
        region_copy: Some(region_copy),
        account_copy: Some(account_copy),
    })
}

/// The month of a bill the Backup plan tab shows: the first steady month, else the last.
pub(crate) fn steady_month(cost: &crate::cost::BackupCost) -> u32 {
    match (cost.steady_state.reached, cost.steady_state.from_month) {
        (true, Some(m)) => m,
        _ => cost.horizon_months,
    }
}

/// `backup_cost` of the simulated records: the lines of its steady month as cost items. Records
/// of a type the price book cannot price are left out and named in `unpriced` (never priced at
/// 0), so the other lines stay billed.
fn bill(
    sim: &Simulation,
    options: &BackupCostOptions,
    unpriced: &mut Vec<String>,
    notes: &mut Vec<Issue>,
) -> (Vec<CostItem>, u32, Option<f64>) {
    let book = crate::pricing::default_price_book();
    let mut records = sim.cost_records();
    let mut result = backup_cost(&records, &book, options);
    if let Err(e) = &result {
        // Leave out the types whose backup prices are missing, once.
        let missing: Vec<String> = e
            .issues
            .iter()
            .filter(|i| i.code == "missing_price")
            .filter_map(|i| i.path.strip_prefix("/prices/").map(str::to_owned))
            .collect();
        let before = records.len();
        records.retain(|r| {
            !missing
                .iter()
                .any(|k| k.starts_with(&format!("backup.{}.", r.resource_type.slug())))
        });
        unpriced.extend(
            e.issues
                .iter()
                .map(|i| format!("backup plan: {}", i.message)),
        );
        result = if records.len() < before && !records.is_empty() {
            backup_cost(&records, &book, options)
        } else {
            Err(e.clone())
        };
    }
    match result {
        Ok(cost) => {
            // Copies in a Region the book does not price are billed at the book's Region.
            for i in cost
                .issues
                .iter()
                .filter(|i| i.code == "priced_with_other_region")
            {
                let msg = i
                    .message
                    .split(": give options")
                    .next()
                    .unwrap_or(&i.message);
                notes.push(
                    Issue::warning(
                        "priced_with_other_region",
                        "/recovery_location",
                        format!("backup {msg}"),
                    )
                    .in_input("workload"),
                );
            }
            let m = steady_month(&cost);
            let month = cost.months.iter().find(|x| x.month == m);
            let items = month
                .map(|x| x.lines.iter().map(|l| item(l, m)).collect())
                .unwrap_or_default();
            (items, m, month.map(|x| x.usd.total_usd))
        }
        Err(_) => (Vec::new(), 0, None),
    }
}

fn item(l: &CostLine, month: u32) -> CostItem {
    let rtype = l
        .resource_type
        .as_ref()
        .map_or_else(String::new, |t| format!("{t} "));
    let vault = l
        .vault
        .as_deref()
        .map_or_else(String::new, |v| format!(" (vault {v})"));
    let item = match l.kind {
        CostKind::StorageWarm => format!("{rtype}backup storage (warm) in {}{vault}", l.region),
        CostKind::StorageCold => format!("{rtype}backup storage (cold) in {}{vault}", l.region),
        CostKind::StorageContinuous => {
            format!("{rtype}continuous backup storage in {}{vault}", l.region)
        }
        CostKind::EarlyDeletion => {
            format!(
                "{rtype}early deletion from cold storage in {}{vault}",
                l.region
            )
        }
        CostKind::Transfer => format!(
            "{rtype}backup copy transfer {} → {}",
            l.source_region.as_deref().unwrap_or("?"),
            l.region
        ),
        CostKind::Restore => format!("{rtype}restore in {}", l.region),
    };
    CostItem {
        item,
        component: None,
        usd: l.usd,
        formula: l.formula.clone(),
        basis: Basis::Derived,
        source: format!(
            "backup_cost month {month} (steady state) of the simulated backup plan (dr-strategies.md §5.3); {}: {}",
            l.price_key, l.price_source
        ),
        quantity: Some(l.quantity),
        unit: Some(l.quantity_unit.clone()),
        free_quantity: l.free_quantity,
        rate_usd: Some(l.rate_usd),
        price_key: Some(l.price_key.clone()),
    }
}
