//! Golden vectors shared by Rust, Node and Python: `tests/golden/<module>/<case>/input.json`
//! holds `{"function": "<snake_case name>", "args": [ ...positional JSON arguments... ]}` and
//! `expected.json` holds the output, or `{"error": {code, message, issues}}`. `<module>` is the
//! core module that owns the function the case calls.
//! `DRPLAN_BLESS=1` rewrites expected files (review the diff; never bless blindly).

use std::path::{Path, PathBuf};

use serde_json::Value;

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/golden")
}

/// Floats equal to 12 significant digits (wasm and native libm may differ in the last ulp);
/// everything else exactly.
pub fn same(a: &Value, b: &Value, path: &str, diffs: &mut Vec<String>) {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (
                x.as_f64().unwrap_or(f64::NAN),
                y.as_f64().unwrap_or(f64::NAN),
            );
            let tol = 1e-12 * x.abs().max(y.abs()).max(1.0);
            let close = (x - y).abs() <= tol;
            if !close {
                diffs.push(format!("{path}: {x} != {y}"));
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                diffs.push(format!("{path}: array length {} != {}", x.len(), y.len()));
            }
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                same(p, q, &format!("{path}/{i}"), diffs);
            }
        }
        (Value::Object(x), Value::Object(y)) => {
            for k in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                match (x.get(k), y.get(k)) {
                    (Some(p), Some(q)) => same(p, q, &format!("{path}/{k}"), diffs),
                    _ => diffs.push(format!("{path}/{k}: present on one side only")),
                }
            }
        }
        _ => {
            if a != b {
                diffs.push(format!("{path}: {a} != {b}"));
            }
        }
    }
}

/// The `input` of every issue (an object with `code`, `severity` and a string `input`) in `v`,
/// with where it is.
fn issue_inputs(v: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) => {
            if let (Some(_), Some(_), Some(Value::String(input))) =
                (m.get("code"), m.get("severity"), m.get("input"))
            {
                out.push((at.to_owned(), input.clone()));
            }
            for (k, x) in m {
                issue_inputs(x, &format!("{at}/{k}"), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                issue_inputs(x, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// Every case folder, as `(module, case path)`, sorted: `tests/golden/<module>/<case>/` holding
/// `input.json`. Panics on anything at another depth (a case directly under `tests/golden`, a
/// file beside the module folders, a folder inside a case, a module folder without cases).
fn golden_cases() -> Vec<(String, PathBuf)> {
    let root = golden_dir();
    let entries = |dir: &Path| -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        v.sort();
        v
    };
    let mut misplaced = Vec::new();
    let mut cases = Vec::new();
    for module in entries(&root) {
        let module_name = module
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !module.is_dir() {
            misplaced.push(format!(
                "{}: a file beside the module folders",
                module.display()
            ));
            continue;
        }
        if module.join("input.json").exists() || module.join("expected.json").exists() {
            misplaced.push(format!(
                "{}: a case directly under tests/golden (move it to tests/golden/<module>/<case>/)",
                module.display()
            ));
            continue;
        }
        let mut found = 0;
        for case in entries(&module) {
            if !case.is_dir() || !case.join("input.json").is_file() {
                misplaced.push(format!(
                    "{}: not a case folder (tests/golden/<module>/<case>/input.json)",
                    case.display()
                ));
                continue;
            }
            for inner in entries(&case) {
                if inner.is_dir() {
                    misplaced.push(format!(
                        "{}: a folder inside a case (cases are tests/golden/<module>/<case>/)",
                        inner.display()
                    ));
                }
            }
            found += 1;
            cases.push((module_name.clone(), case));
        }
        if found == 0 {
            misplaced.push(format!(
                "{}: a module folder without cases",
                module.display()
            ));
        }
    }
    assert!(
        misplaced.is_empty(),
        "golden vectors at the wrong depth:\n{}",
        misplaced.join("\n")
    );
    assert!(
        !cases.is_empty(),
        "no golden vectors found in {}",
        root.display()
    );
    cases
}

#[test]
fn golden_vectors() {
    let bless = std::env::var_os("DRPLAN_BLESS").is_some();
    let cases = golden_cases();
    let mut per_module: std::collections::BTreeMap<&str, usize> = Default::default();
    for (module, _) in &cases {
        *per_module.entry(module.as_str()).or_default() += 1;
    }
    let mut failures = Vec::new();
    for (module, case) in &cases {
        let name = format!(
            "{module}/{}",
            case.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        );
        let input: Value = serde_json::from_str(
            &std::fs::read_to_string(case.join("input.json")).unwrap_or_default(),
        )
        .unwrap_or_else(|e| panic!("{name}: input.json is not JSON: {e}"));
        let function = input["function"]
            .as_str()
            .unwrap_or_else(|| panic!("{name}: no function"))
            .to_owned();
        let args = input["args"]
            .as_array()
            .cloned()
            .unwrap_or_else(|| panic!("{name}: args must be an array"));
        let got = match drplan::json::call(&function, args) {
            Ok(v) => v,
            Err(e) => serde_json::json!({ "error": e }),
        };
        // Every issue, wherever it is in the output, names as its `input` an argument of the
        // function called.
        let arg_names: Vec<&str> = drplan::FUNCTIONS
            .iter()
            .find(|f| f.name == function)
            .map(|f| f.args.iter().map(|a| a.name).collect())
            .unwrap_or_default();
        let mut inputs = Vec::new();
        issue_inputs(&got, "", &mut inputs);
        for (at, input) in inputs {
            if !arg_names.contains(&input.as_str()) {
                failures.push(format!(
                    "{name}: the issue at {at} names input {input:?}, not an argument of {function} ({})",
                    arg_names.join(", ")
                ));
            }
        }
        let expected_path = case.join("expected.json");
        if bless {
            let text = serde_json::to_string_pretty(&got).unwrap_or_default() + "\n";
            std::fs::write(&expected_path, text).unwrap_or_else(|e| panic!("{name}: {e}"));
            continue;
        }
        let expected: Value = match std::fs::read_to_string(&expected_path) {
            Ok(t) => {
                serde_json::from_str(&t).unwrap_or_else(|e| panic!("{name}: expected.json: {e}"))
            }
            Err(_) => {
                failures.push(format!(
                    "{name}: no expected.json (run `make bless` and review)"
                ));
                continue;
            }
        };
        let mut diffs = Vec::new();
        same(&got, &expected, "", &mut diffs);
        if !diffs.is_empty() {
            diffs.truncate(10);
            failures.push(format!("{name}:\n  {}", diffs.join("\n  ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} golden cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    let counts: Vec<String> = per_module.iter().map(|(m, n)| format!("{m} {n}")).collect();
    println!("{} golden cases: {}", cases.len(), counts.join(", "));
}
