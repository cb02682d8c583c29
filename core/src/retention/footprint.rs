//! How many snapshots a backup cadence and a retention policy hold over time: take a snapshot at
//! every cadence instant, prune right after it, and count.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::engine::{self, Prep};
use super::time::SnapshotTime;
use super::types::{KeepCount, RetentionMode, RetentionPolicy};
use super::{compile, decide, resolve_zone, Compiled};
use crate::error::{Error, Issue};
use crate::units::Seconds;

/// Most snapshots a footprint simulation takes (bounded work and memory).
pub const MAX_FOOTPRINT_SNAPSHOTS: u64 = 2_000_000;
/// Most snapshot visits (snapshots held × prunes) a simulation may do, ≈ 1–2 s natively.
pub const MAX_FOOTPRINT_WORK: u64 = 300_000_000;
/// Samples in the output series.
const MAX_SAMPLES: usize = 1000;

/// When backups are taken. `{"interval_seconds": 3600}` (number or `"1h"`) today; a cron variant
/// (`{"cron": "...", "time_zone": "..."}`) will join once the schedule module lands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawCadence", into = "RawCadence")]
pub enum Cadence {
    /// A backup every `interval_seconds`, first one at `start`.
    Interval { interval_seconds: f64 },
}

/// The wire shape of [`Cadence`]: one object whose keys pick the variant.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct RawCadence {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "Seconds"))]
    pub interval_seconds: Option<Seconds>,
}

impl TryFrom<RawCadence> for Cadence {
    type Error = String;
    fn try_from(r: RawCadence) -> Result<Self, String> {
        match r.interval_seconds {
            Some(s) if s.get() >= 1.0 => Ok(Cadence::Interval {
                interval_seconds: s.get(),
            }),
            Some(s) => Err(format!(
                "out of range: interval_seconds = {} is below 1 second",
                s.get()
            )),
            None => Err("missing field `interval_seconds`".into()),
        }
    }
}

impl From<Cadence> for RawCadence {
    fn from(c: Cadence) -> Self {
        match c {
            Cadence::Interval { interval_seconds } => RawCadence {
                interval_seconds: Some(Seconds(interval_seconds)),
            },
        }
    }
}

/// One point of the held-count series (after the prune that follows a backup).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct FootprintSample {
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub time: SnapshotTime,
    pub elapsed_seconds: f64,
    pub snapshots_taken: u64,
    pub held: usize,
}

/// Held count once the policy has filled.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct FootprintSteadyState {
    pub min_held: usize,
    pub max_held: usize,
    /// Start of the window the min/max are taken over (the last `window_seconds` of the horizon).
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub from: SnapshotTime,
    pub window_seconds: f64,
    /// How long the policy needs to fill (its longest count × period, within window, or AWS
    /// retention); the steady state is reported only when the horizon covers this plus one window.
    pub fill_seconds: f64,
    pub source: String,
}

/// Result of [`retention_footprint`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct FootprintResult {
    pub mode: RetentionMode,
    pub snapshots_taken: u64,
    pub final_held: usize,
    pub max_held: usize,
    /// Evenly spaced samples (≤ 1000, always including the last prune).
    pub series: Vec<FootprintSample>,
    /// None when the horizon is too short for the policy to fill, or a rule is unlimited.
    pub steady_state: Option<FootprintSteadyState>,
    pub notes: Vec<Issue>,
}

