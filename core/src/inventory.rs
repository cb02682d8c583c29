//! Intervals → sampled inventory → steady state: the generic part of "what does a vault hold at
//! any moment", shared by the backup-plan simulation and the retention engine's footprint.
//!
//! A [`Span`] is one stored object (a recovery point, a snapshot, a chunk of carried data) that
//! exists on `[from, until)` in some group (a vault, a repository…), warm until `cold_at` and cold
//! after it. [`Sampler`] adds spans in O(1) each (difference arrays over a uniform [`Grid`]) and
//! [`Sampler::finish`] turns them into per-group series of counts and GiB at every sample
//! instant `k × step` (k = 0‥samples-1). [`steady_state`] then says from which sample on the
//! inventory is in its steady regime, and the band it moves in there.
//!
//! Times are integer seconds from the start of the horizon (sample 0). A span is counted at sample
//! `t` when `from ≤ t < until` (half-open, like `DeleteAt`: a point deleted at `t` is gone at `t`)
//! and is cold there when `cold_at ≤ t`.

use serde::{Deserialize, Serialize};

/// Most samples a grid may have (bounded memory: 8 series × 8 bytes × samples × groups).
pub const MAX_SAMPLES: usize = 100_000;
/// Most `samples × groups` cells (≈ 64 MB of series at most).
pub const MAX_CELLS: usize = 2_000_000;

/// Sample instants `0, step, 2·step, …, (samples-1)·step` (seconds from the horizon start).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grid {
    /// Seconds between samples (≥ 1).
    pub step: i64,
    /// Number of samples (1‥[`MAX_SAMPLES`]).
    pub samples: usize,
}

impl Grid {
    /// The grid covering `[0, horizon]` every `step` seconds: `None` when `step < 1`,
    /// `horizon < 0`, or it needs more than [`MAX_SAMPLES`] samples.
    pub fn covering(horizon: i64, step: i64) -> Option<Grid> {
        if step < 1 || horizon < 0 {
            return None;
        }
        let samples = usize::try_from(horizon / step).ok()?.checked_add(1)?;
        (samples <= MAX_SAMPLES).then_some(Grid { step, samples })
    }

    /// Seconds of sample `k`.
    pub fn at(&self, k: usize) -> i64 {
        (k as i64).saturating_mul(self.step)
    }

    /// Index of the first sample at or after `t` (clamped to `0..=samples`).
    pub fn first_at_or_after(&self, t: i64) -> usize {
        if t <= 0 {
            return 0;
        }
        let k = t.saturating_add(self.step - 1) / self.step;
        usize::try_from(k).map_or(self.samples, |k| k.min(self.samples))
    }
}

/// One stored object's life.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    /// Group index (`0‥groups`); spans with a group out of range are ignored.
    pub group: usize,
    /// When it appears (seconds).
    pub from: i64,
    /// When it moves to cold storage, if ever.
    pub cold_at: Option<i64>,
    /// When it is deleted; `None` = kept past the horizon.
    pub until: Option<i64>,
    /// Stored GiB.
    pub gib: f64,
    /// Whether it counts as an object (false: data only, e.g. a chain's carried base).
    pub counted: bool,
}

/// Counts and GiB of one group at every sample.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct Series {
    pub warm_count: Vec<u64>,
    pub cold_count: Vec<u64>,
    pub warm_gib: Vec<f64>,
    pub cold_gib: Vec<f64>,
}

impl Series {
    fn zeros(n: usize) -> Series {
        Series {
            warm_count: vec![0; n],
            cold_count: vec![0; n],
            warm_gib: vec![0.0; n],
            cold_gib: vec![0.0; n],
        }
    }

    pub fn len(&self) -> usize {
        self.warm_count.len()
    }

    /// Objects (warm + cold) at sample `k`.
    pub fn count(&self, k: usize) -> u64 {
        self.warm_count.get(k).copied().unwrap_or(0) + self.cold_count.get(k).copied().unwrap_or(0)
    }

    /// GiB (warm + cold) at sample `k`.
    pub fn gib(&self, k: usize) -> f64 {
        self.warm_gib.get(k).copied().unwrap_or(0.0) + self.cold_gib.get(k).copied().unwrap_or(0.0)
    }

