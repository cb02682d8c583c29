//! Lifecycles (CalculatedLifecycle, aws-backup.md §14.1): cold and deletion offsets from
//! creation, in exact 24-hour days; cold only for types that tier (§14.3).

use super::state::{Life, Notes, PlanPaths, ResPrep, RulePrep, DAY};
use crate::backup::resource::{cold_support, ColdSupport};
use crate::error::Issue;

/// Whether a lifecycle's cold transition applies to a type (aws-backup.md §14.3, L6).
pub(super) fn tiers(rtype: &str, life: &Life) -> bool {
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
pub(super) struct Offsets {
    pub cold: Option<i64>,
    pub delete: Option<i64>,
}

impl Offsets {
    pub(super) fn of(life: &Life, rtype: &str) -> Offsets {
        let delete = life.delete_days.map(|d| d * DAY);
        let cold = life
            .cold_days
            .filter(|_| tiers(rtype, life))
            .map(|c| c * DAY)
            .filter(|c| delete.is_none_or(|d| *c < d));
        Offsets { cold, delete }
    }
}

/// Notes for the cold transitions `r`'s type ignores (once per rule, copy action and type).
pub(super) fn cold_notes(
    rules: &[RulePrep],
    r: &ResPrep,
    paths: &PlanPaths<'_>,
    notes: &mut Notes,
) {
    for rule in rules {
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
}
