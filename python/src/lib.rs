//! Python bindings (`drplan._native`): argument conversion, one core call, error mapping — no logic.
//!
//! Arguments are converted to JSON values here (dicts with string keys, lists, tuples, str, int,
//! float, bool, None; whole-number floats become integers and NaN and ±inf null, as in
//! JavaScript's `JSON.stringify`), so a document gets exactly the answer — or the error code,
//! path and message — it gets in Rust and JS. Answers go the other way without a JSON value:
//! each function calls the core's twin in `drplan::json::with`, which hands the typed result to
//! [`to_py`] (the Python objects its `serde_json::Value` would give, built directly).
//! Errors raise `drplan.DrplanError` (a `ValueError`) with `.code` and `.issues`.
#![cfg(not(target_family = "wasm"))]

mod to_py;

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

/// The core's depth limit: a dict, list or tuple at level `MAX_DEPTH + 1` (the argument itself
/// being level 1) stops the conversion with the core's own `too_deep` error at its path, so deep
/// (or self-containing) input fails exactly as in Rust and JS, at any depth.
const MAX_DEPTH: usize = drplan::json::MAX_DEPTH;

/// A conversion failure: the JSON-pointer tokens from the failing value up (built only on
/// failure, so a million-element list costs no path strings) and why.
struct Bad(Vec<String>, Why);

enum Why {
    Deep,
    Surrogate,
    NotJson(String),
}

impl Bad {
    fn at(mut self, token: String) -> Bad {
        self.0.push(token);
        self
    }
    fn path(&self) -> String {
        self.0
            .iter()
            .rev()
            .map(|t| format!("/{}", drplan::json::pointer_token(t)))
            .collect()
    }
}

fn to_json(obj: &Bound<'_, PyAny>, depth: usize) -> Result<Value, Bad> {
    let bad = |m: String| Bad(Vec::new(), Why::NotJson(m));
    let container = obj.is_instance_of::<PyDict>()
        || obj.is_instance_of::<PyList>()
        || obj.is_instance_of::<PyTuple>();
    if container && depth >= MAX_DEPTH {
        return Err(Bad(Vec::new(), Why::Deep));
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
        Ok(number(f))
    } else if obj.is_instance_of::<PyString>() {
        // A str that is not valid Unicode holds a lone surrogate.
        Ok(Value::String(
            obj.extract::<String>()
                .map_err(|_| Bad(Vec::new(), Why::Surrogate))?,
        ))
    } else if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = serde_json::Map::new();
        for (k, v) in d.iter() {
            if !k.is_instance_of::<PyString>() {
                return Err(bad(format!("dict keys must be str, got {}", type_name(&k))));
            }
            let key: String = k.extract().map_err(|_| Bad(Vec::new(), Why::Surrogate))?;
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

/// A Python float as JavaScript's `JSON.stringify` writes the same number, so both surfaces
/// hand the core the same value: a whole number is an integer (`35.0` → `35`, `-0.0` → `0`, as
/// JS cannot tell them apart), NaN and ±inf are null, anything else stays a float.
fn number(f: f64) -> Value {
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if f.is_finite() && f.fract() == 0.0 {
        if (-TWO_63..TWO_63).contains(&f) {
            return Value::from(f as i64);
        }
        if (0.0..2.0 * TWO_63).contains(&f) {
            return Value::from(f as u64);
        }
    }
    serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_owned())
}

/// Argument `name` of contract function `function`: a capped list (`drplan::json::list_cap`) is
/// counted before any item is converted (`over_budget`), then the value is converted.
fn arg(py: Python<'_>, function: &str, name: &str, obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    check_list(py, function, name, obj)?;
    to_json(obj, 0).map_err(|bad| {
        let path = bad.path();
        match bad.1 {
            Why::Deep => raise(py, &drplan::json::too_deep_error(name, path)),
            Why::Surrogate => raise(py, &drplan::json::lone_surrogate_error(name, path)),
            Why::NotJson(msg) => raise(
                py,
                &Error::new(
                    ErrorCode::InvalidJson,
                    format!("{name} cannot be read as JSON: {msg}"),
                    vec![Issue::error("not_json", path, msg).in_input(name)],
                ),
            ),
        }
    })
}

/// The cap on a list inside argument `name` of `function` (`drplan::json::list_cap`), checked on
/// the Python value's `len` before anything is converted.
fn check_list(py: Python<'_>, function: &str, name: &str, obj: &Bound<'_, PyAny>) -> PyResult<()> {
    let Some(cap) = drplan::json::list_cap(function, name) else {
        return Ok(());
    };
    let list = if cap.key.is_empty() {
        Some(obj.clone())
    } else {
        obj.cast::<PyDict>()
            .ok()
            .and_then(|d| d.get_item(cap.key).ok().flatten())
    };
    let len = list.and_then(|l| {
        if let Ok(l) = l.cast::<PyList>() {
            Some(l.len())
        } else {
            l.cast::<PyTuple>().ok().map(|t| t.len())
        }
    });
    match len {
        Some(n) if n > cap.cap => Err(raise(py, &drplan::json::list_over(cap, n))),
        _ => Ok(()),
    }
}

fn opt(
    py: Python<'_>,
    function: &str,
    name: &str,
    obj: Option<&Bound<'_, PyAny>>,
) -> PyResult<Value> {
    obj.map_or(Ok(Value::Null), |o| arg(py, function, name, o))
}

fn raise(py: Python<'_>, e: &Error) -> PyErr {
    let err = DrplanError::new_err(e.to_string());
    let value = err.value(py);
    let _ = value.setattr("code", e.code.as_str());
    if let Ok(obj) = to_py::to_py(py, &e.issues) {
        let _ = value.setattr("issues", obj);
    }
    err
}

/// A typed answer handed straight to Python objects ([`to_py`]: what converting the answer's
/// `serde_json::Value` would give, without building the `Value`).
struct ToPy<'py>(Python<'py>);

