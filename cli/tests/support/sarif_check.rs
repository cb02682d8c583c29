//! A hand-written checker of the SARIF 2.1.0 structure drplan writes.
//!
//! The OASIS schema file (sarif-schema-2.1.0.json) is published under the OASIS IPR policy, not
//! an open-source licence, so it is not committed here. This checker encodes, for every object
//! drplan emits, the schema's required properties, types, enumerations and minimums, and refuses
//! any property the schema does not define for that object (stricter than the schema, whose
//! objects accept extra data only inside `properties` bags).

use serde_json::{Map, Value};

type R = Result<(), String>;

fn obj<'a>(
    v: &'a Value,
    at: &str,
    allowed: &[&str],
    required: &[&str],
) -> Result<&'a Map<String, Value>, String> {
    let m = v
        .as_object()
        .ok_or_else(|| format!("{at}: not an object"))?;
    for k in m.keys() {
        if !allowed.contains(&k.as_str()) {
            return Err(format!(
                "{at}: property {k:?} is not a SARIF property of this object"
            ));
        }
    }
    for k in required {
        if !m.contains_key(*k) {
            return Err(format!("{at}: required property {k:?} is missing"));
        }
    }
    Ok(m)
}

fn string(v: Option<&Value>, at: &str) -> R {
    match v {
        None | Some(Value::String(_)) => Ok(()),
        _ => Err(format!("{at}: not a string")),
    }
}

fn int_min(v: Option<&Value>, min: i64, at: &str) -> R {
    match v {
        None => Ok(()),
        Some(x) => match x.as_i64() {
            Some(n) if n >= min => Ok(()),
            _ => Err(format!("{at}: not an integer ≥ {min}")),
        },
    }
}

fn one_of(v: Option<&Value>, values: &[&str], at: &str) -> R {
    match v {
        None => Ok(()),
        Some(Value::String(s)) if values.contains(&s.as_str()) => Ok(()),
        Some(x) => Err(format!("{at}: {x} is not one of {values:?}")),
    }
}

fn array<'a>(v: Option<&'a Value>, at: &str) -> Result<&'a [Value], String> {
    match v {
        None => Ok(&[]),
        Some(Value::Array(a)) => Ok(a),
        _ => Err(format!("{at}: not an array")),
    }
}

const LEVELS: &[&str] = &["none", "note", "warning", "error"];

/// `message` (§3.11): `text` or `id` required.
fn message(v: &Value, at: &str) -> R {
    let m = obj(
        v,
        at,
        &["text", "markdown", "id", "arguments", "properties"],
        &[],
    )?;
    if !m.contains_key("text") && !m.contains_key("id") {
        return Err(format!("{at}: a message needs text or id"));
    }
    string(m.get("text"), &format!("{at}/text"))
}

/// `multiformatMessageString` (§3.12): `text` required.
fn mfms(v: Option<&Value>, at: &str) -> R {
    match v {
        None => Ok(()),
        Some(v) => {
            let m = obj(v, at, &["text", "markdown", "properties"], &["text"])?;
            string(m.get("text"), &format!("{at}/text"))
        }
    }
}

fn properties(v: Option<&Value>, at: &str) -> R {
    match v {
        None => Ok(()),
        Some(v) => {
            let m = v
                .as_object()
                .ok_or_else(|| format!("{at}: a property bag is an object"))?;
            if let Some(tags) = m.get("tags") {
                let t = array(Some(tags), &format!("{at}/tags"))?;
                let mut seen = std::collections::BTreeSet::new();
                for x in t {
                    let s = x
                        .as_str()
                        .ok_or_else(|| format!("{at}/tags: strings only"))?;
                    if !seen.insert(s) {
                        return Err(format!("{at}/tags: {s} twice (uniqueItems)"));
                    }
                }
            }
            Ok(())
        }
    }
}

fn artifact_location(v: &Value, at: &str) -> R {
    let m = obj(
        v,
        at,
        &["uri", "uriBaseId", "index", "description", "properties"],
        &[],
    )?;
    string(m.get("uri"), &format!("{at}/uri"))?;
    if let Some(Value::String(u)) = m.get("uri") {
        if u.contains(' ') || u.contains('\\') {
            return Err(format!("{at}/uri: {u:?} is not a URI reference"));
        }
    }
    string(m.get("uriBaseId"), &format!("{at}/uriBaseId"))
}

fn region(v: &Value, at: &str) -> R {
    let m = obj(
        v,
        at,
        &[
            "startLine",
            "startColumn",
            "endLine",
            "endColumn",
            "charOffset",
            "charLength",
            "byteOffset",
            "byteLength",
            "snippet",
            "message",
            "sourceLanguage",
            "properties",
        ],
        &[],
    )?;
    int_min(m.get("startLine"), 1, &format!("{at}/startLine"))?;
    int_min(m.get("startColumn"), 1, &format!("{at}/startColumn"))?;
    // A region needs a start: a line, a character or a byte offset (§3.30.2).
    if !["startLine", "charOffset", "byteOffset"]
        .iter()
        .any(|k| m.contains_key(*k))
    {
        return Err(format!("{at}: no start"));
    }
    Ok(())
}

