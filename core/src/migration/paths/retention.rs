//! How long a managed MySQL source can keep its binary logs, and what that means for a catch-up
//! that starts at the position recorded before the seed (migration.md §10.3).

use crate::migration::context::Ctx;
use crate::migration::draft::Draft;
use crate::migration::exclusion::{Checks, ReasonCode};
use crate::migration::scenario::{DbEngine, Location};
use crate::units::human_duration;

/// RDS for MySQL: `binlog retention hours` at most 168 (7 days) (migration.md §10.3, documented).
pub(crate) const RDS_MYSQL_MAX_BINLOG_HOURS: f64 = 168.0;
/// Aurora MySQL 2.11+ and 3: at most 2160 h (90 days) (migration.md §10.3, documented).
pub(crate) const AURORA_MYSQL_MAX_BINLOG_HOURS: f64 = 2160.0;

/// The longest binlog retention the source's service allows, with its source; `None` for a
/// self-managed source (the operator's setting) or an engine drplan has no figure for.
pub(crate) fn max_binlog_hours(ctx: &Ctx) -> Option<(f64, &'static str)> {
    match (ctx.s.source.location, ctx.s.source.engine) {
        (Location::Rds, DbEngine::Mysql) => Some((
            RDS_MYSQL_MAX_BINLOG_HOURS,
            "RDS mysql_rds_set_configuration (\"the maximum binlog retention hours value is 168 (7 days)\")",
        )),
        (Location::Aurora, DbEngine::Mysql) => Some((
            AURORA_MYSQL_MAX_BINLOG_HOURS,
            "AUR mysql-stored-proc-configuring (2160 h for Aurora MySQL 2.11+ and 3)",
        )),
        _ => None,
    }
}

/// A catch-up from a recorded binlog position needs every log from the start of the seed until
/// replication starts: a seed + load longer than the source's maximum retention excludes the
/// path; a catch-up that ends past it (while the backlog is still being read) is warned.
pub(crate) fn binlog_retention_limit(
    ctx: &Ctx,
    seed_seconds: f64,
    catch_up_seconds: f64,
    post: &mut Checks,
    d: &mut Draft,
) {
    let Some((max_h, src)) = max_binlog_hours(ctx) else {
        return;
    };
    let max_s = max_h * 3600.0;
    // Recorded only when it decides (a passing line would add nothing to the prerequisite that
    // already names the hours to keep).
    if seed_seconds > max_s {
        post.check(
            ReasonCode::BinlogRetentionExceeded,
            false,
            format!(
                "seed and load take {}, beyond the source's longest binlog retention {} h ({}): the binary logs from the recorded position are purged before replication can start",
                human_duration(seed_seconds),
                max_h,
                human_duration(max_s)
            ),
            "migration.md §10.3",
            src,
        );
    } else if seed_seconds + catch_up_seconds > max_s {
        d.note(
            "binlog_retention_tight",
            format!(
                "Seed + catch-up ({}) outlast the {} h binlog retention maximum: replication must fetch the backlog (relay logs) before the oldest binary logs are purged — watch the replica's I/O position",
                human_duration(seed_seconds + catch_up_seconds),
                max_h
            ),
            "migration.md §10.3",
        );
    }
}
