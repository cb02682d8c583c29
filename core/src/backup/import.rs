//! Importers: AWS CLI/API JSON, CloudFormation (JSON or YAML), Organizations backup policies.
//!
//! Every shape is read into the normalized model ([`super::model`]) through one [`Reader`] that
//! knows the dialect's quirks (aws-backup.md §4): CloudFormation intrinsics and numbers given as
//! strings; Organizations' `@@assign` wrappers, string numbers and name-keyed maps. Each field
//! read is recorded in the object's [`SourceMap`] (normalized pointer → original pointer), so
//! validation can report into the user's own document. Problems never abort the import: they
//! become issues (`input: "document"`) and the field is left unset and marked unresolved.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::cfn::{self, Resolution, Template};
use super::model::*;
use super::yaml;
use crate::error::{join, Error, ErrorCode, Issue};

/// Largest document accepted (CloudFormation's own template limit is 1 MB in S3).
pub const MAX_DOCUMENT_BYTES: usize = 2 * 1024 * 1024;
/// Name of the argument every import issue points into.
pub const INPUT: &str = "document";

/// Import issues listed at most (a pathological document could otherwise produce millions).
const MAX_IMPORT_ISSUES: usize = 1000;
/// Longest key for which a "did you mean" hint is computed.
const MAX_HINT_KEY: usize = 64;
/// Largest integer carried exactly to JavaScript (2^53).
const MAX_SAFE_INT: i64 = 9_007_199_254_740_992;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialect {
    /// AWS API / CLI JSON (strict JSON types).
    Api,
    /// CloudFormation (intrinsics; numbers and booleans may be strings).
    Cfn,
    /// Organizations backup policy (`@@assign`; numbers and booleans are strings).
    Org,
}

/// A field read from the document.
enum Got {
    Absent,
    /// The value (resolved) and the pointer of the value in the original document.
    Val(Value, String),
    /// Present but unknowable (an unresolved intrinsic); already reported.
    Unknown,
}

struct Reader<'t> {
    dialect: Dialect,
    template: Option<&'t Template>,
    issues: Vec<Issue>,
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Edit distance, for "did you mean" hints (inputs are short key names).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            cur.push(sub.min(del).min(ins));
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

impl<'t> Reader<'t> {
    fn new(dialect: Dialect, template: Option<&'t Template>) -> Self {
        Reader {
            dialect,
            template,
            issues: Vec::new(),
        }
    }

    fn push(&mut self, issue: Issue) {
        match self.issues.len() {
            n if n < MAX_IMPORT_ISSUES => self.issues.push(issue.in_input(INPUT)),
            n if n == MAX_IMPORT_ISSUES => self.issues.push(
                Issue::info(
                    "too_many_issues",
                    "",
                    format!("more than {MAX_IMPORT_ISSUES} problems; the rest are not listed"),
                )
                .in_input(INPUT),
            ),
            _ => {}
        }
    }

    /// Unwrap/resolve one value found at `path`.
    fn value(&mut self, v: &Value, path: &str) -> Got {
        match self.dialect {
            Dialect::Api => Got::Val(v.clone(), path.to_owned()),
            Dialect::Cfn => {
                if !cfn::is_intrinsic(v) {
                    return Got::Val(v.clone(), path.to_owned());
                }
                let Some(t) = self.template else {
                    return Got::Val(v.clone(), path.to_owned());
                };
                match t.resolve(v) {
                    Resolution::Value(x) => Got::Val(x, path.to_owned()),
                    Resolution::NoValue => Got::Absent,
                    Resolution::Unresolved(why) => {
                        self.push(
                            Issue::warning(
                                "unresolved_intrinsic",
                                path,
                                format!("cannot resolve this value: {why}"),
                            )
                            .with_hint("drplan checks the rest of the plan; give the parameter a Default or a literal value to check this one too"),
                        );
                        Got::Unknown
                    }
                }
            }
            Dialect::Org => match v.as_object() {
                Some(m) if m.keys().any(|k| k.starts_with("@@")) => {
                    if let Some(x) = m.get("@@assign") {
                        Got::Val(x.clone(), join(path, "@@assign"))
                    } else if let Some(x) = m.get("@@append") {
                        self.push(Issue::info(
                            "inheritance_operator",
                            join(path, "@@append"),
                            "@@append adds to values inherited from parent policies; drplan reads only this policy's values",
                        ));
                        Got::Val(x.clone(), join(path, "@@append"))
                    } else if m.contains_key("@@remove") {
                        self.push(Issue::info(
                            "inheritance_operator",
                            join(path, "@@remove"),
                            "@@remove removes inherited values; drplan treats the setting as absent",
                        ));
                        Got::Absent
                    } else {
                        // Only child-control operators: a container with settings alongside.
                        let rest: Map<String, Value> = m
                            .iter()
                            .filter(|(k, _)| !k.starts_with("@@"))
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect();
                        if rest.is_empty() {
                            Got::Absent
                        } else {
                            Got::Val(Value::Object(rest), path.to_owned())
                        }
                    }
                }
                _ => Got::Val(v.clone(), path.to_owned()),
            },
        }
    }

    fn get(&mut self, obj: &Map<String, Value>, obj_path: &str, key: &str) -> Got {
        match obj.get(key) {
            None => Got::Absent,
            Some(v) => self.value(v, &join(obj_path, key)),
        }
    }

