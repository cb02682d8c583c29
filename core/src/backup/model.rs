//! The normalized AWS Backup model: one shape for plans, rules, selections and vaults, whatever
//! document they came from (AWS CLI/API JSON, CloudFormation, Organizations backup policy).
//!
//! Field names follow the API model (aws-backup.md §2–§3, [BC-backup]) in snake_case. Values are
//! kept exactly as given: an absent field stays `None` (the service default is applied by the
//! code that needs it, with its source), so import → export → import is the identity.
//!
//! Derived fields (the region/account/vault name of an ARN, a vault lock's mode) are recomputed by
//! [`BackupPlan::normalize`] / [`BackupVault::normalize`]; values given for them are ignored.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Which kind of document a plan was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum PlanShape {
    /// `aws backup get-backup-plan` output: `{"BackupPlan": …, "BackupPlanId": …, …}`.
    GetBackupPlanOutput,
    /// `aws backup create-backup-plan --cli-input-json` input: `{"BackupPlan": …, "BackupPlanTags"?, "CreatorRequestId"?}`.
    CreateBackupPlanInput,
    /// The bare `BackupPlanInput` document: `{"BackupPlanName": …, "Rules": […]}`.
    BackupPlanDocument,
    /// A CloudFormation template with `AWS::Backup::BackupPlan` resources (JSON or YAML).
    CloudformationTemplate,
    /// An AWS Organizations backup policy (`{"plans": {…}}`, values wrapped in `@@assign`).
    OrganizationsPolicy,
}

impl PlanShape {
    pub fn as_str(self) -> &'static str {
        match self {
            PlanShape::GetBackupPlanOutput => "get_backup_plan_output",
            PlanShape::CreateBackupPlanInput => "create_backup_plan_input",
            PlanShape::BackupPlanDocument => "backup_plan_document",
            PlanShape::CloudformationTemplate => "cloudformation_template",
            PlanShape::OrganizationsPolicy => "organizations_policy",
        }
    }
}

/// The syntax of the original document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum DocumentFormat {
    Json,
    Yaml,
}

/// Where the fields of a normalized object came from in the original document.
///
/// `paths` maps a JSON pointer relative to the normalized object (e.g.
/// `/rules/0/lifecycle/delete_after_days`) to a JSON pointer into the original document (e.g.
/// `/Resources/MyPlan/Properties/BackupPlan/BackupPlanRule/0/Lifecycle/DeleteAfterDays`). Every
/// field the importer knows is mapped, present or not, so an issue about a missing value still
/// points where the value belongs. `unresolved` lists normalized pointers whose value could not
/// be read (an unresolvable CloudFormation intrinsic, a wrong type already reported by the
/// importer): validation does not report them again.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null, hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct SourceMap {
    /// JSON pointer of this object in the original document.
    pub base: String,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub paths: BTreeMap<String, String>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub unresolved: Vec<String>,
    /// Normalized pointers of values CloudFormation completes at deploy: they hold the
    /// pseudo-parameters `${AWS::Region}`, `${AWS::AccountId}` or `${AWS::Partition}` from a
    /// `Fn::Sub` or `Ref` (aws-backup.md §16.4). Names among them are checked as deployed, with
    /// each pseudo-parameter at its longest value.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub substituted: Vec<String>,
    /// List items that could not be resolved (selection resources), by their pointer in the
    /// original document, with the AWS Backup resource types the template tells for each (a
    /// `Ref`/`Fn::GetAtt` of an `AWS::DynamoDB::Table`, an ARN prefix in `Fn::Sub`…;
    /// aws-backup.md §16.8); an empty list when it tells none.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub unresolved_items: BTreeMap<String, Vec<String>>,
}

impl SourceMap {
    pub fn new(base: impl Into<String>) -> Self {
        SourceMap {
            base: base.into(),
            ..SourceMap::default()
        }
    }

    /// The original pointer for a normalized pointer: the exact entry, else the nearest mapped
    /// ancestor, else the object's base.
    pub fn original(&self, normalized: &str) -> String {
        let mut p = normalized;
        loop {
            if let Some(o) = self.paths.get(p) {
                return o.clone();
            }
            match p.rfind('/') {
                Some(i) => p = p.get(..i).unwrap_or(""),
                None => return self.base.clone(),
            }
            if p.is_empty() {
                return self.base.clone();
            }
        }
    }

    /// Whether the value at `normalized` holds pseudo-parameters CloudFormation substitutes.
    pub fn is_substituted(&self, normalized: &str) -> bool {
        self.substituted.iter().any(|u| u == normalized)
    }

