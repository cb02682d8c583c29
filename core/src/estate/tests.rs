use std::collections::BTreeMap;

use proptest::prelude::*;
use serde_json::json;

use super::evaluate::{cost_options, plan_in, simulation_options, steady_monthly};
use super::*;
use crate::cost::backup_cost;
use crate::pricing::default_price_book;
use crate::recovery::Disruption;
use crate::simulation::{simulate_backup_plan, Resource};

fn estate(v: serde_json::Value) -> Estate {
    match serde_json::from_value(v) {
        Ok(e) => e,
        Err(e) => panic!("bad estate: {e}"),
    }
}

fn small() -> Estate {
    estate(json!({
        "plans": [
            {"id": "daily", "accounts": ["111111111111"], "regions": ["us-east-1"],
             "plan": {"name": "daily", "rules": [{"name": "d", "target_vault_name": "v",
                "schedule_expression": "cron(0 5 ? * * *)", "lifecycle": {"delete_after_days": 35}}]},
             "selections": [{"name": "tagged", "list_of_tags": [{"condition_type": "STRINGEQUALS", "key": "backup", "value": "daily"}]}]},
            {"id": "ebs-hourly", "regions": ["us-east-1", "eu-west-1"],
             "plan": {"name": "hourly", "rules": [{"name": "h", "target_vault_name": "v",
                "schedule_expression": "cron(0 * ? * * *)", "lifecycle": {"delete_after_days": 7},
                "copy_actions": [{"destination_vault_arn": "arn:aws:backup:eu-west-1:222222222222:backup-vault:dr",
                                  "lifecycle": {"delete_after_days": 7}}]}]},
             "selections": [{"name": "volumes", "resources": ["arn:aws:ec2:*:*:volume/*"]}]},
            {"id": "efs-by-tag", "plan": {"name": "efs", "rules": [{"name": "d", "target_vault_name": "v",
                "schedule_expression": "cron(0 5 ? * * *)", "lifecycle": {"delete_after_days": 35}}]},
             "selections": [{"name": "all", "resources": ["*"], "conditions": {"string_equals": [{"key": "aws:ResourceTag/backup", "value": "daily"}]}}]}
        ],
        "resources": [
            {"arn": "arn:aws:ec2:us-east-1:111111111111:volume/vol-1", "size_gib": 100, "change_rate": 0.02, "tags": {"backup": "daily", "team": "a"}},
            {"arn": "arn:aws:ec2:ap-south-1:111111111111:volume/vol-2", "size_gib": 50, "tags": {"team": "b"}},
            {"arn": "arn:aws:elasticfilesystem:eu-west-1:333333333333:file-system/fs-1", "size_gib": 10, "tags": {"backup": "daily"}},
            {"arn": "arn:aws:rds:us-east-1:111111111111:db:orders", "tags": {},
             "native": {"automated_backup_retention_days": 7, "multi_az": true}},
            {"arn": "arn:aws:kinesis:us-east-1:111111111111:stream/s"}
        ],
        "opt_in": [{"region": "eu-west-1", "resource_type": "EFS", "opted_in": false}]
    }))
}

fn eval(e: &Estate, o: &EstateOptions) -> EstateEvaluation {
    match evaluate_estate(e, &default_price_book(), o) {
        Ok(x) => x,
        Err(e) => panic!("{e:?}"),
    }
}

