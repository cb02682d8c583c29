//! Tests of the cross-account, binlog-retention and offline-seed rules (migration.md §10).

use serde_json::json;

use crate::migration::{
    select_migration_path, MigrationReport, MigrationScenario, PathId, ReasonCode,
};

fn report(v: serde_json::Value) -> MigrationReport {
    let s: MigrationScenario = match serde_json::from_value(v) {
        Ok(s) => s,
        Err(e) => panic!("test scenario does not parse: {e}"),
    };
    match select_migration_path(&s) {
        Ok(r) => r,
        Err(e) => panic!("unexpected error: {e:?}"),
    }
}

fn codes(r: &MigrationReport, path: PathId) -> Vec<ReasonCode> {
    r.excluded
        .iter()
        .filter(|x| x.path == path)
        .flat_map(|x| x.reasons.iter().map(|e| e.code))
        .collect()
}

fn feasible(r: &MigrationReport, path: PathId) -> bool {
    r.feasible.iter().any(|p| p.path == path)
}

fn rds_mysql(region: &str, account: &str, encrypted: bool) -> serde_json::Value {
    json!({
        "source": {"engine": "mysql", "version": "8.0.35", "location": "rds", "size_gib": 1024,
                   "encrypted": encrypted, "binlog_format": "row", "change_rate_bps": "100 kB/s"},
        "target": {"service": "aurora", "engine": "mysql", "version": "3.05.2",
                   "region": region, "account": account}
    })
}

#[test]
fn a_replica_never_crosses_accounts_and_names_its_rule() {
    for (region, account) in [("same", "other"), ("other", "other")] {
        let r = report(rds_mysql(region, account, true));
        let x = r
            .excluded
            .iter()
            .find(|x| x.path == PathId::AuroraReadReplica)
            .unwrap_or_else(|| panic!("replica not excluded for {region}/{account}"));
        let rule = x
            .reasons
            .iter()
            .find(|e| e.code == ReasonCode::CrossRegionOrAccount)
            .unwrap_or_else(|| panic!("no cross-account reason"));
        assert_eq!(rule.reference.section, "migration.md §10.1");
        assert!(rule.reference.source.contains("USER_ReadRepl"));
        assert!(feasible(&r, PathId::RdsSnapshotToAurora));
    }
    // Another Region in the same account: the MySQL replica stays, with its warning.
    let r = report(rds_mysql("other", "same", true));
    assert!(feasible(&r, PathId::AuroraReadReplica));
}

#[test]
fn cross_account_snapshot_is_shared_then_copied() {
    let r = report(rds_mysql("same", "other", true));
    let p = r
        .feasible
        .iter()
        .find(|p| p.path == PathId::RdsSnapshotToAurora)
        .unwrap_or_else(|| panic!("snapshot path not feasible"));
    let pre: Vec<&str> = p.prerequisites.iter().map(|i| i.text.as_str()).collect();
    assert!(pre
        .iter()
        .any(|t| t.contains("automated snapshot cannot be shared")));
    assert!(pre
        .iter()
        .any(|t| t.contains("default (AWS managed) key cannot be shared")));
    let terms: Vec<&str> = p
        .timeline
        .iter()
        .flat_map(|ph| ph.terms.iter().map(|t| t.what.as_str()))
        .collect();
    assert!(terms.contains(&"copy the shared encrypted snapshot in the target account"));
    assert!(
        p.notes.is_empty(),
        "sharing facts are prerequisites, not risk"
    );
    // Unencrypted: no KMS prerequisite and no extra copy.
    let r = report(rds_mysql("same", "other", false));
    let p = r
        .feasible
        .iter()
        .find(|p| p.path == PathId::RdsSnapshotToAurora)
        .unwrap_or_else(|| panic!("snapshot path not feasible"));
    assert!(!p.prerequisites.iter().any(|i| i.text.contains("KMS")));
    assert_eq!(p.timeline.iter().map(|ph| ph.terms.len()).sum::<usize>(), 2);
    // Cross-Region only: the one-copy-per-Region fact is a prerequisite, not a note.
    let r = report(rds_mysql("other", "same", false));
    let p = r
        .feasible
        .iter()
        .find(|p| p.path == PathId::RdsSnapshotToAurora)
        .unwrap_or_else(|| panic!("snapshot path not feasible"));
    assert!(p
        .prerequisites
        .iter()
        .any(|i| i.text.contains("one snapshot copy")));
    assert!(p.notes.is_empty());
}