    /// Report keys that the shape does not have (errors for API JSON, warnings elsewhere).
    fn check_keys(
        &mut self,
        obj: &Map<String, Value>,
        obj_path: &str,
        allowed: &[&str],
        what: &str,
    ) {
        for k in obj.keys() {
            if allowed.contains(&k.as_str())
                || (self.dialect == Dialect::Org && k.starts_with("@@"))
            {
                continue;
            }
            let near = allowed
                .iter()
                .filter(|_| k.len() <= MAX_HINT_KEY)
                .map(|a| (distance(a, k), *a))
                .filter(|(d, _)| *d <= 3)
                .min();
            let path = join(obj_path, k);
            let issue = match self.dialect {
                Dialect::Api => Issue::error(
                    "unknown_field",
                    path,
                    format!("{what} has no field {k:?}; the AWS API rejects unknown parameters"),
                ),
                Dialect::Cfn => Issue::warning(
                    "unknown_property",
                    path,
                    format!("{what} has no property {k:?} that drplan knows; CloudFormation rejects unsupported properties"),
                ),
                Dialect::Org => Issue::warning(
                    "unknown_key",
                    path,
                    format!("{what} has no key {k:?} that drplan knows; it is ignored"),
                ),
            };
            let issue = match near {
                Some((_, a)) => issue.with_hint(format!("did you mean {a:?}?")),
                None => issue.with_hint(format!("known keys: {}", allowed.join(", "))),
            };
            self.push(issue);
        }
    }

    fn missing(&mut self, obj_path: &str, key: &str, what: &str, sm: &mut SourceMap, norm: &str) {
        self.push(Issue::error(
            "missing_field",
            join(obj_path, key),
            format!("{what} needs {key}"),
        ));
        sm.unresolved.push(norm.to_owned());
    }

    fn wrong_type(
        &mut self,
        path: &str,
        expected: &str,
        got: &Value,
        sm: &mut SourceMap,
        norm: &str,
    ) {
        self.push(Issue::error(
            "invalid_type",
            path,
            format!("expected {expected}, found {}", describe(got)),
        ));
        sm.unresolved.push(norm.to_owned());
    }

    /// A field's resolved value and its pointer in the original document, the field's place
    /// recorded in the source map; `None` when absent, or unresolvable (noted as unresolved).
    fn field(
        &mut self,
        obj: &Map<String, Value>,
        obj_path: &str,
        key: &str,
        sm: &mut SourceMap,
        norm: &str,
    ) -> Option<(Value, String)> {
        sm.paths.insert(norm.to_owned(), join(obj_path, key));
        match self.get(obj, obj_path, key) {
            Got::Absent => None,
            Got::Unknown => {
                sm.unresolved.push(norm.to_owned());
                None
            }
            Got::Val(v, p) => Some((v, p)),
        }
    }

    fn string(
        &mut self,
        obj: &Map<String, Value>,
        obj_path: &str,
        key: &str,
        sm: &mut SourceMap,
        norm: &str,
    ) -> Option<String> {
        match self.field(obj, obj_path, key, sm, norm)? {
            (Value::String(s), _) => Some(s),
            (v @ (Value::Number(_) | Value::Bool(_)), _) if self.dialect != Dialect::Api => {
                Some(scalar_text(&v))
            }
            (v, p) => {
                self.wrong_type(&p, "a string", &v, sm, norm);
                None
            }
        }
    }

    fn required_string(
        &mut self,
        obj: &Map<String, Value>,
        obj_path: &str,
        key: &str,
        what: &str,
        sm: &mut SourceMap,
        norm: &str,
    ) -> String {
        if !obj.contains_key(key) {
            sm.paths.insert(norm.to_owned(), join(obj_path, key));
            self.missing(obj_path, key, what, sm, norm);
            return String::new();
        }
        self.string(obj, obj_path, key, sm, norm)
            .unwrap_or_default()
    }

    fn int(
        &mut self,
        obj: &Map<String, Value>,
        obj_path: &str,
        key: &str,
        sm: &mut SourceMap,
        norm: &str,
    ) -> Option<i64> {
        let (v, p) = self.field(obj, obj_path, key, sm, norm)?;
        let number: Option<f64> = match &v {
            Value::Number(n) => match n.as_i64() {
                Some(i) => Some(i as f64),
                None => n.as_f64(),
            },
            Value::String(s) if self.dialect != Dialect::Api => s.trim().parse::<f64>().ok(),
            _ => None,
        };
        let exact: Option<i64> = match &v {
            Value::Number(n) => n.as_i64(),
            Value::String(s) if self.dialect != Dialect::Api => s.trim().parse::<i64>().ok(),
            _ => None,
        };
        let safe = |f: f64| f.is_finite() && f.abs() <= MAX_SAFE_INT as f64;
        let too_large = match (exact, number) {
            (Some(i), _) => !(-MAX_SAFE_INT..=MAX_SAFE_INT).contains(&i),
            (None, Some(f)) => !safe(f),
            (None, None) => false,
        };
        if too_large {
            self.push(
                Issue::error(
                    "out_of_range",
                    &p,
                    format!("{} is too large to be a day or minute count", scalar_text(&v)),
                )
                .with_hint("AWS Backup bounds these values at 36,500 days or 52,560,000 minutes (100 years)"),
            );
            sm.unresolved.push(norm.to_owned());
            return None;
        }
        match (exact, number) {
            (Some(i), _) => Some(i),
            (None, Some(f)) if f.fract() == 0.0 => Some(f as i64),
            (None, Some(f)) => {
                self.push(Issue::error(
                    "invalid_type",
                    &p,
                    format!("expected a whole number, found {f}"),
                ));
                sm.unresolved.push(norm.to_owned());
                None
            }
            (None, None) => {
                let expected = if self.dialect == Dialect::Api {
                    "a whole number"
                } else {
                    "a whole number (or a string holding one)"
                };
                self.wrong_type(&p, expected, &v, sm, norm);
                None
            }
        }
    }