#[test]
fn protection_scope_opt_in_and_reasons() {
    let out = eval(
        &small(),
        &EstateOptions {
            tag_keys: vec!["team".into()],
            ..EstateOptions::default()
        },
    );
    let rows = &out.resources;
    assert_eq!(rows.len(), 5);
    // vol-1: the daily plan (tag) and the hourly plan (pattern): protected twice.
    let v1 = &rows[0];
    assert!(v1.protected);
    let ids: Vec<&str> = v1.plans.iter().map(|p| p.plan_id.as_str()).collect();
    assert_eq!(ids, ["daily", "ebs-hourly", "efs-by-tag"]);
    let m = v1.monthly_usd.unwrap_or(0.0);
    assert!(m > 0.0);
    let largest = v1
        .plans
        .iter()
        .filter_map(|p| p.monthly_usd)
        .fold(0.0, f64::max);
    assert!((v1.extra_monthly_usd - (m - largest)).abs() < 1e-9);
    // Its Region RPO comes from the hourly plan's cross-Region copy.
    let region = &v1.rpo[1];
    assert_eq!(region.disruption, Disruption::Region);
    assert!(region.covered, "{region:?}");
    assert_eq!(region.by.as_deref(), Some("ebs-hourly"));
    // vol-2: the hourly plan selects it, but runs in other Regions.
    assert_eq!(
        rows[1].unprotected_reason,
        Some(UnprotectedReason::OutOfScope)
    );
    // fs-1: selected by tag, but EFS is not opted in in eu-west-1 and `*` does not name a type.
    assert_eq!(
        rows[2].unprotected_reason,
        Some(UnprotectedReason::NotOptedIn)
    );
    // orders: no plan; native PITR covers AZ and corruption only; default size named.
    let o = &rows[3];
    assert_eq!(o.unprotected_reason, Some(UnprotectedReason::NoPlan));
    assert_eq!(o.size_basis, crate::provenance::Basis::PlanningDefault);
    assert_eq!(o.rpo[0].worst_seconds, Some(300.0));
    assert!(!o.rpo[1].covered);
    assert!(o.native.iter().any(|n| n.contains("not a backup")));
    // Kinesis: not a supported type.
    assert_eq!(
        rows[4].unprotected_reason,
        Some(UnprotectedReason::UnsupportedType)
    );
    // Roll-ups.
    let t = &out.totals;
    assert_eq!((t.resources, t.protected, t.unprotected.total), (5, 1, 4));
    assert_eq!(
        (
            t.unprotected.no_plan,
            t.unprotected.not_opted_in,
            t.unprotected.out_of_scope,
            t.unprotected.unsupported_type
        ),
        (1, 1, 1, 1)
    );
    assert_eq!(t.protected_twice, 1);
    assert!((t.monthly_usd - m).abs() < 1e-9);
    assert_eq!(t.default_sizes, 2);
    assert_eq!(out.by_region.len(), 3);
    let team = &out.by_tag[0];
    let keys: Vec<&str> = team.values.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["(none)", "a", "b"]);
    assert!(out
        .defaults
        .iter()
        .any(|d| d.name == "size_gib" && d.count == 2));
    // summary_only: the same roll-ups, no rows.
    let s = eval(
        &small(),
        &EstateOptions {
            summary_only: true,
            tag_keys: vec!["team".into()],
            ..EstateOptions::default()
        },
    );
    assert!(s.resources.is_empty());
    assert_eq!(s.totals, out.totals);
    assert_eq!(s.by_tag, out.by_tag);
}

#[test]
fn explicit_type_bypasses_opt_in_except_aurora() {
    let mut e = small();
    e.opt_in.push(ServiceOptIn {
        account: None,
        region: "us-east-1".into(),
        resource_type: "EBS".into(),
        opted_in: false,
    });
    let out = eval(&e, &EstateOptions::default());
    // vol-1: the tag-based plans now miss it, the volume pattern still selects it.
    let ids: Vec<&str> = out.resources[0]
        .plans
        .iter()
        .map(|p| p.plan_id.as_str())
        .collect();
    assert_eq!(ids, ["ebs-hourly"]);
}

#[test]
fn budgets_and_bad_options() {
    let e = small();
    let bad = EstateOptions {
        horizon_days: Some(-1.0),
        as_of: Some("yesterday".into()),
        ..EstateOptions::default()
    };
    let err = match evaluate_estate(&e, &default_price_book(), &bad) {
        Err(e) => e,
        Ok(_) => panic!("accepted"),
    };
    let paths: Vec<&str> = err.issues.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(paths, ["/horizon_days", "/as_of"]);
    let big = synthetic_estate(&SyntheticSpec {
        seed: 1,
        resources: super::evaluate::MAX_ROWS + 1,
        plans: 0,
        accounts: 2,
        regions: 1,
    });
    let err = match evaluate_estate(&big, &default_price_book(), &EstateOptions::default()) {
        Err(e) => e,
        Ok(_) => panic!("accepted"),
    };
    assert_eq!(err.code.as_str(), "over_budget");
}

