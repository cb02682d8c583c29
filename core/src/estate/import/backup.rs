//! AWS Backup's own exports (aws-backup.md §17.1): protected resources, plans and their
//! selections, recovery points, the Region's service opt-in.

use serde_json::{Map, Value};

use super::{bytes_gib, text, Doc, Facts, SizeFrom, State};
use crate::backup::{import, BackupSelection, DocumentFormat};
use crate::error::{Error, Issue};
use crate::estate::model::{EstatePlan, ServiceOptIn};

/// A selection read, waiting for its plan.
pub(crate) struct PendingSelection {
    pub plan_id: String,
    pub selection_id: Option<String>,
    pub selection: BackupSelection,
    pub doc: usize,
    pub pointer: String,
}

/// Issues of the plan importer (paths into the document given to it) as issues of this call.
fn rebase(state: &mut State<'_>, doc: &Doc<'_>, issues: Vec<Issue>) {
    for mut i in issues {
        i.path = doc.path(&i.path);
        i.input = None;
        state.issue(i);
    }
}

/// An epoch-seconds instant from a number or an ISO 8601 text (the CLI prints either).
pub(crate) fn instant(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s
            .trim()
            .parse::<jiff::Timestamp>()
            .ok()
            .map(|t| t.as_millisecond() as f64 / 1000.0),
        _ => None,
    }
}

/// `list-protected-resources`: `Results[].{ResourceArn, ResourceType}`.
pub(super) fn protected_resources(
    state: &mut State<'_>,
    doc: &Doc<'_>,
    m: &Map<String, Value>,
) -> Result<(), Error> {
    let items = state.items(doc, m, "Results")?;
    let total = items.len();
    let mut read = 0;
    for (p, r) in items {
        let Some(arn) = text(r, "ResourceArn") else {
            state.issue(Issue::warning(
                "missing_arn",
                doc.path(&p),
                "a protected resource without ResourceArn is left out",
            ));
            continue;
        };
        let mut f = Facts::new(arn, p);
        f.resource_type = text(r, "ResourceType").map(str::to_owned);
        if state.merge(doc, f) {
            read += 1;
        }
    }
    state.note(
        doc,
        format!("{read} of {total} protected resources read (ARN, type); LastBackupTime and names are not carried"),
    );
    Ok(())
}

/// `list-backup-plans`: plan IDs and names only; a plan's rules come from `get-backup-plan`.
pub(super) fn plans_list(
    state: &mut State<'_>,
    doc: &Doc<'_>,
    m: &Map<String, Value>,
) -> Result<(), Error> {
    let items = state.items(doc, m, "BackupPlansList")?;
    let total = items.len();
    for (_, p) in items {
        let id = text(p, "BackupPlanId").unwrap_or("").to_owned();
        let name = text(p, "BackupPlanName").unwrap_or("").to_owned();
        state.listed_plans.push((doc.index, id, name));
    }
    state.note(
        doc,
        format!("{total} plans listed; a plan's rules come only from its get-backup-plan output"),
    );
    Ok(())
}

/// `get-backup-plan`: the plan body through the plan importer; ID, ARN, account and Region from
/// the output's envelope and ARN.
pub(super) fn plan(
    state: &mut State<'_>,
    doc: &Doc<'_>,
    m: &Map<String, Value>,
) -> Result<(), Error> {
    let parsed = match import::parse_value(&Value::Object(m.clone()), DocumentFormat::Json) {
        Ok(p) => p,
        Err(e) => {
            if e.code == crate::error::ErrorCode::OverBudget {
                return Err(e);
            }
            rebase(state, doc, e.issues);
            return Ok(());
        }
    };
    rebase(state, doc, parsed.issues);
    for mut plan in parsed.plans {
        plan.source = None;
        let id = plan
            .plan_id
            .clone()
            .or_else(|| plan.plan_arn.clone())
            .unwrap_or_else(|| match (&plan.account, &plan.region) {
                (Some(a), Some(r)) => format!("{a}/{r}/{}", plan.name),
                _ => plan.name.clone(),
            });
        let accounts = plan.account.clone().into_iter().collect();
        let regions = plan.region.clone().into_iter().collect();
        let rules = plan.rules.len();
        state.note(
            doc,
            format!(
                "plan {} ({}) read as {}",
                crate::budget::echo(&plan.name),
                super::count(rules, "rule"),
                crate::budget::echo(&id)
            ),
        );
        state.add_plan(
            doc,
            "",
            EstatePlan {
                id,
                plan,
                selections: Vec::new(),
                accounts,
                regions,
                source: Some(doc.source("")),
            },
        );
    }
    Ok(())
}

