//! Restore testing documents (aws-backup.md §18.1): `get-restore-testing-plan` output,
//! `create-restore-testing-plan` input, `get-restore-testing-selection` output,
//! `create-restore-testing-selection` input, and CloudFormation `AWS::Backup::RestoreTestingPlan`
//! / `AWS::Backup::RestoreTestingSelection` resources, read with the plan importer's [`Reader`]
//! (CloudFormation intrinsics, parameters, YAML short tags, string numbers).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::intrinsics::Template;
use super::shape::unknown_shape;
use super::{read_text, Dialect, Reader, INPUT};
use crate::backup::model::{DocumentFormat, SourceMap};
use crate::backup::restore_testing::model::*;
use crate::boundary::type_name;
use crate::error::{join, Error, Issue};

const SHAPES_TRIED: &str = "get-restore-testing-plan output ({\"RestoreTestingPlan\": {…, \"RestoreTestingPlanArn\"}}), \
create-restore-testing-plan input ({\"RestoreTestingPlan\": …}), \
get-restore-testing-selection output ({\"RestoreTestingSelection\": {…, \"RestoreTestingPlanName\"}}), \
create-restore-testing-selection input ({\"RestoreTestingPlanName\": …, \"RestoreTestingSelection\": …}), \
a CloudFormation template ({\"Resources\": {…AWS::Backup::RestoreTestingPlan…}})";

const PLAN_KEYS: &[&str] = &[
    "RestoreTestingPlanName",
    "ScheduleExpression",
    "ScheduleExpressionTimezone",
    "StartWindowHours",
    "RecoveryPointSelection",
];
/// Read-only fields of `RestoreTestingPlanForGet`.
const PLAN_GET_KEYS: &[&str] = &[
    "CreationTime",
    "CreatorRequestId",
    "LastExecutionTime",
    "LastUpdateTime",
    "RestoreTestingPlanArn",
];
const SELECTION_KEYS: &[&str] = &[
    "IamRoleArn",
    "ProtectedResourceArns",
    "ProtectedResourceConditions",
    "ProtectedResourceType",
    "RestoreMetadataOverrides",
    "RestoreTestingSelectionName",
    "ValidationWindowHours",
];
const SELECTION_GET_KEYS: &[&str] = &["CreationTime", "CreatorRequestId", "RestoreTestingPlanName"];
const RP_SELECTION_KEYS: &[&str] = &[
    "Algorithm",
    "ExcludeVaults",
    "IncludeVaults",
    "RecoveryPointTypes",
    "SelectionWindowDays",
];

pub(crate) const CFN_PLAN: &str = "AWS::Backup::RestoreTestingPlan";
pub(crate) const CFN_SELECTION: &str = "AWS::Backup::RestoreTestingSelection";

/// Which restore testing shape a document is, or why none fits.
pub fn detect(doc: &Value) -> Result<RestoreTestingShape, Error> {
    let unknown = |what: String| {
        unknown_shape(&what, SHAPES_TRIED, "paste the output of `aws backup get-restore-testing-plan` or `get-restore-testing-selection`, a create input, or a CloudFormation template")
    };
    let Some(m) = doc.as_object() else {
        return Err(unknown(format!(
            "the document is {}, not an object",
            type_name(doc)
        )));
    };
    if let Some(res) = m.get("Resources").and_then(Value::as_object) {
        let has = res.values().any(|r| {
            matches!(
                r.get("Type").and_then(Value::as_str),
                Some(CFN_PLAN | CFN_SELECTION)
            )
        });
        if has {
            return Ok(RestoreTestingShape::CloudformationTemplate);
        }
        return Err(unknown(
            "the template has no AWS::Backup::RestoreTestingPlan or RestoreTestingSelection resource"
                .to_owned(),
        ));
    }
    if let Some(body) = m.get("RestoreTestingPlan") {
        let get = body.as_object().is_some_and(|b| {
            b.contains_key("RestoreTestingPlanArn") || b.contains_key("CreationTime")
        });
        return Ok(if get {
            RestoreTestingShape::GetRestoreTestingPlanOutput
        } else {
            RestoreTestingShape::CreateRestoreTestingPlanInput
        });
    }
    if m.contains_key("RestoreTestingSelection") {
        return Ok(if m.contains_key("RestoreTestingPlanName") {
            RestoreTestingShape::CreateRestoreTestingSelectionInput
        } else {
            RestoreTestingShape::GetRestoreTestingSelectionOutput
        });
    }
    let keys: Vec<&str> = m.keys().map(String::as_str).take(8).collect();
    Err(unknown(format!(
        "the document is none of the restore testing shapes (top-level keys: {})",
        if keys.is_empty() {
            "none".to_owned()
        } else {
            keys.join(", ")
        }
    )))
}

