//! The strategy's backups are the engines' answer: the derived plan is a real plan that the
//! contract functions accept, its bill and worst RPO are the ones the assessment reports, and a
//! plan passed explicitly gives the same report as the plan drplan derives.

use proptest::prelude::{
    any, prop, prop_assert, prop_assert_eq, prop_assume, proptest, ProptestConfig,
};
use proptest::strategy::Strategy as Gen;
use serde_json::{json, Value};

use super::*;
use crate::cost::backup_cost;
use crate::simulation::{simulate_backup_plan, Simulation};

fn policy() -> Policy {
    serde_json::from_value(json!({"targets": {}})).unwrap()
}

/// A workload with one database and every backup setting given.
#[allow(clippy::too_many_arguments)]
fn workload(
    engine: &str,
    size: f64,
    change: f64,
    interval_h: u32,
    retention: u32,
    region_copy: bool,
    account_copy: bool,
    window_min: Option<u32>,
) -> Workload {
    let kind = if engine == "dynamodb" {
        "key_value_database"
    } else {
        "relational_database"
    };
    let mut backups = json!({
        "interval_seconds": interval_h * 3600,
        "job_duration_seconds": 1800,
        "copy_duration_seconds": 2700,
        "retention_days": retention,
        "cross_region_copy": region_copy,
        "cross_account_copy": account_copy,
        "point_in_time_recovery": false,
    });
    if let Some(m) = window_min {
        backups["start_window_seconds"] = json!(m * 60);
    }
    serde_json::from_value(json!({
        "name": "w", "primary_location": "us-east-1", "recovery_location": "us-west-2",
        "multi_az": false,
        "components": [
            {"kind": kind, "name": "db", "engine": engine, "size_gib": size,
             "change_gib_per_day": change, "instance_hourly_usd": 0.5},
            {"kind": "compute", "name": "web", "instance_count": 2, "instance_hourly_usd": 0.1}
        ],
        "backups": backups
    }))
    .unwrap()
}

fn ddb_case() -> Workload {
    workload("dynamodb", 300.0, 3.0, 24, 35, true, false, None)
}

/// The sum of a cost's backup lines (those billed by the cost engine).
fn backup_usd(c: &MonthlyCost) -> f64 {
    c.items
        .iter()
        .filter(|i| i.source.starts_with("backup_cost month"))
        .map(|i| i.usd)
        .sum()
}

/// What `simulate_backup_plan` + `backup_cost` say about a strategy's carried plan: the bill of
/// its cost month, and the simulation.
fn engines(p: &StrategyBackupPlan) -> (f64, Simulation) {
    let sim = simulate_backup_plan(&p.plan, &p.resources, &p.options).unwrap();
    let cost = backup_cost(
        &sim.cost_records(),
        &crate::pricing::default_price_book(),
        &p.cost_options,
    )
    .unwrap();
    assert_eq!(backups::steady_month(&cost), p.cost_month);
    let m = cost
        .months
        .iter()
        .find(|m| m.month == p.cost_month)
        .unwrap();
    (m.usd.total_usd, sim)
}

/// The DynamoDB case: every backup is a full copy, in both Regions, and every copy transfers the
/// table: 35 × 300 GB × $0.10 per Region + 30 copies × 300 GB × $0.02 = $2,280 a month.
#[test]
fn dynamodb_backups_are_billed_as_full_copies() {
    let est = estimate_recovery(&ddb_case(), Strategy::BackupRestore.into()).unwrap();
    let usd = backup_usd(&est.monthly_cost);
    assert!((usd - 2_280.0).abs() < 0.01, "{usd}");
    assert!(est.monthly_cost.complete);
    let transfer = est
        .monthly_cost
        .items
        .iter()
        .find(|i| i.item.contains("transfer"))
        .unwrap();
    assert_eq!(
        transfer.price_key.as_deref(),
        Some("transfer.inter_region_gb")
    );
    assert!((transfer.quantity.unwrap() - 9_000.0).abs() < 1e-6);
}

