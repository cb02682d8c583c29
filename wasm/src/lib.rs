//! WebAssembly bindings for drplan: argument conversion, one core call, error mapping — no logic.
//!
//! Inputs cross as JSON (`JSON.stringify` in the engine, `serde_json` in the core), so a document
//! gets exactly the answer — or the error code, path and message — it gets in Rust and Python.
//! Errors are thrown as real `Error` objects with `name = "DrplanError"`, `code` and `issues`.
#![cfg(target_family = "wasm")]

use drplan::{Error, ErrorCode, Issue};
use wasm_bindgen::prelude::*;

/// JS value → JSON value. `undefined` becomes `null`; NaN/Infinity become `null` (as in
/// `JSON.stringify`); values JSON cannot hold (BigInt, cycles, nesting past the engine's stack)
/// are `invalid_json` errors.
fn arg(name: &str, v: &JsValue) -> Result<serde_json::Value, JsValue> {
    if v.is_undefined() {
        return Ok(serde_json::Value::Null);
    }
    let text = match js_sys::JSON::stringify(v) {
        Ok(s) => s.as_string().unwrap_or_else(|| "null".to_owned()),
        Err(e) => {
            let why = js_sys::Error::from(e)
                .message()
                .as_string()
                .unwrap_or_default();
            return Err(throw(&Error::new(
                ErrorCode::InvalidJson,
                format!("{name} cannot be read as JSON: {why}"),
                vec![Issue::error("not_json", "", why).in_input(name)],
            )));
        }
    };
    drplan::json::parse_text(name, &text).map_err(|e| throw(&e))
}

/// JSON value → plain JS object (null stays null).
fn out(v: Result<serde_json::Value, Error>) -> Result<JsValue, JsValue> {
    let v = v.map_err(|e| throw(&e))?;
    let text = serde_json::to_string(&v).map_err(|e| JsValue::from_str(&e.to_string()))?;
    js_sys::JSON::parse(&text)
}

fn throw(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("DrplanError");
    let obj: &JsValue = err.as_ref();
    let issues = serde_json::to_string(&e.issues)
        .ok()
        .and_then(|t| js_sys::JSON::parse(&t).ok())
        .unwrap_or(JsValue::NULL);
    let _ = js_sys::Reflect::set(obj, &"code".into(), &e.code.as_str().into());
    let _ = js_sys::Reflect::set(obj, &"issues".into(), &issues);
    err.into()
}

/// Assess every DR strategy for a workload against a resiliency policy (drplan's shape or an AWS
/// Resilience Hub policy); returns per-strategy RPO/RTO breakdowns, costs and the cheapest
/// compliant strategy.
#[wasm_bindgen(js_name = assessStrategies, unchecked_return_type = "Assessment")]
pub fn assess_strategies(
    #[wasm_bindgen(unchecked_param_type = "Workload")] workload: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Policy | ResilienceHubPolicy")] policy: JsValue,
) -> Result<JsValue, JsValue> {
    out(drplan::api::json::assess_strategies(
        arg("workload", &workload)?,
        arg("policy", &policy)?,
    ))
}

/// RPO/RTO breakdowns, timelines and standby cost of one strategy.
#[wasm_bindgen(js_name = estimateRecovery, unchecked_return_type = "RecoveryEstimate")]
pub fn estimate_recovery(
    #[wasm_bindgen(unchecked_param_type = "Workload")] workload: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Strategy | StrategySpec")] strategy: JsValue,
) -> Result<JsValue, JsValue> {
    out(drplan::api::json::estimate_recovery(
        arg("workload", &workload)?,
        arg("strategy", &strategy)?,
    ))
}

/// Rank the feasible ways to move a database to RDS/Aurora and explain every excluded one.
#[wasm_bindgen(js_name = selectMigrationPath, unchecked_return_type = "MigrationReport")]
pub fn select_migration_path(
    #[wasm_bindgen(unchecked_param_type = "MigrationScenario")] scenario: JsValue,
) -> Result<JsValue, JsValue> {
    out(drplan::api::json::select_migration_path(arg(
        "scenario", &scenario,
    )?))
}

