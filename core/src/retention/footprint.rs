//! How many snapshots a backup cadence and a retention policy hold over time: take a snapshot at
//! every cadence instant, prune right after it, and count.
//!
//! The cadence is a fixed interval or an AWS cron expression in an IANA zone; cron instants come
//! from [`crate::schedule::Schedule::runs_from`] (the same expansion the plan simulation uses, with
//! its DST policy), not from a second expander. Each snapshot's life (taken → removed) is an
//! [`inventory::Span`], sampled on a uniform [`inventory::Grid`] by the shared
//! [`inventory::Sampler`]; the steady state is found by [`inventory::steady_state`], the same rule
//! the plan simulation's inventory uses (a regime start known analytically, plus one full cycle
//! within the horizon).

use jiff::tz::{Offset, TimeZone};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::engine::{self, Prep};
use super::fill::{estimated_work, fill_seconds, held_bound};
use super::time::SnapshotTime;
use super::types::{RetentionMode, RetentionPolicy};
use super::{compile, decide, resolve_zone, Compiled};
use crate::boundary::{PATH_END, PATH_MARK};
use crate::error::{Error, ErrorCode, Issue};
use crate::inventory::{self, Grid, Sampler, Span};
use crate::schedule::{DstGapPolicy, Schedule, DEFAULT_TIME_ZONE};
use crate::units::Seconds;

/// Most snapshots a footprint simulation takes (bounded work and memory).
pub const MAX_FOOTPRINT_SNAPSHOTS: u64 = 2_000_000;
/// Most snapshot visits (snapshots held × prunes) a simulation may do, ≈ 1–2 s natively.
pub const MAX_FOOTPRINT_WORK: u64 = 300_000_000;
/// Grid samples in the output series (drplan's choice, unchanged from the first footprint: enough
/// for a chart, small enough for JSON); the last backup is added when it falls after the grid.
const MAX_SERIES_SAMPLES: u64 = 1000;
/// Grid units for a cron cadence: the largest of these not above the shortest civil gap between
/// runs (drplan's choice: readable sample times — whole minutes, hours, days, weeks).
const CRON_UNITS: [i64; 14] = [
    60, 300, 600, 900, 1_800, 3_600, 7_200, 10_800, 14_400, 21_600, 28_800, 43_200, 86_400, 604_800,
];
const NS: i128 = 1_000_000_000;

/// When backups are taken. Wire shape: one object whose keys pick the variant —
/// `{"interval_seconds": 3600}` (number or `"1h"`) or
/// `{"cron": "cron(0 5 ? * * *)", "time_zone": "Europe/Berlin", "dst_gap": "skip"}`
/// (`time_zone` and `dst_gap` optional).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawCadence", into = "RawCadence")]
pub enum Cadence {
    /// A backup every `interval_seconds`, first one at `start`.
    Interval { interval_seconds: f64 },
    /// A backup at every run of an AWS Backup cron expression (aws-backup.md §6) evaluated in
    /// `time_zone` (IANA; `None` = UTC, AWS Backup's `ScheduleExpressionTimezone` default,
    /// aws-backup.md §7 [BC-backup]), the runs at or after `start`.
    Cron {
        cron: String,
        time_zone: Option<String>,
        /// What happens to a local time skipped by spring-forward (default: it does not run).
        dst_gap: DstGapPolicy,
    },
}

/// The wire shape of [`Cadence`]: one object whose keys pick the variant. Give exactly one of
/// `interval_seconds` and `cron`; `time_zone` and `dst_gap` go with `cron` only.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct RawCadence {
    /// A backup every this many seconds (≥ 1), the first at `start`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "Seconds"))]
    pub interval_seconds: Option<Seconds>,
    /// An AWS Backup schedule expression, e.g. `cron(0 5 ? * * *)` (daily at 05:00).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub cron: Option<String>,
    /// IANA zone the cron is evaluated in; default UTC (aws-backup.md §7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub time_zone: Option<String>,
    /// `skip` (default) or `run_at_transition`: a cron local time that spring-forward skips.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub dst_gap: Option<DstGapPolicy>,
}

/// A serde error message that [`crate::boundary::from_value`] places at `path` inside the cadence.
fn at(path: &str, message: String) -> String {
    if path.is_empty() {
        message
    } else {
        format!("{PATH_MARK}{path}{PATH_END}{message}")
    }
}

