//! Hard constraints: each check has a stable code; a failed check excludes the path.

use serde::{Deserialize, Serialize};

use super::reference::Reference;

/// Stable codes of the hard constraints. A path failing any one is excluded with that code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum ReasonCode {
    /// Source and target engines differ, and the path cannot change engines.
    EngineMismatch,
    /// The path does not take this source engine at all.
    SourceEngineUnsupported,
    /// Snapshot migration / Aurora read replica need an RDS DB instance as source.
    SourceNotRds,
    /// XtraBackup needs the data files: not possible on RDS/Aurora.
    NoFileAccess,
    /// The path creates an Aurora cluster; the target is RDS.
    TargetNotAurora,
    /// The target version is older than the source.
    VersionDowngrade,
    /// The path needs the same major version on both sides.
    VersionMajorMismatch,
    /// The path does not support the source version.
    VersionUnsupported,
    /// The path needs target and source in the same Region and account.
    CrossRegionOrAccount,
    /// An unencrypted target cannot be created from an encrypted source.
    EncryptionDowngrade,
    /// The path needs an unencrypted source.
    SourceEncrypted,
    /// The path cannot restore into Aurora Serverless.
    TargetServerless,
    /// A storage engine other than InnoDB or MyISAM.
    UnsupportedStorageEngine,
    /// A table above the 16 TB snapshot-migration limit.
    TableTooLarge,
    /// A MyISAM or compressed table above 8 TB.
    MyisamOrCompressedTableTooLarge,
    /// InnoDB page size, system tablespace or log-file layout unsuitable for physical migration.
    InnodbLayoutUnsupported,
    /// Tables outside the default MySQL data directory.
    TablesOutsideDatadir,
    /// A backup object above the 5 TB S3 object limit.
    S3ObjectTooLarge,
    /// More than 1 million backup files.
    TooManyS3Objects,
    /// Binary logging is off and cannot be turned on.
    BinlogDisabled,
    /// `binlog_format` is not ROW and cannot be changed.
    BinlogFormatNotRow,
    /// `wal_level` is not logical and cannot be changed.
    WalLevelNotLogical,
    /// Tables without primary keys (and no REPLICA IDENTITY workaround) on a PostgreSQL CDC path.
    MissingPrimaryKeys,
    /// A prerequisite needs a source restart but the source must stay online.
    SourceRestartRequired,
    /// The path stops writes for the whole copy but the source must stay online.
    SourceMustStayOnline,
    /// The source already has an Aurora read replica.
    ExistingAuroraReplica,
    /// The source already has a cross-Region read replica.
    ExistingCrossRegionReplica,
    /// The seed and load outlast the longest binlog retention the source allows (migration.md §10.3).
    BinlogRetentionExceeded,
    /// The database is larger than a native restore takes (RDS for SQL Server: 16 TB).
    NativeRestoreTooLarge,
    /// DMS CDC-only needs a native initial load drplan models only for MySQL and PostgreSQL.
    NoNativeSeed,
    /// The target cannot apply changes as fast as the source writes them.
    CatchUpCannotKeepUp,
    /// The link cannot carry the source's change rate.
    ChangeRateExceedsLink,
    /// Changes cached during the DMS full load exceed the 30,000 GB storage quota.
    DmsStorageQuota,
    /// Offline transfer only applies to sources outside AWS.
    SourceInAws,
    /// The network makes the deadline (or no deadline was given): no offline transfer needed.
    OfflineNotNeeded,
    /// Offline transfer is offered only behind `options.allow_offline_transfer`.
    OfflineNotEnabled,
    /// Estimated downtime above the tolerance.
    DowntimeExceedsTolerance,
    /// Estimated completion after the deadline.
    MissesDeadline,
    /// Priced cost above the budget.
    OverBudget,
}

impl ReasonCode {
    pub const ALL: [ReasonCode; 39] = [
        ReasonCode::EngineMismatch,
        ReasonCode::SourceEngineUnsupported,
        ReasonCode::SourceNotRds,
        ReasonCode::NoFileAccess,
        ReasonCode::TargetNotAurora,
        ReasonCode::VersionDowngrade,
        ReasonCode::VersionMajorMismatch,
        ReasonCode::VersionUnsupported,
        ReasonCode::CrossRegionOrAccount,
        ReasonCode::EncryptionDowngrade,
        ReasonCode::SourceEncrypted,
        ReasonCode::TargetServerless,
        ReasonCode::UnsupportedStorageEngine,
        ReasonCode::TableTooLarge,
        ReasonCode::MyisamOrCompressedTableTooLarge,
        ReasonCode::InnodbLayoutUnsupported,
        ReasonCode::TablesOutsideDatadir,
        ReasonCode::S3ObjectTooLarge,
        ReasonCode::TooManyS3Objects,
        ReasonCode::BinlogDisabled,
        ReasonCode::BinlogFormatNotRow,
        ReasonCode::WalLevelNotLogical,
        ReasonCode::MissingPrimaryKeys,
        ReasonCode::SourceRestartRequired,
        ReasonCode::SourceMustStayOnline,
        ReasonCode::ExistingAuroraReplica,
        ReasonCode::ExistingCrossRegionReplica,
        ReasonCode::BinlogRetentionExceeded,
        ReasonCode::NativeRestoreTooLarge,
        ReasonCode::NoNativeSeed,
        ReasonCode::CatchUpCannotKeepUp,
        ReasonCode::ChangeRateExceedsLink,
        ReasonCode::DmsStorageQuota,
        ReasonCode::SourceInAws,
        ReasonCode::OfflineNotNeeded,
        ReasonCode::OfflineNotEnabled,
        ReasonCode::DowntimeExceedsTolerance,
        ReasonCode::MissesDeadline,
        ReasonCode::OverBudget,
    ];