    /// Element-wise sum (series of equal length; a shorter one is padded with zeros).
    pub fn add(&mut self, other: &Series) {
        fn add_u(a: &mut [u64], b: &[u64]) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        fn add_f(a: &mut [f64], b: &[f64]) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        add_u(&mut self.warm_count, &other.warm_count);
        add_u(&mut self.cold_count, &other.cold_count);
        add_f(&mut self.warm_gib, &other.warm_gib);
        add_f(&mut self.cold_gib, &other.cold_gib);
    }

    /// A series of `n` zeros.
    pub fn empty(n: usize) -> Series {
        Series::zeros(n)
    }
}

/// Accumulates spans on a grid.
#[derive(Debug, Clone)]
pub struct Sampler {
    grid: Grid,
    groups: usize,
    /// Difference arrays, `groups × (samples + 1)` each.
    warm_n: Vec<i64>,
    cold_n: Vec<i64>,
    warm_g: Vec<f64>,
    cold_g: Vec<f64>,
}

impl Sampler {
    /// A sampler for `groups` groups; `None` when `samples × groups` exceeds [`MAX_CELLS`].
    pub fn new(grid: Grid, groups: usize) -> Option<Sampler> {
        let cells = grid.samples.checked_add(1)?.checked_mul(groups)?;
        if grid.samples.saturating_mul(groups) > MAX_CELLS {
            return None;
        }
        Some(Sampler {
            grid,
            groups,
            warm_n: vec![0; cells],
            cold_n: vec![0; cells],
            warm_g: vec![0.0; cells],
            cold_g: vec![0.0; cells],
        })
    }

    fn bump(v: &mut [i64], i: usize, d: i64) {
        if let Some(x) = v.get_mut(i) {
            *x += d;
        }
    }

    fn bump_f(v: &mut [f64], i: usize, d: f64) {
        if let Some(x) = v.get_mut(i) {
            *x += d;
        }
    }

    /// Add one span (O(1)).
    pub fn add(&mut self, s: &Span) {
        if s.group >= self.groups {
            return;
        }
        let g = &self.grid;
        let i0 = g.first_at_or_after(s.from);
        let iend = s.until.map_or(g.samples, |u| g.first_at_or_after(u));
        if iend <= i0 {
            return;
        }
        let ic = s
            .cold_at
            .map_or(iend, |c| g.first_at_or_after(c))
            .clamp(i0, iend);
        let base = s.group * (g.samples + 1);
        let n = i64::from(s.counted);
        if ic > i0 {
            Self::bump(&mut self.warm_n, base + i0, n);
            Self::bump(&mut self.warm_n, base + ic, -n);
            Self::bump_f(&mut self.warm_g, base + i0, s.gib);
            Self::bump_f(&mut self.warm_g, base + ic, -s.gib);
        }
        if iend > ic {
            Self::bump(&mut self.cold_n, base + ic, n);
            Self::bump(&mut self.cold_n, base + iend, -n);
            Self::bump_f(&mut self.cold_g, base + ic, s.gib);
            Self::bump_f(&mut self.cold_g, base + iend, -s.gib);
        }
    }

