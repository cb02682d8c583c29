//! Plan-wide: overlaps, duplicates, tiering, continuous coverage, cross-Region copies.

use std::collections::BTreeMap;

use super::selection::selected_types;
use super::{
    Ctx, Target, MAX_LIFECYCLE_DAYS, MAX_OVERLAP_RULES, MAX_WINDOW_MINUTES,
    MIN_START_WINDOW_MINUTES,
};
use crate::backup::model::*;
use crate::backup::resource::{self, ColdSupport};
use crate::error::Issue;
use crate::schedule::{DstGapPolicy, Schedule};

/// Start of the window in which drplan looks for overlapping runs: 2026-01-01T00:00:00Z. The
/// core has no clock, so the window is fixed (drplan's choice); one year covers every weekly,
/// monthly and yearly pattern of a cron without a year restriction.
const OVERLAP_FROM_EPOCH_SECONDS: i64 = 1_767_225_600;
/// Length of that window.
const OVERLAP_HORIZON_SECONDS: i64 = 366 * 86_400;
/// Runs per rule examined at most (an hourly rule has 8,784 in the window).
const OVERLAP_MAX_RUNS: usize = 10_000;

/// A snapshot rule's runs in the overlap window (epoch seconds) and its start window (seconds);
/// `None` when its schedule or time zone is invalid (reported elsewhere).
fn overlap_runs(r: &BackupRule) -> Option<(Vec<i64>, i64)> {
    let tz = r
        .schedule_expression_timezone
        .as_deref()
        .unwrap_or(crate::schedule::DEFAULT_TIME_ZONE);
    let s = Schedule::parse(r.effective_schedule(), tz, DstGapPolicy::Skip).ok()?;
    if s.cron().fires_more_than_once_per_hour() {
        return None; // an S3 error already
    }
    let from = jiff::Timestamp::from_second(OVERLAP_FROM_EPOCH_SECONDS).ok()?;
    let until = OVERLAP_FROM_EPOCH_SECONDS + OVERLAP_HORIZON_SECONDS;
    let runs: Vec<i64> = s
        .runs_from(from)
        .map(|run| run.at.as_second())
        .take_while(|t| *t < until)
        .take(OVERLAP_MAX_RUNS)
        .collect();
    let window = r
        .effective_start_window_minutes()
        .clamp(MIN_START_WINDOW_MINUTES, MAX_WINDOW_MINUTES)
        * 60;
    Some((runs, window))
}

/// The first pair of runs whose start windows overlap (`[t, t + window)` intersect), by a
/// two-pointer walk: both lists are sorted and each list's windows have one length.
pub(super) fn first_overlap(a: &(Vec<i64>, i64), b: &(Vec<i64>, i64)) -> Option<(i64, i64)> {
    let (ra, wa) = (&a.0, a.1);
    let (rb, wb) = (&b.0, b.1);
    let (mut i, mut j) = (0, 0);
    while let (Some(&ta), Some(&tb)) = (ra.get(i), rb.get(j)) {
        if ta < tb.saturating_add(wb) && tb < ta.saturating_add(wa) {
            return Some((ta, tb));
        }
        if ta.saturating_add(wa) <= tb.saturating_add(wb) {
            i += 1;
        } else {
            j += 1;
        }
    }
    None
}

fn show_instant(t: i64) -> String {
    jiff::Timestamp::from_second(t)
        .map(|t| t.strftime("%Y-%m-%dT%H:%MZ").to_string())
        .unwrap_or_default()
}

