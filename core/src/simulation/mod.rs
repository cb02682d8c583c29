//! What an AWS Backup plan really does over time: every recovery point it creates (local,
//! copies, continuous), its lifecycle, the inventory at any instant, the steady state, the
//! RPO per disruption type, and the restore points it offers.
//!
//! [`simulate_backup_plan`] (JSON twin [`crate::api::json::simulate_backup_plan`]) takes a normalized
//! [`BackupPlan`] or a whole plan document ([`PlanOrDocument`]), the resources it may protect
//! and [`SimulationOptions`], and returns a [`Simulation`]:
//!
//! * **Runs.** Every rule's cron is expanded in its time zone (schedule module, DST policy of the
//!   options) over `[start, start + horizon)`. Runs of different rules whose start windows
//!   overlap are merged into one backup for the rule with the longest retention (aws-backup.md
//!   §14.2; the overlap measure is an option because it is UNCONFIRMED beyond the start window).
//! * **Points.** Each kept run creates one recovery point per protected resource in the rule's
//!   vault (or its logically air-gapped target). The job starts at the scheduled time or, as the
//!   worst case, at the end of the start window (option `start_timing`).
//! * **Copies.** Each copy action copies the point once the job is done and the copy lag has
//!   passed (`copied_at = created + job duration + copy lag`). The copy keeps the source's
//!   creation date for its lifecycle (aws-backup.md §9); a copy without retention inherits the
//!   source's expiry (§9); points already cold cannot be copied (§9, S10).
//! * **Continuous backup.** One continuous point per resource (aws-backup.md §8): several
//!   continuous rules into one vault → the longest retention wins; into different vaults → the
//!   first rule in plan order gets it and the others take snapshots; types without PITR fall
//!   back to snapshots. Copies of continuous rules are snapshots taken on the rule's schedule.
//! * **Lifecycle** (CalculatedLifecycle, aws-backup.md §14.1): `cold_at = created + cold days`,
//!   `deleted_at = created + delete days` (exact 24-hour days: the day length is UNCONFIRMED),
//!   `-1`/absent = kept; cold only for types that tier (§14.3; EBS only with
//!   `opt_in_to_archive_for_supported_resources`, UNCONFIRMED), never for continuous points.
//! * **Sizes** (pricing.md §4, a simple DERIVED model): per chain (resource × vault), the first
//!   point is full (`size_gib`), later points store the data changed since the previous point of
//!   the chain (`change_rate` × elapsed days, at most the full size); a point created when no
//!   point of the chain is alive starts a new full chain. When the full point expires while
//!   later points live, its data stays referenced: drplan emits a **chain base** record (the full
//!   size minus the oldest survivor's increment) from that moment until the chain ends, so that
//!   stored GiB stays "full + increments" (pricing.md §4: "re-based when the oldest point
//!   expires", UNCONFIRMED in detail). Types that are not incremental (DynamoDB, pricing.md §4)
//!   store every point full. A continuous point stores the full size plus the changes of its
//!   retention window (HEURISTIC).
//!
//! The output's `recovery_points` and `chain_bases` are in the cost engine's record shape
//! (`cost::RecoveryPointLife`): feed both to `backup_cost`.

mod assumptions;
mod chains;
mod continuous;
mod copies;
mod coverage;
mod engine;
mod horizon;
mod inventory;
mod lifecycle;
mod overlap;
mod plan_arg;
mod points;
mod records;
mod resources;
pub mod restore_testing;
mod rpo;
mod runs;
mod state;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::backup::{BackupPlan, BackupSelection, BackupVault};
use crate::error::{Error, Issue};
use crate::recovery::{Disruption, Term};
use crate::schedule::DstGapPolicy;
use crate::units::{Gib, Seconds};

pub use plan_arg::PlanOrDocument;

