//! Schedules: an AWS Backup cron expression evaluated in an IANA time zone → run instants.
//!
//! * [`AwsCron`] parses and matches the cron dialect (see [`cron`] for the rules and sources).
//! * [`Schedule`] adds the time zone (jiff, bundled tz database) and the DST policy; it expands
//!   runs lazily ([`Schedule::runs_from`], [`Schedule::next_after`]) by jumping through the cron
//!   fields (months, then matching days, hours, minutes), never minute by minute.
//! * [`schedule_runs`] and [`cron_summary`] are the contract functions (JSON twins in
//!   [`crate::api::json`]).
//!
//! # Daylight saving time
//!
//! AWS Backup does not document what happens to a scheduled local time that a DST change skips
//! or repeats (aws-backup.md §7: UNCONFIRMED). drplan follows what AWS documents for EventBridge
//! Scheduler: "When the time shifts forward in Spring, your schedule invocation gets skipped if the
//! cron expression falls on a non-existent date and time. When the time shifts back in the Fall,
//! your schedule runs only once" (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html, daylight saving time).
//!
//! * Gap (spring forward): by default ([`DstGapPolicy::Skip`]) the run does not happen; with
//!   [`DstGapPolicy::RunAtTransition`] it runs at the instant the clocks jump (02:30 in
//!   America/New_York on a spring-forward day runs at 03:00 EDT); runs that land on the same
//!   instant merge into one.
//! * Fold (fall back): a repeated local time runs once, at its first occurrence (01:30 EDT, not
//!   01:30 EST). Which occurrence AWS uses is not documented.
//!
//! Both are drplan's assumptions, not confirmed AWS Backup behaviour; every output says so in its
//! `dst_policy`.

pub mod cron;
mod runs;
mod summary;

use jiff::civil::DateTime;
use jiff::tz::{AmbiguousOffset, Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

pub use cron::{AwsCron, MAX_YEAR};
pub(crate) use runs::{column_limit_issues, limit_issues, window_issues};
pub use runs::{
    schedule_run_columns, schedule_runs, DstPolicyInfo, ScheduleColumns, ScheduleOptions,
    ScheduleRun, ScheduleRuns, SummaryOptions, WindowInfo, DST_CODES,
};
pub use summary::{cron_summary, CronSummary};

use cron::{Civil, MonthCache};

use crate::error::{Error, Issue};

/// Runs returned by [`schedule_runs`] when no limit is given (drplan's choice: a readable
/// preview; ~41 days of an hourly schedule).
pub const DEFAULT_LIMIT: u64 = 1_000;
/// Largest `limit` accepted (drplan's choice: 10 years of an hourly schedule is 87,660 runs;
/// each run is several strings, so a million would be hundreds of MB of JSON). Use
/// [`Schedule::runs_from`] to stream more.
pub const MAX_LIMIT: u64 = 100_000;
/// Zone used when none is given. Source: aws-backup.md §7 (`ScheduleExpressionTimezone`
/// defaults to UTC [BC-backup]).
pub const DEFAULT_TIME_ZONE: &str = "UTC";
/// Source: aws-backup.md §5.2 W1 (StartWindowMinutes ≥ 60, API model).
pub const MIN_START_WINDOW_MINUTES: u64 = 60;
/// Source: aws-backup.md §5.2 W2/W5 (≤ 52,560,000 minutes = 100 years, API model).
pub const MAX_WINDOW_MINUTES: u64 = 52_560_000;
/// Source: aws-backup.md §5.2 W3 (default start window 8 h, `StartBackupJob` doc; CDK).
pub const DEFAULT_START_WINDOW_MINUTES: u64 = 480;
/// Source: aws-backup.md §5.2 W4 (default completion window 7 days, echoed by the service).
pub const DEFAULT_COMPLETION_WINDOW_MINUTES: u64 = 10_080;
/// Skipped DST-gap times listed in a [`ScheduleRuns`] (further ones are only counted).
const MAX_SKIPPED_LISTED: usize = 1_000;
/// Candidates a single step may examine without producing a run or a skip (only fold minutes
/// that map before the lower bound do that; tzdb folds are ≤ ~24 h = 1,440 minutes).
const MAX_SILENT_STEPS: u32 = 100_000;

const DST_SOURCE: &str = "AWS Backup's DST behaviour is UNCONFIRMED (aws-backup.md §7); drplan follows EventBridge Scheduler's documented behaviour: a local time skipped by spring-forward does not run, a repeated local time runs once (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html, daylight saving time); drplan runs it at its first occurrence";

/// What happens to a scheduled local time that a spring-forward DST change skips.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum DstGapPolicy {
    /// The run does not happen (EventBridge Scheduler's documented behaviour; the default).
    #[default]
    Skip,
    /// The run happens at the instant the clocks jump forward (e.g. 03:00 EDT).
    RunAtTransition,
}

/// Why a run's instant is not simply its local time in the zone's only offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum DstAdjustment {
    /// The local time occurs twice (fall back); the run is at the first occurrence.
    FoldFirstOccurrence,
    /// The local time does not exist (spring forward); the run moved to the transition instant
    /// ([`DstGapPolicy::RunAtTransition`]).
    MovedOutOfGap,
}

