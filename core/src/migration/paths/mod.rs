//! The migration paths drplan models, each with its hard constraints, prerequisites, what must be
//! re-created by hand, ordered steps and copy/catch-up model (migration.md §3–§8).

mod aws;
mod checks;
mod cross;
mod dms;
mod mysql;
mod offline;
mod offline_seed;
mod oracle;
mod pg_parallel;
mod postgres;
mod retention;
#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod rules_tests;
mod serverless;
mod sqlserver;

pub(crate) use retention::binlog_retention_limit;

use super::context::Ctx;
use super::draft::Draft;
use super::exclusion::ReasonCode;
use super::path_id::PathId;
use super::report::Kind;

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
        PathId::PgDumpParallel => pg_parallel::pg_dump_parallel(ctx),
        PathId::PgLogicalReplication => postgres::pg_logical(ctx),
        PathId::SqlServerNativeBackup => sqlserver::native_backup(ctx),
        PathId::OracleDataPumpS3 => oracle::data_pump_s3(ctx),
        PathId::DmsFullLoad => dms::dms(ctx, false),
        PathId::DmsFullLoadCdc => dms::dms(ctx, true),
        PathId::DmsCdcOnly => dms::dms_cdc_only(ctx),
        PathId::OfflineTransfer => offline::offline(ctx),
        PathId::OfflineSeedCdc => offline_seed::offline_seed_cdc(ctx),
    };
    one_time_online_check(ctx, &mut d);
    serverless::apply(path, ctx, &mut d);
    d
}