    pub fn as_str(self) -> &'static str {
        // The serde name; kept here so tests and messages agree with the JSON.
        match self {
            ReasonCode::EngineMismatch => "engine_mismatch",
            ReasonCode::SourceEngineUnsupported => "source_engine_unsupported",
            ReasonCode::SourceNotRds => "source_not_rds",
            ReasonCode::NoFileAccess => "no_file_access",
            ReasonCode::TargetNotAurora => "target_not_aurora",
            ReasonCode::VersionDowngrade => "version_downgrade",
            ReasonCode::VersionMajorMismatch => "version_major_mismatch",
            ReasonCode::VersionUnsupported => "version_unsupported",
            ReasonCode::CrossRegionOrAccount => "cross_region_or_account",
            ReasonCode::EncryptionDowngrade => "encryption_downgrade",
            ReasonCode::SourceEncrypted => "source_encrypted",
            ReasonCode::TargetServerless => "target_serverless",
            ReasonCode::UnsupportedStorageEngine => "unsupported_storage_engine",
            ReasonCode::TableTooLarge => "table_too_large",
            ReasonCode::MyisamOrCompressedTableTooLarge => "myisam_or_compressed_table_too_large",
            ReasonCode::InnodbLayoutUnsupported => "innodb_layout_unsupported",
            ReasonCode::TablesOutsideDatadir => "tables_outside_datadir",
            ReasonCode::S3ObjectTooLarge => "s3_object_too_large",
            ReasonCode::TooManyS3Objects => "too_many_s3_objects",
            ReasonCode::BinlogDisabled => "binlog_disabled",
            ReasonCode::BinlogFormatNotRow => "binlog_format_not_row",
            ReasonCode::WalLevelNotLogical => "wal_level_not_logical",
            ReasonCode::MissingPrimaryKeys => "missing_primary_keys",
            ReasonCode::SourceRestartRequired => "source_restart_required",
            ReasonCode::SourceMustStayOnline => "source_must_stay_online",
            ReasonCode::ExistingAuroraReplica => "existing_aurora_replica",
            ReasonCode::ExistingCrossRegionReplica => "existing_cross_region_replica",
            ReasonCode::BinlogRetentionExceeded => "binlog_retention_exceeded",
            ReasonCode::NativeRestoreTooLarge => "native_restore_too_large",
            ReasonCode::NoNativeSeed => "no_native_seed",
            ReasonCode::CatchUpCannotKeepUp => "catch_up_cannot_keep_up",
            ReasonCode::ChangeRateExceedsLink => "change_rate_exceeds_link",
            ReasonCode::DmsStorageQuota => "dms_storage_quota",
            ReasonCode::SourceInAws => "source_in_aws",
            ReasonCode::OfflineNotNeeded => "offline_not_needed",
            ReasonCode::OfflineNotEnabled => "offline_not_enabled",
            ReasonCode::DowntimeExceedsTolerance => "downtime_exceeds_tolerance",
            ReasonCode::MissesDeadline => "misses_deadline",
            ReasonCode::OverBudget => "over_budget",
        }
    }
}

/// A hard constraint as evaluated for one path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct Check {
    pub code: ReasonCode,
    pub passed: bool,
    /// What was compared, e.g. `"largest table 2,048 GiB ≤ 16 TB (14,901 GiB)"`.
    pub detail: String,
    pub reference: Reference,
}

/// Why a path was excluded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct Exclusion {
    pub code: ReasonCode,
    pub message: String,
    pub reference: Reference,
}

impl Check {
    pub fn exclusion(&self) -> Exclusion {
        Exclusion {
            code: self.code,
            message: self.detail.clone(),
            reference: self.reference.clone(),
        }
    }
}

/// Collects checks for one path.
#[derive(Debug, Default)]
pub(crate) struct Checks {
    pub list: Vec<Check>,
}

impl Checks {
    /// Record a check: `ok` = passed; `detail` explains either way.
    pub fn check(
        &mut self,
        code: ReasonCode,
        ok: bool,
        detail: impl Into<String>,
        section: &str,
        source: &str,
    ) {
        self.list.push(Check {
            code,
            passed: ok,
            detail: detail.into(),
            reference: Reference::new(section, source),
        });
    }

    pub fn failed(&self) -> bool {
        self.list.iter().any(|c| !c.passed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialize_as_their_names() {
        for c in ReasonCode::ALL {
            assert_eq!(
                serde_json::to_value(c).ok(),
                Some(serde_json::Value::String(c.as_str().to_owned()))
            );
        }
    }
}
