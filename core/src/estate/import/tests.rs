use serde_json::{json, Value};

use super::*;

fn doc(name: &str, content: Value) -> EstateDocument {
    EstateDocument {
        name: name.to_owned(),
        content,
        account: None,
        region: None,
        subject: None,
    }
}

fn read(docs: &[EstateDocument]) -> EstateRead {
    read_estate(docs, &EstateReadOptions::default()).unwrap()
}

fn codes(r: &EstateRead) -> Vec<(&str, &str)> {
    r.issues
        .iter()
        .map(|i| (i.code.as_str(), i.path.as_str()))
        .collect()
}

const VOL: &str = "arn:aws:ec2:eu-west-1:111122223333:volume/vol-1";

fn tags(arn: &str, k: &str, v: &str) -> Value {
    json!({"ResourceTagMappingList": [{"ResourceARN": arn, "Tags": [{"Key": k, "Value": v}]}]})
}

#[test]
fn detects_every_shape() {
    let cases = [
        (
            json!({"Results": [{"ResourceArn": VOL}]}),
            Shape::ProtectedResources,
        ),
        (json!({"Results": []}), Shape::ProtectedResources),
        (json!({"Results": ["{}"]}), Shape::ConfigQuery),
        (json!({"Results": [], "QueryInfo": {}}), Shape::ConfigQuery),
        (json!({"BackupPlansList": []}), Shape::BackupPlansList),
        (
            json!({"BackupPlan": {}, "BackupPlanId": "x"}),
            Shape::BackupPlan,
        ),
        (
            json!({"BackupSelectionsList": []}),
            Shape::BackupSelectionsList,
        ),
        (
            json!({"BackupSelection": {}, "BackupPlanId": "x"}),
            Shape::BackupSelection,
        ),
        (json!({"RecoveryPoints": []}), Shape::RecoveryPoints),
        (
            json!({"ResourceTypeOptInPreference": {}}),
            Shape::RegionSettings,
        ),
        (
            json!({"ResourceTagMappingList": []}),
            Shape::TaggedResources,
        ),
        (json!({"DBInstances": []}), Shape::DbInstances),
        (json!({"DBClusters": []}), Shape::DbClusters),
        (json!({"GlobalClusters": []}), Shape::GlobalClusters),
        (json!({"Table": {}}), Shape::DynamoTable),
        (
            json!({"ContinuousBackupsDescription": {}}),
            Shape::ContinuousBackups,
        ),
        (json!({"Volumes": []}), Shape::Volumes),
        (json!({"FileSystems": []}), Shape::FileSystems),
        (json!({"Policy": {"Content": "{}"}}), Shape::OrgPolicy),
        (json!({"Targets": []}), Shape::PolicyTargets),
    ];
    for (v, shape) in cases {
        assert_eq!(detect(&v), Ok(shape), "{v}");
    }
    assert!(detect(&json!({"BackupJobs": []}))
        .unwrap_err()
        .contains("BackupJobs"));
    assert!(detect(&json!([1])).unwrap_err().contains("a list"));
}

#[test]
fn one_resource_per_arn_later_facts_fill() {
    let r = read(&[
        doc(
            "protected.json",
            json!({"Results": [{"ResourceArn": VOL, "ResourceType": "EBS"}]}),
        ),
        doc("tags.json", tags(VOL, "backup", "daily")),
        doc(
            "volumes.json",
            json!({"Volumes": [{"VolumeId": "vol-1", "AvailabilityZone": "eu-west-1b", "Size": 40,
                    "Tags": [{"Key": "team", "Value": "core"}]}]}),
        ),
    ]);
    assert_eq!(r.estate.resources.len(), 1, "{r:?}");
    let v = &r.estate.resources[0];
    assert_eq!(v.resource_type.as_deref(), Some("EBS"));
    assert_eq!(v.account.as_deref(), Some("111122223333"));
    assert_eq!(v.region.as_deref(), Some("eu-west-1"));
    assert_eq!(v.size_gib, Some(Gib(40.0)));
    assert_eq!(v.tags.len(), 2);
    assert_eq!(v.source.as_deref(), Some("protected.json#/Results/0"));
    assert!(r.issues.is_empty(), "{:?}", r.issues);
    // The volume export named no account: it came from the only one the others name.
    assert!(r.documents[2].notes[0].contains("111122223333"));
}

#[test]
fn conflicting_facts_warn_naming_both_documents() {
    let r = read(&[
        doc("a.json", tags(VOL, "env", "prod")),
        doc("b.json", tags(VOL, "env", "test")),
        doc("c.json", tags(VOL, "env", "prod")),
    ]);
    assert_eq!(r.estate.resources[0].tags["env"], "prod");
    assert_eq!(
        codes(&r),
        vec![("conflicting_fact", "/1/content/ResourceTagMappingList/0")]
    );
    let m = &r.issues[0].message;
    assert!(
        m.contains("a.json (document 0)") && m.contains("b.json (document 1)"),
        "{m}"
    );
    assert_eq!(r.issues[0].severity, crate::error::Severity::Warning);
    assert_eq!(r.issues[0].input.as_deref(), Some("documents"));
}

