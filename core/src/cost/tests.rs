//! Hand-worked cost cases (docs/cost-cases.md) and invariants.

use super::*;
use crate::error::ErrorCode;
use crate::pricing::{book_from_value, default_price_book};
use proptest::prelude::*;
use serde_json::json;

const DAY: f64 = 86_400.0;
const M: f64 = 730.0 / 24.0; // days per 730-h month

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

macro_rules! assert_close {
    ($a:expr, $b:expr) => {{
        let (a, b) = ($a, $b);
        assert!(close(a, b), "{} = {a}, expected {b}", stringify!($a));
    }};
}

fn points(v: serde_json::Value) -> Vec<RecoveryPointLife> {
    serde_json::from_value(v).unwrap()
}

fn opts(v: serde_json::Value) -> BackupCostOptions {
    serde_json::from_value(v).unwrap()
}

/// Case 1: pricing.md §9's worked example, $10.00 with cold vs $25.00 all warm.
#[test]
fn case1_efs_worked_example() {
    let s = 500.0 / 120.0;
    let p = |cold: bool| {
        let mut v = json!({"resource_type": "EFS", "resource_id": "fs-1", "vault": "v",
            "region": "us-east-1", "created_at_seconds": -120.0 * DAY, "size_gib": s,
            "full": true, "deleted_at_seconds": 0.0,
            "repeat": {"count": 212, "every_seconds": DAY}});
        if cold {
            v["cold_at_seconds"] = json!(-90.0 * DAY);
        }
        points(json!([v]))
    };
    let o = opts(json!({"horizon_months": 3}));
    let book = default_price_book();
    let with_cold = backup_cost(&p(true), &book, &o).unwrap();
    for m in &with_cold.months {
        assert_close!(m.usd.total_usd, 10.0);
        assert_close!(m.usd.storage_warm_usd, 6.25);
        assert_close!(m.usd.storage_cold_usd, 3.75);
        assert_eq!(m.usd.early_deletion_usd, 0.0);
    }
    assert!(with_cold.steady_state.reached);
    assert_eq!(with_cold.steady_state.from_month, Some(1));
    assert_close!(with_cold.steady_state.monthly_usd.unwrap(), 10.0);
    let warm = backup_cost(&p(false), &book, &o).unwrap();
    assert_close!(warm.steady_state.monthly_usd.unwrap(), 25.0);
}

/// Case 2: EFS point deleted 30 days after moving to cold: 60 more days billed.
#[test]
fn case2_cold_early_deletion() {
    let p = points(
        json!([{"resource_type": "EFS", "resource_id": "fs-1", "vault": "v",
        "region": "us-east-1", "created_at_seconds": 0, "size_gib": 100, "full": true,
        "cold_at_seconds": 30.0 * DAY, "deleted_at_seconds": 60.0 * DAY}]),
    );
    let c = backup_cost(
        &p,
        &default_price_book(),
        &opts(json!({"horizon_months": 3})),
    )
    .unwrap();
    assert_close!(c.horizon_usd.storage_warm_usd, 100.0 * 0.05 * 30.0 / M);
    assert_close!(c.horizon_usd.storage_cold_usd, 100.0 * 0.01 * 30.0 / M);
    assert_close!(c.horizon_usd.early_deletion_usd, 100.0 * 0.01 * 60.0 / M);
    assert_close!(c.horizon_usd.early_deletion_usd, 1.9726027397260273);
    assert_close!(c.months[0].usd.total_usd, 4.945205479452055);
    assert_close!(c.months[1].usd.total_usd, 2.9452054794520546);
    assert_close!(c.horizon_usd.total_usd, 7.890410958904109);
    // Total cold charge = 90 days of cold storage.
    assert_close!(
        c.horizon_usd.storage_cold_usd + c.horizon_usd.early_deletion_usd,
        100.0 * 0.01 * 90.0 / M
    );
}

