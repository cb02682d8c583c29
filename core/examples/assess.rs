//! `cargo run -p drplan --example assess -- WORKLOAD.json POLICY.json`: print the assessment.
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let read = |i: usize| -> Result<serde_json::Value, String> {
        let path = args
            .get(i)
            .ok_or("usage: assess WORKLOAD.json POLICY.json")?;
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))
    };
    let run = || -> Result<serde_json::Value, String> {
        drplan::json::assess_strategies(read(0)?, read(1)?)
            .map_err(|e| serde_json::to_string_pretty(&e).unwrap_or_default())
    };
    match run() {
        Ok(v) => {
            println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
