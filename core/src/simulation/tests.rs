//! Hand-checked simulations (expected numbers worked out in the comments) and invariants.

use proptest::prelude::*;
use serde_json::{json, Value};

use super::*;

const DAY: f64 = 86_400.0;
const HOUR: f64 = 3_600.0;

fn run(plan: Value, resources: Value, options: Value) -> Value {
    match crate::api::json::simulate_backup_plan(plan, resources, options) {
        Ok(v) => v,
        Err(e) => panic!("{e:?}"),
    }
}

fn err(plan: Value, resources: Value, options: Value) -> Error {
    match crate::api::json::simulate_backup_plan(plan, resources, options) {
        Ok(v) => panic!("expected an error, got {}", v["plan_name"]),
        Err(e) => e,
    }
}

fn daily_plan(copy: bool) -> Value {
    let mut rule = json!({"name": "daily", "target_vault_name": "prod", "schedule_expression": "cron(0 5 ? * * *)",
        "start_window_minutes": 60, "lifecycle": {"delete_after_days": 35}});
    if copy {
        rule["copy_actions"] = json!([{"destination_vault_arn": "arn:aws:backup:us-west-2:111122223333:backup-vault:dr",
            "lifecycle": {"delete_after_days": 35}}]);
    }
    json!({"name": "p", "region": "us-east-1", "account": "111122223333", "rules": [rule]})
}

fn ebs(size: f64, rate: f64) -> Value {
    json!([{"id": "vol-1", "resource_type": "EBS", "size_gib": size, "change_rate": rate}])
}

fn rpo<'a>(out: &'a Value, d: &str) -> &'a Value {
    out["resources"][0]["rpo"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["disruption"] == d))
        .unwrap_or(&Value::Null)
}

/// Daily at 05:00 UTC, kept 35 days, 100 GiB changing 2 %/day, sampled daily at 00:00:
/// point k lives [k d + 5 h, (k + 35) d + 5 h), so every midnight from day 35 on sees 35 of
/// them. Stored: 100 GiB base (the full point, then the chain base 100 − 2 = 98 after it
/// expires) + 34 × 2 GiB increments = 168 GiB.
#[test]
fn daily_35_days_holds_35_points() {
    let out = run(
        daily_plan(false),
        ebs(100.0, 0.02),
        json!({"start": "2026-01-01T00:00:00Z", "horizon_days": 100}),
    );
    let st = &out["inventory"]["steady_state"];
    assert_eq!(st["reached"], true);
    assert_eq!(st["by_vault"][0]["min_count"], 35);
    assert_eq!(st["by_vault"][0]["max_count"], 35);
    assert_eq!(st["by_vault"][0]["min_gib"], 168.0);
    assert_eq!(st["repeats_exactly"], true);
    // fill = first deletion: 35 d 5 h; first midnight after it is day 36.
    assert_eq!(st["fill_seconds"], 35.0 * DAY + 5.0 * HOUR);
    assert_eq!(st["at_seconds"], 36.0 * DAY);
    assert_eq!(out["point_count"], 100);
    // Two records: the full point, then 99 identical incrementals.
    let recs = out["recovery_points"].as_array().unwrap();
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["full"], true);
    assert_eq!(recs[0]["size_gib"], 100.0);
    assert_eq!(recs[1]["size_gib"], 2.0);
    assert_eq!(recs[1]["repeat"]["count"], 99);
    assert_eq!(recs[1]["deleted_at_seconds"], 36.0 * DAY + 5.0 * HOUR);
    // The chain base starts when the full point expires and ends with the chain.
    let base = &out["chain_bases"][0];
    assert_eq!(base["size_gib"], 98.0);
    assert_eq!(base["created_at_seconds"], 35.0 * DAY + 5.0 * HOUR);
    assert_eq!(base["deleted_at_seconds"], 134.0 * DAY + 5.0 * HOUR);
    // RPO (dr-strategies.md §5.2): I + W + J = 24 h + 1 h + 1 h (defaults J = 1 h).
    let az = rpo(&out, "az");
    assert_eq!(az["worst_seconds"], 26.0 * HOUR);
    assert_eq!(az["typical_seconds"], 13.0 * HOUR);
    assert_eq!(rpo(&out, "region")["covered"], false);
    assert_eq!(
        out["resources"][0]["coverage"][0],
        "any day of the last 35 days"
    );
}