    /// Add `count` copies of `s`, the `j`-th shifted by `j × every` seconds (a regular series of
    /// identical objects). Same result as `count` calls to [`Sampler::add`]; objects that land on
    /// the same sample indices are added in one step, so the work grows with the samples the
    /// run touches, not with its length.
    pub fn add_run(&mut self, s: &Span, count: u32, every: i64) {
        if count <= 1 || every <= 0 {
            if count >= 1 {
                self.add(s);
            }
            return;
        }
        if s.group >= self.groups {
            return;
        }
        let g = self.grid;
        let n = g.samples;
        let step = g.step;
        if every >= step {
            // Sparse run: every object lands on its own indices; step through them without a
            // division per object.
            self.add_run_sparse(s, count, every);
            return;
        }
        // The first index j' ≥ j at which first_at_or_after(t0 + j'·every) differs from its
        // value at j (u32::MAX when it never does).
        let next_change = |t0: i64, j: u32| -> u32 {
            let t = t0.saturating_add(i64::from(j).saturating_mul(every));
            let k = g.first_at_or_after(t);
            if k >= n {
                return u32::MAX;
            }
            // The index stays k while t' ≤ k·step (t' > 0 when k ≥ 1; t' ≤ 0 maps to 0).
            let limit = (k as i64).saturating_mul(step);
            let d = limit.saturating_sub(t0);
            let jn = d.div_euclid(every) + 1;
            u32::try_from(jn.max(i64::from(j) + 1)).unwrap_or(u32::MAX)
        };
        let base = s.group * (n + 1);
        let mut j = 0u32;
        while j < count {
            let shift = i64::from(j) * every;
            let from = s.from.saturating_add(shift);
            let i0 = g.first_at_or_after(from);
            if i0 >= n {
                break;
            }
            let iend = s
                .until
                .map_or(n, |u| g.first_at_or_after(u.saturating_add(shift)));
            let ic = s
                .cold_at
                .map_or(iend, |c| g.first_at_or_after(c.saturating_add(shift)))
                .clamp(i0, iend);
            let mut jn = next_change(s.from, j);
            if let Some(u) = s.until {
                jn = jn.min(next_change(u, j));
            }
            if let Some(c) = s.cold_at {
                jn = jn.min(next_change(c, j));
            }
            let jn = jn.min(count).max(j + 1);
            let k = i64::from(jn - j);
            if iend > i0 {
                let cnt = i64::from(s.counted) * k;
                let gib = s.gib * k as f64;
                if ic > i0 {
                    Self::bump(&mut self.warm_n, base + i0, cnt);
                    Self::bump(&mut self.warm_n, base + ic, -cnt);
                    Self::bump_f(&mut self.warm_g, base + i0, gib);
                    Self::bump_f(&mut self.warm_g, base + ic, -gib);
                }
                if iend > ic {
                    Self::bump(&mut self.cold_n, base + ic, cnt);
                    Self::bump(&mut self.cold_n, base + iend, -cnt);
                    Self::bump_f(&mut self.cold_g, base + ic, gib);
                    Self::bump_f(&mut self.cold_g, base + iend, -gib);
                }
            }
            j = jn;
        }
    }

    /// [`Sampler::add_run`] for `every ≥ step`: ceil(t / step) tracked as quotient and
    /// remainder while t advances by `every`.
    fn add_run_sparse(&mut self, s: &Span, count: u32, every: i64) {
        let step = self.grid.step;
        let n = self.grid.samples;
        let (qe, re) = (every / step, every % step);
        #[derive(Clone, Copy)]
        struct Ceil {
            q: i64,
            r: i64,
        }
        let start = |t: i64| Ceil {
            q: t.div_euclid(step),
            r: t.rem_euclid(step),
        };
        let idx = |c: Ceil| -> usize {
            let k = c.q + i64::from(c.r > 0);
            if k <= 0 {
                0
            } else {
                usize::try_from(k).map_or(n, |k| k.min(n))
            }
        };
        let adv = |c: &mut Ceil| {
            c.q += qe;
            c.r += re;
            if c.r >= step {
                c.r -= step;
                c.q += 1;
            }
        };
        let mut f = start(s.from);
        let mut u = s.until.map(start);
        let mut c = s.cold_at.map(start);
        let base = s.group * (n + 1);
        let cnt = i64::from(s.counted);
        for _ in 0..count {
            let i0 = idx(f);
            if i0 >= n {
                break;
            }
            let iend = u.map_or(n, idx);
            if iend > i0 {
                let ic = c.map_or(iend, idx).clamp(i0, iend);
                if ic > i0 {
                    Self::bump(&mut self.warm_n, base + i0, cnt);
                    Self::bump(&mut self.warm_n, base + ic, -cnt);
                    Self::bump_f(&mut self.warm_g, base + i0, s.gib);
                    Self::bump_f(&mut self.warm_g, base + ic, -s.gib);
                }
                if iend > ic {
                    Self::bump(&mut self.cold_n, base + ic, cnt);
                    Self::bump(&mut self.cold_n, base + iend, -cnt);
                    Self::bump_f(&mut self.cold_g, base + ic, s.gib);
                    Self::bump_f(&mut self.cold_g, base + iend, -s.gib);
                }
            }
            adv(&mut f);
            if let Some(x) = u.as_mut() {
                adv(x);
            }
            if let Some(x) = c.as_mut() {
                adv(x);
            }
        }
    }

