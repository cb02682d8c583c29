//! PostgreSQL tools: pg_dump/pg_restore (P3) and native logical replication (P4) (migration.md §4).

use super::checks::{logical_downgrade_note, same_family, source_engine_in};
use crate::migration::assumptions::Param;
use crate::migration::context::Ctx;
use crate::migration::draft::{Draft, Retention};
use crate::migration::estimate::transfer;
use crate::migration::report::Kind;
use crate::migration::scenario::DbEngine;
use crate::migration::source_settings;

pub(super) fn pg_dump(ctx: &Ctx) -> Draft {
    let mut d = Draft::new(Kind::OneTime);
    let (section, source) = (
        "migration.md §4 P3",
        "RDS PostgreSQL.Procedural.Importing.EC2",
    );
    source_engine_in(ctx, &mut d, &[DbEngine::Postgresql], section, source);
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

pub(super) fn pg_logical(ctx: &Ctx) -> Draft {
    let mut d = Draft::new(Kind::Ongoing);
    let (section, source) = (
        "migration.md §4 P4",
        "AUR AuroraPostgreSQL.Replication.Logical",
    );
    source_engine_in(ctx, &mut d, &[DbEngine::Postgresql], section, source);
    same_family(ctx, &mut d, section, source);
    if ctx.s.source.engine == DbEngine::Postgresql {
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
