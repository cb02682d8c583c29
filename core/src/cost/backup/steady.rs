//! The steady-state monthly bill: where the monthly totals settle.

use super::SteadyState;
use crate::cost::fmt::num;

/// The earliest month from which every later month stays within `tol` (relative) of it, with at
/// least `min_months` months to the horizon's end. DERIVED/HEURISTIC (drplan's definition).
pub(super) fn steady(totals: &[f64], tol: f64, min_months: u32) -> SteadyState {
    let n = totals.len();
    let mut suffix_min = vec![f64::INFINITY; n + 1];
    let mut suffix_max = vec![f64::NEG_INFINITY; n + 1];
    for i in (0..n).rev() {
        let x = totals.get(i).copied().unwrap_or(0.0);
        let (lo, hi) = (
            suffix_min.get(i + 1).copied().unwrap_or(f64::INFINITY),
            suffix_max.get(i + 1).copied().unwrap_or(f64::NEG_INFINITY),
        );
        if let Some(s) = suffix_min.get_mut(i) {
            *s = lo.min(x);
        }
        if let Some(s) = suffix_max.get_mut(i) {
            *s = hi.max(x);
        }
    }
    let min_months_us = min_months as usize;
    for m in 0..n {
        if n - m < min_months_us {
            break;
        }
        let t = totals.get(m).copied().unwrap_or(0.0);
        let lo = suffix_min.get(m).copied().unwrap_or(t);
        let hi = suffix_max.get(m).copied().unwrap_or(t);
        let band = tol * t.abs();
        if hi - t <= band && t - lo <= band {
            let rest = totals.get(m..).unwrap_or(&[]);
            let mean = rest.iter().sum::<f64>() / rest.len().max(1) as f64;
            return SteadyState {
                reached: true,
                from_month: Some(m as u32 + 1),
                monthly_usd: Some(mean),
                tolerance: tol,
                min_months,
                explanation: format!(
                    "from month {} to the horizon's end ({} months) every monthly bill stays within {} % of month {}'s ${}; the steady-state bill is their mean (restores excluded)",
                    m + 1,
                    n - m,
                    num(tol * 100.0),
                    m + 1,
                    num(t)
                ),
            };
        }
    }
    SteadyState {
        reached: false,
        from_month: None,
        monthly_usd: None,
        tolerance: tol,
        min_months,
        explanation: format!(
            "the monthly bill does not settle within {} % for the last {} or more months of the horizon: extend horizon_months past the longest retention (points kept past the horizon keep the bill growing)",
            num(tol * 100.0),
            min_months
        ),
    }
}
