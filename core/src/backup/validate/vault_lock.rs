//! Vaults and Vault Lock (aws-backup.md §10.1): which vault a rule writes to, and whether its
//! lock accepts the retention.

use std::collections::BTreeMap;

use super::{
    name_ok, Ctx, Target, MAX_LIFECYCLE_DAYS, MIN_CHANGEABLE_FOR_DAYS, MIN_LAG_RETENTION_DAYS,
};
use crate::backup::model::*;
use crate::error::Issue;

/// Vaults by ARN and by name (lookups stay logarithmic however many vaults a document holds).
#[derive(Default)]
pub(super) struct VaultIndex {
    by_arn: BTreeMap<String, usize>,
    by_name: BTreeMap<String, Vec<usize>>,
}

impl VaultIndex {
    pub(super) fn new(vaults: &[BackupVault]) -> Self {
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

pub(super) fn check_vault_lock_for_rule(ctx: &mut Ctx<'_>, base: &str, rule: &BackupRule) {
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

pub(super) fn check_vault(ctx: &mut Ctx<'_>, j: usize, v: &BackupVault) {
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
