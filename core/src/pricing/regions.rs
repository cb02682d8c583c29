//! Embedded prices for Regions other than the default book's (us-east-1), pricing.md §8.6: one
//! row per (key, Region) that a source gives. A Region's book is the default book with these rows
//! laid over it; a key without a row for the Region keeps the us-east-1 price (and the cost
//! engine warns `priced_with_other_region` where such a price is used).

use super::Confidence::{self, Low, Medium};

/// One embedded price for one Region.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RegionRow {
    pub key: &'static str,
    pub region: &'static str,
    pub usd: f64,
    pub source: &'static str,
    pub as_of: &'static str,
    pub confidence: Confidence,
}

const fn r(
    key: &'static str,
    region: &'static str,
    usd: f64,
    source: &'static str,
    as_of: &'static str,
    confidence: Confidence,
) -> RegionRow {
    RegionRow {
        key,
        region,
        usd,
        source,
        as_of,
        confidence,
    }
}

const INFRACOST_USW1: &str =
    "pricing.md §8.6: Infracost fixture backup_vault_test (us-west-1, built from the AWS Price List API)";
const INFRACOST_UNDATED: &str = "undated: the fixture's snapshot date is not stated";
const TRANSFER_MOST_PAIRS: &str = "pricing.md §8.6: awsnegotiations.com/cross-region-transfer-minimization.html (most Region pairs $0.02/GB; Region inferred from that statement)";
const TRANSFER_AS_OF: &str = "2026-05 (the page's own update date)";

/// Prices by (key, Region), pricing.md §8.6. Sorted by Region, then key.
pub(crate) const REGION_ROWS: &[RegionRow] = &[
    // ---- ap-northeast-1 --------------------------------------------------------------------------
    r("s3.standard.storage_gb_month", "ap-northeast-1", 0.025,
      "pricing.md §8.6: abicky.net/2022/02/13/184039 (Tokyo, first 50 TB, 2022-02-13); style.potepan.com/articles/12591.html (Tokyo, September 2018)",
      "2022-02-13", Medium),
    // ---- eu-central-1 ----------------------------------------------------------------------------
    r("transfer.inter_region_gb", "eu-central-1", 0.02, TRANSFER_MOST_PAIRS, TRANSFER_AS_OF, Low),
    // ---- eu-west-1 -------------------------------------------------------------------------------
    r("backup.ebs.warm_gb_month", "eu-west-1", 0.05,
      "pricing.md §8.6: ligoj/plugin-prov-aws src/test/resources/mock-server/aws/pricing-ebs.js (a copy of the EBS pricing page's data, ebsSnapsToS3 for eu-west-1)",
      "undated: the copy's date is not stated", Low),
    r("transfer.inter_region_gb", "eu-west-1", 0.02, TRANSFER_MOST_PAIRS, TRANSFER_AS_OF, Low),
    // ---- us-west-1 -------------------------------------------------------------------------------
    r("backup.aurora.warm_gb_month", "us-west-1", 0.024, INFRACOST_USW1, INFRACOST_UNDATED, Medium),
    r("backup.dynamodb.restore_warm_gb", "us-west-1", 0.168, INFRACOST_USW1, INFRACOST_UNDATED, Medium),
    r("backup.dynamodb.warm_gb_month", "us-west-1", 0.112, INFRACOST_USW1, INFRACOST_UNDATED, Medium),
    r("backup.ebs.warm_gb_month", "us-west-1", 0.055, INFRACOST_USW1, INFRACOST_UNDATED, Medium),
    r("backup.efs.cold_gb_month", "us-west-1", 0.012, INFRACOST_USW1, INFRACOST_UNDATED, Medium),
    r("backup.efs.item_restore_request", "us-west-1", 0.60, INFRACOST_USW1, INFRACOST_UNDATED, Medium),
    r("backup.efs.restore_cold_gb", "us-west-1", 0.036, INFRACOST_USW1, INFRACOST_UNDATED, Medium),
    r("backup.efs.restore_warm_gb", "us-west-1", 0.024, INFRACOST_USW1, INFRACOST_UNDATED, Medium),
    r("backup.efs.warm_gb_month", "us-west-1", 0.06, INFRACOST_USW1, INFRACOST_UNDATED, Medium),
    r("backup.fsx.warm_gb_month", "us-west-1", 0.055, INFRACOST_USW1, INFRACOST_UNDATED, Medium),
    r("backup.rds.warm_gb_month", "us-west-1", 0.095, INFRACOST_USW1, INFRACOST_UNDATED, Medium),
    // ---- us-west-2 -------------------------------------------------------------------------------
    r("transfer.inter_region_gb", "us-west-2", 0.02,
      "pricing.md §8.6: redresscompliance.com/aws-inter-region-transfer-costs-multiregion.html (US-to-US pairs other than us-east-1/us-east-2 at $0.02/GB); awsnegotiations.com/cross-region-transfer-minimization.html",
      TRANSFER_AS_OF, Low),
];