impl drplan::json::Answer for ToPy<'_> {
    type Out = PyResult<Py<PyAny>>;
    fn answer<T: serde::Serialize>(&self, out: &T) -> PyResult<Py<PyAny>> {
        to_py::to_py(self.0, out)
            .map(|b| b.unbind())
            .map_err(|e| DrplanError::new_err(e.to_string()))
    }
}

/// A core answer as Python objects, or the error raised as `DrplanError`.
fn out(py: Python<'_>, r: Result<PyResult<Py<PyAny>>, Error>) -> PyResult<Py<PyAny>> {
    r.map_err(|e| raise(py, &e))?
}

/// A typed core answer as Python objects, or the error raised as `DrplanError`.
fn out_typed<T: serde::Serialize>(py: Python<'_>, r: Result<T, Error>) -> PyResult<Py<PyAny>> {
    let v = r.map_err(|e| raise(py, &e))?;
    drplan::json::Answer::answer(&ToPy(py), &v)
}

/// The Python functions and their registration, from the table of contract functions (see
/// `drplan::for_each_function!`): each converts its arguments, calls the core's JSON contract and
/// converts the answer. Every parameter is an `Option` (Python's `None` and a left-out optional
/// argument are both JSON `null`, as `to_json` reads `None`); the signature gives the defaults.
macro_rules! functions {
    ($(
        #[doc = $doc:tt]
        fn $name:ident / $js:ident (
            $($arg:ident $(as $json:tt)? : $ts:tt => $py:tt $(= $default:ident)?),* $(,)?
        ) -> $ret:tt => $pyret:tt,
        json $jcall:tt,
        in $in:tt,
        out $out:tt;
    )*) => {
        $(function! {
            #[doc = $doc]
            fn $name($($arg $(as $json)? $(= $default)?),*)
        })*

        fn add_functions(m: &Bound<'_, PyModule>) -> PyResult<()> {
            $(m.add_function(wrap_pyfunction!($name, m)?)?;)*
            Ok(())
        }
    };
}

/// One Python function of the table.
macro_rules! function {
    // THE ONE HAND-WRITTEN EXCEPTION: `apply_retention` keeps the table's name, doc and signature
    // but its body is `apply_retention_fast` (plain lists of ints or strings skip the JSON values).
    (#[doc = $doc:tt] fn apply_retention($($arg:ident $(= $default:ident)?),*)) => {
        #[doc = $doc]
        #[pyfunction]
        #[pyo3(signature = ($($arg $(= $default)?),*))]
        fn apply_retention(
            py: Python<'_>,
            $($arg: Option<&Bound<'_, PyAny>>),*
        ) -> PyResult<Py<PyAny>> {
            apply_retention_fast(py, $($arg),*)
        }
    };
    (#[doc = $doc:tt] fn $name:ident($($arg:ident $(as $json:tt)? $(= $default:ident)?),*)) => {
        #[doc = $doc]
        #[pyfunction]
        #[pyo3(signature = ($($arg $(= $default)?),*))]
        fn $name(py: Python<'_>, $($arg: Option<&Bound<'_, PyAny>>),*) -> PyResult<Py<PyAny>> {
            let r = drplan::json::with::$name(
                &ToPy(py),
                $(opt(py, stringify!($name), drplan::__contract_arg!(name $arg $(as $json)?), $arg)?),*
            );
            out(py, r)
        }
    };
}

