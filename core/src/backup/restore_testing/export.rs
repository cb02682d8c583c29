//! Writing restore testing back: the `create-restore-testing-plan` and
//! `create-restore-testing-selection` inputs, or one CloudFormation template (JSON or YAML).
//! Importing an export gives the same normalized plan and selections.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::model::*;

/// The shape to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum RestoreTestingExportShape {
    /// One `create-restore-testing-plan` input, then one `create-restore-testing-selection`
    /// input per selection.
    CreateInputs,
    CloudformationJson,
    CloudformationYaml,
}

/// One written document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct RestoreTestingDocument {
    /// `plan`, `selection` or `template`.
    pub kind: String,
    /// The plan's or selection's name (the template: the plan's).
    pub name: String,
    pub text: String,
}

/// What an export returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct ExportedRestoreTesting {
    pub shape: RestoreTestingExportShape,
    pub documents: Vec<RestoreTestingDocument>,
}

fn opt<T: Into<Value>>(m: &mut Map<String, Value>, k: &str, v: Option<T>) {
    if let Some(v) = v {
        m.insert(k.into(), v.into());
    }
}

fn strings(v: &[String]) -> Value {
    Value::Array(v.iter().cloned().map(Value::String).collect())
}

fn plan_body(p: &RestoreTestingPlan) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("RestoreTestingPlanName".into(), p.name.clone().into());
    opt(&mut m, "ScheduleExpression", p.schedule_expression.clone());
    opt(
        &mut m,
        "ScheduleExpressionTimezone",
        p.schedule_expression_timezone.clone(),
    );
    opt(&mut m, "StartWindowHours", p.start_window_hours);
    if let Some(r) = &p.recovery_point_selection {
        let mut s = Map::new();
        opt(&mut s, "Algorithm", r.algorithm.clone());
        s.insert("IncludeVaults".into(), strings(&r.include_vaults));
        if !r.exclude_vaults.is_empty() {
            s.insert("ExcludeVaults".into(), strings(&r.exclude_vaults));
        }
        s.insert(
            "RecoveryPointTypes".into(),
            strings(&r.recovery_point_types),
        );
        opt(&mut s, "SelectionWindowDays", r.selection_window_days);
        m.insert("RecoveryPointSelection".into(), Value::Object(s));
    }
    m
}

fn selection_body(s: &RestoreTestingSelection) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("RestoreTestingSelectionName".into(), s.name.clone().into());
    m.insert(
        "ProtectedResourceType".into(),
        s.protected_resource_type.clone().into(),
    );
    opt(&mut m, "IamRoleArn", s.iam_role_arn.clone());
    if !s.protected_resource_arns.is_empty() {
        m.insert(
            "ProtectedResourceArns".into(),
            strings(&s.protected_resource_arns),
        );
    }
    if let Some(c) = &s.protected_resource_conditions {
        let kv = |l: &[ResourceCondition]| {
            Value::Array(
                l.iter()
                    .map(|x| json!({"Key": x.key, "Value": x.value}))
                    .collect(),
            )
        };
        let mut cm = Map::new();
        if !c.string_equals.is_empty() {
            cm.insert("StringEquals".into(), kv(&c.string_equals));
        }
        if !c.string_not_equals.is_empty() {
            cm.insert("StringNotEquals".into(), kv(&c.string_not_equals));
        }
        m.insert("ProtectedResourceConditions".into(), Value::Object(cm));
    }
    if !s.restore_metadata_overrides.is_empty() {
        m.insert(
            "RestoreMetadataOverrides".into(),
            json!(s.restore_metadata_overrides),
        );
    }
    opt(&mut m, "ValidationWindowHours", s.validation_window_hours);
    m
}

/// A CloudFormation logical ID from a name (alphanumeric, starting with a letter).
fn logical_id(name: &str, prefix: &str) -> String {
    let mut id: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
    if !id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        id.insert_str(0, prefix);
    }
    id.truncate(255);
    id
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default() + "\n"
}

pub(super) fn export(
    p: &RestoreTestingPlan,
    selections: &[RestoreTestingSelection],
    shape: RestoreTestingExportShape,
) -> ExportedRestoreTesting {
    let documents = match shape {
        RestoreTestingExportShape::CreateInputs => {
            let mut m = Map::new();
            m.insert("RestoreTestingPlan".into(), Value::Object(plan_body(p)));
            opt(&mut m, "CreatorRequestId", p.creator_request_id.clone());
            if !p.tags.is_empty() {
                m.insert("Tags".into(), json!(p.tags));
            }
            let mut docs = vec![RestoreTestingDocument {
                kind: "plan".into(),
                name: p.name.clone(),
                text: pretty(&Value::Object(m)),
            }];
            for s in selections {
                let mut m = Map::new();
                m.insert("RestoreTestingPlanName".into(), p.name.clone().into());
                m.insert(
                    "RestoreTestingSelection".into(),
                    Value::Object(selection_body(s)),
                );
                opt(&mut m, "CreatorRequestId", s.creator_request_id.clone());
                docs.push(RestoreTestingDocument {
                    kind: "selection".into(),
                    name: s.name.clone(),
                    text: pretty(&Value::Object(m)),
                });
            }
            docs
        }
        RestoreTestingExportShape::CloudformationJson
        | RestoreTestingExportShape::CloudformationYaml => {
            let plan_id = logical_id(&p.name, "RestoreTestingPlan");
            let mut props = plan_body(p);
            if !p.tags.is_empty() {
                props.insert(
                    "Tags".into(),
                    Value::Array(
                        p.tags
                            .iter()
                            .map(|(k, v)| json!({"Key": k, "Value": v}))
                            .collect(),
                    ),
                );
            }
            let mut res = Map::new();
            res.insert(
                plan_id.clone(),
                json!({"Type": "AWS::Backup::RestoreTestingPlan", "Properties": Value::Object(props)}),
            );
            for s in selections {
                let mut props = selection_body(s);
                props.insert("RestoreTestingPlanName".into(), json!({"Ref": plan_id}));
                let mut id = logical_id(&s.name, "Selection");
                while res.contains_key(&id) {
                    id.push('X');
                }
                res.insert(
                    id,
                    json!({"Type": "AWS::Backup::RestoreTestingSelection", "Properties": Value::Object(props)}),
                );
            }
            let v = json!({
                "AWSTemplateFormatVersion": "2010-09-09",
                "Description": format!("AWS Backup restore testing plan {} (written by drplan)", p.name),
                "Resources": Value::Object(res),
            });
            let text = if shape == RestoreTestingExportShape::CloudformationYaml {
                crate::backup::export::to_yaml(&v)
            } else {
                pretty(&v)
            };
            vec![RestoreTestingDocument {
                kind: "template".into(),
                name: p.name.clone(),
                text,
            }]
        }
    };
    ExportedRestoreTesting { shape, documents }
}
