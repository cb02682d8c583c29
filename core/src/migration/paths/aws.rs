//! M1/P1 snapshot migration and M2/P2 Aurora read replicas (migration.md §3.2, §3.3, §4).

use super::checks::{
    mysql_no_downgrade, mysql_storage_engines, mysql_table_limits, no_encryption_downgrade,
    pg_same_major_minor_ok, source_engine_in, target_engine_is_source,
};
use super::cross;
use crate::migration::assumptions::Param;
use crate::migration::context::Ctx;
use crate::migration::draft::{Charge, Draft};
use crate::migration::estimate::{per_tib, transfer};
use crate::migration::exclusion::ReasonCode;
use crate::migration::report::Kind;
use crate::migration::scenario::{DbEngine, Location, Placement, Service};

/// The checks M1/P1 and M2/P2 share: an RDS for MySQL/PostgreSQL instance into a new Aurora
/// cluster of the same engine.
fn rds_into_aurora(ctx: &Ctx, d: &mut Draft, section: &str, source: &str) {
    rds_source(ctx, d, section, source);
    aurora_target(ctx, d, section, source);
    source_engine_in(
        ctx,
        d,
        &[DbEngine::Mysql, DbEngine::Postgresql],
        section,
        source,
    );
    target_engine_is_source(ctx, d, section, source);
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

pub(super) fn snapshot_migrate(ctx: &Ctx) -> Draft {
    let mut d = Draft::new(Kind::OneTime);
    let pg = ctx.s.source.engine == DbEngine::Postgresql;
    let (section, source) = if pg {
        ("migration.md §4 P1", "AUR AuroraPostgreSQL.Migrating")
    } else {
        (
            "migration.md §3.2 M1",
            "AUR AuroraMySQL.Migrating.RDSMySQL.Snapshot",
        )
    };
    rds_into_aurora(ctx, &mut d, section, source);
    if pg {
        pg_same_major_minor_ok(ctx, &mut d, section, source);
        d.prereq("Turn off automatic minor-version upgrades on the source early: if Aurora lacks the source's minor version, the migration waits", source);
        if ctx.s.source.encrypted && !ctx.s.target.encrypted {
            d.note(
                "encrypted_snapshot_unencrypted_target",
                "An unencrypted cluster from an encrypted snapshot is impossible for Aurora MySQL; the same is expected for PostgreSQL (UNCONFIRMED there) — plan an encrypted target",
                "AUR AuroraMySQL.Migrating.RDSMySQL.Snapshot (MySQL page)",
            );
        }
    } else {
        mysql_no_downgrade(ctx, &mut d, section, "AUR AuroraMySQL.Migrating.RDSMySQL.Snapshot (\"a MySQL version that's compatible with Aurora MySQL\")");
        // Source: the snapshot-migration page ("You can't create an unencrypted DB cluster from
        // an encrypted DB snapshot"), migration.md §3.2.
        no_encryption_downgrade(
            ctx,
            &mut d,
            section,
            "migration.md §3.2 (AUR AuroraMySQL.Migrating.RDSMySQL.Snapshot)",
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
        // Informational (a scheduling fact, not a risk): migration.md §3.2, §10.2.
        d.prereq(
            "An account can run only one snapshot copy into a given Region at a time: copies of several databases queue",
            "migration.md §3.2 (AUR AuroraMySQL.Migrating.RDSMySQL.Snapshot)",
        );
    } else if ctx.s.target.account == Placement::Other && ctx.s.source.encrypted {
        // A shared encrypted snapshot is copied in the target account before use (§10.2).
        let r = d.rate(ctx, Param::SnapshotCopyRate);
        d.copy.push(transfer(
            "copy the shared encrypted snapshot in the target account",
            ctx.bytes,
            r,
            &[Param::SnapshotCopyRate.name()],
        ));
    }
    cross::snapshot_share(ctx, &mut d);
    let r = d.rate(ctx, Param::SnapshotMigrateSecondsPerTib);
    d.copy.push(per_tib(
        "migrate the snapshot into a new Aurora cluster",
        ctx.bytes,
        r,
        Param::SnapshotMigrateSecondsPerTib.name(),
    ));
    d.step("Stop writes to the source");
    if ctx.s.target.account == Placement::Other {
        d.step("Take a manual snapshot of the RDS instance (or copy the latest automated one to a manual snapshot)");
    } else {
        d.step("Take a manual snapshot of the RDS instance (or use the latest automated one)");
    }
    cross::snapshot_share_steps(ctx, &mut d);
    if ctx.s.target.region == Placement::Other && ctx.s.target.account == Placement::Same {
        d.step("Copy the snapshot to the target Region");
    }
    d.step("Migrate the snapshot: choose the Aurora engine version and the KMS key for encryption");
    d.step("Wait for the cluster to be available; check row counts and application queries");
    d.step("Point the application at the Aurora cluster endpoint");
    d
}

pub(super) fn aurora_replica(ctx: &Ctx) -> Draft {
    let mut d = Draft::new(Kind::Ongoing);
    let pg = ctx.s.source.engine == DbEngine::Postgresql;
    let (section, source) = if pg {
        ("migration.md §4 P2", "AUR AuroraPostgreSQL.Migrating")
    } else {
        (
            "migration.md §3.3 M2",
            "AUR AuroraMySQL.Migrating.RDSMySQL.Replica",
        )
    };
    rds_into_aurora(ctx, &mut d, section, source);
    cross::replica_same_account(ctx, &mut d);
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
            "AUR AuroraMySQL.Migrating.RDSMySQL.Snapshot",
        );
        if ctx.s.target.region == Placement::Other && ctx.s.target.account == Placement::Same {
            d.note(
                "replica_region_unconfirmed",
                "Target in another Region: migration.md states the same-Region rule only for the PostgreSQL replica path; for an Aurora MySQL replica of RDS it is UNCONFIRMED — verify before relying on it",
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