/// Longest horizon (100 years). Source: aws-backup.md §5.3 L3 (lifecycles ≤ 36,500 days);
/// drplan's cap.
pub const MAX_HORIZON_DAYS: f64 = 36_500.0;
/// Horizon when none is given: 3 years (drplan's choice: a yearly cycle after a one-year fill).
pub const DEFAULT_HORIZON_DAYS: f64 = 1_095.0;
/// Most recovery points one simulation may create (bounded work and memory; drplan's cap).
pub const MAX_POINTS: u64 = 5_000_000;
/// Most scheduled runs per rule within the horizon (an hourly rule over 100 years is 876,600).
pub const MAX_RUNS_PER_RULE: usize = 1_000_000;
/// Most resources per call.
pub const MAX_RESOURCES: usize = 10_000;
/// Most rules one simulated plan may hold: ten times AWS's quota of 10 rules per plan
/// (aws-backup.md §13), so a draft over the quota is still simulated (and flagged by validation)
/// while tens of thousands of rules are refused at once with `over_budget`.
pub const MAX_RULES: usize = 100;
/// Most copy actions of one simulated rule, checked with [`MAX_RULES`]: ten times AWS's 5 per
/// rule (aws-backup.md §13); every copy multiplies the points a rule's runs create.
pub const MAX_COPY_ACTIONS: usize = 50;
/// What one point record is estimated to cost in memory as it leaves the core: the Rust record,
/// its JSON value and the host's object (JS or Python) together; a record is 300–500 bytes of
/// JSON text with about sixteen keys. drplan's estimate, checked against
/// [`crate::budget::OUTPUT_BYTES`].
pub const RECORD_BYTES: u64 = 2_048;
/// What one inventory number is estimated to cost (a float in Rust, in JSON and in the host).
pub const SAMPLE_BYTES: u64 = 48;
/// Default sampling step of the inventory: one day.
pub const DEFAULT_SAMPLE_EVERY_SECONDS: f64 = 86_400.0;
/// Shortest sampling step accepted.
pub const MIN_SAMPLE_EVERY_SECONDS: f64 = 60.0;

// ---------------------------------------------------------------------------------------------
// Inputs

/// How fast a resource changes: a number is a fraction of its size per day (`0.02` = 2 %/day),
/// a string a size per day (`"5 GiB"`, `"500 MB"`) or a percentage (`"2%"`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ChangeRate {
    FractionPerDay(f64),
    GibPerDay(f64),
}

impl ChangeRate {
    /// GiB changed per day for a resource of `size_gib`.
    pub fn gib_per_day(self, size_gib: f64) -> f64 {
        match self {
            ChangeRate::FractionPerDay(f) => f * size_gib,
            ChangeRate::GibPerDay(g) => g,
        }
    }
}

impl<'de> Deserialize<'de> for ChangeRate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = ChangeRate;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a fraction per day (number, e.g. 0.02) or a size per day (string, e.g. \"5 GiB\" or \"2%\")")
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<ChangeRate, E> {
                if !v.is_finite() || v < 0.0 {
                    return Err(E::custom(format!(
                        "out of range: change rate {v} must be a finite number ≥ 0"
                    )));
                }
                Ok(ChangeRate::FractionPerDay(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<ChangeRate, E> {
                self.visit_f64(v as f64)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<ChangeRate, E> {
                self.visit_f64(v as f64)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ChangeRate, E> {
                let s = v.trim();
                if let Some(p) = s.strip_suffix('%') {
                    let x: f64 = p.trim().parse().map_err(|_| {
                        E::custom(format!("invalid value: cannot read a percentage in {v:?}"))
                    })?;
                    return self.visit_f64(x / 100.0);
                }
                let s = ["/day", "/d", " per day", "per day"]
                    .iter()
                    .find_map(|suf| s.strip_suffix(suf))
                    .unwrap_or(s)
                    .trim();
                let g = crate::units::parse_size_gib(s).map_err(E::custom)?;
                if !g.is_finite() || g < 0.0 {
                    return Err(E::custom(format!(
                        "out of range: change rate {v:?} must be ≥ 0"
                    )));
                }
                Ok(ChangeRate::GibPerDay(g))
            }
        }
        d.deserialize_any(V)
    }
}

impl Serialize for ChangeRate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ChangeRate::FractionPerDay(f) => s.serialize_f64(*f),
            ChangeRate::GibPerDay(g) => s.serialize_str(&format!("{g} GiB")),
        }
    }
}

/// A resource the plan may protect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// ARN; selections match it (aws-backup.md §3). Its Region, account and type fill the
    /// fields below when they are absent.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub arn: Option<String>,
    /// A name for outputs (default: the ARN). One of `arn`/`id` is required.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub id: Option<String>,
    /// AWS Backup resource type (aws-backup.md §15): `EBS`, `RDS`, `Aurora`, `EFS`, `S3`,
    /// `DynamoDB`… Default: from the ARN when it names one type.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub resource_type: Option<String>,
    /// Default: the ARN's Region, else the plan's.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub region: Option<String>,
    /// Default: the ARN's account, else the plan's.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub account: Option<String>,
    /// Size of a full backup (number of GiB or `"2 TiB"`).
    #[cfg_attr(feature = "tsify", tsify(type = "Gib"))]
    pub size_gib: Gib,
    /// Data changed per day: a fraction (`0.02`) or a size (`"5 GiB"`). Default 0 (with a note).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "number | string"))]
    pub change_rate: Option<ChangeRate>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub tags: BTreeMap<String, String>,
    /// Whether backups after the first are incremental. Default: per type (DynamoDB full,
    /// others incremental; pricing.md §4 keeps it a per-type flag).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub incremental: Option<bool>,
    /// The resource has Multi-AZ standbys or replicas (not backups, dr-strategies.md §4.3); used
    /// by the DR lint of `check_controls`.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub replicated: bool,
}

