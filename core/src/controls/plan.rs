//! Controls judged on the plan's rules and copy actions: frequency and retention, the minimum
//! retention of every recovery point, and copies to another Region or account.

use super::eval::{days_str, ev, human, rule_gaps, Eval, Outcome};
use super::params::Params;
use super::{ControlStatus, SRC_FREQ};
use crate::backup::Lifecycle;

/// `BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK`: compliant when any rule meets both.
pub(super) fn min_frequency_and_retention(p: &mut Params<'_>, e: &Eval<'_>) -> Outcome {
    let mut out = Outcome::new(String::new());
    let (plan, reference) = (e.plan, e.reference);
    out.source = SRC_FREQ.into();
    out.evaluates = "the backup plan: compliant when at least one rule creates recovery points at least as often as required and keeps them at least as long".into();
    let unit = p.unit(
        "requiredFrequencyUnit",
        "days",
        "AWS default days (aws-backup.md §11.2)",
    );
    let hi = if unit == "hours" { 24 } else { 31 };
    let value = p
        .int(
            "requiredFrequencyValue",
            Some(1),
            1,
            hi,
            "AWS default 1; at most 24 hours or 31 days (aws-backup.md §11.2)",
        )
        .unwrap_or(1);
    let retention = p
        .int(
            "requiredRetentionDays",
            Some(35),
            1,
            36_500,
            "AWS default 35 days (aws-backup.md §11.2)",
        )
        .unwrap_or(35);
    let required = value * if unit == "hours" { 3_600 } else { 86_400 };
    for (i, rule) in plan.rules.iter().enumerate() {
        let ret = rule.retention_days();
        let ret_ok = ret.is_none_or(|d| d >= retention);
        let (freq_ok, freq_text) = if rule.is_continuous() {
            (true, "continuous backup".to_owned())
        } else {
            match rule_gaps(rule, reference) {
                Ok((typ, max)) => (
                    typ <= required,
                    if typ == max {
                        format!("every {}", human(typ))
                    } else {
                        format!("every {} (longest gap {})", human(typ), human(max))
                    },
                ),
                Err(e) => (false, format!("schedule not evaluable: {e}")),
            }
        };
        let ok = freq_ok && ret_ok;
        out.evidence.push(ev(
            "rule",
            &rule.name,
            Some(format!("/rules/{i}")),
            if ok {
                ControlStatus::Compliant
            } else {
                ControlStatus::NonCompliant
            },
            Some(format!("{freq_text}, kept {}", days_str(ret))),
            Some(format!(
                "at least every {value} {}, kept ≥ {retention} days",
                if value == 1 {
                    unit.trim_end_matches('s')
                } else {
                    unit.as_str()
                }
            )),
            match (freq_ok, ret_ok) {
                (true, true) => "meets both".to_owned(),
                (false, true) => "backs up less often than required".to_owned(),
                (true, false) => "keeps recovery points for less than required".to_owned(),
                (false, false) => {
                    "backs up less often and keeps points shorter than required".to_owned()
                }
            },
        ));
    }
    // The plan passes when any rule satisfies both.
    let any = out
        .evidence
        .iter()
        .any(|e| e.status == ControlStatus::Compliant);
    out.message = if plan.rules.is_empty() {
        "the plan has no rule".into()
    } else if any {
        "at least one rule meets the frequency and retention".into()
    } else {
        "no rule meets both the frequency and the retention".into()
    };
    let status = if any {
        ControlStatus::Compliant
    } else {
        ControlStatus::NonCompliant
    };
    out.status = Some(status);
    out
}

