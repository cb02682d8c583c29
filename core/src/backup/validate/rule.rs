//! Rule checks: names, windows, lifecycles, continuous backup, schedules, copies, indexes.

use super::vault_lock::check_vault_lock_for_rule;
use super::{
    as_deployed, name_ok, Ctx, Target, COLD_MINIMUM_DAYS, MAX_CONTINUOUS_RETENTION_DAYS,
    MAX_COPY_ACTIONS_PER_RULE, MAX_LIFECYCLE_DAYS, MAX_RECOVERY_POINT_TAGS, MAX_WINDOW_MINUTES,
    MIN_START_WINDOW_MINUTES, MIN_WARM_DAYS_ADVICE,
};
use crate::backup::model::*;
use crate::error::Issue;
use crate::schedule::AwsCron;

pub(super) fn check_rule(ctx: &mut Ctx<'_>, i: usize, rule: &BackupRule) {
    let base = format!("/rules/{i}");
    if !ctx.plan_known(&base) {
        return;
    }
    let p = |s: &str| format!("{base}/{s}");
    let (name, note) = as_deployed(&rule.name, ctx.plan_substituted(&p("name")));
    if ctx.plan_known(&p("name")) && !name_ok(&name, 1, 50, true) {
        let message = match &note {
            Some(note) => format!(
                "rule name {:?} is {} characters {note}; rule names must be 1–50 of A-Z a-z 0-9 - _ . [P2]",
                rule.name,
                name.chars().count()
            ),
            None => format!(
                "rule name {:?} must be 1–50 of A-Z a-z 0-9 - _ . [P2]",
                rule.name
            ),
        };
        ctx.push(
            Target::Plan,
            Issue::error("rule_name_invalid", p("name"), message).with_hint(
                super::with_substitution("aws-backup.md §5.1 P2 ([BC-backup])", note.is_some()),
            ),
        );
    }
    let (vault, note) = as_deployed(
        &rule.target_vault_name,
        ctx.plan_substituted(&p("target_vault_name")),
    );
    if ctx.plan_known(&p("target_vault_name")) && !name_ok(&vault, 2, 50, false) {
        let message = match &note {
            Some(note) => format!(
                "target vault name {:?} is {} characters {note}; vault names must be 2–50 of A-Z a-z 0-9 - _ (no dot) [P3]",
                rule.target_vault_name,
                vault.chars().count()
            ),
            None => format!(
                "target vault name {:?} must be 2–50 of A-Z a-z 0-9 - _ (no dot) [P3]",
                rule.target_vault_name
            ),
        };
        ctx.push(
            Target::Plan,
            Issue::error("vault_name_invalid", p("target_vault_name"), message).with_hint(
                super::with_substitution("aws-backup.md §5.1 P3 ([BC-backup])", note.is_some()),
            ),
        );
    }
    check_windows(ctx, &base, rule);
    if ctx.plan_known(&p("schedule_expression")) {
        check_schedule(ctx, &base, rule);
    }
    if let Some(tz) = &rule.schedule_expression_timezone {
        if ctx.plan_known(&p("schedule_expression_timezone"))
            && jiff::tz::TimeZone::get(tz).is_err()
        {
            ctx.push(
                Target::Plan,
                Issue::warning(
                    "unknown_time_zone",
                    p("schedule_expression_timezone"),
                    format!("{:?} is not an IANA time zone name drplan knows", crate::budget::echo(tz)),
                )
                .with_hint("AWS documents IANA names such as America/New_York; the accepted format is UNCONFIRMED (aws-backup.md §7)"),
            );
        }
    }
    if let Some(lc) = &rule.lifecycle {
        let whose = format!("rule {}", rule.name);
        check_lifecycle(ctx, &p("lifecycle"), lc, &whose, rule.is_continuous());
    }
    check_continuous(ctx, &base, rule);
    if ctx.plan_known(&p("recovery_point_tags"))
        && rule.recovery_point_tags.len() > MAX_RECOVERY_POINT_TAGS
    {
        ctx.push(
            Target::Plan,
            Issue::error(
                "too_many_recovery_point_tags",
                p("recovery_point_tags"),
                format!(
                    "rule {} sets {} recovery-point tags; at most {MAX_RECOVERY_POINT_TAGS} are allowed [S6]",
                    rule.name,
                    rule.recovery_point_tags.len()
                ),
            )
            .with_hint("aws-backup.md §13"),
        );
    }
    if rule.copy_actions.len() > MAX_COPY_ACTIONS_PER_RULE {
        ctx.push(
            Target::Plan,
            Issue::error(
                "too_many_copy_actions",
                p("copy_actions"),
                format!(
                    "rule {} has {} copy actions; at most {MAX_COPY_ACTIONS_PER_RULE} are allowed [S5]",
                    rule.name,
                    rule.copy_actions.len()
                ),
            )
            .with_hint("aws-backup.md §13 (not adjustable)"),
        );
    }
    for (j, c) in rule.copy_actions.iter().enumerate() {
        check_copy_action(ctx, &format!("{base}/copy_actions/{j}"), j, rule, c);
    }
    if let Some(arn) = &rule.target_logically_air_gapped_vault_arn {
        check_lag_target(ctx, &p("target_logically_air_gapped_vault_arn"), arn);
    }
    check_index_actions(ctx, &base, rule);
    check_vault_lock_for_rule(ctx, &base, rule);
    // L8 (HEURISTIC): short warm retention defeats incremental backups.
    if !rule.is_continuous() {
        if let Some(lc) = &rule.lifecycle {
            let (warm, field) = match (lc.cold_after_days(), lc.retention_days()) {
                (Some(c), _) => (Some(c), "move_to_cold_after_days"),
                (None, Some(d)) => (Some(d), "delete_after_days"),
                _ => (None, ""),
            };
            if let Some(w) = warm.filter(|w| (1..MIN_WARM_DAYS_ADVICE).contains(w)) {
                let path = p(&format!("lifecycle/{field}"));
                if ctx.plan_known(&path) {
                    ctx.push(
                        Target::Plan,
                        Issue::warning(
                            "warm_retention_short",
                            path,
                            format!("rule {} keeps recovery points warm for only {w} days; under {MIN_WARM_DAYS_ADVICE} days incremental backups can degrade to a full backup each time [L8]", rule.name),
                        )
                        .with_hint("AWS advice, not enforced (aws-backup.md §5.3 L8, metering-and-billing)"),
                    );
                }
            }
        }
    }
}