/// When a job starts within its start window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum StartTiming {
    /// At the scheduled time.
    #[default]
    Scheduled,
    /// At the end of the start window (the latest a job can start, aws-backup.md §5.2).
    WindowEnd,
}

/// Which runs of different rules count as overlapping (aws-backup.md §14.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum OverlapMode {
    /// Start windows `[t, t + StartWindowMinutes)` intersect ("taking the full start window
    /// into account", plan-options-and-configuration; the same test as the plan linter).
    #[default]
    StartWindow,
    /// Only runs scheduled at the same instant.
    SameInstant,
    /// Never merge (every run of every rule makes its own point).
    None,
}

/// Options of [`simulate_backup_plan`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct SimulationOptions {
    /// Start of the horizon, RFC 3339 (`2026-01-01T00:00:00Z`): the plan starts with empty
    /// vaults then.
    pub start: String,
    /// Days simulated (> 0, ≤ 36,500; default 1,095).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub horizon_days: Option<f64>,
    /// Inventory sampling step (≥ 60 s; default `"1d"`; at most 100,000 samples).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "Seconds"))]
    pub sample_every: Option<Seconds>,
    /// When jobs start: `scheduled` (default) or `window_end`.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub start_timing: StartTiming,
    /// From job start to a usable point (default 1 h, UNCONFIRMED: dr-strategies.md §5.2).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "Seconds"))]
    pub job_duration_seconds: Option<Seconds>,
    /// From a completed backup to its copy landing (default 1 h, UNCONFIRMED: aws-backup.md §9
    /// publishes no duration).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "Seconds"))]
    pub copy_lag_seconds: Option<Seconds>,
    /// Point-in-time restore lag for every type (default per type, dr-strategies.md §5.2).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "Seconds"))]
    pub pitr_lag_seconds: Option<Seconds>,
    /// A corruption or ransomware instant (RFC 3339): the corruption RPO uses the newest point
    /// captured before it (dr-strategies.md §8).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub corruption_at: Option<String>,
    /// The plan's selections; `null` = every resource is protected.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub selections: Option<Vec<BackupSelection>>,
    /// Vaults (types and locks): a copy to a logically air-gapped vault counts for account
    /// compromise.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub vaults: Option<Vec<BackupVault>>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub overlap: OverlapMode,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub dst_gap: DstGapPolicy,
    /// With a document holding several plans: which one.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub plan_name: Option<String>,
    /// One record per point instead of `repeat` series.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub expand_repeats: bool,
    /// Cap on recovery points (≤ 5,000,000, the default).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub max_points: Option<u64>,
}