    /// The per-group series (prefix sums). GiB values within 1e-9 of zero are snapped to zero
    /// (float residue of `+x − x`).
    pub fn finish(self) -> Vec<Series> {
        let n = self.grid.samples;
        let stride = n + 1;
        let mut out = Vec::with_capacity(self.groups);
        for gi in 0..self.groups {
            let mut s = Series::zeros(n);
            let (mut wn, mut cn, mut wg, mut cg) = (0i64, 0i64, 0.0f64, 0.0f64);
            for k in 0..n {
                let i = gi * stride + k;
                wn += self.warm_n.get(i).copied().unwrap_or(0);
                cn += self.cold_n.get(i).copied().unwrap_or(0);
                wg += self.warm_g.get(i).copied().unwrap_or(0.0);
                cg += self.cold_g.get(i).copied().unwrap_or(0.0);
                let snap = |v: f64| if v.abs() < 1e-9 { 0.0 } else { v };
                if let Some(x) = s.warm_count.get_mut(k) {
                    *x = u64::try_from(wn).unwrap_or(0);
                }
                if let Some(x) = s.cold_count.get_mut(k) {
                    *x = u64::try_from(cn).unwrap_or(0);
                }
                if let Some(x) = s.warm_gib.get_mut(k) {
                    *x = snap(wg);
                }
                if let Some(x) = s.cold_gib.get_mut(k) {
                    *x = snap(cg);
                }
            }
            out.push(s);
        }
        out
    }
}

/// The range a series moves in from some sample on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct Band {
    pub min_count: u64,
    pub max_count: u64,
    pub min_warm_count: u64,
    pub max_warm_count: u64,
    pub min_cold_count: u64,
    pub max_cold_count: u64,
    pub min_gib: f64,
    pub max_gib: f64,
}

/// Min/max of a series over samples `from‥len`.
pub fn band(s: &Series, from: usize) -> Band {
    let mut b: Option<Band> = None;
    for k in from..s.len() {
        let (w, c, g) = (
            s.warm_count.get(k).copied().unwrap_or(0),
            s.cold_count.get(k).copied().unwrap_or(0),
            s.gib(k),
        );
        let n = w + c;
        b = Some(match b {
            None => Band {
                min_count: n,
                max_count: n,
                min_warm_count: w,
                max_warm_count: w,
                min_cold_count: c,
                max_cold_count: c,
                min_gib: g,
                max_gib: g,
            },
            Some(b) => Band {
                min_count: b.min_count.min(n),
                max_count: b.max_count.max(n),
                min_warm_count: b.min_warm_count.min(w),
                max_warm_count: b.max_warm_count.max(w),
                min_cold_count: b.min_cold_count.min(c),
                max_cold_count: b.max_cold_count.max(c),
                min_gib: b.min_gib.min(g),
                max_gib: b.max_gib.max(g),
            },
        });
    }
    b.unwrap_or_default()
}

/// The last sample `j` (with `j + period < len`) where some series' counts differ from
/// `period` samples later, or `None` when they all repeat exactly from the start.
pub fn last_mismatch(series: &[Series], period: usize) -> Option<usize> {
    let n = series.iter().map(Series::len).max().unwrap_or(0);
    if period == 0 || period >= n {
        return None;
    }
    (0..n - period).rev().find(|&j| {
        series.iter().any(|s| {
            s.warm_count.get(j) != s.warm_count.get(j + period)
                || s.cold_count.get(j) != s.cold_count.get(j + period)
        })
    })
}

/// Where the steady state starts.
#[derive(Debug, Clone, PartialEq)]
pub struct SteadyFound {
    /// First sample of the steady regime, or `None` when not reached within the grid.
    pub sample: Option<usize>,
    /// Whether the counts repeat exactly with the period from `sample` on (`None` when no
    /// period in samples was given, e.g. calendar cycles).
    pub repeats_exactly: Option<bool>,
    /// Per series: the band from `sample` on (empty when not reached).
    pub bands: Vec<Band>,
}