/// Case 3: RDS doc example: 50 + 75 GB backups, 100 GB allocated → 25 GB billed.
#[test]
fn case3_rds_free_allowance() {
    let p = points(json!([
        {"resource_type": "RDS", "resource_id": "db", "vault": "v", "region": "us-east-1",
         "created_at_seconds": 0, "size_gib": 50, "full": true},
        {"resource_type": "RDS", "resource_id": "db", "vault": "w", "region": "us-east-1",
         "created_at_seconds": 0, "size_gib": 75, "full": true}]));
    let o = opts(json!({"horizon_months": 2, "rds_allocated_gib": {"us-east-1": 100}}));
    let c = backup_cost(&p, &default_price_book(), &o).unwrap();
    for m in &c.months {
        assert_close!(m.usd.total_usd, 25.0 * 0.095);
        let free: f64 = m.lines.iter().filter_map(|l| l.free_quantity).sum();
        assert_close!(free, 100.0);
    }
    // Without the allowance, all 125 GB are billed, with a note.
    let c = backup_cost(
        &p,
        &default_price_book(),
        &opts(json!({"horizon_months": 2})),
    )
    .unwrap();
    assert_close!(c.months[0].usd.total_usd, 125.0 * 0.095);
    assert!(c.issues.iter().any(|i| i.code == "no_rds_allowance"));
}

/// Case 4: EBS archive (cold): stored full, deleted 40 days after archiving → 50 more days.
#[test]
fn case4_ebs_archive_early_deletion() {
    let p = points(
        json!([{"resource_type": "EBS", "resource_id": "vol", "vault": "v",
        "region": "us-east-1", "created_at_seconds": 0, "size_gib": 20, "full": false,
        "full_size_gib": 200, "cold_at_seconds": 10.0 * DAY, "deleted_at_seconds": 50.0 * DAY}]),
    );
    let c = backup_cost(
        &p,
        &default_price_book(),
        &opts(json!({"horizon_months": 2})),
    )
    .unwrap();
    assert_close!(c.months[0].usd.storage_warm_usd, 0.3287671232876712);
    assert_close!(c.months[0].usd.storage_cold_usd, 1.678082191780822);
    assert_close!(c.months[1].usd.storage_cold_usd, 1.6095890410958902);
    assert_close!(c.months[1].usd.early_deletion_usd, 4.10958904109589);
    assert!(c.issues.iter().any(|i| i.code == "ebs_cold_conflict"));
}

/// Case 5: DynamoDB PITR on table size, whatever the recovery period.
#[test]
fn case5_dynamodb_pitr() {
    let p = points(
        json!([{"resource_type": "DynamoDB", "resource_id": "t", "vault": "native",
        "region": "us-east-1", "created_at_seconds": 0, "size_gib": 200, "full": true,
        "continuous": true}]),
    );
    let c = backup_cost(
        &p,
        &default_price_book(),
        &opts(json!({"horizon_months": 1})),
    )
    .unwrap();
    assert_close!(c.months[0].usd.storage_continuous_usd, 40.0);
}

/// Case 6: cross-Region copies: first copy full, then incrementals; transfer at the source rate.
#[test]
fn case6_cross_region_copy() {
    let p = points(json!([
        {"resource_type": "EBS", "resource_id": "vol", "vault": "dr", "region": "us-west-2",
         "created_at_seconds": 0, "size_gib": 500, "full": true,
         "copy": {"source_region": "us-east-1", "transferred_gib": 500}},
        {"resource_type": "EBS", "resource_id": "vol", "vault": "dr", "region": "us-west-2",
         "created_at_seconds": DAY, "size_gib": 5, "full": false,
         "copy": {"source_region": "us-east-1", "transferred_gib": 5},
         "repeat": {"count": 29, "every_seconds": DAY}}]));
    let o = opts(json!({"horizon_months": 1,
        "region_prices": {"us-west-2": {"prices": {"backup.ebs.warm_gb_month": 0.05}}}}));
    let c = backup_cost(&p, &default_price_book(), &o).unwrap();
    assert_close!(c.months[0].usd.transfer_usd, 12.90);
    assert_close!(c.months[0].usd.storage_warm_usd, 28.67465753424658);
    assert!(!c
        .issues
        .iter()
        .any(|i| i.code == "priced_with_other_region"));
}

