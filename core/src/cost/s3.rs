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
//!   which value is AWS's default is UNCONFIRMED — a parameter here);
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

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::fmt::{num, usd};
use crate::error::{join, Error, Issue};
use crate::pricing::{book_from_value, MissingPrices, PriceBook, DEFAULT_HOURS_PER_MONTH};

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

/// S3 storage classes (AWS's `StorageClass` values, lower-case; the upper-case AWS spellings are
/// accepted too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum S3Class {
    #[serde(alias = "STANDARD")]
    Standard,
    #[serde(alias = "STANDARD_IA")]
    StandardIa,
    #[serde(alias = "ONEZONE_IA")]
    OnezoneIa,
    #[serde(alias = "GLACIER_IR")]
    GlacierIr,
    /// S3 Glacier Flexible Retrieval.
    #[serde(alias = "GLACIER")]
    Glacier,
    #[serde(alias = "DEEP_ARCHIVE")]
    DeepArchive,
    #[serde(alias = "INTELLIGENT_TIERING")]
    IntelligentTiering,
}

impl S3Class {
    fn slug(self) -> &'static str {
        match self {
            S3Class::Standard => "standard",
            S3Class::StandardIa => "standard_ia",
            S3Class::OnezoneIa => "onezone_ia",
            S3Class::GlacierIr => "glacier_ir",
            S3Class::Glacier => "glacier",
            S3Class::DeepArchive => "deep_archive",
            S3Class::IntelligentTiering => "intelligent_tiering",
        }
    }

    /// Minimum storage duration in days. Source: pricing.md §7.
    fn min_days(self) -> f64 {
        match self {
            S3Class::StandardIa | S3Class::OnezoneIa => 30.0,
            S3Class::GlacierIr | S3Class::Glacier => 90.0,
            S3Class::DeepArchive => 180.0,
            S3Class::Standard | S3Class::IntelligentTiering => 0.0,
        }
    }

    fn archive(self) -> bool {
        matches!(self, S3Class::Glacier | S3Class::DeepArchive)
    }

    fn ia_like(self) -> bool {
        matches!(self, S3Class::StandardIa | S3Class::OnezoneIa)
    }

    /// Source: lifecycle-transition-general-considerations.md, "Supported lifecycle transitions".
    fn can_transition_to(self, to: S3Class) -> bool {
        use S3Class::*;
        if to == Standard {
            return false;
        }
        if matches!(to, Glacier | DeepArchive) {
            // "Any storage class to Flexible Retrieval or Deep Archive" (but not back up the
            // waterfall: Deep Archive → Flexible is not a transition).
            return !(self == DeepArchive || (self == Glacier && to == Glacier));
        }
        match self {
            Standard => true,
            StandardIa => matches!(to, IntelligentTiering | OnezoneIa | GlacierIr),
            IntelligentTiering => to == OnezoneIa,
            _ => false,
        }
    }
}

/// Retrieval speed for Flexible Retrieval / Deep Archive restores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum RetrievalTier {
    #[default]
    Standard,
    Bulk,
    Expedited,
}

impl RetrievalTier {
    fn slug(self) -> &'static str {
        match self {
            RetrievalTier::Standard => "standard",
            RetrievalTier::Bulk => "bulk",
            RetrievalTier::Expedited => "expedited",
        }
    }
}

/// `TransitionDefaultMinimumObjectSize` (pricing.md §7; AWS's default is UNCONFIRMED here).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum TransitionMinimumSize {
    /// Objects under 128 KB never transition.
    #[default]
    #[serde(
        rename = "all_storage_classes_128k",
        alias = "all_storage_classes_128K"
    )]
    AllStorageClasses128k,
    /// Objects under 128 KB may go to Flexible Retrieval or Deep Archive, not to other classes.
    #[serde(rename = "varies_by_storage_class")]
    VariesByStorageClass,
}

/// Objects of one size written each month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct S3SizeBucket {
    pub objects_per_month: f64,
    pub object_size_bytes: f64,
}

/// Reads (restores) per month, spread uniformly over object ages in `[min_age_days,
/// max_age_days)` (default: the whole retention).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct S3Read {
    pub gib_per_month: f64,
    /// Objects read per month (default: GB ÷ the bucket's object size).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub objects_per_month: Option<f64>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub min_age_days: Option<f64>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub max_age_days: Option<f64>,
}

