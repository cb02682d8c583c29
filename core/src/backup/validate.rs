//! Validation of a normalized plan (with its vaults and selections): every problem at once.
//!
//! Each check cites its rule in aws-backup.md (§5 rule IDs such as `W1`, `L1`, `S4`; §10 for Vault
//! Lock; §13 for quotas). HARD rules are errors; HEURISTIC, UNCONFIRMED and CONFLICT-stricter
//! bounds are warnings; facts worth knowing are info. Issue codes are stable.
//!
//! Paths: an issue is built against the normalized object (`/rules/0/lifecycle/delete_after_days`)
//! and then mapped through the object's [`SourceMap`] into the user's original document
//! (`input: "document"`). Without a source map the path stays in the argument (`input: "plan"`,
//! `"vaults"`, `"selections"`). Values the importer could not read (listed in
//! `SourceMap::unresolved`) are skipped: they were reported once already.

use std::collections::{BTreeMap, BTreeSet};

use super::model::*;
use super::resource::{self, ColdSupport};
use crate::error::{join, Issue};
use crate::schedule::{AwsCron, DstGapPolicy, Schedule};

/// Source: aws-backup.md §13 (rules per plan, newest quota page) / rule S4.
pub const MAX_RULES_PER_PLAN: usize = 10;
/// Source: aws-backup.md §13 / rule S5.
pub const MAX_COPY_ACTIONS_PER_RULE: usize = 5;
/// Source: aws-backup.md §13 / rule S6.
pub const MAX_RECOVERY_POINT_TAGS: usize = 10;
/// Rules compared pairwise for overlaps at most: the quota (S4); past it the plan is an error
/// already and pairwise warnings would only be noise.
const MAX_OVERLAP_RULES: usize = MAX_RULES_PER_PLAN;
/// Source: aws-backup.md §5.2 W1.
pub const MIN_START_WINDOW_MINUTES: i64 = 60;
/// 100 years in minutes. Source: aws-backup.md §5.2 W2/W5 ([BC-backup]).
pub const MAX_WINDOW_MINUTES: i64 = 52_560_000;
/// 100 years in days. Source: aws-backup.md §5.3 L2/L3.
pub const MAX_LIFECYCLE_DAYS: i64 = 36_500;
/// Cold-storage minimum. Source: aws-backup.md §5.3 L1.
pub const COLD_MINIMUM_DAYS: i64 = 90;
/// Continuous-backup retention bound. Source: aws-backup.md §5.3 L7 / §8 ([PITR]).
pub const MAX_CONTINUOUS_RETENTION_DAYS: i64 = 35;
/// Warm retention below which incremental backups suffer. Source: aws-backup.md §5.3 L8 (HEURISTIC).
pub const MIN_WARM_DAYS_ADVICE: i64 = 7;
/// Source: aws-backup.md §5.4 S7.
pub const MAX_SELECTION_ARNS: usize = 500;
/// Source: aws-backup.md §5.4 S7 (when any ARN has a wildcard).
pub const MAX_SELECTION_ARNS_WILDCARD: usize = 30;
/// Selections per plan: CONFLICT, 100 (error) vs 10 (warning). Source: aws-backup.md §13.
pub const MAX_SELECTIONS_PER_PLAN: usize = 100;
pub const MAX_SELECTIONS_PER_PLAN_STRICT: usize = 10;
/// Source: aws-backup.md §13 (tag-based selections per plan).
pub const MAX_TAG_SELECTIONS_PER_PLAN: usize = 10;
/// Source: aws-backup.md §13 (tags in one selection).
pub const MAX_TAGS_PER_SELECTION: usize = 30;
/// Source: aws-backup.md §10.1 (ChangeableForDays ≥ 3: 72-hour cooling-off; ≤ 36,500).
pub const MIN_CHANGEABLE_FOR_DAYS: i64 = 3;
/// Source: aws-backup.md §10.2 (CreateLogicallyAirGappedBackupVault: MinRetentionDays ≥ 7).
pub const MIN_LAG_RETENTION_DAYS: i64 = 7;

/// Which argument an issue belongs to before path mapping.
#[derive(Clone, Copy)]
enum Target {
    Plan,
    Vault(usize),
    Selection(usize),
}

struct Ctx<'a> {
    plan: &'a BackupPlan,
    vaults: &'a [BackupVault],
    index: VaultIndex,
    selections: &'a [BackupSelection],
    out: Vec<(Target, Issue)>,
}

impl Ctx<'_> {
    fn push(&mut self, t: Target, issue: Issue) {
        self.out.push((t, issue));
    }

    fn plan_known(&self, norm: &str) -> bool {
        !self
            .plan
            .source
            .as_ref()
            .is_some_and(|s| s.is_unresolved(norm))
    }

    fn finish(self) -> Vec<Issue> {
        let Ctx {
            plan,
            vaults,
            selections,
            out,
            ..
        } = self;
        let mut issues: Vec<Issue> = out
            .into_iter()
            .map(|(t, i)| {
                let (src, prefix, input) = match t {
                    Target::Plan => (plan.source.as_ref(), String::new(), "plan"),
                    Target::Vault(j) => (
                        vaults.get(j).and_then(|v| v.source.as_ref()),
                        format!("/{j}"),
                        "vaults",
                    ),
                    Target::Selection(k) => (
                        selections.get(k).and_then(|s| s.source.as_ref()),
                        format!("/{k}"),
                        "selections",
                    ),
                };
                match src {
                    Some(sm) => {
                        let mut i = i;
                        i.path = sm.original(&i.path);
                        i.in_input(super::import::INPUT)
                    }
                    None => i.under(&prefix).in_input(input),
                }
            })
            .collect();
        // Errors first, then warnings, then info; input order within each (stable sort).
        issues.sort_by_key(|i| i.severity);
        issues
    }
}

