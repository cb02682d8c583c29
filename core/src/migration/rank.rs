//! Ranking of the feasible paths (excluded paths are never ranked): drplan's rule, DERIVED, written
//! out in migration.md §7.3.
//!
//! Each path gets points, lower first (`balanced`, the default preference):
//! - `effort`: the path's base effort (1 = a console action … 5 = an offline shipment, +2 for
//!   schema conversion);
//! - `risk`: one per risk note (informational notes — instructions and availability facts — do not
//!   count) and one per placeholder warning (the path fits only if a placeholder beats its default);
//! - `time`: log2(duration / fastest feasible duration) — one point per doubling of the elapsed time;
//! - `downtime`: without a downtime tolerance, log2((downtime + 1 h) / (least feasible downtime +
//!   1 h)) — the hour damps the difference between minutes; with one, log2(1 + excess over the
//!   tolerance ÷ 1 h): 0 within it (the business accepts that downtime; only the margin below
//!   counts), more for a path kept only by a placeholder warning;
//! - `cost`: log2((priced USD + 100) / (cheapest priced USD + 100)) — amounts well below $100 do not
//!   move the ranking; an unpriced line is shown as unpriced and scores its priced part only, so it
//!   never pushes a path below others;
//! - `margin`: one point each when the path uses more than half of the deadline or of the downtime
//!   tolerance (a rehearsal that runs twice as slow would miss).
//!
//! The other preferences (`options.prefer`) sort by one criterion first and by the points after:
//! `fastest` (duration), `least_downtime` (downtime), `cheapest` (fully priced total, cheaper first;
//! a path with an unpriced line after the priced ones), `least_effort` (effort + risk). Remaining
//! ties: shorter duration, then catalogue order of [`PathId`](super::path_id::PathId).

use std::cmp::Ordering;

use super::report::PathPlan;
use super::scenario::{MigrationScenario, Preference};

/// Notes that inform (an instruction to follow, a fact about availability or about what is
/// priced) rather than warn of something that can go wrong: they do not count as risk.
const INFORMATIONAL: [&str; 10] = [
    "one_snapshot_copy_per_region",
    "cross_account_snapshot",
    "replica_writes_break_replication",
    "snowball_closed_to_new_customers",
    "budget_not_checkable",
    "conversion_effort_unknown",
    "pg_native_initial_load_advised",
    "serverless_v2_switch",
    "serverless_v2_capacity",
    "dms_serverless_no_cdc_start_point",
];

/// Seconds floor for the time ratio (a path estimated at 0 s would make every other infinite).
const MIN_SECONDS: f64 = 60.0;
/// Downtime damping (1 h) and cost damping ($100) of the points.
const DOWNTIME_DAMP_SECONDS: f64 = 3600.0;
const COST_DAMP_USD: f64 = 100.0;

pub(crate) fn is_risk(code: &str) -> bool {
    !INFORMATIONAL.contains(&code)
}

/// The points of one path, by criterion.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Points {
    effort: f64,
    risk: f64,
    time: f64,
    downtime: f64,
    cost: f64,
    margin: f64,
}

impl Points {
    fn total(&self) -> f64 {
        self.effort + self.risk + self.time + self.downtime + self.cost + self.margin
    }
}

fn risk(p: &PathPlan) -> u32 {
    (p.notes.iter().filter(|n| is_risk(&n.code)).count() + p.warnings.len()) as u32
}

struct Field {
    fastest: f64,
    least_down: f64,
    cheapest: f64,
    deadline: Option<f64>,
    tolerance: Option<f64>,
}

