//! Shape detection, and the API envelopes around a plan body.

use serde_json::{Map, Value};

use super::{Dialect, Reader, INPUT};
use crate::backup::model::*;
use crate::boundary::type_name;
use crate::error::{Error, ErrorCode, Issue};

const SHAPES_TRIED: &str = "get-backup-plan output ({\"BackupPlan\": …, \"BackupPlanId\": …}), \
create-backup-plan input ({\"BackupPlan\": …}), a BackupPlan document ({\"BackupPlanName\": …, \"Rules\": […]}), \
a CloudFormation template ({\"Resources\": {…AWS::Backup::BackupPlan…}}), \
an Organizations backup policy ({\"plans\": {…}})";

const GET_OUTPUT_KEYS: &[&str] = &[
    "BackupPlan",
    "BackupPlanId",
    "BackupPlanArn",
    "VersionId",
    "CreatorRequestId",
    "CreationDate",
    "DeletionDate",
    "LastExecutionDate",
    "AdvancedBackupSettings",
    "ScheduledRunsPreview",
];
/// The key `GetBackupPlanFromTemplate` puts the plan body under (aws-backup.md §16.2).
pub(super) const TEMPLATE_OUTPUT_KEY: &str = "BackupPlanDocument";
const CREATE_INPUT_KEYS: &[&str] = &["BackupPlan", "BackupPlanTags", "CreatorRequestId"];

/// The `unknown_shape` error: what the document is, the shapes tried, what to paste instead.
pub(super) fn unknown_shape(what: &str, tried: &str, hint: &str) -> Error {
    let message = format!("{what}; tried: {tried}");
    Error::new(
        ErrorCode::InvalidInput,
        message.clone(),
        vec![Issue::error("unknown_shape", "", message)
            .in_input(INPUT)
            .with_hint(hint)],
    )
}

/// Which shape a JSON document is, or why none fits.
pub fn detect_shape(doc: &Value) -> Result<PlanShape, Error> {
    let unknown = |what: String| {
        unknown_shape(&what, SHAPES_TRIED, "paste the output of `aws backup get-backup-plan`, a create-backup-plan input, a CloudFormation template or an Organizations backup policy")
    };
    let Some(m) = doc.as_object() else {
        return Err(unknown(format!(
            "the document is {}, not an object",
            type_name(doc)
        )));
    };
    if m.contains_key("Resources") || m.contains_key("AWSTemplateFormatVersion") {
        return Ok(PlanShape::CloudformationTemplate);
    }
    if m.contains_key("plans") {
        return Ok(PlanShape::OrganizationsPolicy);
    }
    if m.contains_key("BackupPlan") {
        let get_only = [
            "BackupPlanId",
            "BackupPlanArn",
            "VersionId",
            "CreationDate",
            "ScheduledRunsPreview",
        ];
        return Ok(if get_only.iter().any(|k| m.contains_key(*k)) {
            PlanShape::GetBackupPlanOutput
        } else {
            PlanShape::CreateBackupPlanInput
        });
    }
    // `get-backup-plan-from-template` output: the plan body under one key (aws-backup.md §16.2).
    if m.get(TEMPLATE_OUTPUT_KEY).is_some_and(Value::is_object) {
        return Ok(PlanShape::BackupPlanDocument);
    }
    if m.contains_key("BackupPlanName") || m.contains_key("Rules") {
        return Ok(PlanShape::BackupPlanDocument);
    }
    let keys: Vec<&str> = m.keys().map(String::as_str).take(8).collect();
    Err(unknown(format!(
        "the document is none of the known shapes (top-level keys: {})",
        if keys.is_empty() {
            "none".to_owned()
        } else {
            keys.join(", ")
        }
    )))
}

pub(super) fn finish(mut plan: BackupPlan, mut sm: SourceMap) -> BackupPlan {
    // The whole BackupPlan body could not be read: none of its fields is known.
    if sm.unresolved.iter().any(|u| u == "/plan") {
        sm.unresolved.retain(|u| u != "/plan");
        for f in [
            "/name",
            "/rules",
            "/advanced_backup_settings",
            "/scan_settings",
        ] {
            sm.unresolved.push(f.to_owned());
        }
    }
    sm.unresolved.sort();
    sm.unresolved.dedup();
    plan.source = Some(sm);
    plan.normalize();
    plan
}

pub(super) fn read_envelope(m: &Map<String, Value>, shape: PlanShape, parsed: &mut ParsedPlan) {
    let output = shape == PlanShape::GetBackupPlanOutput;
    let mut r = Reader::new(Dialect::Api, None);
    r.check_keys(
        m,
        "",
        if output {
            GET_OUTPUT_KEYS
        } else {
            CREATE_INPUT_KEYS
        },
        if output {
            "get-backup-plan output"
        } else {
            "create-backup-plan input"
        },
    );
    let mut sm = SourceMap::new("");
    let mut plan = match r.object(m, "", "BackupPlan", &mut sm, "/plan") {
        Some((body, p)) => {
            let mut inner = SourceMap::new(p.clone());
            let plan = r.plan_body(&body, &p, output, &mut inner);
            sm.paths.extend(inner.paths);
            sm.unresolved.extend(inner.unresolved);
            plan
        }
        None => BackupPlan::new("", Vec::new()),
    };
    sm.paths.remove("/plan");
    sm.base = "/BackupPlan".into();
    if output {
        plan.plan_id = r.string(m, "", "BackupPlanId", &mut sm, "/plan_id");
        plan.plan_arn = r.string(m, "", "BackupPlanArn", &mut sm, "/plan_arn");
        plan.version_id = r.string(m, "", "VersionId", &mut sm, "/version_id");
        // AdvancedBackupSettings sit at the top level of the get output; the copy inside
        // BackupPlan is always empty. Source: aws-backup.md §2.1 ([BC-backup], [TF]).
        if plan.advanced_backup_settings.is_empty() && m.contains_key("AdvancedBackupSettings") {
            plan.advanced_backup_settings = r.advanced_settings(m, "", &mut sm);
        }
    } else {
        plan.tags = r.string_map(m, "", "BackupPlanTags", &mut sm, "/tags");
    }
    plan.creator_request_id = r.string(m, "", "CreatorRequestId", &mut sm, "/creator_request_id");
    parsed.plans.push(finish(plan, sm));
    parsed.issues = r.issues;
}
