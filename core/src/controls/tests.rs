use serde_json::{json, Value};

use super::*;

fn plan() -> Value {
    json!({"name": "prod", "region": "us-east-1", "account": "111122223333", "rules": [
        {"name": "daily", "target_vault_name": "prod-vault", "schedule_expression": "cron(0 5 ? * * *)",
         "start_window_minutes": 60, "lifecycle": {"delete_after_days": 35},
         "copy_actions": [{"destination_vault_arn": "arn:aws:backup:us-west-2:111122223333:backup-vault:dr", "lifecycle": {"delete_after_days": 35}}]},
        {"name": "weekly", "target_vault_name": "prod-vault", "schedule_expression": "cron(0 5 ? * SUN *)",
         "start_window_minutes": 60, "lifecycle": {"delete_after_days": 90},
         "copy_actions": [{"destination_vault_arn": "arn:aws:backup:us-east-1:444455556666:backup-vault:bunker"}]}
    ]})
}

fn check(plan: Value, selections: Value, vaults: Value, controls: Value, context: Value) -> Value {
    match crate::api::json::check_controls(plan, selections, vaults, controls, context) {
        Ok(v) => v,
        Err(e) => panic!("{e:?}"),
    }
}

fn result<'a>(out: &'a Value, name: &str) -> &'a Value {
    out["results"]
        .as_array()
        .and_then(|a| a.iter().find(|r| r["control_name"] == name))
        .unwrap_or(&Value::Null)
}

