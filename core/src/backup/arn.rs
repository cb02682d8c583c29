//! The place an ARN names, when it names one literally.

use super::model::split_arn;

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
