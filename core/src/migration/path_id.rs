//! The catalogue of migration paths drplan models: each one's effort, whether it can change
//! engines, its label and where it is documented.

use serde::{Deserialize, Serialize};

use super::reference::Reference;
use super::scenario::{ConversionTool, Family, MigrationScenario, Service};

/// The paths, in catalogue order (also the final tie-break of the ranking).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum PathId {
    /// M1 / P1: RDS snapshot migrated into a new Aurora cluster.
    RdsSnapshotToAurora,
    /// M2 / P2: Aurora read replica of an RDS instance, promoted at lag 0.
    AuroraReadReplica,
    /// M3: Percona XtraBackup files in S3 restored into Aurora MySQL (or RDS for MySQL).
    XtrabackupS3,
    /// M3 + M6: the same, then binlog replication until cut-over.
    XtrabackupS3Binlog,
    /// M4: mysqldump piped into the target.
    Mysqldump,
    /// M4 + M6: mysqldump with recorded binlog coordinates, then binlog replication.
    MysqldumpBinlog,
    /// M5: mydumper / myloader.
    Mydumper,
    /// M5 + M6: mydumper / myloader, then native binlog replication.
    MydumperBinlog,
    /// P3: pg_dump -Fc + pg_restore.
    PgDumpRestore,
    /// P3 with a directory-format dump in parallel jobs (§10.5).
    PgDumpParallel,
    /// P4: native logical replication (publication / subscription, or pglogical).
    PgLogicalReplication,
    /// RDS for SQL Server native backup (.bak) through S3, restored with rds_restore_database (§10.6).
    SqlServerNativeBackup,
    /// RDS for Oracle Data Pump export / import through the S3 integration (§10.7).
    OracleDataPumpS3,
    /// DMS full load (with schema conversion for an engine change).
    DmsFullLoad,
    /// DMS full load + CDC (with schema conversion for an engine change).
    DmsFullLoadCdc,
    /// Native initial load, then a DMS CDC-only task from the recorded position (§4 P5).
    DmsCdcOnly,
    /// Offline transfer of the data set when the network cannot make the deadline (§8).
    OfflineTransfer,
    /// Offline seed on media, then CDC catch-up over the network until cut-over (§10.4).
    OfflineSeedCdc,
}

impl PathId {
    pub const ALL: [PathId; 18] = [
        PathId::RdsSnapshotToAurora,
        PathId::AuroraReadReplica,
        PathId::XtrabackupS3,
        PathId::XtrabackupS3Binlog,
        PathId::Mysqldump,
        PathId::MysqldumpBinlog,
        PathId::Mydumper,
        PathId::MydumperBinlog,
        PathId::PgDumpRestore,
        PathId::PgDumpParallel,
        PathId::PgLogicalReplication,
        PathId::SqlServerNativeBackup,
        PathId::OracleDataPumpS3,
        PathId::DmsFullLoad,
        PathId::DmsFullLoadCdc,
        PathId::DmsCdcOnly,
        PathId::OfflineTransfer,
        PathId::OfflineSeedCdc,
    ];

    /// Base effort, 1 (a console action) … 5 (an offline shipment); +2 when the path includes
    /// schema conversion. drplan's own ordering (DERIVED from the number of tools, hand-offs and
    /// replication streams each path involves, migration.md §3–§8).
    pub fn effort(self) -> u32 {
        match self {
            PathId::RdsSnapshotToAurora | PathId::AuroraReadReplica => 1,
            PathId::Mysqldump
            | PathId::Mydumper
            | PathId::PgDumpRestore
            | PathId::PgDumpParallel
            | PathId::SqlServerNativeBackup
            | PathId::OracleDataPumpS3
            | PathId::XtrabackupS3 => 2,
            PathId::MysqldumpBinlog
            | PathId::MydumperBinlog
            | PathId::PgLogicalReplication
            | PathId::DmsFullLoad
            | PathId::XtrabackupS3Binlog => 3,
            PathId::DmsFullLoadCdc | PathId::DmsCdcOnly => 4,
            PathId::OfflineTransfer | PathId::OfflineSeedCdc => 5,
        }
    }

    /// Paths that can carry an engine change (and then include schema conversion).
    pub fn converts(self) -> bool {
        matches!(
            self,
            PathId::DmsFullLoad
                | PathId::DmsFullLoadCdc
                | PathId::OfflineTransfer
                | PathId::OfflineSeedCdc
        )
    }

