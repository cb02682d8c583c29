//! Phase 2b, the resources: each one's type, Region, account, size and change rate, and whether
//! the plan protects it (its Region, then the selections).

use std::collections::BTreeMap;

use super::state::{Notes, ResPrep};
use super::*;
use crate::backup::arn::{account_of_arn, region_of_arn};
use crate::backup::resource::types_of_arn;
use crate::backup::selection::{first_match, Candidate};
use crate::error::Issue;

/// Whether backups after the first are incremental. Source: pricing.md §4 (per-type flag;
/// DynamoDB backups are full copies — stated for native on-demand backups, assumed for AWS
/// Backup; every other type assumed incremental, UNCONFIRMED per type).
fn default_incremental(resource_type: &str) -> bool {
    resource_type != "DynamoDB"
}

/// The resources as the simulator reads them (problems added to `issues`, notes to `notes`).
pub(super) fn prepare_resources(
    plan: &BackupPlan,
    resources: &[Resource],
    selections: Option<&[BackupSelection]>,
    issues: &mut Vec<Issue>,
    notes: &mut Notes,
) -> Vec<ResPrep> {
    let mut out = Vec::new();
    if resources.len() > MAX_RESOURCES {
        issues.push(
            Issue::error(
                "too_many_resources",
                "",
                format!(
                    "{} resources given; at most {MAX_RESOURCES}",
                    resources.len()
                ),
            )
            .in_input("resources"),
        );
        return out;
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut no_rate = 0usize;
    for (i, r) in resources.iter().enumerate() {
        let base = format!("/{i}");
        let err = |code: &str, field: &str, msg: String| {
            Issue::error(code, format!("{base}/{field}"), msg).in_input("resources")
        };
        let Some(id) = r.id.clone().or_else(|| r.arn.clone()) else {
            issues.push(err(
                "missing_field",
                "id",
                "a resource needs an `arn` or an `id`".to_owned(),
            ));
            continue;
        };
        if let Some(first) = seen.insert(id.clone(), i) {
            issues.push(err(
                "duplicate_resource",
                if r.id.is_some() { "id" } else { "arn" },
                format!("resource {id:?} is also resource {first}"),
            ));
            continue;
        }
        let arn = r.arn.as_deref();
        let arn_region = arn.and_then(region_of_arn).map(str::to_owned);
        let arn_account = arn.and_then(account_of_arn).map(str::to_owned);
        let rtype = match (&r.resource_type, r.arn.as_deref().map(types_of_arn)) {
            (Some(t), _) => Some(t.clone()),
            (None, Some(Ok(ts))) if ts.len() == 1 => ts.first().map(|t| (*t).to_owned()),
            _ => None,
        };
        let Some(rtype) = rtype else {
            issues.push(err(
                "missing_field",
                "resource_type",
                format!("the resource type of {id:?} cannot be read from its ARN: give resource_type (aws-backup.md §15)"),
            ));
            continue;
        };
        if !crate::backup::resource::RESOURCE_TYPES.contains(&rtype.as_str()) {
            notes.push(
                Issue::warning(
                    "unknown_resource_type",
                    format!("{base}/resource_type"),
                    format!("{rtype:?} is not an AWS Backup resource type drplan knows (aws-backup.md §15): no cold tier, no PITR assumed"),
                )
                .in_input("resources"),
            );
        }
        let region = r
            .region
            .clone()
            .or(arn_region)
            .or_else(|| plan.region.clone())
            .or_else(|| match plan.regions.as_slice() {
                [one] => Some(one.clone()),
                _ => None,
            });
        let Some(region) = region else {
            issues.push(err(
                "missing_field",
                "region",
                format!("the Region of {id:?} is unknown (not in its ARN, and the plan's Region is unknown): give region"),
            ));
            continue;
        };
        let account = r
            .account
            .clone()
            .or(arn_account)
            .or_else(|| plan.account.clone());
        let size = r.size_gib.get();
        if r.change_rate.is_none() {
            no_rate += 1;
        }
        let change_per_day = r.change_rate.map_or(0.0, |c| c.gib_per_day(size));
        let arn = r.arn.clone().unwrap_or_else(|| id.clone());
        let tags = r.tags.clone();
        // Plans are Regional: a plan protects resources of its own Region (an Organizations
        // plan, of the Regions it is deployed to).
        let in_region = match (&plan.region, plan.regions.is_empty()) {
            (Some(p), _) => *p == region,
            (None, false) => plan.regions.contains(&region),
            (None, true) => true,
        };
        let (protected, selected_by) = if !in_region {
            (
                false,
                vec![format!(
                    "the plan runs in {}, the resource is in {region}: AWS Backup plans are Regional",
                    plan.region.clone().unwrap_or_else(|| plan.regions.join(", "))
                )],
            )
        } else {
            match selections {
                None => (
                    true,
                    vec!["no selections given: every resource is assumed protected".to_owned()],
                ),
                Some([]) => (false, vec!["the plan has no selection".to_owned()]),
                Some(sels) => first_match(
                    sels,
                    &Candidate {
                        arn: &arn,
                        resource_type: &rtype,
                        tags: &tags,
                    },
                ),
            }
        };
        out.push(ResPrep {
            incremental: r.incremental.unwrap_or_else(|| default_incremental(&rtype)),
            id,
            rtype,
            region,
            account,
            size,
            change_per_day,
            protected,
            selected_by,
        });
    }
    if no_rate > 0 {
        notes.push(
            Issue::info(
                "change_rate_missing",
                "",
                format!(
                    "{no_rate} resource(s) give no change_rate: incremental points store 0 GiB"
                ),
            )
            .in_input("resources")
            .with_hint(
                "give change_rate as a fraction per day (0.02) or a size per day (\"5 GiB\")",
            ),
        );
    }
    out
}
