//! Footprint simulation: cron cadences, the shared inventory sampling, exact steady ranges.

use serde_json::{json, Value};

use super::*;
use crate::error::ErrorCode;
use crate::schedule::DstGapPolicy;
use crate::units::Seconds;

const R14: RetentionMode = RetentionMode::Restic014;
const R16: RetentionMode = RetentionMode::Restic016;
const BORG: RetentionMode = RetentionMode::Borg12;
const AWS: RetentionMode = RetentionMode::AwsBackupLifecycle;
const DAY: f64 = 86_400.0;

fn policy(v: Value) -> RetentionPolicy {
    serde_json::from_value(v).unwrap_or_default()
}

fn t(s: &str) -> SnapshotTime {
    SnapshotTime::parse(s).unwrap_or(engine::GO_ZERO)
}

fn cron(expr: &str, tz: Option<&str>) -> Cadence {
    Cadence::Cron {
        cron: expr.into(),
        time_zone: tz.map(str::to_owned),
        dst_gap: DstGapPolicy::Skip,
    }
}

fn run(
    cad: &Cadence,
    p: Value,
    mode: RetentionMode,
    start: &str,
    horizon_days: f64,
) -> FootprintResult {
    let r = retention_footprint(
        cad,
        &policy(p),
        mode,
        t(start),
        Seconds(horizon_days * DAY),
        None,
    );
    assert!(r.is_ok(), "{r:?}");
    r.unwrap_or_else(|_| unreachable!())
}

/// Held at the sample whose time is `time` (as written).
fn held_at(r: &FootprintResult, time: &str) -> Option<usize> {
    r.series
        .iter()
        .find(|s| s.time.format() == time)
        .map(|s| s.held)
}

/// The steady state without `repeats_exactly` (reported for interval cadences only).
fn steady(r: &FootprintResult) -> Option<FootprintSteadyState> {
    r.steady_state.clone().map(|s| FootprintSteadyState {
        repeats_exactly: None,
        ..s
    })
}

fn json_err(cadence: Value, p: Value, horizon: Value) -> Option<crate::error::Error> {
    crate::api::json::retention_footprint(
        cadence,
        p,
        json!("restic-0.14"),
        json!("2025-01-01T00:00:00Z"),
        horizon,
        Value::Null,
    )
    .err()
}

fn first_issue(e: &Option<crate::error::Error>) -> Option<(String, Option<String>, String)> {
    e.as_ref().and_then(|e| {
        e.issues
            .first()
            .map(|i| (i.code.clone(), i.input.clone(), i.path.clone()))
    })
}

/// Daily at 05:00 Europe/Berlin for a year across both DST changes; restic 0.16+ keeps 7 daily,
/// 4 weekly, 12 monthly (independent rules, keep-oldest fallback while a count is unfilled).
#[test]
fn cron_daily_berlin_year_restic016() {
    let r = run(
        &cron("cron(0 5 ? * * *)", Some("Europe/Berlin")),
        json!({"keep_daily": 7, "keep_weekly": 4, "keep_monthly": 12}),
        R16,
        "2025-01-01T04:00:00Z",
        365.0,
    );
    // 2025-01-01 … 2026-01-01 inclusive (the last run is exactly start + 365 d).
    assert_eq!(r.snapshots_taken, 366);
    let s = r.schedule.clone();
    assert_eq!(
        s.as_ref()
            .map(|s| (s.first_backup.format(), s.last_backup.format())),
        Some((
            "2025-01-01T05:00:00+01:00".into(),
            "2026-01-01T05:00:00+01:00".into()
        ))
    );
    // 23 h across spring-forward (30 March), 25 h across fall-back (26 October); 05:00 is never
    // in a gap or fold.
    assert_eq!(
        s.as_ref()
            .map(|s| (s.min_gap_seconds, s.max_gap_seconds, s.dst_adjusted_runs)),
        Some((Some(82_800.0), Some(90_000.0), 0))
    );
    assert_eq!(r.sample_every_seconds, DAY);
    assert_eq!(r.series.len(), 366);
    // Samples at 04:00Z: 05:00 CET (the backup instant) in winter, 06:00 CEST in summer.
    assert_eq!(
        r.series.get(181).map(|s| s.time.format()),
        Some("2025-07-01T06:00:00+02:00".into())
    );
    // 2026-01-01 (Thu): daily Dec 26–Jan 1 (7); weekly Jan 1, Dec 28 (both daily), Dec 21, Dec 14
    // (+2); monthly Jan 1, Dec 31 (daily), Nov 30 … Feb 28 (+10): 19.
    assert_eq!(r.final_held, 19);
    // 2025-12-31 (Wed): daily Dec 25–31; weekly +Dec 21, Dec 14; monthly Dec 31 … Jan 31, 12
    // months (+11): 20.
    assert_eq!(held_at(&r, "2025-12-31T05:00:00+01:00"), Some(20));
    // 2025-11-30 (Sun): daily Nov 24–30; weekly +Nov 23, 16, 9; monthly Nov 30 … Jan 31 = 11
    // months (+10) and one count left, so the oldest (2025-01-01) stays: 7 + 3 + 10 + 1 = 21.
    assert_eq!(held_at(&r, "2025-11-30T05:00:00+01:00"), Some(21));
    // 2025-12-28 (Sun): daily Dec 22–28; weekly +Dec 21, 14, 7; monthly +Nov 30 … Jan 31: 21.
    assert_eq!(held_at(&r, "2025-12-28T05:00:00+01:00"), Some(21));
    // No day holds more: 3 weekly extras need a Sunday, 11 monthly extras end the fallback.
    assert_eq!(r.max_held, 21);
    // 12 × 31 d > 365 d: not filled within the horizon.
    assert!(r.steady_state.is_none());
    let codes: Vec<&str> = r.notes.iter().map(|n| n.code.as_str()).collect();
    assert!(codes.contains(&"horizon_too_short"), "{codes:?}");
    assert!(codes.contains(&"dst_policy_assumed"), "{codes:?}");
}