/// One run of a [`Schedule`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    /// When the run starts (the scheduled instant).
    pub at: Timestamp,
    /// The zone's UTC offset at `at` (local time of the run = `offset.to_datetime(at)`).
    pub offset: Offset,
    /// The cron's civil time that produced it (differs from the local time of `at` only when
    /// the run was moved out of a DST gap).
    pub scheduled: DateTime,
    pub dst: Option<DstAdjustment>,
}

/// A cron expression bound to a time zone and a DST policy. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Schedule {
    cron: AwsCron,
    tz: TimeZone,
    tz_name: String,
    dst_gap: DstGapPolicy,
}

enum Resolved {
    Run(Timestamp, Offset, Option<DstAdjustment>),
    /// In a DST gap under [`DstGapPolicy::Skip`]; the instant is when the clocks jumped.
    Skipped(Timestamp),
    OutOfRange,
}

/// Look up an IANA zone in the bundled database. On failure: `invalid_input` with one issue
/// `unknown_time_zone`, input `time_zone`, path `""` (re-base it with [`Issue::under`]).
pub fn time_zone(name: &str) -> Result<TimeZone, Error> {
    TimeZone::get(name).map_err(|_| Error::invalid(vec![unknown_time_zone(name)]))
}

pub(crate) fn unknown_time_zone(name: &str) -> Issue {
    Issue::error(
        "unknown_time_zone",
        "",
        format!(
            "{:?} is not a time zone in the IANA database",
            crate::budget::echo(name)
        ),
    )
    .in_input("time_zone")
    .with_hint("use an IANA name such as UTC, America/New_York or Europe/Berlin")
}

impl Schedule {
    /// Bind a parsed expression to an IANA time zone (e.g. `"Europe/Berlin"`, `"UTC"`). Errors as
    /// [`time_zone`].
    pub fn new(
        cron: AwsCron,
        time_zone_name: &str,
        dst_gap: DstGapPolicy,
    ) -> Result<Schedule, Error> {
        let tz = time_zone(time_zone_name)?;
        let tz_name = tz.iana_name().unwrap_or(time_zone_name).to_owned();
        Ok(Schedule {
            cron,
            tz,
            tz_name,
            dst_gap,
        })
    }

    /// Parse and bind in one step; issues come tagged with input `expression` or `time_zone`.
    pub fn parse(
        expression: &str,
        time_zone_name: &str,
        dst_gap: DstGapPolicy,
    ) -> Result<Schedule, Error> {
        let mut issues = Vec::new();
        let cron = AwsCron::parse(expression)
            .map_err(|e| issues.extend(e.into_iter().map(|i| i.in_input("expression"))))
            .ok();
        let tz = TimeZone::get(time_zone_name)
            .map_err(|_| issues.push(unknown_time_zone(time_zone_name)))
            .ok();
        match (cron, tz) {
            (Some(cron), Some(tz)) => {
                let tz_name = tz.iana_name().unwrap_or(time_zone_name).to_owned();
                Ok(Schedule {
                    cron,
                    tz,
                    tz_name,
                    dst_gap,
                })
            }
            _ => Err(Error::invalid(issues)),
        }
    }

    pub fn cron(&self) -> &AwsCron {
        &self.cron
    }

    pub fn time_zone(&self) -> &TimeZone {
        &self.tz
    }

    /// The zone's canonical IANA spelling (lookups are case-insensitive).
    pub fn time_zone_name(&self) -> &str {
        &self.tz_name
    }

    pub fn dst_gap(&self) -> DstGapPolicy {
        self.dst_gap
    }

    /// Runs at or after `from`, in strictly increasing order. The iterator ends after 2199 (the
    /// last year the cron accepts); every step is bounded (no minute-by-minute scan).
    pub fn runs_from(&self, from: Timestamp) -> Runs {
        Runs {
            cursor: Cursor::new(self.clone(), from),
        }
    }

    /// The first run strictly after `t`.
    pub fn next_after(&self, t: Timestamp) -> Option<Run> {
        let from = t.checked_add(SignedDuration::from_nanos(1)).ok()?;
        self.runs_from(from).next()
    }

    /// The first run at or after `t`.
    pub fn first_at_or_after(&self, t: Timestamp) -> Option<Run> {
        self.runs_from(t).next()
    }

