//! Cross-file tests of the migration module: hand-checked scenarios, properties, golden coverage.

use proptest::prelude::*;
use serde_json::json;

use super::*;
use crate::units::{Bps, Gib, Seconds};

fn scenario(v: serde_json::Value) -> MigrationScenario {
    match serde_json::from_value(v) {
        Ok(s) => s,
        Err(e) => panic!("test scenario does not parse: {e}"),
    }
}

fn report(s: &MigrationScenario) -> MigrationReport {
    match select_migration_path(s) {
        Ok(r) => r,
        Err(e) => panic!("unexpected error: {e:?}"),
    }
}

fn excluded_codes(r: &MigrationReport, path: PathId) -> Vec<ReasonCode> {
    r.excluded
        .iter()
        .filter(|x| x.path == path)
        .flat_map(|x| x.reasons.iter().map(|e| e.code))
        .collect()
}

fn rds_mysql() -> serde_json::Value {
    json!({
        "source": {"engine": "mysql", "version": "8.0.35", "location": "rds", "size_gib": 1024,
                   "encrypted": false, "binlog_format": "row", "change_rate_bps": "1 MB/s"},
        "target": {"service": "aurora", "engine": "mysql", "version": "3.05.2"}
    })
}

#[test]
fn replica_build_time_is_several_hours_per_tib() {
    let r = report(&scenario(rds_mysql()));
    let replica = r
        .feasible
        .iter()
        .find(|p| p.path == PathId::AuroraReadReplica);
    let copy = replica.and_then(|p| p.timeline.iter().find(|ph| ph.phase == PhaseKind::Copy));
    // 1 TiB × 4 h/TiB = 14,400 s; catch-up = 8e6 × 14,400 / (8e7 − 8e6) = 1,600 s; cut-over 600 s.
    assert_eq!(copy.map(|c| c.end_seconds), Some(14_400.0));
    assert_eq!(
        replica.map(|p| (p.duration_seconds, p.downtime_seconds)),
        Some((16_600.0, 600.0))
    );
}

#[test]
fn snapshot_downtime_is_the_whole_copy() {
    let r = report(&scenario(rds_mysql()));
    let snap = r
        .feasible
        .iter()
        .find(|p| p.path == PathId::RdsSnapshotToAurora);
    assert_eq!(
        snap.map(|p| (p.kind, p.downtime_seconds)),
        Some((Kind::OneTime, 15_000.0))
    );
}

#[test]
fn downtime_beyond_tolerance_excludes_rather_than_ranks() {
    let mut v = rds_mysql();
    v["constraints"] = json!({"downtime_tolerance_seconds": "1h"});
    // With drplan's placeholder snapshot rate the snapshot path only warns (migration.md §7.3)…
    let r = report(&scenario(v.clone()));
    let snap = r
        .feasible
        .iter()
        .find(|p| p.path == PathId::RdsSnapshotToAurora);
    assert!(snap.is_some_and(|p| p
        .warnings
        .iter()
        .any(|w| w.code == "downtime_depends_on_placeholders"
            && w.depends_on == ["snapshot_migrate_seconds_per_tib", "cutover_seconds"]
            && w.break_even_seconds == Some(3600.0))));
    // …the caller's measured rate excludes it.
    v["overrides"] = json!({"snapshot_migrate_seconds_per_tib": "4h"});
    let r = report(&scenario(v));
    assert!(excluded_codes(&r, PathId::RdsSnapshotToAurora)
        .contains(&ReasonCode::DowntimeExceedsTolerance));
    assert!(r.feasible.iter().all(|p| p.downtime_seconds <= 3600.0
        || p.warnings
            .iter()
            .any(|w| w.code == "downtime_depends_on_placeholders")));
    assert_eq!(r.recommended, Some(PathId::AuroraReadReplica));
    let est = r
        .excluded
        .iter()
        .find(|x| x.path == PathId::RdsSnapshotToAurora)
        .and_then(|x| x.estimate.clone());
    assert_eq!(est.map(|e| e.downtime_seconds), Some(15_000.0));
}

