//! Unit and property tests for the schedule module. Expected calendars were computed by hand and
//! checked against Python's `calendar` module; DST instants against the IANA rules (US: second
//! Sunday of March 02:00 → 03:00, first Sunday of November 02:00 → 01:00; EU: last Sunday of
//! March 01:00 UTC, last Sunday of October 01:00 UTC).

use super::runs::rfc3339;
use super::*;
use crate::error::{ErrorCode, Severity};
use proptest::prelude::*;
use serde_json::Value;

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap_or(Timestamp::UNIX_EPOCH)
}

fn cron(s: &str) -> AwsCron {
    let parsed = AwsCron::parse(s);
    assert!(parsed.is_ok(), "{s}: {parsed:?}");
    parsed.unwrap_or_else(|_| cron("cron(0 0 1 1 ? 1970)"))
}

fn codes(s: &str) -> Vec<String> {
    match AwsCron::parse(s) {
        Ok(_) => vec![],
        Err(e) => e
            .into_iter()
            .filter(Issue::is_error)
            .map(|i| i.code)
            .collect(),
    }
}

/// The first `n` runs at or after `from`, as UTC strings.
fn runs(expr: &str, tz: &str, gap: DstGapPolicy, from: &str, n: usize) -> Vec<String> {
    let s = Schedule::parse(expr, tz, gap);
    assert!(s.is_ok(), "{expr}: {s:?}");
    s.map(|s| {
        s.runs_from(ts(from))
            .take(n)
            .map(|r| r.at.to_string())
            .collect()
    })
    .unwrap_or_default()
}

fn utc(expr: &str, from: &str, n: usize) -> Vec<String> {
    runs(expr, "UTC", DstGapPolicy::Skip, from, n)
}

/// Days (as "MM-DD") of the first `n` runs.
fn days(expr: &str, from: &str, n: usize) -> Vec<String> {
    utc(expr, from, n)
        .iter()
        .map(|s| s.get(5..10).unwrap_or_default().to_owned())
        .collect()
}

// ---- documented examples (aws-backup.md §6) ------------------------------------------------

#[test]
fn aws_backup_default_daily_0500() {
    assert_eq!(
        utc("cron(0 5 ? * * *)", "2026-03-01T05:00:00Z", 3),
        [
            "2026-03-01T05:00:00Z",
            "2026-03-02T05:00:00Z",
            "2026-03-03T05:00:00Z"
        ]
    );
}

#[test]
fn api_doc_example_hourly_at_15_bare_form_warns() {
    let c = cron("15 * ? * * *");
    assert_eq!(c.to_string(), "cron(15 * ? * * *)");
    assert_eq!(
        c.warnings()
            .iter()
            .map(|w| w.code.as_str())
            .collect::<Vec<_>>(),
        ["cron_unwrapped"]
    );
    assert_eq!(
        utc("15 * ? * * *", "2026-03-01T00:20:00Z", 3),
        [
            "2026-03-01T01:15:00Z",
            "2026-03-01T02:15:00Z",
            "2026-03-01T03:15:00Z"
        ]
    );
}

#[test]
fn api_doc_example_daily_noon() {
    assert_eq!(
        utc("cron(0 12 * * ? *)", "2026-12-31T12:00:01Z", 1),
        ["2027-01-01T12:00:00Z"]
    );
}

#[test]
fn nth_weekday_3_hash_2_is_second_tuesday() {
    // March 2026 starts on a Sunday: Tuesdays 3, 10, 17…
    assert_eq!(
        days("cron(0 0 ? * 3#2 *)", "2026-03-01T00:00:00Z", 1),
        ["03-10"]
    );
    // 6#3 = third Friday: 6, 13, 20.
    assert_eq!(
        days("cron(0 0 ? * 6#3 *)", "2026-03-01T00:00:00Z", 1),
        ["03-20"]
    );
    assert_eq!(
        days("cron(0 0 ? * FRI#3 *)", "2026-03-01T00:00:00Z", 1),
        ["03-20"]
    );
}

#[test]
fn fifth_monday_skips_months_without_one() {
    // 2026 months with five Mondays: March (30), June (29), August (31), November (30).
    assert_eq!(
        days("cron(0 9 ? * 2#5 *)", "2026-01-01T00:00:00Z", 4),
        ["03-30", "06-29", "08-31", "11-30"]
    );
}

#[test]
fn day_of_week_1_is_sunday() {
    // 2026-03-01 is a Sunday.
    assert_eq!(
        days("cron(0 0 ? * 1 *)", "2026-02-26T00:00:00Z", 2),
        ["03-01", "03-08"]
    );
    assert_eq!(
        days("cron(0 0 ? * SUN *)", "2026-02-26T00:00:00Z", 1),
        ["03-01"]
    );
    // MON-FRI from Friday 2026-03-06.
    assert_eq!(
        days("cron(0 0 ? * MON-FRI *)", "2026-03-06T00:00:00Z", 3),
        ["03-06", "03-09", "03-10"]
    );
    // Bare L in day-of-week = the last day of the week = Saturday (7).
    assert_eq!(
        days("cron(0 0 ? * L *)", "2026-03-01T00:00:00Z", 1),
        ["03-07"]
    );
}

// ---- L, W, LW -----------------------------------------------------------------------------

#[test]
fn last_day_of_february_leap_and_not() {
    assert_eq!(
        utc("cron(0 0 L 2 ? *)", "2023-01-01T00:00:00Z", 4),
        [
            "2023-02-28T00:00:00Z",
            "2024-02-29T00:00:00Z",
            "2025-02-28T00:00:00Z",
            "2026-02-28T00:00:00Z"
        ]
    );
    // 2000 is a leap year, 2100 is not (divisible by 100, not 400).
    assert_eq!(
        utc("cron(0 0 L 2 ? *)", "2000-01-01T00:00:00Z", 1),
        ["2000-02-29T00:00:00Z"]
    );
    assert_eq!(
        utc("cron(0 0 L 2 ? *)", "2100-01-01T00:00:00Z", 1),
        ["2100-02-28T00:00:00Z"]
    );
    // L-3 (undocumented, Quartz): three days before the last day.
    assert_eq!(
        days("cron(0 0 L-3 2 ? *)", "2024-01-01T00:00:00Z", 1),
        ["02-26"]
    );
}

#[test]
fn nearest_weekday_15w_over_2026() {
    assert_eq!(
        days("cron(0 0 15W * ? *)", "2026-01-01T00:00:00Z", 12),
        // Feb 15, Mar 15 and Nov 15 are Sundays → Monday 16; Aug 15 is a Saturday → Friday 14.
        [
            "01-15", "02-16", "03-16", "04-15", "05-15", "06-15", "07-15", "08-14", "09-15",
            "10-15", "11-16", "12-15"
        ]
    );
}

