//! Exporters: the normalized plan written back as AWS documents.
//!
//! `create_backup_plan_input` (for `aws backup create-backup-plan --cli-input-json`), the bare
//! `backup_plan_document`, and a CloudFormation template in JSON or YAML. Output-only fields
//! (rule IDs, plan ID/ARN, `DeleteAfterEvent`) are not written; schedules are always written in
//! the `cron( )` form (aws-backup.md §6, implementation notes). Importing an export gives back the
//! same normalized plan (see the property test in `tests`).

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::model::*;
use crate::error::Error;

/// The document an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum ExportShape {
    /// `{"BackupPlan": …, "BackupPlanTags"?, "CreatorRequestId"?}`.
    CreateBackupPlanInput,
    /// `{"BackupPlanName": …, "Rules": […]}`.
    BackupPlanDocument,
    /// A template with one `AWS::Backup::BackupPlan` resource, as JSON.
    CloudformationJson,
    /// The same template as YAML.
    CloudformationYaml,
}

/// What [`crate::api::export_backup_plan`] returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct ExportedPlan {
    pub shape: ExportShape,
    /// The document text (pretty-printed JSON, or YAML).
    pub text: String,
    /// Every field of the plan the shape cannot carry, with why: nothing is dropped silently
    /// (aws-backup.md §16.6). Paths point into the `plan` argument.
    #[serde(default)]
    pub not_exported: Vec<ExportNote>,
    /// Values written as given that hold a placeholder the target does not substitute (an
    /// Organizations `$account`, a CloudFormation `${AWS::AccountId}` outside CloudFormation).
    /// Paths point into the exported document.
    #[serde(default)]
    pub placeholders: Vec<ExportNote>,
}

/// A field an export could not carry faithfully.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct ExportNote {
    /// JSON pointer of the field.
    pub path: String,
    pub reason: String,
}

fn insert_opt<T: Into<Value>>(m: &mut Map<String, Value>, key: &str, v: Option<T>) {
    if let Some(v) = v {
        m.insert(key.to_owned(), v.into());
    }
}

fn string_map(m: &std::collections::BTreeMap<String, String>) -> Value {
    Value::Object(
        m.iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect(),
    )
}

fn lifecycle(lc: &Lifecycle) -> Value {
    let mut m = Map::new();
    insert_opt(
        &mut m,
        "MoveToColdStorageAfterDays",
        lc.move_to_cold_after_days,
    );
    insert_opt(&mut m, "DeleteAfterDays", lc.delete_after_days);
    insert_opt(
        &mut m,
        "OptInToArchiveForSupportedResources",
        lc.opt_in_to_archive_for_supported_resources,
    );
    Value::Object(m)
}

/// The schedule as written on export: always `cron(...)`.
fn wrapped(expr: &str) -> String {
    let (body, is_wrapped) = super::validate::cron_body(expr);
    let t = expr.trim();
    if is_wrapped || t.starts_with("rate(") || t.starts_with("at(") {
        t.to_owned()
    } else {
        format!("cron({body})")
    }
}

fn rule(r: &BackupRule, cfn: bool) -> Value {
    let mut m = Map::new();
    m.insert("RuleName".into(), Value::String(r.name.clone()));
    m.insert(
        if cfn {
            "TargetBackupVault"
        } else {
            "TargetBackupVaultName"
        }
        .into(),
        Value::String(r.target_vault_name.clone()),
    );
    insert_opt(
        &mut m,
        "TargetLogicallyAirGappedBackupVaultArn",
        r.target_logically_air_gapped_vault_arn.clone(),
    );
    insert_opt(
        &mut m,
        "ScheduleExpression",
        r.schedule_expression.as_deref().map(wrapped),
    );
    insert_opt(
        &mut m,
        "ScheduleExpressionTimezone",
        r.schedule_expression_timezone.clone(),
    );
    insert_opt(&mut m, "StartWindowMinutes", r.start_window_minutes);
    insert_opt(
        &mut m,
        "CompletionWindowMinutes",
        r.completion_window_minutes,
    );
    insert_opt(&mut m, "Lifecycle", r.lifecycle.as_ref().map(lifecycle));
    if !r.recovery_point_tags.is_empty() {
        m.insert(
            "RecoveryPointTags".into(),
            string_map(&r.recovery_point_tags),
        );
    }
    if !r.copy_actions.is_empty() {
        let copies = r
            .copy_actions
            .iter()
            .map(|c| {
                let mut cm = Map::new();
                cm.insert(
                    "DestinationBackupVaultArn".into(),
                    Value::String(c.destination_vault_arn.clone()),
                );
                insert_opt(&mut cm, "Lifecycle", c.lifecycle.as_ref().map(lifecycle));
                Value::Object(cm)
            })
            .collect();
        m.insert("CopyActions".into(), Value::Array(copies));
    }
    insert_opt(&mut m, "EnableContinuousBackup", r.enable_continuous_backup);
    if !r.index_actions.is_empty() {
        m.insert(
            "IndexActions".into(),
            Value::Array(
                r.index_actions
                    .iter()
                    .map(|a| json!({"ResourceTypes": a.resource_types}))
                    .collect(),
            ),
        );
    }
    if !r.scan_actions.is_empty() {
        m.insert(
            "ScanActions".into(),
            Value::Array(
                r.scan_actions
                    .iter()
                    .map(|a| {
                        let mut sm = Map::new();
                        insert_opt(&mut sm, "MalwareScanner", a.malware_scanner.clone());
                        insert_opt(&mut sm, "ScanMode", a.scan_mode.clone());
                        Value::Object(sm)
                    })
                    .collect(),
            ),
        );
    }
    Value::Object(m)
}

