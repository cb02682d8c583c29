//! Bounds on a footprint before it is simulated: how long a policy takes to fill, how many
//! snapshots it can hold after a prune, and the prune walk's work, so an impossible footprint
//! fails at once instead of after the work (the budgets are in [`crate::budget`]).

use super::types::{KeepCount, RetentionPolicy};
use super::Compiled;

/// The period of each count rule, at least the backup gap (month 31 d, year 366 d: upper bounds).
pub(super) fn rule_periods(policy: &RetentionPolicy, gap: f64) -> [(Option<KeepCount>, f64); 8] {
    [
        (policy.keep_last, gap),
        (policy.keep_secondly, gap.max(1.0)),
        (policy.keep_minutely, gap.max(60.0)),
        (policy.keep_hourly, gap.max(3_600.0)),
        (policy.keep_daily, gap.max(86_400.0)),
        (policy.keep_weekly, gap.max(604_800.0)),
        (policy.keep_monthly, gap.max(31.0 * 86_400.0)),
        (policy.keep_yearly, gap.max(366.0 * 86_400.0)),
    ]
}

/// How long a policy takes to fill, from [`fill_seconds`].
pub(super) struct Fill {
    /// Upper bound (s).
    pub(super) fill: f64,
    /// The longest rule period or backup gap (s).
    pub(super) cycle: f64,
    /// The cycle is a calendar approximation (month 31 d, year 366 d, a restic within span),
    /// so the counts need not repeat with it exactly.
    pub(super) calendar: bool,
}

/// An upper bound on how long the policy takes to fill (s) and the longest rule period (s), for
/// backups at most `gap` seconds apart; None when a rule keeps without limit.
///
/// restic (independent rules): the longest `count × period` or within span. borg (sequential
/// rules, retention.md §5: a rule skips periods whose newest archive an earlier rule kept): each
/// rule reaches at most `(count + 1) × period` past the previous one, after `--keep-within`, so
/// the sum bounds it. AWS: the retention plus the expiry lag.
pub(super) fn fill_seconds(
    policy: &RetentionPolicy,
    compiled: &Compiled,
    gap: f64,
) -> Option<Fill> {
    let sequential = matches!(compiled, Compiled::Borg(_));
    let mut fill: f64 = 0.0;
    let mut window: f64 = gap;
    let mut calendar = false;
    let mut widen = |window: &mut f64, period: f64, cal: bool| {
        if period > *window {
            *window = period;
            calendar = cal;
        }
    };
    for (i, (c, period)) in rule_periods(policy, gap).into_iter().enumerate() {
        match c {
            None => {}
            Some(KeepCount::N(n)) if n > 0 => {
                if sequential {
                    fill += (n as f64 + 1.0) * period;
                } else {
                    fill = fill.max(n as f64 * period);
                }
                // Rules 6 and 7 are monthly and yearly.
                widen(&mut window, period, i >= 6 && period > gap);
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
                widen(&mut window, s.min(366.0 * 86_400.0), true);
            }
            if !rules.tags.is_empty() {
                return None;
            }
        }
        Compiled::Borg(b) => {
            if let Some(h) = b.within_hours {
                fill += h as f64 * 3600.0;
            }
        }
        Compiled::Aws(a) => {
            let d = a.delete_after_days?;
            let s = d as f64 * a.day_nanos as f64 / 1e9 + a.lag_nanos as f64 / 1e9;
            fill = fill.max(s);
            widen(&mut window, s, false);
        }
    }
    Some(Fill {
        fill,
        cycle: window,
        calendar,
    })
}

/// An upper bound on the snapshots the policy holds right after a prune, for `taken` backups at
/// least `unit` seconds apart: one per finite count, plus every backup inside a within window
/// (or the AWS retention), plus the newest; all of them when a rule keeps without limit.
pub(super) fn held_bound(
    policy: &RetentionPolicy,
    compiled: &Compiled,
    gap: f64,
    unit: i64,
    taken: u64,
) -> u64 {
    if fill_seconds(policy, compiled, gap).is_none() {
        return taken;
    }
    let mut bound: u64 = 1;
    for (c, _) in rule_periods(policy, gap) {
        if let Some(KeepCount::N(n)) = c {
            bound = bound.saturating_add(u64::try_from(n).unwrap_or(0));
        }
    }
    let mut windows: Vec<f64> = Vec::new();
    match compiled {
        Compiled::Restic { rules, .. } => windows.extend(
            std::iter::once(rules.within)
                .chain(rules.within_x.iter().copied())
                .flatten()
                .map(|d| d.rough_seconds() as f64),
        ),
        Compiled::Borg(b) => windows.extend(b.within_hours.map(|h| h as f64 * 3600.0)),
        Compiled::Aws(a) => windows.extend(
            a.delete_after_days
                .map(|d| d as f64 * a.day_nanos as f64 / 1e9 + a.lag_nanos as f64 / 1e9),
        ),
    }
    for w in windows {
        let n = (w.max(0.0) / unit.max(1) as f64).ceil() + 1.0;
        bound = bound.saturating_add(if n < 1.8e19 { n as u64 } else { u64::MAX });
    }
    bound.min(taken)
}

/// Snapshot visits of the prune walk: the k-th prune (k from 0) visits min(k + 1, bound) + 1.
pub(super) fn estimated_work(taken: u64, bound: u64) -> u64 {
    let h = bound.min(taken);
    // Σ_{k<h} (k + 1) + (taken − h) × h, plus each backup's fixed cost.
    (h.saturating_mul(h.saturating_add(1)) / 2)
        .saturating_add(taken.saturating_sub(h).saturating_mul(h))
        .saturating_add(taken.saturating_mul(PER_BACKUP_VISITS))
}

/// What one backup costs beyond the snapshots it visits (its keep decision, its spans in the
/// sampler), counted in snapshot visits. Without it, two million daily backups holding few
/// snapshots each passed the estimate and walked for most of a minute in a fuzzing build.
pub(super) const PER_BACKUP_VISITS: u64 = 256;
