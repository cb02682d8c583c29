//! Schedules: an AWS Backup cron expression evaluated in an IANA time zone → run instants.
//!
//! * [`AwsCron`] parses and matches the cron dialect (see [`cron`] for the rules and sources).
//! * [`Schedule`] adds the time zone (jiff, bundled tz database) and the DST policy; it expands
//!   runs lazily ([`Schedule::runs_from`], [`Schedule::next_after`]) by jumping through the cron
//!   fields (months, then matching days, hours, minutes), never minute by minute.
//! * [`schedule_runs`] and [`cron_summary`] are the contract functions (JSON twins
//!   [`schedule_runs_json`], [`cron_summary_json`]).
//!
//! # Daylight saving time
//!
//! AWS Backup does not document what happens to a scheduled local time that a DST change skips
//! or repeats (aws-backup.md §7: UNCONFIRMED). drplan follows what AWS documents for EventBridge
//! Scheduler: "When the time shifts forward in Spring, your schedule invocation gets skipped if the
//! cron expression falls on a non-existent date and time. When the time shifts back in the Fall,
//! your schedule runs only once" (https://repost.aws/knowledge-center/eventbridge-scheduler-adjust-dst).
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

use jiff::civil::DateTime;
use jiff::tz::{AmbiguousOffset, Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use cron::{AwsCron, MAX_YEAR, MIN_YEAR};

use cron::{Civil, MonthCache};

use crate::error::{Error, ErrorCode, Issue};

/// Runs returned by [`schedule_runs`] when no limit is given (drplan's choice: a readable
/// preview; ~41 days of an hourly schedule).
pub const DEFAULT_LIMIT: u64 = 1_000;
/// Largest `limit` accepted (drplan's choice: 10 years of an hourly schedule is 87,660 runs;
/// each run is several strings, so a million would be hundreds of MB of JSON). Use
/// [`Schedule::runs_from`] to stream more.
pub const MAX_LIMIT: u64 = 100_000;
/// A schedule with no run within this many days (100 Julian years) after `from` is an error
/// ([`ErrorCode::NeverFires`]). drplan's choice, as asked by issue 3 §3.
pub const NEVER_FIRES_HORIZON_DAYS: i64 = 36_525;
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

const DST_SOURCE: &str = "AWS Backup's DST behaviour is UNCONFIRMED (aws-backup.md §7); drplan follows EventBridge Scheduler's documented behaviour: a local time skipped by spring-forward does not run, a repeated local time runs once (https://repost.aws/knowledge-center/eventbridge-scheduler-adjust-dst); drplan runs it at its first occurrence";

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

fn unknown_time_zone(name: &str) -> Issue {
    Issue::error(
        "unknown_time_zone",
        "",
        format!("{name:?} is not a time zone in the IANA database"),
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

// ---------------------------------------------------------------------------------------------
// Contract: schedule_runs
// ---------------------------------------------------------------------------------------------

/// Options of [`schedule_runs`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct ScheduleOptions {
    /// The rule's `StartWindowMinutes` (≥ 60, ≤ 52,560,000; aws-backup.md §5.2 W1/W2). Giving
    /// either window adds window ends to every run; the missing one takes AWS's default.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub start_window_minutes: Option<u64>,
    /// The rule's `CompletionWindowMinutes` (≤ 52,560,000; aws-backup.md §5.2 W5).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub completion_window_minutes: Option<u64>,
    /// What happens to local times skipped by spring-forward (default `skip`).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub dst_gap: DstGapPolicy,
}

/// Options of [`cron_summary`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct SummaryOptions {
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub dst_gap: DstGapPolicy,
}

/// The DST assumptions behind an expansion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct DstPolicyInfo {
    /// Local times skipped by spring-forward: `skip` or `run_at_transition`.
    pub gap: DstGapPolicy,
    /// Local times repeated by fall-back: always `first_occurrence`.
    pub fold: String,
    /// Whether this is confirmed AWS Backup behaviour (it is not).
    pub confirmed_for_aws_backup: bool,
    pub source: String,
}

impl DstPolicyInfo {
    fn new(gap: DstGapPolicy) -> Self {
        DstPolicyInfo {
            gap,
            fold: "first_occurrence".to_owned(),
            confirmed_for_aws_backup: false,
            source: DST_SOURCE.to_owned(),
        }
    }
}

/// Backup windows applied to each run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct WindowInfo {
    pub start_window_minutes: u64,
    pub completion_window_minutes: u64,
    /// How the ends are computed and where the numbers come from.
    pub source: String,
}