    pub fn reference(self, family: Family) -> Reference {
        let pg = family == Family::Postgresql;
        let (section, source) = match self {
            PathId::RdsSnapshotToAurora if pg => ("migration.md §4 P1", "AUR AuroraPostgreSQL.Migrating"),
            PathId::RdsSnapshotToAurora => ("migration.md §3.2 M1", "AUR AuroraMySQL.Migrating.RDSMySQL.Snapshot"),
            PathId::AuroraReadReplica if pg => ("migration.md §4 P2", "AUR AuroraPostgreSQL.Migrating"),
            PathId::AuroraReadReplica => ("migration.md §3.3 M2", "AUR AuroraMySQL.Migrating.RDSMySQL.Replica"),
            PathId::XtrabackupS3 => ("migration.md §3.4 M3", "AUR AuroraMySQL.Migrating.ExtMySQL"),
            PathId::XtrabackupS3Binlog => {
                ("migration.md §3.4 M3 + §3.7 M6", "AUR AuroraMySQL.Migrating.ExtMySQL; AUR AuroraMySQL.Replication.MySQL")
            }
            PathId::Mysqldump => ("migration.md §3.5 M4", "RDS MySQL.Procedural.Importing.Other"),
            PathId::MysqldumpBinlog => {
                ("migration.md §3.5 M4 + §3.7 M6", "RDS MySQL.Procedural.Importing.Other (reduced-downtime procedure)")
            }
            PathId::Mydumper => ("migration.md §3.6 M5", "https://mydumper.github.io/mydumper/docs/html/usage.html"),
            PathId::MydumperBinlog => (
                "migration.md §3.6 M5 + §3.7 M6",
                "https://mydumper.github.io/mydumper/docs/html/usage.html; AUR AuroraMySQL.Replication.MySQL",
            ),
            PathId::PgDumpRestore => ("migration.md §4 P3", "RDS PostgreSQL.Procedural.Importing.EC2"),
            PathId::PgDumpParallel => ("migration.md §10.5, §4 P3", "https://www.postgresql.org/docs/current/app-pgdump.html; RDS PostgreSQL.Procedural.Importing.EC2"),
            PathId::SqlServerNativeBackup => ("migration.md §10.6", "RDS SQLServer.Procedural.Importing"),
            PathId::OracleDataPumpS3 => ("migration.md §10.7", "RDS Oracle.Procedural.Importing.DataPump"),
            PathId::PgLogicalReplication => ("migration.md §4 P4", "AUR AuroraPostgreSQL.Replication.Logical"),
            PathId::DmsFullLoad | PathId::DmsFullLoadCdc => ("migration.md §5.1, §6", "DMS CHAP_Tasks.Creating; SCT CHAP_Welcome"),
            PathId::DmsCdcOnly => (
                "migration.md §4 P5, §5.1",
                "https://aws.amazon.com/premiumsupport/knowledge-center/dms-migrate-postgresql-to-postgresql/; DMS CHAP_Tasks.Creating",
            ),
            PathId::OfflineTransfer => ("migration.md §8, §5.6", "Snowball API reference notice; DMS CHAP_LargeDBs"),
            PathId::OfflineSeedCdc => ("migration.md §10.4, §8", "DMS CHAP_LargeDBs; Snowball API reference notice"),
        };
        Reference::new(section, source)
    }

    pub fn label(self, s: &MigrationScenario, engine_change: bool) -> String {
        let src = s.source.engine.label();
        let tgt = format!(
            "{} {}",
            if s.target.service == Service::Aurora {
                "Aurora"
            } else {
                "RDS for"
            },
            s.target.engine.label()
        );
        let conv = match s
            .schema_conversion
            .as_ref()
            .map(|c| c.tool)
            .unwrap_or_default()
        {
            ConversionTool::Sct => "AWS SCT",
            ConversionTool::DmsSchemaConversion => "DMS Schema Conversion",
        };
        match self {
            PathId::RdsSnapshotToAurora => format!("RDS for {src} snapshot migrated to {tgt}"),
            PathId::AuroraReadReplica => {
                format!("Aurora read replica of RDS for {src}, promoted at replica lag 0")
            }
            PathId::XtrabackupS3 => {
                format!("Percona XtraBackup files in S3 restored into {tgt} (one-time)")
            }
            PathId::XtrabackupS3Binlog => format!(
                "Percona XtraBackup via S3 into {tgt}, then binlog replication until cut-over"
            ),
            PathId::Mysqldump => format!("mysqldump piped into {tgt} (one-time)"),
            PathId::MysqldumpBinlog => {
                format!("mysqldump into {tgt}, then binlog replication until cut-over")
            }
            PathId::Mydumper => format!("mydumper / myloader into {tgt} (one-time)"),
            PathId::MydumperBinlog => {
                format!("mydumper / myloader into {tgt}, then native binlog replication")
            }
            PathId::PgDumpRestore => format!("pg_dump -Fc + pg_restore into {tgt} (one-time)"),
            PathId::PgDumpParallel => {
                format!("pg_dump -Fd -j (parallel directory dump) + pg_restore -j into {tgt} (one-time)")
            }
            PathId::PgLogicalReplication => format!("Native logical replication into {tgt}"),
            PathId::OracleDataPumpS3 => {
                format!("Oracle Data Pump export through S3, imported into {tgt} (one-time)")
            }
            PathId::SqlServerNativeBackup => {
                format!(
                    "SQL Server native backup (.bak) through S3, restored into {tgt} (one-time)"
                )
            }
            PathId::DmsFullLoad if engine_change => {
                format!("{conv} schema conversion + AWS DMS full load into {tgt}")
            }
            PathId::DmsFullLoad => format!("AWS DMS full load into {tgt}"),
            PathId::DmsFullLoadCdc if engine_change => {
                format!("{conv} schema conversion + AWS DMS full load + CDC into {tgt}")
            }
            PathId::DmsFullLoadCdc => format!("AWS DMS full load + CDC into {tgt}"),
            PathId::DmsCdcOnly => {
                format!("Native initial load, then an AWS DMS CDC-only task into {tgt}")
            }
            PathId::OfflineSeedCdc => {
                let how = if s.options.existing_snow_customer {
                    "Snowball Edge (existing Snow customer)"
                } else {
                    "AWS Data Transfer Terminal"
                };
                if engine_change {
                    format!("{conv} schema conversion + offline seed via {how} into {tgt}, then AWS DMS CDC until cut-over")
                } else {
                    format!("Offline seed via {how} into {tgt}, then CDC catch-up over the network until cut-over")
                }
            }
            PathId::OfflineTransfer => {
                let how = if s.options.existing_snow_customer {
                    "Snowball Edge (existing Snow customer)"
                } else {
                    "AWS Data Transfer Terminal"
                };
                if engine_change {
                    format!("{conv} schema conversion + offline transfer via {how} into {tgt}")
                } else {
                    format!("Offline transfer via {how} into {tgt}")
                }
            }
        }
    }
}
