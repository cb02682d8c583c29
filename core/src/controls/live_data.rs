//! Controls that need live data drplan does not have offline (vault access policies, the
//! encryption state of recovery points, measured restore times): their parameters are still
//! checked, and they come back `not_evaluated` with the reason.

use super::eval::{ev, Eval, Outcome};
use super::params::Params;
use super::ControlStatus;

/// `BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED`.
pub(super) fn manual_deletion_disabled(p: &mut Params<'_>) -> Outcome {
    p.list(
        "principalArnList",
        5,
        "optional, up to 5 IAM role ARNs (aws-backup.md §11.2)",
    );
    let mut out =
        Outcome::new("vaults: their access policies must deny manual deletion of recovery points");
    out.message = "vault access policies are not part of the plan: not evaluated offline".into();
    out
}

/// `BACKUP_RECOVERY_POINT_ENCRYPTED`.
pub(super) fn recovery_point_encrypted() -> Outcome {
    let mut out = Outcome::new("recovery points: each must be encrypted");
    out.message =
        "the encryption state of recovery points is not part of the plan: not evaluated offline"
            .into();
    out
}

/// `RESTORE_TIME_FOR_RESOURCES_MEET_TARGET`: with `context.restore_jobs`, each restored
/// resource's latest completed restore job (by `CreationDate`) against `maxRestoreTime`
/// (aws-backup.md §11.2, §18.4); without them, not evaluated.
pub(super) fn restore_time_meets_target(p: &mut Params<'_>, e: &Eval<'_>) -> Outcome {
    let max = p.int(
        "maxRestoreTime",
        None,
        1,
        52_560_000,
        "minutes; no default (AWS samples use 720, aws-backup.md §11.2)",
    );
    let mut out = Outcome::new(
        "restore-testing jobs: the latest restore time must not exceed maxRestoreTime (minutes)",
    );
    let Some(jobs) = &e.context.restore_jobs else {
        out.message = "needs measured restore times: give context.restore_jobs (list-restore-jobs output, aws-backup.md §18.4)".into();
        return out;
    };
    let Some(max) = max else {
        out.message = "maxRestoreTime has no default: give it to judge the restore jobs".into();
        return out;
    };
    // The latest completed job per restored resource: (creation, duration, job index).
    let mut latest: std::collections::BTreeMap<String, (f64, f64, usize)> = Default::default();
    for (i, j) in jobs.restore_jobs.iter().enumerate() {
        let Some((c, d)) = crate::workload::restore_jobs::completed_span(j) else {
            continue;
        };
        let key = j
            .source_resource_arn
            .clone()
            .or_else(|| j.created_resource_arn.clone())
            .or_else(|| j.restore_job_id.clone())
            .unwrap_or_else(|| format!("job {i}"));
        let e = latest.entry(key).or_insert((c, d - c, i));
        if c > e.0 {
            *e = (c, d - c, i);
        }
    }
    for (subject, (_, secs, i)) in latest {
        let minutes = secs / 60.0;
        let ok = minutes <= max as f64;
        out.evidence.push(ev(
            "resource",
            subject,
            Some(format!("/restore_jobs/RestoreJobs/{i}")),
            if ok {
                ControlStatus::Compliant
            } else {
                ControlStatus::NonCompliant
            },
            Some(format!("{minutes:.1} min")),
            Some(format!("≤ {max} min")),
            if ok {
                "the latest restore finished within maxRestoreTime"
            } else {
                "the latest restore took longer than maxRestoreTime"
            },
        ));
    }
    if out.evidence.is_empty() {
        out.message = "no completed restore job with both dates in context.restore_jobs".into();
    }
    out
}
