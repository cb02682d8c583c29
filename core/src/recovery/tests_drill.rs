//! Drill comparison and runbook: adopting a drill's figures makes the model match it
//! (dr-strategies.md §11.1), and runbooks follow the timeline (§11.2).

use proptest::prelude::*;
use serde_json::{json, Value};

use crate::assessment::{compare_drill, estimate_recovery};
use crate::recovery::{compare_drill_estimate, runbook_of, Disruption, Drill};
use crate::strategy::{Strategy as Preset, StrategySpec};
use crate::workload::Workload;

use super::tests::{strategy, workload};

const PHASES: [&str; 8] = [
    "disrupted",
    "detected",
    "escalated",
    "declared",
    "failover_started",
    "data_restored",
    "traffic_shifted",
    "validated",
];

/// A drill whose recorded phases are `gaps` seconds apart (phases with `false` left out).
fn drill(disruption: Disruption, gaps: &[(bool, u32)]) -> Drill {
    let start = 1_795_000_000i64;
    let mut t = start;
    let mut phases = serde_json::Map::new();
    for (k, (on, gap)) in gaps.iter().enumerate() {
        t += i64::from(*gap);
        if *on {
            let ts = jiff::Timestamp::from_second(t).expect("in range");
            phases.insert(PHASES[k].to_owned(), json!(ts.to_string()));
        }
    }
    serde_json::from_value(json!({"disruption": disruption, "phases": phases}))
        .expect("drill reads")
}

fn shop() -> Workload {
    serde_json::from_value(json!({
        "name": "shop", "primary_location": "us-east-1", "recovery_location": "us-west-2",
        "components": [
            {"kind": "relational_database", "name": "orders", "engine": "aurora_mysql", "size_gib": 200,
             "change_gib_per_day": 5, "instance_hourly_usd": 0.29},
            {"kind": "compute", "name": "web", "instance_count": 4, "instance_hourly_usd": 0.0832},
            {"kind": "routing", "ttl_seconds": 60}
        ]
    }))
    .expect("reads")
}

fn set(v: &mut Value, path: &str, x: Value) {
    if let Some(slot) = v.pointer_mut(path) {
        *slot = x;
    } else {
        panic!("adopted path {path} does not exist in the workload");
    }
}

#[test]
fn too_few_phases_is_an_error() {
    let w = shop();
    let est = estimate_recovery(&w, Preset::PilotLight.into()).expect("estimates");
    let d = drill(Disruption::Region, &[(false, 0), (true, 10)]);
    let e = compare_drill_estimate(&w, &est, Disruption::Region, &d, &[]).expect_err("one phase");
    assert_eq!(e.issues[0].code, "too_few_phases");
    assert_eq!(e.issues[0].path, "/phases");
}

#[test]
fn promoted_is_data_restored() {
    let d: Drill = serde_json::from_value(json!({"disruption": "region", "phases": {
        "declared": "2026-11-20T09:00:00Z", "promoted": "2026-11-20T09:05:00Z"}}))
    .expect("reads");
    assert_eq!(
        d.phases.data_restored.as_deref(),
        Some("2026-11-20T09:05:00Z")
    );
    let w = shop();
    let est = estimate_recovery(&w, Preset::PilotLight.into()).expect("estimates");
    let c = compare_drill_estimate(&w, &est, Disruption::Region, &d, &[]).expect("compares");
    assert_eq!(c.intervals.len(), 1);
    assert_eq!(c.intervals[0].observed_seconds, 300.0);
    // detect, notify_escalate and declare end before `declared` + traffic_shift and validate after.
    let names: Vec<&str> = c.not_measured.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "detect",
            "notify_escalate",
            "declare",
            "traffic_shift",
            "validate"
        ]
    );
    assert!(c.rto.observed_seconds.is_none());
}

#[test]
fn a_recovery_step_shorter_than_a_parallel_track_is_not_adopted() {
    let mut w = serde_json::to_value(shop()).expect("serializes");
    set(&mut w, "/components/1/start_seconds", json!(30));
    set(&mut w, "/components/0/promotion_seconds", json!(200));
    let w: Workload = serde_json::from_value(w).expect("reads");
    let est = estimate_recovery(&w, Preset::PilotLight.into()).expect("estimates");
    // promote (200 s) is critical beside web (30 s): 100 s observed is adoptable.
    let d = drill(
        Disruption::Region,
        &[
            (false, 0),
            (false, 0),
            (false, 0),
            (false, 0),
            (true, 0),
            (true, 100),
        ],
    );
    let c = compare_drill_estimate(&w, &est, Disruption::Region, &d, &[]).expect("compares");
    assert_eq!(c.adopt.len(), 1);
    assert_eq!(c.adopt[0].path, "/components/0/promotion_seconds");
    // 20 s observed is less than the web track (30 s): adopting 20 s would move the critical path.
    let d = drill(
        Disruption::Region,
        &[
            (false, 0),
            (false, 0),
            (false, 0),
            (false, 0),
            (true, 0),
            (true, 20),
        ],
    );
    let c = compare_drill_estimate(&w, &est, Disruption::Region, &d, &[]).expect("compares");
    assert!(c.adopt.is_empty());
    assert!(
        c.not_adopted[0].reason.contains("`web` track"),
        "{:?}",
        c.not_adopted
    );
}

