//! Organizations backup policy (aws-backup.md §4, [ORG]).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::shape::finish;
use super::{Dialect, Got, Reader, INPUT};
use crate::backup::model::*;
use crate::error::{join, Error, Issue};

pub(super) fn read_org_policy(
    m: &Map<String, Value>,
    parsed: &mut ParsedPlan,
) -> Result<(), Error> {
    read_org_policy_at(m, "", None, parsed)
}

/// An Organizations backup policy found at JSON pointer `base` of the document (`""` for a
/// standalone policy, the `Content` of an `AWS::Organizations::Policy` in a template).
pub(super) fn read_org_policy_at(
    m: &Map<String, Value>,
    base: &str,
    template: Option<&super::intrinsics::Template>,
    parsed: &mut ParsedPlan,
) -> Result<(), Error> {
    let mut r = Reader::new(Dialect::Org, template);
    let plans_path = format!("{base}/plans");
    r.check_keys(m, base, &["plans"], "backup policy");
    let Some(plans) = m.get("plans").and_then(Value::as_object) else {
        return Err(Error::invalid(vec![Issue::error(
            "invalid_type",
            &plans_path,
            "plans must be an object keyed by plan name",
        )
        .in_input(INPUT)]));
    };
    for (name, body) in plans {
        if name.starts_with("@@") {
            continue;
        }
        let path = join(&plans_path, name);
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
            &plans_path,
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
