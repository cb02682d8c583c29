//! Budgets: how much work and memory one call may use, and the one error it gets when over.
//!
//! drplan runs in browsers on pasted text and in pipelines on files nobody checked, so every
//! entry point bounds its *work* (not one shape of input) and checks the bound **before** doing
//! the work or allocating the output, or while reading the input, never after. Over a budget a
//! call fails with [`ErrorCode::OverBudget`] (`"over_budget"`) and one issue `over_budget` whose
//! `path` points at the input that drives the work and whose message names the figure needed and
//! the budget exceeded. Messages never echo more than [`MAX_ECHO`] characters of input.
//!
//! The memory figures hold on wasm32, whose linear memory stops at 4 GiB: no single output may be
//! estimated above [`OUTPUT_BYTES`] (256 MiB), which leaves room for the JSON the bindings build
//! from it (a JS object or Python dict is a few times the size of the Rust value).
//!
//! | budget | value | what it bounds | where |
//! |---|---|---|---|
//! | [`YAML_ALIAS_BYTES`] | 8 MiB | bytes an alias may copy over a whole YAML document (string bytes + [`YAML_NODE_BYTES`] per node), checked before the copy | `backup/import/yaml.rs` |
//! | [`CFN_RESOLUTION_WORK`] | 20,000,000 | steps + bytes built while resolving CloudFormation intrinsics over one template (values are memoized) | `backup/import/intrinsics.rs` |
//! | [`OUTPUT_BYTES`] | 256 MiB | estimated size of one simulation's output (point records, inventory samples): from the point bound before generating when `expand_repeats`, from the compact runs before building records and inventory | `simulation/` |
//! | `simulation::MAX_RULES` | 100 | rules of one simulated plan, checked first (ten times AWS's 10 rules per plan: aws-backup.md §13) | `simulation/` |
//! | `simulation::MAX_COPY_ACTIONS` | 50 | copy actions of one simulated rule, checked with the rules (ten times AWS's 5 per rule: aws-backup.md §13) | `simulation/` |
//! | `simulation::RECORD_BYTES`, `SAMPLE_BYTES` | 2 KiB, 48 B | the estimate of one point record and one inventory number as they leave the core (Rust value, JSON value, host object) | `simulation/` |
//! | the assessment's internal simulation | the simulation's budgets | each strategy's backup plan is simulated over its longest retention + 150 days (just long enough for a steady bill) with at most 1,000 inventory samples; over a budget the error points at the workload's `/backups/retention_days` (or into its `/backup_plan`) | `assessment/backups.rs` |
//! | `simulation::restore_testing::MAX_TEST_PICKS` | 1,000,000 | tests one `simulate_restore_testing` picks (runs of the restore testing plan × selected resources), counted while listing the runs, before any pick; the backup plan under it keeps the simulation's budgets | `simulation/restore_testing.rs` |
//! | [`COLUMN_RUNS`] | 8,388,608 | runs `schedule_run_columns` lists ([`OUTPUT_BYTES`] / [`COLUMN_RUN_BYTES`]): a `limit` above it fails before the expansion, an expansion reaching it stops there | `schedule/runs.rs` |
//! | [`MAX_SNAPSHOTS`] | 2,000,000 | snapshots given to `apply_retention`, counted while reading | `retention/` |
//! | `retention::footprint::MAX_FOOTPRINT_WORK` | 300,000,000 | snapshot × rule steps of one footprint plus 256 per backup (its fixed cost), estimated before walking | `retention/footprint.rs` |
//! | [`LIST_CAPS`] | per list | the long lists of the JSON contract (resources, snapshots, recovery point records), counted **before** any item is converted, by the core's JSON twins and by each binding before it converts a host value (a JS array's `length`, a Python `len`), so 10^6 resources fail at once with the same error everywhere | `api/json.rs`, `wasm/`, `python/` |
//! | [`MAX_ESTATE_DOCUMENTS`] | 10,000 | documents given to `read_estate` (a [`LIST_CAPS`] entry, counted before any is read) | `estate/import/` |
//! | [`ESTATE_TEXT_BYTES`] | 64 MiB | the JSON text of all documents given to `read_estate`, summed before any is parsed (a document given as a value is bounded by its binding's conversion) | `estate/import/` |
//! | [`ESTATE_RECORDS`] | 500,000 | entries read by `read_estate` over all documents (resources, recovery points, plans, selections, opt-in types, Config results, policy targets), counted per list before its items are read | `estate/import/` |
//! | `estate::MAX_ESTATE_RESOURCES`, `MAX_ESTATE_PLANS` | 5,000,000, 2,000 | resources and plans `evaluate_estate` reads (the resources also a capped list of the JSON contract) | `estate/evaluate.rs` |
//! | `estate::MAX_ROWS` | 100,000 | per-resource rows one `evaluate_estate` call returns (about 1 KiB each as they leave the core); beyond it `options.summary_only` gives the roll-ups alone, whose size grows with accounts, Regions, types and tag values (at most `estate::MAX_TAG_VALUES`, 1,000, per key), not resources | `estate/evaluate.rs` |
//! | `estate::MAX_SCHEDULE_GROUPS` | 50,000 | simulations of one `evaluate_estate` call (one per plan × type × Region × account kind × change rate), each under the simulation's own budgets; checked before each | `estate/evaluate.rs` |
//! | `estate::MAX_SELECTION_WORK` | 2,000,000,000 | resource × selection checks of one `evaluate_estate` call, computed before any | `estate/evaluate.rs` |
//! | [`MAX_ECHO`] | 200 | characters of input a message may quote ([`echo`]) | every module |
//! | `error::MAX_MESSAGE_CHARS` | 600 | characters of any issue or error message or hint, cut in `Issue::new`/`Error::new` whatever a caller formats | `error.rs` |
//! | `units::MAX_SECONDS`, `MAX_GIB`, `MAX_BPS` | 10^15 s, 10^15 GiB, 10^18 bit/s | the largest duration, size and bandwidth read (`out_of_range` at the value's path); NaN and infinities never pass | `units.rs` |
//! | `units::MAX_GIB`, `MAX_COUNT`, `MAX_BYTES` (raw numbers) | 10^15 GiB, 10^15, 10^15 GiB in bytes | the bare-number sizes and counts of the cost inputs (`backup_cost` points' `size_gib`, `full_size_gib`, `copy.transferred_gib`; `optimize_cold_transition`'s GiB; `cheapest_s3_lifecycle`/`s3_lifecycle_cost` objects, object sizes, GiB read): products with prices stay finite, so no formula shows `$inf`/`$NaN` and no cost is null | `cost/backup/validate.rs`, `cost/optimize.rs`, `cost/s3/validate.rs` |
//! | policy targets (typed callers) | 0‥10^15 s, finite | `assess_strategies` refuses a NaN, infinite or absurd `Seconds` target at `/targets/<disruption>/<field>` (JSON input is refused by the reader); a `complete` cost always has a finite total | `policy.rs`, `recovery/standby_cost.rs`, `migration/cost.rs` |
//! | `units::MAX_USD` | 10^12 USD | the largest price or amount read through `units::usd`/`opt_usd` (price books, price overrides, migration prices) | `units.rs` |
//!
//! Bounds that are caps on one figure rather than work (document bytes, nesting depth, points,
//! months, listed issues) stay beside their code: `backup::import::MAX_DOCUMENT_BYTES` (2 MiB),
//! `json::MAX_DEPTH` (64), `simulation::MAX_POINTS`, `cost::backup::MAX_POINTS`, `inventory::MAX_SAMPLES`.
//! The position map of a document's text (`backup::import::position`, line and column per
//! pointer) has one node per node of the document and copies nothing for YAML aliases, so the
//! document cap bounds it too.

