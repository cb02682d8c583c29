//! Reading an [`Estate`] from the inventory exports people already have: AWS CLI JSON outputs
//! of AWS Backup, the tagging API, AWS Config advanced queries, RDS, DynamoDB, EC2, EFS and
//! Organizations backup policies (aws-backup.md §17).
//!
//! [`read_estate`] detects each document's shape ([`Shape`]), reads it with the reader of its
//! family (one file each) and merges everything into one estate: one resource per ARN, a later
//! fact filling a field the earlier documents left empty, a fact that contradicts an earlier one
//! a warning naming both documents (the earlier fact is kept). A document of no known shape is an
//! error issue at its index (`/<i>/content`, input `documents`); the other documents are still read.
//! What the exports do not give (sizes, tags, opt-in) stays empty and is said in `notes`.

mod backup;
mod config;
mod dynamodb;
mod ec2;
mod efs;
mod fields;
mod merge;

use merge::Merge;

pub(crate) use fields::*;
mod organizations;
mod rds;
mod tagging;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::model::{Estate, EstatePlan, EstateResource, NativeProtection, ServiceOptIn};
use crate::boundary::type_name;
use crate::error::{Error, Issue};
use crate::units::Gib;

/// The argument name every issue of [`read_estate`] points into (`/<i>/content/…`).
pub const INPUT: &str = "documents";
const GIB: f64 = 1_073_741_824.0;

/// One export given to [`read_estate`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct EstateDocument {
    /// A name for messages and `source` fields (a file name).
    pub name: String,
    /// The export: JSON text, or the JSON value already decoded.
    #[cfg_attr(feature = "tsify", tsify(type = "string | unknown"))]
    pub content: Value,
    /// The account the export was taken in, for exports that do not name it
    /// (`describe-volumes`, `describe-region-settings`, a `describe-table` without `TableArn`).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub account: Option<String>,
    /// The Region the export was taken in (same use as `account`).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub region: Option<String>,
    /// What an export is about when it does not say: the table of a
    /// `describe-continuous-backups`, the policy ID of a `list-targets-for-policy`.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub subject: Option<String>,
}

/// Options of [`read_estate`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct EstateReadOptions {
    /// The account of documents that name none and give none of their own.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub account: Option<String>,
    /// The Region of documents that name none and give none of their own.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub region: Option<String>,
}

/// What [`read_estate`] returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct EstateRead {
    /// The merged estate.
    pub estate: Estate,
    /// Each document: its shape and what was read from it.
    pub documents: Vec<DocumentRead>,
    /// What the documents together do not say (sizes, tags, opt-in…), in words.
    pub notes: Vec<String>,
    /// Problems: unknown shapes and unreadable documents (errors), conflicting facts and
    /// entries that could not be placed (warnings). Paths are `/<i>/content/…` into `documents`.
    pub issues: Vec<Issue>,
}

/// One document and what was read from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct DocumentRead {
    pub index: usize,
    pub name: String,
    /// The export it was read as (`"backup list-protected-resources"`…); `None`: not read.
    pub shape: Option<String>,
    /// Resources it named (merged with the same ARN from other documents).
    pub resources: usize,
    pub plans: usize,
    pub selections: usize,
    pub opt_in: usize,
    /// What was read, ignored and why, in words.
    pub notes: Vec<String>,
}

/// The export shapes read (aws-backup.md §17).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Shape {
    ProtectedResources,
    BackupPlansList,
    BackupPlan,
    BackupSelectionsList,
    BackupSelection,
    RecoveryPoints,
    RegionSettings,
    TaggedResources,
    ConfigQuery,
    DbInstances,
    DbClusters,
    GlobalClusters,
    DynamoTable,
    ContinuousBackups,
    Volumes,
    FileSystems,
    OrgPolicy,
    PolicyTargets,
}

