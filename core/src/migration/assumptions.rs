//! The throughput and duration assumptions behind every estimate, each with its basis.
//!
//! migration.md gives almost no throughput figures (the one AWS number is "several hours per TiB"
//! for an Aurora read replica). Every other default here is a placeholder marked UNCONFIRMED or
//! HEURISTIC with its basis, and every one can be overridden through `overrides` — measure a trial
//! run and pass the measured rate.

use serde::{Deserialize, Serialize};

use super::scenario::Overrides;

/// How much a default can be trusted (the markers of migration.md §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Stated by a cited source.
    Sourced,
    /// drplan's own construction from sourced facts.
    Derived,
    /// Rule of thumb.
    Heuristic,
    /// Placeholder with no authoritative source.
    Unconfirmed,
    /// Supplied by the caller.
    Caller,
}

impl Status {
    /// A default no source states as a number (HEURISTIC, UNCONFIRMED, or DERIVED from one of
    /// those): it may warn, it never excludes a path (migration.md §7.3).
    pub fn placeholder(self) -> bool {
        matches!(
            self,
            Status::Heuristic | Status::Unconfirmed | Status::Derived
        )
    }
}

/// One assumption as used in this report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct Assumption {
    /// The name, equal to its field in `overrides`.
    pub name: String,
    pub value: f64,
    pub unit: String,
    pub status: Status,
    pub basis: String,
    pub source: String,
}

/// Every overridable assumption.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Param {
    ReplicaBuildSecondsPerTib,
    SnapshotMigrateSecondsPerTib,
    SnapshotCopyRate,
    ReplicaApplyRate,
    MysqldumpDumpRate,
    MysqldumpLoadRate,
    MydumperDumpRate,
    MyloaderLoadRate,
    XtrabackupBackupRate,
    S3RestoreRate,
    BinlogApplyRate,
    PgDumpRate,
    PgRestoreRate,
    PgLogicalCopyRate,
    PgLogicalApplyRate,
    DmsFullLoadRate,
    DmsCdcApplyRate,
    CutoverSeconds,
    MysqldumpSmallThresholdGib,
    XtrabackupSplitSizeGib,
    OfflineCopyRate,
    OfflineTransitSeconds,
    PgDumpJobs,
    NativeBackupRate,
}

const MBPS: f64 = 8e6; // 1 MB/s (decimal) in bit/s
const GIB_PER_TB: f64 = 1e12 / 1_073_741_824.0;

/// "As fast as you like" for [`Params::optimistic`]: finite, so no 0 × ∞ turns into NaN.
const UNBOUNDED_BPS: f64 = 1e30;

const PLACEHOLDER: &str = "no figure in migration.md or an AWS source; order-of-magnitude placeholder — measure a trial run and override";

