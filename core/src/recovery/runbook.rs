//! A strategy's recovery timeline for one disruption, written as a runbook: the steps in order,
//! what each waits for, its duration with the facts behind it, who or what performs it and the
//! checks that close it (dr-strategies.md §11.2). Also as Markdown, deterministic text.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Issue};
use crate::provenance::Basis;
use crate::strategy::facts as f;
use crate::strategy::Strategy;
use crate::units::human_duration;
use crate::workload::{Mechanism, StepMode};

use super::breakdown::{DisruptionEstimate, RecoveryEstimate, Term};
use super::disruption::Disruption;
use super::drill::basis_word;
use super::timeline::Phase;

/// A check that closes a step, with where it comes from (a `docs/domain` citation, or `generic`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct RunbookCheck {
    pub text: String,
    pub source: String,
}

/// One step of a runbook: a phase of the recovery timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct RunbookStep {
    /// 1, 2, … in the order the steps start.
    pub number: u32,
    /// The phase (`detect`, `promote_replica`…).
    pub name: String,
    pub title: String,
    /// `main`, or the component whose parallel track it is on.
    pub track: String,
    pub start_seconds: f64,
    pub end_seconds: f64,
    pub seconds: f64,
    /// On the critical path: its time is part of the RTO.
    pub critical: bool,
    /// The steps (by number) it waits for; empty: it starts with the disruption.
    pub waits_for: Vec<u32>,
    /// What it waits for, in words (the predecessor, or the parallel branches and the one on the
    /// critical path).
    pub waits_for_text: String,
    /// `automated`, `people` or `aws` (an automatic failover AWS performs).
    pub performed_by: String,
    pub performer: String,
    /// The term behind the duration (null off the critical path: the estimate breaks down only
    /// the critical path).
    pub formula: Option<String>,
    pub assumption: Option<String>,
    pub basis: Option<Basis>,
    pub source: Option<String>,
    /// The checks that close the step.
    pub checks: Vec<RunbookCheck>,
}

/// What [`crate::recovery_runbook`] returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct Runbook {
    pub strategy: Strategy,
    pub label: String,
    pub disruption: Disruption,
    pub mechanism: String,
    pub rto_seconds: f64,
    pub rpo_seconds: Option<f64>,
    pub steps: Vec<RunbookStep>,
    pub notes: Vec<String>,
    /// The same runbook as Markdown.
    pub markdown: String,
}

fn title(name: &str) -> &'static str {
    match name {
        "detect" => "Detect the failure",
        "notify_escalate" => "Page, escalate and assess",
        "declare" => "Declare the disaster and start recovery",
        "deploy_infrastructure" => "Deploy the infrastructure from code",
        "promote_replica" => "Promote the replica to writer",
        "failover" => "Fail over the database",
        "restore_data" => "Restore the data",
        "new_instance" | "add_instance" => "Add a database instance",
        "start_compute" => "Start compute",
        "launch_recovery_instance" => "Launch the recovery instances",
        "scale_out" => "Scale the standby out to full capacity",
        "traffic_shift" => "Shift traffic",
        "validate" => "Validate and declare the service restored",
        _ => "Recover",
    }
}

fn check(text: impl Into<String>, source: &str) -> RunbookCheck {
    RunbookCheck {
        text: text.into(),
        source: source.to_owned(),
    }
}

/// Whether a people step was assessed as automated (its term is the automated-step fact).
fn automated(t: Option<&Term>) -> bool {
    t.is_some_and(|t| t.source == f::AUTOMATED_STEP.source)
}

fn mechanisms_of<'a>(est: &'a RecoveryEstimate, component: &str) -> &'a [Mechanism] {
    est.mechanisms
        .iter()
        .find(|m| m.component == component)
        .map_or(&[], |m| m.mechanisms.as_slice())
}

