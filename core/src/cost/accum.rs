//! Month buckets for amounts that accrue over time (GB stored × seconds) and for lump events.
//!
//! Storage is accumulated exactly, without sampling: a point of `s` GB stored over `[a, b)` is a
//! slope change `+s` at `a` and `−s` at `b` of the cumulative GB-seconds; each change adds its
//! share to the month it falls in and carries a running slope into later months. A point is two
//! O(1) updates; a regular series of points ([`Grid::add_series`]) is O(months) through a closed
//! form, whatever its count. DERIVED; nothing is rounded.

/// Month boundaries of a horizon of `months` months of `month_seconds` each.
#[derive(Debug, Clone, Copy)]
pub struct Grid {
    pub months: usize,
    pub month_seconds: f64,
    pub horizon_seconds: f64,
}

impl Grid {
    pub fn new(months: usize, hours_per_month: f64) -> Self {
        let month_seconds = hours_per_month * 3600.0;
        Grid {
            months,
            month_seconds,
            horizon_seconds: month_seconds * months as f64,
        }
    }

    /// The month containing `t` (`None` outside `[0, horizon)`).
    pub fn month_of(&self, t: f64) -> Option<usize> {
        if !(0.0..self.horizon_seconds).contains(&t) {
            return None;
        }
        let m = (t / self.month_seconds).floor();
        // `t < horizon` but rounding can give `months`; clamp.
        Some((m as usize).min(self.months.saturating_sub(1)))
    }

    pub fn start(&self, m: usize) -> f64 {
        self.month_seconds * m as f64
    }

    pub fn end(&self, m: usize) -> f64 {
        if m + 1 >= self.months {
            self.horizon_seconds
        } else {
            self.month_seconds * (m + 1) as f64
        }
    }
}

/// One accumulator: per-month amounts plus running slopes.
#[derive(Debug, Clone)]
pub struct Acc {
    partial: Vec<f64>,
    slope: Vec<f64>,
}

impl Acc {
    pub fn new(grid: &Grid) -> Self {
        Acc {
            partial: vec![0.0; grid.months + 1],
            slope: vec![0.0; grid.months + 1],
        }
    }

    fn step(&mut self, grid: &Grid, t: f64, d: f64) {
        if let Some(m) = grid.month_of(t) {
            if let Some(p) = self.partial.get_mut(m) {
                *p += d * (grid.end(m) - t);
            }
            if let Some(s) = self.slope.get_mut(m + 1) {
                *s += d;
            }
        }
    }

    /// `size` stored over `[a, b)` (clipped to the horizon); `b = ∞` for "kept past the horizon".
    pub fn add_interval(&mut self, grid: &Grid, a: f64, b: f64, size: f64) {
        let a = a.max(0.0);
        let b = b.min(grid.horizon_seconds);
        if a.is_nan() || b.is_nan() || a >= b || size == 0.0 {
            return;
        }
        self.step(grid, a, size);
        if b < grid.horizon_seconds {
            self.step(grid, b, -size);
        }
    }

    /// A lump amount at time `t` (ignored outside the horizon).
    pub fn add_lump(&mut self, grid: &Grid, t: f64, amount: f64) {
        if let Some(m) = grid.month_of(t) {
            if let Some(p) = self.partial.get_mut(m) {
                *p += amount;
            }
        }
    }

    /// `n` points created at `c + k·p` (k = 0..n), each storing `size` over
    /// `[created + u, created + v)` (`v = ∞` allowed).
    pub fn add_series(&mut self, grid: &Grid, s: &Series, u: f64, v: f64, size: f64) {
        if s.n == 0 || size == 0.0 || u.is_nan() || v.is_nan() || u >= v {
            return;
        }
        let len = v - u;
        let first = s.c + u;
        let last_end = s.c + s.p * (s.n - 1) as f64 + v;
        let (Some(m0), m1) = (
            grid.month_of(first.max(0.0)),
            if last_end >= grid.horizon_seconds {
                Some(grid.months.saturating_sub(1))
            } else {
                grid.month_of(last_end)
            },
        ) else {
            return;
        };
        let Some(m1) = m1 else { return };
        // G at each month boundary once: a month's amount is G(end) − G(start).
        let mut prev = ramp_sum(grid.start(m0) - first, s.p, s.n, len);
        for m in m0..=m1 {
            let next = ramp_sum(grid.end(m) - first, s.p, s.n, len);
            if let Some(p) = self.partial.get_mut(m) {
                *p += (next - prev) * size;
            }
            prev = next;
        }
    }

    /// `n` lump events of `amount` each at `c + k·p + offset`.
    pub fn add_series_lumps(&mut self, grid: &Grid, s: &Series, offset: f64, amount: f64) {
        if s.n == 0 || amount == 0.0 {
            return;
        }
        let first = s.c + offset;
        let last = first + s.p * (s.n - 1) as f64;
        if last < 0.0 || first >= grid.horizon_seconds {
            return;
        }
        let m0 = grid.month_of(first.max(0.0)).unwrap_or(0);
        let m1 = grid
            .month_of(last.min(grid.horizon_seconds))
            .unwrap_or(grid.months.saturating_sub(1));
        let mut prev = count_before(grid.start(m0) - first, s.p, s.n);
        for m in m0..=m1 {
            let next = count_before(grid.end(m) - first, s.p, s.n);
            if let Some(p) = self.partial.get_mut(m) {
                *p += (next - prev) * amount;
            }
            prev = next;
        }
    }