impl Param {
    pub const ALL: [Param; 24] = [
        Param::ReplicaBuildSecondsPerTib,
        Param::SnapshotMigrateSecondsPerTib,
        Param::SnapshotCopyRate,
        Param::ReplicaApplyRate,
        Param::MysqldumpDumpRate,
        Param::MysqldumpLoadRate,
        Param::MydumperDumpRate,
        Param::MyloaderLoadRate,
        Param::XtrabackupBackupRate,
        Param::S3RestoreRate,
        Param::BinlogApplyRate,
        Param::PgDumpRate,
        Param::PgRestoreRate,
        Param::PgLogicalCopyRate,
        Param::PgLogicalApplyRate,
        Param::DmsFullLoadRate,
        Param::DmsCdcApplyRate,
        Param::CutoverSeconds,
        Param::MysqldumpSmallThresholdGib,
        Param::XtrabackupSplitSizeGib,
        Param::OfflineCopyRate,
        Param::OfflineTransitSeconds,
        Param::PgDumpJobs,
        Param::NativeBackupRate,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Param::ReplicaBuildSecondsPerTib => "replica_build_seconds_per_tib",
            Param::SnapshotMigrateSecondsPerTib => "snapshot_migrate_seconds_per_tib",
            Param::SnapshotCopyRate => "snapshot_copy_rate_bps",
            Param::ReplicaApplyRate => "replica_apply_rate_bps",
            Param::MysqldumpDumpRate => "mysqldump_dump_rate_bps",
            Param::MysqldumpLoadRate => "mysqldump_load_rate_bps",
            Param::MydumperDumpRate => "mydumper_dump_rate_bps",
            Param::MyloaderLoadRate => "myloader_load_rate_bps",
            Param::XtrabackupBackupRate => "xtrabackup_backup_rate_bps",
            Param::S3RestoreRate => "s3_restore_rate_bps",
            Param::BinlogApplyRate => "binlog_apply_rate_bps",
            Param::PgDumpRate => "pg_dump_rate_bps",
            Param::PgRestoreRate => "pg_restore_rate_bps",
            Param::PgLogicalCopyRate => "pg_logical_copy_rate_bps",
            Param::PgLogicalApplyRate => "pg_logical_apply_rate_bps",
            Param::DmsFullLoadRate => "dms_full_load_rate_bps",
            Param::DmsCdcApplyRate => "dms_cdc_apply_rate_bps",
            Param::CutoverSeconds => "cutover_seconds",
            Param::MysqldumpSmallThresholdGib => "mysqldump_small_threshold_gib",
            Param::XtrabackupSplitSizeGib => "xtrabackup_split_size_gib",
            Param::OfflineCopyRate => "offline_copy_rate_bps",
            Param::OfflineTransitSeconds => "offline_transit_seconds",
            Param::PgDumpJobs => "pg_dump_jobs",
            Param::NativeBackupRate => "native_backup_rate_bps",
        }
    }

    fn unit(self) -> &'static str {
        match self {
            Param::ReplicaBuildSecondsPerTib | Param::SnapshotMigrateSecondsPerTib => "s/TiB",
            Param::CutoverSeconds | Param::OfflineTransitSeconds => "s",
            Param::MysqldumpSmallThresholdGib | Param::XtrabackupSplitSizeGib => "GiB",
            Param::PgDumpJobs => "jobs",
            _ => "bit/s",
        }
    }

    /// Default value, status, basis and source.
    fn default(self) -> (f64, Status, &'static str, &'static str) {
        use Status::*;
        match self {
            Param::ReplicaBuildSecondsPerTib => (
                4.0 * 3600.0,
                Heuristic,
                "AWS: \"roughly several hours per tebibyte (TiB)\" to build an Aurora read replica (PostgreSQL page: \"several hours per TB\"); drplan reads \"several\" as 4",
                "migration.md §3.3, §4 P2 (AUR AuroraMySQL.Migrating.RDSMySQL.Replica, AuroraPostgreSQL.Migrating)",
            ),
            Param::SnapshotMigrateSecondsPerTib => (
                4.0 * 3600.0,
                Derived,
                "an Aurora read replica is built by migrating a snapshot of the source, so snapshot migration is taken to run at the replica build rate; AWS gives no figure for snapshot migration itself",
                "migration.md §3.2–3.3 (AUR AuroraMySQL.Migrating.RDSMySQL.Replica: \"RDS then migrates the data from the DB snapshot\")",
            ),
            Param::SnapshotCopyRate => (100.0 * MBPS, Unconfirmed, PLACEHOLDER, "—"),
            Param::ReplicaApplyRate => (
                10.0 * MBPS,
                Unconfirmed,
                "apply rate of the Aurora read replica's replication (binlog for MySQL, WAL streaming for PostgreSQL); placeholder — watch the replica-lag metrics during a trial",
                "—",
            ),
            Param::MysqldumpDumpRate => (50.0 * MBPS, Unconfirmed, PLACEHOLDER, "—"),
            Param::MysqldumpLoadRate => (
                10.0 * MBPS,
                Unconfirmed,
                "mysqldump output is replayed statement by statement on one connection, slower than physical paths (AUR AuroraMySQL.Migrating.ExtMySQL); the figure itself is a placeholder",
                "migration.md §3.5",
            ),
            Param::MydumperDumpRate => (200.0 * MBPS, Unconfirmed, PLACEHOLDER, "—"),
            Param::MyloaderLoadRate => (
                50.0 * MBPS,
                Heuristic,
                "5 × the mysqldump load placeholder: one community benchmark measured a myloader restore 5 × faster than replaying a mysqldump file",
                "https://funwithmysql.blogspot.com/2012/11 (mydumper & myloader: fast backup and restore)",
            ),
            Param::XtrabackupBackupRate => (200.0 * MBPS, Unconfirmed, PLACEHOLDER, "—"),
            Param::S3RestoreRate => (100.0 * MBPS, Unconfirmed, PLACEHOLDER, "—"),
            Param::BinlogApplyRate => (10.0 * MBPS, Unconfirmed, PLACEHOLDER, "—"),
            Param::PgDumpRate => (50.0 * MBPS, Unconfirmed, PLACEHOLDER, "—"),
            Param::PgRestoreRate => (50.0 * MBPS, Unconfirmed, PLACEHOLDER, "—"),
            Param::PgLogicalCopyRate => (50.0 * MBPS, Unconfirmed, PLACEHOLDER, "—"),
            Param::PgLogicalApplyRate => (10.0 * MBPS, Unconfirmed, PLACEHOLDER, "—"),
            Param::DmsFullLoadRate => (25.0 * MBPS, Unconfirmed, PLACEHOLDER, "—"),
            Param::DmsCdcApplyRate => (5.0 * MBPS, Unconfirmed, PLACEHOLDER, "—"),
            Param::CutoverSeconds => (
                600.0,
                Unconfirmed,
                "stop writes, wait for replica lag 0, promote or stop the task, repoint the application; AWS says promotion \"should complete fairly quickly\" and gives no number",
                "migration.md §3.3 (AUR AuroraMySQL.Migrating.RDSMySQL.Replica)",
            ),
            Param::MysqldumpSmallThresholdGib => (
                100.0,
                Unconfirmed,
                "AWS classes mysqldump for \"small\" data without a number; folklore says under 10–100 GB — drplan warns above this threshold, it never excludes",
                "migration.md §3.5 (RDS MySQL.Procedural.Importing.Other)",
            ),
            Param::XtrabackupSplitSizeGib => (
                5.0 * GIB_PER_TB,
                Sourced,
                "split the backup into S3 objects of at most 5 TB (the S3 object limit for Aurora's XtraBackup import)",
                "migration.md §3.4 (AUR AuroraMySQL.Migrating.ExtMySQL)",
            ),
            Param::OfflineCopyRate => (
                100.0 * MBPS,
                Heuristic,
                "AWS's Snowball Edge table: 82 TB at 100 MB/s in 9.49 days (the one row that equals plain decimal arithmetic); the rate onto your own media for AWS Data Transfer Terminal is UNCONFIRMED",
                "dr-strategies.md §9.3 (SNOW performance)",
            ),
            Param::OfflineTransitSeconds => (
                5.0 * 86_400.0,
                Unconfirmed,
                "shipping or carrying the media plus ingest into S3; no AWS figure — ask AWS or your courier",
                "migration.md §8",
            ),
            Param::PgDumpJobs => (
                4.0,
                Heuristic,
                "parallel pg_dump jobs (-j): each job dumps one table at a time over its own connection (njobs + 1 connections); 4 is drplan's modest choice — size it to the source's spare cores and max_connections",
                "migration.md §10.5",
            ),
            Param::NativeBackupRate => (100.0 * MBPS, Unconfirmed, PLACEHOLDER, "—"),
        }
    }

    pub fn overridden(self, o: &Overrides) -> Option<f64> {
        match self {
            Param::ReplicaBuildSecondsPerTib => o.replica_build_seconds_per_tib.map(|v| v.0),
            Param::SnapshotMigrateSecondsPerTib => o.snapshot_migrate_seconds_per_tib.map(|v| v.0),
            Param::SnapshotCopyRate => o.snapshot_copy_rate_bps.map(|v| v.0),
            Param::ReplicaApplyRate => o.replica_apply_rate_bps.map(|v| v.0),
            Param::MysqldumpDumpRate => o.mysqldump_dump_rate_bps.map(|v| v.0),
            Param::MysqldumpLoadRate => o.mysqldump_load_rate_bps.map(|v| v.0),
            Param::MydumperDumpRate => o.mydumper_dump_rate_bps.map(|v| v.0),
            Param::MyloaderLoadRate => o.myloader_load_rate_bps.map(|v| v.0),
            Param::XtrabackupBackupRate => o.xtrabackup_backup_rate_bps.map(|v| v.0),
            Param::S3RestoreRate => o.s3_restore_rate_bps.map(|v| v.0),
            Param::BinlogApplyRate => o.binlog_apply_rate_bps.map(|v| v.0),
            Param::PgDumpRate => o.pg_dump_rate_bps.map(|v| v.0),
            Param::PgRestoreRate => o.pg_restore_rate_bps.map(|v| v.0),
            Param::PgLogicalCopyRate => o.pg_logical_copy_rate_bps.map(|v| v.0),
            Param::PgLogicalApplyRate => o.pg_logical_apply_rate_bps.map(|v| v.0),
            Param::DmsFullLoadRate => o.dms_full_load_rate_bps.map(|v| v.0),
            Param::DmsCdcApplyRate => o.dms_cdc_apply_rate_bps.map(|v| v.0),
            Param::CutoverSeconds => o.cutover_seconds.map(|v| v.0),
            Param::MysqldumpSmallThresholdGib => o.mysqldump_small_threshold_gib.map(|v| v.0),
            Param::XtrabackupSplitSizeGib => o.xtrabackup_split_size_gib.map(|v| v.0),
            Param::OfflineCopyRate => o.offline_copy_rate_bps.map(|v| v.0),
            Param::OfflineTransitSeconds => o.offline_transit_seconds.map(|v| v.0),
            Param::PgDumpJobs => o.pg_dump_jobs,
            Param::NativeBackupRate => o.native_backup_rate_bps.map(|v| v.0),
        }
    }
}