impl Shape {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Shape::ProtectedResources => "backup list-protected-resources",
            Shape::BackupPlansList => "backup list-backup-plans",
            Shape::BackupPlan => "backup get-backup-plan",
            Shape::BackupSelectionsList => "backup list-backup-selections",
            Shape::BackupSelection => "backup get-backup-selection",
            Shape::RecoveryPoints => "backup list-recovery-points-by-backup-vault",
            Shape::RegionSettings => "backup describe-region-settings",
            Shape::TaggedResources => "resourcegroupstaggingapi get-resources",
            Shape::ConfigQuery => "configservice select-resource-config",
            Shape::DbInstances => "rds describe-db-instances",
            Shape::DbClusters => "rds describe-db-clusters",
            Shape::GlobalClusters => "rds describe-global-clusters",
            Shape::DynamoTable => "dynamodb describe-table",
            Shape::ContinuousBackups => "dynamodb describe-continuous-backups",
            Shape::Volumes => "ec2 describe-volumes",
            Shape::FileSystems => "efs describe-file-systems",
            Shape::OrgPolicy => "organizations describe-policy",
            Shape::PolicyTargets => "organizations list-targets-for-policy",
        }
    }

    /// When it is read: 0 first; 1 after them (it needs an account or Region the others may
    /// give); 2 last (it needs a table or a policy read at 0 or 1).
    fn stage(self) -> u8 {
        match self {
            Shape::Volumes | Shape::DynamoTable | Shape::RegionSettings => 1,
            Shape::ContinuousBackups | Shape::PolicyTargets => 2,
            _ => 0,
        }
    }
}

const SHAPES_READ: &str = "backup list-protected-resources, list-backup-plans, get-backup-plan, \
list-backup-selections, get-backup-selection, list-recovery-points-by-backup-vault, \
describe-region-settings; resourcegroupstaggingapi get-resources; configservice \
select-resource-config / select-aggregate-resource-config; rds describe-db-instances, \
describe-db-clusters, describe-global-clusters; dynamodb describe-table, \
describe-continuous-backups; ec2 describe-volumes; efs describe-file-systems; organizations \
describe-policy, list-targets-for-policy";

/// The shape of a decoded export, or why it is none (a message naming its top-level keys).
pub(crate) fn detect(v: &Value) -> Result<Shape, String> {
    let Some(m) = v.as_object() else {
        return Err(format!(
            "the document is {}, not an object (an export filtered with --query is not read)",
            type_name(v)
        ));
    };
    let has = |k: &str| m.contains_key(k);
    if let Some(Value::Array(results)) = m.get("Results") {
        return Ok(
            if has("QueryInfo") || results.first().is_some_and(Value::is_string) {
                Shape::ConfigQuery
            } else {
                Shape::ProtectedResources
            },
        );
    }
    let shape = if has("BackupPlansList") {
        Shape::BackupPlansList
    } else if has("BackupPlan") && (has("BackupPlanId") || has("BackupPlanArn")) {
        Shape::BackupPlan
    } else if has("BackupSelectionsList") {
        Shape::BackupSelectionsList
    } else if has("BackupSelection") {
        Shape::BackupSelection
    } else if has("RecoveryPoints") {
        Shape::RecoveryPoints
    } else if has("ResourceTypeOptInPreference") {
        Shape::RegionSettings
    } else if has("ResourceTagMappingList") {
        Shape::TaggedResources
    } else if has("DBInstances") {
        Shape::DbInstances
    } else if has("DBClusters") {
        Shape::DbClusters
    } else if has("GlobalClusters") {
        Shape::GlobalClusters
    } else if has("Table") {
        Shape::DynamoTable
    } else if has("ContinuousBackupsDescription") {
        Shape::ContinuousBackups
    } else if has("Volumes") {
        Shape::Volumes
    } else if has("FileSystems") {
        Shape::FileSystems
    } else if m
        .get("Policy")
        .is_some_and(|p| p.get("Content").is_some() || p.get("PolicySummary").is_some())
    {
        Shape::OrgPolicy
    } else if has("Targets") {
        Shape::PolicyTargets
    } else {
        let keys: Vec<String> = m
            .keys()
            .take(8)
            .map(|k| crate::budget::echo(k).chars().take(40).collect())
            .collect();
        return Err(format!(
            "the document is none of the exports read (top-level keys: {})",
            if keys.is_empty() {
                "none".to_owned()
            } else {
                keys.join(", ")
            }
        ));
    };
    Ok(shape)
}

// ---------------------------------------------------------------------------------------------
// One document being read

/// The document being read: where its values are, and what it says of itself.
pub(crate) struct Doc<'a> {
    pub index: usize,
    pub name: &'a str,
    pub account: Option<&'a str>,
    pub region: Option<&'a str>,
    pub subject: Option<&'a str>,
}