/// `list-backup-selections`: selection IDs only; the resources come from `get-backup-selection`.
pub(super) fn selections_list(
    state: &mut State<'_>,
    doc: &Doc<'_>,
    m: &Map<String, Value>,
) -> Result<(), Error> {
    let items = state.items(doc, m, "BackupSelectionsList")?;
    let total = items.len();
    for (_, s) in items {
        state.listed_selections.push((
            doc.index,
            text(s, "SelectionId").unwrap_or("").to_owned(),
            text(s, "SelectionName").unwrap_or("").to_owned(),
            text(s, "BackupPlanId").unwrap_or("").to_owned(),
        ));
    }
    state.note(
        doc,
        format!("{total} selections listed; what a selection picks comes only from its get-backup-selection output"),
    );
    Ok(())
}

/// `get-backup-selection`: the selection body through the plan importer's selection reader,
/// for the plan named by `BackupPlanId`.
pub(super) fn selection(
    state: &mut State<'_>,
    doc: &Doc<'_>,
    m: &Map<String, Value>,
) -> Result<(), Error> {
    let Some(body) = m.get("BackupSelection").and_then(Value::as_object) else {
        state.issue(Issue::error(
            "invalid_type",
            doc.path("/BackupSelection"),
            "BackupSelection must be an object",
        ));
        return Ok(());
    };
    let (mut sel, issues) = import::read_api_selection(body, "/BackupSelection");
    rebase(state, doc, issues);
    sel.source = None;
    let Some(plan_id) = text(m, "BackupPlanId") else {
        state.issue(Issue::warning(
            "selection_without_plan",
            doc.path(""),
            "a get-backup-selection output without BackupPlanId cannot be attached to a plan; it is left out",
        ));
        return Ok(());
    };
    state.selections.push(PendingSelection {
        plan_id: plan_id.to_owned(),
        selection_id: text(m, "SelectionId").map(str::to_owned),
        selection: sel,
        doc: doc.index,
        pointer: String::new(),
    });
    Ok(())
}

/// Attach every selection read to its plan, and say which listed plans and selections have no
/// body in the documents.
pub(super) fn attach_selections(state: &mut State<'_>) {
    let documents = state.documents;
    let pending = std::mem::take(&mut state.selections);
    let mut attached: Vec<(usize, Option<String>)> = Vec::new();
    for p in pending {
        let doc = Doc {
            index: p.doc,
            name: documents.get(p.doc).map_or("", |d| d.name.as_str()),
            account: None,
            region: None,
            subject: None,
        };
        let Some(&i) = state.plan_by_id.get(&p.plan_id) else {
            state.issue(
                Issue::warning(
                    "selection_without_plan",
                    doc.path(&format!("{}/BackupPlanId", p.pointer)),
                    format!(
                        "selection {} belongs to plan {}, which is not in the documents; it is left out",
                        crate::budget::echo(&p.selection.name),
                        crate::budget::echo(&p.plan_id)
                    ),
                )
                .with_hint("add the plan's get-backup-plan output"),
            );
            continue;
        };
        if p.selection_id.is_some() && attached.contains(&(i, p.selection_id.clone())) {
            state.note(
                &doc,
                format!(
                    "selection {} was already read from another document",
                    crate::budget::echo(&p.selection.name)
                ),
            );
            continue;
        }
        attached.push((i, p.selection_id.clone()));
        if let Some(plan) = state.plans.get_mut(i) {
            let mut sel = p.selection;
            sel.plan_name = Some(plan.plan.name.clone());
            let name = sel.name.clone();
            plan.selections.push(sel);
            let plan_id = plan.id.clone();
            state.note(
                &doc,
                format!(
                    "selection {} attached to plan {}",
                    crate::budget::echo(&name),
                    crate::budget::echo(&plan_id)
                ),
            );
        }
        if let Some(r) = state.reads.get_mut(p.doc) {
            r.selections += 1;
        }
    }
    // Listed but never described.
    let listed = std::mem::take(&mut state.listed_plans);
    for (d, id, name) in listed {
        if !state.plan_by_id.contains_key(&id) {
            if let Some(r) = state.reads.get_mut(d) {
                r.notes.push(format!(
                    "plan {} ({}) has no get-backup-plan output in the documents: its rules are unknown and it is not in the estate",
                    crate::budget::echo(&name),
                    crate::budget::echo(&id)
                ));
            }
        }
    }
    let listed = std::mem::take(&mut state.listed_selections);
    for (d, id, name, plan) in listed {
        let known = attached
            .iter()
            .any(|(_, sid)| sid.as_deref() == Some(id.as_str()));
        if !known {
            if let Some(r) = state.reads.get_mut(d) {
                r.notes.push(format!(
                    "selection {} ({}) of plan {} has no get-backup-selection output in the documents: what it picks is unknown",
                    crate::budget::echo(&name),
                    crate::budget::echo(&id),
                    crate::budget::echo(&plan)
                ));
            }
        }
    }
}

