//! AWS Organizations backup policies (aws-backup.md §17.4): `describe-policy` (the policy, read
//! by the plan importer) and `list-targets-for-policy` (the accounts it applies in).

use serde_json::{Map, Value};

use super::{text, Doc, State};
use crate::backup::{import, DocumentFormat};
use crate::error::{Error, Issue};
use crate::estate::model::EstatePlan;

/// `describe-policy`: `Policy.PolicySummary.{Id, Type}` and `Policy.Content` through the
/// Organizations policy importer; each plan applies in the policy's `regions`.
pub(super) fn policy(
    state: &mut State<'_>,
    doc: &Doc<'_>,
    m: &Map<String, Value>,
) -> Result<(), Error> {
    let summary = m
        .get("Policy")
        .and_then(|p| p.get("PolicySummary"))
        .and_then(Value::as_object);
    let kind = summary.and_then(|s| text(s, "Type"));
    if kind.is_some_and(|k| k != "BACKUP_POLICY") {
        state.note(
            doc,
            format!(
                "a {} policy, not a backup policy: nothing to read",
                crate::budget::echo(kind.unwrap_or(""))
            ),
        );
        return Ok(());
    }
    let policy_id = summary
        .and_then(|s| text(s, "Id"))
        .unwrap_or(doc.name)
        .to_owned();
    let parsed = match import::parse_value(&Value::Object(m.clone()), DocumentFormat::Json) {
        Ok(p) => p,
        Err(e) => {
            if e.code == crate::error::ErrorCode::OverBudget {
                return Err(e);
            }
            for mut i in e.issues {
                i.path = doc.path(&i.path);
                i.input = None;
                state.issue(i);
            }
            return Ok(());
        }
    };
    for mut i in parsed.issues {
        i.path = doc.path(&i.path);
        i.input = None;
        state.issue(i);
    }
    let mut plans_by_name: Vec<(String, Vec<crate::backup::BackupSelection>)> = Vec::new();
    for s in parsed.selections {
        let plan = s.plan_name.clone().unwrap_or_default();
        match plans_by_name.iter_mut().find(|(n, _)| *n == plan) {
            Some((_, v)) => v.push(s),
            None => plans_by_name.push((plan, vec![s])),
        }
    }
    let mut indices = Vec::new();
    for mut plan in parsed.plans {
        plan.source = None;
        let id = format!("{policy_id}/{}", plan.name);
        let mut selections: Vec<_> = plans_by_name
            .iter()
            .find(|(n, _)| *n == plan.name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        for s in &mut selections {
            s.source = None;
        }
        let regions = plan.regions.clone();
        state.note(
            doc,
            format!(
                "policy plan {} read as {} ({}, {})",
                crate::budget::echo(&plan.name),
                crate::budget::echo(&id),
                super::count(regions.len(), "Region"),
                super::count(selections.len(), "selection")
            ),
        );
        let n = selections.len();
        indices.push(state.plans.len());
        state.add_plan(
            doc,
            "/Policy/Content",
            EstatePlan {
                id,
                plan,
                selections,
                accounts: Vec::new(),
                regions,
                source: Some(doc.source("/Policy/Content")),
            },
        );
        if let Some(r) = state.read_mut(doc) {
            r.selections += n;
        }
    }
    state.policies.insert(policy_id, indices);
    Ok(())
}

/// `list-targets-for-policy`: `Targets[].{TargetId, Type}` for the policy the document's
/// `subject` names (else the only policy read). Accounts are the `ACCOUNT` targets; a root or
/// organizational unit target leaves the accounts unknown (every account).
pub(super) fn targets(
    state: &mut State<'_>,
    doc: &Doc<'_>,
    m: &Map<String, Value>,
) -> Result<(), Error> {
    let items = state.items(doc, m, "Targets")?;
    let policy = match doc.subject {
        Some(s) => Some(s.to_owned()),
        None if state.policies.len() == 1 => {
            let id = state.policies.keys().next().cloned().unwrap_or_default();
            state.note(
                doc,
                format!("the export names no policy: taken as {} (the only backup policy read); give the document's subject to say which", crate::budget::echo(&id)),
            );
            Some(id)
        }
        None => None,
    };
    let Some(plans) = policy.as_ref().and_then(|p| state.policies.get(p)).cloned() else {
        state.issue(
            Issue::warning(
                "unplaced_export",
                doc.path(""),
                format!(
                    "list-targets-for-policy names no policy, and {}; it is left out",
                    match &policy {
                        Some(p) =>
                            format!("policy {} is not in the documents", crate::budget::echo(p)),
                        None => "the document's subject does not say which".to_owned(),
                    }
                ),
            )
            .with_hint(
                "give the document's subject: the policy ID (p-…), and its describe-policy output",
            ),
        );
        return Ok(());
    };
    let mut accounts = Vec::new();
    let mut wider = Vec::new();
    for (_, t) in &items {
        let id = text(t, "TargetId").unwrap_or("");
        match text(t, "Type") {
            Some("ACCOUNT") => accounts.push(id.to_owned()),
            _ => wider.push(crate::budget::echo(id)),
        }
    }
    if wider.is_empty() {
        for &i in &plans {
            if let Some(p) = state.plans.get_mut(i) {
                for a in &accounts {
                    if !p.accounts.contains(a) {
                        p.accounts.push(a.clone());
                    }
                }
            }
        }
        state.note(
            doc,
            format!(
                "the policy applies in {}",
                super::count(accounts.len(), "account")
            ),
        );
    } else {
        state.note(
            doc,
            format!(
                "the policy is attached to {}: the accounts under them are not in the exports, so its plans are taken to apply in every account",
                wider.join(", ")
            ),
        );
    }
    Ok(())
}