/// Steady state of `series`.
///
/// * `fill`: the first sample at which every object kind has started to expire (known
///   analytically by the caller: the regime cannot start earlier), or `None` when the inventory
///   grows without bound (something is kept forever) — then it is never reached.
/// * `cycle`: samples in one cycle of the schedule (≥ 1); the steady state is reported only when
///   the grid covers at least one full cycle after `fill`.
/// * `period`: the cycle in whole samples when it is a fixed duration that the step divides
///   (daily, weekly); then `repeats_exactly` says whether the counts repeat exactly with it.
pub fn steady_state(
    series: &[Series],
    fill: Option<usize>,
    cycle: usize,
    period: Option<usize>,
) -> SteadyFound {
    let n = series.iter().map(Series::len).max().unwrap_or(0);
    let cycle = cycle.max(1);
    let Some(at) = fill.filter(|f| f.saturating_add(cycle) < n) else {
        return SteadyFound {
            sample: None,
            repeats_exactly: None,
            bands: Vec::new(),
        };
    };
    let repeats_exactly = period
        .filter(|p| *p >= 1)
        .map(|p| match last_mismatch(series, p) {
            Some(m) => m < at,
            None => true,
        });
    SteadyFound {
        sample: Some(at),
        repeats_exactly,
        bands: series.iter().map(|s| band(s, at)).collect(),
    }
}

