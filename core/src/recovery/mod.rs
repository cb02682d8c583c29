//! RPO and RTO of a workload under a strategy, per disruption type, as breakdowns of terms.
//!
//! Formulas (dr-strategies.md §5, DERIVED):
//! `RTO = T_detect + T_notify_escalate + T_declare + T_recover(strategy) + T_traffic_shift + T_validate`,
//! where `T_recover` is the slowest of the parallel recovery tracks (data, compute);
//! scheduled-backup `RPO_worst = I + W + J + C`; PITR `RPO = log lag`; replication `RPO = lag`;
//! corruption `RPO = dwell + …` from the newest point before the compromise (§8).

pub(crate) mod backups;
mod breakdown;
mod disruption;
mod drill;
mod estimate;
pub(crate) mod resolve;
mod runbook;
pub(crate) mod standby_cost;
pub mod timeline;

pub use breakdown::{
    AutomationEffect, Binding, BindingTerm, ComponentRpo, DisruptionEstimate, RecoveryEstimate,
    Term,
};
pub use disruption::Disruption;
pub(crate) use drill::{adopted as drill_adopted, compare as compare_drill_estimate, refused};
pub use drill::{
    Adoption, Drill, DrillComparison, DrillPhases, DrillTerm, IntervalComparison, RtoComparison,
    TermNote,
};
pub(crate) use estimate::estimate;
pub(crate) use runbook::runbook as runbook_of;
pub use runbook::{Runbook, RunbookCheck, RunbookStep};
pub use standby_cost::{monthly_cost, CostItem, MonthlyCost};
pub use timeline::Phase;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_drill;
#[cfg(test)]
mod tests_standby;