#[test]
fn a_resource_size_wins_over_a_recovery_point_size() {
    let points = json!({"RecoveryPoints": [
        {"ResourceArn": VOL, "ResourceType": "EBS", "CreationDate": 1000.0, "BackupSizeInBytes": 1073741824_u64},
        {"ResourceArn": VOL, "ResourceType": "EBS", "CreationDate": "1970-01-01T01:00:00Z", "BackupSizeInBytes": 3221225472_u64},
        {"ResourceArn": VOL, "ResourceType": "EBS", "CreationDate": 2000.0, "BackupSizeInBytes": 2147483648_u64}
    ]});
    // Alone: the latest point (3600 s) gives the size.
    let r = read(&[doc("points.json", points.clone())]);
    assert_eq!(r.estate.resources[0].size_gib, Some(Gib(3.0)));
    // With the volume's own size, before or after: the volume's size, and no conflict.
    let vol =
        json!({"Volumes": [{"VolumeId": "vol-1", "AvailabilityZone": "eu-west-1a", "Size": 10}]});
    for docs in [
        vec![
            doc("points.json", points.clone()),
            doc("vol.json", vol.clone()),
        ],
        vec![
            doc("vol.json", vol.clone()),
            doc("points.json", points.clone()),
        ],
    ] {
        let r = read(&docs);
        assert_eq!(r.estate.resources[0].size_gib, Some(Gib(10.0)));
        assert!(r.issues.is_empty(), "{:?}", r.issues);
    }
}

#[test]
fn unknown_shapes_and_bad_text_are_errors_the_rest_is_read() {
    let r = read(&[
        doc("jobs.json", json!({"BackupJobs": []})),
        doc("broken.json", json!("{\"Volumes\": [")),
        doc("number.json", json!(7)),
        doc("tags.json", tags(VOL, "a", "b")),
    ]);
    assert_eq!(
        codes(&r),
        vec![
            ("unknown_shape", "/0/content"),
            ("invalid_json", "/1/content"),
            ("unknown_shape", "/2/content"),
        ]
    );
    assert!(r.issues.iter().all(crate::error::Issue::is_error));
    assert_eq!(r.estate.resources.len(), 1);
    assert_eq!(r.documents[0].shape, None);
    assert_eq!(
        r.documents[3].shape.as_deref(),
        Some("resourcegroupstaggingapi get-resources")
    );
}

#[test]
fn hostile_sizes_are_issues_and_stay_unknown() {
    let r = read_estate(
        &[doc(
            "v.json",
            json!({"Volumes": [
                {"VolumeId": "vol-a", "AvailabilityZone": "eu-west-1a", "Size": -1},
                {"VolumeId": "vol-b", "AvailabilityZone": "eu-west-1a", "Size": 1e300},
                {"VolumeId": "vol-c", "AvailabilityZone": "eu-west-1a", "Size": [1]},
                {"VolumeId": "vol-d", "AvailabilityZone": "eu-west-1a", "Size": 1e15}
            ]}),
        )],
        &EstateReadOptions {
            account: Some("111122223333".into()),
            region: None,
        },
    )
    .unwrap();
    assert_eq!(
        codes(&r),
        vec![
            ("out_of_range", "/0/content/Volumes/0/Size"),
            ("out_of_range", "/0/content/Volumes/1/Size"),
            ("invalid_type", "/0/content/Volumes/2/Size"),
        ]
    );
    assert!(
        r.issues[1].message.contains("1e300"),
        "{}",
        r.issues[1].message
    );
    let sizes: Vec<_> = r.estate.resources.iter().map(|x| x.size_gib).collect();
    assert_eq!(sizes, vec![None, None, None, Some(Gib(1e15))]);
}

#[test]
fn budgets_fail_with_over_budget() {
    let many = vec![doc("x", json!({})); crate::budget::MAX_ESTATE_DOCUMENTS + 1];
    let e = read_estate(&many, &EstateReadOptions::default()).unwrap_err();
    assert_eq!(e.code.as_str(), "over_budget");
    let big = json!({"Results": vec![Value::Null; crate::budget::ESTATE_RECORDS as usize + 1]});
    let e = read_estate(&[doc("big", big)], &EstateReadOptions::default()).unwrap_err();
    assert_eq!(e.code.as_str(), "over_budget");
    assert_eq!(e.issues[0].path, "/0/content/Results");
    assert_eq!(e.issues[0].input.as_deref(), Some("documents"));
    let text = " ".repeat(crate::budget::ESTATE_TEXT_BYTES as usize + 1);
    let e = read_estate(
        &[doc("t", Value::String(text))],
        &EstateReadOptions::default(),
    )
    .unwrap_err();
    assert_eq!(e.code.as_str(), "over_budget");
}