#[test]
fn nearest_weekday_never_crosses_the_month() {
    // 1W: Saturday 2025-02-01 → Monday the 3rd (not Friday 31 January);
    // Sunday 2026-02-01 → Monday the 2nd.
    assert_eq!(
        days("cron(0 0 1W 2 ? *)", "2025-01-01T00:00:00Z", 2),
        ["02-03", "02-02"]
    );
    // 31W in 2026: Jan 31 Sat → 30, Mar 31 Tue, May 31 Sun → 29 (not Monday 1 June), Jul 31, Aug 31,
    // Oct 31 Sat → 30, Dec 31; 30-day months and February have no 31st and no run.
    assert_eq!(
        days("cron(0 0 31W * ? 2026)", "2026-01-01T00:00:00Z", 10),
        ["01-30", "03-31", "05-29", "07-31", "08-31", "10-30", "12-31"]
    );
    // Sunday on the last day → Friday two days before: Nov 30 2025 is a Sunday.
    assert_eq!(
        days("cron(0 0 30W 11 ? 2025)", "2025-01-01T00:00:00Z", 1),
        ["11-28"]
    );
}

#[test]
fn last_weekday_lw() {
    assert_eq!(
        days("cron(0 0 LW * ? *)", "2026-01-01T00:00:00Z", 12),
        [
            "01-30", "02-27", "03-31", "04-30", "05-29", "06-30", "07-31", "08-31", "09-30",
            "10-30", "11-30", "12-31"
        ]
    );
}

#[test]
fn last_friday_6l() {
    assert_eq!(
        days("cron(15 10 ? * 6L 2026)", "2026-01-01T00:00:00Z", 13),
        [
            "01-30", "02-27", "03-27", "04-24", "05-29", "06-26", "07-31", "08-28", "09-25",
            "10-30", "11-27", "12-25"
        ]
    );
    let c = cron("cron(15 10 ? * 6L 2026)");
    assert_eq!(
        c.warnings().first().map(|w| (w.code.as_str(), w.severity)),
        Some(("cron_undocumented_syntax", Severity::Info))
    );
}

// ---- lists, ranges, steps, years ------------------------------------------------------------

#[test]
fn steps_and_lists() {
    assert_eq!(
        utc("cron(*/15 0 ? * * *)", "2026-01-01T00:00:00Z", 5),
        [
            "2026-01-01T00:00:00Z",
            "2026-01-01T00:15:00Z",
            "2026-01-01T00:30:00Z",
            "2026-01-01T00:45:00Z",
            "2026-01-02T00:00:00Z"
        ]
    );
    let m: Vec<String> = utc("cron(5/10 0 ? * * *)", "2026-01-01T00:00:00Z", 7)
        .iter()
        .map(|s| s.get(11..16).unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        m,
        ["00:05", "00:15", "00:25", "00:35", "00:45", "00:55", "00:05"]
    );
    assert_eq!(
        days("cron(0 0 1 JAN,jul ? *)", "2026-01-02T00:00:00Z", 2),
        ["07-01", "01-01"]
    );
    assert_eq!(
        days("cron(0 0 10-12/2 * ? *)", "2026-01-01T00:00:00Z", 3),
        ["01-10", "01-12", "02-10"]
    );
    // 31 is skipped in 30-day months.
    assert_eq!(
        days("cron(0 0 31 * ? 2026)", "2026-03-01T00:00:00Z", 3),
        ["03-31", "05-31", "07-31"]
    );
}

#[test]
fn year_lists_and_ranges() {
    assert_eq!(
        utc("cron(0 0 1 1 ? 2027,2029,2031)", "2026-01-01T00:00:00Z", 10),
        [
            "2027-01-01T00:00:00Z",
            "2029-01-01T00:00:00Z",
            "2031-01-01T00:00:00Z"
        ]
    );
    assert_eq!(
        utc("cron(0 0 1 1 ? 2030-2040/5)", "2026-01-01T00:00:00Z", 10).len(),
        3
    );
    assert_eq!(
        utc("cron(0 0 1 1 ? 2198-2199)", "2026-01-01T00:00:00Z", 10).len(),
        2
    );
    assert!(utc("cron(0 0 1 1 ? 2020)", "2026-01-01T00:00:00Z", 1).is_empty());
}

#[test]
fn wrap_around_range_warns_and_wraps() {
    let c = cron("cron(0 22-2 ? * * *)");
    assert_eq!(
        c.warnings().first().map(|w| w.code.as_str()),
        Some("cron_range_wraps")
    );
    let hours: Vec<String> = utc("cron(0 22-2 ? * * *)", "2026-01-01T03:00:00Z", 5)
        .iter()
        .map(|s| s.get(11..13).unwrap_or_default().to_owned())
        .collect();
    assert_eq!(hours, ["22", "23", "00", "01", "02"]);
    assert_eq!(
        days("cron(0 0 ? * FRI-MON *)", "2026-03-04T00:00:00Z", 4),
        ["03-06", "03-07", "03-08", "03-09"]
    );
}

#[test]
fn normalized_text_is_wrapped_and_upper_case() {
    assert_eq!(
        cron("  cron( 0  5 ? * mon-fri * ) ").to_string(),
        "cron(0 5 ? * MON-FRI *)"
    );
    assert_eq!(cron("CRON(0 5 ? * * *)").as_str(), "cron(0 5 ? * * *)");
}

#[test]
fn more_than_once_per_hour() {
    assert!(cron("cron(0,30 * ? * * *)").fires_more_than_once_per_hour());
    assert!(cron("cron(*/15 * ? * * *)").fires_more_than_once_per_hour());
    assert!(!cron("cron(0 * ? * * *)").fires_more_than_once_per_hour());
    assert!(!cron("cron(0 0/12 ? * * *)").fires_more_than_once_per_hour());
}

// ---- errors ----------------------------------------------------------------------------------

#[test]
fn error_codes_and_messages() {
    assert_eq!(codes("rate(1 hour)"), ["cron_rate_not_supported"]);
    assert_eq!(codes(""), ["cron_empty"]);
    assert_eq!(codes("cron(0 5 ? * *)"), ["cron_field_count"]);
    assert_eq!(codes("cron(0 0 5 ? * * *)"), ["cron_field_count"]);
    assert_eq!(codes("cron(0 5 * * * *)"), ["cron_question_mark"]);
    assert_eq!(codes("cron(0 5 ? * ? *)"), ["cron_question_mark"]);
    assert_eq!(codes("cron(0 5 1 * 2 *)"), ["cron_question_mark"]);
    assert_eq!(codes("cron(60 5 ? * * *)"), ["cron_field_range"]);
    assert_eq!(codes("cron(0 24 ? * * *)"), ["cron_field_range"]);
    assert_eq!(codes("cron(0 5 0 * ? *)"), ["cron_field_range"]);
    assert_eq!(codes("cron(0 5 32 * ? *)"), ["cron_field_range"]);
    assert_eq!(codes("cron(0 5 ? 13 * *)"), ["cron_field_range"]);
    assert_eq!(codes("cron(0 5 ? * 0 *)"), ["cron_field_range"]);
    assert_eq!(codes("cron(0 5 ? * 8 *)"), ["cron_field_range"]);
    assert_eq!(codes("cron(0 5 ? * * 1969)"), ["cron_field_range"]);
    assert_eq!(codes("cron(0 5 ? * * 2200)"), ["cron_field_range"]);
    assert_eq!(codes("cron(0 5 ? * * 2030-2025)"), ["cron_field_range"]);
    assert_eq!(codes("cron(0 5 ? * 2#6 *)"), ["cron_field_range"]);
    assert_eq!(codes("cron(0 5 ? * 2#0 *)"), ["cron_field_range"]);
    assert_eq!(codes("cron(*/0 5 ? * * *)"), ["cron_field_range"]);
    assert_eq!(codes("cron(0 5 ? * 1/2 *)"), ["cron_field_syntax"]);
    assert_eq!(codes("cron(0 5 ? * 3#1,6#3 *)"), ["cron_field_syntax"]);
    assert_eq!(codes("cron(0 5 1W,15 * ? *)"), ["cron_field_syntax"]);
    assert_eq!(codes("cron(0 5 L * 2 *)"), ["cron_question_mark"]);
    assert_eq!(codes("cron(L 5 ? * * *)"), ["cron_field_syntax"]);
    assert_eq!(codes("cron(0 5 ? * # *)"), ["cron_field_syntax"]);
    assert_eq!(codes("cron(0 5 1,,2 * ? *)"), ["cron_field_syntax"]);
    assert_eq!(codes("cron(0 ? ? * * *)"), ["cron_question_mark"]);
    assert_eq!(codes("cron(0 5 ? * * *"), ["cron_syntax"]);
    assert_eq!(codes("every day"), ["cron_field_count"]);
    assert_eq!(codes("at(2026-01-01T00:00:00)"), ["cron_syntax"]);
    assert_eq!(codes("cron(0 5 ? FOO * *)"), ["cron_field_syntax"]);
    assert_eq!(codes("cron(0 5 ? * * 9999999999999)"), ["cron_field_range"]);
}