fn location(v: &Value, at: &str) -> R {
    let m = obj(
        v,
        at,
        &[
            "id",
            "physicalLocation",
            "logicalLocations",
            "message",
            "annotations",
            "relationships",
            "properties",
        ],
        &[],
    )?;
    if let Some(p) = m.get("physicalLocation") {
        let pat = format!("{at}/physicalLocation");
        let pm = obj(
            p,
            &pat,
            &[
                "address",
                "artifactLocation",
                "region",
                "contextRegion",
                "properties",
            ],
            &[],
        )?;
        if !pm.contains_key("artifactLocation") && !pm.contains_key("address") {
            return Err(format!("{pat}: needs artifactLocation or address"));
        }
        if let Some(a) = pm.get("artifactLocation") {
            artifact_location(a, &format!("{pat}/artifactLocation"))?;
        }
        if let Some(r) = pm.get("region") {
            region(r, &format!("{pat}/region"))?;
        }
    }
    for (i, l) in array(m.get("logicalLocations"), at)?.iter().enumerate() {
        let lat = format!("{at}/logicalLocations/{i}");
        let lm = obj(
            l,
            &lat,
            &[
                "name",
                "index",
                "fullyQualifiedName",
                "decoratedName",
                "parentIndex",
                "kind",
                "properties",
            ],
            &[],
        )?;
        string(lm.get("fullyQualifiedName"), &lat)?;
    }
    Ok(())
}

fn rule(v: &Value, at: &str) -> R {
    let m = obj(
        v,
        at,
        &[
            "id",
            "deprecatedIds",
            "guid",
            "deprecatedGuids",
            "name",
            "deprecatedNames",
            "shortDescription",
            "fullDescription",
            "messageStrings",
            "defaultConfiguration",
            "helpUri",
            "help",
            "relationships",
            "properties",
        ],
        &["id"],
    )?;
    string(m.get("id"), &format!("{at}/id"))?;
    string(m.get("name"), &format!("{at}/name"))?;
    mfms(m.get("shortDescription"), &format!("{at}/shortDescription"))?;
    mfms(m.get("fullDescription"), &format!("{at}/fullDescription"))?;
    mfms(m.get("help"), &format!("{at}/help"))?;
    if let Some(c) = m.get("defaultConfiguration") {
        let cat = format!("{at}/defaultConfiguration");
        let cm = obj(
            c,
            &cat,
            &["enabled", "level", "rank", "parameters", "properties"],
            &[],
        )?;
        one_of(cm.get("level"), LEVELS, &format!("{cat}/level"))?;
    }
    properties(m.get("properties"), &format!("{at}/properties"))
}

fn result(v: &Value, at: &str, rule_ids: &[&str]) -> R {
    let m = obj(
        v,
        at,
        &[
            "ruleId",
            "ruleIndex",
            "rule",
            "kind",
            "level",
            "message",
            "analysisTarget",
            "locations",
            "guid",
            "correlationGuid",
            "occurrenceCount",
            "partialFingerprints",
            "fingerprints",
            "stacks",
            "codeFlows",
            "graphs",
            "graphTraversals",
            "relatedLocations",
            "suppressions",
            "baselineState",
            "rank",
            "attachments",
            "hostedViewerUri",
            "workItemUris",
            "provenance",
            "fixes",
            "taxa",
            "webRequest",
            "webResponse",
            "properties",
        ],
        &["message"],
    )?;
    message(&m["message"], &format!("{at}/message"))?;
    one_of(m.get("level"), LEVELS, &format!("{at}/level"))?;
    int_min(m.get("ruleIndex"), -1, &format!("{at}/ruleIndex"))?;
    // ruleIndex and ruleId must agree with tool.driver.rules (§3.27.6, §3.27.5).
    if let (Some(i), Some(id)) = (
        m.get("ruleIndex").and_then(Value::as_u64),
        m.get("ruleId").and_then(Value::as_str),
    ) {
        if rule_ids.get(i as usize) != Some(&id) {
            return Err(format!("{at}: ruleIndex {i} does not name rule {id}"));
        }
    }
    for (i, l) in array(m.get("locations"), at)?.iter().enumerate() {
        location(l, &format!("{at}/locations/{i}"))?;
    }
    properties(m.get("properties"), &format!("{at}/properties"))
}

