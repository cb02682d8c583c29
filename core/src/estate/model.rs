//! The estate's input: plans with their selections and scope, resources with what the exports
//! say about them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::backup::{BackupPlan, BackupSelection};
use crate::simulation::ChangeRate;
use crate::units::Gib;

/// An organization's backup plans and resources, as read from its exports.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Estate {
    /// Every plan, with its selections and the accounts and Regions it applies in.
    #[serde(default)]
    pub plans: Vec<EstatePlan>,
    /// Every resource known, protected or not.
    #[serde(default)]
    pub resources: Vec<EstateResource>,
    /// AWS Backup's service opt-in per account, Region and resource type
    /// (`describe-region-settings`); a type not listed is taken as opted in, with a note.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub opt_in: Vec<ServiceOptIn>,
}

/// One backup plan and where it applies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct EstatePlan {
    /// A key unique within the estate: the plan's ID or ARN when the export gives one,
    /// else `account/Region/name`, else the name.
    pub id: String,
    /// The normalized plan (`parse_backup_plan`'s `plans[i]`).
    pub plan: BackupPlan,
    /// Its backup selections (`get-backup-selection`), in the order the exports list them.
    #[serde(default)]
    pub selections: Vec<BackupSelection>,
    /// Accounts it applies in: the plan's own account, or an Organizations policy's targets.
    /// Empty: unknown (every account).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub accounts: Vec<String>,
    /// Regions it applies in: the plan's own Region, or an Organizations policy's `regions`.
    /// Empty: unknown (every Region).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub regions: Vec<String>,
    /// Where it was read (file and path), for messages.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub source: Option<String>,
}

/// One resource and what the exports say about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct EstateResource {
    /// ARN; selections match it (aws-backup.md §3).
    pub arn: String,
    /// AWS Backup resource type (aws-backup.md §15). Default: from the ARN when it names one type.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub resource_type: Option<String>,
    /// Default: the ARN's account.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub account: Option<String>,
    /// Default: the ARN's Region.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub region: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub tags: BTreeMap<String, String>,
    /// Size of a full backup, when an export gives it (volume size, allocated storage,
    /// table size, a recovery point's `BackupSizeInBytes`).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "Gib"))]
    pub size_gib: Option<Gib>,
    /// Data changed per day (as in `simulate_backup_plan`'s resources).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "number | string"))]
    pub change_rate: Option<ChangeRate>,
    /// Protection the resource has outside AWS Backup.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub native: NativeProtection,
    /// Where it was read (file and path), for messages.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub source: Option<String>,
}

/// A resource's own protection, outside AWS Backup (from `describe-db-instances`,
/// `describe-db-clusters`, `describe-continuous-backups`…). `None`: the exports do not say.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct NativeProtection {
    /// RDS/Aurora automated backups: `BackupRetentionPeriod` in days (0 = off).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub automated_backup_retention_days: Option<u32>,
    /// DynamoDB point-in-time recovery enabled.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub point_in_time_recovery: Option<bool>,
    /// RDS Multi-AZ (high availability, not DR: dr-strategies.md §4.3).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub multi_az: Option<bool>,
    /// ARNs or identifiers of read replicas (replicas are not backups: dr-strategies.md §4.3).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub read_replicas: Vec<String>,
    /// Regions of a global database or global table beyond the resource's own.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub global_regions: Vec<String>,
}

/// AWS Backup's opt-in for one resource type in one account and Region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct ServiceOptIn {
    /// Empty: every account.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub account: Option<String>,
    pub region: String,
    pub resource_type: String,
    pub opted_in: bool,
}
