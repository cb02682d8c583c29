//! Run drplan's retention engine on JSON from stdin (used by tests/vectors/retention/generate.py).
//!
//! Input: one object `{"snapshots": [...], "policy": {...}, "mode": "restic-0.14", "now": "...",
//! "time_zone": null}` or an array of such objects. Output: the `apply_retention` result for each
//! (an object, or an array in the same order); a failing case gives `{"error": {...}}`.
//!
//! `cargo run -p drplan --example retention_cli < case.json`

use std::io::Read;

use serde_json::{json, Value};

fn run(case: &Value) -> Value {
    let arg = |k: &str| case.get(k).cloned().unwrap_or(Value::Null);
    match drplan::json::apply_retention(
        arg("snapshots"),
        arg("policy"),
        arg("mode"),
        arg("now"),
        arg("time_zone"),
    ) {
        Ok(v) => v,
        Err(e) => json!({ "error": e }),
    }
}

fn main() {
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("retention_cli: cannot read stdin: {e}");
        std::process::exit(2);
    }
    let input: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("retention_cli: stdin is not JSON: {e}");
            std::process::exit(2);
        }
    };
    let out = match &input {
        Value::Array(cases) => Value::Array(cases.iter().map(run).collect()),
        case => run(case),
    };
    println!("{out}");
}