fn plan_body(p: &BackupPlan, cfn: bool) -> Value {
    let mut m = Map::new();
    m.insert("BackupPlanName".into(), Value::String(p.name.clone()));
    m.insert(
        if cfn { "BackupPlanRule" } else { "Rules" }.into(),
        Value::Array(p.rules.iter().map(|r| rule(r, cfn)).collect()),
    );
    if !p.advanced_backup_settings.is_empty() {
        m.insert(
            "AdvancedBackupSettings".into(),
            Value::Array(
                p.advanced_backup_settings
                    .iter()
                    .map(|a| {
                        json!({"ResourceType": a.resource_type, "BackupOptions": string_map(&a.backup_options)})
                    })
                    .collect(),
            ),
        );
    }
    if !p.scan_settings.is_empty() {
        m.insert(
            "ScanSettings".into(),
            Value::Array(
                p.scan_settings
                    .iter()
                    .map(|s| {
                        let mut sm = Map::new();
                        insert_opt(&mut sm, "MalwareScanner", s.malware_scanner.clone());
                        if !s.resource_types.is_empty() {
                            sm.insert("ResourceTypes".into(), json!(s.resource_types));
                        }
                        insert_opt(&mut sm, "ScannerRoleArn", s.scanner_role_arn.clone());
                        Value::Object(sm)
                    })
                    .collect(),
            ),
        );
    }
    Value::Object(m)
}

/// A CloudFormation logical ID from a plan name (alphanumeric, starting with a letter).
fn logical_id(name: &str) -> String {
    let mut id: String = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + cs.as_str(),
                None => String::new(),
            }
        })
        .collect();
    if !id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        id.insert_str(0, "BackupPlan");
    }
    id.truncate(255);
    id
}

/// The export as a JSON value (YAML is rendered from the same value).
pub fn export_value(p: &BackupPlan, shape: ExportShape) -> Value {
    match shape {
        ExportShape::CreateBackupPlanInput => {
            let mut m = Map::new();
            m.insert("BackupPlan".into(), plan_body(p, false));
            if !p.tags.is_empty() {
                m.insert("BackupPlanTags".into(), string_map(&p.tags));
            }
            insert_opt(&mut m, "CreatorRequestId", p.creator_request_id.clone());
            Value::Object(m)
        }
        ExportShape::BackupPlanDocument => plan_body(p, false),
        ExportShape::CloudformationJson | ExportShape::CloudformationYaml => {
            let mut props = Map::new();
            props.insert("BackupPlan".into(), plan_body(p, true));
            if !p.tags.is_empty() {
                props.insert("BackupPlanTags".into(), string_map(&p.tags));
            }
            let mut res = Map::new();
            res.insert(
                logical_id(&p.name),
                json!({"Type": "AWS::Backup::BackupPlan", "Properties": Value::Object(props)}),
            );
            json!({
                "AWSTemplateFormatVersion": "2010-09-09",
                "Description": format!("AWS Backup plan {} (written by drplan)", p.name),
                "Resources": Value::Object(res),
            })
        }
    }
}

/// Write a plan in the requested shape, with what the shape could not carry.
pub fn export(p: &BackupPlan, shape: ExportShape) -> Result<ExportedPlan, Error> {
    let cfn = matches!(
        shape,
        ExportShape::CloudformationJson | ExportShape::CloudformationYaml
    );
    let mut v = export_value(p, shape);
    if cfn {
        substitute_pseudo(&mut v);
    }
    let mut placeholders = Vec::new();
    find_placeholders(&v, String::new(), cfn, &mut placeholders);
    let text = match shape {
        ExportShape::CloudformationYaml => to_yaml(&v),
        _ => serde_json::to_string_pretty(&v).unwrap_or_default() + "\n",
    };
    Ok(ExportedPlan {
        shape,
        text,
        not_exported: not_exported(p, shape),
        placeholders,
    })
}