fn check_windows(ctx: &mut Ctx<'_>, base: &str, rule: &BackupRule) {
    let sp = format!("{base}/start_window_minutes");
    let cp = format!("{base}/completion_window_minutes");
    if let Some(s) = rule.start_window_minutes.filter(|_| ctx.plan_known(&sp)) {
        if s < MIN_START_WINDOW_MINUTES {
            ctx.push(
                Target::Plan,
                Issue::error(
                    "start_window_too_short",
                    &sp,
                    format!("rule {} has a {s}-minute start window; AWS Backup requires at least {MIN_START_WINDOW_MINUTES} [W1]", rule.name),
                )
                .with_hint("the API rejects it at apply time, not at plan time (aws-backup.md §5.2 W1)"),
            );
        } else if s > MAX_WINDOW_MINUTES {
            ctx.push(
                Target::Plan,
                Issue::error(
                    "start_window_too_long",
                    &sp,
                    format!(
                        "start window {s} minutes exceeds {MAX_WINDOW_MINUTES} (100 years) [W2]"
                    ),
                ),
            );
        }
    }
    if let Some(c) = rule
        .completion_window_minutes
        .filter(|_| ctx.plan_known(&cp))
    {
        if c > MAX_WINDOW_MINUTES {
            ctx.push(
                Target::Plan,
                Issue::error(
                    "completion_window_too_long",
                    &cp,
                    format!("completion window {c} minutes exceeds {MAX_WINDOW_MINUTES} (100 years) [W5]"),
                ),
            );
        } else if c < 0 {
            ctx.push(
                Target::Plan,
                Issue::error(
                    "completion_window_negative",
                    &cp,
                    format!("completion window {c} minutes is negative"),
                ),
            );
        }
    }
    // W6 (HEURISTIC): the completion window should exceed the start window by an hour.
    let (s, c) = (
        rule.effective_start_window_minutes(),
        rule.effective_completion_window_minutes(),
    );
    let known = ctx.plan_known(&sp) && ctx.plan_known(&cp);
    let in_range = (MIN_START_WINDOW_MINUTES..=MAX_WINDOW_MINUTES).contains(&s)
        && (0..=MAX_WINDOW_MINUTES).contains(&c);
    if known
        && in_range
        && c < s.saturating_add(60)
        && (rule.start_window_minutes.is_some() || rule.completion_window_minutes.is_some())
    {
        ctx.push(
            Target::Plan,
            Issue::warning(
                "completion_window_short",
                &cp,
                format!(
                    "rule {} completes within {c} minutes but may start as late as {s} minutes in; community modules require completion ≥ start + 60 [W6]",
                    rule.name
                ),
            )
            .with_hint(format!(
                "defaults when unset: start {DEFAULT_START_WINDOW_MINUTES}, completion {DEFAULT_COMPLETION_WINDOW_MINUTES} (aws-backup.md §5.2 W3/W4); HEURISTIC, not an AWS rule"
            )),
        );
    }
}