#[test]
fn synthetic_is_deterministic() {
    let spec = SyntheticSpec {
        seed: 42,
        resources: 300,
        plans: 12,
        accounts: 5,
        regions: 3,
    };
    let a = synthetic_estate(&spec);
    assert_eq!(a, synthetic_estate(&spec));
    assert_eq!(a.plans.len(), 12);
    assert_eq!(a.resources.len(), 300);
    let b = synthetic_estate(&SyntheticSpec { seed: 43, ..spec });
    assert_ne!(a, b);
}

/// The reference: each selecting plan simulated on the resource alone, at its own size and
/// change rate as the user gives them, billed by `backup_cost`.
fn reference(
    e: &Estate,
    row: &EstateResourceRow,
    r: &EstateResource,
    o: &EstateOptions,
) -> (Option<f64>, [Option<f64>; 4]) {
    let book = default_price_book();
    let mut total = Some(0.0);
    let mut worst: [Option<f64>; 4] = [None; 4];
    for pm in &row.plans {
        let Some(ep) = e.plans.iter().find(|p| p.id == pm.plan_id) else {
            panic!("unknown plan")
        };
        let plan = plan_in(&ep.plan, &row.region, &row.account);
        let so = simulation_options(&plan, o);
        let res = Resource {
            arn: Some(r.arn.clone()),
            id: None,
            resource_type: r.resource_type.clone(),
            region: r.region.clone(),
            account: r.account.clone(),
            size_gib: crate::units::Gib(row.size_gib),
            change_rate: r.change_rate,
            tags: BTreeMap::new(),
            incremental: None,
            replicated: false,
        };
        let sim = match simulate_backup_plan(&plan, &[res], &so) {
            Ok(s) => s,
            Err(e) => panic!("{e:?}"),
        };
        let cost = backup_cost(&sim.cost_records(), &book, &cost_options(&so, o))
            .ok()
            .and_then(|c| steady_monthly(&c));
        total = match (total, cost) {
            (Some(t), Some(c)) => Some(t + c),
            _ => None,
        };
        for d in &sim.resources[0].rpo {
            let i = Disruption::ALL
                .iter()
                .position(|x| *x == d.disruption)
                .unwrap_or(0);
            if d.covered {
                if let Some(w) = d.worst_seconds {
                    worst[i] = Some(worst[i].map_or(w, |b: f64| b.min(w)));
                }
            }
        }
    }
    (total, worst)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-12)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    /// The batch (one simulation per schedule group, sizes scaled) equals simulating and billing
    /// each resource alone: same worst RPO per disruption, same monthly bill within 1e-9.
    #[test]
    fn batch_equals_single_resource_runs(seed in 0u64..1_000_000) {
        let e = synthetic_estate(&SyntheticSpec { seed, resources: 40, plans: 9, accounts: 3, regions: 2 });
        let o = EstateOptions::default();
        let out = eval(&e, &o);
        let mut checked = 0;
        for (row, r) in out.resources.iter().zip(&e.resources) {
            if !row.protected {
                continue;
            }
            checked += 1;
            let (bill, worst) = reference(&e, row, r, &o);
            match (bill, row.monthly_usd) {
                (Some(a), Some(b)) => prop_assert!(close(a, b), "{}: {a} vs {b}", row.arn),
                (a, b) => prop_assert_eq!(a, b),
            }
            let native = r.native.automated_backup_retention_days.is_some_and(|d| d > 0)
                || r.native.point_in_time_recovery == Some(true);
            for (i, got) in row.rpo.iter().enumerate() {
                let native_applies = native && matches!(got.disruption, Disruption::Az | Disruption::Corruption);
                if native_applies {
                    continue;
                }
                prop_assert_eq!(got.worst_seconds, worst[i], "{} {:?}", row.arn, got.disruption);
            }
        }
        prop_assert!(checked > 0);
        prop_assert!(out.resources.iter().any(|r| r.monthly_usd.is_some_and(|m| m > 0.0)));
        prop_assert!(out.resources.iter().any(|r| r.rpo.iter().any(|x| x.worst_seconds.is_some_and(|w| w > 3600.0))));
    }
}
