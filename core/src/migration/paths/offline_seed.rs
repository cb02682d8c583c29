//! Offline seed + CDC catch-up for very large databases over thin links (migration.md §10.4):
//! the seed travels on media (Snowball Edge for existing Snow customers, AWS Data Transfer
//! Terminal or shipped media otherwise), the changes made meanwhile follow over the network.
//!
//! Each seed reuses the checks, prerequisites and catch-up of its network twin (XtraBackup + binlog,
//! mydumper + binlog, logical replication, DMS full load + CDC) and replaces how the data travels.

use super::{dms, mysql, offline, postgres};
use crate::migration::assumptions::Param;
use crate::migration::context::Ctx;
use crate::migration::draft::{Charge, Draft};
use crate::migration::estimate::{self, bottleneck, transfer};
use crate::migration::exclusion::ReasonCode;
use crate::migration::report::{EstimateTerm, Kind, PhaseKind};
use crate::migration::scenario::Family;

const SECTION: &str = "migration.md §10.4";

/// The seed written onto the media: the slower of the tool and the media.
fn onto_media(ctx: &Ctx, d: &mut Draft, what: &str, tool: Param) -> EstimateTerm {
    let t = d.rate(ctx, tool);
    let m = d.rate(ctx, Param::OfflineCopyRate);
    let (which, rate) = bottleneck(&[(tool.name(), t), (Param::OfflineCopyRate.name(), m)]);
    let mut term = transfer(
        &format!(
            "{what} onto the media (limited by {})",
            if which == tool.name() {
                "the tool rate"
            } else {
                "the media"
            }
        ),
        ctx.bytes,
        rate,
        &[tool.name()],
    );
    term.assumptions
        .push(Param::OfflineCopyRate.name().to_owned());
    term
}

fn transit(ctx: &Ctx, d: &mut Draft) -> EstimateTerm {
    let t = d.rate(ctx, Param::OfflineTransitSeconds);
    estimate::fixed(
        "ship or carry the media and ingest into S3",
        t,
        Param::OfflineTransitSeconds.name(),
    )
}

fn load(ctx: &Ctx, d: &mut Draft, what: &str, p: Param) -> EstimateTerm {
    let r = d.rate(ctx, p);
    transfer(what, ctx.bytes, r, &[p.name()])
}

