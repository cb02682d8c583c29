//! `backup_cost`: the month-by-month bill of a set of recovery-point lifecycles.
//!
//! Charge lines (pricing.md §3.1, formulas §9, all DERIVED from the sourced rules):
//!
//! * **storage_warm / storage_cold / storage_continuous**: GB stored × time ÷ month length ×
//!   the type's GB-month rate. GB-hour types are integrated exactly; GB-day types (pricing.md
//!   §3.2) likewise unless `gb_day_partial_days = "whole_day"` (partial days count as whole
//!   days; which one AWS does is UNCONFIRMED).
//! * **early_deletion**: a point deleted less than 90 days after moving to cold is billed the
//!   remaining days at the cold rate (pricing.md §5.1); for EBS (archive tier) the remainder is
//!   rounded to the nearest hour (pricing.md §6.1). Charged in the month of deletion.
//! * **transfer**: GB copied from another Region × the source Region's transfer rate, in the
//!   month of the copy (pricing.md §8.2, §9).
//! * **restore**: a stated restore scenario, GB × warm or cold restore rate (pricing.md §3.1).
//!
//! RDS storage is billed only above the free allowance (allocated storage of running instances
//! per Region, pricing.md §6.2), applied per month to the month's average GB stored
//! (`max(0, GB-month − allocated GB)`, the §9 formula; hourly metering would differ only in
//! months where storage crosses the allowance — UNCONFIRMED). Aurora has no allowance unless the
//! caller gives one (pricing.md §6.3, UNCONFIRMED).

mod bill;
mod components;
mod notes;
mod options;
mod steady;
mod validate;

use std::collections::{BTreeMap, HashMap};

use super::accum::{Acc, Grid, Series};
use super::fmt::{num, usd};
use super::types::{AwsResourceType, ColdSupport, Granularity, ResourceType};
use super::RecoveryPointLife;
use crate::error::{join, Error, Issue};
use crate::pricing::{
    embedded_regions, regional_book, resolve_on, MissingPrices, PriceBook, PriceEntry,
};

pub use bill::{
    BackupCost, CostKind, CostLine, CostMonth, KindTotals, PriceUsed, RestoreCost, SteadyState,
};
pub use options::{BackupCostOptions, PartialDays, RestoreItem, RestoreTier};

use components::{cost_line, Books, Comp, Slot};
use notes::Notes;
use steady::steady;
use validate::{validate_options, validate_points};

/// Most point records in one call.
pub const MAX_POINTS: usize = 5_000_000;
/// Longest horizon (100 years).
pub const MAX_MONTHS: u32 = 1_200;
/// Most distinct cost components (kind × Region × vault × account × type).
pub const MAX_COMPONENTS: usize = 10_000;
/// Default horizon: 10 years (drplan's default; set `horizon_months`).
pub const DEFAULT_HORIZON_MONTHS: u32 = 120;
/// Times beyond ±10^11 s (≈ 3,170 years) are rejected.
const MAX_ABS_SECONDS: f64 = 1e11;
const DAY: f64 = 86_400.0;
/// Source: pricing.md §5.1 (90-day minimum in cold); §6.1 (EBS archive, 90 days).
const COLD_MIN_SECONDS: f64 = 90.0 * DAY;
/// Most per-point error issues listed (the rest are counted).
const MAX_LISTED_ISSUES: usize = 100;
/// Default steady-state tolerance and run length (drplan's convention, HEURISTIC).
const STEADY_TOLERANCE: f64 = 0.01;
const STEADY_MIN_MONTHS: u32 = 3;

