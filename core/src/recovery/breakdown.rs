//! What an estimate returns: RTO and RPO per disruption as breakdowns of terms, per component,
//! with the recovery timeline and the strategy's standby cost.

use serde::{Deserialize, Serialize};

use crate::provenance::Basis;
use crate::strategy::{AutomationInForce, ComponentMechanisms, Strategy};
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
    /// What automation buys here: null where no failover can be automated (in-Region automatic
    /// failover, restores after corruption or compromise, uncovered).
    pub automation: Option<AutomationEffect>,
    /// Which component or step sets the RPO and the RTO, and the lever that would move it.
    pub binding: Binding,
}

/// What automating the people steps of a failover changes (dr-strategies.md §10.3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct AutomationEffect {
    /// The steps as assessed (the strategy's preset, or the workload's `operations.automation`).
    pub in_force: AutomationInForce,
    /// RTO with escalation, declaration and validation done by people.
    pub rto_seconds_manual: f64,
    /// RTO with all three automated.
    pub rto_seconds_automated: f64,
    pub summary: String,
}

/// The binding constraints of one disruption estimate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct Binding {
    /// Null when the RPO is zero or the disruption is not covered.
    pub rpo: Option<BindingTerm>,
    /// Null when the RTO is zero or the disruption is not covered.
    pub rto: Option<BindingTerm>,
}

/// The component (or step) that sets an RPO or RTO, and the lever that would move it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct BindingTerm {
    /// The binding component; null for people time or a workload-wide step.
    pub component: Option<String>,
    /// How that component (or step) recovers, in words.
    pub mechanism: String,
    /// Its figure (null: unbounded).
    pub seconds: Option<f64>,
    /// The next component and its figure, e.g. "`orders` at 1 s" (null: none).
    pub next: Option<String>,
    /// What would move the figure.
    pub lever: String,
    /// The whole finding in one sentence.
    pub text: String,
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
    /// The mechanisms in force on each component (the preset with the component's own on top).
    pub mechanisms: Vec<ComponentMechanisms>,
    /// The automation in force for a failover.
    pub automation: AutomationInForce,
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