impl TryFrom<RawCadence> for Cadence {
    type Error = String;
    fn try_from(r: RawCadence) -> Result<Self, String> {
        match (r.interval_seconds, r.cron) {
            (Some(_), Some(_)) => Err(
                "invalid value: give either interval_seconds or cron, not both".into(),
            ),
            (None, None) => Err(
                "invalid value: give interval_seconds (a fixed interval, e.g. \"1d\") or cron (an AWS cron expression, e.g. \"cron(0 5 ? * * *)\")".into(),
            ),
            (Some(s), None) => {
                if r.time_zone.is_some() {
                    return Err(at("/time_zone", "invalid value: time_zone goes with a cron cadence; an interval runs from `start` regardless of zone".into()));
                }
                if r.dst_gap.is_some() {
                    return Err(at("/dst_gap", "invalid value: dst_gap goes with a cron cadence".into()));
                }
                if s.get() >= 1.0 {
                    Ok(Cadence::Interval {
                        interval_seconds: s.get(),
                    })
                } else {
                    Err(at(
                        "/interval_seconds",
                        format!("out of range: interval_seconds = {} is below 1 second", s.get()),
                    ))
                }
            }
            (None, Some(cron)) => Ok(Cadence::Cron {
                cron,
                time_zone: r.time_zone,
                dst_gap: r.dst_gap.unwrap_or_default(),
            }),
        }
    }
}

impl From<Cadence> for RawCadence {
    fn from(c: Cadence) -> Self {
        match c {
            Cadence::Interval { interval_seconds } => RawCadence {
                interval_seconds: Some(Seconds(interval_seconds)),
                ..RawCadence::default()
            },
            Cadence::Cron {
                cron,
                time_zone,
                dst_gap,
            } => RawCadence {
                cron: Some(cron),
                time_zone,
                dst_gap: (dst_gap != DstGapPolicy::default()).then_some(dst_gap),
                ..RawCadence::default()
            },
        }
    }
}

/// One point of the held-count series: the snapshots held at `time`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct FootprintSample {
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub time: SnapshotTime,
    pub elapsed_seconds: f64,
    /// Backups taken at or before `time`.
    pub snapshots_taken: u64,
    /// Snapshots held at `time` (a backup at `time` and its prune count as done).
    pub held: usize,
    /// Of `held`, those in cold storage (AWS `MoveToColdStorageAfterDays`; 0 in other modes).
    pub cold_held: usize,
}

/// Held count once the policy has filled.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct FootprintSteadyState {
    /// Fewest and most snapshots held at any instant from `from` to the end of the horizon
    /// (exact: every backup, prune and AWS deletion is counted, not only the samples).
    pub min_held: usize,
    pub max_held: usize,
    /// Start of the steady regime: the first sample at or after `fill_seconds`.
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub from: SnapshotTime,
    pub from_elapsed_seconds: f64,
    /// From `from` to the end of the horizon: the span `min_held`/`max_held` are taken over.
    pub window_seconds: f64,
    /// How long the policy needs to fill at most (an upper bound, see `source`).
    pub fill_seconds: f64,
    /// The longest rule period (or backup gap); the horizon must cover `fill_seconds` plus one.
    pub cycle_seconds: f64,
    /// Whether the sampled counts repeat exactly every `cycle_seconds` from `from` on; None for
    /// a cron cadence, a calendar cycle (month, year, restic within) or a cycle that is not a
    /// whole number of samples.
    pub repeats_exactly: Option<bool>,
    pub source: String,
}

/// The expanded cron cadence of a [`FootprintResult`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct FootprintSchedule {
    /// The normalized expression, always `cron(...)`.
    pub expression: String,
    /// The zone's canonical IANA name.
    pub time_zone: String,
    pub dst_gap: DstGapPolicy,
    /// First and last backup within the horizon, in the zone's local offset.
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub first_backup: SnapshotTime,
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub last_backup: SnapshotTime,
    /// Shortest and longest time between consecutive backups (None with a single backup).
    pub min_gap_seconds: Option<f64>,
    pub max_gap_seconds: Option<f64>,
    /// Runs whose instant DST moved (out of a spring-forward gap) or disambiguated (fall-back).
    pub dst_adjusted_runs: u64,
}