/// The records feed the cost engine unchanged: the JSON shape deserializes into
/// `cost::RecoveryPointLife` (deny_unknown_fields), and `cost_records` bills.
#[test]
fn records_are_cost_engine_input() {
    let out = run(
        daily_plan(true),
        ebs(100.0, 0.02),
        json!({"start": "2026-01-01T00:00:00Z", "horizon_days": 60}),
    );
    let mut all = out["recovery_points"].as_array().unwrap().clone();
    all.extend(out["chain_bases"].as_array().unwrap().iter().cloned());
    let parsed: Vec<crate::cost::RecoveryPointLife> =
        serde_json::from_value(Value::Array(all)).unwrap();
    let plan: BackupPlan = serde_json::from_value(daily_plan(true)).unwrap();
    let res: Vec<Resource> = serde_json::from_value(ebs(100.0, 0.02)).unwrap();
    let mut o = SimulationOptions::starting("2026-01-01T00:00:00Z");
    o.horizon_days = Some(60.0);
    let sim = simulate_backup_plan(&plan, &res, &o).unwrap();
    assert_eq!(sim.cost_records(), parsed);
    assert_eq!(parsed[0].resource_type.name(), "EBS");
    // …and the cost engine bills them with the embedded price book.
    let bill = crate::cost::backup_cost(
        &parsed,
        &crate::pricing::default_price_book(),
        &Default::default(),
    );
    assert!(bill.is_ok(), "{:?}", bill.err());
}

/// Region RPO = 24 h + start window 1 h + job 2 h + copy lag 3 h = 30 h; copies keep the
/// source's creation date (aws-backup.md §9) and land J + C after it.
#[test]
fn cross_region_rpo_and_copy_timing() {
    let out = run(
        daily_plan(true),
        ebs(100.0, 0.02),
        json!({"start": "2026-01-01T00:00:00Z", "horizon_days": 60, "job_duration_seconds": "2h", "copy_lag_seconds": "3h"}),
    );
    let region = rpo(&out, "region");
    assert_eq!(region["worst_seconds"], 30.0 * HOUR);
    let names: Vec<&str> = region["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "backup_interval",
            "start_window",
            "job_duration",
            "copy_lag"
        ]
    );
    // typical = 12 h + J + C
    assert_eq!(region["typical_seconds"], 17.0 * HOUR);
    let copy = out["recovery_points"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["region"] == "us-west-2")
        .unwrap()
        .clone();
    assert_eq!(copy["created_at_seconds"], 5.0 * HOUR);
    assert_eq!(copy["copy"]["copied_at_seconds"], 10.0 * HOUR);
    assert_eq!(copy["copy"]["transferred_gib"], 100.0);
    assert_eq!(copy["deleted_at_seconds"], 35.0 * DAY + 5.0 * HOUR);
    let later = out["recovery_points"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["region"] == "us-west-2")
        .nth(1)
        .unwrap()
        .clone();
    assert_eq!(later["copy"]["transferred_gib"], 2.0);
    // Same-account copy: no account-compromise protection.
    assert_eq!(rpo(&out, "account_compromise")["covered"], false);
}

/// Monthly on the 1st at 05:00, EFS (tiers), cold after 30 days, deleted after 365, sampled at
/// midnight. After the first year 12 points are held, 11 on 2028-03-01 (the 2027-03-01 point
/// expires 365 days later, on 2028-02-29, before its successor). Warm: usually the newest
/// only; 0 at midnight on the 1st after a 31-day month (the old point turned cold at 05:00 on
/// the 31st, the new one comes at 05:00); 2 on the 2nd and 3rd of March (30 days outlast
/// February).
#[test]
fn monthly_cold_then_delete() {
    let plan = json!({"name": "m", "region": "eu-west-1", "rules": [{"name": "monthly", "target_vault_name": "v1",
        "schedule_expression": "cron(0 5 1 * ? *)", "start_window_minutes": 60,
        "lifecycle": {"move_to_cold_after_days": 30, "delete_after_days": 365}}]});
    let out = run(
        plan,
        json!([{"id": "fs", "resource_type": "EFS", "size_gib": 50, "change_rate": 0.01}]),
        json!({"start": "2026-01-01T00:00:00Z", "horizon_days": 1095, "sample_every": "1d"}),
    );
    let st = &out["inventory"]["steady_state"];
    assert_eq!(st["reached"], true);
    assert_eq!(st["cycle_seconds"], 31.0 * DAY);
    let b = &st["by_vault"][0];
    assert_eq!(
        (b["min_warm_count"].as_u64(), b["max_warm_count"].as_u64()),
        (Some(0), Some(2)),
        "{b}"
    );
    assert_eq!(
        (b["min_count"].as_u64(), b["max_count"].as_u64()),
        (Some(11), Some(12)),
        "{b}"
    );
    assert_eq!(
        (b["min_cold_count"].as_u64(), b["max_cold_count"].as_u64()),
        (Some(10), Some(12)),
        "{b}"
    );
    // 2028-03-01T00:00Z is day 790 after 2026-01-01.
    let k = 790;
    assert_eq!(out["inventory"]["sample_seconds"][k], 790.0 * DAY);
    let v = &out["inventory"]["by_vault"][0];
    assert_eq!(
        v["warm_count"][k].as_u64().unwrap() + v["cold_count"][k].as_u64().unwrap(),
        11
    );
    let first = &out["recovery_points"][0];
    assert_eq!(first["created_at_seconds"], 5.0 * HOUR);
    assert_eq!(first["cold_at_seconds"], 30.0 * DAY + 5.0 * HOUR);
    assert_eq!(first["deleted_at_seconds"], 365.0 * DAY + 5.0 * HOUR);
    assert!(out["resources"][0]["coverage"][0]
        .as_str()
        .unwrap()
        .contains("the 1st of any month of the last 12 months"));
}