#[test]
fn engine_change_only_through_conversion_paths() {
    let r = report(&scenario(json!({
        "source": {"engine": "oracle", "version": "19c", "location": "ec2", "size_gib": 100, "encrypted": false},
        "target": {"service": "aurora", "engine": "postgresql", "version": "16.1"},
        "schema_conversion": {"simple_actions": 10, "medium_actions": 2, "significant_actions": 1, "significant_max_hours_each": 20}
    })));
    assert!(r.engine_change);
    assert!(!r.feasible.is_empty());
    for p in &r.feasible {
        assert!(p.path.converts(), "{:?} cannot change engines", p.path);
        let c = p.schema_conversion.as_ref();
        // low = 2×2 + 6×1 = 10 h; high = 2×10 + 6×2 + 20×1 = 52 h; 52 h / 8 h a day = 6.5 days.
        assert_eq!(
            c.map(|c| (c.effort_hours_low, c.effort_hours_high)),
            Some((Some(10.0), Some(52.0)))
        );
        assert_eq!(c.and_then(|c| c.calendar_seconds), Some(6.5 * 86_400.0));
        assert_eq!(p.effort, p.path.effort() + 2);
    }
    assert_eq!(
        excluded_codes(&r, PathId::DmsCdcOnly),
        vec![ReasonCode::NoNativeSeed]
    );
    assert_eq!(
        excluded_codes(&r, PathId::PgDumpRestore),
        vec![
            ReasonCode::SourceEngineUnsupported,
            ReasonCode::EngineMismatch
        ]
    );
}

#[test]
fn same_engine_never_converts() {
    let r = report(&scenario(rds_mysql()));
    assert!(!r.engine_change);
    assert!(r.feasible.iter().all(|p| p.schema_conversion.is_none()));
}

#[test]
fn offline_never_defaults_to_snowball() {
    let base = json!({
        "source": {"engine": "postgresql", "version": "15.4", "location": "on_premises", "size_gib": "200 TiB",
                   "encrypted": false, "wal_level": "logical", "all_tables_have_primary_keys": true},
        "target": {"service": "aurora", "engine": "postgresql", "version": "15.4"},
        "network": {"bandwidth_bps": "100 Mbps"},
        "constraints": {"deadline_seconds": "90d"},
        "options": {"allow_offline_transfer": true}
    });
    let r = report(&scenario(base.clone()));
    let offline = r
        .feasible
        .iter()
        .find(|p| p.path == PathId::OfflineTransfer);
    let label = offline.map(|p| p.label.clone()).unwrap_or_default();
    assert!(
        label.contains("Data Transfer Terminal") && !label.contains("Snowball"),
        "{label}"
    );
    let mut v = base;
    v["options"]["existing_snow_customer"] = json!(true);
    let r = report(&scenario(v));
    let offline = r
        .feasible
        .iter()
        .find(|p| p.path == PathId::OfflineTransfer);
    assert!(offline.is_some_and(|p| p.label.contains("Snowball")
        && p.notes
            .iter()
            .any(|n| n.code == "snowball_closed_to_new_customers")));
    // 200 TiB / 80 TB per device = 2.75 → 3 devices.
    assert!(offline.is_some_and(|p| p.steps.iter().any(|s| s.contains("Order 3 Snowball Edge"))));
}

#[test]
fn validation_collects_every_issue_with_pointers() {
    let s = scenario(json!({
        "source": {"engine": "mysql", "version": "99.1", "location": "on_premises", "size_gib": 10,
                   "largest_table_gib": 20, "encrypted": false},
        "target": {"service": "aurora", "engine": "sqlserver", "version": "2019"},
        "network": {"bandwidth_bps": 0},
        "overrides": {"binlog_apply_rate_bps": 0.5}
    }));
    let e = select_migration_path(&s).err();
    let issues: Vec<(String, String)> = e
        .map(|e| {
            e.issues
                .into_iter()
                .filter(|i| i.is_error())
                .map(|i| (i.code, i.path))
                .collect()
        })
        .unwrap_or_default();
    let want = [
        ("unsupported_version", "/source/version"),
        ("engine_not_offered", "/target/engine"),
        ("largest_table_exceeds_size", "/source/largest_table_gib"),
        ("zero_bandwidth", "/network/bandwidth_bps"),
        ("out_of_range", "/overrides/binlog_apply_rate_bps"),
    ];
    for (code, path) in want {
        assert!(
            issues.iter().any(|(c, p)| c == code && p == path),
            "missing {code} at {path} in {issues:?}"
        );
    }
}

#[test]
fn network_is_required_outside_aws() {
    let s = scenario(json!({
        "source": {"engine": "mysql", "version": "8.0.36", "location": "other_cloud", "size_gib": 10, "encrypted": false},
        "target": {"service": "rds", "engine": "mysql", "version": "8.0.36"}
    }));
    let e = select_migration_path(&s).err();
    assert_eq!(
        e.map(|e| e
            .issues
            .iter()
            .any(|i| i.code == "network_required" && i.path == "/network")),
        Some(true)
    );
}

#[test]
fn json_twin_reports_serde_errors_with_pointers() {
    let e = crate::api::json::select_migration_path(json!({"source": {"engine": "db2"}})).err();
    let first = e.and_then(|e| {
        e.issues
            .first()
            .map(|i| (i.code.clone(), i.path.clone(), i.input.clone()))
    });
    assert_eq!(
        first,
        Some((
            "unknown_variant".to_owned(),
            "/source/engine".to_owned(),
            Some("scenario".to_owned())
        ))
    );
    let ok = crate::api::json::select_migration_path(rds_mysql());
    assert!(ok.is_ok_and(|v| v["recommended"] == json!("aurora_read_replica")));
}

