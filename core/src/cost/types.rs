//! Resource types and their billing facts, kept as data tables (aws-backup.md §14.3 asks for a
//! table that can be updated, not code).

use serde::{Deserialize, Serialize};

/// AWS Backup resource type strings (`GetSupportedResourceTypes`). Source: aws-backup.md §15.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum AwsResourceType {
    Aurora,
    CloudFormation,
    DocumentDB,
    DynamoDB,
    #[serde(rename = "EBS")]
    Ebs,
    #[serde(rename = "EC2")]
    Ec2,
    #[serde(rename = "EFS")]
    Efs,
    #[serde(rename = "EKS")]
    Eks,
    FSx,
    Neptune,
    #[serde(rename = "RDS")]
    Rds,
    Redshift,
    S3,
    #[serde(rename = "SAP HANA on Amazon EC2")]
    SapHana,
    #[serde(rename = "Storage Gateway")]
    StorageGateway,
    Timestream,
    VirtualMachine,
}

/// A resource type: one of AWS's strings, or any other string (AWS adds types; aws-backup.md §15
/// asks for an `Unknown(String)` fallback). An unknown type has no price keys.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(untagged)]
pub enum ResourceType {
    Aws(AwsResourceType),
    Other(String),
}

impl From<AwsResourceType> for ResourceType {
    fn from(t: AwsResourceType) -> Self {
        ResourceType::Aws(t)
    }
}

/// Whether a type honours `MoveToColdStorageAfterDays`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum ColdSupport {
    /// Listed by aws.amazon.com/backup/pricing.
    Yes,
    /// Listed only by aws.eu/backup/pricing (EBS, as the EBS Snapshots Archive tier): CONFLICT.
    Conflict,
    /// Never (RDS, Aurora, S3, FSx, EC2): the cold setting is silently ignored (rule L6).
    No,
    /// In none of drplan's sources.
    Unknown,
}

/// How AWS Backup meters storage for a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    /// Per GB-hour, averaged to GB-month.
    GbHour,
    /// Per GB-day.
    GbDay,
}

impl AwsResourceType {
    pub const ALL: [AwsResourceType; 17] = [
        AwsResourceType::Aurora,
        AwsResourceType::CloudFormation,
        AwsResourceType::DocumentDB,
        AwsResourceType::DynamoDB,
        AwsResourceType::Ebs,
        AwsResourceType::Ec2,
        AwsResourceType::Efs,
        AwsResourceType::Eks,
        AwsResourceType::FSx,
        AwsResourceType::Neptune,
        AwsResourceType::Rds,
        AwsResourceType::Redshift,
        AwsResourceType::S3,
        AwsResourceType::SapHana,
        AwsResourceType::StorageGateway,
        AwsResourceType::Timestream,
        AwsResourceType::VirtualMachine,
    ];