/// One run in a [`ScheduleRuns`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct ScheduleRun {
    /// Scheduled instant, RFC 3339 UTC (`2026-03-08T07:00:00Z`).
    pub utc: String,
    /// The same instant as local time with its offset (`2026-03-08T03:00:00-04:00`).
    pub local: String,
    /// Set when DST moved or disambiguated the run.
    pub dst: Option<DstAdjustment>,
    /// Scheduled instant + start window (UTC); the job expires if it has not started by then.
    pub start_window_end_utc: Option<String>,
    /// Scheduled instant + start window + completion window (UTC): the latest the job can still
    /// be running (the completion window counts from the job's start, aws-backup.md §5.2).
    pub completion_window_end_utc: Option<String>,
}

/// Output of [`schedule_runs`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct ScheduleRuns {
    /// The normalized expression, always `cron(...)`.
    pub expression: String,
    pub time_zone: String,
    /// Runs are `from ≤ run < until`.
    pub from: String,
    pub until: Option<String>,
    /// The limit applied.
    pub limit: u64,
    pub runs: Vec<ScheduleRun>,
    /// More runs exist (before `until`, if given) than `limit` allowed.
    pub truncated: bool,
    /// Local times (no offset: they do not exist) that did not run because a DST change skipped
    /// them, within the span covered by `runs` (at most 1,000 listed).
    pub skipped_in_dst_gap: Vec<String>,
    pub dst_policy: DstPolicyInfo,
    pub windows: Option<WindowInfo>,
    /// Non-blocking findings (bare expression, undocumented syntax, short completion window).
    pub warnings: Vec<Issue>,
}

