//! Golden vectors shared by Rust, Node and Python: `tests/golden/<case>/input.json` holds
//! `{"function": "<snake_case name>", "args": [ ...positional JSON arguments... ]}` and
//! `expected.json` holds the output, or `{"error": {code, message, issues}}`.
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

#[test]
fn golden_vectors() {
    let bless = std::env::var_os("DRPLAN_BLESS").is_some();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(golden_dir())
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.join("input.json").exists())
                .collect()
        })
        .unwrap_or_default();
    cases.sort();
    assert!(
        !cases.is_empty(),
        "no golden vectors found in {}",
        golden_dir().display()
    );
    let mut failures = Vec::new();
    for case in &cases {
        let name = case
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
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
        let got = match drplan::api::json::call(&function, args) {
            Ok(v) => v,
            Err(e) => serde_json::json!({ "error": e }),
        };
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
    println!("{} golden cases", cases.len());
}