    /// AWS's string.
    pub fn name(self) -> &'static str {
        use AwsResourceType::*;
        match self {
            Aurora => "Aurora",
            CloudFormation => "CloudFormation",
            DocumentDB => "DocumentDB",
            DynamoDB => "DynamoDB",
            Ebs => "EBS",
            Ec2 => "EC2",
            Efs => "EFS",
            Eks => "EKS",
            FSx => "FSx",
            Neptune => "Neptune",
            Rds => "RDS",
            Redshift => "Redshift",
            S3 => "S3",
            SapHana => "SAP HANA on Amazon EC2",
            StorageGateway => "Storage Gateway",
            Timestream => "Timestream",
            VirtualMachine => "VirtualMachine",
        }
    }

    /// The price-key slug (`backup.<slug>.…`).
    pub fn slug(self) -> &'static str {
        crate::pricing::TYPE_SLUGS
            .iter()
            .find(|(n, _)| *n == self.name())
            .map(|(_, s)| *s)
            .unwrap_or("unknown")
    }

    /// Source: pricing.md §5.2 and aws-backup.md §14.3 (CONFLICT between pricing-page variants:
    /// the permissive reading is used for EBS and flagged with a warning).
    pub fn cold_support(self) -> ColdSupport {
        use AwsResourceType::*;
        match self {
            Efs | DynamoDB | Timestream | SapHana | VirtualMachine => ColdSupport::Yes,
            Ebs => ColdSupport::Conflict,
            Rds | Aurora | S3 | FSx | Ec2 => ColdSupport::No,
            _ => ColdSupport::Unknown,
        }
    }

    /// Source: pricing.md §3.2 / aws-backup.md §14.4 (EFS, S3, VMware, SAP HANA on EC2 and
    /// Timestream per GB-day; all other types per GB-hour).
    pub fn granularity(self) -> Granularity {
        use AwsResourceType::*;
        match self {
            Efs | S3 | VirtualMachine | SapHana | Timestream => Granularity::GbDay,
            _ => Granularity::GbHour,
        }
    }

    /// Continuous backup: AWS Backup supports S3, RDS, Aurora, SAP HANA (aws-backup.md §8);
    /// DynamoDB's native PITR is billed by DynamoDB on table size (pricing.md §6.4, §3.4).
    pub fn supports_continuous(self) -> bool {
        use AwsResourceType::*;
        matches!(self, S3 | Rds | Aurora | SapHana | DynamoDB)
    }
}

impl ResourceType {
    pub fn name(&self) -> &str {
        match self {
            ResourceType::Aws(t) => t.name(),
            ResourceType::Other(s) => s,
        }
    }

    pub fn aws(&self) -> Option<AwsResourceType> {
        match self {
            ResourceType::Aws(t) => Some(*t),
            ResourceType::Other(_) => None,
        }
    }

    pub fn slug(&self) -> String {
        match self {
            ResourceType::Aws(t) => t.slug().to_owned(),
            ResourceType::Other(s) => s
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_lowercase()
                    } else {
                        '_'
                    }
                })
                .collect(),
        }
    }

    pub fn cold_support(&self) -> ColdSupport {
        self.aws()
            .map(AwsResourceType::cold_support)
            .unwrap_or(ColdSupport::Unknown)
    }

    /// Unknown types are metered per GB-hour (the rule for "all other types", pricing.md §3.2).
    pub fn granularity(&self) -> Granularity {
        self.aws()
            .map(AwsResourceType::granularity)
            .unwrap_or(Granularity::GbHour)
    }

    /// The price key of one of this type's AWS Backup items (`warm_gb_month`, …).
    pub fn key(&self, item: &str) -> String {
        format!("backup.{}.{item}", self.slug())
    }
}

impl std::fmt::Display for ResourceType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_round_trip_and_unknowns_are_kept() {
        for t in AwsResourceType::ALL {
            let v = serde_json::to_value(ResourceType::Aws(t)).unwrap();
            assert_eq!(v, serde_json::Value::String(t.name().to_owned()));
            let back: ResourceType = serde_json::from_value(v).unwrap();
            assert_eq!(back, ResourceType::Aws(t));
            assert_ne!(t.slug(), "unknown");
        }
        let other: ResourceType = serde_json::from_value(serde_json::json!("Ebs")).unwrap();
        assert_eq!(other, ResourceType::Other("Ebs".into()));
        assert_eq!(other.slug(), "ebs");
    }

    #[test]
    fn billing_tables() {
        assert_eq!(AwsResourceType::Efs.granularity(), Granularity::GbDay);
        assert_eq!(AwsResourceType::Rds.granularity(), Granularity::GbHour);
        assert_eq!(AwsResourceType::Rds.cold_support(), ColdSupport::No);
        assert_eq!(AwsResourceType::Ebs.cold_support(), ColdSupport::Conflict);
        assert_eq!(
            AwsResourceType::Neptune.cold_support(),
            ColdSupport::Unknown
        );
    }
}
