//! The migration scenario: what the caller tells drplan about the source, the target, the network,
//! the constraints, and (optionally) the throughput assumptions and prices to use instead of the
//! defaults.

use serde::{Deserialize, Serialize};

use crate::units::{Bps, Gib, Seconds};

fn yes() -> bool {
    true
}

/// A database engine (source or target). Aurora is a [`Service`], not an engine: Aurora MySQL is
/// `{"service": "aurora", "engine": "mysql"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum DbEngine {
    Mysql,
    Mariadb,
    Postgresql,
    Oracle,
    Sqlserver,
}

/// DbEngine family: engines in one family move without schema conversion (migration.md §2).
/// MariaDB counts as MySQL family: AWS lists "MySQL or MariaDB" sources for mysqldump into RDS for
/// MySQL (RDS `MySQL.Procedural.Importing.Other`, migration.md §7.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Family {
    Mysql,
    Postgresql,
    Oracle,
    Sqlserver,
}

impl DbEngine {
    pub fn family(self) -> Family {
        match self {
            DbEngine::Mysql | DbEngine::Mariadb => Family::Mysql,
            DbEngine::Postgresql => Family::Postgresql,
            DbEngine::Oracle => Family::Oracle,
            DbEngine::Sqlserver => Family::Sqlserver,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DbEngine::Mysql => "MySQL",
            DbEngine::Mariadb => "MariaDB",
            DbEngine::Postgresql => "PostgreSQL",
            DbEngine::Oracle => "Oracle",
            DbEngine::Sqlserver => "SQL Server",
        }
    }
}

/// Where the source database runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Location {
    OnPremises,
    Ec2,
    Rds,
    Aurora,
    OtherCloud,
}

impl Location {
    /// Outside AWS: the data crosses the caller's own link.
    pub fn outside_aws(self) -> bool {
        matches!(self, Location::OnPremises | Location::OtherCloud)
    }

    /// A managed AWS database: no file-system access to the data files.
    pub fn managed(self) -> bool {
        matches!(self, Location::Rds | Location::Aurora)
    }

    pub fn label(self) -> &'static str {
        match self {
            Location::OnPremises => "on premises",
            Location::Ec2 => "on EC2",
            Location::Rds => "on RDS",
            Location::Aurora => "on Aurora",
            Location::OtherCloud => "in another cloud",
        }
    }
}

/// Storage engines present in a MySQL-family source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum StorageEngine {
    Innodb,
    Myisam,
    Memory,
    Archive,
    Csv,
    Other,
}

/// MySQL `binlog_format` (`off` = binary logging disabled).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum BinlogFormat {
    Row,
    Mixed,
    Statement,
    Off,
}

/// MySQL `binlog_row_image`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum BinlogRowImage {
    Full,
    Minimal,
    Noblob,
}

/// PostgreSQL `wal_level`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum WalLevel {
    Minimal,
    Replica,
    Logical,
}

/// The source database.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub engine: DbEngine,
    /// DbEngine version, e.g. `"8.0.35"`, `"15.4"`, `"19c"`, `"2019"`.
    pub version: String,
    pub location: Location,
    /// Data size (number of GiB or a string such as `"2 TiB"`).
    pub size_gib: Gib,
    /// Size of the largest table (checked against the 16 TB snapshot-migration limit).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub largest_table_gib: Option<Gib>,
    /// Encrypted at rest (TDE, encrypted RDS storage, encrypted InnoDB tablespaces…).
    pub encrypted: bool,
    /// MySQL family: storage engines in use (default `["innodb"]`).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub storage_engines: Option<Vec<StorageEngine>>,
    /// MySQL family: any table with `ROW_FORMAT=COMPRESSED`.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub compressed_tables: bool,
    /// MySQL family: size of the largest MyISAM or compressed table (checked against 8 TB).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub largest_myisam_or_compressed_table_gib: Option<Gib>,
    /// MySQL: the memcached plugin is installed (remove it before migrating to Aurora).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub memcached_plugin: bool,
    /// MySQL: `innodb_page_size` in KiB (physical migration needs 16).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub innodb_page_size_kib: Option<u32>,
    /// MySQL: the system tablespace is the single default `ibdata1:12M:autoextend` file.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub default_system_tablespace: Option<bool>,
    /// MySQL: `innodb_log_files_in_group` (physical migration needs 2).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub innodb_log_files_in_group: Option<u32>,
    /// MySQL: some tables live outside the default data directory.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub tables_outside_datadir: bool,
    /// MySQL family: current `binlog_format` (`off` = binary logging disabled).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub binlog_format: Option<BinlogFormat>,
    /// MySQL family: current `binlog_row_image`.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub binlog_row_image: Option<BinlogRowImage>,
    /// PostgreSQL: current `wal_level` (on RDS/Aurora: `logical` ⇔ `rds.logical_replication=1`).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub wal_level: Option<WalLevel>,
    /// Every table has a primary key (needed for PostgreSQL CDC).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub all_tables_have_primary_keys: Option<bool>,
    /// PostgreSQL: tables without a primary key have `REPLICA IDENTITY FULL` (the workaround).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub replica_identity_full: bool,
    /// Some tables have LOB columns (BLOB/CLOB/TEXT/bytea…).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub lob_columns: bool,
    /// Size of the largest LOB value (e.g. `"40 MiB"`), to pick the DMS LOB mode.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub largest_lob_gib: Option<Gib>,
    /// Rate at which the source writes changed data (e.g. `"2 MB/s"`); drives catch-up time.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub change_rate_bps: Option<Bps>,
    /// RDS source: it already has an Aurora read replica.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub has_aurora_replica: bool,
    /// RDS source: it already has a cross-Region read replica.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub has_cross_region_replica: bool,
    /// Source parameters (`binlog_format`, `wal_level`, `rds.logical_replication`…) may be changed
    /// for the migration (default true).
    #[serde(default = "yes")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub settings_changeable: bool,
}

