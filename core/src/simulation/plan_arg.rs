//! The plan argument: a normalized plan, or a whole document holding one (with its selections
//! and vaults).

use std::borrow::Cow;

use serde_json::Value;

use super::SimulationOptions;
use crate::backup::{BackupPlan, BackupSelection, BackupVault, DocumentFormat, ParsedPlan};
use crate::boundary::type_name;
use crate::error::{Error, Issue};

/// The plan [`simulate_backup_plan`](super::simulate_backup_plan) runs: a normalized plan, or a
/// whole document holding one or several (any shape [`crate::backup::parse_backup_plan`]
/// reads). A document's selections and vaults fill the options' when those are `None`; with
/// several plans, `SimulationOptions::plan_name` picks one.
///
/// `From` builds it from a [`BackupPlan`], a [`ParsedPlan`] or document text (each owned or
/// borrowed).
// An argument, built for one call and consumed by it: boxing the plan would only add an
// allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum PlanOrDocument<'a> {
    /// A normalized plan (`parse_backup_plan`'s `plans[i]`).
    Plan(Cow<'a, BackupPlan>),
    /// A document already read by `parse_backup_plan`.
    Parsed(Cow<'a, ParsedPlan>),
    /// Document text, JSON or YAML.
    Text(Cow<'a, str>),
    /// A decoded document in an AWS shape (the object the JSON `parse_backup_plan` takes).
    Document(Cow<'a, Value>),
}

impl<'a> From<&'a BackupPlan> for PlanOrDocument<'a> {
    fn from(plan: &'a BackupPlan) -> Self {
        PlanOrDocument::Plan(Cow::Borrowed(plan))
    }
}

impl From<BackupPlan> for PlanOrDocument<'_> {
    fn from(plan: BackupPlan) -> Self {
        PlanOrDocument::Plan(Cow::Owned(plan))
    }
}

impl<'a> From<&'a ParsedPlan> for PlanOrDocument<'a> {
    fn from(parsed: &'a ParsedPlan) -> Self {
        PlanOrDocument::Parsed(Cow::Borrowed(parsed))
    }
}

impl From<ParsedPlan> for PlanOrDocument<'_> {
    fn from(parsed: ParsedPlan) -> Self {
        PlanOrDocument::Parsed(Cow::Owned(parsed))
    }
}

impl<'a> From<&'a str> for PlanOrDocument<'a> {
    fn from(text: &'a str) -> Self {
        PlanOrDocument::Text(Cow::Borrowed(text))
    }
}

impl From<String> for PlanOrDocument<'_> {
    fn from(text: String) -> Self {
        PlanOrDocument::Text(Cow::Owned(text))
    }
}

/// A plan argument after reading: the plan plus what its document said about selections and
/// vaults, and the import issues.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlanArg<'a> {
    pub plan: Cow<'a, BackupPlan>,
    pub selections: Vec<BackupSelection>,
    pub vaults: Vec<BackupVault>,
    pub notes: Vec<Issue>,
}

impl PlanArg<'_> {
    /// `options` with the document's selections and vaults where the options give none.
    pub(crate) fn fill<'o>(&self, options: &'o SimulationOptions) -> Cow<'o, SimulationOptions> {
        let selections = options.selections.is_none() && !self.selections.is_empty();
        let vaults = options.vaults.is_none() && !self.vaults.is_empty();
        if !selections && !vaults {
            return Cow::Borrowed(options);
        }
        let mut options = options.clone();
        if selections {
            options.selections = Some(self.selections.clone());
        }
        if vaults {
            options.vaults = Some(self.vaults.clone());
        }
        Cow::Owned(options)
    }
}

impl<'a> PlanOrDocument<'a> {
    /// Read the JSON `plan` argument: a string is document text; an object with `rules` or
    /// `name` a normalized plan (normalized here); any other object a document.
    pub(crate) fn from_json(v: Value) -> Result<PlanOrDocument<'static>, Error> {
        match v {
            Value::String(text) => Ok(PlanOrDocument::Text(Cow::Owned(text))),
            Value::Object(ref map) if map.contains_key("rules") || map.contains_key("name") => {
                let mut plan: BackupPlan = crate::boundary::from_value("plan", v)?;
                plan.normalize();
                Ok(PlanOrDocument::Plan(Cow::Owned(plan)))
            }
            v @ Value::Object(_) => Ok(PlanOrDocument::Document(Cow::Owned(v))),
            other => Err(Error::invalid(vec![Issue::error(
                "invalid_type",
                "",
                format!(
                "plan must be a normalized plan object or a plan document (text or object), not {}",
                type_name(&other)
            ),
            )
            .in_input("plan")])),
        }
    }

    /// The plan to simulate, with its document's selections, vaults and import issues;
    /// `plan_name` picks one plan of a document holding several.
    pub(crate) fn resolve(self, plan_name: Option<&str>) -> Result<PlanArg<'a>, Error> {
        match self {
            PlanOrDocument::Plan(plan) => Ok(PlanArg {
                plan,
                selections: Vec::new(),
                vaults: Vec::new(),
                notes: Vec::new(),
            }),
            PlanOrDocument::Parsed(parsed) => pick(&parsed, plan_name),
            PlanOrDocument::Text(text) => {
                pick(&crate::backup::parse_backup_plan(&text)?, plan_name)
            }
            PlanOrDocument::Document(doc) => pick(
                &crate::backup::import::parse_value(&doc, DocumentFormat::Json)?,
                plan_name,
            ),
        }
    }
}

/// One plan of a parsed document, with the selections that name it (or no plan) and the
/// document's vaults and issues.
fn pick(parsed: &ParsedPlan, plan_name: Option<&str>) -> Result<PlanArg<'static>, Error> {
    let names: Vec<&str> = parsed.plans.iter().map(|p| p.name.as_str()).collect();
    let idx = match (plan_name, parsed.plans.len()) {
        (_, 0) => {
            return Err(Error::invalid(vec![Issue::error(
                "no_plan",
                "",
                "the document holds no backup plan",
            )
            .in_input("plan")]))
        }
        (Some(n), _) => match names.iter().position(|x| *x == n) {
            Some(i) => i,
            None => {
                return Err(Error::invalid(vec![Issue::error(
                    "unknown_plan",
                    "/plan_name",
                    format!(
                        "the document has no plan named {n:?} (plans: {})",
                        names.join(", ")
                    ),
                )
                .in_input("options")]))
            }
        },
        (None, 1) => 0,
        (None, _) => {
            return Err(Error::invalid(vec![Issue::error(
                "ambiguous_plan",
                "",
                format!(
                    "the document holds {} plans ({}); name one with options.plan_name",
                    names.len(),
                    names.join(", ")
                ),
            )
            .in_input("plan")]))
        }
    };
    let plan = parsed
        .plans
        .get(idx)
        .cloned()
        .unwrap_or_else(|| BackupPlan::new("", vec![]));
    let selections = parsed
        .selections
        .iter()
        .filter(|s| s.plan_name.as_deref().is_none_or(|p| p == plan.name))
        .cloned()
        .collect();
    Ok(PlanArg {
        plan: Cow::Owned(plan),
        selections,
        vaults: parsed.vaults.clone(),
        notes: parsed.issues.clone(),
    })
}
