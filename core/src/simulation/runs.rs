//! Phase 2a, rules → scheduled runs: every rule's cron expanded in its time zone over the
//! horizon, its windows and lifecycles read and checked.

use jiff::{SignedDuration, Timestamp};

use super::state::{
    CopyPrep, Life, Notes, PlanPaths, RulePrep, DAY, MONTH_CYCLE, WEEK, YEAR_CYCLE,
};
use super::*;
use crate::error::Issue;
use crate::schedule::Schedule;

/// The cycle of a cron (its normalized text): the calendar unit after which its pattern repeats.
fn cron_cycle(text: &str) -> (i64, String) {
    let body = text
        .trim()
        .strip_prefix("cron(")
        .and_then(|s| s.strip_suffix(')'))
        .unwrap_or(text);
    let fields: Vec<&str> = body.split_whitespace().collect();
    let get = |i: usize| fields.get(i).copied().unwrap_or("*");
    let (dom, mon, dow, year) = (get(2), get(3), get(4), get(5));
    let wild = |s: &str| s == "*" || s == "?";
    let cycle = if !wild(year) || !wild(mon) {
        YEAR_CYCLE
    } else if !wild(dom) {
        MONTH_CYCLE
    } else if !wild(dow) {
        if dow.contains('#') || dow.contains('L') {
            MONTH_CYCLE
        } else {
            WEEK
        }
    } else {
        DAY
    };
    (cycle, dom.to_owned())
}

/// The runs of `sched` in `[start, end)` as seconds from `start` (at most
/// [`MAX_RUNS_PER_RULE`]; the flag says the cap was hit). A cron whose pattern repeats every day
/// or week (no day-of-month, month or year restriction) in a zone with a fixed UTC offset is
/// exactly periodic: its first cycle is expanded and then repeated (same result, no calendar
/// work per run). Other schedules go through the calendar iterator (DST, months).
fn expand(
    sched: &Schedule,
    expression: &str,
    cycle: i64,
    start: Timestamp,
    end: Timestamp,
) -> (Vec<i64>, bool) {
    let s0 = start.as_second();
    let horizon = end.as_second().saturating_sub(s0);
    // The cron's years end in 2199: repeat only well before that.
    let before_2200 = end.as_second() < 7_226_582_400; // 2199-01-01T00:00:00Z
    let year_wild = expression
        .trim_end_matches(')')
        .split_whitespace()
        .nth(5)
        .is_some_and(|y| y == "*");
    let fixed = sched.time_zone().to_fixed_offset().is_ok();
    if fixed
        && year_wild
        && before_2200
        && (cycle == DAY || cycle == WEEK)
        && start.subsec_nanosecond() == 0
    {
        let first_end = start
            .checked_add(SignedDuration::from_secs(cycle))
            .unwrap_or(end)
            .min(end);
        let base: Vec<i64> = sched
            .runs_from(start)
            .take_while(|r| r.at < first_end)
            .map(|r| r.at.as_second() - s0)
            .collect();
        if !base.is_empty() {
            let per = base.len() as i64;
            let total = (horizon / cycle + 1).saturating_mul(per);
            let mut runs = Vec::with_capacity(
                usize::try_from(total.min(MAX_RUNS_PER_RULE as i64)).unwrap_or(0),
            );
            let mut k = 0i64;
            'outer: loop {
                for b in &base {
                    let t = b + k * cycle;
                    if t >= horizon {
                        break 'outer;
                    }
                    if runs.len() >= MAX_RUNS_PER_RULE {
                        return (runs, true);
                    }
                    runs.push(t);
                }
                k += 1;
            }
            return (runs, false);
        }
    }
    let mut runs = Vec::new();
    for r in sched.runs_from(start) {
        if r.at >= end {
            break;
        }
        if runs.len() >= MAX_RUNS_PER_RULE {
            return (runs, true);
        }
        runs.push(r.at.as_second() - s0);
    }
    (runs, false)
}

fn check_days(
    v: Option<i64>,
    path: String,
    what: &str,
    paths: &PlanPaths<'_>,
    issues: &mut Vec<Issue>,
) {
    if let Some(d) = v {
        if d != -1 && !(0..=36_500).contains(&d) {
            issues.push(paths.issue(Issue::error(
                "out_of_range",
                path,
                format!("{what} {d} is out of range: 1‥36,500 days, or -1 to keep (aws-backup.md §5.3 L2–L4)"),
            )));
        }
    }
}

