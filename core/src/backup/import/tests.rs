#![allow(clippy::indexing_slicing, clippy::panic)]

use super::*;
use serde_json::json;

fn parse(text: &str) -> ParsedPlan {
    match parse_document(text) {
        Ok(p) => p,
        Err(e) => panic!("{e:?}"),
    }
}

const GET: &str = r#"{
      "BackupPlan": {
        "BackupPlanName": "prod-daily",
        "Rules": [{
          "RuleName": "daily", "TargetBackupVaultName": "prod-vault",
          "ScheduleExpression": "cron(0 3 ? * * *)", "ScheduleExpressionTimezone": "Etc/UTC",
          "StartWindowMinutes": 60, "CompletionWindowMinutes": 480,
          "Lifecycle": {"MoveToColdStorageAfterDays": 30, "DeleteAfterDays": 365},
          "CopyActions": [{"DestinationBackupVaultArn": "arn:aws:backup:us-west-2:111122223333:backup-vault:dr-vault",
                           "Lifecycle": {"DeleteAfterDays": 35}}],
          "RuleId": "r-1"
        }]
      },
      "BackupPlanId": "id-1", "BackupPlanArn": "arn:aws:backup:us-east-1:111122223333:backup-plan:id-1",
      "VersionId": "v1", "CreationDate": 1700000000.0,
      "AdvancedBackupSettings": [{"ResourceType": "EC2", "BackupOptions": {"WindowsVSS": "enabled"}}]
    }"#;

#[test]
fn get_output_is_detected_and_mapped() {
    let p = parse(GET);
    assert_eq!(p.shape, PlanShape::GetBackupPlanOutput);
    assert!(p.issues.is_empty(), "{:?}", p.issues);
    let plan = &p.plans[0];
    assert_eq!(plan.region.as_deref(), Some("us-east-1"));
    assert_eq!(plan.advanced_backup_settings[0].resource_type, "EC2");
    let rule = &plan.rules[0];
    assert_eq!(
        rule.lifecycle
            .as_ref()
            .and_then(|l| l.move_to_cold_after_days),
        Some(30)
    );
    assert_eq!(rule.copy_actions[0].cross_region, Some(true));
    let sm = plan
        .source
        .as_ref()
        .map(|s| s.original("/rules/0/copy_actions/0/lifecycle/delete_after_days"));
    assert_eq!(
        sm.as_deref(),
        Some("/BackupPlan/Rules/0/CopyActions/0/Lifecycle/DeleteAfterDays")
    );
    let sm = plan
        .source
        .as_ref()
        .map(|s| s.original("/advanced_backup_settings/0"));
    assert_eq!(sm.as_deref(), Some("/AdvancedBackupSettings/0"));
}

#[test]
fn wrong_types_and_typos_are_issues_with_paths() {
    let p = parse(
        r#"{"BackupPlan": {"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "v",
            "StartWindowMinutes": "60", "Lifecycle": {"DeleteAfterDays": 1e30}, "ScheduleExpresion": "cron(0 5 ? * * *)"}]}}"#,
    );
    assert_eq!(p.shape, PlanShape::CreateBackupPlanInput);
    let got: Vec<_> = p
        .issues
        .iter()
        .map(|i| (i.code.as_str(), i.path.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("unknown_field", "/BackupPlan/Rules/0/ScheduleExpresion"),
            ("invalid_type", "/BackupPlan/Rules/0/StartWindowMinutes"),
            (
                "out_of_range",
                "/BackupPlan/Rules/0/Lifecycle/DeleteAfterDays"
            ),
        ]
    );
    assert_eq!(
        p.issues[0].hint.as_deref(),
        Some("did you mean \"ScheduleExpression\"?")
    );
    let sm = p.plans[0].source.clone().unwrap_or_default();
    assert!(sm.is_unresolved("/rules/0/start_window_minutes"));
}