    fn resolve(&self, dt: DateTime) -> Resolved {
        let amb = self.tz.to_ambiguous_timestamp(dt);
        match amb.offset() {
            AmbiguousOffset::Unambiguous { offset } => match offset.to_timestamp(dt) {
                Ok(t) => Resolved::Run(t, offset, None),
                Err(_) => Resolved::OutOfRange,
            },
            // `before` is the offset in force before the clocks go back: the first occurrence.
            AmbiguousOffset::Fold { before, .. } => match before.to_timestamp(dt) {
                Ok(t) => Resolved::Run(t, before, Some(DstAdjustment::FoldFirstOccurrence)),
                Err(_) => Resolved::OutOfRange,
            },
            AmbiguousOffset::Gap { after, .. } => {
                // `dt` read with the later offset is an instant before the transition; the next
                // transition after it is the instant the clocks jumped.
                let Ok(early) = after.to_timestamp(dt) else {
                    return Resolved::OutOfRange;
                };
                let Some(jump) = self.tz.following(early).next().map(|tr| tr.timestamp()) else {
                    return Resolved::OutOfRange;
                };
                match self.dst_gap {
                    DstGapPolicy::Skip => Resolved::Skipped(jump),
                    DstGapPolicy::RunAtTransition => Resolved::Run(
                        jump,
                        self.tz.to_offset(jump),
                        Some(DstAdjustment::MovedOutOfGap),
                    ),
                }
            }
        }
    }
}

/// What the expansion met, in civil order.
enum Event {
    Run(Run),
    /// A local time in a DST gap that did not run, and the instant the clocks jumped.
    Skipped(DateTime, Timestamp),
}

/// Instants in `[lo, hi)` all have `offset`, and so does every civil time that maps into that
/// range: it lies at least [`FAST_MARGIN_HOURS`] inside the zone's transitions, more than any
/// two UTC offsets differ (≤ 26 h), so no other offset can reach it.
#[derive(Debug, Clone, Copy)]
struct OffsetSpan {
    offset: Offset,
    /// Unix seconds.
    lo: i64,
    hi: i64,
}

const FAST_MARGIN_HOURS: i64 = 72;

#[derive(Debug, Clone)]
struct Cursor {
    sched: Schedule,
    next: Option<Civil>,
    months: MonthCache,
    span: Option<OffsetSpan>,
    /// Runs must be ≥ this.
    floor: Timestamp,
    last: Option<Timestamp>,
}

impl Cursor {
    fn new(sched: Schedule, from: Timestamp) -> Cursor {
        // The civil-to-instant mapping is monotone (folds take the first occurrence, gaps the
        // transition), so every civil time up to civil(from − 1 ns) maps before `from` and the
        // search starts at the next whole minute. Starting from civil(from) instead would miss a
        // gap time moved onto a transition that is exactly `from` (civil(from) is then already
        // past the gap).
        let before = from
            .checked_sub(jiff::SignedDuration::from_nanos(1))
            .unwrap_or(from);
        let mut next = Civil::from_datetime(sched.tz.to_datetime(before));
        next.mi += 1;
        Cursor {
            sched,
            next: Some(next),
            months: MonthCache::default(),
            span: None,
            floor: from,
            last: None,
        }
    }

    /// Civil → instant, through the cached offset span when possible.
    fn resolve(&mut self, c: Civil, dt: DateTime) -> Resolved {
        if let Some(sp) = self.span {
            let t = c.utc_seconds() - i64::from(sp.offset.seconds());
            if t >= sp.lo && t < sp.hi {
                if let Ok(ts) = Timestamp::from_second(t) {
                    return Resolved::Run(ts, sp.offset, None);
                }
            }
        }
        let r = self.sched.resolve(dt);
        if let Resolved::Run(t, offset, None) = r {
            let margin = FAST_MARGIN_HOURS * 3_600;
            let tz = &self.sched.tz;
            let prev = tz
                .preceding(t)
                .next()
                .map_or(i64::MIN, |tr| tr.timestamp().as_second());
            let next = tz
                .following(t)
                .next()
                .map_or(i64::MAX, |tr| tr.timestamp().as_second());
            let (lo, hi) = (prev.saturating_add(margin), next.saturating_sub(margin));
            self.span = (lo < hi).then_some(OffsetSpan { offset, lo, hi });
        }
        r
    }

    fn next_event(&mut self) -> Option<Event> {
        for _ in 0..MAX_SILENT_STEPS {
            let c = self.sched.cron.next_civil(self.next?, &mut self.months)?;
            self.next = Some(Civil { mi: c.mi + 1, ..c });
            let dt = c.to_datetime()?;
            match self.resolve(c, dt) {
                Resolved::Run(t, offset, dst) => {
                    if t < self.floor || self.last.is_some_and(|l| t <= l) {
                        continue;
                    }
                    self.last = Some(t);
                    return Some(Event::Run(Run {
                        at: t,
                        offset,
                        scheduled: dt,
                        dst,
                    }));
                }
                Resolved::Skipped(jump) => {
                    if jump < self.floor {
                        continue;
                    }
                    return Some(Event::Skipped(dt, jump));
                }
                Resolved::OutOfRange => return None,
            }
        }
        None
    }
}

/// Iterator over a schedule's runs (see [`Schedule::runs_from`]).
#[derive(Debug, Clone)]
pub struct Runs {
    cursor: Cursor,
}

impl Iterator for Runs {
    type Item = Run;
    fn next(&mut self) -> Option<Run> {
        // Skips are finite (gaps are at most a few per year and the cron ends in 2199).
        while let Some(ev) = self.cursor.next_event() {
            if let Event::Run(r) = ev {
                return Some(r);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests;
