//! The public contract: the functions every surface calls one-to-one.
//!
//! Each function here takes typed inputs. [`json`] has the same functions over
//! `serde_json::Value` arguments; the wasm and Python bindings call only those, so a document gives
//! the same answer — or the same error code, path and message — everywhere.

pub use crate::assessment::{assess_strategies, estimate_recovery};
pub use crate::backup::{
    export_backup_plan, lint_backup_plan, parse_backup_plan, validate_backup_plan,
};
pub use crate::migration::select_migration_path;
pub use crate::schedule::{cron_summary, schedule_runs};
pub use crate::units::human_duration;

/// The contract over JSON values (what the bindings call).
pub mod json {
    use serde_json::Value;

    use crate::error::{Error, ErrorCode, Issue};
    use crate::json::{from_value, to_value};

    pub use crate::backup::{
        export_backup_plan_json as export_backup_plan, lint_backup_plan_json as lint_backup_plan,
        parse_backup_plan_json as parse_backup_plan,
        validate_backup_plan_json as validate_backup_plan,
    };
    pub use crate::schedule::{
        cron_summary_json as cron_summary, schedule_runs_json as schedule_runs,
    };

    /// [`crate::assess_strategies`] over JSON: `workload`, `policy` (drplan or Resilience Hub shape).
    pub fn assess_strategies(workload: Value, policy: Value) -> Result<Value, Error> {
        let w = from_value("workload", workload)?;
        let (p, notes) = crate::policy::policy_from_value(policy)?;
        let mut out = crate::assess_strategies(&w, &p)?;
        out.issues.splice(0..0, notes);
        Ok(to_value(&out))
    }

    /// [`crate::estimate_recovery`] over JSON: `workload`, `strategy` (a name or an object).
    pub fn estimate_recovery(workload: Value, strategy: Value) -> Result<Value, Error> {
        let w = from_value("workload", workload)?;
        let s = from_value("strategy", strategy)?;
        Ok(to_value(&crate::estimate_recovery(&w, s)?))
    }

    /// [`crate::select_migration_path`] over JSON: `scenario`.
    pub fn select_migration_path(scenario: Value) -> Result<Value, Error> {
        crate::migration::select_migration_path_json(scenario)
    }

    /// Call a contract function by its snake_case name with positional JSON arguments (what the
    /// golden vectors and generic tooling use).
    pub fn call(function: &str, args: Vec<Value>) -> Result<Value, Error> {
        let mut args = args.into_iter();
        let mut next = || args.next().unwrap_or(Value::Null);
        match function {
            "assess_strategies" => assess_strategies(next(), next()),
            "estimate_recovery" => estimate_recovery(next(), next()),
            "select_migration_path" => select_migration_path(next()),
            "schedule_runs" => schedule_runs(next(), next(), next(), next(), next(), next()),
            "cron_summary" => cron_summary(next(), next(), next(), next()),
            "parse_backup_plan" => parse_backup_plan(next()),
            "validate_backup_plan" => validate_backup_plan(next(), next(), next()),
            "export_backup_plan" => export_backup_plan(next(), next()),
            "lint_backup_plan" => lint_backup_plan(next()),
            "simulate_backup_plan" => {
                crate::simulation::simulate_backup_plan_json(next(), next(), next())
            }
            "check_controls" => {
                crate::controls::check_controls_json(next(), next(), next(), next(), next())
            }
            _ => Err(Error::new(
                ErrorCode::InvalidInput,
                format!("unknown function {function:?}"),
                vec![Issue::error(
                    "unknown_function",
                    "/function",
                    format!("unknown function {function:?}"),
                )],
            )),
        }
    }
}
