//! Phase 7, the inventory: counts and GiB per vault, Region and in total at every sample, and
//! the steady state they settle in.

use std::collections::BTreeMap;

use jiff::Timestamp;

use super::state::{rfc3339, Groups, RulePrep, SeriesData, Store, DAY, WEEK};
use super::*;
use crate::error::{Error, Issue};
use crate::inventory::{self, Grid, Sampler, Span};

/// The sampled inventory of every point in `store` (`out_of_range` at `/sample_every` when the
/// vaults × samples table is too large).
pub(super) fn sample(
    store: &Store,
    rules: &[RulePrep],
    grid: Grid,
    start: Timestamp,
) -> Result<Inventory, Error> {
    let groups = &store.groups;
    build_inventory(&store.series, &store.bases, groups, rules, grid, start).ok_or_else(|| {
        Error::invalid(vec![Issue::error(
            "out_of_range",
            "/sample_every",
            format!(
                "{} vaults × {} samples is more than {} cells",
                groups.list.len(),
                grid.samples,
                inventory::MAX_CELLS
            ),
        )
        .in_input("options")
        .with_hint("sample less often or shorten horizon_days")])
    })
}

fn build_inventory(
    series: &[SeriesData],
    bases: &[SeriesData],
    groups: &Groups,
    rules: &[RulePrep],
    grid: Grid,
    start: Timestamp,
) -> Option<Inventory> {
    let ng = groups.list.len();
    let mut sampler = Sampler::new(grid, ng)?;
    for (list, counted) in [(series, true), (bases, false)] {
        for s in list {
            for run in &s.runs {
                let f = &run.first;
                sampler.add_run(
                    &Span {
                        group: s.group,
                        from: f.appears,
                        cold_at: f.cold,
                        until: f.deleted,
                        gib: f.size,
                        counted,
                    },
                    run.count,
                    run.every,
                );
            }
        }
    }
    let vault_series = sampler.finish();
    let n = grid.samples;
    let mk = |vault: Option<String>,
              region: Option<String>,
              account: Option<String>,
              air: bool,
              s: &inventory::Series| InventorySeries {
        vault,
        region,
        account,
        air_gapped: air,
        warm_count: s.warm_count.clone(),
        cold_count: s.cold_count.clone(),
        warm_gib: s.warm_gib.clone(),
        cold_gib: s.cold_gib.clone(),
    };
    let mut by_region: BTreeMap<String, inventory::Series> = BTreeMap::new();
    let mut total = inventory::Series::empty(n);
    for (g, s) in groups.list.iter().zip(&vault_series) {
        by_region
            .entry(g.key.region.clone())
            .or_insert_with(|| inventory::Series::empty(n))
            .add(s);
        total.add(s);
    }
    // Steady state: the regime starts once every kind of point has started to expire.
    let mut fill: Option<i64> = Some(0);
    let mut forever: Option<String> = None;
    let mut cycle = DAY;
    for s in series {
        let Some(first) = s.runs.first().map(|r| r.first) else {
            continue;
        };
        if let Some(rule) = s.rule.and_then(|k| rules.get(k)) {
            cycle = cycle.max(rule.cycle);
        }
        match s.kind {
            SeriesKind::Continuous => fill = fill.map(|x| x.max(first.appears)),
            SeriesKind::Backup | SeriesKind::Copy => match first.deleted {
                Some(d) => fill = fill.map(|x| x.max(d)),
                None => {
                    fill = None;
                    if forever.is_none() {
                        let who = s
                            .rule
                            .and_then(|k| rules.get(k))
                            .map(|r| r.name.clone())
                            .unwrap_or_default();
                        forever = Some(match s.copy {
                            Some(j) => format!("copy action {j} of rule {who}"),
                            None => format!("rule {who}"),
                        });
                    }
                }
            },
            SeriesKind::ChainBase => {}
        }
    }
    let any_points = series.iter().any(|s| !s.runs.is_empty());
    let fill_sample = fill.map(|x| grid.first_at_or_after(x));
    let cycle_samples = usize::try_from((cycle + grid.step - 1) / grid.step)
        .unwrap_or(1)
        .max(1);
    let fixed = cycle == DAY || cycle == WEEK;
    let period =
        (fixed && cycle % grid.step == 0).then(|| usize::try_from(cycle / grid.step).unwrap_or(1));
    let found = inventory::steady_state(
        &vault_series,
        fill_sample.filter(|_| any_points),
        cycle_samples,
        period,
    );
    let human = crate::units::human_duration;
    let horizon_s = grid.at(n.saturating_sub(1));
    let (reached, message) = match (found.sample, any_points, fill, &forever) {
        (_, false, _, _) => (false, "not reached: the plan creates no recovery point for these resources within the horizon".to_owned()),
        (Some(k), _, _, _) => (true, format!(
            "steady from {} ({} after the start): every kind of point is being created and expired at the same pace; counts stay within the bands below",
            rfc3339(start, grid.at(k)),
            human(grid.at(k) as f64)
        )),
        (None, _, None, Some(who)) => (false, format!("not reached within horizon: {who} keeps recovery points indefinitely, so the inventory grows without bound")),
        (None, _, Some(x), _) => (false, format!(
            "not reached within horizon: the last kind of point starts expiring {} after the start, and one more cycle ({}) is needed to see the regime; the horizon is {}",
            human(x as f64), human(cycle as f64), human(horizon_s as f64)
        )),
        (None, _, None, None) => (false, "not reached within horizon".to_owned()),
    };
    let at = found.sample;
    let band_of = |s: &inventory::Series| at.map(|k| inventory::band(s, k));
    let by_vault_band = groups
        .list
        .iter()
        .zip(&vault_series)
        .filter_map(|(g, s)| {
            band_of(s).map(|b| SteadyBand {
                vault: Some(g.key.name.clone()),
                region: Some(g.key.region.clone()),
                account: g.key.account.clone(),
                band: b,
            })
        })
        .collect();
    let by_region_band = by_region
        .iter()
        .filter_map(|(r, s)| {
            band_of(s).map(|b| SteadyBand {
                vault: None,
                region: Some(r.clone()),
                account: None,
                band: b,
            })
        })
        .collect();
    let steady = InventorySteadyState {
        reached,
        at_seconds: at.map(|k| grid.at(k) as f64),
        at: at.map(|k| rfc3339(start, grid.at(k))),
        fill_seconds: fill.filter(|_| any_points).map(|x| x as f64),
        cycle_seconds: cycle as f64,
        repeats_exactly: found.repeats_exactly,
        message,
        by_vault: by_vault_band,
        by_region: by_region_band,
        total: band_of(&total),
        source: "DERIVED: the regime starts at the first sample after the first deletion of every kind of point (rule × vault; a continuous point once it exists) and needs one full schedule cycle within the horizon; cycle = the longest rule cycle (day, week, month ≈ 31 d, year ≈ 366 d); repeats_exactly compares counts one cycle apart (fixed cycles only)".to_owned(),
    };
    Some(Inventory {
        sample_every_seconds: grid.step as f64,
        sample_seconds: (0..n).map(|k| grid.at(k) as f64).collect(),
        by_vault: groups
            .list
            .iter()
            .zip(&vault_series)
            .map(|(g, s)| {
                mk(
                    Some(g.key.name.clone()),
                    Some(g.key.region.clone()),
                    g.key.account.clone(),
                    g.air_gapped,
                    s,
                )
            })
            .collect(),
        by_region: by_region
            .iter()
            .map(|(r, s)| mk(None, Some(r.clone()), None, false, s))
            .collect(),
        total: mk(None, None, None, false, &total),
        steady_state: steady,
    })
}