/// L1–L4, L10 on one lifecycle. `continuous`: the rule is continuous, whose cold transition is
/// reported by [`check_continuous`] instead of L1.
fn check_lifecycle(ctx: &mut Ctx<'_>, base: &str, lc: &Lifecycle, whose: &str, continuous: bool) {
    let cp = format!("{base}/move_to_cold_after_days");
    let dp = format!("{base}/delete_after_days");
    let cold_known = ctx.plan_known(&cp);
    let del_known = ctx.plan_known(&dp);
    if let Some(d) = lc.delete_after_days.filter(|_| del_known) {
        // L2 (1..36,500) and L4 (-1 removes the lifecycle).
        if d != -1 && !(1..=MAX_LIFECYCLE_DAYS).contains(&d) {
            ctx.push(
                Target::Plan,
                Issue::error(
                    "lifecycle_delete_out_of_range",
                    &dp,
                    format!("{whose}: DeleteAfterDays {d} must be 1–{MAX_LIFECYCLE_DAYS} (or -1 to keep indefinitely) [L2, L4]"),
                )
                .with_hint("service error: \"DeleteAfterDays cannot be less than 1 or more than 36500 days\" (aws-backup.md §5.3)"),
            );
        }
    }
    if let Some(c) = lc.move_to_cold_after_days.filter(|_| cold_known) {
        if c == 0 {
            ctx.push(
                Target::Plan,
                Issue::warning(
                    "lifecycle_cold_zero",
                    &cp,
                    format!("{whose}: MoveToColdStorageAfterDays is 0; its meaning in the API is UNCONFIRMED (Terraform treats 0 as unset) [L10]"),
                )
                .with_hint("omit the field for no cold tier"),
            );
        } else if c != -1 && !(1..=MAX_LIFECYCLE_DAYS).contains(&c) {
            ctx.push(
                Target::Plan,
                Issue::error(
                    "lifecycle_cold_out_of_range",
                    &cp,
                    format!("{whose}: MoveToColdStorageAfterDays {c} must be 1–{MAX_LIFECYCLE_DAYS} (or -1) [L3]"),
                ),
            );
        }
    }
    // L1: DeleteAfterDays ≥ MoveToColdStorageAfterDays + 90 when both are set.
    if let (Some(c), Some(d)) = (lc.cold_after_days(), lc.retention_days()) {
        if !continuous
            && cold_known
            && del_known
            && c > 0
            && d >= 1
            && d < c.saturating_add(COLD_MINIMUM_DAYS)
        {
            ctx.push(
                Target::Plan,
                Issue::error(
                    "lifecycle_cold_minimum",
                    &dp,
                    format!(
                        "{whose} deletes after {d} days but moves to cold after {c}: recovery points must stay in cold storage at least {COLD_MINIMUM_DAYS} days, so DeleteAfterDays must be ≥ {} [L1]",
                        c.saturating_add(COLD_MINIMUM_DAYS)
                    ),
                )
                .with_hint("aws-backup.md §5.3 L1 ([BC-backup] API_Lifecycle); applies to copy actions too"),
            );
        }
    }
}

