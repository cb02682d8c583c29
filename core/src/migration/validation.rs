//! Semantic validation of a scenario: every problem at once, each with a JSON pointer into the
//! `scenario` argument. Errors stop the call; warnings travel with the report.

use super::assumptions::Param;
use super::estimate::GIB;
use super::scenario::{DbEngine, Family, MigrationScenario, Service};
use super::version::{self, EngineVersion};
use crate::error::Issue;

/// Largest data size accepted: 1 EiB (keeps every duration finite).
const MAX_GIB: f64 = 1_073_741_824.0;
/// Largest rate accepted: 1 Pbit/s.
const MAX_BPS: f64 = 1e15;
/// Smallest rate accepted: 1 bit/s (rates divide sizes).
const MIN_BPS: f64 = 1.0;
/// Longest duration accepted: 100 years.
const MAX_SECONDS: f64 = 100.0 * 365.25 * 86_400.0;

/// Parsed versions of a valid scenario.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Versions {
    pub source: EngineVersion,
    pub target: EngineVersion,
}

fn rate(issues: &mut Vec<Issue>, path: &str, v: Option<f64>) {
    if let Some(v) = v {
        if v < MIN_BPS {
            issues.push(Issue::error(
                "out_of_range",
                path,
                format!("{v} bit/s: a rate must be at least 1 bit/s"),
            ));
        } else if v > MAX_BPS {
            issues.push(Issue::error(
                "out_of_range",
                path,
                format!("{v} bit/s is above 1 Pbit/s"),
            ));
        }
    }
}

fn size(issues: &mut Vec<Issue>, path: &str, v: Option<f64>, positive: bool) {
    if let Some(v) = v {
        if v > MAX_GIB {
            issues.push(Issue::error(
                "out_of_range",
                path,
                format!("{v} GiB is above 1 EiB"),
            ));
        } else if positive && v <= 0.0 {
            issues.push(Issue::error("out_of_range", path, "must be greater than 0"));
        }
    }
}

fn duration(issues: &mut Vec<Issue>, path: &str, v: Option<f64>, positive: bool) {
    if let Some(v) = v {
        if v > MAX_SECONDS {
            issues.push(Issue::error(
                "out_of_range",
                path,
                format!("{v} s is above 100 years"),
            ));
        } else if positive && v <= 0.0 {
            issues.push(Issue::error("out_of_range", path, "must be greater than 0"));
        }
    }
}

fn usd(issues: &mut Vec<Issue>, path: &str, v: Option<f64>) {
    if let Some(v) = v {
        if !v.is_finite() || v < 0.0 {
            issues.push(Issue::error(
                "out_of_range",
                path,
                format!("{v}: a price or budget must be ≥ 0"),
            ));
        }
    }
}

