#![allow(clippy::indexing_slicing, clippy::panic, clippy::unwrap_used)]

use super::*;
use crate::backup::restore_testing::{
    ProtectedResourceConditions, RecoveryPointSelection, ResourceCondition,
};
use proptest::prelude::*;

const PLAN: &str = r#"{"BackupPlan": {"BackupPlanName": "prod", "Rules": [
  {"RuleName": "daily", "TargetBackupVaultName": "prod-vault", "ScheduleExpression": "cron(0 5 ? * * *)",
   "StartWindowMinutes": 60, "Lifecycle": {"DeleteAfterDays": 35}},
  {"RuleName": "weekly", "TargetBackupVaultName": "weekly-vault", "ScheduleExpression": "cron(0 6 ? * MON *)",
   "StartWindowMinutes": 60, "Lifecycle": {"DeleteAfterDays": 90}}]}}"#;

fn resources() -> Vec<Resource> {
    serde_json::from_value(serde_json::json!([
        {"id": "db", "arn": "arn:aws:rds:us-east-1:111122223333:db:orders", "size_gib": 100, "tags": {"env": "prod"}},
        {"id": "db2", "arn": "arn:aws:rds:us-east-1:111122223333:db:staging", "size_gib": 10, "tags": {"env": "dev"}},
        {"id": "vol", "arn": "arn:aws:ec2:us-east-1:111122223333:volume/vol-1", "size_gib": 50}
    ]))
    .unwrap()
}

fn testing(
    expr: &str,
    algorithm: &str,
    days: i64,
    include: &[&str],
    exclude: &[&str],
) -> RestoreTestingInput {
    let mut plan = RestoreTestingPlan::new("tests");
    plan.schedule_expression = Some(expr.into());
    plan.recovery_point_selection = Some(RecoveryPointSelection {
        algorithm: Some(algorithm.into()),
        recovery_point_types: vec!["SNAPSHOT".into()],
        include_vaults: include.iter().map(|s| (*s).to_owned()).collect(),
        exclude_vaults: exclude.iter().map(|s| (*s).to_owned()).collect(),
        selection_window_days: Some(days),
    });
    let mut dbs = RestoreTestingSelection::new("dbs", "RDS");
    dbs.protected_resource_arns = vec!["*".into()];
    dbs.protected_resource_conditions = Some(ProtectedResourceConditions {
        string_equals: vec![ResourceCondition {
            key: "aws:ResourceTag/env".into(),
            value: "prod".into(),
        }],
        string_not_equals: vec![],
    });
    let mut vols = RestoreTestingSelection::new("vols", "EBS");
    vols.protected_resource_arns = vec!["*".into()];
    RestoreTestingInput {
        plan,
        selections: vec![dbs, vols],
    }
}

fn options(days: f64, seed: u64) -> RestoreTestingOptions {
    RestoreTestingOptions {
        start: "2026-01-01T00:00:00Z".into(),
        horizon_days: Some(days),
        seed: Some(seed),
        plan_name: None,
        backup_plan_name: None,
        list_picks: None,
    }
}

fn run(t: &RestoreTestingInput, o: &RestoreTestingOptions) -> RestoreTestingSimulation {
    simulate_restore_testing(
        t,
        PLAN,
        &resources(),
        o,
        &crate::pricing::default_price_book(),
    )
    .unwrap()
}

fn res<'a>(s: &'a RestoreTestingSimulation, id: &str) -> &'a ResourceTesting {
    s.resources.iter().find(|r| r.resource_id == id).unwrap()
}