#[test]
fn every_override_field_is_named_after_its_assumption() {
    for p in assumptions::Param::ALL {
        let v = json!({ p.name(): 123.0 });
        let o: Result<Overrides, _> = serde_json::from_value(v);
        assert_eq!(
            o.ok().and_then(|o| p.overridden(&o)),
            Some(123.0),
            "{}",
            p.name()
        );
    }
}

#[test]
fn catch_up_that_never_ends_excludes_with_its_code() {
    let mut v = rds_mysql();
    v["source"]["change_rate_bps"] = json!("20 MB/s");
    // Against the placeholder apply rate (10 MB/s) the replica only warns…
    let r = report(&scenario(v.clone()));
    let replica = r
        .feasible
        .iter()
        .find(|p| p.path == PathId::AuroraReadReplica);
    assert!(replica.is_some_and(|p| p.warnings.iter().any(|w| w.code
        == "catch_up_cannot_keep_up_depends_on_placeholders"
        && w.depends_on.contains(&"replica_apply_rate_bps".to_owned()))));
    // …against the caller's measured apply rate it is excluded.
    v["overrides"] = json!({"replica_apply_rate_bps": "10 MB/s"});
    let r = report(&scenario(v));
    assert_eq!(
        excluded_codes(&r, PathId::AuroraReadReplica),
        vec![ReasonCode::CatchUpCannotKeepUp]
    );
    assert!(r
        .excluded
        .iter()
        .any(|x| x.path == PathId::AuroraReadReplica && x.estimate.is_none()));
}

// ---- properties -----------------------------------------------------------------------------

fn any_engine() -> impl Strategy<Value = DbEngine> {
    prop_oneof![
        Just(DbEngine::Mysql),
        Just(DbEngine::Mariadb),
        Just(DbEngine::Postgresql),
        Just(DbEngine::Oracle),
        Just(DbEngine::Sqlserver)
    ]
}

fn any_location() -> impl Strategy<Value = Location> {
    prop_oneof![
        Just(Location::OnPremises),
        Just(Location::Ec2),
        Just(Location::Rds),
        Just(Location::Aurora),
        Just(Location::OtherCloud)
    ]
}

fn version_for(e: DbEngine) -> impl Strategy<Value = String> {
    let list: Vec<&'static str> = match e {
        DbEngine::Mysql => vec!["5.6.51", "5.7.44", "8.0.35", "8.0.36", "3.05.2", "2.11.4"],
        DbEngine::Mariadb => vec!["10.6.16", "10.11.6"],
        DbEngine::Postgresql => vec![
            "9.3.25", "9.6.24", "13.13", "15.3", "15.4", "15.5", "16.1", "16",
        ],
        DbEngine::Oracle => vec!["19c", "21c"],
        DbEngine::Sqlserver => vec!["2019", "2022"],
    };
    proptest::sample::select(list).prop_map(str::to_owned)
}

