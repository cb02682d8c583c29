//! Checks and notes several path models share: engine family, versions, encryption, storage
//! engines and table limits.

use crate::migration::context::Ctx;
use crate::migration::draft::Draft;
use crate::migration::estimate::{self, GIB, TB};
use crate::migration::exclusion::ReasonCode;
use crate::migration::scenario::{DbEngine, StorageEngine};

const TB16: f64 = 16.0 * TB;
const TB8: f64 = 8.0 * TB;

pub(super) fn gib(bytes: f64) -> String {
    format!("{} GiB", estimate::num(bytes / GIB))
}

pub(super) fn same_family(ctx: &Ctx, d: &mut Draft, section: &str, source: &str) {
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

pub(super) fn source_engine_in(
    ctx: &Ctx,
    d: &mut Draft,
    allowed: &[DbEngine],
    section: &str,
    source: &str,
) {
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

pub(super) fn target_engine_is_source(ctx: &Ctx, d: &mut Draft, section: &str, source: &str) {
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

pub(super) fn no_encryption_downgrade(ctx: &Ctx, d: &mut Draft, section: &str, source: &str) {
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
pub(super) fn mysql_no_downgrade(ctx: &Ctx, d: &mut Draft, section: &str, source: &str) {
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
pub(super) fn pg_same_major_minor_ok(ctx: &Ctx, d: &mut Draft, section: &str, source: &str) {
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
pub(super) fn logical_downgrade_note(ctx: &Ctx, d: &mut Draft) {
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
pub(super) fn family_divergence_note(ctx: &Ctx, d: &mut Draft) {
    if ctx.s.source.engine != ctx.s.target.engine && !ctx.engine_change {
        d.note(
            "mariadb_mysql_differences",
            format!("{} → {}: the engines have diverged; features the target lacks must be found by testing (UNCONFIRMED, not listed in migration.md)", ctx.s.source.engine.label(), ctx.s.target.engine.label()),
            "migration.md §7.1 (RDS MySQL.Procedural.Importing.Other lists MySQL or MariaDB sources)",
        );
    }
}

/// Aurora MySQL accepts InnoDB and MyISAM sources only (AUR AuroraMySQL.Migrating).
pub(super) fn mysql_storage_engines(ctx: &Ctx, d: &mut Draft) {
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
pub(super) fn mysql_table_limits(ctx: &Ctx, d: &mut Draft, section: &str, source: &str) {
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
            "migration.md §3.2 (AUR AuroraMySQL.Migrating.RDSMySQL.Snapshot)",
        );
    }
}

pub(super) fn self_managed(ctx: &Ctx) -> bool {
    !ctx.s.source.location.managed()
}