/// The same over 420 days: after the fill bound (372 d) the count moves in 19‥21 — 19 on a
/// weekday in the first six days of a month (last month's end is a daily pick), 21 on a Sunday
/// whose month ends and week picks do not overlap.
#[test]
fn cron_daily_berlin_steady_state() {
    let r = run(
        &cron("cron(0 5 ? * * *)", Some("Europe/Berlin")),
        json!({"keep_daily": 7, "keep_weekly": 4, "keep_monthly": 12}),
        R16,
        "2025-01-01T04:00:00Z",
        420.0,
    );
    let ss = r.steady_state.clone();
    assert_eq!(
        ss.as_ref().map(|s| (s.min_held, s.max_held)),
        Some((19, 21))
    );
    assert_eq!(
        ss.as_ref().map(|s| (s.fill_seconds, s.cycle_seconds)),
        Some((372.0 * DAY, 31.0 * DAY))
    );
    assert_eq!(
        ss.as_ref().map(|s| s.from.format()),
        Some("2026-01-08T05:00:00+01:00".into())
    );
}

/// A local time that spring-forward skips does not run by default, runs at the transition on
/// request; a repeated one (fall-back) runs once.
#[test]
fn cron_dst_gap_and_fold() {
    let march = |gap| Cadence::Cron {
        cron: "cron(30 2 ? * * *)".into(),
        time_zone: Some("Europe/Berlin".into()),
        dst_gap: gap,
    };
    // 1–31 March 2025; 30 March 02:30 does not exist in Berlin.
    let skip = run(
        &march(DstGapPolicy::Skip),
        json!({"keep_last": 100}),
        R14,
        "2025-03-01T00:00:00Z",
        31.0,
    );
    assert_eq!((skip.snapshots_taken, skip.final_held), (30, 30));
    let moved = run(
        &march(DstGapPolicy::RunAtTransition),
        json!({"keep_last": 100}),
        R14,
        "2025-03-01T00:00:00Z",
        31.0,
    );
    assert_eq!(moved.snapshots_taken, 31);
    assert_eq!(moved.schedule.map(|s| s.dst_adjusted_runs), Some(1));
    // October: 26 October 02:30 occurs twice and runs once (first occurrence, CEST).
    let oct = run(
        &march(DstGapPolicy::Skip),
        json!({"keep_last": 100}),
        R14,
        "2025-10-01T00:00:00Z",
        31.0,
    );
    assert_eq!(oct.snapshots_taken, 31);
    assert_eq!(oct.schedule.map(|s| s.dst_adjusted_runs), Some(1));
}