/// Copies to a Region with embedded prices (pricing.md §8.6) are billed at that Region's
/// price; a Region without one falls back to the book's with a warning per (Region, key).
#[test]
fn copies_are_billed_at_the_destination_regions_price() {
    let p = points(json!([
        {"resource_type": "EFS", "resource_id": "fs", "vault": "dr", "region": "us-west-1",
         "created_at_seconds": 0, "size_gib": 100, "full": true,
         "copy": {"source_region": "us-east-1", "transferred_gib": 100}},
        {"resource_type": "EBS", "resource_id": "vol", "vault": "dr", "region": "eu-west-1",
         "created_at_seconds": 0, "size_gib": 100, "full": true,
         "copy": {"source_region": "us-east-1", "transferred_gib": 100}}]));
    let o = opts(json!({"horizon_months": 1}));
    let c = backup_cost(&p, &default_price_book(), &o).unwrap();
    // 100 GB-month of EFS at us-west-1's $0.06 and of EBS at eu-west-1's $0.05; transfer at
    // us-east-1's $0.02 × 200 GB.
    assert_close!(
        c.months[0].usd.storage_warm_usd,
        100.0 * 0.06 + 100.0 * 0.05
    );
    assert_close!(c.months[0].usd.transfer_usd, 4.0);
    assert!(!c
        .issues
        .iter()
        .any(|i| i.code == "priced_with_other_region"));

    // ap-southeast-2 has no price of its own: us-east-1's, with the warning (storage and the
    // transfer out of it).
    let p = points(json!([
        {"resource_type": "EBS", "resource_id": "vol", "vault": "dr", "region": "ap-southeast-2",
         "created_at_seconds": 0, "size_gib": 100, "full": true},
        {"resource_type": "EBS", "resource_id": "vol", "vault": "dr", "region": "eu-west-1",
         "created_at_seconds": 0, "size_gib": 100, "full": true,
         "copy": {"source_region": "ap-southeast-2", "transferred_gib": 100}},
        {"resource_type": "EFS", "resource_id": "fs", "vault": "dr", "region": "eu-west-1",
         "created_at_seconds": 0, "size_gib": 10, "full": true}]));
    let c = backup_cost(&p, &default_price_book(), &o).unwrap();
    let warned: Vec<(&str, &str)> = c
        .issues
        .iter()
        .filter(|i| i.code == "priced_with_other_region")
        .map(|i| (i.path.as_str(), i.message.as_str()))
        .collect();
    assert_eq!(warned.len(), 3, "{warned:?}");
    assert_eq!(warned[0].0, "/0/region");
    assert!(
        warned[0].1.contains("ap-southeast-2") && warned[0].1.contains("backup.ebs.warm_gb_month")
    );
    assert!(warned
        .iter()
        .any(|(p, m)| *p == "/1/copy/source_region" && m.contains("transfer.inter_region_gb")));
    // eu-west-1 has an EBS price but no EFS price: only the EFS point warns.
    assert!(warned
        .iter()
        .any(|(p, m)| *p == "/2/region" && m.contains("backup.efs.warm_gb_month")));
    assert!(!warned.iter().any(|(p, _)| *p == "/1/region"));

    // The caller's region_prices still win over the embedded Region price.
    let o = opts(json!({"horizon_months": 1,
        "region_prices": {"us-west-1": {"prices": {"backup.efs.warm_gb_month": 0.07}}}}));
    let p = points(json!([
        {"resource_type": "EFS", "resource_id": "fs", "vault": "dr", "region": "us-west-1",
         "created_at_seconds": 0, "size_gib": 100, "full": true}]));
    let c = backup_cost(&p, &default_price_book(), &o).unwrap();
    assert_close!(c.months[0].usd.storage_warm_usd, 7.0);
}

/// A restore in a Region is priced with that Region's restore price; without one, the book's
/// price with a warning on the restore.
#[test]
fn restores_use_their_regions_price() {
    let o = opts(json!({"horizon_months": 1, "restores": [
        {"resource_type": "DynamoDB", "size_gib": 100, "region": "us-west-1"},
        {"resource_type": "DynamoDB", "size_gib": 100, "region": "ap-southeast-2"}]}));
    let c = backup_cost(&[], &default_price_book(), &o).unwrap();
    let rates: Vec<f64> = c
        .restore
        .unwrap()
        .lines
        .iter()
        .map(|l| l.rate_usd)
        .collect();
    assert_eq!(rates, vec![0.168, 0.15]);
    let w: Vec<(&str, Option<&str>)> = c
        .issues
        .iter()
        .filter(|i| i.code == "priced_with_other_region")
        .map(|i| (i.path.as_str(), i.input.as_deref()))
        .collect();
    assert_eq!(w, vec![("/restores/1/region", Some("options"))]);
}

