//! RPO and RTO of a workload under a strategy, per disruption type, as breakdowns of terms.
//!
//! Formulas (dr-strategies.md §5, DERIVED):
//! `RTO = T_detect + T_notify_escalate + T_declare + T_recover(strategy) + T_traffic_shift + T_validate`,
//! where `T_recover` is the slowest of the parallel recovery tracks (data, compute);
//! scheduled-backup `RPO_worst = I + W + J + C`; PITR `RPO = log lag`; replication `RPO = lag`;
//! corruption `RPO = dwell + …` from the newest point before the compromise (§8).

pub(crate) mod model;
pub mod timeline;

use serde::{Deserialize, Serialize};

pub(crate) use model::estimate;
pub use timeline::Phase;

use crate::strategy::{Basis, Strategy};
use crate::units::human_duration;

/// The kinds of disruption drplan assesses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Disruption {
    /// Loss of one Availability Zone (or of one component's host).
    Az,
    /// Loss of the primary Region (or site).
    Region,
    /// Data corruption, destructive change or ransomware: replicas copy it (§4.3).
    Corruption,
    /// The primary account is compromised: only copies outside it count (§8).
    AccountCompromise,
}

impl Disruption {
    pub const ALL: [Disruption; 4] = [
        Disruption::Az,
        Disruption::Region,
        Disruption::Corruption,
        Disruption::AccountCompromise,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Disruption::Az => "Availability Zone loss",
            Disruption::Region => "Region loss",
            Disruption::Corruption => "data corruption / ransomware",
            Disruption::AccountCompromise => "account compromise",
        }
    }
}

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
    /// Where the default comes from (a section of shared/domain/), or `"input"`.
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
    pub monthly_cost: crate::assessment::MonthlyCost,
    /// Warnings: planning defaults used, and what to supply instead.
    pub issues: Vec<crate::error::Issue>,
}

pub(crate) fn human(v: Option<f64>) -> String {
    match v {
        Some(s) => human_duration(s),
        None => "unbounded".to_owned(),
    }
}
