//! The standby monthly cost of a strategy: what the recovery site adds to the bill.

use serde::{Deserialize, Serialize};

use crate::pricing::PriceBook;
use crate::provenance::Basis;
use crate::strategy::facts as f;
use crate::strategy::preset;
use crate::strategy::Strategy;
use crate::workload::{Database, Mechanism, Workload};

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
    /// How much is billed, in `unit`s (lines that bill an hourly instance price or a
    /// price-book rate say it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub quantity: Option<f64>,
    /// The unit of `quantity` and of `rate_usd`, e.g. `GB-month`, `request`, `hour`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub unit: Option<String>,
    /// Not billed: covered by a free allowance (RDS backup storage, pricing.md §6.2), in `unit`s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub free_quantity: Option<f64>,
    /// USD per `unit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub rate_usd: Option<f64>,
    /// The price-book key of the rate (pricing.md §8), when the rate comes from the book.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub price_key: Option<String>,
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
/// The price-book key of inter-Region replication transfer (pricing.md §8.7).
pub const TRANSFER_KEY: &str = "transfer.inter_region_replication_gb";

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
                quantity: Some(n * h),
                unit: Some("instance-hour".into()),
                rate_usd: Some(p),
                price_key: None,
                free_quantity: None,
            }),
            None => unpriced.push(format!("{what} for {name}: set instance_hourly_usd")),
        }
    };
    let book = crate::pricing::default_price_book();
    if strategy != Strategy::MultiAzOnly {
        for (ci, d) in w.databases() {
            let name = d.name.as_str();
            let change = d.change_gib_per_day.map(|g| g.get()).unwrap_or(0.0);
            let mechs = w
                .components
                .get(ci)
                .map(|c| preset::effective(strategy, w, c))
                .unwrap_or_default();
            let has = |m: Mechanism| mechs.contains(&m);
            let replica = [
                Mechanism::AuroraGlobalDatabase,
                Mechanism::AuroraGlobalHeadless,
                Mechanism::CrossRegionReadReplica,
                Mechanism::DynamodbGlobalTables,
                Mechanism::DynamodbGlobalTablesStrong,
            ]
            .into_iter()
            .find(|m| has(*m));
            if matches!(
                replica,
                Some(Mechanism::AuroraGlobalDatabase | Mechanism::CrossRegionReadReplica)
            ) {
                instance_item(
                    &mut items,
                    &mut unpriced,
                    name,
                    "replica DB instance in the recovery site",
                    1.0,
                    d.instance_hourly_usd,
                );
            }
            let mut line = |key: &str, what: &str, qty: Option<(f64, String)>| {
                book_line(&book, &mut items, &mut unpriced, key, what, name, qty);
            };
            let size = d.size_gib.get();
            // Recovery-site storage and replicated writes (dr-strategies.md §10.4).
            match replica {
                Some(Mechanism::AuroraGlobalDatabase | Mechanism::AuroraGlobalHeadless) => {
                    line(
                        "aurora.storage_gb_month",
                        "Aurora Global Database secondary cluster volume",
                        Some((size, format!("{size} GiB"))),
                    );
                    line(
                        "aurora.global.replicated_write_io",
                        "replicated write I/O to the secondary Region",
                        replicated_writes(d, h, 4096.0),
                    );
                }
                Some(Mechanism::CrossRegionReadReplica) if d.engine.is_rds() => line(
                    "rds.storage.gp2_gb_month",
                    "cross-Region replica storage",
                    Some((size, format!("{size} GiB"))),
                ),
                Some(Mechanism::DynamodbGlobalTables | Mechanism::DynamodbGlobalTablesStrong) => {
                    line(
                        "dynamodb.storage_gb_month",
                        "global table replica storage",
                        Some((size, format!("{size} GiB"))),
                    );
                    line(
                        "dynamodb.replicated_write_request",
                        "replicated write request units in the replica",
                        replicated_writes(d, h, 1024.0),
                    );
                }
                _ => {}
            }
            if has(Mechanism::CrossRegionAutomatedBackups) {
                line(
                    "backup.rds.warm_gb_month",
                    "replicated automated backups in the recovery Region (one full copy, a lower bound)",
                    Some((size, format!("{size} GiB"))),
                );
            }
            if replica.is_some() {
                // Inter-Region transfer of the replicated changes (pricing.md §8.7).
                let qty =
                    (change > 0.0).then(|| (change * days, format!("{change} GiB/day × {days} d")));
                line(
                    TRANSFER_KEY,
                    "replication transfer to the recovery Region",
                    qty,
                );
            }
            if has(Mechanism::ElasticDisasterRecovery) {
                drs_lines(&book, &mut items, &mut unpriced, name, 1.0, Some(size), h);
            }
        }
        for (oi, o) in w.object_stores() {
            let size = o.size_gib.get();
            let rtc = w.components.get(oi).is_some_and(|c| {
                preset::effective(strategy, w, c).contains(&Mechanism::S3ReplicationRtc)
            });
            if rtc {
                // Replication Time Control bills each GB it replicates (dr-strategies.md §10.4).
                let qty = o.change_gib_per_day.map(|g| {
                    let c = g.get();
                    (c * days, format!("{c} GiB/day × {days} d"))
                });
                book_line(
                    &book,
                    &mut items,
                    &mut unpriced,
                    "s3.replication_time_control_gb",
                    "S3 Replication Time Control fee",
                    &o.name,
                    qty,
                );
            }
            items.push(CostItem {
                item: "replica bucket in the recovery Region".into(),
                component: Some(o.name.clone()),
                usd: size * f::S3_STANDARD_GB_MONTH.value,
                formula: format!("{size} GiB × ${}/GB-month", f::S3_STANDARD_GB_MONTH.value),
                basis: f::S3_STANDARD_GB_MONTH.basis,
                source: f::S3_STANDARD_GB_MONTH.source.into(),
                quantity: None,
                unit: None,
                rate_usd: None,
                price_key: None,
                free_quantity: None,
            });
            let change = o.change_gib_per_day.map(|g| g.get()).unwrap_or(0.0);
            if change > 0.0 {
                // S3 replication bills inter-Region transfer per GB replicated (pricing.md §8.7).
                book_line(
                    &book,
                    &mut items,
                    &mut unpriced,
                    TRANSFER_KEY,
                    "replication transfer to the recovery Region",
                    &o.name,
                    Some((change * days, format!("{change} GiB/day × {days} d"))),
                );
            }
        }
        for (ci, c) in w.computes() {
            let mechs = w
                .components
                .get(ci)
                .map(|x| preset::effective(strategy, w, x))
                .unwrap_or_default();
            let n = if mechs.contains(&Mechanism::StandbyFull) {
                f64::from(c.instance_count)
            } else if mechs.contains(&Mechanism::StandbyScaled) {
                (f64::from(c.instance_count) * standby_scale)
                    .ceil()
                    .max(1.0)
            } else {
                0.0
            };
            if mechs.contains(&Mechanism::ElasticDisasterRecovery) {
                drs_lines(
                    &book,
                    &mut items,
                    &mut unpriced,
                    &c.name,
                    f64::from(c.instance_count),
                    c.disk_gib.map(|g| g.get()),
                    h,
                );
            }
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

/// Replicated writes a month: `writes_per_second`, else the daily change split into writes of
/// `write_bytes` (a lower bound, dr-strategies.md §10.4); `None` when neither is known.
fn replicated_writes(d: &Database, hours: f64, write_bytes: f64) -> Option<(f64, String)> {
    if let Some(wps) = d.writes_per_second {
        let n = wps * 3600.0 * hours;
        return Some((n, format!("{wps} writes/s × 3600 s × {hours} h")));
    }
    let change = d.change_gib_per_day.map(|g| g.get())?;
    let days = hours / 24.0;
    let n = change * 1_073_741_824.0 / write_bytes * days;
    Some((
        n,
        format!("{change} GiB/day × 2^30 B ÷ {write_bytes} B per write × {days} d (at least; set writes_per_second)"),
    ))
}

/// One line priced from the book: quantity × rate, or an unpriced entry naming what is missing.
pub(crate) fn book_line(
    book: &PriceBook,
    items: &mut Vec<CostItem>,
    unpriced: &mut Vec<String>,
    key: &str,
    what: &str,
    name: &str,
    qty: Option<(f64, String)>,
) {
    let Some((q, how)) = qty else {
        let hint = if key.starts_with("s3.") || key == TRANSFER_KEY {
            "set change_gib_per_day"
        } else {
            "set writes_per_second or change_gib_per_day"
        };
        unpriced.push(format!("{what} of {name}: {hint}"));
        return;
    };
    match book.price(key) {
        Some(p) => items.push(CostItem {
            item: what.to_owned(),
            component: Some(name.to_owned()),
            usd: q * p.usd,
            formula: format!("{how} × ${}/{}", p.usd, p.unit.as_str()),
            basis: match p.confidence {
                crate::pricing::Confidence::High | crate::pricing::Confidence::Medium => {
                    Basis::Documented
                }
                crate::pricing::Confidence::Low => Basis::Unconfirmed,
                crate::pricing::Confidence::Input => Basis::Input,
            },
            source: format!("{} (price book {key}, as of {})", p.source, p.as_of),
            quantity: Some(q),
            unit: Some(p.unit.as_str().to_owned()),
            rate_usd: Some(p.usd),
            price_key: Some(key.to_owned()),
            free_quantity: None,
        }),
        None => unpriced.push(format!(
            "{what} of {name}: the price book has no price for {key} (pricing.md §8.7); never priced at 0"
        )),
    }
}

/// Elastic Disaster Recovery for `servers` servers of `name` (dr-strategies.md §6.7, §10.4): the
/// per-server fee, the replication servers, the staging disks and the point-in-time snapshots.
fn drs_lines(
    book: &PriceBook,
    items: &mut Vec<CostItem>,
    unpriced: &mut Vec<String>,
    name: &str,
    servers: f64,
    disk_gib: Option<f64>,
    hours: f64,
) {
    book_line(
        book,
        items,
        unpriced,
        "drs.source_server_hour",
        "Elastic Disaster Recovery source server fee",
        name,
        Some((servers * hours, format!("{servers} servers × {hours} h"))),
    );
    book_line(
        book,
        items,
        unpriced,
        "drs.replication_server_hour",
        "Elastic Disaster Recovery replication server share",
        name,
        Some((servers * hours, format!("{servers} servers × {hours} h"))),
    );
    match disk_gib {
        Some(g) => book_line(
            book,
            items,
            unpriced,
            "ebs.gp2_gb_month",
            "Elastic Disaster Recovery staging disks",
            name,
            Some((servers * g, format!("{servers} × {g} GiB"))),
        ),
        None => unpriced.push(format!(
            "Elastic Disaster Recovery staging disks of {name}: set disk_gib"
        )),
    }
    unpriced.push(format!(
        "Elastic Disaster Recovery point-in-time snapshots of {name}: the default point-in-time policy is not published (dr-strategies.md §6.7)"
    ));
}
