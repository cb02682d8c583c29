//! Python bindings (`drplan._native`): argument conversion, one core call, error mapping — no logic.
//!
//! Arguments are converted to JSON values here (dicts with string keys, lists, tuples, str, int,
//! float, bool, None; NaN and ±inf become null as in JavaScript's `JSON.stringify`), so a document
//! gets exactly the answer — or the error code, path and message — it gets in Rust and JS.
//! Errors raise `drplan.DrplanError` (a `ValueError`) with `.code` and `.issues`.
#![cfg(not(target_family = "wasm"))]

use drplan::{Error, ErrorCode, Issue};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::Value;

create_exception!(
    _native,
    DrplanError,
    PyValueError,
    "A drplan call failed: see .code and .issues."
);

/// Same limit as the core's serde_json parser, so deep input fails the same way everywhere.
const MAX_DEPTH: usize = 128;

/// A conversion failure: the message and the JSON-pointer tokens from the failing value up
/// (built only on failure, so a million-element list costs no path strings).
struct Bad(Vec<String>, String);

impl Bad {
    fn at(mut self, token: String) -> Bad {
        self.0.push(token);
        self
    }
    fn path(&self) -> String {
        self.0
            .iter()
            .rev()
            .map(|t| format!("/{}", drplan::error::pointer_token(t)))
            .collect()
    }
}

fn to_json(obj: &Bound<'_, PyAny>, depth: usize) -> Result<Value, Bad> {
    let bad = |m: String| Bad(Vec::new(), m);
    if depth > MAX_DEPTH {
        return Err(bad("recursion limit exceeded".to_owned()));
    }
    if obj.is_none() {
        Ok(Value::Null)
    } else if obj.is_instance_of::<PyBool>() {
        Ok(Value::Bool(
            obj.extract::<bool>().map_err(|e| bad(e.to_string()))?,
        ))
    } else if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            Ok(Value::from(i))
        } else if let Ok(u) = obj.extract::<u64>() {
            Ok(Value::from(u))
        } else {
            let f: f64 = obj.extract().map_err(|e: PyErr| bad(e.to_string()))?;
            Ok(serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number))
        }
    } else if obj.is_instance_of::<PyFloat>() {
        let f: f64 = obj.extract().map_err(|e: PyErr| bad(e.to_string()))?;
        Ok(serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number))
    } else if obj.is_instance_of::<PyString>() {
        Ok(Value::String(
            obj.extract::<String>().map_err(|e| bad(e.to_string()))?,
        ))
    } else if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = serde_json::Map::new();
        for (k, v) in d.iter() {
            let key: String = k
                .extract()
                .map_err(|_| bad(format!("dict keys must be str, got {}", type_name(&k))))?;
            let value = to_json(&v, depth + 1).map_err(|e| e.at(key.clone()))?;
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    } else if let Ok(list) = obj.cast::<PyList>() {
        let mut out = Vec::with_capacity(list.len());
        for (i, v) in list.iter().enumerate() {
            out.push(to_json(&v, depth + 1).map_err(|e| e.at(i.to_string()))?);
        }
        Ok(Value::Array(out))
    } else if let Ok(tuple) = obj.cast::<PyTuple>() {
        let mut out = Vec::with_capacity(tuple.len());
        for (i, v) in tuple.iter().enumerate() {
            out.push(to_json(&v, depth + 1).map_err(|e| e.at(i.to_string()))?);
        }
        Ok(Value::Array(out))
    } else {
        Err(bad(format!(
            "{} is not a JSON type (use dict, list, str, int, float, bool or None)",
            type_name(obj)
        )))
    }
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_owned())
}

fn arg(py: Python<'_>, name: &str, obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    to_json(obj, 0).map_err(|bad| {
        let (path, msg) = (bad.path(), bad.1);
        raise(
            py,
            &Error::new(
                ErrorCode::InvalidJson,
                format!("{name} cannot be read as JSON: {msg}"),
                vec![Issue::error("not_json", path, msg).in_input(name)],
            ),
        )
    })
}