    /// Whether the value at `normalized` (or an ancestor) could not be read.
    pub fn is_unresolved(&self, normalized: &str) -> bool {
        self.unresolved.iter().any(|u| {
            normalized == u
                || (normalized.starts_with(u.as_str())
                    && normalized.as_bytes().get(u.len()) == Some(&b'/'))
        })
    }
}

/// A backup plan (`BackupPlanInput` / `BackupPlan`, aws-backup.md §2.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null, hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct BackupPlan {
    /// `BackupPlanName` (Organizations: the key under `plans`).
    pub name: String,
    /// `Rules` (CloudFormation `BackupPlanRule`; Organizations `rules.<name>`).
    pub rules: Vec<BackupRule>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub advanced_backup_settings: Vec<AdvancedBackupSetting>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub scan_settings: Vec<ScanSetting>,
    /// `BackupPlanTags`.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub tags: BTreeMap<String, String>,
    /// `CreatorRequestId` (create input only).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub creator_request_id: Option<String>,
    /// `BackupPlanId` (get output only).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub plan_id: Option<String>,
    /// `BackupPlanArn` (get output only).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub plan_arn: Option<String>,
    /// `VersionId` (get output only).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub version_id: Option<String>,
    /// The plan's Region, when known (from `plan_arn`, or given). Cross-Region checks use it.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub region: Option<String>,
    /// The plan's account, when known (from `plan_arn`, or given).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub account: Option<String>,
    /// Organizations policies only: the Regions the plan is deployed to (`plans.<P>.regions`).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub regions: Vec<String>,
    /// Where each field came from in the original document (absent for a hand-written plan).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub source: Option<SourceMap>,
}

/// A rule (`BackupRuleInput` / `BackupRule`, aws-backup.md §2.3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null, hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct BackupRule {
    /// `RuleName`.
    pub name: String,
    /// `TargetBackupVaultName` (CloudFormation `TargetBackupVault`).
    pub target_vault_name: String,
    /// `TargetLogicallyAirGappedBackupVaultArn`.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub target_logically_air_gapped_vault_arn: Option<String>,
    /// `ScheduleExpression`; absent means the service default `cron(0 5 ? * * *)` (§2.3).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub schedule_expression: Option<String>,
    /// `ScheduleExpressionTimezone`; absent means UTC (§7).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub schedule_expression_timezone: Option<String>,
    /// `StartWindowMinutes`; absent means 480 (§5.2 W3).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub start_window_minutes: Option<i64>,
    /// `CompletionWindowMinutes`; absent means 10080 (§5.2 W4).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub completion_window_minutes: Option<i64>,
    /// `Lifecycle`; absent means keep forever.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub lifecycle: Option<Lifecycle>,
    /// `EnableContinuousBackup`; absent means false (snapshots).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub enable_continuous_backup: Option<bool>,
    /// `CopyActions`.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub copy_actions: Vec<CopyAction>,
    /// `RecoveryPointTags`.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub recovery_point_tags: BTreeMap<String, String>,
    /// `IndexActions`.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub index_actions: Vec<IndexAction>,
    /// `ScanActions`.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub scan_actions: Vec<ScanAction>,
    /// `RuleId` (get output only).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub rule_id: Option<String>,
}

/// `Lifecycle` (aws-backup.md §2.4). Day counts are measured from the recovery point's creation;
/// `-1` in both removes the lifecycle (rule L4).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct Lifecycle {
    /// `MoveToColdStorageAfterDays`.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub move_to_cold_after_days: Option<i64>,
    /// `DeleteAfterDays`.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub delete_after_days: Option<i64>,
    /// `OptInToArchiveForSupportedResources`.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub opt_in_to_archive_for_supported_resources: Option<bool>,
    /// `DeleteAfterEvent` (output only, `DELETE_AFTER_COPY`).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub delete_after_event: Option<String>,
}

impl Lifecycle {
    /// Retention in days; `None` = kept indefinitely (absent or `-1`, rule L4).
    pub fn retention_days(&self) -> Option<i64> {
        self.delete_after_days.filter(|d| *d != -1)
    }

    /// Days before the cold transition; `None` when not set or `-1`.
    pub fn cold_after_days(&self) -> Option<i64> {
        self.move_to_cold_after_days.filter(|d| *d != -1)
    }
}

