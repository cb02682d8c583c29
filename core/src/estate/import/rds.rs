//! Amazon RDS and Aurora (aws-backup.md §17.3): `describe-db-instances`, `describe-db-clusters`,
//! `describe-global-clusters`.

use serde_json::{Map, Value};

use super::{gib, number, tag_list, text, Doc, Facts, SizeFrom, State};
use crate::error::{Error, Issue};

/// `BackupRetentionPeriod` (days; RDS allows 0 to 35) as the native retention.
fn retention(state: &mut State<'_>, doc: &Doc<'_>, m: &Map<String, Value>, p: &str) -> Option<u32> {
    number(
        state,
        doc,
        m,
        p,
        "BackupRetentionPeriod",
        f64::from(u32::MAX),
    )
    .map(|d| d as u32)
}

/// A list of strings (replica identifiers or ARNs).
fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect()
}

/// `DBInstances[]`: ARN, `AllocatedStorage` (GiB), `BackupRetentionPeriod`, `MultiAZ`,
/// `ReadReplicaDBInstanceIdentifiers`, `TagList`. Instances of a cluster are left out: AWS
/// Backup protects the cluster.
pub(super) fn instances(
    state: &mut State<'_>,
    doc: &Doc<'_>,
    m: &Map<String, Value>,
) -> Result<(), Error> {
    let items = state.items(doc, m, "DBInstances")?;
    let total = items.len();
    let mut read = 0;
    let mut members = 0;
    for (p, db) in items {
        if text(db, "DBClusterIdentifier").is_some() {
            members += 1;
            continue;
        }
        let Some(arn) = text(db, "DBInstanceArn") else {
            state.issue(Issue::warning(
                "missing_arn",
                doc.path(&p),
                "a DB instance without DBInstanceArn is left out",
            ));
            continue;
        };
        let mut f = Facts::new(arn, p.clone());
        f.resource_type = Some("RDS".to_owned());
        f.tags = tag_list(db.get("TagList"), "Key", "Value");
        f.size = gib(state, doc, db, &p, "AllocatedStorage").map(|g| (g, SizeFrom::Resource));
        f.native.automated_backup_retention_days = retention(state, doc, db, &p);
        f.native.multi_az = db.get("MultiAZ").and_then(Value::as_bool);
        f.native.read_replicas = strings(db.get("ReadReplicaDBInstanceIdentifiers"));
        if state.merge(doc, f) {
            read += 1;
        }
    }
    state.note(
        doc,
        format!("{read} of {total} DB instances read (ARN, AllocatedStorage GiB, BackupRetentionPeriod, MultiAZ, read replicas, tags)"),
    );
    if members > 0 {
        state.note(
            doc,
            format!("{} of DB clusters left out: AWS Backup protects their cluster (describe-db-clusters)", super::count(members, "instance")),
        );
    }
    Ok(())
}

/// AWS Backup's resource type for a cluster's engine.
fn cluster_type(engine: Option<&str>) -> Option<&'static str> {
    let e = engine?;
    Some(if e.starts_with("aurora") {
        "Aurora"
    } else if e == "docdb" {
        "DocumentDB"
    } else if e == "neptune" {
        "Neptune"
    } else {
        // Multi-AZ DB clusters (mysql, postgres): aws-backup.md §16.8, §17.3.
        "RDS"
    })
}

/// `DBClusters[]`: ARN, engine, `BackupRetentionPeriod`, `MultiAZ`, `ReadReplicaIdentifiers`,
/// `TagList`; `AllocatedStorage` only where it is a size (not Aurora, Neptune or DocumentDB,
/// whose clusters always say 1).
pub(super) fn clusters(
    state: &mut State<'_>,
    doc: &Doc<'_>,
    m: &Map<String, Value>,
) -> Result<(), Error> {
    let items = state.items(doc, m, "DBClusters")?;
    let total = items.len();
    let mut read = 0;
    let mut storage_not_size = 0;
    let mut global = 0;
    for (p, c) in items {
        let Some(arn) = text(c, "DBClusterArn") else {
            state.issue(Issue::warning(
                "missing_arn",
                doc.path(&p),
                "a DB cluster without DBClusterArn is left out",
            ));
            continue;
        };
        let kind = cluster_type(text(c, "Engine"));
        let mut f = Facts::new(arn, p.clone());
        f.resource_type = kind.map(str::to_owned);
        f.tags = tag_list(c.get("TagList"), "Key", "Value");
        if kind == Some("RDS") {
            f.size = gib(state, doc, c, &p, "AllocatedStorage").map(|g| (g, SizeFrom::Resource));
        } else if c.contains_key("AllocatedStorage") {
            storage_not_size += 1;
        }
        f.native.automated_backup_retention_days = retention(state, doc, c, &p);
        f.native.multi_az = c.get("MultiAZ").and_then(Value::as_bool);
        f.native.read_replicas = strings(c.get("ReadReplicaIdentifiers"));
        if text(c, "GlobalClusterIdentifier").is_some() {
            global += 1;
        }
        if state.merge(doc, f) {
            read += 1;
        }
    }
    state.note(
        doc,
        format!("{read} of {total} DB clusters read (ARN, engine, BackupRetentionPeriod, MultiAZ, read replicas, tags)"),
    );
    if storage_not_size > 0 {
        state.note(
            doc,
            format!("{}: AllocatedStorage is not a size (Aurora, Neptune and DocumentDB always say 1): their size stays unknown", super::count(storage_not_size, "cluster")),
        );
    }
    if global > 0 {
        state.note(
            doc,
            format!(
                "{} in a global database: its other Regions come from describe-global-clusters",
                super::count(global, "cluster")
            ),
        );
    }
    Ok(())
}

/// `GlobalClusters[].GlobalClusterMembers[].DBClusterArn`: each member's global Regions are the
/// other members' Regions.
pub(super) fn global_clusters(
    state: &mut State<'_>,
    doc: &Doc<'_>,
    m: &Map<String, Value>,
) -> Result<(), Error> {
    let items = state.items(doc, m, "GlobalClusters")?;
    let total = items.len();
    let mut members_read = 0;
    for (p, g) in items {
        let members: Vec<(String, String)> = g
            .get("GlobalClusterMembers")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
            .filter_map(|(i, x)| {
                Some((
                    x.get("DBClusterArn")?.as_str()?.to_owned(),
                    format!("{p}/GlobalClusterMembers/{i}"),
                ))
            })
            .collect();
        state.count(doc, &p, members.len())?;
        let regions: Vec<Option<String>> = members
            .iter()
            .map(|(a, _)| crate::backup::arn::region_of_arn(a).map(str::to_owned))
            .collect();
        for (k, (arn, mp)) in members.iter().enumerate() {
            let own = regions.get(k).cloned().flatten();
            let mut f = Facts::new(arn, mp.clone());
            f.native.global_regions = regions
                .iter()
                .flatten()
                .filter(|r| Some(*r) != own.as_ref())
                .cloned()
                .collect();
            if state.merge(doc, f) {
                members_read += 1;
            }
        }
    }
    state.note(
        doc,
        format!(
            "{} read: {} with the Regions of the others",
            super::count(total, "global database"),
            super::count(members_read, "member cluster")
        ),
    );
    Ok(())
}
