//! `drplan runbook`: one strategy's recovery from one disruption as a Markdown runbook (the core's
//! `recovery_runbook`), or the core's JSON with `--format json`.

use std::io::{Read, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde_json::Value;

use crate::{EXIT_CLEAN, EXIT_USAGE};

pub(crate) const HELP: &str = "\
WORKLOAD is a workload JSON file (or `-` for stdin), as `estimate_recovery` reads it. The runbook
lists the steps of the strategy's recovery timeline for the disruption in the order they start:
what each waits for, its duration with the facts behind it (basis and the docs/domain section),
who or what performs it, and the checks that close it.

Examples:
  drplan runbook workload.json --strategy pilot_light --disruption region
  drplan runbook workload.json --strategy backup_restore --disruption corruption --format json

Exit codes: 0 done, 2 usage error, unreadable workload or input the core refuses (reason on stderr).";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum RunbookFormat {
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct RunbookArgs {
    /// Workload JSON file, or `-` for stdin.
    #[arg(value_name = "WORKLOAD")]
    workload: PathBuf,
    /// multi_az_only, backup_restore, pilot_light, warm_standby or multi_site.
    #[arg(long, value_name = "STRATEGY")]
    strategy: String,
    /// az, region, corruption or account_compromise.
    #[arg(long, value_name = "DISRUPTION")]
    disruption: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RunbookFormat::Markdown)]
    format: RunbookFormat,
}

pub(crate) fn runbook(
    a: &RunbookArgs,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let text = if a.workload.as_os_str() == "-" {
        let mut t = String::new();
        stdin.read_to_string(&mut t).map(|_| t)
    } else {
        std::fs::read_to_string(&a.workload)
    };
    let workload: Value = match text.map(|t| serde_json::from_str(&t)) {
        Ok(Ok(v)) => v,
        Ok(Err(e)) => {
            let _ = writeln!(err, "error: {} is not JSON: {e}", a.workload.display());
            return EXIT_USAGE;
        }
        Err(e) => {
            let _ = writeln!(err, "error: cannot read {}: {e}", a.workload.display());
            return EXIT_USAGE;
        }
    };
    let answer = drplan::json::recovery_runbook(
        workload,
        Value::String(a.strategy.clone()),
        Value::String(a.disruption.clone()),
    );
    match answer {
        Ok(v) => {
            let _ = match a.format {
                RunbookFormat::Markdown => {
                    write!(
                        out,
                        "{}",
                        v.get("markdown").and_then(Value::as_str).unwrap_or("")
                    )
                }
                RunbookFormat::Json => writeln!(
                    out,
                    "{}",
                    serde_json::to_string_pretty(&v).unwrap_or_default()
                ),
            };
            EXIT_CLEAN
        }
        Err(e) => crate::commands::fail(err, &e),
    }
}