    /// Per-month totals.
    pub fn finish(&self, grid: &Grid) -> Vec<f64> {
        let mut out = Vec::with_capacity(grid.months);
        // Neumaier-compensated running slope: +s and −s of one point cancel exactly instead of
        // leaving rounding residue that would accrue over every later month.
        let (mut sum, mut comp) = (0.0f64, 0.0f64);
        for m in 0..grid.months {
            let x = self.slope.get(m).copied().unwrap_or(0.0);
            let t = sum + x;
            if sum.abs() >= x.abs() {
                comp += (sum - t) + x;
            } else {
                comp += (x - t) + sum;
            }
            sum = t;
            let full = (sum + comp) * (grid.end(m) - grid.start(m));
            // Amounts stored are never negative; a negative total is rounding residue of
            // cancelling terms (|residue| ≲ 1e-16 of the terms).
            out.push((self.partial.get(m).copied().unwrap_or(0.0) + full).max(0.0));
        }
        out
    }
}

/// A regular series of points: `n` points created at `c + k·p`.
#[derive(Debug, Clone, Copy)]
pub struct Series {
    pub c: f64,
    pub p: f64,
    pub n: u64,
}

/// #{k ∈ [0, n) : k·p < x}.
fn count_before(x: f64, p: f64, n: u64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    let k = (x / p).ceil();
    k.min(n as f64).max(0.0)
}

/// Σ_{k=0}^{n−1} clip(x − k·p, 0, len): the cumulative time-in-interval of a series at offset `x`
/// from the first interval's start. Closed form; partial terms summed as an arithmetic series of
/// small values so that no large numbers cancel.
pub(crate) fn ramp_sum(x: f64, p: f64, n: u64, len: f64) -> f64 {
    if x <= 0.0 || n == 0 {
        return 0.0;
    }
    let nf = n as f64;
    // Started: k·p < x.
    let started = (x / p).ceil().min(nf).max(0.0);
    // Finished: k·p ≤ x − len.
    let finished = if len.is_finite() && x - len >= 0.0 {
        (((x - len) / p).floor() + 1.0)
            .min(nf)
            .max(0.0)
            .min(started)
    } else {
        0.0
    };
    let partial_count = started - finished;
    let partial = if partial_count > 0.0 {
        let y_first = x - finished * p; // the oldest still-running interval's elapsed time
        let y_last = x - (started - 1.0) * p; // the newest
        partial_count * (y_first.min(len) + y_last.min(len)) / 2.0
    } else {
        0.0
    };
    let full = if finished > 0.0 { finished * len } else { 0.0 };
    full + partial
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> Grid {
        Grid::new(12, 730.0)
    }

    #[test]
    fn one_point_split_across_months() {
        let g = grid();
        let mut a = Acc::new(&g);
        // 10 GB from mid month 0 to mid month 2.
        a.add_interval(&g, 0.5 * g.month_seconds, 2.5 * g.month_seconds, 10.0);
        let m = a.finish(&g);
        let gbm: Vec<f64> = m.iter().map(|x| x / g.month_seconds).collect();
        assert_eq!(&gbm[..4], &[5.0, 10.0, 5.0, 0.0]);
    }

    #[test]
    fn kept_past_horizon_accrues_to_the_end() {
        let g = grid();
        let mut a = Acc::new(&g);
        a.add_interval(&g, -100.0, f64::INFINITY, 2.0);
        let m = a.finish(&g);
        assert!(m.iter().all(|x| (x / g.month_seconds - 2.0).abs() < 1e-12));
    }

    #[test]
    fn series_equals_explicit_points() {
        let g = grid();
        let s = Series {
            c: -3.3 * 86_400.0,
            p: 86_400.0,
            n: 400,
        };
        let (u, v) = (0.0, 35.0 * 86_400.0 + 17.0);
        let mut by_series = Acc::new(&g);
        by_series.add_series(&g, &s, u, v, 1.5);
        let mut explicit = Acc::new(&g);
        let mut lumps_s = Acc::new(&g);
        let mut lumps_e = Acc::new(&g);
        lumps_s.add_series_lumps(&g, &s, v, 1.0);
        for k in 0..s.n {
            let c = s.c + s.p * k as f64;
            explicit.add_interval(&g, c + u, c + v, 1.5);
            lumps_e.add_lump(&g, c + v, 1.0);
        }
        let (a, b) = (by_series.finish(&g), explicit.finish(&g));
        for (x, y) in a.iter().zip(&b) {
            assert!((x - y).abs() <= 1e-9 * y.abs().max(1.0), "{x} vs {y}");
        }
        assert_eq!(lumps_s.finish(&g), lumps_e.finish(&g));
    }

    #[test]
    fn ramp_sum_small_cases() {
        // Two intervals of length 10 starting at 0 and 5: at x = 12 → 10 + 7.
        assert_eq!(ramp_sum(12.0, 5.0, 2, 10.0), 17.0);
        assert_eq!(ramp_sum(0.0, 5.0, 2, 10.0), 0.0);
        assert_eq!(ramp_sum(100.0, 5.0, 2, 10.0), 20.0);
        assert_eq!(ramp_sum(7.0, 5.0, 3, f64::INFINITY), 7.0 + 2.0);
    }
}