/// Case 7: GB-day metering, partial days prorated or counted whole (UNCONFIRMED option).
#[test]
fn case7_gb_day_partial_days() {
    let p = points(
        json!([{"resource_type": "EFS", "resource_id": "fs", "vault": "v",
        "region": "us-east-1", "created_at_seconds": 0, "size_gib": 10, "full": true,
        "deleted_at_seconds": 1.5 * DAY}]),
    );
    let book = default_price_book();
    let pr = backup_cost(&p, &book, &opts(json!({"horizon_months": 1}))).unwrap();
    assert_close!(pr.horizon_usd.total_usd, 0.024657534246575342);
    let whole = backup_cost(
        &p,
        &book,
        &opts(json!({"horizon_months": 1, "gb_day_partial_days": "whole_day"})),
    )
    .unwrap();
    assert_close!(whole.horizon_usd.total_usd, 0.03287671232876712);
    assert_eq!(pr.months[0].lines[0].billing, Some(Granularity::GbDay));
}

/// Case 8: S3 Standard → Standard-IA on day 30, expire day 365.
#[test]
fn case8_s3_standard_to_ia() {
    let prof: S3ObjectProfile = serde_json::from_value(json!({
        "size_buckets": [{"objects_per_month": 1_000_000, "object_size_bytes": 1_048_576}],
        "retention_days": 365}))
    .unwrap();
    let l: S3Lifecycle = serde_json::from_value(
        json!({"transitions": [{"days": 30, "storage_class": "STANDARD_IA"}]}),
    )
    .unwrap();
    let c = s3_lifecycle_cost(&prof, &l, &default_price_book()).unwrap();
    assert_close!(c.monthly_usd, 166.5978167808219);
    assert_close!(c.by_charge["transition"], 10.0);
    assert!(c
        .issues
        .iter()
        .any(|i| i.code == "transition_days_conflict"));
    let std_only =
        s3_lifecycle_cost(&prof, &S3Lifecycle::default(), &default_price_book()).unwrap();
    assert_close!(std_only.monthly_usd, 269.53125);
}

/// Case 9: objects under 128 KB written into Standard-IA are billed as 128 KB.
#[test]
fn case9_s3_minimum_billable_size() {
    let prof: S3ObjectProfile = serde_json::from_value(json!({
        "size_buckets": [{"objects_per_month": 1_000_000, "object_size_bytes": 65_536}],
        "retention_days": 60}))
    .unwrap();
    let l: S3Lifecycle =
        serde_json::from_value(json!({"initial_storage_class": "standard_ia"})).unwrap();
    let c = s3_lifecycle_cost(&prof, &l, &default_price_book()).unwrap();
    assert_close!(c.monthly_usd, 3.009952910958904);
}

/// Case 10: small objects to Deep Archive: 32 KB + 8 KB overhead and the transition fee.
#[test]
fn case10_s3_deep_archive_small_objects() {
    let prof: S3ObjectProfile = serde_json::from_value(json!({
        "size_buckets": [{"objects_per_month": 1_000_000, "object_size_bytes": 16_384}],
        "retention_days": 365, "transition_minimum_size": "varies_by_storage_class"}))
    .unwrap();
    let l: S3Lifecycle = serde_json::from_value(
        json!({"transitions": [{"days": 0, "storage_class": "DEEP_ARCHIVE"}]}),
    )
    .unwrap();
    let c = s3_lifecycle_cost(&prof, &l, &default_price_book()).unwrap();
    assert_close!(c.by_charge["storage"], 0.5438232421875);
    assert_close!(c.by_charge["archive_overhead"], 2.105712890625);
    assert_close!(c.by_charge["transition"], 50.0);
    assert_close!(c.monthly_usd, 52.6495361328125);
    // Under all_storage_classes_128k they never move: Standard only.
    let mut p2 = prof.clone();
    p2.transition_minimum_size = Some(TransitionMinimumSize::AllStorageClasses128k);
    let c2 = s3_lifecycle_cost(&p2, &l, &default_price_book()).unwrap();
    assert_close!(c2.monthly_usd, 4.21142578125);
    // And the search keeps them in Standard.
    let s = cheapest_s3_lifecycle(&prof, &default_price_book()).unwrap();
    assert!(s.best.monthly_usd <= 4.21142578125 + 1e-9);
}