fn binlog_seed(location: &str, rate: &str) -> MigrationReport {
    // 1 TiB dumped and loaded at `rate` each: 2 × 8,796,093,022,208 bit / rate.
    report(json!({
        "source": {"engine": "mysql", "version": "8.0.35", "location": location, "size_gib": 1024,
                   "encrypted": true, "binlog_format": "row", "binlog_row_image": "full"},
        "target": {"service": "rds", "engine": "mysql", "version": "8.0.35"},
        "overrides": {"mydumper_dump_rate_bps": rate, "myloader_load_rate_bps": rate}
    }))
}

#[test]
fn rds_mysql_binlog_retention_bounds_the_seed_at_168_hours() {
    // 30 Mbit/s: 586,337 s ≈ 162.9 h ≤ 168 h.
    let r = binlog_seed("rds", "30 Mbps");
    assert!(feasible(&r, PathId::MydumperBinlog));
    // 28 Mbit/s: 628,221 s ≈ 174.5 h > 168 h.
    let r = binlog_seed("rds", "28 Mbps");
    assert_eq!(
        codes(&r, PathId::MydumperBinlog),
        vec![ReasonCode::BinlogRetentionExceeded]
    );
    assert!(codes(&r, PathId::DmsCdcOnly).contains(&ReasonCode::BinlogRetentionExceeded));
    // DMS full load + CDC caches changes during the load: not bound.
    assert!(!codes(&r, PathId::DmsFullLoadCdc).contains(&ReasonCode::BinlogRetentionExceeded));
    // Aurora MySQL keeps up to 2160 h; a self-managed source is the operator's setting.
    for loc in ["aurora", "ec2"] {
        let r = binlog_seed(loc, "28 Mbps");
        assert!(
            !codes(&r, PathId::MydumperBinlog).contains(&ReasonCode::BinlogRetentionExceeded),
            "{loc}"
        );
    }
}

fn big_onprem(encrypted: bool, allow: bool) -> MigrationReport {
    report(json!({
        "source": {"engine": "mysql", "version": "8.0.36", "location": "on_premises",
                   "size_gib": "50 TiB", "largest_table_gib": "4 TiB", "encrypted": encrypted,
                   "binlog_format": "row", "binlog_row_image": "full", "change_rate_bps": "1 MB/s"},
        "target": {"service": "aurora", "engine": "mysql", "version": "3.06.0"},
        "network": {"bandwidth_bps": "100 Mbps"},
        "constraints": {"deadline_seconds": "14d", "downtime_tolerance_seconds": "30m"},
        "options": {"allow_offline_transfer": allow},
        "overrides": {"xtrabackup_backup_rate_bps": "2.4 Gbps", "offline_copy_rate_bps": "2.4 Gbps",
                      "s3_restore_rate_bps": "2.4 Gbps", "mydumper_dump_rate_bps": "2.4 Gbps",
                      "myloader_load_rate_bps": "2.4 Gbps", "offline_transit_seconds": "2d",
                      "cutover_seconds": "5m"}
    }))
}

#[test]
fn offline_seed_downtime_is_the_cut_over_and_xtrabackup_seeds_only_unencrypted_sources() {
    let r = big_onprem(false, true);
    assert_eq!(r.recommended, Some(PathId::OfflineSeedCdc));
    let p = &r.feasible[0];
    assert!((p.downtime_seconds - 300.0).abs() < 1e-9);
    let first = &p.timeline[0].terms[0].what;
    assert!(
        first.starts_with("take the XtraBackup backup onto the media"),
        "{first}"
    );
    // Encrypted source: XtraBackup's S3 import does not apply, mydumper seeds instead.
    let r = big_onprem(true, true);
    let p = r
        .feasible
        .iter()
        .find(|p| p.path == PathId::OfflineSeedCdc)
        .unwrap_or_else(|| panic!("offline seed not feasible"));
    assert!(p.timeline[0].terms[0].what.starts_with("mydumper"));
    assert!(p
        .prerequisites
        .iter()
        .any(|i| i.text.contains("source_encrypted")));
    // Behind the option only.
    let r = big_onprem(false, false);
    assert!(codes(&r, PathId::OfflineSeedCdc).contains(&ReasonCode::OfflineNotEnabled));
}

