//! Rough cost of a path: only charges with a sourced or caller-supplied price are priced; the
//! rest are listed as "not priced" (never as 0).

use super::draft::Charge;
use super::estimate::{num, phase_seconds, sum, GIB};
use super::report::{Cost, MigrationCostLine, MigrationPhase};
use super::scenario::Prices;

/// S3 Standard, us-east-1, first tier (pricing.md §8.3: Infracost fixture `s3_bucket_test`, MEDIUM).
const S3_STANDARD_USD_PER_GB_MONTH: f64 = 0.023;
/// pricing.md §2: forward estimates use 730 h per month.
const HOURS_PER_MONTH: f64 = 730.0;

const NOTE: &str = "Migration-specific charges only: the target's running cost, the source side's egress and network data transfer are not included. Billing GB = GiB (pricing.md §2).";

pub(crate) fn cost(
    charges: &[Charge],
    phases: &[MigrationPhase],
    bytes: f64,
    multi_az: bool,
    prices: &Prices,
) -> Cost {
    let gb = bytes / GIB;
    let hours_per_month = prices.hours_per_month.unwrap_or(HOURS_PER_MONTH);
    let mut lines = Vec::new();
    for c in charges {
        let line = match c {
            Charge::S3Staging { seconds } => {
                let (unit_usd, source) = match prices.s3_standard_usd_per_gb_month {
                    Some(p) => (p, "prices.s3_standard_usd_per_gb_month (caller)".to_owned()),
                    None => (
                        S3_STANDARD_USD_PER_GB_MONTH,
                        "pricing.md §8.3 (S3 Standard us-east-1, Infracost fixture s3_bucket_test, MEDIUM); S3 request charges not priced".to_owned(),
                    ),
                };
                let quantity = gb * (seconds / 3600.0) / hours_per_month;
                MigrationCostLine {
                    item: format!("S3 Standard storage of the backup files while staged ({} h)", num(seconds / 3600.0)),
                    quantity,
                    unit: "GB-month".to_owned(),
                    unit_usd: Some(unit_usd),
                    usd: Some(quantity * unit_usd),
                    source,
                }
            }
            Charge::DmsInstance { .. } | Charge::DmsInstanceFor { .. } => {
                let seconds = match c {
                    Charge::DmsInstance { phases: which } => sum(which.iter().map(|k| phase_seconds(phases, *k))),
                    Charge::DmsInstanceFor { seconds } => *seconds,
                    _ => 0.0,
                };
                let hours = seconds / 3600.0;
                let (price, field) = if multi_az {
                    (prices.dms_multi_az_instance_usd_per_hour, "prices.dms_multi_az_instance_usd_per_hour")
                } else {
                    (prices.dms_instance_usd_per_hour, "prices.dms_instance_usd_per_hour")
                };
                MigrationCostLine {
                    item: format!("DMS {} replication instance", if multi_az { "Multi-AZ" } else { "Single-AZ" }),
                    quantity: hours,
                    unit: "hour".to_owned(),
                    unit_usd: price,
                    usd: price.map(|p| p * hours),
                    source: match price {
                        Some(_) => format!("{field} (caller)"),
                        None => format!("not priced: no DMS price in pricing.md — pass {field}"),
                    },
                }
            }
            Charge::SnapshotCopy => MigrationCostLine {
                item: "cross-Region snapshot copy transfer".to_owned(),
                quantity: gb,
                unit: "GB".to_owned(),
                unit_usd: prices.snapshot_copy_usd_per_gb,
                usd: prices.snapshot_copy_usd_per_gb.map(|p| p * gb),
                source: match prices.snapshot_copy_usd_per_gb {
                    Some(_) => "prices.snapshot_copy_usd_per_gb (caller)".to_owned(),
                    None => "not priced: no snapshot-copy price in pricing.md — pass prices.snapshot_copy_usd_per_gb".to_owned(),
                },
            },
            Charge::ReplicaSnapshotFree => MigrationCostLine {
                item: "private snapshot RDS takes to build the Aurora read replica".to_owned(),
                quantity: 1.0,
                unit: "snapshot".to_owned(),
                unit_usd: Some(0.0),
                usd: Some(0.0),
                source: "AUR AuroraMySQL.Migrating.RDSMySQL.Replica (\"private to Amazon RDS, and incurring no charges\")".to_owned(),
            },
            Charge::Offline => MigrationCostLine {
                item: "offline transfer fees (device or facility, shipping)".to_owned(),
                quantity: 1.0,
                unit: "transfer".to_owned(),
                unit_usd: prices.offline_transfer_usd,
                usd: prices.offline_transfer_usd,
                source: match prices.offline_transfer_usd {
                    Some(_) => "prices.offline_transfer_usd (caller)".to_owned(),
                    None => "not priced: no offline-transfer price in pricing.md — pass prices.offline_transfer_usd".to_owned(),
                },
            },
        };
        lines.push(line);
    }
    let priced_usd = sum(lines.iter().filter_map(|l| l.usd));
    // Complete only with every line priced and a finite total.
    let complete =
        lines.iter().all(|l| l.usd.is_some_and(f64::is_finite)) && priced_usd.is_finite();
    Cost {
        total_usd: complete.then_some(priced_usd),
        priced_usd,
        complete,
        lines,
        note: NOTE.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::migration::estimate::{fixed, timeline};
    use crate::migration::report::{Kind, PhaseKind};

    #[test]
    fn s3_staging_priced_from_the_book() {
        // 730 GiB held for 730 h = 730 GB-month × 0.023 = 16.79 USD.
        let c = cost(
            &[Charge::S3Staging {
                seconds: 730.0 * 3600.0,
            }],
            &[],
            730.0 * GIB,
            false,
            &Prices::default(),
        );
        assert!(c.complete);
        assert!((c.total_usd.unwrap_or(0.0) - 16.79).abs() < 1e-9);
    }

    #[test]
    fn dms_is_not_priced_without_a_price_and_priced_with_one() {
        let phases = timeline(
            Kind::Ongoing,
            None,
            vec![fixed("copy", 7200.0, "")],
            Some(fixed("c", 3600.0, "")),
            fixed("cut", 0.0, ""),
        );
        let charges = [Charge::DmsInstance {
            phases: &[PhaseKind::Copy, PhaseKind::CatchUp],
        }];
        let c = cost(&charges, &phases, GIB, false, &Prices::default());
        assert_eq!((c.complete, c.total_usd, c.priced_usd), (false, None, 0.0));
        assert_eq!(c.lines.first().map(|l| l.quantity), Some(3.0));
        let p = Prices {
            dms_instance_usd_per_hour: Some(0.5),
            ..Prices::default()
        };
        assert_eq!(cost(&charges, &phases, GIB, false, &p).total_usd, Some(1.5));
        // Multi-AZ needs its own price.
        assert_eq!(cost(&charges, &phases, GIB, true, &p).total_usd, None);
    }

    #[test]
    fn no_charges_is_complete_zero() {
        let c = cost(&[], &[], GIB, false, &Prices::default());
        assert_eq!((c.complete, c.total_usd), (true, Some(0.0)));
    }
}
