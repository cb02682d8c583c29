#![allow(clippy::indexing_slicing, clippy::panic, clippy::unwrap_used)]

use super::*;
use proptest::prelude::*;

const CREATE_PLAN: &str = r#"{
  "RestoreTestingPlan": {
    "RestoreTestingPlanName": "weekly_tests",
    "ScheduleExpression": "cron(0 3 ? * SUN *)",
    "ScheduleExpressionTimezone": "Europe/Paris",
    "StartWindowHours": 200,
    "RecoveryPointSelection": {
      "Algorithm": "NEWEST",
      "IncludeVaults": ["*"],
      "RecoveryPointTypes": ["SNAPSHOT", "DIFF"],
      "SelectionWindowDays": 400
    }
  },
  "Tags": {"team": "ops"}
}"#;

fn codes(r: &RestoreTestingLint) -> Vec<(String, String)> {
    r.issues
        .iter()
        .map(|i| (i.code.clone(), i.path.clone()))
        .collect()
}

#[test]
fn create_plan_input_errors_point_into_the_document() {
    let r = lint_restore_testing_plan(CREATE_PLAN).unwrap();
    assert_eq!(
        r.parsed.shape,
        RestoreTestingShape::CreateRestoreTestingPlanInput
    );
    let c = codes(&r);
    for want in [
        (
            "start_window_hours_out_of_range",
            "/RestoreTestingPlan/StartWindowHours",
        ),
        (
            "restore_testing_algorithm_invalid",
            "/RestoreTestingPlan/RecoveryPointSelection/Algorithm",
        ),
        (
            "recovery_point_type_invalid",
            "/RestoreTestingPlan/RecoveryPointSelection/RecoveryPointTypes/1",
        ),
        (
            "selection_window_days_out_of_range",
            "/RestoreTestingPlan/RecoveryPointSelection/SelectionWindowDays",
        ),
    ] {
        assert!(
            c.contains(&(want.0.to_owned(), want.1.to_owned())),
            "{want:?} not in {c:?}"
        );
    }
    assert_eq!(r.error_count, 4, "{c:?}");
    assert_eq!(
        r.parsed.plans[0].tags.get("team").map(String::as_str),
        Some("ops")
    );
}

#[test]
fn get_plan_output_and_missing_fields() {
    let doc = r#"{"RestoreTestingPlan": {"RestoreTestingPlanArn": "arn:aws:backup:us-east-1:111122223333:restore-testing-plan:p-1",
      "CreationTime": 1700000000.1, "RestoreTestingPlanName": "p-1", "ScheduleExpression": "cron(0 5 ? * * *)",
      "RecoveryPointSelection": {"Algorithm": "LATEST_WITHIN_WINDOW", "RecoveryPointTypes": ["SNAPSHOT"]}}}"#;
    let r = lint_restore_testing_plan(doc).unwrap();
    assert_eq!(
        r.parsed.shape,
        RestoreTestingShape::GetRestoreTestingPlanOutput
    );
    let c = codes(&r);
    assert!(
        c.contains(&(
            "restore_testing_plan_name_invalid".into(),
            "/RestoreTestingPlan/RestoreTestingPlanName".into()
        )),
        "{c:?}"
    );
    assert!(
        c.contains(&(
            "missing_field".into(),
            "/RestoreTestingPlan/RecoveryPointSelection/IncludeVaults".into()
        )),
        "{c:?}"
    );
    assert!(!c.iter().any(|x| x.0 == "include_vaults_empty"), "{c:?}");
}

#[test]
fn selection_rules() {
    let doc = r#"{"RestoreTestingPlanName": "weekly", "RestoreTestingSelection": {
      "RestoreTestingSelectionName": "dbs-1", "ProtectedResourceType": "rds",
      "IamRoleArn": "arn:aws:iam::111122223333:user/x",
      "ProtectedResourceArns": ["*", "arn:aws:rds:us-east-1:111122223333:db:a"],
      "ProtectedResourceConditions": {"StringEquals": [{"Key": "env", "Value": "prod"}]},
      "ValidationWindowHours": 200,
      "RestoreMetadataOverrides": {"DBInstanceClass": "db.t3.micro", "dbinstanceclass": "db.t3.small"}}}"#;
    let r = lint_restore_testing_plan(doc).unwrap();
    assert_eq!(
        r.parsed.shape,
        RestoreTestingShape::CreateRestoreTestingSelectionInput
    );
    let c = codes(&r);
    let base = "/RestoreTestingSelection";
    for want in [
        (
            "restore_testing_selection_name_invalid",
            format!("{base}/RestoreTestingSelectionName"),
        ),
        (
            "protected_resource_type_unsupported",
            format!("{base}/ProtectedResourceType"),
        ),
        ("iam_role_arn_invalid", format!("{base}/IamRoleArn")),
        (
            "protected_resource_arns_mixed",
            format!("{base}/ProtectedResourceArns"),
        ),
        (
            "validation_window_hours_out_of_range",
            format!("{base}/ValidationWindowHours"),
        ),
        (
            "condition_key_not_tag",
            format!("{base}/ProtectedResourceConditions/StringEquals/0/Key"),
        ),
        (
            "override_key_duplicate",
            format!("{base}/RestoreMetadataOverrides/dbinstanceclass"),
        ),
    ] {
        assert!(
            c.contains(&(want.0.to_owned(), want.1.clone())),
            "{want:?} not in {c:?}"
        );
    }
}