impl Doc<'_> {
    /// The issue path of pointer `p` inside this document's content.
    pub(crate) fn path(&self, p: &str) -> String {
        format!("/{}/content{p}", self.index)
    }

    /// A `source` string: the document's name and the pointer.
    pub(crate) fn source(&self, p: &str) -> String {
        format!("{}#{p}", self.name)
    }
}

/// Size of a resource and where it comes from: the resource's own description wins over a
/// recovery point's size (aws-backup.md §17.3, §17.5).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum SizeFrom {
    Resource,
    RecoveryPoint,
}

/// What one document says of one resource.
#[derive(Debug, Clone, Default)]
pub(crate) struct Facts {
    pub arn: String,
    pub resource_type: Option<String>,
    pub account: Option<String>,
    pub region: Option<String>,
    pub tags: BTreeMap<String, String>,
    pub size: Option<(f64, SizeFrom)>,
    pub native: NativeProtection,
    /// Pointer of the entry inside the document.
    pub pointer: String,
}

impl Facts {
    pub(crate) fn new(arn: &str, pointer: String) -> Self {
        Facts {
            arn: arn.to_owned(),
            pointer,
            ..Facts::default()
        }
    }
}

/// Which document first gave each field of a resource (for conflict messages).
#[derive(Default)]
struct Origins(HashMap<String, usize>);

/// One entry of a document's list: its pointer and its object.
pub(crate) type Entry<'v> = (String, &'v Map<String, Value>);

/// The read in progress: the merged estate and everything said about it.
pub(crate) struct State<'a> {
    documents: &'a [EstateDocument],
    options: &'a EstateReadOptions,
    resources: Vec<EstateResource>,
    by_arn: HashMap<String, usize>,
    origins: Vec<Origins>,
    size_from: Vec<Option<SizeFrom>>,
    pub(crate) plans: Vec<EstatePlan>,
    /// Plan IDs (and ARNs) → index in `plans`.
    pub(crate) plan_by_id: HashMap<String, usize>,
    /// Selections read, to attach to their plan at the end.
    pub(crate) selections: Vec<backup::PendingSelection>,
    /// Plans listed by `list-backup-plans`: document, plan ID, name.
    pub(crate) listed_plans: Vec<(usize, String, String)>,
    /// Selections listed by `list-backup-selections`: document, selection ID, name, plan ID.
    pub(crate) listed_selections: Vec<(usize, String, String, String)>,
    /// Each resource's latest recovery point with a size: ARN → (creation time, GiB, document,
    /// pointer).
    pub(crate) latest_points: HashMap<String, (f64, f64, usize, String)>,
    /// Tables described: name → ARN (for `describe-continuous-backups`).
    pub(crate) tables: BTreeMap<String, String>,
    /// Organizations policies read: policy ID → indices of their plans.
    pub(crate) policies: BTreeMap<String, Vec<usize>>,
    pub(crate) opt_in: Vec<ServiceOptIn>,
    pub(crate) issues: Vec<Issue>,
    pub(crate) reads: Vec<DocumentRead>,
    /// Entries (list items) read so far, against [`crate::budget::ESTATE_RECORDS`].
    records: u64,
    /// Resources left out because AWS Backup does not protect their service: service → count.
    pub(crate) not_protectable: BTreeMap<String, usize>,
}

impl<'a> State<'a> {
    fn new(documents: &'a [EstateDocument], options: &'a EstateReadOptions) -> Self {
        State {
            documents,
            options,
            resources: Vec::new(),
            by_arn: HashMap::new(),
            origins: Vec::new(),
            size_from: Vec::new(),
            plans: Vec::new(),
            plan_by_id: HashMap::new(),
            selections: Vec::new(),
            listed_plans: Vec::new(),
            listed_selections: Vec::new(),
            latest_points: HashMap::new(),
            tables: BTreeMap::new(),
            policies: BTreeMap::new(),
            opt_in: Vec::new(),
            issues: Vec::new(),
            reads: documents
                .iter()
                .enumerate()
                .map(|(index, d)| DocumentRead {
                    index,
                    name: d.name.clone(),
                    shape: None,
                    resources: 0,
                    plans: 0,
                    selections: 0,
                    opt_in: 0,
                    notes: Vec::new(),
                })
                .collect(),
            records: 0,
            not_protectable: BTreeMap::new(),
        }
    }

