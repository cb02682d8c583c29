//! Importers: AWS CLI/API JSON, CloudFormation (JSON or YAML), Organizations backup policies.
//!
//! Every shape is read into the normalized model ([`super::model`]) through one [`Reader`] that
//! knows the dialect's quirks (aws-backup.md §4): CloudFormation intrinsics and numbers given as
//! strings; Organizations' `@@assign` wrappers, string numbers and name-keyed maps. Each field
//! read is recorded in the object's [`SourceMap`] (normalized pointer → original pointer), so
//! validation can report into the user's own document. Problems never abort the import: they
//! become issues (`input: "document"`) and the field is left unset and marked unresolved.

mod body;
mod cloudformation;
mod intrinsics;
mod organizations;
pub mod position;
pub(crate) mod restore_testing;
mod shape;
#[cfg(test)]
mod tests;
pub(super) mod yaml;

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::model::*;
use crate::boundary::type_name;
use crate::error::{join, Error, ErrorCode, Issue};
use intrinsics::{Resolution, Template};

use cloudformation::read_cloudformation;
use organizations::read_org_policy;
use shape::{finish, read_envelope};

pub use shape::detect_shape;

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
    /// Set when the last value resolved holds a pseudo-parameter placeholder (`${AWS::Region}`…)
    /// that CloudFormation substitutes at deploy; [`Reader::field`] records it in the source map.
    substituted: bool,
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
            substituted: false,
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
        let got = self.value_in_dialect(v, path);
        // An Organizations policy inside a CloudFormation template (aws-backup.md §16.3): the
        // values under its operators may be intrinsic functions of that template.
        match got {
            Got::Val(x, p)
                if self.dialect == Dialect::Org
                    && self.template.is_some()
                    && intrinsics::is_intrinsic(&x) =>
            {
                self.resolve_cfn(&x, &p)
            }
            other => other,
        }
    }

    fn resolve_cfn(&mut self, v: &Value, path: &str) -> Got {
        let Some(t) = self.template else {
            return Got::Val(v.clone(), path.to_owned());
        };
        let resolved = t.resolve(v);
        t.note_over_budget(path);
        match resolved {
            Resolution::Value(x) => {
                if x.as_str().is_some_and(intrinsics::has_pseudo) {
                    self.substituted = true;
                }
                Got::Val(x, path.to_owned())
            }
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

    fn value_in_dialect(&mut self, v: &Value, path: &str) -> Got {
        if self.dialect != Dialect::Org {
            if let Value::String(s) = v {
                self.org_variable(s, path);
            }
        }
        match self.dialect {
            Dialect::Api => Got::Val(v.clone(), path.to_owned()),
            Dialect::Cfn => {
                if !intrinsics::is_intrinsic(v) {
                    if let (Value::String(s), Some(t)) = (v, self.template) {
                        self.literal_substitution(t, s, path);
                    }
                    return Got::Val(v.clone(), path.to_owned());
                }
                self.resolve_cfn(v, path)
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
        self.substituted = false;
        match self.get(obj, obj_path, key) {
            Got::Absent => None,
            Got::Unknown => {
                sm.unresolved.push(norm.to_owned());
                None
            }
            Got::Val(v, p) => {
                if std::mem::take(&mut self.substituted) {
                    sm.substituted.push(norm.to_owned());
                }
                Some((v, p))
            }
        }
    }

    /// An Organizations policy variable (`$account`, `$region`) outside a policy: only
    /// Organizations substitutes it, so the API and CloudFormation keep the literal text
    /// (aws-backup.md §16.5).
    fn org_variable(&mut self, s: &str, path: &str) {
        if let Some(var) = ["$account", "$region"]
            .into_iter()
            .find(|var| has_variable(s, var))
        {
            let what = match self.dialect {
                Dialect::Cfn => "CloudFormation",
                _ => "the AWS Backup API",
            };
            self.push(
                Issue::error(
                    "org_variable",
                    path,
                    format!("{var} is a variable of Organizations backup policies; {what} does not substitute it, so the value keeps the text {var}"),
                )
                .with_hint("write the account or Region (in CloudFormation: !Sub with ${AWS::AccountId} or ${AWS::Region}); aws-backup.md §16.5"),
            );
        }
    }

    /// A plain string (no `Fn::Sub`) in a template that names `${…}` something `Fn::Sub` would
    /// substitute: CloudFormation leaves the text as written (aws-backup.md §16.5, cfn-lint E1029).
    fn literal_substitution(&mut self, t: &Template, s: &str, path: &str) {
        if let Some(name) = intrinsics::substitutable_names(s).find(|n| t.substitutable(n)) {
            let shown = crate::budget::echo(name);
            self.push(
                Issue::error(
                    "literal_substitution",
                    path,
                    format!("\"${{{shown}}}\" is in a plain string: CloudFormation substitutes variables only inside Fn::Sub, so the deployed value keeps the text \"${{{shown}}}\""),
                )
                .with_hint("write the value as !Sub \"…\" (or {\"Fn::Sub\": \"…\"}); aws-backup.md §16.5"),
            );
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
                        Got::Unknown => {
                            let types = self
                                .template
                                .map(|t| t.resource_types_of(item))
                                .unwrap_or_default();
                            sm.unresolved_items.insert(
                                join(&p, i),
                                types.iter().map(|t| (*t).to_owned()).collect(),
                            );
                            sm.unresolved.push(join(norm, out.len()));
                        }
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

/// Whether `s` holds the variable `var` as a word (`$account`, not `$accounts`).
fn has_variable(s: &str, var: &str) -> bool {
    s.match_indices(var).any(|(i, _)| {
        !s.get(i + var.len()..)
            .and_then(|t| t.chars().next())
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    })
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
// Entry points

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
        // drplan's depth and surrogate checks first, the same error at any depth.
        crate::boundary::scan_text(INPUT, trimmed)?;
        match crate::boundary::parse_text_checked(trimmed) {
            Ok((v, issues)) => return Ok((v, DocumentFormat::Json, issues)),
            Err(e) => {
                // YAML flow style (`{a: b}`) is not JSON but may still be YAML.
                match yaml::parse(trimmed) {
                    Ok((v, issues)) if v.is_object() => {
                        return Ok((v, DocumentFormat::Yaml, issues));
                    }
                    Err(e) if e.over_budget.is_some() => return Err(yaml_error(e)),
                    _ => {}
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
        Err(e) => Err(yaml_error(e)),
    }
}

fn yaml_error(e: yaml::YamlError) -> Error {
    if let Some((path, needed)) = e.over_budget {
        return crate::budget::over(
            INPUT,
            &path,
            &format!("expanding the YAML aliases (line {})", e.line),
            needed,
            crate::budget::YAML_ALIAS_BYTES,
            "bytes",
        );
    }
    let msg = format!(
        "invalid YAML at line {} column {}: {}",
        e.line,
        e.column,
        crate::budget::echo(&e.message)
    );
    Error::new(
        ErrorCode::InvalidJson,
        msg.clone(),
        vec![Issue::error("yaml_syntax", "", msg).in_input(INPUT)],
    )
}

/// A `get-backup-plan-from-template` output is a template's plan: AWS's own example leaves out
/// `BackupPlanName` and each rule's `TargetBackupVaultName`, which the user supplies when
/// creating a plan from it (aws-backup.md §16.2). Their absence is a warning, not an error.
fn template_names_to_fill(issues: &mut [Issue]) {
    for i in issues.iter_mut() {
        if i.code == "missing_field"
            && (i.path.ends_with("/BackupPlanName") || i.path.ends_with("/TargetBackupVaultName"))
        {
            let field = i.path.rsplit('/').next().unwrap_or("").to_owned();
            *i = Issue::warning(
                "template_field_to_fill",
                std::mem::take(&mut i.path),
                format!(
                    "a plan template leaves {field} to be filled in; create-backup-plan needs it"
                ),
            )
            .with_hint("add it before creating a plan from this document (aws-backup.md §16.2)")
            .in_input(INPUT);
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
            // A `get-backup-plan-from-template` output holds the body under one key.
            let (body, base) = match m.get(shape::TEMPLATE_OUTPUT_KEY) {
                Some(Value::Object(inner)) if !m.contains_key("BackupPlanName") => {
                    (inner.clone(), format!("/{}", shape::TEMPLATE_OUTPUT_KEY))
                }
                _ => (m.clone(), String::new()),
            };
            let mut sm = SourceMap::new(&base);
            let plan = r.plan_body(&body, &base, false, &mut sm);
            parsed.plans.push(finish(plan, sm));
            parsed.issues = r.issues;
            if !base.is_empty() {
                template_names_to_fill(&mut parsed.issues);
            }
        }
        PlanShape::CloudformationTemplate => read_cloudformation(&m, &mut parsed)?,
        PlanShape::OrganizationsPolicy => read_org_policy(&m, &mut parsed)?,
    }
    Ok(parsed)
}

/// Read one `BackupSelection` body of the API (`get-backup-selection`'s `BackupSelection`) at
/// JSON pointer `path` of a document: the selection and the problems met (paths into the
/// document, `input: "document"`), as a template's selection is read.
pub(crate) fn read_api_selection(
    obj: &Map<String, Value>,
    path: &str,
) -> (BackupSelection, Vec<Issue>) {
    let mut r = Reader::new(Dialect::Api, None);
    let mut sm = SourceMap::new(path);
    let mut sel = r.selection_body(obj, path, &mut sm);
    sm.unresolved.sort();
    sm.unresolved.dedup();
    sel.source = Some(sm);
    (sel, r.issues)
}
