//! Keep-policy → AWS Backup plan: one rule per calendar period the policy keeps, with its cron
//! schedule and `DeleteAfterDays`, and a report of everything that cannot match exactly.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{
    as_source, days_for, info, warn, Period, RuleMapping, TranslateDirection, TranslateOptions,
    Translation, MAX_DELETE_AFTER_DAYS, SRC_FORMULA,
};
use crate::backup::{validate_backup_plan, BackupPlan, BackupRule, Lifecycle};
use crate::error::{Error, ErrorCode, Issue, Severity};
use crate::retention::{parse_borg_interval, ResticDuration, RetentionMode, RetentionPolicy};

fn new_rule(name: &str, vault: &str, cron: String, tz: &str, days: Option<i64>) -> BackupRule {
    let mut r = BackupRule::new(name, vault);
    r.schedule_expression = Some(cron);
    r.schedule_expression_timezone = Some(tz.to_owned());
    // Source: aws-backup.md §5.2 W1 (StartWindowMinutes ≥ 60): the shortest allowed window,
    // so that an hourly rule's window does not overlap its next run.
    r.start_window_minutes = Some(60);
    // No lifecycle = kept forever (aws-backup.md §2.3, §5.3 L4).
    r.lifecycle = days.map(|d| Lifecycle {
        delete_after_days: Some(d),
        ..Lifecycle::default()
    });
    r
}

fn within_seconds(s: &str, mode: RetentionMode) -> Option<i64> {
    if mode == RetentionMode::Borg12 {
        parse_borg_interval(s).ok().map(|h| h * 3600)
    } else {
        ResticDuration::parse(s).ok().map(|d| d.rough_seconds())
    }
}

