//! Controls judged on the vaults the plan writes to: Vault Lock and logically air-gapped vaults.

use std::collections::BTreeSet;

use super::eval::{ev, find_vault, human, rule_gaps, verdict, Dest, Eval, Outcome};
use super::params::Params;
use super::{ControlStatus, SRC_CONTROLS};
use crate::backup::{BackupVault, VaultType};

/// `BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK`: rule targets, air-gapped targets and copy
/// destinations, then every resource in scope.
pub(super) fn protected_by_vault_lock(p: &mut Params<'_>, e: &Eval<'_>) -> Outcome {
    let mut out = Outcome::new(String::new());
    let (plan, vaults, dests, covered) = (e.plan, e.vaults, e.dests, &e.covered);
    out.source = format!("{SRC_CONTROLS}; parameter names and their semantics (the lock's MinRetentionDays ≥ minRetentionDays, MaxRetentionDays ≤ maxRetentionDays) are UNCONFIRMED");
    let min = p.int(
        "minRetentionDays",
        None,
        1,
        36_500,
        "optional (console \"Min Retention Days\"; parameter name UNCONFIRMED)",
    );
    let max = p.int(
        "maxRetentionDays",
        None,
        1,
        36_500,
        "optional (console \"Max Retention Days\"; parameter name UNCONFIRMED)",
    );
    out.evaluates =
        "resources: each must have recovery points in a vault with Vault Lock (aws-backup.md §10)"
            .into();
    // Vaults the plan writes to: rule targets, air-gapped targets, copy destinations.
    let mut targets: Vec<(String, Option<&BackupVault>, bool)> = Vec::new();
    for r in &plan.rules {
        match &r.target_logically_air_gapped_vault_arn {
            Some(arn) => {
                targets.push((arn.clone(), find_vault(vaults, None, Some(arn), None), true))
            }
            None => targets.push((
                r.target_vault_name.clone(),
                find_vault(
                    vaults,
                    Some(&r.target_vault_name),
                    None,
                    plan.region.as_deref(),
                ),
                false,
            )),
        }
    }
    for d in dests {
        let v = find_vault(
            vaults,
            d.vault.as_deref(),
            Some(&d.arn),
            d.region.as_deref(),
        );
        targets.push((d.arn.clone(), v, false));
    }
    let mut seen = BTreeSet::new();
    let mut any_ok = false;
    let mut any_unknown = false;
    for (label, v, lag_target) in targets {
        if !seen.insert(label.clone()) {
            continue;
        }
        let (st, value, msg) = match v {
            None if lag_target => (ControlStatus::Compliant, Some("logically air-gapped".to_owned()), "a logically air-gapped vault is always locked in compliance mode (aws-backup.md §10.2)".to_owned()),
            None => {
                any_unknown = true;
                (ControlStatus::NotEvaluated, None, "vault not among the vaults given".to_owned())
            }
            Some(v) => {
                let lag = v.vault_type == VaultType::LogicallyAirGappedBackupVault;
                match (&v.lock, lag) {
                    (None, false) => (ControlStatus::NonCompliant, Some("no lock".into()), format!("vault {} has no Vault Lock", v.name)),
                    (lock, _) => {
                        let lmin = lock.as_ref().and_then(|l| l.min_retention_days);
                        let lmax = lock.as_ref().and_then(|l| l.max_retention_days);
                        let min_ok = min.is_none_or(|m| lmin.is_some_and(|x| x >= m));
                        let max_ok = max.is_none_or(|m| lmax.is_some_and(|x| x <= m));
                        let ok = min_ok && max_ok;
                        (
                            if ok { ControlStatus::Compliant } else { ControlStatus::NonCompliant },
                            Some(format!("locked, min {} max {}", lmin.map_or("-".into(), |x| x.to_string()), lmax.map_or("-".into(), |x| x.to_string()))),
                            if ok { format!("vault {} is locked", v.name) } else { format!("vault {} is locked, but its retention bounds are outside the control's parameters", v.name) },
                        )
                    }
                }
            }
        };
        any_ok |= st == ControlStatus::Compliant;
        out.evidence.push(ev(
            "vault",
            label,
            None,
            st,
            value,
            Some(format!(
                "locked{}{}",
                min.map_or(String::new(), |m| format!(", min ≥ {m}")),
                max.map_or(String::new(), |m| format!(", max ≤ {m}"))
            )),
            msg,
        ));
    }
    // A resource is protected when any of its recovery points sits in a locked vault.
    let status = if any_ok {
        ControlStatus::Compliant
    } else if any_unknown {
        ControlStatus::NotEvaluated
    } else {
        ControlStatus::NonCompliant
    };
    if let Some(list) = &covered {
        for (r, ok, why) in list {
            let st = if *ok {
                status
            } else {
                ControlStatus::NonCompliant
            };
            out.evidence.push(ev(
                "resource",
                &r.id,
                Some(r.path.clone()),
                st,
                None,
                None,
                if *ok {
                    "protected by this plan; see the vaults above".to_owned()
                } else {
                    super::scope::not_selected(r, why)
                },
            ));
        }
    }
    out.message = match status {
        ControlStatus::Compliant => "recovery points reach at least one locked vault".into(),
        ControlStatus::NonCompliant => "no vault the plan writes to is locked (as required)".into(),
        ControlStatus::NotEvaluated => {
            "give the vaults (with their locks) the plan writes to".into()
        }
    };
    out.status = Some(
        if covered
            .as_ref()
            .is_some_and(|l| l.iter().any(|(_, ok, _)| !ok))
        {
            ControlStatus::NonCompliant
        } else {
            status
        },
    );
    out
}