prop_compose! {
    fn any_scenario()(
        (se, sv) in any_engine().prop_flat_map(|e| (Just(e), version_for(e))),
        (te, tv) in any_engine().prop_flat_map(|e| (Just(e), version_for(e))),
        loc in any_location(),
        aurora in any::<bool>(),
        size in 0.0f64..200_000.0,
        largest_share in proptest::option::of(0.0f64..=1.0),
        encrypted in any::<bool>(),
        target_encrypted in any::<bool>(),
        serverless in any::<bool>(),
        other_region in any::<bool>(),
        other_account in any::<bool>(),
        binlog in proptest::option::of(prop_oneof![Just(BinlogFormat::Row), Just(BinlogFormat::Mixed), Just(BinlogFormat::Statement), Just(BinlogFormat::Off)]),
        wal in proptest::option::of(prop_oneof![Just(WalLevel::Replica), Just(WalLevel::Logical)]),
        pks in proptest::option::of(any::<bool>()),
        replica_identity in any::<bool>(),
        myisam in any::<bool>(),
        memory in any::<bool>(),
        outside_datadir in any::<bool>(),
        change in proptest::option::of(0.0f64..30e6),
        net in proptest::option::of(1e6f64..20e9),
        tolerance in proptest::option::of(0.0f64..200_000.0),
        deadline in proptest::option::of(0.0f64..10_000_000.0),
        budget in proptest::option::of(0.0f64..100.0),
        stay_online in any::<bool>(),
        changeable in any::<bool>(),
        has_replica in any::<bool>(),
        has_xr_replica in any::<bool>(),
        multi_az in any::<bool>(),
        offline in any::<bool>(),
        snow in any::<bool>(),
        dms_price in proptest::option::of(0.0f64..3.0),
        counts in proptest::option::of((0u32..50, 0u32..20, 0u32..5)),
        prefer in prop_oneof![Just(Preference::Balanced), Just(Preference::Fastest), Just(Preference::LeastDowntime), Just(Preference::Cheapest), Just(Preference::LeastEffort)],
    ) -> MigrationScenario {
        let mut engines = vec![StorageEngine::Innodb];
        if myisam { engines.push(StorageEngine::Myisam); }
        if memory { engines.push(StorageEngine::Memory); }
        let mysql = se.family() == Family::Mysql;
        MigrationScenario {
            source: Source {
                engine: se, version: sv, location: loc, size_gib: Gib(size),
                largest_table_gib: largest_share.map(|s| Gib(s * size)),
                encrypted, storage_engines: mysql.then_some(engines), compressed_tables: false,
                largest_myisam_or_compressed_table_gib: None, memcached_plugin: false,
                innodb_page_size_kib: None, default_system_tablespace: None, innodb_log_files_in_group: None,
                tables_outside_datadir: outside_datadir,
                binlog_format: if mysql { binlog } else { None }, binlog_row_image: None,
                wal_level: if se == DbEngine::Postgresql { wal } else { None },
                all_tables_have_primary_keys: pks, replica_identity_full: replica_identity,
                lob_columns: false, largest_lob_gib: None, change_rate_bps: change.map(Bps),
                has_aurora_replica: has_replica, has_cross_region_replica: has_xr_replica,
                settings_changeable: changeable,
            },
            target: MigrationTarget {
                service: if aurora { Service::Aurora } else { Service::Rds },
                engine: te, version: tv,
                region: if other_region { Placement::Other } else { Placement::Same },
                account: if other_account { Placement::Other } else { Placement::Same },
                capacity: if serverless && aurora { Capacity::Serverless } else { Capacity::Provisioned },
                encrypted: target_encrypted,
            },
            network: net.map(|b| Network { bandwidth_bps: Bps(b), utilization: None, link: LinkKind::Internet }),
            constraints: Constraints {
                downtime_tolerance_seconds: tolerance.map(Seconds),
                source_must_stay_online: stay_online,
                deadline_seconds: deadline.map(Seconds),
                budget_usd: budget,
            },
            options: Options { dms_multi_az: multi_az, allow_offline_transfer: offline, existing_snow_customer: snow, prefer },
            schema_conversion: counts.map(|(s, m, g)| SchemaConversionInput {
                simple_actions: s, medium_actions: m, significant_actions: g,
                significant_max_hours_each: Some(12.0), ..SchemaConversionInput::default()
            }),
            overrides: Overrides::default(),
            prices: Prices { dms_instance_usd_per_hour: dms_price, dms_multi_az_instance_usd_per_hour: dms_price, ..Prices::default() },
        }
    }
}

const TB: f64 = 1e12;
const GIB: f64 = 1_073_741_824.0;

