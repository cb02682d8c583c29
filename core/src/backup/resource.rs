//! Resource types: which type an ARN names, and which types honour a cold transition or support
//! continuous backup. Kept as data tables (aws-backup.md §14.3 asks for "a data table that can be
//! updated, not code").

/// Resource type strings of `GetSupportedResourceTypes`. Source: aws-backup.md §15 ([BC-backup]).
pub const RESOURCE_TYPES: &[&str] = &[
    "Aurora",
    "CloudFormation",
    "DocumentDB",
    "DynamoDB",
    "EBS",
    "EC2",
    "EFS",
    "EKS",
    "FSx",
    "Neptune",
    "RDS",
    "Redshift",
    "S3",
    "SAP HANA on Amazon EC2",
    "Storage Gateway",
    "Timestream",
    "VirtualMachine",
];

/// Whether a resource type honours `MoveToColdStorageAfterDays`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColdSupport {
    Yes,
    No,
    /// Sources disagree (EBS: only via the EBS Snapshots Archive tier per aws.eu).
    Conflict,
    /// Not in any of drplan's sources.
    Unknown,
}

/// Source: aws-backup.md §14.3 (aws.amazon.com/backup/pricing footnote; aws.eu/backup/pricing;
/// "Not supported" row). DynamoDB needs advanced DynamoDB backup features.
pub fn cold_support(resource_type: &str) -> ColdSupport {
    match resource_type {
        "EFS" | "DynamoDB" | "Timestream" | "SAP HANA on Amazon EC2" | "VirtualMachine" => {
            ColdSupport::Yes
        }
        "RDS" | "Aurora" | "S3" | "FSx" | "EC2" => ColdSupport::No,
        "EBS" => ColdSupport::Conflict,
        _ => ColdSupport::Unknown,
    }
}

/// Types that support continuous backup (PITR). Source: aws-backup.md §8 ([PITR]).
pub fn supports_continuous(resource_type: &str) -> bool {
    matches!(
        resource_type,
        "S3" | "RDS" | "Aurora" | "SAP HANA on Amazon EC2"
    )
}

/// The resource types an ARN (possibly with a trailing `*`) can name. `Err(service)` when the
/// service is not one AWS Backup protects (as far as drplan knows).
pub fn types_of_arn(arn: &str) -> Result<Vec<&'static str>, String> {
    if arn == "*" {
        return Ok(RESOURCE_TYPES.to_vec());
    }
    let (service, resource) = match super::model::split_arn(arn) {
        Some(a) => (a.service, a.resource),
        // Short forms such as `arn:aws:ec2:*` (every resource of a service).
        None => {
            let mut parts = arn.splitn(4, ':');
            match (parts.next(), parts.next(), parts.next()) {
                (Some("arn"), Some(_), Some(service)) => (service, ""),
                _ => return Err(arn.to_owned()),
            }
        }
    };
    let starts = |p: &str| resource.starts_with(p);
    let any = resource.is_empty() || resource == "*";
    let types: Vec<&'static str> = match service {
        "*" => RESOURCE_TYPES.to_vec(),
        "s3" => vec!["S3"],
        "dynamodb" => vec!["DynamoDB"],
        "elasticfilesystem" => vec!["EFS"],
        "fsx" => vec!["FSx"],
        "storagegateway" => vec!["Storage Gateway"],
        "backup-gateway" => vec!["VirtualMachine"],
        "timestream" => vec!["Timestream"],
        "redshift" | "redshift-serverless" => vec!["Redshift"],
        "cloudformation" => vec!["CloudFormation"],
        "eks" => vec!["EKS"],
        "ssm-sap" => vec!["SAP HANA on Amazon EC2"],
        // DocumentDB and Neptune clusters also carry rds ARNs; without more context a cluster
        // ARN is read as Aurora, the common case.
        "rds" if starts("db:") => vec!["RDS"],
        "rds" if starts("cluster:") => vec!["Aurora"],
        "rds" if any => vec!["RDS", "Aurora", "DocumentDB", "Neptune"],
        "ec2" if starts("volume/") => vec!["EBS"],
        "ec2" if starts("instance/") => vec!["EC2"],
        "ec2" if any => vec!["EBS", "EC2"],
        other => return Err(other.to_owned()),
    };
    Ok(types)
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn arns_map_to_types() {
        assert_eq!(
            types_of_arn("arn:aws:rds:us-east-1:1:db:prod"),
            Ok(vec!["RDS"])
        );
        assert_eq!(
            types_of_arn("arn:aws:rds:us-east-1:1:cluster:c"),
            Ok(vec!["Aurora"])
        );
        assert_eq!(types_of_arn("arn:aws:ec2:*:*:volume/*"), Ok(vec!["EBS"]));
        assert_eq!(types_of_arn("arn:aws:s3:::my-bucket-*"), Ok(vec!["S3"]));
        assert_eq!(types_of_arn("arn:aws:sqs:us-east-1:1:q"), Err("sqs".into()));
        assert_eq!(types_of_arn("*").map(|v| v.len()), Ok(RESOURCE_TYPES.len()));
        assert!(types_of_arn("not-an-arn").is_err());
        assert_eq!(types_of_arn("arn:aws:ec2:*"), Ok(vec!["EBS", "EC2"]));
        assert_eq!(
            types_of_arn("arn:aws:ec2:${AWS::Region}:${AWS::AccountId}:volume/*"),
            Ok(vec!["EBS"])
        );
    }

    #[test]
    fn tiering_table() {
        assert_eq!(cold_support("EFS"), ColdSupport::Yes);
        assert_eq!(cold_support("RDS"), ColdSupport::No);
        assert_eq!(cold_support("EBS"), ColdSupport::Conflict);
        assert_eq!(cold_support("Neptune"), ColdSupport::Unknown);
        assert!(supports_continuous("Aurora") && !supports_continuous("EBS"));
    }
}
