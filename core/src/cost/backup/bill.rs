//! What `backup_cost` returns: monthly bills, charge lines, totals per kind, the steady state.

use serde::{Deserialize, Serialize};

use crate::cost::types::{Granularity, ResourceType};
use crate::error::Issue;
use crate::pricing::PriceEntry;

/// What a line charges for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum CostKind {
    StorageWarm,
    StorageCold,
    StorageContinuous,
    EarlyDeletion,
    Transfer,
    Restore,
}

/// One charge line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct CostLine {
    pub kind: CostKind,
    /// Region billed (the vault's; for transfer, the destination).
    pub region: String,
    pub vault: Option<String>,
    pub account: Option<String>,
    pub resource_type: Option<ResourceType>,
    /// Transfer lines: the Region the copy came from.
    pub source_region: Option<String>,
    /// Storage lines: GB-hour or GB-day metering (pricing.md §3.2).
    pub billing: Option<Granularity>,
    /// Billed quantity in `quantity_unit`.
    pub quantity: f64,
    /// `gb_month` (storage, early deletion) or `gb` (transfer, restore).
    pub quantity_unit: String,
    /// RDS/Aurora: GB-month covered by the free allowance (not billed).
    pub free_quantity: Option<f64>,
    pub rate_usd: f64,
    pub price_key: String,
    pub price_source: String,
    pub usd: f64,
    pub formula: String,
}

/// USD per kind of charge.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct KindTotals {
    pub storage_warm_usd: f64,
    pub storage_cold_usd: f64,
    pub storage_continuous_usd: f64,
    pub early_deletion_usd: f64,
    pub transfer_usd: f64,
    pub restore_usd: f64,
    pub total_usd: f64,
}

impl KindTotals {
    pub(super) fn add(&mut self, kind: CostKind, x: f64) {
        match kind {
            CostKind::StorageWarm => self.storage_warm_usd += x,
            CostKind::StorageCold => self.storage_cold_usd += x,
            CostKind::StorageContinuous => self.storage_continuous_usd += x,
            CostKind::EarlyDeletion => self.early_deletion_usd += x,
            CostKind::Transfer => self.transfer_usd += x,
            CostKind::Restore => self.restore_usd += x,
        }
        self.total_usd += x;
    }
}

/// One month of the bill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct CostMonth {
    /// 1-based.
    pub month: u32,
    pub start_seconds: f64,
    pub end_seconds: f64,
    pub usd: KindTotals,
    /// Empty when `monthly_lines` is false.
    pub lines: Vec<CostLine>,
}

/// Steady state of the monthly bill (restores excluded).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct SteadyState {
    pub reached: bool,
    /// First month (1-based) from which every later month's bill stays within `tolerance` of it.
    pub from_month: Option<u32>,
    /// Mean monthly bill from `from_month` to the horizon's end.
    pub monthly_usd: Option<f64>,
    pub tolerance: f64,
    pub min_months: u32,
    pub explanation: String,
}

/// The priced restore scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct RestoreCost {
    pub total_usd: f64,
    pub lines: Vec<CostLine>,
}

/// A price the bill used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct PriceUsed {
    pub key: String,
    pub price: PriceEntry,
}

/// The answer of [`backup_cost`](super::backup_cost).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct BackupCost {
    pub hours_per_month: f64,
    pub horizon_months: u32,
    pub horizon_seconds: f64,
    /// Records given.
    pub point_records: u64,
    /// Points they stand for (records with `repeat` count many).
    pub points: u64,
    pub months: Vec<CostMonth>,
    /// Sums over the horizon, by kind.
    pub horizon_usd: KindTotals,
    /// Each component summed over the horizon.
    pub components: Vec<CostLine>,
    pub steady_state: SteadyState,
    pub restore: Option<RestoreCost>,
    pub prices_used: Vec<PriceUsed>,
    /// Warnings and notes (cold settings ignored, CONFLICT facts used, defaults…).
    pub issues: Vec<Issue>,
}