#[test]
fn cloudformation_yaml_with_tags() {
    let text = r#"
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Retention: {Type: Number, Default: 35}
  DrAccount: {Type: String}
Resources:
  Vault:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: !Sub '${AWS::Region}-x'
  Plain:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: prod-vault
      LockConfiguration: {MinRetentionDays: 7, MaxRetentionDays: 400, ChangeableForDays: 3}
  Plan:
    Type: AWS::Backup::BackupPlan
    Properties:
      BackupPlan:
        BackupPlanName: !Sub 'plan-${Retention}'
        BackupPlanRule:
          - RuleName: daily
            TargetBackupVault: !Ref Plain
            ScheduleExpression: cron(0 5 ? * * *)
            Lifecycle: {DeleteAfterDays: !Ref Retention}
            CopyActions:
              - DestinationBackupVaultArn: !Sub 'arn:aws:backup:us-west-2:${DrAccount}:backup-vault:dr'
  Sel:
    Type: AWS::Backup::BackupSelection
    Properties:
      BackupPlanId: !Ref Plan
      BackupSelection:
        SelectionName: all-rds
        IamRoleArn: !GetAtt Role.Arn
        Resources: ['arn:aws:rds:*:*:db:*']
"#;
    let p = parse(text);
    assert_eq!(
        (p.shape, p.format),
        (PlanShape::CloudformationTemplate, DocumentFormat::Yaml)
    );
    let plan = &p.plans[0];
    assert_eq!(plan.name, "plan-35");
    assert_eq!(plan.rules[0].target_vault_name, "prod-vault");
    assert_eq!(plan.rules[0].retention_days(), Some(35));
    // The copy action is kept (it counts for quotas), its ARN marked unresolved.
    assert_eq!(plan.rules[0].copy_actions.len(), 1);
    let src = plan.source.clone().unwrap_or_default();
    assert!(src.is_unresolved("/rules/0/copy_actions/0/destination_vault_arn"));
    assert_eq!(
        src.original("/rules/0/lifecycle/delete_after_days"),
        "/Resources/Plan/Properties/BackupPlan/BackupPlanRule/0/Lifecycle/DeleteAfterDays"
    );
    let codes: Vec<_> = p
        .issues
        .iter()
        .map(|i| (i.code.as_str(), i.path.as_str()))
        .collect();
    assert!(codes.contains(&("unresolved_intrinsic", "/Resources/Plan/Properties/BackupPlan/BackupPlanRule/0/CopyActions/0/DestinationBackupVaultArn")), "{codes:?}");
    assert!(
        codes.contains(&(
            "unresolved_intrinsic",
            "/Resources/Sel/Properties/BackupSelection/IamRoleArn"
        )),
        "{codes:?}"
    );
    assert!(
        codes.contains(&(
            "unresolved_intrinsic",
            "/Resources/Vault/Properties/BackupVaultName"
        )),
        "{codes:?}"
    );
    assert_eq!(p.selections[0].plan_name.as_deref(), Some("plan-35"));
    let locked = p.vaults.iter().find(|v| v.name == "prod-vault");
    assert_eq!(
        locked.and_then(|v| v.lock.as_ref()).and_then(|l| l.mode),
        Some(LockMode::Compliance)
    );
}

#[test]
fn organizations_policy() {
    let doc = json!({"plans": {"PII": {
        "regions": {"@@append": ["us-east-1"]},
        "rules": {"hourly": {
            "schedule_expression": {"@@assign": "cron(0 5/1 ? * * *)"},
            "start_backup_window_minutes": {"@@assign": "60"},
            "target_backup_vault_name": {"@@assign": "FortKnox"},
            "lifecycle": {"delete_after_days": {"@@assign": "35"}},
            "copy_actions": {"arn:aws:backup:us-west-2:$account:backup-vault:dr": {
                "target_backup_vault_arn": {"@@assign": "arn:aws:backup:us-west-2:$account:backup-vault:dr"},
                "lifecycle": {"delete_after_days": {"@@assign": "30"}}}}
        }},
        "selections": {"tags": {"pii": {
            "iam_role_arn": {"@@assign": "arn:aws:iam::$account:role/Backup"},
            "tag_key": {"@@assign": "dataType"}, "tag_value": {"@@assign": ["PII", "RED"]}}}}
    }}});
    let p = match parse_value(&doc, DocumentFormat::Json) {
        Ok(p) => p,
        Err(e) => panic!("{e:?}"),
    };
    assert_eq!(p.shape, PlanShape::OrganizationsPolicy);
    let rule = &p.plans[0].rules[0];
    assert_eq!(
        (rule.name.as_str(), rule.start_window_minutes),
        ("hourly", Some(60))
    );
    assert_eq!(rule.copy_actions[0].cross_region, Some(true));
    assert_eq!(rule.copy_actions[0].cross_account, Some(false));
    assert_eq!(p.selections[0].list_of_tags.len(), 2);
    let src = p.plans[0].source.clone().unwrap_or_default();
    assert_eq!(
        src.original("/rules/0/start_window_minutes"),
        "/plans/PII/rules/hourly/start_backup_window_minutes"
    );
    assert_eq!(
            src.original("/rules/0/copy_actions/0/lifecycle/delete_after_days"),
            "/plans/PII/rules/hourly/copy_actions/arn:aws:backup:us-west-2:$account:backup-vault:dr/lifecycle/delete_after_days"
        );
}

