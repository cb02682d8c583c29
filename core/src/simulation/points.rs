//! Phase 5, the recovery points: resource by resource, each rule's points in its vault (or its
//! logically air-gapped target), the continuous point, the copies, then every chain sized; and
//! the resource's RPO and coverage.

use std::collections::BTreeMap;

use super::chains::{Chains, EvList};
use super::continuous::{self, Role};
use super::copies::{add_copies, Source};
use super::lifecycle::{cold_notes, Offsets};
use super::overlap::{build_profile, Profile};
use super::state::{Groups, Notes, ResPrep, RulePrep, SeriesData, Setup, Store, VaultKey};
use super::*;
use crate::backup::model::vault_arn_parts;
use crate::backup::resource::supports_continuous;
use crate::error::Issue;

/// Generate the points of every protected resource into a [`Store`], with every resource's
/// report (in the order of `res`).
pub(super) fn generate(
    setup: &Setup<'_>,
    res: &[ResPrep],
    notes: &mut Notes,
) -> (Store, Vec<ResourceReport>) {
    let mut store = Store::default();
    let mut reports: Vec<ResourceReport> = Vec::with_capacity(res.len());
    // Rule roles and kept runs, per kind of resource (does the type support continuous backup?).
    let mut profiles: BTreeMap<(bool, String), Profile> = BTreeMap::new();
    for (ri, r) in res.iter().enumerate() {
        if !r.protected {
            reports.push(rpo::report(r, &[], &store.groups, setup.ctx));
            continue;
        }
        let first_series = store.series.len();
        let cont_ok = supports_continuous(&r.rtype);
        let key = (
            cont_ok,
            if cont_ok {
                String::new()
            } else {
                r.rtype.clone()
            },
        );
        if !profiles.contains_key(&key) {
            let p = build_profile(
                setup.rules,
                setup.plan,
                cont_ok,
                &r.rtype,
                setup.options.overlap,
                notes,
            );
            profiles.insert(key.clone(), p);
        }
        let Some(profile) = profiles.get(&key) else {
            continue;
        };
        resource_points(setup, ri, r, profile, &mut store, notes);
        let mine = store.series.get(first_series..).unwrap_or_default();
        reports.push(rpo::report(r, mine, &store.groups, setup.ctx));
    }
    (store, reports)
}

/// The points of protected resource `ri`: each rule's own series and copies, then its chains.
fn resource_points(
    setup: &Setup<'_>,
    ri: usize,
    r: &ResPrep,
    profile: &Profile,
    store: &mut Store,
    notes: &mut Notes,
) {
    cold_notes(setup.rules, r, &setup.paths, notes);
    let mut chains = Chains::default();
    for (k, rule) in setup.rules.iter().enumerate() {
        let role = profile.roles.get(k).copied().unwrap_or(Role::Snapshot);
        let g = own_vault(setup, rule, r, &mut store.groups);
        if setup
            .plan
            .rules
            .get(rule.index)
            .is_some_and(|x| x.target_logically_air_gapped_vault_arn.is_some())
        {
            notes.push(setup.paths.issue(Issue::info(
                "air_gapped_target",
                format!("/rules/{}/target_logically_air_gapped_vault_arn", rule.index),
                format!("rule {} backs up straight into a logically air-gapped vault; for types that are not fully managed the service first makes a temporary, billable snapshot in the regular vault, which drplan does not model (aws-backup.md §10.2)", rule.name),
            )));
        }
        let kept = profile.kept.get(k).map_or(&[][..], |v| &v[..]);
        let (copy_runs, source_life) = continuous::copy_source(role, rule, kept);
        match role {
            Role::Snapshot => {
                let sid = store.series.len();
                store.series.push(SeriesData {
                    kind: SeriesKind::Backup,
                    resource: ri,
                    rule: Some(k),
                    copy: None,
                    group: g,
                    source_group: None,
                    runs: Vec::new(),
                });
                let off = Offsets::of(&rule.life, &r.rtype);
                chains.local.entry(g).or_default().push(EvList {
                    times: copy_runs,
                    delay: setup.delay(rule),
                    appears: 0,
                    cold: off.cold,
                    deleted: off.delete,
                    series: sid,
                    copy: false,
                });
            }
            Role::Continuous => {
                if let Some(run) = continuous::point(rule, r, setup.delay(rule)) {
                    store.series.push(SeriesData {
                        kind: SeriesKind::Continuous,
                        resource: ri,
                        rule: Some(k),
                        copy: None,
                        group: g,
                        source_group: None,
                        runs: vec![run],
                    });
                }
            }
            Role::Idle => {}
        }
        let source = Source {
            k,
            rule,
            group: g,
            runs: copy_runs,
            life: source_life,
        };
        add_copies(setup, ri, r, &source, store, &mut chains, notes);
    }
    chains.run(ri, r, &mut store.series, &mut store.bases, setup.compress);
}

/// The vault group a rule's own points go to: its logically air-gapped target, else its target
/// vault in the resource's Region and account.
fn own_vault(setup: &Setup<'_>, rule: &RulePrep, r: &ResPrep, groups: &mut Groups) -> usize {
    let pr = setup.plan.rules.get(rule.index);
    match pr.and_then(|x| x.target_logically_air_gapped_vault_arn.as_deref()) {
        Some(arn) => {
            let (reg, acc, name) = vault_arn_parts(arn);
            groups.get(
                VaultKey {
                    name: name.unwrap_or_else(|| arn.to_owned()),
                    region: reg.unwrap_or_else(|| r.region.clone()),
                    account: acc.or_else(|| r.account.clone()),
                },
                true,
            )
        }
        None => {
            let name = pr.map(|x| x.target_vault_name.clone()).unwrap_or_default();
            let lag = setup.is_lag(&name, None, &r.region);
            groups.get(
                VaultKey {
                    name,
                    region: r.region.clone(),
                    account: r.account.clone(),
                },
                lag,
            )
        }
    }
}