/// Case 11: optimizer, EFS daily 1 GiB full points kept a year: cold after 1 day.
#[test]
fn case11_optimizer_efs() {
    let p: ColdRuleProfile = serde_json::from_value(json!({"resource_type": "EFS",
        "backups_per_day": 1, "full_gib": 1, "retention_days": 365}))
    .unwrap();
    let o = optimize_cold_transition(&p, &default_price_book()).unwrap();
    assert_close!(o.all_warm_monthly_usd, 18.25);
    assert_eq!(o.move_to_cold_storage_after_days, Some(1));
    assert_close!(o.monthly_usd, 3.69);
    assert_close!(o.break_even.min_cold_stay_days.unwrap(), 18.0);
    assert_eq!(o.break_even.min_retention_days, Some(91));
    assert!(o.break_even.explanation.contains("≥ 91 days"));
}

/// Case 12: EBS archive stores points full: cold never pays for small incrementals.
#[test]
fn case12_optimizer_ebs_never() {
    let p: ColdRuleProfile = serde_json::from_value(json!({"resource_type": "EBS",
        "backups_per_day": 1, "full_gib": 100, "incremental_gib": 2, "retention_days": 365}))
    .unwrap();
    let o = optimize_cold_transition(&p, &default_price_book()).unwrap();
    assert_eq!(o.move_to_cold_storage_after_days, None);
    assert_close!(o.monthly_usd, 41.4);
    assert!(!o.break_even.cold_pays_off);
}

/// Case 13: an absent price fails, naming the key — never priced at 0.
#[test]
fn case13_missing_price() {
    let p = points(
        json!([{"resource_type": "DynamoDB", "resource_id": "t", "vault": "v",
        "region": "us-east-1", "created_at_seconds": 0, "size_gib": 10, "full": true,
        "cold_at_seconds": 10.0 * DAY}]),
    );
    let e = backup_cost(&p, &default_price_book(), &BackupCostOptions::default()).unwrap_err();
    assert_eq!(e.code, ErrorCode::MissingPrice);
    assert_eq!(e.issues[0].path, "/prices/backup.dynamodb.cold_gb_month");
    // Supplying it works.
    let book = book_from_value(
        "book",
        json!({"prices": {"backup.dynamodb.cold_gb_month": 0.03}}),
    )
    .unwrap();
    assert!(backup_cost(&p, &book, &BackupCostOptions::default()).is_ok());
}

/// Case 14: restore scenario, DynamoDB warm and EBS archive restores.
#[test]
fn case14_restores() {
    let o = opts(json!({"horizon_months": 1, "restores": [
        {"resource_type": "DynamoDB", "size_gib": 100},
        {"resource_type": "EBS", "size_gib": 200, "from": "cold", "month": 1}]}));
    let c = backup_cost(&[], &default_price_book(), &o).unwrap();
    let r = c.restore.unwrap();
    assert_close!(r.total_usd, 21.0);
    assert_close!(c.months[0].usd.restore_usd, 6.0);
}

#[test]
fn bad_points_are_reported_with_paths() {
    let v = json!([{"resource_type": "EBS", "resource_id": "x", "vault": "v", "region": "r",
        "created_at_seconds": 10, "size_gib": -1, "full": true, "deleted_at_seconds": 5,
        "continuous": true}]);
    let e = crate::api::json::backup_cost(v, json!(null), json!(null)).unwrap_err();
    let got: Vec<(&str, &str)> = e
        .issues
        .iter()
        .map(|i| (i.code.as_str(), i.path.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("out_of_range", "/0/size_gib"),
            ("before_creation", "/0/deleted_at_seconds"),
            ("continuous_not_supported", "/0/continuous"),
        ]
    );
    let e = crate::api::json::backup_cost(json!([]), json!(null), json!({"horizon_months": 2000}))
        .unwrap_err();
    assert_eq!(e.issues[0].path, "/horizon_months");
}

#[test]
fn cold_on_a_non_tiering_type_is_ignored_with_a_warning() {
    let p = points(
        json!([{"resource_type": "RDS", "resource_id": "db", "vault": "v",
        "region": "us-east-1", "created_at_seconds": 0, "size_gib": 10, "full": true,
        "cold_at_seconds": 0, "deleted_at_seconds": 10.0 * DAY}]),
    );
    let c = backup_cost(
        &p,
        &default_price_book(),
        &opts(json!({"horizon_months": 1})),
    )
    .unwrap();
    assert_close!(c.horizon_usd.storage_warm_usd, 10.0 * 0.095 * 10.0 / M);
    assert_eq!(c.horizon_usd.storage_cold_usd, 0.0);
    assert!(c.issues.iter().any(|i| i.code == "cold_ignored"));
}