/// An hourly cron in UTC and a 1 h interval from the same instant give the same footprint.
#[test]
fn hourly_cron_equals_interval() {
    let hourly = Cadence::Interval {
        interval_seconds: 3600.0,
    };
    for (p, mode) in [
        (json!({"keep_hourly": 24, "keep_daily": 7}), R14),
        (
            json!({"keep_last": 5, "keep_daily": 3, "keep_weekly": 2}),
            BORG,
        ),
        (json!({"delete_after_days": 2}), AWS),
        (json!({"keep_within": "2d", "keep_monthly": 1}), R16),
    ] {
        let a = run(&hourly, p.clone(), mode, "2025-01-01T00:00:00Z", 30.0);
        let b = run(
            &cron("cron(0 * ? * * *)", None),
            p.clone(),
            mode,
            "2025-01-01T00:00:00Z",
            30.0,
        );
        assert_eq!(a.snapshots_taken, 721, "{p}");
        assert_eq!(
            (a.snapshots_taken, a.final_held, a.max_held),
            (b.snapshots_taken, b.final_held, b.max_held),
            "{p}"
        );
        assert_eq!(a.series, b.series, "{p}");
        assert_eq!(steady(&a), steady(&b), "{p}");
        assert_eq!(a.sample_every_seconds, b.sample_every_seconds);
    }
}

/// Weekdays only: 20 backups in four weeks; keep 7 daily holds the last 7 weekdays.
#[test]
fn cron_weekdays_only() {
    let r = run(
        &cron("cron(0 5 ? * MON-FRI *)", None),
        json!({"keep_daily": 7}),
        R14,
        "2025-01-06T00:00:00Z", // a Monday
        28.0,
    );
    assert_eq!((r.snapshots_taken, r.final_held, r.max_held), (20, 7, 7));
    assert_eq!(
        r.schedule
            .as_ref()
            .map(|s| (s.min_gap_seconds, s.max_gap_seconds, s.time_zone.as_str())),
        Some((Some(DAY), Some(3.0 * DAY), "UTC"))
    );
    assert_eq!(r.sample_every_seconds, DAY);
    // Saturday 11 January 00:00: the five backups of the first week.
    let sat = r.series.get(5);
    assert_eq!(
        sat.map(|s| (s.time.format(), s.snapshots_taken, s.held)),
        Some(("2025-01-11T00:00:00Z".into(), 5, 5))
    );
    // The fill bound uses the longest gap (Friday → Monday): 7 × 3 d = 21 d, cycle 3 d.
    let ss = r.steady_state.clone();
    assert_eq!(
        ss.as_ref()
            .map(|s| (s.from.format(), s.min_held, s.max_held)),
        Some(("2025-01-27T00:00:00Z".into(), 7, 7))
    );
}

/// AWS points leave at DeleteAt, between backups: 36 h backups kept 2 days hold 2 right after a
/// backup but 1 just before the next one.
#[test]
fn aws_deletes_between_backups() {
    let r = run(
        &Cadence::Interval {
            interval_seconds: 129_600.0,
        },
        json!({"delete_after_days": 2}),
        AWS,
        "2025-01-01T00:00:00Z",
        10.0,
    );
    assert_eq!((r.snapshots_taken, r.final_held, r.max_held), (7, 2, 2));
    // Sampled on the backups (step = the interval): 1, then 2 at every backup.
    let held: Vec<usize> = r.series.iter().map(|s| s.held).collect();
    assert_eq!(held, vec![1, 2, 2, 2, 2, 2, 2]);
    // From 72 h on the count dips to 1 before each backup (the point of 36 h earlier expired at
    // +48 h), and again after the last backup (180 h's point leaves at 228 h < 240 h).
    let ss = r.steady_state.clone();
    assert_eq!(
        ss.as_ref()
            .map(|s| (s.from_elapsed_seconds, s.min_held, s.max_held)),
        Some((259_200.0, 1, 2))
    );
    // Cold storage after 1 day, deleted after 91: at day 10, days 0‥9 are cold, day 10 warm.
    let r = run(
        &Cadence::Interval {
            interval_seconds: DAY,
        },
        json!({"move_to_cold_storage_after_days": 1, "delete_after_days": 91}),
        AWS,
        "2025-01-01T00:00:00Z",
        20.0,
    );
    assert_eq!(
        r.series.get(10).map(|s| (s.held, s.cold_held)),
        Some((11, 10))
    );
}

