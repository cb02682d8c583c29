//! A resource's RPO from the plans that select it and its native protection (aws-backup.md §19).

use super::evaluate::*;
use super::model::EstateResource;
use crate::recovery::Disruption;

/// Native protection in words (dr-strategies.md §4.3, §6.1).
pub(super) fn native_words(r: &EstateResource, rtype: &str) -> Vec<String> {
    let n = &r.native;
    let mut v = Vec::new();
    if let Some(d) = n.automated_backup_retention_days {
        if d > 0 {
            v.push(format!("{rtype} automated backups: point-in-time restore within the Region for {d} days, about 5 minutes behind (dr-strategies.md §6.1)"));
        } else {
            v.push(format!("{rtype} automated backups off"));
        }
    }
    if n.point_in_time_recovery == Some(true) {
        v.push(
            "DynamoDB point-in-time recovery: restore within the Region (aws-backup.md §8)".into(),
        );
    }
    if n.multi_az == Some(true) {
        v.push("Multi-AZ: high availability, not a backup (dr-strategies.md §4.3)".into());
    }
    if !n.read_replicas.is_empty() {
        v.push(format!(
            "{} read replica(s): they copy corruption, not a backup (dr-strategies.md §4.3)",
            n.read_replicas.len()
        ));
    }
    if !n.global_regions.is_empty() {
        v.push(format!(
            "replicated to {}: copies corruption, not a backup (dr-strategies.md §4.3)",
            crate::budget::echo(&n.global_regions.join(", "))
        ));
    }
    v
}

/// The native point-in-time restore of a resource, if any: covers AZ loss and corruption
/// (within its retention), never Region loss or account compromise (same Region, same account).
pub(super) fn native_pitr(r: &EstateResource, rtype: &str) -> Option<&'static str> {
    let n = &r.native;
    match rtype {
        "RDS" | "Aurora" if n.automated_backup_retention_days.is_some_and(|d| d > 0) => {
            Some("automated backups (native PITR)")
        }
        "DynamoDB" if n.point_in_time_recovery == Some(true) => Some("DynamoDB PITR (native)"),
        _ => None,
    }
}

/// The resource's RPO per disruption: the best worst case of its plans, and of its native PITR
/// for AZ loss and corruption.
pub(super) fn combine_rpo(
    plans: &[(String, Option<GroupResult>)],
    row: &EstateResourceRow,
    r: &EstateResource,
) -> Vec<ResourceRpo> {
    let native = native_pitr(r, &row.resource_type);
    Disruption::ALL
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let mut best: Option<(bool, Option<f64>, String)> = None;
            for (id, g) in plans {
                let Some((covered, worst)) = g.as_ref().and_then(|g| g.rpo.get(i).copied()) else {
                    continue;
                };
                if !covered {
                    continue;
                }
                let better = match &best {
                    None => true,
                    Some((_, b, _)) => match (worst, b) {
                        (Some(w), Some(b)) => w < *b,
                        (Some(_), None) => true,
                        _ => false,
                    },
                };
                if better {
                    best = Some((true, worst, id.clone()));
                }
            }
            if let (Some(n), Disruption::Az | Disruption::Corruption) = (native, d) {
                let better = match &best {
                    None => true,
                    Some((_, Some(b), _)) => NATIVE_PITR_LAG_SECONDS < *b,
                    Some((_, None, _)) => true,
                };
                if better {
                    best = Some((true, Some(NATIVE_PITR_LAG_SECONDS), n.to_owned()));
                }
            }
            match best {
                Some((covered, worst, by)) => ResourceRpo {
                    disruption: *d,
                    covered,
                    worst_seconds: worst,
                    by: Some(by),
                },
                None => ResourceRpo {
                    disruption: *d,
                    covered: false,
                    worst_seconds: None,
                    by: None,
                },
            }
        })
        .collect()
}
