//! Cost components (kind × Region × vault × account × type): the accumulator behind each
//! charge line, and the line it prints.

use std::collections::BTreeMap;

use super::{CostKind, CostLine};
use crate::cost::accum::Acc;
use crate::cost::fmt::{num, usd};
use crate::cost::types::{Granularity, ResourceType};
use crate::pricing::{PriceBook, PriceEntry};

#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Slot {
    Warm = 0,
    Cold = 1,
    Continuous = 2,
    Early = 3,
}

pub(super) struct Comp {
    pub(super) kind: CostKind,
    pub(super) region: String,
    pub(super) vault: Option<String>,
    pub(super) account: Option<String>,
    pub(super) resource_type: Option<ResourceType>,
    pub(super) source_region: Option<String>,
    pub(super) billing: Option<Granularity>,
    pub(super) price: Option<(String, PriceEntry)>,
    pub(super) acc: Acc,
    /// The first point record (index into `points`) that needed this component.
    pub(super) first_point: usize,
}

pub(super) struct Books<'a> {
    pub(super) main: &'a PriceBook,
    pub(super) regions: BTreeMap<String, PriceBook>,
}

impl Books<'_> {
    pub(super) fn get(&self, region: &str) -> &PriceBook {
        self.regions.get(region).unwrap_or(self.main)
    }
}

/// The charge line of component `c` for quantity `q` (a month's, or the horizon's when
/// `months_label` gives the number of months summed).
pub(super) fn cost_line(
    c: &Comp,
    q: f64,
    free_q: Option<f64>,
    months_label: Option<usize>,
    hpm: f64,
) -> CostLine {
    let (key, entry) = match &c.price {
        Some((k, e)) => (k.clone(), Some(e)),
        None => (String::new(), None),
    };
    let rate = entry.map(|e| e.usd).unwrap_or(0.0);
    let cost = q * rate;
    let span = months_label
        .map(|n| format!(" (sum of {n} months)"))
        .unwrap_or_default();
    let metering = match c.billing {
        Some(Granularity::GbDay) => format!("GB-day metering: Σ GB-days × 24 ÷ {} h", num(hpm)),
        _ => format!("GB-hour metering: Σ GB-hours ÷ {} h", num(hpm)),
    };
    let formula = match c.kind {
            CostKind::StorageWarm | CostKind::StorageCold | CostKind::StorageContinuous => {
                let free_txt = free_q
                    .filter(|f| *f > 0.0)
                    .map(|f| format!(" after {} GB-month free allowance", num(f)))
                    .unwrap_or_default();
                format!(
                    "{} GB-month{free_txt} × {}/GB-month = {}{span} ({metering})",
                    num(q),
                    usd(rate),
                    usd(cost)
                )
            }
            CostKind::EarlyDeletion => format!(
                "{} GB-month of cold storage short of the 90-day minimum × {}/GB-month = {}{span} (pricing.md §5.1)",
                num(q),
                usd(rate),
                usd(cost)
            ),
            CostKind::Transfer => format!(
                "{} GB copied from {} × {}/GB = {}{span}",
                num(q),
                c.source_region.as_deref().unwrap_or("?"),
                usd(rate),
                usd(cost)
            ),
            CostKind::Restore => format!("{} GB × {}/GB = {}", num(q), usd(rate), usd(cost)),
        };
    CostLine {
        kind: c.kind,
        region: c.region.clone(),
        vault: c.vault.clone(),
        account: c.account.clone(),
        resource_type: c.resource_type.clone(),
        source_region: c.source_region.clone(),
        billing: c.billing,
        quantity: q,
        quantity_unit: match c.kind {
            CostKind::Transfer | CostKind::Restore => "gb".into(),
            _ => "gb_month".into(),
        },
        free_quantity: free_q,
        rate_usd: rate,
        price_key: key,
        price_source: entry.map(|e| e.source.clone()).unwrap_or_default(),
        usd: cost,
        formula,
    }
}