#[test]
fn all_field_problems_are_reported_with_root_paths() {
    let issues = AwsCron::parse("cron(61 25 * 13 * 2300)")
        .err()
        .unwrap_or_default();
    let got: Vec<(&str, &str)> = issues
        .iter()
        .map(|i| (i.code.as_str(), i.path.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("cron_field_range", ""),
            ("cron_field_range", ""),
            ("cron_field_range", ""),
            ("cron_field_range", ""),
            ("cron_question_mark", "")
        ]
    );
    let msgs: Vec<&str> = issues.iter().map(|i| i.message.as_str()).collect();
    assert!(
        msgs.first().is_some_and(|m| m.starts_with("minutes: 61")),
        "{msgs:?}"
    );
    assert!(
        msgs.get(1).is_some_and(|m| m.starts_with("hours: 25")),
        "{msgs:?}"
    );
    assert!(
        msgs.get(2).is_some_and(|m| m.starts_with("month: 13")),
        "{msgs:?}"
    );
    assert!(
        msgs.get(3).is_some_and(|m| m.starts_with("year: 2300")),
        "{msgs:?}"
    );
    // Callers re-base the paths.
    let rebased = issues
        .first()
        .cloned()
        .map(|i| i.under("/Rules/0/ScheduleExpression").path);
    assert_eq!(rebased.as_deref(), Some("/Rules/0/ScheduleExpression"));
}

#[test]
fn rate_message_and_hint() {
    let issue = AwsCron::parse("rate(12 hours)")
        .err()
        .unwrap_or_default()
        .into_iter()
        .next();
    let issue = issue.unwrap_or_else(|| Issue::error("x", "", ""));
    assert!(
        issue.message.contains("accepts only cron"),
        "{}",
        issue.message
    );
    assert_eq!(
        issue
            .hint
            .as_deref()
            .map(|h| h.contains("cron(0 0/12 ? * * *)")),
        Some(true)
    );
}

#[test]
fn field_count_hint_for_unix_cron() {
    let issue = AwsCron::parse("cron(0 5 * * 1)")
        .err()
        .unwrap_or_default()
        .into_iter()
        .next();
    assert!(issue
        .and_then(|i| i.hint)
        .is_some_and(|h| h.contains("year")));
}

#[test]
fn question_mark_hint_suggests_fix() {
    let issue = AwsCron::parse("cron(0 5 * * * *)")
        .err()
        .unwrap_or_default()
        .into_iter()
        .next();
    assert_eq!(
        issue.and_then(|i| i.hint).as_deref(),
        Some("use '?' in day-of-week: cron(0 5 * * ? *)")
    );
}

// ---- DST ------------------------------------------------------------------------------------

#[test]
fn new_york_spring_forward_skip_and_at_transition() {
    // 2026-03-08: 02:00 EST → 03:00 EDT, so 02:30 does not exist.
    assert_eq!(
        runs(
            "cron(30 2 ? * * *)",
            "America/New_York",
            DstGapPolicy::Skip,
            "2026-03-07T00:00:00Z",
            3
        ),
        [
            "2026-03-07T07:30:00Z",
            "2026-03-09T06:30:00Z",
            "2026-03-10T06:30:00Z"
        ]
    );
    assert_eq!(
        runs(
            "cron(30 2 ? * * *)",
            "America/New_York",
            DstGapPolicy::RunAtTransition,
            "2026-03-07T00:00:00Z",
            3
        ),
        [
            "2026-03-07T07:30:00Z",
            "2026-03-08T07:00:00Z",
            "2026-03-09T06:30:00Z"
        ]
    );
    // 02:00, 02:30 and 03:00 all land on 03:00 EDT and merge into one run.
    assert_eq!(
        runs(
            "cron(0,30 2-3 8 3 ? 2026)",
            "America/New_York",
            DstGapPolicy::RunAtTransition,
            "2026-03-08T00:00:00Z",
            5
        ),
        ["2026-03-08T07:00:00Z", "2026-03-08T07:30:00Z"]
    );
}

#[test]
fn new_york_fall_back_runs_once_at_first_occurrence() {
    // 2026-11-01: 02:00 EDT → 01:00 EST; 01:30 happens twice, the run is at 01:30 EDT = 05:30Z.
    assert_eq!(
        runs(
            "cron(30 1 ? * * *)",
            "America/New_York",
            DstGapPolicy::Skip,
            "2026-10-31T00:00:00Z",
            3
        ),
        [
            "2026-10-31T05:30:00Z",
            "2026-11-01T05:30:00Z",
            "2026-11-02T06:30:00Z"
        ]
    );
    // Hourly: 01:00 runs once (EDT), so the gap from 01:00 EDT to 02:00 EST is two hours.
    assert_eq!(
        runs(
            "cron(0 * ? * * *)",
            "America/New_York",
            DstGapPolicy::Skip,
            "2026-11-01T04:00:00Z",
            3
        ),
        [
            "2026-11-01T04:00:00Z",
            "2026-11-01T05:00:00Z",
            "2026-11-01T07:00:00Z"
        ]
    );
    // Starting inside the second occurrence does not go back to the first.
    let s = Schedule::parse("cron(30 1 ? * * *)", "America/New_York", DstGapPolicy::Skip).ok();
    let next = s
        .and_then(|s| s.next_after(ts("2026-11-01T06:10:00Z")))
        .map(|r| r.at.to_string());
    assert_eq!(next.as_deref(), Some("2026-11-02T06:30:00Z"));
}

#[test]
fn berlin_spring_and_fall() {
    // 2026-03-29: 02:00 CET → 03:00 CEST; 2026-10-25: 03:00 CEST → 02:00 CET.
    assert_eq!(
        runs(
            "cron(30 2 ? * * *)",
            "Europe/Berlin",
            DstGapPolicy::Skip,
            "2026-03-28T00:00:00Z",
            2
        ),
        ["2026-03-28T01:30:00Z", "2026-03-30T00:30:00Z"]
    );
    assert_eq!(
        runs(
            "cron(30 2 ? * * *)",
            "Europe/Berlin",
            DstGapPolicy::RunAtTransition,
            "2026-03-28T00:00:00Z",
            2
        ),
        ["2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z"]
    );
    assert_eq!(
        runs(
            "cron(30 2 ? * * *)",
            "Europe/Berlin",
            DstGapPolicy::Skip,
            "2026-10-24T00:00:00Z",
            3
        ),
        [
            "2026-10-24T00:30:00Z",
            "2026-10-25T00:30:00Z",
            "2026-10-26T01:30:00Z"
        ]
    );
}