/// Expand an AWS Backup cron expression (`cron(m h dom mon dow year)`) into run instants in an IANA
/// time zone, with start/completion windows.
#[wasm_bindgen(js_name = scheduleRuns, unchecked_return_type = "ScheduleRuns")]
pub fn schedule_runs(
    expression: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | null")] time_zone: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] from: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | null")] until: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number | null")] limit: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ScheduleOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    out(drplan::api::json::schedule_runs(
        arg("expression", &expression)?,
        arg("time_zone", &time_zone)?,
        arg("from", &from)?,
        arg("until", &until)?,
        arg("limit", &limit)?,
        arg("options", &options)?,
    ))
}

/// Interval statistics of a cron expression over a year (min/max gap: the worst-case interval).
#[wasm_bindgen(js_name = cronSummary, unchecked_return_type = "CronSummary")]
pub fn cron_summary(
    expression: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | null")] time_zone: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] from: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ScheduleOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    out(drplan::api::json::cron_summary(
        arg("expression", &expression)?,
        arg("time_zone", &time_zone)?,
        arg("from", &from)?,
        arg("options", &options)?,
    ))
}

/// Read an AWS Backup plan in any shape (CLI JSON, CloudFormation JSON/YAML, Organizations policy).
#[wasm_bindgen(js_name = parseBackupPlan, unchecked_return_type = "ParsedPlan")]
pub fn parse_backup_plan(
    #[wasm_bindgen(unchecked_param_type = "string | object")] document: JsValue,
) -> Result<JsValue, JsValue> {
    out(drplan::api::json::parse_backup_plan(arg(
        "document", &document,
    )?))
}

/// Every AWS rule checked on a normalized plan (with vaults and selections): all issues at once.
#[wasm_bindgen(js_name = validateBackupPlan, unchecked_return_type = "Issue[]")]
pub fn validate_backup_plan(
    #[wasm_bindgen(unchecked_param_type = "BackupPlan")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "BackupVault[] | null")] vaults: JsValue,
    #[wasm_bindgen(unchecked_param_type = "BackupSelection[] | null")] selections: JsValue,
) -> Result<JsValue, JsValue> {
    out(drplan::api::json::validate_backup_plan(
        arg("plan", &plan)?,
        arg("vaults", &vaults)?,
        arg("selections", &selections)?,
    ))
}

/// Parse and validate every plan in a document; issue paths point into the original text.
#[wasm_bindgen(js_name = lintBackupPlan, unchecked_return_type = "LintReport")]
pub fn lint_backup_plan(
    #[wasm_bindgen(unchecked_param_type = "string | object")] document: JsValue,
) -> Result<JsValue, JsValue> {
    out(drplan::api::json::lint_backup_plan(arg(
        "document", &document,
    )?))
}

/// Write a normalized plan as create-backup-plan input or CloudFormation (JSON or YAML).
#[wasm_bindgen(js_name = exportBackupPlan, unchecked_return_type = "ExportedPlan")]
pub fn export_backup_plan(
    #[wasm_bindgen(unchecked_param_type = "BackupPlan")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ExportShape")] shape: JsValue,
) -> Result<JsValue, JsValue> {
    out(drplan::api::json::export_backup_plan(
        arg("plan", &plan)?,
        arg("shape", &shape)?,
    ))
}