#[test]
fn latest_picks_the_newest_point_and_conditions_filter() {
    let s = run(
        &testing("cron(0 12 ? * * *)", "LATEST_WITHIN_WINDOW", 7, &["*"], &[]),
        &options(10.0, 0),
    );
    assert_eq!(s.runs.len(), 10);
    // 12:00 runs pick the 05:00 daily of the same day (7 hours old), on Monday the weekly of
    // 06:00 (6 hours old).
    for r in &s.runs {
        let monday = r.at.starts_with("2026-01-05");
        for p in &r.picks {
            let want = if monday { 6.0 } else { 7.0 };
            assert_eq!(p.point_age_seconds, want * 3600.0, "{p:?}");
            assert_eq!(p.vault, if monday { "weekly-vault" } else { "prod-vault" });
        }
    }
    assert_eq!(res(&s, "db").tests, 10);
    assert_eq!(res(&s, "vol").tests, 10);
    assert_eq!(res(&s, "db2").never_tested.as_deref(), Some("not_selected"));
    assert_eq!(s.coverage.ever_tested, 2);
    assert_eq!(s.runs[0].ever_tested, 2);
}

#[test]
fn never_tested_reasons() {
    // A run at 01:00 on the first day, before the first backup of 05:00.
    let s = run(
        &testing("cron(0 1 ? * * *)", "LATEST_WITHIN_WINDOW", 1, &["*"], &[]),
        &options(0.5, 0),
    );
    assert_eq!(s.runs.len(), 1);
    assert_eq!(
        res(&s, "db").never_tested.as_deref(),
        Some("no_point_in_window")
    );
    // Only the weekly vault: the daily points are in a vault IncludeVaults does not match.
    let s = run(
        &testing(
            "cron(0 12 ? * * *)",
            "LATEST_WITHIN_WINDOW",
            1,
            &["arn:aws:backup:us-east-1:*:backup-vault:weekly-*"],
            &[],
        ),
        &options(4.0, 0),
    );
    assert_eq!(
        res(&s, "db").never_tested.as_deref(),
        Some("vault_excluded")
    );
    let s = run(
        &testing(
            "cron(0 12 ? * * *)",
            "LATEST_WITHIN_WINDOW",
            7,
            &["*"],
            &["arn:aws:backup:*:*:backup-vault:*"],
        ),
        &options(4.0, 0),
    );
    assert_eq!(
        res(&s, "db").never_tested.as_deref(),
        Some("vault_excluded")
    );
    let mut t = testing("cron(0 12 ? * * *)", "LATEST_WITHIN_WINDOW", 7, &["*"], &[]);
    t.plan
        .recovery_point_selection
        .as_mut()
        .unwrap()
        .recovery_point_types = vec!["CONTINUOUS".into()];
    let s = run(&t, &options(4.0, 0));
    assert_eq!(
        res(&s, "vol").never_tested.as_deref(),
        Some("type_not_selected")
    );
}

#[test]
fn random_is_seeded_and_stays_in_the_window() {
    let t = testing("cron(0 12 ? * * *)", "RANDOM_WITHIN_WINDOW", 5, &["*"], &[]);
    let a = run(&t, &options(30.0, 42));
    let b = run(&t, &options(30.0, 42));
    assert_eq!(a, b);
    let c = run(&t, &options(30.0, 43));
    assert_ne!(a.runs, c.runs);
    let ages: Vec<f64> = a
        .runs
        .iter()
        .flat_map(|r| r.picks.iter().map(|p| p.point_age_seconds))
        .collect();
    assert!(ages.iter().all(|x| *x >= 0.0 && *x <= 5.0 * 86_400.0));
    assert!(ages.iter().any(|x| *x > 86_400.0), "{ages:?}");
}

#[test]
fn over_budget_before_picking() {
    let t = testing("cron(0 * ? * * *)", "LATEST_WITHIN_WINDOW", 7, &["*"], &[]);
    let e = simulate_restore_testing(
        &t,
        PLAN,
        &resources(),
        &options(36_500.0, 0),
        &crate::pricing::default_price_book(),
    );
    let e = e.err().unwrap();
    assert_eq!(e.code, crate::error::ErrorCode::OverBudget);
    assert_eq!(e.issues[0].path, "/horizon_days");
}

