//! Structure-aware fuzzing: a golden input (a real call: function and arguments) edited field by
//! field. The edits are `arbitrary`-derived, so libFuzzer explores *structure* (a rule repeated
//! 60,000 times, a 1e308 price, `-0.0` days, a 100-level nest, a cron with odd fields, a
//! duration in the wrong unit) instead of bytes that rarely parse. Every call must return (a
//! result or a drplan error); a panic, an abort, a stack overflow or a timeout is a finding.
#![allow(dead_code)]

use arbitrary::Arbitrary;
use serde_json::{json, Map, Value};
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/seeds.rs"));

/// One seed: the function it calls and its arguments.
pub struct Seed {
    pub function: String,
    pub args: Vec<Value>,
}

/// Every golden input, parsed once.
pub fn seeds() -> &'static [Seed] {
    static SEEDS_PARSED: OnceLock<Vec<Seed>> = OnceLock::new();
    SEEDS_PARSED.get_or_init(|| {
        SEEDS
            .iter()
            .filter_map(|text| {
                let v: Value = serde_json::from_str(text).ok()?;
                Some(Seed {
                    function: v.get("function")?.as_str()?.to_owned(),
                    args: v.get("args")?.as_array()?.clone(),
                })
            })
            .collect()
    })
}

/// The seeds of one function (the targets of one engine).
pub fn seeds_of(function: &str) -> Vec<&'static Seed> {
    seeds().iter().filter(|s| s.function == function).collect()
}

/// A fuzz input: which seed, and the edits to make to its arguments.
#[derive(Arbitrary, Debug)]
pub struct Edited {
    pub seed: u16,
    pub edits: Vec<Edit>,
}

/// One edit at the `at`-th node (pre-order, modulo the node count) of the arguments.
#[derive(Arbitrary, Debug)]
pub enum Edit {
    Number {
        at: u16,
        value: Num,
    },
    Text {
        at: u16,
        value: Text,
    },
    Null {
        at: u16,
    },
    Bool {
        at: u16,
        value: bool,
    },
    Remove {
        at: u16,
    },
    /// An array: its first item repeated `times` more times (at most 70,000); a string: its
    /// text repeated (at most 64 KiB).
    Repeat {
        at: u16,
        times: u16,
    },
    /// The node wrapped in `depth` arrays or objects.
    Nest {
        at: u16,
        depth: u8,
        objects: bool,
    },
    /// A copy of node `from` put at `at`.
    Copy {
        at: u16,
        from: u16,
    },
    /// An object: a key added (or replaced).
    Key {
        at: u16,
        key: Text,
        value: Num,
    },
    /// An empty array or object.
    Empty {
        at: u16,
        object: bool,
    },
}

#[derive(Arbitrary, Debug)]
pub enum Num {
    Small(i8),
    Int(i64),
    Float(f64),
    Whole(i32),
    NegZero,
    Huge,
    Epoch(u32),
    Fraction(u8, u8),
}

impl Num {
    fn value(&self) -> Value {
        match *self {
            Num::Small(n) => json!(n),
            Num::Int(n) => json!(n),
            // NaN and infinities cannot be JSON numbers: the bindings hand them over as null.
            Num::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
            Num::Whole(n) => json!(f64::from(n)),
            Num::NegZero => json!(-0.0),
            Num::Huge => json!(1e308),
            Num::Epoch(s) => json!(s),
            Num::Fraction(a, b) => json!(f64::from(a) / (f64::from(b) + 1.0)),
        }
    }
}

#[derive(Arbitrary, Debug)]
pub enum Text {
    /// A duration in one of drplan's or restic's spellings.
    Duration(u32, u8),
    /// An AWS cron or rate expression built from fields.
    Cron(u8, u8, u8, u8, u8, u8),
    Rate(u16, u8),
    /// A time zone name from a list (or not).
    Zone(u8),
    /// An RFC 3339 time.
    Time(u16, u8, u8, u8),
    /// A word drplan knows (enum values, shapes, modes, engines, strategies).
    Word(u8),
    Raw(String),
}

