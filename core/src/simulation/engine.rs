//! The simulation proper, phase by phase: the horizon (options) → the plan, its rules' runs and
//! the resources → a bound on the work → the assumptions → the recovery points → the records →
//! the inventory → the output.

use jiff::{SignedDuration, Timestamp};

use super::state::{rfc3339, Notes, PlanPaths, ResPrep, RulePrep, Setup};
use super::*;
use crate::backup::VaultType;
use crate::error::{Error, Issue, Severity};

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
    if plan_in.rules.len() > MAX_RULES {
        return Err(crate::budget::over(
            "plan",
            "/rules",
            "simulating the plan's rules",
            plan_in.rules.len() as u64,
            MAX_RULES as u64,
            "rules",
        ));
    }
    for (i, rule) in plan_in.rules.iter().enumerate() {
        if rule.copy_actions.len() > MAX_COPY_ACTIONS {
            return Err(crate::budget::over(
                "plan",
                &format!("/rules/{i}/copy_actions"),
                "simulating the rule's copy actions",
                rule.copy_actions.len() as u64,
                MAX_COPY_ACTIONS as u64,
                "copy actions",
            ));
        }
    }
    let mut issues: Vec<Issue> = Vec::new();
    let mut notes = Notes::new();
    let h = horizon::read_horizon(options, &mut issues);
    let Prepared {
        plan,
        vaults,
        mut plan_issues,
        rules,
        res,
    } = prepare(
        plan_in,
        resources,
        options,
        extra_plan_issues,
        &h,
        &mut issues,
        &mut notes,
    );
    if issues.iter().any(Issue::is_error) {
        return Err(Error::invalid(issues));
    }
    let (Some(start), Some(grid)) = (h.start, h.grid) else {
        return Err(Error::invalid(issues));
    };
    let points_bound = bound_work(&rules, &res, h.max_points, h.horizon_days)?;
    if options.expand_repeats {
        // Every point becomes a record: refuse before generating anything.
        check_output(points_bound, 0, 0)?;
    }
    let ctx = assumptions::context(&rules, &plan, options, start, h.corruption, &mut notes);
    let setup = Setup {
        plan: &plan,
        rules: &rules,
        options,
        ctx: &ctx,
        paths: PlanPaths { plan: &plan },
        lag_vaults: vaults
            .iter()
            .filter(|v| v.vault_type == VaultType::LogicallyAirGappedBackupVault)
            .collect(),
        job_s: ctx.job.round() as i64,
        lag_s: ctx.copy_lag.round() as i64,
        compress,
    };
    let (store, resources_out) = points::generate(&setup, &res, &mut notes);
    // The store is compact (regular runs); the records and inventory built from it are not.
    let records_n: u64 = store
        .series
        .iter()
        .chain(&store.bases)
        .map(|s| {
            if options.expand_repeats {
                s.points()
            } else {
                s.runs.len() as u64
            }
        })
        .sum();
    let regions = store
        .groups
        .list
        .iter()
        .map(|g| g.key.region.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len() as u64;
    let series_n = store.groups.list.len() as u64 + regions + 1;
    check_output(records_n, grid.samples as u64, series_n)?;
    let records = records::records(&store, &res, &rules, options.expand_repeats);
    let inventory = inventory::sample(&store, &rules, grid, start)?;

    plan_issues.sort_by_key(|i| i.severity);
    let mut notes = notes.into_list();
    notes.sort_by_key(|i| i.severity == Severity::Info);
    Ok(Simulation {
        plan_name: plan.name.clone(),
        start: rfc3339(start, 0),
        horizon_seconds: h.horizon as f64,
        assumptions: assumptions::assumptions(options, &ctx),
        rules: records::rule_reports(&rules, &plan),
        resources: resources_out,
        recovery_points: records.recovery_points,
        chain_bases: records.chain_bases,
        series: records.series,
        point_count: records.point_count,
        inventory,
        plan_issues,
        notes,
    })
}

/// The plan normalized and validated, its rules' runs and the resources.
struct Prepared {
    plan: BackupPlan,
    /// The options' vaults.
    vaults: Vec<BackupVault>,
    /// The plan validator's findings (after `extra_plan_issues`).
    plan_issues: Vec<Issue>,
    rules: Vec<RulePrep>,
    res: Vec<ResPrep>,
}

/// Phase 2: normalize and validate the plan, expand its rules over the horizon and read the
/// resources. When the options already failed, the rules are still read (over an empty horizon)
/// so that the plan's own problems are reported alongside.
fn prepare(
    plan_in: &BackupPlan,
    resources: &[Resource],
    options: &SimulationOptions,
    extra_plan_issues: &[Issue],
    h: &horizon::Horizon,
    issues: &mut Vec<Issue>,
    notes: &mut Notes,
) -> Prepared {
    let mut plan = plan_in.clone();
    plan.normalize();
    let selections = options.selections.as_deref();
    let vaults = options.vaults.clone().unwrap_or_default();
    let mut plan_issues: Vec<Issue> = extra_plan_issues.to_vec();
    plan_issues.extend(crate::backup::validate_backup_plan(
        &plan,
        &vaults,
        selections.unwrap_or(&[]),
    ));
    let (start, end) = if issues.is_empty() {
        let start = h.start.unwrap_or(Timestamp::UNIX_EPOCH);
        let end = start
            .checked_add(SignedDuration::from_secs(h.horizon))
            .unwrap_or(Timestamp::MAX);
        (start, end)
    } else {
        (Timestamp::UNIX_EPOCH, Timestamp::UNIX_EPOCH)
    };
    let rules = runs::prepare_rules(&plan, start, end, options, issues, notes);
    let res = resources::prepare_resources(&plan, resources, selections, issues, notes);
    Prepared {
        plan,
        vaults,
        plan_issues,
        rules,
        res,
    }
}

/// Phase 3: bound the work before doing it (`too_many_points` at `/horizon_days`).
/// Check the output's estimated size against [`crate::budget::OUTPUT_BYTES`]: `records` point
/// records of [`RECORD_BYTES`] each, and an inventory of `samples` samples for `series` series
/// (four numbers per sample and series, [`SAMPLE_BYTES`] each).
fn check_output(records: u64, samples: u64, series: u64) -> Result<(), Error> {
    let bytes = records.saturating_mul(RECORD_BYTES).saturating_add(
        samples
            .saturating_mul(series.saturating_mul(4) + 1)
            .saturating_mul(SAMPLE_BYTES),
    );
    if bytes > crate::budget::OUTPUT_BYTES {
        let path = if records.saturating_mul(RECORD_BYTES) > crate::budget::OUTPUT_BYTES / 2 {
            "/expand_repeats"
        } else {
            "/sample_every"
        };
        let err = crate::budget::over(
            "options",
            path,
            &if samples == 0 {
                format!("the output (up to {records} point records)")
            } else {
                format!("the output ({records} point records, {samples} inventory samples × {series} series)")
            },
            bytes,
            crate::budget::OUTPUT_BYTES,
            "bytes",
        );
        return Err(err);
    }
    Ok(())
}

/// Bound the points the plan may create; returns the bound.
fn bound_work(
    rules: &[RulePrep],
    res: &[ResPrep],
    max_points: u64,
    horizon_days: f64,
) -> Result<u64, Error> {
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
    Ok(estimate)
}