    pub(crate) fn issue(&mut self, issue: Issue) {
        self.issues.push(issue.in_input(INPUT));
    }

    pub(crate) fn note(&mut self, doc: &Doc<'_>, note: impl Into<String>) {
        if let Some(r) = self.reads.get_mut(doc.index) {
            r.notes.push(note.into());
        }
    }

    pub(crate) fn read_mut(&mut self, doc: &Doc<'_>) -> Option<&mut DocumentRead> {
        self.reads.get_mut(doc.index)
    }

    fn name_of(&self, index: usize) -> String {
        self.documents
            .get(index)
            .map(|d| format!("{} (document {index})", crate::budget::echo(&d.name)))
            .unwrap_or_default()
    }

    /// The objects of list `key` of a document, counted against the budget before any is read;
    /// an item that is not an object is an issue.
    pub(crate) fn items<'v>(
        &mut self,
        doc: &Doc<'_>,
        m: &'v Map<String, Value>,
        key: &str,
    ) -> Result<Vec<Entry<'v>>, Error> {
        let p = format!("/{key}");
        let list = match m.get(key) {
            None | Some(Value::Null) => return Ok(Vec::new()),
            Some(Value::Array(a)) => a,
            Some(other) => {
                self.issue(Issue::error(
                    "invalid_type",
                    doc.path(&p),
                    format!("{key} must be a list, not {}", type_name(other)),
                ));
                return Ok(Vec::new());
            }
        };
        self.count(doc, &p, list.len())?;
        let mut out = Vec::with_capacity(list.len());
        for (i, item) in list.iter().enumerate() {
            let ip = format!("{p}/{i}");
            match item {
                Value::Object(o) => out.push((ip, o)),
                other => self.issue(Issue::error(
                    "invalid_type",
                    doc.path(&ip),
                    format!(
                        "an entry of {key} must be an object, not {}",
                        type_name(other)
                    ),
                )),
            }
        }
        Ok(out)
    }

    /// Count `n` entries against [`crate::budget::ESTATE_RECORDS`].
    pub(crate) fn count(&mut self, doc: &Doc<'_>, p: &str, n: usize) -> Result<(), Error> {
        self.records = self.records.saturating_add(n as u64);
        if self.records > crate::budget::ESTATE_RECORDS {
            return Err(crate::budget::over(
                INPUT,
                &doc.path(p),
                "the entries of the documents",
                self.records,
                crate::budget::ESTATE_RECORDS,
                "entries",
            ));
        }
        Ok(())
    }

    /// The account and Region a document without them is about: its own, the options', else
    /// the only account (Region) the other documents name, with a note saying which.
    pub(crate) fn place(&mut self, doc: &Doc<'_>) -> (Option<String>, Option<String>) {
        (self.place_account(doc), self.place_region(doc))
    }

    /// The account of [`State::place`].
    pub(crate) fn place_account(&mut self, doc: &Doc<'_>) -> Option<String> {
        doc.account
            .or(self.options.account.as_deref())
            .map(str::to_owned)
            .or_else(|| self.only("account", doc, |r| r.account.clone()))
    }

    /// The Region of [`State::place`].
    pub(crate) fn place_region(&mut self, doc: &Doc<'_>) -> Option<String> {
        doc.region
            .or(self.options.region.as_deref())
            .map(str::to_owned)
            .or_else(|| self.only("Region", doc, |r| r.region.clone()))
    }

    fn only(
        &mut self,
        what: &str,
        doc: &Doc<'_>,
        get: impl Fn(&EstateResource) -> Option<String>,
    ) -> Option<String> {
        let seen: BTreeSet<String> = self.resources.iter().filter_map(get).collect();
        if seen.len() == 1 {
            let one = seen.into_iter().next()?;
            self.note(
                doc,
                format!("the export names no {what}: {one} is taken from the other documents (the only {what} they name)"),
            );
            Some(one)
        } else {
            None
        }
    }

    /// Merge what one document says of one resource. Returns false when the resource was left
    /// out (not an ARN of a service AWS Backup protects).
    pub(crate) fn merge(&mut self, doc: &Doc<'_>, facts: Facts) -> bool {
        self.merge_counted(doc, facts, true)
    }

    /// [`State::merge`] without counting the resource in the document's summary (a fact
    /// applied later from an entry already counted).
    pub(crate) fn merge_quiet(&mut self, doc: &Doc<'_>, facts: Facts) -> bool {
        self.merge_counted(doc, facts, false)
    }

    fn merge_counted(&mut self, doc: &Doc<'_>, facts: Facts, counted: bool) -> bool {
        let arn = facts.arn.trim();
        if arn != facts.arn {
            self.issue(Issue::warning(
                "arn_whitespace",
                doc.path(&facts.pointer),
                format!(
                    "the ARN {:?} has spaces around it; read without them",
                    crate::budget::echo(&facts.arn)
                ),
            ));
        }
        let arn = arn.to_owned();
        let Some(parts) = crate::backup::split_arn(&arn) else {
            self.issue(Issue::warning(
                "not_an_arn",
                doc.path(&facts.pointer),
                format!(
                    "{:?} is not an ARN (arn:partition:service:region:account:resource); the entry is left out",
                    crate::budget::echo(&arn)
                ),
            ));
            return false;
        };
        let arn_types = crate::backup::resource::types_of_arn(&arn);
        let Ok(arn_types) = arn_types else {
            *self
                .not_protectable
                .entry(parts.service.to_owned())
                .or_default() += 1;
            return false;
        };
        let from_arn_type = match arn_types.as_slice() {
            [one] => Some((*one).to_owned()),
            _ => None,
        };
        let arn_account = crate::backup::arn::account_of_arn(&arn).map(str::to_owned);
        let arn_region = crate::backup::arn::region_of_arn(&arn).map(str::to_owned);
        if counted {
            if let Some(r) = self.read_mut(doc) {
                r.resources += 1;
            }
        }
        let idx = match self.by_arn.get(&arn) {
            Some(&i) => i,
            None => {
                let i = self.resources.len();
                self.resources.push(EstateResource {
                    arn: arn.clone(),
                    resource_type: None,
                    account: None,
                    region: None,
                    tags: BTreeMap::new(),
                    size_gib: None,
                    change_rate: None,
                    native: NativeProtection::default(),
                    source: Some(doc.source(&facts.pointer)),
                });
                self.origins.push(Origins::default());
                self.size_from.push(None);
                self.by_arn.insert(arn.clone(), i);
                i
            }
        };
        let at = doc.path(&facts.pointer);
        let mut m = Merge {
            state: self,
            idx,
            doc: doc.index,
            at,
            arn: &arn,
        };
        m.string(
            "resource_type",
            facts.resource_type.or(from_arn_type),
            |r| &mut r.resource_type,
        );
        m.string("account", facts.account.or(arn_account), |r| &mut r.account);
        m.string("region", facts.region.or(arn_region), |r| &mut r.region);
        for (k, v) in facts.tags {
            m.tag(k, v);
        }
        if let Some((gib, from)) = facts.size {
            m.size(gib, from);
        }
        let n = facts.native;
        m.native(
            "automated_backup_retention_days",
            n.automated_backup_retention_days,
            |p| &mut p.automated_backup_retention_days,
        );
        m.native("point_in_time_recovery", n.point_in_time_recovery, |p| {
            &mut p.point_in_time_recovery
        });
        m.native("multi_az", n.multi_az, |p| &mut p.multi_az);
        m.list(n.read_replicas, |p| &mut p.read_replicas);
        m.list(n.global_regions, |p| &mut p.global_regions);
        true
    }

    /// Add a plan; a plan with the same ID already read is kept, with a warning when they differ.
    pub(crate) fn add_plan(&mut self, doc: &Doc<'_>, pointer: &str, plan: EstatePlan) {
        if let Some(&i) = self.plan_by_id.get(&plan.id) {
            let same = self
                .plans
                .get(i)
                .is_some_and(|p| p.plan == plan.plan && p.accounts == plan.accounts);
            if !same {
                let earlier = self
                    .plans
                    .get(i)
                    .and_then(|p| p.source.clone())
                    .unwrap_or_default();
                self.issue(Issue::warning(
                    "conflicting_fact",
                    doc.path(pointer),
                    format!(
                        "plan {} is also in {}, and differs; the first one read is kept",
                        crate::budget::echo(&plan.id),
                        crate::budget::echo(&earlier)
                    ),
                ));
            }
            return;
        }
        let i = self.plans.len();
        self.plan_by_id.insert(plan.id.clone(), i);
        if let Some(arn) = plan.plan.plan_arn.clone() {
            self.plan_by_id.entry(arn).or_insert(i);
        }
        if let Some(id) = plan.plan.plan_id.clone() {
            self.plan_by_id.entry(id).or_insert(i);
        }
        self.plans.push(plan);
        if let Some(r) = self.read_mut(doc) {
            r.plans += 1;
        }
    }
}