    fn bool(
        &mut self,
        obj: &Map<String, Value>,
        obj_path: &str,
        key: &str,
        sm: &mut SourceMap,
        norm: &str,
    ) -> Option<bool> {
        match self.field(obj, obj_path, key, sm, norm)? {
            (Value::Bool(b), _) => Some(b),
            (Value::String(s), _)
                if self.dialect != Dialect::Api
                    && (s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false")) =>
            {
                Some(s.eq_ignore_ascii_case("true"))
            }
            (v, p) => {
                self.wrong_type(&p, "true or false", &v, sm, norm);
                None
            }
        }
    }

    /// An object-valued field; `None` when absent, unknown or of the wrong type (reported).
    fn object(
        &mut self,
        obj: &Map<String, Value>,
        obj_path: &str,
        key: &str,
        sm: &mut SourceMap,
        norm: &str,
    ) -> Option<(Map<String, Value>, String)> {
        match self.field(obj, obj_path, key, sm, norm)? {
            (Value::Object(m), p) => Some((m, p)),
            (v, p) => {
                self.wrong_type(&p, "an object", &v, sm, norm);
                None
            }
        }
    }

    /// A list-valued field: each element resolved, with its original pointer.
    fn list(
        &mut self,
        obj: &Map<String, Value>,
        obj_path: &str,
        key: &str,
        sm: &mut SourceMap,
        norm: &str,
    ) -> Vec<(Value, String)> {
        let Some(found) = self.field(obj, obj_path, key, sm, norm) else {
            return Vec::new();
        };
        match found {
            (Value::Array(items), p) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    match self.value(item, &join(&p, i)) {
                        Got::Val(v, ip) => out.push((v, ip)),
                        Got::Absent => {}
                        Got::Unknown => sm.unresolved.push(join(norm, out.len())),
                    }
                }
                out
            }
            // A single string where CloudFormation/Organizations allow a list of one.
            (v @ Value::String(_), p) if self.dialect == Dialect::Org => vec![(v, p)],
            (v, p) => {
                self.wrong_type(&p, "a list", &v, sm, norm);
                Vec::new()
            }
        }
    }

    fn string_list(
        &mut self,
        obj: &Map<String, Value>,
        obj_path: &str,
        key: &str,
        sm: &mut SourceMap,
        norm: &str,
    ) -> Vec<String> {
        let items = self.list(obj, obj_path, key, sm, norm);
        let mut out = Vec::with_capacity(items.len());
        for (v, p) in items {
            let n = join(norm, out.len());
            sm.paths.insert(n.clone(), p.clone());
            match v {
                Value::String(s) => out.push(s),
                other => self.wrong_type(&p, "a string", &other, sm, &n),
            }
        }
        out
    }

    /// A `map<string,string>` (tags).
    fn string_map(
        &mut self,
        obj: &Map<String, Value>,
        obj_path: &str,
        key: &str,
        sm: &mut SourceMap,
        norm: &str,
    ) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        let Some((m, p)) = self.object(obj, obj_path, key, sm, norm) else {
            return out;
        };
        for k in m.keys() {
            let n = join(norm, k);
            if let Some(s) = self.string(&m, &p, k, sm, &n) {
                out.insert(k.clone(), s);
            }
        }
        out
    }
}

/// A value for a message: scalars shown (shortened), containers by kind.
fn describe(v: &Value) -> String {
    match v {
        Value::String(s) => {
            let short: String = s.chars().take(40).collect();
            format!("the string {short:?}")
        }
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => type_name(other).to_owned(),
    }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// API / CloudFormation plan bodies (the same structure, a few different key names, §4)

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
    fn plan_body(
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

    fn advanced_settings(
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
    fn selection_body(
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

// ---------------------------------------------------------------------------------------------
// Shape detection and entry points

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
const CREATE_INPUT_KEYS: &[&str] = &["BackupPlan", "BackupPlanTags", "CreatorRequestId"];

/// Which shape a JSON document is, or why none fits.
pub fn detect_shape(doc: &Value) -> Result<PlanShape, Error> {
    let unknown = |what: String| {
        Error::new(
            ErrorCode::InvalidInput,
            format!("{what}; tried: {SHAPES_TRIED}"),
            vec![Issue::error("unknown_shape", "", format!("{what}; tried: {SHAPES_TRIED}"))
                .in_input(INPUT)
                .with_hint("paste the output of `aws backup get-backup-plan`, a create-backup-plan input, a CloudFormation template or an Organizations backup policy")],
        )
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

/// Read JSON or YAML text into a JSON value. JSON is tried first when the text looks like JSON;
/// a syntax error reports its line and column.
pub fn read_text(text: &str) -> Result<(Value, DocumentFormat, Vec<Issue>), Error> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            format!(
                "the document is {} bytes; the limit is {MAX_DOCUMENT_BYTES}",
                text.len()
            ),
            vec![Issue::error(
                "too_large",
                "",
                format!("documents are limited to {MAX_DOCUMENT_BYTES} bytes"),
            )
            .in_input(INPUT)],
        ));
    }
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidJson,
            "the document is empty",
            vec![Issue::error("empty_document", "", "the document is empty").in_input(INPUT)],
        ));
    }
    let looks_json = trimmed.starts_with('{') || trimmed.starts_with('[');
    if looks_json {
        match serde_json::from_str::<Value>(trimmed) {
            Ok(v) => return Ok((v, DocumentFormat::Json, Vec::new())),
            Err(e) => {
                // YAML flow style (`{a: b}`) is not JSON but may still be YAML.
                if let Ok((v, issues)) = yaml::parse(trimmed) {
                    if v.is_object() {
                        return Ok((v, DocumentFormat::Yaml, issues));
                    }
                }
                let msg = format!(
                    "invalid JSON at line {} column {}: {e}",
                    e.line(),
                    e.column()
                );
                return Err(Error::new(
                    ErrorCode::InvalidJson,
                    msg.clone(),
                    vec![Issue::error("json_syntax", "", msg).in_input(INPUT)],
                ));
            }
        }
    }
    match yaml::parse(trimmed) {
        Ok((v, issues)) => Ok((v, DocumentFormat::Yaml, issues)),
        Err(e) => {
            let msg = format!(
                "invalid YAML at line {} column {}: {}",
                e.line, e.column, e.message
            );
            Err(Error::new(
                ErrorCode::InvalidJson,
                msg.clone(),
                vec![Issue::error("yaml_syntax", "", msg).in_input(INPUT)],
            ))
        }
    }
}

