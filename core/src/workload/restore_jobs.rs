//! Measured restores (a workload input): `aws backup list-restore-jobs` output read into restore throughput and
//! duration per resource type (aws-backup.md §18.4), the only measured input of an RTO.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{join, Error, Issue};

/// Most restore jobs one call reads (budget.rs table: `LIST_CAPS`).
pub const MAX_RESTORE_JOBS: usize = 200_000;

/// One job as `list-restore-jobs` writes it (`RestoreJobsListMember`); fields drplan does not
/// use are ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct RestoreJob {
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub restore_job_id: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub resource_type: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub status: Option<String>,
    /// RFC 3339 text (the CLI) or epoch seconds (the API).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "string | number"))]
    pub creation_date: Option<Value>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "string | number"))]
    pub completion_date: Option<Value>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub backup_size_in_bytes: Option<f64>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub expected_completion_time_minutes: Option<f64>,
    /// The resource whose recovery point was restored.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub source_resource_arn: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub created_resource_arn: Option<String>,
}

/// A completed job's creation and completion (epoch seconds), when both are readable and in
/// order.
pub(crate) fn completed_span(j: &RestoreJob) -> Option<(f64, f64)> {
    if j.status.as_deref() != Some("COMPLETED") {
        return None;
    }
    let c = j.creation_date.as_ref().and_then(epoch)?;
    let d = j.completion_date.as_ref().and_then(epoch)?;
    (d > c).then_some((c, d))
}

/// The `list-restore-jobs` output: `{"RestoreJobs": [...]}` (a `NextToken` is ignored).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct RestoreJobList {
    pub restore_jobs: Vec<RestoreJob>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub next_token: Option<String>,
}

/// p50 / p90 / max of one figure.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct Spread {
    pub p50: f64,
    pub p90: f64,
    pub min: f64,
    pub max: f64,
}

/// Restores of one resource type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct RestoreTypeMeasure {
    pub resource_type: String,
    /// Completed jobs measured (with both dates).
    pub jobs: u64,
    /// Jobs listed with another status (`FAILED`, `ABORTED`, `RUNNING`, `PENDING`).
    pub not_completed: u64,
    /// Earliest and latest creation dates measured (RFC 3339 UTC).
    pub from: String,
    pub until: String,
    /// CompletionDate − CreationDate, seconds.
    pub duration_seconds: Spread,
    /// BackupSizeInBytes × 8 ÷ duration, bit/s (jobs with a size).
    pub throughput_bps: Option<Spread>,
    /// The throughput the recovery engine uses: the slow tail (10th percentile, nearest rank)
    /// of the measured jobs, so nine restores in ten were at least this fast.
    pub planning_throughput_bps: Option<f64>,
    /// Jobs with a size (the throughput's sample).
    pub sized_jobs: u64,
    /// Mean of `ExpectedCompletionTimeMinutes` where given, minutes.
    pub expected_minutes_mean: Option<f64>,
    pub source: String,
}

/// What [`measure_restores`] returns: the measurements per type, and the jobs left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct MeasuredRestores {
    pub by_type: Vec<RestoreTypeMeasure>,
    /// Jobs that could not be measured, each with the reason (paths into `jobs`).
    pub skipped: Vec<Issue>,
}

impl MeasuredRestores {
    /// The measurement of `resource_type` with a planning throughput, if any.
    pub fn for_type(&self, resource_type: &str) -> Option<&RestoreTypeMeasure> {
        self.by_type
            .iter()
            .find(|m| m.resource_type == resource_type && m.planning_throughput_bps.is_some())
    }
}

fn epoch(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s
            .trim()
            .parse::<jiff::Timestamp>()
            .ok()
            .map(|t| t.as_millisecond() as f64 / 1000.0),
        _ => None,
    }
}

