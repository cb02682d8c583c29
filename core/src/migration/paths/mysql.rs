//! MySQL tools: XtraBackup via S3 (M3), mysqldump (M4), mydumper/myloader (M5), each optionally
//! followed by binlog replication (M6) (migration.md §3.4–§3.7).

use super::checks::{
    gib, logical_downgrade_note, mysql_storage_engines, same_family, self_managed,
    source_engine_in, target_engine_is_source,
};
use crate::migration::assumptions::Param;
use crate::migration::context::Ctx;
use crate::migration::draft::{Charge, Draft, Retention};
use crate::migration::estimate::{self, bottleneck, transfer, GIB, TB};
use crate::migration::exclusion::ReasonCode;
use crate::migration::report::Kind;
use crate::migration::scenario::{DbEngine, Service};
use crate::migration::source_settings::{self, BinlogNeed};

/// S3 object limit for the XtraBackup import (migration.md §3.4).
const TB5: f64 = 5.0 * TB;
/// Source-file limit for the XtraBackup import (migration.md §3.4).
const MAX_S3_FILES: f64 = 1_000_000.0;

pub(super) fn xtrabackup(ctx: &Ctx, binlog: bool) -> Draft {
    let mut d = Draft::new(if binlog { Kind::Ongoing } else { Kind::OneTime });
    d.restores_from_s3 = true;
    let (section, source) = ("migration.md §3.4 M3", "AUR AuroraMySQL.Migrating.ExtMySQL");
    let src = &ctx.s.source;
    source_engine_in(ctx, &mut d, &[DbEngine::Mysql], section, source);
    target_engine_is_source(ctx, &mut d, section, source);
    d.checks.check(
        ReasonCode::NoFileAccess,
        self_managed(ctx),
        if self_managed(ctx) { "self-managed source: the data files are reachable" } else { "RDS/Aurora source: XtraBackup needs the data files, which a managed database does not expose" },
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
    // The import never restores into Serverless: a Serverless v2 writer comes after, by a switch
    // (migration.md §10.8), so the check records the route and passes.
    d.checks.check(
        ReasonCode::TargetServerless,
        true,
        if super::serverless::serverless_target(ctx) {
            "Serverless v2 target: restored with a provisioned writer, switched to Serverless v2 afterwards (migration.md §10.8)"
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
            &[DbEngine::Mysql],
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
    if ctx.s.target.service == Service::Aurora && ctx.s.source.engine == DbEngine::Mysql {
        mysql_storage_engines(ctx, d);
    }
    d.recreate(
        "User accounts and grants (they live in the mysql system schema, which a per-database dump does not carry; HEURISTIC)",
        "https://dev.mysql.com/doc/refman/8.0/en/mysqldump.html (not in migration.md)",
    );
}

pub(super) fn mysqldump(ctx: &Ctx, binlog: bool) -> Draft {
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
            &[DbEngine::Mysql, DbEngine::Mariadb],
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

pub(super) fn mydumper(ctx: &Ctx, binlog: bool) -> Draft {
    let mut d = Draft::new(if binlog { Kind::Ongoing } else { Kind::OneTime });
    let (section, source) = (
        "migration.md §3.6 M5",
        "https://mydumper.github.io/mydumper/docs/html/usage.html",
    );
    if !binlog {
        source_engine_in(ctx, &mut d, &[DbEngine::Mysql], section, source);
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