impl SimulationOptions {
    /// Defaults with the given start.
    pub fn starting(start: impl Into<String>) -> Self {
        SimulationOptions {
            start: start.into(),
            horizon_days: None,
            sample_every: None,
            start_timing: StartTiming::Scheduled,
            job_duration_seconds: None,
            copy_lag_seconds: None,
            pitr_lag_seconds: None,
            corruption_at: None,
            selections: None,
            vaults: None,
            overlap: OverlapMode::StartWindow,
            dst_gap: DstGapPolicy::Skip,
            plan_name: None,
            expand_repeats: false,
            max_points: None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Records (the cost engine's shape)

/// A shared, immutable string: records repeat the same few names (resource, vault, Region)
/// thousands of times, so they share one allocation. Serialized as a plain string.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name(std::sync::Arc<str>);

impl Name {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Name {
        Name(s.into())
    }
}

impl From<String> for Name {
    fn from(s: String) -> Name {
        Name(s.into())
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl Serialize for Name {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Name::from)
    }
}

/// Where a copy came from (same fields as `cost::CopyOf`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct CopySource {
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub source_region: Name,
    #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
    pub source_vault: Option<Name>,
    #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
    pub source_account: Option<Name>,
    /// GiB sent: the full size for the first copy of the resource into a Region, the increment
    /// afterwards (aws-backup.md §9).
    pub transferred_gib: f64,
    /// When the copy landed (seconds from the horizon start).
    pub copied_at_seconds: Option<f64>,
}

/// `count` identical points every `every_seconds` (same fields as `cost::Repeat`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct PointRepeat {
    pub count: u32,
    pub every_seconds: f64,
}

/// One recovery point's life (or a regular series of identical ones), field for field the cost
/// engine's `RecoveryPointLife`: seconds from the horizon start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct PointRecord {
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub resource_type: Name,
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub resource_id: Name,
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub vault: Name,
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub region: Name,
    #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
    pub account: Option<Name>,
    /// Creation; for a copy the **source's** creation (aws-backup.md §9).
    pub created_at_seconds: f64,
    /// Stored size of this point (full, or the increment).
    pub size_gib: f64,
    pub full: bool,
    /// The full size this point represents (the resource's size).
    pub full_size_gib: Option<f64>,
    pub cold_at_seconds: Option<f64>,
    pub deleted_at_seconds: Option<f64>,
    pub copy: Option<CopySource>,
    pub continuous: bool,
    pub repeat: Option<PointRepeat>,
}

/// What a series of records is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum SeriesKind {
    /// Points a rule creates in its own vault.
    Backup,
    /// Copies made by a copy action.
    Copy,
    /// The continuous (PITR) point.
    Continuous,
    /// Full data still referenced after a chain's full point expired (not a recovery point).
    ChainBase,
}

/// Traceability: which rule (and copy action) made a run of records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct PointSeries {
    pub kind: SeriesKind,
    pub resource_id: String,
    pub rule: Option<String>,
    /// Index of the copy action in the rule.
    pub copy_action: Option<usize>,
    pub vault: String,
    pub region: String,
    pub account: Option<String>,
    /// Points in the series (each repeat counted).
    pub points: u64,
    /// `recovery_points[first_record‥first_record + records]` (or `chain_bases[…]`).
    pub first_record: usize,
    pub records: usize,
}

// ---------------------------------------------------------------------------------------------
// Inventory

/// Counts and GiB of one vault (or Region, or everything) at every sample.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct InventorySeries {
    /// Vault name (null for a Region or the total).
    pub vault: Option<String>,
    /// Region (null for the total).
    pub region: Option<String>,
    pub account: Option<String>,
    /// Logically air-gapped vault.
    pub air_gapped: bool,
    pub warm_count: Vec<u64>,
    pub cold_count: Vec<u64>,
    /// Stored GiB, chain bases included.
    pub warm_gib: Vec<f64>,
    pub cold_gib: Vec<f64>,
}

/// Where one series settles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct SteadyBand {
    pub vault: Option<String>,
    pub region: Option<String>,
    pub account: Option<String>,
    #[serde(flatten)]
    pub band: crate::inventory::Band,
}

/// The steady state of the inventory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct InventorySteadyState {
    pub reached: bool,
    /// First sample of the steady regime (seconds from the start), if reached.
    pub at_seconds: Option<f64>,
    /// The same instant, RFC 3339 UTC.
    pub at: Option<String>,
    /// When every kind of point has started to expire (the regime cannot start earlier); null
    /// when something is kept forever.
    pub fill_seconds: Option<f64>,
    /// The schedule's cycle (the longest of the rules': day, week, month ≈ 31 d, year ≈ 366 d).
    pub cycle_seconds: f64,
    /// Whether counts repeat exactly with the cycle from `at` on (null for calendar cycles or a
    /// cycle the sampling step does not divide).
    pub repeats_exactly: Option<bool>,
    /// In words: when it is reached, or why not ("not reached within horizon").
    pub message: String,
    /// The band each vault, Region and the total move in from `at` on.
    pub by_vault: Vec<SteadyBand>,
    pub by_region: Vec<SteadyBand>,
    pub total: Option<crate::inventory::Band>,
    pub source: String,
}

/// Sampled inventory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct Inventory {
    pub sample_every_seconds: f64,
    /// Sample instants, seconds from the start (a point counts at `t` when created ≤ t < deleted;
    /// a copy from when it lands).
    pub sample_seconds: Vec<f64>,
    pub by_vault: Vec<InventorySeries>,
    pub by_region: Vec<InventorySeries>,
    pub total: InventorySeries,
    pub steady_state: InventorySteadyState,
}

