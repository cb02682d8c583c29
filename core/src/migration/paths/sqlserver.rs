//! RDS for SQL Server native backup and restore through S3: a full `.bak` backup of the source,
//! uploaded to S3 and restored with `rds_restore_database` (migration.md §10.6).

use super::checks::{gib, source_engine_in, target_engine_is_source};
use crate::migration::assumptions::Param;
use crate::migration::context::Ctx;
use crate::migration::draft::{Charge, Draft};
use crate::migration::estimate::{self, transfer, TB};
use crate::migration::exclusion::ReasonCode;
use crate::migration::report::Kind;
use crate::migration::scenario::{DbEngine, Location};

const SECTION: &str = "migration.md §10.6";
const SRC: &str = "RDS SQLServer.Procedural.Importing";
/// "RDS supports native restores of databases up to 16 TB" (migration.md §10.6).
const MAX_RESTORE: f64 = 16.0 * TB;
/// "Amazon S3 has a size limit of 5 TB per file" (migration.md §10.6).
const MAX_FILE: f64 = 5.0 * TB;
/// "You can't back up to or restore from more than 10 backup files at the same time".
const MAX_FILES: f64 = 10.0;

pub(super) fn native_backup(ctx: &Ctx) -> Draft {
    let mut d = Draft::new(Kind::OneTime);
    let src = &ctx.s.source;
    source_engine_in(ctx, &mut d, &[DbEngine::Sqlserver], SECTION, SRC);
    target_engine_is_source(ctx, &mut d, SECTION, SRC);
    let fits = ctx.bytes <= MAX_RESTORE;
    d.checks.check(
        ReasonCode::NativeRestoreTooLarge,
        fits,
        format!(
            "database {} {} the 16 TB native-restore limit ({})",
            gib(ctx.bytes),
            if fits { "within" } else { "beyond" },
            gib(MAX_RESTORE)
        ),
        SECTION,
        SRC,
    );
    // "You can't restore native backups of TDE-enabled, on-premises databases."
    let tde = src.encrypted && src.location != Location::Rds;
    d.checks.check(
        ReasonCode::SourceEncrypted,
        !tde,
        if tde {
            "the source database is encrypted (TDE) outside RDS: its native backups cannot be restored on RDS"
        } else {
            "no TDE-encrypted source outside RDS"
        },
        SECTION,
        SRC,
    );
    let files = (ctx.bytes / MAX_FILE).ceil().max(1.0);
    if files > 1.0 {
        d.prereq(
            format!(
                "Back up to {} files (multifile backup, @number_of_files) of at most 5 TB each: S3 takes 5 TB per object, and a restore reads at most {} files",
                estimate::num(files),
                estimate::num(MAX_FILES)
            ),
            SECTION,
        );
    }
    d.prereq("An S3 bucket in the DB instance's Region, an IAM role RDS can assume to read it, and the SQLSERVER_BACKUP_RESTORE option in the instance's option group", SECTION);
    d.prereq("No FILESTREAM filegroup in the database (it cannot be restored); SQL Server Express targets restore at most 10 GB", SECTION);
    d.prereq("Do not run the restore in the maintenance window or during an RDS snapshot; at most two backup or restore tasks run at once", SECTION);
    d.recreate(
        "Logins (server-level principals live in master, not in the database backup) and SQL Server Agent jobs (msdb): map the restored database users to them",
        "https://learn.microsoft.com/en-us/sql/sql-server/failover-clusters/troubleshoot-orphaned-users-sql-server (not in migration.md)",
    );
    let r = d.rate(ctx, Param::NativeBackupRate);
    d.copy.push(transfer(
        "full native backup to .bak files",
        ctx.bytes,
        r,
        &[Param::NativeBackupRate.name()],
    ));
    let before = d.copy.len();
    d.over_link(ctx, "upload the .bak files to S3");
    let r = d.rate(ctx, Param::S3RestoreRate);
    d.copy.push(transfer(
        "rds_restore_database from S3",
        ctx.bytes,
        r,
        &[Param::S3RestoreRate.name()],
    ));
    let staged = estimate::sum(d.copy.iter().skip(before).map(|t| t.seconds));
    d.charges.push(Charge::S3Staging { seconds: staged });
    d.step("Stop writes; take a full backup of the database to .bak file(s)");
    d.step("Upload the .bak files to the S3 bucket");
    d.step("exec msdb.dbo.rds_restore_database @restore_db_name, @s3_arn_to_restore_from (a file-name prefix with * for a multifile backup); track it with rds_task_status");
    d.step("Re-create logins and Agent jobs; map the database users; point the application at the target");
    d
}
