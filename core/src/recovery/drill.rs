//! A recovery drill against the model: the timestamps of a real exercise compared, term by term,
//! with the predicted RTO breakdown of the disruption it exercised, and the workload fields that
//! would make the model match it (dr-strategies.md §11.1).
//!
//! Each drill phase closes one interval, measured from the recorded phase before it:
//!
//! | phase | measures |
//! |---|---|
//! | `detected` (from `disrupted`) | `detect` |
//! | `escalated` | `notify_escalate` |
//! | `declared` | `declare` |
//! | `failover_started` | nothing the model has: it starts recovery at declaration |
//! | `data_restored` (or `promoted`) | the recovery step: `deploy_infrastructure` and the slowest parallel track (restore, promotion, failover, compute start…) |
//! | `traffic_shifted` | `traffic_shift` |
//! | `validated` | `validate` |
//!
//! A phase left out merges its terms into the interval of the next recorded phase; terms before
//! the first recorded phase or after the last one are not measured.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{join, Error, Issue};
use crate::provenance::Basis;
use crate::strategy::facts as f;
use crate::strategy::Strategy;
use crate::units::human_duration;
use crate::workload::{Component, StepMode, Workload};

use super::breakdown::{DisruptionEstimate, RecoveryEstimate, Term};
use super::disruption::Disruption;

/// The timestamps (RFC 3339 with an offset) of one drill's phases; any may be left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct DrillPhases {
    /// The fault was injected (the disruption began).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub disrupted: Option<String>,
    /// An alarm or health check noticed it.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub detected: Option<String>,
    /// The responders were paged and the incident assessed.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub escalated: Option<String>,
    /// The disaster was declared.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub declared: Option<String>,
    /// The first recovery action started.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub failover_started: Option<String>,
    /// The data tier was restored or promoted and compute was up (`promoted` is the same phase).
    #[serde(default, alias = "promoted")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub data_restored: Option<String>,
    /// Clients reached the recovery site.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub traffic_shifted: Option<String>,
    /// The checks passed and the service was declared back.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub validated: Option<String>,
}

/// A recovery drill: the disruption it exercised and the timestamps of its phases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Drill {
    pub disruption: Disruption,
    pub phases: DrillPhases,
    /// Free text about the exercise (echoed, cut to 200 characters).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub notes: Option<String>,
}

/// One predicted term as the comparison lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct DrillTerm {
    pub name: String,
    pub component: Option<String>,
    pub seconds: f64,
    pub basis: Basis,
    pub source: String,
}

/// One drill interval against the predicted terms it measures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct IntervalComparison {
    /// The recorded phase the interval starts at.
    pub from_phase: String,
    /// The recorded phase that closes it.
    pub to_phase: String,
    /// The predicted terms it measures (empty: the model has no time here).
    pub terms: Vec<DrillTerm>,
    pub predicted_seconds: f64,
    pub observed_seconds: f64,
    /// Observed − predicted: positive when the model underestimates.
    pub difference_seconds: f64,
    /// Observed ÷ predicted (null when the prediction is zero).
    pub ratio: Option<f64>,
    /// `underestimated`, `overestimated` or `matches` (the model against the drill).
    pub verdict: String,
    pub text: String,
}

/// A predicted term the drill does not measure, or a term no field can adopt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct TermNote {
    pub name: String,
    pub component: Option<String>,
    pub reason: String,
}

/// One override that makes the model match the drill: set `path` (a JSON pointer into the
/// workload) to `value`; `from` is what the workload says now (null: unset, a default applies).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct Adoption {
    pub path: String,
    #[cfg_attr(feature = "tsify", tsify(type = "unknown"))]
    pub value: Value,
    #[cfg_attr(feature = "tsify", tsify(type = "unknown"))]
    pub from: Value,
    /// The term it sets.
    pub term: String,
    pub component: Option<String>,
    pub reason: String,
}