/// The checks that close a step.
fn checks(est: &RecoveryEstimate, d: &DisruptionEstimate, p: &Phase) -> Vec<RunbookCheck> {
    let comp = p.track.as_str();
    let ms = mechanisms_of(est, comp);
    let rpo = d.rpo_seconds.map(human_duration);
    match p.name.as_str() {
        "detect" => vec![check(
            "the Route 53 health check reports the primary endpoint unhealthy (the failure threshold of consecutive failed checks reached) and the alarm fires",
            "dr-strategies.md §6.8",
        )],
        "notify_escalate" => vec![
            check("the on-call responder has acknowledged the page", "dr-strategies.md §5.1"),
            check("the incident is assessed: recovery in place would not meet the RTO", "dr-strategies.md §5.1"),
        ],
        "declare" => vec![check(
            "the decision to invoke DR is recorded (who decided, when) and the recovery is started",
            "dr-strategies.md §5.1",
        )],
        "deploy_infrastructure" => vec![check(
            "the infrastructure-as-code deployment in the recovery site completed without errors",
            "dr-strategies.md §3",
        )],
        "promote_replica" => {
            let (what, src) = if ms.contains(&Mechanism::AuroraGlobalDatabase)
                || ms.contains(&Mechanism::AuroraGlobalHeadless)
            {
                (format!("the secondary cluster of `{comp}` is promoted and its writer accepts writes"), "dr-strategies.md §6.3")
            } else if ms.contains(&Mechanism::DynamodbGlobalTables)
                || ms.contains(&Mechanism::DynamodbGlobalTablesStrong)
            {
                (format!("the `{comp}` replica in the recovery Region serves writes"), "dr-strategies.md §6.4")
            } else {
                (format!("the `{comp}` replica is promoted to a standalone writer and accepts writes"), "dr-strategies.md §6.1")
            };
            vec![check(what, src)]
        }
        "failover" => vec![check(
            format!("the `{comp}` endpoint resolves to the new writer and accepts writes"),
            "dr-strategies.md §6.1",
        )],
        "restore_data" => {
            let point = if d.disruption == Disruption::Corruption {
                "the newest recovery point before the corruption"
            } else {
                "the newest recovery point available in the recovery site"
            };
            vec![
                check(format!("the restore job of `{comp}` completed from {point}"), "aws-backup.md §12"),
                check(format!("the restored `{comp}` passes the restore-validation checks (row counts, application queries)"), "aws-backup.md §12"),
            ]
        }
        "start_compute" | "launch_recovery_instance" | "scale_out" => vec![check(
            format!("the `{comp}` instances pass their health checks at the capacity this step brings"),
            "generic",
        )],
        "traffic_shift" => vec![check(
            "DNS answers for the service name point at the recovery site, and requests arrive there (after the record's TTL)",
            "dr-strategies.md §6.8",
        )],
        "validate" => {
            let mut v = vec![check(
                "the critical user journeys pass their smoke tests against the recovered site",
                "dr-strategies.md §5.1",
            )];
            if let Some(rpo) = rpo {
                v.push(check(
                    format!("the newest data present is no older than the RPO estimate ({rpo})"),
                    "dr-strategies.md §5.2",
                ));
            }
            v
        }
        _ => vec![check(format!("`{comp}` reports healthy"), "generic")],
    }
}

/// Who or what performs a step: (`automated` | `people` | `aws`, in words).
fn performer(
    d: &DisruptionEstimate,
    p: &Phase,
    term: Option<&Term>,
    self_healing: bool,
) -> (&'static str, String) {
    let failover_auto = d
        .automation
        .as_ref()
        .is_some_and(|a| a.in_force.declaration == StepMode::Automated);
    match p.name.as_str() {
        "detect" => (
            "automated",
            "Route 53 health checks and their alarm (dr-strategies.md §6.8)".to_owned(),
        ),
        "notify_escalate" | "declare" | "validate" => {
            if automated(term) {
                ("automated", "alarms and failover automation (health checks, Route 53 ARC routing controls or a managed failover; dr-strategies.md §10.3)".to_owned())
            } else {
                let who = match p.name.as_str() {
                    "notify_escalate" => "the on-call responder",
                    "declare" => "the incident commander (the DR decision owner)",
                    _ => "the service owners",
                };
                ("people", format!("{who} (manual: dr-strategies.md §10.3)"))
            }
        }
        _ if self_healing => (
            "aws",
            "AWS, automatically (no people step: dr-strategies.md §10.3)".to_owned(),
        ),
        _ if failover_auto => (
            "automated",
            "the failover automation started at declaration (dr-strategies.md §10.3)".to_owned(),
        ),
        _ => (
            "people",
            "the recovery team, following this runbook (manual: dr-strategies.md §10.3)".to_owned(),
        ),
    }
}