/// Parse restore testing text (JSON or YAML).
pub fn parse_document(text: &str) -> Result<ParsedRestoreTesting, Error> {
    let (value, format, issues) = read_text(text)?;
    let mut parsed = parse_value(&value, format)?;
    let mut all: Vec<Issue> = issues.into_iter().map(|i| i.in_input(INPUT)).collect();
    all.append(&mut parsed.issues);
    parsed.issues = all;
    Ok(parsed)
}

/// Parse an already-decoded restore testing document.
pub fn parse_value(doc: &Value, format: DocumentFormat) -> Result<ParsedRestoreTesting, Error> {
    let shape = detect(doc)?;
    let m = doc.as_object().cloned().unwrap_or_default();
    let mut parsed = ParsedRestoreTesting {
        shape,
        format,
        plans: Vec::new(),
        selections: Vec::new(),
        issues: Vec::new(),
    };
    match shape {
        RestoreTestingShape::GetRestoreTestingPlanOutput
        | RestoreTestingShape::CreateRestoreTestingPlanInput => {
            let get = shape == RestoreTestingShape::GetRestoreTestingPlanOutput;
            let mut r = Reader::new(Dialect::Api, None);
            r.check_keys(
                &m,
                "",
                if get {
                    &["RestoreTestingPlan"]
                } else {
                    &["RestoreTestingPlan", "CreatorRequestId", "Tags"]
                },
                if get {
                    "get-restore-testing-plan output"
                } else {
                    "create-restore-testing-plan input"
                },
            );
            let mut sm = SourceMap::new("/RestoreTestingPlan");
            let mut plan = match r.object(&m, "", "RestoreTestingPlan", &mut sm, "/plan") {
                Some((body, p)) => r.rt_plan_body(&body, &p, get, &mut sm),
                None => RestoreTestingPlan::new(""),
            };
            sm.paths.remove("/plan");
            if !get {
                plan.tags = r.string_map(&m, "", "Tags", &mut sm, "/tags");
                plan.creator_request_id =
                    r.string(&m, "", "CreatorRequestId", &mut sm, "/creator_request_id");
            }
            parsed.plans.push(finish_plan(plan, sm));
            parsed.issues = r.issues;
        }
        RestoreTestingShape::GetRestoreTestingSelectionOutput
        | RestoreTestingShape::CreateRestoreTestingSelectionInput => {
            let get = shape == RestoreTestingShape::GetRestoreTestingSelectionOutput;
            let mut r = Reader::new(Dialect::Api, None);
            r.check_keys(
                &m,
                "",
                if get {
                    &["RestoreTestingSelection"]
                } else {
                    &[
                        "RestoreTestingPlanName",
                        "RestoreTestingSelection",
                        "CreatorRequestId",
                    ]
                },
                if get {
                    "get-restore-testing-selection output"
                } else {
                    "create-restore-testing-selection input"
                },
            );
            let mut sm = SourceMap::new("/RestoreTestingSelection");
            let sel = match r.object(&m, "", "RestoreTestingSelection", &mut sm, "/selection") {
                Some((body, p)) => {
                    let mut s = r.rt_selection_body(&body, &p, get, false, &mut sm);
                    if !get {
                        s.plan_name = Some(r.required_string(
                            &m,
                            "",
                            "RestoreTestingPlanName",
                            "create-restore-testing-selection input",
                            &mut sm,
                            "/plan_name",
                        ));
                        s.creator_request_id =
                            r.string(&m, "", "CreatorRequestId", &mut sm, "/creator_request_id");
                    }
                    Some(s)
                }
                None => None,
            };
            sm.paths.remove("/selection");
            if let Some(mut s) = sel {
                sm.unresolved.sort();
                sm.unresolved.dedup();
                s.source = Some(sm);
                parsed.selections.push(s);
            }
            parsed.issues = r.issues;
        }
        RestoreTestingShape::CloudformationTemplate => read_cfn(&m, &mut parsed)?,
    }
    Ok(parsed)
}