/// The whole RTO, predicted against observed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct RtoComparison {
    pub predicted_seconds: f64,
    /// Null when the drill lacks the phase the RTO starts at or `validated`.
    pub observed_seconds: Option<f64>,
    pub difference_seconds: Option<f64>,
    pub ratio: Option<f64>,
    pub text: String,
}

/// What [`crate::compare_drill`] returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct DrillComparison {
    pub strategy: Strategy,
    pub disruption: Disruption,
    /// The recorded intervals in order, each against the terms it measures.
    pub intervals: Vec<IntervalComparison>,
    /// Predicted terms no recorded interval measures.
    pub not_measured: Vec<TermNote>,
    /// Terms (with their component) the model puts below the drill.
    pub underestimated: Vec<String>,
    /// Terms the model puts above the drill.
    pub overestimated: Vec<String>,
    pub rto: RtoComparison,
    /// The workload fields to set so the model matches the drill.
    pub adopt: Vec<Adoption>,
    /// Measured terms that no field can adopt, and why.
    pub not_adopted: Vec<TermNote>,
    /// The predicted RTO once `adopt` is applied (the strategy estimated again).
    pub adopted_rto_seconds: Option<f64>,
    /// The drill's notes (cut to 200 characters) and what to know about the comparison.
    pub notes: Vec<String>,
    pub summary: String,
}

/// The drill phases in order, with the JSON name of each.
fn ph(k: usize) -> &'static str {
    PHASES.get(k).copied().unwrap_or("")
}

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

/// Which phase closes the interval that measures a predicted term (an index into [`PHASES`]).
fn phase_of(term: &str) -> usize {
    match term {
        "detect" => 1,
        "notify_escalate" => 2,
        "declare" => 3,
        "traffic_shift" => 6,
        "validate" => 7,
        // deploy_infrastructure and every parallel-track term: the recovery step.
        _ => 5,
    }
}

/// The text of phase `k` (empty when not recorded).
fn stamp(drill: &Drill, k: usize) -> &str {
    stamps(&drill.phases)
        .get(k)
        .copied()
        .flatten()
        .map_or("", String::as_str)
}

fn stamps(p: &DrillPhases) -> [Option<&String>; 8] {
    [
        p.disrupted.as_ref(),
        p.detected.as_ref(),
        p.escalated.as_ref(),
        p.declared.as_ref(),
        p.failover_started.as_ref(),
        p.data_restored.as_ref(),
        p.traffic_shifted.as_ref(),
        p.validated.as_ref(),
    ]
}

/// Read and check the drill: timestamps parse, phases in order, its disruption is the one asked.
/// Returns the seconds of each recorded phase since the first one.
fn read(drill: &Drill, asked: Disruption) -> Result<[Option<f64>; 8], Error> {
    let mut issues = Vec::new();
    if drill.disruption != asked {
        issues.push(
            Issue::error(
                "disruption_mismatch",
                "/disruption",
                format!(
                    "the drill exercised {} but {} was asked",
                    drill.disruption.label(),
                    asked.label()
                ),
            )
            .with_hint("compare a drill with the estimate of the disruption it exercised")
            .in_input("drill"),
        );
    }
    // The retention engine's RFC 3339 reader (offset mandatory), shared so one reading holds.
    let mut at: [Option<f64>; 8] = [None; 8];
    for (k, s) in stamps(&drill.phases).into_iter().enumerate() {
        let Some(s) = s else { continue };
        let path = join("/phases", ph(k));
        match crate::retention::SnapshotTime::parse(s) {
            Ok(t) => {
                if let Some(slot) = at.get_mut(k) {
                    *slot = Some(t.unix_f64());
                }
            }
            Err(_) => issues.push(
                Issue::error(
                    "invalid_timestamp",
                    path,
                    format!(
                        "{:?} is not an RFC 3339 timestamp with an offset",
                        crate::budget::echo(s)
                    ),
                )
                .with_hint("e.g. \"2026-11-20T09:14:05Z\" or \"2026-11-20T10:14:05+01:00\"")
                .in_input("drill"),
            ),
        }
    }
    let mut last: Option<(usize, f64)> = None;
    for (k, t) in at.iter().enumerate() {
        let Some(t) = t else { continue };
        if let Some((j, prev)) = last {
            if *t < prev {
                issues.push(
                    Issue::error(
                        "phase_out_of_order",
                        join("/phases", ph(k)),
                        format!(
                            "{} ({}) is before {} ({})",
                            ph(k),
                            crate::budget::echo(stamp(drill, k)),
                            ph(j),
                            crate::budget::echo(stamp(drill, j))
                        ),
                    )
                    .with_hint("phases run disrupted, detected, escalated, declared, failover_started, data_restored, traffic_shifted, validated")
                    .in_input("drill"),
                );
                continue;
            }
        }
        last = Some((k, *t));
    }
    if issues.is_empty() && at.iter().filter(|t| t.is_some()).count() < 2 {
        issues.push(
            Issue::error(
                "too_few_phases",
                "/phases",
                "a drill needs at least two timestamped phases to measure an interval",
            )
            .in_input("drill"),
        );
    }
    if !issues.is_empty() {
        return Err(Error::invalid(issues));
    }
    let first = at.iter().flatten().next().copied();
    let mut out = [None; 8];
    for (k, t) in at.iter().enumerate() {
        if let (Some(t), Some(first)) = (*t, first) {
            if let Some(slot) = out.get_mut(k) {
                *slot = Some(round_ms(t - first));
            }
        }
    }
    Ok(out)
}