#[test]
fn dst_flags_in_runs() {
    let s = Schedule::parse("cron(30 1 ? * * *)", "America/New_York", DstGapPolicy::Skip).ok();
    let r = s.and_then(|s| s.first_at_or_after(ts("2026-11-01T00:00:00Z")));
    assert_eq!(
        r.and_then(|r| r.dst),
        Some(DstAdjustment::FoldFirstOccurrence)
    );
    let s = Schedule::parse(
        "cron(30 2 ? * * *)",
        "America/New_York",
        DstGapPolicy::RunAtTransition,
    )
    .ok();
    let r = s.and_then(|s| s.first_at_or_after(ts("2026-03-08T00:00:00Z")));
    assert_eq!(
        r.map(|r| (r.dst, r.scheduled.to_string())),
        Some((
            Some(DstAdjustment::MovedOutOfGap),
            "2026-03-08T02:30:00".to_owned()
        ))
    );
}

// ---- schedule_runs / cron_summary --------------------------------------------------------------

#[test]
fn schedule_runs_lists_skipped_times_and_windows() {
    let opts = ScheduleOptions {
        start_window_minutes: Some(60),
        completion_window_minutes: Some(120),
        ..Default::default()
    };
    let out = schedule_runs(
        "cron(30 2 ? * * *)",
        Some("America/New_York"),
        ts("2026-03-07T00:00:00Z"),
        Some(ts("2026-03-10T00:00:00Z")),
        None,
        &opts,
    );
    assert!(out.is_ok(), "{out:?}");
    let Ok(out) = out else { return };
    let got: Vec<(&str, &str)> = out
        .runs
        .iter()
        .map(|r| (r.utc.as_str(), r.local.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("2026-03-07T07:30:00Z", "2026-03-07T02:30:00-05:00"),
            ("2026-03-09T06:30:00Z", "2026-03-09T02:30:00-04:00")
        ]
    );
    assert_eq!(out.skipped_in_dst_gap, ["2026-03-08T02:30"]);
    assert!(!out.truncated);
    let first = out.runs.first();
    assert_eq!(
        first.and_then(|r| r.start_window_end_utc.as_deref()),
        Some("2026-03-07T08:30:00Z")
    );
    assert_eq!(
        first.and_then(|r| r.completion_window_end_utc.as_deref()),
        Some("2026-03-07T10:30:00Z")
    );
    // 120 < 60 + 60 is false: no W6 warning.
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
}

#[test]
fn schedule_runs_limit_and_truncation() {
    let run = |limit| {
        schedule_runs(
            "cron(0 * ? * * *)",
            None,
            ts("2026-01-01T00:00:00Z"),
            None,
            limit,
            &ScheduleOptions::default(),
        )
    };
    let out = run(Some(3)).ok();
    assert_eq!(
        out.as_ref().map(|o| (o.runs.len(), o.truncated)),
        Some((3, true))
    );
    assert_eq!(out.map(|o| o.time_zone), Some("UTC".to_owned()));
    assert_eq!(run(None).ok().map(|o| o.runs.len()), Some(1000));
    let e = run(Some(MAX_LIMIT + 1)).err();
    let first = e
        .and_then(|e| e.issues.into_iter().next())
        .map(|i| (i.code, i.input));
    assert_eq!(first, Some(("out_of_range".into(), Some("limit".into()))));
    // Exactly `limit` runs before `until`: not truncated.
    let out = schedule_runs(
        "cron(0 * ? * * *)",
        None,
        ts("2026-01-01T00:00:00Z"),
        Some(ts("2026-01-01T03:00:00Z")),
        Some(3),
        &ScheduleOptions::default(),
    )
    .ok();
    assert_eq!(out.map(|o| (o.runs.len(), o.truncated)), Some((3, false)));
}

#[test]
fn never_fires_errors() {
    for (expr, tz, from) in [
        ("cron(0 0 30 2 ? *)", "UTC", "2026-01-01T00:00:00Z"),
        ("cron(0 0 31 4 ? *)", "UTC", "2026-01-01T00:00:00Z"),
        ("cron(0 0 1 1 ? 2020-2024)", "UTC", "2026-01-01T00:00:00Z"),
        ("cron(0 0 ? 2 2#5 2027)", "UTC", "2026-01-01T00:00:00Z"),
        // The only run falls in the New York spring-forward gap.
        (
            "cron(30 2 8 3 ? 2026)",
            "America/New_York",
            "2026-01-01T00:00:00Z",
        ),
        // Years end in 2199.
        ("cron(0 0 ? * * *)", "UTC", "2200-01-01T00:00:00Z"),
    ] {
        let e = schedule_runs(
            expr,
            Some(tz),
            ts(from),
            None,
            None,
            &ScheduleOptions::default(),
        )
        .err();
        let got = e.and_then(|e| {
            e.issues
                .first()
                .map(|i| (e.code, i.code.clone(), i.input.clone(), i.path.clone()))
        });
        assert_eq!(
            got,
            Some((
                ErrorCode::NeverFires,
                "never_fires".into(),
                Some("expression".into()),
                String::new()
            )),
            "{expr}"
        );
    }
    // The same gap-only schedule fires under run_at_transition.
    let opts = ScheduleOptions {
        dst_gap: DstGapPolicy::RunAtTransition,
        ..Default::default()
    };
    let out = schedule_runs(
        "cron(30 2 8 3 ? 2026)",
        Some("America/New_York"),
        ts("2026-01-01T00:00:00Z"),
        None,
        None,
        &opts,
    );
    assert_eq!(out.ok().map(|o| o.runs.len()), Some(1));
    assert!(!cron("cron(0 0 30 2 ? *)").fires_ever());
    assert!(cron("cron(0 0 29 2 ? *)").fires_ever());
}