/// borg's rules are sequential (retention.md §5): weekly counts only Sundays the daily rule did
/// not keep, so it can reach 5 weeks past the dailies. The fill bound is the sum
/// (7 + 1) × 1 d + (4 + 1) × 7 d = 43 d, not restic's max(7 d, 28 d).
#[test]
fn borg_sequential_fill_bound() {
    let daily = Cadence::Interval {
        interval_seconds: DAY,
    };
    let r = run(
        &daily,
        json!({"keep_daily": 7, "keep_weekly": 4}),
        BORG,
        "2024-01-01T01:00:00Z",
        120.0,
    );
    // 7 dailies + 4 older Sundays, every day once filled.
    let ss = r.steady_state.clone();
    assert_eq!(
        ss.as_ref().map(|s| (
            s.fill_seconds,
            s.from_elapsed_seconds,
            s.min_held,
            s.max_held,
            s.repeats_exactly
        )),
        Some((43.0 * DAY, 43.0 * DAY, 11, 11, Some(true)))
    );
    // (The oldest-archive fallback, retention.md §5, already brings it to 11 on day 27: 7 dailies,
    // Sundays 21, 14, 7 and the 1 January archive for the weekly count still open.)
    assert_eq!(r.series.get(27).map(|s| s.held), Some(11));
    assert_eq!(r.series.get(26).map(|s| s.held), Some(10));
    // restic 0.14 (independent): 9 on weekdays, 10 on Sundays, repeating weekly.
    let r = run(
        &daily,
        json!({"keep_daily": 7, "keep_weekly": 4}),
        R14,
        "2024-01-01T01:00:00Z",
        120.0,
    );
    assert_eq!(
        r.steady_state
            .map(|s| (s.fill_seconds, s.min_held, s.max_held, s.repeats_exactly)),
        Some((28.0 * DAY, 9, 10, Some(true)))
    );
    // A monthly rule's cycle is a calendar approximation (31 d): no exact-repeat claim.
    let r = run(
        &daily,
        json!({"keep_monthly": 2}),
        R14,
        "2024-01-01T01:00:00Z",
        200.0,
    );
    assert_eq!(
        r.steady_state
            .map(|s| (s.cycle_seconds, s.min_held, s.max_held, s.repeats_exactly)),
        Some((31.0 * DAY, 2, 2, None))
    );
}

#[test]
fn cadence_wire_shape() {
    let c: Result<Cadence, _> = crate::boundary::from_value(
        "cadence",
        json!({"cron": "cron(0 5 ? * * *)", "time_zone": "Europe/Berlin"}),
    );
    assert_eq!(
        c.as_ref().ok(),
        Some(&Cadence::Cron {
            cron: "cron(0 5 ? * * *)".into(),
            time_zone: Some("Europe/Berlin".into()),
            dst_gap: DstGapPolicy::Skip
        })
    );
    // Round trip: the default dst_gap is not written back.
    assert_eq!(
        c.ok().map(|c| serde_json::to_value(c).ok()),
        Some(Some(
            json!({"cron": "cron(0 5 ? * * *)", "time_zone": "Europe/Berlin"})
        ))
    );
    let c: Result<Cadence, _> = crate::boundary::from_value(
        "cadence",
        json!({"cron": "cron(30 2 ? * * *)", "dst_gap": "run_at_transition"}),
    );
    assert_eq!(
        c.ok().map(|c| serde_json::to_value(c).ok()),
        Some(Some(
            json!({"cron": "cron(30 2 ? * * *)", "dst_gap": "run_at_transition"})
        ))
    );
}

