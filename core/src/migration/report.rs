//! What `select_migration_path` returns: the feasible paths ranked, the excluded ones with their
//! reasons, and the assumptions behind every figure.

use serde::{Deserialize, Serialize};

use super::assumptions::Assumption;
use super::exclusion::{Check, Exclusion};
use super::path_id::PathId;
use super::reference::Reference;
use super::scenario::{ConversionTool, LinkKind, Preference};
use crate::error::Issue;

/// A prerequisite, a thing to re-create by hand, or a warning, with where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct Item {
    pub text: String,
    pub source: String,
}

/// A risk or caveat attached to one path; each one counts toward the path's risk score unless it
/// is informational (an instruction or an availability fact, see `rank.rs`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct Note {
    /// Stable code, e.g. `lob_truncation_risk`.
    pub code: String,
    pub message: String,
    pub source: String,
}

/// A path that is feasible only if placeholder defaults are no worse than a break-even value: the
/// estimate with drplan's defaults fails a check, the most favourable value of every placeholder
/// passes it (migration.md §7.3). It never excludes the path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct PathWarning {
    /// Stable code, e.g. `downtime_depends_on_placeholder`.
    pub code: String,
    pub message: String,
    /// The `overrides` fields (or `network.utilization`) the verdict hangs on.
    pub depends_on: Vec<String>,
    /// The most the placeholder-dependent terms may take for the path to pass, in seconds (null
    /// when the break-even is a rate, given in the message).
    pub break_even_seconds: Option<f64>,
    /// `break_even_seconds` as reports print it.
    pub break_even: Option<String>,
    pub source: String,
}

/// One-time copy (writes stop for the whole copy) or ongoing replication (writes stop only at
/// cut-over).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    OneTime,
    Ongoing,
}

/// Timeline phases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum PhaseKind {
    SchemaConversion,
    Copy,
    CatchUp,
    CutOver,
}

/// One term of a duration, with its formula and the assumptions it used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct EstimateTerm {
    pub what: String,
    pub seconds: f64,
    /// The arithmetic, e.g. `"500 GiB × 8 / 80,000,000 bit/s"`.
    pub formula: String,
    /// Names of the assumptions (see the report's `assumptions`) this term used.
    pub assumptions: Vec<String>,
}

/// One phase of the timeline, in seconds from the start of the migration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct MigrationPhase {
    pub phase: PhaseKind,
    pub start_seconds: f64,
    pub end_seconds: f64,
    /// Writes to the source are stopped during this phase (it counts as downtime).
    pub writes_stopped: bool,
    pub terms: Vec<EstimateTerm>,
}

/// One cost line; `usd` is null when no sourced or caller price exists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct MigrationCostLine {
    pub item: String,
    pub quantity: f64,
    pub unit: String,
    pub unit_usd: Option<f64>,
    pub usd: Option<f64>,
    pub source: String,
}

/// Migration-specific charges drplan can model (not the target's running cost).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct Cost {
    /// Total when every line is priced; null otherwise ("not priced").
    pub total_usd: Option<f64>,
    /// Sum of the priced lines (a lower bound when some lines are not priced).
    pub priced_usd: f64,
    pub complete: bool,
    pub lines: Vec<MigrationCostLine>,
    pub note: String,
}

/// Schema conversion for an engine change (SCT or DMS Schema Conversion, migration.md §6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct SchemaConversion {
    pub tool: ConversionTool,
    /// Effort range in person-hours from the assessment buckets; null when no assessment counts
    /// were given.
    pub effort_hours_low: Option<f64>,
    pub effort_hours_high: Option<f64>,
    /// Calendar time the timeline reserves (high estimate ÷ engineers ÷ hours per day).
    pub calendar_seconds: Option<f64>,
    pub basis: String,
    pub source: String,
}

/// A feasible path, ranked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct PathPlan {
    pub rank: u32,
    pub path: PathId,
    pub label: String,
    /// One line: why this path is where it is in the ranking.
    pub why: String,
    pub reference: Reference,
    pub kind: Kind,
    /// Base effort of the path (1 = a console action … 5 = offline shipment); see `rank.rs`.
    pub effort: u32,
    /// Number of risk notes (in `notes`, informational ones excluded) plus placeholder warnings.
    pub risk: u32,
    pub duration_seconds: f64,
    pub duration: String,
    pub downtime_seconds: f64,
    pub downtime: String,
    pub timeline: Vec<MigrationPhase>,
    pub cost: Cost,
    pub schema_conversion: Option<SchemaConversion>,
    pub prerequisites: Vec<Item>,
    pub recreate_by_hand: Vec<Item>,
    pub steps: Vec<String>,
    /// Hard constraints checked for this path, all passed.
    pub checks: Vec<Check>,
    pub notes: Vec<Note>,
    /// Checks that fail only with drplan's placeholder defaults: the path stays, with the
    /// break-even value to measure against.
    pub warnings: Vec<PathWarning>,
}

/// Figures computed for a path that passed its structural checks but failed on time, budget or
/// catch-up: shown so the caller sees by how much.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct EstimateSummary {
    pub duration_seconds: f64,
    pub downtime_seconds: f64,
    pub cost_total_usd: Option<f64>,
}

/// A path that was removed, with every reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct ExcludedPath {
    pub path: PathId,
    pub label: String,
    pub reference: Reference,
    pub reasons: Vec<Exclusion>,
    pub estimate: Option<EstimateSummary>,
}

/// Network transfer of the whole data set (dr-strategies.md §9.1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct NetworkTransfer {
    pub link: LinkKind,
    pub bandwidth_bps: f64,
    pub utilization: f64,
    pub effective_bps: f64,
    pub bytes: f64,
    pub seconds: f64,
    pub duration: String,
    pub formula: String,
    pub source: String,
}

/// The answer of `select_migration_path`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct MigrationReport {
    /// Source and target are different engine families (schema conversion needed).
    pub engine_change: bool,
    /// The top-ranked feasible path, if any.
    pub recommended: Option<PathId>,
    /// What the ranking favoured (`options.prefer`).
    pub preference: Preference,
    /// One sentence: why the first path beat the second (null with fewer than two feasible paths).
    pub ranking_reason: Option<String>,
    /// Feasible paths, best first.
    pub feasible: Vec<PathPlan>,
    /// Paths removed by a hard constraint, downtime, deadline or budget, in catalogue order.
    pub excluded: Vec<ExcludedPath>,
    pub network: Option<NetworkTransfer>,
    /// Every assumption used by any estimate, with its basis and source.
    pub assumptions: Vec<Assumption>,
    /// Warnings about the scenario itself (paths point into it).
    pub warnings: Vec<Issue>,
}