fn onprem_pg(jobs: serde_json::Value, largest: serde_json::Value) -> serde_json::Value {
    json!({
        "source": {"engine": "postgresql", "version": "15.5", "location": "on_premises",
                   "size_gib": 1024, "largest_table_gib": largest, "encrypted": false},
        "target": {"service": "aurora", "engine": "postgresql", "version": "15.5"},
        "network": {"bandwidth_bps": "10 Gbps"},
        "overrides": {"pg_dump_jobs": jobs}
    })
}

fn first_term_seconds(r: &MigrationReport, path: PathId) -> f64 {
    let p = r
        .feasible
        .iter()
        .find(|p| p.path == path)
        .unwrap_or_else(|| panic!("{path:?} not feasible"));
    p.timeline[0].terms[0].seconds
}

#[test]
fn parallel_pg_dump_is_bounded_by_the_largest_table() {
    // One job: the same dump as pg_dump -Fc.
    let r = report(onprem_pg(json!(1), json!(100)));
    let single = first_term_seconds(&r, PathId::PgDumpRestore);
    assert!((first_term_seconds(&r, PathId::PgDumpParallel) - single).abs() < 1e-6);
    // Eight jobs, small tables: an eighth of the time.
    let r = report(onprem_pg(json!(8), json!(100)));
    assert!((first_term_seconds(&r, PathId::PgDumpParallel) - single / 8.0).abs() < 1e-6);
    // Eight jobs, one 512 GiB table: half the time (the largest table's share).
    let r = report(onprem_pg(json!(8), json!(512)));
    assert!((first_term_seconds(&r, PathId::PgDumpParallel) - single / 2.0).abs() < 1e-6);
    // Jobs are whole numbers ≥ 1.
    for bad in [json!(0), json!(2.5)] {
        let s: MigrationScenario = match serde_json::from_value(onprem_pg(bad.clone(), json!(1))) {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        };
        let err = select_migration_path(&s)
            .err()
            .unwrap_or_else(|| panic!("{bad} accepted"));
        assert!(
            err.issues
                .iter()
                .any(|i| i.path == "/overrides/pg_dump_jobs"),
            "{bad}"
        );
    }
}

// ---- Aurora Serverless v2 as the target (migration.md §10.8) ---------------------------------

fn plan(r: &MigrationReport, path: PathId) -> &crate::migration::PathPlan {
    r.feasible
        .iter()
        .find(|p| p.path == path)
        .unwrap_or_else(|| panic!("{path:?} not feasible: {:?}", codes(r, path)))
}

fn has_note(p: &crate::migration::PathPlan, code: &str) -> bool {
    p.notes.iter().any(|n| n.code == code)
}

#[test]
fn serverless_v2_paths_built_by_aws_switch_after_cut_over_the_others_load_directly() {
    let mut v = rds_mysql("same", "same", true);
    v["target"]["capacity"] = json!("serverless");
    let serverless = report(v);
    let provisioned = report(rds_mysql("same", "same", true));
    for path in [PathId::RdsSnapshotToAurora, PathId::AuroraReadReplica] {
        let p = plan(&serverless, path);
        assert!(has_note(p, "serverless_v2_switch"), "{path:?}");
        assert!(!has_note(p, "serverless_v2_capacity"), "{path:?}");
        // The switch comes after cut-over: the last step is the failover, after the cut-over one.
        let cut = p
            .steps
            .iter()
            .position(|s| s.contains("Point the application"))
            .unwrap_or_else(|| panic!("no cut-over step"));
        let fail = p
            .steps
            .iter()
            .position(|s| s.starts_with("Fail over to the Serverless v2 reader"))
            .unwrap_or_else(|| panic!("no failover step"));
        assert!(cut < fail, "{:?}", p.steps);
        assert_eq!(fail, p.steps.len() - 1);
        // Neither downtime nor duration moves: the switch is scheduled after cut-over.
        let q = plan(&provisioned, path);
        assert_eq!(p.downtime_seconds, q.downtime_seconds);
        assert_eq!(p.duration_seconds, q.duration_seconds);
        assert!(!has_note(q, "serverless_v2_switch"));
    }
    let p = plan(&serverless, PathId::Mysqldump);
    assert!(has_note(p, "serverless_v2_capacity"));
    assert!(!has_note(p, "serverless_v2_switch"));
    assert!(p.steps[0].contains("db.serverless writer"), "{:?}", p.steps);
    assert!(p
        .prerequisites
        .iter()
        .any(|i| i.text.contains("ServerlessV2ScalingConfiguration")));
    // Informational notes: the set of feasible paths and the risk counts do not move.
    let ids = |r: &MigrationReport| r.feasible.iter().map(|p| p.path).collect::<Vec<_>>();
    let mut a = ids(&serverless);
    let mut b = ids(&provisioned);
    a.sort();
    b.sort();
    assert_eq!(a, b);
    for p in &serverless.feasible {
        assert_eq!(p.risk, plan(&provisioned, p.path).risk, "{:?}", p.path);
    }
}

