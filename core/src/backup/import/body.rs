//! API / CloudFormation plan bodies (the same structure, a few different key names, §4).

use serde_json::{Map, Value};

use super::{Dialect, Reader};
use crate::backup::model::*;
use crate::error::join;

struct PlanKeys {
    rules: &'static str,
    target_vault: &'static str,
}

const API_KEYS: PlanKeys = PlanKeys {
    rules: "Rules",
    target_vault: "TargetBackupVaultName",
};
const CFN_KEYS: PlanKeys = PlanKeys {
    rules: "BackupPlanRule",
    target_vault: "TargetBackupVault",
};

impl Reader<'_> {
    fn keys(&self) -> &'static PlanKeys {
        if self.dialect == Dialect::Cfn {
            &CFN_KEYS
        } else {
            &API_KEYS
        }
    }

    /// A `BackupPlanInput` / `BackupPlan` / CloudFormation `BackupPlanResourceType` body.
    /// `output` allows output-only fields (get output).
    pub(super) fn plan_body(
        &mut self,
        obj: &Map<String, Value>,
        path: &str,
        output: bool,
        sm: &mut SourceMap,
    ) -> BackupPlan {
        let keys = self.keys();
        self.check_keys(
            obj,
            path,
            &[
                "BackupPlanName",
                keys.rules,
                "AdvancedBackupSettings",
                "ScanSettings",
            ],
            "BackupPlan",
        );
        let name = self.required_string(obj, path, "BackupPlanName", "BackupPlan", sm, "/name");
        let mut plan = BackupPlan::new(name, Vec::new());
        if !obj.contains_key(keys.rules) {
            sm.paths.insert("/rules".into(), join(path, keys.rules));
            self.missing(path, keys.rules, "BackupPlan", sm, "/rules");
        }
        for (i, (v, p)) in self
            .list(obj, path, keys.rules, sm, "/rules")
            .into_iter()
            .enumerate()
        {
            let norm = format!("/rules/{i}");
            sm.paths.insert(norm.clone(), p.clone());
            match v {
                Value::Object(m) => {
                    let rule = self.rule(&m, &p, output, sm, &norm);
                    plan.rules.push(rule);
                }
                other => {
                    self.wrong_type(&p, "a rule object", &other, sm, &norm);
                    // Keep indices aligned with the document: a placeholder rule, unresolved.
                    plan.rules.push(BackupRule::new("", ""));
                }
            }
        }
        plan.advanced_backup_settings = self.advanced_settings(obj, path, sm);
        for (i, (v, p)) in self
            .list(obj, path, "ScanSettings", sm, "/scan_settings")
            .into_iter()
            .enumerate()
        {
            let norm = format!("/scan_settings/{i}");
            sm.paths.insert(norm.clone(), p.clone());
            let Value::Object(m) = v else {
                self.wrong_type(&p, "an object", &v, sm, &norm);
                continue;
            };
            self.check_keys(
                &m,
                &p,
                &["MalwareScanner", "ResourceTypes", "ScannerRoleArn"],
                "ScanSetting",
            );
            plan.scan_settings.push(ScanSetting {
                malware_scanner: self.string(
                    &m,
                    &p,
                    "MalwareScanner",
                    sm,
                    &format!("{norm}/malware_scanner"),
                ),
                resource_types: self.string_list(
                    &m,
                    &p,
                    "ResourceTypes",
                    sm,
                    &format!("{norm}/resource_types"),
                ),
                scanner_role_arn: self.string(
                    &m,
                    &p,
                    "ScannerRoleArn",
                    sm,
                    &format!("{norm}/scanner_role_arn"),
                ),
            });
        }
        plan
    }

    pub(super) fn advanced_settings(
        &mut self,
        obj: &Map<String, Value>,
        path: &str,
        sm: &mut SourceMap,
    ) -> Vec<AdvancedBackupSetting> {
        let mut out = Vec::new();
        for (i, (v, p)) in self
            .list(
                obj,
                path,
                "AdvancedBackupSettings",
                sm,
                "/advanced_backup_settings",
            )
            .into_iter()
            .enumerate()
        {
            let norm = format!("/advanced_backup_settings/{i}");
            sm.paths.insert(norm.clone(), p.clone());
            let Value::Object(m) = v else {
                self.wrong_type(&p, "an object", &v, sm, &norm);
                continue;
            };
            self.check_keys(
                &m,
                &p,
                &["ResourceType", "BackupOptions"],
                "AdvancedBackupSetting",
            );
            let resource_type = self.required_string(
                &m,
                &p,
                "ResourceType",
                "AdvancedBackupSetting",
                sm,
                &format!("{norm}/resource_type"),
            );
            let backup_options = self.string_map(
                &m,
                &p,
                "BackupOptions",
                sm,
                &format!("{norm}/backup_options"),
            );
            out.push(AdvancedBackupSetting {
                resource_type,
                backup_options,
            });
        }
        out
    }

    fn rule(
        &mut self,
        obj: &Map<String, Value>,
        path: &str,
        output: bool,
        sm: &mut SourceMap,
        norm: &str,
    ) -> BackupRule {
        let keys = self.keys();
        let mut allowed = vec![
            "RuleName",
            keys.target_vault,
            "TargetLogicallyAirGappedBackupVaultArn",
            "ScheduleExpression",
            "ScheduleExpressionTimezone",
            "StartWindowMinutes",
            "CompletionWindowMinutes",
            "Lifecycle",
            "RecoveryPointTags",
            "CopyActions",
            "EnableContinuousBackup",
            "IndexActions",
            "ScanActions",
        ];
        if output {
            allowed.push("RuleId");
        }
        self.check_keys(obj, path, &allowed, "Rule");
        let f = |s: &str| format!("{norm}/{s}");
        let name = self.required_string(obj, path, "RuleName", "Rule", sm, &f("name"));
        let vault = self.required_string(
            obj,
            path,
            keys.target_vault,
            "Rule",
            sm,
            &f("target_vault_name"),
        );
        let mut r = BackupRule::new(name, vault);
        r.target_logically_air_gapped_vault_arn = self.string(
            obj,
            path,
            "TargetLogicallyAirGappedBackupVaultArn",
            sm,
            &f("target_logically_air_gapped_vault_arn"),
        );
        r.schedule_expression = self.string(
            obj,
            path,
            "ScheduleExpression",
            sm,
            &f("schedule_expression"),
        );
        r.schedule_expression_timezone = self.string(
            obj,
            path,
            "ScheduleExpressionTimezone",
            sm,
            &f("schedule_expression_timezone"),
        );
        r.start_window_minutes = self.int(
            obj,
            path,
            "StartWindowMinutes",
            sm,
            &f("start_window_minutes"),
        );
        r.completion_window_minutes = self.int(
            obj,
            path,
            "CompletionWindowMinutes",
            sm,
            &f("completion_window_minutes"),
        );
        r.lifecycle = self.lifecycle(obj, path, "Lifecycle", output, sm, &f("lifecycle"));
        r.enable_continuous_backup = self.bool(
            obj,
            path,
            "EnableContinuousBackup",
            sm,
            &f("enable_continuous_backup"),
        );
        r.recovery_point_tags = self.string_map(
            obj,
            path,
            "RecoveryPointTags",
            sm,
            &f("recovery_point_tags"),
        );
        if output {
            r.rule_id = self.string(obj, path, "RuleId", sm, &f("rule_id"));
        }
        for (i, (v, p)) in self
            .list(obj, path, "CopyActions", sm, &f("copy_actions"))
            .into_iter()
            .enumerate()
        {
            let cn = format!("{norm}/copy_actions/{i}");
            sm.paths.insert(cn.clone(), p.clone());
            let Value::Object(m) = v else {
                self.wrong_type(&p, "a copy action object", &v, sm, &cn);
                continue;
            };
            self.check_keys(
                &m,
                &p,
                &["DestinationBackupVaultArn", "Lifecycle"],
                "CopyAction",
            );
            let arn = self.required_string(
                &m,
                &p,
                "DestinationBackupVaultArn",
                "CopyAction",
                sm,
                &format!("{cn}/destination_vault_arn"),
            );
            let lifecycle =
                self.lifecycle(&m, &p, "Lifecycle", output, sm, &format!("{cn}/lifecycle"));
            r.copy_actions.push(CopyAction::new(arn, lifecycle));
        }
        for (i, (v, p)) in self
            .list(obj, path, "IndexActions", sm, &f("index_actions"))
            .into_iter()
            .enumerate()
        {
            let n = format!("{norm}/index_actions/{i}");
            sm.paths.insert(n.clone(), p.clone());
            let Value::Object(m) = v else {
                self.wrong_type(&p, "an object", &v, sm, &n);
                continue;
            };
            self.check_keys(&m, &p, &["ResourceTypes"], "IndexAction");
            r.index_actions.push(IndexAction {
                resource_types: self.string_list(
                    &m,
                    &p,
                    "ResourceTypes",
                    sm,
                    &format!("{n}/resource_types"),
                ),
            });
        }
        for (i, (v, p)) in self
            .list(obj, path, "ScanActions", sm, &f("scan_actions"))
            .into_iter()
            .enumerate()
        {
            let n = format!("{norm}/scan_actions/{i}");
            sm.paths.insert(n.clone(), p.clone());
            let Value::Object(m) = v else {
                self.wrong_type(&p, "an object", &v, sm, &n);
                continue;
            };
            self.check_keys(&m, &p, &["MalwareScanner", "ScanMode"], "ScanAction");
            r.scan_actions.push(ScanAction {
                malware_scanner: self.string(
                    &m,
                    &p,
                    "MalwareScanner",
                    sm,
                    &format!("{n}/malware_scanner"),
                ),
                scan_mode: self.string(&m, &p, "ScanMode", sm, &format!("{n}/scan_mode")),
            });
        }
        r
    }

    fn lifecycle(
        &mut self,
        obj: &Map<String, Value>,
        path: &str,
        key: &str,
        output: bool,
        sm: &mut SourceMap,
        norm: &str,
    ) -> Option<Lifecycle> {
        let (m, p) = self.object(obj, path, key, sm, norm)?;
        let mut allowed = vec![
            "MoveToColdStorageAfterDays",
            "DeleteAfterDays",
            "OptInToArchiveForSupportedResources",
        ];
        if output {
            allowed.push("DeleteAfterEvent");
        }
        self.check_keys(&m, &p, &allowed, "Lifecycle");
        let f = |s: &str| format!("{norm}/{s}");
        Some(Lifecycle {
            move_to_cold_after_days: self.int(
                &m,
                &p,
                "MoveToColdStorageAfterDays",
                sm,
                &f("move_to_cold_after_days"),
            ),
            delete_after_days: self.int(&m, &p, "DeleteAfterDays", sm, &f("delete_after_days")),
            opt_in_to_archive_for_supported_resources: self.bool(
                &m,
                &p,
                "OptInToArchiveForSupportedResources",
                sm,
                &f("opt_in_to_archive_for_supported_resources"),
            ),
            delete_after_event: if output {
                self.string(&m, &p, "DeleteAfterEvent", sm, &f("delete_after_event"))
            } else {
                None
            },
        })
    }

    /// A `BackupSelection` body (API / CloudFormation).
    pub(super) fn selection_body(
        &mut self,
        obj: &Map<String, Value>,
        path: &str,
        sm: &mut SourceMap,
    ) -> BackupSelection {
        self.check_keys(
            obj,
            path,
            &[
                "SelectionName",
                "IamRoleArn",
                "Resources",
                "NotResources",
                "ListOfTags",
                "Conditions",
            ],
            "BackupSelection",
        );
        let name = self.required_string(obj, path, "SelectionName", "BackupSelection", sm, "/name");
        let iam_role_arn = if obj.contains_key("IamRoleArn") {
            self.string(obj, path, "IamRoleArn", sm, "/iam_role_arn")
        } else {
            sm.paths
                .insert("/iam_role_arn".into(), join(path, "IamRoleArn"));
            self.missing(path, "IamRoleArn", "BackupSelection", sm, "/iam_role_arn");
            None
        };
        let resources = self.string_list(obj, path, "Resources", sm, "/resources");
        let not_resources = self.string_list(obj, path, "NotResources", sm, "/not_resources");
        let mut list_of_tags = Vec::new();
        for (i, (v, p)) in self
            .list(obj, path, "ListOfTags", sm, "/list_of_tags")
            .into_iter()
            .enumerate()
        {
            let n = format!("/list_of_tags/{i}");
            sm.paths.insert(n.clone(), p.clone());
            let Value::Object(m) = v else {
                self.wrong_type(&p, "a tag condition object", &v, sm, &n);
                continue;
            };
            self.check_keys(
                &m,
                &p,
                &["ConditionType", "ConditionKey", "ConditionValue"],
                "ListOfTags entry",
            );
            list_of_tags.push(TagCondition {
                condition_type: self.required_string(
                    &m,
                    &p,
                    "ConditionType",
                    "ListOfTags entry",
                    sm,
                    &format!("{n}/condition_type"),
                ),
                key: self.required_string(
                    &m,
                    &p,
                    "ConditionKey",
                    "ListOfTags entry",
                    sm,
                    &format!("{n}/key"),
                ),
                value: self.required_string(
                    &m,
                    &p,
                    "ConditionValue",
                    "ListOfTags entry",
                    sm,
                    &format!("{n}/value"),
                ),
            });
        }
        let mut conditions = SelectionConditions::default();
        if let Some((m, p)) = self.object(obj, path, "Conditions", sm, "/conditions") {
            self.check_keys(
                &m,
                &p,
                &[
                    "StringEquals",
                    "StringNotEquals",
                    "StringLike",
                    "StringNotLike",
                ],
                "Conditions",
            );
            for (key, norm_key) in [
                ("StringEquals", "string_equals"),
                ("StringNotEquals", "string_not_equals"),
                ("StringLike", "string_like"),
                ("StringNotLike", "string_not_like"),
            ] {
                let base = format!("/conditions/{norm_key}");
                let mut out = Vec::new();
                for (v, ip) in self.list(&m, &p, key, sm, &base) {
                    let n = join(&base, out.len());
                    sm.paths.insert(n.clone(), ip.clone());
                    let Value::Object(c) = v else {
                        self.wrong_type(&ip, "a condition object", &v, sm, &n);
                        continue;
                    };
                    self.check_keys(&c, &ip, &["ConditionKey", "ConditionValue"], "condition");
                    out.push(ConditionKeyValue {
                        key: self.required_string(
                            &c,
                            &ip,
                            "ConditionKey",
                            "condition",
                            sm,
                            &format!("{n}/key"),
                        ),
                        value: self.required_string(
                            &c,
                            &ip,
                            "ConditionValue",
                            "condition",
                            sm,
                            &format!("{n}/value"),
                        ),
                    });
                }
                match norm_key {
                    "string_equals" => conditions.string_equals = out,
                    "string_not_equals" => conditions.string_not_equals = out,
                    "string_like" => conditions.string_like = out,
                    _ => conditions.string_not_like = out,
                }
            }
        }
        BackupSelection {
            name,
            plan_name: None,
            iam_role_arn,
            resources,
            not_resources,
            list_of_tags,
            conditions,
            source: None,
        }
    }
}