/// Longest period a count rule spans (s) — month 31 d, year 366 d, so an upper bound.
fn fill_seconds(
    policy: &RetentionPolicy,
    compiled: &Compiled,
    interval: f64,
) -> Option<(f64, f64)> {
    let periods: [(Option<KeepCount>, f64); 8] = [
        (policy.keep_last, interval),
        (policy.keep_secondly, 1.0f64.max(interval)),
        (policy.keep_minutely, 60.0f64.max(interval)),
        (policy.keep_hourly, 3600.0f64.max(interval)),
        (policy.keep_daily, 86_400.0f64.max(interval)),
        (policy.keep_weekly, 604_800.0f64.max(interval)),
        (policy.keep_monthly, 31.0 * 86_400.0f64.max(interval)),
        (policy.keep_yearly, 366.0 * 86_400.0f64.max(interval)),
    ];
    let mut fill: f64 = 0.0;
    let mut window: f64 = interval;
    for (c, period) in periods {
        match c {
            None => {}
            Some(KeepCount::N(n)) if n > 0 => {
                fill = fill.max(n as f64 * period);
                window = window.max(period);
            }
            Some(KeepCount::N(0)) => {}
            // restic 0.14 negatives never fire, so they hold nothing.
            Some(_) if matches!(compiled, Compiled::Restic { rules, .. } if !rules.keep_oldest) => {
            }
            // Unlimited (restic 0.16+ -1, borg negative): grows forever.
            Some(_) => return None,
        }
    }
    match compiled {
        Compiled::Restic { rules, .. } => {
            for d in std::iter::once(rules.within)
                .chain(rules.within_x.iter().copied())
                .flatten()
            {
                let s = d.rough_seconds() as f64;
                fill = fill.max(s);
                window = window.max(s.min(366.0 * 86_400.0));
            }
            if !rules.tags.is_empty() {
                return None;
            }
        }
        Compiled::Borg(b) => {
            if let Some(h) = b.within_hours {
                fill = fill.max(h as f64 * 3600.0);
            }
        }
        Compiled::Aws(a) => {
            let d = a.delete_after_days?;
            let s = d as f64 * a.day_nanos as f64 / 1e9 + a.lag_nanos as f64 / 1e9;
            fill = fill.max(s);
            window = window.max(s);
        }
    }
    Some((fill, window))
}