fn label(t: &Term) -> String {
    match &t.component {
        Some(c) => format!("{} ({c})", t.name),
        None => t.name.clone(),
    }
}

fn drill_term(t: &Term) -> DrillTerm {
    DrillTerm {
        name: t.name.clone(),
        component: t.component.clone(),
        seconds: t.seconds,
        basis: t.basis,
        source: t.source.clone(),
    }
}

/// Whether a people step was assessed as automated (its term is the automated-step fact).
fn automated(t: &Term) -> bool {
    t.source == f::AUTOMATED_STEP.source
}

/// A workload field: its path, its current value and the automation step to make manual.
type Field = (String, Value, Option<&'static str>);

/// The workload field that sets a term.
fn field_of(w: &Workload, t: &Term) -> Option<Field> {
    let secs = |v: Option<crate::units::Seconds>| v.map_or(Value::Null, |s| Value::from(s.get()));
    let o = &w.operations;
    let op = |field: &str| join("/operations", field);
    let comp = |field: &str| -> Option<(String, &Component)> {
        let name = t.component.as_deref()?;
        let i = w
            .components
            .iter()
            .position(|c| component_name(c) == Some(name))?;
        Some((join(&join("/components", i), field), w.components.get(i)?))
    };
    match t.name.as_str() {
        "notify_escalate" => Some((
            op("notify_escalate_seconds"),
            secs(o.notify_escalate_seconds),
            Some("escalation"),
        )),
        "declare" => Some((
            op("declare_seconds"),
            secs(o.declare_seconds),
            Some("declaration"),
        )),
        "validate" => Some((
            op("validate_seconds"),
            secs(o.validate_seconds),
            Some("validation"),
        )),
        "deploy_infrastructure" => Some((
            op("infrastructure_deploy_seconds"),
            secs(o.infrastructure_deploy_seconds),
            None,
        )),
        "failover" | "promote_replica" => {
            let field = if t.name == "failover" {
                "failover_seconds"
            } else {
                "promotion_seconds"
            };
            let (path, c) = comp(field)?;
            match c {
                Component::RelationalDatabase(d) | Component::KeyValueDatabase(d) => {
                    let v = if t.name == "failover" {
                        d.failover_seconds
                    } else {
                        d.promotion_seconds
                    };
                    Some((path, secs(v), None))
                }
                _ => None,
            }
        }
        "start_compute" | "launch_recovery_instance" => {
            let (path, c) = comp("start_seconds")?;
            match c {
                Component::Compute(x) => Some((path, secs(x.start_seconds), None)),
                _ => None,
            }
        }
        _ => None,
    }
}

fn component_name(c: &Component) -> Option<&str> {
    match c {
        Component::RelationalDatabase(d) | Component::KeyValueDatabase(d) => Some(&d.name),
        Component::Compute(x) => Some(&x.name),
        Component::ObjectStorage(o) => Some(&o.name),
        Component::Routing(_) => None,
    }
}

/// Why a measured term has no field to adopt.
fn why_not_adoptable(t: &Term) -> String {
    match t.name.as_str() {
        "detect" => "detection is the health-check interval × failure threshold of the routing component (dr-strategies.md §6.8): settings, not a figure to override; a slower drill points at the alarm path".to_owned(),
        "traffic_shift" => "the model takes the record's TTL as the shift time (dr-strategies.md §6.8); clients or resolvers holding answers past the TTL are not a workload field".to_owned(),
        "restore_data" => "the restore time follows from the size and the restore throughput; record a measured restore rather than a duration".to_owned(),
        _ => "the term comes from a published figure with no workload field".to_owned(),
    }
}

fn round_ms(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

fn verdict(diff: f64) -> &'static str {
    if diff > 0.0 {
        "underestimated"
    } else if diff < 0.0 {
        "overestimated"
    } else {
        "matches"
    }
}

/// Compare a drill with the estimate's breakdown of the disruption it exercised.
pub fn compare(
    w: &Workload,
    est: &RecoveryEstimate,
    disruption: Disruption,
    drill: &Drill,
    refused: &[(String, Option<String>)],
) -> Result<DrillComparison, Error> {
    let at = read(drill, disruption)?;
    let d: &DisruptionEstimate = est
        .estimates
        .iter()
        .find(|e| e.disruption == disruption)
        .ok_or_else(|| {
            Error::invalid(vec![Issue::error(
                "not_covered",
                "",
                "no estimate for this disruption",
            )
            .in_input("disruption")])
        })?;
    let Some(rto) = d.rto_seconds.filter(|_| d.applicable && d.covered) else {
        return Err(Error::invalid(vec![Issue::error(
            "not_covered",
            "",
            format!(
                "{} under {}: {}; there is no predicted RTO to compare a drill with",
                disruption.label(),
                est.label,
                if d.mechanism.is_empty() {
                    "not covered"
                } else {
                    &d.mechanism
                }
            ),
        )
        .in_input("disruption")]));
    };

    // The terms measured by the interval each phase closes.
    let mut by_phase: [Vec<&Term>; 8] = Default::default();
    for t in &d.rto_terms {
        if let Some(v) = by_phase.get_mut(phase_of(&t.name)) {
            v.push(t);
        }
    }
    // The longest parallel track off the critical path: a recovery step shorter than it cannot be
    // adopted into the critical track without moving the critical path.
    let mut track_len: Vec<(&str, f64)> = Vec::new();
    for p in d
        .timeline
        .iter()
        .filter(|p| p.track != "main" && p.name != "scale_out")
    {
        let critical = d
            .rto_terms
            .iter()
            .any(|t| t.name == p.name && t.component.as_deref() == Some(p.track.as_str()));
        if critical {
            continue;
        }
        match track_len.iter_mut().find(|(t, _)| *t == p.track) {
            Some((_, len)) => *len += p.end_seconds - p.start_seconds,
            None => track_len.push((&p.track, p.end_seconds - p.start_seconds)),
        }
    }
    let other_tracks = track_len
        .iter()
        .fold(None, |m: Option<(&str, f64)>, (t, l)| match m {
            Some((_, ml)) if ml >= *l => m,
            _ => Some((t, *l)),
        });
    let recorded: Vec<usize> = (0..8)
        .filter(|k| at.get(*k).copied().flatten().is_some())
        .collect();
    let mut notes: Vec<String> = Vec::new();
    if let Some(n) = &drill.notes {
        notes.push(format!("drill: {}", crate::budget::echo(n)));
    }
    let mut not_measured = Vec::new();
    let (first, last) = match (recorded.first(), recorded.last()) {
        (Some(a), Some(b)) => (*a, *b),
        _ => (0, 0),
    };
    for (k, terms) in by_phase.iter().enumerate() {
        let reason = if k <= first {
            format!("the drill records no phase before {}", ph(first))
        } else if k > last {
            format!("the drill records no phase after {}", ph(last))
        } else {
            continue;
        };
        for t in terms {
            not_measured.push(TermNote {
                name: t.name.clone(),
                component: t.component.clone(),
                reason: format!("{reason} ({} ends at {})", t.name, ph(k)),
            });
        }
    }

    let mut intervals = Vec::new();
    let mut adopt = Vec::new();
    let mut not_adopted = Vec::new();
    let (mut under, mut over) = (Vec::new(), Vec::new());
    for pair in recorded.windows(2) {
        let &[a, b] = pair else { continue };
        let terms: Vec<&Term> = by_phase
            .get(a + 1..=b)
            .unwrap_or(&[])
            .iter()
            .flatten()
            .copied()
            .collect();
        let observed = round_ms(
            at.get(b).copied().flatten().unwrap_or(0.0)
                - at.get(a).copied().flatten().unwrap_or(0.0),
        );
        let predicted = terms.iter().fold(0.0, |s, t| s + t.seconds);
        let diff = round_ms(observed - predicted);
        let ratio = (predicted > 0.0).then(|| observed / predicted);
        let names = if terms.is_empty() {
            format!("{} → {} (not modelled)", ph(a), ph(b))
        } else {
            terms
                .iter()
                .map(|t| label(t))
                .collect::<Vec<_>>()
                .join(" + ")
        };
        let v = verdict(diff);
        let text = format!(
            "{} → {}: observed {}, predicted {} ({names}): {}",
            ph(a),
            ph(b),
            human_duration(observed),
            human_duration(predicted),
            match v {
                "underestimated" => format!("the model is {} short", human_duration(diff)),
                "overestimated" => format!("the model is {} long", human_duration(-diff)),
                _ => "as predicted".to_owned(),
            }
        );
        match v {
            "underestimated" => under.push(names.clone()),
            "overestimated" => over.push(names.clone()),
            _ => {}
        }
        if terms.is_empty() && observed > 0.0 {
            notes.push(format!(
                "{} → {} ({}) is time the model does not have: it starts recovery at declaration; no field adopts it",
                ph(a),
                ph(b),
                human_duration(observed)
            ));
        }
        adopt_interval(
            w,
            &terms,
            observed,
            (ph(a), ph(b)),
            other_tracks,
            refused,
            &mut adopt,
            &mut not_adopted,
            &mut notes,
        );
        intervals.push(IntervalComparison {
            from_phase: ph(a).to_owned(),
            to_phase: ph(b).to_owned(),
            terms: terms.iter().map(|t| drill_term(t)).collect(),
            predicted_seconds: predicted,
            observed_seconds: observed,
            difference_seconds: diff,
            ratio,
            verdict: v.to_owned(),
            text,
        });
    }

    // The RTO starts at detection when the model has no detect term (corruption, compromise).
    let start = if d.rto_terms.iter().any(|t| t.name == "detect") {
        0
    } else {
        1
    };
    let observed_rto = match (
        at.get(start).copied().flatten(),
        at.get(7).copied().flatten(),
    ) {
        (Some(a), Some(b)) => Some(round_ms(b - a)),
        _ => None,
    };
    if start == 1 && at.first().copied().flatten().is_some() {
        notes.push("the RTO of this disruption counts from detection: disrupted → detected is dwell time, in the RPO (dr-strategies.md §8)".to_owned());
    }
    let rto_cmp = RtoComparison {
        predicted_seconds: rto,
        observed_seconds: observed_rto,
        difference_seconds: observed_rto.map(|o| round_ms(o - rto)),
        ratio: observed_rto.filter(|_| rto > 0.0).map(|o| o / rto),
        text: match observed_rto {
            Some(o) => format!(
                "RTO observed {} ({} → validated), predicted {}",
                human_duration(o),
                ph(start),
                human_duration(rto)
            ),
            None => format!(
                "RTO predicted {}; the drill does not record both {} and validated, so the whole RTO was not observed",
                human_duration(rto),
                ph(start)
            ),
        },
    };
    let summary = format!(
        "{} drill against {}: {} interval(s) compared, {} underestimated, {} overestimated; {}; {} override(s) to adopt",
        disruption.label(),
        est.label,
        intervals.len(),
        under.len(),
        over.len(),
        rto_cmp.text,
        adopt.len()
    );
    Ok(DrillComparison {
        strategy: est.strategy,
        disruption,
        intervals,
        not_measured,
        underestimated: under,
        overestimated: over,
        rto: rto_cmp,
        adopt,
        not_adopted,
        adopted_rto_seconds: None,
        notes,
        summary,
    })
}

/// The adoptions the model does not take: after `adopt` was applied and the strategy estimated
/// again (`after`), a term that does not read its field there (e.g. a DynamoDB table's AZ loss,
/// which no `failover_seconds` changes). Empty: every adoption holds.
pub(crate) fn refused(
    c: &DrillComparison,
    after: &DisruptionEstimate,
) -> Vec<(String, Option<String>)> {
    let taken = |a: &Adoption| -> bool {
        let Some(v) = a.value.as_f64() else {
            return true;
        };
        match after
            .rto_terms
            .iter()
            .find(|t| t.name == a.term && t.component == a.component)
        {
            Some(t) => (t.seconds - v).abs() <= 1e-9,
            // A parallel track of zero seconds leaves the critical path's list.
            None => v == 0.0,
        }
    };
    c.adopt
        .iter()
        .filter(|a| !taken(a))
        .map(|a| (a.term.clone(), a.component.clone()))
        .collect()
}

/// The overrides that make one interval's predicted terms add up to its observed seconds: the
/// terms with a field share what the others (kept as modelled) leave, in the model's proportions.
#[allow(clippy::too_many_arguments)]
fn adopt_interval(
    w: &Workload,
    terms: &[&Term],
    observed: f64,
    (a, b): (&str, &str),
    other_tracks: Option<(&str, f64)>,
    refused: &[(String, Option<String>)],
    adopt: &mut Vec<Adoption>,
    not_adopted: &mut Vec<TermNote>,
    notes: &mut Vec<String>,
) {
    let mut fixed = 0.0;
    let mut open: Vec<(&Term, Field)> = Vec::new();
    for t in terms {
        let no = refused
            .iter()
            .any(|(n, c)| *n == t.name && *c == t.component);
        match field_of(w, t).filter(|_| !no) {
            Some(fld) => open.push((t, fld)),
            None => {
                fixed += t.seconds;
                not_adopted.push(TermNote {
                    name: t.name.clone(),
                    component: t.component.clone(),
                    reason: if no {
                        "the model does not read a workload field for this term here: a published figure applies whatever the workload says".to_owned()
                    } else {
                        why_not_adoptable(t)
                    },
                });
            }
        }
    }
    if open.is_empty() {
        return;
    }
    let left = observed - fixed;
    if left < 0.0 {
        for (t, _) in open {
            not_adopted.push(TermNote {
                name: t.name.clone(),
                component: t.component.clone(),
                reason: format!(
                    "{a} → {b} took {}, less than the terms kept as modelled ({}): no value of this term matches it",
                    human_duration(observed),
                    human_duration(fixed)
                ),
            });
        }
        return;
    }
    let share_base: f64 = open.iter().map(|(t, _)| t.seconds).sum();
    let n = open.len() as f64;
    let value_of = |t: &Term| {
        let share = if share_base > 0.0 {
            t.seconds / share_base
        } else {
            1.0 / n
        };
        round_ms(left * share)
    };
    // A parallel-track term (it has a component) must stay the slowest track.
    if let Some((track, len)) = other_tracks {
        if let Some((t, _)) = open
            .iter()
            .find(|(t, _)| t.component.is_some() && value_of(t) < len)
        {
            not_adopted.push(TermNote {
                name: t.name.clone(),
                component: t.component.clone(),
                reason: format!(
                    "{a} → {b} took {}: {} of it is less than the `{track}` track the model runs beside it ({}), so adopting it would move the critical path; record that track's end too",
                    human_duration(observed),
                    human_duration(value_of(t)),
                    human_duration(len)
                ),
            });
            return;
        }
    }
    if open.len() > 1 {
        notes.push(format!(
            "{a} → {b} measures {} together: the drill's time is split in the model's proportions",
            open.iter()
                .map(|(t, _)| label(t))
                .collect::<Vec<_>>()
                .join(" + ")
        ));
    }
    for (t, (path, from, step)) in open {
        let value = value_of(t);
        if let Some(step) = step.filter(|_| automated(t)) {
            let auto = &w.operations.automation;
            let set = match step {
                "escalation" => auto.escalation,
                "declaration" => auto.declaration,
                _ => auto.validation,
            };
            let mode = match set {
                Some(StepMode::Automated) => Value::from("automated"),
                Some(StepMode::Manual) => Value::from("manual"),
                None => Value::Null,
            };
            adopt.push(Adoption {
                path: join("/operations/automation", step),
                value: Value::from("manual"),
                from: mode,
                term: t.name.clone(),
                component: t.component.clone(),
                reason: format!(
                    "the model assessed {} as automated (no people time); the drill took {} ({a} → {b})",
                    t.name,
                    human_duration(value)
                ),
            });
        }
        adopt.push(Adoption {
            path,
            value: Value::from(value),
            from,
            term: t.name.clone(),
            component: t.component.clone(),
            reason: format!(
                "{}: predicted {} ({}), observed {} ({a} → {b})",
                label(t),
                human_duration(t.seconds),
                basis_word(t.basis),
                human_duration(value)
            ),
        });
    }
}

/// A basis in words, as the drill comparison and the runbook print it.
pub(super) fn basis_word(b: Basis) -> &'static str {
    match b {
        Basis::Input => "input",
        Basis::Documented => "documented",
        Basis::Derived => "derived",
        Basis::Heuristic => "heuristic",
        Basis::Unconfirmed => "unconfirmed",
        Basis::PlanningDefault => "planning default",
        Basis::Measured => "measured",
    }
}