/// Parse a plan document (JSON or YAML text) in any supported shape.
pub fn parse_document(text: &str) -> Result<ParsedPlan, Error> {
    let (value, format, issues) = read_text(text)?;
    let mut parsed = parse_value(&value, format)?;
    let mut all: Vec<Issue> = issues.into_iter().map(|i| i.in_input(INPUT)).collect();
    all.append(&mut parsed.issues);
    parsed.issues = all;
    Ok(parsed)
}

/// Parse an already-decoded document.
pub fn parse_value(doc: &Value, format: DocumentFormat) -> Result<ParsedPlan, Error> {
    // An Organizations `describe-policy` output carries the policy as a JSON string.
    if let Some(content) = doc
        .get("Policy")
        .and_then(|p| p.get("Content"))
        .and_then(Value::as_str)
    {
        let (inner, _, _) = read_text(content)?;
        let mut parsed = parse_value(&inner, DocumentFormat::Json)?;
        parsed.issues.insert(
            0,
            Issue::info(
                "policy_content",
                "/Policy/Content",
                "read the policy held in Policy.Content; paths below point into that JSON text",
            )
            .in_input(INPUT),
        );
        return Ok(parsed);
    }
    let shape = detect_shape(doc)?;
    let m = doc.as_object().cloned().unwrap_or_default();
    let mut parsed = ParsedPlan {
        shape,
        format,
        plans: Vec::new(),
        selections: Vec::new(),
        vaults: Vec::new(),
        issues: Vec::new(),
    };
    match shape {
        PlanShape::GetBackupPlanOutput | PlanShape::CreateBackupPlanInput => {
            read_envelope(&m, shape, &mut parsed)
        }
        PlanShape::BackupPlanDocument => {
            let mut r = Reader::new(Dialect::Api, None);
            let mut sm = SourceMap::new("");
            let plan = r.plan_body(&m, "", false, &mut sm);
            parsed.plans.push(finish(plan, sm));
            parsed.issues = r.issues;
        }
        PlanShape::CloudformationTemplate => read_cloudformation(&m, &mut parsed)?,
        PlanShape::OrganizationsPolicy => read_org_policy(&m, &mut parsed)?,
    }
    Ok(parsed)
}