#[test]
fn xtrabackup_into_serverless_v2_restores_provisioned_then_switches() {
    let v = json!({
        "source": {"engine": "mysql", "version": "8.0.36", "location": "on_premises",
                   "size_gib": 500, "encrypted": false, "binlog_format": "row"},
        "target": {"service": "aurora", "engine": "mysql", "version": "3.05.2",
                   "capacity": "serverless"},
        "network": {"bandwidth_bps": "1 Gbps"}
    });
    let r = report(v);
    let p = plan(&r, PathId::XtrabackupS3);
    assert!(has_note(p, "serverless_v2_switch"));
    let c = p
        .checks
        .iter()
        .find(|c| c.code == ReasonCode::TargetServerless)
        .unwrap_or_else(|| panic!("no serverless check"));
    assert!(c.passed);
    assert!(c.detail.contains("provisioned writer"), "{}", c.detail);
    assert!(has_note(
        plan(&r, PathId::Mydumper),
        "serverless_v2_capacity"
    ));
}

#[test]
fn serverless_v2_has_no_aurora_mysql_version_2() {
    for version in ["2.11.4", "5.7"] {
        let v = json!({
            "source": {"engine": "mysql", "version": "5.7.44", "location": "rds",
                       "size_gib": 100, "encrypted": true, "binlog_format": "row"},
            "target": {"service": "aurora", "engine": "mysql", "version": version,
                       "capacity": "serverless"}
        });
        let r = report(v);
        assert!(r.feasible.is_empty(), "{version}");
        for path in [
            PathId::AuroraReadReplica,
            PathId::Mysqldump,
            PathId::DmsFullLoad,
        ] {
            assert!(
                codes(&r, path).contains(&ReasonCode::TargetServerless),
                "{version} {path:?}"
            );
        }
        let x = r
            .excluded
            .iter()
            .flat_map(|x| x.reasons.iter())
            .find(|e| e.code == ReasonCode::TargetServerless)
            .unwrap_or_else(|| panic!("no reason"));
        assert_eq!(x.reference.section, "migration.md §10.8");
    }
    // The same source into a provisioned 5.7 cluster keeps its paths.
    let v = json!({
        "source": {"engine": "mysql", "version": "5.7.44", "location": "rds",
                   "size_gib": 100, "encrypted": true, "binlog_format": "row"},
        "target": {"service": "aurora", "engine": "mysql", "version": "2.11.4"}
    });
    assert!(feasible(&report(v), PathId::AuroraReadReplica));
}

#[test]
fn dms_cdc_only_stays_on_a_replication_instance() {
    let mut v = rds_mysql("same", "same", true);
    v["target"]["service"] = json!("rds");
    v["target"]["version"] = json!("8.0.36");
    let r = report(v);
    let p = plan(&r, PathId::DmsCdcOnly);
    let n = p
        .notes
        .iter()
        .find(|n| n.code == "dms_serverless_no_cdc_start_point")
        .unwrap_or_else(|| panic!("no DMS Serverless note: {:?}", p.notes));
    assert!(n.source.starts_with("migration.md §10.9"));
    // Priced on the replication instance: the DMS line is there.
    assert!(
        p.cost.lines.iter().any(|l| l.item.contains("DMS")),
        "{:?}",
        p.cost.lines
    );
    // Full load + CDC has no custom start point: no such note.
    assert!(!has_note(
        plan(&r, PathId::DmsFullLoadCdc),
        "dms_serverless_no_cdc_start_point"
    ));
}