#[test]
fn automated_steps_are_adopted_as_manual() {
    let w = shop();
    let est = estimate_recovery(&w, Preset::WarmStandby.into()).expect("estimates");
    let d = drill(
        Disruption::Region,
        &[(false, 0), (true, 0), (true, 400), (true, 200)],
    );
    let c = compare_drill_estimate(&w, &est, Disruption::Region, &d, &[]).expect("compares");
    let paths: Vec<(&str, &Value)> = c
        .adopt
        .iter()
        .map(|a| (a.path.as_str(), &a.value))
        .collect();
    assert_eq!(
        paths,
        [
            ("/operations/automation/escalation", &json!("manual")),
            ("/operations/notify_escalate_seconds", &json!(400.0)),
            ("/operations/automation/declaration", &json!("manual")),
            ("/operations/declare_seconds", &json!(200.0)),
        ]
    );
}

#[test]
fn runbook_waits_for_the_parallel_branches() {
    let w = shop();
    let est = estimate_recovery(&w, Preset::PilotLight.into()).expect("estimates");
    let rb = runbook_of(&est, Disruption::Region).expect("runbook");
    let shift = rb
        .steps
        .iter()
        .find(|s| s.name == "traffic_shift")
        .expect("shift");
    let branches: Vec<&str> = shift
        .waits_for
        .iter()
        .map(|n| rb.steps[*n as usize - 1].name.as_str())
        .collect();
    assert_eq!(branches, ["promote_replica", "start_compute"]);
    assert!(shift
        .waits_for_text
        .contains("critical path: 5. start_compute (web)"));
    // Every step but the first waits for something, and only for steps that end before it starts.
    for s in &rb.steps[1..] {
        assert!(!s.waits_for.is_empty(), "{s:?}");
        for n in &s.waits_for {
            assert!(rb.steps[*n as usize - 1].end_seconds <= s.start_seconds);
        }
    }
    // The same estimate gives the same text.
    assert_eq!(
        rb.markdown,
        runbook_of(&est, Disruption::Region)
            .expect("again")
            .markdown
    );
}

#[test]
fn runbook_names_who_performs_each_step() {
    let w = shop();
    let est = estimate_recovery(&w, Preset::WarmStandby.into()).expect("estimates");
    let rb = runbook_of(&est, Disruption::Region).expect("runbook");
    let by = |n: &str| {
        rb.steps
            .iter()
            .find(|s| s.name == n)
            .map(|s| s.performed_by.as_str())
    };
    // Warm standby's preset automates escalation and declaration, a person validates (§10.3).
    assert_eq!(by("detect"), Some("automated"));
    assert_eq!(by("validate"), Some("people"));
    assert_eq!(by("promote_replica"), Some("automated"));
    let est = estimate_recovery(&w, Preset::MultiAzOnly.into()).expect("estimates");
    let rb = runbook_of(&est, Disruption::Az).expect("runbook");
    assert!(
        rb.steps.iter().all(|s| s.performed_by == "aws"),
        "{:?}",
        rb.steps
    );
    let e = runbook_of(&est, Disruption::Region).expect_err("not covered");
    assert_eq!(e.issues[0].code, "not_covered");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Adopting a drill's figures and estimating again makes every adopted term take its adopted
    /// value, and every interval with an adopted term add up to the observed interval.
    #[test]
    fn adopting_a_drill_makes_the_model_match_it(
        w in workload(), s in strategy(), di in 0usize..4,
        gaps in prop::collection::vec((any::<bool>(), 0u32..5000), 8),
    ) {
        let disruption = Disruption::ALL[di];
        let spec = StrategySpec::from(s);
        if estimate_recovery(&w, spec).is_err() { return Ok(()) }
        let d = drill(disruption, &gaps);
        let recorded = gaps.iter().filter(|(on, _)| *on).count();
        let c = match compare_drill(&w, spec, disruption, &d) {
            Ok(c) => c,
            Err(e) => {
                let code = e.issues[0].code.as_str();
                prop_assert!(code == "not_covered" || (code == "too_few_phases" && recorded < 2), "{e:?}");
                return Ok(());
            }
        };
        prop_assert!(recorded >= 2);
        prop_assert_eq!(c.intervals.len(), recorded - 1);
        let mut v = serde_json::to_value(&w).expect("serializes");
        for a in &c.adopt {
            set(&mut v, &a.path, a.value.clone());
        }
        let w2: Workload = serde_json::from_value(v).expect("adopted workload reads");
        let est2 = estimate_recovery(&w2, spec).expect("adopted workload estimates");
        let d2 = est2.estimates.iter().find(|e| e.disruption == disruption).expect("estimated");
        prop_assert_eq!(c.adopted_rto_seconds, d2.rto_seconds);
        for a in c.adopt.iter().filter(|a| a.value.is_number()) {
            let v = a.value.as_f64().unwrap_or(f64::NAN);
            match d2.rto_terms.iter().find(|t| t.name == a.term && t.component == a.component) {
                Some(t) => prop_assert!((t.seconds - v).abs() < 1e-9, "{} is {} after adopting {}", a.term, t.seconds, v),
                // A zero-length parallel track leaves the critical path's list.
                None => prop_assert_eq!(v, 0.0, "{} left the critical path", &a.term),
            }
        }
        let c2 = compare_drill(&w2, spec, disruption, &d).expect("compares again");
        for (iv, iv2) in c.intervals.iter().zip(&c2.intervals) {
            let adopted = iv.terms.iter().any(|t| c.adopt.iter().any(|a| a.term == t.name && a.component == t.component));
            if adopted {
                prop_assert!(iv2.difference_seconds.abs() <= 0.002 * iv.terms.len() as f64,
                    "{} → {}: before {:?}, after {:?}", iv.from_phase, iv.to_phase, iv, iv2);
            }
        }
    }
}
