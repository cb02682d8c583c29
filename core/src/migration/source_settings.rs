//! Source settings that replication and CDC need (binary log, WAL level, primary keys), turned
//! into prerequisites — or exclusions when the setting is wrong and may not be changed, or when
//! changing it needs a restart the caller cannot allow.

use super::context::Ctx;
use super::draft::Draft;
use super::exclusion::ReasonCode;
use super::scenario::{BinlogFormat, BinlogRowImage, DbEngine, Location, WalLevel};

const DMS_MYSQL: (&str, &str) = ("migration.md §5.2", "DMS CHAP_Source.MySQL");
const DMS_PG: (&str, &str) = ("migration.md §5.2", "DMS CHAP_Source.PostgreSQL");
const BINLOG_REPL: (&str, &str) = ("migration.md §3.7", "AUR AuroraMySQL.Replication.MySQL");
/// `log_bin` is a startup option: turning binary logging on needs a restart.
const LOG_BIN_RESTART: &str =
    "https://dev.mysql.com/doc/refman/8.0/en/replication-options-binary-log.html (log_bin is a startup option; not in migration.md)";
/// `wal_level` can only be set at server start.
const WAL_LEVEL_RESTART: &str =
    "https://www.postgresql.org/docs/current/runtime-config-wal.html (wal_level: \"can only be set at server start\"; not in migration.md)";
/// Logical decoding (what logical replication and DMS CDC read) appeared in PostgreSQL 9.4.
const PG94: &str = "https://www.postgresql.org/docs/9.4/release-9-4.html (logical decoding added in 9.4; not in migration.md)";

/// What the binary log must provide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BinlogNeed {
    /// Native binlog replication into Aurora/RDS (M6): binary logging on.
    Native,
    /// DMS CDC: ROW format, FULL row image, checksum NONE (§5.2).
    Dms,
}

fn restart_check(ctx: &Ctx, d: &mut Draft, why: &str, section: &str, source: &str) {
    if ctx.s.constraints.source_must_stay_online {
        d.checks.check(
            ReasonCode::SourceRestartRequired,
            false,
            format!("{why} needs a source restart, but the source must stay online"),
            section,
            source,
        );
    } else {
        d.prereq(
            format!("{why} (needs a source restart: plan a maintenance window)"),
            source,
        );
    }
}

/// Binary-log prerequisites for a MySQL-family source.
pub(crate) fn binlog(ctx: &Ctx, d: &mut Draft, need: BinlogNeed) {
    let src = &ctx.s.source;
    let (section, source) = if need == BinlogNeed::Dms {
        DMS_MYSQL
    } else {
        BINLOG_REPL
    };
    let format = src.binlog_format;
    let changeable = src.settings_changeable;
    let wants_row = need == BinlogNeed::Dms;
    match format {
        None => {
            d.checks.check(
                if wants_row {
                    ReasonCode::BinlogFormatNotRow
                } else {
                    ReasonCode::BinlogDisabled
                },
                true,
                "binlog_format not given: assumed suitable — verify before starting",
                section,
                source,
            );
            d.prereq(
                if wants_row {
                    "Verify binlog_format = ROW on the source"
                } else {
                    "Verify binary logging is on"
                },
                source,
            );
        }
        Some(BinlogFormat::Off) => {
            if !changeable {
                d.checks.check(
                    ReasonCode::BinlogDisabled,
                    false,
                    "binary logging is off and the source settings may not be changed",
                    section,
                    source,
                );
            } else {
                d.checks.check(
                    ReasonCode::BinlogDisabled,
                    true,
                    "binary logging is off but may be turned on",
                    section,
                    source,
                );
                match src.location {
                    Location::Rds => d.prereq(
                        "Enable automated backups on the RDS source: this is what turns binary logging on",
                        "migration.md §5.2 (DMS CHAP_Source.MySQL)",
                    ),
                    Location::Aurora => d.prereq(
                        "Set binlog_format in the Aurora cluster parameter group",
                        "migration.md §5.2 (DMS CHAP_Source.MySQL)",
                    ),
                    _ => restart_check(ctx, d, "Turning binary logging on (log_bin)", section, LOG_BIN_RESTART),
                }
                if wants_row {
                    d.prereq("Set binlog_format = ROW (STATEMENT or MIXED can give inconsistent target data)", source);
                }
            }
        }
        Some(BinlogFormat::Row) => {
            d.checks.check(
                if wants_row {
                    ReasonCode::BinlogFormatNotRow
                } else {
                    ReasonCode::BinlogDisabled
                },
                true,
                "binlog_format = ROW",
                section,
                source,
            );
        }
        Some(f) if wants_row => {
            let name = if f == BinlogFormat::Mixed {
                "MIXED"
            } else {
                "STATEMENT"
            };
            if !changeable {
                d.checks.check(
                    ReasonCode::BinlogFormatNotRow,
                    false,
                    format!("binlog_format is {name}, DMS CDC needs ROW, and the source settings may not be changed"),
                    section,
                    source,
                );
            } else {
                d.checks.check(
                    ReasonCode::BinlogFormatNotRow,
                    true,
                    format!("binlog_format {name} may be changed to ROW"),
                    section,
                    source,
                );
                if src.engine == DbEngine::Mariadb {
                    restart_check(ctx, d, &format!("Changing binlog_format from {name} to ROW on MariaDB"), section, "migration.md §5.2 (DMS CHAP_Source.MySQL: MariaDB reboot after switching to ROW)");
                } else {
                    d.prereq(format!("Change binlog_format from {name} to ROW"), source);
                }
            }
        }
        Some(_) => {
            d.checks.check(
                ReasonCode::BinlogDisabled,
                true,
                "binary logging is on",
                section,
                source,
            );
        }
    }
    if wants_row {
        match src.binlog_row_image {
            Some(BinlogRowImage::Minimal | BinlogRowImage::Noblob) if !changeable => {
                d.checks.check(
                    ReasonCode::BinlogFormatNotRow,
                    false,
                    "binlog_row_image is not FULL and the source settings may not be changed",
                    section,
                    source,
                )
            }
            Some(BinlogRowImage::Full) => {}
            _ => d.prereq("Set binlog_row_image = FULL", source),
        }
        d.prereq("Set binlog_checksum = NONE", source);
        match src.location {
            Location::Rds | Location::Aurora => d.prereq(
                "Extend binlog retention, e.g. call mysql.rds_set_configuration('binlog retention hours', 24)",
                source,
            ),
            _ => d.prereq("Keep binary logs at least 1 day (expire_logs_days ≥ 1)", source),
        }
        d.prereq(
            "If the source is itself a read replica: log_slave_updates = TRUE",
            source,
        );
    } else {
        d.prereq(
            "Create a replication user with REPLICATION CLIENT and REPLICATION SLAVE grants (optionally REQUIRE SSL)",
            "migration.md §3.7 (AUR AuroraMySQL.Replication.MySQL)",
        );
    }
}