fn opt(py: Python<'_>, name: &str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Value> {
    obj.map_or(Ok(Value::Null), |o| arg(py, name, o))
}

fn raise(py: Python<'_>, e: &Error) -> PyErr {
    let err = DrplanError::new_err(e.to_string());
    let value = err.value(py);
    let _ = value.setattr("code", e.code.as_str());
    let issues = serde_json::to_value(&e.issues).unwrap_or(Value::Null);
    if let Ok(obj) = pythonize::pythonize(py, &issues) {
        let _ = value.setattr("issues", obj);
    }
    err
}

/// A core answer as Python objects (a JSON value, or a typed result converted directly), or the
/// error raised as `DrplanError`.
fn out<T: serde::Serialize>(py: Python<'_>, r: Result<T, Error>) -> PyResult<Py<PyAny>> {
    let v = r.map_err(|e| raise(py, &e))?;
    pythonize::pythonize(py, &v)
        .map(|b| b.unbind())
        .map_err(|e| DrplanError::new_err(e.to_string()))
}

/// Assess every DR strategy for a workload against a resiliency policy (drplan's shape or an
/// AWS Resilience Hub policy).
#[pyfunction]
fn assess_strategies(
    py: Python<'_>,
    workload: &Bound<'_, PyAny>,
    policy: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let (w, p) = (arg(py, "workload", workload)?, arg(py, "policy", policy)?);
    out(py, drplan::api::json::assess_strategies(w, p))
}

/// RPO/RTO breakdowns, timelines and standby cost of one strategy.
#[pyfunction]
fn estimate_recovery(
    py: Python<'_>,
    workload: &Bound<'_, PyAny>,
    strategy: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let (w, s) = (
        arg(py, "workload", workload)?,
        arg(py, "strategy", strategy)?,
    );
    out(py, drplan::api::json::estimate_recovery(w, s))
}

/// Rank the feasible ways to move a database to RDS/Aurora and explain every excluded one.
#[pyfunction]
fn select_migration_path(py: Python<'_>, scenario: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let s = arg(py, "scenario", scenario)?;
    out(py, drplan::api::json::select_migration_path(s))
}

/// Expand an AWS Backup cron expression into run instants in an IANA time zone.
#[pyfunction]
#[pyo3(signature = (expression, time_zone, from_, until=None, limit=None, options=None))]
fn schedule_runs(
    py: Python<'_>,
    expression: &Bound<'_, PyAny>,
    time_zone: &Bound<'_, PyAny>,
    from_: &Bound<'_, PyAny>,
    until: Option<&Bound<'_, PyAny>>,
    limit: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let r = drplan::api::json::schedule_runs(
        arg(py, "expression", expression)?,
        arg(py, "time_zone", time_zone)?,
        arg(py, "from", from_)?,
        opt(py, "until", until)?,
        opt(py, "limit", limit)?,
        opt(py, "options", options)?,
    );
    out(py, r)
}

/// Interval statistics of a cron expression over a year (min/max gap: the worst-case interval).
#[pyfunction]
#[pyo3(signature = (expression, time_zone, from_, options=None))]
fn cron_summary(
    py: Python<'_>,
    expression: &Bound<'_, PyAny>,
    time_zone: &Bound<'_, PyAny>,
    from_: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let r = drplan::api::json::cron_summary(
        arg(py, "expression", expression)?,
        arg(py, "time_zone", time_zone)?,
        arg(py, "from", from_)?,
        opt(py, "options", options)?,
    );
    out(py, r)
}

/// Read an AWS Backup plan in any shape (CLI JSON, CloudFormation JSON/YAML, Organizations policy).
#[pyfunction]
fn parse_backup_plan(py: Python<'_>, document: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let d = arg(py, "document", document)?;
    out(py, drplan::api::json::parse_backup_plan(d))
}

