//! The migration paths drplan models, each with its hard constraints, prerequisites, what must be
//! re-created by hand, ordered steps and copy/catch-up model (migration.md §3–§8).

mod aws;
mod dms;
mod mysql;
mod offline;
mod postgres;

use serde::{Deserialize, Serialize};

use super::assumptions::{Param, Params};
use super::estimate::{self, bottleneck, per_tib, transfer, Apply, GIB, TB};
use super::exclusion::{Checks, ReasonCode};
use super::report::{EstimateTerm, Item, Kind, Note, PhaseKind, Reference};
use super::scenario::{
    Capacity, DbEngine, Family, Location, MigrationScenario, Placement, Service, StorageEngine,
};
use super::source_settings::{self, BinlogNeed};
use super::version::EngineVersion;

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
    /// P4: native logical replication (publication / subscription, or pglogical).
    PgLogicalReplication,
    /// DMS full load (with schema conversion for an engine change).
    DmsFullLoad,
    /// DMS full load + CDC (with schema conversion for an engine change).
    DmsFullLoadCdc,
    /// Native initial load, then a DMS CDC-only task from the recorded position (§4 P5).
    DmsCdcOnly,
    /// Offline transfer of the data set when the network cannot make the deadline (§8).
    OfflineTransfer,
}

impl PathId {
    pub const ALL: [PathId; 14] = [
        PathId::RdsSnapshotToAurora,
        PathId::AuroraReadReplica,
        PathId::XtrabackupS3,
        PathId::XtrabackupS3Binlog,
        PathId::Mysqldump,
        PathId::MysqldumpBinlog,
        PathId::Mydumper,
        PathId::MydumperBinlog,
        PathId::PgDumpRestore,
        PathId::PgLogicalReplication,
        PathId::DmsFullLoad,
        PathId::DmsFullLoadCdc,
        PathId::DmsCdcOnly,
        PathId::OfflineTransfer,
    ];

    /// Base effort, 1 (a console action) … 5 (an offline shipment); +2 when the path includes
    /// schema conversion. drplan's own ordering (DERIVED from the number of tools, hand-offs and
    /// replication streams each path involves, migration.md §3–§8).
    pub fn effort(self) -> u32 {
        match self {
            PathId::RdsSnapshotToAurora | PathId::AuroraReadReplica => 1,
            PathId::Mysqldump | PathId::Mydumper | PathId::PgDumpRestore => 2,
            PathId::XtrabackupS3
            | PathId::MysqldumpBinlog
            | PathId::MydumperBinlog
            | PathId::PgLogicalReplication
            | PathId::DmsFullLoad => 3,
            PathId::XtrabackupS3Binlog | PathId::DmsFullLoadCdc | PathId::DmsCdcOnly => 4,
            PathId::OfflineTransfer => 5,
        }
    }

    /// Paths that can carry an engine change (and then include schema conversion).
    pub fn converts(self) -> bool {
        matches!(
            self,
            PathId::DmsFullLoad | PathId::DmsFullLoadCdc | PathId::OfflineTransfer
        )
    }