pub(super) fn check_plan_level_rules(ctx: &mut Ctx<'_>) {
    let plan = ctx.plan;
    // P9 (UNCONFIRMED): rule names unique within a plan.
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, r) in plan.rules.iter().enumerate() {
        if r.name.is_empty() {
            continue;
        }
        if let Some(first) = seen.insert(r.name.as_str(), i) {
            ctx.push(
                Target::Plan,
                Issue::warning(
                    "rule_name_duplicate",
                    format!("/rules/{i}/name"),
                    format!("rule name {:?} is also used by rule {first}; rule names should be unique in a plan [P9]", r.name),
                )
                .with_hint("UNCONFIRMED as an API rule; Organizations policies key rules by name (aws-backup.md §5.1)"),
            );
        }
    }
    // §14.2: overlapping rules: AWS takes one backup, for the rule with the longer retention.
    // Pairwise, so bounded: a plan past the rule quota (an error already) is not compared.
    if plan.rules.len() > MAX_OVERLAP_RULES {
        return;
    }
    let label = |i: usize, r: &BackupRule| {
        if r.name.is_empty() {
            format!("#{i}")
        } else {
            r.name.clone()
        }
    };
    let runs: Vec<Option<(Vec<i64>, i64)>> = plan
        .rules
        .iter()
        .enumerate()
        .map(|(k, r)| {
            let known = ctx.plan_known(&format!("/rules/{k}"))
                && ctx.plan_known(&format!("/rules/{k}/schedule_expression"))
                && ctx.plan_known(&format!("/rules/{k}/schedule_expression_timezone"))
                && ctx.plan_known(&format!("/rules/{k}/start_window_minutes"));
            if known && !r.is_continuous() {
                overlap_runs(r)
            } else {
                None
            }
        })
        .collect();
    for (i, a) in plan.rules.iter().enumerate() {
        for (j, b) in plan.rules.iter().enumerate().skip(i + 1) {
            let (Some(Some(ra)), Some(Some(rb))) = (runs.get(i), runs.get(j)) else {
                continue;
            };
            let Some((ta, tb)) = first_overlap(ra, rb) else {
                continue;
            };
            let (la, lb) = (label(i, a), label(j, b));
            let retention_known = |k: usize| {
                ctx.plan_known(&format!("/rules/{k}/lifecycle"))
                    && ctx.plan_known(&format!("/rules/{k}/lifecycle/delete_after_days"))
            };
            let keep = match (a.retention_days(), b.retention_days()) {
                _ if !retention_known(i) || !retention_known(j) => {
                    "which one AWS keeps depends on a retention drplan could not read".to_owned()
                }
                (x, y) if x == y => {
                    "which one AWS keeps is UNCONFIRMED (equal retention)".to_owned()
                }
                (None, _) => format!("AWS keeps rule {la}'s (longer retention)"),
                (_, None) => format!("AWS keeps rule {lb}'s (longer retention)"),
                (Some(x), Some(y)) if x > y => {
                    format!("AWS keeps rule {la}'s (longer retention)")
                }
                _ => format!("AWS keeps rule {lb}'s (longer retention)"),
            };
            let when = if ta == tb {
                format!("both fire at {}", show_instant(ta))
            } else {
                format!(
                    "their start windows overlap (runs at {} and {})",
                    show_instant(ta),
                    show_instant(tb)
                )
            };
            ctx.push(
                Target::Plan,
                Issue::warning(
                    "overlapping_rules",
                    format!("/rules/{j}/schedule_expression"),
                    format!("rules {la} and {lb} overlap: {when}; AWS Backup then takes one backup, not two: {keep}"),
                )
                .with_hint("aws-backup.md §14.2 (plan-options-and-configuration): overlap counts the full start window; beyond that it is UNCONFIRMED"),
            );
        }
    }
}