fn finish(mut plan: BackupPlan, mut sm: SourceMap) -> BackupPlan {
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

fn read_envelope(m: &Map<String, Value>, shape: PlanShape, parsed: &mut ParsedPlan) {
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

// ---------------------------------------------------------------------------------------------
// CloudFormation

fn read_cloudformation(m: &Map<String, Value>, parsed: &mut ParsedPlan) -> Result<(), Error> {
    let template = Template::new(m);
    let mut r = Reader::new(Dialect::Cfn, Some(&template));
    let Some(resources) = m.get("Resources").and_then(Value::as_object) else {
        let what = match m.get("Resources") {
            Some(v) => format!("Resources is {}, not an object", type_name(v)),
            None => "the template has no Resources".to_owned(),
        };
        return Err(Error::invalid(vec![Issue::error(
            "invalid_template",
            "/Resources",
            what,
        )
        .in_input(INPUT)]));
    };
    if m.contains_key("Transform") {
        r.push(Issue::info(
            "template_transform",
            "/Transform",
            "the template uses a Transform; drplan reads the template as written, before any macro runs",
        ));
    }
    // logical ID → plan name (for selections' BackupPlanId).
    let mut plan_names: BTreeMap<String, String> = BTreeMap::new();
    let mut found_backup = false;
    for (id, res) in resources {
        let rpath = join("/Resources", id);
        let Some(res) = res.as_object() else {
            r.push(Issue::error(
                "invalid_template",
                &rpath,
                format!("resource {id} is {}, not an object", type_name(res)),
            ));
            continue;
        };
        let kind = res.get("Type").and_then(Value::as_str).unwrap_or("");
        if !kind.starts_with("AWS::Backup::") {
            continue;
        }
        found_backup = true;
        if let Some(c) = res.get("Condition").and_then(Value::as_str) {
            r.push(Issue::info(
                "conditional_resource",
                join(&rpath, "Condition"),
                format!(
                    "{id} is created only when condition {c} holds; drplan reads it as if it does"
                ),
            ));
        }
        let ppath = join(&rpath, "Properties");
        let props = match res.get("Properties") {
            Some(Value::Object(p)) => p.clone(),
            None => Map::new(),
            Some(other) => {
                r.push(Issue::error(
                    "invalid_type",
                    &ppath,
                    format!("expected an object, found {}", type_name(other)),
                ));
                continue;
            }
        };
        match kind {
            "AWS::Backup::BackupPlan" => {
                r.check_keys(
                    &props,
                    &ppath,
                    &["BackupPlan", "BackupPlanTags"],
                    "AWS::Backup::BackupPlan",
                );
                let mut sm = SourceMap::new(rpath.clone());
                let mut plan = match r.object(&props, &ppath, "BackupPlan", &mut sm, "/plan") {
                    Some((body, p)) => r.plan_body(&body, &p, false, &mut sm),
                    None => {
                        if !props.contains_key("BackupPlan") {
                            r.missing(
                                &ppath,
                                "BackupPlan",
                                "AWS::Backup::BackupPlan",
                                &mut sm,
                                "/plan",
                            );
                        }
                        BackupPlan::new("", Vec::new())
                    }
                };
                sm.paths.remove("/plan");
                plan.tags = r.string_map(&props, &ppath, "BackupPlanTags", &mut sm, "/tags");
                plan_names.insert(id.clone(), plan.name.clone());
                parsed.plans.push(finish(plan, sm));
            }
            "AWS::Backup::BackupVault" | "AWS::Backup::LogicallyAirGappedBackupVault" => {
                let lag = kind == "AWS::Backup::LogicallyAirGappedBackupVault";
                let vault = read_cfn_vault(&mut r, &template, id, &props, &ppath, &rpath, lag);
                parsed.vaults.push(vault);
            }
            _ => {}
        }
    }
    // Selections after plans, so a Ref to a plan finds its name.
    for (id, res) in resources {
        let Some(res) = res.as_object() else { continue };
        if res.get("Type").and_then(Value::as_str) != Some("AWS::Backup::BackupSelection") {
            continue;
        }
        let rpath = join("/Resources", id);
        let ppath = join(&rpath, "Properties");
        let Some(props) = res.get("Properties").and_then(Value::as_object) else {
            r.push(Issue::error(
                "missing_field",
                &ppath,
                format!("{id} needs Properties"),
            ));
            continue;
        };
        r.check_keys(
            props,
            &ppath,
            &["BackupPlanId", "BackupSelection"],
            "AWS::Backup::BackupSelection",
        );
        let mut sm = SourceMap::new(rpath.clone());
        let plan_name = props
            .get("BackupPlanId")
            .and_then(|v| plan_ref(v, &plan_names));
        sm.paths
            .insert("/plan_name".into(), join(&ppath, "BackupPlanId"));
        if plan_name.is_none() {
            if props.contains_key("BackupPlanId") {
                r.push(Issue::info(
                    "selection_plan_unknown",
                    join(&ppath, "BackupPlanId"),
                    format!("{id} assigns resources to a plan that is not in this template; its checks use every plan's rules"),
                ));
            } else {
                r.missing(
                    &ppath,
                    "BackupPlanId",
                    "AWS::Backup::BackupSelection",
                    &mut sm,
                    "/plan_name",
                );
            }
        }
        let mut sel = match r.object(props, &ppath, "BackupSelection", &mut sm, "/selection") {
            Some((body, p)) => r.selection_body(&body, &p, &mut sm),
            None => {
                if !props.contains_key("BackupSelection") {
                    r.missing(
                        &ppath,
                        "BackupSelection",
                        "AWS::Backup::BackupSelection",
                        &mut sm,
                        "/selection",
                    );
                }
                continue;
            }
        };
        sm.paths.remove("/selection");
        sel.plan_name = plan_name;
        sm.unresolved.sort();
        sm.unresolved.dedup();
        sel.source = Some(sm);
        parsed.selections.push(sel);
    }
    if !found_backup {
        return Err(Error::invalid(vec![Issue::error(
            "no_backup_plan",
            "/Resources",
            "the template has no AWS::Backup::BackupPlan, BackupSelection or BackupVault resource",
        )
        .in_input(INPUT)]));
    }
    if parsed.plans.is_empty() {
        r.push(Issue::warning(
            "no_backup_plan",
            "/Resources",
            "the template has no AWS::Backup::BackupPlan resource",
        ));
    }
    parsed.issues = r.issues;
    Ok(())
}

/// The plan name a selection's `BackupPlanId` refers to (`!Ref Plan` or `!GetAtt Plan.BackupPlanId`).
fn plan_ref(v: &Value, plans: &BTreeMap<String, String>) -> Option<String> {
    let id = match v {
        Value::Object(m) => match (m.get("Ref"), m.get("Fn::GetAtt")) {
            (Some(Value::String(s)), _) => Some(s.clone()),
            (_, Some(Value::Array(a))) => a.first().and_then(Value::as_str).map(str::to_owned),
            (_, Some(Value::String(s))) => s.split('.').next().map(str::to_owned),
            _ => None,
        },
        _ => None,
    }?;
    plans.get(&id).cloned()
}

fn read_cfn_vault(
    r: &mut Reader<'_>,
    template: &Template,
    id: &str,
    props: &Map<String, Value>,
    ppath: &str,
    rpath: &str,
    lag: bool,
) -> BackupVault {
    let mut sm = SourceMap::new(rpath);
    let common = [
        "BackupVaultName",
        "AccessPolicy",
        "BackupVaultTags",
        "EncryptionKeyArn",
        "Notifications",
    ];
    let mut allowed: Vec<&str> = common.to_vec();
    if lag {
        allowed.extend([
            "MinRetentionDays",
            "MaxRetentionDays",
            "MpaApprovalTeamArn",
            "VaultState",
            "VaultType",
        ]);
    } else {
        allowed.push("LockConfiguration");
    }
    r.check_keys(
        props,
        ppath,
        &allowed,
        if lag {
            "AWS::Backup::LogicallyAirGappedBackupVault"
        } else {
            "AWS::Backup::BackupVault"
        },
    );
    sm.paths
        .insert("/name".into(), join(ppath, "BackupVaultName"));
    let name = match props.get("BackupVaultName") {
        None => {
            r.push(Issue::info(
                "generated_vault_name",
                rpath,
                format!("{id} has no BackupVaultName, so CloudFormation generates one; drplan calls the vault {id:?}"),
            ));
            id.to_owned()
        }
        Some(_) => match template.vault_name(id, props, 0) {
            Resolution::Value(Value::String(s)) => s,
            Resolution::Unresolved(why) => {
                r.push(Issue::warning(
                    "unresolved_intrinsic",
                    join(ppath, "BackupVaultName"),
                    format!("cannot resolve this value: {why}"),
                ));
                sm.unresolved.push("/name".into());
                id.to_owned()
            }
            _ => {
                r.push(Issue::error(
                    "invalid_type",
                    join(ppath, "BackupVaultName"),
                    "expected a string",
                ));
                sm.unresolved.push("/name".into());
                id.to_owned()
            }
        },
    };
    let mut v = BackupVault::new(name);
    v.encryption_key_arn = r.string(
        props,
        ppath,
        "EncryptionKeyArn",
        &mut sm,
        "/encryption_key_arn",
    );
    if lag {
        v.vault_type = VaultType::LogicallyAirGappedBackupVault;
        let lock = VaultLock {
            min_retention_days: r.int(
                props,
                ppath,
                "MinRetentionDays",
                &mut sm,
                "/lock/min_retention_days",
            ),
            max_retention_days: r.int(
                props,
                ppath,
                "MaxRetentionDays",
                &mut sm,
                "/lock/max_retention_days",
            ),
            changeable_for_days: None,
            mode: None,
        };
        for (k, n) in [
            ("MinRetentionDays", "/lock/min_retention_days"),
            ("MaxRetentionDays", "/lock/max_retention_days"),
        ] {
            if !props.contains_key(k) {
                r.missing(
                    ppath,
                    k,
                    "AWS::Backup::LogicallyAirGappedBackupVault",
                    &mut sm,
                    n,
                );
            }
        }
        v.lock = Some(lock);
    } else if let Some((lc, lp)) = r.object(props, ppath, "LockConfiguration", &mut sm, "/lock") {
        r.check_keys(
            &lc,
            &lp,
            &["MinRetentionDays", "MaxRetentionDays", "ChangeableForDays"],
            "LockConfiguration",
        );
        v.lock = Some(VaultLock {
            min_retention_days: r.int(
                &lc,
                &lp,
                "MinRetentionDays",
                &mut sm,
                "/lock/min_retention_days",
            ),
            max_retention_days: r.int(
                &lc,
                &lp,
                "MaxRetentionDays",
                &mut sm,
                "/lock/max_retention_days",
            ),
            changeable_for_days: r.int(
                &lc,
                &lp,
                "ChangeableForDays",
                &mut sm,
                "/lock/changeable_for_days",
            ),
            mode: None,
        });
        // Source: aws-backup.md §10.1 (MinRetentionDays optional in the API, required in CloudFormation).
        if !lc.contains_key("MinRetentionDays") {
            r.missing(
                &lp,
                "MinRetentionDays",
                "LockConfiguration",
                &mut sm,
                "/lock/min_retention_days",
            );
        }
    }
    sm.unresolved.sort();
    sm.unresolved.dedup();
    v.source = Some(sm);
    v.normalize();
    v
}

// ---------------------------------------------------------------------------------------------
// Organizations backup policy (aws-backup.md §4, [ORG])

fn read_org_policy(m: &Map<String, Value>, parsed: &mut ParsedPlan) -> Result<(), Error> {
    let mut r = Reader::new(Dialect::Org, None);
    r.check_keys(m, "", &["plans"], "backup policy");
    let Some(plans) = m.get("plans").and_then(Value::as_object) else {
        return Err(Error::invalid(vec![Issue::error(
            "invalid_type",
            "/plans",
            "plans must be an object keyed by plan name",
        )
        .in_input(INPUT)]));
    };
    for (name, body) in plans {
        if name.starts_with("@@") {
            continue;
        }
        let path = join("/plans", name);
        let Some(body) = body.as_object() else {
            r.push(Issue::error(
                "invalid_type",
                &path,
                format!("plan {name} must be an object"),
            ));
            continue;
        };
        let (plan, sels) = read_org_plan(&mut r, name, body, &path);
        parsed.plans.push(plan);
        parsed.selections.extend(sels);
    }
    if parsed.plans.is_empty() {
        r.push(Issue::warning(
            "no_backup_plan",
            "/plans",
            "the policy defines no plan",
        ));
    }
    parsed.issues = r.issues;
    Ok(())
}

/// Organizations names for the advanced backup options (only `ec2.windows_vss` is in the AWS
/// sample; the shape is UNCONFIRMED per aws-backup.md §4, so other keys are kept as written).
fn org_option_name(key: &str) -> String {
    match key {
        "windows_vss" => "WindowsVSS".to_owned(),
        other => other.to_owned(),
    }
}

fn read_org_plan(
    r: &mut Reader<'_>,
    name: &str,
    body: &Map<String, Value>,
    path: &str,
) -> (BackupPlan, Vec<BackupSelection>) {
    r.check_keys(
        body,
        path,
        &[
            "regions",
            "rules",
            "selections",
            "advanced_backup_settings",
            "backup_plan_tags",
        ],
        "plan",
    );
    let mut sm = SourceMap::new(path);
    sm.paths.insert("/name".into(), path.to_owned());
    let mut plan = BackupPlan::new(name, Vec::new());
    plan.regions = r.string_list(body, path, "regions", &mut sm, "/regions");
    plan.tags = org_tags(r, body, path, "backup_plan_tags", &mut sm, "/tags");
    if let Some((rules, rp)) = r.object(body, path, "rules", &mut sm, "/rules") {
        for (rname, rule) in &rules {
            if rname.starts_with("@@") {
                continue;
            }
            let norm = format!("/rules/{}", plan.rules.len());
            let p = join(&rp, rname);
            sm.paths.insert(norm.clone(), p.clone());
            sm.paths.insert(format!("{norm}/name"), p.clone());
            let Got::Val(Value::Object(rm), p) = r.value(rule, &p) else {
                r.push(Issue::error(
                    "invalid_type",
                    &p,
                    format!("rule {rname} must be an object"),
                ));
                continue;
            };
            plan.rules
                .push(read_org_rule(r, rname, &rm, &p, &mut sm, &norm));
        }
    } else if !body.contains_key("rules") {
        r.missing(path, "rules", "plan", &mut sm, "/rules");
    }
    if let Some((adv, ap)) = r.object(
        body,
        path,
        "advanced_backup_settings",
        &mut sm,
        "/advanced_backup_settings",
    ) {
        for (rtype, opts) in &adv {
            if rtype.starts_with("@@") {
                continue;
            }
            let norm = format!(
                "/advanced_backup_settings/{}",
                plan.advanced_backup_settings.len()
            );
            let p = join(&ap, rtype);
            sm.paths.insert(norm.clone(), p.clone());
            sm.paths.insert(format!("{norm}/resource_type"), p.clone());
            let Got::Val(Value::Object(om), op) = r.value(opts, &p) else {
                continue;
            };
            let mut options = BTreeMap::new();
            for k in om.keys().filter(|k| !k.starts_with("@@")) {
                let key = org_option_name(k);
                let n = format!("{norm}/backup_options/{key}");
                if let Some(s) = r.string(&om, &op, k, &mut sm, &n) {
                    options.insert(key, s);
                }
            }
            plan.advanced_backup_settings.push(AdvancedBackupSetting {
                resource_type: rtype.to_uppercase(),
                backup_options: options,
            });
        }
    }
    let mut selections = Vec::new();
    if let Some((sels, sp)) = r.object(body, path, "selections", &mut sm, "/selections") {
        r.check_keys(&sels, &sp, &["tags", "resources"], "selections");
        for kind in ["tags", "resources"] {
            let mut ignore = SourceMap::default();
            let Some((group, gp)) = r.object(&sels, &sp, kind, &mut ignore, "") else {
                continue;
            };
            for (sname, sbody) in &group {
                if sname.starts_with("@@") {
                    continue;
                }
                let p = join(&gp, sname);
                let Got::Val(Value::Object(sb), p) = r.value(sbody, &p) else {
                    r.push(Issue::error(
                        "invalid_type",
                        &p,
                        format!("selection {sname} must be an object"),
                    ));
                    continue;
                };
                selections.push(read_org_selection(r, name, sname, kind, &sb, &p));
            }
        }
    }
    (finish(plan, sm), selections)
}

fn org_tags(
    r: &mut Reader<'_>,
    obj: &Map<String, Value>,
    path: &str,
    key: &str,
    sm: &mut SourceMap,
    norm: &str,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Some((tags, tp)) = r.object(obj, path, key, sm, norm) else {
        return out;
    };
    for (tname, t) in &tags {
        if tname.starts_with("@@") {
            continue;
        }
        let p = join(&tp, tname);
        let Some(t) = t.as_object() else {
            r.push(Issue::error(
                "invalid_type",
                &p,
                "a tag must be {tag_key, tag_value}",
            ));
            continue;
        };
        r.check_keys(t, &p, &["tag_key", "tag_value"], "tag");
        let mut scratch = SourceMap::default();
        let k = r.string(t, &p, "tag_key", &mut scratch, "/k");
        let v = r.string(t, &p, "tag_value", &mut scratch, "/v");
        match (k, v) {
            (Some(k), Some(v)) => {
                sm.paths.insert(join(norm, &k), p.clone());
                out.insert(k, v);
            }
            _ => {
                if !t.contains_key("tag_key") || !t.contains_key("tag_value") {
                    r.push(Issue::error(
                        "missing_field",
                        &p,
                        "a tag needs tag_key and tag_value",
                    ));
                }
            }
        }
    }
    out
}

fn read_org_rule(
    r: &mut Reader<'_>,
    name: &str,
    obj: &Map<String, Value>,
    path: &str,
    sm: &mut SourceMap,
    norm: &str,
) -> BackupRule {
    r.check_keys(
        obj,
        path,
        &[
            "schedule_expression",
            "schedule_expression_timezone",
            "start_backup_window_minutes",
            "complete_backup_window_minutes",
            "lifecycle",
            "target_backup_vault_name",
            "recovery_point_tags",
            "copy_actions",
            "enable_continuous_backup",
        ],
        "rule",
    );
    let f = |s: &str| format!("{norm}/{s}");
    let vault = r.required_string(
        obj,
        path,
        "target_backup_vault_name",
        "rule",
        sm,
        &f("target_vault_name"),
    );
    let mut rule = BackupRule::new(name, vault);
    rule.schedule_expression = r.string(
        obj,
        path,
        "schedule_expression",
        sm,
        &f("schedule_expression"),
    );
    // The key is UNCONFIRMED (aws-backup.md §4); read it when present.
    rule.schedule_expression_timezone = r.string(
        obj,
        path,
        "schedule_expression_timezone",
        sm,
        &f("schedule_expression_timezone"),
    );
    rule.start_window_minutes = r.int(
        obj,
        path,
        "start_backup_window_minutes",
        sm,
        &f("start_window_minutes"),
    );
    rule.completion_window_minutes = r.int(
        obj,
        path,
        "complete_backup_window_minutes",
        sm,
        &f("completion_window_minutes"),
    );
    rule.enable_continuous_backup = r.bool(
        obj,
        path,
        "enable_continuous_backup",
        sm,
        &f("enable_continuous_backup"),
    );
    rule.lifecycle = org_lifecycle(r, obj, path, sm, &f("lifecycle"));
    rule.recovery_point_tags = org_tags(
        r,
        obj,
        path,
        "recovery_point_tags",
        sm,
        &f("recovery_point_tags"),
    );
    if let Some((copies, cp)) = r.object(obj, path, "copy_actions", sm, &f("copy_actions")) {
        for (key, c) in &copies {
            if key.starts_with("@@") {
                continue;
            }
            let cn = format!("{norm}/copy_actions/{}", rule.copy_actions.len());
            let p = join(&cp, key);
            sm.paths.insert(cn.clone(), p.clone());
            let Got::Val(Value::Object(cm), p) = r.value(c, &p) else {
                r.push(Issue::error(
                    "invalid_type",
                    &p,
                    "a copy action must be an object",
                ));
                continue;
            };
            r.check_keys(
                &cm,
                &p,
                &["target_backup_vault_arn", "lifecycle"],
                "copy action",
            );
            let arn = r.string(
                &cm,
                &p,
                "target_backup_vault_arn",
                sm,
                &format!("{cn}/destination_vault_arn"),
            );
            let arn = match arn {
                Some(a) => {
                    // Source: aws-backup.md §4 ([ORG]: the map key must equal the target ARN).
                    if &a != key {
                        r.push(
                            Issue::error(
                                "copy_action_key_mismatch",
                                join(&p, "target_backup_vault_arn"),
                                format!("the copy action's key {key:?} differs from its target_backup_vault_arn {a:?}"),
                            )
                            .with_hint("Organizations requires the key under copy_actions to equal the target vault ARN (aws-backup.md §4)"),
                        );
                    }
                    a
                }
                None => {
                    if !cm.contains_key("target_backup_vault_arn") {
                        r.missing(
                            &p,
                            "target_backup_vault_arn",
                            "copy action",
                            sm,
                            &format!("{cn}/destination_vault_arn"),
                        );
                    }
                    key.clone()
                }
            };
            let lifecycle = org_lifecycle(r, &cm, &p, sm, &format!("{cn}/lifecycle"));
            rule.copy_actions.push(CopyAction::new(arn, lifecycle));
        }
    }
    rule
}

fn org_lifecycle(
    r: &mut Reader<'_>,
    obj: &Map<String, Value>,
    path: &str,
    sm: &mut SourceMap,
    norm: &str,
) -> Option<Lifecycle> {
    let (m, p) = r.object(obj, path, "lifecycle", sm, norm)?;
    r.check_keys(
        &m,
        &p,
        &[
            "move_to_cold_storage_after_days",
            "delete_after_days",
            "opt_in_to_archive_for_supported_resources",
        ],
        "lifecycle",
    );
    let f = |s: &str| format!("{norm}/{s}");
    Some(Lifecycle {
        move_to_cold_after_days: r.int(
            &m,
            &p,
            "move_to_cold_storage_after_days",
            sm,
            &f("move_to_cold_after_days"),
        ),
        delete_after_days: r.int(&m, &p, "delete_after_days", sm, &f("delete_after_days")),
        opt_in_to_archive_for_supported_resources: r.bool(
            &m,
            &p,
            "opt_in_to_archive_for_supported_resources",
            sm,
            &f("opt_in_to_archive_for_supported_resources"),
        ),
        delete_after_event: None,
    })
}

fn read_org_selection(
    r: &mut Reader<'_>,
    plan: &str,
    name: &str,
    kind: &str,
    obj: &Map<String, Value>,
    path: &str,
) -> BackupSelection {
    let mut sm = SourceMap::new(path);
    sm.paths.insert("/name".into(), path.to_owned());
    let mut sel = BackupSelection {
        name: name.to_owned(),
        plan_name: Some(plan.to_owned()),
        iam_role_arn: None,
        resources: Vec::new(),
        not_resources: Vec::new(),
        list_of_tags: Vec::new(),
        conditions: SelectionConditions::default(),
        source: None,
    };
    if obj.contains_key("iam_role_arn") {
        sel.iam_role_arn = r.string(obj, path, "iam_role_arn", &mut sm, "/iam_role_arn");
    } else {
        sm.paths
            .insert("/iam_role_arn".into(), join(path, "iam_role_arn"));
        r.missing(path, "iam_role_arn", "selection", &mut sm, "/iam_role_arn");
    }
    if kind == "tags" {
        r.check_keys(
            obj,
            path,
            &["iam_role_arn", "tag_key", "tag_value"],
            "tag selection",
        );
        let key = r.string(obj, path, "tag_key", &mut sm, "/tag_key");
        let key_path = sm.paths.remove("/tag_key").unwrap_or_default();
        let values = r.string_list(obj, path, "tag_value", &mut sm, "/list_of_tags");
        if let Some(key) = key {
            // Several values for one key are ORed, exactly like ListOfTags entries (§3).
            for (i, v) in values.into_iter().enumerate() {
                sm.paths
                    .insert(format!("/list_of_tags/{i}/key"), key_path.clone());
                sel.list_of_tags.push(TagCondition {
                    condition_type: "STRINGEQUALS".into(),
                    key: key.clone(),
                    value: v,
                });
            }
        } else if !obj.contains_key("tag_key") {
            r.missing(path, "tag_key", "tag selection", &mut sm, "/list_of_tags");
        }
        if sm.unresolved.iter().any(|u| u == "/tag_key") {
            sm.unresolved.push("/list_of_tags".into());
        }
    } else {
        // `selections.resources` is not in drplan's sources (UNCONFIRMED shape): read the
        // resource lists when present, ignore the rest with a warning.
        r.check_keys(
            obj,
            path,
            &["iam_role_arn", "resource_types", "not_resource_types"],
            "resource selection",
        );
        sel.resources = r.string_list(obj, path, "resource_types", &mut sm, "/resources");
        sel.not_resources =
            r.string_list(obj, path, "not_resource_types", &mut sm, "/not_resources");
    }
    sm.unresolved.sort();
    sm.unresolved.dedup();
    sel.source = Some(sm);
    sel
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::panic)]
mod tests {
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
    fn an_unresolvable_plan_body_gives_warnings_not_errors() {
        let text = r#"{"Conditions": {"Prod": {"Fn::Equals": ["a", "a"]}}, "Resources": {"P": {"Type": "AWS::Backup::BackupPlan",
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
}
