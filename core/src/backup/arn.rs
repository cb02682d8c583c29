//! The place an ARN names, when it names one literally.

use super::model::{split_arn, vault_arn_parts};

/// A Region or account segment that names one place: not empty, no wildcard (`*`), no
/// placeholder (`${AWS::Region}`, `$account`).
fn literal(segment: &str) -> bool {
    !segment.is_empty() && !segment.contains('*') && !segment.contains('$')
}

/// The Region of `arn` when it is literal; `None` when `arn` is not an ARN, or its Region is
/// empty (S3 buckets, IAM), a wildcard or a placeholder.
pub(crate) fn region_of_arn(arn: &str) -> Option<&str> {
    split_arn(arn).map(|a| a.region).filter(|r| literal(r))
}

/// The account of `arn` when it is literal (see [`region_of_arn`]).
pub(crate) fn account_of_arn(arn: &str) -> Option<&str> {
    split_arn(arn).map(|a| a.account).filter(|r| literal(r))
}

/// Region, account and vault name of a copy destination ARN; `${AWS::Region}` and
/// `${AWS::AccountId}` (or `$account`) stand for the source resource's `region` and `account`.
pub(crate) fn copy_destination(
    arn: &str,
    region: &str,
    account: Option<&str>,
) -> (Option<String>, Option<String>, Option<String>) {
    let parts = split_arn(arn);
    let (reg, acc, name) = vault_arn_parts(arn);
    let own_region = parts.as_ref().is_some_and(|a| a.region == "${AWS::Region}");
    let own_account = parts
        .as_ref()
        .is_some_and(|a| a.account == "${AWS::AccountId}" || a.account == "$account");
    let region = reg.or_else(|| own_region.then(|| region.to_owned()));
    let account = acc.or_else(|| {
        if own_account {
            account.map(str::to_owned)
        } else {
            None
        }
    });
    (region, account, name)
}

#[cfg(test)]
mod tests {
    use super::region_of_arn;

    #[test]
    fn literal_regions_only() {
        assert_eq!(
            region_of_arn("arn:aws:rds:us-east-1:111122223333:db:orders"),
            Some("us-east-1")
        );
        assert_eq!(region_of_arn("arn:aws:s3:::bucket"), None);
        assert_eq!(region_of_arn("arn:aws:rds:*:111122223333:db:orders"), None);
        assert_eq!(
            region_of_arn("arn:aws:backup:${AWS::Region}:111122223333:backup-vault:v"),
            None
        );
        assert_eq!(region_of_arn("orders"), None);
    }
}