fn codes(out: &Value) -> Vec<String> {
    out["issues"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|i| i["code"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn defaults_run_every_control() {
    let out = check(plan(), Value::Null, Value::Null, Value::Null, Value::Null);
    assert_eq!(
        out["results"].as_array().map(Vec::len),
        Some(CONTROL_NAMES.len())
    );
    // days / 1 / 35: the daily rule passes.
    let f = result(&out, "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK");
    assert_eq!(f["status"], "compliant");
    assert_eq!(f["evidence"][0]["status"], "compliant");
    assert_eq!(f["evidence"][1]["status"], "non_compliant");
    assert_eq!(f["parameters"][0]["value"], "days");
    assert_eq!(f["parameters"][0]["defaulted"], true);
    // The weekly rule's copy has no retention: it inherits 90 days (aws-backup.md §9).
    let m = result(&out, "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK");
    assert_eq!(m["status"], "compliant");
    assert_eq!(m["evidence"][3]["value"], "90 days");
    assert_eq!(
        result(&out, "BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION")["status"],
        "compliant"
    );
    assert_eq!(
        result(&out, "BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT")["status"],
        "compliant"
    );
    assert_eq!(
        result(&out, "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN")["status"],
        "not_evaluated"
    );
    assert_eq!(
        result(&out, "BACKUP_RECOVERY_POINT_ENCRYPTED")["status"],
        "not_evaluated"
    );
    assert_eq!(
        result(&out, "BACKUP_LAST_RECOVERY_POINT_CREATED")["status"],
        "not_evaluated"
    );
    assert!(codes(&out).contains(&"restore_testing_unknown".to_owned()));
}

#[test]
fn hourly_frequency_parameter() {
    let controls = json!([{"name": "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK",
        "parameters": {"requiredFrequencyUnit": "hours", "requiredFrequencyValue": "12", "requiredRetentionDays": 35}}]);
    let out = check(plan(), Value::Null, Value::Null, controls, Value::Null);
    let f = result(&out, "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK");
    assert_eq!(f["status"], "non_compliant");
    assert_eq!(f["evidence"][0]["value"], "every 1 d, kept 35 days");
    assert_eq!(
        f["evidence"][0]["required"],
        "at least every 12 hours, kept ≥ 35 days"
    );
}

#[test]
fn parameter_errors_have_paths() {
    let controls = json!([
        {"name": "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK", "parameters": {"requiredFrequencyUnit": "weeks", "requiredFrequencyValue": "48"}},
        {"name": "BACKUP_LAST_RECOVERY_POINT_CREATED", "parameters": {"recoveryPointAgeValue": "800", "recoveryPointAgeUnit": "hours", "typo": "1"}}]);
    let e =
        crate::api::json::check_controls(plan(), Value::Null, Value::Null, controls, Value::Null)
            .err()
            .unwrap();
    let got: Vec<(&str, &str)> = e
        .issues
        .iter()
        .map(|i| (i.code.as_str(), i.path.as_str()))
        .collect();
    // 48 is out of range for the default unit (days, ≤ 31) the bad unit falls back to.
    assert_eq!(
        got,
        [
            ("invalid_parameter", "/0/parameters/requiredFrequencyUnit"),
            ("invalid_parameter", "/0/parameters/requiredFrequencyValue"),
            ("unknown_parameter", "/1/parameters/typo"),
            ("invalid_parameter", "/1/parameters/recoveryPointAgeValue"),
        ]
    );
    assert!(e
        .issues
        .iter()
        .all(|i| i.input.as_deref() == Some("controls")));
}

#[test]
fn vault_lock_and_air_gap() {
    let vaults = json!([
        {"name": "prod-vault", "region": "us-east-1", "lock": {"min_retention_days": 30, "max_retention_days": 400}},
        {"name": "bunker", "arn": "arn:aws:backup:us-east-1:444455556666:backup-vault:bunker", "vault_type": "logically_air_gapped_backup_vault", "lock": {"min_retention_days": 7, "max_retention_days": 365}}]);
    let controls = json!([
        {"name": "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK", "parameters": {"minRetentionDays": 20}},
        {"name": "RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT"}]);
    let out = check(plan(), Value::Null, vaults, controls, Value::Null);
    let l = result(&out, "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK");
    assert_eq!(l["status"], "compliant");
    // The weekly rule copies to the air-gapped vault every 7 days: exactly the 7-day default.
    let a = result(&out, "RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT");
    assert_eq!(a["status"], "compliant");
    assert_eq!(a["parameters"][1]["value"], "7");
}

#[test]
fn resources_selections_and_last_point() {
    let selections = json!([{"name": "tagged", "conditions": {"string_equals": [{"key": "aws:ResourceTag/backup", "value": "yes"}]}}]);
    let context = json!({"now": "2026-06-01T12:00:00Z", "restore_testing_plans": 0, "resources": [
        {"arn": "arn:aws:rds:us-east-1:111122223333:db:orders", "size_gib": 100, "tags": {"backup": "yes"}},
        {"arn": "arn:aws:rds:us-east-1:111122223333:db:cache", "size_gib": 10, "replicated": true}]});
    let controls = json!([{"name": "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN"}, {"name": "BACKUP_LAST_RECOVERY_POINT_CREATED"},
        {"name": "BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION", "parameters": {"crossRegionList": "eu-west-1"}}]);
    let out = check(plan(), selections, Value::Null, controls, context);
    let p = result(&out, "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN");
    assert_eq!(p["status"], "non_compliant");
    assert_eq!(p["evidence"][0]["status"], "compliant");
    assert_eq!(p["evidence"][1]["status"], "non_compliant");
    let l = result(&out, "BACKUP_LAST_RECOVERY_POINT_CREATED");
    assert_eq!(l["evidence"][0]["status"], "compliant");
    // The copy goes to us-west-2, not to the listed eu-west-1.
    assert_eq!(
        result(&out, "BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION")["evidence"][0]["status"],
        "non_compliant"
    );
    let c = codes(&out);
    for want in ["no_pitr", "replicas_not_backups", "no_restore_testing"] {
        assert!(c.contains(&want.to_owned()), "{want} in {c:?}");
    }
}

#[test]
fn lint_without_copies() {
    let p = json!({"name": "bare", "region": "us-east-1", "rules": [{"name": "d", "target_vault_name": "v1", "lifecycle": {"delete_after_days": 7}}]});
    let out = check(
        p,
        Value::Null,
        Value::Null,
        json!([]),
        json!({"dwell_days": 30, "replicated_resource_types": ["DynamoDB"], "restore_testing_plans": 2}),
    );
    let c = codes(&out);
    for want in [
        "no_cross_region_copy",
        "no_isolated_copy",
        "retention_below_dwell",
        "replicas_not_backups",
    ] {
        assert!(c.contains(&want.to_owned()), "{want} in {c:?}");
    }
    assert!(!c.contains(&"no_restore_testing".to_owned()));
    assert_eq!(out["results"], json!([]));
}

#[test]
fn aws_framework_shape() {
    let fw = json!({"FrameworkName": "x", "FrameworkControls": [
        {"ControlName": "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK", "ControlInputParameters": [{"ParameterName": "requiredRetentionDays", "ParameterValue": "60"}]}]});
    let out = check(plan(), Value::Null, Value::Null, fw, Value::Null);
    let m = result(&out, "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK");
    assert_eq!(m["status"], "non_compliant");
    assert_eq!(m["parameters"][0]["value"], "60");
}

#[test]
fn unknown_control_is_a_warning() {
    let out = check(
        plan(),
        Value::Null,
        Value::Null,
        json!([{"name": "BACKUP_SOMETHING_NEW"}]),
        Value::Null,
    );
    assert_eq!(out["results"][0]["status"], "not_evaluated");
    assert!(codes(&out).contains(&"unknown_control".to_owned()));
}

#[test]
fn control_names_are_the_catalog() {
    let names: Vec<&str> = Control::ALL.iter().map(|c| c.name()).collect();
    assert_eq!(names, CONTROL_NAMES);
    for c in Control::ALL {
        assert_eq!(serde_json::to_value(c).ok(), Some(json!(c.name())));
        assert_eq!(Control::from_name(c.name()), Some(c));
    }
    assert_eq!(Control::from_name("BACKUP_SOMETHING_NEW"), None);
}

#[test]
fn typed_controls_read_both_shapes() {
    let fw = json!({"FrameworkName": "x", "FrameworkControls": [
        {"ControlName": "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK",
         "ControlInputParameters": [{"ParameterName": "requiredRetentionDays", "ParameterValue": "60"}],
         "ControlScope": {"ComplianceResourceTypes": ["RDS"], "Tags": {"env": "prod"}}}]});
    let list = json!([{"name": "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK",
        "parameters": {"requiredRetentionDays": 60},
        "scope": {"resource_types": ["RDS"], "tags": {"env": "prod"}}}]);
    let a: Controls = crate::boundary::from_value("controls", fw.clone()).unwrap();
    let b: Controls = crate::boundary::from_value("controls", list).unwrap();
    assert!(matches!(a, Controls::Framework { .. }));
    assert_eq!(a.specs(), b.specs());
    // The typed call and the JSON twin agree.
    let typed_plan: crate::backup::BackupPlan =
        crate::boundary::from_value("plan", plan()).unwrap();
    let typed =
        check_controls(&typed_plan, &[], &[], Some(&a), &ControlContext::default()).unwrap();
    assert_eq!(
        crate::boundary::to_value(&typed),
        check(plan(), Value::Null, Value::Null, fw, Value::Null)
    );
    // A null FrameworkControls runs every control.
    let all: Controls =
        crate::boundary::from_value("controls", json!({"FrameworkControls": null})).unwrap();
    assert_eq!(all.specs(), None);
}

#[test]
fn aws_items_errors_point_into_the_users_shape() {
    let fw = json!({"FrameworkControls": [
        {"ControlName": "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK",
         "ControlInputParameters": [{"ParameterName": "requiredRetentionDays", "ParameterValue": true}]}]});
    let e = crate::boundary::from_value::<Option<Controls>>("controls", fw)
        .err()
        .unwrap();
    let i = &e.issues[0];
    assert_eq!(
        (i.code.as_str(), i.path.as_str(), i.message.as_str()),
        (
            "invalid_type",
            "/FrameworkControls/0/ControlInputParameters/0/ParameterValue",
            "invalid type: boolean `true`, expected a string or a number"
        )
    );
    let e = crate::boundary::from_value::<Option<Controls>>(
        "controls",
        json!([{"ControlName": "X", "Extra": 1}]),
    )
    .err()
    .unwrap();
    assert_eq!(
        (
            e.issues[0].code.as_str(),
            e.issues[0].path.as_str(),
            e.issues[0].message.as_str()
        ),
        (
            "unknown_field",
            "/0/Extra",
            "unknown field `Extra`, expected one of `name`, `parameters`, `scope`"
        )
    );
    // Errors found while evaluating point into the user's shape too, parameter by its index.
    let issues = |controls: Value| {
        let e = crate::api::json::check_controls(
            plan(),
            Value::Null,
            Value::Null,
            controls,
            Value::Null,
        )
        .unwrap_err();
        e.issues
            .iter()
            .map(|i| (i.code.clone(), i.path.clone(), i.input.clone()))
            .collect::<Vec<_>>()
    };
    let ctl = "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK";
    let at = |code: &str, path: &str| {
        (
            code.to_owned(),
            path.to_owned(),
            Some("controls".to_owned()),
        )
    };
    assert_eq!(
        issues(
            json!({"FrameworkControls": [{"ControlName": "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK"},
            {"ControlName": ctl, "ControlInputParameters": [
                {"ParameterName": "x/y", "ParameterValue": "1"},
                {"ParameterName": "requiredRetentionDays", "ParameterValue": "abc"}]}]})
        ),
        [
            at(
                "unknown_parameter",
                "/FrameworkControls/1/ControlInputParameters/0/ParameterName"
            ),
            at(
                "invalid_parameter",
                "/FrameworkControls/1/ControlInputParameters/1/ParameterValue"
            ),
        ]
    );
    // An AWS item in a plain list, and drplan's shape, whose keys are escaped inside one token.
    assert_eq!(
        issues(json!([{"ControlName": ctl, "ControlInputParameters": [
            {"ParameterName": "requiredRetentionDays", "ParameterValue": "abc"}]},
            {"name": ctl, "parameters": {"x/y": "1"}}])),
        [
            at(
                "invalid_parameter",
                "/0/ControlInputParameters/0/ParameterValue"
            ),
            at("unknown_parameter", "/1/parameters/x~1y"),
        ]
    );
    // A scope error names AWS's key.
    let e = crate::boundary::from_value::<Option<Controls>>(
        "controls",
        json!({"FrameworkControls": [{"ControlName": ctl, "ControlScope": {"ComplianceResourceTypes": "RDS"}}]}),
    )
    .err()
    .unwrap();
    assert_eq!(
        e.issues[0].path,
        "/FrameworkControls/0/ControlScope/ComplianceResourceTypes"
    );
}

#[test]
fn restore_time_judged_on_the_latest_job_per_resource() {
    let jobs = json!({"RestoreJobs": [
        {"RestoreJobId": "1", "SourceResourceArn": "arn:aws:rds:us-east-1:111122223333:db:a", "ResourceType": "RDS",
         "Status": "COMPLETED", "CreationDate": "2026-01-01T00:00:00Z", "CompletionDate": "2026-01-01T20:00:00Z"},
        {"RestoreJobId": "2", "SourceResourceArn": "arn:aws:rds:us-east-1:111122223333:db:a", "ResourceType": "RDS",
         "Status": "COMPLETED", "CreationDate": "2026-01-08T00:00:00Z", "CompletionDate": "2026-01-08T02:00:00Z"},
        {"RestoreJobId": "3", "SourceResourceArn": "arn:aws:ec2:us-east-1:111122223333:volume/vol-1", "ResourceType": "EBS",
         "Status": "COMPLETED", "CreationDate": "2026-01-08T00:00:00Z", "CompletionDate": "2026-01-08T13:00:00Z"},
        {"RestoreJobId": "4", "SourceResourceArn": "arn:aws:ec2:us-east-1:111122223333:volume/vol-1", "ResourceType": "EBS",
         "Status": "FAILED", "CreationDate": "2026-01-09T00:00:00Z"}
    ]});
    let controls = json!([{"name": "RESTORE_TIME_FOR_RESOURCES_MEET_TARGET", "parameters": {"maxRestoreTime": "720"}}]);
    let out = check(
        plan(),
        Value::Null,
        Value::Null,
        controls.clone(),
        json!({"restore_jobs": jobs}),
    );
    let r = result(&out, "RESTORE_TIME_FOR_RESOURCES_MEET_TARGET");
    assert_eq!(r["status"], "non_compliant", "{r:#}");
    let ev = r["evidence"].as_array().unwrap();
    assert_eq!(ev.len(), 2);
    // The database's latest restore took 2 h (the 20-hour one is older); the volume's 13 h.
    let db = ev
        .iter()
        .find(|e| e["subject"] == "arn:aws:rds:us-east-1:111122223333:db:a")
        .unwrap();
    assert_eq!(db["status"], "compliant");
    assert_eq!(db["value"], "120.0 min");
    let vol = ev
        .iter()
        .find(|e| e["subject"].as_str().unwrap().ends_with("vol-1"))
        .unwrap();
    assert_eq!(vol["status"], "non_compliant");
    // Without jobs: not evaluated.
    let out = check(plan(), Value::Null, Value::Null, controls, Value::Null);
    assert_eq!(
        result(&out, "RESTORE_TIME_FOR_RESOURCES_MEET_TARGET")["status"],
        "not_evaluated"
    );
}