/// Result of [`retention_footprint`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct FootprintResult {
    pub mode: RetentionMode,
    pub snapshots_taken: u64,
    /// Held right after the last backup's prune (exact).
    pub final_held: usize,
    /// Most held right after any prune (exact; the count only falls between backups).
    pub max_held: usize,
    /// Samples every `sample_every_seconds` from `start` (≤ 1000), plus the last backup when it
    /// falls after the last sample.
    pub series: Vec<FootprintSample>,
    pub sample_every_seconds: f64,
    /// The cron cadence as expanded (None for an interval).
    pub schedule: Option<FootprintSchedule>,
    /// None when the horizon is too short for the policy to fill, or a rule is unlimited.
    pub steady_state: Option<FootprintSteadyState>,
    /// What the series counts and how it is sampled.
    pub source: String,
    pub notes: Vec<Issue>,
}

/// Backup instants.
enum Instants {
    /// `count` backups every `interval_ns` from `start_ns`, written in the offset of `like`.
    Every {
        start_ns: i128,
        interval_ns: i128,
        count: u64,
        like: SnapshotTime,
    },
    /// Cron runs: unix seconds and the zone's offset there; `zulu` when the zone is UTC.
    Listed { runs: Vec<(i64, i32)>, zulu: bool },
}

impl Instants {
    fn len(&self) -> u64 {
        match self {
            Instants::Every { count, .. } => *count,
            Instants::Listed { runs, .. } => runs.len() as u64,
        }
    }

    /// The `k`-th backup: instant (ns since the epoch) and its snapshot time.
    fn get(&self, k: u64) -> Option<(i128, SnapshotTime)> {
        match self {
            Instants::Every {
                start_ns,
                interval_ns,
                count,
                like,
            } => (k < *count).then(|| {
                let ns = start_ns + i128::from(k) * interval_ns;
                (ns, engine::time_at(ns, like))
            }),
            Instants::Listed { runs, zulu } => {
                let (unix, offset) = *runs.get(usize::try_from(k).ok()?)?;
                Some((
                    i128::from(unix) * NS,
                    SnapshotTime {
                        unix,
                        nanos: 0,
                        offset,
                        zulu: *zulu,
                    },
                ))
            }
        }
    }
}

/// The cadence, expanded over the horizon.
struct Expanded {
    instants: Instants,
    /// Grid unit (s): the sample step is a whole multiple of it.
    unit: i64,
    /// Longest gap between backups (s), for the fill bound.
    max_gap: f64,
    /// The cron zone (sample times are written in its offsets).
    zone: Option<TimeZone>,
    schedule: Option<FootprintSchedule>,
}

fn horizon_error(message: String, hint: &str) -> Error {
    Error::invalid(vec![Issue::error("out_of_range", "", message)
        .with_hint(hint)
        .in_input("horizon")])
}

fn expand_interval(
    interval_seconds: f64,
    start: &SnapshotTime,
    horizon_ns: i128,
) -> Result<Expanded, Error> {
    let interval_ns = (interval_seconds * 1e9).round() as i128;
    let taken = horizon_ns / interval_ns + 1;
    if taken > i128::from(MAX_FOOTPRINT_SNAPSHOTS) {
        return Err(horizon_error(
            format!(
                "the horizon would take {taken} snapshots; at most {MAX_FOOTPRINT_SNAPSHOTS} are simulated"
            ),
            "shorten the horizon or lengthen the interval",
        ));
    }
    let unit = if interval_seconds.fract() == 0.0 {
        interval_seconds as i64
    } else {
        1
    };
    Ok(Expanded {
        instants: Instants::Every {
            start_ns: start.instant(),
            interval_ns,
            count: taken as u64,
            like: *start,
        },
        unit: unit.max(1),
        max_gap: interval_seconds,
        zone: None,
        schedule: None,
    })
}

/// Parse a cron cadence; issues re-rooted under input `cadence` (`/cron`, `/time_zone`).
fn parse_cron(
    cron: &str,
    time_zone: Option<&str>,
    dst_gap: DstGapPolicy,
) -> Result<Schedule, Vec<Issue>> {
    Schedule::parse(cron, time_zone.unwrap_or(DEFAULT_TIME_ZONE), dst_gap).map_err(|e| {
        e.issues
            .into_iter()
            .map(|i| {
                let field = if i.input.as_deref() == Some("time_zone") {
                    "/time_zone"
                } else {
                    "/cron"
                };
                i.under(field).in_input("cadence")
            })
            .collect()
    })
}