fn points(p: &PathPlan, f: &Field) -> Points {
    let half = |x: f64, limit: Option<f64>| match limit {
        Some(l) if x > l / 2.0 => 1.0,
        _ => 0.0,
    };
    Points {
        effort: f64::from(p.effort),
        risk: f64::from(p.risk),
        time: (p.duration_seconds.max(MIN_SECONDS) / f.fastest)
            .log2()
            .max(0.0),
        // Within a stated tolerance the business accepts the downtime: only the margin counts.
        // Beyond it (a path kept by a placeholder warning) the excess counts.
        downtime: match f.tolerance {
            Some(t) => ((p.downtime_seconds - t).max(0.0) / DOWNTIME_DAMP_SECONDS + 1.0).log2(),
            None => ((p.downtime_seconds + DOWNTIME_DAMP_SECONDS)
                / (f.least_down + DOWNTIME_DAMP_SECONDS))
                .log2()
                .max(0.0),
        },
        cost: ((p.cost.priced_usd + COST_DAMP_USD) / (f.cheapest + COST_DAMP_USD))
            .log2()
            .max(0.0),
        margin: half(p.duration_seconds, f.deadline) + half(p.downtime_seconds, f.tolerance),
    }
}

/// Compare two f64 keys, treating differences below 0.005 as ties (points print with 2 decimals).
fn close(a: f64, b: f64) -> Ordering {
    if (a - b).abs() < 0.005 {
        Ordering::Equal
    } else {
        a.total_cmp(&b)
    }
}

fn cost_key(p: &PathPlan) -> (u8, f64) {
    match p.cost.total_usd {
        Some(t) => (0, t),
        None => (1, p.cost.priced_usd),
    }
}

pub(crate) fn compare(
    pref: Preference,
    a: (&PathPlan, Points),
    b: (&PathPlan, Points),
) -> Ordering {
    let (p, x) = a;
    let (q, y) = b;
    let first = match pref {
        Preference::Balanced => Ordering::Equal,
        Preference::Fastest => close(p.duration_seconds, q.duration_seconds),
        Preference::LeastDowntime => close(p.downtime_seconds, q.downtime_seconds),
        Preference::Cheapest => {
            let (c, d) = (cost_key(p), cost_key(q));
            c.0.cmp(&d.0).then_with(|| close(c.1, d.1))
        }
        Preference::LeastEffort => (p.effort + p.risk).cmp(&(q.effort + q.risk)),
    };
    first
        .then_with(|| close(x.total(), y.total()))
        .then_with(|| p.duration_seconds.total_cmp(&q.duration_seconds))
        .then_with(|| p.path.cmp(&q.path))
}

fn money(p: &PathPlan) -> String {
    let m = |t: f64| {
        if t == 0.0 {
            "$0".to_owned()
        } else if t < 0.01 {
            "< $0.01".to_owned()
        } else {
            format!("${t:.2}")
        }
    };
    match p.cost.total_usd {
        Some(t) => m(t),
        None => format!("{} + unpriced lines", m(p.cost.priced_usd)),
    }
}

fn id(p: &PathPlan) -> String {
    serde_json::to_value(p.path)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn pref_name(pref: Preference) -> &'static str {
    match pref {
        Preference::Balanced => "balanced",
        Preference::Fastest => "fastest",
        Preference::LeastDowntime => "least_downtime",
        Preference::Cheapest => "cheapest",
        Preference::LeastEffort => "least_effort",
    }
}

fn breakdown(x: &Points) -> String {
    format!(
        "{:.2} points (effort {:.0} + risk {:.0} + time {:.2} + downtime {:.2} + cost {:.2} + margin {:.0})",
        x.total(),
        x.effort,
        x.risk,
        x.time,
        x.downtime,
        x.cost,
        x.margin
    )
}