#[test]
fn errors_for_junk() {
    for (text, code) in [
        ("{\"a\": ", ErrorCode::InvalidJson),
        ("a: [1, 2", ErrorCode::InvalidJson),
        ("", ErrorCode::InvalidJson),
        ("[1, 2]", ErrorCode::InvalidInput),
        ("{\"Foo\": 1}", ErrorCode::InvalidInput),
        ("just text", ErrorCode::InvalidInput),
    ] {
        let e = parse_document(text).err().map(|e| e.code);
        assert_eq!(e, Some(code), "{text}");
    }
    let e = parse_document("{\n  \"a\": 1,\n  \"b\" 2\n}")
        .err()
        .map(|e| e.message);
    assert!(
        e.as_deref().is_some_and(|m| m.contains("line 3 column")),
        "{e:?}"
    );
    let e = parse_document("{\"Foo\": 1}").err().map(|e| e.message);
    assert!(
        e.as_deref()
            .is_some_and(|m| m.contains("tried:") && m.contains("Organizations")),
        "{e:?}"
    );
}

#[test]
fn a_decided_condition_picks_its_plan_body() {
    let text = r#"{"Parameters": {"Env": {"Type": "String", "Default": "prod"}}, "Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}}, "Resources": {"P": {"Type": "AWS::Backup::BackupPlan",
            "Properties": {"BackupPlan": {"Fn::If": ["Prod", {"BackupPlanName": "a", "BackupPlanRule": []}, {"BackupPlanName": "b", "BackupPlanRule": []}]}}}}}"#;
    let names: Vec<String> = parse_document(text)
        .map(|p| p.plans.into_iter().map(|p| p.name).collect())
        .unwrap_or_default();
    assert_eq!(names, vec!["a".to_owned()]);
}

#[test]
fn an_unresolvable_plan_body_gives_warnings_not_errors() {
    // The condition needs a parameter without a default, so the branch is unknown.
    let text = r#"{"Parameters": {"Env": {"Type": "String"}}, "Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}}, "Resources": {"P": {"Type": "AWS::Backup::BackupPlan",
            "Properties": {"BackupPlan": {"Fn::If": ["Prod", {"BackupPlanName": "a", "BackupPlanRule": []}, {"BackupPlanName": "b", "BackupPlanRule": []}]}}}}}"#;
    let report = crate::backup::lint_backup_plan(text).ok();
    let got: Vec<(String, String)> = report
        .map(|r| r.issues.into_iter().map(|i| (i.code, i.path)).collect())
        .unwrap_or_default();
    assert_eq!(
        got,
        vec![(
            "unresolved_intrinsic".to_owned(),
            "/Resources/P/Properties/BackupPlan".to_owned()
        )]
    );
}

const FLOW_LEFT: &str = "Resources:
  Plan:
    Type: AWS::Backup::BackupPlan
    Properties:
      BackupPlan:
        BackupPlanName: flow
        BackupPlanRule:
          - RuleName: daily
            TargetBackupVault: vault-a
            ScheduleExpression: cron(0 3 ? * * *)
            RecoveryPointTags: {
              \"team\": \"ops\",
            \"cost\": \"dr\"
            }
            Lifecycle: {
            \"DeleteAfterDays\": 35
          }
";

#[test]
fn flow_mapping_left_of_its_key_is_read_like_pyyaml() {
    let p = parse(FLOW_LEFT);
    let rule = &p.plans[0].rules[0];
    assert_eq!(
        rule.recovery_point_tags.get("team").map(String::as_str),
        Some("ops")
    );
    assert_eq!(
        rule.recovery_point_tags.get("cost").map(String::as_str),
        Some("dr")
    );
    assert_eq!(
        rule.lifecycle.as_ref().and_then(|l| l.delete_after_days),
        Some(35)
    );
}

#[test]
fn block_indentation_errors_still_fail() {
    // A block mapping at the wrong indentation is not a flow collection: still an error.
    let err = parse_document("a:\n    b: 1\n  c: 2\n").unwrap_err();
    assert_eq!(err.issues[0].code, "yaml_syntax");
}

