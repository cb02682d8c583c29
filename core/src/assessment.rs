//! Strategy assessment: every strategy's RPO/RTO per disruption against the policy's targets, its
//! monthly standby cost, and the cheapest strategy that complies (or the closest one).

mod backups;
#[cfg(test)]
mod tests_backups;

use serde::{Deserialize, Serialize};

use crate::error::{ensure_no_errors, Error, Issue};
use crate::policy::Policy;
use crate::recovery::resolve::Ctx;
use crate::recovery::{estimate, Disruption, DisruptionEstimate, RecoveryEstimate};
use crate::strategy::{Strategy, StrategySpec};
use crate::units::human_duration;
use crate::workload::Workload;

use crate::recovery::{monthly_cost, MonthlyCost};

pub use backups::StrategyBackupPlan;

/// A target checked against an estimate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct TargetCheck {
    pub disruption: Disruption,
    /// `rto` or `rpo`.
    pub metric: String,
    pub target_seconds: f64,
    /// Null when unbounded.
    pub value_seconds: Option<f64>,
    pub pass: bool,
    pub reason: String,
}

/// One strategy's assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct StrategyAssessment {
    pub strategy: Strategy,
    pub label: String,
    pub recovery_site: String,
    pub cost_rank: u8,
    pub standby_scale: Option<f64>,
    pub compliant: bool,
    pub checks: Vec<TargetCheck>,
    /// Why it fails, one line per failed check.
    pub failures: Vec<String>,
    /// The mechanisms in force on each component under this strategy.
    pub mechanisms: Vec<crate::strategy::ComponentMechanisms>,
    /// The automation this strategy assumes (or the workload sets).
    pub automation: crate::strategy::AutomationInForce,
    pub monthly_cost: MonthlyCost,
    pub estimates: Vec<DisruptionEstimate>,
    /// The backup plan the strategy was assessed with (derived from the workload's `backups`,
    /// or the workload's own `backup_plan`); null when nothing is backed up by AWS Backup.
    pub backup_plan: Option<StrategyBackupPlan>,
}

/// The answer of [`assess_strategies`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct Assessment {
    pub workload: String,
    pub policy: Policy,
    pub strategies: Vec<StrategyAssessment>,
    /// The cheapest strategy that meets every target, if any.
    pub cheapest_compliant: Option<Strategy>,
    /// When none complies: the one that misses least.
    pub closest: Option<Strategy>,
    pub recommendation: String,
    /// Warnings and notes: planning defaults used, policy import notes.
    pub issues: Vec<Issue>,
}

/// One strategy's estimate: the issues found while resolving, the defaults used, and the
/// backup plan it was assessed with.
pub(crate) type Estimated = (
    RecoveryEstimate,
    Vec<Issue>,
    Vec<(String, String)>,
    Option<StrategyBackupPlan>,
);

pub(crate) fn estimate_with(w: &Workload, spec: StrategySpec) -> Result<Estimated, Error> {
    // Backups: simulated and billed by their own engines (dr-strategies.md §5.3).
    let facts = backups::backup_facts(w, spec.strategy)?;
    let mut seen = w.clone();
    if w.backup_plan.is_some() {
        // The workload's own plan says where its copies go.
        if let Some(r) = facts.region_copy {
            seen.backups.cross_region_copy = r;
        }
        if let Some(a) = facts.account_copy {
            seen.backups.cross_account_copy = a;
        }
    }
    let w = &seen;
    let mut ctx = Ctx::new(w, spec.strategy, spec.standby_scale);
    let notes = facts.notes;
    ctx.backups = Some(facts.rpo);
    ctx.defaults_used.extend(facts.defaults);
    let estimates: Vec<DisruptionEstimate> = Disruption::ALL
        .iter()
        .map(|d| estimate(&mut ctx, *d))
        .collect();
    let scale = (spec.strategy == Strategy::WarmStandby).then_some(ctx.standby_scale);
    let mut cost = monthly_cost(w, spec.strategy, ctx.standby_scale);
    cost.items.extend(facts.items);
    cost.unpriced.extend(facts.unpriced);
    cost.total_usd = cost.items.iter().fold(0.0, |a, i| a + i.usd);
    cost.complete = cost.unpriced.is_empty() && cost.total_usd.is_finite();
    let est = RecoveryEstimate {
        strategy: spec.strategy,
        label: spec.strategy.label().to_owned(),
        recovery_site: spec.strategy.recovery_site().to_owned(),
        standby_scale: scale,
        estimates,
        mechanisms: crate::strategy::preset::per_component(spec.strategy, w),
        automation: ctx.automation,
        monthly_cost: cost,
        // The backup plan's warnings; the callers put the other issues around them.
        issues: notes,
    };
    Ok((est, ctx.issues, ctx.defaults_used, facts.plan))
}