#[test]
fn bad_schedule_points_into_testing() {
    let t = testing("cron(0 99 ? * * *)", "LATEST_WITHIN_WINDOW", 7, &["*"], &[]);
    let e = simulate_restore_testing(
        &t,
        PLAN,
        &resources(),
        &options(10.0, 0),
        &crate::pricing::default_price_book(),
    )
    .err()
    .unwrap();
    assert_eq!(e.issues[0].input.as_deref(), Some("testing"));
    assert!(
        e.issues[0].path.starts_with("/plan/schedule_expression"),
        "{:?}",
        e.issues
    );
}

#[test]
fn json_twin_reads_documents() {
    let testing = serde_json::json!({"RestoreTestingPlan": {"RestoreTestingPlanName": "t", "ScheduleExpression": "cron(0 12 ? * * *)",
        "RecoveryPointSelection": {"Algorithm": "LATEST_WITHIN_WINDOW", "IncludeVaults": ["*"], "RecoveryPointTypes": ["SNAPSHOT"]}}});
    let out = crate::api::json::simulate_restore_testing(
        testing,
        Value::String(PLAN.into()),
        serde_json::to_value(resources()).unwrap(),
        serde_json::json!({"start": "2026-01-01T00:00:00Z", "horizon_days": 3}),
        Value::Null,
    )
    .unwrap();
    // No selection: nothing is selected.
    assert_eq!(out["coverage"]["selected"], 0);
    assert_eq!(out["coverage"]["never_tested"]["not_selected"], 3);
    let e = crate::api::json::simulate_restore_testing(
        Value::from(3),
        Value::String(PLAN.into()),
        Value::Null,
        serde_json::json!({"horizon_days": 3}),
        Value::Null,
    )
    .err()
    .unwrap();
    let inputs: Vec<_> = e
        .issues
        .iter()
        .map(|i| i.input.clone().unwrap_or_default())
        .collect();
    assert!(
        inputs.contains(&"options".to_owned()) && inputs.contains(&"testing".to_owned()),
        "{:?}",
        e.issues
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// Testing more often never lowers coverage: a daily schedule at the same hour runs on
    /// every day a weekly one does.
    #[test]
    fn more_frequent_tests_never_lower_coverage(days in 1i64..30, hour in 0u32..24, horizon in 2.0f64..40.0) {
        let weekly = testing(&format!("cron(0 {hour} ? * MON *)"), "LATEST_WITHIN_WINDOW", days, &["*"], &[]);
        let daily = testing(&format!("cron(0 {hour} ? * * *)"), "LATEST_WITHIN_WINDOW", days, &["*"], &[]);
        let w = run(&weekly, &options(horizon, 0));
        let d = run(&daily, &options(horizon, 0));
        prop_assert!(d.coverage.ever_tested >= w.coverage.ever_tested);
        for r in &w.resources {
            prop_assert!(res(&d, &r.resource_id).tests >= r.tests);
        }
    }

    /// A narrower SelectionWindowDays never picks an older point (LATEST: the same or none;
    /// RANDOM: within the narrower window).
    #[test]
    fn narrower_window_never_picks_older(narrow in 1i64..20, extra in 0i64..20, seed in 0u64..1000) {
        let wide = narrow + extra;
        for algorithm in ["LATEST_WITHIN_WINDOW", "RANDOM_WITHIN_WINDOW"] {
            let a = run(&testing("cron(0 12 ? * * *)", algorithm, narrow, &["*"], &[]), &options(25.0, seed));
            let b = run(&testing("cron(0 12 ? * * *)", algorithm, wide, &["*"], &[]), &options(25.0, seed));
            for (ra, rb) in a.runs.iter().zip(&b.runs) {
                for p in &ra.picks {
                    prop_assert!(p.point_age_seconds <= narrow as f64 * 86_400.0);
                    if algorithm == "LATEST_WITHIN_WINDOW" {
                        let q = rb.picks.iter().find(|q| q.resource_id == p.resource_id).unwrap();
                        prop_assert!(p.point_age_seconds <= q.point_age_seconds);
                    }
                }
            }
        }
    }
}