/// RDS never tiers: the cold transition is ignored with a note (L6).
#[test]
fn cold_ignored_for_rds() {
    let plan = json!({"name": "m", "region": "eu-west-1", "rules": [{"name": "monthly", "target_vault_name": "v1",
        "schedule_expression": "cron(0 5 1 * ? *)", "lifecycle": {"move_to_cold_after_days": 30, "delete_after_days": 365}}]});
    let out = run(
        plan,
        json!([{"id": "db", "resource_type": "RDS", "size_gib": 50}]),
        json!({"start": "2026-01-01T00:00:00Z", "horizon_days": 400}),
    );
    assert_eq!(out["recovery_points"][0]["cold_at_seconds"], Value::Null);
    assert!(out["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["code"] == "cold_ignored"));
    assert!(out["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["code"] == "change_rate_missing"));
}

/// Continuous + daily snapshots for Aurora: one continuous point, PITR RPO = 5 min.
#[test]
fn continuous_and_daily() {
    let plan = json!({"name": "c", "region": "us-east-1", "rules": [
        {"name": "pitr", "target_vault_name": "v1", "enable_continuous_backup": true, "schedule_expression": "cron(0 * ? * * *)", "lifecycle": {"delete_after_days": 35}},
        {"name": "daily", "target_vault_name": "v1", "schedule_expression": "cron(0 5 ? * * *)", "lifecycle": {"delete_after_days": 35}}]});
    let out = run(
        plan,
        json!([{"id": "db", "resource_type": "Aurora", "size_gib": 200, "change_rate": "2 GiB"}]),
        json!({"start": "2026-01-01T00:00:00Z", "horizon_days": 60}),
    );
    let cont: Vec<&Value> = out["recovery_points"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["continuous"] == true)
        .collect();
    assert_eq!(cont.len(), 1);
    // full + 35 days × 2 GiB of change
    assert_eq!(cont[0]["size_gib"], 270.0);
    assert_eq!(cont[0]["deleted_at_seconds"], Value::Null);
    assert_eq!(rpo(&out, "az")["worst_seconds"], 300.0);
    assert_eq!(
        out["resources"][0]["coverage"][0],
        "any second of the last 35 days (PITR)"
    );
    assert_eq!(
        out["resources"][0]["coverage"][1],
        "any day of the last 35 days"
    );
    // Only the daily rule makes snapshots: 60 of them.
    assert_eq!(out["point_count"], 61);
}

/// The same plan for EBS (no PITR): the continuous rule falls back to snapshots (§8).
#[test]
fn continuous_falls_back_for_ebs() {
    let plan = json!({"name": "c", "region": "us-east-1", "rules": [
        {"name": "pitr", "target_vault_name": "v1", "enable_continuous_backup": true, "schedule_expression": "cron(0 */6 ? * * *)", "lifecycle": {"delete_after_days": 7}}]});
    let out = run(
        plan,
        ebs(10.0, 0.0),
        json!({"start": "2026-01-01T00:00:00Z", "horizon_days": 10}),
    );
    assert_eq!(out["point_count"], 40);
    assert!(out["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["code"] == "continuous_fallback"));
}

/// Hourly (kept 2 d) + daily at 05:00 (kept 35 d), 1-hour start windows: the 05:00 hourly run
/// overlaps the daily one and is merged into it (§14.2), so 23 hourly + 1 daily a day.
#[test]
fn overlapping_rules_merge() {
    let plan = json!({"name": "o", "region": "us-east-1", "rules": [
        {"name": "hourly", "target_vault_name": "v1", "schedule_expression": "cron(0 * ? * * *)", "start_window_minutes": 60, "lifecycle": {"delete_after_days": 2}},
        {"name": "daily", "target_vault_name": "v1", "schedule_expression": "cron(0 5 ? * * *)", "start_window_minutes": 60, "lifecycle": {"delete_after_days": 35}}]});
    let opts = json!({"start": "2026-01-01T00:00:00Z", "horizon_days": 10});
    let out = run(plan.clone(), ebs(10.0, 0.24), opts.clone());
    let series = out["series"].as_array().unwrap();
    let hourly = series.iter().find(|s| s["rule"] == "hourly").unwrap();
    assert_eq!(hourly["points"], 230);
    assert_eq!(out["point_count"], 240);
    // An hourly increment is 1 h of change: 10 × 0.24 / 24 = 0.1 GiB.
    let inc = out["recovery_points"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["full"] == false)
        .unwrap()
        .clone();
    assert!((inc["size_gib"].as_f64().unwrap() - 0.1).abs() < 1e-12);
    // Without merging: 240 hourly + 10 daily.
    let mut o2 = opts;
    o2["overlap"] = json!("none");
    let out2 = run(plan, ebs(10.0, 0.24), o2);
    assert_eq!(out2["point_count"], 250);
    // Local RPO: a point every hour → 1 h + W + J.
    assert_eq!(rpo(&out, "az")["worst_seconds"], 3.0 * HOUR);
}

/// Jobs at the end of the start window: points are created W after the scheduled time.
#[test]
fn window_end_timing() {
    let out = run(
        daily_plan(false),
        ebs(1.0, 0.0),
        json!({"start": "2026-01-01T00:00:00Z", "horizon_days": 3, "start_timing": "window_end"}),
    );
    assert_eq!(out["recovery_points"][0]["created_at_seconds"], 6.0 * HOUR);
}

/// Corruption at day 50 12:00: the newest point before it is day 50 05:00 (7 h lost); the last
/// clean point expires 35 days after the oldest clean one still alive → detection within
/// 35 d − 7 h.
#[test]
fn corruption_newest_clean_point() {
    let out = run(
        daily_plan(false),
        ebs(1.0, 0.0),
        json!({"start": "2026-01-01T00:00:00Z", "horizon_days": 100, "corruption_at": "2026-02-20T12:00:00Z"}),
    );
    let c = rpo(&out, "corruption");
    assert_eq!(c["worst_seconds"], 7.0 * HOUR);
    assert_eq!(
        c["corruption"]["clean_point_created_at_seconds"],
        50.0 * DAY + 5.0 * HOUR
    );
    assert_eq!(
        c["corruption"]["latest_detection_seconds"],
        85.0 * DAY + 5.0 * HOUR
    );
}

/// Tag selections pick resources (aws-backup.md §3); others are not protected.
#[test]
fn selections_filter_resources() {
    let opts = json!({"start": "2026-01-01T00:00:00Z", "horizon_days": 5,
        "selections": [{"name": "tagged", "list_of_tags": [{"condition_type": "STRINGEQUALS", "key": "backup", "value": "daily"}]}]});
    let res = json!([
        {"id": "a", "resource_type": "EBS", "size_gib": 1, "tags": {"backup": "daily"}},
        {"id": "b", "resource_type": "EBS", "size_gib": 1, "tags": {"backup": "never"}}]);
    let out = run(daily_plan(false), res, opts);
    assert_eq!(out["resources"][0]["protected"], true);
    assert_eq!(out["resources"][1]["protected"], false);
    assert_eq!(out["point_count"], 5);
}

/// Retention shorter than the interval: points expire before the next one → no bound.
#[test]
fn holes_make_rpo_unbounded() {
    let plan = json!({"name": "h", "region": "us-east-1", "rules": [{"name": "weekly", "target_vault_name": "v1",
        "schedule_expression": "cron(0 5 ? * SUN *)", "lifecycle": {"delete_after_days": 1}}]});
    let out = run(
        plan,
        ebs(1.0, 0.0),
        json!({"start": "2026-01-01T00:00:00Z", "horizon_days": 60}),
    );
    let az = rpo(&out, "az");
    assert_eq!(az["worst_seconds"], Value::Null);
    assert_eq!(az["covered"], true);
}

/// Keep-forever rules never reach a steady state.
#[test]
fn indefinite_retention_is_never_steady() {
    let plan = json!({"name": "f", "region": "us-east-1", "rules": [{"name": "forever", "target_vault_name": "v1"}]});
    let out = run(
        plan,
        ebs(1.0, 0.0),
        json!({"start": "2026-01-01T00:00:00Z", "horizon_days": 30}),
    );
    let st = &out["inventory"]["steady_state"];
    assert_eq!(st["reached"], false);
    assert!(
        st["message"].as_str().unwrap().contains("indefinitely"),
        "{st}"
    );
}

#[test]
fn bad_inputs_report_paths() {
    let e = err(
        daily_plan(false),
        ebs(1.0, 0.0),
        json!({"start": "yesterday", "horizon_days": 0}),
    );
    let paths: Vec<(&str, &str)> = e
        .issues
        .iter()
        .map(|i| (i.code.as_str(), i.path.as_str()))
        .collect();
    assert_eq!(
        paths,
        [
            ("invalid_timestamp", "/start"),
            ("out_of_range", "/horizon_days")
        ]
    );
    let e = err(
        daily_plan(false),
        json!([{"id": "x", "size_gib": 1}]),
        json!({"start": "2026-01-01T00:00:00Z"}),
    );
    assert_eq!(
        (e.issues[0].code.as_str(), e.issues[0].path.as_str()),
        ("missing_field", "/0/resource_type")
    );
    let e = err(
        daily_plan(false),
        json!([{"id": "x", "resource_type": "EBS", "size_gib": -1}]),
        json!({"start": "2026-01-01T00:00:00Z"}),
    );
    assert_eq!(
        (e.issues[0].code.as_str(), e.issues[0].path.as_str()),
        ("out_of_range", "/0/size_gib")
    );
    let mut p = daily_plan(false);
    p["rules"][0]["schedule_expression"] = json!("cron(0 5 * * * *)");
    let e = err(p, ebs(1.0, 0.0), json!({"start": "2026-01-01T00:00:00Z"}));
    assert_eq!(e.issues[0].path, "/rules/0/schedule_expression");
    assert_eq!(e.issues[0].input.as_deref(), Some("plan"));
    // Too many points: an hourly rule over 100 years for 100 resources.
    let plan = json!({"name": "x", "region": "us-east-1", "rules": [{"name": "h", "target_vault_name": "v1", "schedule_expression": "cron(0 * ? * * *)", "lifecycle": {"delete_after_days": 1}}]});
    let many: Vec<Value> = (0..100)
        .map(|i| json!({"id": format!("r{i}"), "resource_type": "EBS", "size_gib": 1}))
        .collect();
    let e = err(
        plan,
        Value::Array(many),
        json!({"start": "2026-01-01T00:00:00Z", "horizon_days": 36500}),
    );
    assert_eq!(
        (e.issues[0].code.as_str(), e.issues[0].path.as_str()),
        ("too_many_points", "/horizon_days")
    );
    // Several plans in a document without a selector.
    let doc = json!({"plans": {"a": {"rules": {"r": {"target_backup_vault_name": {"@@assign": "v1"}}}}, "b": {"rules": {"r": {"target_backup_vault_name": {"@@assign": "v1"}}}}}});
    let e = err(
        doc.clone(),
        ebs(1.0, 0.0),
        json!({"start": "2026-01-01T00:00:00Z"}),
    );
    assert_eq!(e.issues[0].code, "ambiguous_plan");
    let ok = crate::api::json::simulate_backup_plan(
        doc,
        json!([{"id": "x", "resource_type": "EBS", "size_gib": 1, "region": "us-east-1"}]),
        json!({"start": "2026-01-01T00:00:00Z", "horizon_days": 3, "plan_name": "b"}),
    );
    assert_eq!(ok.map(|v| v["plan_name"].clone()).ok(), Some(json!("b")));
}

#[test]
fn change_rate_forms() {
    let r: Resource =
        serde_json::from_value(json!({"id": "x", "size_gib": "1 TiB", "change_rate": "2%"}))
            .unwrap();
    assert_eq!(r.change_rate.map(|c| c.gib_per_day(100.0)), Some(2.0));
    let r: Resource =
        serde_json::from_value(json!({"id": "x", "size_gib": 1, "change_rate": "5 GiB/day"}))
            .unwrap();
    assert_eq!(r.change_rate, Some(ChangeRate::GibPerDay(5.0)));
    assert!(serde_json::from_value::<Resource>(
        json!({"id": "x", "size_gib": 1, "change_rate": -0.1})
    )
    .is_err());
}

fn arb_plan() -> impl Strategy<Value = (Value, Value)> {
    let cron = prop_oneof![
        Just("cron(0 * ? * * *)"),
        Just("cron(30 */6 ? * * *)"),
        Just("cron(0 5 ? * * *)"),
        Just("cron(0 3 ? * SUN *)"),
        Just("cron(0 5 1 * ? *)"),
        Just("cron(0 2 L * ? *)"),
    ];
    let rule = (
        cron,
        prop::option::of(1i64..60),
        prop::option::of(1i64..40),
        any::<bool>(),
        prop_oneof![Just(60i64), Just(480)],
        prop::option::of(1i64..50),
        0u8..3,
    );
    (prop::collection::vec(rule, 1..4), prop_oneof![Just("Europe/Berlin"), Just("UTC")], prop_oneof![Just("EFS"), Just("EBS"), Just("RDS"), Just("DynamoDB")])
        .prop_map(|(rules, tz, rtype)| {
            let rules: Vec<Value> = rules
                .into_iter()
                .enumerate()
                .map(|(i, (cron, del, cold, cont, win, copy_del, vault))| {
                    let mut lc = json!({});
                    if let Some(d) = del {
                        lc["delete_after_days"] = json!(d + cold.map_or(0, |c| c + 90));
                    }
                    if let Some(c) = cold {
                        lc["move_to_cold_after_days"] = json!(c);
                    }
                    let mut r = json!({"name": format!("r{i}"), "target_vault_name": format!("vault{vault}"), "schedule_expression": cron,
                        "schedule_expression_timezone": tz, "start_window_minutes": win, "lifecycle": lc, "enable_continuous_backup": cont && i == 0});
                    if let Some(cd) = copy_del {
                        r["copy_actions"] = json!([{"destination_vault_arn": "arn:aws:backup:eu-west-1:222233334444:backup-vault:dr", "lifecycle": {"delete_after_days": cd}}]);
                    }
                    r
                })
                .collect();
            (
                json!({"name": "prop", "region": "us-east-1", "account": "111122223333", "rules": rules}),
                json!([{"id": "res", "resource_type": rtype, "size_gib": 100, "change_rate": 0.03}]),
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Compressing points into runs changes nothing: records expand to the same points, and the
    /// inventory, RPO and coverage are identical to a point-by-point simulation.
    #[test]
    fn runs_equal_points((plan, res) in arb_plan(), days in 20.0f64..120.0, corrupt in prop::option::of(1i64..100)) {
        let plan: BackupPlan = serde_json::from_value(plan).unwrap();
        let resources: Vec<Resource> = serde_json::from_value(res).unwrap();
        let mut o = SimulationOptions::starting("2026-03-01T00:00:00Z");
        o.horizon_days = Some(days);
        o.sample_every = Some(crate::units::Seconds(6.0 * HOUR));
        o.corruption_at = corrupt.map(|d| super::state::rfc3339("2026-03-01T00:00:00Z".parse().unwrap(), d * 86_400 + 7_200));
        let a = super::engine::simulate_with(&plan, &resources, &o, &[], true).unwrap();
        let b = super::engine::simulate_with(&plan, &resources, &o, &[], false).unwrap();
        prop_assert_eq!(a.point_count, b.point_count);
        prop_assert_eq!(&a.inventory, &b.inventory);
        prop_assert_eq!(&a.resources, &b.resources);
        prop_assert_eq!(&a.chain_bases, &b.chain_bases);
        let mut o2 = o.clone();
        o2.expand_repeats = true;
        let c = simulate_backup_plan(&plan, &resources, &o2).unwrap();
        prop_assert_eq!(c.recovery_points.len() as u64, c.point_count);
        prop_assert_eq!(&c.recovery_points, &b.recovery_points);
        // Sizes and counts are never negative; deletions follow creations.
        for p in a.to_cost_records() {
            prop_assert!(p.size_gib >= 0.0);
            if let Some(d) = p.deleted_at_seconds { prop_assert!(d > p.created_at_seconds); }
            if let (Some(c), Some(d)) = (p.cold_at_seconds, p.deleted_at_seconds) { prop_assert!(c < d); }
        }
        // A worse (later) job never improves the worst RPO.
        let mut o3 = o.clone();
        o3.job_duration_seconds = Some(crate::units::Seconds(5.0 * HOUR));
        let d = simulate_backup_plan(&plan, &resources, &o3).unwrap();
        for (x, y) in a.resources[0].rpo.iter().zip(&d.resources[0].rpo) {
            if let (Some(p), Some(q)) = (x.worst_seconds, y.worst_seconds) {
                if x.disruption != crate::recovery::Disruption::Corruption || o.corruption_at.is_none() {
                    prop_assert!(q >= p);
                }
            }
        }
    }
}

/// The typed call takes a whole document as the JSON twin does: its selections fill the options,
/// `plan_name` picks a plan, and errors are the same.
#[test]
fn typed_call_takes_documents_like_the_json_twin() {
    let text = "Resources:\n  Plan:\n    Type: AWS::Backup::BackupPlan\n    Properties:\n      BackupPlan:\n        BackupPlanName: cfn-plan\n        BackupPlanRule:\n          - RuleName: daily\n            TargetBackupVault: prod\n            ScheduleExpression: cron(0 5 ? * * *)\n            StartWindowMinutes: 60\n            Lifecycle:\n              DeleteAfterDays: 7\n  Sel:\n    Type: AWS::Backup::BackupSelection\n    Properties:\n      BackupPlanId: !Ref Plan\n      BackupSelection:\n        SelectionName: tagged\n        IamRoleArn: arn:aws:iam::111122223333:role/backup\n        ListOfTags:\n          - ConditionType: STRINGEQUALS\n            ConditionKey: backup\n            ConditionValue: daily\n";
    let res = json!([
        {"id": "a", "resource_type": "EBS", "region": "us-east-1", "size_gib": 1, "tags": {"backup": "daily"}},
        {"id": "b", "resource_type": "EBS", "region": "us-east-1", "size_gib": 1, "tags": {"backup": "never"}}]);
    let opts = json!({"start": "2026-01-01T00:00:00Z", "horizon_days": 5});
    let want = run(json!(text), res.clone(), opts.clone());
    assert_eq!(want["resources"][0]["protected"], true);
    assert_eq!(want["resources"][1]["protected"], false);
    let resources: Vec<Resource> = serde_json::from_value(res.clone()).unwrap();
    let options: SimulationOptions = serde_json::from_value(opts.clone()).unwrap();
    let parsed = crate::backup::parse_backup_plan(text).unwrap();
    for got in [
        simulate_backup_plan(text, &resources, &options),
        simulate_backup_plan(text.to_owned(), &resources, &options),
        simulate_backup_plan(&parsed, &resources, &options),
        simulate_backup_plan(parsed.clone(), &resources, &options),
    ] {
        assert_eq!(crate::boundary::to_value(&got.unwrap()), want);
    }
    // A normalized plan ignores plan_name and keeps the options' selections as given.
    let plan = parsed.plans[0].clone();
    let out = simulate_backup_plan(&plan, &resources, &options).unwrap();
    assert!(out.resources.iter().all(|r| r.protected));
    // A decoded document, and the same errors as the JSON twin.
    let doc = json!({"plans": {"a": {"rules": {"r": {"target_backup_vault_name": {"@@assign": "v1"}}}}, "b": {"rules": {"r": {"target_backup_vault_name": {"@@assign": "v1"}}}}}});
    let typed = simulate_backup_plan(
        PlanOrDocument::Document(std::borrow::Cow::Borrowed(&doc)),
        &resources,
        &options,
    )
    .unwrap_err();
    assert_eq!(typed, err(doc.clone(), res.clone(), opts.clone()));
    assert_eq!(typed.issues[0].code, "ambiguous_plan");
    let mut named = options.clone();
    named.plan_name = Some("b".into());
    let out = simulate_backup_plan(
        PlanOrDocument::Document(std::borrow::Cow::Owned(doc)),
        &resources,
        &named,
    );
    assert_eq!(out.map(|s| s.plan_name).ok().as_deref(), Some("b"));
    let bad = simulate_backup_plan("{not json", &resources, &options).unwrap_err();
    assert_eq!(bad, err(json!("{not json"), res, opts));
}

/// Ten daily rules, each with five copy actions.
fn wide_plan(rules: usize) -> Value {
    let rules: Vec<Value> = (0..rules)
        .map(|i| {
            let copies: Vec<Value> = (0..5)
                .map(|c| json!({"destination_vault_arn": format!("arn:aws:backup:us-west-2:111122223333:backup-vault:dr{c}"),
                    "lifecycle": {"delete_after_days": 35}}))
                .collect();
            json!({"name": format!("r{i}"), "target_vault_name": "prod",
                "schedule_expression": format!("cron({} 5 ? * * *)", i % 60),
                "lifecycle": {"delete_after_days": 35}, "copy_actions": copies})
        })
        .collect();
    json!({"name": "wide", "region": "us-east-1", "account": "111122223333", "rules": rules})
}

fn two_ebs() -> Value {
    json!([{"id": "vol-1", "resource_type": "EBS", "size_gib": 10},
           {"id": "vol-2", "resource_type": "EBS", "size_gib": 10}])
}

/// 10 rules × (1 + 5 copies) × 2 volumes × 36,500 daily runs = 4.38 M points, under the point
/// cap; expanded into one record each they would need 4.38 M × 2 KiB ≈ 9 GB, so the call is
/// refused before generating anything.
#[test]
fn expanded_records_over_the_output_budget_are_refused_fast() {
    let t = std::time::Instant::now();
    let e = err(
        wide_plan(10),
        two_ebs(),
        json!({"start": "2026-01-01T00:00:00Z", "horizon_days": 36500, "expand_repeats": true}),
    );
    assert_eq!(e.code, crate::error::ErrorCode::OverBudget);
    assert_eq!(e.issues[0].code, "over_budget");
    assert_eq!(e.issues[0].path, "/expand_repeats");
    assert_eq!(e.issues[0].input.as_deref(), Some("options"));
    // 10 × (36,500 × 6 + 1) × 2 = 4,380,020 points, 2,048 bytes each.
    assert!(
        e.issues[0].message.contains("8970280960 bytes"),
        "{}",
        e.issues[0].message
    );
    // Not a benchmark: a guard that nothing was generated (generating takes far longer).
    assert!(t.elapsed().as_secs() < 60);
    // The same simulation without expand_repeats fits: runs compress into a few records. The
    // ten rules fire on the same day, so one job a day runs per volume (aws-backup.md §14.2):
    // 36,500 × (1 + 5 copies) × 2 volumes.
    let out = run(
        wide_plan(10),
        two_ebs(),
        json!({"start": "2026-01-01T00:00:00Z", "horizon_days": 36500, "sample_every": "30d"}),
    );
    assert_eq!(out["point_count"], 438_000);
    assert!(out["recovery_points"].as_array().map_or(0, Vec::len) < 1_000);
}

#[test]
fn tens_of_thousands_of_rules_are_refused_at_once() {
    let e = err(
        wide_plan(MAX_RULES + 1),
        two_ebs(),
        json!({"start": "2026-01-01T00:00:00Z"}),
    );
    assert_eq!(e.code, crate::error::ErrorCode::OverBudget);
    assert_eq!(
        (e.issues[0].input.as_deref(), e.issues[0].path.as_str()),
        (Some("plan"), "/rules")
    );
    assert_eq!(
        e.issues[0].message,
        "simulating the plan's rules needs 101 rules; the budget is 100 rules"
    );
}

/// Every issue names the argument it points into: a document given as `plan` is `plan`, the
/// options' vaults and selections are `options` under `/vaults` and `/selections`; the typed
/// call and the JSON twin agree.
#[test]
fn issues_name_the_argument() {
    let doc = json!({"BackupPlan": {"BackupPlanName": "p", "Rules": [{"RuleName": "r",
        "TargetBackupVaultName": "prod", "ScheduleExpression": "cron(0 5 ? * * *)",
        "Lifecycle": {"DeleteAfterDays": 0}}]}});
    let opts = json!({"start": "2026-01-01T00:00:00Z", "horizon_days": 10});
    let e = err(doc.clone(), Value::Null, opts.clone());
    assert_eq!(
        (e.issues[0].input.as_deref(), e.issues[0].path.as_str()),
        (
            Some("plan"),
            "/BackupPlan/Rules/0/Lifecycle/DeleteAfterDays"
        )
    );
    assert!(
        e.message.starts_with("plan /BackupPlan/Rules/0/"),
        "{}",
        e.message
    );
    let typed = simulate_backup_plan(
        PlanOrDocument::Document(std::borrow::Cow::Owned(doc)),
        &[],
        &serde_json::from_value(opts).unwrap(),
    );
    assert_eq!(typed.err(), Some(e));

    // The plan validator's findings about the options' vaults.
    let opts = json!({"start": "2026-01-01T00:00:00Z", "horizon_days": 10,
        "vaults": [{"name": "prod", "lock": {"min_retention_days": 60}},
                   {"name": "x", "lock": {"min_retention_days": 60, "max_retention_days": 7}}]});
    let out = run(daily_plan(false), Value::Null, opts);
    let at: Vec<(&str, &str, &str)> = out["plan_issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["input"].as_str().unwrap_or("-"),
                i["path"].as_str().unwrap_or("-"),
                i["code"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    for want in [
        (
            "plan",
            "/rules/0/lifecycle/delete_after_days",
            "vault_lock_retention_below_min",
        ),
        ("options", "/vaults/1/name", "vault_name_invalid"),
        (
            "options",
            "/vaults/1/lock/max_retention_days",
            "vault_lock_min_above_max",
        ),
    ] {
        assert!(at.contains(&want), "{want:?} not in {at:?}");
    }
    assert!(
        at.iter().all(|(i, _, _)| ["plan", "options"].contains(i)),
        "{at:?}"
    );
}
