//! RDS for Oracle: Oracle Data Pump export, the dump files carried through S3 with the RDS S3
//! integration, imported with DBMS_DATAPUMP (migration.md §10.7).

use super::checks::{source_engine_in, target_engine_is_source};
use crate::migration::assumptions::Param;
use crate::migration::context::Ctx;
use crate::migration::draft::{Charge, Draft};
use crate::migration::estimate::{self, transfer, TB};
use crate::migration::report::Kind;
use crate::migration::scenario::DbEngine;

const SECTION: &str = "migration.md §10.7";
const SRC: &str = "RDS Oracle.Procedural.Importing.DataPump";
/// S3 objects of at most 5 TB: a larger export is split by a parallel export (§10.7).
const MAX_FILE: f64 = 5.0 * TB;

pub(super) fn data_pump_s3(ctx: &Ctx) -> Draft {
    let mut d = Draft::new(Kind::OneTime);
    source_engine_in(ctx, &mut d, &[DbEngine::Oracle], SECTION, SRC);
    target_engine_is_source(ctx, &mut d, SECTION, SRC);
    let files = (ctx.bytes / MAX_FILE).ceil().max(1.0);
    if files > 1.0 {
        d.prereq(
            format!(
                "Export with PARALLEL into at least {} dump files: each S3 object is at most 5 TB",
                estimate::num(files)
            ),
            SECTION,
        );
    }
    d.prereq("An S3 bucket in the DB instance's Region and the RDS for Oracle S3 integration (IAM role and S3_INTEGRATION option)", SECTION);
    d.prereq("Storage for the dump files on the source and on the target: the target stages them in DATA_PUMP_DIR on the same volume as its data files (≈ data + dump), and does not delete them after the import", SECTION);
    d.prereq("Create the tablespaces and the user accounts (with their grants and roles) on the target before the import", SECTION);
    d.prereq("Export and import in schema or table mode, never full mode; no TRANSPORTABLE / TRANSPORT_TABLESPACES dumps; exclude Scheduler objects owned by SYS, SYSTEM, RDSADMIN, RDSSEC and RDS_DATAGUARD", SECTION);
    d.recreate(
        "Tablespaces, user accounts, their grants and roles (schema-mode import)",
        SECTION,
    );
    let r = d.rate(ctx, Param::NativeBackupRate);
    d.copy.push(transfer(
        "Data Pump export to dump files",
        ctx.bytes,
        r,
        &[Param::NativeBackupRate.name()],
    ));
    let before = d.copy.len();
    d.over_link(ctx, "upload the dump files to S3");
    let r = d.rate(ctx, Param::S3RestoreRate);
    d.copy.push(transfer(
        "download_from_s3 into DATA_PUMP_DIR and DBMS_DATAPUMP import",
        ctx.bytes,
        r,
        &[Param::S3RestoreRate.name()],
    ));
    let staged = estimate::sum(d.copy.iter().skip(before).map(|t| t.seconds));
    d.charges.push(Charge::S3Staging { seconds: staged });
    d.step("Create tablespaces and users on the target; grant the roles and privileges");
    d.step("Stop writes; export the schemas with DBMS_DATAPUMP (or expdp) in schema mode");
    d.step("Upload the dump files to the S3 bucket");
    d.step("On the target: rdsadmin.rdsadmin_s3_tasks.download_from_s3 into DATA_PUMP_DIR; take a DB snapshot; import with DBMS_DATAPUMP");
    d.step("Check the imported objects; remove the dump files (UTL_FILE.FREMOVE); point the application at the target");
    d
}