drplan::for_each_function!(functions);

/// `apply_retention` (hand-written, see `function!`): the generic route, unless the snapshots are
/// a plain list or tuple of ints or strings (`plain_snapshot_times`).
fn apply_retention_fast(
    py: Python<'_>,
    snapshots: Option<&Bound<'_, PyAny>>,
    policy: Option<&Bound<'_, PyAny>>,
    mode: Option<&Bound<'_, PyAny>>,
    now: Option<&Bound<'_, PyAny>>,
    time_zone: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    // Arguments are read in order on both routes, so the first bad one is the error reported;
    // the snapshot count is checked before either route reads a snapshot.
    const F: &str = "apply_retention";
    if let Some(s) = snapshots {
        check_list(py, F, "snapshots", s)?;
    }
    let times = snapshots.and_then(plain_snapshot_times);
    let s = match times {
        Some(_) => Value::Null,
        None => opt(py, F, "snapshots", snapshots)?,
    };
    let (p, m, n) = (
        opt(py, F, "policy", policy)?,
        opt(py, F, "mode", mode)?,
        opt(py, F, "now", now)?,
    );
    let tz = opt(py, F, "time_zone", time_zone)?;
    match times {
        Some(times) => out_typed(py, drplan::json::apply_retention_to(&times, p, m, n, tz)),
        None => out(
            py,
            drplan::json::with::apply_retention(&ToPy(py), s, p, m, n, tz),
        ),
    }
}

/// Conversion fast path for `apply_retention`: a list or tuple whose items are all `int` epoch
/// seconds or `str` timestamps is read straight into bare times, with the core's own readers
/// (`SnapshotTime::utc`, `SnapshotTime::parse`) and no JSON value per item. Anything else — a
/// dict, float or bool item, or an item those readers refuse — gives `None`, and the whole
/// argument goes the generic way, so answers and errors are the same on both routes.
fn plain_snapshot_times(obj: &Bound<'_, PyAny>) -> Option<Vec<drplan::SnapshotTime>> {
    use drplan::SnapshotTime;
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

/// `schedule_runs` as columns (`drplan.columns.schedule_runs` wraps it): the same arguments,
/// answers and errors, no 100,000-run ceiling (the core's columns budget instead). The result's
/// fields are `schedule_runs`' but `runs`, which is `columns`: `utc` (epoch seconds, `array('q')`),
/// `offset_seconds` (`array('i')`), `dst` (`array('b')`, −1 or an index into `dst_codes`), and
/// `start_window_end_utc`, `completion_window_end_utc` (`array('q')`, or `None` without windows).
#[pyfunction]
#[pyo3(signature = (expression, time_zone, from_, until=None, limit=None, options=None))]
fn schedule_run_columns(
    py: Python<'_>,
    expression: Option<&Bound<'_, PyAny>>,
    time_zone: Option<&Bound<'_, PyAny>>,
    from_: Option<&Bound<'_, PyAny>>,
    until: Option<&Bound<'_, PyAny>>,
    limit: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let r = drplan::json::schedule_run_columns(
        opt(py, "schedule_run_columns", "expression", expression)?,
        opt(py, "schedule_run_columns", "time_zone", time_zone)?,
        opt(py, "schedule_run_columns", "from", from_)?,
        opt(py, "schedule_run_columns", "until", until)?,
        opt(py, "schedule_run_columns", "limit", limit)?,
        opt(py, "schedule_run_columns", "options", options)?,
    );
    let c = r.map_err(|e| raise(py, &e))?;
    let conv = |v: &dyn erased::Ser| -> PyResult<Bound<'_, PyAny>> { v.to_py(py) };
    let d = PyDict::new(py);
    d.set_item("expression", &c.expression)?;
    d.set_item("time_zone", &c.time_zone)?;
    d.set_item("from", &c.from)?;
    d.set_item("until", &c.until)?;
    d.set_item("limit", c.limit)?;
    d.set_item("truncated", c.truncated)?;
    d.set_item("skipped_in_dst_gap", &c.skipped_in_dst_gap)?;
    d.set_item("dst_policy", conv(&c.dst_policy)?)?;
    d.set_item("windows", conv(&c.windows)?)?;
    d.set_item("warnings", conv(&c.warnings)?)?;
    d.set_item("dst_codes", drplan::SCHEDULE_DST_CODES.to_vec())?;
    let cols = PyDict::new(py);
    let array = py.import("array")?.getattr("array")?;
    let column = |code: &str, bytes: Vec<u8>| -> PyResult<Bound<'_, PyAny>> {
        let a = array.call1((code,))?;
        a.call_method1("frombytes", (pyo3::types::PyBytes::new(py, &bytes),))?;
        Ok(a)
    };
    let i64s = |v: &[i64]| v.iter().flat_map(|x| x.to_ne_bytes()).collect::<Vec<u8>>();
    cols.set_item("utc", column("q", i64s(&c.utc))?)?;
    let offsets = c
        .offset_seconds
        .iter()
        .flat_map(|x| x.to_ne_bytes())
        .collect();
    cols.set_item("offset_seconds", column("i", offsets)?)?;
    let dst = c.dst.iter().flat_map(|x| x.to_ne_bytes()).collect();
    cols.set_item("dst", column("b", dst)?)?;
    for (name, v) in [
        ("start_window_end_utc", &c.start_window_end_utc),
        ("completion_window_end_utc", &c.completion_window_end_utc),
    ] {
        match v {
            Some(v) => cols.set_item(name, column("q", i64s(v))?)?,
            None => cols.set_item(name, py.None())?,
        }
    }
    d.set_item("columns", cols)?;
    Ok(d.into_any().unbind())
}