#[test]
fn selections_attach_to_their_plan_in_any_order() {
    let plan = json!({
        "BackupPlan": {"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "v",
            "ScheduleExpression": "cron(0 5 ? * * *)"}]},
        "BackupPlanId": "pid",
        "BackupPlanArn": "arn:aws:backup:eu-west-1:111122223333:backup-plan:pid"
    });
    let sel = |plan_id: &str| {
        json!({"BackupSelection": {"SelectionName": "s", "IamRoleArn": "arn:aws:iam::111122223333:role/r",
            "Resources": [VOL]}, "SelectionId": "sid", "BackupPlanId": plan_id})
    };
    let r = read(&[doc("sel.json", sel("pid")), doc("plan.json", plan.clone())]);
    let p = &r.estate.plans[0];
    assert_eq!(p.id, "pid");
    assert_eq!(p.accounts, vec!["111122223333"]);
    assert_eq!(p.regions, vec!["eu-west-1"]);
    assert_eq!(p.selections.len(), 1);
    assert_eq!(p.selections[0].resources, vec![VOL]);
    assert_eq!(p.selections[0].plan_name.as_deref(), Some("p"));
    assert_eq!(r.documents[0].selections, 1);
    // A selection whose plan is not given is a warning, and the same selection twice counts once.
    let r = read(&[
        doc("plan.json", plan),
        doc("sel.json", sel("pid")),
        doc("again.json", sel("pid")),
        doc("other.json", sel("nope")),
    ]);
    assert_eq!(r.estate.plans[0].selections.len(), 1);
    assert_eq!(
        codes(&r),
        vec![("selection_without_plan", "/3/content/BackupPlanId")]
    );
}

#[test]
fn organizations_policy_with_its_targets() {
    let content = json!({"plans": {"org": {
        "regions": {"@@assign": ["eu-west-1", "us-east-1"]},
        "rules": {"d": {"schedule_expression": {"@@assign": "cron(0 5 ? * * *)"},
                        "target_backup_vault_name": {"@@assign": "Default"}}}}}});
    let policy = json!({"Policy": {"PolicySummary": {"Id": "p-1", "Type": "BACKUP_POLICY"},
        "Content": content.to_string()}});
    let targets = |kind: &str| {
        json!({"Targets": [{"TargetId": "111122223333", "Type": "ACCOUNT"},
                           {"TargetId": "ou-ab12-cdef3456", "Type": kind}]})
    };
    let r = read(&[
        doc("targets.json", targets("ACCOUNT")),
        doc("policy.json", policy.clone()),
    ]);
    let p = &r.estate.plans[0];
    assert_eq!(p.id, "p-1/org");
    assert_eq!(p.regions, vec!["eu-west-1", "us-east-1"]);
    assert_eq!(p.accounts, vec!["111122223333", "ou-ab12-cdef3456"]);
    // An organizational unit leaves the accounts unknown (every account), with a note.
    let r = read(&[
        doc("policy.json", policy.clone()),
        doc("targets.json", targets("ORGANIZATIONAL_UNIT")),
    ]);
    assert!(r.estate.plans[0].accounts.is_empty());
    assert!(r.documents[1]
        .notes
        .iter()
        .any(|n| n.contains("every account")));
    // Two policies and no subject: the targets cannot be placed.
    let other = json!({"Policy": {"PolicySummary": {"Id": "p-2", "Type": "BACKUP_POLICY"},
        "Content": content.to_string()}});
    let r = read(&[
        doc("p1.json", policy),
        doc("p2.json", other),
        doc("t.json", targets("ACCOUNT")),
    ]);
    assert!(codes(&r).contains(&("unplaced_export", "/2/content")));
}

#[test]
fn exports_without_a_place_say_so() {
    let vol =
        json!({"Volumes": [{"VolumeId": "vol-1", "AvailabilityZone": "eu-west-1a", "Size": 1}]});
    let r = read(&[
        doc("vol.json", vol),
        doc(
            "settings.json",
            json!({"ResourceTypeOptInPreference": {"EBS": true}}),
        ),
        doc(
            "pitr.json",
            json!({"ContinuousBackupsDescription": {"PointInTimeRecoveryDescription": {"PointInTimeRecoveryStatus": "ENABLED"}}}),
        ),
    ]);
    assert!(r.estate.resources.is_empty());
    assert!(r.estate.opt_in.is_empty());
    assert_eq!(
        codes(&r),
        vec![
            ("unplaced_export", "/0/content/Volumes"),
            ("unplaced_export", "/1/content"),
            ("unplaced_export", "/2/content"),
        ]
    );
    // A document's own account and Region place it.
    let mut settings = doc(
        "settings.json",
        json!({"ResourceTypeOptInPreference": {"EBS": false}}),
    );
    settings.region = Some("eu-west-1".into());
    let r = read(&[settings]);
    assert_eq!(
        r.estate.opt_in,
        vec![ServiceOptIn {
            account: None,
            region: "eu-west-1".into(),
            resource_type: "EBS".into(),
            opted_in: false
        }]
    );
}

