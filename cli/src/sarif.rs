//! SARIF 2.1.0 output (OASIS Static Analysis Results Interchange Format), as GitHub code
//! scanning and editors read it: one run, one rule per stable issue code, one result per
//! finding with its physical location (artifact URI relative to the working folder, start line
//! and column in Unicode code points) and the JSON pointer as a logical location.

use std::collections::BTreeMap;
use std::path::{Component, Path};

use drplan::Severity;
use serde_json::{json, Value};

use crate::lint::{FileReport, Finding, Outcome};

/// The schema URI SARIF 2.1.0 logs name.
pub(crate) const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `start_window_too_short` → `StartWindowTooShort` (SARIF's rule `name`).
fn camel(code: &str) -> String {
    code.split('_')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

/// The first citation of drplan's domain reference in a text (`aws-backup.md §5.2 W1`).
pub(crate) fn citation(text: &str) -> Option<String> {
    let at = text.find(".md §")?;
    let start = text
        .get(..at)?
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .map_or(0, |i| i + 1);
    let rest = text.get(at + ".md §".len()..)?;
    let num = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    let section = rest.get(..num)?.trim_end_matches('.');
    if section.is_empty() {
        return None;
    }
    let mut out = format!("{}.md §{section}", text.get(start..at)?);
    // A rule id after the section (`W1`, `L2`, `S7`).
    if let Some(tail) = rest.get(num..).and_then(|t| t.strip_prefix(' ')) {
        let word: String = tail
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let mut cs = word.chars();
        if cs.next().is_some_and(|c| c.is_ascii_uppercase())
            && !word.is_empty()
            && cs.clone().next().is_some()
            && cs.all(|c| c.is_ascii_digit())
        {
            out.push(' ');
            out.push_str(&word);
        }
    }
    Some(out)
}

/// Percent-encode a relative path for a URI reference (RFC 3986: unreserved, `/` kept).
fn uri_path(parts: &[String]) -> String {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push('/');
        }
        for b in p.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~@!$&'()*+,;=".contains(&b) {
                out.push(char::from(b));
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// The artifact location of a file: relative to `cwd` (with `uriBaseId: %SRCROOT%`) when it
/// lies inside it, an absolute `file://` URI otherwise.
fn artifact(r: &FileReport, cwd: Option<&Path>) -> Value {
    let Some(path) = &r.path else {
        return json!({"uri": "stdin"});
    };
    let absolute = match cwd {
        Some(c) if path.is_relative() => c.join(path),
        _ => path.clone(),
    };
    // Lexical normalisation (`a/./b`, `a/../b`); symbolic links are not resolved.
    let mut parts: Vec<String> = Vec::new();
    for c in absolute.components() {
        match c {
            Component::ParentDir => {
                parts.pop();
            }
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    let root: Vec<String> = cwd
        .map(|c| {
            c.components()
                .filter_map(|x| match x {
                    Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    if cwd.is_some() && parts.len() > root.len() && parts.starts_with(&root) {
        json!({"uri": uri_path(parts.get(root.len()..).unwrap_or(&[])), "uriBaseId": SRCROOT})
    } else {
        json!({"uri": format!("file:///{}", uri_path(&parts))})
    }
}

fn dir_uri(cwd: &Path) -> String {
    let parts: Vec<String> = cwd
        .components()
        .filter_map(|x| match x {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    if parts.is_empty() {
        "file:///".to_owned()
    } else {
        format!("file:///{}/", uri_path(&parts))
    }
}

fn result(f: &Finding, rule_index: usize, r: &FileReport, cwd: Option<&Path>) -> Value {
    let i = &f.issue;
    let text = match &i.hint {
        Some(h) => format!("{} (hint: {h})", i.message),
        None => i.message.clone(),
    };
    let mut physical = json!({"artifactLocation": artifact(r, cwd)});
    if let (Some(p), Some(o)) = (f.position, physical.as_object_mut()) {
        o.insert(
            "region".into(),
            json!({"startLine": p.line, "startColumn": p.column}),
        );
    }
    let mut location = json!({"physicalLocation": physical});
    if !i.path.is_empty() {
        if let Some(o) = location.as_object_mut() {
            o.insert(
                "logicalLocations".into(),
                json!([{"fullyQualifiedName": i.path}]),
            );
        }
    }
    json!({
        "ruleId": i.code,
        "ruleIndex": rule_index,
        "level": level(i.severity),
        "message": {"text": text},
        "locations": [location],
        "properties": {"pointer": i.path, "input": i.input, "exactLocation": f.exact},
    })
}

/// The SARIF log of a lint run.
pub(crate) fn sarif(
    reports: &[FileReport],
    cwd: Option<&Path>,
    shown: &dyn Fn(&&Finding) -> bool,
) -> Value {
    // One rule per code, in order of first appearance; its help from the first finding.
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut rules: Vec<Value> = Vec::new();
    let mut results: Vec<Value> = Vec::new();
    let mut notifications: Vec<Value> = Vec::new();
    for r in reports {
        match &r.outcome {
            Outcome::NoPlan { reason } => notifications.push(json!({
                "level": "note",
                "message": {"text": format!("{}: no backup plan here ({reason})", r.display)},
                "locations": [{"physicalLocation": {"artifactLocation": artifact(r, cwd)}}],
            })),
            Outcome::Unreadable { message } if r.findings.is_empty() => notifications.push(json!({
                "level": "error",
                "message": {"text": format!("{}: cannot read: {message}", r.display)},
                "locations": [{"physicalLocation": {"artifactLocation": artifact(r, cwd)}}],
            })),
            _ => {}
        }
        for f in r.findings.iter().filter(|f| shown(f)) {
            let i = &f.issue;
            let k = match index.get(i.code.as_str()) {
                Some(k) => *k,
                None => {
                    let k = rules.len();
                    index.insert(&i.code, k);
                    let help = match &i.hint {
                        Some(h) => format!("{} {h}", i.message),
                        None => i.message.clone(),
                    };
                    let mut props = json!({"tags": ["aws-backup"]});
                    let source = i
                        .hint
                        .as_deref()
                        .and_then(citation)
                        .or_else(|| citation(&i.message));
                    if let (Some(s), Some(o)) = (source, props.as_object_mut()) {
                        o.insert("source".into(), Value::String(s));
                    }
                    rules.push(json!({
                        "id": i.code,
                        "name": camel(&i.code),
                        "shortDescription": {"text": i.code.replace('_', " ")},
                        "fullDescription": {"text": i.message},
                        "help": {"text": help},
                        "defaultConfiguration": {"level": level(i.severity)},
                        "properties": props,
                    }));
                    k
                }
            };
            results.push(result(f, k, r, cwd));
        }
    }
    let unreadable = reports
        .iter()
        .any(|r| matches!(r.outcome, Outcome::Unreadable { .. }));
    let mut run = json!({
        "tool": {"driver": {
            "name": "drplan",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "informationUri": "https://example.invalid/drplan",
            "rules": rules,
        }},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "invocations": [{
            "executionSuccessful": !unreadable,
            "toolExecutionNotifications": notifications,
        }],
    });
    if let (Some(c), Some(o)) = (cwd, run.as_object_mut()) {
        o.insert(
            "originalUriBaseIds".into(),
            json!({SRCROOT: {"uri": dir_uri(c)}}),
        );
    }
    json!({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_are_found_in_hints() {
        assert_eq!(
            citation("aws-backup.md §5.1 P1 ([BC-backup])").as_deref(),
            Some("aws-backup.md §5.1 P1")
        );
        assert_eq!(
            citation("split the plan; aws-backup.md §13 (not adjustable)").as_deref(),
            Some("aws-backup.md §13")
        );
        assert_eq!(
            citation("see dr-strategies.md §5.2.").as_deref(),
            Some("dr-strategies.md §5.2")
        );
        assert_eq!(citation("no source"), None);
    }

    #[test]
    fn names_and_uris() {
        assert_eq!(camel("start_window_too_short"), "StartWindowTooShort");
        assert_eq!(
            uri_path(&["a b".into(), "é@x.yaml".into()]),
            "a%20b/%C3%A9@x.yaml"
        );
    }
}