    pub fn reference(self, family: Family) -> Reference {
        let pg = family == Family::Postgresql;
        let (section, source) = match self {
            PathId::RdsSnapshotToAurora if pg => ("migration.md §4 P1", "AUR AuroraPostgreSQL.Migrating"),
            PathId::RdsSnapshotToAurora => ("migration.md §3.2 M1", "AUR AuroraMySQL.Migrating.RDSMySQL.Import"),
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
            PathId::PgLogicalReplication => ("migration.md §4 P4", "AUR AuroraPostgreSQL.Replication.Logical"),
            PathId::DmsFullLoad | PathId::DmsFullLoadCdc => ("migration.md §5.1, §6", "DMS CHAP_Tasks.Creating; SCT CHAP_Welcome"),
            PathId::DmsCdcOnly => (
                "migration.md §4 P5, §5.1",
                "https://aws.amazon.com/premiumsupport/knowledge-center/dms-migrate-postgresql-to-postgresql/; DMS CHAP_Tasks.Creating",
            ),
            PathId::OfflineTransfer => ("migration.md §8, §5.6", "Snowball API reference notice; DMS CHAP_LargeDBs"),
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
            super::scenario::ConversionTool::Sct => "AWS SCT",
            super::scenario::ConversionTool::DmsSchemaConversion => "DMS Schema Conversion",
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
            PathId::PgLogicalReplication => format!("Native logical replication into {tgt}"),
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

/// What every path model sees.
#[derive(Debug)]
pub(crate) struct Ctx<'a> {
    pub s: &'a MigrationScenario,
    pub p: &'a Params,
    pub src_v: EngineVersion,
    pub tgt_v: EngineVersion,
    /// Source size in bytes.
    pub bytes: f64,
    pub engine_change: bool,
    /// Effective bandwidth of the caller's link (bandwidth × utilization), if given.
    pub net_bps: Option<f64>,
    /// Source change rate in bit/s (0 when not given).
    pub change_bps: f64,
    /// Duration of the fastest estimated network path (set before the offline path is modelled).
    pub fastest_network_seconds: Option<f64>,
}

/// Migration-specific charges a path incurs (priced in `cost.rs`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Charge {
    /// XtraBackup files held in S3 Standard during these phases' copy terms named.
    S3Staging { seconds: f64 },
    /// A DMS replication instance running during these phases.
    DmsInstance { phases: &'static [PhaseKind] },
    /// A DMS replication instance running for this long (part of a phase).
    DmsInstanceFor { seconds: f64 },
    /// Cross-Region snapshot copy transfer.
    SnapshotCopy,
    /// The private snapshot behind an Aurora read replica: no charge (AUR Replica page).
    ReplicaSnapshotFree,
    /// Device / facility and shipping fees of an offline transfer.
    Offline,
}

/// What the source must retain for replication to start where the copy began.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Retention {
    Binlog,
    ReplicationSlot,
}

/// One path's model before the timeline, cost and ranking are applied.
#[derive(Debug)]
pub(crate) struct Draft {
    pub checks: Checks,
    pub notes: Vec<Note>,
    pub prerequisites: Vec<Item>,
    pub recreate: Vec<Item>,
    pub steps: Vec<String>,
    pub kind: Kind,
    pub copy: Vec<EstimateTerm>,
    pub apply: Option<Apply>,
    pub used: Vec<Param>,
    pub charges: Vec<Charge>,
    pub retention: Option<Retention>,
    /// DMS caches changes on the replication instance during the copy (full load + CDC).
    pub dms_caches_changes: bool,
}

impl Draft {
    fn new(kind: Kind) -> Draft {
        Draft {
            checks: Checks::default(),
            notes: Vec::new(),
            prerequisites: Vec::new(),
            recreate: Vec::new(),
            steps: Vec::new(),
            kind,
            copy: Vec::new(),
            apply: None,
            used: vec![Param::CutoverSeconds],
            charges: Vec::new(),
            retention: None,
            dms_caches_changes: false,
        }
    }

    pub fn prereq(&mut self, text: impl Into<String>, source: &str) {
        self.prerequisites.push(Item {
            text: text.into(),
            source: source.to_owned(),
        });
    }

    pub fn recreate(&mut self, text: &str, source: &str) {
        self.recreate.push(Item {
            text: text.to_owned(),
            source: source.to_owned(),
        });
    }

    pub fn note(&mut self, code: &str, message: impl Into<String>, source: &str) {
        self.notes.push(Note {
            code: code.to_owned(),
            message: message.into(),
            source: source.to_owned(),
        });
    }

    fn step(&mut self, s: impl Into<String>) {
        self.steps.push(s.into());
    }

    fn rate(&mut self, ctx: &Ctx, p: Param) -> f64 {
        if !self.used.contains(&p) {
            self.used.push(p);
        }
        ctx.p.get(p)
    }