/// What is stored, for how long, and how it is read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct S3ObjectProfile {
    /// Size distribution (1–100 buckets).
    pub size_buckets: Vec<S3SizeBucket>,
    /// Days each object is kept (the lifecycle's expiration), 1–36,500.
    pub retention_days: u32,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub reads: Vec<S3Read>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub retrieval_tier: Option<RetrievalTier>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub transition_minimum_size: Option<TransitionMinimumSize>,
    /// 672–744, default 730 (pricing.md §2).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub hours_per_month: Option<f64>,
    /// Search: also consider One Zone-IA (one AZ: less resilient for backups). Default false.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub include_one_zone_ia: Option<bool>,
}

/// One lifecycle transition (`Transition.Days`, `Transition.StorageClass`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct S3Transition {
    pub days: u32,
    pub storage_class: S3Class,
}

/// A lifecycle: the class objects are written into, transitions, and expiration at the
/// profile's retention.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct S3Lifecycle {
    /// Class objects are written into (default `standard`; PUT request prices per class are not
    /// in the book, so the search only writes into Standard).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub initial_storage_class: Option<S3Class>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub transitions: Vec<S3Transition>,
}

/// One line of an S3 lifecycle bill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct S3CostLine {
    /// Index into `size_buckets`.
    pub bucket: usize,
    pub storage_class: S3Class,
    /// `storage`, `minimum_duration`, `archive_overhead`, `transition`, `retrieval`,
    /// `retrieval_requests`.
    pub charge: String,
    pub from_day: f64,
    pub to_day: f64,
    pub usd: f64,
    pub price_key: String,
    pub rate_usd: f64,
    pub formula: String,
}

/// The answer of [`s3_lifecycle_cost`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null, hashmap_as_object))]
pub struct S3LifecycleCost {
    pub lifecycle: S3Lifecycle,
    pub retention_days: u32,
    /// Steady-state monthly bill (= whole-life cost of one month's objects).
    pub monthly_usd: f64,
    /// USD per charge kind.
    pub by_charge: BTreeMap<String, f64>,
    /// USD per storage class (all charges).
    pub by_class: BTreeMap<String, f64>,
    pub lines: Vec<S3CostLine>,
    pub hours_per_month: f64,
    pub issues: Vec<Issue>,
}

/// One row of the lifecycle comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct LifecycleComparison {
    /// Classes after Standard, in order (empty = Standard only).
    pub classes: Vec<S3Class>,
    /// The cheapest days found for this chain.
    pub lifecycle: Option<S3Lifecycle>,
    pub monthly_usd: Option<f64>,
    /// Keys the chain needs that the book lacks (then it is not priced).
    pub missing_prices: Vec<String>,
}

/// The answer of [`cheapest_s3_lifecycle`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct S3LifecycleSearch {
    pub best: S3LifecycleCost,
    pub standard_only_monthly_usd: f64,
    pub savings_usd_per_month: f64,
    /// Best per class chain, cheapest first; unpriced chains last.
    pub comparison: Vec<LifecycleComparison>,
    /// Transition days tried (breakpoints of the piecewise-linear cost plus a coarse grid).
    pub grid_days: Vec<u32>,
    pub candidates_evaluated: u64,
    pub explanation: String,
    pub issues: Vec<Issue>,
}

// ---------------------------------------------------------------------------------------------

struct Ctx<'a> {
    p: &'a S3ObjectProfile,
    book: &'a PriceBook,
    hpm: f64,
    tier: RetrievalTier,
    min_size: TransitionMinimumSize,
    retention: f64,
}