fn name_ok(s: &str, min: usize, max: usize, allow_dot: bool) -> bool {
    let n = s.chars().count();
    n >= min
        && n <= max
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || (allow_dot && c == '.'))
}

/// Validate a plan together with the vaults and selections it uses (both may be empty).
pub fn validate(
    plan: &BackupPlan,
    vaults: &[BackupVault],
    selections: &[BackupSelection],
) -> Vec<Issue> {
    validate_with(plan, vaults, selections, true)
}

/// [`validate`], optionally without the checks of the vaults themselves (a document with many
/// plans checks its vaults once).
pub(crate) fn validate_with(
    plan: &BackupPlan,
    vaults: &[BackupVault],
    selections: &[BackupSelection],
    check_vaults: bool,
) -> Vec<Issue> {
    let mut plan_n = plan.clone();
    plan_n.normalize();
    let vaults_n: Vec<BackupVault> = vaults
        .iter()
        .cloned()
        .map(|mut v| {
            v.normalize();
            v
        })
        .collect();
    let mut ctx = Ctx {
        plan: &plan_n,
        vaults: &vaults_n,
        index: VaultIndex::new(&vaults_n),
        selections,
        out: Vec::new(),
    };
    check_plan(&mut ctx);
    for (i, rule) in plan_n.rules.iter().enumerate() {
        check_rule(&mut ctx, i, rule);
    }
    check_plan_level_rules(&mut ctx);
    if check_vaults {
        for (j, v) in vaults_n.iter().enumerate() {
            check_vault(&mut ctx, j, v);
        }
    }
    check_selections(&mut ctx);
    check_coverage(&mut ctx);
    ctx.finish()
}

// ---------------------------------------------------------------------------------------------
// Plan