/// The month-by-month bill of `points` (see the module docs for every charge line).
pub fn backup_cost(
    points: &[RecoveryPointLife],
    book: &PriceBook,
    options: &BackupCostOptions,
) -> Result<BackupCost, Error> {
    let mut issues = Vec::new();
    if points.len() > MAX_POINTS {
        return Err(Error::invalid(vec![Issue::error(
            "too_many_points",
            "",
            format!(
                "{} point records exceed the limit of {MAX_POINTS}",
                points.len()
            ),
        )
        .with_hint("describe regular schedules with `repeat` (one record per series)")
        .in_input("points")]));
    }
    let settings = validate_options(options, &mut issues);
    validate_points(points, &mut issues);
    // Region books: the caller's `region_prices` laid over the book as it applies to that Region
    // (drplan's embedded prices for the Region, pricing.md §8.6), and the embedded Region books
    // of the other Regions the points or restores name.
    let mut regions = BTreeMap::new();
    for (region, input) in &options.region_prices {
        let mut input = input.clone();
        if input.region.is_none() {
            input.region = Some(region.clone());
        }
        let base = regional_book(book, input.region.as_deref().unwrap_or(region));
        match resolve_on(&base, &input) {
            Ok(b) => {
                regions.insert(region.clone(), b);
            }
            Err(e) => {
                let prefix = join("/region_prices", region);
                issues.extend(
                    e.issues
                        .into_iter()
                        .map(|i| i.under(&prefix).in_input("options")),
                );
            }
        }
    }
    if issues.iter().any(Issue::is_error) {
        return Err(Error::invalid(issues));
    }
    {
        let embedded = embedded_regions();
        let named = points
            .iter()
            .flat_map(|p| {
                std::iter::once(p.region.as_str())
                    .chain(p.copy.as_ref().map(|c| c.source_region.as_str()))
            })
            .chain(options.restores.iter().filter_map(|r| r.region.as_deref()))
            .chain(std::iter::once(book.region.as_str()));
        for region in named {
            if embedded.contains(&region) && !regions.contains_key(region) {
                regions.insert(region.to_owned(), regional_book(book, region));
            }
        }
    }
    let books = Books {
        main: book,
        regions,
    };
    let grid = Grid::new(settings.months as usize, settings.hours_per_month);
    let month_seconds = grid.month_seconds;
    let mut notes = Notes::default();
    let mut missing = MissingPrices::new();
    let mut comps: Vec<Comp> = Vec::new();
    type GroupKey<'a> = (&'a str, &'a str, Option<&'a str>, &'a ResourceType);
    let mut groups: HashMap<GroupKey<'_>, usize> = HashMap::new();
    let mut group_slots: Vec<[Option<usize>; 4]> = Vec::new();
    let mut last_group: Option<(GroupKey<'_>, usize)> = None;
    let mut transfer_groups: HashMap<(&str, GroupKey<'_>), usize> = HashMap::new();
    let mut represented: u64 = 0;

    let new_comp = |comps: &mut Vec<Comp>,
                    missing: &mut MissingPrices,
                    kind: CostKind,
                    p: &RecoveryPointLife,
                    i: usize,
                    price_region: &str,
                    key: String|
     -> Result<usize, Error> {
        if comps.len() >= MAX_COMPONENTS {
            return Err(Error::invalid(vec![Issue::error(
                "too_many_components",
                join("", i),
                format!(
                    "more than {MAX_COMPONENTS} distinct (kind, Region, vault, account, type) cost components"
                ),
            )
            .in_input("points")]));
        }
        let b = books.get(price_region);
        let price = match b.price(&key) {
            Some(e) => Some((key, e.clone())),
            None => {
                let what = match kind {
                    CostKind::StorageWarm => "warm storage",
                    CostKind::StorageCold | CostKind::EarlyDeletion => "cold storage",
                    CostKind::StorageContinuous => "continuous backup storage",
                    CostKind::Transfer => "cross-Region transfer",
                    CostKind::Restore => "restore",
                };
                missing.add(&key, || {
                    format!(
                        "{what} of {} points (points/{i}) in {price_region}",
                        p.resource_type
                    )
                });
                None
            }
        };
        let storage = matches!(
            kind,
            CostKind::StorageWarm | CostKind::StorageCold | CostKind::StorageContinuous
        );
        comps.push(Comp {
            kind,
            region: p.region.clone(),
            vault: Some(p.vault.clone()),
            account: p.account.clone(),
            resource_type: Some(p.resource_type.clone()),
            source_region: p
                .copy
                .as_ref()
                .filter(|_| kind == CostKind::Transfer)
                .map(|c| c.source_region.clone()),
            billing: storage.then(|| p.resource_type.granularity()),
            price,
            acc: Acc::new(&grid),
            first_point: i,
        });
        Ok(comps.len() - 1)
    };

    for (i, p) in points.iter().enumerate() {
        let ty = &p.resource_type;
        let n = p.repeat.map(|r| u64::from(r.count)).unwrap_or(1);
        represented = represented.saturating_add(n);
        let series = p.repeat.map(|r| Series {
            c: p.created_at_seconds,
            p: r.every_seconds,
            n: u64::from(r.count),
        });
        if ty.aws().is_none() {
            notes.add("unknown_resource_type", ty.name(), || join("", i), || {
                format!(
                    "resource type {:?} is not one of AWS Backup's (aws-backup.md §15): it has no price keys; billed per GB-hour",
                    ty.name()
                )
            });
        }
        let gkey: GroupKey<'_> = (
            p.region.as_str(),
            p.vault.as_str(),
            p.account.as_deref(),
            ty,
        );
        let created = p.created_at_seconds;
        let deleted = p.deleted_at_seconds.unwrap_or(f64::INFINITY);
        let whole_days = settings.partial_days == PartialDays::WholeDay
            && ty.granularity() == Granularity::GbDay;
        let round_end = |start: f64, end: f64| {
            if whole_days && end.is_finite() {
                start + ((end - start) / DAY).ceil() * DAY
            } else {
                end
            }
        };
        // (slot, start offset, end offset, size) relative to creation.
        let mut spans: [(Slot, f64, f64, f64); 2] = [(Slot::Warm, 0.0, 0.0, 0.0); 2];
        let nspans;
        let mut early: Option<(f64, f64)> = None; // (offset of deletion, GB-seconds short)
        if p.continuous {
            spans[0] = (
                Slot::Continuous,
                0.0,
                round_end(created, deleted) - created,
                p.size_gib,
            );
            nspans = 1;
            if ty.aws() == Some(AwsResourceType::DynamoDB) {
                notes.info("dynamodb_native_pitr", "", || join("", i), || {
                    "DynamoDB continuous backup is DynamoDB's native PITR, billed by DynamoDB on table size incl. LSIs, whatever the recovery period (pricing.md §6.4, §3.4)".into()
                });
            }
        } else {
            let support = ty.cold_support();
            let cold = match p.cold_at_seconds {
                Some(c) => match support {
                    ColdSupport::Yes | ColdSupport::Conflict => {
                        if support == ColdSupport::Conflict {
                            notes.add("ebs_cold_conflict", ty.name(), || join(&join("", i), "cold_at_seconds"), || {
                                "EBS cold storage is listed only by the aws.eu pricing page, as the EBS Snapshots Archive tier (pricing.md §5.2 CONFLICT): priced at the archive rate, stored full, 90-day minimum (§6.1)".into()
                            });
                        }
                        if ty.aws() == Some(AwsResourceType::DynamoDB) {
                            notes.info("dynamodb_cold_advanced", "", || join(&join("", i), "cold_at_seconds"), || {
                                "DynamoDB cold storage requires advanced DynamoDB backup features (pricing.md §5.1)".into()
                            });
                        }
                        if c >= deleted {
                            notes.info(
                                "deleted_before_cold",
                                ty.name(),
                                || join(&join("", i), "cold_at_seconds"),
                                || {
                                    "point deleted before its cold transition: billed warm only"
                                        .into()
                                },
                            );
                            None
                        } else {
                            Some(c)
                        }
                    }
                    ColdSupport::No | ColdSupport::Unknown => {
                        notes.add("cold_ignored", ty.name(), || join(&join("", i), "cold_at_seconds"), || {
                            format!(
                                "{} backups do not tier to cold: AWS silently ignores the cold transition (aws-backup.md §5.3 rule L6, §14.3); billed warm for the whole life",
                                ty.name()
                            )
                        });
                        None
                    }
                },
                None => None,
            };
            match cold {
                None => {
                    spans[0] = (
                        Slot::Warm,
                        0.0,
                        round_end(created, deleted) - created,
                        p.size_gib,
                    );
                    nspans = 1;
                }
                Some(c) => {
                    let ebs = ty.aws() == Some(AwsResourceType::Ebs);
                    let cold_size = if ebs {
                        match p.full_size_gib {
                            Some(f) => f,
                            None => {
                                if !p.full {
                                    notes.add("ebs_archive_size_unknown", "", || join(&join("", i), "full_size_gib"), || {
                                        "incremental EBS point moved to the archive tier without full_size_gib: the archive stores the full snapshot (pricing.md §6.1), so size_gib is a lower bound".into()
                                    });
                                }
                                p.size_gib
                            }
                        }
                    } else {
                        p.size_gib
                    };
                    spans[0] = (Slot::Warm, 0.0, round_end(created, c) - created, p.size_gib);
                    let cold_end = round_end(c, deleted);
                    spans[1] = (Slot::Cold, c - created, cold_end - created, cold_size);
                    nspans = 2;
                    if deleted.is_finite() {
                        let stay = cold_end - c;
                        if stay < COLD_MIN_SECONDS {
                            let mut short = COLD_MIN_SECONDS - stay;
                            if ebs {
                                // Source: pricing.md §6.1 (SnapshotArchiveEarlyDelete, remaining
                                // days rounded to the nearest hour).
                                short = (short / 3600.0).round() * 3600.0;
                            }
                            early = Some((deleted - created, cold_size * short));
                        }
                    }
                }
            }
        }
        // Storage.
        // Consecutive records usually share their group: compare before hashing.
        let gi = match last_group {
            Some((k, gi)) if k == gkey => gi,
            _ => {
                let gi = *groups.entry(gkey).or_insert_with(|| {
                    group_slots.push([None; 4]);
                    group_slots.len() - 1
                });
                last_group = Some((gkey, gi));
                gi
            }
        };
        let Some(slots) = group_slots.get_mut(gi) else {
            continue;
        };
        for &(slot, u, v, size) in spans.iter().take(nspans) {
            let idx = match slots.get(slot as usize).copied().flatten() {
                Some(x) => x,
                None => {
                    let (kind, item) = match slot {
                        Slot::Warm => (CostKind::StorageWarm, "warm_gb_month"),
                        Slot::Cold => (CostKind::StorageCold, "cold_gb_month"),
                        Slot::Continuous => (CostKind::StorageContinuous, "continuous_gb_month"),
                        Slot::Early => (CostKind::EarlyDeletion, "cold_gb_month"),
                    };
                    let x = new_comp(
                        &mut comps,
                        &mut missing,
                        kind,
                        p,
                        i,
                        &p.region,
                        ty.key(item),
                    )?;
                    if let Some(s) = slots.get_mut(slot as usize) {
                        *s = Some(x);
                    }
                    x
                }
            };
            if let Some(comp) = comps.get_mut(idx) {
                match &series {
                    Some(s) => comp.acc.add_series(&grid, s, u, v, size),
                    None => comp.acc.add_interval(&grid, created + u, created + v, size),
                }
            }
        }
        if let Some((at, gb_seconds)) = early {
            let idx = match slots.get(Slot::Early as usize).copied().flatten() {
                Some(x) => x,
                None => {
                    let x = new_comp(
                        &mut comps,
                        &mut missing,
                        CostKind::EarlyDeletion,
                        p,
                        i,
                        &p.region,
                        ty.key("cold_gb_month"),
                    )?;
                    if let Some(s) = slots.get_mut(Slot::Early as usize) {
                        *s = Some(x);
                    }
                    x
                }
            };
            if let Some(comp) = comps.get_mut(idx) {
                match &series {
                    Some(s) => comp.acc.add_series_lumps(&grid, s, at, gb_seconds),
                    None => comp.acc.add_lump(&grid, created + at, gb_seconds),
                }
            }
        }
        // Transfer.
        if let Some(c) = &p.copy {
            if c.source_region == p.region {
                notes.info(
                    "same_region_copy",
                    "",
                    || join(&join("", i), "copy"),
                    || {
                        "copy within one Region (cross-account): no cross-Region transfer billed"
                            .into()
                    },
                );
            } else if c.transferred_gib > 0.0 {
                let tkey = (c.source_region.as_str(), gkey);
                let idx = match transfer_groups.get(&tkey) {
                    Some(x) => *x,
                    None => {
                        let x = new_comp(
                            &mut comps,
                            &mut missing,
                            CostKind::Transfer,
                            p,
                            i,
                            &c.source_region,
                            "transfer.inter_region_gb".to_owned(),
                        )?;
                        transfer_groups.insert(tkey, x);
                        x
                    }
                };
                let at = c.copied_at_seconds.unwrap_or(created) - created;
                if let Some(comp) = comps.get_mut(idx) {
                    match &series {
                        Some(s) => comp.acc.add_series_lumps(&grid, s, at, c.transferred_gib),
                        None => comp.acc.add_lump(&grid, created + at, c.transferred_gib),
                    }
                }
            }
        }
    }
    // Prices of another Region (pricing.md §8.6): once per (Region, key).
    let mut warned: std::collections::BTreeSet<(&str, &str)> = std::collections::BTreeSet::new();
    for c in &comps {
        let Some((key, e)) = &c.price else { continue };
        let (priced_in, path) = match (&c.kind, &c.source_region) {
            (CostKind::Transfer, Some(src)) => (
                src.as_str(),
                join(&join(&join("", c.first_point), "copy"), "source_region"),
            ),
            _ => (c.region.as_str(), join(&join("", c.first_point), "region")),
        };
        if e.region == priced_in || !warned.insert((priced_in, key.as_str())) {
            continue;
        }
        let what = if c.kind == CostKind::Transfer {
            format!("transfers out of {priced_in}")
        } else {
            format!("points in {priced_in}")
        };
        issues.push(
            Issue::warning(
                "priced_with_other_region",
                path,
                format!(
                    "{what} are priced with the {} price of {key} (drplan has no {priced_in} price for it, pricing.md §8.6): give options.region_prices.{priced_in}.prices.{key} for a Region-accurate estimate",
                    e.region
                ),
            )
            .in_input("points"),
        );
    }
    // Restores.
    let mut restore_lines: Vec<(Option<u32>, CostLine)> = Vec::new();
    for (i, r) in options.restores.iter().enumerate() {
        let region = r.region.clone().unwrap_or_else(|| book.region.clone());
        let item = match r.from {
            RestoreTier::Warm => "restore_warm_gb",
            RestoreTier::Cold => "restore_cold_gb",
        };
        let key = r.resource_type.key(item);
        let b = books.get(&region);
        match b.price(&key) {
            Some(e) => {
                if e.region != region {
                    issues.push(
                        Issue::warning(
                            "priced_with_other_region",
                            if r.region.is_some() {
                                join(&join("/restores", i), "region")
                            } else {
                                join("/restores", i)
                            },
                            format!(
                                "restores in {region} are priced with the {} price of {key} (drplan has no {region} price for it, pricing.md §8.6): give options.region_prices.{region}.prices.{key} for a Region-accurate estimate",
                                e.region
                            ),
                        )
                        .in_input("options"),
                    );
                }
                let count = r.count.unwrap_or(1.0);
                let gb = r.size_gib * count;
                let cost = gb * e.usd;
                restore_lines.push((
                    r.month,
                    CostLine {
                        kind: CostKind::Restore,
                        region: region.clone(),
                        vault: None,
                        account: None,
                        resource_type: Some(r.resource_type.clone()),
                        source_region: None,
                        billing: None,
                        quantity: gb,
                        quantity_unit: "gb".into(),
                        free_quantity: None,
                        rate_usd: e.usd,
                        price_key: key.clone(),
                        price_source: e.source.clone(),
                        usd: cost,
                        formula: format!(
                            "{} × {} GB restored from {} × {}/GB = {}",
                            num(count),
                            num(r.size_gib),
                            if r.from == RestoreTier::Warm {
                                "warm"
                            } else {
                                "cold"
                            },
                            usd(e.usd),
                            usd(cost)
                        ),
                    },
                ));
            }
            None => missing.add(&key, || {
                format!(
                    "options/restores/{i} ({} restore from {:?})",
                    r.resource_type, r.from
                )
            }),
        }
    }
    missing.into_result(book)?;

    // Finish: quantities per component per month.
    let gbm = 1.0 / month_seconds; // GB-seconds → GB-month
    let months = settings.months as usize;
    let mut qty: Vec<Vec<f64>> = comps
        .iter()
        .map(|c| {
            let raw = c.acc.finish(&grid);
            match c.kind {
                CostKind::Transfer | CostKind::Restore => raw,
                _ => raw.into_iter().map(|x| x * gbm).collect(),
            }
        })
        .collect();
    // Free allowances (RDS: pricing.md §6.2; Aurora: caller-given, §6.3 UNCONFIRMED).
    let mut free: Vec<Vec<f64>> = vec![Vec::new(); comps.len()];
    let mut any_rds = false;
    for (ty, map, label) in [
        (AwsResourceType::Rds, &options.rds_allocated_gib, "RDS"),
        (AwsResourceType::Aurora, &options.aurora_free_gib, "Aurora"),
    ] {
        let mut by_region: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (ci, c) in comps.iter().enumerate() {
            if c.kind == CostKind::StorageWarm
                && c.resource_type.as_ref().and_then(ResourceType::aws) == Some(ty)
            {
                by_region.entry(c.region.as_str()).or_default().push(ci);
            }
        }
        if ty == AwsResourceType::Rds && !by_region.is_empty() {
            any_rds = true;
        }
        for (region, idxs) in by_region {
            let Some(&allowance) = map.get(region) else {
                continue;
            };
            let accounts: std::collections::BTreeSet<Option<&str>> = idxs
                .iter()
                .filter_map(|&ci| comps.get(ci).map(|c| c.account.as_deref()))
                .collect();
            if accounts.len() > 1 {
                issues.push(Issue::warning(
                    "allowance_across_accounts",
                    join(&format!("/{}", if ty == AwsResourceType::Rds { "rds_allocated_gib" } else { "aurora_free_gib" }), region),
                    format!("{label} points in {region} belong to several accounts; the free allowance is applied to them together (it is per account and Region)"),
                ).in_input("options"));
            }
            for m in 0..months {
                let gross: f64 = idxs
                    .iter()
                    .map(|&ci| qty.get(ci).and_then(|q| q.get(m)).copied().unwrap_or(0.0))
                    .sum();
                if gross <= 0.0 {
                    continue;
                }
                let covered = allowance.min(gross);
                let share = covered / gross;
                for &ci in &idxs {
                    let Some(q) = qty.get_mut(ci).and_then(|q| q.get_mut(m)) else {
                        continue;
                    };
                    let f = *q * share;
                    *q -= f;
                    if let Some(fr) = free.get_mut(ci) {
                        if fr.is_empty() {
                            *fr = vec![0.0; months];
                        }
                        if let Some(x) = fr.get_mut(m) {
                            *x = f;
                        }
                    }
                }
            }
        }
    }
    if any_rds && options.rds_allocated_gib.is_empty() {
        issues.push(
            Issue::info(
                "no_rds_allowance",
                "/rds_allocated_gib",
                "RDS backup storage is free up to the allocated storage of running instances per Region (pricing.md §6.2); none given, so all RDS backup storage is billed",
            )
            .in_input("options"),
        );
    }

    // Lines.
    let hpm = settings.hours_per_month;
    let line = |c: &Comp, q: f64, free_q: Option<f64>, months_label: Option<usize>| {
        cost_line(c, q, free_q, months_label, hpm)
    };
    // Stable order: kind, region, vault, account, type, source.
    let mut order: Vec<usize> = (0..comps.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |i: usize| {
            comps.get(i).map(|x| {
                (
                    x.kind,
                    &x.region,
                    &x.vault,
                    &x.account,
                    &x.resource_type,
                    &x.source_region,
                )
            })
        };
        key(a).cmp(&key(b))
    });
    let mut out_months = Vec::with_capacity(months);
    let mut steady_series = Vec::with_capacity(months);
    let mut horizon_usd = KindTotals::default();
    for m in 0..months {
        let mut totals = KindTotals::default();
        let mut lines = Vec::new();
        for &ci in &order {
            let Some(c) = comps.get(ci) else { continue };
            let q = qty.get(ci).and_then(|v| v.get(m)).copied().unwrap_or(0.0);
            let f = free.get(ci).and_then(|v| v.get(m)).copied();
            if q == 0.0 && f.unwrap_or(0.0) == 0.0 {
                continue;
            }
            let l = line(c, q, f, None);
            totals.add(c.kind, l.usd);
            if settings.monthly_lines {
                lines.push(l);
            }
        }
        steady_series.push(totals.total_usd);
        for (month, l) in &restore_lines {
            if *month == Some(m as u32 + 1) {
                totals.add(CostKind::Restore, l.usd);
                if settings.monthly_lines {
                    lines.push(l.clone());
                }
            }
        }
        horizon_usd.storage_warm_usd += totals.storage_warm_usd;
        horizon_usd.storage_cold_usd += totals.storage_cold_usd;
        horizon_usd.storage_continuous_usd += totals.storage_continuous_usd;
        horizon_usd.early_deletion_usd += totals.early_deletion_usd;
        horizon_usd.transfer_usd += totals.transfer_usd;
        horizon_usd.restore_usd += totals.restore_usd;
        horizon_usd.total_usd += totals.total_usd;
        out_months.push(CostMonth {
            month: m as u32 + 1,
            start_seconds: grid.start(m),
            end_seconds: grid.end(m),
            usd: totals,
            lines,
        });
    }
    let components = order
        .iter()
        .filter_map(|&ci| {
            let c = comps.get(ci)?;
            let q: f64 = qty.get(ci)?.iter().sum();
            let f: Option<f64> = free
                .get(ci)
                .filter(|v| !v.is_empty())
                .map(|v| v.iter().sum());
            Some(line(c, q, f, Some(months)))
        })
        .collect();
    let steady_state = steady(&steady_series, settings.tolerance, settings.min_months);
    let restore = if restore_lines.is_empty() {
        None
    } else {
        Some(RestoreCost {
            total_usd: restore_lines.iter().map(|(_, l)| l.usd).sum(),
            lines: restore_lines.into_iter().map(|(_, l)| l).collect(),
        })
    };
    let mut used: BTreeMap<(String, String), PriceEntry> = BTreeMap::new();
    for c in &comps {
        if let Some((k, e)) = &c.price {
            used.entry((k.clone(), e.region.clone()))
                .or_insert_with(|| e.clone());
        }
    }
    if let Some(r) = &restore {
        for l in &r.lines {
            if let Some(e) = books.get(&l.region).price(&l.price_key) {
                used.entry((l.price_key.clone(), e.region.clone()))
                    .or_insert_with(|| e.clone());
            }
        }
    }
    issues.extend(notes.into_issues());
    Ok(BackupCost {
        hours_per_month: settings.hours_per_month,
        horizon_months: settings.months,
        horizon_seconds: grid.horizon_seconds,
        point_records: points.len() as u64,
        points: represented,
        months: out_months,
        horizon_usd,
        components,
        steady_state,
        restore,
        prices_used: used
            .into_iter()
            .map(|((key, _), price)| PriceUsed { key, price })
            .collect(),
        issues,
    })
}