fn step_label(s: &RunbookStep) -> String {
    if s.track == "main" {
        format!("{}. {}", s.number, s.name)
    } else {
        format!("{}. {} ({})", s.number, s.name, s.track)
    }
}

/// The runbook of one disruption of an estimate.
pub fn runbook(est: &RecoveryEstimate, disruption: Disruption) -> Result<Runbook, Error> {
    let d = est
        .estimates
        .iter()
        .find(|e| e.disruption == disruption)
        .filter(|d| d.applicable && d.covered);
    let (Some(d), Some(rto)) = (d, d.and_then(|d| d.rto_seconds)) else {
        let why = est
            .estimates
            .iter()
            .find(|e| e.disruption == disruption)
            .map(|e| e.mechanism.clone())
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| "not covered".to_owned());
        return Err(Error::invalid(vec![Issue::error(
            "not_covered",
            "",
            format!(
                "{} under {}: {why}; there is no recovery to write a runbook for",
                disruption.label(),
                est.label
            ),
        )
        .in_input("disruption")]));
    };
    // Steps in the order they start; the estimate's order breaks ties (main before its tracks).
    let mut phases: Vec<(usize, &Phase)> = d.timeline.iter().enumerate().collect();
    phases.sort_by(|(i, a), (j, b)| a.start_seconds.total_cmp(&b.start_seconds).then(i.cmp(j)));
    let term_of = |p: &Phase| -> Option<&Term> {
        d.rto_terms.iter().find(|t| {
            t.name == p.name
                && match &t.component {
                    Some(c) => *c == p.track,
                    None => p.track == "main",
                }
        })
    };
    let self_healing = !d.rto_terms.iter().any(|t| t.name == "declare");
    let mut steps: Vec<RunbookStep> = Vec::new();
    for (k, (_, p)) in phases.iter().enumerate() {
        let number = u32::try_from(k + 1).unwrap_or(u32::MAX);
        let term = term_of(p);
        let critical = p.track == "main" || term.is_some();
        // What it waits for. A track step: the previous step on its track, else the main step
        // before the parallel section. A main step: the previous main step, or, when a parallel
        // section lies in between, the last step of each of its tracks.
        let prev_main = steps
            .iter()
            .rev()
            .find(|s| s.track == "main" && s.end_seconds <= p.start_seconds);
        let after = prev_main.map_or(0.0, |s| s.end_seconds);
        let waits: Vec<&RunbookStep> = if p.track == "main" {
            let branches: Vec<&RunbookStep> = steps
                .iter()
                .filter(|s| {
                    s.track != "main"
                        && s.start_seconds >= after
                        && s.end_seconds <= p.start_seconds
                        && !steps.iter().any(|n| {
                            n.track == s.track
                                && n.number > s.number
                                && n.end_seconds <= p.start_seconds
                        })
                })
                .collect();
            if branches.is_empty() {
                prev_main.into_iter().collect()
            } else {
                branches
            }
        } else {
            match steps.iter().rev().find(|s| s.track == p.track) {
                Some(s) => vec![s],
                None => prev_main.into_iter().collect(),
            }
        };
        let waits_for: Vec<u32> = waits.iter().map(|s| s.number).collect();
        let waits_for_text = match waits.as_slice() {
            [] if p.start_seconds == 0.0 && p.name == "detect" => "the disruption".to_owned(),
            [] if p.start_seconds == 0.0 && self_healing => "the disruption".to_owned(),
            [] if p.start_seconds == 0.0 => "detection".to_owned(),
            [] => "the recovery's start (off the critical path)".to_owned(),
            [one] => format!("step {}", step_label(one)),
            many => {
                let crit = many.iter().find(|s| s.critical && s.track != "main");
                format!(
                    "the parallel branches {}{}",
                    many.iter()
                        .map(|s| format!("step {}", step_label(s)))
                        .collect::<Vec<_>>()
                        .join(", "),
                    match crit {
                        Some(c) => format!(" (critical path: {})", step_label(c)),
                        None => String::new(),
                    }
                )
            }
        };
        let (by, who) = performer(d, p, term, self_healing);
        steps.push(RunbookStep {
            number,
            name: p.name.clone(),
            title: title(&p.name).to_owned(),
            track: p.track.clone(),
            start_seconds: p.start_seconds,
            end_seconds: p.end_seconds,
            seconds: p.end_seconds - p.start_seconds,
            critical,
            waits_for,
            waits_for_text,
            performed_by: by.to_owned(),
            performer: who,
            formula: term.map(|t| t.formula.clone()),
            assumption: term.map(|t| t.assumption.clone()),
            basis: term.map(|t| t.basis),
            source: term.map(|t| t.source.clone()),
            checks: checks(est, d, p),
        });
    }
    let mut notes = d.notes.clone();
    if let Some(b) = &d.binding.rto {
        notes.push(format!("what sets the RTO: {}", b.text));
    }
    let mut rb = Runbook {
        strategy: est.strategy,
        label: est.label.clone(),
        disruption,
        mechanism: d.mechanism.clone(),
        rto_seconds: rto,
        rpo_seconds: d.rpo_seconds,
        steps,
        notes,
        markdown: String::new(),
    };
    rb.markdown = markdown(&rb);
    Ok(rb)
}