#[test]
fn resources_aws_backup_does_not_protect_are_left_out_with_a_note() {
    let r = read(&[doc(
        "tags.json",
        json!({"ResourceTagMappingList": [
            {"ResourceARN": " arn:aws:sns:eu-west-1:111122223333:topic", "Tags": []},
            {"ResourceARN": "not-an-arn", "Tags": []},
            {"ResourceARN": format!(" {VOL}"), "Tags": []}
        ]}),
    )]);
    assert_eq!(r.estate.resources.len(), 1);
    assert_eq!(r.estate.resources[0].arn, VOL);
    assert!(r.notes[0].contains("sns (1)"), "{:?}", r.notes);
    assert_eq!(
        codes(&r),
        vec![
            ("arn_whitespace", "/0/content/ResourceTagMappingList/0"),
            ("not_an_arn", "/0/content/ResourceTagMappingList/1"),
            ("arn_whitespace", "/0/content/ResourceTagMappingList/2"),
        ]
    );
}

#[test]
fn rds_clusters_and_instances() {
    let r = read(&[
        doc(
            "db.json",
            json!({"DBInstances": [
                {"DBInstanceArn": "arn:aws:rds:eu-west-1:111122223333:db:a", "AllocatedStorage": 20,
                 "BackupRetentionPeriod": 0, "MultiAZ": false, "ReadReplicaDBInstanceIdentifiers": ["a-r"]},
                {"DBInstanceArn": "arn:aws:rds:eu-west-1:111122223333:db:m", "DBClusterIdentifier": "c"}
            ]}),
        ),
        doc(
            "cl.json",
            json!({"DBClusters": [
                {"DBClusterArn": "arn:aws:rds:eu-west-1:111122223333:cluster:c", "Engine": "aurora-mysql", "AllocatedStorage": 1},
                {"DBClusterArn": "arn:aws:rds:eu-west-1:111122223333:cluster:n", "Engine": "neptune", "AllocatedStorage": 1},
                {"DBClusterArn": "arn:aws:rds:eu-west-1:111122223333:cluster:maz", "Engine": "postgres", "AllocatedStorage": 100}
            ]}),
        ),
    ]);
    let by: BTreeMap<_, _> = r
        .estate
        .resources
        .iter()
        .map(|x| (x.arn.rsplit(':').next().unwrap(), x))
        .collect();
    assert_eq!(by.len(), 4);
    assert_eq!(by["a"].native.automated_backup_retention_days, Some(0));
    assert_eq!(by["a"].native.read_replicas, vec!["a-r"]);
    assert_eq!(by["a"].size_gib, Some(Gib(20.0)));
    assert_eq!(by["c"].resource_type.as_deref(), Some("Aurora"));
    assert_eq!(by["c"].size_gib, None);
    assert_eq!(by["n"].resource_type.as_deref(), Some("Neptune"));
    assert_eq!(by["maz"].size_gib, Some(Gib(100.0)));
}

#[test]
fn config_results_are_json_strings() {
    let row = json!({"arn": "arn:aws:dynamodb:us-east-1:444455556666:table/t", "resourceType": "AWS::DynamoDB::Table",
        "awsRegion": "us-east-1", "accountId": "444455556666", "tags": [{"key": "k", "value": "v"}]});
    let r = read(&[doc(
        "cfg.json",
        json!({"Results": [row.to_string(), "not json", json!({"resourceId": "x"}).to_string()],
               "QueryInfo": {"SelectFields": []}}),
    )]);
    assert_eq!(r.estate.resources.len(), 1);
    assert_eq!(r.estate.resources[0].tags["k"], "v");
    assert_eq!(codes(&r), vec![("invalid_json", "/0/content/Results/1")]);
    assert!(r.documents[0].notes[1].contains("without arn"));
}

#[test]
fn zones_name_their_region() {
    assert_eq!(region_of_zone("us-east-1a").as_deref(), Some("us-east-1"));
    assert_eq!(
        region_of_zone("ap-southeast-2c").as_deref(),
        Some("ap-southeast-2")
    );
    assert_eq!(region_of_zone("us-west-2-lax-1a"), None);
    assert_eq!(region_of_zone(""), None);
}