/// Expand the cron runs in `[start, start + horizon]` through the schedule module.
fn expand_cron(
    sched: &Schedule,
    start: &SnapshotTime,
    horizon_ns: i128,
    mode: RetentionMode,
    notes: &mut Vec<Issue>,
) -> Result<Expanded, Error> {
    let start_ns = start.instant();
    let end_ns = start_ns + horizon_ns;
    let from = Timestamp::from_nanosecond(start_ns).map_err(|_| {
        Error::invalid(vec![Issue::error(
            "out_of_range",
            "",
            "the start is outside the range schedules are expanded in",
        )
        .in_input("start")])
    })?;
    let zulu = sched.time_zone().to_fixed_offset().ok() == Some(Offset::UTC);
    let mut runs: Vec<(i64, i32)> = Vec::new();
    let mut min_civil = i64::MAX;
    let (mut min_gap, mut max_gap) = (i64::MAX, 0i64);
    let mut prev: Option<crate::schedule::Run> = None;
    let mut dst_adjusted = 0u64;
    for r in sched.runs_from(from) {
        if r.at.as_nanosecond() > end_ns {
            break;
        }
        if runs.len() as u64 >= MAX_FOOTPRINT_SNAPSHOTS {
            return Err(horizon_error(
                format!(
                    "{} fires more than {MAX_FOOTPRINT_SNAPSHOTS} times within the horizon; at most {MAX_FOOTPRINT_SNAPSHOTS} snapshots are simulated",
                    sched.cron()
                ),
                "shorten the horizon or use a less frequent schedule",
            ));
        }
        if let Some(p) = prev {
            let gap = r.at.as_second() - p.at.as_second();
            min_gap = min_gap.min(gap);
            max_gap = max_gap.max(gap);
            min_civil = min_civil.min(r.scheduled.duration_since(p.scheduled).as_secs());
        }
        dst_adjusted += u64::from(r.dst.is_some());
        runs.push((r.at.as_second(), r.offset.seconds()));
        prev = Some(r);
    }
    let snap = |(unix, offset): (i64, i32)| SnapshotTime {
        unix,
        nanos: 0,
        offset,
        zulu,
    };
    let (Some(first), Some(last)) = (runs.first().copied(), runs.last().copied()) else {
        let end = engine::time_at(end_ns, start);
        let msg = format!(
            "{} never fires in {} between {} and {}",
            sched.cron(),
            sched.time_zone_name(),
            start.format(),
            end.format()
        );
        return Err(Error::new(
            ErrorCode::NeverFires,
            msg.clone(),
            vec![Issue::error("never_fires", "/cron", msg)
                .in_input("cadence")
                .with_hint("check the day (30 February, a 5th weekday that never comes), the year field (1970-2199), DST gaps, and the horizon")],
        ));
    };
    notes.extend(
        sched
            .cron()
            .warnings()
            .iter()
            .map(|i| i.clone().under("/cron").in_input("cadence")),
    );
    if mode == RetentionMode::AwsBackupLifecycle && sched.cron().fires_more_than_once_per_hour() {
        // Source: aws-backup.md §5.4 S3 (snapshot schedules no more frequent than hourly).
        notes.push(Issue::warning(
            "schedule_more_than_hourly",
            "/cron",
            "AWS Backup runs snapshot backups at most hourly (aws-backup.md §5.4 S3); the footprint takes every run as given",
        ).in_input("cadence"));
    }
    let tz = sched.time_zone();
    let changes_offset = tz
        .following(from)
        .next()
        .is_some_and(|tr| tr.timestamp().as_nanosecond() <= end_ns);
    if changes_offset {
        let gap = match sched.dst_gap() {
            DstGapPolicy::Skip => "does not run",
            DstGapPolicy::RunAtTransition => "runs at the transition",
        };
        notes.push(Issue::info(
            "dst_policy_assumed",
            "/time_zone",
            format!("{} changes its UTC offset within the horizon: a local time skipped by spring-forward {gap}, a repeated one runs once, at its first occurrence. AWS Backup's behaviour is UNCONFIRMED (aws-backup.md §7); drplan follows EventBridge Scheduler's documented behaviour (https://repost.aws/knowledge-center/eventbridge-scheduler-adjust-dst)", sched.time_zone_name()),
        ).in_input("cadence"));
    }
    let unit = CRON_UNITS
        .iter()
        .rev()
        .find(|u| **u <= min_civil)
        .copied()
        .unwrap_or(60);
    let (min_gap, max_gap) = if runs.len() >= 2 {
        (Some(min_gap as f64), Some(max_gap as f64))
    } else {
        (None, None)
    };
    Ok(Expanded {
        schedule: Some(FootprintSchedule {
            expression: sched.cron().to_string(),
            time_zone: sched.time_zone_name().to_owned(),
            dst_gap: sched.dst_gap(),
            first_backup: snap(first),
            last_backup: snap(last),
            min_gap_seconds: min_gap,
            max_gap_seconds: max_gap,
            dst_adjusted_runs: dst_adjusted,
        }),
        instants: Instants::Listed { runs, zulu },
        unit,
        // One backup: nothing repeats; the horizon is the only gap there is.
        max_gap: max_gap.unwrap_or((horizon_ns / NS) as f64).max(1.0),
        zone: Some(tz.clone()),
    })
}