fn check_continuous(ctx: &mut Ctx<'_>, base: &str, rule: &BackupRule) {
    if !rule.is_continuous() || !ctx.plan_known(&format!("{base}/enable_continuous_backup")) {
        return;
    }
    let dp = format!("{base}/lifecycle/delete_after_days");
    let cp = format!("{base}/lifecycle/move_to_cold_after_days");
    let lc = rule.lifecycle.clone().unwrap_or_default();
    match lc.retention_days() {
        Some(d) if ctx.plan_known(&dp) && !(1..=MAX_CONTINUOUS_RETENTION_DAYS).contains(&d) => ctx.push(
            Target::Plan,
            Issue::error(
                "continuous_retention_out_of_range",
                &dp,
                format!("rule {} uses continuous backup, whose retention must be 1–{MAX_CONTINUOUS_RETENTION_DAYS} days, not {d} [L7]", rule.name),
            )
            .with_hint("aws-backup.md §5.3 L7 / §8 ([PITR])"),
        ),
        None if ctx.plan_known(&dp) => ctx.push(
            Target::Plan,
            Issue::warning(
                "continuous_retention_unset",
                &dp,
                format!("rule {} uses continuous backup without DeleteAfterDays; continuous retention is 1–{MAX_CONTINUOUS_RETENTION_DAYS} days [L7]", rule.name),
            )
            .with_hint("what the service does with an unset retention here is UNCONFIRMED; CDK defaults it to 35 days"),
        ),
        _ => {}
    }
    if lc.cold_after_days().is_some() && ctx.plan_known(&cp) {
        ctx.push(
            Target::Plan,
            Issue::error(
                "continuous_cold_tier",
                &cp,
                format!("rule {} uses continuous backup, which has no cold tier: remove MoveToColdStorageAfterDays [L7]", rule.name),
            )
            .with_hint("the 90-day cold minimum exceeds the 35-day continuous maximum (aws-backup.md §8)"),
        );
    }
}

/// The body of a `cron(...)` expression (or the bare form), and whether it was wrapped.
pub fn cron_body(expr: &str) -> (&str, bool) {
    let t = expr.trim();
    match t.strip_prefix("cron(").and_then(|r| r.strip_suffix(')')) {
        Some(body) => (body.trim(), true),
        None => (t, false),
    }
}

/// S1/S2 through the schedule module's parser ([`AwsCron::parse`], aws-backup.md §6), S3 on top.
fn check_schedule(ctx: &mut Ctx<'_>, base: &str, rule: &BackupRule) {
    let path = format!("{base}/schedule_expression");
    let Some(expr) = rule.schedule_expression.as_deref() else {
        return;
    };
    let cron = match AwsCron::parse(expr) {
        Ok(c) => c,
        Err(issues) => {
            for i in issues {
                let i = i.under(&path);
                let i = if i.hint.is_none() {
                    i.with_hint("aws-backup.md §6 ([EB-cron]) [S1, S2]")
                } else {
                    i
                };
                ctx.push(Target::Plan, i);
            }
            return;
        }
    };
    for w in cron.warnings() {
        ctx.push(Target::Plan, w.clone().under(&path));
    }
    // S3: snapshot schedules no more frequent than hourly (an error per aws-backup.md §5.4).
    if !rule.is_continuous() && cron.fires_more_than_once_per_hour() {
        ctx.push(
            Target::Plan,
            Issue::error(
                "schedule_too_frequent",
                &path,
                format!("{expr:?} fires more than once in an hour; AWS Backup snapshot schedules run at most hourly [S3]"),
            )
            .with_hint("use a single minute value, e.g. cron(0 * ? * * *) for hourly (aws-backup.md §5.4 S3)"),
        );
    }
    if !cron.fires_ever() {
        ctx.push(
            Target::Plan,
            Issue::warning(
                "schedule_never_fires",
                &path,
                format!(
                    "{expr:?} matches no date up to {}: the rule never runs",
                    crate::schedule::MAX_YEAR
                ),
            )
            .with_hint("e.g. day 30 or 31 of February, or a year range in the past"),
        );
    }
}

fn check_vault_arn(ctx: &mut Ctx<'_>, path: &str, arn: &str, what: &str) -> bool {
    let ok = split_arn(arn).is_some_and(|a| {
        a.service == "backup"
            && a.resource
                .strip_prefix("backup-vault:")
                .is_some_and(|n| !n.is_empty())
    });
    if !ok {
        ctx.push(
            Target::Plan,
            Issue::error(
                "vault_arn_invalid",
                path,
                format!("{what} {arn:?} is not a backup vault ARN (arn:aws:backup:<region>:<account>:backup-vault:<name>)"),
            )
            .with_hint("aws-backup.md §2.4"),
        );
        return false;
    }
    let (_, _, name) = vault_arn_parts(arn);
    if let Some(n) = name {
        if !name_ok(&n, 2, 50, false) {
            ctx.push(
                Target::Plan,
                Issue::error(
                    "vault_name_invalid",
                    path,
                    format!("vault name {n:?} in {what} must be 2–50 of A-Z a-z 0-9 - _ [P3]"),
                ),
            );
        }
    }
    true
}

