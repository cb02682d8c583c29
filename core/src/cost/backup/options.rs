//! What a `backup_cost` call can be told: horizon, metering, allowances, restore scenarios.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::cost::types::ResourceType;
use crate::pricing::PriceBookInput;

/// How GB-day types count a partial day (UNCONFIRMED, pricing.md §2 "GB-day billing").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum PartialDays {
    /// Pro rata (same as GB-hour metering).
    #[default]
    Prorate,
    /// Each tier stay is rounded up to whole days.
    WholeDay,
}

/// Which tier a restore reads from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum RestoreTier {
    #[default]
    Warm,
    Cold,
}

/// One restore in the stated restore scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct RestoreItem {
    pub resource_type: ResourceType,
    /// GB restored per restore.
    pub size_gib: f64,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub from: RestoreTier,
    /// Region whose prices apply (default: the book's).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub region: Option<String>,
    /// How many such restores (default 1).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub count: Option<f64>,
    /// Month (1-based) whose bill includes it; without it the restore is reported only in
    /// `restore`.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub month: Option<u32>,
}

/// Options of [`backup_cost`](super::backup_cost).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct BackupCostOptions {
    /// Hours per month (672–744; default 730, pricing.md §2).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub hours_per_month: Option<f64>,
    /// Months to project (1–1,200; default 120).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub horizon_months: Option<u32>,
    /// Allocated storage (GiB) of running RDS instances per Region: the free RDS backup
    /// allowance (pricing.md §6.2). Default: none.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub rds_allocated_gib: BTreeMap<String, f64>,
    /// A free Aurora backup allowance per Region (UNCONFIRMED, pricing.md §6.3). Default: none.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub aurora_free_gib: BTreeMap<String, f64>,
    /// Prices per Region, laid over the main book as it applies to that Region (drplan's own
    /// prices for the Region where it has them, pricing.md §8.6) for points stored in (or copied
    /// from) that Region.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub region_prices: BTreeMap<String, PriceBookInput>,
    /// A restore scenario to price.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub restores: Vec<RestoreItem>,
    /// Steady state: relative band (default 0.01 = 1 %).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub steady_state_tolerance: Option<f64>,
    /// Steady state: at least this many months in the band (default 3).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub steady_state_min_months: Option<u32>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub gb_day_partial_days: Option<PartialDays>,
    /// Include every month's lines (default true; false keeps only the month totals).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub monthly_lines: Option<bool>,
}