fn rfc3339(secs: f64) -> String {
    jiff::Timestamp::from_millisecond((secs * 1000.0).round() as i64)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// Nearest-rank percentile of sorted values (`q` in 0–1).
fn rank(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let k = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted.get(k - 1).copied().unwrap_or(0.0)
}

fn spread(mut v: Vec<f64>) -> Spread {
    v.sort_by(f64::total_cmp);
    Spread {
        p50: rank(&v, 0.5),
        p90: rank(&v, 0.9),
        min: v.first().copied().unwrap_or(0.0),
        max: v.last().copied().unwrap_or(0.0),
    }
}

/// Restore duration and throughput per resource type from `list-restore-jobs` output.
///
/// A job counts when its `Status` is `COMPLETED` and both dates are readable with the
/// completion after the creation; its throughput counts when `BackupSizeInBytes` > 0. Jobs that
/// do not are listed in `skipped` (info) with the reason; a list with no `RestoreJobs` is an
/// `invalid_input` error (missing_field at `/RestoreJobs`).
pub fn measure_restores(jobs: &RestoreJobList) -> Result<MeasuredRestores, Error> {
    if jobs.restore_jobs.len() > MAX_RESTORE_JOBS {
        return Err(crate::budget::over(
            "jobs",
            "/RestoreJobs",
            "the restore job list",
            jobs.restore_jobs.len() as u64,
            MAX_RESTORE_JOBS as u64,
            "jobs",
        ));
    }
    #[derive(Default)]
    struct Acc {
        durations: Vec<f64>,
        throughputs: Vec<f64>,
        created: Vec<f64>,
        expected: Vec<f64>,
        not_completed: u64,
    }
    let mut acc: BTreeMap<String, Acc> = BTreeMap::new();
    let mut skipped = Vec::new();
    for (i, j) in jobs.restore_jobs.iter().enumerate() {
        let path = join("/RestoreJobs", i);
        let skip =
            |why: &str| Issue::info("restore_job_skipped", &path, why.to_owned()).in_input("jobs");
        let Some(rtype) = j.resource_type.clone() else {
            skipped.push(skip("no ResourceType"));
            continue;
        };
        let a = acc.entry(rtype).or_default();
        if j.status.as_deref() != Some("COMPLETED") {
            a.not_completed += 1;
            continue;
        }
        let (Some(c), Some(d)) = (
            j.creation_date.as_ref().and_then(epoch),
            j.completion_date.as_ref().and_then(epoch),
        ) else {
            skipped.push(skip("CreationDate or CompletionDate missing or unreadable"));
            continue;
        };
        let dur = d - c;
        if dur.is_nan() || dur <= 0.0 {
            skipped.push(skip("CompletionDate is not after CreationDate"));
            continue;
        }
        a.durations.push(dur);
        a.created.push(c);
        if let Some(b) = j.backup_size_in_bytes.filter(|b| *b > 0.0 && b.is_finite()) {
            a.throughputs.push(b * 8.0 / dur);
        }
        if let Some(m) = j.expected_completion_time_minutes.filter(|m| m.is_finite()) {
            a.expected.push(m);
        }
    }
    let by_type = acc
        .into_iter()
        .filter(|(_, a)| !a.durations.is_empty() || a.not_completed > 0)
        .map(|(rtype, a)| {
            let from = a.created.iter().copied().fold(f64::INFINITY, f64::min);
            let until = a.created.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let sized = a.throughputs.len() as u64;
            let mut tp = a.throughputs.clone();
            tp.sort_by(f64::total_cmp);
            let planning = (!tp.is_empty()).then(|| rank(&tp, 0.1));
            RestoreTypeMeasure {
                source: format!(
                    "{} completed {rtype} restore jobs ({} with a size) from {} to {}; aws-backup.md §18.4",
                    a.durations.len(),
                    sized,
                    if from.is_finite() { rfc3339(from) } else { "-".into() },
                    if until.is_finite() { rfc3339(until) } else { "-".into() },
                ),
                resource_type: rtype,
                jobs: a.durations.len() as u64,
                not_completed: a.not_completed,
                from: if from.is_finite() { rfc3339(from) } else { String::new() },
                until: if until.is_finite() { rfc3339(until) } else { String::new() },
                duration_seconds: spread(a.durations),
                throughput_bps: (!a.throughputs.is_empty()).then(|| spread(a.throughputs)),
                planning_throughput_bps: planning,
                sized_jobs: sized,
                expected_minutes_mean: (!a.expected.is_empty())
                    .then(|| a.expected.iter().sum::<f64>() / a.expected.len() as f64),
            }
        })
        .collect();
    Ok(MeasuredRestores { by_type, skipped })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn jobs(v: Value) -> RestoreJobList {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn measures_per_type() {
        let j = jobs(serde_json::json!({"RestoreJobs": [
            {"RestoreJobId": "1", "ResourceType": "RDS", "Status": "COMPLETED", "CreationDate": "2026-01-01T00:00:00Z",
             "CompletionDate": "2026-01-01T01:00:00Z", "BackupSizeInBytes": 450000000000.0_f64},
            {"RestoreJobId": "2", "ResourceType": "RDS", "Status": "COMPLETED", "CreationDate": 1767232800.0,
             "CompletionDate": 1767240000.0, "BackupSizeInBytes": 450000000000.0_f64, "ExpectedCompletionTimeMinutes": 90},
            {"RestoreJobId": "3", "ResourceType": "RDS", "Status": "FAILED", "CreationDate": "2026-01-02T00:00:00Z"},
            {"RestoreJobId": "4", "ResourceType": "EBS", "Status": "COMPLETED", "CreationDate": "2026-01-03T00:00:00Z"}
        ]}));
        let m = measure_restores(&j).unwrap();
        let rds = m.for_type("RDS").unwrap();
        assert_eq!(rds.jobs, 2);
        assert_eq!(rds.not_completed, 1);
        assert_eq!(rds.duration_seconds.p50, 3600.0);
        assert_eq!(rds.duration_seconds.max, 7200.0);
        // 450 GB in 1 h = 1 Gbit/s; in 2 h 0.5 Gbit/s; the slow tail is the 2-hour job.
        assert_eq!(rds.planning_throughput_bps, Some(5e8));
        assert_eq!(rds.from, "2026-01-01T00:00:00Z");
        assert_eq!(rds.until, "2026-01-01T02:00:00Z");
        assert_eq!(m.skipped.len(), 1);
        assert_eq!(m.skipped[0].path, "/RestoreJobs/3");
        assert!(m.for_type("EBS").is_none());
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(rank(&v, 0.5), 5.0);
        assert_eq!(rank(&v, 0.9), 9.0);
        assert_eq!(rank(&v, 0.1), 1.0);
        assert_eq!(rank(&[7.0], 0.9), 7.0);
    }
}