fn gib_text(g: f64) -> String {
    format!("{g} GiB")
}

// ---------------------------------------------------------------------------------------------
// The entry point

/// Read AWS CLI exports into one [`Estate`] (aws-backup.md §17).
///
/// Each document's shape is detected; documents that need an account, a Region, a table or a
/// policy another document gives are read after the others. An unknown shape or unreadable
/// text is an error issue at `/<i>/content` and the other documents are still read. Fails only
/// over a budget: more than [`crate::budget::ESTATE_TEXT_BYTES`] of text or
/// [`crate::budget::ESTATE_RECORDS`] entries.
pub fn read_estate(
    documents: &[EstateDocument],
    options: &EstateReadOptions,
) -> Result<EstateRead, Error> {
    if documents.len() > crate::budget::MAX_ESTATE_DOCUMENTS {
        return Err(crate::budget::over(
            INPUT,
            "",
            "the document list",
            documents.len() as u64,
            crate::budget::MAX_ESTATE_DOCUMENTS as u64,
            "documents",
        ));
    }
    let text: u64 = documents
        .iter()
        .map(|d| d.content.as_str().map_or(0, str::len) as u64)
        .sum();
    if text > crate::budget::ESTATE_TEXT_BYTES {
        return Err(crate::budget::over(
            INPUT,
            "",
            "the documents' text",
            text,
            crate::budget::ESTATE_TEXT_BYTES,
            "bytes",
        ));
    }
    let mut state = State::new(documents, options);
    // Decode and detect every document first.
    let mut decoded: Vec<(usize, Shape, Value)> = Vec::new();
    for (i, d) in documents.iter().enumerate() {
        let value = match &d.content {
            Value::String(t) => match crate::boundary::parse_text(INPUT, t) {
                Ok(v) => v,
                Err(e) if e.code == crate::error::ErrorCode::OverBudget => return Err(e),
                Err(e) => {
                    let first = e.issues.first().map(|x| x.message.clone());
                    state.issue(
                        Issue::error(
                            "invalid_json",
                            format!("/{i}/content"),
                            format!(
                                "the document is not JSON: {}",
                                first.unwrap_or_else(|| e.message.clone())
                            ),
                        )
                        .with_hint("give the output of the AWS CLI with --output json"),
                    );
                    continue;
                }
            },
            other => other.clone(),
        };
        match detect(&value) {
            Ok(shape) => {
                if let Some(r) = state.reads.get_mut(i) {
                    r.shape = Some(shape.as_str().to_owned());
                }
                decoded.push((i, shape, value));
            }
            Err(why) => state.issue(
                Issue::error("unknown_shape", format!("/{i}/content"), why)
                    .with_hint(format!("read_estate reads: {SHAPES_READ}")),
            ),
        }
    }
    // Documents that name their resources first, then those placed by the others.
    decoded.sort_by_key(|(i, shape, _)| (shape.stage(), *i));
    for (i, shape, value) in &decoded {
        let Some(d) = documents.get(*i) else { continue };
        let doc = Doc {
            index: *i,
            name: &d.name,
            account: d.account.as_deref(),
            region: d.region.as_deref(),
            subject: d.subject.as_deref(),
        };
        let Some(m) = value.as_object() else { continue };
        read_one(&mut state, &doc, *shape, m)?;
    }
    backup::attach_selections(&mut state);
    backup::apply_point_sizes(&mut state);
    Ok(finish(state))
}

