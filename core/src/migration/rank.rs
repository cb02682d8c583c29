//! Ranking of the feasible paths (excluded paths are never ranked).
//!
//! Key, in order (drplan's rule, DERIVED from migration.md §7.2):
//! 1. effort + risk, lower first — `effort` is the path's base effort (1 = a console action …
//!    5 = an offline shipment, +2 for schema conversion), `risk` the number of risk notes;
//! 2. cost: fully priced paths first, cheaper first (a path with an unpriced line cannot be
//!    shown to be cheaper);
//! 3. total duration, shorter first;
//! 4. catalogue order of [`PathId`](super::path_id::PathId), so the order is always deterministic.

use std::cmp::Ordering;

use super::report::PathPlan;
use crate::units::human_duration;

fn score(p: &PathPlan) -> u32 {
    p.effort + p.risk
}

fn cost_key(p: &PathPlan) -> (u8, f64) {
    match p.cost.total_usd {
        Some(t) => (0, t),
        None => (1, 0.0),
    }
}

pub(crate) fn compare(a: &PathPlan, b: &PathPlan) -> Ordering {
    score(a)
        .cmp(&score(b))
        .then_with(|| {
            let (x, y) = (cost_key(a), cost_key(b));
            x.0.cmp(&y.0).then_with(|| x.1.total_cmp(&y.1))
        })
        .then_with(|| a.duration_seconds.total_cmp(&b.duration_seconds))
        .then_with(|| a.path.cmp(&b.path))
}

fn money(p: &PathPlan) -> String {
    match p.cost.total_usd {
        Some(0.0) => "$0".to_owned(),
        Some(t) if t < 0.01 => "< $0.01".to_owned(),
        Some(t) => format!("${t:.2}"),
        None => "not fully priced".to_owned(),
    }
}

fn id(p: &PathPlan) -> String {
    serde_json::to_value(p.path)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The one line for `p`, ranked right after `prev` (None for the first of `n`).
fn why(p: &PathPlan, prev: Option<&PathPlan>, n: usize) -> String {
    let tail = format!("downtime {}, done in {}", p.downtime, p.duration);
    let s = score(p);
    let Some(q) = prev else {
        return format!(
            "Recommended: least effort + risk ({} + {}) of {n} feasible path{}; {tail}",
            p.effort,
            p.risk,
            if n == 1 { "" } else { "s" }
        );
    };
    let (c, qc) = (cost_key(p), cost_key(q));
    if s != score(q) {
        format!(
            "Effort + risk {} + {} = {s}, against {} for {}; {tail}",
            p.effort,
            p.risk,
            score(q),
            id(q)
        )
    } else if c.0 != qc.0 || c.1.total_cmp(&qc.1) != Ordering::Equal {
        format!(
            "Same effort + risk as {} but costs more ({} vs {}); {tail}",
            id(q),
            money(p),
            money(q)
        )
    } else if p.duration_seconds.total_cmp(&q.duration_seconds) != Ordering::Equal {
        format!(
            "Same effort + risk and cost as {} but takes longer ({} vs {}); {tail}",
            id(q),
            p.duration,
            human_duration(q.duration_seconds)
        )
    } else {
        format!(
            "Ties with {} on every criterion; listed after it in catalogue order; {tail}",
            id(q)
        )
    }
}

/// Sort `plans`, number them and write each one's "why".
pub(crate) fn rank(plans: &mut [PathPlan]) {
    plans.sort_by(compare);
    let n = plans.len();
    let whys: Vec<String> = plans
        .iter()
        .enumerate()
        .map(|(i, p)| why(p, i.checked_sub(1).and_then(|j| plans.get(j)), n))
        .collect();
    for (i, (p, w)) in plans.iter_mut().zip(whys).enumerate() {
        p.rank = (i + 1) as u32;
        p.why = w;
    }
}
