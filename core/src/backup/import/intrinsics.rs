//! CloudFormation intrinsic functions, resolved where a template alone determines the value.
//!
//! Resolved: `Ref` to a Parameter with a `Default`, to an `AWS::Backup::BackupVault` /
//! `AWS::Backup::LogicallyAirGappedBackupVault` (its name) and to `AWS::NoValue`;
//! `Fn::GetAtt` of a vault's name or ARN; `Fn::Sub`, `Fn::Join`, `Fn::Select`, `Fn::Split`,
//! `Fn::FindInMap` over resolvable arguments; `Fn::If` by its condition when the parameters'
//! defaults decide it (`Conditions` with `Fn::Equals`/`And`/`Or`/`Not`), else when both
//! branches agree. The pseudo
//! parameters `AWS::Region`, `AWS::AccountId` and `AWS::Partition` stay symbolic inside strings
//! (`arn:${AWS::Partition}:backup:${AWS::Region}:…`) so an ARN still tells "this stack's Region".
//! Everything else is [`Resolution::Unresolved`] with a reason; the importer reports it as a
//! warning with its path and validation skips the value. Recursion is bounded by [`MAX_DEPTH`];
//! breadth by memoizing each vault's name (a name is resolved once however often it is named, and
//! a name that needs itself is unresolved at once) and by counting every step and every byte
//! built against one budget per template, [`CFN_RESOLUTION_WORK`] (`crate::budget`).

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use crate::budget::CFN_RESOLUTION_WORK;

use serde_json::{Map, Value};

/// Deepest chain of nested intrinsics followed (a template's own nesting is far smaller).
const MAX_DEPTH: u32 = 16;
/// Longest string a resolution may build (guards `Fn::Join`/`Fn::Sub` on pathological input).
const MAX_STRING: usize = 64 * 1024;

/// The outcome of resolving one value.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    Value(Value),
    /// `Ref: AWS::NoValue`: the property is removed.
    NoValue,
    Unresolved(String),
}

/// A template parameter.
#[derive(Debug, Clone)]
struct Param {
    kind: String,
    default: Option<Value>,
}

/// What the resolver knows about a template.
#[derive(Debug, Clone, Default)]
pub struct Template {
    params: BTreeMap<String, Param>,
    /// logical ID → (type, properties)
    resources: BTreeMap<String, (String, Map<String, Value>)>,
    mappings: Map<String, Value>,
    /// The template's `Conditions` section.
    conditions: Map<String, Value>,
    /// Logical ID → the name of the condition the resource is created under.
    resource_conditions: BTreeMap<String, String>,
    /// Condition name → its value from the parameters' defaults (`None`: undecided); an entry is
    /// made before evaluating, so a condition that needs itself is undecided instead of looping.
    decided: RefCell<BTreeMap<String, Option<bool>>>,
    /// Vault logical ID → its resolved name (or why not); an entry is made before resolving,
    /// so a name that refers to itself is unresolved instead of recursing.
    names: RefCell<BTreeMap<String, Resolution>>,
    /// Steps and bytes spent so far (see [`CFN_RESOLUTION_WORK`]).
    work: Cell<u64>,
    /// Where the budget ran out (set by the reader with the path of the value being resolved).
    over_at: RefCell<Option<String>>,
}

/// Why a value is unresolved once the template's work budget is spent.
const OVER_BUDGET: &str = "over the resolution budget";

pub const VAULT_TYPES: &[&str] = &[
    "AWS::Backup::BackupVault",
    "AWS::Backup::LogicallyAirGappedBackupVault",
];

/// Whether `v` is an intrinsic function call (`{"Ref": …}`, `{"Fn::…": …}`, `{"Condition": …}`).
pub fn is_intrinsic(v: &Value) -> bool {
    match v.as_object() {
        Some(m) if m.len() == 1 => m
            .keys()
            .next()
            .is_some_and(|k| k == "Ref" || k == "Condition" || k.starts_with("Fn::")),
        _ => false,
    }
}

fn own_pseudo(name: &str) -> bool {
    matches!(name, "AWS::Region" | "AWS::AccountId" | "AWS::Partition")
}

/// The AWS Backup resource type of a CloudFormation resource type (aws-backup.md §16.8, §15).
fn backup_type_of(kind: &str, props: &Map<String, Value>) -> Option<&'static str> {
    Some(match kind {
        "AWS::DynamoDB::Table" | "AWS::DynamoDB::GlobalTable" => "DynamoDB",
        "AWS::EC2::Instance" => "EC2",
        "AWS::EC2::Volume" => "EBS",
        "AWS::EFS::FileSystem" => "EFS",
        "AWS::RDS::DBInstance" => "RDS",
        // A DB cluster is Aurora unless its engine says otherwise (Multi-AZ DB clusters of
        // MySQL/PostgreSQL are RDS).
        "AWS::RDS::DBCluster" => match props.get("Engine").and_then(Value::as_str) {
            Some(e) if !e.starts_with("aurora") => "RDS",
            _ => "Aurora",
        },
        "AWS::DocDB::DBCluster" => "DocumentDB",
        "AWS::Neptune::DBCluster" => "Neptune",
        "AWS::S3::Bucket" => "S3",
        "AWS::FSx::FileSystem" => "FSx",
        "AWS::Redshift::Cluster" => "Redshift",
        "AWS::Timestream::Table" => "Timestream",
        "AWS::EKS::Cluster" => "EKS",
        "AWS::CloudFormation::Stack" => "CloudFormation",
        _ => return None,
    })
}

