//! Chains and sizes (pricing.md §4, a simple DERIVED model): per chain (resource × vault) the
//! first point is full and later points store the change since the previous one; a point made
//! when no point of the chain is alive starts a new full chain; the full data a chain still
//! references after its full point expired is a chain base.

use std::collections::BTreeMap;

use super::state::{Raw, ResPrep, Run, SeriesData, DAY};
use super::*;

/// The chains of one resource, filled rule by rule: each chain (vault group) gets one sorted
/// event list per contributing series.
#[derive(Default)]
pub(super) struct Chains<'r> {
    /// Chains in the rules' own vaults: vault group → event lists.
    pub local: BTreeMap<usize, Vec<EvList<'r>>>,
    /// Chains of copies: destination vault group → event lists.
    pub copies: BTreeMap<usize, Vec<EvList<'r>>>,
    /// Copy times into each Region (a chain's first copy transfers only the change since the
    /// latest of them).
    pub region_times: BTreeMap<String, Vec<(&'r [i64], i64)>>,
    /// The Region of each copy destination group.
    pub group_region: BTreeMap<usize, String>,
}

impl Chains<'_> {
    /// Size every chain's points into their series (local chains first, then copies, each by
    /// vault group) and add the chain bases of resource `ri` to `bases`.
    pub(super) fn run(
        &self,
        ri: usize,
        r: &ResPrep,
        series: &mut [SeriesData],
        bases_by_series: &mut Vec<SeriesData>,
        compress: bool,
    ) {
        for (g, lists) in self.local.iter().chain(self.copies.iter()) {
            let seed = self
                .group_region
                .get(g)
                .and_then(|reg| self.region_times.get(reg))
                .map_or(&[][..], |v| &v[..]);
            let mut bases = Vec::new();
            run_chain(lists, r, seed, series, &mut bases, compress);
            if !bases.is_empty() {
                bases_by_series.push(SeriesData {
                    kind: SeriesKind::ChainBase,
                    resource: ri,
                    rule: None,
                    copy: None,
                    group: *g,
                    source_group: None,
                    runs: bases
                        .into_iter()
                        .map(|b| Run {
                            first: b,
                            count: 1,
                            every: 0,
                        })
                        .collect(),
                });
            }
        }
    }
}

/// A point before sizing.
#[derive(Debug, Clone, Copy)]
struct Event {
    created: i64,
    appears: i64,
    cold: Option<i64>,
    deleted: Option<i64>,
    series: usize,
    /// A copy (its first point in a chain may transfer only an increment).
    copy: bool,
}

/// The points one series contributes to a chain: scheduled run times (sorted) plus a delay, and
/// offsets from creation that are the same for every point of the series.
#[derive(Debug, Clone, Copy)]
pub(super) struct EvList<'a> {
    pub times: &'a [i64],
    pub delay: i64,
    pub appears: i64,
    pub cold: Option<i64>,
    pub deleted: Option<i64>,
    pub series: usize,
    pub copy: bool,
}

impl EvList<'_> {
    fn created(&self, k: usize) -> Option<i64> {
        self.times.get(k).map(|t| t + self.delay)
    }

    fn get(&self, k: usize) -> Option<Event> {
        let created = self.created(k)?;
        Some(Event {
            created,
            appears: created + self.appears,
            cold: self.cold.map(|c| created + c),
            deleted: self.deleted.map(|d| created + d),
            series: self.series,
            copy: self.copy,
        })
    }
}

/// Copy times of a resource into one Region: the latest copy strictly before `t`.
fn latest_before(seeds: &[(&[i64], i64)], t: i64) -> Option<i64> {
    seeds
        .iter()
        .filter_map(|(times, delay)| {
            let k = times.partition_point(|x| x + delay < t);
            k.checked_sub(1)
                .and_then(|i| times.get(i))
                .map(|x| x + delay)
        })
        .max()
}

/// Append a point to a series, extending its last run when the point repeats it.
fn push_point(runs: &mut Vec<Run>, raw: Raw, compress: bool) {
    if compress {
        if let Some(last) = runs.last_mut() {
            if same_shape(&last.first, &raw) {
                let step =
                    raw.created - (last.first.created + i64::from(last.count - 1) * last.every);
                if last.count == 1 && step > 0 {
                    last.every = step;
                    last.count = 2;
                    return;
                }
                if last.count >= 2 && step == last.every && last.count < u32::MAX {
                    last.count += 1;
                    return;
                }
            }
        }
    }
    runs.push(Run {
        first: raw,
        count: 1,
        every: 0,
    });
}