/// The hard constraints of migration.md restated independently of the implementation: `Some`
/// names the rule a feasible path would break.
fn violated(p: PathId, s: &MigrationScenario) -> Option<&'static str> {
    let src = &s.source;
    let tgt = &s.target;
    let change = src.engine.family() != tgt.engine.family();
    let binlog_ok = |row: bool| match src.binlog_format {
        None | Some(BinlogFormat::Row) => true,
        Some(BinlogFormat::Off) => {
            src.settings_changeable
                && (src.location.managed() || !s.constraints.source_must_stay_online)
        }
        Some(_) if !row => true,
        Some(_) => {
            src.settings_changeable
                && (src.engine != DbEngine::Mariadb || !s.constraints.source_must_stay_online)
        }
    };
    let pg_cdc_ok = || {
        let pk = src.all_tables_have_primary_keys != Some(false) || src.replica_identity_full;
        let wal = match src.wal_level {
            None | Some(WalLevel::Logical) => true,
            Some(_) => src.settings_changeable && !s.constraints.source_must_stay_online,
        };
        pk && wal
    };
    let engines_ok = src.storage_engines.as_ref().is_none_or(|v| {
        v.iter()
            .all(|e| matches!(e, StorageEngine::Innodb | StorageEngine::Myisam))
    });
    if change && !p.converts() {
        return Some("engine change through a non-converting path");
    }
    // Aurora Serverless v2 runs Aurora MySQL 8.0-compatible versions only (migration.md §10.8).
    if tgt.service == Service::Aurora
        && tgt.capacity == Capacity::Serverless
        && tgt.engine == DbEngine::Mysql
        && ["5.", "2."].iter().any(|p| tgt.version.starts_with(p))
    {
        return Some("Serverless v2 needs Aurora MySQL version 3");
    }
    match p {
        PathId::RdsSnapshotToAurora | PathId::AuroraReadReplica => {
            if src.location != Location::Rds || tgt.service != Service::Aurora {
                return Some("needs RDS source and Aurora target");
            }
            if src.engine != tgt.engine
                || !matches!(src.engine, DbEngine::Mysql | DbEngine::Postgresql)
            {
                return Some("needs the same MySQL/PostgreSQL engine");
            }
            if src.engine == DbEngine::Mysql {
                if src.encrypted && !tgt.encrypted {
                    return Some("encrypted source to unencrypted cluster");
                }
                if !engines_ok {
                    return Some("storage engine");
                }
                if src.largest_table_gib.is_some_and(|t| t.0 * GIB > 16.0 * TB) {
                    return Some("table above 16 TB");
                }
            }
            if p == PathId::AuroraReadReplica {
                if src.has_aurora_replica {
                    return Some("one Aurora replica per instance");
                }
                if src.encrypted && !tgt.encrypted {
                    return Some("encrypted source to unencrypted replica");
                }
                if src.engine == DbEngine::Postgresql
                    && (tgt.region == Placement::Other
                        || tgt.account == Placement::Other
                        || src.has_cross_region_replica)
                {
                    return Some("P2 Region/account/cross-Region replica");
                }
            }
        }
        PathId::XtrabackupS3 | PathId::XtrabackupS3Binlog => {
            if src.engine != DbEngine::Mysql || tgt.engine != DbEngine::Mysql {
                return Some("XtraBackup is MySQL only");
            }
            if src.location.managed() || src.encrypted || src.tables_outside_datadir {
                return Some("XtraBackup source rules");
            }
            if tgt.service == Service::Aurora && !engines_ok {
                return Some("XtraBackup target rules");
            }
            if !(src.version.starts_with("5.7") || src.version.starts_with("8.0")) {
                return Some("XtraBackup version");
            }
            if p == PathId::XtrabackupS3Binlog && !binlog_ok(false) {
                return Some("binlog");
            }
        }
        PathId::MysqldumpBinlog | PathId::MydumperBinlog
            if src.engine != DbEngine::Mysql || !binlog_ok(false) =>
        {
            return Some("binlog replication needs a MySQL source with binary logging");
        }
        PathId::PgLogicalReplication
            if src.engine != DbEngine::Postgresql
                || !pg_cdc_ok()
                || src.version.starts_with("9.3") =>
        {
            return Some("logical replication rules");
        }
        PathId::DmsFullLoadCdc | PathId::DmsCdcOnly => {
            let ok = match src.engine.family() {
                Family::Mysql => binlog_ok(true),
                Family::Postgresql => pg_cdc_ok() && !src.version.starts_with("9.3"),
                _ => true,
            };
            if !ok {
                return Some("DMS CDC source prerequisites");
            }
            if p == PathId::DmsCdcOnly
                && (change || !matches!(src.engine.family(), Family::Mysql | Family::Postgresql))
            {
                return Some("CDC-only needs a native seed");
            }
        }
        PathId::OfflineTransfer
            if !src.location.outside_aws()
                || !s.options.allow_offline_transfer
                || s.constraints.deadline_seconds.is_none() =>
        {
            return Some("offline transfer rules");
        }
        _ => {}
    }
    None
}

