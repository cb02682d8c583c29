//! Aurora Serverless v2 as the target: which paths create the cluster themselves (a provisioned
//! writer first, a switch to a Serverless v2 writer afterwards), which load into a cluster the
//! caller creates with a Serverless v2 writer from the start, the version rule, and what capacity
//! means for load and apply rates (migration.md §10.8).

use super::PathId;
use crate::migration::context::Ctx;
use crate::migration::draft::Draft;
use crate::migration::exclusion::ReasonCode;
use crate::migration::scenario::{Capacity, DbEngine, Service};

const SECTION: &str = "migration.md §10.8";
const VERSIONS: &str = "AUR Concepts.Aurora_Fea_Regions_DB-eng.Feature.ServerlessV2 (Aurora MySQL: version 3 from 3.02.0, and 8.4; no version 2 column)";

/// The target is an Aurora cluster whose writer is to run as Aurora Serverless v2.
pub(super) fn serverless_target(ctx: &Ctx) -> bool {
    ctx.s.target.service == Service::Aurora && ctx.s.target.capacity == Capacity::Serverless
}

/// The paths where AWS builds the cluster from a snapshot, a replica or S3 backup files: the
/// cluster comes up with a provisioned writer (migration.md §10.8).
fn aws_builds_the_cluster(path: PathId, d: &Draft) -> bool {
    match path {
        PathId::RdsSnapshotToAurora
        | PathId::AuroraReadReplica
        | PathId::XtrabackupS3
        | PathId::XtrabackupS3Binlog => true,
        // The offline seed restores from S3 when XtraBackup is its seed (§10.4).
        PathId::OfflineSeedCdc => d.restores_from_s3,
        _ => false,
    }
}

/// Apply the Serverless v2 rules to `d` (only when the target is Serverless).
pub(super) fn apply(path: PathId, ctx: &Ctx, d: &mut Draft) {
    if !serverless_target(ctx) {
        return;
    }
    if ctx.s.target.engine == DbEngine::Mysql {
        let ok = ctx.tgt_v.major >= (8, 0);
        d.checks.check(
            ReasonCode::TargetServerless,
            ok,
            if ok {
                "Aurora MySQL 8.0-compatible or later: Serverless v2 is offered (check the exact version in the Region)".to_owned()
            } else {
                format!(
                    "Aurora Serverless v2 runs Aurora MySQL version 3 (3.02.0 and later, MySQL 8.0-compatible) and 8.4, not {}: choose version 3 or a provisioned target",
                    ctx.tgt_v.label(DbEngine::Mysql)
                )
            },
            SECTION,
            VERSIONS,
        );
    }
    d.prereq(
        "Check that the target engine version offers Aurora Serverless v2 in the target Region: aws rds describe-orderable-db-instance-options --engine aurora-mysql|aurora-postgresql --db-instance-class db.serverless (no output: not offered)",
        "migration.md §10.8 (AUR aurora-serverless-v2.requirements)",
    );
    d.prereq(
        "Give the cluster a capacity range (ServerlessV2ScalingConfiguration: minimum and maximum ACU, 1 ACU ≈ 2 GiB of memory) before adding a db.serverless instance",
        "migration.md §10.8 (AUR aurora-serverless-v2.requirements)",
    );
    if aws_builds_the_cluster(path, d) {
        d.note(
            "serverless_v2_switch",
            "Aurora builds this cluster with a provisioned writer (the S3 import cannot restore into Aurora Serverless; a db.serverless writer straight from a snapshot migration or an Aurora read replica is UNCONFIRMED): switch after cut-over — add a Serverless v2 reader and fail over to it. The failover briefly interrupts connections (not in the downtime estimate): schedule it",
            "migration.md §10.8 (AUR aurora-failover, AuroraMySQL.Migrating.ExtMySQL.S3)",
        );
        d.step("After cut-over, at a quiet time: set the cluster's Serverless v2 capacity range (modify-db-cluster --serverless-v2-scaling-configuration MinCapacity=…,MaxCapacity=…)");
        d.step("Add a reader with instance class db.serverless; wait until it is available");
        d.step("Fail over to the Serverless v2 reader (failover-db-cluster --target-db-instance-identifier <it>); delete the provisioned instance or keep it as a reader");
    } else {
        d.note(
            "serverless_v2_capacity",
            "The load and the replication apply run on a Serverless v2 writer at its current capacity: AWS publishes no load or apply rate per ACU, and an instance scales up faster the higher its current capacity — raise the minimum capacity for the load and the catch-up, lower it after cut-over. drplan's rates assume a writer sized for the load (UNCONFIRMED for Serverless v2: measure in a rehearsal)",
            "migration.md §10.8 (AUR aurora-serverless-v2.setting-capacity)",
        );
        d.steps.insert(
            0,
            "Create the target cluster with a Serverless v2 capacity range and a db.serverless writer; set the minimum capacity high for the load".to_owned(),
        );
    }
}