fn read_one(
    state: &mut State<'_>,
    doc: &Doc<'_>,
    shape: Shape,
    m: &Map<String, Value>,
) -> Result<(), Error> {
    match shape {
        Shape::ProtectedResources => backup::protected_resources(state, doc, m),
        Shape::BackupPlansList => backup::plans_list(state, doc, m),
        Shape::BackupPlan => backup::plan(state, doc, m),
        Shape::BackupSelectionsList => backup::selections_list(state, doc, m),
        Shape::BackupSelection => backup::selection(state, doc, m),
        Shape::RecoveryPoints => backup::recovery_points(state, doc, m),
        Shape::RegionSettings => backup::region_settings(state, doc, m),
        Shape::TaggedResources => tagging::resources(state, doc, m),
        Shape::ConfigQuery => config::query(state, doc, m),
        Shape::DbInstances => rds::instances(state, doc, m),
        Shape::DbClusters => rds::clusters(state, doc, m),
        Shape::GlobalClusters => rds::global_clusters(state, doc, m),
        Shape::DynamoTable => dynamodb::table(state, doc, m),
        Shape::ContinuousBackups => dynamodb::continuous_backups(state, doc, m),
        Shape::Volumes => ec2::volumes(state, doc, m),
        Shape::FileSystems => efs::file_systems(state, doc, m),
        Shape::OrgPolicy => organizations::policy(state, doc, m),
        Shape::PolicyTargets => organizations::targets(state, doc, m),
    }
}