use crate::error::{Error, ErrorCode, Issue};

/// Bytes an alias may copy over one YAML document (8 MiB, four times the largest document).
pub const YAML_ALIAS_BYTES: u64 = 8 * 1024 * 1024;
/// What one node (mapping, sequence, scalar or key) counts towards [`YAML_ALIAS_BYTES`] besides
/// its text: roughly the size of a `serde_json::Value` with its allocation.
pub const YAML_NODE_BYTES: u64 = 64;
/// Steps and bytes built while resolving the intrinsic functions of one CloudFormation template.
pub const CFN_RESOLUTION_WORK: u64 = 20_000_000;
/// Largest estimated output of one call, in bytes (holds on wasm32's 4 GiB).
pub const OUTPUT_BYTES: u64 = 256 * 1024 * 1024;
/// What one run costs in `schedule_run_columns`'s columns: epoch seconds (8 B), UTC offset (4 B),
/// DST code (1 B), two window ends (16 B), rounded up.
pub const COLUMN_RUN_BYTES: u64 = 32;
/// Most runs `schedule_run_columns` lists: [`OUTPUT_BYTES`] of columns (a one-minute cron over
/// ten years, 5.3 million runs, fits).
pub const COLUMN_RUNS: u64 = OUTPUT_BYTES / COLUMN_RUN_BYTES;
/// Most snapshots `apply_retention` reads.
pub const MAX_SNAPSHOTS: usize = 2_000_000;
/// Most documents `read_estate` reads in one call.
pub const MAX_ESTATE_DOCUMENTS: usize = 10_000;
/// Most bytes of JSON text `read_estate` parses in one call (all documents together).
pub const ESTATE_TEXT_BYTES: u64 = 64 * 1024 * 1024;
/// Most entries (list items) `read_estate` reads in one call, over all documents.
pub const ESTATE_RECORDS: u64 = 500_000;
/// Most characters of input an error message quotes.
pub const MAX_ECHO: usize = 200;

