//! CloudFormation templates: plans, selections and vaults among the resources.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::intrinsics::{Resolution, Template};
use super::shape::finish;
use super::{Dialect, Reader, INPUT};
use crate::backup::model::*;
use crate::boundary::type_name;
use crate::error::{join, Error, Issue};

pub(super) fn read_cloudformation(
    m: &Map<String, Value>,
    parsed: &mut ParsedPlan,
) -> Result<(), Error> {
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
    literal_parameter_defaults(m, resources, &template, &mut r);
    // logical ID → plan name (for selections' BackupPlanId).
    let mut plan_names: BTreeMap<String, String> = BTreeMap::new();
    let mut found_backup = false;
    // `AWS::Organizations::Policy` resources (path, properties), read after the Backup resources.
    let mut policies: Vec<(String, Map<String, Value>)> = Vec::new();
    // Custom resources (path, properties): backup policies carried as JSON text (§16.3).
    let mut custom: Vec<(String, Map<String, Value>)> = Vec::new();
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
        if kind == "AWS::CloudFormation::CustomResource" || kind.starts_with("Custom::") {
            if let Some(props) = res.get("Properties").and_then(Value::as_object) {
                custom.push((rpath.clone(), props.clone()));
            }
            continue;
        }
        if kind == "AWS::Organizations::Policy" {
            if let Some(props) = res.get("Properties").and_then(Value::as_object) {
                policies.push((rpath.clone(), props.clone()));
            }
            continue;
        }
        if !kind.starts_with("AWS::Backup::") {
            continue;
        }
        found_backup = true;
        if let Some(c) = res.get("Condition").and_then(Value::as_str) {
            let with_defaults = match template.condition(c) {
                Some(true) => "it holds with the parameters' defaults",
                Some(false) => "it does not hold with the parameters' defaults",
                None => "the parameters' defaults do not decide it",
            };
            r.push(Issue::info(
                "conditional_resource",
                join(&rpath, "Condition"),
                format!(
                    "{id} is created only when condition {c} holds ({with_defaults}); drplan reads it as if it does"
                ),
            ));
        }
        if let Some(p) = res.get("Properties") {
            let mut guards = Vec::new();
            conditional_references(
                &template,
                id,
                p,
                &join(&rpath, "Properties"),
                &mut guards,
                &mut r,
            );
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
    let mut policy_issues = Vec::new();
    for (rpath, props) in &policies {
        if read_embedded_policy(rpath, props, &template, parsed, &mut policy_issues) {
            found_backup = true;
        }
    }
    for (rpath, props) in &custom {
        if read_custom_policies(rpath, props, &template, parsed, &mut policy_issues) {
            found_backup = true;
        }
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
    if let Some(path) = template.over_budget_at() {
        return Err(crate::budget::over_at_least(
            INPUT,
            &path,
            "resolving the template's intrinsic functions",
            crate::budget::CFN_RESOLUTION_WORK,
            "steps",
        ));
    }
    parsed.issues = r.issues;
    parsed.issues.append(&mut policy_issues);
    Ok(())
}

/// Read the backup policy an `AWS::Organizations::Policy` carries in `Content`: an object, the
/// object under `Fn::ToJsonString`, or the policy as a JSON string (aws-backup.md §16.3). Plans,
/// selections and issues are added to `parsed`/`issues`; `true` when a backup policy was read.
/// Policies of other types (service control, tag policies…) are skipped.
fn read_embedded_policy(
    rpath: &str,
    props: &Map<String, Value>,
    template: &Template,
    parsed: &mut ParsedPlan,
    issues: &mut Vec<Issue>,
) -> bool {
    let ppath = join(rpath, "Properties");
    let cpath = join(&ppath, "Content");
    let declared_backup = props.get("Type").and_then(Value::as_str) == Some("BACKUP_POLICY");
    if props
        .get("Type")
        .and_then(Value::as_str)
        .is_some_and(|t| t != "BACKUP_POLICY")
    {
        return false;
    }
    let (policy, base, from_text) = match props.get("Content") {
        Some(Value::Object(c)) if c.contains_key("plans") => (c.clone(), cpath, false),
        Some(Value::Object(c)) if c.len() == 1 => match c.get("Fn::ToJsonString") {
            Some(Value::Object(inner)) => (inner.clone(), join(&cpath, "Fn::ToJsonString"), false),
            _ => return false,
        },
        Some(Value::String(text)) => match super::read_text(text) {
            Ok((Value::Object(inner), _, _)) => (inner, cpath, true),
            Ok(_) => return false,
            Err(e) => {
                if declared_backup {
                    issues.push(
                        Issue::error(
                            "invalid_policy_content",
                            &cpath,
                            format!("the backup policy text cannot be read: {}", e.message),
                        )
                        .in_input(INPUT),
                    );
                }
                return false;
            }
        },
        _ => return false,
    };
    if !policy.contains_key("plans") {
        return false;
    }
    let base_for_paths = if from_text {
        String::new()
    } else {
        base.clone()
    };
    let message = if from_text {
        "read the Organizations backup policy held in this JSON string; its paths point into that text"
    } else {
        "read the Organizations backup policy held here"
    };
    read_policy_map(
        &policy,
        &base_for_paths,
        (&base, message),
        template,
        parsed,
        issues,
    );
    true
}

/// Backup policies a custom resource carries as JSON text in one of its properties (a string, or
/// the template string of `Fn::Sub`): an object with `plans`, or a list of them (aws-backup.md
/// §16.3, heuristic). Text that is not such JSON is skipped. `true` when a policy was read.
fn read_custom_policies(
    rpath: &str,
    props: &Map<String, Value>,
    template: &Template,
    parsed: &mut ParsedPlan,
    issues: &mut Vec<Issue>,
) -> bool {
    let ppath = join(rpath, "Properties");
    let mut found = false;
    for (key, v) in props {
        let (text, path) = match v {
            Value::String(t) => (t, join(&ppath, key)),
            Value::Object(m) if m.len() == 1 => match m.get("Fn::Sub") {
                Some(Value::String(t)) => (t, join(&join(&ppath, key), "Fn::Sub")),
                _ => continue,
            },
            _ => continue,
        };
        if !text.contains("\"plans\"") {
            continue;
        }
        let Ok((doc, _, _)) = super::read_text(text) else {
            continue;
        };
        let mut read_one = |policy: &Map<String, Value>, base: String| {
            if policy.get("plans").is_some_and(Value::is_object) {
                read_policy_map(
                    policy,
                    &base,
                    (
                        &path,
                        "read the Organizations backup policy this custom resource carries as JSON text; its paths point into that text",
                    ),
                    template,
                    parsed,
                    issues,
                );
                found = true;
            }
        };
        match doc {
            Value::Object(m) => read_one(&m, String::new()),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if let Value::Object(m) = item {
                        read_one(m, format!("/{i}"));
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// Read one Organizations policy map into `parsed`, with an info naming where it was found.
fn read_policy_map(
    policy: &Map<String, Value>,
    base_for_paths: &str,
    (found_at, message): (&str, &str),
    template: &Template,
    parsed: &mut ParsedPlan,
    issues: &mut Vec<Issue>,
) {
    let mut inner = ParsedPlan {
        shape: parsed.shape,
        format: parsed.format,
        plans: Vec::new(),
        selections: Vec::new(),
        vaults: Vec::new(),
        issues: Vec::new(),
    };
    if let Err(e) =
        super::organizations::read_org_policy_at(policy, base_for_paths, Some(template), &mut inner)
    {
        issues.extend(e.issues);
        return;
    }
    issues.push(Issue::info("policy_content", found_at, message).in_input(INPUT));
    parsed.plans.append(&mut inner.plans);
    parsed.selections.append(&mut inner.selections);
    issues.append(&mut inner.issues);
}

/// A parameter whose `Default` writes `${AWS::AccountId}` (or another template variable), used by
/// an AWS Backup resource: CloudFormation substitutes nothing in a default, so the value deployed
/// keeps the text (aws-backup.md §16.5).
fn literal_parameter_defaults(
    doc: &Map<String, Value>,
    resources: &Map<String, Value>,
    template: &Template,
    r: &mut Reader<'_>,
) {
    let Some(params) = doc.get("Parameters").and_then(Value::as_object) else {
        return;
    };
    // The text of the AWS Backup resources, to see which parameters they use.
    let backup_text: String = resources
        .values()
        .filter(|res| {
            res.get("Type")
                .and_then(Value::as_str)
                .is_some_and(|t| t.starts_with("AWS::Backup::"))
        })
        .map(|res| res.to_string())
        .collect();
    for (name, p) in params {
        let Some(default) = p.get("Default").and_then(Value::as_str) else {
            continue;
        };
        let used = backup_text.contains(&format!("{{\"Ref\":{}}}", Value::String(name.clone())))
            || backup_text.contains(&format!("${{{name}}}"));
        if used {
            let path = join(&join("/Parameters", name), "Default");
            r.literal_substitution(template, default, &path);
        }
    }
}

/// References from resource `id`'s properties to a resource created under a condition that
/// `id` does not share and no enclosing `Fn::If` guards (cfn-lint W1001; aws-backup.md §16.7):
/// when that condition is false the reference names nothing and the stack fails.
fn conditional_references(
    template: &Template,
    id: &str,
    v: &Value,
    path: &str,
    guards: &mut Vec<String>,
    r: &mut Reader<'_>,
) {
    let check = |target: &str, at: &str, guards: &[String], r: &mut Reader<'_>| {
        let target = target.split('.').next().unwrap_or(target);
        let Some(c) = template.resource_condition(target) else {
            return;
        };
        if template.resource_condition(id) == Some(c) || guards.iter().any(|g| g == c) {
            return;
        }
        let with_defaults = match template.condition(c) {
            Some(true) => " (it holds with the parameters' defaults)",
            Some(false) => " (it does not hold with the parameters' defaults)",
            None => "",
        };
        r.push(
            Issue::warning(
                "conditional_reference",
                at,
                format!("{id} refers to {target}, which exists only when condition {c} holds{with_defaults}; when it does not, the reference fails and the stack with it"),
            )
            .with_hint(format!("create {id} under condition {c} too, or write the reference as Fn::If [{c}, …, …] (cfn-lint W1001; aws-backup.md §16.7)")),
        );
    };
    match v {
        Value::Object(m) if m.len() == 1 => {
            let Some((k, arg)) = m.iter().next() else {
                return;
            };
            let at = join(path, k);
            match (k.as_str(), arg) {
                ("Ref", Value::String(t)) => check(t, path, guards, r),
                ("Fn::GetAtt", Value::Array(a)) => {
                    if let Some(t) = a.first().and_then(Value::as_str) {
                        check(t, path, guards, r);
                    }
                }
                ("Fn::GetAtt", Value::String(t)) => check(t, path, guards, r),
                ("Fn::Sub", Value::String(t)) => {
                    for name in super::intrinsics::substitutable_names(t) {
                        check(name, path, guards, r);
                    }
                }
                ("Fn::Sub", Value::Array(a)) => {
                    let vars = a.get(1).and_then(Value::as_object);
                    if let Some(t) = a.first().and_then(Value::as_str) {
                        for name in super::intrinsics::substitutable_names(t) {
                            if !vars.is_some_and(|m| m.contains_key(name)) {
                                check(name, path, guards, r);
                            }
                        }
                    }
                    if let Some(vars) = a.get(1) {
                        conditional_references(template, id, vars, &join(&at, 1), guards, r);
                    }
                }
                ("Fn::If", Value::Array(a)) if a.len() == 3 => {
                    let cond = a.first().and_then(Value::as_str).map(str::to_owned);
                    if let (Some(c), Some(then)) = (cond, a.get(1)) {
                        guards.push(c);
                        conditional_references(template, id, then, &join(&at, 1), guards, r);
                        guards.pop();
                    }
                    if let Some(otherwise) = a.get(2) {
                        conditional_references(template, id, otherwise, &join(&at, 2), guards, r);
                    }
                }
                _ => conditional_references(template, id, arg, &at, guards, r),
            }
        }
        Value::Object(m) => {
            for (k, x) in m {
                conditional_references(template, id, x, &join(path, k), guards, r);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                conditional_references(template, id, x, &join(path, i), guards, r);
            }
        }
        _ => {}
    }
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

/// A vault's resolved name, noting its path if the template's resolution budget ran out there.
fn resolve_vault_name(
    template: &Template,
    id: &str,
    props: &Map<String, Value>,
    ppath: &str,
) -> Resolution {
    let n = template.vault_name(id, props, 0);
    template.note_over_budget(&join(ppath, "BackupVaultName"));
    n
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
    if let Some(Value::String(s)) = props.get("BackupVaultName") {
        r.literal_substitution(template, s, &join(ppath, "BackupVaultName"));
    }
    let name = match props.get("BackupVaultName") {
        None => {
            r.push(Issue::info(
                "generated_vault_name",
                rpath,
                format!("{id} has no BackupVaultName, so CloudFormation generates one; drplan calls the vault {id:?}"),
            ));
            id.to_owned()
        }
        Some(_) => match resolve_vault_name(template, id, props, ppath) {
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