// ---------------------------------------------------------------------------------------------
// RPO and coverage

/// Extra facts of the corruption scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct CorruptionDetail {
    /// The corruption instant (seconds from the start), when given.
    pub corruption_at_seconds: Option<f64>,
    /// Capture time of the newest point older than the corruption (null with PITR: restore to
    /// just before it).
    pub clean_point_created_at_seconds: Option<f64>,
    pub clean_point_vault: Option<String>,
    pub clean_point_region: Option<String>,
    /// The latest detection time at which a clean point still exists (null = kept forever).
    pub latest_detection_seconds: Option<f64>,
    /// The longest any point of this resource is kept: corruption must be detected within it
    /// (null = kept forever).
    pub longest_retention_seconds: Option<f64>,
}

/// RPO of one resource for one disruption type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct DisruptionRpo {
    pub disruption: Disruption,
    /// Whether any recovery point survives this disruption.
    pub covered: bool,
    /// How recovery happens, in words.
    pub mechanism: String,
    /// `I + W + J + C` (dr-strategies.md §5.2) over the simulated runs; null when not covered,
    /// when fewer than two points exist, or when points expire before the next is usable.
    pub worst_seconds: Option<f64>,
    pub worst: String,
    /// Mean loss for a failure at a uniformly random instant (fixed start delay).
    pub typical_seconds: Option<f64>,
    /// The terms of `worst_seconds`.
    pub terms: Vec<Term>,
    pub corruption: Option<CorruptionDetail>,
    pub notes: Vec<String>,
}

/// One kind of restore point a resource has at steady state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct CoverageTier {
    pub kind: SeriesKind,
    pub rule: Option<String>,
    pub vault: String,
    pub region: String,
    pub account: Option<String>,
    /// Spacing of restore points (0 = any second, PITR).
    pub granularity_seconds: f64,
    /// How far back they reach (null = kept indefinitely).
    pub retention_seconds: Option<f64>,
    pub words: String,
}

/// What a resource gets from the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct ResourceReport {
    pub resource_id: String,
    pub resource_type: String,
    pub region: String,
    pub account: Option<String>,
    pub protected: bool,
    /// Which selection picked it, or why none did.
    pub selected_by: Vec<String>,
    /// Recovery points created within the horizon (copies and the continuous point included).
    pub points: u64,
    pub rpo: Vec<DisruptionRpo>,
    /// Restore-point coverage at steady state, in words (`"any day of the last 35 days"`).
    pub coverage: Vec<String>,
    pub coverage_tiers: Vec<CoverageTier>,
}

/// One rule as simulated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct RuleReport {
    pub name: String,
    pub schedule_expression: String,
    pub time_zone: String,
    pub vault: String,
    pub continuous: bool,
    pub start_window_seconds: f64,
    /// Scheduled runs within the horizon.
    pub runs: u64,
    pub retention_days: Option<i64>,
    pub cold_after_days: Option<i64>,
}

/// A figure the simulation assumed, with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct SimulationAssumption {
    pub name: String,
    pub seconds: Option<f64>,
    pub value: String,
    pub basis: crate::provenance::Basis,
    pub source: String,
}

/// Output of [`simulate_backup_plan`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct Simulation {
    pub plan_name: String,
    /// Horizon start (RFC 3339 UTC).
    pub start: String,
    pub horizon_seconds: f64,
    pub assumptions: Vec<SimulationAssumption>,
    pub rules: Vec<RuleReport>,
    pub resources: Vec<ResourceReport>,
    /// Every recovery point, in the cost engine's record shape (series of identical points as
    /// one record with `repeat`, unless `expand_repeats`).
    pub recovery_points: Vec<PointRecord>,
    /// Data a chain still references after its full point expired (cost records, not points).
    pub chain_bases: Vec<PointRecord>,
    /// Which rule made which records.
    pub series: Vec<PointSeries>,
    /// Recovery points created (each repeat counted).
    pub point_count: u64,
    pub inventory: Inventory,
    /// The plan validator's findings (the simulation runs even when AWS would reject the plan).
    pub plan_issues: Vec<Issue>,
    /// Modelling notes: merged runs, fallbacks, unconfirmed behaviour.
    pub notes: Vec<Issue>,
}

impl Simulation {
    /// The records to bill: `recovery_points` followed by `chain_bases` (same shape as
    /// [`crate::cost::RecoveryPointLife`]; see [`Simulation::cost_records`] for that type).
    pub fn to_cost_records(&self) -> Vec<PointRecord> {
        let mut v = self.recovery_points.clone();
        v.extend(self.chain_bases.iter().cloned());
        v
    }

