#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::json;

use super::*;
use crate::backup::BackupRule;

fn opts(v: serde_json::Value) -> TranslateOptions {
    serde_json::from_value(v).unwrap()
}
fn policy(v: serde_json::Value) -> RetentionPolicy {
    serde_json::from_value(v).unwrap()
}
fn rule<'a>(t: &'a Translation, name: &str) -> &'a BackupRule {
    t.plan.rules.iter().find(|r| r.name == name).unwrap()
}

fn to_aws(p: serde_json::Value, o: serde_json::Value) -> Result<Translation, Error> {
    translate_retention(&TranslateSource::Policy(policy(p)), &opts(o))
}

#[test]
fn restic_policy_maps_periods_with_the_documented_formula() {
    let t = to_aws(
        json!({"keep_daily": 7, "keep_weekly": 4, "keep_monthly": 12, "keep_yearly": 2}),
        json!({"direction": "policy_to_aws"}),
    )
    .unwrap();
    // Hand-computed: 7 × 1, 4 × 7 = 28, ceil(12 × 30.4375 = 365.25) = 366, ceil(2 × 365.25 = 730.5) = 731.
    let days: Vec<(String, Option<i64>, String)> = t
        .plan
        .rules
        .iter()
        .map(|r| {
            (
                r.name.clone(),
                r.retention_days(),
                r.schedule_expression.clone().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        days,
        vec![
            ("daily".into(), Some(7), "cron(0 5 ? * * *)".into()),
            ("weekly".into(), Some(28), "cron(0 5 ? * 1 *)".into()),
            ("monthly".into(), Some(366), "cron(0 5 L * ? *)".into()),
            ("yearly".into(), Some(731), "cron(0 5 31 12 ? *)".into()),
        ]
    );
    assert!(
        !t.plan_issues.iter().any(Issue::is_error),
        "{:?}",
        t.plan_issues
    );
    assert_eq!(t.mode, RetentionMode::Restic016);
    assert_eq!(rule(&t, "daily").start_window_minutes, Some(60));
}

#[test]
fn hourly_rounds_up_to_whole_days_with_a_warning() {
    let t = to_aws(
        json!({"keep_hourly": 36}),
        json!({"direction": "policy_to_aws", "backup_minute": 15}),
    )
    .unwrap();
    let r = rule(&t, "hourly");
    assert_eq!(r.retention_days(), Some(2)); // ceil(36 / 24)
    assert_eq!(r.schedule_expression.as_deref(), Some("cron(15 * ? * * *)"));
    assert!(t
        .report
        .iter()
        .any(|i| i.code == "rounded_up_to_days" && i.path == "/keep_hourly"));
    assert!(!t.exact);
}

#[test]
fn unlimited_depends_on_mode() {
    let t = to_aws(
        json!({"keep_daily": 3, "keep_yearly": "unlimited"}),
        json!({"direction": "policy_to_aws"}),
    )
    .unwrap();
    assert_eq!(rule(&t, "yearly").lifecycle, None);
    let t = to_aws(
        json!({"keep_daily": 3, "keep_yearly": -1}),
        json!({"direction": "policy_to_aws", "mode": "restic-0.14"}),
    )
    .unwrap();
    assert!(t.plan.rules.iter().all(|r| r.name != "yearly"));
    assert!(t
        .report
        .iter()
        .any(|i| i.code == "never_fires_in_mode" && i.path == "/keep_yearly"));
    let t = to_aws(
        json!({"keep_daily": 3, "keep_yearly": -1}),
        json!({"direction": "policy_to_aws", "mode": "borg-1.2"}),
    )
    .unwrap();
    assert_eq!(rule(&t, "yearly").lifecycle, None);
}

#[test]
fn keep_last_and_within_raise_the_finest_rule() {
    let t = to_aws(
        json!({"keep_last": 10, "keep_daily": 7}),
        json!({"direction": "policy_to_aws"}),
    )
    .unwrap();
    assert_eq!(rule(&t, "daily").retention_days(), Some(10));
    assert!(t
        .report
        .iter()
        .any(|i| i.code == "no_aws_equivalent" && i.path == "/keep_last"));
    // borg 2w = 14 days; 1m = 31 days.
    let t = to_aws(
        json!({"keep_within": "1m", "keep_daily": 7}),
        json!({"direction": "policy_to_aws", "mode": "borg-1.2"}),
    )
    .unwrap();
    assert_eq!(rule(&t, "daily").retention_days(), Some(31));
    // restic 36h → 2 days on the hourly rule when there is one.
    let t = to_aws(
        json!({"keep_within": "36h", "keep_hourly": 5}),
        json!({"direction": "policy_to_aws"}),
    )
    .unwrap();
    assert_eq!(rule(&t, "hourly").retention_days(), Some(2));
}

#[test]
fn errors_have_paths() {
    let e = to_aws(
        json!({"keep_daily": 7}),
        json!({"direction": "policy_to_aws", "mode": "aws-backup-lifecycle"}),
    )
    .unwrap_err();
    assert_eq!(e.issues()[0].code, "not_a_keep_policy_mode");
    assert_eq!(e.issues()[0].path, "/mode");
    let e = to_aws(
        json!({"keep_daily": 7, "keep_tag": [["a"]]}),
        json!({"direction": "policy_to_aws", "mode": "borg-1.2"}),
    )
    .unwrap_err();
    assert_eq!(e.issues()[0].code, "not_supported_by_mode");
    assert_eq!(e.issues()[0].path, "/keep_tag");
    assert_eq!(e.issues()[0].input.as_deref(), Some("source"));
    let e = to_aws(
        json!({"keep_tag": [["a"]]}),
        json!({"direction": "policy_to_aws"}),
    )
    .unwrap_err();
    assert_eq!(e.issues()[0].code, "nothing_translatable");
    let e = to_aws(
        json!({"keep_daily": 7}),
        json!({"direction": "policy_to_aws", "backup_hour": 24, "time_zone": "Mars/Base"}),
    )
    .unwrap_err();
    let codes: Vec<&str> = e.issues().iter().map(|i| i.code.as_str()).collect();
    assert_eq!(codes, vec!["out_of_range", "unknown_time_zone"]);
    assert_eq!(e.issues()[1].path, "/time_zone");
}

fn plan(rules: serde_json::Value) -> BackupPlan {
    serde_json::from_value(json!({"name": "p", "rules": rules})).unwrap()
}

#[test]
fn plan_back_to_policy() {
    let p = plan(json!([
        {"name": "d", "target_vault_name": "vault", "schedule_expression": "cron(0 3 ? * * *)", "lifecycle": {"delete_after_days": 35}},
        {"name": "w", "target_vault_name": "vault", "schedule_expression": "cron(0 3 ? * 1 *)", "lifecycle": {"delete_after_days": 28}},
        {"name": "m", "target_vault_name": "vault", "schedule_expression": "cron(0 3 1 * ? *)", "lifecycle": {"delete_after_days": 366}},
        {"name": "y", "target_vault_name": "vault", "schedule_expression": "cron(0 3 1 1 ? *)"}
    ]));
    let t = translate_retention(
        &TranslateSource::Plan(p),
        &opts(json!({"direction": "aws_to_policy"})),
    )
    .unwrap();
    // 35 / 1, 28 / 7, round(366 / 30.4375 = 12.02), no lifecycle → unlimited.
    assert_eq!(
        t.policy,
        policy(
            json!({"keep_daily": 35, "keep_weekly": 4, "keep_monthly": 12, "keep_yearly": "unlimited"})
        )
    );
}

#[test]
fn forward_then_back_gives_the_same_counts() {
    for n in 1..=60i64 {
        for field in ["keep_daily", "keep_weekly", "keep_monthly", "keep_yearly"] {
            let t = to_aws(json!({ field: n }), json!({"direction": "policy_to_aws"})).unwrap();
            let b = translate_retention(
                &TranslateSource::Plan(t.plan.clone()),
                &opts(json!({"direction": "aws_to_policy"})),
            )
            .unwrap();
            assert_eq!(b.policy, policy(json!({ field: n })), "{field} {n}");
        }
    }
}

#[test]
fn daily_simulation_matches_exactly() {
    // daily 7 from 2025-01-01T00:00Z: the tool keeps 12-25 … 12-31 05:00; AWS (7 days) keeps points
    // created after 2025-12-25T00:00 — the same seven.
    let t = to_aws(
        json!({"keep_daily": 7}),
        json!({"direction": "policy_to_aws", "simulate_from": "2025-01-01T00:00:00Z"}),
    )
    .unwrap();
    let s = t.simulation.unwrap();
    assert_eq!(s.snapshots_simulated, 365);
    assert_eq!(s.aws_points_created, 365);
    assert_eq!(
        (s.policy_kept_count, s.aws_kept_count, s.common_count),
        (7, 7, 7)
    );
    assert_eq!(s.count_difference, 0);
    assert_eq!(s.end, "2026-01-01T00:00:00Z");
}

#[test]
fn weekly_simulation_counts_the_current_week_once() {
    // daily 7 + weekly 4, restic-0.16+, year 2025 (UTC). Tool: days 12-25…12-31, weeks: ISO
    // 2026-W01 (Mon 12-29 … newest 12-31), W52 (Sun 12-28), W51 (12-21), W50 (12-14) →
    // 7 + {12-21, 12-14} = 9. AWS: daily 12-25…12-31, Sundays with age < 28 d: 12-07 is
    // created 2025-12-07T05:00, end − 28 d = 2025-12-04T00:00 → 12-07, 12-14, 12-21, 12-28 → 7 + 2
    // (12-07, 12-14, 12-21 minus those in the daily window: 12-28) = 7 + 3 = 10.
    let t = to_aws(
        json!({"keep_daily": 7, "keep_weekly": 4}),
        json!({"direction": "policy_to_aws", "simulate_from": "2025-01-01T00:00:00Z"}),
    )
    .unwrap();
    let s = t.simulation.unwrap();
    assert_eq!(s.policy_kept_count, 9);
    assert_eq!(s.aws_kept_count, 10);
    assert_eq!(s.only_in_aws, vec!["2025-12-07T05:00:00Z".to_owned()]);
    assert!(s.only_in_policy.is_empty());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Any mix of period counts gives a plan without validation errors that translates back to
    /// the same counts (the formulas are inverse), in every keep-policy mode.
    #[test]
    fn mixed_counts_round_trip(
        h in 0i64..100, d in 0i64..400, w in 0i64..200, m in 0i64..300, y in 0i64..50,
        mode in proptest::sample::select(vec!["restic-0.14", "restic-0.16+", "borg-1.2"]),
    ) {
        let mut p = serde_json::Map::new();
        for (k, v) in [("keep_hourly", h * 24), ("keep_daily", d), ("keep_weekly", w), ("keep_monthly", m), ("keep_yearly", y)] {
            if v > 0 { p.insert(k.into(), json!(v)); }
        }
        proptest::prop_assume!(!p.is_empty());
        let o = json!({"direction": "policy_to_aws", "mode": mode});
        let t = to_aws(serde_json::Value::Object(p.clone()), o).unwrap();
        proptest::prop_assert!(!t.plan_issues.iter().any(Issue::is_error));
        let b = translate_retention(&TranslateSource::Plan(t.plan.clone()), &opts(json!({"direction": "aws_to_policy", "mode": mode}))).unwrap();
        proptest::prop_assert_eq!(b.policy, policy(serde_json::Value::Object(p)));
    }
}

/// Findings about a plan given as `source` name `source`; a derived plan's have no input (their
/// paths point into the result's `plan`).
#[test]
fn plan_issues_name_the_argument() {
    let plan: crate::backup::BackupPlan = serde_json::from_value(json!({"name": "p", "rules": [
        {"name": "daily", "target_vault_name": "prod", "schedule_expression": "cron(0 5 ? * * *)",
         "lifecycle": {"delete_after_days": 35}}]}))
    .unwrap();
    let t = translate_retention(
        &TranslateSource::Plan(plan),
        &opts(json!({"direction": "aws_to_policy"})),
    )
    .unwrap();
    assert!(!t.plan_issues.is_empty());
    assert!(t
        .plan_issues
        .iter()
        .all(|i| i.input.as_deref() == Some("source")));
    let t = to_aws(
        json!({"keep_daily": 7}),
        json!({"direction": "policy_to_aws"}),
    )
    .unwrap();
    assert!(!t.plan_issues.is_empty());
    assert!(t.plan_issues.iter().all(|i| i.input.is_none()));
}