/// Every rule as the simulator reads it, its runs over `[start, end)`: problems (bad cron, time
/// zone or lifecycle days; too many runs) go to `issues` with paths into the plan, notes to
/// `notes`. A rule whose schedule cannot be read is left out.
pub(super) fn prepare_rules(
    plan: &BackupPlan,
    start: Timestamp,
    end: Timestamp,
    options: &SimulationOptions,
    issues: &mut Vec<Issue>,
    notes: &mut Notes,
) -> Vec<RulePrep> {
    let paths = PlanPaths { plan };
    let mut out = Vec::new();
    for (i, rule) in plan.rules.iter().enumerate() {
        let base = format!("/rules/{i}");
        let tz = rule
            .schedule_expression_timezone
            .clone()
            .unwrap_or_else(|| crate::schedule::DEFAULT_TIME_ZONE.to_owned());
        let sched = match Schedule::parse(rule.effective_schedule(), &tz, options.dst_gap) {
            Ok(s) => Some(s),
            Err(e) => {
                for mut is in e.issues.into_iter().filter(Issue::is_error) {
                    let field = if is.input.as_deref() == Some("time_zone") {
                        "schedule_expression_timezone"
                    } else {
                        "schedule_expression"
                    };
                    is.path = format!("{base}/{field}");
                    is.input = None;
                    issues.push(paths.issue(is));
                }
                None
            }
        };
        check_days(
            rule.lifecycle.as_ref().and_then(|l| l.delete_after_days),
            format!("{base}/lifecycle/delete_after_days"),
            "DeleteAfterDays",
            &paths,
            issues,
        );
        check_days(
            rule.lifecycle
                .as_ref()
                .and_then(|l| l.move_to_cold_after_days),
            format!("{base}/lifecycle/move_to_cold_after_days"),
            "MoveToColdStorageAfterDays",
            &paths,
            issues,
        );
        if rule.lifecycle.as_ref().and_then(|l| l.delete_after_days) == Some(0) {
            issues.push(paths.issue(Issue::error(
                "out_of_range",
                format!("{base}/lifecycle/delete_after_days"),
                "DeleteAfterDays 0 is out of range: 1‥36,500 days, or -1 to keep (aws-backup.md §5.3 L2)",
            )));
        }
        if rule
            .lifecycle
            .as_ref()
            .and_then(|l| l.move_to_cold_after_days)
            == Some(0)
        {
            notes.push(paths.issue(Issue::warning(
                "cold_zero_ignored",
                format!("{base}/lifecycle/move_to_cold_after_days"),
                "MoveToColdStorageAfterDays 0 is read as \"not set\" (its API meaning is UNCONFIRMED; Terraform drops zeros, aws-backup.md §5.3 L10)",
            )));
        }
        let mut copies = Vec::new();
        for (j, c) in rule.copy_actions.iter().enumerate() {
            let cb = format!("{base}/copy_actions/{j}/lifecycle");
            check_days(
                c.lifecycle.as_ref().and_then(|l| l.delete_after_days),
                format!("{cb}/delete_after_days"),
                "DeleteAfterDays",
                &paths,
                issues,
            );
            check_days(
                c.lifecycle.as_ref().and_then(|l| l.move_to_cold_after_days),
                format!("{cb}/move_to_cold_after_days"),
                "MoveToColdStorageAfterDays",
                &paths,
                issues,
            );
            if c.lifecycle.as_ref().and_then(|l| l.delete_after_days) == Some(0) {
                issues.push(paths.issue(Issue::error(
                    "out_of_range",
                    format!("{cb}/delete_after_days"),
                    "DeleteAfterDays 0 is out of range: 1‥36,500 days, or -1 to keep (aws-backup.md §5.3 L2)",
                )));
            }
            copies.push(CopyPrep {
                index: j,
                arn: c.destination_vault_arn.clone(),
                life: Life::of(c.lifecycle.as_ref()),
            });
        }
        let Some(sched) = sched else { continue };
        let expression = sched.cron().to_string();
        let (cycle, dom) = cron_cycle(&expression);
        let (runs, too_many) = expand(&sched, &expression, cycle, start, end);
        if too_many {
            issues.push(paths.issue(Issue::error(
                "too_many_runs",
                format!("{base}/schedule_expression"),
                format!("rule {} runs more than {MAX_RUNS_PER_RULE} times within the horizon", rule.name),
            ).with_hint("shorten options.horizon_days (AWS Backup snapshot schedules run at most hourly, aws-backup.md §5.4 S3)")));
        }
        let window = rule.effective_start_window_minutes().clamp(0, 52_560_000) * 60;
        let completion = rule
            .effective_completion_window_minutes()
            .clamp(0, 52_560_000)
            * 60;
        out.push(RulePrep {
            index: i,
            name: rule.name.clone(),
            expression,
            time_zone: tz,
            runs,
            window,
            completion,
            continuous: rule.is_continuous(),
            life: Life::of(rule.lifecycle.as_ref()),
            copies,
            cycle,
            dom,
            window_given: rule.start_window_minutes.is_some(),
        });
        if rule.is_continuous() && rule.retention_days().is_none() {
            notes.push(paths.issue(Issue::info(
                "continuous_retention_assumed",
                format!("{base}/lifecycle/delete_after_days"),
                format!("continuous rule {} sets no retention: drplan assumes 35 days (CDK's default; the service's behaviour is UNCONFIRMED, aws-backup.md §5.3 L7)", rule.name),
            )));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles() {
        assert_eq!(cron_cycle("cron(0 5 ? * * *)").0, DAY);
        assert_eq!(cron_cycle("cron(0 * * * ? *)").0, DAY);
        assert_eq!(cron_cycle("cron(0 5 ? * SUN *)").0, WEEK);
        assert_eq!(cron_cycle("cron(0 5 ? * 2#1 *)").0, MONTH_CYCLE);
        assert_eq!(
            cron_cycle("cron(0 5 L * ? *)"),
            (MONTH_CYCLE, "L".to_owned())
        );
        assert_eq!(cron_cycle("cron(0 5 1 1 ? *)").0, YEAR_CYCLE);
        assert_eq!(cron_cycle("cron(0 5 ? * * 2027)").0, YEAR_CYCLE);
    }
}