fn check_plan(ctx: &mut Ctx<'_>) {
    let plan = ctx.plan;
    if ctx.plan_known("/name") {
        let n = plan.name.chars().count();
        let chars_ok = name_ok(&plan.name, 1, usize::MAX, true);
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
                    format!("backup plan name is {n} characters; the API allows at most 200 [P1]"),
                )
                .with_hint("aws-backup.md §5.1 P1 (CONFLICT: 200 in the BackupPlan doc, 50 in the console)"),
            );
        } else if n > 50 {
            ctx.push(
                Target::Plan,
                Issue::warning(
                    "plan_name_long",
                    "/name",
                    format!("backup plan name is {n} characters; the console and the BackupPlanInput doc allow 50 [P1]"),
                )
                .with_hint("aws-backup.md §5.1 P1 (CONFLICT: 200 in the BackupPlan doc)"),
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

// ---------------------------------------------------------------------------------------------
// Rules

fn check_rule(ctx: &mut Ctx<'_>, i: usize, rule: &BackupRule) {
    let base = format!("/rules/{i}");
    if !ctx.plan_known(&base) {
        return;
    }
    let p = |s: &str| format!("{base}/{s}");
    if ctx.plan_known(&p("name")) && !name_ok(&rule.name, 1, 50, true) {
        ctx.push(
            Target::Plan,
            Issue::error(
                "rule_name_invalid",
                p("name"),
                format!(
                    "rule name {:?} must be 1–50 of A-Z a-z 0-9 - _ . [P2]",
                    rule.name
                ),
            )
            .with_hint("aws-backup.md §5.1 P2 ([BC-backup])"),
        );
    }
    if ctx.plan_known(&p("target_vault_name")) && !name_ok(&rule.target_vault_name, 2, 50, false) {
        ctx.push(
            Target::Plan,
            Issue::error(
                "vault_name_invalid",
                p("target_vault_name"),
                format!(
                    "target vault name {:?} must be 2–50 of A-Z a-z 0-9 - _ (no dot) [P3]",
                    rule.target_vault_name
                ),
            )
            .with_hint("aws-backup.md §5.1 P3 ([BC-backup])"),
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
                    format!("{tz:?} is not an IANA time zone name drplan knows"),
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

// ---------------------------------------------------------------------------------------------
// Vault Lock (aws-backup.md §10.1)

/// Vaults by ARN and by name (lookups stay logarithmic however many vaults a document holds).
#[derive(Default)]
struct VaultIndex {
    by_arn: BTreeMap<String, usize>,
    by_name: BTreeMap<String, Vec<usize>>,
}

impl VaultIndex {
    fn new(vaults: &[BackupVault]) -> Self {
        let mut ix = VaultIndex::default();
        for (i, v) in vaults.iter().enumerate() {
            if let Some(a) = &v.arn {
                ix.by_arn.entry(a.clone()).or_insert(i);
            }
            ix.by_name.entry(v.name.clone()).or_default().push(i);
        }
        ix
    }
}

/// The vault a rule or copy writes to: by ARN first, else by name with any known Region and
/// account agreeing.
fn find_vault<'v>(
    ix: &VaultIndex,
    vaults: &'v [BackupVault],
    name: &str,
    arn: Option<&str>,
    region: Option<&str>,
    account: Option<&str>,
) -> Option<(usize, &'v BackupVault)> {
    if let Some(i) = arn.and_then(|a| ix.by_arn.get(a)) {
        return vaults.get(*i).map(|v| (*i, v));
    }
    let same = |x: Option<&str>, y: Option<&str>| match (x, y) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    ix.by_name
        .get(name)?
        .iter()
        .filter_map(|i| vaults.get(*i).map(|v| (*i, v)))
        .find(|(_, v)| same(region, v.region.as_deref()) && same(account, v.account.as_deref()))
}

fn lock_check(ctx: &mut Ctx<'_>, path: &str, who: &str, retention: Option<i64>, v: &BackupVault) {
    let Some(lock) = &v.lock else { return };
    let show = |d: Option<i64>| d.map_or("indefinitely".to_owned(), |d| format!("{d} days"));
    if let (Some(min), Some(d)) = (lock.min_retention_days, retention) {
        if d < min {
            ctx.push(
                Target::Plan,
                Issue::error(
                    "vault_lock_retention_below_min",
                    path,
                    format!("{who} keeps recovery points {}, below vault {}'s Vault Lock MinRetentionDays of {min}: every job into that vault fails", show(retention), v.name),
                )
                .with_hint("raise DeleteAfterDays to at least MinRetentionDays (aws-backup.md §10.1)"),
            );
        }
    }
    if let Some(max) = lock.max_retention_days {
        match retention {
            Some(d) if d > max => ctx.push(
                Target::Plan,
                Issue::error(
                    "vault_lock_retention_above_max",
                    path,
                    format!("{who} keeps recovery points {d} days, above vault {}'s Vault Lock MaxRetentionDays of {max}: every job into that vault fails", v.name),
                )
                .with_hint("lower DeleteAfterDays to at most MaxRetentionDays (aws-backup.md §10.1)"),
            ),
            None => ctx.push(
                Target::Plan,
                Issue::warning(
                    "vault_lock_indefinite_retention",
                    path,
                    format!("{who} keeps recovery points indefinitely, but vault {} has a Vault Lock MaxRetentionDays of {max}; whether such jobs pass is UNCONFIRMED and drplan treats them as failing", v.name),
                )
                .with_hint("set DeleteAfterDays ≤ MaxRetentionDays (aws-backup.md §10.1)"),
            ),
            _ => {}
        }
    }
    let mode = match lock.mode {
        Some(LockMode::Compliance) => format!(
            "compliance mode{}: once the grace period ends nobody, not even the root user, can remove the lock while the vault holds recovery points",
            lock.changeable_for_days
                .map(|d| format!(" (ChangeableForDays {d})"))
                .unwrap_or_default()
        ),
        _ => "governance mode: principals with backup:DeleteBackupVaultLockConfiguration can remove the lock".to_owned(),
    };
    ctx.push(
        Target::Plan,
        Issue::info(
            "vault_lock_mode",
            path,
            format!("{who} writes to vault {}, locked in {mode}", v.name),
        )
        .with_hint("aws-backup.md §10.1"),
    );
}

fn check_vault_lock_for_rule(ctx: &mut Ctx<'_>, base: &str, rule: &BackupRule) {
    let vaults = ctx.vaults;
    if vaults.is_empty() {
        return;
    }
    let dp = format!("{base}/lifecycle/delete_after_days");
    let retention_known = ctx.plan_known(&dp) && ctx.plan_known(&format!("{base}/lifecycle"));
    let plan_region = ctx.plan.region.clone();
    let plan_account = ctx.plan.account.clone();
    if ctx.plan_known(&format!("{base}/target_vault_name")) {
        match find_vault(
            &ctx.index,
            vaults,
            &rule.target_vault_name,
            None,
            plan_region.as_deref(),
            plan_account.as_deref(),
        ) {
            Some((_, v)) if retention_known => lock_check(
                ctx,
                &dp,
                &format!("rule {}", rule.name),
                rule.retention_days(),
                v,
            ),
            Some(_) => {}
            None => ctx.push(
                Target::Plan,
                Issue::info(
                    "vault_not_found",
                    format!("{base}/target_vault_name"),
                    format!(
                        "vault {} is not among the vaults given, so its Vault Lock is not checked",
                        rule.target_vault_name
                    ),
                ),
            ),
        }
    }
    if let Some(arn) = &rule.target_logically_air_gapped_vault_arn {
        let (region, account, name) = vault_arn_parts(arn);
        if let Some((_, v)) = find_vault(
            &ctx.index,
            vaults,
            name.as_deref().unwrap_or(""),
            Some(arn),
            region.as_deref(),
            account.as_deref(),
        ) {
            if retention_known {
                lock_check(
                    ctx,
                    &dp,
                    &format!("rule {} (logically air-gapped target)", rule.name),
                    rule.retention_days(),
                    v,
                );
            }
        }
    }
    for (j, c) in rule.copy_actions.iter().enumerate() {
        let cb = format!("{base}/copy_actions/{j}");
        let cdp = format!("{cb}/lifecycle/delete_after_days");
        if !ctx.plan_known(&cb) || !ctx.plan_known(&cdp) {
            continue;
        }
        let name = c.destination_vault_name.clone().unwrap_or_default();
        let found = find_vault(
            &ctx.index,
            vaults,
            &name,
            Some(&c.destination_vault_arn),
            c.destination_region.as_deref(),
            c.destination_account.as_deref(),
        );
        if let Some((_, v)) = found {
            let retention = c.lifecycle.as_ref().and_then(Lifecycle::retention_days);
            lock_check(
                ctx,
                &cdp,
                &format!("copy action {j} of rule {}", rule.name),
                retention,
                v,
            );
        }
    }
}

fn check_vault(ctx: &mut Ctx<'_>, j: usize, v: &BackupVault) {
    let known = |p: &str| !v.source.as_ref().is_some_and(|s| s.is_unresolved(p));
    let t = Target::Vault(j);
    if known("/name") && !name_ok(&v.name, 2, 50, false) {
        ctx.push(
            t,
            Issue::error(
                "vault_name_invalid",
                "/name",
                format!(
                    "vault name {:?} must be 2–50 of A-Z a-z 0-9 - _ (no dot) [P3]",
                    v.name
                ),
            )
            .with_hint("aws-backup.md §5.1 P3"),
        );
    }
    let lag = v.vault_type == VaultType::LogicallyAirGappedBackupVault;
    let Some(lock) = &v.lock else { return };
    let min_p = "/lock/min_retention_days";
    let max_p = "/lock/max_retention_days";
    let ch_p = "/lock/changeable_for_days";
    if let Some(min) = lock.min_retention_days.filter(|_| known(min_p)) {
        let floor = if lag { MIN_LAG_RETENTION_DAYS } else { 1 };
        if min < floor || min > MAX_LIFECYCLE_DAYS {
            ctx.push(
                t,
                Issue::error(
                    "vault_lock_min_out_of_range",
                    min_p,
                    format!(
                        "MinRetentionDays {min} must be {floor}–{MAX_LIFECYCLE_DAYS}{}",
                        if lag {
                            " for a logically air-gapped vault"
                        } else {
                            ""
                        }
                    ),
                )
                .with_hint(if lag {
                    "aws-backup.md §10.2 (CreateLogicallyAirGappedBackupVault: ≥ 7)"
                } else {
                    "aws-backup.md §10.1 (minimum 1)"
                }),
            );
        }
    }
    if let Some(max) = lock.max_retention_days.filter(|_| known(max_p)) {
        if !(1..=MAX_LIFECYCLE_DAYS).contains(&max) {
            ctx.push(
                t,
                Issue::error(
                    "vault_lock_max_out_of_range",
                    max_p,
                    format!("MaxRetentionDays {max} must be 1–{MAX_LIFECYCLE_DAYS}"),
                )
                .with_hint("aws-backup.md §10.1"),
            );
        }
        if let Some(min) = lock.min_retention_days.filter(|m| *m > max) {
            ctx.push(
                t,
                Issue::error(
                    "vault_lock_min_above_max",
                    max_p,
                    format!("MaxRetentionDays {max} is below MinRetentionDays {min}: no retention can satisfy the lock"),
                ),
            );
        }
    }
    if let Some(c) = lock.changeable_for_days.filter(|_| known(ch_p)) {
        if !(MIN_CHANGEABLE_FOR_DAYS..=MAX_LIFECYCLE_DAYS).contains(&c) {
            ctx.push(
                t,
                Issue::error(
                    "vault_lock_changeable_out_of_range",
                    ch_p,
                    format!("ChangeableForDays {c} must be {MIN_CHANGEABLE_FOR_DAYS}–{MAX_LIFECYCLE_DAYS} (72-hour cooling-off period)"),
                )
                .with_hint("aws-backup.md §10.1"),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Selections (aws-backup.md §3, §5.4 S7, §13)

fn plan_selections<'s>(
    plan: &BackupPlan,
    selections: &'s [BackupSelection],
) -> Vec<(usize, &'s BackupSelection)> {
    selections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.plan_name.as_deref().is_none_or(|n| n == plan.name))
        .collect()
}

fn check_selections(ctx: &mut Ctx<'_>) {
    let mine = plan_selections(ctx.plan, ctx.selections);
    if mine.len() > MAX_SELECTIONS_PER_PLAN {
        ctx.push(
            Target::Plan,
            Issue::error(
                "too_many_selections",
                "/name",
                format!("{} selections assign resources to plan {}; at most {MAX_SELECTIONS_PER_PLAN} are allowed", mine.len(), ctx.plan.name),
            )
            .with_hint("aws-backup.md §13 (CONFLICT: 100 vs 10)"),
        );
    } else if mine.len() > MAX_SELECTIONS_PER_PLAN_STRICT {
        ctx.push(
            Target::Plan,
            Issue::warning(
                "too_many_selections",
                "/name",
                format!("{} selections assign resources to plan {}; some versions of the quota page allow only {MAX_SELECTIONS_PER_PLAN_STRICT}", mine.len(), ctx.plan.name),
            )
            .with_hint("aws-backup.md §13 (CONFLICT: 100 vs 10)"),
        );
    }
    let tag_based = mine
        .iter()
        .filter(|(_, s)| !s.list_of_tags.is_empty() || !s.conditions.is_empty())
        .count();
    if tag_based > MAX_TAG_SELECTIONS_PER_PLAN {
        ctx.push(
            Target::Plan,
            Issue::error(
                "too_many_tag_selections",
                "/name",
                format!("{tag_based} tag-based selections for plan {}; at most {MAX_TAG_SELECTIONS_PER_PLAN} are allowed", ctx.plan.name),
            )
            .with_hint("aws-backup.md §13"),
        );
    }
    for (k, s) in mine {
        check_selection(ctx, k, s);
    }
}

fn check_selection(ctx: &mut Ctx<'_>, k: usize, s: &BackupSelection) {
    let t = Target::Selection(k);
    let known = |p: &str| !s.source.as_ref().is_some_and(|sm| sm.is_unresolved(p));
    if known("/name") && !name_ok(&s.name, 1, 50, true) {
        ctx.push(
            t,
            Issue::error(
                "selection_name_invalid",
                "/name",
                format!(
                    "selection name {:?} must be 1–50 of A-Z a-z 0-9 - _ . [P2]",
                    s.name
                ),
            )
            .with_hint("aws-backup.md §5.1 P2"),
        );
    }
    for (field, list) in [
        ("resources", &s.resources),
        ("not_resources", &s.not_resources),
    ] {
        let wildcard = list.iter().any(|a| a.contains('*'));
        let limit = if wildcard {
            MAX_SELECTION_ARNS_WILDCARD
        } else {
            MAX_SELECTION_ARNS
        };
        if list.len() > limit {
            ctx.push(
                t,
                Issue::error(
                    "selection_too_many_arns",
                    format!("/{field}"),
                    format!(
                        "{} ARNs; the limit is {limit}{} [S7]",
                        list.len(),
                        if wildcard {
                            " when any ARN has a wildcard"
                        } else {
                            ""
                        }
                    ),
                )
                .with_hint("aws-backup.md §3 / §5.4 S7"),
            );
        }
        for (i, arn) in list.iter().enumerate() {
            let path = format!("/{field}/{i}");
            if !known(&path) {
                continue;
            }
            if !wildcard_ok(arn) {
                {
                    ctx.push(
                        t,
                        Issue::error(
                            "selection_wildcard_position",
                            &path,
                            format!("{arn:?}: a '*' may appear only at the end of an ARN (prefix match) [S7]"),
                        )
                        .with_hint("arn:aws:s3:::my-bucket-* is valid, arn:aws:s3:::*-logs is not (aws-backup.md §3)"),
                    );
                    continue;
                }
            }
            if arn.contains("$account") || arn.contains("${") {
                continue;
            }
            if let Err(service) = resource::types_of_arn(arn) {
                ctx.push(
                    t,
                    Issue::warning(
                        "unknown_resource_type",
                        &path,
                        format!("{arn:?} names no resource type AWS Backup protects (service {service:?})"),
                    )
                    .with_hint(format!("supported types: {} (aws-backup.md §15)", resource::RESOURCE_TYPES.join(", "))),
                );
            }
        }
    }
    for (i, tag) in s.list_of_tags.iter().enumerate() {
        let path = format!("/list_of_tags/{i}/condition_type");
        if known(&path) && tag.condition_type != "STRINGEQUALS" {
            ctx.push(
                t,
                Issue::error(
                    "selection_condition_type_invalid",
                    &path,
                    format!(
                        "ConditionType must be STRINGEQUALS, not {:?}",
                        tag.condition_type
                    ),
                )
                .with_hint("STRINGEQUALS is the only value (aws-backup.md §3)"),
            );
        }
    }
    let tags = s.list_of_tags.len() + s.conditions.len();
    if tags > MAX_TAGS_PER_SELECTION {
        ctx.push(
            t,
            Issue::error(
                "too_many_tags_in_selection",
                "/list_of_tags",
                format!("{tags} tag conditions in one selection; at most {MAX_TAGS_PER_SELECTION} are allowed"),
            )
            .with_hint("aws-backup.md §13"),
        );
    }
    for (field, list) in [
        ("string_equals", &s.conditions.string_equals),
        ("string_not_equals", &s.conditions.string_not_equals),
        ("string_like", &s.conditions.string_like),
        ("string_not_like", &s.conditions.string_not_like),
    ] {
        for (i, c) in list.iter().enumerate() {
            let path = format!("/conditions/{field}/{i}/key");
            if known(&path) && !c.key.starts_with("aws:ResourceTag/") {
                ctx.push(
                    t,
                    Issue::warning(
                        "selection_condition_key",
                        &path,
                        format!(
                            "condition key {:?} is not of the form aws:ResourceTag/<key>",
                            c.key
                        ),
                    )
                    .with_hint("aws-backup.md §3"),
                );
            }
        }
    }
}

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
fn first_overlap(a: &(Vec<i64>, i64), b: &(Vec<i64>, i64)) -> Option<(i64, i64)> {
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

/// S7: a `*` only as a prefix match at the end of the ARN. A `*` standing for a whole Region or
/// account segment (`arn:aws:ec2:*:*:volume/*`, used in AWS's own selection examples:
/// devguide assigning-resources-json, re:Post backup-assign-resources) is a wildcard segment, not
/// an infix, and is accepted.
fn wildcard_ok(arn: &str) -> bool {
    let b = arn.as_bytes();
    b.iter().enumerate().all(|(i, c)| {
        *c != b'*'
            || i + 1 == b.len()
            || (i > 0 && b.get(i - 1) == Some(&b':') && b.get(i + 1) == Some(&b':'))
    })
}

/// Resource types the plan's selections name explicitly (`None` when no selection is given).
fn selected_types(
    plan: &BackupPlan,
    selections: &[BackupSelection],
) -> Option<BTreeSet<&'static str>> {
    let mine = plan_selections(plan, selections);
    if mine.is_empty() {
        return None;
    }
    let mut types = BTreeSet::new();
    for (_, s) in mine {
        if s.resources.is_empty() && s.list_of_tags.is_empty() && s.conditions.is_empty() {
            // Selects every opted-in type (aws-backup.md §3).
            types.extend(resource::RESOURCE_TYPES.iter().copied());
        }
        for arn in &s.resources {
            if let Ok(t) = resource::types_of_arn(arn) {
                types.extend(t);
            }
        }
    }
    Some(types)
}

// ---------------------------------------------------------------------------------------------
// Plan-wide: overlaps, duplicates, tiering, continuous coverage, cross-Region copies

fn check_plan_level_rules(ctx: &mut Ctx<'_>) {
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

fn check_coverage(ctx: &mut Ctx<'_>) {
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

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;

    fn codes(issues: &[Issue]) -> Vec<(&str, &str)> {
        issues
            .iter()
            .map(|i| (i.code.as_str(), i.path.as_str()))
            .collect()
    }

    fn rule(name: &str) -> BackupRule {
        let mut r = BackupRule::new(name, "prod-vault");
        r.schedule_expression = Some("cron(0 5 ? * * *)".into());
        r.start_window_minutes = Some(60);
        r.completion_window_minutes = Some(480);
        r.lifecycle = Some(Lifecycle {
            delete_after_days: Some(35),
            ..Lifecycle::default()
        });
        r.copy_actions.push(CopyAction::new(
            "arn:aws:backup:us-west-2:111122223333:backup-vault:dr-vault",
            Some(Lifecycle {
                delete_after_days: Some(35),
                ..Lifecycle::default()
            }),
        ));
        r
    }

    fn plan(rules: Vec<BackupRule>) -> BackupPlan {
        let mut p = BackupPlan::new("prod", rules);
        p.region = Some("us-east-1".into());
        p
    }

    #[test]
    fn a_clean_plan_has_no_issues() {
        let issues = validate(&plan(vec![rule("daily")]), &[], &[]);
        assert!(issues.is_empty(), "{issues:?}");
    }

    #[test]
    fn window_and_lifecycle_bounds() {
        let mut r = rule("daily");
        r.start_window_minutes = Some(59);
        r.completion_window_minutes = Some(52_560_001);
        r.lifecycle = Some(Lifecycle {
            move_to_cold_after_days: Some(30),
            delete_after_days: Some(119),
            ..Lifecycle::default()
        });
        let issues = validate(&plan(vec![r]), &[], &[]);
        let c = codes(&issues);
        assert!(
            c.contains(&("start_window_too_short", "/rules/0/start_window_minutes")),
            "{c:?}"
        );
        assert!(
            c.contains(&(
                "completion_window_too_long",
                "/rules/0/completion_window_minutes"
            )),
            "{c:?}"
        );
        assert!(
            c.contains(&(
                "lifecycle_cold_minimum",
                "/rules/0/lifecycle/delete_after_days"
            )),
            "{c:?}"
        );
        // 120 = 30 + 90 is the boundary and passes.
        let mut r = rule("daily");
        r.lifecycle = Some(Lifecycle {
            move_to_cold_after_days: Some(30),
            delete_after_days: Some(120),
            ..Lifecycle::default()
        });
        let issues = validate(&plan(vec![r]), &[], &[]);
        assert!(
            !codes(&issues)
                .iter()
                .any(|(c, _)| *c == "lifecycle_cold_minimum"),
            "{issues:?}"
        );
    }

    #[test]
    fn minus_one_keeps_forever_and_zero_delete_is_an_error() {
        let mut r = rule("daily");
        r.lifecycle = Some(Lifecycle {
            move_to_cold_after_days: Some(-1),
            delete_after_days: Some(-1),
            ..Lifecycle::default()
        });
        let issues = validate(&plan(vec![r.clone()]), &[], &[]);
        assert!(issues.iter().all(|i| !i.is_error()), "{issues:?}");
        r.lifecycle = Some(Lifecycle {
            delete_after_days: Some(0),
            ..Lifecycle::default()
        });
        let issues = validate(&plan(vec![r]), &[], &[]);
        assert!(codes(&issues).contains(&(
            "lifecycle_delete_out_of_range",
            "/rules/0/lifecycle/delete_after_days"
        )));
    }

    #[test]
    fn continuous_rules() {
        let mut r = rule("pitr");
        r.enable_continuous_backup = Some(true);
        r.lifecycle = Some(Lifecycle {
            move_to_cold_after_days: Some(1),
            delete_after_days: Some(36),
            ..Lifecycle::default()
        });
        let issues = validate(&plan(vec![r]), &[], &[]);
        let c = codes(&issues);
        assert!(
            c.contains(&(
                "continuous_retention_out_of_range",
                "/rules/0/lifecycle/delete_after_days"
            )),
            "{c:?}"
        );
        assert!(
            c.contains(&(
                "continuous_cold_tier",
                "/rules/0/lifecycle/move_to_cold_after_days"
            )),
            "{c:?}"
        );
    }

    #[test]
    fn schedules() {
        for (expr, code) in [
            ("rate(1 hour)", "cron_rate_not_supported"),
            ("cron(0 5 * * *)", "cron_field_count"),
            ("cron(0 5 * * * *)", "cron_question_mark"),
            ("cron(0/15 * ? * * *)", "schedule_too_frequent"),
            ("0 5 ? * * *", "cron_unwrapped"),
            ("cron(0 5 30 2 ? *)", "schedule_never_fires"),
        ] {
            let mut r = rule("daily");
            r.schedule_expression = Some(expr.into());
            let issues = validate(&plan(vec![r]), &[], &[]);
            assert!(
                codes(&issues).contains(&(code, "/rules/0/schedule_expression")),
                "{expr}: {issues:?}"
            );
        }
    }

    #[test]
    fn quotas() {
        let mut r = rule("daily");
        for i in 0..5 {
            r.copy_actions.push(r.copy_actions[0].clone());
            r.recovery_point_tags.insert(format!("a{i}"), "x".into());
            r.recovery_point_tags.insert(format!("b{i}"), "x".into());
        }
        r.recovery_point_tags.insert("c".into(), "x".into());
        let rules: Vec<BackupRule> = (0..11)
            .map(|i| {
                let mut x = r.clone();
                x.name = format!("r{i}");
                x.schedule_expression = Some(format!("cron({i} 5 ? * * *)"));
                x
            })
            .collect();
        let issues = validate(&plan(rules), &[], &[]);
        let c = codes(&issues);
        assert!(c.contains(&("too_many_rules", "/rules")));
        assert!(c.contains(&("too_many_copy_actions", "/rules/0/copy_actions")));
        assert!(c.contains(&(
            "too_many_recovery_point_tags",
            "/rules/0/recovery_point_tags"
        )));
    }

    #[test]
    fn vault_lock() {
        let mut v = BackupVault::new("prod-vault");
        v.lock = Some(VaultLock {
            min_retention_days: Some(60),
            max_retention_days: Some(30),
            changeable_for_days: Some(3),
            mode: None,
        });
        let issues = validate(&plan(vec![rule("daily")]), &[v], &[]);
        let c = codes(&issues);
        assert!(
            c.contains(&(
                "vault_lock_retention_below_min",
                "/rules/0/lifecycle/delete_after_days"
            )),
            "{c:?}"
        );
        // 35 days is also above MaxRetentionDays 30: both bounds are reported.
        assert!(
            c.contains(&(
                "vault_lock_retention_above_max",
                "/rules/0/lifecycle/delete_after_days"
            )),
            "{c:?}"
        );
        assert!(
            c.contains(&("vault_lock_min_above_max", "/0/lock/max_retention_days")),
            "{c:?}"
        );
        assert!(
            c.contains(&("vault_lock_mode", "/rules/0/lifecycle/delete_after_days")),
            "{c:?}"
        );
        let msg = issues
            .iter()
            .find(|i| i.code == "vault_lock_retention_below_min")
            .map(|i| i.message.clone())
            .unwrap_or_default();
        assert!(
            msg.contains("rule daily") && msg.contains("prod-vault") && msg.contains("60"),
            "{msg}"
        );
    }

    #[test]
    fn coverage_warnings_with_selections() {
        let mut r = rule("daily");
        r.lifecycle = Some(Lifecycle {
            move_to_cold_after_days: Some(30),
            delete_after_days: Some(365),
            ..Lifecycle::default()
        });
        r.copy_actions.clear();
        let sel = BackupSelection {
            name: "dbs".into(),
            plan_name: None,
            iam_role_arn: Some("arn:aws:iam::1:role/b".into()),
            resources: vec![
                "arn:aws:rds:us-east-1:1:db:prod".into(),
                "arn:aws:sqs:us-east-1:1:q".into(),
                "arn:aws:s3:::*-logs".into(),
            ],
            not_resources: vec![],
            list_of_tags: vec![],
            conditions: SelectionConditions::default(),
            source: None,
        };
        let issues = validate(&plan(vec![r]), &[], &[sel]);
        let c = codes(&issues);
        assert!(
            c.contains(&(
                "cold_tier_unsupported",
                "/rules/0/lifecycle/move_to_cold_after_days"
            )),
            "{c:?}"
        );
        assert!(c.contains(&("snapshot_only_protection", "/rules")), "{c:?}");
        assert!(c.contains(&("no_cross_region_copy", "/rules")), "{c:?}");
        assert!(
            c.contains(&("unknown_resource_type", "/0/resources/1")),
            "{c:?}"
        );
        assert!(
            c.contains(&("selection_wildcard_position", "/0/resources/2")),
            "{c:?}"
        );
        // Errors come first.
        assert_eq!(issues[0].severity, crate::error::Severity::Error);
    }

    #[test]
    fn overlapping_rules_name_the_winner() {
        let a = rule("short");
        let mut b = rule("long");
        b.lifecycle = Some(Lifecycle {
            delete_after_days: Some(90),
            ..Lifecycle::default()
        });
        let issues = validate(&plan(vec![a, b]), &[], &[]);
        let o = issues
            .iter()
            .find(|i| i.code == "overlapping_rules")
            .map(|i| i.message.clone())
            .unwrap_or_default();
        assert!(o.contains("rule long"), "{o}");
    }

    fn errors(p: &BackupPlan, v: &[BackupVault], s: &[BackupSelection]) -> Vec<String> {
        validate(p, v, s)
            .into_iter()
            .filter(Issue::is_error)
            .map(|i| i.code)
            .collect()
    }

    #[test]
    fn boundaries_are_inclusive() {
        let with = |f: &dyn Fn(&mut BackupRule)| {
            let mut r = rule("daily");
            f(&mut r);
            errors(&plan(vec![r]), &[], &[])
        };
        let none: Vec<String> = Vec::new();
        // W1/W2/W5: 60 ≤ start ≤ 52,560,000; completion ≤ 52,560,000.
        assert_eq!(with(&|r| r.start_window_minutes = Some(60)), none);
        assert_eq!(
            with(&|r| {
                r.start_window_minutes = Some(MAX_WINDOW_MINUTES);
                r.completion_window_minutes = Some(MAX_WINDOW_MINUTES)
            }),
            none
        );
        assert_eq!(
            with(&|r| r.start_window_minutes = Some(MAX_WINDOW_MINUTES + 1)),
            vec!["start_window_too_long"]
        );
        // L2: 1 ≤ DeleteAfterDays ≤ 36,500, or -1.
        let del = |d: i64| {
            move |r: &mut BackupRule| {
                r.lifecycle = Some(Lifecycle {
                    delete_after_days: Some(d),
                    ..Lifecycle::default()
                })
            }
        };
        assert_eq!(with(&del(1)), none);
        assert_eq!(with(&del(36_500)), none);
        assert_eq!(with(&del(-1)), none);
        assert_eq!(with(&del(36_501)), vec!["lifecycle_delete_out_of_range"]);
        assert_eq!(with(&del(-2)), vec!["lifecycle_delete_out_of_range"]);
        // L7: continuous retention 1..=35.
        let cont = |d: i64| {
            move |r: &mut BackupRule| {
                r.enable_continuous_backup = Some(true);
                r.copy_actions.clear();
                r.lifecycle = Some(Lifecycle {
                    delete_after_days: Some(d),
                    ..Lifecycle::default()
                })
            }
        };
        assert_eq!(with(&cont(35)), none);
        assert_eq!(with(&cont(1)), none);
        assert_eq!(with(&cont(36)), vec!["continuous_retention_out_of_range"]);
        // P2/P3 lengths.
        assert_eq!(with(&|r| r.name = "r".repeat(50)), none);
        assert_eq!(
            with(&|r| r.name = "r".repeat(51)),
            vec!["rule_name_invalid"]
        );
        assert_eq!(with(&|r| r.target_vault_name = "ab".into()), none);
        assert_eq!(
            with(&|r| r.target_vault_name = "a".into()),
            vec!["vault_name_invalid"]
        );
        // S5: five copy actions pass.
        assert_eq!(
            with(&|r| {
                let c = r.copy_actions[0].clone();
                r.copy_actions = vec![c; 5]
            }),
            none
        );
        // P1: 200 characters is an error-free warning, 50 is silent.
        let mut p = plan(vec![rule("daily")]);
        p.name = "p".repeat(200);
        let issues = validate(&p, &[], &[]);
        assert_eq!(codes(&issues), vec![("plan_name_long", "/name")]);
        p.name = "p".repeat(50);
        assert!(validate(&p, &[], &[]).is_empty());
    }

    #[test]
    fn selection_arn_limits() {
        let sel = |n: usize, wildcard: bool| BackupSelection {
            name: "s".into(),
            plan_name: None,
            iam_role_arn: None,
            resources: (0..n)
                .map(|i| {
                    format!(
                        "arn:aws:dynamodb:us-east-1:1:table/t{i}{}",
                        if wildcard { "*" } else { "" }
                    )
                })
                .collect(),
            not_resources: vec![],
            list_of_tags: vec![],
            conditions: SelectionConditions::default(),
            source: None,
        };
        let p = plan(vec![rule("daily")]);
        assert!(errors(&p, &[], &[sel(30, true)]).is_empty());
        assert_eq!(
            errors(&p, &[], &[sel(31, true)]),
            vec!["selection_too_many_arns"]
        );
        assert!(errors(&p, &[], &[sel(500, false)]).is_empty());
        assert_eq!(
            errors(&p, &[], &[sel(501, false)]),
            vec!["selection_too_many_arns"]
        );
        assert!(wildcard_ok("arn:aws:ec2:*:*:volume/*"));
        assert!(wildcard_ok("arn:aws:ec2:*"));
        assert!(!wildcard_ok("arn:aws:s3:::*-logs"));
        assert!(!wildcard_ok("arn:aws:rds:us-east-1:1:db:*prod"));
    }

    #[test]
    fn vault_lock_bounds_are_inclusive_and_indefinite_is_a_warning() {
        let mut v = BackupVault::new("prod-vault");
        v.lock = Some(VaultLock {
            min_retention_days: Some(35),
            max_retention_days: Some(35),
            ..VaultLock::default()
        });
        let mut r = rule("daily");
        r.copy_actions.clear();
        assert!(errors(&plan(vec![r.clone()]), &[v.clone()], &[]).is_empty());
        r.lifecycle = None;
        let issues = validate(&plan(vec![r]), &[v], &[]);
        assert!(issues.iter().all(|i| !i.is_error()), "{issues:?}");
        assert!(codes(&issues).contains(&(
            "vault_lock_indefinite_retention",
            "/rules/0/lifecycle/delete_after_days"
        )));
    }

    #[test]
    fn unconfirmed_rules_are_never_errors() {
        // P9 duplicate names, L10 cold 0, unknown time zone, bare cron, continuous without
        // retention, more than 10 selections: all UNCONFIRMED/CONFLICT-stricter → warnings.
        let mut a = rule("same");
        a.schedule_expression = Some("0 5 ? * * *".into());
        a.schedule_expression_timezone = Some("Nowhere/Land".into());
        a.lifecycle = Some(Lifecycle {
            move_to_cold_after_days: Some(0),
            delete_after_days: Some(35),
            ..Lifecycle::default()
        });
        let mut b = rule("same");
        b.schedule_expression = Some("cron(0 6 ? * * *)".into());
        b.enable_continuous_backup = Some(true);
        b.lifecycle = None;
        b.copy_actions.clear();
        let sels: Vec<BackupSelection> = (0..11)
            .map(|i| BackupSelection {
                name: format!("s{i}"),
                plan_name: None,
                iam_role_arn: None,
                resources: vec!["arn:aws:dynamodb:us-east-1:1:table/t".into()],
                not_resources: vec![],
                list_of_tags: vec![],
                conditions: SelectionConditions::default(),
                source: None,
            })
            .collect();
        let issues = validate(&plan(vec![a, b]), &[], &sels);
        assert!(issues.iter().all(|i| !i.is_error()), "{issues:?}");
        let c: Vec<&str> = issues.iter().map(|i| i.code.as_str()).collect();
        for code in [
            "rule_name_duplicate",
            "lifecycle_cold_zero",
            "unknown_time_zone",
            "cron_unwrapped",
            "continuous_retention_unset",
            "too_many_selections",
        ] {
            assert!(c.contains(&code), "{code}: {c:?}");
        }
    }

    #[test]
    fn start_windows_overlap_half_open() {
        // [0, 3600) and [3600, 7200) touch but do not overlap.
        assert_eq!(first_overlap(&(vec![0], 3600), &(vec![3600], 3600)), None);
        // [3600, 7200) and [5400, 9000) overlap.
        assert_eq!(
            first_overlap(&(vec![0, 3600], 3600), &(vec![5400], 3600)),
            Some((3600, 5400))
        );
        // Daily 05:00 and 12:00 UTC: 7 h apart. With the default 8-hour start window they
        // overlap; with 60-minute windows they do not.
        let at = |h: u32, w: Option<i64>| {
            let mut r = rule(&format!("h{h}"));
            r.schedule_expression = Some(format!("cron(0 {h} ? * * *)"));
            r.start_window_minutes = w;
            r.completion_window_minutes = None;
            r
        };
        let c = |p: BackupPlan| {
            validate(&p, &[], &[])
                .into_iter()
                .filter(|i| i.code == "overlapping_rules")
                .count()
        };
        assert_eq!(c(plan(vec![at(5, None), at(12, None)])), 1);
        assert_eq!(c(plan(vec![at(5, Some(60)), at(12, Some(60))])), 0);
        // Different zones: 05:00 Europe/Paris is 04:00 UTC in winter, so it meets 04:00 UTC.
        let mut paris = at(5, Some(60));
        paris.schedule_expression_timezone = Some("Europe/Paris".into());
        let msg = validate(&plan(vec![paris, at(4, Some(60))]), &[], &[])
            .into_iter()
            .find(|i| i.code == "overlapping_rules")
            .map(|i| i.message)
            .unwrap_or_default();
        assert!(msg.contains("both fire at 2026-01-01T04:00Z"), "{msg}");
    }
}
