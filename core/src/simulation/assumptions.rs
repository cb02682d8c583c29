//! Phase 4, the assumptions: the job duration and copy lag (given or default, with their
//! provenance), the context of the RPO step, and the figures the simulation assumed, in words.

use jiff::Timestamp;

use super::state::{Ctx, Notes, PlanPaths, RulePrep, DAY};
use super::*;
use crate::error::Issue;
use crate::provenance::{Basis, Fact};
use crate::strategy::facts as f;

/// The context of the RPO step: the job duration and copy lag (noting rules whose completion
/// window the job exceeds), the PITR override and the corruption instant.
pub(super) fn context<'a>(
    rules: &'a [RulePrep],
    plan: &BackupPlan,
    options: &SimulationOptions,
    start: Timestamp,
    corruption: Option<Timestamp>,
    notes: &mut Notes,
) -> Ctx<'a> {
    let (job, job_fact) = resolved(
        options.job_duration_seconds,
        &f::JOB_DURATION,
        "options.job_duration_seconds",
    );
    let (copy_lag, copy_fact) = resolved(
        options.copy_lag_seconds,
        &f::COPY_DURATION,
        "options.copy_lag_seconds",
    );
    let job_s = job.round() as i64;
    for r in rules {
        if r.completion > 0 && job_s > r.completion {
            notes.push(PlanPaths { plan }.issue(Issue::warning(
                "job_exceeds_completion_window",
                format!("/rules/{}/completion_window_minutes", r.index),
                format!("the assumed job duration ({}) exceeds rule {}'s completion window ({}): such jobs would be stopped (aws-backup.md §5.2)", crate::units::human_duration(job), r.name, crate::units::human_duration(r.completion as f64)),
            )));
        }
    }
    Ctx {
        rules,
        job,
        job_fact,
        copy_lag,
        copy_fact,
        pitr_override: options.pitr_lag_seconds.map(Seconds::get),
        corruption: corruption.map(|c| c.as_second() - start.as_second()),
    }
}

/// The figures the simulation assumed, with their provenance.
pub(super) fn assumptions(options: &SimulationOptions, ctx: &Ctx<'_>) -> Vec<SimulationAssumption> {
    vec![
        SimulationAssumption {
            name: "start_timing".into(),
            seconds: None,
            value: match options.start_timing {
                StartTiming::Scheduled => "jobs start at the scheduled time".into(),
                StartTiming::WindowEnd => "jobs start at the end of the start window (latest possible)".into(),
            },
            basis: Basis::Input,
            source: "options.start_timing; aws-backup.md §5.2 (a job may start any time within StartWindowMinutes)".into(),
        },
        SimulationAssumption {
            name: "job_duration".into(),
            seconds: Some(ctx.job),
            value: crate::units::human_duration(ctx.job),
            basis: ctx.job_fact.0,
            source: ctx.job_fact.1.clone(),
        },
        SimulationAssumption {
            name: "copy_lag".into(),
            seconds: Some(ctx.copy_lag),
            value: format!("{} after the backup job completes", crate::units::human_duration(ctx.copy_lag)),
            basis: ctx.copy_fact.0,
            source: ctx.copy_fact.1.clone(),
        },
        SimulationAssumption {
            name: "day_length".into(),
            seconds: Some(DAY as f64),
            value: "lifecycle days are exact 24-hour days from creation".into(),
            basis: Basis::Unconfirmed,
            source: "aws-backup.md §14.1 (whether days are 24-hour multiples or calendar days, and how soon after DeleteAt the service deletes, is UNCONFIRMED)".into(),
        },
        SimulationAssumption {
            name: "overlap".into(),
            seconds: None,
            value: match options.overlap {
                OverlapMode::StartWindow => "runs of different rules whose start windows intersect make one backup, for the longest retention".into(),
                OverlapMode::SameInstant => "runs of different rules at the same instant make one backup, for the longest retention".into(),
                OverlapMode::None => "overlapping runs are not merged".into(),
            },
            basis: Basis::Unconfirmed,
            source: "aws-backup.md §14.2 (one backup for the rule with the longer retention, taking the full start window into account; the exact overlap test is UNCONFIRMED)".into(),
        },
        SimulationAssumption {
            name: "size_model".into(),
            seconds: None,
            value: "first point of a chain (resource × vault) full; later points store the change since the previous point (change_rate × days, ≤ full); a full chain base carries the full data after the full point expires; DynamoDB and resources with incremental=false store every point full; continuous point = full + retention days of change".into(),
            basis: Basis::Derived,
            source: "pricing.md §4 (first backup full, later incremental; first copy into a Region full; re-basing when the oldest point expires is UNCONFIRMED)".into(),
        },
        SimulationAssumption {
            name: "dst".into(),
            seconds: None,
            value: match options.dst_gap {
                crate::schedule::DstGapPolicy::Skip => "a local time skipped by spring-forward does not run; a repeated one runs once (first occurrence)".into(),
                crate::schedule::DstGapPolicy::RunAtTransition => "a local time skipped by spring-forward runs at the transition; a repeated one runs once (first occurrence)".into(),
            },
            basis: Basis::Unconfirmed,
            source: "aws-backup.md §7 (DST behaviour undocumented); EventBridge Scheduler's documented behaviour".into(),
        },
    ]
}

fn resolved(given: Option<Seconds>, fact: &Fact, field: &str) -> (f64, (Basis, String)) {
    match given {
        Some(s) => (s.get(), (Basis::Input, format!("input ({field})"))),
        None => (
            fact.value,
            (
                fact.basis,
                format!("{} — {} (set {field})", fact.source, fact.assumption),
            ),
        ),
    }
}