const UNITS: &[&str] = &[
    "s", "m", "min", "h", "d", "w", "y", "ms", "days", "hours", "", "H", "1", "µs", "h30m",
];
const ZONES: &[&str] = &[
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",
    "Pacific/Apia",
    "Asia/Kathmandu",
    "America/Santiago",
    "Etc/GMT+12",
    "Nowhere/City",
    "",
    "utc",
    "+01:00",
];
const WORDS: &[&str] = &[
    "restic-0.14",
    "restic-0.16+",
    "borg-1.2",
    "aws-backup-lifecycle",
    "restic",
    "borg",
    "cloudformation_json",
    "cloudformation_yaml",
    "create_backup_plan_input",
    "backup_plan_document",
    "backup_restore",
    "pilot_light",
    "warm_standby",
    "multi_site",
    "multi_az_only",
    "EBS",
    "RDS",
    "Aurora",
    "EFS",
    "S3",
    "DynamoDB",
    "EC2",
    "mysql",
    "postgres",
    "oracle",
    "sqlserver",
    "WARM",
    "COLD",
    "us-east-1",
    "eu-west-1",
    "arn:aws:backup:us-west-2:123456789012:backup-vault:dr",
    "*",
    "daily",
    "weekly",
    "monthly",
    "yearly",
    "hourly",
    "last",
    "within",
];
const CRON_MIN: &[&str] = &["0", "5", "*/15", "0/30", "59", "60", "*", "1-3", "?", "L"];
const CRON_HOUR: &[&str] = &["0", "5", "*/6", "23", "24", "1,13", "*", "2", "0/0", "L"];
const CRON_DOM: &[&str] = &["?", "*", "1", "L", "15W", "31", "29", "LW", "0", "1-31/2"];
const CRON_MON: &[&str] = &["*", "1", "JAN", "2", "12", "13", "FEB-MAR", "*/3", "?", "0"];
const CRON_DOW: &[&str] = &[
    "?", "*", "MON-FRI", "SUN", "6L", "2#1", "5#5", "1-7", "8", "L",
];
const CRON_YEAR: &[&str] = &["*", "2026", "2026-2030", "1969", "2199", "2200", "*/4", "?"];

fn pick<'a>(list: &[&'a str], i: u8) -> &'a str {
    list[usize::from(i) % list.len()]
}

impl Text {
    fn value(&self) -> Value {
        Value::String(match self {
            Text::Duration(n, u) => format!("{n}{}", pick(UNITS, *u)),
            Text::Cron(a, b, c, d, e, f) => format!(
                "cron({} {} {} {} {} {})",
                pick(CRON_MIN, *a),
                pick(CRON_HOUR, *b),
                pick(CRON_DOM, *c),
                pick(CRON_MON, *d),
                pick(CRON_DOW, *e),
                pick(CRON_YEAR, *f)
            ),
            Text::Rate(n, u) => format!(
                "rate({n} {})",
                pick(
                    &["minutes", "hours", "days", "hour", "minute", "day", "weeks"],
                    *u
                )
            ),
            Text::Zone(z) => pick(ZONES, *z).to_owned(),
            Text::Time(d, h, m, s) => {
                let date = jiff_free_date(*d);
                format!("{date}T{:02}:{:02}:{:02}Z", h % 25, m % 61, s % 61)
            }
            Text::Word(w) => pick(WORDS, *w).to_owned(),
            Text::Raw(s) => s.chars().take(300).collect(),
        })
    }
}

/// A date string from a day count around 2026 (some of them invalid on purpose: 02-30).
fn jiff_free_date(d: u16) -> String {
    let year = 1960 + u32::from(d) / 372;
    let month = (u32::from(d) / 31) % 12 + 1;
    let day = u32::from(d) % 31 + 1;
    format!("{year:04}-{month:02}-{day:02}")
}

/// Pre-order pointers to every node of `v`.
fn nodes(v: &Value, at: &mut Vec<Vec<PathStep>>, here: &mut Vec<PathStep>) {
    at.push(here.clone());
    if at.len() > 4096 {
        return;
    }
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate().take(64) {
                here.push(PathStep::Index(i));
                nodes(item, at, here);
                here.pop();
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                here.push(PathStep::Key(k.clone()));
                nodes(item, at, here);
                here.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum PathStep {
    Index(usize),
    Key(String),
}

fn get_mut<'a>(v: &'a mut Value, path: &[PathStep]) -> Option<&'a mut Value> {
    let mut cur = v;
    for step in path {
        cur = match step {
            PathStep::Index(i) => cur.get_mut(*i)?,
            PathStep::Key(k) => cur.get_mut(k.as_str())?,
        };
    }
    Some(cur)
}