fn validate_profile(p: &S3ObjectProfile) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut err = |path: String, msg: String| {
        issues.push(Issue::error("out_of_range", path, msg).in_input("object_profile"));
    };
    if p.size_buckets.is_empty() || p.size_buckets.len() > MAX_BUCKETS {
        err(
            "/size_buckets".into(),
            format!("size_buckets must hold 1–{MAX_BUCKETS} entries"),
        );
    }
    for (i, b) in p.size_buckets.iter().enumerate() {
        let base = join("/size_buckets", i);
        if !b.objects_per_month.is_finite() || b.objects_per_month < 0.0 {
            err(
                join(&base, "objects_per_month"),
                "objects_per_month must be a finite number ≥ 0".into(),
            );
        }
        if !b.object_size_bytes.is_finite() || b.object_size_bytes <= 0.0 {
            err(
                join(&base, "object_size_bytes"),
                "object_size_bytes must be a finite number > 0".into(),
            );
        }
    }
    if p.retention_days == 0 || p.retention_days > MAX_DAYS {
        err(
            "/retention_days".into(),
            format!("retention_days must be 1–{MAX_DAYS}"),
        );
    }
    if p.reads.len() > MAX_READS {
        err("/reads".into(), format!("at most {MAX_READS} reads"));
    }
    let r = f64::from(p.retention_days);
    for (i, rd) in p.reads.iter().enumerate() {
        let base = join("/reads", i);
        if !rd.gib_per_month.is_finite() || rd.gib_per_month < 0.0 {
            err(
                join(&base, "gib_per_month"),
                "gib_per_month must be a finite number ≥ 0".into(),
            );
        }
        if let Some(o) = rd.objects_per_month {
            if !o.is_finite() || o < 0.0 {
                err(
                    join(&base, "objects_per_month"),
                    "objects_per_month must be a finite number ≥ 0".into(),
                );
            }
        }
        let a1 = rd.min_age_days.unwrap_or(0.0);
        let a2 = rd.max_age_days.unwrap_or(r);
        if !(a1.is_finite() && a2.is_finite() && 0.0 <= a1 && a1 < a2 && a2 <= r) {
            err(
                base,
                format!(
                    "read ages must satisfy 0 ≤ min_age_days < max_age_days ≤ retention_days ({r})"
                ),
            );
        }
    }
    if let Some(h) = p.hours_per_month {
        if !(672.0..=744.0).contains(&h) {
            err(
                "/hours_per_month".into(),
                "hours_per_month must be 672–744".into(),
            );
        }
    }
    issues
}

/// Check a lifecycle against AWS's rules: errors for what S3 rejects, warnings otherwise.
fn validate_lifecycle(l: &S3Lifecycle, retention: u32) -> Vec<Issue> {
    let mut issues = Vec::new();
    let src = "lifecycle-transition-general-considerations.md";
    if l.transitions.len() > MAX_TRANSITIONS {
        issues.push(Issue::error(
            "out_of_range",
            "/transitions",
            format!("at most {MAX_TRANSITIONS} transitions"),
        ));
    }
    let mut order: Vec<usize> = (0..l.transitions.len()).collect();
    order.sort_by_key(|&i| l.transitions.get(i).map(|t| t.days));
    let mut prev = l.initial_storage_class.unwrap_or(S3Class::Standard);
    if prev == S3Class::IntelligentTiering {
        issues.push(Issue::error(
            "not_modelled",
            "/initial_storage_class",
            "S3 Intelligent-Tiering is not modelled: its tiering depends on access patterns",
        ));
    }
    let mut prev_days: Option<u32> = None;
    let mut ia_day: Option<u32> = None;
    for &i in &order {
        let Some(t) = l.transitions.get(i) else {
            continue;
        };
        let path = join("/transitions", i);
        let c = t.storage_class;
        if c == S3Class::IntelligentTiering {
            issues.push(
                Issue::error(
                    "not_modelled",
                    join(&path, "storage_class"),
                    "S3 Intelligent-Tiering is not modelled: its tiering depends on access patterns",
                )
                .with_hint("use standard_ia / glacier_ir for a predictable bill"),
            );
            continue;
        }
        if !prev.can_transition_to(c) {
            issues.push(Issue::error(
                "unsupported_transition",
                join(&path, "storage_class"),
                format!(
                    "S3 lifecycle cannot transition {} → {} ({src}, supported transitions)",
                    prev.slug(),
                    c.slug()
                ),
            ));
        }
        if c.ia_like() {
            if t.days < 30 {
                issues.push(Issue::error(
                    "transition_too_early",
                    join(&path, "days"),
                    format!(
                        "objects must stay at least 30 days in Standard before {} ({src})",
                        c.slug()
                    ),
                ));
            } else if t.days == 30 {
                issues.push(Issue::warning(
                    "transition_days_conflict",
                    join(&path, "days"),
                    "the S3 API reference says Transition.Days for STANDARD_IA/ONEZONE_IA must be greater than 30, the user guide says at least 30 (CONFLICT)",
                ));
            }
            if ia_day.is_none() {
                ia_day = Some(t.days);
            }
        }
        if c.archive() {
            if let Some(d) = ia_day {
                if t.days < d + 30 {
                    issues.push(Issue::error(
                        "transition_too_early",
                        join(&path, "days"),
                        format!(
                            "a {} transition must come at least 30 days after the Standard-IA/One Zone-IA transition (day {d}) in the same rule ({src})",
                            c.slug()
                        ),
                    ));
                }
            }
        }
        if prev_days == Some(t.days) {
            issues.push(Issue::warning(
                "same_day_transitions",
                join(&path, "days"),
                "two transitions on the same day: modelled in waterfall order, the first class billed its minimum duration",
            ));
        }
        if t.days >= retention {
            issues.push(Issue::warning(
                "transition_after_expiration",
                join(&path, "days"),
                format!(
                    "transition on day {} never happens: objects expire on day {retention}",
                    t.days
                ),
            ));
        }
        prev = c;
        prev_days = Some(t.days);
    }
    issues
        .into_iter()
        .map(|i| i.in_input("lifecycle"))
        .collect()
}