/// Check the scenario; returns all issues and, when there is no error, the parsed versions.
pub(crate) fn validate(s: &MigrationScenario) -> (Vec<Issue>, Option<Versions>) {
    let mut is = Vec::new();
    let src = &s.source;
    let tgt = &s.target;

    // Versions.
    let sv = version::parse(
        src.engine,
        &src.version,
        src.location == super::scenario::Location::Aurora,
    )
    .map_err(|(code, m)| is.push(Issue::error(code, "/source/version", m)))
    .ok();
    let tv = version::parse(tgt.engine, &tgt.version, tgt.service == Service::Aurora)
        .map_err(|(code, m)| is.push(Issue::error(code, "/target/version", m)))
        .ok();

    // DbEngine / service combinations.
    let aurora_engine = |e: DbEngine| matches!(e, DbEngine::Mysql | DbEngine::Postgresql);
    if tgt.service == Service::Aurora && !aurora_engine(tgt.engine) {
        is.push(
            Issue::error(
                "engine_not_offered",
                "/target/engine",
                format!("Aurora does not run {}", tgt.engine.label()),
            )
            .with_hint(
                "Aurora is MySQL- or PostgreSQL-compatible; use service \"rds\" for other engines",
            ),
        );
    }
    if src.location == super::scenario::Location::Aurora && !aurora_engine(src.engine) {
        is.push(Issue::error(
            "engine_not_offered",
            "/source/location",
            format!("an Aurora source cannot run {}", src.engine.label()),
        ));
    }
    if tgt.service == Service::Rds && tgt.capacity == super::scenario::Capacity::Serverless {
        is.push(
            Issue::error(
                "invalid_value",
                "/target/capacity",
                "RDS DB instances are provisioned; serverless capacity is Aurora Serverless",
            )
            .with_hint("use service \"aurora\" for a serverless target"),
        );
    }

    // Sizes.
    let db = src.size_gib.0;
    size(&mut is, "/source/size_gib", Some(db), false);
    size(
        &mut is,
        "/source/largest_table_gib",
        src.largest_table_gib.map(|g| g.0),
        false,
    );
    size(
        &mut is,
        "/source/largest_myisam_or_compressed_table_gib",
        src.largest_myisam_or_compressed_table_gib.map(|g| g.0),
        false,
    );
    size(
        &mut is,
        "/source/largest_lob_gib",
        src.largest_lob_gib.map(|g| g.0),
        false,
    );
    let largest = src.largest_table_gib.map(|g| g.0);
    if let Some(t) = largest.filter(|t| *t > db) {
        is.push(Issue::error(
            "largest_table_exceeds_size",
            "/source/largest_table_gib",
            format!("largest table {t} GiB is bigger than the whole database ({db} GiB)"),
        ));
    }
    if let Some(m) = src.largest_myisam_or_compressed_table_gib.map(|g| g.0) {
        let bound = largest.unwrap_or(db);
        if m > bound {
            is.push(Issue::error(
                "largest_table_exceeds_size",
                "/source/largest_myisam_or_compressed_table_gib",
                format!("{m} GiB is bigger than the largest table / database ({bound} GiB)"),
            ));
        }
    }
    if let Some(l) = src.largest_lob_gib.map(|g| g.0).filter(|l| *l > db) {
        is.push(Issue::error(
            "largest_table_exceeds_size",
            "/source/largest_lob_gib",
            format!("largest LOB {l} GiB is bigger than the whole database ({db} GiB)"),
        ));
    }
    if let Some(c) = src.change_rate_bps.map(|b| b.0) {
        if c > MAX_BPS {
            is.push(Issue::error(
                "out_of_range",
                "/source/change_rate_bps",
                format!("{c} bit/s is above 1 Pbit/s"),
            ));
        }
    } else {
        is.push(
            Issue::warning("change_rate_assumed_zero", "/source/change_rate_bps", "no change rate given: catch-up after the copy is estimated as 0")
                .with_hint("give the source's write rate, e.g. \"2 MB/s\", to size catch-up and binlog/WAL retention"),
        );
    }
    if let Some(p) = src
        .innodb_page_size_kib
        .filter(|p| ![4, 8, 16, 32, 64].contains(p))
    {
        is.push(Issue::error(
            "invalid_value",
            "/source/innodb_page_size_kib",
            format!("{p}: innodb_page_size is 4, 8, 16, 32 or 64 KiB"),
        ));
    }

    // Fields that do not apply to the engine.
    let fam = src.engine.family();
    let ignored = |is: &mut Vec<Issue>, path: &str, applies: &str| {
        is.push(Issue::warning(
            "ignored_field",
            path,
            format!("applies to {applies} sources only; ignored"),
        ));
    };
    if fam != Family::Mysql {
        if src.binlog_format.is_some() {
            ignored(&mut is, "/source/binlog_format", "MySQL/MariaDB");
        }
        if src.storage_engines.is_some() {
            ignored(&mut is, "/source/storage_engines", "MySQL/MariaDB");
        }
    }
    if fam != Family::Postgresql && src.wal_level.is_some() {
        ignored(&mut is, "/source/wal_level", "PostgreSQL");
    }

    // Network.
    match &s.network {
        None if src.location.outside_aws() => is.push(
            Issue::error(
                "network_required",
                "/network",
                "an on-premises or other-cloud source needs the link's bandwidth",
            )
            .with_hint("add \"network\": {\"bandwidth_bps\": \"1 Gbps\"}"),
        ),
        None => {}
        Some(n) => {
            if n.bandwidth_bps.0 <= 0.0 {
                is.push(
                    Issue::error(
                        "zero_bandwidth",
                        "/network/bandwidth_bps",
                        "bandwidth is 0: no data can cross the link",
                    )
                    .with_hint("give the link's bandwidth, e.g. \"500 Mbps\""),
                );
            } else {
                rate(&mut is, "/network/bandwidth_bps", Some(n.bandwidth_bps.0));
            }
            if let Some(u) = n.utilization.filter(|u| !(*u > 0.0 && *u <= 1.0)) {
                is.push(Issue::error(
                    "out_of_range",
                    "/network/utilization",
                    format!("{u}: utilization is a share in (0, 1]"),
                ));
            }
        }
    }

    // Constraints and prices.
    duration(
        &mut is,
        "/constraints/downtime_tolerance_seconds",
        s.constraints.downtime_tolerance_seconds.map(|v| v.0),
        false,
    );
    duration(
        &mut is,
        "/constraints/deadline_seconds",
        s.constraints.deadline_seconds.map(|v| v.0),
        false,
    );
    usd(&mut is, "/constraints/budget_usd", s.constraints.budget_usd);
    let p = &s.prices;
    usd(
        &mut is,
        "/prices/s3_standard_usd_per_gb_month",
        p.s3_standard_usd_per_gb_month,
    );
    usd(
        &mut is,
        "/prices/dms_instance_usd_per_hour",
        p.dms_instance_usd_per_hour,
    );
    usd(
        &mut is,
        "/prices/dms_multi_az_instance_usd_per_hour",
        p.dms_multi_az_instance_usd_per_hour,
    );
    usd(
        &mut is,
        "/prices/snapshot_copy_usd_per_gb",
        p.snapshot_copy_usd_per_gb,
    );
    usd(
        &mut is,
        "/prices/offline_transfer_usd",
        p.offline_transfer_usd,
    );
    if let Some(h) = p.hours_per_month.filter(|h| !(*h > 0.0 && *h <= 744.0)) {
        is.push(Issue::error(
            "out_of_range",
            "/prices/hours_per_month",
            format!("{h}: a month has between 0 and 744 hours"),
        ));
    }

    // Overrides.
    let o = &s.overrides;
    for param in Param::ALL {
        let value = param.overridden(o);
        let path = format!("/overrides/{}", param.name());
        match param {
            Param::ReplicaBuildSecondsPerTib | Param::SnapshotMigrateSecondsPerTib => {
                duration(&mut is, &path, value, true)
            }
            Param::CutoverSeconds | Param::OfflineTransitSeconds => {
                duration(&mut is, &path, value, false)
            }
            Param::MysqldumpSmallThresholdGib => size(&mut is, &path, value, false),
            Param::XtrabackupSplitSizeGib => {
                size(&mut is, &path, value, true);
                // At least 1 MiB per object keeps the object count meaningful.
                if let Some(v) = value.filter(|v| *v > 0.0 && *v * GIB < 1_048_576.0) {
                    is.push(Issue::error(
                        "out_of_range",
                        &path,
                        format!("{v} GiB: split objects must be at least 1 MiB"),
                    ));
                }
            }
            Param::PgDumpJobs => {
                if let Some(v) = value.filter(|v| !(v.is_finite() && *v >= 1.0 && v.fract() == 0.0))
                {
                    is.push(Issue::error(
                        "out_of_range",
                        &path,
                        format!("{v}: pg_dump jobs are a whole number, at least 1"),
                    ));
                }
            }
            _ => rate(&mut is, &path, value),
        }
    }

    // Schema conversion.
    let engine_change = src.engine.family() != tgt.engine.family();
    match &s.schema_conversion {
        Some(c) => {
            if !engine_change {
                is.push(Issue::warning(
                    "ignored_field",
                    "/schema_conversion",
                    "same-engine moves never use schema conversion (migration.md §6); ignored",
                ));
            }
            if c.significant_actions > 0 {
                match c.significant_max_hours_each {
                    None => is.push(
                        Issue::error(
                            "missing_field",
                            "/schema_conversion/significant_max_hours_each",
                            "\"Significant\" action items are open-ended (> 6 h each): give an upper bound per item",
                        )
                        .with_hint("migration.md §6: drplan requires a caller-supplied upper bound"),
                    ),
                    Some(h) if !(h > 6.0 && h <= 10_000.0) => is.push(Issue::error(
                        "out_of_range",
                        "/schema_conversion/significant_max_hours_each",
                        format!("{h}: a Significant item takes more than 6 h (and at most 10,000 h here)"),
                    )),
                    Some(_) => {}
                }
            }
            if c.engineers == Some(0) {
                is.push(Issue::error("out_of_range", "/schema_conversion/engineers", "at least 1 engineer"));
            }
            if let Some(h) = c.hours_per_day.filter(|h| !(*h > 0.0 && *h <= 24.0)) {
                is.push(Issue::error("out_of_range", "/schema_conversion/hours_per_day", format!("{h}: between 0 and 24 hours a day")));
            }
        }
        None if engine_change => is.push(
            Issue::warning(
                "assessment_missing",
                "/schema_conversion",
                "engine change without assessment counts: the schema-conversion effort is unknown and not in the timeline",
            )
            .with_hint("run an SCT or DMS Schema Conversion assessment and pass its Simple/Medium/Significant counts"),
        ),
        None => {}
    }

    let is: Vec<Issue> = is.into_iter().map(|i| i.in_input("scenario")).collect();
    let versions = match (sv, tv) {
        (Some(source), Some(target)) if !is.iter().any(Issue::is_error) => {
            Some(Versions { source, target })
        }
        _ => None,
    };
    (is, versions)
}