fn get<'a>(v: &'a Value, path: &[PathStep]) -> Option<&'a Value> {
    let mut cur = v;
    for step in path {
        cur = match step {
            PathStep::Index(i) => cur.get(*i)?,
            PathStep::Key(k) => cur.get(k.as_str())?,
        };
    }
    Some(cur)
}

/// The arguments of `seed` with `edits` made (at most 12 edits, so one input stays cheap to build).
pub fn edited(seed: &Seed, edits: &[Edit]) -> Vec<Value> {
    let mut root = Value::Array(seed.args.clone());
    for edit in edits.iter().take(12) {
        let mut all = Vec::new();
        nodes(&root, &mut all, &mut Vec::new());
        let at = |i: u16| all[usize::from(i) % all.len()].clone();
        match edit {
            Edit::Number { at: i, value } => set(&mut root, &at(*i), value.value()),
            Edit::Text { at: i, value } => set(&mut root, &at(*i), value.value()),
            Edit::Null { at: i } => set(&mut root, &at(*i), Value::Null),
            Edit::Bool { at: i, value } => set(&mut root, &at(*i), Value::Bool(*value)),
            Edit::Empty { at: i, object } => set(
                &mut root,
                &at(*i),
                if *object { json!({}) } else { json!([]) },
            ),
            Edit::Remove { at: i } => {
                let path = at(*i);
                if let Some((last, parent)) = path.split_last() {
                    if let Some(p) = get_mut(&mut root, parent) {
                        match (p, last) {
                            (Value::Array(a), PathStep::Index(j)) if *j < a.len() => {
                                a.remove(*j);
                            }
                            (Value::Object(m), PathStep::Key(k)) => {
                                m.remove(k);
                            }
                            _ => {}
                        }
                    }
                }
            }
            Edit::Repeat { at: i, times } => {
                let path = at(*i);
                if path.is_empty() {
                    continue; // the argument list itself stays as it is
                }
                if let Some(node) = get_mut(&mut root, &path) {
                    match node {
                        Value::Array(a) if !a.is_empty() => {
                            let n = usize::from(*times) % 70_000;
                            let first = a[0].clone();
                            a.extend(std::iter::repeat(first).take(n));
                        }
                        Value::String(s) if !s.is_empty() => {
                            let n = (usize::from(*times)).min(65_536 / s.len());
                            *s = s.repeat(n.max(1));
                        }
                        _ => {}
                    }
                }
            }
            Edit::Nest {
                at: i,
                depth,
                objects,
            } => {
                let path = at(*i);
                if let Some(node) = get_mut(&mut root, &path) {
                    let mut v = node.take();
                    for _ in 0..*depth {
                        v = if *objects {
                            let mut m = Map::new();
                            m.insert("a".into(), v);
                            Value::Object(m)
                        } else {
                            Value::Array(vec![v])
                        };
                    }
                    *node = v;
                }
            }
            Edit::Copy { at: i, from } => {
                if let Some(v) = get(&root, &at(*from)).cloned() {
                    set(&mut root, &at(*i), v);
                }
            }
            Edit::Key { at: i, key, value } => {
                if let Some(Value::Object(m)) = get_mut(&mut root, &at(*i)) {
                    if let Value::String(k) = key.value() {
                        m.insert(k, value.value());
                    }
                }
            }
        }
    }
    match root {
        Value::Array(a) => a,
        other => vec![other],
    }
}

fn set(root: &mut Value, path: &[PathStep], v: Value) {
    if path.is_empty() {
        return; // the argument list itself stays a list
    }
    if let Some(node) = get_mut(root, path) {
        *node = v;
    }
}

/// Run one edited seed of `function` (or of any function when `None`) through `drplan::json::call`,
/// then through the result's own serialization: errors are fine, panics are findings.
pub fn run(function: Option<&str>, input: &Edited) {
    let pool: Vec<&Seed> = match function {
        Some(f) => seeds_of(f),
        None => seeds().iter().collect(),
    };
    if pool.is_empty() {
        return;
    }
    let seed = pool[usize::from(input.seed) % pool.len()];
    let args = edited(seed, &input.edits);
    if let Ok(v) = drplan::json::call(&seed.function, args) {
        let _ = serde_json::to_string(&v);
    }
}