/// Serializable parts of a result, converted with [`to_py`].
mod erased {
    use pyo3::prelude::*;

    pub(crate) trait Ser {
        fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
    }

    impl<T: serde::Serialize> Ser for T {
        fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            super::to_py::to_py(py, self).map_err(|e| super::DrplanError::new_err(e.to_string()))
        }
    }
}

/// Call any contract function by its snake_case name with positional arguments, each converted
/// under its own name, as the named function converts it.
#[pyfunction]
fn call(py: Python<'_>, function: &str, args: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let names = drplan::FUNCTIONS
        .iter()
        .find(|f| f.name == function)
        .map(|f| f.args)
        .unwrap_or_default();
    let name = |i: usize| names.get(i).map_or("args", |a| a.name);
    let items: Option<Vec<Bound<'_, PyAny>>> = if let Ok(l) = args.cast::<PyList>() {
        Some(l.iter().collect())
    } else {
        args.cast::<PyTuple>().ok().map(|t| t.iter().collect())
    };
    let args = match items {
        Some(items) => items
            .iter()
            .enumerate()
            .map(|(i, a)| arg(py, function, name(i), a))
            .collect::<PyResult<Vec<_>>>()?,
        None if args.is_none() => Vec::new(),
        None => vec![arg(py, function, name(0), args)?],
    };
    out(py, drplan::json::with::call(&ToPy(py), function, args))
}

/// Seconds for people, exactly as the core renders them in reports: "45 s", "15 min", "2 h 30 min".
/// `seconds` must be a finite number: anything else (`"1h"`, `None`, NaN) is the core's
/// `invalid_type` on `seconds`, as in JS.
#[pyfunction]
fn human_duration(py: Python<'_>, seconds: &Bound<'_, PyAny>) -> PyResult<String> {
    let v = drplan::json::human_duration(arg(py, "human_duration", "seconds", seconds)?)
        .map_err(|e| raise(py, &e))?;
    Ok(v.as_str().unwrap_or_default().to_owned())
}

/// The `drplan` command line (`drplan lint`, `schedule`, `simulate`): the same Rust function as
/// the `drplan` binary, over the process's own standard streams. `argv` starts with the program
/// name, as `sys.argv` does. Returns the exit code (0 clean, 1 findings, 2 usage or unreadable).
#[pyfunction]
fn cli_main(py: Python<'_>, argv: Vec<String>) -> i32 {
    py.detach(|| drplan_cli::main_with_std_io(argv))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("DrplanError", m.py().get_type::<DrplanError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(call, m)?)?;
    m.add_function(wrap_pyfunction!(human_duration, m)?)?;
    m.add_function(wrap_pyfunction!(cli_main, m)?)?;
    m.add_function(wrap_pyfunction!(schedule_run_columns, m)?)?;
    add_functions(m)?;
    Ok(())
}
