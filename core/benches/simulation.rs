//! Backup-plan simulation speed: `cargo bench -p drplan --bench simulation`.
#![allow(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]
//! Target: a 4-rule plan (hourly, daily, weekly, monthly; copies to two Regions)
//! simulated over 10 years for one resource in under 5 ms natively.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use drplan::BackupPlan;
use drplan::{simulate_backup_plan, Resource, SimulationOptions};

fn plan() -> Option<BackupPlan> {
    let copies = serde_json::json!([
        {"destination_vault_arn": "arn:aws:backup:us-west-2:111122223333:backup-vault:dr-west",
         "lifecycle": {"delete_after_days": 35}},
        {"destination_vault_arn": "arn:aws:backup:eu-central-1:111122223333:backup-vault:dr-eu",
         "lifecycle": {"delete_after_days": 35}}
    ]);
    serde_json::from_value(serde_json::json!({
        "name": "four-rules",
        "region": "us-east-1",
        "account": "111122223333",
        "rules": [
            {"name": "hourly", "target_vault_name": "prod", "schedule_expression": "cron(0 * ? * * *)",
             "start_window_minutes": 60, "lifecycle": {"delete_after_days": 2}},
            {"name": "daily", "target_vault_name": "prod", "schedule_expression": "cron(0 5 ? * * *)",
             "start_window_minutes": 60, "lifecycle": {"delete_after_days": 35}, "copy_actions": copies},
            {"name": "weekly", "target_vault_name": "prod", "schedule_expression": "cron(0 5 ? * SUN *)",
             "start_window_minutes": 60, "lifecycle": {"delete_after_days": 90}, "copy_actions": copies},
            {"name": "monthly", "target_vault_name": "prod", "schedule_expression": "cron(0 5 1 * ? *)",
             "start_window_minutes": 60,
             "lifecycle": {"move_to_cold_after_days": 30, "delete_after_days": 365},
             "copy_actions": copies}
        ]
    }))
    .ok()
}

fn ten_years(c: &mut Criterion) {
    let Some(plan) = plan() else { return };
    let Ok(resources) = serde_json::from_value::<Vec<Resource>>(serde_json::json!([
        {"id": "fs-1", "resource_type": "EFS", "region": "us-east-1", "size_gib": 500, "change_rate": 0.01}
    ])) else {
        return;
    };
    let mut options = SimulationOptions::starting("2026-01-01T00:00:00Z");
    options.horizon_days = Some(3652.0);
    if let Ok(sim) = simulate_backup_plan(&plan, &resources, &options) {
        eprintln!(
            "points {}, records {}, chain bases {}, samples {}",
            sim.point_count,
            sim.recovery_points.len(),
            sim.chain_bases.len(),
            sim.inventory.sample_seconds.len()
        );
    }
    c.bench_function(
        "simulate 4 rules × 2 copy Regions, 10 y, 1 resource",
        |b| {
            b.iter(|| {
                simulate_backup_plan(black_box(&plan), black_box(&resources), &options)
                    .map(|s| s.point_count)
            })
        },
    );
    let json_opts = serde_json::to_value(&options).unwrap_or_default();
    let plan_v = serde_json::to_value(&plan).unwrap_or_default();
    let res_v = serde_json::to_value(&resources).unwrap_or_default();
    c.bench_function("simulate (JSON twin, serialized output), 10 y", |b| {
        b.iter(|| {
            drplan::json::simulate_backup_plan(plan_v.clone(), res_v.clone(), json_opts.clone())
                .map(|v| v.is_object())
        })
    });
}

criterion_group!(benches, ten_years);
criterion_main!(benches);