/// Simulate `cadence` from `start` for `horizon`, pruning with `policy` under `mode` right after
/// every backup (the prune's `now` is the backup instant plus 1 ns, so restic counts the new
/// snapshot as its `latest`). At most [`MAX_FOOTPRINT_SNAPSHOTS`] backups and
/// [`MAX_FOOTPRINT_WORK`] snapshot visits; beyond that an `out_of_range` error points at
/// `horizon`.
pub fn retention_footprint(
    cadence: &Cadence,
    policy: &RetentionPolicy,
    mode: RetentionMode,
    start: SnapshotTime,
    horizon: Seconds,
    time_zone: Option<&str>,
) -> Result<FootprintResult, Error> {
    let (compiled, mut notes) = compile(policy, mode)?;
    let zone = resolve_zone(time_zone)?;
    let Cadence::Interval { interval_seconds } = cadence;
    // 10^12 s ≈ 31,700 years: beyond any calendar the engine handles (years 0000-9999).
    if !(1.0..=1e12).contains(interval_seconds) {
        return Err(Error::invalid(vec![Issue::error(
            "out_of_range",
            "/interval_seconds",
            "the interval must be between 1 second and 10^12 seconds",
        )
        .in_input("cadence")]));
    }
    if horizon.get() > 1e12 {
        return Err(Error::invalid(vec![Issue::error(
            "out_of_range",
            "",
            "the horizon must be at most 10^12 seconds",
        )
        .in_input("horizon")]));
    }
    let interval_ns = (interval_seconds * 1e9).round() as i128;
    let horizon_ns = (horizon.get() * 1e9).round() as i128;
    let taken = horizon_ns / interval_ns + 1;
    if taken > i128::from(MAX_FOOTPRINT_SNAPSHOTS) {
        return Err(Error::invalid(vec![Issue::error("out_of_range", "", format!(
            "the horizon would take {taken} snapshots; at most {MAX_FOOTPRINT_SNAPSHOTS} are simulated"))
            .with_hint("shorten the horizon or lengthen the interval")
            .in_input("horizon")]));
    }
    let taken = taken as u64;
    let start_ns = start.instant();
    let end_unix = (start_ns + horizon_ns).div_euclid(1_000_000_000);
    if end_unix > i128::from(super::time::MAX_UNIX) {
        return Err(Error::invalid(vec![Issue::error(
            "out_of_range",
            "",
            "the horizon runs past year 9999",
        )
        .in_input("horizon")]));
    }
    let mut held: Vec<Prep> = Vec::new(); // newest first
    let no_tags: &[String] = &[];
    let mut work: u64 = 0;
    let stride = (taken as usize).div_ceil(MAX_SAMPLES).max(1);
    let mut series = Vec::new();
    let end_ns = start_ns + i128::from(taken.saturating_sub(1)) * interval_ns;
    let fill = fill_seconds(policy, &compiled, *interval_seconds);
    let window_from = fill.map_or(i128::MAX, |(_, window)| end_ns - (window * 1e9) as i128);
    let (mut tail_min, mut tail_max) = (usize::MAX, 0usize);
    let mut max_held = 0usize;
    for k in 0..taken {
        let at = start_ns + i128::from(k) * interval_ns;
        let t = engine::time_at(at, &start);
        let mut next: Vec<Prep> = Vec::with_capacity(held.len() + 1);
        next.push(Prep { idx: 0, t });
        next.append(&mut held);
        work += next.len() as u64;
        if work > MAX_FOOTPRINT_WORK {
            return Err(Error::invalid(vec![Issue::error("out_of_range", "", format!(
                "the simulation needs more than {MAX_FOOTPRINT_WORK} snapshot visits (about {} held after {k} backups)", next.len()))
                .with_hint("the policy holds too many snapshots at this cadence; shorten the horizon or lengthen the interval")
                .in_input("horizon")]));
        }
        let now = engine::time_at(at + 1, &start);
        let decision = decide(&compiled, &next, &now, zone.as_ref(), |_| no_tags, None)?;
        held = decision
            .kept
            .iter()
            .filter_map(|(i, _)| next.get(*i).cloned())
            .collect();
        max_held = max_held.max(held.len());
        if at >= window_from {
            tail_min = tail_min.min(held.len());
            tail_max = tail_max.max(held.len());
        }
        if (k as usize) % stride == 0 || k + 1 == taken {
            series.push(FootprintSample {
                time: t,
                elapsed_seconds: (at - start_ns) as f64 / 1e9,
                snapshots_taken: k + 1,
                held: held.len(),
            });
        }
    }
    let steady_state = match fill {
        None => {
            notes.push(Issue::info("no_steady_state", "", "the policy has an unlimited rule (or keeps by tag), so the count never levels off").in_input("policy"));
            None
        }
        Some((fill, window)) => {
            let window_ns = (window * 1e9) as i128;
            let need = ((fill + window) * 1e9) as i128;
            if end_ns - start_ns < need {
                notes.push(Issue::info("horizon_too_short", "", format!(
                    "the policy needs about {:.0} s to fill plus a {:.0} s window to measure; the horizon is {:.0} s",
                    fill, window, horizon.get())).in_input("horizon"));
                None
            } else {
                Some(FootprintSteadyState {
                    min_held: if tail_min == usize::MAX { 0 } else { tail_min },
                    max_held: tail_max,
                    from: engine::time_at(end_ns - window_ns, &start),
                    window_seconds: window,
                    fill_seconds: fill,
                    source: "drplan simulation: min/max held over the last window (longest rule period) once the \
                             horizon covers the fill time (count x period, month 31 d, year 366 d) plus that window"
                        .into(),
                })
            }
        }
    };
    Ok(FootprintResult {
        mode,
        snapshots_taken: taken,
        final_held: held.len(),
        max_held,
        series,
        steady_state,
        notes,
    })
}

/// JSON twin of [`retention_footprint`]: `(cadence, policy, mode, start, horizon, time_zone)`.
pub fn retention_footprint_json(
    cadence: Value,
    policy: Value,
    mode: Value,
    start: Value,
    horizon: Value,
    time_zone: Value,
) -> Result<Value, Error> {
    let cadence: Cadence = crate::json::from_value("cadence", cadence)?;
    let policy: RetentionPolicy = crate::json::from_value("policy", policy)?;
    let mode: RetentionMode = crate::json::from_value("mode", mode)?;
    let start: SnapshotTime = crate::json::from_value("start", start)?;
    let horizon: Seconds = crate::json::from_value("horizon", horizon)?;
    let time_zone: Option<String> = crate::json::from_value("time_zone", time_zone)?;
    retention_footprint(
        &cadence,
        &policy,
        mode,
        start,
        horizon,
        time_zone.as_deref(),
    )
    .map(|o| crate::json::to_value(&o))
}
