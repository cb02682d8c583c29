//! Phase 1, the options that fix the horizon: its start, length and sampling grid, the point
//! cap and the corruption instant.

use jiff::Timestamp;

use super::state::DAY;
use super::*;
use crate::error::Issue;
use crate::inventory::{self, Grid};

/// The options as read: `None` where an option is invalid (its issue is reported).
pub(super) struct Horizon {
    pub start: Option<Timestamp>,
    pub horizon_days: f64,
    /// Seconds simulated.
    pub horizon: i64,
    pub grid: Option<Grid>,
    pub max_points: u64,
    pub corruption: Option<Timestamp>,
}

/// Read and check the options of the horizon, adding their problems to `issues`.
pub(super) fn read_horizon(options: &SimulationOptions, issues: &mut Vec<Issue>) -> Horizon {
    let oi =
        |code: &str, path: &str, msg: String| Issue::error(code, path, msg).in_input("options");
    let start = parse_ts(&options.start, "/start", "options", issues);
    let horizon_days = options.horizon_days.unwrap_or(DEFAULT_HORIZON_DAYS);
    if !(horizon_days.is_finite() && horizon_days > 0.0 && horizon_days <= MAX_HORIZON_DAYS) {
        issues.push(oi(
            "out_of_range",
            "/horizon_days",
            format!("horizon_days {horizon_days} is out of range: more than 0, at most 36,500"),
        ));
    }
    let horizon = (horizon_days.clamp(0.0, MAX_HORIZON_DAYS) * DAY as f64).round() as i64;
    let step_f = options
        .sample_every
        .map_or(DEFAULT_SAMPLE_EVERY_SECONDS, Seconds::get);
    let step = step_f.round() as i64;
    let grid = if step_f < MIN_SAMPLE_EVERY_SECONDS {
        issues.push(oi(
            "out_of_range",
            "/sample_every",
            format!("sample_every {step_f} s is below the minimum of 60 s"),
        ));
        None
    } else {
        let g = Grid::covering(horizon, step.max(1));
        if g.is_none() {
            issues.push(
                oi(
                    "out_of_range",
                    "/sample_every",
                    format!(
                        "sampling every {} over {horizon_days} days takes more than {} samples",
                        crate::units::human_duration(step_f),
                        inventory::MAX_SAMPLES
                    ),
                )
                .with_hint("sample less often or shorten horizon_days"),
            );
        }
        g
    };
    let max_points = options.max_points.unwrap_or(MAX_POINTS);
    if max_points == 0 || max_points > MAX_POINTS {
        issues.push(oi(
            "out_of_range",
            "/max_points",
            format!("max_points {max_points} is out of range 1‥{MAX_POINTS}"),
        ));
    }
    let corruption = options
        .corruption_at
        .as_deref()
        .and_then(|s| parse_ts(s, "/corruption_at", "options", issues));
    Horizon {
        start,
        horizon_days,
        horizon,
        grid,
        max_points,
        corruption,
    }
}

fn parse_ts(s: &str, path: &str, input: &str, issues: &mut Vec<Issue>) -> Option<Timestamp> {
    match s.trim().parse::<Timestamp>() {
        Ok(t) => Some(t),
        Err(e) => {
            issues.push(
                Issue::error(
                    "invalid_timestamp",
                    path,
                    format!("{s:?} is not an RFC 3339 timestamp with an offset: {e}"),
                )
                .in_input(input)
                .with_hint("e.g. 2026-01-01T00:00:00Z"),
            );
            None
        }
    }
}
