//! The Resource Groups Tagging API (aws-backup.md §17.2): `get-resources` gives ARNs and tags.

use serde_json::{Map, Value};

use super::{tag_list, text, Doc, Facts, State};
use crate::error::{Error, Issue};

/// `resourcegroupstaggingapi get-resources`: `ResourceTagMappingList[].{ResourceARN, Tags}`.
pub(super) fn resources(
    state: &mut State<'_>,
    doc: &Doc<'_>,
    m: &Map<String, Value>,
) -> Result<(), Error> {
    let items = state.items(doc, m, "ResourceTagMappingList")?;
    let total = items.len();
    let mut read = 0;
    for (p, r) in items {
        let Some(arn) = text(r, "ResourceARN") else {
            state.issue(Issue::warning(
                "missing_arn",
                doc.path(&p),
                "an entry without ResourceARN is left out",
            ));
            continue;
        };
        let mut f = Facts::new(arn, p);
        f.tags = tag_list(r.get("Tags"), "Key", "Value");
        if state.merge(doc, f) {
            read += 1;
        }
    }
    state.note(
        doc,
        format!("{read} of {total} tagged resources read (ARN, tags); the others are of services AWS Backup does not protect, or not ARNs"),
    );
    Ok(())
}
