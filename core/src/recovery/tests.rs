//! Property tests of the recovery model over generated workloads (dr-strategies.md §10.2–10.3):
//! adding a mechanism never raises any RPO, automating a step never raises any RTO, more frequent
//! backups never raise any RPO.

use proptest::prelude::*;
use serde_json::{json, Value};

use crate::assessment::estimate_recovery;
use crate::recovery::RecoveryEstimate;
use crate::strategy::preset::effective;
use crate::strategy::Strategy as Preset;
use crate::strategy::StrategySpec;
use crate::workload::{Component, Mechanism, StepMode, Workload};

const ENGINES: [&str; 5] = [
    "aurora_mysql",
    "aurora_postgresql",
    "rds_mysql",
    "rds_postgresql",
    "dynamodb",
];

/// A workload of managed databases, compute, buckets and routing (no self-managed database, whose
/// timings are required inputs).
pub(super) fn workload() -> impl Strategy<Value = Workload> {
    let db = (
        0usize..5,
        1u32..2000,
        prop::option::of(0u32..50),
        any::<bool>(),
    );
    let compute = (1u32..20, prop::option::of(0u32..100));
    let bucket = (1u32..5000, any::<bool>(), any::<bool>());
    (
        prop::collection::vec(db, 0..3),
        prop::collection::vec(compute, 0..3),
        prop::collection::vec(bucket, 0..3),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_filter("something stateful", |(d, _, b, ..)| !d.is_empty() || !b.is_empty())
        .prop_map(|(dbs, computes, buckets, multi_az, az_to_az, copy, routing)| {
            let mut components: Vec<Value> = Vec::new();
            for (k, (e, size, change, wps)) in dbs.into_iter().enumerate() {
                let engine = ENGINES[e];
                let kind = if engine == "dynamodb" {
                    "key_value_database"
                } else {
                    "relational_database"
                };
                let mut c = json!({"kind": kind, "name": format!("db{k}"), "engine": engine,
                    "size_gib": size, "instance_hourly_usd": 0.5});
                if let Some(ch) = change {
                    c["change_gib_per_day"] = json!(ch);
                }
                if wps {
                    c["writes_per_second"] = json!(100);
                }
                components.push(c);
            }
            for (k, (n, start)) in computes.into_iter().enumerate() {
                let mut c = json!({"kind": "compute", "name": format!("app{k}"), "instance_count": n,
                    "instance_hourly_usd": 0.1, "disk_gib": 50});
                if let Some(s) = start {
                    c["start_seconds"] = json!(s * 10);
                }
                components.push(c);
            }
            for (k, (size, rtc, pit)) in buckets.into_iter().enumerate() {
                components.push(json!({"kind": "object_storage", "name": format!("bucket{k}"),
                    "size_gib": size, "replication_time_control": rtc, "point_in_time": pit}));
            }
            if routing {
                components.push(json!({"kind": "routing", "ttl_seconds": 30}));
            }
            let w = json!({"name": "w", "multi_az": multi_az,
                "topology": if az_to_az { "az_to_az" } else { "region_to_region" },
                "components": components,
                "backups": {"cross_region_copy": copy}});
            serde_json::from_value(w).expect("generated workload reads")
        })
}

pub(super) fn strategy() -> impl Strategy<Value = crate::strategy::Strategy> {
    prop::sample::select(crate::strategy::Strategy::ALL.to_vec())
}

fn step_mode() -> impl Strategy<Value = Option<StepMode>> {
    prop::option::of(prop::sample::select(vec![
        StepMode::Manual,
        StepMode::Automated,
    ]))
}

fn run(w: &Workload, s: crate::strategy::Strategy) -> Option<RecoveryEstimate> {
    estimate_recovery(w, StrategySpec::from(s)).ok()
}

/// `a ≤ b` where `None` is unbounded.
fn at_most(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(x), Some(y)) => x <= y + 1e-9,
    }
}