/// A copy action (aws-backup.md §2.4, §9). The destination's Region, account and vault name are
/// derived from the ARN (`arn:aws:backup:<region>:<account>:backup-vault:<name>`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct CopyAction {
    /// `DestinationBackupVaultArn` (Organizations `target_backup_vault_arn`).
    pub destination_vault_arn: String,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub lifecycle: Option<Lifecycle>,
    /// Derived: the Region in the ARN (the plan's Region for `${AWS::Region}` when known).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub destination_region: Option<String>,
    /// Derived: the account in the ARN (the plan's account for `${AWS::AccountId}` / `$account`).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub destination_account: Option<String>,
    /// Derived: the vault name in the ARN.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub destination_vault_name: Option<String>,
    /// Derived: whether the copy leaves the plan's Region (`None` when either side is unknown).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub cross_region: Option<bool>,
    /// Derived: whether the copy leaves the plan's account (`None` when either side is unknown).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub cross_account: Option<bool>,
}

impl CopyAction {
    pub fn new(destination_vault_arn: impl Into<String>, lifecycle: Option<Lifecycle>) -> Self {
        CopyAction {
            destination_vault_arn: destination_vault_arn.into(),
            lifecycle,
            destination_region: None,
            destination_account: None,
            destination_vault_name: None,
            cross_region: None,
            cross_account: None,
        }
    }
}

/// `IndexActions` entry (aws-backup.md §2.3, rule S8).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct IndexAction {
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub resource_types: Vec<String>,
}

/// `ScanActions` entry (aws-backup.md §2.3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct ScanAction {
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub malware_scanner: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub scan_mode: Option<String>,
}

/// `ScanSettings` entry of a plan (aws-backup.md §2.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct ScanSetting {
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub malware_scanner: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub resource_types: Vec<String>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub scanner_role_arn: Option<String>,
}

/// `AdvancedBackupSettings` entry (aws-backup.md §2.2): e.g. `EC2` with `{"WindowsVSS": "enabled"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null, hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct AdvancedBackupSetting {
    pub resource_type: String,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub backup_options: BTreeMap<String, String>,
}

/// A resource assignment (`BackupSelection`, aws-backup.md §3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null, hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct BackupSelection {
    /// `SelectionName`.
    pub name: String,
    /// The plan this selection belongs to (by plan name), when the document says.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub plan_name: Option<String>,
    /// `IamRoleArn`.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub iam_role_arn: Option<String>,
    /// `Resources`: ARNs (OR); a `*` only as a suffix.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub resources: Vec<String>,
    /// `NotResources`.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub not_resources: Vec<String>,
    /// `ListOfTags` (OR).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub list_of_tags: Vec<TagCondition>,
    /// `Conditions` (AND).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub conditions: SelectionConditions,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub source: Option<SourceMap>,
}

/// One `ListOfTags` entry: `{ConditionType: "STRINGEQUALS", ConditionKey, ConditionValue}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct TagCondition {
    pub condition_type: String,
    pub key: String,
    pub value: String,
}

/// `Conditions` of a selection: every list combines with AND.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct SelectionConditions {
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub string_equals: Vec<ConditionKeyValue>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub string_not_equals: Vec<ConditionKeyValue>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub string_like: Vec<ConditionKeyValue>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub string_not_like: Vec<ConditionKeyValue>,
}

impl SelectionConditions {
    pub fn is_empty(&self) -> bool {
        self.string_equals.is_empty()
            && self.string_not_equals.is_empty()
            && self.string_like.is_empty()
            && self.string_not_like.is_empty()
    }

    pub fn len(&self) -> usize {
        self.string_equals.len()
            + self.string_not_equals.len()
            + self.string_like.len()
            + self.string_not_like.len()
    }
}

/// `{ConditionKey, ConditionValue}`; keys look like `aws:ResourceTag/<key>`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct ConditionKeyValue {
    pub key: String,
    pub value: String,
}

/// `VaultType` (aws-backup.md §10.2, §15).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum VaultType {
    #[default]
    BackupVault,
    LogicallyAirGappedBackupVault,
    RestoreAccessBackupVault,
}

/// Vault Lock mode (aws-backup.md §10.1): set by the presence of `ChangeableForDays`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum LockMode {
    /// No `ChangeableForDays`: removable by principals with `backup:DeleteBackupVaultLockConfiguration`.
    Governance,
    /// `ChangeableForDays ≥ 3`: immutable after the grace period.
    Compliance,
}