/// What `a` gains and gives up against `b`, criterion by criterion.
fn trade(a: (&PathPlan, Points), b: (&PathPlan, Points)) -> (Vec<String>, Vec<String>) {
    let (p, x) = a;
    let (q, y) = b;
    let mut gains = Vec::new();
    let mut costs = Vec::new();
    let mut side = |better: Ordering, gain: String, cost: String| match better {
        Ordering::Less => gains.push(gain),
        Ordering::Greater => costs.push(cost),
        Ordering::Equal => {}
    };
    side(
        close(p.duration_seconds, q.duration_seconds),
        format!("done in {} instead of {}", p.duration, q.duration),
        format!("takes {} instead of {}", p.duration, q.duration),
    );
    side(
        close(p.downtime_seconds, q.downtime_seconds),
        format!("downtime {} instead of {}", p.downtime, q.downtime),
        format!("downtime {} instead of {}", p.downtime, q.downtime),
    );
    side(
        p.effort.cmp(&q.effort),
        format!("effort {} instead of {}", p.effort, q.effort),
        format!("effort {} instead of {}", p.effort, q.effort),
    );
    side(
        p.risk.cmp(&q.risk),
        format!("{} risk point(s) instead of {}", p.risk, q.risk),
        format!("{} risk point(s) instead of {}", p.risk, q.risk),
    );
    side(
        close(x.cost, y.cost),
        format!("costs {} instead of {}", money(p), money(q)),
        format!("costs {} instead of {}", money(p), money(q)),
    );
    side(
        close(x.margin, y.margin),
        "more margin on the deadline and tolerance".to_owned(),
        "less margin on the deadline and tolerance".to_owned(),
    );
    (gains, costs)
}

/// One sentence: why `a` (ranked first) beat `b` (second).
fn reason(pref: Preference, a: (&PathPlan, Points), b: (&PathPlan, Points)) -> String {
    let (gains, costs) = trade(a, b);
    let mut s = format!(
        "{} ranks above {} ({}{:.2} against {:.2} points)",
        id(a.0),
        id(b.0),
        if pref == Preference::Balanced {
            String::new()
        } else {
            format!("prefer {}, then ", pref_name(pref))
        },
        a.1.total(),
        b.1.total()
    );
    if gains.is_empty() {
        s.push_str(": they tie on every criterion, catalogue order decides");
    } else {
        s.push_str(": ");
        s.push_str(&gains.join(", "));
    }
    if !costs.is_empty() {
        s.push_str("; it trades: ");
        s.push_str(&costs.join(", "));
    }
    s.push('.');
    s
}

/// Sort `plans`, number them, set each one's risk and "why", and return why the first beat the
/// second.
pub(crate) fn rank(plans: &mut [PathPlan], s: &MigrationScenario) -> Option<String> {
    for p in plans.iter_mut() {
        p.risk = risk(p);
    }
    let min = |v: &mut dyn Iterator<Item = f64>| v.fold(f64::INFINITY, f64::min);
    let field = Field {
        fastest: min(&mut plans.iter().map(|p| p.duration_seconds.max(MIN_SECONDS))),
        least_down: min(&mut plans.iter().map(|p| p.downtime_seconds)),
        cheapest: min(&mut plans.iter().map(|p| p.cost.priced_usd)),
        deadline: s.constraints.deadline_seconds.map(|d| d.0),
        tolerance: s.constraints.downtime_tolerance_seconds.map(|d| d.0),
    };
    let pref = s.options.prefer;
    plans.sort_by(|a, b| compare(pref, (a, points(a, &field)), (b, points(b, &field))));
    let pts: Vec<Points> = plans.iter().map(|p| points(p, &field)).collect();
    let n = plans.len();
    let whys: Vec<String> = plans
        .iter()
        .zip(&pts)
        .enumerate()
        .map(|(i, (p, x))| {
            let tail = format!("downtime {}, done in {}", p.downtime, p.duration);
            if i == 0 {
                format!(
                    "Recommended ({}) of {n} feasible path{}: {}; {tail}",
                    pref_name(pref),
                    if n == 1 { "" } else { "s" },
                    breakdown(x)
                )
            } else {
                format!("{}; {tail}", breakdown(x))
            }
        })
        .collect();
    for (i, (p, w)) in plans.iter_mut().zip(whys).enumerate() {
        p.rank = (i + 1) as u32;
        p.why = w;
    }
    match (plans.first(), plans.get(1), pts.first(), pts.get(1)) {
        (Some(a), Some(b), Some(x), Some(y)) => Some(reason(pref, (a, *x), (b, *y))),
        _ => None,
    }
}
