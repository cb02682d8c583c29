//! The normalized model of AWS Backup restore testing: a plan (`RestoreTestingPlanForCreate`) and
//! its selections (`RestoreTestingSelectionForCreate`), aws-backup.md §12 and §18.
//!
//! Enumerated fields (`algorithm`, `recovery_point_types`, `protected_resource_type`) stay
//! strings as written, so the validator can report a wrong value at its path instead of the
//! reader refusing the whole document.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::backup::model::{DocumentFormat, SourceMap};
use crate::error::Issue;

/// A restore testing plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null, hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct RestoreTestingPlan {
    /// `RestoreTestingPlanName`.
    pub name: String,
    /// `ScheduleExpression`; absent means `cron(0 5 ? * * *)` (aws-backup.md §12).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub schedule_expression: Option<String>,
    /// `ScheduleExpressionTimezone`; absent means UTC.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub schedule_expression_timezone: Option<String>,
    /// `StartWindowHours`; absent means 24.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub start_window_hours: Option<i64>,
    /// `RecoveryPointSelection` (required by the API).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub recovery_point_selection: Option<RecoveryPointSelection>,
    /// `Tags` (create input: a map; CloudFormation: a list of `{Key, Value}`).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub tags: BTreeMap<String, String>,
    /// `CreatorRequestId`.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub creator_request_id: Option<String>,
    /// `RestoreTestingPlanArn` (get output only).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub arn: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub source: Option<SourceMap>,
}

/// `RestoreTestingRecoveryPointSelection`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct RecoveryPointSelection {
    /// `LATEST_WITHIN_WINDOW` or `RANDOM_WITHIN_WINDOW`.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub algorithm: Option<String>,
    /// `SNAPSHOT` and/or `CONTINUOUS`.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub recovery_point_types: Vec<String>,
    /// `["*"]` or vault ARNs (ARN patterns with `*`).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub include_vaults: Vec<String>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub exclude_vaults: Vec<String>,
    /// 1–365; absent means 30.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub selection_window_days: Option<i64>,
}

/// One `{Key, Value}` of `ProtectedResourceConditions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct ResourceCondition {
    /// `aws:ResourceTag/<tag key>`.
    pub key: String,
    pub value: String,
}

/// `ProtectedResourceConditions`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct ProtectedResourceConditions {
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub string_equals: Vec<ResourceCondition>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub string_not_equals: Vec<ResourceCondition>,
}

impl ProtectedResourceConditions {
    pub fn len(&self) -> usize {
        self.string_equals.len() + self.string_not_equals.len()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A restore testing selection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null, hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct RestoreTestingSelection {
    /// `RestoreTestingSelectionName`.
    pub name: String,
    /// `RestoreTestingPlanName` of the plan it belongs to, when the document says.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub plan_name: Option<String>,
    /// `ProtectedResourceType` (`Aurora`, `DocumentDB`, `DynamoDB`, `EBS`, `EC2`, `EFS`, `FSx`,
    /// `Neptune`, `RDS`, `S3`).
    pub protected_resource_type: String,
    /// `IamRoleArn`.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub iam_role_arn: Option<String>,
    /// `ProtectedResourceArns`: `["*"]` or up to 30 ARNs.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub protected_resource_arns: Vec<String>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub protected_resource_conditions: Option<ProtectedResourceConditions>,
    /// `RestoreMetadataOverrides` (keys case-insensitive).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub restore_metadata_overrides: BTreeMap<String, String>,
    /// `ValidationWindowHours` (0–168).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub validation_window_hours: Option<i64>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub creator_request_id: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub source: Option<SourceMap>,
}

impl RestoreTestingPlan {
    pub fn new(name: impl Into<String>) -> Self {
        RestoreTestingPlan {
            name: name.into(),
            schedule_expression: None,
            schedule_expression_timezone: None,
            start_window_hours: None,
            recovery_point_selection: None,
            tags: BTreeMap::new(),
            creator_request_id: None,
            arn: None,
            source: None,
        }
    }

    /// The plan without its source map (for comparisons and exports).
    pub fn without_source(mut self) -> Self {
        self.source = None;
        self
    }
}

impl RestoreTestingSelection {
    pub fn new(name: impl Into<String>, protected_resource_type: impl Into<String>) -> Self {
        RestoreTestingSelection {
            name: name.into(),
            plan_name: None,
            protected_resource_type: protected_resource_type.into(),
            iam_role_arn: None,
            protected_resource_arns: Vec::new(),
            protected_resource_conditions: None,
            restore_metadata_overrides: BTreeMap::new(),
            validation_window_hours: None,
            creator_request_id: None,
            source: None,
        }
    }

    pub fn without_source(mut self) -> Self {
        self.source = None;
        self
    }
}

/// Which kind of document restore testing was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum RestoreTestingShape {
    /// `aws backup get-restore-testing-plan` output: `{"RestoreTestingPlan": {…, "RestoreTestingPlanArn", "CreationTime"}}`.
    GetRestoreTestingPlanOutput,
    /// `create-restore-testing-plan` input: `{"RestoreTestingPlan": …, "CreatorRequestId"?, "Tags"?}`.
    CreateRestoreTestingPlanInput,
    /// `get-restore-testing-selection` output: `{"RestoreTestingSelection": {…, "RestoreTestingPlanName", "CreationTime"}}`.
    GetRestoreTestingSelectionOutput,
    /// `create-restore-testing-selection` input: `{"RestoreTestingPlanName", "RestoreTestingSelection": …, "CreatorRequestId"?}`.
    CreateRestoreTestingSelectionInput,
    /// A CloudFormation template with `AWS::Backup::RestoreTestingPlan` / `RestoreTestingSelection` resources.
    CloudformationTemplate,
}

impl RestoreTestingShape {
    pub fn as_str(self) -> &'static str {
        match self {
            RestoreTestingShape::GetRestoreTestingPlanOutput => "get_restore_testing_plan_output",
            RestoreTestingShape::CreateRestoreTestingPlanInput => {
                "create_restore_testing_plan_input"
            }
            RestoreTestingShape::GetRestoreTestingSelectionOutput => {
                "get_restore_testing_selection_output"
            }
            RestoreTestingShape::CreateRestoreTestingSelectionInput => {
                "create_restore_testing_selection_input"
            }
            RestoreTestingShape::CloudformationTemplate => "cloudformation_template",
        }
    }
}

/// What [`crate::backup::restore_testing::parse_restore_testing_plan`] returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct ParsedRestoreTesting {
    pub shape: RestoreTestingShape,
    pub format: DocumentFormat,
    /// The plans in the document (none for a selection document).
    pub plans: Vec<RestoreTestingPlan>,
    pub selections: Vec<RestoreTestingSelection>,
    /// Problems met while reading (paths into the original document, `input: "document"`).
    pub issues: Vec<Issue>,
}

/// What [`crate::backup::restore_testing::lint_restore_testing_plan`] returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct RestoreTestingLint {
    /// No error-severity issue.
    pub valid: bool,
    pub error_count: usize,
    pub warning_count: usize,
    /// Import issues, then each plan's validation issues; paths point into the document.
    pub issues: Vec<Issue>,
    pub parsed: ParsedRestoreTesting,
}
