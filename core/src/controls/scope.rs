//! Resources as the controls see them: scope, selection matching and the plan's Region.

use std::collections::BTreeMap;

use super::{ControlContext, ControlScope};
use crate::backup::arn::region_of_arn;
use crate::backup::resource::types_of_arn;
use crate::backup::selection::{first_match, Candidate};
use crate::backup::{BackupPlan, BackupSelection};

/// A resource as the controls see it.
pub(super) struct Res {
    pub(super) id: String,
    pub(super) arn: String,
    pub(super) rtype: String,
    pub(super) region: Option<String>,
    pub(super) tags: BTreeMap<String, String>,
    pub(super) replicated: bool,
    pub(super) path: String,
}

pub(super) fn resources_of(ctx: &ControlContext, plan: &BackupPlan) -> Option<Vec<Res>> {
    let list = ctx.resources.as_ref()?;
    Some(
        list.iter()
            .enumerate()
            .map(|(i, r)| {
                let arn = r.arn.clone().or_else(|| r.id.clone()).unwrap_or_default();
                let rtype = r.resource_type.clone().or_else(|| {
                    r.arn
                        .as_deref()
                        .and_then(|a| types_of_arn(a).ok())
                        .filter(|t| t.len() == 1)
                        .and_then(|t| t.first().map(|x| (*x).to_owned()))
                });
                Res {
                    id: r
                        .id
                        .clone()
                        .or_else(|| r.arn.clone())
                        .unwrap_or_else(|| format!("#{i}")),
                    arn,
                    rtype: rtype.unwrap_or_default(),
                    region: r
                        .region
                        .clone()
                        .or_else(|| r.arn.as_deref().and_then(region_of_arn).map(str::to_owned))
                        .or_else(|| plan.region.clone()),
                    tags: r.tags.clone(),
                    replicated: r.replicated,
                    path: format!("/resources/{i}"),
                }
            })
            .collect(),
    )
}

fn in_scope(r: &Res, scope: Option<&ControlScope>) -> bool {
    let Some(s) = scope else { return true };
    (s.resource_ids.is_empty() || s.resource_ids.iter().any(|x| *x == r.id || *x == r.arn))
        && (s.resource_types.is_empty() || s.resource_types.contains(&r.rtype))
        && s.tags.iter().all(|(k, v)| r.tags.get(k) == Some(v))
}

/// Whether the plan protects `r` (selection match and the plan's Region), with the reason.
pub(super) fn protected(
    plan: &BackupPlan,
    selections: &[BackupSelection],
    r: &Res,
) -> (bool, String) {
    if let (Some(p), Some(rr)) = (&plan.region, &r.region) {
        if p != rr {
            return (
                false,
                format!("the plan runs in {p}, the resource is in {rr} (plans are Regional)"),
            );
        }
    }
    if selections.is_empty() {
        return (false, "the plan has no selection".to_owned());
    }
    let (ok, why) = first_match(
        selections,
        &Candidate {
            arn: &r.arn,
            resource_type: &r.rtype,
            tags: &r.tags,
        },
    );
    (ok, why.join("; "))
}

/// A resource in a control's scope, whether this plan protects it, and why (or why not).
pub(super) type Covered<'r> = (&'r Res, bool, String);

/// The resources in `scope` with [`protected`]; `None` without a resource list.
pub(super) fn covered<'r>(
    plan: &BackupPlan,
    selections: &[BackupSelection],
    resources: Option<&'r [Res]>,
    scope: Option<&ControlScope>,
) -> Option<Vec<Covered<'r>>> {
    let scoped: Option<Vec<&Res>> =
        resources.map(|rs| rs.iter().filter(|r| in_scope(r, scope)).collect());
    scoped.as_ref().map(|rs| {
        rs.iter()
            .map(|r| {
                let (ok, why) = protected(plan, selections, r);
                (*r, ok, why)
            })
            .collect()
    })
}

/// Why a resource outside the plan's selections counts against a control, in words. An Aurora
/// cluster is never unprotected: its automated backups cannot be turned off (retention 1–35 days,
/// dr-strategies.md §6.2, §10.1), so the words say it is not selected, not that it lacks backups.
pub(super) fn not_selected(r: &Res, why: &str) -> String {
    if r.rtype == "Aurora" {
        format!("not selected by this plan: {why}; Aurora's own automated backups still back it up (retention 1–35 days, they cannot be turned off)")
    } else {
        format!("not protected by this plan: {why}")
    }
}