proptest! {
    #[test]
    fn chosen_paths_satisfy_every_hard_constraint(s in any_scenario()) {
        let Ok(r) = select_migration_path(&s) else {
            // Invalid combinations (e.g. Oracle on Aurora) must fail with pointer paths.
            let e = select_migration_path(&s).err();
            prop_assert!(e.is_some_and(|e| !e.issues.is_empty() && e.issues.iter().all(|i| i.path.starts_with('/') || i.path.is_empty())));
            return Ok(());
        };
        let c = &s.constraints;
        for p in &r.feasible {
            prop_assert!(p.checks.iter().all(|c| c.passed));
            prop_assert_eq!(violated(p.path, &s), None, "{:?}", p.path);
            // Over a limit only through placeholders: then a warning names the break-even.
            let warned = |code: &str| p.warnings.iter().any(|w| w.code == code && !w.depends_on.is_empty());
            if let Some(t) = c.downtime_tolerance_seconds {
                prop_assert!(p.downtime_seconds <= t.0 || p.warnings.iter().any(|w| w.code == "downtime_depends_on_placeholders" && w.break_even_seconds.is_some_and(|b| b <= t.0)));
            }
            if let Some(d) = c.deadline_seconds {
                prop_assert!(p.duration_seconds <= d.0 || p.warnings.iter().any(|w| w.code == "deadline_depends_on_placeholders" && w.break_even_seconds.is_some_and(|b| b <= d.0)));
            }
            if let Some(b) = c.budget_usd { prop_assert!(p.cost.priced_usd <= b || warned("over_budget_depends_on_placeholders")); }
            if c.source_must_stay_online { prop_assert_eq!(p.kind, Kind::Ongoing); }
            prop_assert_eq!(p.schema_conversion.is_some(), r.engine_change);
            prop_assert!(p.duration_seconds.is_finite() && p.downtime_seconds >= 0.0 && p.downtime_seconds <= p.duration_seconds + 1e-6);
            prop_assert!(p.cost.priced_usd >= 0.0);
            let mut t = 0.0;
            for ph in &p.timeline {
                prop_assert!((ph.start_seconds - t).abs() <= 1e-6 * t.max(1.0) && ph.end_seconds >= ph.start_seconds);
                t = ph.end_seconds;
            }
        }
        for x in &r.excluded {
            prop_assert!(!x.reasons.is_empty());
        }
        prop_assert_eq!(r.feasible.len() + r.excluded.len(), PathId::ALL.len());
    }

    #[test]
    fn ranking_is_ordered_and_deterministic(s in any_scenario()) {
        let (Ok(a), Ok(b)) = (select_migration_path(&s), select_migration_path(&s)) else { return Ok(()); };
        prop_assert_eq!(&a, &b);
        for (i, p) in a.feasible.iter().enumerate() {
            prop_assert_eq!(p.rank as usize, i + 1);
        }
        // Ranking is a function of the set: re-ranking the list reversed gives the same order.
        let mut again: Vec<PathPlan> = a.feasible.iter().rev().cloned().collect();
        let reason = rank::rank(&mut again, &s);
        prop_assert_eq!(&again, &a.feasible);
        prop_assert_eq!(&reason, &a.ranking_reason);
        prop_assert_eq!(a.ranking_reason.is_some(), a.feasible.len() >= 2);
        prop_assert_eq!(a.recommended, a.feasible.first().map(|p| p.path));
        // The same scenario through JSON gives the same report.
        let v = serde_json::to_value(&s).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let via_json = crate::api::json::select_migration_path(v).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(via_json, crate::boundary::to_value(&a));
    }
}

fn feasible_set(r: &MigrationReport) -> Vec<PathId> {
    let mut v: Vec<PathId> = r.feasible.iter().map(|p| p.path).collect();
    v.sort();
    v
}

proptest! {
    /// migration.md §7.3: a default marked heuristic, unconfirmed or derived may reorder the
    /// feasible paths and change their warnings, never the set.
    #[test]
    fn placeholder_defaults_never_change_the_feasible_set(
        s in any_scenario(),
        factors in proptest::collection::vec(prop_oneof![0.001f64..1.0, 1.0f64..1000.0], Param::ALL.len()),
        utilization in 0.05f64..=1.0,
    ) {
        let Ok(base) = select_migration_path(&s) else { return Ok(()); };
        let factor = |p: Param| {
            let i = Param::ALL.iter().position(|q| *q == p).unwrap_or(0);
            factors.get(i).copied().unwrap_or(1.0)
        };
        let params = assumptions::Params::resolve(&s.overrides).scaled(factor);
        let varied = select_with(&s, params, utilization).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert_eq!(feasible_set(&varied), feasible_set(&base));
    }
}

