//! AWS Config advanced queries (aws-backup.md §17.2): `select-resource-config` and
//! `select-aggregate-resource-config` answer `Results` as JSON strings, one per resource, with
//! the fields the query selected.

use serde_json::{Map, Value};

use super::{tag_list, text, Doc, Facts, State};
use crate::error::{Error, Issue};

/// AWS Backup's resource type for an AWS Config resource type (`AWS::EC2::Volume` → `EBS`);
/// `None` for types whose ARN says it (or that AWS Backup does not protect).
fn backup_type(config_type: &str) -> Option<&'static str> {
    Some(match config_type {
        "AWS::EC2::Volume" => "EBS",
        "AWS::EC2::Instance" => "EC2",
        "AWS::RDS::DBInstance" => "RDS",
        "AWS::RDS::DBCluster" => "Aurora",
        "AWS::DynamoDB::Table" => "DynamoDB",
        "AWS::EFS::FileSystem" => "EFS",
        "AWS::S3::Bucket" => "S3",
        "AWS::FSx::FileSystem" => "FSx",
        "AWS::Redshift::Cluster" => "Redshift",
        "AWS::Neptune::DBCluster" => "Neptune",
        "AWS::DocDB::DBCluster" => "DocumentDB",
        _ => return None,
    })
}

/// `Results[]`: each a JSON text with `arn`, `resourceType`, `awsRegion`, `accountId`, `tags`.
pub(super) fn query(
    state: &mut State<'_>,
    doc: &Doc<'_>,
    m: &Map<String, Value>,
) -> Result<(), Error> {
    let Some(results) = m.get("Results").and_then(Value::as_array) else {
        return Ok(());
    };
    state.count(doc, "/Results", results.len())?;
    let total = results.len();
    let mut read = 0;
    let mut without_arn = 0;
    for (i, r) in results.iter().enumerate() {
        let p = format!("/Results/{i}");
        let decoded;
        let item = match r {
            Value::String(t) => match crate::boundary::parse_text(super::INPUT, t) {
                Ok(Value::Object(o)) => {
                    decoded = o;
                    &decoded
                }
                Ok(_) | Err(_) => {
                    state.issue(Issue::error(
                        "invalid_json",
                        doc.path(&p),
                        "a Config query result must be a JSON object in a string",
                    ));
                    continue;
                }
            },
            Value::Object(o) => o,
            _ => {
                state.issue(Issue::error(
                    "invalid_type",
                    doc.path(&p),
                    "a Config query result must be a JSON object in a string",
                ));
                continue;
            }
        };
        let Some(arn) = text(item, "arn") else {
            without_arn += 1;
            continue;
        };
        let mut f = Facts::new(arn, p);
        f.resource_type = text(item, "resourceType")
            .and_then(backup_type)
            .map(str::to_owned);
        f.account = text(item, "accountId").map(str::to_owned);
        f.region = text(item, "awsRegion").map(str::to_owned);
        f.tags = tag_list(item.get("tags"), "key", "value");
        if state.merge(doc, f) {
            read += 1;
        }
    }
    state.note(
        doc,
        format!("{read} of {total} Config query results read (arn, resourceType, awsRegion, accountId, tags)"),
    );
    if without_arn > 0 {
        state.note(
            doc,
            format!("{without_arn} results without arn were left out: select arn in the query"),
        );
    }
    Ok(())
}
