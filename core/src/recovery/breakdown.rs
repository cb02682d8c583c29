//! What an estimate returns: RTO and RPO per disruption as breakdowns of terms, per component,
//! with the recovery timeline and the strategy's standby cost.

use serde::{Deserialize, Serialize};

use crate::provenance::Basis;
use crate::strategy::Strategy;
use crate::units::human_duration;

use super::disruption::Disruption;
use super::standby_cost::MonthlyCost;
use super::timeline::Phase;

/// One term of an RTO or RPO breakdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct Term {
    /// e.g. `detect`, `restore_data`, `backup_interval`.
    pub name: String,
    /// The component the term belongs to, if any.
    pub component: Option<String>,
    pub seconds: f64,
    /// How the figure was computed, e.g. `"30 s × 3"`.
    pub formula: String,
    /// The assumption in words.
    pub assumption: String,
    pub basis: Basis,
    /// Where the default comes from (a section of docs/domain/), or `"input"`.
    pub source: String,
}

/// RTO and RPO of one strategy for one disruption type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct DisruptionEstimate {
    pub disruption: Disruption,
    /// False when the disruption cannot happen to this topology (an on-premises primary has no AZs).
    pub applicable: bool,
    /// False when nothing recovers the workload from this disruption: RTO and RPO are unbounded (null).
    pub covered: bool,
    /// How recovery happens, in words.
    pub mechanism: String,
    /// Null when unbounded.
    pub rto_seconds: Option<f64>,
    pub rto: String,
    /// The critical path: the terms that add up to `rto_seconds`.
    pub rto_terms: Vec<Term>,
    /// Null when unbounded.
    pub rpo_seconds: Option<f64>,
    pub rpo: String,
    /// The terms of the component with the worst RPO (which sets the workload's RPO).
    pub rpo_terms: Vec<Term>,
    /// Per stateful component: its RPO (null when unbounded).
    pub rpo_by_component: Vec<ComponentRpo>,
    pub notes: Vec<String>,
    pub timeline: Vec<Phase>,
}

/// RPO of one stateful component.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct ComponentRpo {
    pub component: String,
    pub rpo_seconds: Option<f64>,
    pub mechanism: String,
    pub terms: Vec<Term>,
}

/// Everything [`crate::estimate_recovery`] returns for one strategy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct RecoveryEstimate {
    pub strategy: Strategy,
    pub label: String,
    pub recovery_site: String,
    /// Warm standby only: the share of production compute running in the recovery site.
    pub standby_scale: Option<f64>,
    pub estimates: Vec<DisruptionEstimate>,
    pub monthly_cost: MonthlyCost,
    /// Warnings: planning defaults used, and what to supply instead.
    pub issues: Vec<crate::error::Issue>,
}

pub(crate) fn human(v: Option<f64>) -> String {
    match v {
        Some(s) => human_duration(s),
        None => "unbounded".to_owned(),
    }
}