fn defaults_issues(used: Vec<(String, String)>) -> Vec<Issue> {
    used.into_iter()
        .map(|(path, assumption)| {
            Issue::warning(
                "default_assumed",
                path,
                format!("not given: assumed {assumption}"),
            )
            .with_hint("supply your own figure; measured values beat defaults")
            .in_input("workload")
        })
        .collect()
}

fn validated(w: &Workload) -> Result<Vec<Issue>, Error> {
    ensure_no_errors(
        w.validate()
            .into_iter()
            .map(|i| i.in_input("workload"))
            .collect(),
    )
}

/// RPO/RTO breakdowns and timelines of one strategy, per disruption type.
pub fn estimate_recovery(
    workload: &Workload,
    strategy: StrategySpec,
) -> Result<RecoveryEstimate, Error> {
    let mut issues = validated(workload)?;
    let (mut est, missing, used, _) = estimate_with(workload, strategy)?;
    ensure_no_errors(missing)?;
    issues.extend(defaults_issues(used));
    issues.append(&mut est.issues);
    est.issues = issues;
    Ok(est)
}

/// A recovery drill compared, term by term, with the strategy's predicted RTO breakdown of the
/// disruption it exercised, and the workload fields that would make the model match it
/// (dr-strategies.md §11.1).
pub fn compare_drill(
    workload: &Workload,
    strategy: StrategySpec,
    disruption: Disruption,
    drill: &crate::recovery::Drill,
) -> Result<crate::recovery::DrillComparison, Error> {
    let est = estimate_recovery(workload, strategy)?;
    // Estimate again with the adoptions applied; a term that does not take its field there is
    // kept as modelled and the drill compared again (each round refuses one more term at least).
    let mut refused: Vec<(String, Option<String>)> = Vec::new();
    loop {
        let mut c =
            crate::recovery::compare_drill_estimate(workload, &est, disruption, drill, &refused)?;
        let after = estimate_recovery(&crate::recovery::drill_adopted(workload, &c), strategy).ok();
        let Some(d) = after
            .as_ref()
            .and_then(|e| e.estimates.iter().find(|d| d.disruption == disruption))
        else {
            return Ok(c);
        };
        let more = crate::recovery::refused(&c, d);
        if more.is_empty() || more.iter().all(|r| refused.contains(r)) {
            if more.is_empty() {
                c.adopted_rto_seconds = d.rto_seconds;
            }
            return Ok(c);
        }
        refused.extend(more);
    }
}

/// The strategy's recovery from one disruption as a runbook (steps, waits, durations with their
/// facts, who performs each, the checks that close it), also as Markdown (dr-strategies.md §11.2).
pub fn recovery_runbook(
    workload: &Workload,
    strategy: StrategySpec,
    disruption: Disruption,
) -> Result<crate::recovery::Runbook, Error> {
    let est = estimate_recovery(workload, strategy)?;
    crate::recovery::runbook_of(&est, disruption)
}

fn check(d: &DisruptionEstimate, metric: &str, target: f64, value: Option<f64>) -> TargetCheck {
    let pass = value.is_some_and(|v| v <= target);
    let reason = match (value, d.applicable) {
        (_, false) => format!(
            "{} {}: {}",
            d.disruption.label(),
            metric.to_uppercase(),
            d.mechanism
        ),
        (None, true) => format!(
            "{} {} unbounded ({}) vs target {}",
            d.disruption.label(),
            metric.to_uppercase(),
            d.mechanism,
            human_duration(target)
        ),
        (Some(v), true) => format!(
            "{} {} {} {} target {}",
            d.disruption.label(),
            metric.to_uppercase(),
            human_duration(v),
            if pass { "meets" } else { "exceeds" },
            human_duration(target)
        ),
    };
    // A miss names what binds it and the lever (dr-strategies.md §10.5).
    let binding = if metric == "rpo" {
        d.binding.rpo.as_ref()
    } else {
        d.binding.rto.as_ref()
    };
    let reason = match binding {
        Some(b) if !pass => {
            let who = match &b.component {
                Some(c) => format!("set by `{c}` ({})", b.mechanism),
                None => format!(
                    "{} of it is {}",
                    human_duration(b.seconds.unwrap_or(0.0)),
                    b.mechanism
                ),
            };
            let next = b
                .next
                .as_ref()
                .map(|n| format!("; next is {n}"))
                .unwrap_or_default();
            format!(
                "{reason}: {who}{next}; to meet {}: {}",
                human_duration(target),
                b.lever
            )
        }
        _ => reason,
    };
    TargetCheck {
        disruption: d.disruption,
        metric: metric.to_owned(),
        target_seconds: target,
        value_seconds: value,
        pass,
        reason,
    }
}