/// Stages (class, from day, to day) for an object of `size` bytes under sorted transitions.
fn stages(
    ctx: &Ctx<'_>,
    initial: S3Class,
    chain: &[(u32, S3Class)],
    size: f64,
) -> Vec<(S3Class, f64, f64)> {
    let small = size < MIN_BILLABLE_BYTES;
    let eligible = |c: S3Class| {
        !small || (ctx.min_size == TransitionMinimumSize::VariesByStorageClass && c.archive())
    };
    let mut out = Vec::new();
    let mut cur = (initial, 0.0);
    for &(d, c) in chain {
        let d = f64::from(d);
        if d >= ctx.retention || !eligible(c) {
            continue;
        }
        out.push((cur.0, cur.1, d));
        cur = (c, d);
    }
    out.push((cur.0, cur.1, ctx.retention));
    out
}

#[derive(Default, Clone, Copy)]
struct StageCost {
    storage: f64,
    minimum: f64,
    overhead: f64,
    transition: f64,
    retrieval: f64,
    requests: f64,
}

impl StageCost {
    fn total(&self) -> f64 {
        self.storage
            + self.minimum
            + self.overhead
            + self.transition
            + self.retrieval
            + self.requests
    }
}

/// Prices of a class (None = missing); keys recorded in `missing`.
#[derive(Default, Clone)]
struct ClassPrices {
    storage: Option<(String, f64)>,
    standard: Option<(String, f64)>,
    transition: Option<(String, f64)>,
    retrieval_gb: Option<(String, f64)>,
    retrieval_req: Option<(String, f64)>,
}

fn class_prices(
    ctx: &Ctx<'_>,
    c: S3Class,
    entered_by_transition: bool,
    need_retrieval: bool,
    missing: &mut Vec<String>,
) -> ClassPrices {
    let mut get = |key: String| -> Option<(String, f64)> {
        match ctx.book.price(&key) {
            Some(e) => Some((key, e.usd)),
            None => {
                if !missing.contains(&key) {
                    missing.push(key);
                }
                None
            }
        }
    };
    let s = c.slug();
    let mut p = ClassPrices {
        storage: get(format!("s3.{s}.storage_gb_month")),
        ..ClassPrices::default()
    };
    if entered_by_transition {
        p.transition = get(format!("s3.{s}.transition_1k_requests"));
    }
    if c.archive() {
        p.standard = get("s3.standard.storage_gb_month".into());
    }
    if need_retrieval && c != S3Class::Standard {
        if c.archive() {
            let t = ctx.tier.slug();
            p.retrieval_gb = get(format!("s3.{s}.retrieval_{t}_gb"));
            p.retrieval_req = get(format!("s3.{s}.retrieval_{t}_1k_requests"));
        } else {
            p.retrieval_gb = get(format!("s3.{s}.retrieval_gb"));
        }
    }
    p
}