/// `BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK`: every rule and copy action.
pub(super) fn minimum_retention(p: &mut Params<'_>, e: &Eval<'_>) -> Outcome {
    let mut out = Outcome::new(String::new());
    let plan = e.plan;
    out.evaluates = "recovery points: each must be kept at least the required days; drplan checks what every rule and copy action will keep".into();
    let retention = p
        .int(
            "requiredRetentionDays",
            Some(35),
            1,
            36_500,
            "AWS default 35 days (aws-backup.md §11.2)",
        )
        .unwrap_or(35);
    for (i, rule) in plan.rules.iter().enumerate() {
        let ret = rule.retention_days();
        let ok = ret.is_none_or(|d| d >= retention);
        out.evidence.push(ev(
            "rule",
            &rule.name,
            Some(format!("/rules/{i}/lifecycle/delete_after_days")),
            if ok {
                ControlStatus::Compliant
            } else {
                ControlStatus::NonCompliant
            },
            Some(days_str(ret)),
            Some(format!("≥ {retention} days")),
            if ok {
                "long enough"
            } else {
                "recovery points expire too early"
            },
        ));
        for (j, c) in rule.copy_actions.iter().enumerate() {
            // A copy without retention inherits the source's expiry (aws-backup.md §9).
            let own = c.lifecycle.as_ref().and_then(Lifecycle::retention_days);
            let eff = match own {
                Some(d) => Some(d),
                None => ret,
            };
            let ok = eff.is_none_or(|d| d >= retention);
            out.evidence.push(ev(
                "copy_action",
                format!("{} → {}", rule.name, c.destination_vault_arn),
                Some(format!(
                    "/rules/{i}/copy_actions/{j}/lifecycle/delete_after_days"
                )),
                if ok {
                    ControlStatus::Compliant
                } else {
                    ControlStatus::NonCompliant
                },
                Some(days_str(eff)),
                Some(format!("≥ {retention} days")),
                if own.is_none() {
                    "no retention of its own: inherits the source's expiry (aws-backup.md §9)"
                } else if ok {
                    "long enough"
                } else {
                    "copies expire too early"
                },
            ));
        }
    }
    if plan.rules.is_empty() {
        out.message = "the plan has no rule".into();
    }
    out
}

/// `BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION`.
pub(super) fn cross_region(p: &mut Params<'_>, e: &Eval<'_>) -> Outcome {
    copied_elsewhere(p, e, true)
}

/// `BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT`.
pub(super) fn cross_account(p: &mut Params<'_>, e: &Eval<'_>) -> Outcome {
    copied_elsewhere(p, e, false)
}

/// A copy action to another Region (`region`) or account, judged on the plan, then per resource.
fn copied_elsewhere(p: &mut Params<'_>, e: &Eval<'_>, region: bool) -> Outcome {
    let mut out = Outcome::new(String::new());
    let (plan, dests, covered) = (e.plan, e.dests, &e.covered);
    let list = if region {
        p.list(
            "crossRegionList",
            100,
            "optional; no default (aws-backup.md §11.2)",
        )
    } else {
        p.list(
            "crossAccountList",
            5,
            "optional, up to 5 accounts of the same Organization (aws-backup.md §11.2)",
        )
    };
    out.evaluates = format!(
        "resources: each must have a recovery point copied to another {}{}",
        if region { "Region" } else { "account" },
        if list.is_empty() {
            String::new()
        } else {
            format!(" among {}", list.join(", "))
        }
    );
    let mut unknown = false;
    let good: Vec<String> = dests
        .iter()
        .filter(|d| {
            let (dest, own) = if region {
                (&d.region, &plan.region)
            } else {
                (&d.account, &plan.account)
            };
            match (dest, own) {
                (Some(x), _) if !list.is_empty() => list.contains(x),
                (Some(x), Some(o)) => x != o,
                _ => {
                    unknown = true;
                    false
                }
            }
        })
        .map(|d| {
            let rn = plan
                .rules
                .get(d.rule)
                .map(|r| r.name.clone())
                .unwrap_or_default();
            format!("rule {rn} copy {} → {}", d.copy, d.arn)
        })
        .collect();
    let plan_ok = !good.is_empty();
    let plan_status = if plan_ok {
        ControlStatus::Compliant
    } else if unknown {
        ControlStatus::NotEvaluated
    } else {
        ControlStatus::NonCompliant
    };
    let what = if region { "Region" } else { "account" };
    let plan_msg = if plan_ok {
        format!("copies to another {what}: {}", good.join("; "))
    } else if unknown {
        format!(
            "the plan's {what} (or a destination's) is unknown: set the plan's {}",
            if region { "region" } else { "account" }
        )
    } else if !list.is_empty() {
        format!("no copy action reaches {}", list.join(", "))
    } else {
        format!("no copy action leaves the plan's {what}")
    };
    match &covered {
        None => {
            out.evidence.push(ev(
                "plan",
                &plan.name,
                Some("/rules".into()),
                plan_status,
                Some(good.len().to_string()),
                Some(format!("≥ 1 copy to another {what}")),
                plan_msg.clone(),
            ));
            out.message = format!(
                "judged on the plan (give context.resources to judge each resource): {plan_msg}"
            );
        }
        Some(list) => {
            for (r, ok, why) in list {
                let (st, msg) = if !ok {
                    (
                        ControlStatus::NonCompliant,
                        super::scope::not_selected(r, why),
                    )
                } else {
                    (plan_status, plan_msg.clone())
                };
                out.evidence.push(ev(
                    "resource",
                    &r.id,
                    Some(r.path.clone()),
                    st,
                    None,
                    None,
                    msg,
                ));
            }
        }
    }
    out
}