/// Check a whole log (`sarifLog`, §3.13).
pub fn check_log(v: &Value) -> R {
    let m = obj(
        v,
        "",
        &[
            "$schema",
            "version",
            "runs",
            "inlineExternalProperties",
            "properties",
        ],
        &["version", "runs"],
    )?;
    if m["version"] != "2.1.0" {
        return Err("/version: must be \"2.1.0\"".into());
    }
    string(m.get("$schema"), "/$schema")?;
    let runs = m["runs"].as_array().ok_or("/runs: not an array")?;
    for (n, run) in runs.iter().enumerate() {
        let at = format!("/runs/{n}");
        let rm = obj(
            run,
            &at,
            &[
                "tool",
                "invocations",
                "conversion",
                "language",
                "versionControlProvenance",
                "originalUriBaseIds",
                "artifacts",
                "logicalLocations",
                "graphs",
                "results",
                "automationDetails",
                "runAggregates",
                "baselineGuid",
                "redactionTokens",
                "defaultEncoding",
                "defaultSourceLanguage",
                "newlineSequences",
                "columnKind",
                "externalPropertyFileReferences",
                "threadFlowLocations",
                "taxonomies",
                "addresses",
                "translations",
                "policies",
                "webRequests",
                "webResponses",
                "specialLocations",
                "properties",
            ],
            &["tool"],
        )?;
        one_of(
            rm.get("columnKind"),
            &["utf16CodeUnits", "unicodeCodePoints"],
            &format!("{at}/columnKind"),
        )?;
        let tool = obj(
            &rm["tool"],
            &format!("{at}/tool"),
            &["driver", "extensions", "properties"],
            &["driver"],
        )?;
        let dat = format!("{at}/tool/driver");
        let driver = obj(
            &tool["driver"],
            &dat,
            &[
                "guid",
                "name",
                "organization",
                "product",
                "productSuite",
                "shortDescription",
                "fullDescription",
                "fullName",
                "version",
                "semanticVersion",
                "dottedQuadFileVersion",
                "releaseDateUtc",
                "downloadUri",
                "informationUri",
                "globalMessageStrings",
                "notifications",
                "rules",
                "taxa",
                "locations",
                "language",
                "contents",
                "isComprehensive",
                "localizedDataSemanticVersion",
                "minimumRequiredLocalizedDataSemanticVersion",
                "associatedComponent",
                "translationMetadata",
                "supportedTaxonomies",
                "properties",
            ],
            &["name"],
        )?;
        string(driver.get("name"), &format!("{dat}/name"))?;
        string(driver.get("version"), &format!("{dat}/version"))?;
        let rules = array(driver.get("rules"), &format!("{dat}/rules"))?;
        let mut ids = Vec::new();
        for (i, r) in rules.iter().enumerate() {
            rule(r, &format!("{dat}/rules/{i}"))?;
            ids.push(r["id"].as_str().unwrap_or(""));
        }
        if let Some(bases) = rm.get("originalUriBaseIds") {
            let bm = bases
                .as_object()
                .ok_or(format!("{at}/originalUriBaseIds: not an object"))?;
            for (k, b) in bm {
                let bat = format!("{at}/originalUriBaseIds/{k}");
                artifact_location(b, &bat)?;
                // A base URI is absolute and ends with a slash (§3.14.14).
                match b.get("uri").and_then(Value::as_str) {
                    Some(u) if u.contains("://") && u.ends_with('/') => {}
                    other => {
                        return Err(format!(
                            "{bat}/uri: {other:?} is not an absolute folder URI"
                        ))
                    }
                }
            }
        }
        for (i, r) in array(rm.get("results"), &format!("{at}/results"))?
            .iter()
            .enumerate()
        {
            result(r, &format!("{at}/results/{i}"), &ids)?;
        }
        for (i, inv) in array(rm.get("invocations"), &format!("{at}/invocations"))?
            .iter()
            .enumerate()
        {
            let iat = format!("{at}/invocations/{i}");
            let im = obj(
                inv,
                &iat,
                &[
                    "commandLine",
                    "arguments",
                    "responseFiles",
                    "startTimeUtc",
                    "endTimeUtc",
                    "exitCode",
                    "ruleConfigurationOverrides",
                    "notificationConfigurationOverrides",
                    "toolExecutionNotifications",
                    "toolConfigurationNotifications",
                    "exitCodeDescription",
                    "exitSignalName",
                    "exitSignalNumber",
                    "processStartFailureMessage",
                    "executionSuccessful",
                    "machine",
                    "account",
                    "processId",
                    "executableLocation",
                    "workingDirectory",
                    "environmentVariables",
                    "stdin",
                    "stdout",
                    "stderr",
                    "stdoutStderr",
                    "properties",
                ],
                &["executionSuccessful"],
            )?;
            if !im["executionSuccessful"].is_boolean() {
                return Err(format!("{iat}/executionSuccessful: not a boolean"));
            }
            for (j, n) in array(im.get("toolExecutionNotifications"), &iat)?
                .iter()
                .enumerate()
            {
                let nat = format!("{iat}/toolExecutionNotifications/{j}");
                let nm = obj(
                    n,
                    &nat,
                    &[
                        "locations",
                        "message",
                        "level",
                        "threadId",
                        "timeUtc",
                        "exception",
                        "descriptor",
                        "associatedRule",
                        "properties",
                    ],
                    &["message"],
                )?;
                message(&nm["message"], &format!("{nat}/message"))?;
                one_of(nm.get("level"), LEVELS, &format!("{nat}/level"))?;
                for (k, l) in array(nm.get("locations"), &nat)?.iter().enumerate() {
                    location(l, &format!("{nat}/locations/{k}"))?;
                }
            }
        }
    }
    Ok(())
}