/// Assess every strategy against the policy; pick the cheapest compliant one.
pub fn assess_strategies(workload: &Workload, policy: &Policy) -> Result<Assessment, Error> {
    policy.check_targets()?;
    let mut issues = validated(workload)?;
    let mut missing = Vec::new();
    let mut used_all: Vec<(String, String)> = Vec::new();
    let mut strategies = Vec::new();
    let mut plan_notes: Vec<Issue> = Vec::new();
    for s in Strategy::ALL {
        let (est, miss, used, backup_plan) = estimate_with(workload, s.into())?;
        for n in &est.issues {
            if !plan_notes.contains(n) {
                plan_notes.push(n.clone());
            }
        }
        for m in miss {
            if !missing.iter().any(|x: &Issue| x.path == m.path) {
                missing.push(m);
            }
        }
        for u in used {
            if !used_all.iter().any(|(p, _)| *p == u.0) {
                used_all.push(u);
            }
        }
        let mut checks = Vec::new();
        for d in &est.estimates {
            let Some(t) = policy.targets.get(d.disruption) else {
                continue;
            };
            if !d.applicable {
                continue;
            }
            if let Some(rto) = t.rto_seconds {
                checks.push(check(d, "rto", rto.get(), d.rto_seconds));
            }
            if let Some(rpo) = t.rpo_seconds {
                checks.push(check(d, "rpo", rpo.get(), d.rpo_seconds));
            }
        }
        let failures: Vec<String> = checks
            .iter()
            .filter(|c| !c.pass)
            .map(|c| c.reason.clone())
            .collect();
        strategies.push(StrategyAssessment {
            strategy: s,
            label: est.label,
            recovery_site: est.recovery_site,
            cost_rank: s.cost_rank(),
            standby_scale: est.standby_scale,
            compliant: failures.is_empty(),
            checks,
            failures,
            mechanisms: est.mechanisms,
            automation: est.automation,
            monthly_cost: est.monthly_cost,
            estimates: est.estimates,
            backup_plan,
        });
    }
    ensure_no_errors(missing)?;
    if policy.targets.az.is_none()
        && policy.targets.region.is_none()
        && policy.targets.corruption.is_none()
        && policy.targets.account_compromise.is_none()
    {
        issues.push(
            Issue::warning(
                "no_targets",
                "/targets",
                "the policy sets no targets: every strategy complies",
            )
            .in_input("policy"),
        );
    }
    issues.extend(defaults_issues(used_all));
    issues.extend(plan_notes);

    let compliant: Vec<&StrategyAssessment> = strategies.iter().filter(|s| s.compliant).collect();
    let all_priced = compliant.iter().all(|s| s.monthly_cost.complete);
    let cheapest = compliant
        .iter()
        .min_by(|a, b| {
            let key = |s: &StrategyAssessment| {
                if all_priced {
                    (s.monthly_cost.total_usd, s.cost_rank)
                } else {
                    (f64::from(s.cost_rank), s.cost_rank)
                }
            };
            let (ka, kb) = (key(a), key(b));
            ka.0.total_cmp(&kb.0).then(ka.1.cmp(&kb.1))
        })
        .map(|s| s.strategy);
    let (closest, recommendation) = match cheapest {
        Some(c) => {
            let s = strategies.iter().find(|x| x.strategy == c);
            let cost = s.map(|s| s.monthly_cost.total_usd).unwrap_or(0.0);
            let how = if all_priced {
                format!("${cost:.2}/month standby cost")
            } else {
                "lowest cost rank (some prices missing, so ranked by dr-strategies.md §3 order)"
                    .to_owned()
            };
            (
                None,
                format!(
                    "{} is the cheapest strategy that meets every target: {how}",
                    c.label()
                ),
            )
        }
        None => {
            // Fewest failed checks, then the smallest worst shortfall ratio, then cost rank.
            let shortfall = |s: &StrategyAssessment| {
                s.checks
                    .iter()
                    .filter(|c| !c.pass)
                    .map(|c| match c.value_seconds {
                        Some(v) if c.target_seconds > 0.0 => v / c.target_seconds,
                        Some(_) => 1.0e12,
                        None => f64::INFINITY,
                    })
                    .fold(0.0_f64, f64::max)
            };
            let best = strategies.iter().min_by(|a, b| {
                a.failures
                    .len()
                    .cmp(&b.failures.len())
                    .then(shortfall(a).total_cmp(&shortfall(b)))
                    .then(a.cost_rank.cmp(&b.cost_rank))
            });
            match best {
                Some(b) => (
                    Some(b.strategy),
                    format!(
                        "no strategy meets every target; closest is {} because it misses only: {}",
                        b.label,
                        b.failures.join("; ")
                    ),
                ),
                None => (None, "no strategy assessed".into()),
            }
        }
    };
    Ok(Assessment {
        workload: workload.name.clone(),
        policy: policy.clone(),
        strategies,
        cheapest_compliant: cheapest,
        closest,
        recommendation,
        issues,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::Seconds;
    use serde_json::json;

    fn workload() -> Workload {
        serde_json::from_value(json!({"name": "shop", "primary_location": "us-east-1",
            "recovery_location": "us-west-2", "components": [
            {"kind": "relational_database", "name": "orders", "engine": "aurora_mysql",
             "size_gib": 200, "change_gib_per_day": 5, "instance_hourly_usd": 0.29},
            {"kind": "compute", "name": "web", "instance_count": 4, "instance_hourly_usd": 0.0832}]}))
        .unwrap()
    }

    /// A NaN or absurd target (a typed caller can build any `Seconds`) is refused with its path,
    /// never dropped so that every strategy passes it.
    #[test]
    fn non_finite_targets_are_refused() {
        for bad in [f64::NAN, f64::INFINITY, -1.0, 1e300] {
            let mut policy: Policy =
                serde_json::from_value(json!({"targets": {"region": {"rpo_seconds": 3600}}}))
                    .unwrap();
            if let Some(t) = policy.targets.region.as_mut() {
                t.rto_seconds = Some(Seconds(bad));
            }
            let e = assess_strategies(&workload(), &policy).unwrap_err();
            let i = &e.issues[0];
            assert_eq!(
                (i.code.as_str(), i.path.as_str(), i.input.as_deref()),
                (
                    "out_of_range",
                    "/targets/region/rto_seconds",
                    Some("policy")
                ),
                "{bad}"
            );
        }
        // A finite target still assesses: Multi-AZ alone never meets a Region target.
        let policy: Policy = serde_json::from_value(
            json!({"targets": {"region": {"rto_seconds": 14400, "rpo_seconds": 3600}}}),
        )
        .unwrap();
        let a = assess_strategies(&workload(), &policy).unwrap();
        let multi_az = a
            .strategies
            .iter()
            .find(|s| s.strategy == Strategy::MultiAzOnly)
            .map(|s| s.compliant);
        assert_eq!(multi_az, Some(false));
    }

    /// `complete` never stands beside a non-finite total.
    #[test]
    fn complete_needs_a_finite_total() {
        let mut w = workload();
        if let Some(crate::workload::Component::Compute(c)) = w.components.get_mut(1) {
            c.instance_hourly_usd = Some(f64::MAX);
            c.instance_count = 100_000;
        }
        let c = monthly_cost(&w, Strategy::MultiSite, 1.0);
        assert!(!c.total_usd.is_finite());
        assert!(!c.complete);
        // Every line of an RDS cross-Region replica is priced (instance, storage, transfer).
        let mut rds = workload();
        if let Some(crate::workload::Component::RelationalDatabase(d)) = rds.components.get_mut(0) {
            d.engine = crate::workload::Engine::RdsMysql;
        }
        let c = monthly_cost(&rds, Strategy::MultiSite, 1.0);
        assert!(c.total_usd.is_finite() && c.complete, "{:?}", c.unpriced);
        // Aurora's replicated write I/O has no price in the book: never complete, never 0.
        let c = monthly_cost(&workload(), Strategy::MultiSite, 1.0);
        assert!(!c.complete);
        assert!(c
            .unpriced
            .iter()
            .any(|u| u.contains("aurora.global.replicated_write_io")));
    }
}
