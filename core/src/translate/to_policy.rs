//! AWS Backup plan → keep-policy: each rule classified by its measured run interval, its
//! `DeleteAfterDays` read back as a count of periods.

use jiff::{Span, Timestamp};
use serde_json::Value;

use super::{
    as_source, info, warn, Period, RuleMapping, TranslateDirection, TranslateOptions, Translation,
    CADENCE_REFERENCE_UNIX, MAX_DELETE_AFTER_DAYS, SRC_FORMULA,
};
use crate::backup::{validate_backup_plan, BackupPlan, Lifecycle};
use crate::error::{Error, Issue};
use crate::retention::{KeepCount, RetentionMode, RetentionPolicy};
use crate::schedule::{DstGapPolicy, Schedule};

/// Median interval between a rule's runs over a year from `from` (seconds).
fn median_gap(s: &Schedule, from: Timestamp) -> Option<i64> {
    let end = from.checked_add(Span::new().hours(366 * 24)).ok()?;
    let runs: Vec<i64> = s
        .runs_from(from)
        .take_while(|r| r.at < end)
        .take(20_000)
        .map(|r| r.at.as_second())
        .collect();
    let mut gaps: Vec<i64> = runs
        .windows(2)
        .filter_map(|w| Some(w.get(1)? - w.first()?))
        .collect();
    if gaps.is_empty() {
        return if runs.is_empty() {
            None
        } else {
            Some(366 * 86_400)
        };
    }
    gaps.sort_unstable();
    gaps.get(gaps.len() / 2).copied()
}

fn classify(gap: i64) -> Period {
    match gap {
        g if g < 86_400 => Period::Hourly,
        g if g < 2 * 86_400 => Period::Daily,
        g if g < 14 * 86_400 => Period::Weekly,
        g if g < 60 * 86_400 => Period::Monthly,
        _ => Period::Yearly,
    }
}