/// A list of the JSON contract read with a cap: argument `input` of `function`, the list at
/// `pointer` inside it (`""`: the argument itself), at most `cap` items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListCap {
    pub function: &'static str,
    pub input: &'static str,
    pub pointer: &'static str,
    /// The object key of `pointer` (`""` when `pointer` is the argument itself).
    pub key: &'static str,
    pub cap: usize,
    /// What the list is, in words ("the snapshot list").
    pub what: &'static str,
    /// What one item is ("snapshots").
    pub unit: &'static str,
}

/// The capped lists, checked before any item is read (see the module doc).
pub const LIST_CAPS: &[ListCap] = &[
    ListCap {
        function: "simulate_backup_plan",
        input: "resources",
        pointer: "",
        key: "",
        cap: crate::simulation::MAX_RESOURCES,
        what: "the resource list",
        unit: "resources",
    },
    ListCap {
        function: "simulate_restore_testing",
        input: "resources",
        pointer: "",
        key: "",
        cap: crate::simulation::MAX_RESOURCES,
        what: "the resource list",
        unit: "resources",
    },
    ListCap {
        function: "measure_restores",
        input: "jobs",
        pointer: "/RestoreJobs",
        key: "RestoreJobs",
        cap: crate::workload::restore_jobs::MAX_RESTORE_JOBS,
        what: "the restore job list",
        unit: "jobs",
    },
    ListCap {
        function: "check_controls",
        input: "context",
        pointer: "/resources",
        key: "resources",
        cap: crate::simulation::MAX_RESOURCES,
        what: "the resource list",
        unit: "resources",
    },
    ListCap {
        function: "evaluate_estate",
        input: "estate",
        pointer: "/resources",
        key: "resources",
        cap: crate::estate::MAX_ESTATE_RESOURCES,
        what: "the estate's resource list",
        unit: "resources",
    },
    ListCap {
        function: "apply_retention",
        input: "snapshots",
        pointer: "",
        key: "",
        cap: MAX_SNAPSHOTS,
        what: "the snapshot list",
        unit: "snapshots",
    },
    ListCap {
        function: "read_estate",
        input: "documents",
        pointer: "",
        key: "",
        cap: MAX_ESTATE_DOCUMENTS,
        what: "the document list",
        unit: "documents",
    },
    ListCap {
        function: "backup_cost",
        input: "points",
        pointer: "",
        key: "",
        cap: crate::cost::MAX_POINTS,
        what: "the recovery point list",
        unit: "records",
    },
];

/// The cap on a list inside argument `input` of `function`, if it has one.
pub fn list_cap(function: &str, input: &str) -> Option<&'static ListCap> {
    LIST_CAPS
        .iter()
        .find(|c| c.function == function && c.input == input)
}