/// A backup vault, with its lock if any (aws-backup.md §10).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct BackupVault {
    /// `BackupVaultName`.
    pub name: String,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub arn: Option<String>,
    /// Derived from `arn` when absent.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub region: Option<String>,
    /// Derived from `arn` when absent.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub account: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub vault_type: VaultType,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub lock: Option<VaultLock>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub encryption_key_arn: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub source: Option<SourceMap>,
}

/// Vault Lock configuration (`PutBackupVaultLockConfiguration`, aws-backup.md §10.1).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct VaultLock {
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub min_retention_days: Option<i64>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub max_retention_days: Option<i64>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub changeable_for_days: Option<i64>,
    /// Derived: compliance when `changeable_for_days` is set (or the vault is logically
    /// air-gapped, always compliance per §10.2), governance otherwise.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub mode: Option<LockMode>,
}

/// What [`crate::backup::parse_backup_plan`] returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct ParsedPlan {
    /// The shape detected.
    pub shape: PlanShape,
    pub format: DocumentFormat,
    pub plans: Vec<BackupPlan>,
    pub selections: Vec<BackupSelection>,
    pub vaults: Vec<BackupVault>,
    /// Problems met while reading (paths into the original document, `input: "document"`).
    pub issues: Vec<Issue>,
}

use crate::error::Issue;

/// The parts of an ARN (`arn:partition:service:region:account:resource`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arn<'a> {
    pub partition: &'a str,
    pub service: &'a str,
    pub region: &'a str,
    pub account: &'a str,
    pub resource: &'a str,
}

/// Split an ARN; `None` when it does not have the six colon-separated parts. A CloudFormation
/// placeholder such as `${AWS::Region}` counts as one segment despite its colons.
pub fn split_arn(arn: &str) -> Option<Arn<'_>> {
    let mut cuts = Vec::with_capacity(5);
    let mut in_placeholder = false;
    let bytes = arn.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'$' if bytes.get(i + 1) == Some(&b'{') => in_placeholder = true,
            b'}' => in_placeholder = false,
            b':' if !in_placeholder => {
                cuts.push(i);
                if cuts.len() == 5 {
                    break;
                }
            }
            _ => {}
        }
    }
    let [a, b, c, d, e] = <[usize; 5]>::try_from(cuts).ok()?;
    if arn.get(..a)? != "arn" {
        return None;
    }
    let partition = arn.get(a + 1..b)?;
    let service = arn.get(b + 1..c)?;
    let region = arn.get(c + 1..d)?;
    let account = arn.get(d + 1..e)?;
    let resource = arn.get(e + 1..)?;
    Some(Arn {
        partition,
        service,
        region,
        account,
        resource,
    })
}

/// A Region or account segment that stands for "the plan's own" (CloudFormation pseudo
/// parameters, the Organizations `$account` variable).
fn is_own_region(s: &str) -> bool {
    s == "${AWS::Region}"
}
fn is_own_account(s: &str) -> bool {
    s == "${AWS::AccountId}" || s == "$account"
}
fn is_literal(s: &str) -> bool {
    !s.is_empty() && !s.contains('$') && !s.contains('*')
}

/// Region, account and vault name of a backup-vault ARN, each `None` when not a literal.
pub fn vault_arn_parts(arn: &str) -> (Option<String>, Option<String>, Option<String>) {
    match split_arn(arn) {
        Some(a) => {
            let name = a
                .resource
                .strip_prefix("backup-vault:")
                .filter(|n| is_literal(n))
                .map(str::to_owned);
            (
                Some(a.region).filter(|r| is_literal(r)).map(str::to_owned),
                Some(a.account).filter(|r| is_literal(r)).map(str::to_owned),
                name,
            )
        }
        None => (None, None, None),
    }
}

impl BackupPlan {
    /// A plan with a name and rules and nothing else.
    pub fn new(name: impl Into<String>, rules: Vec<BackupRule>) -> Self {
        BackupPlan {
            name: name.into(),
            rules,
            advanced_backup_settings: Vec::new(),
            scan_settings: Vec::new(),
            tags: BTreeMap::new(),
            creator_request_id: None,
            plan_id: None,
            plan_arn: None,
            version_id: None,
            region: None,
            account: None,
            regions: Vec::new(),
            source: None,
        }
    }

