//! The standby monthly cost of a strategy: what the recovery site adds to the bill.

use serde::{Deserialize, Serialize};

use crate::provenance::Basis;
use crate::strategy::facts as f;
use crate::strategy::Strategy;
use crate::workload::{Engine, Workload};

/// One line of a monthly cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct CostItem {
    pub item: String,
    pub component: Option<String>,
    pub usd: f64,
    pub formula: String,
    pub basis: Basis,
    pub source: String,
    /// Quantity × rate of a line billed by the cost engine (backup lines), with its price key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub priced: Option<PricedQuantity>,
}

/// What a cost-engine line billed: quantity × rate, and where the rate comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct PricedQuantity {
    pub quantity: f64,
    /// `gb_month` or `gb`.
    pub quantity_unit: String,
    /// Not billed: covered by a free allowance (RDS backup storage, pricing.md §6.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub free_quantity: Option<f64>,
    pub rate_usd: f64,
    pub price_key: String,
}

/// A standby monthly cost: what the recovery site adds to the bill. `complete` is false when a
/// needed price is missing (listed in `unpriced`): the total is then a lower bound, never a guess.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct MonthlyCost {
    pub total_usd: f64,
    pub complete: bool,
    pub items: Vec<CostItem>,
    pub unpriced: Vec<String>,
    pub hours_per_month: f64,
}
fn months(w: &Workload) -> f64 {
    w.operations
        .hours_per_month
        .unwrap_or(f::HOURS_PER_MONTH.value)
}

/// Standby monthly cost of a strategy (a simple transparent model; pricing.md §8–9 for rates).
/// Backup storage and transfer are not here: the assessment bills them from the simulated
/// backup plan (`backup_cost` over its recovery points).
pub fn monthly_cost(w: &Workload, strategy: Strategy, standby_scale: f64) -> MonthlyCost {
    let h = months(w);
    let days = h / 24.0;
    let mut items = Vec::new();
    let mut unpriced = Vec::new();
    let instance_item = |items: &mut Vec<CostItem>,
                         unpriced: &mut Vec<String>,
                         name: &str,
                         what: &str,
                         n: f64,
                         price: Option<f64>| {
        match price {
            Some(p) => items.push(CostItem {
                item: what.to_owned(),
                component: Some(name.to_owned()),
                usd: n * p * h,
                formula: format!("{n} × ${p}/h × {h} h"),
                basis: Basis::Input,
                source: "input instance_hourly_usd (drplan ships no instance prices)".into(),
                priced: None,
            }),
            None => unpriced.push(format!("{what} for {name}: set instance_hourly_usd")),
        }
    };
    if strategy != Strategy::MultiAzOnly {
        for (_, d) in w.databases() {
            let name = d.name.as_str();
            let change = d.change_gib_per_day.map(|g| g.get()).unwrap_or(0.0);
            if strategy.replicates_data() {
                if d.engine == Engine::Dynamodb {
                    unpriced.push(format!("global table replica of {name}: replicated write and storage prices are not in the price book"));
                } else {
                    instance_item(
                        &mut items,
                        &mut unpriced,
                        name,
                        "replica DB instance in the recovery site",
                        1.0,
                        d.instance_hourly_usd,
                    );
                }
                if change > 0.0 {
                    items.push(CostItem {
                        item: "replication transfer to the recovery Region".into(),
                        component: Some(name.into()),
                        usd: change * days * f::TRANSFER_PER_GB.value,
                        formula: format!(
                            "{change} GiB/day × {days} d × ${}/GB",
                            f::TRANSFER_PER_GB.value
                        ),
                        basis: f::TRANSFER_PER_GB.basis,
                        source: format!(
                            "{} — the backup-copy rate applied to replication traffic",
                            f::TRANSFER_PER_GB.source
                        ),
                        priced: None,
                    });
                } else {
                    unpriced.push(format!(
                        "replication transfer of {name}: set change_gib_per_day"
                    ));
                }
            }
        }
        for (_, o) in w.object_stores() {
            let size = o.size_gib.get();
            items.push(CostItem {
                item: "replica bucket in the recovery Region".into(),
                component: Some(o.name.clone()),
                usd: size * f::S3_STANDARD_GB_MONTH.value,
                formula: format!("{size} GiB × ${}/GB-month", f::S3_STANDARD_GB_MONTH.value),
                basis: f::S3_STANDARD_GB_MONTH.basis,
                source: f::S3_STANDARD_GB_MONTH.source.into(),
                priced: None,
            });
            let change = o.change_gib_per_day.map(|g| g.get()).unwrap_or(0.0);
            if change > 0.0 {
                items.push(CostItem {
                    item: "replication transfer to the recovery Region".into(),
                    component: Some(o.name.clone()),
                    usd: change * days * f::TRANSFER_PER_GB.value,
                    formula: format!(
                        "{change} GiB/day × {days} d × ${}/GB",
                        f::TRANSFER_PER_GB.value
                    ),
                    basis: f::TRANSFER_PER_GB.basis,
                    source: f::TRANSFER_PER_GB.source.into(),
                    priced: None,
                });
            }
        }
        for (_, c) in w.computes() {
            let n = match strategy {
                Strategy::WarmStandby => (f64::from(c.instance_count) * standby_scale)
                    .ceil()
                    .max(1.0),
                Strategy::MultiSite => f64::from(c.instance_count),
                _ => 0.0,
            };
            if n > 0.0 {
                instance_item(
                    &mut items,
                    &mut unpriced,
                    &c.name,
                    "compute running in the recovery site",
                    n,
                    c.instance_hourly_usd,
                );
            }
        }
    }
    let total_usd = items.iter().fold(0.0, |a, i| a + i.usd);
    MonthlyCost {
        total_usd,
        // Complete only with nothing unpriced and a finite total.
        complete: unpriced.is_empty() && total_usd.is_finite(),
        items,
        unpriced,
        hours_per_month: h,
    }
}