/// The `over_budget` error for a capped list of `len` items.
pub fn list_over(cap: &ListCap, len: usize) -> Error {
    over(
        cap.input,
        cap.pointer,
        cap.what,
        len as u64,
        cap.cap as u64,
        cap.unit,
    )
}

/// Check the capped list (if any) of argument `input` of `function` before it is read.
pub fn check_list(function: &str, input: &str, v: &serde_json::Value) -> Result<(), Error> {
    let Some(cap) = list_cap(function, input) else {
        return Ok(());
    };
    let list = if cap.key.is_empty() {
        Some(v)
    } else {
        v.get(cap.key)
    };
    match list.and_then(serde_json::Value::as_array) {
        Some(items) if items.len() > cap.cap => Err(list_over(cap, items.len())),
        _ => Ok(()),
    }
}

/// The `over_budget` error: `what` needs `needed` `unit`s, the budget is `budget`.
pub fn over(input: &str, path: &str, what: &str, needed: u64, budget: u64, unit: &str) -> Error {
    let message = format!("{what} needs {needed} {unit}; the budget is {budget} {unit}");
    Error::new(
        ErrorCode::OverBudget,
        format!(
            "{input} {}: {message}",
            if path.is_empty() { "(root)" } else { path }
        ),
        vec![Issue::error("over_budget", path, message).in_input(input)],
    )
}

/// The `over_budget` error for work stopped at the budget: `what` needs more than `budget`.
pub fn over_at_least(input: &str, path: &str, what: &str, budget: u64, unit: &str) -> Error {
    let message = format!("{what} needs more than {budget} {unit}, the budget");
    Error::new(
        ErrorCode::OverBudget,
        format!(
            "{input} {}: {message}",
            if path.is_empty() { "(root)" } else { path }
        ),
        vec![Issue::error("over_budget", path, message).in_input(input)],
    )
}

/// At most [`MAX_ECHO`] characters of `s`, with `…` when cut.
pub fn echo(s: &str) -> String {
    match s.char_indices().nth(MAX_ECHO) {
        Some((i, _)) => format!("{}…", s.get(..i).unwrap_or("")),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn over_budget_names_path_and_figures() {
        let e = over("options", "/horizon_days", "the output", 10, 5, "bytes");
        assert_eq!(e.code.as_str(), "over_budget");
        assert_eq!(e.issues[0].path, "/horizon_days");
        assert_eq!(e.issues[0].input.as_deref(), Some("options"));
        assert_eq!(
            e.issues[0].message,
            "the output needs 10 bytes; the budget is 5 bytes"
        );
    }

    #[test]
    fn echo_cuts_long_input() {
        let long = "é".repeat(1000);
        let e = echo(&long);
        assert_eq!(e.chars().count(), MAX_ECHO + 1);
        assert_eq!(echo("short"), "short");
    }

    #[test]
    fn capped_lists_fail_before_reading() {
        let many = serde_json::Value::Array(vec![serde_json::Value::Null; MAX_SNAPSHOTS + 1]);
        let e = check_list("apply_retention", "snapshots", &many).err();
        let e = e.map(|e| {
            (
                e.code.as_str(),
                e.issues[0].path.clone(),
                e.issues[0].message.clone(),
            )
        });
        assert_eq!(
            e,
            Some((
                "over_budget",
                String::new(),
                format!(
                    "the snapshot list needs {} snapshots; the budget is {MAX_SNAPSHOTS} snapshots",
                    MAX_SNAPSHOTS + 1
                )
            ))
        );
        let ctx = serde_json::json!({"resources": vec![1; crate::simulation::MAX_RESOURCES + 1]});
        let e = check_list("check_controls", "context", &ctx).err();
        assert_eq!(
            e.map(|e| e.issues[0].path.clone()),
            Some("/resources".to_owned())
        );
        assert!(check_list(
            "check_controls",
            "context",
            &serde_json::json!({"resources": [1]})
        )
        .is_ok());
        assert!(check_list("backup_cost", "book", &many).is_ok());
    }
}