/// AWS database service of the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Service {
    Rds,
    Aurora,
}

/// Same or other Region / account as the source.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    #[default]
    Same,
    Other,
}

/// Provisioned instances or Aurora Serverless. `serverless` means Aurora Serverless v2 (`db.serverless`
/// instances; v1 reached its end of life in March 2025): migration.md §10.8.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Capacity {
    #[default]
    Provisioned,
    Serverless,
}

/// The target database.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct MigrationTarget {
    pub service: Service,
    pub engine: DbEngine,
    /// MigrationTarget version; for Aurora MySQL either the MySQL-compatible version (`"8.0"`) or Aurora's
    /// own (`"3.05.2"`).
    pub version: String,
    /// Region relative to the source (for AWS sources; default `same`).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub region: Placement,
    /// Account relative to the source (for AWS sources; default `same`).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub account: Placement,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub capacity: Capacity,
    /// Encrypted at rest (default true).
    #[serde(default = "yes")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub encrypted: bool,
}

/// Kind of link between source and target.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    #[default]
    Internet,
    Vpn,
    DirectConnect,
    AwsBackbone,
}

/// The link the data crosses between source and target. Required for on-premises and other-cloud
/// sources; optional otherwise (without it, in-AWS copies are limited only by the tool rates).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Network {
    /// Link bandwidth (number of bit/s or e.g. `"1 Gbps"`); decimal units.
    pub bandwidth_bps: Bps,
    /// Share of the bandwidth the migration may use, in (0, 1]; default 0.8 (HEURISTIC: the 80 %
    /// column of dr-strategies.md §9.1).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub utilization: Option<f64>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub link: LinkKind,
}

/// What the migration must respect. A path that breaks one is excluded, not ranked lower.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Constraints {
    /// Longest acceptable write outage (e.g. `"15m"`); none = any.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub downtime_tolerance_seconds: Option<Seconds>,
    /// The source must keep serving writes until cut-over and must not be restarted.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub source_must_stay_online: bool,
    /// Time from the start of the migration to the end of cut-over (e.g. `"14d"`); none = any.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub deadline_seconds: Option<Seconds>,
    /// Most the migration may cost in USD (priced lines only; see each path's `cost`).
    #[serde(default, deserialize_with = "crate::units::opt_usd")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub budget_usd: Option<f64>,
}

/// Choices the caller makes explicitly.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// Use a Multi-AZ DMS replication instance (migration.md §5.5).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub dms_multi_az: bool,
    /// Consider offline transfer when the network cannot make the deadline (migration.md §8:
    /// offered only behind an explicit option).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub allow_offline_transfer: bool,
    /// The caller is an existing AWS Snow customer (Snowball Edge is closed to new customers).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub existing_snow_customer: bool,
    /// What the ranking favours among feasible paths (migration.md §7.3; default `balanced`).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub prefer: Preference,
}

/// What the ranking favours among feasible paths (migration.md §7.3).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Preference {
    /// Effort, risk, elapsed time, downtime and cost weighed together, with the deadline and
    /// tolerance margins.
    #[default]
    Balanced,
    /// Shortest elapsed time first.
    Fastest,
    /// Least downtime first.
    LeastDowntime,
    /// Cheapest fully priced path first.
    Cheapest,
    /// Least effort and risk first.
    LeastEffort,
}