/// AWS lifecycle instants of a point created at `t_ns`: (cold from, gone from), in ns.
fn aws_life(compiled: &Compiled, t_ns: i128) -> (Option<i128>, Option<i128>) {
    match compiled {
        Compiled::Aws(r) => (
            r.cold_after_days
                .map(|d| t_ns + i128::from(d) * r.day_nanos),
            r.delete_after_days.map(|d| {
                // Inclusive boundary: gone at DeleteAt (+ lag); exclusive: just after it.
                t_ns + i128::from(d) * r.day_nanos + r.lag_nanos + i128::from(!r.inclusive)
            }),
        ),
        _ => (None, None),
    }
}

/// Simulate `cadence` from `start` for `horizon`, pruning with `policy` under `mode` right after
/// every backup (the prune's `now` is the backup instant plus 1 ns, so restic counts the new
/// snapshot as its `latest`).
///
/// * Interval: backups at `start + k × interval_seconds` up to `start + horizon`, written in
///   `start`'s offset.
/// * Cron: every run of the expression in `[start, start + horizon]` ([`Schedule::runs_from`],
///   DST policy as in the schedule module), each snapshot written in the cron zone's offset at
///   that instant (so restic's calendar buckets are that zone's days). `time_zone` stays the
///   prune host's zone (borg buckets, restic `--keep-within*`), independent of the cron zone.
///
/// At most [`MAX_FOOTPRINT_SNAPSHOTS`] backups and [`MAX_FOOTPRINT_WORK`] snapshot visits; beyond
/// that an `out_of_range` error points at `horizon`. A cron without a run in the horizon fails
/// with [`ErrorCode::NeverFires`] (issue `never_fires` at `cadence` `/cron`).
///
/// The series: each snapshot lives on `[taken, removed)` (removed = the prune that dropped it; in
/// AWS mode the DeleteAt instant, + lag, as the service deletes then, not at the next backup),
/// sampled by [`inventory::Sampler`] every `step` seconds from `start`. The step is the smallest
/// whole multiple of the cadence's unit (the interval when it is whole seconds, else 1 s; for a
/// cron the largest of 1, 5, 10, 15, 30 min, 1, 2, 3, 4, 6, 8, 12 h, 1 d, 1 w not above its
/// shortest civil gap) giving at most 1000 samples — so a short horizon is sampled once per
/// backup, on the backup instants for an interval cadence.
pub fn retention_footprint(
    cadence: &Cadence,
    policy: &RetentionPolicy,
    mode: RetentionMode,
    start: SnapshotTime,
    horizon: Seconds,
    time_zone: Option<&str>,
) -> Result<FootprintResult, Error> {
    // Validation: every problem of every argument at once, in argument order.
    let mut issues: Vec<Issue> = Vec::new();
    let sched = match cadence {
        Cadence::Interval { interval_seconds } => {
            if !(1.0..=1e12).contains(interval_seconds) {
                issues.push(
                    Issue::error(
                        "out_of_range",
                        "/interval_seconds",
                        "the interval must be between 1 second and 10^12 seconds",
                    )
                    .in_input("cadence"),
                );
            }
            None
        }
        Cadence::Cron {
            cron,
            time_zone,
            dst_gap,
        } => parse_cron(cron, time_zone.as_deref(), *dst_gap)
            .map_err(|e| issues.extend(e))
            .ok(),
    };
    let compiled = compile(policy, mode)
        .map_err(|e| issues.extend(e.issues))
        .ok();
    let zone = resolve_zone(time_zone)
        .map_err(|e| issues.extend(e.issues))
        .ok();
    // 10^12 s ≈ 31,700 years: beyond any calendar the engine handles (years 0000-9999).
    if horizon.get() > 1e12 {
        issues.push(
            Issue::error(
                "out_of_range",
                "",
                "the horizon must be at most 10^12 seconds",
            )
            .in_input("horizon"),
        );
    } else {
        let end_unix = (start.instant() + (horizon.get() * 1e9).round() as i128).div_euclid(NS);
        if end_unix > i128::from(super::time::MAX_UNIX) {
            issues.push(
                Issue::error("out_of_range", "", "the horizon runs past year 9999")
                    .in_input("horizon"),
            );
        }
    }
    let (Some((compiled, mut notes)), Some(zone)) = (compiled, zone) else {
        return Err(Error::invalid(issues));
    };
    if issues.iter().any(Issue::is_error) {
        return Err(Error::invalid(issues));
    }
    let horizon_ns = (horizon.get() * 1e9).round() as i128;
    let expanded = match (cadence, &sched) {
        (Cadence::Interval { interval_seconds }, _) => {
            expand_interval(*interval_seconds, &start, horizon_ns)?
        }
        (Cadence::Cron { .. }, Some(s)) => expand_cron(s, &start, horizon_ns, mode, &mut notes)?,
        (Cadence::Cron { .. }, None) => return Err(Error::invalid(issues)),
    };
    simulate(
        &expanded,
        &compiled,
        policy,
        mode,
        &start,
        horizon_ns,
        zone.as_ref(),
        notes,
    )
}