/// Fields of `p` that `shape` cannot carry (aws-backup.md §16.6).
fn not_exported(p: &BackupPlan, shape: ExportShape) -> Vec<ExportNote> {
    let mut out = Vec::new();
    let mut note = |path: String, reason: &str| {
        out.push(ExportNote {
            path,
            reason: reason.to_owned(),
        })
    };
    let shape_name = match shape {
        ExportShape::CreateBackupPlanInput => "a create-backup-plan input",
        ExportShape::BackupPlanDocument => "a BackupPlan document",
        ExportShape::CloudformationJson | ExportShape::CloudformationYaml => {
            "an AWS::Backup::BackupPlan resource"
        }
    };
    if !p.regions.is_empty() {
        note(
            "/regions".into(),
            &format!("{shape_name} has no list of Regions: a plan is created in the one Region its call or stack runs in, so deploy the export once per Region ({}) or with a StackSet", p.regions.join(", ")),
        );
    }
    if shape == ExportShape::BackupPlanDocument && !p.tags.is_empty() {
        note(
            "/tags".into(),
            "a BackupPlan document has no plan tags (BackupPlanTags sits beside it in the create-backup-plan input)",
        );
    }
    if p.creator_request_id.is_some() && shape != ExportShape::CreateBackupPlanInput {
        note(
            "/creator_request_id".into(),
            &format!("{shape_name} has no CreatorRequestId (an idempotency token of the create-backup-plan call)"),
        );
    }
    for (field, set) in [
        ("plan_id", p.plan_id.is_some()),
        ("plan_arn", p.plan_arn.is_some()),
        ("version_id", p.version_id.is_some()),
    ] {
        if set {
            note(
                format!("/{field}"),
                "assigned by AWS Backup when the plan is created; an input cannot set it",
            );
        }
    }
    for (field, set) in [
        ("region", p.region.is_some()),
        ("account", p.account.is_some()),
    ] {
        if set {
            note(
                format!("/{field}"),
                &format!("{shape_name} does not name where it is deployed: the Region and account are those of the call or stack"),
            );
        }
    }
    for (i, r) in p.rules.iter().enumerate() {
        if r.rule_id.is_some() {
            note(
                format!("/rules/{i}/rule_id"),
                "assigned by AWS Backup when the plan is created; an input cannot set it",
            );
        }
        let lifecycles = std::iter::once((format!("/rules/{i}/lifecycle"), r.lifecycle.as_ref()))
            .chain(r.copy_actions.iter().enumerate().map(|(j, c)| {
                (
                    format!("/rules/{i}/copy_actions/{j}/lifecycle"),
                    c.lifecycle.as_ref(),
                )
            }));
        for (path, lc) in lifecycles {
            if lc.is_some_and(|l| l.delete_after_event.is_some()) {
                note(
                    format!("{path}/delete_after_event"),
                    "DeleteAfterEvent is reported by AWS Backup, not accepted in an input",
                );
            }
        }
    }
    out
}

/// Organizations backup-policy variables (aws-backup.md §16.5): substituted only there.
const ORG_VARIABLES: &[&str] = &["$account", "$region"];
/// CloudFormation pseudo-parameters left as placeholders by the importer.
const PSEUDO: &[&str] = &["${AWS::Region}", "${AWS::AccountId}", "${AWS::Partition}"];

/// In a CloudFormation export, a string holding a pseudo-parameter becomes `Fn::Sub` (any other
/// `${` is escaped as `${!`), so CloudFormation substitutes it at deploy (aws-backup.md §16.5).
fn substitute_pseudo(v: &mut Value) {
    match v {
        Value::String(s) if PSEUDO.iter().any(|p| s.contains(p)) => {
            let mut out = String::with_capacity(s.len());
            let mut rest = s.as_str();
            while let Some(i) = rest.find("${") {
                out.push_str(rest.get(..i).unwrap_or(""));
                let tail = rest.get(i..).unwrap_or("");
                match PSEUDO.iter().find(|p| tail.starts_with(*p)) {
                    Some(p) => {
                        out.push_str(p);
                        rest = tail.get(p.len()..).unwrap_or("");
                    }
                    None => {
                        out.push_str("${!");
                        rest = tail.get(2..).unwrap_or("");
                    }
                }
            }
            out.push_str(rest);
            *v = json!({ "Fn::Sub": out });
        }
        Value::Array(a) => a.iter_mut().for_each(substitute_pseudo),
        Value::Object(m) => m.values_mut().for_each(substitute_pseudo),
        _ => {}
    }
}