/// Schema-conversion tool for engine changes (migration.md §6).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum ConversionTool {
    #[default]
    Sct,
    DmsSchemaConversion,
}

/// Assessment-report counts for an engine change (SCT action items by effort bucket, §6).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct SchemaConversionInput {
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub tool: ConversionTool,
    /// Action items estimated "Simple" (< 2 h each).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub simple_actions: u32,
    /// Action items estimated "Medium" (2–6 h each).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub medium_actions: u32,
    /// Action items estimated "Significant" (> 6 h each).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub significant_actions: u32,
    /// Upper bound in hours for one Significant item (required when there are any: the bucket is
    /// open-ended, §6).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub significant_max_hours_each: Option<f64>,
    /// People working on the conversion in parallel (default 1).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub engineers: Option<u32>,
    /// Productive hours per engineer per calendar day (default 8, HEURISTIC).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub hours_per_day: Option<f64>,
}

/// Throughput and duration assumptions to use instead of drplan's defaults. Every default is
/// listed with its basis in the report's `assumptions`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub replica_build_seconds_per_tib: Option<Seconds>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub snapshot_migrate_seconds_per_tib: Option<Seconds>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub snapshot_copy_rate_bps: Option<Bps>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub replica_apply_rate_bps: Option<Bps>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub mysqldump_dump_rate_bps: Option<Bps>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub mysqldump_load_rate_bps: Option<Bps>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub mydumper_dump_rate_bps: Option<Bps>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub myloader_load_rate_bps: Option<Bps>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub xtrabackup_backup_rate_bps: Option<Bps>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub s3_restore_rate_bps: Option<Bps>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub binlog_apply_rate_bps: Option<Bps>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub pg_dump_rate_bps: Option<Bps>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub pg_restore_rate_bps: Option<Bps>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub pg_logical_copy_rate_bps: Option<Bps>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub pg_logical_apply_rate_bps: Option<Bps>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub dms_full_load_rate_bps: Option<Bps>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub dms_cdc_apply_rate_bps: Option<Bps>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub cutover_seconds: Option<Seconds>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub mysqldump_small_threshold_gib: Option<Gib>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub xtrabackup_split_size_gib: Option<Gib>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub offline_copy_rate_bps: Option<Bps>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub offline_transit_seconds: Option<Seconds>,
    /// Parallel jobs of `pg_dump -Fd -j` (default 4, HEURISTIC; migration.md §10.5).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub pg_dump_jobs: Option<f64>,
    /// Rate of an engine's native full backup to files (SQL Server `.bak`).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub native_backup_rate_bps: Option<Bps>,
}

/// Prices for the migration-specific charges drplan can model. Absent prices are reported as
/// "not priced", never as 0.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Prices {
    /// S3 Standard storage, USD per GB-month (default 0.023, pricing.md §8.3, us-east-1).
    #[serde(default, deserialize_with = "crate::units::opt_usd")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub s3_standard_usd_per_gb_month: Option<f64>,
    /// DMS replication instance (Single-AZ), USD per hour (no default: not in pricing.md).
    #[serde(default, deserialize_with = "crate::units::opt_usd")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub dms_instance_usd_per_hour: Option<f64>,
    /// DMS replication instance (Multi-AZ), USD per hour (no default).
    #[serde(default, deserialize_with = "crate::units::opt_usd")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub dms_multi_az_instance_usd_per_hour: Option<f64>,
    /// Cross-Region snapshot copy data transfer, USD per GB (no default).
    #[serde(default, deserialize_with = "crate::units::opt_usd")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub snapshot_copy_usd_per_gb: Option<f64>,
    /// All fees of an offline transfer (device or facility, shipping), USD (no default).
    #[serde(default, deserialize_with = "crate::units::opt_usd")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub offline_transfer_usd: Option<f64>,
    /// Hours per month for GB-month prices (default 730, pricing.md §2).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub hours_per_month: Option<f64>,
}

/// Everything `select_migration_path` needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct MigrationScenario {
    pub source: Source,
    pub target: MigrationTarget,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub network: Option<Network>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub constraints: Constraints,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub options: Options,
    /// SCT / DMS Schema Conversion assessment counts (engine changes only).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub schema_conversion: Option<SchemaConversionInput>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub overrides: Overrides,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub prices: Prices,
}