/// The estate and the notes on what the documents together leave unsaid.
fn finish(mut state: State<'_>) -> EstateRead {
    let mut notes = Vec::new();
    if !state.not_protectable.is_empty() {
        let list: Vec<String> = state
            .not_protectable
            .iter()
            .map(|(s, n)| format!("{} ({n})", crate::budget::echo(s)))
            .collect();
        notes.push(format!(
            "left out: resources of services AWS Backup does not protect: {}",
            list.join(", ")
        ));
    }
    let n = state.resources.len();
    let no_size = state
        .resources
        .iter()
        .filter(|r| r.size_gib.is_none())
        .count();
    if no_size > 0 {
        notes.push(format!(
            "{no_size} of {n} resources have no size in the exports (describe-volumes, describe-db-instances, describe-table, describe-file-systems or list-recovery-points-by-backup-vault give it); whoever needs a size defaults it"
        ));
    }
    let untagged = state.resources.iter().filter(|r| r.tags.is_empty()).count();
    if n > 0 && untagged == n {
        notes.push(
            "no resource has tags: tag-based selections match nothing unless a tag export (resourcegroupstaggingapi get-resources, a Config query with tags) is given".to_owned(),
        );
    } else if untagged > 0 {
        notes.push(format!(
            "{untagged} of {n} resources have no tags in the exports"
        ));
    }
    let no_type = state
        .resources
        .iter()
        .filter(|r| r.resource_type.is_none())
        .count();
    if no_type > 0 {
        notes.push(format!(
            "{no_type} resources have no AWS Backup resource type (their ARN names several)"
        ));
    }
    if state.opt_in.is_empty() {
        notes.push(
            "no service opt-in (backup describe-region-settings): every resource type is taken as opted in".to_owned(),
        );
    }
    if state.plans.is_empty() {
        notes.push("no backup plan in the documents".to_owned());
    }
    let opt_regions: BTreeSet<(Option<String>, String)> = state
        .opt_in
        .iter()
        .map(|o| (o.account.clone(), o.region.clone()))
        .collect();
    let places: BTreeSet<(Option<String>, String)> = state
        .resources
        .iter()
        .filter_map(|r| Some((r.account.clone(), r.region.clone()?)))
        .collect();
    let missing: Vec<String> = places
        .iter()
        .filter(|(a, r)| {
            !opt_regions.contains(&(a.clone(), r.clone()))
                && !opt_regions.contains(&(None, r.clone()))
        })
        .map(|(a, r)| format!("{}/{r}", a.as_deref().unwrap_or("?")))
        .collect();
    if !state.opt_in.is_empty() && !missing.is_empty() {
        notes.push(format!(
            "no service opt-in for {}: taken as opted in",
            missing.join(", ")
        ));
    }
    for (i, r) in state.reads.iter_mut().enumerate() {
        if r.shape.is_none() && r.notes.is_empty() {
            r.notes
                .push(format!("document {i} was not read (see issues)"));
        }
    }
    EstateRead {
        estate: Estate {
            plans: state.plans,
            resources: state.resources,
            opt_in: state.opt_in,
        },
        documents: state.reads,
        notes,
        issues: state.issues,
    }
}
