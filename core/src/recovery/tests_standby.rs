//! The standby cost's itemized lines (dr-strategies.md §10.4, prices pricing.md §8.7).

use serde_json::json;

use super::standby_cost::TRANSFER_KEY;
use super::{monthly_cost, CostItem, MonthlyCost};
use crate::strategy::Strategy;
use crate::workload::Workload;

fn workload(v: serde_json::Value) -> Workload {
    serde_json::from_value(v).expect("test workload reads")
}

fn lines<'a>(c: &'a MonthlyCost, item: &str, component: &str) -> Vec<&'a CostItem> {
    c.items
        .iter()
        .filter(|i| i.item == item && i.component.as_deref() == Some(component))
        .collect()
}

/// Replication transfer is billed from the price book with key, quantity and rate, for database
/// replicas and for S3 replication alike: 10 GiB/day × 30 d × $0.02 = $6.
#[test]
fn replication_transfer_is_billed_from_the_price_book() {
    let w = workload(
        json!({"name": "w", "operations": {"hours_per_month": 720}, "components": [
        {"kind": "relational_database", "name": "orders", "engine": "rds_postgresql",
         "size_gib": 100, "change_gib_per_day": 10, "instance_hourly_usd": 0.5},
        {"kind": "object_storage", "name": "media", "size_gib": 1000, "change_gib_per_day": 5}]}),
    );
    let c = monthly_cost(&w, Strategy::PilotLight, 0.5);
    let rate = crate::pricing::default_price_book()
        .price(TRANSFER_KEY)
        .expect("the book prices inter-Region replication transfer")
        .usd;
    assert_eq!(rate, 0.02);
    for (name, gib_per_day) in [("orders", 10.0), ("media", 5.0)] {
        let l = lines(&c, "replication transfer to the recovery Region", name);
        assert_eq!(l.len(), 1, "{name}: {:?}", c.items);
        let l = l[0];
        assert_eq!(l.price_key.as_deref(), Some(TRANSFER_KEY));
        assert_eq!(l.quantity, Some(gib_per_day * 30.0));
        assert_eq!(l.unit.as_deref(), Some("GB"));
        assert_eq!(l.rate_usd, Some(0.02));
        assert!((l.usd - gib_per_day * 30.0 * 0.02).abs() < 1e-9, "{l:?}");
        assert!(l.source.contains(TRANSFER_KEY), "{}", l.source);
    }
}

/// Without the daily change the transfer is unpriced, never priced at 0.
#[test]
fn replication_transfer_without_change_is_unpriced() {
    let w = workload(json!({"name": "w", "components": [
        {"kind": "relational_database", "name": "orders", "engine": "rds_postgresql",
         "size_gib": 100, "instance_hourly_usd": 0.5}]}));
    let c = monthly_cost(&w, Strategy::PilotLight, 0.5);
    assert!(lines(&c, "replication transfer to the recovery Region", "orders").is_empty());
    assert!(!c.complete);
    assert!(
        c.unpriced
            .iter()
            .any(|u| u.contains("replication transfer") && u.contains("change_gib_per_day")),
        "{:?}",
        c.unpriced
    );
}