#[test]
fn schedule_runs_collects_all_argument_issues() {
    let opts = ScheduleOptions {
        start_window_minutes: Some(30),
        completion_window_minutes: Some(60_000_000),
        ..Default::default()
    };
    let e = schedule_runs(
        "cron(0 5 * * * *)",
        Some("Mars/Olympus"),
        ts("2026-01-02T00:00:00Z"),
        Some(ts("2026-01-01T00:00:00Z")),
        Some(0),
        &opts,
    )
    .err();
    let got: Vec<(String, Option<String>, String)> = e
        .map(|e| {
            e.issues
                .into_iter()
                .map(|i| (i.code, i.input, i.path))
                .collect()
        })
        .unwrap_or_default();
    let want = [
        ("cron_question_mark", "expression", ""),
        ("unknown_time_zone", "time_zone", ""),
        ("invalid_range", "until", ""),
        ("out_of_range", "limit", ""),
        ("out_of_range", "options", "/start_window_minutes"),
        ("out_of_range", "options", "/completion_window_minutes"),
    ];
    let want: Vec<(String, Option<String>, String)> = want
        .iter()
        .map(|(c, i, p)| (c.to_string(), Some(i.to_string()), p.to_string()))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn short_completion_window_is_only_a_warning() {
    let opts = ScheduleOptions {
        start_window_minutes: Some(480),
        completion_window_minutes: Some(500),
        ..Default::default()
    };
    let out = schedule_runs(
        "cron(0 5 ? * * *)",
        None,
        ts("2026-01-01T00:00:00Z"),
        None,
        Some(1),
        &opts,
    )
    .ok();
    let w: Vec<String> = out
        .map(|o| o.warnings.into_iter().map(|w| w.code).collect())
        .unwrap_or_default();
    assert_eq!(w, ["completion_window_short"]);
}

#[test]
fn summary_daily_new_york_worst_gap_is_the_spring_forward_skip() {
    let s = cron_summary(
        "cron(30 2 ? * * *)",
        Some("America/New_York"),
        ts("2026-01-01T00:00:00Z"),
        &SummaryOptions::default(),
    );
    assert!(s.is_ok(), "{s:?}");
    let Ok(s) = s else { return };
    // 2026-03-07 02:30 EST → 2026-03-09 02:30 EDT = 47 h.
    assert_eq!(s.max_gap_seconds, Some(47 * 3600));
    assert_eq!(s.max_gap_from.as_deref(), Some("2026-03-07T07:30:00Z"));
    assert_eq!(s.min_gap_seconds, Some(86_400));
    assert_eq!(s.typical_gap_seconds, Some(86_400));
    // 2026-01-01 02:30 through 2027-01-01 02:30: 366 days, one skipped.
    assert_eq!(s.runs, 365);
    assert!(!s.fires_more_than_once_per_hour);
    let s = cron_summary(
        "cron(30 2 ? * * *)",
        Some("America/New_York"),
        ts("2026-01-01T00:00:00Z"),
        &SummaryOptions {
            dst_gap: DstGapPolicy::RunAtTransition,
        },
    )
    .ok();
    // 02:30 EST → 03:00 EDT = 23.5 h; 03:00 EDT → next 02:30 EDT = 23.5 h; fall back: 25 h.
    assert_eq!(s.as_ref().and_then(|s| s.min_gap_seconds), Some(84_600));
    assert_eq!(s.and_then(|s| s.max_gap_seconds), Some(90_000));
}

#[test]
fn summary_sparse_schedules() {
    let s = cron_summary(
        "cron(0 0 29 2 ? *)",
        None,
        ts("2026-01-01T00:00:00Z"),
        &SummaryOptions::default(),
    )
    .ok();
    assert_eq!(
        s.as_ref().map(|s| s.first_run.as_str()),
        Some("2028-02-29T00:00:00Z")
    );
    assert_eq!(
        s.as_ref().and_then(|s| s.max_gap_seconds),
        Some((366 + 365 * 3) * 86_400)
    );
    let s = cron_summary(
        "cron(0 0 1 1 ? 2030)",
        None,
        ts("2026-01-01T00:00:00Z"),
        &SummaryOptions::default(),
    )
    .ok();
    assert_eq!(s.map(|s| (s.runs, s.max_gap_seconds)), Some((1, None)));
    let e = cron_summary(
        "cron(0 0 30 2 ? *)",
        None,
        ts("2026-01-01T00:00:00Z"),
        &SummaryOptions::default(),
    )
    .err();
    assert_eq!(e.map(|e| e.code), Some(ErrorCode::NeverFires));
}

#[test]
fn json_twin_reads_and_reports_arguments() {
    use serde_json::json;
    let ok = crate::api::json::schedule_runs(
        json!("cron(0 5 ? * * *)"),
        json!("Europe/Berlin"),
        json!("2026-01-01T00:00:00Z"),
        Value::Null,
        json!(2),
        Value::Null,
    );
    let v = ok.ok().unwrap_or_default();
    assert_eq!(
        v.pointer("/runs/0/utc"),
        Some(&json!("2026-01-01T04:00:00Z"))
    );
    assert_eq!(
        v.pointer("/runs/0/local"),
        Some(&json!("2026-01-01T05:00:00+01:00"))
    );
    assert_eq!(
        v.pointer("/runs/1/utc"),
        Some(&json!("2026-01-02T04:00:00Z"))
    );
    let e = crate::api::json::schedule_runs(
        json!(42),
        json!("Mars/Olympus"),
        json!("yesterday"),
        json!(7),
        json!(-1),
        json!({"start_window_minutes": 30, "typo": 1}),
    )
    .err();
    let got: Vec<(String, Option<String>)> = e
        .map(|e| e.issues.into_iter().map(|i| (i.code, i.input)).collect())
        .unwrap_or_default();
    let want: Vec<(String, Option<String>)> = [
        ("invalid_type", "expression"),
        ("unknown_time_zone", "time_zone"),
        ("invalid_timestamp", "from"),
        ("invalid_type", "until"),
        ("invalid_value", "limit"),
        ("unknown_field", "options"),
    ]
    .iter()
    .map(|(c, i)| (c.to_string(), Some(i.to_string())))
    .collect();
    assert_eq!(got, want);
}

// ---- properties -------------------------------------------------------------------------------

/// Independent day rule for the generator (naive definitions, no bit masks).
#[derive(Debug, Clone)]
enum DayRule {
    Dom(Vec<i8>),
    Last(i8),
    LastWeekday,
    Nearest(i8),
    Dow(Vec<i8>),
    Nth(i8, i8),
    LastOf(i8),
}

fn weekday(d: jiff::civil::Date) -> i8 {
    d.weekday().to_sunday_one_offset()
}

fn is_workday(d: jiff::civil::Date) -> bool {
    (2..=6).contains(&weekday(d))
}

fn naive_day(rule: &DayRule, d: jiff::civil::Date) -> bool {
    let n = d.days_in_month();
    let day = d.day();
    let at = |x: i8| {
        d.first_of_month()
            .checked_add(jiff::Span::new().days(i64::from(x) - 1))
            .ok()
    };
    match rule {
        DayRule::Dom(v) => v.contains(&day),
        DayRule::Last(off) => day == n - off,
        DayRule::LastWeekday => (1..=n).rev().find(|x| at(*x).is_some_and(is_workday)) == Some(day),
        DayRule::Nearest(t) => {
            if *t > n {
                return false;
            }
            let best = (1..=n)
                .filter(|x| at(*x).is_some_and(is_workday))
                .min_by_key(|x| (x - t).abs());
            best == Some(day)
        }
        DayRule::Dow(v) => v.contains(&weekday(d)),
        DayRule::Nth(w, k) => weekday(d) == *w && (day - 1) / 7 + 1 == *k,
        DayRule::LastOf(w) => weekday(d) == *w && day + 7 > n,
    }
}

#[derive(Debug, Clone)]
struct Gen {
    expr: String,
    minutes: Vec<i8>,
    hours: Vec<i8>,
    rule: DayRule,
    months: Vec<i8>,
}

fn set_field(max: i8, min: i8) -> impl Strategy<Value = (String, Vec<i8>)> {
    prop_oneof![
        Just(("*".to_owned(), (min..=max).collect())),
        (min..=max).prop_map(|v| (v.to_string(), vec![v])),
        (min..=max, min..=max).prop_map(|(a, b)| {
            let (a, b) = (a.min(b), a.max(b));
            (format!("{a}-{b}"), (a..=b).collect())
        }),
        (min..=max, 1..=max.max(1)).prop_map(move |(a, s)| {
            (format!("{a}/{s}"), (a..=max).step_by(s as usize).collect())
        }),
        proptest::collection::btree_set(min..=max, 1..4).prop_map(|s| {
            (
                s.iter()
                    .map(|v| v.to_string())
                    .collect::<Vec<_>>()
                    .join(","),
                s.into_iter().collect(),
            )
        }),
    ]
}

fn day_field() -> impl Strategy<Value = (String, String, DayRule)> {
    prop_oneof![
        proptest::collection::btree_set(1i8..=31, 1..4).prop_map(|s| {
            let t = s
                .iter()
                .map(|v| v.to_string())
                .collect::<Vec<_>>()
                .join(",");
            (t, "?".to_owned(), DayRule::Dom(s.into_iter().collect()))
        }),
        Just(("L".to_owned(), "?".to_owned(), DayRule::Last(0))),
        (1i8..=5).prop_map(|o| (format!("L-{o}"), "?".to_owned(), DayRule::Last(o))),
        Just(("LW".to_owned(), "?".to_owned(), DayRule::LastWeekday)),
        (1i8..=31).prop_map(|d| (format!("{d}W"), "?".to_owned(), DayRule::Nearest(d))),
        proptest::collection::btree_set(1i8..=7, 1..4).prop_map(|s| {
            let t = s
                .iter()
                .map(|v| v.to_string())
                .collect::<Vec<_>>()
                .join(",");
            ("?".to_owned(), t, DayRule::Dow(s.into_iter().collect()))
        }),
        Just((
            "?".to_owned(),
            "*".to_owned(),
            DayRule::Dow((1..=7).collect())
        )),
        (1i8..=7, 1i8..=5).prop_map(|(w, k)| (
            "?".to_owned(),
            format!("{w}#{k}"),
            DayRule::Nth(w, k)
        )),
        (1i8..=7).prop_map(|w| ("?".to_owned(), format!("{w}L"), DayRule::LastOf(w))),
    ]
}

fn gen() -> impl Strategy<Value = Gen> {
    (
        set_field(59, 0),
        set_field(23, 0),
        day_field(),
        set_field(12, 1),
    )
        .prop_map(|(m, h, (dom, dow, rule), mo)| Gen {
            expr: format!("cron({} {} {dom} {} {dow} *)", m.0, h.0, mo.0),
            minutes: m.1,
            hours: h.1,
            rule,
            months: mo.1,
        })
}

/// Every day, hours biased towards the small hours where DST changes happen.
fn gen_dst() -> impl Strategy<Value = Gen> {
    let hours = prop_oneof![
        Just(("*".to_owned(), (0i8..=23).collect::<Vec<i8>>())),
        (0i8..=3).prop_map(|h| (h.to_string(), vec![h])),
        (0i8..=2, 1i8..=3).prop_map(|(a, l)| (format!("{a}-{}", a + l), (a..=a + l).collect())),
        set_field(23, 0),
    ];
    (set_field(59, 0), hours).prop_map(|(m, h)| Gen {
        expr: format!("cron({} {} ? * * *)", m.0, h.0),
        minutes: m.1,
        hours: h.1,
        rule: DayRule::Dow((1..=7).collect()),
        months: (1..=12).collect(),
    })
}

const ZONES: &[&str] = &[
    "UTC",
    "America/New_York",
    "Europe/Berlin",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "America/Santiago",
    "Pacific/Chatham",
];

/// Naive expansion: every civil day in the window, every (hour, minute), resolved with jiff's
/// own disambiguation (gap: none or the transition; fold: the earlier instant).
fn naive(
    g: &Gen,
    tz: &TimeZone,
    gap: DstGapPolicy,
    from: Timestamp,
    until: Timestamp,
) -> Vec<Timestamp> {
    let mut out = Vec::new();
    let mut day = tz
        .to_datetime(from)
        .date()
        .yesterday()
        .unwrap_or(jiff::civil::Date::MIN);
    let last = tz
        .to_datetime(until)
        .date()
        .tomorrow()
        .unwrap_or(jiff::civil::Date::MAX);
    while day <= last {
        if g.months.contains(&day.month()) && naive_day(&g.rule, day) {
            for h in &g.hours {
                for m in &g.minutes {
                    let dt = day.at(*h, *m, 0, 0);
                    let amb = tz.to_ambiguous_timestamp(dt);
                    let t = match amb.offset() {
                        AmbiguousOffset::Gap { .. } => match gap {
                            DstGapPolicy::Skip => None,
                            // The transition is the instant whose local time is the gap's end.
                            // `preceding` is exclusive and `late` can be the transition itself
                            // (a 30-minute gap such as Lord Howe's), so look from one second on.
                            DstGapPolicy::RunAtTransition => amb.later().ok().and_then(|late| {
                                tz.preceding(late + SignedDuration::from_secs(1))
                                    .next()
                                    .map(|tr| tr.timestamp())
                            }),
                        },
                        _ => amb.earlier().ok(),
                    };
                    if let Some(t) = t {
                        if t >= from && t < until {
                            out.push(t);
                        }
                    }
                }
            }
        }
        day = match day.tomorrow() {
            Ok(d) => d,
            Err(_) => break,
        };
    }
    out.sort();
    out.dedup();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn junk_never_panics(s in ".{0,60}") {
        let _ = AwsCron::parse(&s);
        let _ = AwsCron::parse(&format!("cron({s})"));
    }

    #[test]
    fn cron_alphabet_never_panics(s in "[0-9A-Za-z*?/,#LW -]{0,40}") {
        if let Ok(c) = AwsCron::parse(&format!("cron({s})")) {
            let sched = Schedule::new(c, "America/New_York", DstGapPolicy::Skip);
            if let Ok(sched) = sched {
                let runs: Vec<Run> = sched.runs_from(ts("2026-01-01T00:00:00Z")).take(5).collect();
                for (a, b) in runs.iter().zip(runs.iter().skip(1)) {
                    prop_assert!(a.at < b.at);
                }
            }
        }
    }

    #[test]
    fn runs_match_and_increase(g in gen(), zone in 0..ZONES.len(), start_day in 0i64..3650, at_transition in any::<bool>()) {
        let c = AwsCron::parse(&g.expr);
        prop_assert!(c.is_ok(), "{} {:?}", g.expr, c);
        let Ok(c) = c else { return Ok(()) };
        let gap = if at_transition { DstGapPolicy::RunAtTransition } else { DstGapPolicy::Skip };
        let tz_name = ZONES.get(zone).copied().unwrap_or("UTC");
        let sched = Schedule::new(c.clone(), tz_name, gap).map_err(|e| TestCaseError::fail(e.message))?;
        let from = ts("2020-01-01T00:00:00Z") + SignedDuration::from_hours(24 * start_day) + SignedDuration::from_secs(start_day * 17);
        let until = from + SignedDuration::from_hours(24 * 40);
        let got: Vec<Run> = sched.runs_from(from).take_while(|r| r.at < until).collect();
        let mut prev: Option<Timestamp> = None;
        for r in &got {
            prop_assert!(c.matches(r.scheduled), "{} does not match {}", g.expr, r.scheduled);
            prop_assert!(r.at >= from);
            prop_assert!(prev.is_none_or(|p| p < r.at), "not increasing");
            if r.dst != Some(DstAdjustment::MovedOutOfGap) {
                prop_assert_eq!(sched.time_zone().to_datetime(r.at), r.scheduled);
            }
            prev = Some(r.at);
        }
        let want = naive(&g, sched.time_zone(), gap, from, until);
        let got_t: Vec<Timestamp> = got.iter().map(|r| r.at).collect();
        prop_assert_eq!(got_t, want, "{} in {}", g.expr, tz_name);
    }

    /// Windows of a few days around a real DST transition of the zone.
    #[test]
    fn runs_around_dst_transitions(g in gen_dst(), zone in 1..ZONES.len(), start_day in 0i64..3650, back_minutes in 0i64..(3 * 1440), at_transition in any::<bool>()) {
        let gap = if at_transition { DstGapPolicy::RunAtTransition } else { DstGapPolicy::Skip };
        let tz_name = ZONES.get(zone).copied().unwrap_or("UTC");
        let c = AwsCron::parse(&g.expr).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let sched = Schedule::new(c.clone(), tz_name, gap).map_err(|e| TestCaseError::fail(e.message))?;
        let probe = ts("2020-01-01T00:00:00Z") + SignedDuration::from_hours(24 * start_day);
        let Some(transition) = sched.time_zone().following(probe).next().map(|t| t.timestamp()) else { return Ok(()) };
        let from = transition - SignedDuration::from_mins(back_minutes);
        let until = from + SignedDuration::from_hours(24 * 4);
        let got: Vec<Run> = sched.runs_from(from).take_while(|r| r.at < until).collect();
        for r in &got {
            prop_assert!(c.matches(r.scheduled));
        }
        let got_t: Vec<Timestamp> = got.iter().map(|r| r.at).collect();
        for (a, b) in got_t.iter().zip(got_t.iter().skip(1)) {
            prop_assert!(a < b);
        }
        let want = naive(&g, sched.time_zone(), gap, from, until);
        prop_assert_eq!(got_t, want, "{} in {} from {}", g.expr, tz_name, from);
        // next_after agrees with the iterator from any point.
        let mid = from + SignedDuration::from_mins(back_minutes / 2 + 7);
        let expect_next = naive(&g, sched.time_zone(), gap, mid + SignedDuration::from_nanos(1), until).first().copied();
        let next = sched.next_after(mid).map(|r| r.at).filter(|t| *t < until);
        prop_assert_eq!(next, expect_next);
    }
}

#[test]
fn rfc3339_formatting() {
    let t = ts("2026-03-08T07:00:00Z");
    assert_eq!(rfc3339(t, Offset::UTC, true), "2026-03-08T07:00:00Z");
    assert_eq!(rfc3339(t, Offset::UTC, false), "2026-03-08T07:00:00+00:00");
    let ny = Offset::from_hours(-4).unwrap_or(Offset::UTC);
    assert_eq!(rfc3339(t, ny, false), "2026-03-08T03:00:00-04:00");
    let kolkata = Offset::from_seconds(5 * 3600 + 1800).unwrap_or(Offset::UTC);
    assert_eq!(rfc3339(t, kolkata, false), "2026-03-08T12:30:00+05:30");
    let monrovia = Offset::from_seconds(-(44 * 60 + 30)).unwrap_or(Offset::UTC);
    assert_eq!(rfc3339(t, monrovia, false), "2026-03-08T06:15:30-00:44:30");
    let frac = t + SignedDuration::from_millis(250);
    assert_eq!(rfc3339(frac, Offset::UTC, true), "2026-03-08T07:00:00.25Z");
    assert_eq!(
        rfc3339(ts("0099-01-02T03:04:05Z"), Offset::UTC, true),
        "0099-01-02T03:04:05Z"
    );
    // Same text as jiff's own Display for whole-second UTC instants.
    assert_eq!(rfc3339(t, Offset::UTC, true), t.to_string());
}

#[test]
fn civil_utc_seconds_matches_jiff() {
    for s in [
        "1970-01-01T00:00:00Z",
        "2000-02-29T23:59:00Z",
        "2100-03-01T00:00:00Z",
        "2199-12-31T23:59:00Z",
        "1972-12-31T12:34:00Z",
    ] {
        let t = ts(s);
        let c = cron::Civil::from_datetime(Offset::UTC.to_datetime(t));
        assert_eq!(c.utc_seconds(), t.as_second(), "{s}");
    }
}

#[test]
fn zone_names_are_canonicalized_with_a_warning() {
    let out = schedule_runs(
        "cron(0 5 ? * * *)",
        Some("america/new_york"),
        ts("2026-01-01T00:00:00Z"),
        None,
        Some(1),
        &ScheduleOptions::default(),
    );
    let out = out.ok();
    assert_eq!(
        out.as_ref().map(|o| o.time_zone.as_str()),
        Some("America/New_York")
    );
    let w: Vec<(String, Option<String>)> = out
        .map(|o| o.warnings.into_iter().map(|w| (w.code, w.input)).collect())
        .unwrap_or_default();
    assert_eq!(
        w,
        [(
            "time_zone_spelling".to_owned(),
            Some("time_zone".to_owned())
        )]
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any instant jiff can represent, any zone: errors or runs, never a panic or a hang.
    #[test]
    fn extreme_from_never_panics(secs in -377_705_116_800i64..=253_402_207_200, zone in 0..ZONES.len(), e in 0..4usize) {
        let exprs = ["cron(0 5 ? * * *)", "cron(* * ? * * *)", "cron(0 0 29 2 ? 2196-2199)", "cron(30 2 ? 3 1#2 *)"];
        let from = Timestamp::from_second(secs).unwrap_or(Timestamp::UNIX_EPOCH);
        let expr = exprs.get(e).copied().unwrap_or("cron(0 5 ? * * *)");
        let tz = ZONES.get(zone).copied();
        let out = schedule_runs(expr, tz, from, None, Some(3), &ScheduleOptions::default());
        if let Ok(o) = &out {
            prop_assert!(o.runs.len() <= 3);
        }
        let _ = cron_summary(expr, tz, from, &SummaryOptions::default());
    }
}

#[test]
fn junk_gives_short_messages_and_one_issue_per_field() {
    let long_digits = "9".repeat(100_000);
    let commas = ",".repeat(100_000);
    for expr in [
        format!("cron({long_digits} 5 ? * * *)"),
        format!("cron(0 {commas} ? * * *)"),
        format!("cron(0 5 ? * {long_digits}L *)"),
        format!("rate({long_digits})"),
        format!("cron(0 5 * * * {long_digits})"),
    ] {
        let issues = AwsCron::parse(&expr).err().unwrap_or_default();
        assert!(!issues.is_empty() && issues.len() <= 3, "{}", issues.len());
        for i in &issues {
            assert!(i.message.len() < 300, "{}", i.message.len());
            assert!(i.hint.as_ref().is_none_or(|h| h.len() < 300));
        }
    }
}

#[test]
fn truncation_is_decided_past_a_skipped_gap_time() {
    // Two runs (03-06, 03-07), then 03-08 02:30 is skipped, then 03-09 exists: truncated.
    let out = schedule_runs(
        "cron(30 2 ? * * *)",
        Some("America/New_York"),
        ts("2026-03-06T00:00:00Z"),
        None,
        Some(2),
        &ScheduleOptions::default(),
    )
    .ok();
    assert_eq!(
        out.as_ref().map(|o| (o.runs.len(), o.truncated)),
        Some((2, true))
    );
    // The skipped time lies beyond the returned span, so it is not listed.
    assert_eq!(out.map(|o| o.skipped_in_dst_gap.len()), Some(0));
}

/// A schedule whose only runs lie far ahead still fires: the year field runs to 2199 and no
/// search horizon cuts it short (aws-backup.md §6).
#[test]
fn far_years_fire() {
    for (expr, first) in [
        ("cron(0 0 1 1 ? 2199)", "2199-01-01T00:00:00Z"),
        ("cron(0 0 1 1 ? 2150)", "2150-01-01T00:00:00Z"),
        ("cron(30 12 ? 12 6L 2199)", "2199-12-27T12:30:00Z"),
    ] {
        let out = schedule_runs(
            expr,
            Some("UTC"),
            ts("1970-01-01T00:00:00Z"),
            None,
            Some(2),
            &ScheduleOptions::default(),
        );
        let got = out
            .as_ref()
            .ok()
            .map(|o| (o.runs.first().map(|r| r.utc.clone()), o.runs.len()));
        assert_eq!(got, Some((Some(first.to_owned()), 1)), "{expr}: {out:?}");
        let summary = cron_summary(
            expr,
            None,
            ts("2026-01-01T00:00:00Z"),
            &SummaryOptions::default(),
        );
        assert!(summary.is_ok(), "{expr}: {summary:?}");
    }
}

/// Steps up to the field's largest value (0-based fields) or its count of values (day, month);
/// EventBridge rejects `*/60` in minutes (aws-backup.md §6).
#[test]
fn step_bounds() {
    for bad in [
        "cron(*/60 * * * ? *)",
        "cron(0/60 * * * ? *)",
        "cron(0 0/24 * * ? *)",
        "cron(0 */24 * * ? *)",
        "cron(0 0 1/32 * ? *)",
        "cron(0 0 1 1/13 ? *)",
    ] {
        let e = AwsCron::parse(bad).err();
        let codes: Vec<String> = e.unwrap_or_default().into_iter().map(|i| i.code).collect();
        assert_eq!(codes, vec!["cron_field_range".to_owned()], "{bad}");
    }
    for good in [
        "cron(*/59 * * * ? *)",
        "cron(0 0/23 * * ? *)",
        "cron(0 0 1/31 * ? *)",
        "cron(0 0 1 1/12 ? *)",
    ] {
        assert!(AwsCron::parse(good).is_ok(), "{good}");
    }
}

/// The columns list exactly the runs `schedule_runs` lists: instants, local offsets, DST
/// adjustments and window ends, around both DST changes of a year in New York.
#[test]
fn columns_are_the_runs_of_schedule_runs() {
    let options = ScheduleOptions {
        start_window_minutes: Some(120),
        completion_window_minutes: Some(600),
        dst_gap: DstGapPolicy::RunAtTransition,
    };
    let (from, until) = (ts("2026-01-01T00:00:00Z"), Some(ts("2027-01-01T00:00:00Z")));
    let expr = "cron(30 1,2 * * ? *)";
    let tz = Some("America/New_York");
    let runs = schedule_runs(expr, tz, from, until, Some(MAX_LIMIT), &options);
    let cols = schedule_run_columns(expr, tz, from, until, None, &options);
    assert!(runs.is_ok() && cols.is_ok());
    let (Ok(runs), Ok(cols)) = (runs, cols) else {
        return;
    };
    assert_eq!(cols.utc.len(), runs.runs.len());
    assert!(runs.runs.len() > 700);
    assert!(cols.dst.contains(&0) && cols.dst.contains(&1));
    let at = |s: i64| runs::utc_string(Timestamp::from_second(s).unwrap_or(Timestamp::MIN));
    let starts = cols.start_window_end_utc.clone().unwrap_or_default();
    let ends = cols.completion_window_end_utc.clone().unwrap_or_default();
    assert_eq!(starts.len(), runs.runs.len());
    let rows = cols
        .utc
        .iter()
        .zip(&cols.offset_seconds)
        .zip(&cols.dst)
        .zip(starts.iter().zip(&ends));
    for (r, (((&utc, &offset), &dst), (&start, &end))) in runs.runs.iter().zip(rows) {
        assert_eq!(at(utc), r.utc);
        let offset = jiff::tz::Offset::from_seconds(offset).unwrap_or(jiff::tz::Offset::UTC);
        let t = Timestamp::from_second(utc).unwrap_or(Timestamp::MIN);
        assert_eq!(rfc3339(t, offset, false), r.local);
        let dst = usize::try_from(dst)
            .ok()
            .and_then(|c| DST_CODES.get(c).copied());
        let want = r.dst.map(|d| match d {
            DstAdjustment::FoldFirstOccurrence => "fold_first_occurrence",
            DstAdjustment::MovedOutOfGap => "moved_out_of_gap",
        });
        assert_eq!(dst, want);
        assert_eq!(Some(at(start)), r.start_window_end_utc);
        assert_eq!(Some(at(end)), r.completion_window_end_utc);
    }
    assert_eq!(cols.skipped_in_dst_gap, runs.skipped_in_dst_gap);
    assert_eq!(
        (cols.truncated, cols.windows),
        (runs.truncated, runs.windows)
    );
    // a limit truncates as in schedule_runs
    let cut = schedule_run_columns(expr, tz, from, until, Some(10), &options);
    assert_eq!(
        cut.map(|c| (c.utc.len(), c.truncated)).ok(),
        Some((10, true))
    );
}

/// No 100,000-run ceiling, but the columns' budget: a five-minute cron over ten years fits, an
/// endless expansion stops at the budget, a limit above it fails before the work.
#[test]
fn columns_have_a_budget_not_a_ceiling() {
    let o = ScheduleOptions::default();
    let from = ts("2026-01-01T00:00:00Z");
    let ten_years = Some(ts("2036-01-01T00:00:00Z"));
    let five = schedule_run_columns("cron(0/5 * * * ? *)", None, from, ten_years, None, &o);
    assert_eq!(five.map(|c| c.utc.len()).ok(), Some(1_051_776));
    let limit = crate::budget::COLUMN_RUNS + 1;
    let e = schedule_run_columns("cron(0/5 * * * ? *)", None, from, None, Some(limit), &o).err();
    let got = e.map(|e| (e.code, e.issues.first().and_then(|i| i.input.clone())));
    assert_eq!(got, Some((ErrorCode::OverBudget, Some("limit".to_owned()))));
    let e = schedule_run_columns("cron(* * * * ? *)", None, from, None, None, &o).err();
    let got = e.map(|e| (e.code, e.issues.first().and_then(|i| i.input.clone())));
    assert_eq!(got, Some((ErrorCode::OverBudget, Some("until".to_owned()))));
    let zero = schedule_run_columns("cron(0 * * * ? *)", None, from, None, Some(0), &o).err();
    let code = zero.and_then(|e| e.issues.first().map(|i| i.code.clone()));
    assert_eq!(code.as_deref(), Some("out_of_range"));
}