pub(super) fn offline_seed_cdc(ctx: &Ctx) -> Draft {
    let family = ctx.s.source.engine.family();
    let mut d;
    let mut steps: Vec<String> = Vec::new();
    if !ctx.engine_change && family == Family::Mysql {
        // XtraBackup where its own rules allow it (MySQL 5.7/8.0, unencrypted, same major,
        // InnoDB layout, S3 limits: §3.4), mydumper otherwise.
        let xb = mysql::xtrabackup(ctx, true);
        if !xb.checks.failed() {
            d = xb;
            let seed = onto_media(
                ctx,
                &mut d,
                "take the XtraBackup backup",
                Param::XtrabackupBackupRate,
            );
            let tr = transit(ctx, &mut d);
            let restore = load(
                ctx,
                &mut d,
                "restore the cluster from the S3 files",
                Param::S3RestoreRate,
            );
            d.charges = vec![Charge::S3Staging {
                seconds: restore.seconds,
            }];
            d.copy = vec![seed, tr, restore];
            steps.push("Take a full XtraBackup backup straight onto the media; record the binlog file and position (xtrabackup_binlog_info)".to_owned());
            steps
                .push("Ship the media; AWS ingests the split backup into the S3 bucket".to_owned());
            steps.push("Restore a new cluster from S3 (restore-db-cluster-from-s3); re-create users, functions, procedures".to_owned());
        } else {
            let failed: Vec<&str> = xb
                .checks
                .list
                .iter()
                .filter(|c| !c.passed)
                .map(|c| c.code.as_str())
                .collect();
            d = mysql::mydumper(ctx, true);
            d.prereq(
                format!(
                    "Seed with mydumper: XtraBackup does not apply here ({})",
                    failed.join(", ")
                ),
                "migration.md §3.4, §10.4",
            );
            let seed = onto_media(
                ctx,
                &mut d,
                "mydumper: consistent dump",
                Param::MydumperDumpRate,
            );
            let tr = transit(ctx, &mut d);
            let ld = load(
                ctx,
                &mut d,
                "myloader: load from S3",
                Param::MyloaderLoadRate,
            );
            d.charges = Vec::new();
            d.copy = vec![seed, tr, ld];
            steps.push("Run mydumper onto the media (it records the binlog coordinates in its metadata file)".to_owned());
            steps.push("Ship the media; AWS ingests the dump into S3; run myloader from a host in the target's Region".to_owned());
            steps.push("Re-create users and grants".to_owned());
        }
        d.apply_with(ctx, "binlog replication", Param::BinlogApplyRate, true);
        steps.push("Start binlog replication at the recorded position over the network (mysql.rds_set_external_source on Aurora MySQL 3, rds_set_external_master on 2)".to_owned());
    } else if !ctx.engine_change && family == Family::Postgresql {
        d = postgres::pg_logical(ctx);
        let seed = onto_media(
            ctx,
            &mut d,
            "pg_dump -Fc from the slot's snapshot",
            Param::PgDumpRate,
        );
        let tr = transit(ctx, &mut d);
        let ld = load(ctx, &mut d, "pg_restore -j from S3", Param::PgRestoreRate);
        d.charges = Vec::new();
        d.copy = vec![seed, tr, ld];
        steps.push("Create a publication and a logical replication slot on the source; dump from the slot's exported snapshot (pg_dump --snapshot) onto the media".to_owned());
        steps.push("Ship the media; AWS ingests the dump into S3; pg_restore -j from a host in the target's Region; re-create roles".to_owned());
        steps.push("CREATE SUBSCRIPTION on the target with copy_data = false, create_slot = false and the slot's name: changes flow from the slot's position".to_owned());
    } else {
        // Engine changes (and engines drplan has no native seed for): SCT data-extraction agents
        // onto the media, DMS loading from S3, then DMS CDC (DMS CHAP_LargeDBs, §5.6).
        d = dms::dms(ctx, true);
        d.prereq(
            "Install the SCT data-extraction agents near the source",
            "migration.md §5.6 (DMS CHAP_LargeDBs)",
        );
        let seed = onto_media(
            ctx,
            &mut d,
            "SCT data-extraction agents",
            Param::DmsFullLoadRate,
        );
        let tr = transit(ctx, &mut d);
        let ld = load(ctx, &mut d, "DMS load from S3", Param::DmsFullLoadRate);
        d.charges = vec![
            Charge::DmsInstanceFor {
                seconds: ld.seconds,
            },
            Charge::DmsInstance {
                phases: &[PhaseKind::CatchUp, PhaseKind::CutOver],
            },
        ];
        d.copy = vec![seed, tr, ld];
        if ctx.engine_change {
            steps.push("Run the schema conversion assessment; convert the schema and code; apply it to the target (secondary indexes before CDC)".to_owned());
        }
        steps.push("Extract with the SCT data-extraction agents onto the media; ship it; load from S3 with DMS; start CDC from the extraction's start point".to_owned());
    }
    d.kind = Kind::Ongoing;
    offline::gate(ctx, &mut d);
    d.steps.clear();
    offline::media(ctx, &mut d);
    d.charges.push(Charge::Offline);
    d.checks.check(
        ReasonCode::OfflineNotNeeded,
        ctx.net_bps.is_some(),
        if ctx.net_bps.is_some() {
            "the catch-up runs over the given link"
        } else {
            "no link given: the CDC catch-up needs a network path to the target"
        },
        SECTION,
        "DMS CHAP_LargeDBs",
    );
    d.steps.extend(steps);
    d.step("Keep writing to the source during the seed; let the catch-up lag fall");
    d.step("Stop writes; wait for lag 0; stop replication");
    d.step("Point the application at the target");
    d
}