fn check_copy_action(ctx: &mut Ctx<'_>, base: &str, j: usize, rule: &BackupRule, c: &CopyAction) {
    if !ctx.plan_known(base) {
        return;
    }
    let ap = format!("{base}/destination_vault_arn");
    if ctx.plan_known(&ap)
        && !check_vault_arn(
            ctx,
            &ap,
            &c.destination_vault_arn,
            "DestinationBackupVaultArn",
        )
    {
        return;
    }
    if let Some(lc) = &c.lifecycle {
        let whose = format!("copy action {j} of rule {}", rule.name);
        check_lifecycle(ctx, &format!("{base}/lifecycle"), lc, &whose, false);
    }
    // §9: a copy kept "always" still inherits the source's expiry.
    let copy_forever = c
        .lifecycle
        .as_ref()
        .and_then(Lifecycle::retention_days)
        .is_none();
    if copy_forever {
        if let Some(d) = rule.retention_days() {
            ctx.push(
                Target::Plan,
                Issue::warning(
                    "copy_inherits_source_expiry",
                    format!("{base}/lifecycle/delete_after_days"),
                    format!("this copy has no expiry of its own, but it still expires with its source after {d} days"),
                )
                .with_hint("to keep a copy for ever the source must never expire, or give the copy a 100-year (36,500-day) retention (aws-backup.md §9)"),
            );
        }
    }
    if rule.is_continuous() {
        ctx.push(
            Target::Plan,
            Issue::info(
                "copy_of_continuous_is_snapshot",
                base,
                "copies of continuous backups are snapshots: point-in-time restore is not available from the copy",
            )
            .with_hint("aws-backup.md §8 (Copies), §9"),
        );
    }
}

/// S9: the logically air-gapped target must be in the plan's account and Region.
fn check_lag_target(ctx: &mut Ctx<'_>, path: &str, arn: &str) {
    if !ctx.plan_known(path)
        || !check_vault_arn(ctx, path, arn, "TargetLogicallyAirGappedBackupVaultArn")
    {
        return;
    }
    let (region, account, _) = vault_arn_parts(arn);
    let plan = ctx.plan;
    let mismatch =
        |a: &Option<String>, b: &Option<String>| matches!((a, b), (Some(x), Some(y)) if x != y);
    if mismatch(&region, &plan.region) || mismatch(&account, &plan.account) {
        ctx.push(
            Target::Plan,
            Issue::error(
                "lag_vault_elsewhere",
                path,
                format!(
                    "a logically air-gapped target must be in the plan's own account and Region ({} / {})",
                    plan.account.as_deref().unwrap_or("?"),
                    plan.region.as_deref().unwrap_or("?")
                ),
            )
            .with_hint("aws-backup.md §5.4 S9 ([BC-backup]); copy to other Regions with a copy action instead"),
        );
    }
}

/// S8: at most one index action, with exactly one resource type, EBS or S3.
fn check_index_actions(ctx: &mut Ctx<'_>, base: &str, rule: &BackupRule) {
    let path = format!("{base}/index_actions");
    if !ctx.plan_known(&path) {
        return;
    }
    if rule.index_actions.len() > 1 {
        ctx.push(
            Target::Plan,
            Issue::error(
                "index_actions_invalid",
                &path,
                format!(
                    "a rule takes at most one index action, not {} [S8]",
                    rule.index_actions.len()
                ),
            ),
        );
    }
    for (k, a) in rule.index_actions.iter().enumerate() {
        let ok = matches!(a.resource_types.as_slice(), [t] if t == "EBS" || t == "S3");
        if !ok {
            ctx.push(
                Target::Plan,
                Issue::error(
                    "index_actions_invalid",
                    format!("{path}/{k}/resource_types"),
                    format!(
                        "an index action names exactly one resource type, EBS or S3, not {:?} [S8]",
                        a.resource_types
                    ),
                ),
            );
        }
    }
}