/// Every AWS rule checked on a normalized plan (with vaults and selections): all issues at once.
#[pyfunction]
#[pyo3(signature = (plan, vaults=None, selections=None))]
fn validate_backup_plan(
    py: Python<'_>,
    plan: &Bound<'_, PyAny>,
    vaults: Option<&Bound<'_, PyAny>>,
    selections: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let r = drplan::api::json::validate_backup_plan(
        arg(py, "plan", plan)?,
        opt(py, "vaults", vaults)?,
        opt(py, "selections", selections)?,
    );
    out(py, r)
}

/// Parse and validate every plan in a document; issue paths point into the original text.
#[pyfunction]
fn lint_backup_plan(py: Python<'_>, document: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let d = arg(py, "document", document)?;
    out(py, drplan::api::json::lint_backup_plan(d))
}

/// Write a normalized plan as create-backup-plan input or CloudFormation (JSON or YAML).
#[pyfunction]
fn export_backup_plan(
    py: Python<'_>,
    plan: &Bound<'_, PyAny>,
    shape: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let (p, s) = (arg(py, "plan", plan)?, arg(py, "shape", shape)?);
    out(py, drplan::api::json::export_backup_plan(p, s))
}

/// Which snapshots a keep-policy keeps (restic 0.14, restic 0.16+, borg 1.2 or AWS Backup
/// lifecycle semantics) and the rule(s) that kept each one.
#[pyfunction]
#[pyo3(signature = (snapshots, policy, mode, now, time_zone=None))]
fn apply_retention(
    py: Python<'_>,
    snapshots: &Bound<'_, PyAny>,
    policy: &Bound<'_, PyAny>,
    mode: &Bound<'_, PyAny>,
    now: &Bound<'_, PyAny>,
    time_zone: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    // Arguments are read in order on both routes, so the first bad one is the error reported.
    let times = plain_snapshot_times(snapshots);
    let s = match times {
        Some(_) => Value::Null,
        None => arg(py, "snapshots", snapshots)?,
    };
    let (p, m, n) = (
        arg(py, "policy", policy)?,
        arg(py, "mode", mode)?,
        arg(py, "now", now)?,
    );
    let tz = opt(py, "time_zone", time_zone)?;
    match times {
        Some(times) => out(
            py,
            drplan::api::json::apply_retention_to(&times, p, m, n, tz),
        ),
        None => out(py, drplan::api::json::apply_retention(s, p, m, n, tz)),
    }
}

/// Conversion fast path for `apply_retention`: a list or tuple whose items are all `int` epoch
/// seconds or `str` timestamps is read straight into bare times, with the core's own readers
/// (`SnapshotTime::utc`, `SnapshotTime::parse`) and no JSON value per item. Anything else — a
/// dict, float or bool item, or an item those readers refuse — gives `None`, and the whole
/// argument goes the generic way, so answers and errors are the same on both routes.
fn plain_snapshot_times(obj: &Bound<'_, PyAny>) -> Option<Vec<drplan::retention::SnapshotTime>> {
    use drplan::retention::SnapshotTime;
    fn read(v: Bound<'_, PyAny>) -> Option<SnapshotTime> {
        if v.is_exact_instance_of::<PyInt>() {
            SnapshotTime::utc(v.extract::<i64>().ok()?).ok()
        } else if let Ok(s) = v.cast_exact::<PyString>() {
            SnapshotTime::parse(&s.to_cow().ok()?).ok()
        } else {
            None
        }
    }
    fn all<'py>(
        len: usize,
        items: impl Iterator<Item = Bound<'py, PyAny>>,
    ) -> Option<Vec<SnapshotTime>> {
        let mut out = Vec::with_capacity(len);
        for v in items {
            out.push(read(v)?);
        }
        Some(out)
    }
    if let Ok(list) = obj.cast_exact::<PyList>() {
        all(list.len(), list.iter())
    } else if let Ok(tuple) = obj.cast_exact::<PyTuple>() {
        all(tuple.len(), tuple.iter())
    } else {
        None
    }
}