#[test]
fn growth_without_deletion_never_reaches_steady_state() {
    let p = points(
        json!([{"resource_type": "EBS", "resource_id": "v", "vault": "v",
        "region": "us-east-1", "created_at_seconds": 0, "size_gib": 1, "full": true,
        "repeat": {"count": 3650, "every_seconds": DAY}}]),
    );
    let c = backup_cost(
        &p,
        &default_price_book(),
        &opts(json!({"horizon_months": 24})),
    )
    .unwrap();
    assert!(!c.steady_state.reached);
}

#[test]
fn s3_lifecycle_rules_are_enforced() {
    let prof: S3ObjectProfile = serde_json::from_value(json!({
        "size_buckets": [{"objects_per_month": 10, "object_size_bytes": 1e6}],
        "retention_days": 365}))
    .unwrap();
    let bad: S3Lifecycle = serde_json::from_value(json!({"transitions": [
        {"days": 10, "storage_class": "standard_ia"},
        {"days": 20, "storage_class": "glacier"},
        {"days": 40, "storage_class": "standard_ia"}]}))
    .unwrap();
    let e = s3_lifecycle_cost(&prof, &bad, &default_price_book()).unwrap_err();
    let codes: Vec<&str> = e.issues.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(
        codes,
        vec![
            "transition_too_early",
            "transition_too_early",
            "unsupported_transition"
        ]
    );
}

#[test]
fn s3_search_finds_the_hand_checked_lifecycle() {
    // 1 MiB objects kept a year, no reads: Deep Archive from day 0 is cheapest per GB, but the
    // transition fee per object matters; compare with case 8.
    let prof: S3ObjectProfile = serde_json::from_value(json!({
        "size_buckets": [{"objects_per_month": 1_000_000, "object_size_bytes": 1_048_576}],
        "retention_days": 365}))
    .unwrap();
    let s = cheapest_s3_lifecycle(&prof, &default_price_book()).unwrap();
    assert_close!(s.standard_only_monthly_usd, 269.53125);
    // Every priced comparison row re-evaluates to its stated cost.
    for row in s.comparison.iter().filter(|r| r.monthly_usd.is_some()) {
        let l = row.lifecycle.clone().unwrap();
        let c = s3_lifecycle_cost(&prof, &l, &default_price_book()).unwrap();
        assert_close!(c.monthly_usd, row.monthly_usd.unwrap());
    }
    assert!(s.best.monthly_usd <= 166.5978167808219);
    // Glacier IR has no transition price in the default book: listed as unpriced.
    assert!(s
        .comparison
        .iter()
        .any(|r| r.classes.contains(&S3Class::GlacierIr)
            && r.missing_prices
                .contains(&"s3.glacier_ir.transition_1k_requests".to_owned())));
}

#[test]
fn optimizer_matches_the_engine_in_steady_state() {
    // EFS, 2 backups/day of 3 GiB full, cold after 10 d, delete after 200 d.
    let p: ColdRuleProfile = serde_json::from_value(json!({"resource_type": "EFS",
        "backups_per_day": 2, "full_gib": 3, "retention_days": 200}))
    .unwrap();
    let o = optimize_cold_transition(&p, &default_price_book()).unwrap();
    let at10 = o
        .candidates
        .iter()
        .find(|c| c.move_to_cold_storage_after_days == Some(14))
        .unwrap()
        .monthly_usd;
    let pts = points(
        json!([{"resource_type": "EFS", "resource_id": "fs", "vault": "v",
        "region": "us-east-1", "created_at_seconds": -200.0 * DAY, "size_gib": 3, "full": true,
        "cold_at_seconds": -186.0 * DAY, "deleted_at_seconds": 0,
        "repeat": {"count": 1000, "every_seconds": DAY / 2.0}}]),
    );
    let c = backup_cost(
        &pts,
        &default_price_book(),
        &opts(json!({"horizon_months": 6})),
    )
    .unwrap();
    assert_close!(c.steady_state.monthly_usd.unwrap(), at10);
}