#[test]
fn cadence_errors_have_paths() {
    let p = json!({"keep_last": 3});
    let cases: Vec<(Value, (&str, &str))> = vec![
        (
            json!({"interval_seconds": 3600, "cron": "cron(0 5 ? * * *)"}),
            ("invalid_value", ""),
        ),
        (json!({}), ("invalid_value", "")),
        (json!({"time_zone": "UTC"}), ("invalid_value", "")),
        (
            json!({"interval_seconds": 3600, "time_zone": "UTC"}),
            ("invalid_value", "/time_zone"),
        ),
        (
            json!({"interval_seconds": 3600, "dst_gap": "skip"}),
            ("invalid_value", "/dst_gap"),
        ),
        (
            json!({"interval_seconds": 0.5}),
            ("out_of_range", "/interval_seconds"),
        ),
        (
            json!({"cron": "cron(0 5 ? * * *)", "dst_gap": "later"}),
            ("unknown_variant", "/dst_gap"),
        ),
        (json!({"cron": 5}), ("invalid_type", "/cron")),
        (
            json!({"cron": "cron(0 5 * * *)"}),
            ("cron_field_count", "/cron"),
        ),
        (
            json!({"cron": "rate(1 day)"}),
            ("cron_rate_not_supported", "/cron"),
        ),
        (
            json!({"cron": "cron(0 5 ? * * *)", "time_zone": "Mars/Olympus"}),
            ("unknown_time_zone", "/time_zone"),
        ),
    ];
    for (cad, (code, path)) in cases {
        let e = json_err(cad.clone(), p.clone(), json!("30d"));
        assert_eq!(
            first_issue(&e),
            Some((code.into(), Some("cadence".into()), path.into())),
            "{cad}"
        );
    }
    // Every problem at once: a bad cron, a bad zone and a bad policy field.
    let e = json_err(
        json!({"cron": "cron(0 25 ? * * *)", "time_zone": "Nowhere/Land"}),
        json!({"keep_last": 3, "keep_minutely": 2}),
        json!("30d"),
    );
    let got: Vec<(String, Option<String>, String)> = e
        .map(|e| {
            e.issues
                .into_iter()
                .filter(|i| i.is_error())
                .map(|i| (i.code, i.input, i.path))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        got,
        vec![
            (
                "cron_field_range".into(),
                Some("cadence".into()),
                "/cron".into()
            ),
            (
                "unknown_time_zone".into(),
                Some("cadence".into()),
                "/time_zone".into()
            ),
            (
                "not_supported_by_mode".into(),
                Some("policy".into()),
                "/keep_minutely".into()
            ),
        ]
    );
}

#[test]
fn cron_never_fires_in_horizon() {
    for expr in [
        "cron(0 5 ? * * 2030)", // fires, but after the horizon
        "cron(0 0 30 2 ? *)",   // 30 February
        "cron(0 0 1 1 ? 2020)", // before the start
    ] {
        let e = json_err(
            json!({"cron": expr}),
            json!({"keep_last": 3}),
            json!("365d"),
        );
        assert_eq!(
            e.as_ref().map(|e| e.code),
            Some(ErrorCode::NeverFires),
            "{expr}"
        );
        assert_eq!(
            first_issue(&e),
            Some(("never_fires".into(), Some("cadence".into()), "/cron".into())),
            "{expr}"
        );
    }
}

#[test]
fn cron_expansion_is_bounded() {
    // Every minute for four years: 2.1 million runs > 2,000,000.
    let e = json_err(
        json!({"cron": "cron(* * ? * * *)"}),
        json!({"keep_last": 3}),
        json!("1461d"),
    );
    assert_eq!(
        first_issue(&e),
        Some(("out_of_range".into(), Some("horizon".into()), String::new()))
    );
    // Past 2199 the cron has no years left: a run in 2199 and none after, bounded.
    let r = retention_footprint(
        &cron("cron(0 0 1 1 ? *)", None),
        &policy(json!({"keep_last": 3})),
        R14,
        t("2199-01-01T00:00:00Z"),
        Seconds(1e10),
        None,
    );
    assert_eq!(r.map(|r| r.snapshots_taken).ok(), Some(1));
}

#[test]
fn aws_mode_warns_on_sub_hourly_cron() {
    let r = run(
        &cron("cron(0/30 * ? * * *)", None),
        json!({"delete_after_days": 1}),
        AWS,
        "2025-01-01T00:00:00Z",
        3.0,
    );
    assert_eq!(r.snapshots_taken, 145);
    assert!(r
        .notes
        .iter()
        .any(|n| n.code == "schedule_more_than_hourly" && n.path == "/cron"));
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn arb_policy() -> impl Strategy<Value = (Value, RetentionMode)> {
        prop_oneof![
            (1i64..30).prop_map(|n| (json!({"keep_last": n}), R14)),
            (1i64..10, 1i64..5)
                .prop_map(|(d, w)| (json!({"keep_daily": d, "keep_weekly": w}), R16)),
            (1i64..8, 1i64..4)
                .prop_map(|(h, d)| (json!({"keep_hourly": h, "keep_daily": d}), BORG)),
            (1i64..6).prop_map(|d| (json!({"delete_after_days": d}), AWS)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// `cron(M * ? * * *)` in UTC from hh:M equals a 1 h interval from the same instant; the
        /// sampled counts never leave the exact range.
        #[test]
        fn hourly_cron_matches_interval(
            (p, mode) in arb_policy(), minute in 0i64..60, days in 1.0f64..12.0,
        ) {
            let start = format!("2025-03-01T07:{minute:02}:00Z");
            let a = run(&Cadence::Interval { interval_seconds: 3600.0 }, p.clone(), mode, &start, days);
            let b = run(&cron(&format!("cron({minute} * ? * * *)"), Some("UTC")), p.clone(), mode, &start, days);
            prop_assert_eq!(&a.series, &b.series);
            prop_assert_eq!((a.final_held, a.max_held), (b.final_held, b.max_held));
            prop_assert_eq!(steady(&a), steady(&b));
            for s in &a.series {
                prop_assert!(s.held <= a.max_held);
                prop_assert!(s.cold_held <= s.held);
            }
            prop_assert_eq!(a.series.last().map(|s| (s.held, s.snapshots_taken)), Some((a.final_held, a.snapshots_taken)));
            if let Some(ss) = &a.steady_state {
                for s in a.series.iter().filter(|s| s.elapsed_seconds >= ss.from_elapsed_seconds) {
                    prop_assert!(ss.min_held <= s.held && s.held <= ss.max_held);
                }
            }
        }

        /// keep_last n: held at a sample = min(n, backups taken by then).
        #[test]
        fn keep_last_is_min_of_taken(n in 1i64..40, every in 60i64..20_000, horizon in 1i64..2_000_000) {
            let r = retention_footprint(
                &Cadence::Interval { interval_seconds: every as f64 },
                &policy(json!({"keep_last": n})),
                R14,
                t("2025-01-01T00:00:00Z"),
                Seconds(horizon as f64),
                None,
            );
            prop_assert!(r.is_ok());
            let r = r.unwrap_or_else(|_| unreachable!());
            prop_assert_eq!(r.snapshots_taken, (horizon / every + 1) as u64);
            prop_assert!(r.series.len() <= 1001);
            for s in &r.series {
                let taken = (s.elapsed_seconds as i64) / every + 1;
                prop_assert_eq!(s.snapshots_taken, taken as u64);
                prop_assert_eq!(s.held as i64, taken.min(n));
            }
        }
    }
}

/// Hourly backups for 10 years kept `--keep-within 999999y`: every backup stays, so the prune
/// walk would visit 87,601 × 87,602 / 2 ≈ 3.8·10^9 snapshots. Refused before walking.
#[test]
fn quadratic_footprint_is_refused_before_walking() {
    let e = crate::api::json::retention_footprint(
        json!({"interval_seconds": 3600}),
        json!({"keep_within": "999999y"}),
        json!("restic-0.16+"),
        json!("2025-01-01T00:00:00Z"),
        json!("3650d"),
        Value::Null,
    )
    .err();
    assert_eq!(
        e.as_ref().map(|e| e.code),
        Some(ErrorCode::OverBudget),
        "{e:?}"
    );
    assert_eq!(
        first_issue(&e),
        Some(("over_budget".into(), Some("horizon".into()), String::new()))
    );
    // 87,601 backups, all held: 87,601 × 87,602 / 2 + 87,601 × 256 = 3,859,437,257 visits.
    let msg = e.map(|e| e.issues[0].message.clone()).unwrap_or_default();
    assert!(msg.contains("3859437257 snapshot visits"), "{msg}");
}

/// Few snapshots held but millions of backups: each backup's own work counts (256 visits), so
/// 1.5 million daily backups kept 35 days (1,500,001 × (36 + 256) ≈ 4.4·10^8 visits) are refused
/// at once instead of walking for most of a minute.
#[test]
fn millions_of_backups_are_refused_before_walking() {
    let e = crate::api::json::retention_footprint(
        json!({"interval_seconds": 86400}),
        json!({"keep_daily": 35}),
        json!("restic-0.16+"),
        json!("2025-01-01T00:00:00Z"),
        json!("1500000d"),
        Value::Null,
    )
    .err();
    assert_eq!(
        e.as_ref().map(|e| e.code),
        Some(ErrorCode::OverBudget),
        "{e:?}"
    );
}

/// The estimate counts what a policy can hold, not the horizon: daily backups for 100 years
/// with 100 yearly snapshots (36,525 backups, about 100 held) still run.
#[test]
fn long_horizon_with_bounded_policy_still_runs() {
    let r = run(
        &Cadence::Interval {
            interval_seconds: DAY,
        },
        json!({"keep_daily": 7, "keep_yearly": 100}),
        R16,
        "2025-01-01T00:00:00Z",
        36_500.0,
    );
    assert_eq!(r.snapshots_taken, 36_501);
    assert!(r.max_held <= 108, "{}", r.max_held);
}