fn push_num(out: &mut String, v: i64, width: usize) {
    let mut digits = [b'0'; 20];
    let mut n = v.unsigned_abs();
    let mut i = digits.len();
    while n > 0 && i > 0 {
        i -= 1;
        if let Some(slot) = digits.get_mut(i) {
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
    }
    let start = i.min(digits.len().saturating_sub(width));
    if v < 0 {
        out.push('-');
    }
    for b in digits.get(start..).unwrap_or_default() {
        out.push(char::from(*b));
    }
}

/// RFC 3339 with the offset (`Z` for UTC when `z`). Run instants are whole seconds.
fn rfc3339(t: Timestamp, offset: Offset, z: bool) -> String {
    let dt = offset.to_datetime(t);
    let mut out = String::with_capacity(25);
    push_num(&mut out, i64::from(dt.year()), 4);
    out.push('-');
    push_num(&mut out, i64::from(dt.month()), 2);
    out.push('-');
    push_num(&mut out, i64::from(dt.day()), 2);
    out.push('T');
    push_num(&mut out, i64::from(dt.hour()), 2);
    out.push(':');
    push_num(&mut out, i64::from(dt.minute()), 2);
    out.push(':');
    push_num(&mut out, i64::from(dt.second()), 2);
    let nanos = dt.subsec_nanosecond();
    if nanos != 0 {
        let mut frac = String::new();
        push_num(&mut frac, i64::from(nanos), 9);
        out.push('.');
        out.push_str(frac.trim_end_matches('0'));
    }
    let secs = offset.seconds();
    if z && secs == 0 {
        out.push('Z');
    } else {
        out.push(if secs < 0 { '-' } else { '+' });
        let a = i64::from(secs.unsigned_abs());
        push_num(&mut out, a / 3600, 2);
        out.push(':');
        push_num(&mut out, a % 3600 / 60, 2);
        if a % 60 != 0 {
            // Local mean time offsets (before ~1972 in a few zones) keep their seconds.
            out.push(':');
            push_num(&mut out, a % 60, 2);
        }
    }
    out
}

fn utc_string(t: Timestamp) -> String {
    rfc3339(t, Offset::UTC, true)
}

fn add_minutes(t: Timestamp, minutes: u64) -> Option<Timestamp> {
    let m = i64::try_from(minutes).ok()?;
    t.checked_add(SignedDuration::from_mins(m)).ok()
}

fn horizon_end(from: Timestamp) -> Timestamp {
    from.checked_add(SignedDuration::from_hours(NEVER_FIRES_HORIZON_DAYS * 24))
        .unwrap_or(Timestamp::MAX)
}

/// Warnings about the expression and the zone's spelling.
fn schedule_warnings(sched: &Schedule, given_zone: &str) -> Vec<Issue> {
    let mut out: Vec<Issue> = sched
        .cron
        .warnings()
        .iter()
        .map(|i| i.clone().in_input("expression"))
        .collect();
    if sched.tz_name != given_zone {
        out.push(
            Issue::warning(
                "time_zone_spelling",
                "",
                format!(
                    "time zone {given_zone:?} was read as {:?}; whether AWS accepts other spellings is unconfirmed (aws-backup.md §7)",
                    sched.tz_name
                ),
            )
            .in_input("time_zone"),
        );
    }
    out
}

fn never_fires(cron: &AwsCron, tz_name: &str) -> Error {
    let msg = format!(
        "{cron} never fires in {tz_name} within 100 years after `from` (cron years run 1970-2199)"
    );
    Error::new(
        ErrorCode::NeverFires,
        msg.clone(),
        vec![Issue::error("never_fires", "", msg)
            .in_input("expression")
            .with_hint("check the day (30 February, 5th weekday that never comes), the year field, and DST gaps")],
    )
}

fn range_issues(from: Timestamp, until: Option<Timestamp>) -> Vec<Issue> {
    match until {
        Some(u) if u < from => {
            vec![Issue::error(
                "invalid_range",
                "",
                format!("until ({u}) is before from ({from})"),
            )
            .in_input("until")]
        }
        _ => Vec::new(),
    }
}

fn limit_issues(limit: Option<u64>) -> Vec<Issue> {
    match limit {
        Some(l) if l == 0 || l > MAX_LIMIT => vec![Issue::error(
            "out_of_range",
            "",
            format!("limit {l} is out of range 1-{MAX_LIMIT}"),
        )
        .in_input("limit")
        .with_hint("use Schedule::runs_from (Rust) to stream longer expansions")],
        _ => Vec::new(),
    }
}

fn window_issues(options: &ScheduleOptions) -> Vec<Issue> {
    let mut issues = Vec::new();
    if let Some(s) = options.start_window_minutes {
        if s < MIN_START_WINDOW_MINUTES {
            issues.push(Issue::error(
                "out_of_range",
                "/start_window_minutes",
                format!("start window {s} min is below the AWS minimum of 60 minutes (aws-backup.md §5.2 W1)"),
            ));
        } else if s > MAX_WINDOW_MINUTES {
            issues.push(Issue::error(
                "out_of_range",
                "/start_window_minutes",
                format!("start window {s} min is above the AWS maximum of 52,560,000 minutes (aws-backup.md §5.2 W2)"),
            ));
        }
    }
    if let Some(c) = options.completion_window_minutes {
        if c > MAX_WINDOW_MINUTES {
            issues.push(Issue::error(
                "out_of_range",
                "/completion_window_minutes",
                format!("completion window {c} min is above the AWS maximum of 52,560,000 minutes (aws-backup.md §5.2 W5)"),
            ));
        } else if let Some(s) = options.start_window_minutes {
            // HEURISTIC (community modules only), so a warning. Source: aws-backup.md §5.2 W6.
            if c < s.saturating_add(60) {
                issues.push(Issue::warning(
                    "completion_window_short",
                    "/completion_window_minutes",
                    format!("completion window {c} min is shorter than the start window + 60 min ({}); community modules require at least that (aws-backup.md §5.2 W6, heuristic)", s + 60),
                ));
            }
        }
    }
    issues.into_iter().map(|i| i.in_input("options")).collect()
}

/// The run instants of `expression` evaluated in `time_zone` (IANA name; `None` = UTC, the AWS
/// default), with `from ≤ run < until`, at most `limit` of them (default 1,000, max 100,000).
///
/// Errors: `invalid_input` with issues tagged `expression` (cron codes, see [`AwsCron::parse`]),
/// `time_zone` (`unknown_time_zone`), `until` (`invalid_range` when before `from`), `limit` /
/// `options` (`out_of_range`); `never_fires` (issue `never_fires` on `expression`) when no run
/// exists within 100 years after `from`.
pub fn schedule_runs(
    expression: &str,
    time_zone: Option<&str>,
    from: Timestamp,
    until: Option<Timestamp>,
    limit: Option<u64>,
    options: &ScheduleOptions,
) -> Result<ScheduleRuns, Error> {
    let tz_name = time_zone.unwrap_or(DEFAULT_TIME_ZONE);
    let mut issues = Vec::new();
    let sched = Schedule::parse(expression, tz_name, options.dst_gap)
        .map_err(|e| issues.extend(e.issues))
        .ok();
    issues.extend(range_issues(from, until));
    issues.extend(limit_issues(limit));
    issues.extend(window_issues(options));
    let sched = match sched {
        Some(s) if !issues.iter().any(Issue::is_error) => s,
        _ => return Err(Error::invalid(issues)),
    };
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    let mut warnings = schedule_warnings(&sched, tz_name);
    warnings.extend(issues);

    let mut cursor = Cursor::new(sched.clone(), from);
    let horizon = horizon_end(from);
    let windows = (options.start_window_minutes.is_some() || options.completion_window_minutes.is_some()).then(|| {
        WindowInfo {
            start_window_minutes: options.start_window_minutes.unwrap_or(DEFAULT_START_WINDOW_MINUTES),
            completion_window_minutes: options.completion_window_minutes.unwrap_or(DEFAULT_COMPLETION_WINDOW_MINUTES),
            source: "start window end = scheduled time + StartWindowMinutes; completion window end = scheduled time + StartWindowMinutes + CompletionWindowMinutes, because in a plan rule the completion window counts from the job's start, which is at latest the end of the start window (aws-backup.md §5.2). A window not given takes AWS's default: 480 min start (W3), 10,080 min completion (W4)".to_owned(),
        }
    });

    let mut runs: Vec<ScheduleRun> = Vec::new();
    let mut skipped: Vec<String> = Vec::new();
    let mut first_seen = false;
    let mut truncated = false;
    while let Some(ev) = cursor.next_event() {
        match ev {
            Event::Run(r) => {
                if !first_seen {
                    if r.at > horizon {
                        return Err(never_fires(&sched.cron, &sched.tz_name));
                    }
                    first_seen = true;
                }
                if until.is_some_and(|u| r.at >= u) {
                    break;
                }
                if runs.len() as u64 >= limit {
                    truncated = true;
                    break;
                }
                let (start_end, completion_end) = match &windows {
                    Some(w) => (
                        add_minutes(r.at, w.start_window_minutes).map(utc_string),
                        add_minutes(
                            r.at,
                            w.start_window_minutes
                                .saturating_add(w.completion_window_minutes),
                        )
                        .map(utc_string),
                    ),
                    None => (None, None),
                };
                runs.push(ScheduleRun {
                    utc: utc_string(r.at),
                    local: rfc3339(r.at, r.offset, false),
                    dst: r.dst,
                    start_window_end_utc: start_end,
                    completion_window_end_utc: completion_end,
                });
            }
            Event::Skipped(civil, jump) => {
                if until.is_some_and(|u| jump >= u) {
                    // Past the covered span; keep looking only for the never-fires check.
                    if first_seen {
                        break;
                    }
                    continue;
                }
                // Beyond the limit: the next run (if any) decides `truncated`.
                if runs.len() as u64 >= limit {
                    continue;
                }
                if skipped.len() < MAX_SKIPPED_LISTED {
                    skipped.push(civil.strftime("%Y-%m-%dT%H:%M").to_string());
                }
            }
        }
    }
    if !first_seen {
        return Err(never_fires(&sched.cron, &sched.tz_name));
    }
    Ok(ScheduleRuns {
        expression: sched.cron.to_string(),
        time_zone: sched.tz_name.clone(),
        from: utc_string(from),
        until: until.map(utc_string),
        limit,
        runs,
        truncated,
        skipped_in_dst_gap: skipped,
        dst_policy: DstPolicyInfo::new(options.dst_gap),
        windows,
        warnings,
    })
}

// ---------------------------------------------------------------------------------------------
// Contract: cron_summary
// ---------------------------------------------------------------------------------------------

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
/// Errors as [`schedule_runs`]; `never_fires` when no run exists within 100 years after `from`.
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
        Some(r) if r.at <= horizon_end(from) => r,
        _ => return Err(never_fires(&sched.cron, &sched.tz_name)),
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

// ---------------------------------------------------------------------------------------------
// JSON twins
// ---------------------------------------------------------------------------------------------

/// Read one argument; schema issues are collected (so every argument gets checked), a document
/// that cannot be read at all (`invalid_json`) fails at once.
fn arg<T: serde::de::DeserializeOwned>(
    name: &str,
    v: Value,
    issues: &mut Vec<Issue>,
) -> Result<Option<T>, Error> {
    match crate::json::from_value::<T>(name, v) {
        Ok(t) => Ok(Some(t)),
        Err(e) if e.code == ErrorCode::InvalidJson => Err(e),
        Err(e) => {
            issues.extend(e.issues);
            Ok(None)
        }
    }
}

fn parse_timestamp(name: &str, s: &str, issues: &mut Vec<Issue>) -> Option<Timestamp> {
    match s.trim().parse::<Timestamp>() {
        Ok(t) => Some(t),
        Err(e) => {
            issues.push(
                Issue::error(
                    "invalid_timestamp",
                    "",
                    format!("{s:?} is not an RFC 3339 timestamp with an offset: {e}"),
                )
                .in_input(name)
                .with_hint("e.g. 2026-03-01T00:00:00Z or 2026-03-01T00:00:00-05:00"),
            );
            None
        }
    }
}

/// JSON twin of [`schedule_runs`]: `(expression: string, time_zone: string|null,
/// from: string, until: string|null, limit: integer|null, options: object|null)`.
pub fn schedule_runs_json(
    expression: Value,
    time_zone: Value,
    from: Value,
    until: Value,
    limit: Value,
    options: Value,
) -> Result<Value, Error> {
    let mut issues = Vec::new();
    let expression: Option<String> = arg("expression", expression, &mut issues)?;
    let time_zone: Option<Option<String>> = arg("time_zone", time_zone, &mut issues)?;
    let from_s: Option<String> = arg("from", from, &mut issues)?;
    let until_s: Option<Option<String>> = arg("until", until, &mut issues)?;
    let limit: Option<Option<u64>> = arg("limit", limit, &mut issues)?;
    let options: Option<Option<ScheduleOptions>> = arg("options", options, &mut issues)?;
    let from = from_s
        .as_deref()
        .and_then(|s| parse_timestamp("from", s, &mut issues));
    let until = match until_s.as_ref() {
        Some(Some(s)) => parse_timestamp("until", s, &mut issues).map(Some),
        Some(None) => Some(None),
        None => None,
    };
    let (Some(expression), Some(time_zone), Some(from), Some(until), Some(limit), Some(options)) =
        (&expression, &time_zone, from, until, limit, &options)
    else {
        // Report what the typed validation finds in the arguments that could be read, too.
        issues.extend(partial_issues(
            expression.as_deref(),
            time_zone.as_ref(),
            limit.flatten(),
        ));
        if let Some(Some(o)) = &options {
            issues.extend(window_issues(o));
        }
        return Err(invalid_in_order(
            issues,
            &[
                "expression",
                "time_zone",
                "from",
                "until",
                "limit",
                "options",
            ],
        ));
    };
    let options = options.clone().unwrap_or_default();
    schedule_runs(
        expression,
        time_zone.as_deref(),
        from,
        until,
        limit,
        &options,
    )
    .map(|out| crate::json::to_value(&out))
}

/// `invalid_input` with the issues in argument order (stable within an argument).
fn invalid_in_order(mut issues: Vec<Issue>, order: &[&str]) -> Error {
    issues.sort_by_key(|i| {
        i.input
            .as_deref()
            .and_then(|n| order.iter().position(|o| *o == n))
            .unwrap_or(order.len())
    });
    Error::invalid(issues)
}

/// Issues of the readable arguments when another argument could not be read.
fn partial_issues(
    expression: Option<&str>,
    time_zone: Option<&Option<String>>,
    limit: Option<u64>,
) -> Vec<Issue> {
    let mut issues = Vec::new();
    if let Some(e) = expression {
        if let Err(found) = AwsCron::parse(e) {
            issues.extend(
                found
                    .into_iter()
                    .filter(Issue::is_error)
                    .map(|i| i.in_input("expression")),
            );
        }
    }
    if let Some(tz) = time_zone {
        let name = tz.as_deref().unwrap_or(DEFAULT_TIME_ZONE);
        if TimeZone::get(name).is_err() {
            issues.push(unknown_time_zone(name));
        }
    }
    issues.extend(limit_issues(limit));
    issues
}

/// JSON twin of [`cron_summary`]: `(expression: string, time_zone: string|null, from: string,
/// options: object|null)`.
pub fn cron_summary_json(
    expression: Value,
    time_zone: Value,
    from: Value,
    options: Value,
) -> Result<Value, Error> {
    let mut issues = Vec::new();
    let expression: Option<String> = arg("expression", expression, &mut issues)?;
    let time_zone: Option<Option<String>> = arg("time_zone", time_zone, &mut issues)?;
    let from_s: Option<String> = arg("from", from, &mut issues)?;
    let options: Option<Option<SummaryOptions>> = arg("options", options, &mut issues)?;
    let from = from_s
        .as_deref()
        .and_then(|s| parse_timestamp("from", s, &mut issues));
    let (Some(expression), Some(time_zone), Some(from), Some(options)) =
        (&expression, &time_zone, from, &options)
    else {
        issues.extend(partial_issues(
            expression.as_deref(),
            time_zone.as_ref(),
            None,
        ));
        return Err(invalid_in_order(
            issues,
            &["expression", "time_zone", "from", "options"],
        ));
    };
    let options = options.clone();
    let options = options.unwrap_or_default();
    cron_summary(expression, time_zone.as_deref(), from, &options)
        .map(|out| crate::json::to_value(&out))
}

#[cfg(test)]
mod tests;
