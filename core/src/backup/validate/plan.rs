//! Plan-level checks: the plan name, its tags and advanced backup settings.

use super::{as_deployed, name_ok, Ctx, Target, MAX_RULES_PER_PLAN};
use crate::backup::model::*;
use crate::error::{join, Issue};

pub(super) fn check_plan(ctx: &mut Ctx<'_>) {
    let plan = ctx.plan;
    if ctx.plan_known("/name") {
        let (name, note) = as_deployed(&plan.name, ctx.plan_substituted("/name"));
        let n = name.chars().count();
        let chars_ok = name_ok(&name, 1, usize::MAX, true);
        // "… is 58 characters once deployed, with …": the assumption behind a substituted length.
        let length = |n: usize| match &note {
            Some(note) => format!("backup plan name {:?} is {n} characters {note}", plan.name),
            None => format!("backup plan name is {n} characters"),
        };
        if !chars_ok {
            ctx.push(
                Target::Plan,
                Issue::error(
                    "plan_name_invalid",
                    "/name",
                    format!(
                        "backup plan name {:?} must be 1 or more of A-Z a-z 0-9 - _ . [P1]",
                        plan.name
                    ),
                )
                .with_hint("aws-backup.md §5.1 P1 ([BC-backup])"),
            );
        } else if n > 200 {
            ctx.push(
                Target::Plan,
                Issue::error(
                    "plan_name_too_long",
                    "/name",
                    format!("{}; the API allows at most 200 [P1]", length(n)),
                )
                .with_hint(super::with_substitution("aws-backup.md §5.1 P1 (CONFLICT: 200 in the BackupPlan doc, 50 in the console)", note.is_some())),
            );
        } else if n > 50 {
            ctx.push(
                Target::Plan,
                Issue::warning(
                    "plan_name_long",
                    "/name",
                    format!(
                        "{}; the console and the BackupPlanInput doc allow 50 [P1]",
                        length(n)
                    ),
                )
                .with_hint(super::with_substitution(
                    "aws-backup.md §5.1 P1 (CONFLICT: 200 in the BackupPlan doc)",
                    note.is_some(),
                )),
            );
        }
    }
    if let Some(id) = &plan.creator_request_id {
        if ctx.plan_known("/creator_request_id") && !name_ok(id, 1, 50, true) {
            ctx.push(
                Target::Plan,
                Issue::error(
                    "creator_request_id_invalid",
                    "/creator_request_id",
                    format!("CreatorRequestId {id:?} must be 1–50 of A-Z a-z 0-9 - _ . [P4]"),
                ),
            );
        }
    }
    if plan.rules.len() > MAX_RULES_PER_PLAN {
        ctx.push(
            Target::Plan,
            Issue::error(
                "too_many_rules",
                "/rules",
                format!(
                    "the plan has {} rules; AWS Backup allows at most {MAX_RULES_PER_PLAN} per plan [S4]",
                    plan.rules.len()
                ),
            )
            .with_hint("split the plan; aws-backup.md §13 (not adjustable)"),
        );
    }
    if plan.rules.is_empty() && ctx.plan_known("/rules") {
        ctx.push(
            Target::Plan,
            Issue::warning(
                "no_rules",
                "/rules",
                "the plan has no rules, so it backs up nothing",
            ),
        );
    }
    for (i, s) in plan.advanced_backup_settings.iter().enumerate() {
        check_advanced_setting(ctx, i, s);
    }
}

/// Source: aws-backup.md §2.2 (EC2 WindowsVSS enabled|disabled; S3 BackupACLs / BackupObjectTags
/// disabled; key and value pattern `^[a-zA-Z0-9\-\_\.]{1,50}$`, rule P2).
fn check_advanced_setting(ctx: &mut Ctx<'_>, i: usize, s: &AdvancedBackupSetting) {
    let base = format!("/advanced_backup_settings/{i}");
    if !ctx.plan_known(&base) {
        return;
    }
    let allowed: Option<&[(&str, &[&str])]> = match s.resource_type.as_str() {
        "EC2" => Some(&[("WindowsVSS", &["enabled", "disabled"])]),
        "S3" => Some(&[
            ("BackupACLs", &["disabled"]),
            ("BackupObjectTags", &["disabled"]),
        ]),
        _ => None,
    };
    if !name_ok(&s.resource_type, 1, 50, true) {
        ctx.push(
            Target::Plan,
            Issue::error(
                "advanced_setting_invalid",
                format!("{base}/resource_type"),
                format!(
                    "ResourceType {:?} must be 1–50 of A-Z a-z 0-9 - _ . [P2]",
                    s.resource_type
                ),
            ),
        );
    }
    let Some(allowed) = allowed else {
        ctx.push(
            Target::Plan,
            Issue::warning(
                "advanced_setting_unknown_type",
                format!("{base}/resource_type"),
                format!(
                    "advanced backup settings are documented for EC2 and S3 only, not {:?}",
                    s.resource_type
                ),
            )
            .with_hint("aws-backup.md §2.2"),
        );
        return;
    };
    for (k, v) in &s.backup_options {
        let path = join(&format!("{base}/backup_options"), k);
        match allowed.iter().find(|(name, _)| name == k) {
            Some((_, values)) if values.contains(&v.as_str()) => {}
            Some((_, values)) => ctx.push(
                Target::Plan,
                Issue::error(
                    "advanced_setting_invalid",
                    path,
                    format!(
                        "{} option {k} must be {}, not {v:?}",
                        s.resource_type,
                        values.join(" or ")
                    ),
                )
                .with_hint(
                    "the service answers InvalidParameterValueException (aws-backup.md §2.2)",
                ),
            ),
            None => ctx.push(
                Target::Plan,
                Issue::error(
                    "advanced_setting_invalid",
                    path,
                    format!(
                        "{} has no backup option {k:?}; known: {}",
                        s.resource_type,
                        allowed
                            .iter()
                            .map(|(n, _)| *n)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
                .with_hint(
                    "the service answers InvalidParameterValueException (aws-backup.md §2.2)",
                ),
            ),
        }
    }
}
