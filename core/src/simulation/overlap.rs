//! Overlap merging (aws-backup.md §14.2): runs of different snapshot rules that overlap make one
//! backup, for the rule with the longest retention.

use super::continuous::{self, Role};
use super::state::{Notes, PlanPaths, RulePrep};
use super::*;
use crate::error::Issue;

/// How the rules act on one kind of resource (does the type support continuous backup?).
pub(super) struct Profile {
    pub roles: Vec<Role>,
    /// Kept runs of snapshot rules (empty for others).
    pub kept: Vec<Vec<i64>>,
}

/// The roles of the rules and the runs each snapshot rule keeps, for one kind of resource.
pub(super) fn build_profile(
    rules: &[RulePrep],
    plan: &BackupPlan,
    continuous_ok: bool,
    rtype: &str,
    overlap: OverlapMode,
    notes: &mut Notes,
) -> Profile {
    let roles = continuous::roles(rules, plan, continuous_ok, rtype, notes);
    let kept = kept_runs(rules, &roles, plan, rtype, overlap, notes);
    Profile { roles, kept }
}

/// The runs each snapshot rule keeps once overlapping runs are merged into the rule with the
/// longest retention (empty for the other roles).
fn kept_runs(
    rules: &[RulePrep],
    roles: &[Role],
    plan: &BackupPlan,
    rtype: &str,
    overlap: OverlapMode,
    notes: &mut Notes,
) -> Vec<Vec<i64>> {
    let paths = PlanPaths { plan };
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
    kept
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interval_merge() {
        assert_eq!(
            merge_intervals(&[(0, 5), (10, 12)], &[(4, 8), (12, 13), (20, 21)]),
            vec![(0, 8), (10, 13), (20, 21)]
        );
        assert_eq!(merge_intervals(&[], &[]), vec![]);
    }
}