#[test]
fn template_output_is_a_plan_document_with_paths_into_it() {
    let p = parse(
        r#"{"BackupPlanDocument": {"BackupPlanName": "from-template",
            "Rules": [{"RuleName": "weekly", "TargetBackupVaultName": "v",
                       "ScheduleExpression": "cron(0 5 ? * 1 *)", "StartWindowMinutes": 90}]}}"#,
    );
    assert_eq!(p.shape, PlanShape::BackupPlanDocument);
    let plan = &p.plans[0];
    assert_eq!(plan.name, "from-template");
    assert_eq!(plan.rules[0].start_window_minutes, Some(90));
    let sm = plan.source.as_ref().unwrap();
    assert_eq!(sm.base, "/BackupPlanDocument");
    assert_eq!(
        sm.paths
            .get("/rules/0/start_window_minutes")
            .map(String::as_str),
        Some("/BackupPlanDocument/Rules/0/StartWindowMinutes")
    );
    // A string under the key is not a plan body.
    let err = parse_document(r#"{"BackupPlanDocument": "x"}"#).unwrap_err();
    assert_eq!(err.issues[0].code, "unknown_shape");
}

const ORG_IN_CFN: &str = r#"
Parameters:
  Vault:
    Type: String
    Default: member-vault
Resources:
  AsMap:
    Type: AWS::Organizations::Policy
    Properties:
      Name: as-map
      Type: BACKUP_POLICY
      TargetIds: [ou-1]
      Content:
        plans:
          MapPlan:
            regions: {"@@assign": [eu-west-1]}
            rules:
              daily:
                schedule_expression: {"@@assign": "cron(0 3 ? * * *)"}
                target_backup_vault_name: {"@@assign": !Ref Vault}
                lifecycle: {delete_after_days: {"@@assign": "35"}}
  AsToJson:
    Type: AWS::Organizations::Policy
    Properties:
      Name: as-to-json
      Type: BACKUP_POLICY
      Content:
        Fn::ToJsonString:
          plans:
            ToJsonPlan:
              rules:
                weekly:
                  schedule_expression: {"@@assign": "cron(0 4 ? * 1 *)"}
                  target_backup_vault_name: {"@@assign": !Sub "${Vault}-weekly"}
  AsString:
    Type: AWS::Organizations::Policy
    Properties:
      Name: as-string
      Type: BACKUP_POLICY
      Content: '{"plans": {"StringPlan": {"rules": {"monthly": {"schedule_expression": {"@@assign": "cron(0 5 1 * ? *)"}, "target_backup_vault_name": {"@@assign": "v"}}}}}}'
  NotBackup:
    Type: AWS::Organizations::Policy
    Properties:
      Name: scp
      Type: SERVICE_CONTROL_POLICY
      Content: {"plans": {"Ignored": {}}}
"#;