    /// Copy `ctx.bytes` at `rate` (the slower of the tool and the link when `over_network`).
    fn copy_at(&mut self, ctx: &Ctx, what: &str, p: Param, over_network: bool) {
        let r = self.rate(ctx, p);
        let term = match ctx.net_bps.filter(|_| over_network) {
            Some(net) => {
                let (which, rate) = bottleneck(&[(p.name(), r), ("network", net)]);
                let mut t = transfer(
                    &format!(
                        "{what} (limited by {})",
                        if which == "network" {
                            "the link"
                        } else {
                            "the tool rate"
                        }
                    ),
                    ctx.bytes,
                    rate,
                    &[p.name()],
                );
                if which == "network" {
                    t.assumptions.push("network".to_owned());
                }
                t
            }
            None => transfer(what, ctx.bytes, r, &[p.name()]),
        };
        self.copy.push(term);
    }

    /// Move the files over the caller's link (no term when no link is given: in-AWS copy).
    fn over_link(&mut self, ctx: &Ctx, what: &str) {
        if let Some(net) = ctx.net_bps {
            self.copy.push(transfer(what, ctx.bytes, net, &["network"]));
        }
    }

    fn apply_with(&mut self, ctx: &Ctx, what: &'static str, p: Param, over_network: bool) {
        let rate = self.rate(ctx, p);
        self.apply = Some(Apply {
            what,
            rate_bps: rate,
            assumption: p.name(),
            network_bps: ctx.net_bps.filter(|_| over_network),
        });
    }
}

const TB16: f64 = 16.0 * TB;
const TB8: f64 = 8.0 * TB;

fn gib(bytes: f64) -> String {
    format!("{} GiB", estimate::num(bytes / GIB))
}

// ---- shared checks -------------------------------------------------------------------------

fn same_family(ctx: &Ctx, d: &mut Draft, section: &str, source: &str) {
    let (s, t) = (ctx.s.source.engine, ctx.s.target.engine);
    d.checks.check(
        ReasonCode::EngineMismatch,
        !ctx.engine_change,
        if ctx.engine_change {
            format!("{} → {} is an engine change: this path copies within one engine family; engine changes need schema conversion + DMS (§6)", s.label(), t.label())
        } else {
            format!("{} → {}: same engine family", s.label(), t.label())
        },
        section,
        source,
    );
}

fn source_engine_in(ctx: &Ctx, d: &mut Draft, allowed: &[DbEngine], section: &str, source: &str) {
    let e = ctx.s.source.engine;
    let names: Vec<&str> = allowed.iter().map(|a| a.label()).collect();
    d.checks.check(
        ReasonCode::SourceEngineUnsupported,
        allowed.contains(&e),
        format!(
            "source engine {} {} this path's sources ({})",
            e.label(),
            if allowed.contains(&e) {
                "is among"
            } else {
                "is not among"
            },
            names.join(", ")
        ),
        section,
        source,
    );
}

fn target_engine_is_source(ctx: &Ctx, d: &mut Draft, section: &str, source: &str) {
    let (s, t) = (ctx.s.source.engine, ctx.s.target.engine);
    d.checks.check(
        ReasonCode::EngineMismatch,
        s == t,
        format!(
            "{} source → {} target{}",
            s.label(),
            t.label(),
            if s == t {
                ""
            } else {
                ": this path needs the same engine on both sides"
            }
        ),
        section,
        source,
    );
}

fn no_encryption_downgrade(ctx: &Ctx, d: &mut Draft, section: &str, source: &str) {
    let bad = ctx.s.source.encrypted && !ctx.s.target.encrypted;
    d.checks.check(
        ReasonCode::EncryptionDowngrade,
        !bad,
        if bad {
            "an unencrypted cluster cannot be created from an encrypted source"
        } else if ctx.s.source.encrypted {
            "encrypted source → encrypted target"
        } else {
            "unencrypted source (the target may be encrypted during migration)"
        },
        section,
        source,
    );
}

/// MySQL lines must not go backwards; a newer target line is allowed with a note.
fn mysql_no_downgrade(ctx: &Ctx, d: &mut Draft, section: &str, source: &str) {
    if ctx.s.source.engine != ctx.s.target.engine {
        return;
    }
    let (s, t) = (ctx.src_v.major, ctx.tgt_v.major);
    let e = ctx.s.source.engine;
    d.checks.check(
        ReasonCode::VersionDowngrade,
        t >= s,
        format!(
            "source {} {}, target {}-compatible {}.{}",
            e.label(),
            ctx.src_v.label(e),
            e.label(),
            t.0,
            t.1
        ),
        section,
        source,
    );
    if t > s {
        d.note(
            "cross_major_version",
            format!("Source {}.{} → target {}.{} crosses a major version: whether this path supports that directly is UNCONFIRMED — test, or upgrade the source first", s.0, s.1, t.0, t.1),
            source,
        );
    }
}

/// PostgreSQL physical paths: same major; the target's minor must be ≥ the source's.
fn pg_same_major_minor_ok(ctx: &Ctx, d: &mut Draft, section: &str, source: &str) {
    let (s, t) = (ctx.src_v, ctx.tgt_v);
    let e = DbEngine::Postgresql;
    d.checks.check(
        ReasonCode::VersionMajorMismatch,
        s.major == t.major,
        format!(
            "source PostgreSQL {}, target {}: the major versions must match",
            s.label(e),
            t.label(e)
        ),
        section,
        source,
    );
    if s.major == t.major {
        match (s.minor, t.minor) {
            (Some(a), Some(b)) => d.checks.check(
                ReasonCode::VersionDowngrade,
                b >= a,
                format!(
                    "source minor {a} {} target minor {b}",
                    if b >= a { "≤" } else { ">" }
                ),
                section,
                source,
            ),
            _ => d.prereq(
                "Verify the Aurora version offers a minor version ≥ the source's",
                source,
            ),
        }
    }
}

/// A logical copy into an older major version is not guaranteed: a note, never an exclusion.
fn logical_downgrade_note(ctx: &Ctx, d: &mut Draft) {
    if ctx.s.source.engine == ctx.s.target.engine && ctx.tgt_v.major < ctx.src_v.major {
        d.note(
            "logical_downgrade",
            "The target's major version is older than the source's: a logical dump is not guaranteed to load into an older version — test the load",
            if ctx.s.source.engine == DbEngine::Postgresql {
                "https://www.postgresql.org/docs/current/app-pgdump.html (not in migration.md)"
            } else {
                "UNCONFIRMED for this engine (not in migration.md)"
            },
        );
    }
    family_divergence_note(ctx, d);
}

/// MariaDB ↔ MySQL stay in one family (no schema conversion) but have diverged.
fn family_divergence_note(ctx: &Ctx, d: &mut Draft) {
    if ctx.s.source.engine != ctx.s.target.engine && !ctx.engine_change {
        d.note(
            "mariadb_mysql_differences",
            format!("{} → {}: the engines have diverged; features the target lacks must be found by testing (UNCONFIRMED, not listed in migration.md)", ctx.s.source.engine.label(), ctx.s.target.engine.label()),
            "migration.md §7.1 (RDS MySQL.Procedural.Importing.Other lists MySQL or MariaDB sources)",
        );
    }
}

/// Aurora MySQL accepts InnoDB and MyISAM sources only (AUR AuroraMySQL.Migrating).
fn mysql_storage_engines(ctx: &Ctx, d: &mut Draft) {
    let engines = ctx
        .s
        .source
        .storage_engines
        .clone()
        .unwrap_or_else(|| vec![StorageEngine::Innodb]);
    let bad: Vec<String> = engines
        .iter()
        .filter(|e| !matches!(e, StorageEngine::Innodb | StorageEngine::Myisam))
        .map(|e| format!("{e:?}").to_uppercase())
        .collect();
    d.checks.check(
        ReasonCode::UnsupportedStorageEngine,
        bad.is_empty(),
        if bad.is_empty() {
            "InnoDB/MyISAM tables only".to_owned()
        } else {
            format!(
                "tables use {}: Aurora MySQL sources must be InnoDB or MyISAM — convert them first",
                bad.join(", ")
            )
        },
        "migration.md §3.1",
        "AUR AuroraMySQL.Migrating",
    );
    if ctx.s.source.memcached_plugin {
        d.prereq(
            "Remove the memcached plugin from the source",
            "migration.md §3.1 (AUR AuroraMySQL.Migrating)",
        );
    }
}

fn has_myisam_or_compressed(ctx: &Ctx) -> bool {
    ctx.s.source.compressed_tables
        || ctx
            .s
            .source
            .storage_engines
            .as_ref()
            .is_some_and(|v| v.contains(&StorageEngine::Myisam))
}

/// Snapshot-migration table limits: 16 TB per table, 8 TB per MyISAM or compressed table.
fn mysql_table_limits(ctx: &Ctx, d: &mut Draft, section: &str, source: &str) {
    let src = &ctx.s.source;
    let largest = src
        .largest_table_gib
        .map(|g| g.0 * GIB)
        .unwrap_or(ctx.bytes);
    let known = src.largest_table_gib.is_some() || ctx.bytes <= TB16;
    d.checks.check(
        ReasonCode::TableTooLarge,
        largest <= TB16 || !known,
        if known {
            let what = if src.largest_table_gib.is_some() { "largest table" } else { "largest table ≤ database size" };
            format!("{what} {} {} 16 TB ({})", gib(largest), if largest <= TB16 { "≤" } else { ">" }, gib(TB16))
        } else {
            format!("largest table not given and the database ({}) exceeds 16 TB: give largest_table_gib", gib(ctx.bytes))
        },
        section,
        source,
    );
    if has_myisam_or_compressed(ctx) {
        let m = src
            .largest_myisam_or_compressed_table_gib
            .map(|g| g.0 * GIB);
        let bound = m.unwrap_or(largest);
        let known = m.is_some() || bound <= TB8;
        d.checks.check(
            ReasonCode::MyisamOrCompressedTableTooLarge,
            bound <= TB8 || !known,
            if known {
                format!("largest MyISAM/compressed table {} {} 8 TB ({})", gib(bound), if bound <= TB8 { "≤" } else { ">" }, gib(TB8))
            } else {
                "largest MyISAM/compressed table not given: give largest_myisam_or_compressed_table_gib (limit 8 TB)".to_owned()
            },
            section,
            source,
        );
        d.note(
            "myisam_or_compressed_conversion",
            "MyISAM and compressed tables are converted during the migration, which needs extra space and time: convert them to InnoDB / an uncompressed ROW_FORMAT beforehand",
            "migration.md §3.2 (AUR AuroraMySQL.Migrating.RDSMySQL.Import)",
        );
    }
}

fn self_managed(ctx: &Ctx) -> bool {
    !ctx.s.source.location.managed()
}

fn one_time_online_check(ctx: &Ctx, d: &mut Draft) {
    if d.kind == Kind::OneTime && ctx.s.constraints.source_must_stay_online {
        d.checks.check(
            ReasonCode::SourceMustStayOnline,
            false,
            "this one-time path stops writes to the source for the whole copy, but the source must stay online",
            "migration.md §2 (one-time vs ongoing)",
            "constraints.source_must_stay_online",
        );
    }
}

// ---- the models (one file per family) --------------------------------------------------------

/// Evaluate `path` for the scenario.
pub(crate) fn model(path: PathId, ctx: &Ctx) -> Draft {
    let mut d = match path {
        PathId::RdsSnapshotToAurora => aws::snapshot_migrate(ctx),
        PathId::AuroraReadReplica => aws::aurora_replica(ctx),
        PathId::XtrabackupS3 => mysql::xtrabackup(ctx, false),
        PathId::XtrabackupS3Binlog => mysql::xtrabackup(ctx, true),
        PathId::Mysqldump => mysql::mysqldump(ctx, false),
        PathId::MysqldumpBinlog => mysql::mysqldump(ctx, true),
        PathId::Mydumper => mysql::mydumper(ctx, false),
        PathId::MydumperBinlog => mysql::mydumper(ctx, true),
        PathId::PgDumpRestore => postgres::pg_dump(ctx),
        PathId::PgLogicalReplication => postgres::pg_logical(ctx),
        PathId::DmsFullLoad => dms::dms(ctx, false),
        PathId::DmsFullLoadCdc => dms::dms(ctx, true),
        PathId::DmsCdcOnly => dms::dms_cdc_only(ctx),
        PathId::OfflineTransfer => offline::offline(ctx),
    };
    one_time_online_check(ctx, &mut d);
    d
}