fn mechanisms_mut(c: &mut Component) -> Option<&mut Vec<Mechanism>> {
    match c {
        Component::RelationalDatabase(d) | Component::KeyValueDatabase(d) => {
            Some(&mut d.mechanisms)
        }
        Component::Compute(x) => Some(&mut x.mechanisms),
        Component::ObjectStorage(o) => Some(&mut o.mechanisms),
        Component::Routing(_) => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Adding a mechanism (of a family the component does not have yet, so nothing is replaced)
    /// never raises the RPO of any disruption, nor of any component.
    #[test]
    fn adding_a_mechanism_never_raises_an_rpo(
        w in workload(), s in strategy(), pick in any::<prop::sample::Index>(), m in any::<prop::sample::Index>(),
    ) {
        let Some(before) = run(&w, s) else { return Ok(()) };
        let idx = pick.index(w.components.len());
        let c = &w.components[idx];
        let current = effective(s, &w, c);
        let addable: Vec<Mechanism> = Mechanism::ALL
            .into_iter()
            .filter(|m| m.applies_to(c).is_ok() && !current.iter().any(|x| x.family() == m.family()))
            .collect();
        if addable.is_empty() {
            return Ok(());
        }
        let m = addable[m.index(addable.len())];
        let mut w2 = w.clone();
        if let Some(list) = mechanisms_mut(&mut w2.components[idx]) {
            list.push(m);
        }
        let after = run(&w2, s).expect("adding an applicable mechanism keeps the workload valid");
        let grown = effective(s, &w2, &w2.components[idx]);
        prop_assert!(current.iter().all(|x| grown.contains(x)), "{current:?} ⊄ {grown:?}");
        for (a, b) in after.estimates.iter().zip(&before.estimates) {
            prop_assert!(at_most(a.rpo_seconds, b.rpo_seconds),
                "{:?}: adding {m:?} to {idx} raised RPO {:?} → {:?}", a.disruption, b.rpo_seconds, a.rpo_seconds);
            for ca in &a.rpo_by_component {
                if let Some(cb) = b.rpo_by_component.iter().find(|x| x.component == ca.component) {
                    prop_assert!(at_most(ca.rpo_seconds, cb.rpo_seconds),
                        "{:?} {}: {:?} → {:?}", a.disruption, ca.component, cb.rpo_seconds, ca.rpo_seconds);
                }
            }
        }
    }

    /// Automating one more step never raises the RTO of any disruption, and every estimate's RTO
    /// lies between its all-automated and all-manual figures.
    #[test]
    fn automating_a_step_never_raises_an_rto(
        w in workload(), s in strategy(), e in step_mode(), d in step_mode(), v in step_mode(), which in 0usize..3,
    ) {
        let mut w = w;
        w.operations.automation.escalation = e;
        w.operations.automation.declaration = d;
        w.operations.automation.validation = v;
        let Some(before) = run(&w, s) else { return Ok(()) };
        for est in &before.estimates {
            if let (Some(a), Some(rto)) = (&est.automation, est.rto_seconds) {
                prop_assert!(a.rto_seconds_automated <= rto + 1e-9 && rto <= a.rto_seconds_manual + 1e-9);
            }
        }
        let mut w2 = w.clone();
        let slot = match which {
            0 => &mut w2.operations.automation.escalation,
            1 => &mut w2.operations.automation.declaration,
            _ => &mut w2.operations.automation.validation,
        };
        *slot = Some(StepMode::Automated);
        let after = run(&w2, s).expect("automation never makes a workload invalid");
        for (a, b) in after.estimates.iter().zip(&before.estimates) {
            prop_assert!(at_most(a.rto_seconds, b.rto_seconds),
                "{:?}: automating step {which} raised RTO {:?} → {:?}", a.disruption, b.rto_seconds, a.rto_seconds);
            prop_assert_eq!(a.rpo_seconds, b.rpo_seconds);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// More frequent backups never raise the RPO of any disruption, nor of any component, over
    /// workloads of several databases, buckets and compute under every strategy.
    #[test]
    fn more_frequent_backups_never_raise_an_rpo(
        w in workload(), s in strategy(),
        (fine, coarse) in (0usize..6, 0usize..6).prop_filter("finer first", |(a, b)| a < b),
    ) {
        const HOURS: [u64; 6] = [1, 4, 6, 12, 24, 168];
        let with = |h: u64| {
            let mut v = serde_json::to_value(&w).unwrap();
            v["backups"]["interval_seconds"] = json!(h * 3600);
            // Without PITR and with isolated copies, the scheduled backups set the RPOs.
            v["backups"]["point_in_time_recovery"] = json!(false);
            v["backups"]["cross_account_copy"] = json!(true);
            serde_json::from_value::<Workload>(v).unwrap()
        };
        let (Some(f), Some(c)) = (run(&with(HOURS[fine]), s), run(&with(HOURS[coarse]), s)) else {
            return Ok(());
        };
        for (a, b) in f.estimates.iter().zip(&c.estimates) {
            prop_assert!(at_most(a.rpo_seconds, b.rpo_seconds),
                "{:?}: every {} h → {:?}, every {} h → {:?}", a.disruption, HOURS[fine], a.rpo_seconds, HOURS[coarse], b.rpo_seconds);
            for ca in &a.rpo_by_component {
                if let Some(cb) = b.rpo_by_component.iter().find(|x| x.component == ca.component) {
                    prop_assert!(at_most(ca.rpo_seconds, cb.rpo_seconds),
                        "{:?} {}: {:?} → {:?}", a.disruption, ca.component, cb.rpo_seconds, ca.rpo_seconds);
                }
            }
        }
    }
}

/// The two properties can fail: a strategy whose preset keeps people gets a shorter RTO once
/// its steps are automated, and a database gets a lower RPO from a mechanism added on top.
#[test]
fn the_properties_have_teeth() {
    let w: Workload = serde_json::from_value(json!({"name": "w", "components": [
        {"kind": "relational_database", "name": "orders", "engine": "rds_postgresql", "size_gib": 100},
        {"kind": "routing"}]}))
    .unwrap();
    let pilot = run(&w, Preset::PilotLight).unwrap();
    let mut auto = w.clone();
    auto.operations.automation.escalation = Some(StepMode::Automated);
    auto.operations.automation.declaration = Some(StepMode::Automated);
    let faster = run(&auto, Preset::PilotLight).unwrap();
    let region = |e: &RecoveryEstimate| e.estimates[1].rto_seconds.unwrap();
    assert!((region(&pilot) - region(&faster) - 1800.0).abs() < 1e-9);

    let backup = run(&w, Preset::BackupRestore).unwrap();
    let mut more = w.clone();
    if let Some(list) = mechanisms_mut(&mut more.components[0]) {
        list.push(Mechanism::CrossRegionAutomatedBackups);
    }
    let better = run(&more, Preset::BackupRestore).unwrap();
    let rpo = |e: &RecoveryEstimate| e.estimates[1].rpo_seconds.unwrap();
    // Backup copies: 1 d + 8 h + 1 h + 1 h; replicated automated backups: 10 min.
    assert_eq!(rpo(&backup), 86_400.0 + 28_800.0 + 3600.0 + 3600.0);
    assert_eq!(rpo(&better), 600.0);
}

/// An in-Region RDS read replica has its own defaults (dr-strategies.md §6.1): 10 s of lag and
/// 5 min of promotion, not the cross-Region 60 s and 10 min; a measured lag still wins.
#[test]
fn in_region_read_replica_uses_same_region_defaults() {
    let mut w: Workload = serde_json::from_value(json!({"name": "w", "multi_az": false, "components": [
        {"kind": "relational_database", "name": "orders", "engine": "rds_postgresql", "size_gib": 100,
         "mechanisms": ["read_replica"]},
        {"kind": "routing"}]}))
    .unwrap();
    let e = run(&w, Preset::BackupRestore).unwrap();
    let az = &e.estimates[0];
    assert_eq!(az.disruption, crate::recovery::Disruption::Az);
    assert_eq!(az.rpo_seconds, Some(10.0), "{az:?}");
    let terms = serde_json::to_string(az).unwrap();
    assert!(
        terms.contains("promote the in-Region read replica"),
        "{terms}"
    );
    let promote = az
        .rto_terms
        .iter()
        .find(|t| t.name == "promote_replica")
        .expect("the promotion is on the RTO path");
    assert_eq!(promote.seconds, 300.0);
    assert!(promote.source.contains("in-Region"), "{}", promote.source);
    if let Component::RelationalDatabase(d) = &mut w.components[0] {
        d.replication_lag_seconds = Some(serde_json::from_value(json!(2)).unwrap());
    }
    let measured = run(&w, Preset::BackupRestore).unwrap();
    assert_eq!(measured.estimates[0].rpo_seconds, Some(2.0));
}

/// A managed switchover (RPO 0) is for planned events: the Region loss is unplanned, so listing
/// `aurora_global_switchover` never lowers its RPO below the replication lag (dr-strategies.md
/// §6.3, §10.1), and the estimate says why.
#[test]
fn switchover_never_lowers_the_region_loss_rpo() {
    let base = json!({"name": "w", "components": [
        {"kind": "relational_database", "name": "ledger", "engine": "aurora_postgresql", "size_gib": 100,
         "replication_lag_seconds": 3, "mechanisms": ["aurora_global_database"]},
        {"kind": "routing"}]});
    let w: Workload = serde_json::from_value(base.clone()).unwrap();
    let mut with = base;
    with["components"][0]["mechanisms"] =
        json!(["aurora_global_database", "aurora_global_switchover"]);
    let ws: Workload = serde_json::from_value(with).unwrap();
    for s in [Preset::BackupRestore, Preset::PilotLight, Preset::MultiSite] {
        let a = run(&w, s).unwrap();
        let b = run(&ws, s).unwrap();
        let region = |e: &RecoveryEstimate| e.estimates[1].clone();
        assert_eq!(region(&a).disruption, crate::recovery::Disruption::Region);
        assert_eq!(region(&a).rpo_seconds, Some(3.0), "{s:?}");
        assert_eq!(
            region(&b).rpo_seconds,
            Some(3.0),
            "{s:?}: switchover must not lower the unplanned RPO"
        );
        assert_eq!(region(&b).rto_seconds, region(&a).rto_seconds);
        assert!(
            region(&b)
                .notes
                .iter()
                .any(|n| n.contains("planned events only") && n.contains("ledger")),
            "{:?}",
            region(&b).notes
        );
        assert!(!region(&a).notes.iter().any(|n| n.contains("switchover")));
    }
    // Without a global database the switchover has nothing to switch.
    let lone: Workload = serde_json::from_value(json!({"name": "w", "components": [
        {"kind": "relational_database", "name": "ledger", "engine": "aurora_postgresql", "size_gib": 100,
         "mechanisms": ["aurora_global_switchover"]}]}))
    .unwrap();
    let e = run(&lone, Preset::BackupRestore).unwrap();
    assert!(
        e.estimates[1].notes.iter().any(|n| n.contains("no effect")),
        "{:?}",
        e.estimates[1].notes
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A lever that names mechanisms names at least one its binding component can take: a
    /// suggestion the core would refuse (`mechanism_not_applicable`) is no lever.
    #[test]
    fn levers_name_mechanisms_the_component_can_take(w in workload(), s in strategy()) {
        let name = |c: &Component| -> String {
            serde_json::to_value(c).ok().and_then(|v| v.get("name").and_then(|n| n.as_str().map(str::to_owned))).unwrap_or_default()
        };
        let Some(est) = run(&w, s) else { return Ok(()) };
        let names: Vec<(Mechanism, String)> = Mechanism::ALL
            .iter()
            .map(|m| (*m, serde_json::to_value(m).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()))
            .collect();
        for e in &est.estimates {
            for b in [e.binding.rpo.as_ref(), e.binding.rto.as_ref()].into_iter().flatten() {
                let Some(c) = b.component.as_deref().and_then(|n| w.components.iter().find(|c| name(c) == n)) else { continue };
                let named: Vec<Mechanism> = names
                    .iter()
                    .filter(|(_, n)| b.lever.split(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_')).any(|word| word == n))
                    .map(|(m, _)| *m)
                    .collect();
                prop_assert!(
                    named.is_empty() || named.iter().any(|m| m.applies_to(c).is_ok()),
                    "{:?} {:?}: lever {:?} names {:?}, none applies to `{}`", s, e.disruption, b.lever, named, name(c)
                );
            }
        }
    }
}

/// A measurement of `rtype` restores at `bps` (one job of 1 GB).
fn measured(types: &[&str], bps: f64) -> crate::workload::restore_jobs::MeasuredRestores {
    let jobs: Vec<Value> = types
        .iter()
        .map(|t| {
            json!({"ResourceType": t, "Status": "COMPLETED", "CreationDate": 0.0,
                "CompletionDate": 8e9 / bps, "BackupSizeInBytes": 1e9})
        })
        .collect();
    let list = serde_json::from_value(json!({ "RestoreJobs": jobs })).expect("jobs read");
    crate::workload::restore_jobs::measure_restores(&list).expect("jobs measured")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A faster measured restore never raises any RTO; a measured type's restore terms say
    /// `basis: measured`.
    #[test]
    fn a_faster_measured_restore_never_raises_an_rto(
        w in workload(), s in strategy(), slow in 1e6f64..1e9, factor in 1.0f64..50.0,
    ) {
        let types = ["Aurora", "RDS", "DynamoDB", "S3"];
        let mut a = w.clone();
        a.measured_restores = Some(measured(&types, slow));
        let mut b = w.clone();
        b.measured_restores = Some(measured(&types, slow * factor));
        let (Some(ra), Some(rb)) = (run(&a, s), run(&b, s)) else { return Ok(()) };
        for (x, y) in rb.estimates.iter().zip(&ra.estimates) {
            prop_assert!(at_most(x.rto_seconds, y.rto_seconds),
                "{:?}: faster restores raised RTO {:?} → {:?}", x.disruption, y.rto_seconds, x.rto_seconds);
        }
        let v = serde_json::to_value(&ra).unwrap_or_default();
        let text = v.to_string();
        if text.contains("\"restore_data\"") {
            prop_assert!(text.contains("\"measured\""), "no measured basis");
        }
    }
}
