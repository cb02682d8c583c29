//! Amazon EBS (aws-backup.md §17.3): `ec2 describe-volumes` names no ARN and no account; the ARN
//! is built from the volume ID, the Region of its Availability Zone and the account the document
//! (or the options, or the other documents) give.

use serde_json::{Map, Value};

use super::{gib, region_of_zone, tag_list, text, Doc, Facts, SizeFrom, State};
use crate::error::{Error, Issue};

/// The partition of a Region (`cn-north-1` → `aws-cn`).
pub(crate) fn partition(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    }
}

/// `Volumes[].{VolumeId, Size (GiB), AvailabilityZone, Tags}`.
pub(super) fn volumes(
    state: &mut State<'_>,
    doc: &Doc<'_>,
    m: &Map<String, Value>,
) -> Result<(), Error> {
    let items = state.items(doc, m, "Volumes")?;
    let total = items.len();
    let account = if items.is_empty() {
        None
    } else {
        state.place_account(doc)
    };
    let mut region: Option<Option<String>> = None;
    let mut read = 0;
    let mut unplaced = 0;
    for (p, v) in items {
        let Some(id) = text(v, "VolumeId") else {
            state.issue(Issue::warning(
                "missing_arn",
                doc.path(&p),
                "a volume without VolumeId is left out",
            ));
            continue;
        };
        let zone_region = match text(v, "AvailabilityZone").and_then(region_of_zone) {
            Some(r) => Some(r),
            None => region
                .get_or_insert_with(|| state.place_region(doc))
                .clone(),
        };
        let (Some(account), Some(region)) = (account.as_deref(), zone_region) else {
            unplaced += 1;
            continue;
        };
        let arn = format!(
            "arn:{}:ec2:{region}:{account}:volume/{id}",
            partition(&region)
        );
        let mut f = Facts::new(&arn, p.clone());
        f.resource_type = Some("EBS".to_owned());
        f.tags = tag_list(v.get("Tags"), "Key", "Value");
        f.size = gib(state, doc, v, &p, "Size").map(|g| (g, SizeFrom::Resource));
        if state.merge(doc, f) {
            read += 1;
        }
    }
    state.note(
        doc,
        format!("{read} of {total} volumes read (Size in GiB, tags; ARN built from VolumeId, the Availability Zone's Region and the account)"),
    );
    if unplaced > 0 {
        state.issue(
            Issue::warning(
                "unplaced_export",
                doc.path("/Volumes"),
                format!("{unplaced} volumes are left out: describe-volumes names no account (or Region), and neither the document, the options nor the other documents give one"),
            )
            .with_hint("give the document's account (or options.account)"),
        );
    }
    Ok(())
}