/// Whether a resolved string holds a pseudo-parameter placeholder left for deploy time.
pub fn has_pseudo(s: &str) -> bool {
    ["${AWS::Region}", "${AWS::AccountId}", "${AWS::Partition}"]
        .iter()
        .any(|p| s.contains(p))
}

/// The variable names a string writes as `${Name}` (not the literal form `${!Name}`).
pub fn substitutable_names(s: &str) -> impl Iterator<Item = &str> {
    s.match_indices("${").filter_map(move |(i, _)| {
        let rest = s.get(i + 2..)?;
        let end = rest.find('}')?;
        let name = rest.get(..end)?;
        (!name.is_empty() && !name.starts_with('!')).then_some(name)
    })
}

impl Template {
    pub fn new(doc: &Map<String, Value>) -> Self {
        let mut t = Template::default();
        if let Some(Value::Object(params)) = doc.get("Parameters") {
            for (name, p) in params {
                let kind = p
                    .get("Type")
                    .and_then(Value::as_str)
                    .unwrap_or("String")
                    .to_owned();
                t.params.insert(
                    name.clone(),
                    Param {
                        kind,
                        default: p.get("Default").cloned(),
                    },
                );
            }
        }
        if let Some(Value::Object(res)) = doc.get("Resources") {
            for (id, r) in res {
                let kind = r
                    .get("Type")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned();
                let props = r
                    .get("Properties")
                    .and_then(Value::as_object)
                    .cloned()
                    .unwrap_or_default();
                if let Some(c) = r.get("Condition").and_then(Value::as_str) {
                    t.resource_conditions.insert(id.clone(), c.to_owned());
                }
                t.resources.insert(id.clone(), (kind, props));
            }
        }
        if let Some(Value::Object(m)) = doc.get("Mappings") {
            t.mappings = m.clone();
        }
        if let Some(Value::Object(m)) = doc.get("Conditions") {
            t.conditions = m.clone();
        }
        t
    }