/// Seconds from `start_ns` to `ns`, rounded up (a grid instant `t` is at or after `ns` iff
/// `t ≥ rel_ceil(ns)`).
fn rel_ceil(ns: i128, start_ns: i128) -> i64 {
    let d = (ns - start_ns + NS - 1).div_euclid(NS);
    i64::try_from(d).unwrap_or(if d < 0 { i64::MIN } else { i64::MAX })
}

#[allow(clippy::too_many_arguments)]
fn simulate(
    expanded: &Expanded,
    compiled: &Compiled,
    policy: &RetentionPolicy,
    mode: RetentionMode,
    start: &SnapshotTime,
    horizon_ns: i128,
    zone: Option<&TimeZone>,
    mut notes: Vec<Issue>,
) -> Result<FootprintResult, Error> {
    let start_ns = start.instant();
    let end_ns = start_ns + horizon_ns;
    let taken = expanded.instants.len();
    // The grid: whole seconds from `start`, a whole multiple of the cadence unit, ≤ 1000 samples.
    let horizon_s = i64::try_from(horizon_ns.div_euclid(NS)).unwrap_or(i64::MAX);
    let unit = expanded.unit.max(1);
    let units = u64::try_from(horizon_s / unit).unwrap_or(0) + 1;
    let stride = i64::try_from(units.div_ceil(MAX_SERIES_SAMPLES)).unwrap_or(1);
    let step = unit.saturating_mul(stride.max(1));
    let internal = || {
        horizon_error(
            "the horizon cannot be sampled".into(),
            "shorten the horizon",
        )
    };
    let grid = Grid::covering(horizon_s, step).ok_or_else(internal)?;
    // Group 0: snapshots held; group 1: snapshots taken (never removed).
    let mut sampler = Sampler::new(grid, 2).ok_or_else(internal)?;
    let n = grid.samples;

    // Steady regime (inventory::steady_state's rule): from the first sample at or after the
    // fill bound, reported when one full cycle fits after it.
    let fill = fill_seconds(policy, compiled, expanded.max_gap);
    let plan = fill.as_ref().map(|f| {
        let fs = grid.first_at_or_after(f.fill.ceil().min(9e18) as i64);
        let cycle = ((f.cycle / step as f64).ceil().min(1e9) as usize).max(1);
        (fs, cycle)
    });
    let steady_from_ns = plan
        .filter(|(fs, cycle)| fs.saturating_add(*cycle) < n)
        .map(|(fs, _)| start_ns + i128::from(grid.at(fs)) * NS);
    let (mut ss_min, mut ss_max) = (usize::MAX, 0usize);

    let span = |from_ns: i128, until_ns: Option<i128>, cold_ns: Option<i128>, group: usize| Span {
        group,
        from: rel_ceil(from_ns, start_ns),
        cold_at: cold_ns.map(|c| rel_ceil(c, start_ns)),
        until: until_ns.map(|u| rel_ceil(u, start_ns)),
        gib: 0.0,
        counted: true,
    };
    // Estimate the walk before doing it: the k-th prune visits at most min(k + 1, bound) + 1
    // snapshots, so a policy that holds everything over a long horizon (quadratic work) is
    // refused at once instead of after minutes of walking.
    let bound = held_bound(policy, compiled, expanded.max_gap, unit, taken);
    let estimate = estimated_work(taken, bound);
    if estimate > MAX_FOOTPRINT_WORK {
        return Err(crate::budget::over(
            "horizon",
            "",
            &format!("pruning {taken} backups holding up to {bound} snapshots each"),
            estimate,
            MAX_FOOTPRINT_WORK,
            "snapshot visits",
        ));
    }
    let mut held: Vec<Prep> = Vec::new(); // newest first
    let no_tags: &[String] = &[];
    let mut work: u64 = 0;
    let mut max_held = 0usize;
    let mut last: Option<(i128, SnapshotTime)> = None;
    for k in 0..taken {
        let Some((at, t)) = expanded.instants.get(k) else {
            break;
        };
        let mut next: Vec<Prep> = Vec::with_capacity(held.len() + 1);
        next.push(Prep { idx: 0, t });
        next.append(&mut held);
        work += next.len() as u64 + super::fill::PER_BACKUP_VISITS;
        if work > MAX_FOOTPRINT_WORK {
            return Err(horizon_error(
                format!(
                    "the simulation needs more than {MAX_FOOTPRINT_WORK} snapshot visits (about {} held after {k} backups)",
                    next.len()
                ),
                "the policy holds too many snapshots at this cadence; shorten the horizon or lengthen the interval",
            ));
        }
        let now = engine::time_at(at + 1, &t);
        let decision = decide(compiled, &next, &now, zone, |_| no_tags, None)?;
        // Before this backup the old snapshots were held, less those AWS deleted meanwhile.
        let old = next.len() - 1;
        let mut gone_before = 0usize;
        let mut kept = decision.kept.iter().map(|(i, _)| *i).peekable();
        for (i, p) in next.into_iter().enumerate() {
            if kept.peek() == Some(&i) {
                kept.next();
                held.push(p);
                continue;
            }
            let t_ns = p.t.instant();
            let (cold, gone) = aws_life(compiled, t_ns);
            let until = gone.map_or(at, |g| g.clamp(t_ns, at + 1));
            if i > 0 && until < at {
                gone_before += 1;
            }
            sampler.add(&span(t_ns, Some(until), cold, 0));
        }
        sampler.add(&span(at, None, None, 1));
        max_held = max_held.max(held.len());
        if let Some(from) = steady_from_ns {
            if at >= from {
                ss_max = ss_max.max(held.len());
                ss_min = ss_min.min(held.len());
            }
            if at > from {
                // Just before this backup (the count only falls between backups).
                ss_min = ss_min.min(old.saturating_sub(gone_before));
            }
        }
        last = Some((at, t));
    }
    // Still held at the end: kept past the horizon, or until their AWS DeleteAt.
    let mut gone_by_end = 0usize;
    for p in &held {
        let t_ns = p.t.instant();
        let (cold, gone) = aws_life(compiled, t_ns);
        if gone.is_some_and(|g| g <= end_ns) {
            gone_by_end += 1;
        }
        sampler.add(&span(t_ns, gone, cold, 0));
    }
    let groups = sampler.finish();
    let empty = inventory::Series::empty(n);
    let held_series = groups.first().unwrap_or(&empty);
    let taken_series = groups.get(1).unwrap_or(&empty);

    let sample_time = |ns: i128| -> SnapshotTime {
        match &expanded.zone {
            Some(tz) => {
                let unix = i64::try_from(ns.div_euclid(NS)).unwrap_or(0);
                let offset = Timestamp::from_second(unix)
                    .map(|ts| tz.to_offset(ts).seconds())
                    .unwrap_or(0);
                let zulu = matches!(&expanded.instants, Instants::Listed { zulu: true, .. });
                let t = engine::time_at(ns, start);
                SnapshotTime { offset, zulu, ..t }
            }
            None => engine::time_at(ns, start),
        }
    };
    let mut series: Vec<FootprintSample> = (0..n)
        .map(|k| {
            let s = grid.at(k);
            FootprintSample {
                time: sample_time(start_ns + i128::from(s) * NS),
                elapsed_seconds: s as f64,
                snapshots_taken: taken_series.count(k),
                held: usize::try_from(held_series.count(k)).unwrap_or(usize::MAX),
                cold_held: usize::try_from(held_series.cold_count.get(k).copied().unwrap_or(0))
                    .unwrap_or(usize::MAX),
            }
        })
        .collect();
    if let Some((at, t)) = last {
        let last_grid_ns = start_ns + i128::from(grid.at(n.saturating_sub(1))) * NS;
        if at > last_grid_ns {
            let cold = held
                .iter()
                .filter(|p| aws_life(compiled, p.t.instant()).0.is_some_and(|c| c <= at))
                .count();
            series.push(FootprintSample {
                time: t,
                elapsed_seconds: (at - start_ns) as f64 / 1e9,
                snapshots_taken: taken,
                held: held.len(),
                cold_held: cold,
            });
        }
    }

    let steady_state = match (fill, plan) {
        (Some(f), Some((fs, cycle))) => {
            let (fill, window) = (f.fill, f.cycle);
            // Only an interval cadence with a fixed-length cycle that is a whole number of
            // samples can repeat exactly (cron runs move with DST and months).
            let w = window.round();
            let periodic = matches!(expanded.instants, Instants::Every { .. }) && !f.calendar;
            let period = (periodic && w == window && (w as i64) % step == 0)
                .then(|| usize::try_from(w as i64 / step).unwrap_or(0));
            let found =
                inventory::steady_state(std::slice::from_ref(held_series), Some(fs), cycle, period);
            match (found.sample, found.bands.first()) {
                (Some(k), Some(band)) => {
                    let from_s = grid.at(k);
                    // The sampled band is inside the exact one; together with every backup,
                    // prune and deletion from `from` on they give the exact range.
                    let mut lo = ss_min.min(usize::try_from(band.min_count).unwrap_or(0));
                    let hi = ss_max.max(usize::try_from(band.max_count).unwrap_or(0));
                    if end_ns > start_ns + i128::from(from_s) * NS {
                        lo = lo.min(held.len() - gone_by_end.min(held.len()));
                    }
                    Some(FootprintSteadyState {
                        min_held: lo,
                        max_held: hi,
                        from: sample_time(start_ns + i128::from(from_s) * NS),
                        from_elapsed_seconds: from_s as f64,
                        window_seconds: (horizon_ns as f64 / 1e9 - from_s as f64).max(0.0),
                        fill_seconds: fill,
                        cycle_seconds: window,
                        repeats_exactly: found.repeats_exactly,
                        source: "drplan simulation (inventory::steady_state): the regime starts at the first sample at or after the fill bound — restic: the longest count x period or within span; borg (sequential rules): the sum of (count + 1) x period plus within; AWS: DeleteAfterDays (+ lag); periods are at least the longest backup gap, month 31 d, year 366 d — and is reported when the horizon covers one more cycle (the longest period); min/max are exact over every backup, prune and AWS deletion from then to the end".into(),
                    })
                }
                _ => {
                    notes.push(Issue::info("horizon_too_short", "", format!(
                        "the policy needs up to {:.0} s to fill plus a {:.0} s cycle to measure; the horizon is {:.0} s",
                        fill, window, horizon_ns as f64 / 1e9)).in_input("horizon"));
                    None
                }
            }
        }
        _ => {
            notes.push(Issue::info("no_steady_state", "", "the policy has an unlimited rule (or keeps by tag), so the count never levels off").in_input("policy"));
            None
        }
    };
    Ok(FootprintResult {
        mode,
        snapshots_taken: taken,
        final_held: held.len(),
        max_held,
        series,
        sample_every_seconds: step as f64,
        schedule: expanded.schedule.clone(),
        steady_state,
        source: "drplan simulation: a snapshot at every cadence instant, pruned right after it; `held` at a sample = snapshots taken at or before it and not yet removed (a backup and its prune at the sample instant count as done; AWS points leave at DeleteAt, as the service deletes them, not at the next backup); samples every sample_every_seconds from start via inventory::Sampler, so counts between samples (e.g. right after a backup that falls between two samples) show only in max_held, final_held and the steady-state range, which are exact".into(),
        notes,
    })
}
