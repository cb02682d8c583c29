//! AWS DMS: full load, full load + CDC, CDC-only after a native seed (migration.md §4 P5, §5, §6).

use super::checks::family_divergence_note;
use crate::migration::assumptions::Param;
use crate::migration::context::Ctx;
use crate::migration::draft::{Charge, Draft, Retention};
use crate::migration::estimate::{self, transfer, GIB};
use crate::migration::exclusion::ReasonCode;
use crate::migration::report::{Kind, PhaseKind};
use crate::migration::scenario::{DbEngine, Family};
use crate::migration::source_settings::{self, BinlogNeed};

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
            if src.engine == DbEngine::Oracle && kib >= 32.0 {
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

pub(super) fn dms_common(ctx: &Ctx, d: &mut Draft, cdc: bool) {
    let src = &ctx.s.source;
    family_divergence_note(ctx, d);
    if cdc {
        match src.engine.family() {
            Family::Mysql => source_settings::binlog(ctx, d, BinlogNeed::Dms),
            Family::Postgresql => source_settings::logical_decoding(ctx, d, true),
            Family::Oracle | Family::Sqlserver => d.note(
                "cdc_prerequisites_not_covered",
                format!("CDC prerequisites for the {} source are not in migration.md (see DMS CHAP_Source.{}): verify them before relying on CDC", src.engine.label(), if src.engine == DbEngine::Oracle { "Oracle" } else { "SQLServer" }),
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

pub(super) fn dms(ctx: &Ctx, cdc: bool) -> Draft {
    let mut d = Draft::new(if cdc { Kind::Ongoing } else { Kind::OneTime });
    dms_common(ctx, &mut d, cdc);
    if ctx.s.source.engine == DbEngine::Postgresql && ctx.s.target.engine == DbEngine::Postgresql {
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

pub(super) fn dms_cdc_only(ctx: &Ctx) -> Draft {
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
    // The task starts at the seed's recorded position: a custom CDC start point, which DMS
    // Serverless does not support, so it runs (and is priced) on a replication instance
    // (migration.md §10.9, documented).
    d.note(
        "dms_serverless_no_cdc_start_point",
        "Run this CDC-only task on a DMS replication instance (DMS standard, as priced here): DMS Serverless does not support custom CDC start points, and the task must start at the seed's recorded position",
        "migration.md §10.9 (DMS CHAP_Serverless.Limitations)",
    );
    d.step("Start a DMS task of migration type cdc from the recorded position");
    d.step("Stop writes; wait for the task to apply the last changes; stop the task");
    d.step("Point the application at the target");
    d
}