    /// The AWS Backup resource types a value that names a resource stands for, when the template
    /// tells even though the value itself is known only at deployment (aws-backup.md §16.8): a
    /// `Ref`/`Fn::GetAtt` of a resource of a protectable type, or an ARN whose service and
    /// resource prefix are literal (`Fn::Sub`, `Fn::Join`). Empty when nothing is known.
    pub fn resource_types_of(&self, v: &Value) -> Vec<&'static str> {
        let target = match v.as_object().filter(|m| m.len() == 1) {
            Some(m) => match (m.get("Ref"), m.get("Fn::GetAtt")) {
                (Some(Value::String(r)), _) => Some(r.as_str()),
                (_, Some(Value::Array(a))) => a.first().and_then(Value::as_str),
                (_, Some(Value::String(s))) => s.split('.').next(),
                _ => None,
            },
            None => None,
        };
        if let Some(id) = target {
            return self
                .resources
                .get(id)
                .and_then(|(kind, props)| backup_type_of(kind, props))
                .into_iter()
                .collect();
        }
        let mut work = 0usize;
        match self.skeleton(v, 0, &mut work) {
            Some(s) if s.starts_with("arn:") => {
                crate::backup::resource::types_of_arn(&s).unwrap_or_default()
            }
            _ => Vec::new(),
        }
    }

    /// A value as text with every part known only at deployment written `x` (enough to read an
    /// ARN's service and resource prefix). Bounded by depth and by 4 KiB of text.
    fn skeleton(&self, v: &Value, depth: u32, work: &mut usize) -> Option<String> {
        if depth > MAX_DEPTH || *work > 4096 {
            return None;
        }
        let out = match v {
            Value::String(s) => s.clone(),
            Value::Object(m) if m.len() == 1 => match (m.get("Fn::Sub"), m.get("Fn::Join")) {
                (Some(sub), _) => {
                    let t = match sub {
                        Value::String(t) => t.as_str(),
                        Value::Array(a) => a.first().and_then(Value::as_str)?,
                        _ => return None,
                    };
                    let mut out = String::new();
                    let mut rest = t;
                    while let Some(i) = rest.find("${") {
                        out.push_str(rest.get(..i)?);
                        let after = rest.get(i + 2..)?;
                        let end = after.find('}')?;
                        out.push('x');
                        rest = after.get(end + 1..)?;
                    }
                    out.push_str(rest);
                    out
                }
                (_, Some(Value::Array(a))) if a.len() == 2 => {
                    let delim = a.first().and_then(Value::as_str)?;
                    let parts = a.get(1).and_then(Value::as_array)?;
                    let mut pieces = Vec::with_capacity(parts.len());
                    for p in parts {
                        pieces.push(self.skeleton(p, depth + 1, work)?);
                    }
                    pieces.join(delim)
                }
                _ => "x".to_owned(),
            },
            _ => return None,
        };
        *work += out.len();
        Some(out)
    }

    /// The condition a resource is created under, if any.
    pub fn resource_condition(&self, id: &str) -> Option<&str> {
        self.resource_conditions.get(id).map(String::as_str)
    }

    /// A named condition's value when the parameters' defaults decide it (aws-backup.md §16.7):
    /// `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not` and `Condition` references, over values
    /// resolved as elsewhere. `None` when a value is known only at deployment (a parameter without
    /// a default, `AWS::Region`…), the condition is missing, or the work budget is spent.
    pub fn condition(&self, name: &str) -> Option<bool> {
        self.condition_at(name, 0)
    }

    fn condition_at(&self, name: &str, depth: u32) -> Option<bool> {
        if let Some(known) = self.decided.borrow().get(name) {
            return *known;
        }
        self.decided.borrow_mut().insert(name.to_owned(), None);
        let value = self
            .conditions
            .get(name)
            .and_then(|c| self.eval_condition(c, depth + 1));
        self.decided.borrow_mut().insert(name.to_owned(), value);
        value
    }

    fn eval_condition(&self, v: &Value, depth: u32) -> Option<bool> {
        if self.charge(1) || depth > MAX_DEPTH {
            return None;
        }
        let m = v.as_object().filter(|m| m.len() == 1)?;
        let (op, arg) = m.iter().next()?;
        let items = || arg.as_array().map(Vec::as_slice).unwrap_or(&[]);
        match op.as_str() {
            "Condition" => self.condition_at(arg.as_str()?, depth + 1),
            "Fn::Not" => match items() {
                [x] => self.eval_condition(x, depth + 1).map(|b| !b),
                _ => None,
            },
            "Fn::And" | "Fn::Or" => {
                let and = op == "Fn::And";
                let mut undecided = false;
                for x in items() {
                    match self.eval_condition(x, depth + 1) {
                        // A false term decides And, a true term decides Or.
                        Some(b) if b != and => return Some(b),
                        Some(_) => {}
                        None => undecided = true,
                    }
                }
                (!undecided && !items().is_empty()).then_some(and)
            }
            "Fn::Equals" => match items() {
                [a, b] => {
                    let a = self.comparable(a, depth + 1)?;
                    let b = self.comparable(b, depth + 1)?;
                    Some(a == b)
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// A value as `Fn::Equals` compares it (scalars by their text), or `None` when it is not
    /// known from the template alone (including a deploy-time placeholder such as
    /// `${AWS::Region}`).
    fn comparable(&self, v: &Value, depth: u32) -> Option<Value> {
        let r = if is_intrinsic(v) && v.get("Condition").is_none() {
            self.resolve_at(v, depth)
        } else {
            Resolution::Value(v.clone())
        };
        match r {
            Resolution::Value(Value::String(s)) if s.contains("${") => None,
            Resolution::Value(Value::Number(n)) => Some(Value::String(n.to_string())),
            Resolution::Value(Value::Bool(b)) => Some(Value::String(b.to_string())),
            Resolution::Value(x) => Some(x),
            _ => None,
        }
    }

    /// Whether `Fn::Sub` would replace `${name}` in this template: a pseudo-parameter
    /// (`AWS::…`), a parameter, a resource, or a resource attribute (`Res.Attr`).
    pub fn substitutable(&self, name: &str) -> bool {
        name.starts_with("AWS::")
            || self.params.contains_key(name)
            || self.resources.contains_key(name)
            || name
                .split_once('.')
                .is_some_and(|(r, _)| self.resources.contains_key(r))
    }

    /// Resolve a value: an intrinsic call is evaluated; containers are resolved element-wise.
    pub fn resolve(&self, v: &Value) -> Resolution {
        self.resolve_at(v, 0)
    }

    /// Charge `n` units of work; `true` once the budget is spent.
    fn charge(&self, n: usize) -> bool {
        let w = self.work.get().saturating_add(n as u64);
        self.work.set(w);
        w > CFN_RESOLUTION_WORK
    }

    /// Whether the work budget is spent.
    pub fn over_budget(&self) -> bool {
        self.work.get() > CFN_RESOLUTION_WORK
    }

    /// Note that the value at `path` was being resolved when the budget ran out (first call wins).
    pub fn note_over_budget(&self, path: &str) {
        if self.over_budget() {
            self.over_at
                .borrow_mut()
                .get_or_insert_with(|| path.to_owned());
        }
    }

    /// The path where the work budget ran out, if it did.
    pub fn over_budget_at(&self) -> Option<String> {
        self.over_at.borrow().clone()
    }

    fn resolve_at(&self, v: &Value, depth: u32) -> Resolution {
        if self.charge(1) {
            return Resolution::Unresolved(OVER_BUDGET.into());
        }
        if depth > MAX_DEPTH {
            return Resolution::Unresolved("intrinsic functions nested too deeply".into());
        }
        match v {
            Value::Object(m) if is_intrinsic(v) => {
                let Some((name, arg)) = m.iter().next() else {
                    return Resolution::Unresolved("empty intrinsic".into());
                };
                self.call(name, arg, depth + 1)
            }
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    match self.resolve_at(item, depth + 1) {
                        Resolution::Value(x) => out.push(x),
                        Resolution::NoValue => {}
                        u @ Resolution::Unresolved(_) => return u,
                    }
                }
                Resolution::Value(Value::Array(out))
            }
            Value::Object(m) => {
                let mut out = Map::new();
                for (k, item) in m {
                    match self.resolve_at(item, depth + 1) {
                        Resolution::Value(x) => {
                            out.insert(k.clone(), x);
                        }
                        Resolution::NoValue => {}
                        u @ Resolution::Unresolved(_) => return u,
                    }
                }
                Resolution::Value(Value::Object(out))
            }
            other => Resolution::Value(other.clone()),
        }
    }

    fn call(&self, name: &str, arg: &Value, depth: u32) -> Resolution {
        match name {
            "Ref" => match arg.as_str() {
                Some(target) => self.reference(target, depth),
                None => Resolution::Unresolved("Ref takes a logical ID string".into()),
            },
            "Fn::GetAtt" => self.get_att(arg, depth),
            "Fn::Sub" => self.sub(arg, depth),
            "Fn::Join" => self.join(arg, depth),
            "Fn::Select" => self.select(arg, depth),
            "Fn::Split" => self.split(arg, depth),
            "Fn::FindInMap" => self.find_in_map(arg, depth),
            "Fn::If" => self.if_(arg, depth),
            other => Resolution::Unresolved(format!(
                "{other} cannot be evaluated without deploying the stack"
            )),
        }
    }

    fn string_of(&self, v: &Value, depth: u32) -> Result<String, String> {
        match self.resolve_at(v, depth) {
            Resolution::Value(Value::String(s)) => Ok(s),
            Resolution::Value(Value::Number(n)) => Ok(n.to_string()),
            Resolution::Value(Value::Bool(b)) => Ok(b.to_string()),
            Resolution::Value(_) => Err("expected a string".into()),
            Resolution::NoValue => Err("AWS::NoValue where a string is needed".into()),
            Resolution::Unresolved(r) => Err(r),
        }
    }

    fn reference(&self, target: &str, depth: u32) -> Resolution {
        if target == "AWS::NoValue" {
            return Resolution::NoValue;
        }
        if own_pseudo(target) {
            return Resolution::Value(Value::String(format!("${{{target}}}")));
        }
        if target.starts_with("AWS::") {
            return Resolution::Unresolved(format!(
                "pseudo parameter {target} is known only at deployment"
            ));
        }
        if let Some(p) = self.params.get(target) {
            return match &p.default {
                Some(Value::String(s))
                    if p.kind == "CommaDelimitedList" || p.kind.starts_with("List<") =>
                {
                    Resolution::Value(Value::Array(
                        s.split(',')
                            .map(|x| Value::String(x.trim().to_owned()))
                            .collect(),
                    ))
                }
                Some(d) => Resolution::Value(d.clone()),
                None => Resolution::Unresolved(format!(
                    "parameter {target} has no Default; its value is known only at deployment"
                )),
            };
        }
        match self.resources.get(target) {
            Some((kind, props)) if VAULT_TYPES.contains(&kind.as_str()) => {
                self.vault_name(target, props, depth)
            }
            Some((kind, _)) => Resolution::Unresolved(format!(
                "Ref to {target} ({kind}) is known only at deployment"
            )),
            None => Resolution::Unresolved(format!(
                "Ref to {target}, which is neither a parameter nor a resource of this template"
            )),
        }
    }

    /// A vault's name: its `BackupVaultName`, or its logical ID when CloudFormation generates it.
    /// Memoized per vault (see [`Template::names`]).
    pub fn vault_name(&self, id: &str, props: &Map<String, Value>, depth: u32) -> Resolution {
        if let Some(known) = self.names.borrow().get(id) {
            if let Resolution::Value(Value::String(s)) = known {
                if self.charge(s.len()) {
                    return Resolution::Unresolved(OVER_BUDGET.into());
                }
            }
            return known.clone();
        }
        self.names.borrow_mut().insert(
            id.to_owned(),
            Resolution::Unresolved(format!("the name of vault {id} refers to itself")),
        );
        let name = self.vault_name_uncached(id, props, depth);
        self.names.borrow_mut().insert(id.to_owned(), name.clone());
        name
    }

    fn vault_name_uncached(&self, id: &str, props: &Map<String, Value>, depth: u32) -> Resolution {
        match props.get("BackupVaultName") {
            Some(v) => match self.string_of(v, depth + 1) {
                Ok(s) if s.contains("${") => Resolution::Unresolved(format!(
                    "the name of vault {id} depends on deployment ({s})"
                )),
                Ok(s) => Resolution::Value(Value::String(s)),
                Err(r) => Resolution::Unresolved(format!("the name of vault {id}: {r}")),
            },
            None => Resolution::Value(Value::String(id.to_owned())),
        }
    }

    fn get_att(&self, arg: &Value, depth: u32) -> Resolution {
        let (res, attr) = match arg {
            Value::Array(a) if a.len() == 2 => {
                let r = a.first().and_then(Value::as_str);
                let at = a.get(1).map(|x| self.string_of(x, depth));
                match (r, at) {
                    (Some(r), Some(Ok(at))) => (r.to_owned(), at),
                    (_, Some(Err(e))) => return Resolution::Unresolved(e),
                    _ => {
                        return Resolution::Unresolved(
                            "Fn::GetAtt takes [logicalId, attribute]".into(),
                        )
                    }
                }
            }
            Value::String(s) => match s.split_once('.') {
                Some((r, a)) => (r.to_owned(), a.to_owned()),
                None => {
                    return Resolution::Unresolved(
                        "Fn::GetAtt takes \"logicalId.attribute\"".into(),
                    )
                }
            },
            _ => return Resolution::Unresolved("Fn::GetAtt takes [logicalId, attribute]".into()),
        };
        self.attribute(&res, &attr, depth)
    }

    fn attribute(&self, res: &str, attr: &str, depth: u32) -> Resolution {
        match self.resources.get(res) {
            Some((kind, props)) if VAULT_TYPES.contains(&kind.as_str()) => {
                let name = self.vault_name(res, props, depth);
                match (attr, name) {
                    ("BackupVaultName", n) => n,
                    (a, Resolution::Value(Value::String(n))) if a.ends_with("Arn") => {
                        Resolution::Value(Value::String(format!(
                            "arn:${{AWS::Partition}}:backup:${{AWS::Region}}:${{AWS::AccountId}}:backup-vault:{n}"
                        )))
                    }
                    (_, u @ Resolution::Unresolved(_)) => u,
                    (a, _) => Resolution::Unresolved(format!("attribute {a} of vault {res}")),
                }
            }
            Some((kind, _)) => {
                Resolution::Unresolved(format!("{res}.{attr} ({kind}) is known only at deployment"))
            }
            None => Resolution::Unresolved(format!(
                "Fn::GetAtt names {res}, which is not a resource of this template"
            )),
        }
    }

    fn sub(&self, arg: &Value, depth: u32) -> Resolution {
        let (template, vars) = match arg {
            Value::String(s) => (s.as_str(), None),
            Value::Array(a) if a.len() == 2 => match (a.first(), a.get(1)) {
                (Some(Value::String(s)), Some(Value::Object(m))) => (s.as_str(), Some(m)),
                _ => {
                    return Resolution::Unresolved(
                        "Fn::Sub takes a string or [string, {vars}]".into(),
                    )
                }
            },
            _ => {
                return Resolution::Unresolved("Fn::Sub takes a string or [string, {vars}]".into())
            }
        };
        let mut out = String::new();
        let mut rest = template;
        while let Some(start) = rest.find("${") {
            out.push_str(rest.get(..start).unwrap_or(""));
            let after = rest.get(start + 2..).unwrap_or("");
            let Some(end) = after.find('}') else {
                out.push_str(rest.get(start..).unwrap_or(""));
                rest = "";
                break;
            };
            let name = after.get(..end).unwrap_or("");
            rest = after.get(end + 1..).unwrap_or("");
            if let Some(lit) = name.strip_prefix('!') {
                out.push_str("${");
                out.push_str(lit);
                out.push('}');
                continue;
            }
            let value = if let Some(v) = vars.and_then(|m| m.get(name)) {
                self.string_of(v, depth)
            } else if own_pseudo(name) {
                Ok(format!("${{{name}}}"))
            } else if let Some((r, a)) = name.split_once('.') {
                match self.attribute(r, a, depth) {
                    Resolution::Value(v) => self.string_of(&v, depth),
                    Resolution::NoValue => Err("AWS::NoValue in Fn::Sub".into()),
                    Resolution::Unresolved(e) => Err(e),
                }
            } else {
                match self.reference(name, depth) {
                    Resolution::Value(v) => self.string_of(&v, depth),
                    Resolution::NoValue => Err("AWS::NoValue in Fn::Sub".into()),
                    Resolution::Unresolved(e) => Err(e),
                }
            };
            match value {
                Ok(s) => out.push_str(&s),
                Err(e) => return Resolution::Unresolved(e),
            }
            if self.charge(name.len() + 3) {
                return Resolution::Unresolved(OVER_BUDGET.into());
            }
            if out.len() > MAX_STRING {
                return Resolution::Unresolved("Fn::Sub result too long".into());
            }
        }
        out.push_str(rest);
        if self.charge(out.len()) {
            return Resolution::Unresolved(OVER_BUDGET.into());
        }
        Resolution::Value(Value::String(out))
    }

    fn join(&self, arg: &Value, depth: u32) -> Resolution {
        let Some([delim, list]) = arg
            .as_array()
            .map(Vec::as_slice)
            .and_then(|a| <&[Value; 2]>::try_from(a).ok())
        else {
            return Resolution::Unresolved("Fn::Join takes [delimiter, [values]]".into());
        };
        let delim = match self.string_of(delim, depth) {
            Ok(d) => d,
            Err(e) => return Resolution::Unresolved(e),
        };
        let items = match self.resolve_at(list, depth) {
            Resolution::Value(Value::Array(items)) => items,
            Resolution::Unresolved(e) => return Resolution::Unresolved(e),
            _ => return Resolution::Unresolved("Fn::Join takes a list of values".into()),
        };
        let mut parts = Vec::with_capacity(items.len());
        for item in &items {
            match self.string_of(item, depth) {
                Ok(s) => parts.push(s),
                Err(e) => return Resolution::Unresolved(e),
            }
        }
        let s = parts.join(&delim);
        if self.charge(s.len()) {
            return Resolution::Unresolved(OVER_BUDGET.into());
        }
        if s.len() > MAX_STRING {
            return Resolution::Unresolved("Fn::Join result too long".into());
        }
        Resolution::Value(Value::String(s))
    }

    fn select(&self, arg: &Value, depth: u32) -> Resolution {
        let Some([idx, list]) = arg
            .as_array()
            .map(Vec::as_slice)
            .and_then(|a| <&[Value; 2]>::try_from(a).ok())
        else {
            return Resolution::Unresolved("Fn::Select takes [index, [values]]".into());
        };
        let idx = match self
            .string_of(idx, depth)
            .map(|s| s.trim().parse::<usize>())
        {
            Ok(Ok(i)) => i,
            Ok(Err(_)) => {
                return Resolution::Unresolved("Fn::Select index is not a whole number".into())
            }
            Err(e) => return Resolution::Unresolved(e),
        };
        match self.resolve_at(list, depth) {
            Resolution::Value(Value::Array(items)) => match items.get(idx) {
                Some(v) => Resolution::Value(v.clone()),
                None => Resolution::Unresolved(format!("Fn::Select index {idx} is out of range")),
            },
            Resolution::Unresolved(e) => Resolution::Unresolved(e),
            _ => Resolution::Unresolved("Fn::Select takes a list".into()),
        }
    }

    fn split(&self, arg: &Value, depth: u32) -> Resolution {
        let Some([delim, src]) = arg
            .as_array()
            .map(Vec::as_slice)
            .and_then(|a| <&[Value; 2]>::try_from(a).ok())
        else {
            return Resolution::Unresolved("Fn::Split takes [delimiter, string]".into());
        };
        match (self.string_of(delim, depth), self.string_of(src, depth)) {
            (Ok(_), Ok(s)) if self.charge(s.len()) => Resolution::Unresolved(OVER_BUDGET.into()),
            (Ok(d), Ok(s)) if !d.is_empty() => Resolution::Value(Value::Array(
                s.split(d.as_str())
                    .map(|x| Value::String(x.to_owned()))
                    .collect(),
            )),
            (Ok(_), Ok(_)) => Resolution::Unresolved("Fn::Split with an empty delimiter".into()),
            (Err(e), _) | (_, Err(e)) => Resolution::Unresolved(e),
        }
    }

    fn find_in_map(&self, arg: &Value, depth: u32) -> Resolution {
        let Some(a) = arg.as_array().filter(|a| a.len() == 3 || a.len() == 4) else {
            return Resolution::Unresolved("Fn::FindInMap takes [map, key, key]".into());
        };
        let mut keys = Vec::with_capacity(3);
        for k in a.iter().take(3) {
            match self.string_of(k, depth) {
                Ok(s) => keys.push(s),
                Err(e) => return Resolution::Unresolved(e),
            }
        }
        let found = keys
            .first()
            .and_then(|m| self.mappings.get(m))
            .and_then(|m| keys.get(1).and_then(|k| m.get(k)))
            .and_then(|m| keys.get(2).and_then(|k| m.get(k)));
        match found {
            Some(v) => Resolution::Value(v.clone()),
            None => match a.get(3).and_then(|d| d.get("DefaultValue")) {
                Some(d) => self.resolve_at(d, depth),
                None => Resolution::Unresolved(format!(
                    "Fn::FindInMap {}: no such entry in Mappings",
                    keys.join(".")
                )),
            },
        }
    }

    fn if_(&self, arg: &Value, depth: u32) -> Resolution {
        let Some([cond, a, b]) = arg
            .as_array()
            .map(Vec::as_slice)
            .and_then(|x| <&[Value; 3]>::try_from(x).ok())
        else {
            return Resolution::Unresolved("Fn::If takes [condition, then, else]".into());
        };
        // Decided from the parameters' defaults: the branch CloudFormation would take.
        match cond.as_str().and_then(|c| self.condition_at(c, depth)) {
            Some(true) => return self.resolve_at(a, depth),
            Some(false) => return self.resolve_at(b, depth),
            None => {}
        }
        let (ra, rb) = (self.resolve_at(a, depth), self.resolve_at(b, depth));
        if ra == rb && !matches!(ra, Resolution::Unresolved(_)) {
            return ra;
        }
        Resolution::Unresolved(format!(
            "Fn::If depends on condition {}, which the parameters' defaults do not decide (known only at deployment)",
            cond.as_str().unwrap_or("?")
        ))
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;
    use serde_json::json;

    fn template() -> Template {
        let doc = json!({
            "Parameters": {
                "Days": {"Type": "Number", "Default": 35},
                "Env": {"Type": "String", "Default": "prod"},
                "NoDefault": {"Type": "String"},
                "Regions": {"Type": "CommaDelimitedList", "Default": "us-east-1, eu-west-1"}
            },
            "Mappings": {"Ret": {"prod": {"Days": 90}}},
            "Resources": {
                "Vault": {"Type": "AWS::Backup::BackupVault", "Properties": {"BackupVaultName": {"Fn::Sub": "${Env}-vault"}}},
                "Gen": {"Type": "AWS::Backup::BackupVault"},
                "Topic": {"Type": "AWS::SNS::Topic"}
            }
        });
        Template::new(doc.as_object().cloned().as_ref().unwrap_or(&Map::new()))
    }

    fn val(r: Resolution) -> Value {
        match r {
            Resolution::Value(v) => v,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn refs_and_subs() {
        let t = template();
        assert_eq!(val(t.resolve(&json!({"Ref": "Days"}))), json!(35));
        assert_eq!(
            val(t.resolve(&json!({"Ref": "Vault"}))),
            json!("prod-vault")
        );
        assert_eq!(val(t.resolve(&json!({"Ref": "Gen"}))), json!("Gen"));
        assert_eq!(
            val(t.resolve(&json!({"Fn::GetAtt": ["Vault", "BackupVaultArn"]}))),
            json!("arn:${AWS::Partition}:backup:${AWS::Region}:${AWS::AccountId}:backup-vault:prod-vault")
        );
        assert_eq!(
            val(t.resolve(&json!({"Fn::Sub": ["arn:aws:backup:us-west-2:${Acct}:backup-vault:${Vault}", {"Acct": "111122223333"}]}))),
            json!("arn:aws:backup:us-west-2:111122223333:backup-vault:prod-vault")
        );
        assert_eq!(
            val(t.resolve(&json!({"Fn::Sub": "${!Literal}-x"}))),
            json!("${Literal}-x")
        );
        assert_eq!(
            val(t.resolve(&json!({"Ref": "Regions"}))),
            json!(["us-east-1", "eu-west-1"])
        );
        assert_eq!(
            val(t.resolve(&json!({"Fn::FindInMap": ["Ret", {"Ref": "Env"}, "Days"]}))),
            json!(90)
        );
        assert_eq!(
            val(t.resolve(&json!({"Fn::Join": ["-", ["a", {"Ref": "Env"}, 3]]}))),
            json!("a-prod-3")
        );
        assert_eq!(
            val(t.resolve(&json!({"Fn::Select": [1, {"Fn::Split": [",", "a,b"]}]}))),
            json!("b")
        );
        assert_eq!(
            t.resolve(&json!({"Ref": "AWS::NoValue"})),
            Resolution::NoValue
        );
    }

    #[test]
    fn unresolvable_values_say_why() {
        let t = template();
        for v in [
            json!({"Ref": "NoDefault"}),
            json!({"Ref": "Topic"}),
            json!({"Ref": "Missing"}),
            json!({"Fn::ImportValue": "x"}),
            json!({"Fn::If": ["C", 1, 2]}),
            json!({"Fn::Sub": "${AWS::StackName}-x"}),
            json!({"Fn::GetAtt": "Topic.Arn"}),
        ] {
            assert!(matches!(t.resolve(&v), Resolution::Unresolved(_)), "{v}");
        }
        assert_eq!(val(t.resolve(&json!({"Fn::If": ["C", 1, 1]}))), json!(1));
    }

    /// Vault `V{i}`'s name is a `Fn::Sub` naming `V{i+1}` k times: without memoizing, resolving
    /// `V0` takes k^n steps.
    fn fan_out(k: usize, n: usize) -> Template {
        let mut res = Map::new();
        for i in 0..n {
            let name = if i + 1 < n {
                json!({"Fn::Sub": format!("${{V{}}}", i + 1).repeat(k)})
            } else {
                json!("")
            };
            res.insert(
                format!("V{i}"),
                json!({"Type": "AWS::Backup::BackupVault", "Properties": {"BackupVaultName": name}}),
            );
        }
        let doc = json!({ "Resources": res });
        Template::new(doc.as_object().cloned().as_ref().unwrap_or(&Map::new()))
    }

    #[test]
    fn substitution_fan_out_is_linear() {
        // k = 20, 8 levels: 20^7 ≈ 1.3·10^9 expansions without memoizing.
        let t = fan_out(20, 8);
        assert_eq!(val(t.resolve(&json!({"Ref": "V0"}))), json!(""));
        assert!(t.work.get() < 10_000, "work {}", t.work.get());
        assert!(!t.over_budget());
    }

    #[test]
    fn growing_strings_hit_the_work_budget() {
        // Each name doubles the next one, up to 64 KiB per string: many such strings exhaust the
        // budget and resolution stops, marked over budget.
        let mut res = Map::new();
        for i in 0..7 {
            res.insert(
                format!("V{i}"),
                json!({"Type": "AWS::Backup::BackupVault", "Properties": {"BackupVaultName": {"Fn::Sub": format!("${{V{}}}${{V{}}}", i + 1, i + 1)}}}),
            );
        }
        res.insert(
            "V7".into(),
            json!({"Type": "AWS::Backup::BackupVault", "Properties": {"BackupVaultName": "x".repeat(256)}}),
        );
        let doc = json!({ "Resources": res });
        let t = Template::new(doc.as_object().cloned().as_ref().unwrap_or(&Map::new()));
        let first = t.resolve(&json!({"Fn::Sub": "${V0}"}));
        assert!(matches!(first, Resolution::Value(Value::String(ref s)) if s.len() == 32_768));
        for i in 0..1000 {
            let _ = t.resolve(&json!({"Fn::Sub": format!("${{V0}}{i}")}));
        }
        assert!(t.over_budget());
        assert_eq!(
            t.resolve(&json!({"Ref": "V3"})),
            Resolution::Unresolved(OVER_BUDGET.into())
        );
    }

    #[test]
    fn conditions_from_defaults() {
        let doc = json!({
            "Parameters": {
                "Env": {"Type": "String", "Default": "prod"},
                "Days": {"Type": "Number", "Default": 35},
                "Free": {"Type": "String"}
            },
            "Conditions": {
                "Prod": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
                "Days35": {"Fn::Equals": ["35", {"Ref": "Days"}]},
                "Dev": {"Fn::Not": [{"Condition": "Prod"}]},
                "Free": {"Fn::Equals": [{"Ref": "Free"}, "x"]},
                "FreeAndDev": {"Fn::And": [{"Condition": "Free"}, {"Condition": "Dev"}]},
                "FreeOrProd": {"Fn::Or": [{"Condition": "Free"}, {"Condition": "Prod"}]},
                "FreeOrDev": {"Fn::Or": [{"Condition": "Free"}, {"Condition": "Dev"}]},
                "East": {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]},
                "Loop": {"Fn::Not": [{"Condition": "Loop"}]}
            }
        });
        let t = Template::new(doc.as_object().cloned().as_ref().unwrap_or(&Map::new()));
        let got: Vec<Option<bool>> = [
            "Prod",
            "Days35",
            "Dev",
            "Free",
            "FreeAndDev",
            "FreeOrProd",
            "FreeOrDev",
            "East",
            "Loop",
            "Missing",
        ]
        .iter()
        .map(|c| t.condition(c))
        .collect();
        assert_eq!(
            got,
            vec![
                Some(true),
                Some(true),
                Some(false),
                None,
                Some(false),
                Some(true),
                None,
                None,
                None,
                None
            ]
        );
        assert_eq!(
            val(t.resolve(&json!({"Fn::If": ["Dev", 7, {"Fn::If": ["Prod", 35, 1]}]}))),
            json!(35)
        );
        assert!(matches!(
            t.resolve(&json!({"Fn::If": ["East", 7, 8]})),
            Resolution::Unresolved(_)
        ));
    }

    #[test]
    fn self_referencing_vault_name_terminates() {
        let doc = json!({"Resources": {"V": {"Type": "AWS::Backup::BackupVault", "Properties": {"BackupVaultName": {"Ref": "V"}}}}});
        let t = Template::new(doc.as_object().cloned().as_ref().unwrap_or(&Map::new()));
        assert!(matches!(
            t.resolve(&json!({"Ref": "V"})),
            Resolution::Unresolved(_)
        ));
    }
}
