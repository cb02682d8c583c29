//! The migration paths drplan models, each with its hard constraints, prerequisites, what must be
//! re-created by hand, ordered steps and copy/catch-up model (migration.md §3–§8).

use serde::{Deserialize, Serialize};

use super::assumptions::{Param, Params};
use super::estimate::{self, bottleneck, per_tib, transfer, Apply, GIB, TB};
use super::exclusion::{Checks, ReasonCode};
use super::report::{Item, Kind, Note, PhaseKind, Reference, Term};
use super::scenario::{
    Capacity, Engine, Family, Location, MigrationScenario, Placement, Service, StorageEngine,
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
    pub copy: Vec<Term>,
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
const TB5: f64 = 5.0 * TB;
const MAX_S3_FILES: f64 = 1_000_000.0;
/// Snowball Edge usable capacity per device (SNOW copy-general-planning, dr-strategies.md §9.3).
const SNOWBALL_USABLE_BYTES: f64 = 80.0 * TB;

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

fn source_engine_in(ctx: &Ctx, d: &mut Draft, allowed: &[Engine], section: &str, source: &str) {
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

fn rds_source(ctx: &Ctx, d: &mut Draft, section: &str, source: &str) {
    let ok = ctx.s.source.location == Location::Rds;
    d.checks.check(
        ReasonCode::SourceNotRds,
        ok,
        if ok {
            "source is an RDS DB instance".to_owned()
        } else {
            format!(
                "the source runs {}: this path starts from an RDS DB instance or its snapshot",
                ctx.s.source.location.label()
            )
        },
        section,
        source,
    );
}

fn aurora_target(ctx: &Ctx, d: &mut Draft, section: &str, source: &str) {
    let ok = ctx.s.target.service == Service::Aurora;
    d.checks.check(
        ReasonCode::TargetNotAurora,
        ok,
        if ok {
            "target is an Aurora cluster"
        } else {
            "target is RDS: this path creates an Aurora cluster"
        },
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
    let e = Engine::Postgresql;
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
            if ctx.s.source.engine == Engine::Postgresql {
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

fn outside_aws_or_ec2(ctx: &Ctx) -> bool {
    !ctx.s.source.location.managed()
}

fn one_time_online_check(ctx: &Ctx, d: &mut Draft) {
    if d.kind == Kind::OneTime && ctx.s.constraints.source_must_stay_online {
        d.checks.check(
            ReasonCode::SourceMustStayOnline,
            false,
            "this one-time path stops writes to the source for the whole copy, but the source must stay online",
            "migration.md §2 (one-time vs ongoing)",
            "AUR AuroraMySQL.Migrating",
        );
    }
}

// ---- the models -----------------------------------------------------------------------------

/// Evaluate `path` for the scenario.
pub(crate) fn model(path: PathId, ctx: &Ctx) -> Draft {
    let mut d = match path {
        PathId::RdsSnapshotToAurora => snapshot_migrate(ctx),
        PathId::AuroraReadReplica => aurora_replica(ctx),
        PathId::XtrabackupS3 => xtrabackup(ctx, false),
        PathId::XtrabackupS3Binlog => xtrabackup(ctx, true),
        PathId::Mysqldump => mysqldump(ctx, false),
        PathId::MysqldumpBinlog => mysqldump(ctx, true),
        PathId::Mydumper => mydumper(ctx, false),
        PathId::MydumperBinlog => mydumper(ctx, true),
        PathId::PgDumpRestore => pg_dump(ctx),
        PathId::PgLogicalReplication => pg_logical(ctx),
        PathId::DmsFullLoad => dms(ctx, false),
        PathId::DmsFullLoadCdc => dms(ctx, true),
        PathId::DmsCdcOnly => dms_cdc_only(ctx),
        PathId::OfflineTransfer => offline(ctx),
    };
    one_time_online_check(ctx, &mut d);
    d
}

fn snapshot_migrate(ctx: &Ctx) -> Draft {
    let mut d = Draft::new(Kind::OneTime);
    let pg = ctx.s.source.engine == Engine::Postgresql;
    let (section, source) = if pg {
        ("migration.md §4 P1", "AUR AuroraPostgreSQL.Migrating")
    } else {
        (
            "migration.md §3.2 M1",
            "AUR AuroraMySQL.Migrating.RDSMySQL.Import",
        )
    };
    rds_source(ctx, &mut d, section, source);
    aurora_target(ctx, &mut d, section, source);
    source_engine_in(
        ctx,
        &mut d,
        &[Engine::Mysql, Engine::Postgresql],
        section,
        source,
    );
    target_engine_is_source(ctx, &mut d, section, source);
    if pg {
        pg_same_major_minor_ok(ctx, &mut d, section, source);
        d.prereq("Turn off automatic minor-version upgrades on the source early: if Aurora lacks the source's minor version, the migration waits", source);
        if ctx.s.source.encrypted && !ctx.s.target.encrypted {
            d.note(
                "encrypted_snapshot_unencrypted_target",
                "An unencrypted cluster from an encrypted snapshot is impossible for Aurora MySQL; the same is expected for PostgreSQL (UNCONFIRMED there) — plan an encrypted target",
                "AUR AuroraMySQL.Migrating.RDSMySQL.Import (MySQL page)",
            );
        }
    } else {
        mysql_no_downgrade(ctx, &mut d, section, "AUR AuroraMySQL.Migrating.RDSMySQL.Import (\"a MySQL version that's compatible with Aurora MySQL\")");
        // Source: the Import page itself ("You can't create an unencrypted DB cluster from an
        // encrypted DB snapshot"); migration.md §3.2 lists it only for M2 — to be added there.
        no_encryption_downgrade(
            ctx,
            &mut d,
            section,
            "AUR AuroraMySQL.Migrating.RDSMySQL.Import (not yet in migration.md §3.2)",
        );
        mysql_storage_engines(ctx, &mut d);
        mysql_table_limits(ctx, &mut d, section, source);
    }
    if ctx.s.target.region == Placement::Other {
        let r = d.rate(ctx, Param::SnapshotCopyRate);
        d.copy.push(transfer(
            "copy the snapshot to the target Region",
            ctx.bytes,
            r,
            &[Param::SnapshotCopyRate.name()],
        ));
        d.charges.push(Charge::SnapshotCopy);
        d.note(
            "one_snapshot_copy_per_region",
            "An account can run only one snapshot copy into a given Region at a time: copies of several databases queue",
            "migration.md §3.2 (AUR AuroraMySQL.Migrating.RDSMySQL.Import)",
        );
    }
    if ctx.s.target.account == Placement::Other {
        d.note(
            "cross_account_snapshot",
            "The target is in another account: share the manual snapshot with it first (sharing rules are not in migration.md: UNCONFIRMED)",
            "—",
        );
    }
    let r = d.rate(ctx, Param::SnapshotMigrateSecondsPerTib);
    d.copy.push(per_tib(
        "migrate the snapshot into a new Aurora cluster",
        ctx.bytes,
        r,
        Param::SnapshotMigrateSecondsPerTib.name(),
    ));
    d.step("Stop writes to the source");
    d.step("Take a manual snapshot of the RDS instance (or use the latest automated one)");
    if ctx.s.target.region == Placement::Other {
        d.step("Copy the snapshot to the target Region");
    }
    d.step("Migrate the snapshot: choose the Aurora engine version and the KMS key for encryption");
    d.step("Wait for the cluster to be available; check row counts and application queries");
    d.step("Point the application at the Aurora cluster endpoint");
    d
}

fn aurora_replica(ctx: &Ctx) -> Draft {
    let mut d = Draft::new(Kind::Ongoing);
    let pg = ctx.s.source.engine == Engine::Postgresql;
    let (section, source) = if pg {
        ("migration.md §4 P2", "AUR AuroraPostgreSQL.Migrating")
    } else {
        (
            "migration.md §3.3 M2",
            "AUR AuroraMySQL.Migrating.RDSMySQL.Replica",
        )
    };
    rds_source(ctx, &mut d, section, source);
    aurora_target(ctx, &mut d, section, source);
    source_engine_in(
        ctx,
        &mut d,
        &[Engine::Mysql, Engine::Postgresql],
        section,
        source,
    );
    target_engine_is_source(ctx, &mut d, section, source);
    no_encryption_downgrade(ctx, &mut d, section, source);
    d.checks.check(
        ReasonCode::ExistingAuroraReplica,
        !ctx.s.source.has_aurora_replica,
        if ctx.s.source.has_aurora_replica {
            "the source already has an Aurora read replica (at most one per instance)"
        } else {
            "no Aurora read replica on the source yet"
        },
        section,
        source,
    );
    let other_place =
        ctx.s.target.region == Placement::Other || ctx.s.target.account == Placement::Other;
    if pg {
        pg_same_major_minor_ok(ctx, &mut d, section, source);
        d.checks.check(
            ReasonCode::CrossRegionOrAccount,
            !other_place,
            if other_place {
                "the Aurora replica must be in the source's Region and account"
            } else {
                "same Region and account"
            },
            section,
            source,
        );
        d.checks.check(
            ReasonCode::ExistingCrossRegionReplica,
            !ctx.s.source.has_cross_region_replica,
            if ctx.s.source.has_cross_region_replica {
                "the source already has a cross-Region read replica"
            } else {
                "no cross-Region read replica on the source"
            },
            section,
            source,
        );
        d.prereq("The source retains WAL for the replica: watch OldestReplicationSlotLag and RDSToAuroraPostgreSQLReplicaLag", source);
    } else {
        // The replica is built by migrating a snapshot (AUR Replica page), so M1's version and
        // table-size rules apply to it too (DERIVED).
        mysql_no_downgrade(ctx, &mut d, section, "AUR AuroraMySQL.Migrating.RDSMySQL.Replica (built by snapshot migration, §3.2 rules apply: DERIVED)");
        mysql_storage_engines(ctx, &mut d);
        mysql_table_limits(
            ctx,
            &mut d,
            "migration.md §3.2 (applied to M2: DERIVED)",
            "AUR AuroraMySQL.Migrating.RDSMySQL.Import",
        );
        if other_place {
            d.note(
                "replica_region_unconfirmed",
                "Target in another Region or account: migration.md states same Region and account only for the PostgreSQL replica path; for MySQL it is UNCONFIRMED — verify before relying on it",
                "migration.md §3.3, §4 P2",
            );
        }
        d.prereq(
            "Automated backups enabled on the RDS source (this is what turns binary logging on)",
            "migration.md §5.2 (DMS CHAP_Source.MySQL)",
        );
    }
    if !pg {
        d.note(
            "replica_writes_break_replication",
            "Writing to the Aurora replica before promotion can break replication (then it must be recreated): keep the application on the source until lag is 0",
            "migration.md §3.3 (AUR AuroraMySQL.Migrating.RDSMySQL.Replica)",
        );
    }
    let r = d.rate(ctx, Param::ReplicaBuildSecondsPerTib);
    d.copy.push(per_tib(
        "build the Aurora read replica (snapshot + migration)",
        ctx.bytes,
        r,
        Param::ReplicaBuildSecondsPerTib.name(),
    ));
    d.apply_with(
        ctx,
        if pg {
            "WAL streaming"
        } else {
            "binlog replication"
        },
        Param::ReplicaApplyRate,
        false,
    );
    d.charges.push(Charge::ReplicaSnapshotFree);
    d.step("Create the Aurora read replica of the RDS instance (console: Actions → Create Aurora read replica)");
    d.step("Wait for the build and for replica lag to fall");
    d.step("Stop writes to the source; wait until replica lag is 0");
    d.step("Promote the Aurora read replica to a standalone cluster");
    d.step("Point the application at the Aurora cluster endpoint");
    d
}

fn xtrabackup(ctx: &Ctx, binlog: bool) -> Draft {
    let mut d = Draft::new(if binlog { Kind::Ongoing } else { Kind::OneTime });
    let (section, source) = ("migration.md §3.4 M3", "AUR AuroraMySQL.Migrating.ExtMySQL");
    let src = &ctx.s.source;
    source_engine_in(ctx, &mut d, &[Engine::Mysql], section, source);
    target_engine_is_source(ctx, &mut d, section, source);
    d.checks.check(
        ReasonCode::NoFileAccess,
        outside_aws_or_ec2(ctx),
        if outside_aws_or_ec2(ctx) { "self-managed source: the data files are reachable" } else { "RDS/Aurora source: XtraBackup needs the data files, which a managed database does not expose" },
        section,
        "migration.md §3.1 (M3 sources: on-premises, EC2, other cloud)",
    );
    let v = ctx.src_v.major;
    let supported = v == (5, 7) || v == (8, 0);
    d.checks.check(
        ReasonCode::VersionUnsupported,
        supported,
        format!("source MySQL {}.{}: {}", v.0, v.1, if supported { "5.7 or 8.0 as required" } else { "the S3 import takes MySQL 5.7 or 8.0 only" }),
        section,
        "https://docs.amazonaws.cn/en_us/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Migrating.ExtMySQL.S3.html",
    );
    if ctx.s.source.engine == ctx.s.target.engine {
        let t = ctx.tgt_v.major;
        d.checks.check(
            ReasonCode::VersionMajorMismatch,
            t == v,
            format!("source {}.{} → target {}.{}-compatible: the restore needs the same major version (no cross-major import, no downgrade)", v.0, v.1, t.0, t.1),
            section,
            "migration.md §3.4 (current AUR ExtMySQL.S3 page; RDS MySQL.Procedural.Importing)",
        );
    }
    d.checks.check(
        ReasonCode::SourceEncrypted,
        !src.encrypted,
        if src.encrypted { "the source database is encrypted: the S3 import needs an unencrypted source (the migrated data may be encrypted)" } else { "unencrypted source" },
        section,
        source,
    );
    let serverless =
        ctx.s.target.service == Service::Aurora && ctx.s.target.capacity == Capacity::Serverless;
    d.checks.check(
        ReasonCode::TargetServerless,
        !serverless,
        if serverless {
            "the S3 import cannot restore into Aurora Serverless"
        } else {
            "provisioned target"
        },
        section,
        source,
    );
    d.checks.check(
        ReasonCode::TablesOutsideDatadir,
        !src.tables_outside_datadir,
        if src.tables_outside_datadir {
            "some tables live outside the default MySQL data directory"
        } else {
            "all tables in the default data directory"
        },
        section,
        source,
    );
    if ctx.s.target.service == Service::Aurora {
        mysql_storage_engines(ctx, &mut d);
    }
    // Physical migration layout (AUR AuroraMySQL.Migrating).
    let mut layout = Vec::new();
    if let Some(p) = src.innodb_page_size_kib.filter(|p| *p != 16) {
        layout.push(format!("innodb_page_size = {p} KiB (needs 16)"));
    }
    if src.default_system_tablespace == Some(false) {
        layout.push("system tablespace is not the single ibdata1:12M:autoextend file".to_owned());
    }
    if let Some(n) = src.innodb_log_files_in_group.filter(|n| *n != 2) {
        layout.push(format!("innodb_log_files_in_group = {n} (needs 2)"));
    }
    d.checks.check(
        ReasonCode::InnodbLayoutUnsupported,
        layout.is_empty(),
        if layout.is_empty() {
            "InnoDB layout acceptable (or not given)".to_owned()
        } else {
            layout.join("; ")
        },
        "migration.md §3.1",
        "AUR AuroraMySQL.Migrating",
    );
    if src.innodb_page_size_kib.is_none()
        || src.default_system_tablespace.is_none()
        || src.innodb_log_files_in_group.is_none()
    {
        d.prereq("Verify innodb_page_size = 16KB, a single ibdata1:12M:autoextend system tablespace and innodb_log_files_in_group = 2", "migration.md §3.1 (AUR AuroraMySQL.Migrating)");
    }
    // S3 object limits.
    let split_gib = d.rate(ctx, Param::XtrabackupSplitSizeGib);
    let split = split_gib * GIB;
    d.checks.check(
        ReasonCode::S3ObjectTooLarge,
        split <= TB5 * (1.0 + 1e-12),
        format!(
            "backup split into objects of {} {} 5 TB ({})",
            gib(split),
            if split <= TB5 * (1.0 + 1e-12) {
                "≤"
            } else {
                ">"
            },
            gib(TB5)
        ),
        section,
        source,
    );
    let parts = (ctx.bytes / split).ceil().max(1.0);
    d.checks.check(
        ReasonCode::TooManyS3Objects,
        parts <= MAX_S3_FILES,
        format!(
            "{} backup object(s) {} 1,000,000",
            estimate::num(parts),
            if parts <= MAX_S3_FILES { "≤" } else { ">" }
        ),
        section,
        source,
    );
    if ctx.s.target.service == Service::Rds && ctx.bytes * 2.0 > 64.0 * estimate::TIB {
        d.note(
            "s3_import_space",
            "RDS for MySQL needs room for the backup and the restored database (e.g. 64 TiB − 30 TiB backup = 34 TiB): this database may not fit",
            "migration.md §3.4 (RDS MySQL.Procedural.Importing)",
        );
    }
    if binlog {
        source_settings::binlog(ctx, &mut d, BinlogNeed::Native);
        d.retention = Some(Retention::Binlog);
    }
    let xb = if v == (5, 7) {
        "XtraBackup 2.4"
    } else {
        "XtraBackup 8.0.x (8.0.12+ for MySQL 8.0.20+)"
    };
    d.prereq(
        format!("Percona {xb} on the source host (2.4 handles 5.6/5.7; 8.0.x only 8.0.x)"),
        "migration.md §3.4 (percona/pxb-docs about-xtrabackup.md)",
    );
    d.prereq("An S3 bucket in the target's Region and an IAM role Aurora can use to read it (SSE-S3 or SSE-KMS are fine)", source);
    d.prereq(
        format!("Split the backup (xbstream/tar, XtraBackup's split option) into {} object(s) ≤ {}; files are read in alphabetical and natural-number order; full + incremental backups only, no partial (--tables/--databases) backups", estimate::num(parts), gib(split)),
        source,
    );
    d.recreate(
        "User accounts and their grants",
        "migration.md §3.4 (AUR AuroraMySQL.Migrating.ExtMySQL)",
    );
    d.recreate(
        "Stored functions and stored procedures",
        "migration.md §3.4",
    );
    d.recreate(
        "Time zone information (the cluster uses its own OS time zone data)",
        "migration.md §3.4",
    );
    let r = d.rate(ctx, Param::XtrabackupBackupRate);
    d.copy.push(transfer(
        "take the XtraBackup backup",
        ctx.bytes,
        r,
        &[Param::XtrabackupBackupRate.name()],
    ));
    let before = d.copy.len();
    d.over_link(ctx, "upload the backup files to S3");
    let r = d.rate(ctx, Param::S3RestoreRate);
    d.copy.push(transfer(
        "restore the cluster from the S3 files",
        ctx.bytes,
        r,
        &[Param::S3RestoreRate.name()],
    ));
    let staged = estimate::sum(d.copy.iter().skip(before).map(|t| t.seconds));
    d.charges.push(Charge::S3Staging { seconds: staged });
    if binlog {
        d.apply_with(ctx, "binlog replication", Param::BinlogApplyRate, true);
    }
    d.step(format!("Take a full backup with {xb}; record the binlog file and position (xtrabackup_binlog_info)"));
    d.step("Upload the split backup to the S3 bucket");
    d.step(
        "Restore a new cluster from S3 (console: Restore from S3, or restore-db-cluster-from-s3)",
    );
    d.step(
        "Re-create users, functions, procedures; load time zone data if the application needs it",
    );
    if binlog {
        d.step("Start replication at the recorded position: mysql.rds_set_external_master (Aurora MySQL v2) or mysql.rds_set_external_source (v3)");
        d.step(
            "Stop writes to the source; wait until Seconds_Behind_Master is 0; stop replication",
        );
    } else {
        d.step("(Writes to the source stay stopped from the backup until cut-over)");
    }
    d.step("Point the application at the target");
    d
}

fn mysql_dump_common(ctx: &Ctx, d: &mut Draft, binlog: bool, section: &str, source: &str) {
    same_family(ctx, d, section, source);
    logical_downgrade_note(ctx, d);
    if binlog {
        source_engine_in(
            ctx,
            d,
            &[Engine::Mysql],
            "migration.md §3.7 M6",
            "AUR AuroraMySQL.Replication.MySQL (MySQL sources)",
        );
        source_settings::binlog(ctx, d, BinlogNeed::Native);
        d.retention = Some(Retention::Binlog);
    }
    if ctx.s.target.service == Service::Rds {
        d.prereq(
            "Allocate free storage on the RDS target: a bulk load with binary logging enabled may need 3–4 × the data size",
            "migration.md §3.5 (RDS MySQL.Procedural.Importing.Other)",
        );
    }
    if ctx.s.target.service == Service::Aurora && ctx.s.source.engine == Engine::Mysql {
        mysql_storage_engines(ctx, d);
    }
    d.recreate(
        "User accounts and grants (they live in the mysql system schema, which a per-database dump does not carry; HEURISTIC)",
        "https://dev.mysql.com/doc/refman/8.0/en/mysqldump.html (not in migration.md)",
    );
}

fn mysqldump(ctx: &Ctx, binlog: bool) -> Draft {
    let mut d = Draft::new(if binlog { Kind::Ongoing } else { Kind::OneTime });
    let (section, source) = (
        "migration.md §3.5 M4",
        "RDS MySQL.Procedural.Importing.Other",
    );
    if !binlog {
        // The binlog variant checks the stricter MySQL-only rule of M6 instead.
        source_engine_in(
            ctx,
            &mut d,
            &[Engine::Mysql, Engine::Mariadb],
            section,
            source,
        );
    }
    mysql_dump_common(ctx, &mut d, binlog, section, source);
    let threshold = d.rate(ctx, Param::MysqldumpSmallThresholdGib);
    if ctx.bytes > threshold * GIB {
        d.note(
            "mysqldump_not_small",
            format!("{} is above the {} GiB \"small\" threshold: AWS classes plain mysqldump for small databases (threshold UNCONFIRMED; override mysqldump_small_threshold_gib)", gib(ctx.bytes), estimate::num(threshold)),
            "migration.md §3.5 (RDS MySQL.Procedural.Importing.Other)",
        );
    }
    let dump = d.rate(ctx, Param::MysqldumpDumpRate);
    let load = d.rate(ctx, Param::MysqldumpLoadRate);
    let mut rates = vec![
        (Param::MysqldumpDumpRate.name(), dump),
        (Param::MysqldumpLoadRate.name(), load),
    ];
    if let Some(net) = ctx.net_bps {
        rates.push(("network", net));
    }
    let (which, rate) = bottleneck(&rates);
    let mut names: Vec<&str> = vec![
        Param::MysqldumpDumpRate.name(),
        Param::MysqldumpLoadRate.name(),
    ];
    if ctx.net_bps.is_some() {
        names.push("network");
    }
    d.copy.push(transfer(
        &format!("dump, send and replay in one pipe (limited by {which})"),
        ctx.bytes,
        rate,
        &names,
    ));
    if binlog {
        d.apply_with(ctx, "binlog replication", Param::BinlogApplyRate, true);
    }
    d.prereq("Dump with --single-transaction (consistent InnoDB snapshot) and --routines --events (routines and events are not dumped by default)", "https://dev.mysql.com/doc/refman/8.0/en/mysqldump.html (not in migration.md)");
    if binlog {
        d.prereq("Dump with --source-data=2 (--master-data=2 before 8.0.26) to record the binlog coordinates", "RDS MySQL.Procedural.Importing.Other (reduced-downtime procedure)");
    }
    d.step(if binlog { "Dump with --single-transaction --source-data=2 --routines --events and pipe into the target" } else { "Stop writes; dump with --single-transaction --routines --events and pipe into the target" });
    if binlog {
        d.step("Start replication from the recorded coordinates (mysql.rds_set_external_master / rds_set_external_source)");
        d.step("Stop writes; wait until Seconds_Behind_Master is 0; stop replication");
    }
    d.step("Re-create users and grants; check row counts");
    d.step("Point the application at the target");
    d
}

fn mydumper(ctx: &Ctx, binlog: bool) -> Draft {
    let mut d = Draft::new(if binlog { Kind::Ongoing } else { Kind::OneTime });
    let (section, source) = (
        "migration.md §3.6 M5",
        "https://mydumper.github.io/mydumper/docs/html/usage.html",
    );
    if !binlog {
        source_engine_in(ctx, &mut d, &[Engine::Mysql], section, source);
    }
    mysql_dump_common(ctx, &mut d, binlog, section, source);
    let r = d.rate(ctx, Param::MydumperDumpRate);
    d.copy.push(transfer(
        "mydumper: multi-threaded consistent dump",
        ctx.bytes,
        r,
        &[Param::MydumperDumpRate.name()],
    ));
    d.over_link(ctx, "send the dump files to the loading host");
    let r = d.rate(ctx, Param::MyloaderLoadRate);
    d.copy.push(transfer(
        "myloader: multi-threaded load",
        ctx.bytes,
        r,
        &[Param::MyloaderLoadRate.name()],
    ));
    if binlog {
        d.apply_with(ctx, "binlog replication", Param::BinlogApplyRate, true);
    }
    d.step(if binlog {
        "Run mydumper (it records the binlog coordinates in its metadata file)"
    } else {
        "Stop writes; run mydumper"
    });
    d.step("Copy the dump directory to a host near the target; run myloader");
    if binlog {
        d.step("Start replication from the recorded coordinates; stop writes; wait for lag 0; stop replication");
    }
    d.step("Re-create users and grants; point the application at the target");
    d
}

fn pg_dump(ctx: &Ctx) -> Draft {
    let mut d = Draft::new(Kind::OneTime);
    let (section, source) = (
        "migration.md §4 P3",
        "RDS PostgreSQL.Procedural.Importing.EC2",
    );
    source_engine_in(ctx, &mut d, &[Engine::Postgresql], section, source);
    same_family(ctx, &mut d, section, source);
    logical_downgrade_note(ctx, &mut d);
    d.prereq("While loading: create the target with backup retention 0 and Multi-AZ off; turn both on afterwards", source);
    d.recreate("Roles and tablespaces (global objects: pg_dump dumps one database; use pg_dumpall --globals-only)", "https://www.postgresql.org/docs/current/app-pgdump.html (not in migration.md)");
    let r = d.rate(ctx, Param::PgDumpRate);
    d.copy.push(transfer(
        "pg_dump -Fc",
        ctx.bytes,
        r,
        &[Param::PgDumpRate.name()],
    ));
    d.over_link(ctx, "send the dump file to the loading host");
    let r = d.rate(ctx, Param::PgRestoreRate);
    d.copy.push(transfer(
        "pg_restore -j (parallel)",
        ctx.bytes,
        r,
        &[Param::PgRestoreRate.name()],
    ));
    d.step("Stop writes; pg_dump -Fc the database; pg_dumpall --globals-only for roles");
    d.step("Create the target with backup retention 0 and Multi-AZ off");
    d.step("pg_restore -j into the target; re-create roles; ANALYZE");
    d.step("Turn backups and Multi-AZ on; point the application at the target");
    d
}

fn pg_logical(ctx: &Ctx) -> Draft {
    let mut d = Draft::new(Kind::Ongoing);
    let (section, source) = (
        "migration.md §4 P4",
        "AUR AuroraPostgreSQL.Replication.Logical",
    );
    source_engine_in(ctx, &mut d, &[Engine::Postgresql], section, source);
    same_family(ctx, &mut d, section, source);
    if ctx.s.source.engine == Engine::Postgresql {
        source_settings::logical_decoding(ctx, &mut d, false);
        if ctx.src_v.major < (10, 0) {
            d.note(
                "pglogical_needed",
                "Publications/subscriptions arrived in PostgreSQL 10: a 9.4–9.6 source needs the pglogical extension",
                "migration.md §4 P4; https://www.postgresql.org/docs/10/release-10.html",
            );
        }
    }
    d.retention = Some(Retention::ReplicationSlot);
    d.recreate("The schema, created on the target before subscribing (pg_dump --schema-only): DDL is not replicated", "https://www.postgresql.org/docs/current/logical-replication-restrictions.html (not in migration.md)");
    d.recreate(
        "Sequence values (not replicated): set them after the final sync",
        "https://www.postgresql.org/docs/current/logical-replication-restrictions.html",
    );
    d.recreate(
        "Large objects (not replicated) and roles",
        "https://www.postgresql.org/docs/current/logical-replication-restrictions.html",
    );
    d.copy_at(
        ctx,
        "initial table synchronisation by the subscription",
        Param::PgLogicalCopyRate,
        true,
    );
    d.apply_with(ctx, "logical replication", Param::PgLogicalApplyRate, true);
    d.step("Create the schema on the target (pg_dump --schema-only | psql) and the roles");
    d.step(
        "CREATE PUBLICATION on the source; CREATE SUBSCRIPTION on the target (copy_data = true)",
    );
    d.step("Wait for the initial sync and for the replication lag to fall");
    d.step("Stop writes; wait for lag 0; set sequence values; drop the subscription and the slot");
    d.step("Point the application at the target");
    d
}

fn dms_lobs(ctx: &Ctx, d: &mut Draft) {
    let src = &ctx.s.source;
    if !src.lob_columns {
        return;
    }
    const SRC: &str = "migration.md §5.3 (DMS CHAP_Tasks.LOBSupport)";
    match src.largest_lob_gib.map(|g| g.0 * GIB / 1024.0) {
        Some(kib) if kib <= 102_400.0 => {
            let size = kib.ceil().max(1.0);
            d.prereq(format!("Limited LOB mode with LobMaxSize = {} KB (≥ the largest LOB); validate with ValidationPartialLobSize = LobMaxSize", estimate::num(size)), SRC);
            if kib > 63.0 {
                d.note(
                    "large_lob_max_size",
                    format!("LobMaxSize {} KB is above 63 KB: full-load memory ≈ LobMaxSize × commit rate × LOB columns, and throughput drops", estimate::num(size)),
                    SRC,
                );
            }
            if src.engine == Engine::Oracle && kib >= 32.0 {
                d.prereq("Oracle source: LobMaxSize below 32 K is optimal", SRC);
            }
        }
        Some(kib) => d.note(
            "full_lob_mode",
            format!("Largest LOB {} KB exceeds the 102,400 KB limited-mode maximum: full LOB mode (LobChunkSize 64 KB) moves LOBs one at a time and is slow", estimate::num(kib.ceil())),
            SRC,
        ),
        None => d.note(
            "lob_truncation_risk",
            "LOB columns of unknown maximum size: limited LOB mode truncates LOBs above LobMaxSize — measure the largest LOB (largest_lob_gib)",
            SRC,
        ),
    }
}

fn dms_common(ctx: &Ctx, d: &mut Draft, cdc: bool) {
    let src = &ctx.s.source;
    family_divergence_note(ctx, d);
    if cdc {
        match src.engine.family() {
            Family::Mysql => source_settings::binlog(ctx, d, BinlogNeed::Dms),
            Family::Postgresql => source_settings::logical_decoding(ctx, d, true),
            Family::Oracle | Family::Sqlserver => d.note(
                "cdc_prerequisites_not_covered",
                format!("CDC prerequisites for the {} source are not in migration.md (see DMS CHAP_Source.{}): verify them before relying on CDC", src.engine.label(), if src.engine == Engine::Oracle { "Oracle" } else { "SQLServer" }),
                "migration.md §5.2 (MySQL and PostgreSQL only)",
            ),
        }
    }
    dms_lobs(ctx, d);
    if ctx.s.options.dms_multi_az {
        d.note(
            "dms_multi_az_full_load_failover",
            "Multi-AZ replication instance: a failover during the full load fails the task, which must be restarted for unfinished tables; Multi-AZ may also slow replication",
            "migration.md §5.5 (DMS CHAP_ReplicationInstance, CHAP_BestPractices)",
        );
    } else if cdc {
        d.note(
            "dms_single_az_ongoing",
            "Single-AZ replication instance for ongoing replication: AWS recommends Multi-AZ (options.dms_multi_az)",
            "migration.md §5.5 (DMS CHAP_BestPractices)",
        );
    }
    const NOT: &str = "migration.md §5.4 (DMS CHAP_Introduction.HighLevelView, CHAP_BestPractices)";
    d.recreate("Secondary indexes (add them before CDC starts)", NOT);
    d.recreate(
        "Foreign keys and triggers (drop or defer during the full load)",
        NOT,
    );
    d.recreate("User accounts and privileges", NOT);
    d.recreate("Stored procedures (and other code objects)", NOT);
    if ctx.engine_change {
        d.recreate(
            "Code objects the conversion could not convert automatically (the assessment's action items)",
            "migration.md §6 (SCT CHAP_AssessmentReport)",
        );
    }
}

fn dms(ctx: &Ctx, cdc: bool) -> Draft {
    let mut d = Draft::new(if cdc { Kind::Ongoing } else { Kind::OneTime });
    dms_common(ctx, &mut d, cdc);
    if ctx.s.source.engine == Engine::Postgresql && ctx.s.target.engine == Engine::Postgresql {
        d.note(
            "pg_native_initial_load_advised",
            "PostgreSQL → PostgreSQL: AWS advises a native initial load and a DMS CDC-only task from the slot's LSN (and a snapshot from RDS PostgreSQL) rather than a DMS full load",
            "migration.md §4 P5 (AWS knowledge center dms-migrate-postgresql-to-postgresql)",
        );
    }
    d.copy_at(ctx, "DMS full load", Param::DmsFullLoadRate, true);
    if cdc {
        d.apply_with(ctx, "DMS CDC apply", Param::DmsCdcApplyRate, true);
        d.dms_caches_changes = true;
        d.charges.push(Charge::DmsInstance {
            phases: &[PhaseKind::Copy, PhaseKind::CatchUp, PhaseKind::CutOver],
        });
    } else {
        d.charges.push(Charge::DmsInstance {
            phases: &[PhaseKind::Copy],
        });
    }
    if ctx.engine_change {
        d.step("Run the schema conversion assessment; convert the schema and code; fix the action items");
        d.step("Apply the converted schema to the target (tables, primary keys; secondary indexes before CDC)");
    } else {
        d.step("Create the target schema (DMS creates tables and primary keys only)");
    }
    d.step(format!(
        "Create a {} replication instance and the source/target endpoints",
        if ctx.s.options.dms_multi_az {
            "Multi-AZ"
        } else {
            "Single-AZ"
        }
    ));
    d.step(format!(
        "Create and start a task of migration type {}",
        if cdc {
            "full-load-and-cdc"
        } else {
            "full-load"
        }
    ));
    if cdc {
        d.step("Add secondary indexes before CDC starts; wait for CDC latency to fall");
        d.step("Stop writes; wait for the task to apply the last changes; stop the task");
    } else {
        d.step(
            "(Writes to the source stay stopped from the start of the full load until cut-over)",
        );
    }
    d.step("Re-create foreign keys, triggers, users and privileges; point the application at the target");
    d
}

fn dms_cdc_only(ctx: &Ctx) -> Draft {
    let mut d = Draft::new(Kind::Ongoing);
    let family = ctx.s.source.engine.family();
    let seedable = !ctx.engine_change && matches!(family, Family::Mysql | Family::Postgresql);
    d.checks.check(
        ReasonCode::NoNativeSeed,
        seedable,
        if seedable {
            "same-engine MySQL/PostgreSQL move: a native dump seeds the target".to_owned()
        } else if ctx.engine_change {
            "an engine change has no native initial load to start a CDC-only task from: use full load + CDC".to_owned()
        } else {
            format!("drplan models the native initial load for MySQL and PostgreSQL only (not {})", ctx.s.source.engine.label())
        },
        "migration.md §4 P5",
        "https://aws.amazon.com/premiumsupport/knowledge-center/dms-migrate-postgresql-to-postgresql/",
    );
    dms_common(ctx, &mut d, true);
    if family == Family::Postgresql {
        d.retention = Some(Retention::ReplicationSlot);
        let r = d.rate(ctx, Param::PgDumpRate);
        d.copy.push(transfer(
            "seed: pg_dump -Fc",
            ctx.bytes,
            r,
            &[Param::PgDumpRate.name()],
        ));
        d.over_link(ctx, "seed: send the dump file");
        let r = d.rate(ctx, Param::PgRestoreRate);
        d.copy.push(transfer(
            "seed: pg_restore -j",
            ctx.bytes,
            r,
            &[Param::PgRestoreRate.name()],
        ));
        d.step("Create a logical replication slot on the source and note its LSN");
        d.step("Seed the target with pg_dump -Fc / pg_restore -j from a snapshot at that LSN");
    } else {
        d.retention = Some(Retention::Binlog);
        let r = d.rate(ctx, Param::MydumperDumpRate);
        d.copy.push(transfer(
            "seed: mydumper",
            ctx.bytes,
            r,
            &[Param::MydumperDumpRate.name()],
        ));
        d.over_link(ctx, "seed: send the dump files");
        let r = d.rate(ctx, Param::MyloaderLoadRate);
        d.copy.push(transfer(
            "seed: myloader",
            ctx.bytes,
            r,
            &[Param::MyloaderLoadRate.name()],
        ));
        d.step("Seed the target with mydumper / myloader; note the binlog coordinates mydumper records");
    }
    d.apply_with(ctx, "DMS CDC apply", Param::DmsCdcApplyRate, true);
    d.charges.push(Charge::DmsInstance {
        phases: &[PhaseKind::CatchUp, PhaseKind::CutOver],
    });
    d.step("Start a DMS task of migration type cdc from the recorded position");
    d.step("Stop writes; wait for the task to apply the last changes; stop the task");
    d.step("Point the application at the target");
    d
}

fn offline(ctx: &Ctx) -> Draft {
    let mut d = Draft::new(Kind::OneTime);
    let section = "migration.md §8";
    let src = &ctx.s.source;
    d.checks.check(
        ReasonCode::SourceInAws,
        src.location.outside_aws(),
        if src.location.outside_aws() {
            "source outside AWS"
        } else {
            "the source already runs in AWS: offline transfer is for data outside AWS"
        },
        section,
        "migration.md §5.6, §8",
    );
    if let Some(net) = ctx.net_bps {
        let secs = ctx.bytes * 8.0 / net;
        let h = crate::units::human_duration;
        match ctx.s.constraints.deadline_seconds {
            Some(deadline) => {
                let d_s = deadline.0;
                // "When the network cannot make the deadline": the raw transfer alone, or the
                // fastest estimated network path (with its dump, load and conversion), is late.
                let (needed, detail) = match ctx.fastest_network_seconds {
                    _ if secs > d_s => (true, format!("the network transfer alone takes {} > the deadline {}", h(secs), h(d_s))),
                    Some(f) if f > d_s => (true, format!("the fastest network path takes {} > the deadline {} (transfer alone {})", h(f), h(d_s), h(secs))),
                    Some(f) => (false, format!("a network path makes the deadline {} (fastest {}, transfer alone {})", h(d_s), h(f), h(secs))),
                    None => (false, format!("the network transfer ({}) fits within the deadline {}", h(secs), h(d_s))),
                };
                d.checks.check(ReasonCode::OfflineNotNeeded, needed, detail, "migration.md §7.1 (network criterion), §8", "DMS CHAP_LargeDBs; dr-strategies.md §9.1");
            }
            None => d.checks.check(
                ReasonCode::OfflineNotNeeded,
                false,
                format!("no deadline given: the network moves the data in {} (give deadline_seconds to weigh offline transfer)", h(secs)),
                "migration.md §7.1, §8",
                "DMS CHAP_LargeDBs",
            ),
        }
    }
    d.checks.check(
        ReasonCode::OfflineNotEnabled,
        ctx.s.options.allow_offline_transfer,
        if ctx.s.options.allow_offline_transfer {
            "offline transfer allowed by options.allow_offline_transfer"
        } else {
            "offline transfer is offered only behind options.allow_offline_transfer: today's options are AWS Data Transfer Terminal (physical) or DataSync over more bandwidth (online); Snowball Edge only for existing Snow customers"
        },
        section,
        "migration.md §8 (drplan rule: DERIVED)",
    );
    if ctx.engine_change {
        d.prereq(
            "Install the SCT data-extraction agents near the source",
            "migration.md §5.6 (DMS CHAP_LargeDBs)",
        );
    }
    let rate = d.rate(ctx, Param::OfflineCopyRate);
    if ctx.s.options.existing_snow_customer {
        let devices = (ctx.bytes / SNOWBALL_USABLE_BYTES).ceil().max(1.0);
        d.note(
            "snowball_closed_to_new_customers",
            format!("Snowball Edge is closed to new customers (offered here because options.existing_snow_customer is set): {} device(s) at ≈ 80 TB usable each", estimate::num(devices)),
            "migration.md §8 (Snowball API reference notice; SNOW copy-general-planning)",
        );
        d.step(format!(
            "Order {} Snowball Edge device(s) (existing Snow customers only)",
            estimate::num(devices)
        ));
    } else {
        d.note(
            "data_transfer_terminal_unconfirmed",
            "AWS Data Transfer Terminal (bring your own storage to an AWS facility): locations, throughput and fees are not in drplan's sources (UNCONFIRMED)",
            "migration.md §8",
        );
        d.step("Book an AWS Data Transfer Terminal slot; prepare encrypted storage media");
    }
    d.copy.push(transfer(
        "extract the data onto the media",
        ctx.bytes,
        rate,
        &[Param::OfflineCopyRate.name()],
    ));
    let transit = d.rate(ctx, Param::OfflineTransitSeconds);
    d.copy.push(estimate::fixed(
        "ship or carry the media and ingest into S3",
        transit,
        Param::OfflineTransitSeconds.name(),
    ));
    let family = src.engine.family();
    let native = !ctx.engine_change && matches!(family, Family::Mysql | Family::Postgresql);
    if native && family == Family::Mysql {
        let r = d.rate(ctx, Param::MyloaderLoadRate);
        d.copy.push(transfer(
            "load from S3 into the target (myloader)",
            ctx.bytes,
            r,
            &[Param::MyloaderLoadRate.name()],
        ));
        d.step("Extract with mydumper onto the media");
        d.recreate(
            "User accounts and grants",
            "https://dev.mysql.com/doc/refman/8.0/en/mysqldump.html (not in migration.md)",
        );
    } else if native {
        let r = d.rate(ctx, Param::PgRestoreRate);
        d.copy.push(transfer(
            "load from S3 into the target (pg_restore -j)",
            ctx.bytes,
            r,
            &[Param::PgRestoreRate.name()],
        ));
        d.step("Extract with pg_dump -Fc onto the media");
        d.recreate(
            "Roles and tablespaces (pg_dumpall --globals-only)",
            "https://www.postgresql.org/docs/current/app-pgdump.html (not in migration.md)",
        );
    } else {
        let r = d.rate(ctx, Param::DmsFullLoadRate);
        let load = transfer(
            "load from S3 into the target (DMS, S3 as source)",
            ctx.bytes,
            r,
            &[Param::DmsFullLoadRate.name()],
        );
        d.charges.push(Charge::DmsInstanceFor {
            seconds: load.seconds,
        });
        d.copy.push(load);
        d.step("Extract with the SCT data-extraction agents onto the media");
        dms_common(ctx, &mut d, false);
    }
    d.charges.push(Charge::Offline);
    d.step("Stop writes before the extract; ship the media; AWS ingests the data into S3");
    d.step("Load from S3 into the target; point the application at it");
    d
}
