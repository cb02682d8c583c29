//! The estate: every resource of an organization against every plan that may select it.
//!
//! An [`Estate`] is what the inventory readers produce from the exports people already have
//! (`list-protected-resources`, `get-backup-plan`, `get-backup-selection`, the tagging API,
//! `describe-db-instances`…) and what the estate evaluation reads: the plans with their
//! selections and where they apply, and the resources with what is known of them. A field an
//! export does not give stays `None`; whoever needs it applies a default and says so.
//!
//! [`evaluate_estate`] answers "what does my AWS Backup plan really do?" for the whole estate:
//! per resource the plans that select it, its worst RPO per disruption and its monthly bill,
//! and roll-ups by account, Region, type and tag (aws-backup.md §19).
//!
//! It sits with the compositions (`simulation/`, `controls/`): it may use every room below.

mod evaluate;
mod import;
mod model;
mod rollup;
mod rpo;
mod synthetic;
#[cfg(test)]
mod tests;

pub use evaluate::{
    evaluate_estate, EstateDefault, EstateEvaluation, EstateOptions, EstateResourceRow, PlanMatch,
    PlanSummary, ResourceRpo, MAX_ESTATE_RESOURCES,
};
pub use import::{read_estate, DocumentRead, EstateDocument, EstateRead, EstateReadOptions};
pub use model::{Estate, EstatePlan, EstateResource, NativeProtection, ServiceOptIn};
pub use rollup::{DisruptionRollup, Rollup, TagRollup, UnprotectedCounts, UnprotectedReason};
pub use synthetic::{synthetic_estate, SyntheticSpec};