/// Read volume attributed to bucket `b`: (GB, objects) per read spec with its age window.
fn bucket_reads(ctx: &Ctx<'_>, b: usize) -> Vec<(f64, f64, f64, f64)> {
    let total_bytes: f64 = ctx
        .p
        .size_buckets
        .iter()
        .map(|x| x.objects_per_month * x.object_size_bytes)
        .sum();
    let total_objects: f64 = ctx.p.size_buckets.iter().map(|x| x.objects_per_month).sum();
    let Some(bk) = ctx.p.size_buckets.get(b) else {
        return Vec::new();
    };
    if total_bytes <= 0.0 {
        return Vec::new();
    }
    let byte_share = bk.objects_per_month * bk.object_size_bytes / total_bytes;
    ctx.p
        .reads
        .iter()
        .map(|r| {
            let gb = r.gib_per_month * byte_share;
            let objects = match r.objects_per_month {
                Some(o) if total_objects > 0.0 => o * bk.objects_per_month / total_objects,
                _ => gb * GIB / bk.object_size_bytes,
            };
            (
                gb,
                objects,
                r.min_age_days.unwrap_or(0.0),
                r.max_age_days.unwrap_or(ctx.retention),
            )
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn stage_cost(
    ctx: &Ctx<'_>,
    b: usize,
    reads: &[(f64, f64, f64, f64)],
    c: S3Class,
    from: f64,
    to: f64,
    prices: &ClassPrices,
    transitioned: bool,
) -> StageCost {
    let Some(bk) = ctx.p.size_buckets.get(b) else {
        return StageCost::default();
    };
    let n = bk.objects_per_month;
    let size = bk.object_size_bytes;
    let month_days = ctx.hpm / 24.0;
    let d = to - from;
    let billed_size = match c {
        S3Class::StandardIa | S3Class::OnezoneIa | S3Class::GlacierIr => {
            size.max(MIN_BILLABLE_BYTES)
        }
        S3Class::Glacier | S3Class::DeepArchive => size + ARCHIVE_INDEX_BYTES,
        _ => size,
    } / GIB;
    let rate = prices.storage.as_ref().map(|x| x.1).unwrap_or(0.0);
    let mut s = StageCost {
        storage: n * billed_size * rate * d / month_days,
        minimum: n * billed_size * rate * (c.min_days() - d).max(0.0) / month_days,
        ..StageCost::default()
    };
    if c.archive() {
        let std = prices.standard.as_ref().map(|x| x.1).unwrap_or(0.0);
        s.overhead = n * (ARCHIVE_NAME_BYTES / GIB) * std * d / month_days;
    }
    if transitioned {
        s.transition = n * prices.transition.as_ref().map(|x| x.1).unwrap_or(0.0) / 1000.0;
    }
    for &(gb, objects, a1, a2) in reads {
        let overlap = (to.min(a2) - from.max(a1)).max(0.0);
        if overlap <= 0.0 || a2 <= a1 {
            continue;
        }
        let frac = overlap / (a2 - a1);
        s.retrieval += gb * frac * prices.retrieval_gb.as_ref().map(|x| x.1).unwrap_or(0.0);
        s.requests +=
            objects * frac * prices.retrieval_req.as_ref().map(|x| x.1).unwrap_or(0.0) / 1000.0;
    }
    s
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
                "objects under 128 KB are assumed never to transition (all_storage_classes_128k); which TransitionDefaultMinimumObjectSize AWS applies by default is UNCONFIRMED (pricing.md §7)",
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

/// Class chains reachable from Standard through supported transitions.
fn chains(include_ozia: bool) -> Vec<Vec<S3Class>> {
    use S3Class::*;
    let targets: Vec<S3Class> = [StandardIa, OnezoneIa, GlacierIr, Glacier, DeepArchive]
        .into_iter()
        .filter(|c| include_ozia || *c != OnezoneIa)
        .collect();
    let mut out = vec![Vec::new()];
    let mut stack: Vec<Vec<S3Class>> = vec![Vec::new()];
    while let Some(ch) = stack.pop() {
        let last = ch.last().copied().unwrap_or(Standard);
        let pos = ch
            .last()
            .and_then(|l| targets.iter().position(|t| t == l))
            .map(|p| p + 1)
            .unwrap_or(0);
        for &t in targets.iter().skip(pos) {
            if last.can_transition_to(t) {
                let mut next = ch.clone();
                next.push(t);
                out.push(next.clone());
                stack.push(next);
            }
        }
    }
    out.sort();
    out
}

/// Candidate transition days: where the piecewise-linear cost can bend (legal lower bounds,
/// minimum-duration ends counted from the start or back from expiration, read-window edges)
/// plus a coarse grid.
fn grid_days(p: &S3ObjectProfile) -> Vec<u32> {
    let r = p.retention_days;
    let mins = [30u32, 90, 90, 180];
    let mut sums = vec![0u32];
    for m in mins {
        let more: Vec<u32> = sums.iter().map(|s| s + m).collect();
        sums.extend(more);
    }
    sums.sort_unstable();
    sums.dedup();
    let mut anchors = vec![0u32, 30];
    for rd in &p.reads {
        for a in [rd.min_age_days, rd.max_age_days].into_iter().flatten() {
            anchors.push(a.ceil().clamp(0.0, f64::from(r)) as u32);
        }
    }
    let mut days = Vec::new();
    for a in &anchors {
        for s in &sums {
            days.push(a + s);
        }
    }
    for s in &sums {
        if *s > 0 && *s <= r {
            days.push(r - s);
        }
    }
    days.extend([7, 14, 60, 120, 365, 730, 1095, 1825, 2555, 3650]);
    days.retain(|&d| d < r);
    days.sort_unstable();
    days.dedup();
    days
}

/// Search legal lifecycles for the cheapest steady-state bill; returns it with a comparison of
/// the best lifecycle per class chain.
pub fn cheapest_s3_lifecycle(
    profile: &S3ObjectProfile,
    book: &PriceBook,
) -> Result<S3LifecycleSearch, Error> {
    let issues = validate_profile(profile);
    if issues.iter().any(Issue::is_error) {
        return Err(Error::invalid(issues));
    }
    let ctx = ctx(profile, book);
    let days = grid_days(profile);
    let r = profile.retention_days;
    // Ends: every grid day plus the expiration.
    let mut ends: Vec<f64> = days.iter().map(|&d| f64::from(d)).collect();
    ends.push(f64::from(r));
    let ne = ends.len();
    let reads: Vec<Vec<(f64, f64, f64, f64)>> = (0..profile.size_buckets.len())
        .map(|b| bucket_reads(&ctx, b))
        .collect();
    let need_retrieval = reads.iter().flatten().any(|x| x.0 > 0.0 || x.1 > 0.0);
    let include_ozia = profile.include_one_zone_ia.unwrap_or(false);
    let all_classes = [
        S3Class::Standard,
        S3Class::StandardIa,
        S3Class::OnezoneIa,
        S3Class::GlacierIr,
        S3Class::Glacier,
        S3Class::DeepArchive,
    ];
    let mut class_missing: BTreeMap<S3Class, Vec<String>> = BTreeMap::new();
    let mut class_prices_map: BTreeMap<S3Class, ClassPrices> = BTreeMap::new();
    for c in all_classes {
        let mut m = Vec::new();
        class_prices_map.insert(
            c,
            class_prices(&ctx, c, c != S3Class::Standard, need_retrieval, &mut m),
        );
        class_missing.insert(c, m);
    }
    // Stage-cost tables over (start index, end index), start index `ne` = day 0.
    let big: Vec<usize> = (0..profile.size_buckets.len())
        .filter(|&b| {
            profile
                .size_buckets
                .get(b)
                .map(|x| x.object_size_bytes >= MIN_BILLABLE_BYTES)
                .unwrap_or(false)
        })
        .collect();
    let small: Vec<usize> = (0..profile.size_buckets.len())
        .filter(|b| !big.contains(b))
        .collect();
    let day_of = |i: usize| {
        if i == ne {
            0.0
        } else {
            ends.get(i).copied().unwrap_or(0.0)
        }
    };
    let table = |buckets: &[usize], c: S3Class| -> Vec<f64> {
        let cp = class_prices_map.get(&c).cloned().unwrap_or_default();
        let mut t = vec![0.0; (ne + 1) * ne];
        for si in 0..=ne {
            for ei in 0..ne {
                let (from, to) = (day_of(si), ends.get(ei).copied().unwrap_or(0.0));
                if to <= from {
                    continue;
                }
                let mut sum = 0.0;
                for &b in buckets {
                    let rd = reads.get(b).map(Vec::as_slice).unwrap_or(&[]);
                    sum +=
                        stage_cost(&ctx, b, rd, c, from, to, &cp, c != S3Class::Standard).total();
                }
                if let Some(x) = t.get_mut(si * ne + ei) {
                    *x = sum;
                }
            }
        }
        t
    };
    let mut big_tables: BTreeMap<S3Class, Vec<f64>> = BTreeMap::new();
    let mut small_tables: BTreeMap<S3Class, Vec<f64>> = BTreeMap::new();
    for c in all_classes {
        if c == S3Class::OnezoneIa && !include_ozia {
            continue;
        }
        big_tables.insert(c, table(&big, c));
        if ctx.min_size == TransitionMinimumSize::VariesByStorageClass
            && (c == S3Class::Standard || c.archive())
        {
            small_tables.insert(c, table(&small, c));
        }
    }
    // Small objects under all_storage_classes_128k never move: a constant.
    let small_constant: f64 = if ctx.min_size == TransitionMinimumSize::AllStorageClasses128k {
        let cp = class_prices_map
            .get(&S3Class::Standard)
            .cloned()
            .unwrap_or_default();
        small
            .iter()
            .map(|&b| {
                let rd = reads.get(b).map(Vec::as_slice).unwrap_or(&[]);
                stage_cost(
                    &ctx,
                    b,
                    rd,
                    S3Class::Standard,
                    0.0,
                    f64::from(r),
                    &cp,
                    false,
                )
                .total()
            })
            .sum()
    } else {
        0.0
    };
    let lookup = |tables: &BTreeMap<S3Class, Vec<f64>>, c: S3Class, si: usize, ei: usize| -> f64 {
        tables
            .get(&c)
            .and_then(|t| t.get(si * ne + ei))
            .copied()
            .unwrap_or(0.0)
    };
    // Cost of a chain with transition-day indices `idx` (into `ends`).
    let eval = |chain: &[S3Class], idx: &[usize]| -> f64 {
        // Big objects: every stage.
        let mut total = 0.0;
        let mut cur = (S3Class::Standard, ne);
        for (c, &i) in chain.iter().zip(idx) {
            total += lookup(&big_tables, cur.0, cur.1, i);
            cur = (*c, i);
        }
        total += lookup(&big_tables, cur.0, cur.1, ne - 1);
        // Small objects.
        if ctx.min_size == TransitionMinimumSize::VariesByStorageClass {
            let mut cur = (S3Class::Standard, ne);
            for (c, &i) in chain.iter().zip(idx) {
                if c.archive() {
                    total += lookup(&small_tables, cur.0, cur.1, i);
                    cur = (*c, i);
                }
            }
            total += lookup(&small_tables, cur.0, cur.1, ne - 1);
        } else {
            total += small_constant;
        }
        total
    };
    let legal = |chain: &[S3Class], idx: &[usize]| -> bool {
        let mut ia: Option<u32> = None;
        let mut prev: Option<u32> = None;
        for (c, &i) in chain.iter().zip(idx) {
            let d = days.get(i).copied().unwrap_or(u32::MAX);
            if prev.is_some_and(|p| d <= p) {
                return false;
            }
            if c.ia_like() {
                if d < 30 {
                    return false;
                }
                ia.get_or_insert(d);
            }
            if c.archive() && ia.is_some_and(|a| d < a + 30) {
                return false;
            }
            prev = Some(d);
        }
        true
    };
    let mut comparison = Vec::new();
    let mut evaluated: u64 = 0;
    let mut standard_only = 0.0;
    for chain in chains(include_ozia) {
        let mut missing: Vec<String> = Vec::new();
        for c in std::iter::once(S3Class::Standard).chain(chain.iter().copied()) {
            for k in class_missing.get(&c).into_iter().flatten() {
                if !missing.contains(k) {
                    missing.push(k.clone());
                }
            }
        }
        if !missing.is_empty() {
            comparison.push(LifecycleComparison {
                classes: chain,
                lifecycle: None,
                monthly_usd: None,
                missing_prices: missing,
            });
            continue;
        }
        // Enumerate increasing index tuples (bounded: ≤ 4 transitions × ~100 days).
        let k = chain.len();
        let mut chain_best: Option<(f64, Vec<usize>)> = None;
        if k == 0 {
            let v = eval(&chain, &[]);
            evaluated += 1;
            standard_only = v;
            chain_best = Some((v, Vec::new()));
        } else {
            let nd = days.len();
            let mut idx: Vec<usize> = (0..k).collect();
            if nd >= k {
                loop {
                    if legal(&chain, &idx) {
                        let v = eval(&chain, &idx);
                        evaluated += 1;
                        if chain_best.as_ref().is_none_or(|(bv, _)| v < *bv) {
                            chain_best = Some((v, idx.clone()));
                        }
                    }
                    // Next combination.
                    let mut pos = k;
                    let mut advanced = false;
                    while pos > 0 {
                        pos -= 1;
                        let limit = nd - (k - pos);
                        if idx.get(pos).copied().unwrap_or(limit) < limit {
                            if let Some(x) = idx.get_mut(pos) {
                                *x += 1;
                            }
                            let base = idx.get(pos).copied().unwrap_or(0);
                            for (j, slot) in idx.iter_mut().enumerate().skip(pos + 1) {
                                *slot = base + (j - pos);
                            }
                            advanced = true;
                            break;
                        }
                    }
                    if !advanced {
                        break;
                    }
                }
            }
        }
        match chain_best {
            Some((v, idx)) => {
                let lifecycle = S3Lifecycle {
                    initial_storage_class: None,
                    transitions: chain
                        .iter()
                        .zip(&idx)
                        .map(|(c, &i)| S3Transition {
                            days: days.get(i).copied().unwrap_or(0),
                            storage_class: *c,
                        })
                        .collect(),
                };
                comparison.push(LifecycleComparison {
                    classes: chain,
                    lifecycle: Some(lifecycle),
                    monthly_usd: Some(v),
                    missing_prices: Vec::new(),
                });
            }
            None => comparison.push(LifecycleComparison {
                classes: chain,
                lifecycle: None,
                monthly_usd: None,
                missing_prices: vec![],
            }),
        }
    }
    comparison.sort_by(|a, b| match (a.monthly_usd, b.monthly_usd) {
        (Some(x), Some(y)) => x
            .total_cmp(&y)
            .then_with(|| a.classes.len().cmp(&b.classes.len())),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.classes.cmp(&b.classes),
    });
    // Prefer the simplest lifecycle among equal costs: the sorted table's first priced row.
    let winner = comparison
        .iter()
        .find(|c| c.monthly_usd.is_some())
        .and_then(|c| c.lifecycle.clone());
    let Some(winner) = winner else {
        // Not even Standard-only is priced.
        let mut m = MissingPrices::new();
        for k in class_missing.get(&S3Class::Standard).into_iter().flatten() {
            m.add(k, || "object_profile (S3 Standard)".into());
        }
        m.into_result(book)?;
        return Err(Error::invalid(vec![]));
    };
    let detailed = s3_lifecycle_cost(profile, &winner, book)?;
    let mut issues = issues;
    issues.extend(detailed.issues.iter().cloned());
    if !profile.reads.is_empty() && winner.transitions.iter().any(|t| t.storage_class.archive()) {
        issues.push(
            Issue::info(
                "archive_restore_latency",
                "/reads",
                "the cheapest lifecycle reads from Flexible Retrieval / Deep Archive, whose restores take minutes to 48 hours (pricing.md §7): cost alone decides here, check the restore time against your RTO",
            )
            .in_input("object_profile"),
        );
    }
    let unpriced: Vec<String> = comparison
        .iter()
        .filter(|c| c.monthly_usd.is_none())
        .map(|c| {
            format!(
                "{} (missing {})",
                chain_name(&c.classes),
                c.missing_prices.join(", ")
            )
        })
        .collect();
    let explanation = format!(
        "Cheapest of {evaluated} legal lifecycles: {} at {} per month vs {} for Standard only (saves {}). Transition days tried: {} values (minimum-duration and read-window breakpoints plus a coarse grid). {}",
        describe(&winner, r),
        usd(detailed.monthly_usd),
        usd(standard_only),
        usd(standard_only - detailed.monthly_usd),
        days.len(),
        if unpriced.is_empty() {
            String::new()
        } else {
            format!("Not priced (prices absent from the book): {}.", unpriced.join("; "))
        }
    );
    Ok(S3LifecycleSearch {
        standard_only_monthly_usd: standard_only,
        savings_usd_per_month: standard_only - detailed.monthly_usd,
        best: detailed,
        comparison,
        grid_days: days,
        candidates_evaluated: evaluated,
        explanation,
        issues,
    })
}

fn chain_name(classes: &[S3Class]) -> String {
    std::iter::once("standard")
        .chain(classes.iter().map(|c| c.slug()))
        .collect::<Vec<_>>()
        .join(" → ")
}

fn describe(l: &S3Lifecycle, r: u32) -> String {
    let mut s = String::from("standard");
    for t in &l.transitions {
        s.push_str(&format!(" → {} on day {}", t.storage_class.slug(), t.days));
    }
    s.push_str(&format!(", expire on day {r}"));
    s
}

/// [`s3_lifecycle_cost`] over JSON: `object_profile`, `lifecycle`, `book` (`null` = default).
pub fn s3_lifecycle_cost_json(
    object_profile: Value,
    lifecycle: Value,
    book: Value,
) -> Result<Value, Error> {
    let p: S3ObjectProfile = crate::json::from_value("object_profile", object_profile)?;
    let l: S3Lifecycle = crate::json::from_value("lifecycle", lifecycle)?;
    let book = book_from_value("book", book)?;
    Ok(crate::json::to_value(&s3_lifecycle_cost(&p, &l, &book)?))
}

/// [`cheapest_s3_lifecycle`] over JSON: `object_profile`, `book` (`null` = default).
pub fn cheapest_s3_lifecycle_json(object_profile: Value, book: Value) -> Result<Value, Error> {
    let p: S3ObjectProfile = crate::json::from_value("object_profile", object_profile)?;
    let book = book_from_value("book", book)?;
    Ok(crate::json::to_value(&cheapest_s3_lifecycle(&p, &book)?))
}
