//! Phase 6, the records: every series as the cost engine's records (a regular run as one record
//! with `repeat`, unless `expand_repeats`), the series index, and the rules as simulated.

use super::state::{Raw, ResPrep, RulePrep, SeriesData, Store};
use super::*;

/// The recovery points and chain bases as records, and what made them.
pub(super) struct Records {
    pub recovery_points: Vec<PointRecord>,
    pub chain_bases: Vec<PointRecord>,
    pub series: Vec<PointSeries>,
    /// Recovery points created (each repeat counted).
    pub point_count: u64,
}

/// The records of every series in `store`.
pub(super) fn records(
    store: &Store,
    res: &[ResPrep],
    rules: &[RulePrep],
    expand_repeats: bool,
) -> Records {
    let (groups, series, bases_by_series) = (&store.groups, &store.series, &store.bases);
    // Interned names: every record of a vault or resource shares them.
    let gnames: Vec<(Name, Name, Option<Name>)> = groups
        .list
        .iter()
        .map(|g| {
            (
                Name::from(g.key.name.as_str()),
                Name::from(g.key.region.as_str()),
                g.key.account.as_deref().map(Name::from),
            )
        })
        .collect();
    let rnames: Vec<(Name, Name)> = res
        .iter()
        .map(|r| (Name::from(r.rtype.as_str()), Name::from(r.id.as_str())))
        .collect();
    let rec_of = |s: &SeriesData, raw: &Raw, repeat: Option<PointRepeat>| -> PointRecord {
        let rr = rnames.get(s.resource);
        let grp = gnames.get(s.group);
        let src = s.source_group.and_then(|g| gnames.get(g));
        PointRecord {
            resource_type: rr.map(|x| x.0.clone()).unwrap_or_default(),
            resource_id: rr.map(|x| x.1.clone()).unwrap_or_default(),
            vault: grp.map(|g| g.0.clone()).unwrap_or_default(),
            region: grp.map(|g| g.1.clone()).unwrap_or_default(),
            account: grp.and_then(|g| g.2.clone()),
            created_at_seconds: raw.created as f64,
            size_gib: raw.size,
            full: raw.full,
            full_size_gib: res.get(s.resource).map(|x| x.size),
            cold_at_seconds: raw.cold.map(|c| c as f64),
            deleted_at_seconds: raw.deleted.map(|d| d as f64),
            copy: (s.kind == SeriesKind::Copy).then(|| CopySource {
                source_region: src.map(|g| g.1.clone()).unwrap_or_default(),
                source_vault: src.map(|g| g.0.clone()),
                source_account: src.and_then(|g| g.2.clone()),
                transferred_gib: raw.transferred,
                copied_at_seconds: Some(raw.appears as f64),
            }),
            continuous: s.kind == SeriesKind::Continuous,
            repeat,
        }
    };
    let mut recovery_points = Vec::new();
    let mut chain_bases = Vec::new();
    let mut series_out = Vec::new();
    let mut point_count = 0u64;
    for (list, target) in [
        (series, &mut recovery_points),
        (bases_by_series, &mut chain_bases),
    ] {
        // One allocation for every record (growing by doubling re-copies and re-faults them).
        target.reserve(
            list.iter()
                .map(|s| {
                    if expand_repeats {
                        usize::try_from(s.points()).unwrap_or(0)
                    } else {
                        s.runs.len()
                    }
                })
                .sum(),
        );
        for s in list.iter() {
            if s.runs.is_empty() {
                continue;
            }
            let first_record = target.len();
            for run in &s.runs {
                if expand_repeats {
                    for j in 0..run.count {
                        target.push(rec_of(s, &run.at(j), None));
                    }
                } else {
                    let repeat = (run.count > 1).then_some(PointRepeat {
                        count: run.count,
                        every_seconds: run.every as f64,
                    });
                    target.push(rec_of(s, &run.first, repeat));
                }
            }
            let points = s.points();
            if s.kind != SeriesKind::ChainBase {
                point_count += points;
            }
            let rr = res.get(s.resource);
            let grp = groups.list.get(s.group);
            series_out.push(PointSeries {
                kind: s.kind,
                resource_id: rr.map(|x| x.id.clone()).unwrap_or_default(),
                rule: s.rule.and_then(|k| rules.get(k)).map(|x| x.name.clone()),
                copy_action: s.copy,
                vault: grp.map(|g| g.key.name.clone()).unwrap_or_default(),
                region: grp.map(|g| g.key.region.clone()).unwrap_or_default(),
                account: grp.and_then(|g| g.key.account.clone()),
                points,
                first_record,
                records: target.len() - first_record,
            });
        }
    }
    Records {
        recovery_points,
        chain_bases,
        series: series_out,
        point_count,
    }
}

/// Every rule as simulated.
pub(super) fn rule_reports(rules: &[RulePrep], plan: &BackupPlan) -> Vec<RuleReport> {
    rules
        .iter()
        .map(|r| RuleReport {
            name: r.name.clone(),
            schedule_expression: r.expression.clone(),
            time_zone: r.time_zone.clone(),
            vault: plan
                .rules
                .get(r.index)
                .map(|x| {
                    x.target_logically_air_gapped_vault_arn
                        .clone()
                        .unwrap_or_else(|| x.target_vault_name.clone())
                })
                .unwrap_or_default(),
            continuous: r.continuous,
            start_window_seconds: r.window as f64,
            runs: r.runs.len() as u64,
            retention_days: r.life.delete_days,
            cold_after_days: r.life.cold_days,
        })
        .collect()
}