/// The workload with the comparison's adoptions applied (typed: the paths are those
/// [`field_of`] writes; any other path is left alone).
pub(crate) fn adopted(w: &Workload, c: &DrillComparison) -> Workload {
    let mut w = w.clone();
    for a in &c.adopt {
        let secs = a.value.as_f64().map(crate::units::Seconds);
        let mode = match a.value.as_str() {
            Some("manual") => Some(StepMode::Manual),
            Some("automated") => Some(StepMode::Automated),
            _ => None,
        };
        let parts: Vec<&str> = a.path.split('/').skip(1).collect();
        match parts.as_slice() {
            ["operations", "automation", step] => {
                let auto = &mut w.operations.automation;
                match *step {
                    "escalation" => auto.escalation = mode,
                    "declaration" => auto.declaration = mode,
                    "validation" => auto.validation = mode,
                    _ => {}
                }
            }
            ["operations", field] => {
                let o = &mut w.operations;
                match *field {
                    "notify_escalate_seconds" => o.notify_escalate_seconds = secs,
                    "declare_seconds" => o.declare_seconds = secs,
                    "validate_seconds" => o.validate_seconds = secs,
                    "infrastructure_deploy_seconds" => o.infrastructure_deploy_seconds = secs,
                    _ => {}
                }
            }
            ["components", i, field] => {
                let c = i
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| w.components.get_mut(i));
                match (c, *field) {
                    (
                        Some(Component::RelationalDatabase(d) | Component::KeyValueDatabase(d)),
                        "failover_seconds",
                    ) => d.failover_seconds = secs,
                    (
                        Some(Component::RelationalDatabase(d) | Component::KeyValueDatabase(d)),
                        "promotion_seconds",
                    ) => d.promotion_seconds = secs,
                    (Some(Component::Compute(x)), "start_seconds") => x.start_seconds = secs,
                    _ => {}
                }
            }
            _ => {}
        }
    }
    w
}