    /// `recovery_points` and `chain_bases` as the cost engine's input, ready for
    /// [`crate::cost::backup_cost`].
    pub fn cost_records(&self) -> Vec<crate::cost::RecoveryPointLife> {
        self.recovery_points
            .iter()
            .chain(&self.chain_bases)
            .map(PointRecord::to_cost)
            .collect()
    }
}

impl PointRecord {
    /// This record as a [`crate::cost::RecoveryPointLife`].
    pub fn to_cost(&self) -> crate::cost::RecoveryPointLife {
        let rtype = serde_json::from_value::<crate::cost::ResourceType>(Value::String(
            self.resource_type.to_string(),
        ))
        .unwrap_or_else(|_| crate::cost::ResourceType::Other(self.resource_type.to_string()));
        crate::cost::RecoveryPointLife {
            resource_type: rtype,
            resource_id: self.resource_id.to_string(),
            vault: self.vault.to_string(),
            region: self.region.to_string(),
            account: self.account.as_ref().map(Name::to_string),
            created_at_seconds: self.created_at_seconds,
            size_gib: self.size_gib,
            full: self.full,
            full_size_gib: self.full_size_gib,
            cold_at_seconds: self.cold_at_seconds,
            deleted_at_seconds: self.deleted_at_seconds,
            copy: self.copy.as_ref().map(|c| crate::cost::CopyOf {
                source_region: c.source_region.to_string(),
                source_vault: c.source_vault.as_ref().map(Name::to_string),
                source_account: c.source_account.as_ref().map(Name::to_string),
                transferred_gib: c.transferred_gib,
                copied_at_seconds: c.copied_at_seconds,
            }),
            continuous: self.continuous,
            repeat: self.repeat.map(|r| crate::cost::Repeat {
                count: r.count,
                every_seconds: r.every_seconds,
            }),
        }
    }
}

/// Simulate `plan` over the options' horizon for `resources`.
///
/// `plan` is a normalized [`BackupPlan`] or a whole document ([`PlanOrDocument`]: text, a
/// [`crate::backup::ParsedPlan`] or a decoded object, in any shape `parse_backup_plan` reads).
/// A document's selections and vaults are used where `options.selections` / `options.vaults`
/// are `None`, its import issues head `plan_issues`; with several plans, `options.plan_name`
/// picks one (`no_plan`, `ambiguous_plan`, `unknown_plan` at `/plan_name` otherwise).
///
/// Errors (`invalid_input`, every problem at once): options (`/start` not RFC 3339,
/// `/horizon_days` out of 0‥36,500, `/sample_every` below 60 s or more than 100,000 samples,
/// `/max_points`, too many points → `too_many_points` at `/horizon_days`), resources
/// (`missing_field` for a Region or type that cannot be inferred, `duplicate_resource`), plan
/// (`cron_*`/`unknown_time_zone` at `/rules/i/schedule_expression(_timezone)`, lifecycle days
/// out of range). Paths point into the original document when the plan carries a source map.
/// A document that cannot be read fails as `parse_backup_plan` does.
pub fn simulate_backup_plan<'a>(
    plan: impl Into<PlanOrDocument<'a>>,
    resources: &[Resource],
    options: &SimulationOptions,
) -> Result<Simulation, Error> {
    let plan = plan
        .into()
        .resolve(options.plan_name.as_deref())
        .map_err(|e| e.map_issues(issue_as_argument))?;
    let options = plan.fill(options);
    let mut sim = engine::simulate(&plan.plan, resources, &options, &plan.notes)
        .map_err(|e| e.map_issues(issue_as_argument))?;
    for list in [&mut sim.plan_issues, &mut sim.notes] {
        *list = std::mem::take(list)
            .into_iter()
            .map(issue_as_argument)
            .collect();
    }
    Ok(sim)
}

/// An issue found by a reader or validator shared with other calls, named by the argument of
/// `simulate_backup_plan` it points into: the document's is the `plan` argument's; the vaults'
/// and selections' are `options.vaults` / `options.selections` (paths under `/vaults`,
/// `/selections` of `options`).
pub(crate) fn issue_as_argument(i: Issue) -> Issue {
    match i.input.as_deref() {
        Some(crate::backup::import::INPUT) => i.in_input("plan"),
        Some("vaults") => i.under("/vaults").in_input("options"),
        Some("selections") => i.under("/selections").in_input("options"),
        _ => i,
    }
}