#[test]
fn short_tolerance_keeps_the_replica_first_with_the_cutover_break_even() {
    for (engine, version, target_version, extra) in [
        ("mysql", "8.0.35", "3.05.2", json!({"binlog_format": "row"})),
        (
            "postgresql",
            "15.5",
            "15.5",
            json!({"wal_level": "logical", "all_tables_have_primary_keys": true}),
        ),
    ] {
        let mut src = json!({"engine": engine, "version": version, "location": "rds", "size_gib": "500 GiB",
                             "encrypted": true, "change_rate_bps": "1 MB/s"});
        if let (Some(o), Some(e)) = (src.as_object_mut(), extra.as_object()) {
            o.extend(e.clone());
        }
        let r = report(&scenario(json!({
            "source": src,
            "target": {"service": "aurora", "engine": engine, "version": target_version},
            "constraints": {"downtime_tolerance_seconds": "5m"}
        })));
        assert_eq!(r.recommended, Some(PathId::AuroraReadReplica), "{engine}");
        let first = &r.feasible[0];
        let w = &first.warnings[0];
        assert_eq!(w.code, "downtime_depends_on_placeholders");
        assert_eq!(w.depends_on, vec!["cutover_seconds".to_owned()]);
        assert_eq!(w.break_even_seconds, Some(300.0));
        assert!(
            w.message.contains("feasible if cut-over ≤ 5 min"),
            "{}",
            w.message
        );
        assert!(
            w.message.contains("overrides.cutover_seconds"),
            "{}",
            w.message
        );
        // The caller's own measured cut-over decides: 2 minutes fits, with no warning; 6 excludes.
        let mut s = scenario(json!({
            "source": {"engine": "mysql", "version": "8.0.35", "location": "rds", "size_gib": "500 GiB",
                       "encrypted": true, "binlog_format": "row", "change_rate_bps": "1 MB/s"},
            "target": {"service": "aurora", "engine": "mysql", "version": "3.05.2"},
            "constraints": {"downtime_tolerance_seconds": "5m"},
            "overrides": {"cutover_seconds": "2m"}
        }));
        let r = report(&s);
        assert_eq!(r.recommended, Some(PathId::AuroraReadReplica));
        assert!(r.feasible[0].warnings.is_empty());
        s.overrides.cutover_seconds = Some(Seconds(360.0));
        let r = report(&s);
        assert!(
            r.feasible
                .iter()
                .all(|p| p.kind == Kind::OneTime || p.path == PathId::RdsSnapshotToAurora),
            "{:?}",
            r.feasible.iter().map(|p| p.path).collect::<Vec<_>>()
        );
        assert_eq!(
            excluded_codes(&r, PathId::AuroraReadReplica),
            vec![ReasonCode::DowntimeExceedsTolerance]
        );
    }
}

#[test]
fn time_counts_physical_beats_logical_for_three_tib() {
    let s = scenario(json!({
        "source": {"engine": "mysql", "version": "8.0.36", "location": "on_premises", "size_gib": "3 TiB",
                   "encrypted": false, "binlog_format": "row", "change_rate_bps": "1 MB/s",
                   "innodb_page_size_kib": 16, "default_system_tablespace": true, "innodb_log_files_in_group": 2},
        "target": {"service": "aurora", "engine": "mysql", "version": "3.05.2"},
        "network": {"bandwidth_bps": "1 Gbps", "link": "direct_connect"},
        "constraints": {"downtime_tolerance_seconds": "15m"}
    }));
    let r = report(&s);
    let order: Vec<PathId> = r.feasible.iter().map(|p| p.path).collect();
    let at = |p: PathId| order.iter().position(|q| *q == p).unwrap_or(usize::MAX);
    assert_eq!(r.recommended, Some(PathId::XtrabackupS3Binlog), "{order:?}");
    assert!(at(PathId::XtrabackupS3Binlog) < at(PathId::MydumperBinlog));
    assert!(at(PathId::MydumperBinlog) < at(PathId::MysqldumpBinlog));
    let reason = r.ranking_reason.unwrap_or_default();
    assert!(
        reason.starts_with("xtrabackup_s3_binlog ranks above mydumper_binlog"),
        "{reason}"
    );
    assert!(
        reason.contains("done in 1 d 1 h instead of 1 d 11 h"),
        "{reason}"
    );
    // Prefer least effort and the ranking is the effort order again; cheapest puts the $0 paths first.
    let mut cheap = s.clone();
    cheap.options.prefer = Preference::Cheapest;
    let r = report(&cheap);
    assert_eq!(r.feasible[0].cost.total_usd, Some(0.0));
    assert_eq!(r.preference, Preference::Cheapest);
}

#[test]
fn informational_notes_are_not_risk() {
    assert!(!rank::is_risk("one_snapshot_copy_per_region"));
    assert!(!rank::is_risk("cross_account_snapshot"));
    assert!(rank::is_risk("lob_truncation_risk"));
}

// ---- golden coverage ------------------------------------------------------------------------

/// Every path is feasible in, and every reason code excludes a path in, at least one golden case.
#[test]
fn goldens_cover_every_path_and_every_reason() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/golden/migration");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        panic!("no golden directory at {}", dir.display())
    };
    let mut feasible = std::collections::BTreeSet::new();
    let mut reasons = std::collections::BTreeSet::new();
    let mut cases = 0;
    for e in entries.flatten() {
        let Ok(text) = std::fs::read_to_string(e.path().join("expected.json")) else {
            continue;
        };
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        cases += 1;
        for p in v["feasible"].as_array().into_iter().flatten() {
            feasible.insert(p["path"].as_str().unwrap_or_default().to_owned());
        }
        for x in v["excluded"].as_array().into_iter().flatten() {
            for r in x["reasons"].as_array().into_iter().flatten() {
                reasons.insert(r["code"].as_str().unwrap_or_default().to_owned());
            }
        }
    }
    assert!(cases >= 25, "only {cases} migration golden cases");
    for p in PathId::ALL {
        let name = serde_json::to_value(p)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        assert!(
            feasible.contains(&name),
            "no golden case where {name} is feasible"
        );
    }
    for c in ReasonCode::ALL {
        assert!(
            reasons.contains(c.as_str()),
            "no golden case excluded by {}",
            c.as_str()
        );
    }
}

