//! The `cron_summary` contract: how often a schedule runs, from the gaps between its runs over a
//! year.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::runs::{never_fires, schedule_warnings, utc_string, DstPolicyInfo, SummaryOptions};
use super::{Schedule, DEFAULT_TIME_ZONE};
use crate::error::{Error, Issue};

/// How often a schedule runs: gaps between consecutive runs over a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct CronSummary {
    pub expression: String,
    pub time_zone: String,
    /// The first run at or after `from` (UTC); the period examined starts here.
    pub first_run: String,
    /// The first run at or after `first_run` + 1 year (in the zone's calendar), or the last
    /// run before the cron's years end; the period examined ends here.
    pub last_run: String,
    /// Runs from `first_run` to `last_run`, both included.
    pub runs: u64,
    /// Shortest gap between consecutive runs (`null` with a single run).
    pub min_gap_seconds: Option<i64>,
    /// Longest gap between consecutive runs: the worst-case interval between backups.
    pub max_gap_seconds: Option<i64>,
    /// The most frequent gap (ties: the shorter).
    pub typical_gap_seconds: Option<i64>,
    /// The runs around the longest gap (UTC).
    pub max_gap_from: Option<String>,
    pub max_gap_until: Option<String>,
    /// More than one value in the minutes field (AWS Backup allows at most hourly, §5.4 S3).
    pub fires_more_than_once_per_hour: bool,
    pub dst_policy: DstPolicyInfo,
    pub warnings: Vec<Issue>,
    pub source: String,
}

/// Gaps between consecutive runs of `expression` in `time_zone` (`None` = UTC) over the year
/// starting at the first run at or after `from`, including the gap into the following year.
/// Errors as [`schedule_runs`](super::schedule_runs); `never_fires` when no run exists at or after `from` (years end at 2199).
pub fn cron_summary(
    expression: &str,
    time_zone: Option<&str>,
    from: Timestamp,
    options: &SummaryOptions,
) -> Result<CronSummary, Error> {
    let tz_name = time_zone.unwrap_or(DEFAULT_TIME_ZONE);
    let sched = Schedule::parse(expression, tz_name, options.dst_gap)?;
    let mut runs = sched.runs_from(from);
    let first = match runs.next() {
        Some(r) => r,
        None => return Err(never_fires(&sched.cron, &sched.tz_name)),
    };
    let end = first
        .at
        .to_zoned(sched.tz.clone())
        .checked_add(jiff::Span::new().years(1))
        .map(|z| z.timestamp())
        .unwrap_or(Timestamp::MAX);
    let mut counts: std::collections::BTreeMap<i64, u64> = std::collections::BTreeMap::new();
    let mut n: u64 = 1;
    let mut prev = first.at;
    let mut max_gap: Option<(i64, Timestamp, Timestamp)> = None;
    // Bounded: at most one year of runs (527,040 for an every-minute cron) plus one.
    while prev < end {
        let Some(r) = runs.next() else { break };
        let gap = r.at.duration_since(prev).as_secs();
        *counts.entry(gap).or_insert(0) += 1;
        if max_gap.is_none_or(|(g, _, _)| gap > g) {
            max_gap = Some((gap, prev, r.at));
        }
        prev = r.at;
        n += 1;
    }
    let typical = counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(g, _)| *g);
    Ok(CronSummary {
        expression: sched.cron.to_string(),
        time_zone: sched.tz_name.clone(),
        first_run: utc_string(first.at),
        last_run: utc_string(prev),
        runs: n,
        min_gap_seconds: counts.keys().next().copied(),
        max_gap_seconds: max_gap.map(|m| m.0),
        typical_gap_seconds: typical,
        max_gap_from: max_gap.map(|m| utc_string(m.1)),
        max_gap_until: max_gap.map(|m| utc_string(m.2)),
        fires_more_than_once_per_hour: sched.cron.fires_more_than_once_per_hour(),
        dst_policy: DstPolicyInfo::new(options.dst_gap),
        warnings: schedule_warnings(&sched, tz_name),
        source: "gaps between consecutive runs from the first run at or after `from` through the first run at least one calendar year later, in the schedule's time zone, DST policy applied (drplan's definition)".to_owned(),
    })
}
