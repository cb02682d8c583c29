//! What every control function sees ([`Eval`]), what it returns ([`Outcome`]), and the helpers
//! they share: evidence, the verdict over evidence, copy destinations, vault lookup, schedule gaps.

use jiff::Timestamp;

use super::scope::Covered;
use super::{ControlContext, ControlResult, ControlStatus, Evidence, ParameterUsed, SRC_CONTROLS};
use crate::backup::{BackupPlan, BackupSelection, BackupVault};

/// The inputs of one control's evaluation (the plan normalized, the context read).
pub(super) struct Eval<'a> {
    pub(super) plan: &'a BackupPlan,
    pub(super) selections: &'a [BackupSelection],
    pub(super) vaults: &'a [BackupVault],
    pub(super) context: &'a ControlContext,
    pub(super) now: Option<Timestamp>,
    pub(super) created: Option<Timestamp>,
    /// `now`, or 2026-01-01T00:00:00Z: where schedule gaps are measured from.
    pub(super) reference: Timestamp,
    /// The resources in the control's scope, with whether this plan protects each and why;
    /// `None` without `context.resources`.
    pub(super) covered: Option<Vec<Covered<'a>>>,
    pub(super) dests: &'a [Dest],
}

/// What a control function found.
pub(super) struct Outcome {
    pub(super) evaluates: String,
    /// Empty: a message from the status.
    pub(super) message: String,
    pub(super) evidence: Vec<Evidence>,
    pub(super) source: String,
    /// `None`: the [`verdict`] over the evidence.
    pub(super) status: Option<ControlStatus>,
}

impl Outcome {
    pub(super) fn new(evaluates: impl Into<String>) -> Self {
        Outcome {
            evaluates: evaluates.into(),
            message: String::new(),
            evidence: Vec::new(),
            source: SRC_CONTROLS.to_owned(),
            status: None,
        }
    }

    /// The verdict of control `name` with the parameters as applied.
    pub(super) fn into_result(self, name: String, parameters: Vec<ParameterUsed>) -> ControlResult {
        let Outcome {
            evaluates,
            mut message,
            evidence,
            source,
            status,
        } = self;
        let status = status.unwrap_or_else(|| verdict(&evidence));
        if message.is_empty() {
            message = match status {
                ControlStatus::Compliant => "compliant".into(),
                ControlStatus::NonCompliant => format!(
                    "{} of {} checks fail",
                    evidence
                        .iter()
                        .filter(|e| e.status == ControlStatus::NonCompliant)
                        .count(),
                    evidence.len()
                ),
                ControlStatus::NotEvaluated => "not evaluated".into(),
            };
        }
        ControlResult {
            control_name: name,
            status,
            parameters,
            evaluates,
            message,
            evidence,
            source,
        }
    }
}

pub(super) fn days_str(d: Option<i64>) -> String {
    d.map_or("indefinitely".to_owned(), |d| format!("{d} days"))
}

pub(super) fn ev(
    kind: &str,
    subject: impl Into<String>,
    path: Option<String>,
    status: ControlStatus,
    value: Option<String>,
    required: Option<String>,
    message: impl Into<String>,
) -> Evidence {
    Evidence {
        subject_kind: kind.to_owned(),
        subject: subject.into(),
        path,
        status,
        value,
        required,
        message: message.into(),
    }
}

pub(super) fn verdict(evidence: &[Evidence]) -> ControlStatus {
    if evidence
        .iter()
        .any(|e| e.status == ControlStatus::NonCompliant)
    {
        ControlStatus::NonCompliant
    } else if !evidence.is_empty()
        && evidence
            .iter()
            .all(|e| e.status == ControlStatus::Compliant)
    {
        ControlStatus::Compliant
    } else {
        ControlStatus::NotEvaluated
    }
}

/// Copy destinations of the plan: (rule index, copy index, region, account, vault name, arn).
pub(super) struct Dest {
    pub(super) rule: usize,
    pub(super) copy: usize,
    pub(super) region: Option<String>,
    pub(super) account: Option<String>,
    pub(super) vault: Option<String>,
    pub(super) arn: String,
}

pub(super) fn destinations(plan: &BackupPlan) -> Vec<Dest> {
    let mut v = Vec::new();
    for (i, r) in plan.rules.iter().enumerate() {
        for (j, c) in r.copy_actions.iter().enumerate() {
            v.push(Dest {
                rule: i,
                copy: j,
                region: c.destination_region.clone(),
                account: c.destination_account.clone(),
                vault: c.destination_vault_name.clone(),
                arn: c.destination_vault_arn.clone(),
            });
        }
    }
    v
}

pub(super) fn find_vault<'v>(
    vaults: &'v [BackupVault],
    name: Option<&str>,
    arn: Option<&str>,
    region: Option<&str>,
) -> Option<&'v BackupVault> {
    vaults.iter().find(|v| {
        (arn.is_some() && v.arn.as_deref() == arn)
            || (name.is_some_and(|n| n == v.name)
                && (region.is_none() || v.region.is_none() || v.region.as_deref() == region))
    })
}

/// Typical and longest gap of a rule's schedule over a year from `from` (seconds).
pub(super) fn rule_gaps(
    rule: &crate::backup::BackupRule,
    from: Timestamp,
) -> Result<(i64, i64), String> {
    let tz = rule.schedule_expression_timezone.as_deref();
    match crate::schedule::cron_summary(rule.effective_schedule(), tz, from, &Default::default()) {
        Ok(s) => match (s.typical_gap_seconds, s.max_gap_seconds) {
            (Some(t), Some(m)) => Ok((t, m)),
            _ => Err("the schedule runs only once in the year examined".to_owned()),
        },
        Err(e) => Err(e.message),
    }
}

pub(super) fn human(s: i64) -> String {
    crate::units::human_duration(s as f64)
}