/// The carried plan goes unchanged through the JSON contract: `export_backup_plan` writes it,
/// `simulate_backup_plan` runs it with the carried resources and options, and its bill is the
/// strategy's backup lines.
#[test]
fn derived_plan_round_trips_through_the_contract() {
    let a = assess_strategies(&ddb_case(), &policy()).unwrap();
    for s in &a.strategies {
        let p = s.backup_plan.as_ref().unwrap();
        assert!(p.derived);
        let v = serde_json::to_value(p).unwrap();
        let exported = crate::api::json::export_backup_plan(
            v["plan"].clone(),
            json!("create_backup_plan_input"),
        )
        .unwrap();
        let text = exported["text"].as_str().unwrap();
        let mut back = crate::backup::parse_backup_plan(text).unwrap().plans[0].clone();
        // The document carries no Region or account: give them back, then compare.
        back.region.clone_from(&p.plan.region);
        back.account.clone_from(&p.plan.account);
        back.normalize();
        assert_eq!(back.without_source(), p.plan.without_source());
        let sim = crate::api::json::simulate_backup_plan(
            v["plan"].clone(),
            v["resources"].clone(),
            v["options"].clone(),
        )
        .unwrap();
        let records: Vec<Value> = sim["recovery_points"]
            .as_array()
            .unwrap()
            .iter()
            .chain(sim["chain_bases"].as_array().unwrap())
            .cloned()
            .collect();
        let cost = crate::api::json::backup_cost(
            Value::Array(records),
            Value::Null,
            v["cost_options"].clone(),
        )
        .unwrap();
        let month = &cost["months"][(p.cost_month - 1) as usize];
        let total = month["usd"]["total_usd"].as_f64().unwrap();
        assert!(
            (total - backup_usd(&s.monthly_cost)).abs() < 0.005,
            "{:?}: {total} vs {}",
            s.strategy,
            backup_usd(&s.monthly_cost)
        );
        // Only strategies with a recovery Region copy there.
        let copies = p.plan.rules[0].copy_actions.len();
        assert_eq!(copies, usize::from(s.strategy != Strategy::MultiAzOnly));
    }
}

/// A user plan in another shape (CloudFormation YAML) is read, and its problems point into the
/// workload's `backup_plan`.
#[test]
fn user_plan_errors_point_into_the_workload() {
    let mut w = ddb_case();
    w.backup_plan = Some(json!({"BackupPlan": {"BackupPlanName": "p", "Rules": [
        {"RuleName": "r", "TargetBackupVaultName": "v", "ScheduleExpression": "cron(0 99 * * ? *)"}]}}));
    let e = estimate_recovery(&w, Strategy::BackupRestore.into()).unwrap_err();
    let i = &e.issues[0];
    assert_eq!(i.input.as_deref(), Some("workload"), "{e:?}");
    assert!(
        i.path
            .starts_with("/backup_plan/BackupPlan/Rules/0/ScheduleExpression"),
        "{}",
        i.path
    );
    // A plan with no copy: the Region is not covered by backups any more.
    w.backup_plan = Some(Value::String(
        "Resources:\n  P:\n    Type: AWS::Backup::BackupPlan\n    Properties:\n      BackupPlan:\n        BackupPlanName: local\n        BackupPlanRule:\n          - RuleName: hourly\n            TargetBackupVault: v\n            ScheduleExpression: cron(0 * ? * * *)\n            StartWindowMinutes: 60\n            Lifecycle:\n              DeleteAfterDays: 7\n".into(),
    ));
    let est = estimate_recovery(&w, Strategy::BackupRestore.into()).unwrap();
    let region = &est.estimates[1];
    assert_eq!(region.disruption, Disruption::Region);
    assert!(!region.covered, "{region:?}");
    // 7 hourly-kept DynamoDB full copies: 7 × 24 × 300 GB × $0.10 at steady state.
    let usd = backup_usd(&est.monthly_cost);
    assert!((usd - 7.0 * 24.0 * 300.0 * 0.10).abs() < 0.01, "{usd}");
}