/// Read restic or borg keep flags (`--keep-daily 7 --keep-within 2d`) into a policy.
#[pyfunction]
fn parse_retention_flags(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    dialect: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let (t, d) = (arg(py, "text", text)?, arg(py, "dialect", dialect)?);
    out(py, drplan::api::json::parse_retention_flags(t, d))
}

/// Snapshots held over time under a backup cadence and a keep-policy, and the steady state.
#[pyfunction]
#[pyo3(signature = (cadence, policy, mode, start, horizon, time_zone=None))]
fn retention_footprint(
    py: Python<'_>,
    cadence: &Bound<'_, PyAny>,
    policy: &Bound<'_, PyAny>,
    mode: &Bound<'_, PyAny>,
    start: &Bound<'_, PyAny>,
    horizon: &Bound<'_, PyAny>,
    time_zone: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let r = drplan::api::json::retention_footprint(
        arg(py, "cadence", cadence)?,
        arg(py, "policy", policy)?,
        arg(py, "mode", mode)?,
        arg(py, "start", start)?,
        arg(py, "horizon", horizon)?,
        opt(py, "time_zone", time_zone)?,
    );
    out(py, r)
}

/// The embedded default price book (us-east-1; every entry dated and sourced; unconfirmed prices absent).
#[pyfunction]
#[pyo3(signature = ())]
fn default_price_book(py: Python<'_>) -> PyResult<Py<PyAny>> {
    let r = drplan::api::json::default_price_book();
    out(py, r)
}

/// The default price book with your overrides applied (unknown keys are errors).
#[pyfunction]
#[pyo3(signature = (book))]
fn price_book(py: Python<'_>, book: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let r = drplan::api::json::price_book(arg(py, "book", book)?);
    out(py, r)
}

/// Month-by-month bill of a set of recovery points: storage per tier, early deletion, transfer, restores; steady state.
#[pyfunction]
#[pyo3(signature = (points, book=None, options=None))]
fn backup_cost(
    py: Python<'_>,
    points: &Bound<'_, PyAny>,
    book: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let r = drplan::api::json::backup_cost(
        arg(py, "points", points)?,
        opt(py, "book", book)?,
        opt(py, "options", options)?,
    );
    out(py, r)
}

/// Cost of an S3 lifecycle for an object-size distribution and access pattern.
#[pyfunction]
#[pyo3(signature = (object_profile, lifecycle, book=None))]
fn s3_lifecycle_cost(
    py: Python<'_>,
    object_profile: &Bound<'_, PyAny>,
    lifecycle: &Bound<'_, PyAny>,
    book: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let r = drplan::api::json::s3_lifecycle_cost(
        arg(py, "object_profile", object_profile)?,
        arg(py, "lifecycle", lifecycle)?,
        opt(py, "book", book)?,
    );
    out(py, r)
}

/// The cheapest legal S3 lifecycle for an object profile, with the comparison table.
#[pyfunction]
#[pyo3(signature = (object_profile, book=None))]
fn cheapest_s3_lifecycle(
    py: Python<'_>,
    object_profile: &Bound<'_, PyAny>,
    book: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let r = drplan::api::json::cheapest_s3_lifecycle(
        arg(py, "object_profile", object_profile)?,
        opt(py, "book", book)?,
    );
    out(py, r)
}

/// The cold-transition day that minimizes a rule's steady-state cost, with the break-even in words.
#[pyfunction]
#[pyo3(signature = (rule_profile, book=None))]
fn optimize_cold_transition(
    py: Python<'_>,
    rule_profile: &Bound<'_, PyAny>,
    book: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let r = drplan::api::json::optimize_cold_transition(
        arg(py, "rule_profile", rule_profile)?,
        opt(py, "book", book)?,
    );
    out(py, r)
}

/// A keep-policy as the closest AWS Backup plan, or a plan as the closest keep-policy, with what cannot match and how many points differ over a simulated year.
#[pyfunction]
#[pyo3(signature = (source, options=None))]
fn translate_retention(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let r = drplan::api::json::translate_retention(
        arg(py, "source", source)?,
        opt(py, "options", options)?,
    );
    out(py, r)
}

