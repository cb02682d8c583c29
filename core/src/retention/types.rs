//! Input and output types of the retention engine.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::time::{SnapshotTime, TimeVisitor};
use crate::error::Issue;
use crate::units::Seconds;

/// The named, version-pinned retention semantics (retention.md §1). Each mode is a fixed set of
/// switches; there is no "generic" policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum RetentionMode {
    /// restic `forget` 0.14.x/0.15.x: independent rules, no oldest fallback (retention.md §3).
    #[serde(rename = "restic-0.14")]
    Restic014,
    /// restic `forget` 0.16.0 … 0.19.x: as 0.14 plus keep-oldest fallback and `unlimited` (§4).
    #[serde(rename = "restic-0.16+")]
    Restic016,
    /// borg `prune` 1.2.x: sequential rules, prune-host time zone, `now`-relative within (§5).
    #[serde(rename = "borg-1.2")]
    Borg12,
    /// AWS Backup plan `Lifecycle`: per-recovery-point age rule (§6).
    #[serde(rename = "aws-backup-lifecycle")]
    AwsBackupLifecycle,
}

impl RetentionMode {
    pub fn as_str(self) -> &'static str {
        match self {
            RetentionMode::Restic014 => "restic-0.14",
            RetentionMode::Restic016 => "restic-0.16+",
            RetentionMode::Borg12 => "borg-1.2",
            RetentionMode::AwsBackupLifecycle => "aws-backup-lifecycle",
        }
    }

    pub fn is_restic(self) -> bool {
        matches!(self, RetentionMode::Restic014 | RetentionMode::Restic016)
    }
}

/// A `--keep-*` count: an integer (negative allowed where the tool allows it) or `"unlimited"`
/// (restic ≥ 0.16, equal to −1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeepCount {
    N(i64),
    Unlimited,
}

impl KeepCount {
    /// The tools' integer value (`unlimited` = −1, restic `ForgetPolicyCount`).
    pub fn value(self) -> i64 {
        match self {
            KeepCount::N(n) => n,
            KeepCount::Unlimited => -1,
        }
    }
}

impl Serialize for KeepCount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            KeepCount::N(n) => s.serialize_i64(*n),
            KeepCount::Unlimited => s.serialize_str("unlimited"),
        }
    }
}