    /// Recompute derived fields: the plan's Region/account from its ARN (when not given) and,
    /// for every copy action, the destination's Region, account, vault name and whether the copy
    /// crosses a Region or account boundary.
    pub fn normalize(&mut self) {
        if let Some(arn) = self.plan_arn.as_deref().and_then(split_arn) {
            if self.region.is_none() && is_literal(arn.region) {
                self.region = Some(arn.region.to_owned());
            }
            if self.account.is_none() && is_literal(arn.account) {
                self.account = Some(arn.account.to_owned());
            }
        }
        let plan_region = self.region.clone();
        let plan_account = self.account.clone();
        // An Organizations plan deployed to exactly one Region has that Region.
        let plan_region = plan_region.or_else(|| match self.regions.as_slice() {
            [one] => Some(one.clone()),
            _ => None,
        });
        for rule in &mut self.rules {
            for c in &mut rule.copy_actions {
                let parts = split_arn(&c.destination_vault_arn);
                let (region, account, name) = vault_arn_parts(&c.destination_vault_arn);
                let own_region = parts.as_ref().is_some_and(|a| is_own_region(a.region));
                let own_account = parts.as_ref().is_some_and(|a| is_own_account(a.account));
                c.destination_region = region.or_else(|| {
                    if own_region {
                        plan_region.clone()
                    } else {
                        None
                    }
                });
                c.destination_account = account.or_else(|| {
                    if own_account {
                        plan_account.clone()
                    } else {
                        None
                    }
                });
                c.destination_vault_name = name;
                c.cross_region = if own_region {
                    Some(false)
                } else {
                    match (&c.destination_region, &plan_region) {
                        (Some(d), Some(p)) => Some(d != p),
                        // An Organizations plan deployed to several Regions: a destination
                        // outside all of them leaves every one of them.
                        (Some(d), None)
                            if !self.regions.is_empty() && !self.regions.contains(d) =>
                        {
                            Some(true)
                        }
                        _ => None,
                    }
                };
                c.cross_account = if own_account {
                    Some(false)
                } else {
                    match (&c.destination_account, &plan_account) {
                        (Some(d), Some(p)) => Some(d != p),
                        _ => None,
                    }
                };
            }
        }
    }

    /// The plan without its source map (what the round-trip property compares).
    pub fn without_source(&self) -> BackupPlan {
        let mut p = self.clone();
        p.source = None;
        p
    }
}

impl BackupRule {
    /// A rule with a name and target vault and every optional field absent.
    pub fn new(name: impl Into<String>, target_vault_name: impl Into<String>) -> Self {
        BackupRule {
            name: name.into(),
            target_vault_name: target_vault_name.into(),
            target_logically_air_gapped_vault_arn: None,
            schedule_expression: None,
            schedule_expression_timezone: None,
            start_window_minutes: None,
            completion_window_minutes: None,
            lifecycle: None,
            enable_continuous_backup: None,
            copy_actions: Vec::new(),
            recovery_point_tags: BTreeMap::new(),
            index_actions: Vec::new(),
            scan_actions: Vec::new(),
            rule_id: None,
        }
    }

    /// `EnableContinuousBackup`, absent = false.
    pub fn is_continuous(&self) -> bool {
        self.enable_continuous_backup == Some(true)
    }

    /// Retention in days of the rule's recovery points (`None` = indefinite).
    pub fn retention_days(&self) -> Option<i64> {
        self.lifecycle.as_ref().and_then(Lifecycle::retention_days)
    }

    /// The schedule in effect: the given expression or the service default.
    /// Source: aws-backup.md §2.3 (default `cron(0 5 ? * * *)`, [BC-backup]).
    pub fn effective_schedule(&self) -> &str {
        self.schedule_expression
            .as_deref()
            .unwrap_or(DEFAULT_SCHEDULE_EXPRESSION)
    }

    /// The start window in effect (minutes). Source: aws-backup.md §5.2 W3 (default 480).
    pub fn effective_start_window_minutes(&self) -> i64 {
        self.start_window_minutes
            .unwrap_or(DEFAULT_START_WINDOW_MINUTES)
    }

    /// The completion window in effect (minutes). Source: aws-backup.md §5.2 W4 (default 10080).
    pub fn effective_completion_window_minutes(&self) -> i64 {
        self.completion_window_minutes
            .unwrap_or(DEFAULT_COMPLETION_WINDOW_MINUTES)
    }
}

/// Source: aws-backup.md §2.3 / §6 (`cron(0 5 ? * * *)`, [BC-backup]).
pub const DEFAULT_SCHEDULE_EXPRESSION: &str = "cron(0 5 ? * * *)";
/// Source: aws-backup.md §5.2 W3 (480 minutes, [BC-backup] `StartBackupJob`; CDK agrees).
pub const DEFAULT_START_WINDOW_MINUTES: i64 = 480;
/// Source: aws-backup.md §5.2 W4 (10080 minutes, echoed by the service in the aws-cli example).
pub const DEFAULT_COMPLETION_WINDOW_MINUTES: i64 = 10080;