/// Self-managed databases on premises get no AWS Backup start window: 24 h + 2 h + 3 h.
#[test]
fn on_premises_backups_have_no_aws_start_window() {
    let w: Workload =
        serde_json::from_value(json!({"name": "erp", "topology": "on_premises_to_aws",
        "components": [{"kind": "relational_database", "name": "db", "engine": "self_managed",
            "size_gib": 500, "replication_lag_seconds": 30, "promotion_seconds": 300,
            "pitr_lag_seconds": 900, "restore_throughput_bps": 1e9}],
        "backups": {"interval_seconds": 86400, "job_duration_seconds": 7200,
            "copy_duration_seconds": 10800}}))
        .unwrap();
    let est = estimate_recovery(&w, Strategy::BackupRestore.into()).unwrap();
    assert_eq!(est.estimates[1].rpo_seconds, Some(29.0 * 3600.0));
    let mut w2 = w.clone();
    w2.backups.start_window_seconds = Some(crate::units::Seconds(3600.0));
    let est = estimate_recovery(&w2, Strategy::BackupRestore.into()).unwrap();
    assert_eq!(est.estimates[1].rpo_seconds, Some(30.0 * 3600.0));
}

fn strategy() -> impl Gen<Value = crate::strategy::Strategy> {
    prop::sample::select(crate::strategy::Strategy::ALL.to_vec())
}

#[allow(clippy::type_complexity)]
fn case() -> impl Gen<Value = (&'static str, f64, f64, u32, u32, bool, bool, Option<u32>)> {
    (
        prop::sample::select(vec![
            "dynamodb",
            "rds_postgresql",
            "aurora_mysql",
            "rds_mysql",
        ]),
        1.0..2_000.0_f64,
        0.0..40.0_f64,
        prop::sample::select(vec![1u32, 2, 4, 6, 12, 24, 48, 168]),
        1u32..60,
        any::<bool>(),
        any::<bool>(),
        prop::option::of(60u32..720),
    )
}

