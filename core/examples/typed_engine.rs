//! The typed engine's side of `python/benches/boundary.py`: the same three calls on the same
//! inputs, in Rust, typed (no JSON), best of `repeat` wall-clock runs, printed as one JSON line.
//!
//! ```text
//! cargo run -q -p drplan --profile ci --example typed_engine < inputs.json
//! ```
//!
//! Input (stdin): `{"repeat", "cron": {expression, time_zone, from, until, limit},
//! "simulation": {plan, resources, options, cost_options}, "retention": {snapshots (epoch
//! seconds), policy, mode, now}}`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::io::Read;
use std::time::Instant;

use serde_json::{json, Value};

fn best<T>(repeat: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut out = f();
    for _ in 0..repeat {
        let t = Instant::now();
        out = f();
        best = best.min(t.elapsed().as_secs_f64());
    }
    (best, out)
}

fn main() {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).expect("stdin");
    let input: Value = serde_json::from_str(&text).expect("JSON input");
    let repeat = input["repeat"].as_u64().unwrap_or(3) as usize;

    let c = &input["cron"];
    let from: jiff::Timestamp = c["from"].as_str().unwrap().parse().unwrap();
    let until: jiff::Timestamp = c["until"].as_str().unwrap().parse().unwrap();
    let (cron_s, runs) = best(repeat, || {
        drplan::schedule_runs(
            c["expression"].as_str().unwrap(),
            c["time_zone"].as_str(),
            from,
            Some(until),
            c["limit"].as_u64(),
            &drplan::ScheduleOptions::default(),
        )
        .map(|r| r.runs.len())
        .unwrap_or(0)
    });
    let (columns_s, column_runs) = best(repeat, || {
        drplan::schedule_run_columns(
            c["expression"].as_str().unwrap(),
            c["time_zone"].as_str(),
            from,
            Some(until),
            None,
            &drplan::ScheduleOptions::default(),
        )
        .map(|r| r.utc.len())
        .unwrap_or(0)
    });

    let s = &input["simulation"];
    let plan: drplan::BackupPlan = serde_json::from_value(s["plan"].clone()).unwrap();
    let resources: Vec<drplan::Resource> = serde_json::from_value(s["resources"].clone()).unwrap();
    let options: drplan::SimulationOptions = serde_json::from_value(s["options"].clone()).unwrap();
    let cost_options: drplan::BackupCostOptions =
        serde_json::from_value(s["cost_options"].clone()).unwrap();
    let book = drplan::default_price_book();
    let (sim_s, (points, usd)) = best(repeat, || {
        let sim = drplan::simulate_backup_plan(&plan, &resources, &options).unwrap();
        let records = sim.cost_records();
        let bill = drplan::backup_cost(&records, &book, &cost_options).unwrap();
        (records.len(), bill.horizon_usd.total_usd)
    });

    let r = &input["retention"];
    let times: Vec<drplan::SnapshotTime> = r["snapshots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| drplan::SnapshotTime::utc(v.as_i64().unwrap()).unwrap())
        .collect();
    let policy: drplan::RetentionPolicy = serde_json::from_value(r["policy"].clone()).unwrap();
    let mode: drplan::RetentionMode = serde_json::from_value(r["mode"].clone()).unwrap();
    let now: drplan::SnapshotTime = serde_json::from_value(r["now"].clone()).unwrap();
    let (ret_s, kept) = best(repeat, || {
        drplan::apply_retention_times(&times, &policy, mode, now, None)
            .map(|r| r.kept_count)
            .unwrap_or(0)
    });

    println!(
        "{}",
        json!({
            "schedule_runs_s": cron_s, "runs": runs,
            "schedule_run_columns_s": columns_s, "column_runs": column_runs,
            "simulate_and_cost_s": sim_s, "cost_records": points, "total_usd": usd,
            "apply_retention_s": ret_s, "kept": kept,
        })
    );
}