pub(super) fn check_coverage(ctx: &mut Ctx<'_>) {
    let plan = ctx.plan;
    let types = selected_types(plan, ctx.selections);
    // Cold transition on types that cannot tier (L6, §14.3): silently ignored by the service.
    for (i, r) in plan.rules.iter().enumerate() {
        let mut places: Vec<(String, Option<i64>)> = vec![(
            format!("/rules/{i}/lifecycle/move_to_cold_after_days"),
            r.lifecycle.as_ref().and_then(Lifecycle::cold_after_days),
        )];
        for (j, c) in r.copy_actions.iter().enumerate() {
            places.push((
                format!("/rules/{i}/copy_actions/{j}/lifecycle/move_to_cold_after_days"),
                c.lifecycle.as_ref().and_then(Lifecycle::cold_after_days),
            ));
        }
        for (path, cold) in places {
            let Some(cold) = cold.filter(|c| (1..=MAX_LIFECYCLE_DAYS).contains(c)) else {
                continue;
            };
            if !ctx.plan_known(&path) || r.is_continuous() {
                continue;
            }
            match &types {
                Some(types) => {
                    let no: Vec<&str> = types.iter().copied().filter(|t| resource::cold_support(t) == ColdSupport::No).collect();
                    let conflict: Vec<&str> = types.iter().copied().filter(|t| resource::cold_support(t) == ColdSupport::Conflict).collect();
                    if !no.is_empty() {
                        ctx.push(
                            Target::Plan,
                            Issue::warning(
                                "cold_tier_unsupported",
                                &path,
                                format!("{} cannot move to cold storage: for them the transition after {cold} days is ignored and recovery points stay warm (billed at warm rates) until deleted [L6]", no.join(", ")),
                            )
                            .with_hint("types that tier: EFS, DynamoDB (advanced features), Timestream, SAP HANA on Amazon EC2, VMware (aws-backup.md §14.3)"),
                        );
                    }
                    if !conflict.is_empty() {
                        ctx.push(
                            Target::Plan,
                            Issue::warning(
                                "cold_tier_uncertain",
                                &path,
                                format!("{}: sources conflict on whether the cold transition applies (EBS tiers only to the EBS Snapshots Archive per aws.eu)", conflict.join(", ")),
                            )
                            .with_hint("aws-backup.md §14.3 (CONFLICT)"),
                        );
                    }
                }
                None => ctx.push(
                    Target::Plan,
                    Issue::info(
                        "cold_tier_depends_on_type",
                        &path,
                        format!("the cold transition after {cold} days applies only to types that tier (EFS, DynamoDB with advanced features, Timestream, SAP HANA on Amazon EC2, VMware); others ignore it [L6]"),
                    )
                    .with_hint("pass the plan's selections to name the affected types (aws-backup.md §14.3)"),
                ),
            }
        }
    }
    // Snapshot-only protection for types that support continuous backup (§8).
    if let Some(types) = &types {
        let capable: Vec<&str> = types
            .iter()
            .copied()
            .filter(|t| resource::supports_continuous(t))
            .collect();
        if !capable.is_empty()
            && !plan.rules.is_empty()
            && !plan.rules.iter().any(BackupRule::is_continuous)
        {
            ctx.push(
                Target::Plan,
                Issue::warning(
                    "snapshot_only_protection",
                    "/rules",
                    format!(
                        "{} {} continuous backup (point-in-time restore to the second), but no rule enables it: the RPO is the snapshot interval",
                        capable.join(", "),
                        if capable.len() == 1 { "supports" } else { "support" }
                    ),
                )
                .with_hint("add a rule with EnableContinuousBackup and 1–35 days retention (aws-backup.md §8)"),
            );
        }
    }
    // No cross-Region copy (dr-strategies: a Region disruption loses every recovery point).
    if plan.rules.is_empty() {
        return;
    }
    let copies: Vec<&CopyAction> = plan
        .rules
        .iter()
        .flat_map(|r| r.copy_actions.iter())
        .collect();
    if copies.iter().any(|c| c.cross_region == Some(true)) {
        return;
    }
    if copies.is_empty() || copies.iter().all(|c| c.cross_region == Some(false)) {
        let (code, msg) = if copies.is_empty() {
            ("no_cross_region_copy", "no rule copies recovery points to another Region: a Region-wide disruption takes every backup with it".to_owned())
        } else {
            ("no_cross_region_copy", "every copy action stays in the plan's Region: a Region-wide disruption takes every backup with it".to_owned())
        };
        ctx.push(
            Target::Plan,
            Issue::warning(code, "/rules", msg)
                .with_hint("add a copy action to a vault in another Region (aws-backup.md §9)"),
        );
    } else {
        ctx.push(
            Target::Plan,
            Issue::info(
                "cross_region_unknown",
                "/rules",
                "the plan's Region is unknown, so drplan cannot tell whether its copy actions leave the Region",
            )
            .with_hint("set the plan's region (or parse get-backup-plan output, whose ARN carries it)"),
        );
    }
}
