//! Amazon DynamoDB (aws-backup.md §17.3): `describe-table` (one table, its size) and
//! `describe-continuous-backups` (point-in-time recovery; the output names no table).

use serde_json::{Map, Value};

use super::ec2::partition;
use super::{bytes_gib, tag_list, text, Doc, Facts, SizeFrom, State};
use crate::error::{Error, Issue};

/// The ARN of table `name` in the account and Region placed for the document; `None` (and no
/// note on half a place) when either is unknown.
fn table_arn(state: &mut State<'_>, doc: &Doc<'_>, name: &str) -> Option<String> {
    let before = state.read_mut(doc).map_or(0, |r| r.notes.len());
    match state.place(doc) {
        (Some(account), Some(region)) => Some(format!(
            "arn:{}:dynamodb:{region}:{account}:table/{name}",
            partition(&region)
        )),
        _ => {
            if let Some(r) = state.read_mut(doc) {
                r.notes.truncate(before);
            }
            None
        }
    }
}

/// `Table.{TableArn, TableName, TableSizeBytes, Replicas[].RegionName}`.
pub(super) fn table(
    state: &mut State<'_>,
    doc: &Doc<'_>,
    m: &Map<String, Value>,
) -> Result<(), Error> {
    let Some(t) = m.get("Table").and_then(Value::as_object) else {
        state.issue(Issue::error(
            "invalid_type",
            doc.path("/Table"),
            "Table must be an object",
        ));
        return Ok(());
    };
    state.count(doc, "/Table", 1)?;
    let name = text(t, "TableName").unwrap_or("");
    let arn = match text(t, "TableArn") {
        Some(a) => a.to_owned(),
        None => match (name.is_empty(), table_arn(state, doc, name)) {
            (false, Some(a)) => {
                state.note(
                    doc,
                    format!("the table has no TableArn: {} is built from TableName and the account and Region", crate::budget::echo(&a)),
                );
                a
            }
            _ => {
                state.issue(
                    Issue::warning(
                        "unplaced_export",
                        doc.path("/Table"),
                        "the table has no TableArn, and no account and Region are given (document, options or the other documents) to build one; it is left out",
                    )
                    .with_hint("give the document's account and region, or export with a TableArn"),
                );
                return Ok(());
            }
        },
    };
    let mut f = Facts::new(&arn, "/Table".to_owned());
    f.resource_type = Some("DynamoDB".to_owned());
    f.size = bytes_gib(state, doc, t, "/Table", "TableSizeBytes").map(|g| (g, SizeFrom::Resource));
    f.tags = tag_list(t.get("Tags"), "Key", "Value");
    let own = crate::backup::arn::region_of_arn(&arn).map(str::to_owned);
    f.native.global_regions = t
        .get("Replicas")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|r| r.get("RegionName").and_then(Value::as_str))
        .filter(|r| Some(*r) != own.as_deref())
        .map(str::to_owned)
        .collect();
    if state.merge(doc, f) && !name.is_empty() {
        state.tables.insert(name.to_owned(), arn.trim().to_owned());
    }
    state.note(
        doc,
        "table read (ARN, TableSizeBytes, replica Regions); DynamoDB updates TableSizeBytes about every six hours",
    );
    Ok(())
}

/// `ContinuousBackupsDescription.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus`,
/// for the table the document's `subject` names (else the only table described).
pub(super) fn continuous_backups(
    state: &mut State<'_>,
    doc: &Doc<'_>,
    m: &Map<String, Value>,
) -> Result<(), Error> {
    let status = m
        .get("ContinuousBackupsDescription")
        .and_then(|d| d.get("PointInTimeRecoveryDescription"))
        .and_then(|d| d.get("PointInTimeRecoveryStatus"))
        .and_then(Value::as_str);
    let pitr = match status {
        Some("ENABLED") => Some(true),
        Some("DISABLED") => Some(false),
        _ => None,
    };
    let Some(pitr) = pitr else {
        state.issue(Issue::warning(
            "missing_field",
            doc.path("/ContinuousBackupsDescription/PointInTimeRecoveryDescription/PointInTimeRecoveryStatus"),
            "no PointInTimeRecoveryStatus (ENABLED or DISABLED): nothing to read",
        ));
        return Ok(());
    };
    state.count(doc, "/ContinuousBackupsDescription", 1)?;
    let arn = match doc.subject {
        Some(s) if s.starts_with("arn:") => Some(s.to_owned()),
        Some(s) => match state.tables.get(s) {
            Some(a) => Some(a.clone()),
            None => table_arn(state, doc, s),
        },
        None if state.tables.len() == 1 => {
            let (name, arn) = state
                .tables
                .iter()
                .next()
                .map(|(n, a)| (n.clone(), a.clone()))
                .unwrap_or_default();
            state.note(
                doc,
                format!("the export names no table: taken as {} (the only table described); give the document's subject to say which", crate::budget::echo(&name)),
            );
            Some(arn)
        }
        None => None,
    };
    let Some(arn) = arn else {
        state.issue(
            Issue::warning(
                "unplaced_export",
                doc.path(""),
                "describe-continuous-backups names no table, and the document's subject does not say which (or its account and Region are unknown); it is left out",
            )
            .with_hint("give the document's subject: the table name or ARN"),
        );
        return Ok(());
    };
    let mut f = Facts::new(&arn, "/ContinuousBackupsDescription".to_owned());
    f.resource_type = Some("DynamoDB".to_owned());
    f.native.point_in_time_recovery = Some(pitr);
    state.merge(doc, f);
    state.note(
        doc,
        format!(
            "point-in-time recovery {} for {}",
            if pitr { "enabled" } else { "disabled" },
            crate::budget::echo(&arn)
        ),
    );
    Ok(())
}