pub(super) fn policy_to_aws(
    p: &RetentionPolicy,
    mode: RetentionMode,
    o: &TranslateOptions,
    hour: u8,
    minute: u8,
) -> Result<Translation, Error> {
    // The tool's own checks first (unknown flags for the mode, bad durations, empty policy).
    let (_, notes) = crate::retention::compile(p, mode)
        .map_err(|e| Error::invalid(e.issues().iter().cloned().map(as_source).collect()))?;
    let notes: Vec<Issue> = notes.into_iter().map(as_source).collect();
    let tz = o.time_zone.clone().unwrap_or_else(|| "UTC".to_owned());
    let vault = o.vault_name.clone().unwrap_or_else(|| "Default".to_owned());
    let mut report: Vec<Issue> = notes
        .into_iter()
        .filter(|i| i.severity != Severity::Info)
        .collect();
    // retention per period: Some(Some(d)) = d days, Some(None) = forever.
    let mut want: BTreeMap<Period, Option<i64>> = BTreeMap::new();
    let mut mappings: Vec<(String, Value, Period, bool, String)> = Vec::new();
    let raise = |want: &mut BTreeMap<Period, Option<i64>>, per: Period, d: Option<i64>| {
        let e = want.entry(per).or_insert(Some(0));
        *e = match (*e, d) {
            (None, _) | (_, None) => None,
            (Some(a), Some(b)) => Some(a.max(b)),
        };
    };
    let mut any_count = false;
    for per in Period::ALL {
        let Some(c) = per.count(p) else { continue };
        let path = format!("/{}", per.field());
        match c.value() {
            0 => report.push(info(
                "zero_count",
                path,
                format!("{} 0 keeps nothing; no rule", per.field()),
            )),
            n if n < 0 => {
                if mode == RetentionMode::Restic014 {
                    report.push(warn("never_fires_in_mode", path, format!("{} {n}: in restic 0.14 a negative count never fires (retention.md §3), so no AWS rule; restic ≥ 0.16 and borg read it as unlimited", per.field())));
                    continue;
                }
                any_count = true;
                raise(&mut want, per, None);
                report.push(info("unlimited", path, format!("{} {}: unlimited → a {} rule without lifecycle (kept forever, aws-backup.md §5.3 L4); the tool keeps one snapshot per {} for ever, AWS every {} point", per.field(), if n == -1 { "unlimited".to_owned() } else { n.to_string() }, per.name(), per.unit(), per.name())));
                mappings.push((
                    per.field().into(),
                    serde_json::to_value(c).unwrap_or(Value::Null),
                    per,
                    true,
                    "unlimited → no lifecycle".into(),
                ));
            }
            n => {
                any_count = true;
                let mut d = days_for(n as f64, per.days());
                let mut exact =
                    per != Period::Hourly && per != Period::Monthly && per != Period::Yearly;
                if d > MAX_DELETE_AFTER_DAYS {
                    report.push(warn("retention_capped", path.clone(), format!("{} {n} needs {d} days; AWS allows at most 36,500 (aws-backup.md §5.3 L2): capped", per.field())));
                    d = MAX_DELETE_AFTER_DAYS;
                    exact = false;
                }
                if per == Period::Hourly && n % 24 != 0 {
                    report.push(warn("rounded_up_to_days", path.clone(), format!("keep_hourly {n}: AWS lifecycles count whole days, so {d} day(s) keep {} hourly points", d * 24)));
                }
                if matches!(per, Period::Monthly | Period::Yearly) {
                    report.push(info("calendar_length", path.clone(), format!("{} {n} → {d} days = ceil({n} × {:.4}); calendar {}s vary in length, so at some instants AWS holds one point more or fewer than the tool", per.field(), per.days(), per.unit())));
                }
                raise(&mut want, per, Some(d));
                mappings.push((
                    per.field().into(),
                    Value::from(n),
                    per,
                    exact,
                    format!("ceil({n} × {}) = {d} days", fmt_days(per.days())),
                ));
            }
        }
    }
    // The finest cadence the plan has (count-based and within rules attach to it).
    let finest = if want.contains_key(&Period::Hourly)
        || p.keep_within_hourly.is_some()
        || p.keep_minutely.is_some_and(|c| c.value() != 0)
    {
        Period::Hourly
    } else {
        Period::Daily
    };
    for (field, c) in [
        ("keep_last", p.keep_last),
        ("keep_secondly", p.keep_secondly),
        ("keep_minutely", p.keep_minutely),
    ] {
        let Some(c) = c else { continue };
        let n = c.value();
        if n == 0 {
            continue;
        }
        any_count = true;
        let d = if n < 0 {
            if mode == RetentionMode::Restic014 {
                report.push(warn(
                    "never_fires_in_mode",
                    format!("/{field}"),
                    format!("{field} {n} never fires in restic 0.14"),
                ));
                continue;
            }
            None
        } else {
            Some(days_for(n as f64, finest.days()).min(MAX_DELETE_AFTER_DAYS))
        };
        raise(&mut want, finest, d);
        report.push(warn("no_aws_equivalent", format!("/{field}"), format!("{field} {n} counts snapshots; AWS lifecycles are age-based. Approximated as the {} rule keeping its points {} (assuming one backup per {}); with another backup frequency the number of points differs", finest.name(), d.map_or("forever".to_owned(), |d| format!("{d} day(s)")), finest.unit())));
        mappings.push((
            field.into(),
            serde_json::to_value(c).unwrap_or(Value::Null),
            finest,
            false,
            format!("count → {} rule retention", finest.name()),
        ));
    }
    let within_fields: [(&str, Option<&String>, Option<Period>); 6] = [
        ("keep_within", p.keep_within.as_ref(), None),
        (
            "keep_within_hourly",
            p.keep_within_hourly.as_ref(),
            Some(Period::Hourly),
        ),
        (
            "keep_within_daily",
            p.keep_within_daily.as_ref(),
            Some(Period::Daily),
        ),
        (
            "keep_within_weekly",
            p.keep_within_weekly.as_ref(),
            Some(Period::Weekly),
        ),
        (
            "keep_within_monthly",
            p.keep_within_monthly.as_ref(),
            Some(Period::Monthly),
        ),
        (
            "keep_within_yearly",
            p.keep_within_yearly.as_ref(),
            Some(Period::Yearly),
        ),
    ];
    for (field, v, per) in within_fields {
        let Some(v) = v else { continue };
        let Some(secs) = within_seconds(v, mode).filter(|s| *s > 0) else {
            continue;
        };
        any_count = true;
        let d = ((secs + 86_399) / 86_400).min(MAX_DELETE_AFTER_DAYS);
        let per = per.unwrap_or(finest);
        raise(&mut want, per, Some(d));
        let path = format!("/{field}");
        if field == "keep_within" {
            let reference = if mode == RetentionMode::Borg12 {
                "borg measures from now (the closest to AWS: deleted at creation + D days, retention.md §6)"
            } else {
                "restic measures from the newest snapshot, AWS from each point's creation: with stale backups restic keeps older points than AWS (retention.md §3, §8 E3)"
            };
            report.push(warn("approximate_within", path, format!("keep_within {v} (≤ {secs} s) → every {} point kept {d} day(s) (rounded up to whole days); {reference}; within-kept snapshots {} other rules", per.name(), if mode == RetentionMode::Borg12 { "do not count towards (borg)" } else { "also count towards (restic)" })));
        } else {
            report.push(info("within_period", path, format!("{field} {v} → {} rule kept {d} day(s) (durations with months/years counted as 31/366 days, rounded up)", per.name())));
        }
        mappings.push((
            field.into(),
            Value::from(v.clone()),
            per,
            field != "keep_within",
            format!("ceil({secs} s / 86,400) = {d} days"),
        ));
    }
    if let Some(tags) = &p.keep_tag {
        report.push(warn("no_aws_equivalent", "/keep_tag", format!("keep_tag {tags:?}: AWS plans have no tag-based retention; tagged resources take a separate rule or plan with its own backup selection (aws-backup.md §3)")));
    }
    if any_count && mode != RetentionMode::Restic014 {
        report.push(info("oldest_fallback", "", format!("{}: a count rule that cannot fill its count keeps the oldest snapshot (retention.md §4/§5); AWS has no such fallback, so in a young repository the tool may keep one older point", mode.as_str())));
    }
    if mode == RetentionMode::Borg12 && want.len() > 1 {
        report.push(info("borg_sequential_counting", "", "borg counts rules one after the other: an archive kept by an earlier rule uses up its period but not the later rule's count, so e.g. weekly N reaches N weeks beyond the daily ones (retention.md §5, §8 E1); AWS rules are independent age limits"));
    } else if mode.is_restic() && want.len() > 1 {
        report.push(info("shared_points", "", "restic rules are independent and one snapshot may serve several rules; AWS rules firing at the same time take one backup, kept for the longest retention (aws-backup.md §14.2), which matches"));
    }
    if mode.is_restic() {
        report.push(info("bucket_time_zone", "", format!("restic buckets by each snapshot's stored UTC offset; the plan evaluates its crons in {tz} — the same when the backup host's zone is {tz}")));
    }
    if want.is_empty() {
        let mut e = vec![Issue::error(
            "nothing_translatable",
            "",
            "the policy has no rule with an AWS Backup counterpart (only zero counts, tags or never-firing counts)",
        )
        .in_input("source")];
        e.extend(report);
        return Err(Error::invalid(e));
    }
    let rules: Vec<BackupRule> = want
        .iter()
        .map(|(per, d)| new_rule(per.name(), &vault, per.cron(hour, minute), &tz, *d))
        .collect();
    let mut plan = BackupPlan::new(
        o.plan_name
            .clone()
            .unwrap_or_else(|| "drplan-translated".to_owned()),
        rules,
    );
    plan.normalize();
    let plan_issues = validate_backup_plan(&plan, &[], &[]);
    if plan_issues.iter().any(Issue::is_error) {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "the derived plan does not validate (options such as plan_name/vault_name?)",
            plan_issues
                .into_iter()
                .filter(Issue::is_error)
                .map(|i| i.in_input("options"))
                .collect(),
        ));
    }
    let mappings = mappings
        .into_iter()
        .map(|(field, value, per, exact, formula)| RuleMapping {
            policy_field: field,
            policy_value: value,
            rule_name: per.name().to_owned(),
            schedule_expression: per.cron(hour, minute),
            delete_after_days: want.get(&per).copied().flatten(),
            exact,
            source: format!("{formula}; {SRC_FORMULA}"),
        })
        .collect();
    // The derived plan is no argument: its findings point into the result's `plan`.
    let plan_issues = plan_issues
        .into_iter()
        .map(|mut i| {
            i.input = None;
            i
        })
        .collect();
    Ok(Translation {
        direction: TranslateDirection::PolicyToAws,
        mode,
        time_zone: tz,
        policy: p.clone(),
        plan,
        plan_issues,
        mappings,
        report,
        exact: false,
        simulation: None,
    })
}

fn fmt_days(d: f64) -> String {
    if (d - d.round()).abs() < 1e-9 {
        format!("{}", d.round() as i64)
    } else {
        format!("{d:.4}")
    }
}