/// Strings of the exported document that carry a placeholder the target takes literally.
fn find_placeholders(v: &Value, path: String, cfn: bool, out: &mut Vec<ExportNote>) {
    match v {
        Value::String(s) => {
            if let Some(var) = ORG_VARIABLES.iter().find(|x| has_variable(s, x)) {
                out.push(ExportNote {
                    path,
                    reason: format!("{var} is a variable of Organizations backup policies only; here it stays the literal text {var}"),
                });
            } else if !cfn {
                if let Some(p) = PSEUDO.iter().find(|p| s.contains(*p)) {
                    out.push(ExportNote {
                        path,
                        reason: format!(
                            "{p} is substituted by CloudFormation only; here it stays literal text"
                        ),
                    });
                }
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                find_placeholders(x, crate::error::join(&path, i), cfn, out);
            }
        }
        Value::Object(m) => {
            for (k, x) in m {
                // The string under Fn::Sub is substituted: no placeholder problem for pseudo-parameters.
                find_placeholders(x, crate::error::join(&path, k), cfn, out);
            }
        }
        _ => {}
    }
}

/// Whether `s` holds the variable `var` as a word (`$account`, not `$accounts`).
fn has_variable(s: &str, var: &str) -> bool {
    s.match_indices(var).any(|(i, _)| {
        !s.get(i + var.len()..)
            .and_then(|t| t.chars().next())
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// A small block-style YAML writer for JSON values. Every string is double-quoted with JSON
/// escapes (valid YAML), so no value can be misread as a number, a boolean or a tag.
pub fn to_yaml(v: &Value) -> String {
    let mut out = String::new();
    write_yaml(v, 0, &mut out);
    out
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned())
}

/// A mapping key: plain when it is an identifier YAML cannot misread, quoted otherwise.
fn key(k: &str) -> String {
    const SPECIAL: &[&str] = &["y", "yes", "n", "no", "true", "false", "on", "off", "null"];
    let plain = k.starts_with(|c: char| c.is_ascii_alphabetic())
        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !SPECIAL.contains(&k.to_ascii_lowercase().as_str());
    if plain {
        k.to_owned()
    } else {
        quote(k)
    }
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::Null => Some("null".into()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(quote(s)),
        Value::Array(a) if a.is_empty() => Some("[]".into()),
        Value::Object(m) if m.is_empty() => Some("{}".into()),
        _ => None,
    }
}

fn write_yaml(v: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match v {
        Value::Object(m) if !m.is_empty() => {
            for (k, item) in m {
                out.push_str(&pad);
                out.push_str(&key(k));
                out.push(':');
                match scalar(item) {
                    Some(s) => {
                        out.push(' ');
                        out.push_str(&s);
                        out.push('\n');
                    }
                    None => {
                        out.push('\n');
                        write_yaml(item, indent + 2, out);
                    }
                }
            }
        }
        Value::Array(a) if !a.is_empty() => {
            for item in a {
                out.push_str(&pad);
                out.push('-');
                match scalar(item) {
                    Some(s) => {
                        out.push(' ');
                        out.push_str(&s);
                        out.push('\n');
                    }
                    None => {
                        out.push('\n');
                        write_yaml(item, indent + 2, out);
                    }
                }
            }
        }
        other => {
            out.push_str(&pad);
            out.push_str(&scalar(other).unwrap_or_default());
            out.push('\n');
        }
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn logical_ids() {
        assert_eq!(logical_id("prod-daily.v2"), "ProdDailyV2");
        assert_eq!(logical_id("9lives"), "BackupPlan9lives");
        assert_eq!(logical_id("--"), "BackupPlan");
    }

    #[test]
    fn yaml_writer_quotes_everything() {
        let v = json!({"a": ["x", 1, true, {"b": "c: d"}], "e": {}, "f": "yes", "on": 1, "a/b": 2});
        assert_eq!(
            to_yaml(&v),
            "a:\n  - \"x\"\n  - 1\n  - true\n  -\n    b: \"c: d\"\n\"a/b\": 2\ne: {}\nf: \"yes\"\n\"on\": 1\n"
        );
        let back = super::super::import::yaml::parse(&to_yaml(&v))
            .map(|(v, _)| v)
            .ok();
        assert_eq!(back, Some(v));
    }

    #[test]
    fn bare_schedules_are_wrapped() {
        assert_eq!(wrapped("0 5 ? * * *"), "cron(0 5 ? * * *)");
        assert_eq!(wrapped("cron(0 5 ? * * *)"), "cron(0 5 ? * * *)");
    }
}
