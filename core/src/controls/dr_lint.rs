//! The DR lint (dr-strategies.md §4.3, §5.2, §8; aws-backup.md §8, §9, §12): findings about the
//! plan as a disaster-recovery measure, beyond what the AWS controls check. One function per
//! rule, run in this order: `no_pitr`, `replicas_not_backups`, `no_cross_region_copy` (or
//! `cross_region_unknown`), `no_isolated_copy`, `no_restore_testing` (or
//! `restore_testing_unknown`), `retention_below_dwell`.

use std::collections::BTreeSet;

use super::scope::{protected, Res};
use super::ControlContext;
use crate::backup::resource::{supports_continuous, types_of_arn, RESOURCE_TYPES};
use crate::backup::{BackupPlan, BackupSelection, CopyAction, Lifecycle};
use crate::error::Issue;

/// Every DR lint finding, in rule order.
pub(super) fn lint(
    plan: &BackupPlan,
    selections: &[BackupSelection],
    resources: Option<&[Res]>,
    ctx: &ControlContext,
) -> Vec<Issue> {
    let types = protected_types(plan, selections, resources);
    let mut out = Vec::new();
    out.extend(no_pitr(plan, &types));
    out.extend(replicas_not_backups(
        plan, selections, resources, ctx, &types,
    ));
    out.extend(no_cross_region_copy(plan));
    out.extend(no_isolated_copy(plan));
    out.extend(no_restore_testing(ctx));
    out.extend(retention_below_dwell(plan, ctx));
    out
}

fn plan_issue(i: Issue) -> Issue {
    i.in_input("plan")
}

fn copies(plan: &BackupPlan) -> Vec<&CopyAction> {
    plan.rules
        .iter()
        .flat_map(|r| r.copy_actions.iter())
        .collect()
}

/// Types the plan protects: from the resources it selects, else from its selections.
fn protected_types(
    plan: &BackupPlan,
    selections: &[BackupSelection],
    resources: Option<&[Res]>,
) -> BTreeSet<String> {
    match resources {
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
    }
}

/// `no_pitr`: no continuous backup where the type supports it (aws-backup.md §8).
fn no_pitr(plan: &BackupPlan, protected_types: &BTreeSet<String>) -> Option<Issue> {
    if plan.rules.is_empty() || plan.rules.iter().any(|r| r.is_continuous()) {
        return None;
    }
    let capable: Vec<&str> = protected_types
        .iter()
        .map(String::as_str)
        .filter(|t| supports_continuous(t))
        // Aurora's own automated backups already restore to any second of their 1–35 days and
        // cannot be turned off (dr-strategies.md §6.2): its local RPO is never the snapshot
        // interval.
        .filter(|t| *t != "Aurora")
        .collect();
    if capable.is_empty() {
        return None;
    }
    Some(plan_issue(Issue::warning(
        "no_pitr",
        "/rules",
        format!("{} support{} continuous backup (restore to any second of the last 1–35 days), but no rule enables it: the local RPO is the snapshot interval", capable.join(", "), if capable.len() == 1 { "s" } else { "" }),
    ).with_hint("add a rule with enable_continuous_backup and 1–35 days retention (aws-backup.md §8; dr-strategies.md §5.2)")))
}

/// `replicas_not_backups`: replicas or Multi-AZ relied on as backup (dr-strategies.md §4.3), per
/// resource given, then per type named in `context.replicated_resource_types`.
fn replicas_not_backups(
    plan: &BackupPlan,
    selections: &[BackupSelection],
    resources: Option<&[Res]>,
    ctx: &ControlContext,
    protected_types: &BTreeSet<String>,
) -> Vec<Issue> {
    let mut out = Vec::new();
    let has_rules = !plan.rules.is_empty();
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
    out
}

/// `no_cross_region_copy` (aws-backup.md §9), or `cross_region_unknown` when the plan's Region
/// is unknown.
fn no_cross_region_copy(plan: &BackupPlan) -> Option<Issue> {
    if plan.rules.is_empty() {
        return None;
    }
    let copies = copies(plan);
    if copies.iter().any(|c| c.cross_region == Some(true)) {
        return None;
    }
    Some(if copies.iter().all(|c| c.cross_region == Some(false)) {
        plan_issue(Issue::warning("no_cross_region_copy", "/rules", "no rule copies recovery points to another Region: a Region-wide disruption takes every backup with it").with_hint("add a copy action to a vault in another Region (aws-backup.md §9)"))
    } else {
        plan_issue(Issue::info("cross_region_unknown", "/rules", "the plan's Region is unknown, so drplan cannot tell whether its copy actions leave the Region").with_hint("set the plan's region"))
    })
}

/// `no_isolated_copy`: nothing leaves the account or reaches a logically air-gapped vault
/// (dr-strategies.md §8; aws-backup.md §10).
fn no_isolated_copy(plan: &BackupPlan) -> Option<Issue> {
    if plan.rules.is_empty() {
        return None;
    }
    let isolated = plan
        .rules
        .iter()
        .any(|r| r.target_logically_air_gapped_vault_arn.is_some())
        || copies(plan).iter().any(|c| c.cross_account == Some(true));
    if isolated {
        return None;
    }
    Some(plan_issue(Issue::info("no_isolated_copy", "/rules", "no recovery point leaves the plan's account or reaches a logically air-gapped vault: a compromised account can delete every backup (unless vaults are locked)").with_hint("copy to another account or a logically air-gapped vault (dr-strategies.md §8; aws-backup.md §10)")))
}

/// `no_restore_testing` (aws-backup.md §12), or `restore_testing_unknown` when not stated.
fn no_restore_testing(ctx: &ControlContext) -> Option<Issue> {
    match ctx.restore_testing_plans {
        Some(0) => Some(Issue::warning("no_restore_testing", "/restore_testing_plans", "no restore testing plan: nothing proves the recovery points restore, or how long a restore takes (the only measured RTO input)").in_input("context").with_hint("add a restore testing plan (aws-backup.md §12)")),
        None => Some(Issue::info("restore_testing_unknown", "/restore_testing_plans", "whether restore testing covers these resources was not stated").in_input("context").with_hint("set context.restore_testing_plans (aws-backup.md §12)")),
        Some(_) => None,
    }
}

/// `retention_below_dwell`: every recovery point expires before corruption would be noticed
/// (dr-strategies.md §8).
fn retention_below_dwell(plan: &BackupPlan, ctx: &ControlContext) -> Option<Issue> {
    let dwell = ctx.dwell_days.filter(|d| d.is_finite())?;
    let has_rules = !plan.rules.is_empty();
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
    let l = longest.filter(|l| (*l as f64) < dwell && has_rules)?;
    Some(plan_issue(Issue::warning(
        "retention_below_dwell",
        "/rules",
        format!("the longest retention is {l} days, shorter than the assumed dwell time of {dwell} days: by the time corruption is noticed every recovery point may hold it"),
    ).with_hint("keep at least one series of points longer than dwell + detection time (dr-strategies.md §8)")))
}
