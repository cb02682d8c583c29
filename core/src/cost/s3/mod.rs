//! S3 lifecycle tiering for object backups: what a lifecycle bills, and the cheapest legal one.
//!
//! Model (DERIVED): every month `objects_per_month` objects of each size are written, kept
//! `retention_days`, then expired. In steady state the monthly bill equals the whole-life cost
//! of one month's objects (each age is present once), so that is what is computed.
//!
//! Rules, with sources:
//! * minimum storage durations IA/One Zone-IA 30 d, Glacier IR and Flexible 90 d, Deep Archive
//!   180 d; leaving earlier is billed as if the object had stayed (pricing.md §7);
//! * IA, One Zone-IA and Glacier IR bill at least 128 KB per object; Flexible Retrieval and Deep
//!   Archive add 32 KB at their rate plus 8 KB at the Standard rate per object (pricing.md §7,
//!   footnote reading); drplan reads KB as KiB (1,024 bytes), like the 2^30-byte billing GB;
//! * objects under 128 KB transition per `TransitionDefaultMinimumObjectSize` (pricing.md §7;
//!   AWS's default for new configurations, documented in pricing.md §7; older buckets may carry `varies_by_storage_class`, hence a parameter);
//! * supported transitions (the waterfall), "at least 30 days in Standard before Standard-IA or
//!   One Zone-IA", and "a Flexible Retrieval / Deep Archive transition at least 30 days after a
//!   Standard-IA / One Zone-IA transition in the same rule": awsdocs/amazon-s3-userguide @
//!   0627519a `doc_source/lifecycle-transition-general-considerations.md`. The S3 API reference
//!   (`Transition.Days`) says "greater than 30" for Standard-IA/One Zone-IA: CONFLICT, so 30 is
//!   allowed with a warning;
//! * transition requests per 1,000 objects, retrieval per GB and per 1,000 restore requests
//!   (pricing.md §7, §8.3).
//!
//! Not modelled (no prices in the book): PUT/GET/LIST request fees, the temporary Standard copy
//! of a restored archive object, S3 Intelligent-Tiering (its tiering depends on access).

mod model;
mod search;
mod stages;
mod validate;

use std::collections::BTreeMap;

use super::fmt::{num, usd};
use crate::error::{Error, Issue};
use crate::pricing::{MissingPrices, PriceBook, DEFAULT_HOURS_PER_MONTH};

pub use model::{
    LifecycleComparison, RetrievalTier, S3Class, S3CostLine, S3Lifecycle, S3LifecycleCost,
    S3LifecycleSearch, S3ObjectProfile, S3Read, S3SizeBucket, S3Transition, TransitionMinimumSize,
};
pub use search::cheapest_s3_lifecycle;

use stages::{bucket_reads, class_prices, stage_cost, stages, ClassPrices};
use validate::{validate_lifecycle, validate_profile};

const KIB: f64 = 1024.0;
const GIB: f64 = 1_073_741_824.0;
/// Source: pricing.md §7 (minimum billable size of IA, One Zone-IA, Glacier IR; transition limit).
const MIN_BILLABLE_BYTES: f64 = 128.0 * KIB;
/// Source: pricing.md §7 (per-object archive overhead: 32 KB at the archive rate, 8 KB at Standard).
const ARCHIVE_INDEX_BYTES: f64 = 32.0 * KIB;
const ARCHIVE_NAME_BYTES: f64 = 8.0 * KIB;
const MAX_BUCKETS: usize = 100;
const MAX_READS: usize = 100;
const MAX_TRANSITIONS: usize = 6;
const MAX_DAYS: u32 = 36_500;

struct Ctx<'a> {
    p: &'a S3ObjectProfile,
    book: &'a PriceBook,
    hpm: f64,
    tier: RetrievalTier,
    min_size: TransitionMinimumSize,
    retention: f64,
}

fn ctx<'a>(p: &'a S3ObjectProfile, book: &'a PriceBook) -> Ctx<'a> {
    Ctx {
        p,
        book,
        hpm: p.hours_per_month.unwrap_or(DEFAULT_HOURS_PER_MONTH),
        tier: p.retrieval_tier.unwrap_or_default(),
        min_size: p.transition_minimum_size.unwrap_or_default(),
        retention: f64::from(p.retention_days),
    }
}

fn profile_notes(p: &S3ObjectProfile) -> Vec<Issue> {
    let mut v = Vec::new();
    if p.transition_minimum_size.is_none()
        && p.size_buckets
            .iter()
            .any(|b| b.object_size_bytes < MIN_BILLABLE_BYTES)
    {
        v.push(
            Issue::info(
                "transition_minimum_size_assumed",
                "/transition_minimum_size",
                "objects under 128 KB are assumed never to transition (all_storage_classes_128k); AWS's default for lifecycle configurations written since September 2024; older buckets may carry varies_by_storage_class, set transition_minimum_size (pricing.md §7)",
            )
            .in_input("object_profile"),
        );
    }
    v
}

fn sorted_chain(l: &S3Lifecycle) -> Vec<(u32, S3Class)> {
    let mut chain: Vec<(u32, S3Class)> = l
        .transitions
        .iter()
        .map(|t| (t.days, t.storage_class))
        .collect();
    chain.sort_by_key(|&(d, c)| (d, c));
    chain
}