/// The resolved assumption values (defaults with the caller's overrides applied).
#[derive(Debug, Clone)]
pub(crate) struct Params {
    values: Vec<(Param, Assumption)>,
}

impl Params {
    pub fn resolve(o: &Overrides) -> Params {
        let values = Param::ALL
            .iter()
            .map(|&p| {
                let (value, status, basis, source) = p.default();
                let a = match p.overridden(o) {
                    Some(v) => Assumption {
                        name: p.name().to_owned(),
                        value: v,
                        unit: p.unit().to_owned(),
                        status: Status::Caller,
                        basis: format!("caller override (default {value} {}: {basis})", p.unit()),
                        source: "overrides".to_owned(),
                    },
                    None => Assumption {
                        name: p.name().to_owned(),
                        value,
                        unit: p.unit().to_owned(),
                        status,
                        basis: basis.to_owned(),
                        source: source.to_owned(),
                    },
                };
                (p, a)
            })
            .collect();
        Params { values }
    }

    pub fn get(&self, p: Param) -> f64 {
        self.values
            .iter()
            .find(|(q, _)| *q == p)
            .map(|(_, a)| a.value)
            .unwrap_or(f64::NAN)
    }

    /// The same values with every placeholder (see [`Status::placeholder`]) at its most
    /// favourable end: rates unbounded, durations zero. Caller and sourced values are kept; the
    /// thresholds that only write notes are kept too. A check that fails even with these values
    /// fails on documented limits and the caller's numbers alone (migration.md §7.3).
    pub fn optimistic(&self) -> Params {
        let values = self
            .values
            .iter()
            .map(|(p, a)| {
                let mut a = a.clone();
                if a.status.placeholder() {
                    match p.unit() {
                        "bit/s" => a.value = UNBOUNDED_BPS,
                        "s" | "s/TiB" => a.value = 0.0,
                        _ => {}
                    }
                }
                (*p, a)
            })
            .collect();
        Params { values }
    }