/// The open segment of a chain: the points since its last full one while the chain stayed
/// alive.
struct Seg {
    full_size: f64,
    /// Deletion of the full point.
    d0: Option<i64>,
    /// Latest deletion in the segment; `None` = something is kept forever.
    end: Option<i64>,
    /// Increment of the oldest point that outlives the full one.
    survivor: Option<f64>,
    /// The longest-lived point: (life, its cold transition).
    longest: (i64, Option<i64>),
}

impl Seg {
    /// The chain base this segment leaves, if any (see the module doc).
    fn base(&self, incremental: bool) -> Option<Raw> {
        let d0 = self.d0?;
        if !incremental || self.end.is_some_and(|e| e <= d0) {
            return None;
        }
        let size = self.full_size - self.survivor?;
        if size <= 0.0 {
            return None;
        }
        // Tier of the carried data: that of the chain's oldest point, approximated by the
        // longest-lived point of the segment (UNCONFIRMED service internals, pricing.md §4).
        let cold = self
            .longest
            .1
            .map(|c| c.max(d0))
            .filter(|c| self.end.is_none_or(|e| *c < e));
        Some(Raw {
            created: d0,
            appears: d0,
            size,
            full: true,
            cold,
            deleted: self.end,
            transferred: 0.0,
        })
    }
}