pub(super) fn aws_to_policy(
    plan_in: &BackupPlan,
    mode: RetentionMode,
    o: &TranslateOptions,
) -> Result<Translation, Error> {
    let mut plan = plan_in.clone();
    plan.normalize();
    let plan_issues = validate_backup_plan(&plan, &[], &[]);
    // The plan is the `source` argument.
    let plan_issues: Vec<Issue> = plan_issues
        .into_iter()
        .map(|i| i.in_input("source"))
        .collect();
    if plan_issues.iter().any(Issue::is_error) {
        return Err(Error::invalid(
            plan_issues.into_iter().filter(Issue::is_error).collect(),
        ));
    }
    let tz = o.time_zone.clone().unwrap_or_else(|| {
        plan.rules
            .iter()
            .find_map(|r| r.schedule_expression_timezone.clone())
            .unwrap_or_else(|| "UTC".to_owned())
    });
    let from = o
        .simulate_from
        .and_then(|t| Timestamp::from_second(t.unix).ok())
        .or_else(|| Timestamp::from_second(CADENCE_REFERENCE_UNIX).ok())
        .unwrap_or(Timestamp::UNIX_EPOCH);
    let mut report = Vec::new();
    let mut policy = RetentionPolicy::default();
    let mut mappings = Vec::new();
    let mut within_days: Option<i64> = None;
    for (i, r) in plan.rules.iter().enumerate() {
        let base = format!("/rules/{i}");
        let days = r.retention_days();
        if r.is_continuous() {
            let d = days.unwrap_or(35);
            within_days = Some(within_days.map_or(d, |w| w.max(d)));
            report.push(warn("continuous_backup", base.clone(), format!("rule {:?} is continuous (PITR, a restorable window of {d} days, aws-backup.md §8); closest: keep_within {d}d, which keeps discrete snapshots only", r.name)));
            mappings.push(RuleMapping {
                policy_field: "keep_within".into(),
                policy_value: Value::from(format!("{d}d")),
                rule_name: r.name.clone(),
                schedule_expression: r.effective_schedule().to_owned(),
                delete_after_days: Some(d),
                exact: false,
                source: "continuous retention window → keep_within".into(),
            });
            continue;
        }
        let rtz = r.schedule_expression_timezone.as_deref().unwrap_or("UTC");
        let sched =
            Schedule::parse(r.effective_schedule(), rtz, DstGapPolicy::Skip).map_err(|e| {
                Error::invalid(
                    e.issues()
                        .iter()
                        .cloned()
                        .map(|x| {
                            x.in_input("source")
                                .under(&format!("{base}/schedule_expression"))
                        })
                        .collect(),
                )
            })?;
        let Some(gap) = median_gap(&sched, from) else {
            report.push(warn(
                "never_fires",
                format!("{base}/schedule_expression"),
                format!(
                    "rule {:?} does not run in the year from {from}; ignored",
                    r.name
                ),
            ));
            continue;
        };
        let per = classify(gap);
        let period_secs = if per == Period::Hourly {
            gap as f64
        } else {
            per.days() * 86_400.0
        };
        let nominal = per.days() * 86_400.0;
        if per <= Period::Daily && (gap as f64 - nominal).abs() > 1.0 {
            report.push(warn(
                "irregular_cadence",
                format!("{base}/schedule_expression"),
                format!(
                    "rule {:?} runs every {} s (median); mapped to {} with one snapshot per run",
                    r.name,
                    gap,
                    per.field()
                ),
            ));
        }
        let count = match days {
            None => {
                if mode == RetentionMode::Restic014 {
                    let n =
                        ((MAX_DELETE_AFTER_DAYS as f64 * 86_400.0) / period_secs).floor() as i64;
                    report.push(warn("no_unlimited_in_mode", format!("{base}/lifecycle"), format!("rule {:?} keeps points forever; restic 0.14 has no unlimited count (negative counts never fire), so {} {n} (100 years)", r.name, per.field())));
                    KeepCount::N(n.max(1))
                } else {
                    report.push(info(
                        "unlimited",
                        format!("{base}/lifecycle"),
                        format!(
                            "rule {:?} keeps points forever → {} unlimited (-1)",
                            r.name,
                            per.field()
                        ),
                    ));
                    if mode == RetentionMode::Borg12 {
                        KeepCount::N(-1)
                    } else {
                        KeepCount::Unlimited
                    }
                }
            }
            Some(d) => {
                // Nearest whole number of periods: inverts the forward ceil (which adds < 1 day,
                // i.e. < 0.033 months) and reads 365 days as 12 months, not 11.99 → 11.
                let n = ((d as f64 * 86_400.0) / period_secs).round() as i64;
                if n < 1 {
                    report.push(warn("shorter_than_period", format!("{base}/lifecycle/delete_after_days"), format!("rule {:?} keeps its points {d} day(s), less than one {} period; the closest count is 1, which keeps the newest point until the next one", r.name, per.name())));
                }
                KeepCount::N(n.max(1))
            }
        };
        if let Some(prev) = per.count(&policy) {
            report.push(info(
                "merged_rules",
                base.clone(),
                format!(
                    "several rules map to {}; the larger count is kept",
                    per.field()
                ),
            ));
            let bigger = match (prev, count) {
                (KeepCount::Unlimited, _) | (_, KeepCount::Unlimited) => KeepCount::Unlimited,
                (KeepCount::N(a), KeepCount::N(b)) if a < 0 || b < 0 => KeepCount::N(-1),
                (KeepCount::N(a), KeepCount::N(b)) => KeepCount::N(a.max(b)),
            };
            per.set(&mut policy, bigger);
        } else {
            per.set(&mut policy, count);
        }
        if r.lifecycle
            .as_ref()
            .and_then(Lifecycle::cold_after_days)
            .is_some()
        {
            report.push(info(
                "cold_storage",
                format!("{base}/lifecycle/move_to_cold_after_days"),
                "keep-policies have no storage tiers; the cold transition is dropped",
            ));
        }
        if !r.copy_actions.is_empty() {
            report.push(warn("copies_not_translated", format!("{base}/copy_actions"), "copy actions keep extra points in other vaults (lifecycle from the source's creation, aws-backup.md §9); a keep-policy covers one repository: translate each destination separately"));
        }
        if !r.recovery_point_tags.is_empty() {
            report.push(info(
                "tags_not_translated",
                format!("{base}/recovery_point_tags"),
                "recovery point tags are not part of a keep-policy",
            ));
        }
        if rtz != tz && r.schedule_expression_timezone.is_some() {
            report.push(warn(
                "mixed_time_zones",
                format!("{base}/schedule_expression_timezone"),
                format!("rule zone {rtz} differs from the policy's bucket zone {tz}"),
            ));
        }
        mappings.push(RuleMapping {
            policy_field: per.field().into(),
            policy_value: serde_json::to_value(count).unwrap_or(Value::Null),
            rule_name: r.name.clone(),
            schedule_expression: r.effective_schedule().to_owned(),
            delete_after_days: days,
            exact: match per {
                Period::Hourly => days.is_none_or(|d| (d * 86_400) as f64 % period_secs == 0.0),
                Period::Daily | Period::Weekly => {
                    days.is_none_or(|d| (d * 86_400) as f64 % period_secs == 0.0)
                }
                Period::Monthly | Period::Yearly => false,
            },
            source: format!(
                "N = round(DeleteAfterDays × 86,400 / {} s); inverse of {SRC_FORMULA}",
                period_secs.round() as i64
            ),
        });
    }
    if let Some(d) = within_days {
        policy.keep_within = Some(format!("{d}d"));
    }
    if policy == RetentionPolicy::default() {
        return Err(Error::invalid(vec![Issue::error(
            "nothing_translatable",
            "/rules",
            "no rule of the plan runs or translates to a keep-policy",
        )
        .in_input("source")]));
    }
    report.push(info("count_vs_age", "", "AWS deletes by age, the tools by counting periods: after missed backups the tool reaches further back, AWS does not (retention.md §6, §7)"));
    if mode != RetentionMode::Restic014 {
        report.push(info("oldest_fallback", "", format!("{} keeps the oldest snapshot while a count is not filled (retention.md §4/§5); AWS does not", mode.as_str())));
    }
    if mode == RetentionMode::Borg12 {
        report.push(info("borg_sequential_counting", "", "borg counts rules sequentially, so coarser rules reach further back than the AWS rule they come from (retention.md §5, §8 E1)"));
    }
    // The derived policy must be acceptable to its tool.
    crate::retention::compile(&policy, mode)
        .map_err(|e| Error::invalid(e.issues().iter().cloned().map(as_source).collect()))?;
    Ok(Translation {
        direction: TranslateDirection::AwsToPolicy,
        mode,
        time_zone: tz,
        policy,
        plan,
        plan_issues,
        mappings,
        report,
        exact: false,
        simulation: None,
    })
}