#[test]
fn selection_with_nothing_and_conditions_with_arns() {
    let doc = r#"{"RestoreTestingSelection": {"RestoreTestingPlanName": "p", "CreationTime": 1,
      "RestoreTestingSelectionName": "s", "ProtectedResourceType": "EBS",
      "IamRoleArn": "arn:aws:iam::111122223333:role/r"}}"#;
    let r = lint_restore_testing_plan(doc).unwrap();
    assert_eq!(
        r.parsed.shape,
        RestoreTestingShape::GetRestoreTestingSelectionOutput
    );
    assert!(codes(&r).contains(&(
        "no_protected_resources".into(),
        "/RestoreTestingSelection/ProtectedResourceArns".into()
    )));
    let doc = r#"{"RestoreTestingPlanName": "p", "RestoreTestingSelection": {
      "RestoreTestingSelectionName": "s", "ProtectedResourceType": "EC2",
      "IamRoleArn": "arn:aws:iam::111122223333:role/r",
      "ProtectedResourceArns": ["arn:aws:ec2:us-east-1:111122223333:volume/vol-1"],
      "ProtectedResourceConditions": {"StringEquals": [{"Key": "aws:ResourceTag/env", "Value": "prod"}]}}}"#;
    let r = lint_restore_testing_plan(doc).unwrap();
    let c = codes(&r);
    assert!(
        c.contains(&(
            "conditions_without_wildcard".into(),
            "/RestoreTestingSelection/ProtectedResourceConditions".into()
        )),
        "{c:?}"
    );
    assert!(
        c.contains(&(
            "protected_resource_type_mismatch".into(),
            "/RestoreTestingSelection/ProtectedResourceArns/0".into()
        )),
        "{c:?}"
    );
}

const CFN: &str = r#"
Parameters:
  Window: {Type: Number, Default: 14}
Resources:
  Plan:
    Type: AWS::Backup::RestoreTestingPlan
    Properties:
      RestoreTestingPlanName: weekly_tests
      ScheduleExpression: cron(0 3 ? * SUN *)
      StartWindowHours: 12
      RecoveryPointSelection:
        Algorithm: RANDOM_WITHIN_WINDOW
        IncludeVaults: [!Sub "arn:aws:backup:${AWS::Region}:${AWS::AccountId}:backup-vault:prod-*"]
        RecoveryPointTypes: [SNAPSHOT]
        SelectionWindowDays: !Ref Window
      Tags:
        - {Key: team, Value: ops}
  Dbs:
    Type: AWS::Backup::RestoreTestingSelection
    Properties:
      RestoreTestingPlanName: !Ref Plan
      RestoreTestingSelectionName: dbs
      ProtectedResourceType: RDS
      IamRoleArn: !GetAtt Role.Arn
      ProtectedResourceArns: ["*"]
      ProtectedResourceConditions:
        StringEquals:
          - {Key: "aws:ResourceTag/env", Value: prod}
      ValidationWindowHours: 0
"#;

#[test]
fn cloudformation_with_intrinsics() {
    let r = lint_restore_testing_plan(CFN).unwrap();
    assert_eq!(r.parsed.shape, RestoreTestingShape::CloudformationTemplate);
    let p = &r.parsed.plans[0];
    assert_eq!(
        p.recovery_point_selection
            .as_ref()
            .unwrap()
            .selection_window_days,
        Some(14)
    );
    assert_eq!(p.tags.get("team").map(String::as_str), Some("ops"));
    let s = &r.parsed.selections[0];
    assert_eq!(s.plan_name.as_deref(), Some("weekly_tests"));
    let c = codes(&r);
    assert!(
        c.contains(&(
            "validation_window_hours_zero".into(),
            "/Resources/Dbs/Properties/ValidationWindowHours".into()
        )),
        "{c:?}"
    );
    assert_eq!(r.error_count, 0, "{c:?}");
}