/// `RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT`: judged on the schedule of the rules that back up
/// into, or copy to, a logically air-gapped vault.
pub(super) fn in_logically_air_gapped_vault(p: &mut Params<'_>, e: &Eval<'_>) -> Outcome {
    let (unit, value, age) = p.recovery_point_age(true);
    let mut out = Outcome::new(String::new());
    let (plan, vaults, dests, reference) = (e.plan, e.vaults, e.dests, e.reference);
    out.evaluates = format!("recovery points: each resource must have one in a logically air-gapped vault created within the last {value} {unit}; drplan checks the schedule of the rules and copies that reach such a vault");
    let mut any = false;
    // Copy destinations whose vault type is unknown (not among the vaults given).
    let unknown_types = dests.iter().any(|d| {
        find_vault(
            vaults,
            d.vault.as_deref(),
            Some(&d.arn),
            d.region.as_deref(),
        )
        .is_none()
    });
    for (i, rule) in plan.rules.iter().enumerate() {
        let direct = rule.target_logically_air_gapped_vault_arn.is_some();
        let copies: Vec<&Dest> = dests
            .iter()
            .filter(|d| {
                d.rule == i
                    && find_vault(
                        vaults,
                        d.vault.as_deref(),
                        Some(&d.arn),
                        d.region.as_deref(),
                    )
                    .is_some_and(|v| v.vault_type == VaultType::LogicallyAirGappedBackupVault)
            })
            .collect();
        if !direct && copies.is_empty() {
            continue;
        }
        any = true;
        let (st, value_s) = match rule_gaps(rule, reference) {
            Ok((_, max)) => (
                if max <= age {
                    ControlStatus::Compliant
                } else {
                    ControlStatus::NonCompliant
                },
                Some(format!("a point every {} at worst", human(max))),
            ),
            Err(e) => (ControlStatus::NotEvaluated, Some(e)),
        };
        out.evidence.push(ev(
            "rule",
            &rule.name,
            Some(format!("/rules/{i}")),
            st,
            value_s,
            Some(format!("≤ {}", human(age))),
            if direct {
                "backs up straight into a logically air-gapped vault"
            } else {
                "copies to a logically air-gapped vault"
            },
        ));
    }
    if !any {
        if unknown_types {
            out.evidence.push(ev("plan", &plan.name, Some("/rules".into()), ControlStatus::NotEvaluated, None, None, "no rule targets a logically air-gapped vault directly, and some copy destinations are not among the vaults given: their type is unknown"));
        } else {
            out.evidence.push(ev("plan", &plan.name, Some("/rules".into()), ControlStatus::NonCompliant, None, None, "no rule targets or copies to a logically air-gapped vault (vault types come from the vaults given)"));
        }
    }
    // Any rule that is often enough suffices.
    let ok = out
        .evidence
        .iter()
        .any(|e| e.status == ControlStatus::Compliant);
    let st = if ok {
        ControlStatus::Compliant
    } else {
        verdict(&out.evidence)
    };
    out.message = match st {
        ControlStatus::Compliant => {
            "a rule reaches a logically air-gapped vault often enough".into()
        }
        ControlStatus::NonCompliant => {
            "no recovery point reaches a logically air-gapped vault within the age".into()
        }
        ControlStatus::NotEvaluated => {
            "give the vaults (with their types) the plan copies to".into()
        }
    };
    out.status = Some(st);
    out
}
