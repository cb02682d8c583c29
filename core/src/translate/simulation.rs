//! The one-year comparison of a translation: the points each side holds at the end of the year.

use std::collections::BTreeMap;

use jiff::{Span, Timestamp};

use super::{
    Period, Translation, TranslationSimulation, CADENCE_REFERENCE_UNIX, MAX_LISTED, MAX_SIM_POINTS,
    SRC_SIM,
};
use crate::backup::BackupPlan;
use crate::error::{Error, Issue};
use crate::retention::{apply_retention, RetentionMode, RetentionPolicy, Snapshot, SnapshotTime};
use crate::schedule::{DstGapPolicy, Schedule};

/// Local hour and minute of the plan's first scheduled run (used as the simulated snapshot clock).
pub(super) fn plan_clock(plan: &BackupPlan, tz: &str) -> (u8, u8) {
    let from = Timestamp::from_second(CADENCE_REFERENCE_UNIX).unwrap_or(Timestamp::UNIX_EPOCH);
    plan.rules
        .iter()
        .filter(|r| !r.is_continuous())
        .find_map(|r| {
            let s = Schedule::parse(r.effective_schedule(), tz, DstGapPolicy::Skip).ok()?;
            let run = s.first_at_or_after(from)?;
            let dt = run.offset.to_datetime(run.at);
            Some((dt.hour() as u8, dt.minute() as u8))
        })
        .unwrap_or((5, 0))
}

fn utc_text(unix: i64) -> String {
    SnapshotTime::utc(unix)
        .map(|t| t.format())
        .unwrap_or_default()
}

fn sim_error(msg: String) -> Error {
    Error::invalid(vec![Issue::error(
        "simulation_too_large",
        "/simulate_from",
        msg,
    )
    .in_input("options")])
}

pub(super) fn simulate(
    t: &Translation,
    start: SnapshotTime,
    h: u8,
    m: u8,
) -> Result<TranslationSimulation, Error> {
    let tz = crate::schedule::time_zone(&t.time_zone)?;
    let bad_start = || {
        Error::invalid(vec![Issue::error(
            "out_of_range",
            "/simulate_from",
            "the simulated year must lie within 1970–2199 (the cron's years)",
        )
        .in_input("options")])
    };
    let from = Timestamp::from_second(start.unix).map_err(|_| bad_start())?;
    let end = from
        .to_zoned(tz.clone())
        .checked_add(Span::new().years(1))
        .map_err(|_| bad_start())?
        .timestamp();
    let p = &t.policy;
    let hourly = p.keep_hourly.is_some_and(|c| c.value() != 0)
        || p.keep_within_hourly.is_some()
        || p.keep_minutely.is_some_and(|c| c.value() != 0);
    let cadence = if hourly {
        Period::Hourly
    } else {
        Period::Daily
    };
    let cron = cadence.cron(h, m);
    let sched = Schedule::parse(&cron, &t.time_zone, DstGapPolicy::Skip)?;
    let mut snaps = Vec::new();
    for r in sched.runs_from(from).take_while(|r| r.at < end) {
        if snaps.len() >= MAX_SIM_POINTS {
            return Err(sim_error(format!(
                "more than {MAX_SIM_POINTS} simulated snapshots"
            )));
        }
        let st = SnapshotTime::utc(r.at.as_second()).map_err(|_| bad_start())?;
        snaps.push(Snapshot::at(st.with_offset(r.offset.seconds())));
    }
    let now = SnapshotTime::utc(end.as_second()).map_err(|_| bad_start())?;
    let kept = apply_retention(&snaps, p, t.mode, now, Some(&t.time_zone))?;
    let mut pol: Vec<i64> = kept.kept.iter().map(|k| k.time.unix).collect();
    pol.sort_unstable();
    // AWS: one point per instant, with the longest retention (aws-backup.md §14.2).
    let mut points: BTreeMap<i64, Option<i64>> = BTreeMap::new();
    for r in t.plan.rules.iter().filter(|r| !r.is_continuous()) {
        let rtz = r.schedule_expression_timezone.as_deref().unwrap_or("UTC");
        let s = Schedule::parse(r.effective_schedule(), rtz, DstGapPolicy::Skip)?;
        let d = r.retention_days();
        for run in s.runs_from(from).take_while(|x| x.at < end) {
            if points.len() >= MAX_SIM_POINTS {
                return Err(sim_error(format!(
                    "the plan creates more than {MAX_SIM_POINTS} points in a year"
                )));
            }
            let e = points.entry(run.at.as_second()).or_insert(Some(0));
            *e = match (*e, d) {
                (None, _) | (_, None) => None,
                (Some(a), Some(b)) => Some(a.max(b)),
            };
        }
    }
    let mut groups: BTreeMap<Option<i64>, Vec<Snapshot>> = BTreeMap::new();
    for (u, d) in &points {
        let st = SnapshotTime::utc(*u).map_err(|_| bad_start())?;
        groups.entry(*d).or_default().push(Snapshot::at(st));
    }
    let mut aws: Vec<i64> = Vec::new();
    for (d, pts) in &groups {
        let lp = RetentionPolicy {
            delete_after_days: Some(d.unwrap_or(-1)),
            ..RetentionPolicy::default()
        };
        let r = apply_retention(pts, &lp, RetentionMode::AwsBackupLifecycle, now, None)?;
        aws.extend(r.kept.iter().map(|k| k.time.unix));
    }
    aws.sort_unstable();
    // Multiset difference of two sorted lists.
    let (mut i, mut j) = (0, 0);
    let (mut only_p, mut only_a, mut common) = (Vec::new(), Vec::new(), 0usize);
    while i < pol.len() || j < aws.len() {
        match (pol.get(i), aws.get(j)) {
            (Some(a), Some(b)) if a == b => {
                common += 1;
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if a < b => {
                only_p.push(*a);
                i += 1;
            }
            (Some(a), None) => {
                only_p.push(*a);
                i += 1;
            }
            (_, Some(b)) => {
                only_a.push(*b);
                j += 1;
            }
            (None, None) => break,
        }
    }
    Ok(TranslationSimulation {
        start: utc_text(from.as_second()),
        end: utc_text(end.as_second()),
        time_zone: t.time_zone.clone(),
        cadence: cadence.name().to_owned(),
        cadence_schedule: cron,
        snapshots_simulated: snaps.len(),
        aws_points_created: points.len(),
        policy_kept_count: pol.len(),
        aws_kept_count: aws.len(),
        common_count: common,
        only_in_policy_count: only_p.len(),
        only_in_aws_count: only_a.len(),
        count_difference: pol.len() as i64 - aws.len() as i64,
        only_in_policy: only_p
            .iter()
            .take(MAX_LISTED)
            .map(|u| utc_text(*u))
            .collect(),
        only_in_aws: only_a
            .iter()
            .take(MAX_LISTED)
            .map(|u| utc_text(*u))
            .collect(),
        source: SRC_SIM.to_owned(),
    })
}