/// `list-recovery-points-by-backup-vault`: each resource's type, and the size of its latest
/// recovery point (`BackupSizeInBytes`, aws-backup.md §17.1).
pub(super) fn recovery_points(
    state: &mut State<'_>,
    doc: &Doc<'_>,
    m: &Map<String, Value>,
) -> Result<(), Error> {
    let items = state.items(doc, m, "RecoveryPoints")?;
    let total = items.len();
    let mut without_arn = 0;
    let mut sized = 0;
    for (p, r) in items {
        let Some(arn) = text(r, "ResourceArn") else {
            without_arn += 1;
            continue;
        };
        let mut f = Facts::new(arn, p.clone());
        f.resource_type = text(r, "ResourceType").map(str::to_owned);
        let size = bytes_gib(state, doc, r, &p, "BackupSizeInBytes");
        let when = instant(r.get("CreationDate")).unwrap_or(f64::NEG_INFINITY);
        if !state.merge(doc, f) {
            continue;
        }
        if let Some(gib) = size {
            sized += 1;
            let arn = arn.trim().to_owned();
            let newer = state
                .latest_points
                .get(&arn)
                .is_none_or(|(t, _, _, _)| when >= *t);
            if newer {
                state.latest_points.insert(arn, (when, gib, doc.index, p));
            }
        }
    }
    state.note(
        doc,
        format!("{total} recovery points read; {sized} with BackupSizeInBytes (each resource's latest gives its size unless a describe export gives one)"),
    );
    if without_arn > 0 {
        state.note(
            doc,
            format!("{without_arn} recovery points without ResourceArn were left out (list-recovery-points-by-resource does not name the resource)"),
        );
    }
    Ok(())
}

/// The sizes of the latest recovery points, merged after every document (a resource's own
/// size wins).
pub(super) fn apply_point_sizes(state: &mut State<'_>) {
    let latest = std::mem::take(&mut state.latest_points);
    let mut latest: Vec<_> = latest.into_iter().collect();
    latest.sort_by(|a, b| a.0.cmp(&b.0));
    let documents = state.documents;
    for (arn, (_, gib, d, p)) in latest {
        let Some(document) = documents.get(d) else {
            continue;
        };
        let doc = Doc {
            index: d,
            name: &document.name,
            account: None,
            region: None,
            subject: None,
        };
        let mut f = Facts::new(&arn, p);
        f.size = Some((gib, SizeFrom::RecoveryPoint));
        // Counted once already, when the point was read.
        state.merge_quiet(&doc, f);
    }
}

/// `describe-region-settings`: `ResourceTypeOptInPreference` for the account and Region the
/// export was taken in (the output names neither).
pub(super) fn region_settings(
    state: &mut State<'_>,
    doc: &Doc<'_>,
    m: &Map<String, Value>,
) -> Result<(), Error> {
    let (account, region) = state.place(doc);
    let Some(region) = region else {
        state.issue(
            Issue::warning(
                "unplaced_export",
                doc.path(""),
                "describe-region-settings names no Region, and neither the document, the options nor the other documents give one; it is left out",
            )
            .with_hint("give the document's region (or options.region)"),
        );
        return Ok(());
    };
    let Some(prefs) = m
        .get("ResourceTypeOptInPreference")
        .and_then(Value::as_object)
    else {
        state.issue(Issue::error(
            "invalid_type",
            doc.path("/ResourceTypeOptInPreference"),
            "ResourceTypeOptInPreference must be an object of resource type → true/false",
        ));
        return Ok(());
    };
    state.count(doc, "/ResourceTypeOptInPreference", prefs.len())?;
    let mut n = 0;
    for (t, v) in prefs {
        let Some(b) = v.as_bool() else {
            state.issue(Issue::error(
                "invalid_type",
                doc.path(&format!(
                    "/ResourceTypeOptInPreference/{}",
                    crate::error::pointer_token(t)
                )),
                "an opt-in preference must be true or false",
            ));
            continue;
        };
        state.opt_in.push(ServiceOptIn {
            account: account.clone(),
            region: region.clone(),
            resource_type: t.clone(),
            opted_in: b,
        });
        n += 1;
    }
    if let Some(r) = state.read_mut(doc) {
        r.opt_in += n;
    }
    state.note(
        doc,
        format!(
            "opt-in of {} for {}/{region}; ResourceTypeManagementPreference is not carried",
            super::count(n, "resource type"),
            account.as_deref().unwrap_or("every account")
        ),
    );
    Ok(())
}