fn rpo_of(e: &DisruptionEstimate) -> Option<&crate::recovery::ComponentRpo> {
    e.rpo_by_component.iter().find(|c| c.component == "db")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Backup lines = `backup_cost(simulate_backup_plan(derived plan))` to the cent; every
    /// backup-based RPO term = the simulation's worst RPO for that disruption; the derived plan
    /// passed explicitly gives the identical estimate.
    #[test]
    fn backups_come_from_the_engines(
        (engine, size, change, iv, ret, rc, ac, win) in case(),
        s in strategy(),
    ) {
        let w = workload(engine, size, change, iv, ret, rc, ac, win);
        let est = estimate_recovery(&w, s.into()).unwrap();
        let (_, _, _, plan) = estimate_with(&w, s.into()).unwrap();
        let plan = plan.unwrap();
        let (usd, sim) = engines(&plan);
        let cents = |x: f64| (x * 100.0).round();
        prop_assert_eq!(cents(backup_usd(&est.monthly_cost)), cents(usd));
        let report = sim.resources.iter().find(|r| r.resource_id == "db").unwrap();
        for e in &est.estimates {
            let Some(c) = rpo_of(e) else { continue };
            if !c.terms.iter().any(|t| t.name == "backup_interval") {
                continue;
            }
            let worst = report
                .rpo
                .iter()
                .find(|r| r.disruption == e.disruption)
                .and_then(|r| r.worst_seconds);
            prop_assert_eq!(c.rpo_seconds, worst, "{:?}", e.disruption);
        }
        // The same workload with its derived plan passed explicitly.
        let mut explicit = w.clone();
        explicit.backup_plan = Some(serde_json::to_value(&plan.plan).unwrap());
        let again = estimate_recovery(&explicit, s.into()).unwrap();
        prop_assert_eq!(again, est);
    }

    /// The strategy's cost is its standby lines (the recovery site, `monthly_cost`) followed by
    /// its backup lines (the simulated plan's bill and native PITR): the standby lines sum to the
    /// total minus the backup lines, and nothing else is in the total.
    #[test]
    fn standby_lines_are_the_total_minus_the_backup_lines(
        (engine, size, change, iv, ret, rc, ac, win) in case(),
        s in strategy(),
        pitr in any::<bool>(),
    ) {
        let mut w = workload(engine, size, change, iv, ret, rc, ac, win);
        w.backups.point_in_time_recovery = pitr;
        let (est, ..) = estimate_with(&w, StrategySpec::from(s)).unwrap();
        let scale = est.standby_scale.unwrap_or(crate::strategy::facts::STANDBY_SCALE.value);
        let standby = crate::recovery::monthly_cost(&w, s, scale);
        let backup = backups::backup_facts(&w, s).unwrap().items;
        let sum = |items: &[crate::recovery::CostItem]| items.iter().map(|i| i.usd).sum::<f64>();
        let total = est.monthly_cost.total_usd;
        prop_assert_eq!(est.monthly_cost.items.len(), standby.items.len() + backup.len());
        prop_assert_eq!(&est.monthly_cost.items[..standby.items.len()], &standby.items[..]);
        prop_assert!((standby.total_usd - (total - sum(&backup))).abs() <= 1e-9 * total.abs().max(1.0),
            "standby {} vs total {} − backup {}", standby.total_usd, total, sum(&backup));
        prop_assert!((sum(&est.monthly_cost.items) - total).abs() <= 1e-9 * total.abs().max(1.0));
    }

    /// More frequent backups never raise an RPO nor lower the backup bill by more than the data a
    /// coarse chain holds past the retention window's edge (one coarse interval of changes).
    #[test]
    fn more_frequent_backups_never_raise_rpo_nor_lower_cost(
        (engine, size, change, iv, ret, rc, ac, win) in case(),
        s in strategy(),
        finer in prop::sample::select(vec![1u32, 2, 4, 6, 12, 24, 48, 168]),
    ) {
        prop_assume!(finer < iv);
        let coarse = estimate_recovery(&workload(engine, size, change, iv, ret, rc, ac, win), s.into()).unwrap();
        let fine = estimate_recovery(&workload(engine, size, change, finer, ret, rc, ac, win), s.into()).unwrap();
        for (a, b) in fine.estimates.iter().zip(&coarse.estimates) {
            match (a.rpo_seconds, b.rpo_seconds) {
                (Some(x), Some(y)) => prop_assert!(x <= y + 1e-9, "{:?}: {} > {}", a.disruption, x, y),
                (None, Some(_)) => prop_assert!(false, "{:?} unbounded with finer backups", a.disruption),
                _ => {}
            }
        }
        // The only saving finer backups can make is at the retention window's edge: a coarse
        // chain holds at most one coarse interval of changed data more, in each vault (primary,
        // recovery Region, isolated account), at no more than $0.10 per GB-month.
        let edge = change * (f64::from(iv) / 24.0) * 0.10 * 3.0;
        prop_assert!(
            backup_usd(&fine.monthly_cost) + edge + 0.005 >= backup_usd(&coarse.monthly_cost),
            "{} < {} (edge {})", backup_usd(&fine.monthly_cost), backup_usd(&coarse.monthly_cost), edge
        );
    }
}

/// The internal simulation stays inside the simulation's budgets: a plan that would create too
/// many points is refused with `over_budget` or `invalid_input` pointing at the workload's
/// setting that drives it, never run.
#[test]
fn internal_simulation_stays_within_budget() {
    let components: Vec<Value> = (0..1000)
        .map(|i| {
            json!({"kind": "key_value_database", "name": format!("t{i}"),
            "engine": "dynamodb", "size_gib": 10})
        })
        .collect();
    let w: Workload = serde_json::from_value(json!({"name": "big", "primary_location": "us-east-1",
        "recovery_location": "us-west-2", "components": components,
        "backups": {"interval_seconds": 3600, "retention_days": 36500, "cross_account_copy": true}}))
    .unwrap();
    let e = estimate_recovery(&w, Strategy::BackupRestore.into()).unwrap_err();
    let i = &e.issues[0];
    assert_eq!(
        (i.input.as_deref(), i.path.as_str()),
        (Some("workload"), "/backups/retention_days"),
        "{e:?}"
    );
}