/// Which snapshots a keep-policy keeps (restic 0.14, restic 0.16+, borg 1.2 or AWS Backup
/// lifecycle semantics) and the rule(s) that kept each one.
#[wasm_bindgen(js_name = applyRetention, unchecked_return_type = "RetentionResult")]
pub fn apply_retention(
    #[wasm_bindgen(unchecked_param_type = "Snapshot[]")] snapshots: JsValue,
    #[wasm_bindgen(unchecked_param_type = "RetentionPolicy")] policy: JsValue,
    #[wasm_bindgen(unchecked_param_type = "RetentionMode")] mode: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SnapshotTime")] now: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | null")] time_zone: JsValue,
) -> Result<JsValue, JsValue> {
    out(drplan::api::json::apply_retention(
        arg("snapshots", &snapshots)?,
        arg("policy", &policy)?,
        arg("mode", &mode)?,
        arg("now", &now)?,
        arg("time_zone", &time_zone)?,
    ))
}

/// Read restic or borg keep flags (`--keep-daily 7 --keep-within 2d`) into a policy.
#[wasm_bindgen(js_name = parseRetentionFlags, unchecked_return_type = "ParsedFlags")]
pub fn parse_retention_flags(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "FlagDialect")] dialect: JsValue,
) -> Result<JsValue, JsValue> {
    out(drplan::api::json::parse_retention_flags(
        arg("text", &text)?,
        arg("dialect", &dialect)?,
    ))
}

/// Snapshots held over time under a backup cadence and a keep-policy, and the steady state.
#[wasm_bindgen(js_name = retentionFootprint, unchecked_return_type = "FootprintResult")]
pub fn retention_footprint(
    #[wasm_bindgen(unchecked_param_type = "Cadence")] cadence: JsValue,
    #[wasm_bindgen(unchecked_param_type = "RetentionPolicy")] policy: JsValue,
    #[wasm_bindgen(unchecked_param_type = "RetentionMode")] mode: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SnapshotTime")] start: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Seconds")] horizon: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | null")] time_zone: JsValue,
) -> Result<JsValue, JsValue> {
    out(drplan::api::json::retention_footprint(
        arg("cadence", &cadence)?,
        arg("policy", &policy)?,
        arg("mode", &mode)?,
        arg("start", &start)?,
        arg("horizon", &horizon)?,
        arg("time_zone", &time_zone)?,
    ))
}

/// The embedded default price book (us-east-1; every entry dated and sourced; unconfirmed prices absent).
#[wasm_bindgen(js_name = defaultPriceBook, unchecked_return_type = "PriceBook")]
pub fn default_price_book() -> Result<JsValue, JsValue> {
    out(drplan::api::json::default_price_book())
}

/// The default price book with your overrides applied (unknown keys are errors).
#[wasm_bindgen(js_name = priceBook, unchecked_return_type = "PriceBook")]
pub fn price_book(
    #[wasm_bindgen(unchecked_param_type = "PriceBookInput")] book: JsValue,
) -> Result<JsValue, JsValue> {
    out(drplan::api::json::price_book(arg("book", &book)?))
}

/// Month-by-month bill of a set of recovery points: storage per tier, early deletion, transfer, restores; steady state.
#[wasm_bindgen(js_name = backupCost, unchecked_return_type = "BackupCost")]
pub fn backup_cost(
    #[wasm_bindgen(unchecked_param_type = "RecoveryPointLife[]")] points: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PriceBookInput | null")] book: JsValue,
    #[wasm_bindgen(unchecked_param_type = "BackupCostOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    out(drplan::api::json::backup_cost(
        arg("points", &points)?,
        arg("book", &book)?,
        arg("options", &options)?,
    ))
}

/// Cost of an S3 lifecycle for an object-size distribution and access pattern.
#[wasm_bindgen(js_name = s3LifecycleCost, unchecked_return_type = "S3LifecycleCost")]
pub fn s3_lifecycle_cost(
    #[wasm_bindgen(unchecked_param_type = "S3ObjectProfile")] object_profile: JsValue,
    #[wasm_bindgen(unchecked_param_type = "S3Lifecycle")] lifecycle: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PriceBookInput | null")] book: JsValue,
) -> Result<JsValue, JsValue> {
    out(drplan::api::json::s3_lifecycle_cost(
        arg("object_profile", &object_profile)?,
        arg("lifecycle", &lifecycle)?,
        arg("book", &book)?,
    ))
}