impl<'de> Deserialize<'de> for KeepCount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = KeepCount;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an integer count or \"unlimited\"")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<KeepCount, E> {
                Ok(KeepCount::N(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<KeepCount, E> {
                Ok(KeepCount::N(i64::try_from(v).unwrap_or(i64::MAX)))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<KeepCount, E> {
                if v.is_finite() && v.fract() == 0.0 && v.abs() < 9e18 {
                    Ok(KeepCount::N(v as i64))
                } else {
                    Err(E::custom(format!(
                        "invalid value: {v} is not a whole number"
                    )))
                }
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<KeepCount, E> {
                if v == "unlimited" {
                    Ok(KeepCount::Unlimited)
                } else {
                    Err(E::custom(format!(
                        "invalid value: {v:?}: expected an integer or \"unlimited\""
                    )))
                }
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(feature = "tsify")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_RETENTION: &'static str = r#"
/** A keep count: an integer, or "unlimited" (restic >= 0.16). */
export type KeepCount = number | "unlimited";
/** An RFC 3339 timestamp with offset, or integer seconds since 1970-01-01T00:00:00Z (UTC). */
export type SnapshotTime = string | number;
/** One snapshot: a time, or an object with tags (restic), an id, a borg checkpoint flag. */
export type Snapshot = SnapshotTime | { time: SnapshotTime; tags?: string[]; id?: string; checkpoint?: boolean };
/** When backups are taken: `{interval_seconds}` or `{cron, time_zone?, dst_gap?}` (exactly one of interval_seconds and cron). */
export type Cadence = RawCadence;
"#;

/// Which restic CLI the `restic-0.16+` mode models; only the empty-policy and keep-nothing
/// guards differ (retention.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum ResticCliVersion {
    #[serde(rename = "0.16")]
    V016,
    #[serde(rename = "0.17+")]
    V017Plus,
}

/// A retention policy. One shape for every mode; each mode rejects fields its tool has no flag
/// for. Counts and `keep_within*` strings use the tool's own grammar (restic `2d`, `1y6m`, `36h`;
/// borg `36H`, `2d`, `2w`, `1m` = 31 days, `1y` = 365 days).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct RetentionPolicy {
    /// restic `--keep-last`; borg `--keep-last` (= `--keep-secondly`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "KeepCount"))]
    pub keep_last: Option<KeepCount>,
    /// borg only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "KeepCount"))]
    pub keep_secondly: Option<KeepCount>,
    /// borg only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "KeepCount"))]
    pub keep_minutely: Option<KeepCount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "KeepCount"))]
    pub keep_hourly: Option<KeepCount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "KeepCount"))]
    pub keep_daily: Option<KeepCount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "KeepCount"))]
    pub keep_weekly: Option<KeepCount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "KeepCount"))]
    pub keep_monthly: Option<KeepCount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "KeepCount"))]
    pub keep_yearly: Option<KeepCount>,
    /// restic: relative to the newest snapshot before `now`; borg: relative to `now`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub keep_within: Option<String>,
    /// restic only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub keep_within_hourly: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub keep_within_daily: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub keep_within_weekly: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub keep_within_monthly: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub keep_within_yearly: Option<String>,
    /// restic `--keep-tag`: each inner list is one flag (`a,b` = must carry a and b); `""`
    /// matches untagged snapshots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub keep_tag: Option<Vec<Vec<String>>>,
    /// restic-0.16+ only: which CLI's guards apply (default `"0.17+"`, the current releases).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub restic_cli_version: Option<ResticCliVersion>,
    /// restic ≥ 0.17 `--unsafe-allow-remove-all` (with a snapshot filter): an empty policy then
    /// removes every snapshot of the group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub unsafe_allow_remove_all: Option<bool>,
    /// AWS `Lifecycle.DeleteAfterDays` (1 … 36,500, or −1 = never).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub delete_after_days: Option<i64>,
    /// AWS `Lifecycle.MoveToColdStorageAfterDays` (−1 = never).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub move_to_cold_storage_after_days: Option<i64>,
    /// AWS: whether the resource type supports the cold tier (default true; aws-backup.md §14.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub aws_cold_storage_supported: Option<bool>,
    /// AWS: length of a lifecycle "day" (UNCONFIRMED, default 86,400 s; retention.md §6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "Seconds"))]
    pub aws_day_length_seconds: Option<Seconds>,
    /// AWS: a point exactly at `DeleteAt` is already deleted (UNCONFIRMED, default true; §6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub aws_boundary_inclusive: Option<bool>,
    /// AWS: how long after `DeleteAt` the point disappears (UNCONFIRMED, default 0; §6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "Seconds"))]
    pub aws_expiry_lag_seconds: Option<Seconds>,
}

/// One snapshot (restic snapshot, borg archive, AWS recovery point).
///
/// JSON input: an RFC 3339 string with offset, an integer of epoch seconds (UTC), or an object
/// `{"time": …, "tags": [...], "id": "...", "checkpoint": false}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub time: SnapshotTime,
    pub tags: Vec<String>,
    pub id: Option<String>,
    /// borg `.checkpoint` archive (excluded from the rules; retention.md §5 "Selection").
    pub checkpoint: bool,
}