fn finish_plan(mut plan: RestoreTestingPlan, mut sm: SourceMap) -> RestoreTestingPlan {
    if sm.unresolved.iter().any(|u| u == "/plan") {
        sm.unresolved.retain(|u| u != "/plan");
        for f in ["/name", "/recovery_point_selection", "/schedule_expression"] {
            sm.unresolved.push(f.to_owned());
        }
    }
    sm.unresolved.sort();
    sm.unresolved.dedup();
    plan.source = Some(sm);
    plan
}

fn read_cfn(m: &Map<String, Value>, parsed: &mut ParsedRestoreTesting) -> Result<(), Error> {
    let template = Template::new(m);
    let mut r = Reader::new(Dialect::Cfn, Some(&template));
    let resources = m
        .get("Resources")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    // logical ID → plan name, for selections' `RestoreTestingPlanName: !Ref Plan`.
    let mut plan_names: BTreeMap<String, String> = BTreeMap::new();
    for pass in [CFN_PLAN, CFN_SELECTION] {
        for (id, res) in &resources {
            let Some(res) = res.as_object() else { continue };
            if res.get("Type").and_then(Value::as_str) != Some(pass) {
                continue;
            }
            let rpath = join("/Resources", id);
            let ppath = join(&rpath, "Properties");
            if let Some(c) = res.get("Condition").and_then(Value::as_str) {
                r.push(Issue::info(
                    "conditional_resource",
                    join(&rpath, "Condition"),
                    format!("{id} is created only when condition {c} holds; drplan reads it as if it does"),
                ));
            }
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
            let mut sm = SourceMap::new(rpath.clone());
            if pass == CFN_PLAN {
                let mut keys = PLAN_KEYS.to_vec();
                keys.push("Tags");
                let mut plan = r.rt_plan_body_keys(&props, &ppath, &keys, CFN_PLAN, &mut sm);
                plan.tags = r.cfn_tags(&props, &ppath, &mut sm);
                plan_names.insert(id.clone(), plan.name.clone());
                parsed.plans.push(finish_plan(plan, sm));
            } else {
                let mut sel = r.rt_selection_body(&props, &ppath, false, true, &mut sm);
                sm.paths
                    .insert("/plan_name".into(), join(&ppath, "RestoreTestingPlanName"));
                sel.plan_name = match props.get("RestoreTestingPlanName") {
                    None => {
                        r.missing(
                            &ppath,
                            "RestoreTestingPlanName",
                            CFN_SELECTION,
                            &mut sm,
                            "/plan_name",
                        );
                        None
                    }
                    Some(v) => match plan_ref(v, &plan_names) {
                        Some(n) => Some(n),
                        None => r.string(
                            &props,
                            &ppath,
                            "RestoreTestingPlanName",
                            &mut sm,
                            "/plan_name",
                        ),
                    },
                };
                sm.unresolved.sort();
                sm.unresolved.dedup();
                sel.source = Some(sm);
                parsed.selections.push(sel);
            }
        }
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
    Ok(())
}

/// The plan name a selection's `RestoreTestingPlanName` refers to (`!Ref Plan`: a
/// `RestoreTestingPlan`'s `Ref` is its name, aws-backup.md §18.1).
fn plan_ref(v: &Value, plans: &BTreeMap<String, String>) -> Option<String> {
    let id = v.as_object()?.get("Ref")?.as_str()?;
    plans.get(id).cloned()
}

impl Reader<'_> {
    fn rt_plan_body(
        &mut self,
        obj: &Map<String, Value>,
        path: &str,
        get: bool,
        sm: &mut SourceMap,
    ) -> RestoreTestingPlan {
        let mut keys = PLAN_KEYS.to_vec();
        if get {
            keys.extend_from_slice(PLAN_GET_KEYS);
        }
        let mut plan = self.rt_plan_body_keys(obj, path, &keys, "RestoreTestingPlan", sm);
        if get {
            plan.arn = self.string(obj, path, "RestoreTestingPlanArn", sm, "/arn");
            plan.creator_request_id =
                self.string(obj, path, "CreatorRequestId", sm, "/creator_request_id");
        }
        plan
    }

    fn rt_plan_body_keys(
        &mut self,
        obj: &Map<String, Value>,
        path: &str,
        keys: &[&str],
        what: &str,
        sm: &mut SourceMap,
    ) -> RestoreTestingPlan {
        self.check_keys(obj, path, keys, what);
        let name = self.required_string(obj, path, "RestoreTestingPlanName", what, sm, "/name");
        let mut plan = RestoreTestingPlan::new(name);
        // Required by RestoreTestingPlanForCreate and the CloudFormation resource (§18.2 R2).
        if !obj.contains_key("ScheduleExpression") {
            sm.paths.insert(
                "/schedule_expression".into(),
                join(path, "ScheduleExpression"),
            );
            self.missing(path, "ScheduleExpression", what, sm, "/schedule_expression");
        }
        plan.schedule_expression =
            self.string(obj, path, "ScheduleExpression", sm, "/schedule_expression");
        plan.schedule_expression_timezone = self.string(
            obj,
            path,
            "ScheduleExpressionTimezone",
            sm,
            "/schedule_expression_timezone",
        );
        plan.start_window_hours =
            self.int(obj, path, "StartWindowHours", sm, "/start_window_hours");
        if !obj.contains_key("RecoveryPointSelection") {
            sm.paths.insert(
                "/recovery_point_selection".into(),
                join(path, "RecoveryPointSelection"),
            );
            self.missing(
                path,
                "RecoveryPointSelection",
                what,
                sm,
                "/recovery_point_selection",
            );
        }
        if let Some((rps, p)) = self.object(
            obj,
            path,
            "RecoveryPointSelection",
            sm,
            "/recovery_point_selection",
        ) {
            plan.recovery_point_selection = Some(self.rp_selection(&rps, &p, sm));
        }
        plan
    }

    fn rp_selection(
        &mut self,
        obj: &Map<String, Value>,
        path: &str,
        sm: &mut SourceMap,
    ) -> RecoveryPointSelection {
        let base = "/recovery_point_selection";
        self.check_keys(obj, path, RP_SELECTION_KEYS, "RecoveryPointSelection");
        let f = |k: &str| format!("{base}/{k}");
        for (key, norm) in [
            ("Algorithm", "algorithm"),
            ("IncludeVaults", "include_vaults"),
            ("RecoveryPointTypes", "recovery_point_types"),
        ] {
            if !obj.contains_key(key) {
                sm.paths.insert(f(norm), join(path, key));
                self.missing(path, key, "RecoveryPointSelection", sm, &f(norm));
            }
        }
        RecoveryPointSelection {
            algorithm: self.string(obj, path, "Algorithm", sm, &f("algorithm")),
            recovery_point_types: self.string_list(
                obj,
                path,
                "RecoveryPointTypes",
                sm,
                &f("recovery_point_types"),
            ),
            include_vaults: self.string_list(obj, path, "IncludeVaults", sm, &f("include_vaults")),
            exclude_vaults: self.string_list(obj, path, "ExcludeVaults", sm, &f("exclude_vaults")),
            selection_window_days: self.int(
                obj,
                path,
                "SelectionWindowDays",
                sm,
                &f("selection_window_days"),
            ),
        }
    }

    fn rt_selection_body(
        &mut self,
        obj: &Map<String, Value>,
        path: &str,
        get: bool,
        cfn: bool,
        sm: &mut SourceMap,
    ) -> RestoreTestingSelection {
        let mut keys = SELECTION_KEYS.to_vec();
        if get {
            keys.extend_from_slice(SELECTION_GET_KEYS);
        }
        if cfn {
            keys.push("RestoreTestingPlanName");
        }
        let what = if cfn {
            CFN_SELECTION
        } else {
            "RestoreTestingSelection"
        };
        self.check_keys(obj, path, &keys, what);
        let name =
            self.required_string(obj, path, "RestoreTestingSelectionName", what, sm, "/name");
        let rtype = self.required_string(
            obj,
            path,
            "ProtectedResourceType",
            what,
            sm,
            "/protected_resource_type",
        );
        let mut s = RestoreTestingSelection::new(name, rtype);
        if !obj.contains_key("IamRoleArn") {
            sm.paths
                .insert("/iam_role_arn".into(), join(path, "IamRoleArn"));
            self.missing(path, "IamRoleArn", what, sm, "/iam_role_arn");
        }
        s.iam_role_arn = self.string(obj, path, "IamRoleArn", sm, "/iam_role_arn");
        s.protected_resource_arns = self.string_list(
            obj,
            path,
            "ProtectedResourceArns",
            sm,
            "/protected_resource_arns",
        );
        if let Some((c, p)) = self.object(
            obj,
            path,
            "ProtectedResourceConditions",
            sm,
            "/protected_resource_conditions",
        ) {
            self.check_keys(
                &c,
                &p,
                &["StringEquals", "StringNotEquals"],
                "ProtectedResourceConditions",
            );
            let mut conds = ProtectedResourceConditions::default();
            for (key, norm) in [
                ("StringEquals", "string_equals"),
                ("StringNotEquals", "string_not_equals"),
            ] {
                let n = format!("/protected_resource_conditions/{norm}");
                let items = self.list(&c, &p, key, sm, &n);
                let mut out = Vec::new();
                for (v, ip) in items {
                    let np = join(&n, out.len());
                    sm.paths.insert(np.clone(), ip.clone());
                    let Value::Object(kv) = v else {
                        self.wrong_type(&ip, "an object {Key, Value}", &v, sm, &np);
                        continue;
                    };
                    self.check_keys(&kv, &ip, &["Key", "Value"], "KeyValue");
                    let k =
                        self.required_string(&kv, &ip, "Key", "KeyValue", sm, &join(&np, "key"));
                    let val = self.required_string(
                        &kv,
                        &ip,
                        "Value",
                        "KeyValue",
                        sm,
                        &join(&np, "value"),
                    );
                    out.push(ResourceCondition { key: k, value: val });
                }
                match norm {
                    "string_equals" => conds.string_equals = out,
                    _ => conds.string_not_equals = out,
                }
            }
            s.protected_resource_conditions = Some(conds);
        }
        s.restore_metadata_overrides = self.string_map(
            obj,
            path,
            "RestoreMetadataOverrides",
            sm,
            "/restore_metadata_overrides",
        );
        s.validation_window_hours = self.int(
            obj,
            path,
            "ValidationWindowHours",
            sm,
            "/validation_window_hours",
        );
        if get {
            s.plan_name = self.string(obj, path, "RestoreTestingPlanName", sm, "/plan_name");
            s.creator_request_id =
                self.string(obj, path, "CreatorRequestId", sm, "/creator_request_id");
        }
        s
    }

    /// CloudFormation `Tags`: a list of `{Key, Value}`.
    fn cfn_tags(
        &mut self,
        obj: &Map<String, Value>,
        path: &str,
        sm: &mut SourceMap,
    ) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for (i, (v, p)) in self
            .list(obj, path, "Tags", sm, "/tags")
            .into_iter()
            .enumerate()
        {
            let n = format!("/tags/{i}");
            let Value::Object(kv) = v else {
                self.wrong_type(&p, "an object {Key, Value}", &v, sm, &n);
                continue;
            };
            let k = self.required_string(&kv, &p, "Key", "Tag", sm, &join(&n, "key"));
            let val = self.required_string(&kv, &p, "Value", "Tag", sm, &join(&n, "value"));
            out.insert(k, val);
        }
        out
    }
}