/// The steady-state monthly bill of objects written every month under `lifecycle`.
pub fn s3_lifecycle_cost(
    profile: &S3ObjectProfile,
    lifecycle: &S3Lifecycle,
    book: &PriceBook,
) -> Result<S3LifecycleCost, Error> {
    let mut issues = validate_profile(profile);
    issues.extend(validate_lifecycle(lifecycle, profile.retention_days));
    if issues.iter().any(Issue::is_error) {
        return Err(Error::invalid(issues));
    }
    issues.extend(profile_notes(profile));
    let ctx = ctx(profile, book);
    let chain = sorted_chain(lifecycle);
    let initial = lifecycle.initial_storage_class.unwrap_or(S3Class::Standard);
    let mut missing_keys = Vec::new();
    let mut prices: BTreeMap<S3Class, ClassPrices> = BTreeMap::new();
    let mut lines = Vec::new();
    let mut by_charge: BTreeMap<String, f64> = BTreeMap::new();
    let mut by_class: BTreeMap<String, f64> = BTreeMap::new();
    let month_days = ctx.hpm / 24.0;
    for b in 0..profile.size_buckets.len() {
        let reads = bucket_reads(&ctx, b);
        let need_retrieval = reads.iter().any(|r| r.0 > 0.0 || r.1 > 0.0);
        let Some(bk) = profile.size_buckets.get(b) else {
            continue;
        };
        for (c, from, to) in stages(&ctx, initial, &chain, bk.object_size_bytes) {
            let cp = prices
                .entry(c)
                .or_insert_with(|| {
                    class_prices(&ctx, c, c != initial, need_retrieval, &mut missing_keys)
                })
                .clone();
            let s = stage_cost(
                &ctx,
                b,
                &reads,
                c,
                from,
                to,
                &cp,
                c != initial || from > 0.0,
            );
            let n = bk.objects_per_month;
            let size = bk.object_size_bytes;
            let mut push =
                |charge: &str, usd_v: f64, price: &Option<(String, f64)>, formula: String| {
                    if usd_v == 0.0 && charge != "storage" {
                        return;
                    }
                    *by_charge.entry(charge.to_owned()).or_insert(0.0) += usd_v;
                    *by_class.entry(c.slug().to_owned()).or_insert(0.0) += usd_v;
                    lines.push(S3CostLine {
                        bucket: b,
                        storage_class: c,
                        charge: charge.to_owned(),
                        from_day: from,
                        to_day: to,
                        usd: usd_v,
                        price_key: price.as_ref().map(|x| x.0.clone()).unwrap_or_default(),
                        rate_usd: price.as_ref().map(|x| x.1).unwrap_or(0.0),
                        formula,
                    });
                };
            let rate = cp.storage.as_ref().map(|x| x.1).unwrap_or(0.0);
            let size_txt = match c {
                S3Class::StandardIa | S3Class::OnezoneIa | S3Class::GlacierIr
                    if size < MIN_BILLABLE_BYTES =>
                {
                    format!("max({} B, 128 KiB) = 131072 B", num(size))
                }
                S3Class::Glacier | S3Class::DeepArchive => format!("({} B + 32 KiB)", num(size)),
                _ => format!("{} B", num(size)),
            };
            push(
                "storage",
                s.storage,
                &cp.storage,
                format!(
                    "{} objects × {size_txt} ÷ 2^30 × {}/GB-month × {} days ÷ {} days/month = {}",
                    num(n),
                    usd(rate),
                    num(to - from),
                    num(month_days),
                    usd(s.storage)
                ),
            );
            push(
                "minimum_duration",
                s.minimum,
                &cp.storage,
                format!(
                    "{} objects leave {} after {} days, short of its {}-day minimum: {} more days billed = {} (pricing.md §7)",
                    num(n),
                    c.slug(),
                    num(to - from),
                    num(c.min_days()),
                    num(c.min_days() - (to - from)),
                    usd(s.minimum)
                ),
            );
            push(
                "archive_overhead",
                s.overhead,
                &cp.standard,
                format!(
                    "{} objects × 8 KiB at the Standard rate {} × {} days = {} (pricing.md §7)",
                    num(n),
                    usd(cp.standard.as_ref().map(|x| x.1).unwrap_or(0.0)),
                    num(to - from),
                    usd(s.overhead)
                ),
            );
            push(
                "transition",
                s.transition,
                &cp.transition,
                format!(
                    "{} objects × {}/1,000 transition requests = {}",
                    num(n),
                    usd(cp.transition.as_ref().map(|x| x.1).unwrap_or(0.0)),
                    usd(s.transition)
                ),
            );
            push(
                "retrieval",
                s.retrieval,
                &cp.retrieval_gb,
                format!(
                    "GB read while in {} (share of the read age window) × {}/GB = {}",
                    c.slug(),
                    usd(cp.retrieval_gb.as_ref().map(|x| x.1).unwrap_or(0.0)),
                    usd(s.retrieval)
                ),
            );
            push(
                "retrieval_requests",
                s.requests,
                &cp.retrieval_req,
                format!(
                    "objects restored while in {} × {}/1,000 requests = {}",
                    c.slug(),
                    usd(cp.retrieval_req.as_ref().map(|x| x.1).unwrap_or(0.0)),
                    usd(s.requests)
                ),
            );
        }
    }
    if !missing_keys.is_empty() {
        let mut m = MissingPrices::new();
        for k in &missing_keys {
            m.add(k, || "lifecycle (S3 storage classes it uses)".into());
        }
        m.into_result(book)?;
    }
    let monthly_usd = by_charge.values().sum();
    Ok(S3LifecycleCost {
        lifecycle: S3Lifecycle {
            initial_storage_class: lifecycle.initial_storage_class,
            transitions: chain
                .iter()
                .map(|&(days, storage_class)| S3Transition {
                    days,
                    storage_class,
                })
                .collect(),
        },
        retention_days: profile.retention_days,
        monthly_usd,
        by_charge,
        by_class,
        lines,
        hours_per_month: ctx.hpm,
        issues,
    })
}