impl Snapshot {
    pub fn at(time: SnapshotTime) -> Snapshot {
        Snapshot {
            time,
            tags: Vec::new(),
            id: None,
            checkpoint: false,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SnapshotObject {
    time: SnapshotTime,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    checkpoint: bool,
}

impl<'de> Deserialize<'de> for Snapshot {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Snapshot;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an RFC 3339 timestamp with offset, integer epoch seconds, or {time, tags?, id?}")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Snapshot, E> {
                TimeVisitor.visit_str(v).map(Snapshot::at)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Snapshot, E> {
                TimeVisitor.visit_i64(v).map(Snapshot::at)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Snapshot, E> {
                TimeVisitor.visit_u64(v).map(Snapshot::at)
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Snapshot, E> {
                TimeVisitor.visit_f64(v).map(Snapshot::at)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Snapshot, A::Error> {
                let o =
                    SnapshotObject::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Snapshot {
                    time: o.time,
                    tags: o.tags,
                    id: o.id,
                    checkpoint: o.checkpoint,
                })
            }
        }
        d.deserialize_any(V)
    }
}

impl Serialize for Snapshot {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("time", &self.time)?;
        if !self.tags.is_empty() {
            m.serialize_entry("tags", &self.tags)?;
        }
        if let Some(id) = &self.id {
            m.serialize_entry("id", id)?;
        }
        if self.checkpoint {
            m.serialize_entry("checkpoint", &true)?;
        }
        m.end()
    }
}

/// The rule behind a keep decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    Last,
    Secondly,
    Minutely,
    Hourly,
    Daily,
    Weekly,
    Monthly,
    Yearly,
    Within,
    WithinHourly,
    WithinDaily,
    WithinWeekly,
    WithinMonthly,
    WithinYearly,
    /// restic `--keep-tag`.
    Tag,
    /// borg: the newest `.checkpoint` archive, newer than every regular archive.
    Checkpoint,
    /// restic: an empty policy keeps everything.
    EmptyPolicy,
    /// AWS: not yet past `DeleteAt` (or no lifecycle).
    Lifecycle,
}

impl Rule {
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Last => "last",
            Rule::Secondly => "secondly",
            Rule::Minutely => "minutely",
            Rule::Hourly => "hourly",
            Rule::Daily => "daily",
            Rule::Weekly => "weekly",
            Rule::Monthly => "monthly",
            Rule::Yearly => "yearly",
            Rule::Within => "within",
            Rule::WithinHourly => "within_hourly",
            Rule::WithinDaily => "within_daily",
            Rule::WithinWeekly => "within_weekly",
            Rule::WithinMonthly => "within_monthly",
            Rule::WithinYearly => "within_yearly",
            Rule::Tag => "tag",
            Rule::Checkpoint => "checkpoint",
            Rule::EmptyPolicy => "empty_policy",
            Rule::Lifecycle => "lifecycle",
        }
    }
}

/// Why a snapshot was kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct KeepReason {
    pub rule: Rule,
    /// Kept by the keep-oldest fallback (restic ≥ 0.16 "oldest …", borg "`<rule>[oldest]`").
    pub oldest: bool,
    /// borg's running number per rule ("daily #3"); null for restic and AWS.
    pub number: Option<u64>,
    /// For `tag`: the tag list that matched.
    pub tags: Option<Vec<String>>,
    /// Human label in the tool's words, e.g. "daily snapshot", "oldest daily snapshot",
    /// "daily[oldest] #4", "within 2d", "has tags [a b]".
    pub label: String,
}

/// AWS storage tier of a kept recovery point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum StorageTier {
    Warm,
    Cold,
}

/// A kept snapshot.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct KeptSnapshot {
    /// Index into the input `snapshots`.
    pub index: usize,
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub time: SnapshotTime,
    pub id: Option<String>,
    pub reasons: Vec<KeepReason>,
    /// AWS only: warm or cold at `now`.
    pub storage: Option<StorageTier>,
    /// AWS only.
    #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
    pub move_to_cold_storage_at: Option<SnapshotTime>,
    /// AWS only.
    #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
    pub delete_at: Option<SnapshotTime>,
}

/// A `--keep-within*` window: snapshots strictly after `after` are inside.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct WithinWindow {
    pub rule: Rule,
    /// The duration as given.
    pub duration: String,
    /// Exclusive lower bound of the window.
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub after: SnapshotTime,
    pub source: String,
}

/// Result of [`apply_retention`](super::apply_retention). `kept` is listed newest first (the order
/// the tools walk), each with its time, id and reasons; `removed` is the complement as input indices,
/// also newest first — compact, because it is usually nearly the whole input (a million snapshots
/// produce a million removals; their times are in the input).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct RetentionResult {
    pub mode: RetentionMode,
    pub kept: Vec<KeptSnapshot>,
    pub removed: Vec<usize>,
    pub kept_count: usize,
    pub removed_count: usize,
    /// restic: the newest snapshot strictly before `now`, the reference of `--keep-within*`.
    #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
    pub latest: Option<SnapshotTime>,
    pub within_windows: Vec<WithinWindow>,
    /// How calendar buckets were formed, e.g. "each snapshot's stored UTC offset" or
    /// "prune host zone Europe/Berlin".
    pub bucket_time_zone: String,
    /// Warnings and notes (assumed defaults, ignored fields).
    pub notes: Vec<Issue>,
}
