//! Continuous backup (aws-backup.md §8): which rule owns a resource's continuous point, what the
//! point is, and what its rule's copies copy.

use super::state::{
    Life, Notes, PlanPaths, Raw, ResPrep, RulePrep, Run, CONTINUOUS_DEFAULT_RETENTION_DAYS,
};
use super::*;
use crate::error::Issue;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// Takes snapshots on its schedule (also continuous rules falling back).
    Snapshot,
    /// Owns the resource's continuous point.
    Continuous,
    /// A continuous rule into the winner's vault with a shorter retention: nothing.
    Idle,
}

/// The role of every rule for a resource type: several continuous rules into one vault → the
/// longest retention wins; into different vaults → the first rule in plan order gets the
/// continuous point and the others take snapshots; a type without PITR → snapshots.
pub(super) fn roles(
    rules: &[RulePrep],
    plan: &BackupPlan,
    continuous_ok: bool,
    rtype: &str,
    notes: &mut Notes,
) -> Vec<Role> {
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
    roles
}

/// The continuous point of `r` under `rule` (from its first run, started `delay` after it): the
/// full size plus the changes of its retention window (HEURISTIC), never cold, kept while the
/// rule runs.
pub(super) fn point(rule: &RulePrep, r: &ResPrep, delay: i64) -> Option<Run> {
    let &t0 = rule.runs.first()?;
    let created = t0 + delay;
    let days = rule
        .life
        .delete_days
        .unwrap_or(CONTINUOUS_DEFAULT_RETENTION_DAYS);
    Some(Run {
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
    })
}

/// What a rule's copy actions copy: the kept runs of a snapshot rule, every run of the continuous
/// rule (its copies are snapshots taken on schedule, aws-backup.md §8, kept for the continuous
/// retention and never cold), nothing for an idle rule; with the source's lifecycle.
pub(super) fn copy_source<'r>(
    role: Role,
    rule: &'r RulePrep,
    kept: &'r [i64],
) -> (&'r [i64], Life) {
    match role {
        Role::Snapshot => (kept, rule.life),
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
    }
}