fn clock(s: f64) -> String {
    let s = s.round().max(0.0) as u64;
    format!("T+{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
}

/// The runbook as Markdown: a summary table, then one section per step with its checks.
fn markdown(rb: &Runbook) -> String {
    let mut m = String::new();
    let _ = writeln!(m, "# Runbook: {} — {}\n", rb.disruption.label(), rb.label);
    let _ = writeln!(m, "- Recovery: {}", rb.mechanism);
    let _ = writeln!(
        m,
        "- Predicted RTO: {} ({} s){}",
        human_duration(rb.rto_seconds),
        rb.rto_seconds,
        match rb.rpo_seconds {
            Some(r) => format!("; predicted RPO: {}", human_duration(r)),
            None => "; RPO unbounded".to_owned(),
        }
    );
    let from = if rb.steps.first().is_some_and(|s| s.name == "detect")
        || rb.steps.iter().all(|s| s.performed_by == "aws")
    {
        "the start of the disruption"
    } else {
        "detection (this disruption's RTO counts from it: dr-strategies.md §8)"
    };
    let _ = writeln!(
        m,
        "- Times are offsets from {from} (T+h:mm:ss); steps marked ◆ are on the critical path.\n"
    );
    let _ = writeln!(
        m,
        "| # | step | track | starts | duration | waits for | by |"
    );
    let _ = writeln!(m, "|---|---|---|---|---|---|---|");
    for s in &rb.steps {
        let waits = if s.waits_for.is_empty() {
            "—".to_owned()
        } else {
            s.waits_for
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(
            m,
            "| {} | {}{} | {} | {} | {} | {} | {} |",
            s.number,
            if s.critical { "◆ " } else { "" },
            s.title,
            s.track,
            clock(s.start_seconds),
            human_duration(s.seconds),
            waits,
            s.performed_by
        );
    }
    for s in &rb.steps {
        let _ = writeln!(
            m,
            "\n## {}. {}{}\n",
            s.number,
            s.title,
            if s.track == "main" {
                String::new()
            } else {
                format!(" (`{}`)", s.track)
            }
        );
        let _ = writeln!(
            m,
            "- When: {} → {} ({}){}",
            clock(s.start_seconds),
            clock(s.end_seconds),
            human_duration(s.seconds),
            if s.critical {
                ", on the critical path"
            } else {
                ", off the critical path"
            }
        );
        let _ = writeln!(m, "- Waits for: {}", s.waits_for_text);
        let _ = writeln!(m, "- Performed by: {} — {}", s.performed_by, s.performer);
        match (&s.formula, &s.basis, &s.source) {
            (Some(fm), Some(b), Some(src)) => {
                let _ = writeln!(m, "- Duration: {fm} ({}; {src})", basis_word(*b));
                if let Some(a) = &s.assumption {
                    let _ = writeln!(m, "- Assumes: {a}");
                }
            }
            _ => {
                let _ = writeln!(m, "- Duration: from the estimate's timeline (not on the critical path, so not broken down)");
            }
        }
        let _ = writeln!(m, "- Done when:");
        for c in &s.checks {
            let _ = writeln!(m, "  - [ ] {} ({})", c.text, c.source);
        }
    }
    if !rb.notes.is_empty() {
        let _ = writeln!(m, "\n## Notes\n");
        for n in &rb.notes {
            let _ = writeln!(m, "- {n}");
        }
    }
    m
}