#[test]
fn unknown_shapes_fail() {
    let e = parse_restore_testing_plan(r#"{"BackupPlan": {}}"#)
        .err()
        .unwrap();
    assert_eq!(e.issues[0].code, "unknown_shape");
    let e = parse_restore_testing_plan("Resources: {A: {Type: AWS::Backup::BackupPlan}}")
        .err()
        .unwrap();
    assert_eq!(e.issues[0].code, "unknown_shape");
}

fn round_trip(
    p: &RestoreTestingPlan,
    sels: &[RestoreTestingSelection],
    shape: RestoreTestingExportShape,
) -> (RestoreTestingPlan, Vec<RestoreTestingSelection>) {
    let out = export_restore_testing_plan(p, sels, shape).unwrap();
    let mut plan = None;
    let mut got = Vec::new();
    for d in &out.documents {
        let parsed = parse_restore_testing_plan(&d.text).unwrap();
        assert!(parsed.issues.is_empty(), "{:?}\n{}", parsed.issues, d.text);
        if let Some(x) = parsed.plans.into_iter().next() {
            plan = Some(x.without_source());
        }
        got.extend(
            parsed
                .selections
                .into_iter()
                .map(RestoreTestingSelection::without_source),
        );
    }
    (plan.unwrap(), got)
}

fn arb_plan() -> impl Strategy<Value = (RestoreTestingPlan, Vec<RestoreTestingSelection>)> {
    (
        "[A-Za-z0-9_]{1,20}",
        prop::option::of(1i64..168),
        prop::option::of(1i64..365),
        prop::bool::ANY,
        prop::collection::btree_map("[a-z]{1,6}", "[a-z0-9]{0,6}", 0..3),
        prop::collection::vec(
            (
                "[A-Za-z0-9_]{1,10}",
                prop::sample::select(vec!["EBS", "RDS", "S3"]),
                prop::option::of(0i64..168),
                prop::bool::ANY,
            ),
            0..3,
        ),
    )
        .prop_map(|(name, sw, days, random, tags, sels)| {
            let mut p = RestoreTestingPlan::new(name.clone());
            p.schedule_expression = Some("cron(0 5 ? * * *)".into());
            p.start_window_hours = sw;
            p.tags = tags;
            p.recovery_point_selection = Some(RecoveryPointSelection {
                algorithm: Some(
                    if random {
                        "RANDOM_WITHIN_WINDOW"
                    } else {
                        "LATEST_WITHIN_WINDOW"
                    }
                    .into(),
                ),
                recovery_point_types: vec!["SNAPSHOT".into()],
                include_vaults: vec!["*".into()],
                exclude_vaults: vec![],
                selection_window_days: days,
            });
            let mut seen = std::collections::BTreeSet::new();
            let sels = sels
                .into_iter()
                .filter(|(n, ..)| seen.insert(n.clone()))
                .map(|(n, t, vw, cond)| {
                    let mut s = RestoreTestingSelection::new(n, t);
                    s.plan_name = Some(name.clone());
                    s.iam_role_arn = Some("arn:aws:iam::111122223333:role/restore".into());
                    s.protected_resource_arns = vec!["*".into()];
                    if cond {
                        s.protected_resource_conditions = Some(ProtectedResourceConditions {
                            string_equals: vec![ResourceCondition {
                                key: "aws:ResourceTag/env".into(),
                                value: "prod".into(),
                            }],
                            string_not_equals: vec![],
                        });
                    }
                    s.validation_window_hours = vw;
                    s
                })
                .collect();
            (p, sels)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn import_export_import_is_identity((p, sels) in arb_plan()) {
        for shape in [RestoreTestingExportShape::CreateInputs, RestoreTestingExportShape::CloudformationJson, RestoreTestingExportShape::CloudformationYaml] {
            let (back, mut back_sels) = round_trip(&p, &sels, shape);
            prop_assert_eq!(&back, &p);
            let mut want = sels.clone();
            want.sort_by(|a, b| a.name.cmp(&b.name));
            back_sels.sort_by(|a, b| a.name.cmp(&b.name));
            prop_assert_eq!(&back_sels, &want);
        }
    }

    #[test]
    fn lint_never_panics(s in "\\PC{0,200}") {
        let _ = lint_restore_testing_plan(&s);
    }
}