/// The cheapest legal S3 lifecycle for an object profile, with the comparison table.
#[wasm_bindgen(js_name = cheapestS3Lifecycle, unchecked_return_type = "S3LifecycleSearch")]
pub fn cheapest_s3_lifecycle(
    #[wasm_bindgen(unchecked_param_type = "S3ObjectProfile")] object_profile: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PriceBookInput | null")] book: JsValue,
) -> Result<JsValue, JsValue> {
    out(drplan::api::json::cheapest_s3_lifecycle(
        arg("object_profile", &object_profile)?,
        arg("book", &book)?,
    ))
}

/// The cold-transition day that minimizes a rule's steady-state cost, with the break-even in words.
#[wasm_bindgen(js_name = optimizeColdTransition, unchecked_return_type = "ColdTransitionPlan")]
pub fn optimize_cold_transition(
    #[wasm_bindgen(unchecked_param_type = "ColdRuleProfile")] rule_profile: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PriceBookInput | null")] book: JsValue,
) -> Result<JsValue, JsValue> {
    out(drplan::api::json::optimize_cold_transition(
        arg("rule_profile", &rule_profile)?,
        arg("book", &book)?,
    ))
}

/// A keep-policy as the closest AWS Backup plan, or a plan as the closest keep-policy, with what cannot match and how many points differ over a simulated year.
#[wasm_bindgen(js_name = translateRetention, unchecked_return_type = "Translation")]
pub fn translate_retention(
    #[wasm_bindgen(unchecked_param_type = "TranslateSource")] source: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TranslateOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    out(drplan::api::json::translate_retention(
        arg("source", &source)?,
        arg("options", &options)?,
    ))
}

/// Every recovery point a plan creates over a horizon: inventory per vault, Region and tier with the steady state, worst-case and typical RPO per disruption, restore-point coverage.
#[wasm_bindgen(js_name = simulateBackupPlan, unchecked_return_type = "Simulation")]
pub fn simulate_backup_plan(
    #[wasm_bindgen(unchecked_param_type = "BackupPlan | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Resource[] | null")] resources: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SimulationOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    out(drplan::api::json::simulate_backup_plan(
        arg("plan", &plan)?,
        arg("resources", &resources)?,
        arg("options", &options)?,
    ))
}

/// AWS Backup Audit Manager controls judged offline, pass/fail with evidence, plus DR lint.
#[wasm_bindgen(js_name = checkControls, unchecked_return_type = "ControlsReport")]
pub fn check_controls(
    #[wasm_bindgen(unchecked_param_type = "BackupPlan | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "BackupSelection[] | null")] selections: JsValue,
    #[wasm_bindgen(unchecked_param_type = "BackupVault[] | null")] vaults: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] controls: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] context: JsValue,
) -> Result<JsValue, JsValue> {
    out(drplan::api::json::check_controls(
        arg("plan", &plan)?,
        arg("selections", &selections)?,
        arg("vaults", &vaults)?,
        arg("controls", &controls)?,
        arg("context", &context)?,
    ))
}

/// Call any contract function by its snake_case name with positional arguments (golden vectors).
#[wasm_bindgen(js_name = call, unchecked_return_type = "unknown")]
pub fn call(
    function: &str,
    #[wasm_bindgen(unchecked_param_type = "unknown[]")] args: JsValue,
) -> Result<JsValue, JsValue> {
    let args = match arg("args", &args)? {
        serde_json::Value::Array(a) => a,
        serde_json::Value::Null => Vec::new(),
        other => vec![other],
    };
    out(drplan::api::json::call(function, args))
}

/// Seconds for people, exactly as the core renders them in reports: "45 s", "15 min", "2 h 30 min".
#[wasm_bindgen(js_name = humanDuration)]
pub fn human_duration(seconds: f64) -> String {
    drplan::api::human_duration(seconds)
}

/// The drplan version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