fn arb_point() -> impl Strategy<Value = RecoveryPointLife> {
    (
        prop::sample::select(vec!["EFS", "EBS", "RDS", "Aurora", "DynamoDB"]),
        -1e7f64..1e8,
        0.0f64..1e4,
        prop::option::of(0.0f64..2e7),
        prop::option::of(0.0f64..4e7),
        prop::option::of((1u32..50, 3600.0f64..1e6)),
        any::<bool>(),
    )
        .prop_map(|(t, created, size, cold, del, rep, copy)| {
            let ty: ResourceType = serde_json::from_value(json!(t)).unwrap();
            RecoveryPointLife {
                resource_type: ty,
                resource_id: "r".into(),
                vault: "v".into(),
                region: "us-east-1".into(),
                account: None,
                created_at_seconds: created,
                size_gib: size,
                full: true,
                full_size_gib: None,
                cold_at_seconds: cold.map(|c| created + c),
                deleted_at_seconds: del.map(|d| created + d),
                copy: copy.then(|| CopyOf {
                    source_region: "eu-west-1".into(),
                    source_vault: None,
                    source_account: None,
                    transferred_gib: size,
                    copied_at_seconds: None,
                }),
                continuous: false,
                repeat: rep.map(|(count, every_seconds)| Repeat {
                    count,
                    every_seconds,
                }),
            }
        })
}

fn priced_book() -> crate::pricing::PriceBook {
    book_from_value(
        "book",
        json!({"prices": {"backup.dynamodb.cold_gb_month": 0.03}}),
    )
    .unwrap()
}

/// A nested field's path is two pointer tokens (`/0/repeat/count`), never one escaped token
/// (`/0/repeat~1count`).
#[test]
fn nested_field_paths_are_token_by_token() {
    let p = points(json!([
        {"resource_type": "EBS", "resource_id": "v", "vault": "v", "region": "us-east-1",
         "created_at_seconds": 0, "size_gib": 1, "full": true,
         "repeat": {"count": 0, "every_seconds": -1}},
        {"resource_type": "EBS", "resource_id": "v", "vault": "v", "region": "us-east-1",
         "created_at_seconds": 0, "size_gib": 1, "full": true,
         "copy": {"source_region": " ", "transferred_gib": -1, "copied_at_seconds": 1e300}}
    ]));
    let e = backup_cost(&p, &default_price_book(), &BackupCostOptions::default()).unwrap_err();
    let paths: Vec<&str> = e.issues.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/0/repeat/count",
            "/0/repeat/every_seconds",
            "/1/copy/transferred_gib",
            "/1/copy/copied_at_seconds",
            "/1/copy/source_region",
        ]
    );
    assert!(e
        .issues
        .iter()
        .all(|i| i.input.as_deref() == Some("points")));
}