    /// Every placeholder default (not overridden) scaled by its factor (tests: a placeholder may
    /// move the ranking, never the set of feasible paths).
    #[cfg(test)]
    pub fn scaled(mut self, factor: impl Fn(Param) -> f64) -> Params {
        for (p, a) in &mut self.values {
            if a.status.placeholder() && !matches!(p, Param::MysqldumpSmallThresholdGib) {
                a.value *= factor(*p);
            }
        }
        self
    }

    /// The placeholder among `names` (assumption names as terms list them), in the order given.
    pub fn placeholders<'a>(&self, names: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
        names
            .into_iter()
            .filter(|n| {
                self.values
                    .iter()
                    .any(|(p, a)| p.name() == *n && a.status.placeholder())
            })
            .collect()
    }

    /// The assumption called `name`, if it is one.
    pub fn named(&self, name: &str) -> Option<&Assumption> {
        self.values
            .iter()
            .find(|(p, _)| p.name() == name)
            .map(|(_, a)| a)
    }

    /// The assumptions named, in `Param` order.
    pub fn listed(&self, used: &[Param]) -> Vec<Assumption> {
        self.values
            .iter()
            .filter(|(p, _)| used.contains(p))
            .map(|(_, a)| a.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::Bps;

    #[test]
    fn defaults_and_overrides() {
        let p = Params::resolve(&Overrides::default());
        assert_eq!(p.get(Param::ReplicaBuildSecondsPerTib), 14_400.0);
        assert_eq!(p.get(Param::MysqldumpLoadRate), 80_000_000.0); // 10 MB/s
                                                                   // 5 TB in GiB: 5e12 / 2^30
        assert!((p.get(Param::XtrabackupSplitSizeGib) - 4_656.612_873_077_393).abs() < 1e-9);
        let o = Overrides {
            dms_full_load_rate_bps: Some(Bps(1e9)),
            ..Overrides::default()
        };
        let p = Params::resolve(&o);
        assert_eq!(p.get(Param::DmsFullLoadRate), 1e9);
        let listed = p.listed(&[Param::DmsFullLoadRate]);
        assert_eq!(listed.first().map(|a| a.status), Some(Status::Caller));
    }

    #[test]
    fn every_param_has_a_distinct_name_and_a_basis() {
        let p = Params::resolve(&Overrides::default());
        let all = p.listed(&Param::ALL);
        assert_eq!(all.len(), Param::ALL.len());
        let mut names: Vec<&str> = all.iter().map(|a| a.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Param::ALL.len());
        assert!(all
            .iter()
            .all(|a| !a.basis.is_empty() && a.value.is_finite() && a.value > 0.0));
    }
}