#[cfg(test)]
#[allow(clippy::needless_range_loop)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const DAY: i64 = 86_400;

    #[test]
    fn grid_indices() {
        let g = Grid::covering(10 * DAY, DAY).unwrap();
        assert_eq!(g.samples, 11);
        assert_eq!(g.first_at_or_after(0), 0);
        assert_eq!(g.first_at_or_after(1), 1);
        assert_eq!(g.first_at_or_after(DAY), 1);
        assert_eq!(g.first_at_or_after(DAY + 1), 2);
        assert_eq!(g.first_at_or_after(100 * DAY), 11);
        assert_eq!(g.first_at_or_after(-5), 0);
        assert!(Grid::covering(10, 0).is_none());
        assert!(Grid::covering(i64::MAX, 1).is_none());
    }

    /// Daily backups at 05:00 kept 35 days, sampled at midnight: 35 held from day 35 on.
    #[test]
    fn daily_35_day_retention_holds_35() {
        let g = Grid::covering(100 * DAY, DAY).unwrap();
        let mut s = Sampler::new(g, 1).unwrap();
        for d in 0..100 {
            let from = d * DAY + 5 * 3600;
            s.add(&Span {
                group: 0,
                from,
                cold_at: None,
                until: Some(from + 35 * DAY),
                gib: 2.0,
                counted: true,
            });
        }
        let out = s.finish();
        let series = &out[0];
        assert_eq!(series.count(0), 0);
        assert_eq!(series.count(1), 1);
        assert_eq!(series.count(35), 35);
        assert_eq!(series.count(36), 35);
        assert_eq!(series.gib(50), 70.0);
        let st = steady_state(&out, Some(36), 1, Some(1));
        assert_eq!(st.sample, Some(36));
        assert_eq!(st.repeats_exactly, Some(true));
        assert_eq!(st.bands[0].min_count, 35);
        assert_eq!(st.bands[0].max_count, 35);
    }

    #[test]
    fn cold_split_and_uncounted_spans() {
        let g = Grid::covering(10, 1).unwrap();
        let mut s = Sampler::new(g, 2).unwrap();
        s.add(&Span {
            group: 1,
            from: 2,
            cold_at: Some(4),
            until: Some(7),
            gib: 1.5,
            counted: true,
        });
        s.add(&Span {
            group: 1,
            from: 3,
            cold_at: None,
            until: None,
            gib: 10.0,
            counted: false,
        });
        s.add(&Span {
            group: 9,
            from: 0,
            cold_at: None,
            until: None,
            gib: 1.0,
            counted: true,
        });
        let out = s.finish();
        let x = &out[1];
        assert_eq!(x.warm_count, vec![0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(x.cold_count, vec![0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0]);
        assert_eq!(x.warm_gib[3], 11.5);
        assert_eq!(x.cold_gib[5], 1.5);
        assert_eq!(x.warm_gib[9], 10.0);
        assert_eq!(out[0].count(5), 0);
        // a cold_at before `from` makes the span cold from the start
        let mut s = Sampler::new(g, 1).unwrap();
        s.add(&Span {
            group: 0,
            from: 5,
            cold_at: Some(1),
            until: None,
            gib: 1.0,
            counted: true,
        });
        let out = s.finish();
        assert_eq!(out[0].warm_count[6], 0);
        assert_eq!(out[0].cold_count[6], 1);
    }

    #[test]
    fn growth_is_never_steady() {
        let st = steady_state(&[Series::empty(10)], None, 1, Some(1));
        assert_eq!(st.sample, None);
        // fill too close to the end (no full cycle after it)
        let st = steady_state(&[Series::empty(10)], Some(8), 2, None);
        assert_eq!(st.sample, None);
        let st = steady_state(&[Series::empty(10)], Some(7), 2, None);
        assert_eq!(st.sample, Some(7));
    }

    proptest! {
        /// `add_run` equals `count` shifted `add`s.
        #[test]
        fn add_run_matches_adds(
            from in -50i64..300, life in prop::option::of(1i64..200), cold in prop::option::of(0i64..150),
            count in 0u32..40, every in 1i64..50, step in 1i64..30, gib in 0u8..9, counted in any::<bool>(),
        ) {
            let g = Grid::covering(400, step).unwrap();
            let span = Span { group: 0, from, cold_at: cold.map(|c| from + c), until: life.map(|l| from + l), gib: f64::from(gib) * 0.5, counted };
            let mut a = Sampler::new(g, 1).unwrap();
            a.add_run(&span, count, every);
            let mut b = Sampler::new(g, 1).unwrap();
            for j in 0..i64::from(count) {
                let sh = |x: Option<i64>| x.map(|v| v + j * every);
                b.add(&Span { from: from + j * every, cold_at: sh(span.cold_at), until: sh(span.until), ..span });
            }
            let (a, b) = (a.finish(), b.finish());
            prop_assert_eq!(&a[0].warm_count, &b[0].warm_count);
            prop_assert_eq!(&a[0].cold_count, &b[0].cold_count);
            for k in 0..g.samples {
                prop_assert!((a[0].warm_gib[k] - b[0].warm_gib[k]).abs() < 1e-6);
                prop_assert!((a[0].cold_gib[k] - b[0].cold_gib[k]).abs() < 1e-6);
            }
        }

        /// The difference-array sampler agrees with counting each span at each sample.
        #[test]
        fn sampler_matches_brute_force(
            spans in prop::collection::vec((0i64..200, 0i64..100, prop::option::of(0i64..80), prop::option::of(1i64..150), 0u8..4, any::<bool>()), 0..40),
            step in 1i64..13,
        ) {
            let g = Grid::covering(200, step).unwrap();
            let mut s = Sampler::new(g, 2).unwrap();
            let spans: Vec<Span> = spans.into_iter().map(|(from, gib, cold, life, grp, counted)| Span {
                group: usize::from(grp % 2),
                from,
                cold_at: cold.map(|c| from + c),
                until: life.map(|l| from + l),
                gib: gib as f64,
                counted,
            }).collect();
            for sp in &spans { s.add(sp); }
            let out = s.finish();
            for k in 0..g.samples {
                let t = g.at(k);
                #[allow(clippy::needless_range_loop)]
                for grp in 0..2 {
                    let mut wn = 0; let mut cn = 0; let mut wg = 0.0; let mut cg = 0.0;
                    for sp in spans.iter().filter(|sp| sp.group == grp) {
                        if sp.from <= t && sp.until.is_none_or(|u| t < u) {
                            let cold = sp.cold_at.is_some_and(|c| c <= t);
                            let n = u64::from(sp.counted);
                            if cold { cn += n; cg += sp.gib } else { wn += n; wg += sp.gib }
                        }
                    }
                    prop_assert_eq!(out[grp].warm_count[k], wn);
                    prop_assert_eq!(out[grp].cold_count[k], cn);
                    prop_assert!((out[grp].warm_gib[k] - wg).abs() < 1e-6);
                    prop_assert!((out[grp].cold_gib[k] - cg).abs() < 1e-6);
                }
            }
        }
    }
}