#[test]
fn catch_up_and_dms_quota_warnings_give_their_break_even() {
    // Catch-up: the apply rate must exceed the caller's change rate (20 MB/s = 160 Mbit/s).
    let mut v = rds_mysql();
    v["source"]["change_rate_bps"] = json!("20 MB/s");
    let r = report(&scenario(v));
    let w = r
        .feasible
        .iter()
        .find(|p| p.path == PathId::AuroraReadReplica)
        .and_then(|p| {
            p.warnings
                .iter()
                .find(|w| w.code == "catch_up_cannot_keep_up_depends_on_placeholders")
        })
        .unwrap_or_else(|| panic!("no catch-up warning"));
    assert!(
        w.message
            .contains("feasible if the apply rate exceeds the change rate 160,000,000 bit/s"),
        "{}",
        w.message
    );
    assert_eq!(w.break_even_seconds, None);
    // DMS storage quota: 30,000 GB of cached changes at 20 MB/s is 1,500,000 s of full load.
    let v = json!({
        "source": {"engine": "sqlserver", "version": "2022", "location": "ec2",
                   "size_gib": "100 TiB", "encrypted": true, "change_rate_bps": "20 MB/s"},
        "target": {"service": "rds", "engine": "sqlserver", "version": "2022"},
        "overrides": {"dms_cdc_apply_rate_bps": "200 MB/s"}
    });
    let r = report(&scenario(v));
    let p = r
        .feasible
        .iter()
        .find(|p| p.path == PathId::DmsFullLoadCdc)
        .unwrap_or_else(|| panic!("full load + CDC not feasible: {:?}", r.excluded));
    let w = p
        .warnings
        .iter()
        .find(|w| w.code == "dms_storage_quota_depends_on_placeholders")
        .unwrap_or_else(|| panic!("no quota warning: {:?}", p.warnings));
    let b = w.break_even_seconds.unwrap_or(f64::NAN);
    assert!((b - 1_500_000.0).abs() < 1.0, "{b}");
    assert!(
        w.message.contains("feasible if the full load takes ≤ "),
        "{}",
        w.message
    );
}

#[test]
fn change_rate_over_the_default_link_share_gives_the_share_needed() {
    // 11 MB/s = 88 Mbit/s over a 100 Mbit/s link: above the default 80 % share, below 100 %.
    let v = json!({
        "source": {"engine": "mysql", "version": "8.0.36", "location": "on_premises",
                   "size_gib": 50, "encrypted": false, "binlog_format": "row",
                   "change_rate_bps": "11 MB/s"},
        "target": {"service": "aurora", "engine": "mysql", "version": "3.05.2"},
        "network": {"bandwidth_bps": "100 Mbps"}
    });
    let r = report(&scenario(v));
    let w = r
        .feasible
        .iter()
        .flat_map(|p| p.warnings.iter())
        .find(|w| w.code == "change_rate_exceeds_link_depends_on_placeholders")
        .unwrap_or_else(|| panic!("no link warning"));
    assert!(
        w.message
            .contains("feasible if the migration may use more than 88 % of the link"),
        "{}",
        w.message
    );
    assert!(w.depends_on.contains(&"network.utilization".to_owned()));
}

#[test]
fn budget_warning_gives_the_billed_hours_it_allows() {
    // $1 of budget at $0.50/h of replication instance: feasible if it runs ≤ 2 h.
    let v = json!({
        "source": {"engine": "sqlserver", "version": "2022", "location": "ec2",
                   "size_gib": "1 TiB", "encrypted": true},
        "target": {"service": "rds", "engine": "sqlserver", "version": "2022"},
        "constraints": {"budget_usd": 1.0},
        "prices": {"dms_instance_usd_per_hour": 0.5}
    });
    let r = report(&scenario(v));
    let p = r
        .feasible
        .iter()
        .find(|p| p.path == PathId::DmsFullLoad)
        .unwrap_or_else(|| panic!("DMS full load not feasible: {:?}", r.excluded));
    assert!(p.cost.priced_usd > 1.0, "{}", p.cost.priced_usd);
    let w = p
        .warnings
        .iter()
        .find(|w| w.code == "over_budget_depends_on_placeholders")
        .unwrap_or_else(|| panic!("no budget warning: {:?}", p.warnings));
    assert_eq!(w.break_even_seconds, Some(7200.0));
    assert!(
        w.message
            .contains("feasible if the hour-billed resources run ≤ 2 h ($0.50/h together)"),
        "{}",
        w.message
    );
}
