//! The S3 storage classes and their rules, the object profile and lifecycle a caller gives, and
//! the bills returned.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::Issue;

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
    pub(super) fn slug(self) -> &'static str {
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
    pub(super) fn min_days(self) -> f64 {
        match self {
            S3Class::StandardIa | S3Class::OnezoneIa => 30.0,
            S3Class::GlacierIr | S3Class::Glacier => 90.0,
            S3Class::DeepArchive => 180.0,
            S3Class::Standard | S3Class::IntelligentTiering => 0.0,
        }
    }

    pub(super) fn archive(self) -> bool {
        matches!(self, S3Class::Glacier | S3Class::DeepArchive)
    }

    pub(super) fn ia_like(self) -> bool {
        matches!(self, S3Class::StandardIa | S3Class::OnezoneIa)
    }

    /// Source: lifecycle-transition-general-considerations.md, "Supported lifecycle transitions".
    pub(super) fn can_transition_to(self, to: S3Class) -> bool {
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
    pub(super) fn slug(self) -> &'static str {
        match self {
            RetrievalTier::Standard => "standard",
            RetrievalTier::Bulk => "bulk",
            RetrievalTier::Expedited => "expedited",
        }
    }
}

/// `TransitionDefaultMinimumObjectSize` (pricing.md §7: `all_storage_classes_128K` is AWS's default for new configurations).
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

/// The answer of [`s3_lifecycle_cost`](super::s3_lifecycle_cost).
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

/// The answer of [`cheapest_s3_lifecycle`](super::cheapest_s3_lifecycle).
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
