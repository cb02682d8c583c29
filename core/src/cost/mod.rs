//! Cost math: what a set of recovery points bills month by month, S3 lifecycle tiering for
//! object backups, and the cold-transition optimizer.
//!
//! The engine does not know about backup plans. It consumes a plain list of
//! [`RecoveryPointLife`] records — when each point was created, how big it is, when it moved to
//! cold and when it was deleted — which the plan simulation produces. Rules (what is billed,
//! minimum durations, granularity) are code with their source; prices come from a
//! [`PriceBook`](crate::pricing::PriceBook). Money is USD `f64`, never rounded inside the math.

mod accum;
mod backup;
mod fmt;
mod optimize;
mod s3;
#[cfg(test)]
mod tests;
mod types;

use serde::{Deserialize, Serialize};

pub use backup::{
    backup_cost, BackupCost, BackupCostOptions, CostKind, CostLine, CostMonth, KindTotals,
    PartialDays, PriceUsed, RestoreCost, RestoreItem, RestoreTier, SteadyState, MAX_POINTS,
};
pub use optimize::{
    optimize_cold_transition, BreakEven, ColdCandidate, ColdRuleProfile, ColdTransitionPlan,
};
pub use s3::{
    cheapest_s3_lifecycle, s3_lifecycle_cost, LifecycleComparison, RetrievalTier, S3Class,
    S3CostLine, S3Lifecycle, S3LifecycleCost, S3LifecycleSearch, S3ObjectProfile, S3Read,
    S3SizeBucket, S3Transition, TransitionMinimumSize,
};
pub use types::{AwsResourceType, ColdSupport, Granularity, ResourceType};

/// One recovery point's life, as the plan simulation produces it: the cost engine's input
/// contract. Times are seconds from the start of the cost horizon (negative = created before it;
/// such points are billed only from the horizon's start).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct RecoveryPointLife {
    /// AWS Backup resource type string (aws-backup.md §15): `"EBS"`, `"RDS"`, `"Aurora"`,
    /// `"DynamoDB"`, `"EFS"`, `"S3"`, … Prices are looked up per type
    /// (`backup.<type>.warm_gb_month`, …).
    pub resource_type: ResourceType,
    /// The protected resource (ARN or name): traceability only.
    pub resource_id: String,
    /// Backup vault holding the point (storage lines are grouped per vault).
    pub vault: String,
    /// Region of the vault: the point's storage is billed there.
    pub region: String,
    /// Account of the vault, when the simulation tracks accounts (cross-account copies).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub account: Option<String>,
    /// Creation (for a copy: the **source's** creation, aws-backup.md §9), seconds from the
    /// horizon start.
    pub created_at_seconds: f64,
    /// Stored size of THIS point in billing GB (2^30 bytes): the full size for a full backup,
    /// the changed data for an incremental one (pricing.md §4). For continuous backups: the size
    /// the service bills (DynamoDB PITR: table size including LSIs, pricing.md §6.4).
    pub size_gib: f64,
    /// Whether this point is a full backup (true) or an incremental one (false).
    pub full: bool,
    /// Size of the full snapshot this point represents. Used only when an EBS point moves to
    /// cold: the EBS Snapshots Archive stores snapshots **full** (pricing.md §6.1). Defaults to
    /// `size_gib` (with a warning when the point is incremental: a lower bound).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub full_size_gib: Option<f64>,
    /// When the point moves to cold storage (`MoveToColdStorageAt`, aws-backup.md §14.1), or
    /// null. Ignored with a warning for types that do not tier (rule L6); an error on a
    /// continuous point (rule L7).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub cold_at_seconds: Option<f64>,
    /// When the point is deleted (`DeleteAt`), or null = kept past the horizon.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub deleted_at_seconds: Option<f64>,
    /// Set when this point is a copy made into this vault from another vault; a copy from
    /// another Region bills cross-Region transfer at the source Region's rate.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub copy: Option<CopyOf>,
    /// A continuous (PITR) backup: billed at the type's `continuous_gb_month` price over
    /// `[created, deleted)`; never tiers to cold (aws-backup.md §8).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub continuous: bool,
    /// This record stands for `count` identical points created every `every_seconds` from
    /// `created_at_seconds`; every other time in the record shifts with each point. Lets a
    /// simulation describe a steady schedule (e.g. 10 years of hourly incrementals) in one record.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub repeat: Option<Repeat>,
}

/// Where a copy came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct CopyOf {
    /// Region of the source vault; equal to the point's region for a same-Region
    /// (cross-account) copy, which bills no transfer.
    pub source_region: String,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub source_vault: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub source_account: Option<String>,
    /// GB sent over the network for this copy: the full size for the first copy of a resource
    /// into a Region, the increment afterwards (pricing.md §4, aws-backup.md §9).
    pub transferred_gib: f64,
    /// When the copy ran (default: `created_at_seconds`).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub copied_at_seconds: Option<f64>,
}

/// A regular series of identical points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Repeat {
    /// Number of points (≥ 1).
    pub count: u32,
    /// Seconds between consecutive points (> 0).
    pub every_seconds: f64,
}