#[test]
fn organizations_policies_in_a_template_are_read_in_each_content_form() {
    let p = parse(ORG_IN_CFN);
    assert_eq!(p.shape, PlanShape::CloudformationTemplate);
    let names: Vec<&str> = p.plans.iter().map(|pl| pl.name.as_str()).collect();
    // Resources in logical-ID order: AsMap, AsString, AsToJson.
    assert_eq!(names, ["MapPlan", "StringPlan", "ToJsonPlan"]);
    let errors: Vec<_> = p
        .issues
        .iter()
        .filter(|i| i.severity == crate::error::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    // Intrinsics under the operators resolve from the template's parameters.
    assert_eq!(p.plans[0].rules[0].target_vault_name, "member-vault");
    assert_eq!(p.plans[2].rules[0].target_vault_name, "member-vault-weekly");
    assert_eq!(p.plans[1].rules[0].target_vault_name, "v");
    assert_eq!(p.plans[0].regions, ["eu-west-1"]);
    assert_eq!(
        p.plans[0].rules[0]
            .lifecycle
            .as_ref()
            .and_then(|l| l.delete_after_days),
        Some(35)
    );
    let sm = p.plans[2].source.as_ref().unwrap();
    assert_eq!(
        sm.base,
        "/Resources/AsToJson/Properties/Content/Fn::ToJsonString/plans/ToJsonPlan"
    );
    assert!(p
        .issues
        .iter()
        .any(|i| i.code == "policy_content" && i.path == "/Resources/AsString/Properties/Content"));
}

#[test]
fn a_template_with_only_other_policies_has_no_backup_plan() {
    let err = parse_document(
        "Resources:\n  Scp:\n    Type: AWS::Organizations::Policy\n    Properties:\n      Type: SERVICE_CONTROL_POLICY\n      Content: {\"Version\": \"2012-10-17\"}\n",
    )
    .unwrap_err();
    assert_eq!(err.issues[0].code, "no_backup_plan");
}

#[test]
fn backup_policies_carried_as_text_by_custom_resources_are_read() {
    let p = parse(
        r#"Resources:
  Policies:
    Type: Custom::OrgPolicy
    Properties:
      ServiceToken: arn:aws:lambda:eu-west-1:111122223333:function:f
      Note: "not JSON"
      PolicyContents: |-
        [{"plans": {"First": {"rules": {"r1": {"schedule_expression": {"@@assign": "cron(0 1 ? * * *)"}, "target_backup_vault_name": {"@@assign": "vault-1"}}}}}},
         {"plans": {"Second": {"rules": {"r2": {"schedule_expression": {"@@assign": "cron(0 2 ? * * *)"}, "target_backup_vault_name": {"@@assign": "vault-2"}}}}}}]
  Single:
    Type: AWS::CloudFormation::CustomResource
    Properties:
      Policy: !Sub |
        {"plans": {"Third": {"regions": {"@@assign": ["${AWS::Region}"]},
          "rules": {"r3": {"schedule_expression": {"@@assign": "cron(0 3 ? * * *)"}, "target_backup_vault_name": {"@@assign": "vault-3"}}}}}}
"#,
    );
    let names: Vec<&str> = p.plans.iter().map(|pl| pl.name.as_str()).collect();
    assert_eq!(names, ["First", "Second", "Third"]);
    assert_eq!(p.plans[1].rules[0].target_vault_name, "vault-2");
    // Paths inside a list of policies start at the element's index in that text.
    assert_eq!(p.plans[1].source.as_ref().unwrap().base, "/1/plans/Second");
    assert!(p
        .issues
        .iter()
        .any(|i| i.code == "policy_content"
            && i.path == "/Resources/Single/Properties/Policy/Fn::Sub"));
    // A custom resource without a policy is no backup plan.
    let err = parse_document(
        "Resources:\n  C:\n    Type: Custom::Thing\n    Properties:\n      Body: '{\"plans\": 1}'\n",
    )
    .unwrap_err();
    assert_eq!(err.issues[0].code, "no_backup_plan");
}

#[test]
fn many_left_flow_lines_in_a_large_document_stay_bounded() {
    // ~1.5 MB of flow lines all left of their key: only a few extra passes are allowed, then the
    // syntax error is reported (no long loop over the whole text).
    let mut text = String::from("a:\n  b: [\n");
    while text.len() < 1_500_000 {
        text.push_str(" 1,\n");
    }
    text.push_str(" ]\n");
    let start = std::time::Instant::now();
    let result = parse_document(&text);
    // Not a benchmark: a guard against runaway re-parsing (the bounded passes take well under 1 s).
    assert!(start.elapsed().as_secs() < 20);
    let err = result.unwrap_err();
    assert_eq!(err.issues[0].code, "yaml_syntax");
    assert!(
        err.message.contains("invalid indentation"),
        "{}",
        err.message
    );
}

#[test]
fn a_plain_vault_name_with_a_variable_is_literal() {
    let text = r#"{"Resources": {"V": {"Type": "AWS::Backup::BackupVault", "Properties": {"BackupVaultName": "${AWS::AccountId}-vault"}},
        "W": {"Type": "AWS::Backup::BackupVault", "Properties": {"BackupVaultName": {"Fn::Sub": "${AWS::AccountId}-vault"}}}}}"#;
    let got: Vec<(String, String)> = parse_document(text)
        .map(|p| {
            p.issues
                .into_iter()
                .filter(|i| i.code == "literal_substitution")
                .map(|i| (i.code, i.path))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        got,
        vec![(
            "literal_substitution".to_owned(),
            "/Resources/V/Properties/BackupVaultName".to_owned()
        )]
    );
}

#[test]
fn a_parameter_default_with_a_variable_is_literal_when_a_backup_resource_uses_it() {
    let text = r#"{"Parameters": {"Db": {"Type": "String", "Default": "arn:aws:rds:eu-west-1:${AWS::AccountId}:db:x"},
            "Other": {"Type": "String", "Default": "${AWS::AccountId}"}},
        "Resources": {"P": {"Type": "AWS::Backup::BackupPlan", "Properties": {"BackupPlan": {"BackupPlanName": "p", "BackupPlanRule": []}}},
        "S": {"Type": "AWS::Backup::BackupSelection", "Properties": {"BackupPlanId": {"Ref": "P"},
            "BackupSelection": {"SelectionName": "s", "IamRoleArn": "arn:aws:iam::111122223333:role/r", "Resources": [{"Ref": "Db"}]}}}}}"#;
    let got: Vec<String> = parse_document(text)
        .map(|p| {
            p.issues
                .into_iter()
                .filter(|i| i.code == "literal_substitution")
                .map(|i| i.path)
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(got, vec!["/Parameters/Db/Default".to_owned()]);
}