impl BackupVault {
    pub fn new(name: impl Into<String>) -> Self {
        BackupVault {
            name: name.into(),
            arn: None,
            region: None,
            account: None,
            vault_type: VaultType::BackupVault,
            lock: None,
            encryption_key_arn: None,
            source: None,
        }
    }

    /// Recompute derived fields: Region/account from the ARN when absent, the lock mode.
    pub fn normalize(&mut self) {
        if let Some(arn) = self.arn.as_deref() {
            let (region, account, _) = vault_arn_parts(arn);
            if self.region.is_none() {
                self.region = region;
            }
            if self.account.is_none() {
                self.account = account;
            }
        }
        let lag = self.vault_type == VaultType::LogicallyAirGappedBackupVault;
        if let Some(lock) = &mut self.lock {
            // Source: aws-backup.md §10.1 (mode set by the presence of ChangeableForDays) and
            // §10.2 (logically air-gapped vaults are always locked in compliance mode).
            lock.mode = Some(if lag || lock.changeable_for_days.is_some() {
                LockMode::Compliance
            } else {
                LockMode::Governance
            });
        }
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn source_map_falls_back_to_nearest_ancestor() {
        let mut sm = SourceMap::new("/Resources/P");
        sm.paths.insert(
            "/rules/0".into(),
            "/Resources/P/Properties/BackupPlan/BackupPlanRule/0".into(),
        );
        assert_eq!(
            sm.original("/rules/0/lifecycle/delete_after_days"),
            "/Resources/P/Properties/BackupPlan/BackupPlanRule/0"
        );
        assert_eq!(sm.original("/name"), "/Resources/P");
        sm.unresolved.push("/rules/0/lifecycle".into());
        assert!(sm.is_unresolved("/rules/0/lifecycle/delete_after_days"));
        assert!(!sm.is_unresolved("/rules/0/lifecycle_x"));
        assert!(!sm.is_unresolved("/rules/0"));
    }

    #[test]
    fn copy_action_derivations() {
        let mut rule = BackupRule::new("r", "v");
        rule.copy_actions.push(CopyAction::new(
            "arn:aws:backup:us-west-2:111122223333:backup-vault:dr-vault",
            None,
        ));
        rule.copy_actions.push(CopyAction::new(
            "arn:aws:backup:${AWS::Region}:${AWS::AccountId}:backup-vault:local",
            None,
        ));
        rule.copy_actions.push(CopyAction::new(
            "arn:aws:backup:eu-west-1:$account:backup-vault:x",
            None,
        ));
        let mut plan = BackupPlan::new("p", vec![rule]);
        plan.plan_arn = Some("arn:aws:backup:us-east-1:111122223333:backup-plan:abc".into());
        plan.normalize();
        assert_eq!(plan.region.as_deref(), Some("us-east-1"));
        let c = &plan.rules[0].copy_actions;
        assert_eq!(c[0].destination_region.as_deref(), Some("us-west-2"));
        assert_eq!(c[0].destination_vault_name.as_deref(), Some("dr-vault"));
        assert_eq!(
            (c[0].cross_region, c[0].cross_account),
            (Some(true), Some(false))
        );
        assert_eq!(c[1].destination_region.as_deref(), Some("us-east-1"));
        assert_eq!(
            (c[1].cross_region, c[1].cross_account),
            (Some(false), Some(false))
        );
        assert_eq!(c[2].destination_account.as_deref(), Some("111122223333"));
        assert_eq!(
            (c[2].cross_region, c[2].cross_account),
            (Some(true), Some(false))
        );
    }

    #[test]
    fn lock_mode_follows_changeable_for_days() {
        let mut v = BackupVault::new("v");
        v.lock = Some(VaultLock {
            min_retention_days: Some(7),
            ..VaultLock::default()
        });
        v.normalize();
        assert_eq!(
            v.lock.as_ref().and_then(|l| l.mode),
            Some(LockMode::Governance)
        );
        v.lock = Some(VaultLock {
            changeable_for_days: Some(3),
            ..VaultLock::default()
        });
        v.normalize();
        assert_eq!(
            v.lock.as_ref().and_then(|l| l.mode),
            Some(LockMode::Compliance)
        );
    }
}
