//! Amazon EFS (aws-backup.md §17.3): `describe-file-systems`.

use serde_json::{Map, Value};

use super::{bytes_gib, tag_list, text, Doc, Facts, SizeFrom, State};
use crate::error::{Error, Issue};

/// `FileSystems[].{FileSystemArn, SizeInBytes.Value, Tags}`.
pub(super) fn file_systems(
    state: &mut State<'_>,
    doc: &Doc<'_>,
    m: &Map<String, Value>,
) -> Result<(), Error> {
    let items = state.items(doc, m, "FileSystems")?;
    let total = items.len();
    let mut read = 0;
    for (p, fs) in items {
        let Some(arn) = text(fs, "FileSystemArn") else {
            state.issue(Issue::warning(
                "missing_arn",
                doc.path(&p),
                "a file system without FileSystemArn is left out",
            ));
            continue;
        };
        let mut f = Facts::new(arn, p.clone());
        f.resource_type = Some("EFS".to_owned());
        f.account = text(fs, "OwnerId").map(str::to_owned);
        f.tags = tag_list(fs.get("Tags"), "Key", "Value");
        if let Some(size) = fs.get("SizeInBytes").and_then(Value::as_object) {
            f.size = bytes_gib(state, doc, size, &format!("{p}/SizeInBytes"), "Value")
                .map(|g| (g, SizeFrom::Resource));
        }
        if state.merge(doc, f) {
            read += 1;
        }
    }
    state.note(
        doc,
        format!("{read} of {total} file systems read (ARN, metered size SizeInBytes.Value, tags)"),
    );
    Ok(())
}