/// Logical-decoding prerequisites for a PostgreSQL source (native logical replication or DMS CDC).
pub(crate) fn logical_decoding(ctx: &Ctx, d: &mut Draft, dms: bool) {
    let src = &ctx.s.source;
    let section = if dms { DMS_PG.0 } else { "migration.md §4 P4" };
    let v = ctx.src_v.major;
    d.checks.check(
        ReasonCode::VersionUnsupported,
        v >= (9, 4),
        format!(
            "PostgreSQL {} {} 9.4 (logical decoding)",
            ctx.src_v.label(src.engine),
            if v >= (9, 4) { "≥" } else { "<" }
        ),
        section,
        PG94,
    );
    let rds = src.location.managed();
    match src.wal_level {
        Some(WalLevel::Logical) => {
            d.checks.check(
                ReasonCode::WalLevelNotLogical,
                true,
                "wal_level = logical",
                "migration.md §5.2",
                DMS_PG.1,
            );
        }
        None => {
            d.checks.check(
                ReasonCode::WalLevelNotLogical,
                true,
                "wal_level not given: assumed logical — verify",
                "migration.md §5.2",
                DMS_PG.1,
            );
            d.prereq(
                if rds {
                    "Verify rds.logical_replication = 1 on the source"
                } else {
                    "Verify wal_level = logical on the source"
                },
                DMS_PG.1,
            );
        }
        Some(level) => {
            let name = if level == WalLevel::Minimal {
                "minimal"
            } else {
                "replica"
            };
            if !src.settings_changeable {
                d.checks.check(
                    ReasonCode::WalLevelNotLogical,
                    false,
                    format!("wal_level is {name}, logical decoding needs logical, and the source settings may not be changed"),
                    "migration.md §5.2",
                    DMS_PG.1,
                );
            } else {
                d.checks.check(
                    ReasonCode::WalLevelNotLogical,
                    true,
                    format!("wal_level {name} may be changed to logical"),
                    "migration.md §5.2",
                    DMS_PG.1,
                );
                if rds {
                    restart_check(
                        ctx,
                        d,
                        "Setting rds.logical_replication = 1 (static parameter)",
                        "migration.md §5.2",
                        "migration.md §5.2 (DMS CHAP_Source.PostgreSQL: static, needs a reboot)",
                    );
                } else {
                    restart_check(
                        ctx,
                        d,
                        &format!("Changing wal_level from {name} to logical"),
                        "migration.md §5.2",
                        WAL_LEVEL_RESTART,
                    );
                }
            }
        }
    }
    match (src.all_tables_have_primary_keys, src.replica_identity_full) {
        (Some(true), _) => d.checks.check(ReasonCode::MissingPrimaryKeys, true, "every table has a primary key", "migration.md §5.2", DMS_PG.1),
        (Some(false), true) => {
            d.checks.check(
                ReasonCode::MissingPrimaryKeys,
                true,
                "tables without a primary key use REPLICA IDENTITY FULL (the documented workaround)",
                "migration.md §5.2",
                DMS_PG.1,
            );
            d.note(
                "replica_identity_full",
                "Tables without a primary key replicate with REPLICA IDENTITY FULL: every UPDATE/DELETE logs the whole old row",
                "migration.md §5.2 (DMS CHAP_Source.PostgreSQL)",
            );
        }
        (Some(false), false) => d.checks.check(
            ReasonCode::MissingPrimaryKeys,
            false,
            "some tables have no primary key and no REPLICA IDENTITY workaround: their UPDATEs and DELETEs cannot be replicated",
            "migration.md §5.2",
            DMS_PG.1,
        ),
        (None, _) => {
            d.checks.check(ReasonCode::MissingPrimaryKeys, true, "primary keys not given: assumed present — verify", "migration.md §5.2", DMS_PG.1);
            d.prereq("Verify every table has a primary key (or set REPLICA IDENTITY FULL on those that do not)", DMS_PG.1);
        }
    }
    if dms {
        d.prereq(
            "max_replication_slots ≥ number of DMS tasks; drop the slots after the tasks end",
            DMS_PG.1,
        );
        d.prereq("max_wal_senders > 1; wal_sender_timeout = 0 or ≥ 10 s (< 5 min where Multi-AZ failover matters)", DMS_PG.1);
    } else {
        d.prereq(
            "max_replication_slots and max_wal_senders ≥ the number of subscriptions",
            "migration.md §4 P4 (AUR AuroraPostgreSQL.Replication.Logical)",
        );
    }
}