/// Size a chain's points (the events of each contributing rule or copy action, each list
/// sorted by `created`, merged here) into their series, and collect the chain's bases.
fn run_chain(
    lists: &[EvList<'_>],
    res: &ResPrep,
    region_seed: &[(&[i64], i64)],
    series: &mut [SeriesData],
    bases: &mut Vec<Raw>,
    compress: bool,
) {
    let f = res.size;
    let mut pos = vec![0usize; lists.len()];
    let mut seg: Option<Seg> = None;
    let mut prev: Option<i64> = None;
    // Events are taken from the list with the earliest head (ties: the list given first) for
    // as long as they come before every other list's head.
    let mut cur: Option<(usize, Option<(i64, usize)>)> = None;
    loop {
        let (i, bound) = match cur {
            Some((i, bound)) => (i, bound),
            None => {
                let mut pick: Option<(usize, i64)> = None;
                let mut bound: Option<(i64, usize)> = None;
                for (k, l) in lists.iter().enumerate() {
                    let Some(ec) = pos.get(k).and_then(|p| l.created(*p)) else {
                        continue;
                    };
                    match pick {
                        Some((_, c)) if ec >= c => {
                            if bound.is_none_or(|(b, _)| ec < b) {
                                bound = Some((ec, k));
                            }
                        }
                        _ => {
                            if let Some((pk, pc)) = pick {
                                if bound.is_none_or(|(b, _)| pc < b) {
                                    bound = Some((pc, pk));
                                }
                            }
                            pick = Some((k, ec));
                        }
                    }
                }
                match pick {
                    Some((k, _)) => (k, bound),
                    None => break,
                }
            }
        };
        let Some(p) = pos.get_mut(i) else { break };
        let Some(ev) = lists.get(i).and_then(|l| l.get(*p)) else {
            cur = None;
            continue;
        };
        if bound.is_some_and(|(b, bi)| ev.created > b || (ev.created == b && i > bi)) {
            cur = None;
            continue;
        }
        *p += 1;
        cur = Some((i, bound));
        let alive = seg
            .as_ref()
            .is_some_and(|s| s.end.is_none_or(|d| d > ev.created));
        if !alive {
            if let Some(b) = seg.take().and_then(|s| s.base(res.incremental)) {
                bases.push(b);
            }
        }
        let first = !alive;
        let (size, full) = if first || !res.incremental {
            (f, true)
        } else {
            let gap = (ev.created - prev.unwrap_or(ev.created)).max(0) as f64 / DAY as f64;
            ((res.change_per_day * gap).min(f), false)
        };
        let transferred = if !ev.copy {
            0.0
        } else if first && res.incremental {
            // A chain's first copy is a full transfer unless the Region already holds a copy of
            // the resource (aws-backup.md §9): then only the change since the latest one.
            match latest_before(region_seed, ev.created) {
                Some(t) => {
                    let gap = (ev.created - t).max(0) as f64 / DAY as f64;
                    (res.change_per_day * gap).min(f)
                }
                None => f,
            }
        } else {
            size
        };
        let life = ev.deleted.map_or(i64::MAX, |d| d - ev.created);
        match seg.as_mut() {
            None => {
                seg = Some(Seg {
                    full_size: size,
                    d0: ev.deleted,
                    end: ev.deleted,
                    survivor: None,
                    longest: (life, ev.cold),
                })
            }
            Some(s) => {
                if s.survivor.is_none()
                    && s.d0
                        .is_some_and(|d0| ev.created < d0 && ev.deleted.is_none_or(|d| d > d0))
                {
                    s.survivor = Some(size);
                }
                s.end = match (s.end, ev.deleted) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
                if life > s.longest.0 {
                    s.longest = (life, ev.cold);
                }
            }
        }
        let raw = Raw {
            created: ev.created,
            appears: ev.appears,
            size,
            full,
            cold: ev.cold,
            deleted: ev.deleted,
            transferred,
        };
        if let Some(sd) = series.get_mut(ev.series) {
            push_point(&mut sd.runs, raw, compress);
        }
        prev = Some(ev.created);
        if !compress {
            continue;
        }
        // Bulk: the next events of this list, equally spaced and before every other list's
        // head, are all alive-chain increments of the same size (when each point outlives the
        // spacing), so they extend the series' run in one step.
        let Some(l) = lists.get(i) else { continue };
        let start = pos.get(i).copied().unwrap_or(0);
        let Some(next) = l.created(start) else {
            continue;
        };
        let d = next - ev.created;
        let lifetime = ev.deleted.map(|x| x - ev.created);
        if d <= 0 || lifetime.is_some_and(|lt| lt <= d) {
            continue;
        }
        let mut m = 0usize;
        let mut t = ev.created;
        while let Some(ec) = l.created(start + m) {
            if ec - t != d || bound.is_some_and(|(b, bi)| ec > b || (ec == b && i > bi)) {
                break;
            }
            t = ec;
            m += 1;
        }
        if m == 0 {
            continue;
        }
        let (bsize, bfull) = if res.incremental {
            ((res.change_per_day * (d as f64 / DAY as f64)).min(f), false)
        } else {
            (f, true)
        };
        let b1 = Raw {
            created: ev.created + d,
            appears: ev.appears + d,
            size: bsize,
            full: bfull,
            cold: ev.cold.map(|c| c + d),
            deleted: ev.deleted.map(|x| x + d),
            transferred: if ev.copy { bsize } else { 0.0 },
        };
        let mi = i64::try_from(m).unwrap_or(i64::MAX);
        if let Some(s) = seg.as_mut() {
            if s.survivor.is_none() {
                if let Some(d0) = s.d0 {
                    // The first bulk point j (1..=m) with c_j < d0 < c_j + lifetime.
                    let j = match lifetime {
                        Some(lt) => ((d0 - lt - ev.created).div_euclid(d) + 1).max(1),
                        None => 1,
                    };
                    if j <= mi && ev.created + j * d < d0 {
                        s.survivor = Some(bsize);
                    }
                }
            }
            s.end = match (s.end, ev.deleted) {
                (Some(a), Some(x)) => Some(a.max(x + mi * d)),
                _ => None,
            };
        }
        if let Some(sd) = series.get_mut(ev.series) {
            push_point(&mut sd.runs, b1, true);
            if m > 1 {
                let extra = u32::try_from(m - 1).unwrap_or(u32::MAX);
                match sd.runs.last_mut() {
                    Some(last) if last.count == 1 => {
                        last.every = d;
                        last.count = last.count.saturating_add(extra);
                    }
                    Some(last) if last.every == d => last.count = last.count.saturating_add(extra),
                    _ => {
                        let b2 = Run {
                            first: b1,
                            count: 1,
                            every: 0,
                        }
                        .at(0);
                        let b2 = Raw {
                            created: b2.created + d,
                            appears: b2.appears + d,
                            cold: b2.cold.map(|c| c + d),
                            deleted: b2.deleted.map(|x| x + d),
                            ..b2
                        };
                        sd.runs.push(Run {
                            first: b2,
                            count: extra,
                            every: if extra > 1 { d } else { 0 },
                        });
                    }
                }
            }
        }
        if let Some(p) = pos.get_mut(i) {
            *p += m;
        }
        prev = Some(ev.created + mi * d);
    }
    if let Some(b) = seg.and_then(|s| s.base(res.incremental)) {
        bases.push(b);
    }
}

fn same_shape(a: &Raw, b: &Raw) -> bool {
    let off = |x: Option<i64>, c: i64| x.map(|v| v - c);
    a.size.to_bits() == b.size.to_bits()
        && a.full == b.full
        && a.transferred.to_bits() == b.transferred.to_bits()
        && a.appears - a.created == b.appears - b.created
        && off(a.cold, a.created) == off(b.cold, b.created)
        && off(a.deleted, a.created) == off(b.deleted, b.created)
}