/// Every recovery point a plan creates over a horizon: inventory per vault, Region and tier with the steady state, worst-case and typical RPO per disruption, restore-point coverage.
#[pyfunction]
#[pyo3(signature = (plan, resources=None, options=None))]
fn simulate_backup_plan(
    py: Python<'_>,
    plan: &Bound<'_, PyAny>,
    resources: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let r = drplan::api::json::simulate_backup_plan(
        arg(py, "plan", plan)?,
        opt(py, "resources", resources)?,
        opt(py, "options", options)?,
    );
    out(py, r)
}

/// AWS Backup Audit Manager controls judged offline, pass/fail with evidence, plus DR lint.
#[pyfunction]
#[pyo3(signature = (plan, selections=None, vaults=None, controls=None, context=None))]
fn check_controls(
    py: Python<'_>,
    plan: &Bound<'_, PyAny>,
    selections: Option<&Bound<'_, PyAny>>,
    vaults: Option<&Bound<'_, PyAny>>,
    controls: Option<&Bound<'_, PyAny>>,
    context: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let r = drplan::api::json::check_controls(
        arg(py, "plan", plan)?,
        opt(py, "selections", selections)?,
        opt(py, "vaults", vaults)?,
        opt(py, "controls", controls)?,
        opt(py, "context", context)?,
    );
    out(py, r)
}

/// Call any contract function by its snake_case name with positional arguments.
#[pyfunction]
fn call(py: Python<'_>, function: &str, args: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let args = match arg(py, "args", args)? {
        Value::Array(a) => a,
        Value::Null => Vec::new(),
        other => vec![other],
    };
    out(py, drplan::api::json::call(function, args))
}

/// Seconds for people, exactly as the core renders them in reports: "45 s", "15 min", "2 h 30 min".
#[pyfunction]
fn human_duration(seconds: f64) -> String {
    drplan::api::human_duration(seconds)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("DrplanError", m.py().get_type::<DrplanError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(assess_strategies, m)?)?;
    m.add_function(wrap_pyfunction!(estimate_recovery, m)?)?;
    m.add_function(wrap_pyfunction!(call, m)?)?;
    m.add_function(wrap_pyfunction!(human_duration, m)?)?;
    m.add_function(wrap_pyfunction!(select_migration_path, m)?)?;
    m.add_function(wrap_pyfunction!(schedule_runs, m)?)?;
    m.add_function(wrap_pyfunction!(cron_summary, m)?)?;
    m.add_function(wrap_pyfunction!(parse_backup_plan, m)?)?;
    m.add_function(wrap_pyfunction!(validate_backup_plan, m)?)?;
    m.add_function(wrap_pyfunction!(lint_backup_plan, m)?)?;
    m.add_function(wrap_pyfunction!(export_backup_plan, m)?)?;
    m.add_function(wrap_pyfunction!(apply_retention, m)?)?;
    m.add_function(wrap_pyfunction!(parse_retention_flags, m)?)?;
    m.add_function(wrap_pyfunction!(retention_footprint, m)?)?;
    m.add_function(wrap_pyfunction!(default_price_book, m)?)?;
    m.add_function(wrap_pyfunction!(price_book, m)?)?;
    m.add_function(wrap_pyfunction!(backup_cost, m)?)?;
    m.add_function(wrap_pyfunction!(s3_lifecycle_cost, m)?)?;
    m.add_function(wrap_pyfunction!(cheapest_s3_lifecycle, m)?)?;
    m.add_function(wrap_pyfunction!(optimize_cold_transition, m)?)?;
    m.add_function(wrap_pyfunction!(translate_retention, m)?)?;
    m.add_function(wrap_pyfunction!(simulate_backup_plan, m)?)?;
    m.add_function(wrap_pyfunction!(check_controls, m)?)?;
    Ok(())
}
