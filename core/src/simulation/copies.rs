//! Copies (aws-backup.md §9): each copy action copies the source point once the job is done and
//! the copy lag has passed; the copy keeps the source's creation date for its lifecycle, a copy
//! without retention inherits the source's expiry, and a source already cold or deleted by then
//! cannot be copied (S10).

use super::chains::{Chains, EvList};
use super::lifecycle::Offsets;
use super::state::{Life, Notes, ResPrep, RulePrep, SeriesData, Setup, Store, VaultKey};
use super::*;
use crate::backup::arn::copy_destination;
use crate::error::Issue;

/// The points a rule's copy actions copy, for one resource.
pub(super) struct Source<'r> {
    /// The rule's position among the prepared rules.
    pub k: usize,
    pub rule: &'r RulePrep,
    /// The vault group of the source points.
    pub group: usize,
    /// Scheduled times of the source points.
    pub runs: &'r [i64],
    /// The source's lifecycle.
    pub life: Life,
}

/// Add the copy series of `src`'s copy actions for resource `ri` to `store`, and their event
/// lists to `chains`.
pub(super) fn add_copies<'r>(
    setup: &Setup<'_>,
    ri: usize,
    r: &ResPrep,
    src: &Source<'r>,
    store: &mut Store,
    chains: &mut Chains<'r>,
    notes: &mut Notes,
) {
    let Source {
        k,
        rule,
        group: g,
        runs: copy_runs,
        life: source_life,
    } = *src;
    let paths = &setup.paths;
    let (job_s, lag_s) = (setup.job_s, setup.lag_s);
    let (job, copy_lag) = (setup.ctx.job, setup.ctx.copy_lag);
    for c in &rule.copies {
        let (region, account, name) = copy_destination(&c.arn, &r.region, r.account.as_deref());
        let Some(region) = region else {
            if store.warned_copy.insert((k, c.index)) {
                notes.push(paths.issue(Issue::warning(
                    "copy_destination_unknown",
                    format!("/rules/{}/copy_actions/{}/destination_vault_arn", rule.index, c.index),
                    format!("the Region of copy destination {:?} cannot be read: the copy is not simulated", c.arn),
                )));
            }
            continue;
        };
        let vname = name.unwrap_or_else(|| c.arn.clone());
        let lag = setup.is_lag(&vname, Some(&c.arn), &region);
        let cg = store.groups.get(
            VaultKey {
                name: vname,
                region: region.clone(),
                account,
            },
            lag,
        );
        chains.group_region.insert(cg, region.clone());
        let sid = store.series.len();
        store.series.push(SeriesData {
            kind: SeriesKind::Copy,
            resource: ri,
            rule: Some(k),
            copy: Some(c.index),
            group: cg,
            source_group: Some(g),
            runs: Vec::new(),
        });
        let src_off = Offsets::of(&source_life, &r.rtype);
        let copy_off = Offsets::of(&c.life, &r.rtype);
        let lag_total = job_s + lag_s;
        // Every copy of the series lands J + C after its source; a source already cold
        // or deleted by then cannot be copied (aws-backup.md §9, S10).
        let fails = src_off.cold.is_some_and(|x| x <= lag_total)
            || src_off.delete.is_some_and(|x| x <= lag_total);
        let failed_cold = if fails { copy_runs.len() as u64 } else { 0 };
        if !fails {
            // A copy with no retention inherits the source's expiry (aws-backup.md §9).
            let deleted = if c.life.delete_days.is_none() {
                src_off.delete
            } else {
                copy_off.delete
            };
            let cold = copy_off.cold.filter(|x| deleted.is_none_or(|d| *x < d));
            chains.copies.entry(cg).or_default().push(EvList {
                times: copy_runs,
                delay: setup.delay(rule),
                appears: lag_total,
                cold,
                deleted,
                series: sid,
                copy: true,
            });
            chains
                .region_times
                .entry(region)
                .or_default()
                .push((copy_runs, setup.delay(rule)));
        }
        if failed_cold > 0 {
            notes.push(paths.issue(Issue::warning(
                "copy_after_source_gone",
                format!("/rules/{}/copy_actions/{}", rule.index, c.index),
                format!("{failed_cold} copies of rule {} would start after the source moved to cold storage or was deleted (job {} + copy lag {}): such copies fail (aws-backup.md §9, S10) and are not simulated", rule.name, crate::units::human_duration(job), crate::units::human_duration(copy_lag)),
            )));
        }
    }
}
