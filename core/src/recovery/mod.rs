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
mod estimate;
pub(crate) mod resolve;
pub(crate) mod standby_cost;
pub mod timeline;

pub use breakdown::{
    AutomationEffect, Binding, BindingTerm, ComponentRpo, DisruptionEstimate, RecoveryEstimate,
    Term,
};
pub use disruption::Disruption;
pub(crate) use estimate::estimate;
pub use standby_cost::{monthly_cost, CostItem, MonthlyCost};
pub use timeline::Phase;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_standby;