/// A component the workload's own plan does not select is named, and has no backup-based RPO.
#[test]
fn components_outside_the_users_plan_are_named() {
    let mut w = ddb_case();
    w.backup_plan = Some(json!({"Resources": {
        "P": {"Type": "AWS::Backup::BackupPlan", "Properties": {"BackupPlan": {
            "BackupPlanName": "p", "BackupPlanRule": [{"RuleName": "r", "TargetBackupVault": "v",
                "CopyActions": [{"DestinationBackupVaultArn": "arn:aws:backup:us-west-2:111122223333:backup-vault:dr"}]}]}}},
        "S": {"Type": "AWS::Backup::BackupSelection", "Properties": {"BackupPlanId": {"Ref": "P"},
            "BackupSelection": {"SelectionName": "s", "IamRoleArn": "arn:aws:iam::111122223333:role/r",
                "Resources": ["arn:aws:rds:us-east-1:111122223333:db:other"]}}}}}));
    let est = estimate_recovery(&w, Strategy::BackupRestore.into()).unwrap();
    let n = est
        .issues
        .iter()
        .find(|i| i.code == "not_in_backup_plan")
        .unwrap();
    assert_eq!(n.path, "/backup_plan");
    assert!(
        n.message.starts_with("db is not protected"),
        "{}",
        n.message
    );
    assert_eq!(est.estimates[1].rpo_seconds, None);
    let a = assess_strategies(&w, &policy()).unwrap();
    assert_eq!(
        a.issues
            .iter()
            .filter(|i| i.code == "not_in_backup_plan")
            .count(),
        1
    );
}

/// An interval AWS Backup's cron cannot repeat evenly is rounded down (never up: the RPO the
/// workload states is not made worse), and the call says so.
#[test]
fn uneven_intervals_are_rounded_down_and_named() {
    let w = workload("dynamodb", 10.0, 0.0, 5, 7, true, false, Some(60));
    let est = estimate_recovery(&w, Strategy::BackupRestore.into()).unwrap();
    let n = est
        .issues
        .iter()
        .find(|i| i.code == "backup_interval_rounded")
        .unwrap();
    assert_eq!(n.path, "/backups/interval_seconds");
    // 4 h + 1 h window + 30 min job + 45 min copy.
    assert_eq!(
        est.estimates[1].rpo_seconds,
        Some(4.0 * 3600.0 + 3600.0 + 1800.0 + 2700.0)
    );
}

/// DynamoDB point-in-time recovery is billed beside the plan (dr-strategies.md §5.3): 200 GiB ×
/// $0.20 = $40 a month under every strategy, with key, quantity and rate; without PITR no line.
#[test]
fn dynamodb_pitr_storage_is_billed() {
    let mut w = workload("dynamodb", 200.0, 5.0, 24, 7, true, false, None);
    w.backups.point_in_time_recovery = true;
    for s in Strategy::ALL {
        let (est, ..) = estimate_with(&w, StrategySpec::from(s)).unwrap();
        let lines: Vec<_> = est
            .monthly_cost
            .items
            .iter()
            .filter(|i| i.price_key.as_deref() == Some(backups::DYNAMODB_PITR_KEY))
            .collect();
        assert_eq!(lines.len(), 1, "{s:?}: {:?}", est.monthly_cost.items);
        let l = lines[0];
        assert_eq!(l.quantity, Some(200.0));
        assert_eq!(l.rate_usd, Some(0.20));
        assert_eq!(l.unit.as_deref(), Some("GB-month"));
        assert!((l.usd - 40.0).abs() < 1e-9, "{l:?}");
        assert_eq!(l.component.as_deref(), Some("db"));
    }
    w.backups.point_in_time_recovery = false;
    let (est, ..) = estimate_with(&w, StrategySpec::from(Strategy::PilotLight)).unwrap();
    assert!(est
        .monthly_cost
        .items
        .iter()
        .all(|i| i.price_key.as_deref() != Some(backups::DYNAMODB_PITR_KEY)));
}