/// Absurd sizes and counts are refused at input with their path: products of inputs stay
/// finite, so no formula reads "$inf" or "$NaN" and no cost is null.
#[test]
fn absurd_quantities_are_refused_at_input() {
    let path_of =
        |e: crate::error::Error| (e.code, e.issues[0].path.clone(), e.issues[0].code.clone());
    let p = points(
        json!([{"resource_type": "RDS", "resource_id": "db", "vault": "v",
        "region": "us-east-1", "created_at_seconds": 0, "size_gib": 1e308, "full": true}]),
    );
    let e = backup_cost(&p, &default_price_book(), &BackupCostOptions::default()).unwrap_err();
    assert_eq!(
        path_of(e),
        (
            ErrorCode::InvalidInput,
            "/0/size_gib".into(),
            "out_of_range".into()
        )
    );
    let p = points(
        json!([{"resource_type": "EBS", "resource_id": "v", "vault": "v",
        "region": "us-west-2", "created_at_seconds": 0, "size_gib": 1, "full": true,
        "copy": {"source_region": "us-east-1", "transferred_gib": 1e300}}]),
    );
    let e = backup_cost(&p, &default_price_book(), &BackupCostOptions::default()).unwrap_err();
    assert_eq!(e.issues[0].path, "/0/copy/transferred_gib");
    // The bound itself is accepted and stays finite.
    let p = points(
        json!([{"resource_type": "EBS", "resource_id": "v", "vault": "v",
        "region": "us-east-1", "created_at_seconds": 0, "size_gib": crate::units::MAX_GIB, "full": true}]),
    );
    let c = backup_cost(&p, &default_price_book(), &BackupCostOptions::default()).unwrap();
    assert!(c.horizon_usd.total_usd.is_finite() && c.horizon_usd.total_usd > 0.0);
    assert!(c
        .components
        .iter()
        .all(|x| !x.formula.contains("inf") && !x.formula.contains("NaN")));

    let prof: S3ObjectProfile = serde_json::from_value(json!({"size_buckets": [
        {"objects_per_month": 1e308, "object_size_bytes": 1048576}], "retention_days": 365,
        "reads": [{"gib_per_month": 1e308, "max_age_days": 30}]}))
    .unwrap();
    let e = cheapest_s3_lifecycle(&prof, &default_price_book()).unwrap_err();
    let paths: Vec<&str> = e.issues.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/size_buckets/0/objects_per_month",
            "/reads/0/gib_per_month"
        ]
    );
    let prof: S3ObjectProfile = serde_json::from_value(json!({"size_buckets": [
        {"objects_per_month": crate::units::MAX_COUNT, "object_size_bytes": crate::units::MAX_BYTES}],
        "retention_days": 365, "reads": [{"gib_per_month": crate::units::MAX_GIB, "max_age_days": 30}]}))
    .unwrap();
    let s = cheapest_s3_lifecycle(&prof, &default_price_book()).unwrap();
    assert!(s.best.monthly_usd.is_finite());

    let p: ColdRuleProfile = serde_json::from_value(json!({"resource_type": "EFS",
        "backups_per_day": 1, "full_gib": 1e308, "retention_days": 365}))
    .unwrap();
    let e = optimize_cold_transition(&p, &default_price_book()).unwrap_err();
    assert_eq!(e.issues[0].path, "/full_gib");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn cost_is_never_negative(pts in prop::collection::vec(arb_point(), 0..20)) {
        let o = opts(json!({"horizon_months": 24, "rds_allocated_gib": {"us-east-1": 50}}));
        let c = backup_cost(&pts, &priced_book(), &o).unwrap();
        for m in &c.months {
            prop_assert!(m.usd.total_usd >= 0.0);
            for l in &m.lines {
                prop_assert!(l.usd >= 0.0 && l.quantity >= -1e-9);
            }
        }
    }

    #[test]
    fn doubling_the_data_doubles_storage_cost(pts in prop::collection::vec(arb_point(), 1..20)) {
        let o = opts(json!({"horizon_months": 24}));
        let a = backup_cost(&pts, &priced_book(), &o).unwrap();
        let doubled: Vec<RecoveryPointLife> = pts
            .iter()
            .cloned()
            .map(|mut p| {
                p.size_gib *= 2.0;
                if let Some(c) = p.copy.as_mut() { c.transferred_gib *= 2.0; }
                p
            })
            .collect();
        let b = backup_cost(&doubled, &priced_book(), &o).unwrap();
        let storage = |k: &KindTotals| k.storage_warm_usd + k.storage_cold_usd + k.storage_continuous_usd;
        prop_assert!(close(storage(&b.horizon_usd), 2.0 * storage(&a.horizon_usd)));
        prop_assert!(close(b.horizon_usd.total_usd, 2.0 * a.horizon_usd.total_usd));
    }

    #[test]
    fn optimizer_never_dearer_than_all_warm(
        ty in prop::sample::select(vec!["EFS", "EBS", "RDS", "DynamoDB", "Timestream"]),
        per_day in 0.05f64..24.0,
        full in 0.0f64..1e4,
        inc_share in prop::option::of(0.0f64..1.0),
        retention in 1u32..2000,
        restore in prop::option::of(0.0f64..100.0),
    ) {
        let book = book_from_value("book", json!({"prices": {
            "backup.dynamodb.cold_gb_month": 0.03,
            "backup.timestream.warm_gb_month": 0.03, "backup.timestream.cold_gb_month": 0.01,
            "backup.efs.restore_warm_gb": 0.02, "backup.efs.restore_cold_gb": 0.03,
            "backup.ebs.restore_warm_gb": 0.0, "backup.rds.restore_warm_gb": 0.0,
            "backup.dynamodb.restore_cold_gb": 0.2,
            "backup.timestream.restore_warm_gb": 0.0, "backup.timestream.restore_cold_gb": 0.0}})).unwrap();
        let p = ColdRuleProfile {
            resource_type: serde_json::from_value(json!(ty)).unwrap(),
            backups_per_day: per_day,
            full_gib: full,
            incremental_gib: inc_share.map(|s| s * full),
            cold_point_gib: None,
            retention_days: retention,
            restore_gib_per_month: restore,
            min_cold_after_days: None,
        };
        let o = optimize_cold_transition(&p, &book).unwrap();
        prop_assert!(o.monthly_usd <= o.all_warm_monthly_usd);
        prop_assert!(o.monthly_usd >= 0.0);
        if let Some(c) = o.move_to_cold_storage_after_days {
            prop_assert!(retention >= c + 90);
        }
    }
}
