//! The `schedule_runs` contract: the runs of a schedule between two instants, with their
//! start and completion windows.

use jiff::tz::Offset;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::{
    AwsCron, Cursor, DstAdjustment, DstGapPolicy, Event, Schedule,
    DEFAULT_COMPLETION_WINDOW_MINUTES, DEFAULT_LIMIT, DEFAULT_START_WINDOW_MINUTES,
    DEFAULT_TIME_ZONE, DST_SOURCE, MAX_LIMIT, MAX_SKIPPED_LISTED, MAX_WINDOW_MINUTES,
    MIN_START_WINDOW_MINUTES,
};
use crate::error::{Error, ErrorCode, Issue};

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

/// Options of [`cron_summary`](super::cron_summary).
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
    pub(super) fn new(gap: DstGapPolicy) -> Self {
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
pub(super) fn rfc3339(t: Timestamp, offset: Offset, z: bool) -> String {
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

pub(super) fn utc_string(t: Timestamp) -> String {
    rfc3339(t, Offset::UTC, true)
}

fn add_minutes(t: Timestamp, minutes: u64) -> Option<Timestamp> {
    let m = i64::try_from(minutes).ok()?;
    t.checked_add(SignedDuration::from_mins(m)).ok()
}

/// Warnings about the expression and the zone's spelling.
pub(super) fn schedule_warnings(sched: &Schedule, given_zone: &str) -> Vec<Issue> {
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

pub(super) fn never_fires(cron: &AwsCron, tz_name: &str) -> Error {
    let msg = format!(
        "{cron} never fires in {tz_name} at or after `from`: the year field ends at 2199 (aws-backup.md §6)"
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

pub(crate) fn limit_issues(limit: Option<u64>) -> Vec<Issue> {
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

pub(crate) fn window_issues(options: &ScheduleOptions) -> Vec<Issue> {
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
/// exists at or after `from` (the year field ends at 2199).
pub fn schedule_runs(
    expression: &str,
    time_zone: Option<&str>,
    from: Timestamp,
    until: Option<Timestamp>,
    limit: Option<u64>,
    options: &ScheduleOptions,
) -> Result<ScheduleRuns, Error> {
    let mut runs: Vec<ScheduleRun> = Vec::new();
    let ex = expand(
        expression,
        time_zone,
        from,
        until,
        (limit_issues(limit), limit.unwrap_or(DEFAULT_LIMIT)),
        options,
        |r, start_end, completion_end| {
            runs.push(ScheduleRun {
                utc: utc_string(r.at),
                local: rfc3339(r.at, r.offset, false),
                dst: r.dst,
                start_window_end_utc: start_end.map(utc_string),
                completion_window_end_utc: completion_end.map(utc_string),
            });
            Ok(())
        },
    )?;
    Ok(ScheduleRuns {
        expression: ex.expression,
        time_zone: ex.time_zone,
        from: utc_string(from),
        until: until.map(utc_string),
        limit: ex.limit,
        runs,
        truncated: ex.truncated,
        skipped_in_dst_gap: ex.skipped,
        dst_policy: DstPolicyInfo::new(options.dst_gap),
        windows: ex.windows,
        warnings: ex.warnings,
    })
}

/// The runs of [`schedule_run_columns`] as columns, one entry per run in order.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleColumns {
    /// The normalized expression, always `cron(...)`.
    pub expression: String,
    pub time_zone: String,
    pub from: String,
    pub until: Option<String>,
    /// The limit applied (`None`: every run before `until`, within the budget).
    pub limit: Option<u64>,
    /// More runs exist (before `until`, if given) than `limit` allowed.
    pub truncated: bool,
    pub skipped_in_dst_gap: Vec<String>,
    pub dst_policy: DstPolicyInfo,
    pub windows: Option<WindowInfo>,
    pub warnings: Vec<Issue>,
    /// Scheduled instants, seconds since the Unix epoch (UTC).
    pub utc: Vec<i64>,
    /// The zone's UTC offset at each run, in seconds (local time = `utc + offset_seconds`).
    pub offset_seconds: Vec<i32>,
    /// How DST moved each run: `-1` not at all, else the index in [`DST_CODES`].
    pub dst: Vec<i8>,
    /// Start window ends (epoch seconds; `None` when no window was asked for; `i64::MIN` when
    /// past the last representable instant).
    pub start_window_end_utc: Option<Vec<i64>>,
    /// Completion window ends, as `start_window_end_utc`.
    pub completion_window_end_utc: Option<Vec<i64>>,
}

/// The names of [`ScheduleColumns::dst`]'s codes, as `ScheduleRun::dst` spells them.
pub const DST_CODES: [&str; 2] = ["fold_first_occurrence", "moved_out_of_gap"];

/// [`schedule_runs`] as columns, for long expansions (a five-minute cron over ten years is a
/// million runs): the same runs, windows, DST adjustments, warnings and errors, but instants as
/// epoch seconds and no 100,000-run limit. `limit` (optional, ≥ 1) stops the expansion early;
/// without it every run before `until` is listed. Memory is bounded by
/// [`crate::budget::COLUMN_RUNS`]: a `limit` above it, or an expansion that reaches it, fails
/// `over_budget` (before the work for `limit`, at the budget for `until`).
pub fn schedule_run_columns(
    expression: &str,
    time_zone: Option<&str>,
    from: Timestamp,
    until: Option<Timestamp>,
    limit: Option<u64>,
    options: &ScheduleOptions,
) -> Result<ScheduleColumns, Error> {
    use crate::budget::{self, COLUMN_RUNS};
    if let Some(l) = limit.filter(|l| *l > COLUMN_RUNS) {
        return Err(budget::over(
            "limit",
            "",
            "the runs' columns",
            l,
            COLUMN_RUNS,
            "runs",
        ));
    }
    let windows =
        options.start_window_minutes.is_some() || options.completion_window_minutes.is_some();
    let (mut utc, mut offsets, mut dst) = (Vec::new(), Vec::new(), Vec::new());
    let (mut starts, mut completions) = (Vec::new(), Vec::new());
    let ex = expand(
        expression,
        time_zone,
        from,
        until,
        (column_limit_issues(limit), limit.unwrap_or(u64::MAX)),
        options,
        |r, start_end, completion_end| {
            if utc.len() as u64 >= COLUMN_RUNS {
                return Err(budget::over_at_least(
                    "until",
                    "",
                    "the runs' columns",
                    COLUMN_RUNS,
                    "runs",
                ));
            }
            utc.push(r.at.as_second());
            offsets.push(r.offset.seconds());
            dst.push(match r.dst {
                None => -1,
                Some(DstAdjustment::FoldFirstOccurrence) => 0,
                Some(DstAdjustment::MovedOutOfGap) => 1,
            });
            if windows {
                starts.push(start_end.map_or(i64::MIN, Timestamp::as_second));
                completions.push(completion_end.map_or(i64::MIN, Timestamp::as_second));
            }
            Ok(())
        },
    )?;
    Ok(ScheduleColumns {
        expression: ex.expression,
        time_zone: ex.time_zone,
        from: utc_string(from),
        until: until.map(utc_string),
        limit,
        truncated: ex.truncated,
        skipped_in_dst_gap: ex.skipped,
        dst_policy: DstPolicyInfo::new(options.dst_gap),
        windows: ex.windows,
        warnings: ex.warnings,
        utc,
        offset_seconds: offsets,
        dst,
        start_window_end_utc: windows.then_some(starts),
        completion_window_end_utc: windows.then_some(completions),
    })
}

/// The `limit` issues of [`schedule_run_columns`]: at least one run (no ceiling: a budget bounds
/// the columns instead). A function of its own, so a build without the columns (wasm) has none
/// of their code.
pub(crate) fn column_limit_issues(limit: Option<u64>) -> Vec<Issue> {
    match limit {
        Some(0) => vec![Issue::error(
            "out_of_range",
            "",
            "limit 0 is out of range: at least 1 run".to_owned(),
        )
        .in_input("limit")],
        _ => Vec::new(),
    }
}

/// What an expansion found besides its runs.
struct Expansion {
    expression: String,
    time_zone: String,
    limit: u64,
    truncated: bool,
    skipped: Vec<String>,
    windows: Option<WindowInfo>,
    warnings: Vec<Issue>,
}

/// The validation and the walk shared by [`schedule_runs`] and [`schedule_run_columns`]: each
/// run (with its window ends, when windows were asked for) is handed to `on_run`, in order;
/// `limit` is the caller's issues with its `limit` argument and the limit applied.
fn expand(
    expression: &str,
    time_zone: Option<&str>,
    from: Timestamp,
    until: Option<Timestamp>,
    (limit_problems, limit): (Vec<Issue>, u64),
    options: &ScheduleOptions,
    mut on_run: impl FnMut(&super::Run, Option<Timestamp>, Option<Timestamp>) -> Result<(), Error>,
) -> Result<Expansion, Error> {
    let tz_name = time_zone.unwrap_or(DEFAULT_TIME_ZONE);
    let mut issues = Vec::new();
    let sched = Schedule::parse(expression, tz_name, options.dst_gap)
        .map_err(|e| issues.extend(e.issues))
        .ok();
    issues.extend(range_issues(from, until));
    issues.extend(limit_problems);
    issues.extend(window_issues(options));
    let sched = match sched {
        Some(s) if !issues.iter().any(Issue::is_error) => s,
        _ => return Err(Error::invalid(issues)),
    };
    let mut warnings = schedule_warnings(&sched, tz_name);
    warnings.extend(issues);

    let mut cursor = Cursor::new(sched.clone(), from);
    let windows = (options.start_window_minutes.is_some() || options.completion_window_minutes.is_some()).then(|| {
        WindowInfo {
            start_window_minutes: options.start_window_minutes.unwrap_or(DEFAULT_START_WINDOW_MINUTES),
            completion_window_minutes: options.completion_window_minutes.unwrap_or(DEFAULT_COMPLETION_WINDOW_MINUTES),
            source: "start window end = scheduled time + StartWindowMinutes; completion window end = scheduled time + StartWindowMinutes + CompletionWindowMinutes, because in a plan rule the completion window counts from the job's start, which is at latest the end of the start window (aws-backup.md §5.2). A window not given takes AWS's default: 480 min start (W3), 10,080 min completion (W4)".to_owned(),
        }
    });

    let mut n: u64 = 0;
    let mut skipped: Vec<String> = Vec::new();
    let mut first_seen = false;
    let mut truncated = false;
    while let Some(ev) = cursor.next_event() {
        match ev {
            Event::Run(r) => {
                // The first run may lie in any year up to 2199: the matcher jumps over the years,
                // months and days that cannot match, so no search horizon is needed.
                first_seen = true;
                if until.is_some_and(|u| r.at >= u) {
                    break;
                }
                if n >= limit {
                    truncated = true;
                    break;
                }
                let (start_end, completion_end) = match &windows {
                    Some(w) => (
                        add_minutes(r.at, w.start_window_minutes),
                        add_minutes(
                            r.at,
                            w.start_window_minutes
                                .saturating_add(w.completion_window_minutes),
                        ),
                    ),
                    None => (None, None),
                };
                on_run(&r, start_end, completion_end)?;
                n += 1;
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
                if n >= limit {
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
    Ok(Expansion {
        expression: sched.cron.to_string(),
        time_zone: sched.tz_name.clone(),
        limit,
        truncated,
        skipped,
        windows,
        warnings,
    })
}
