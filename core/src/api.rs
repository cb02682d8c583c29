//! The public contract: the functions every surface calls one-to-one.
//!
//! Each function here takes typed inputs. [`json`] has the same functions over
//! `serde_json::Value` arguments; the wasm and Python bindings call only those, so a document gives
//! the same answer — or the same error code, path and message — everywhere.

pub use crate::assessment::{assess_strategies, estimate_recovery};
pub use crate::backup::{
    export_backup_plan, lint_backup_plan, parse_backup_plan, validate_backup_plan,
};
pub use crate::controls::check_controls;
pub use crate::cost::{
    backup_cost, cheapest_s3_lifecycle, optimize_cold_transition, s3_lifecycle_cost,
};
pub use crate::migration::select_migration_path;
pub use crate::pricing::{default_price_book, price_book};
pub use crate::retention::{
    apply_retention, apply_retention_times, parse_retention_flags, retention_footprint,
};
pub use crate::schedule::{cron_summary, schedule_runs};
pub use crate::simulation::simulate_backup_plan;
pub use crate::translate::translate_retention;
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
    pub use crate::controls::check_controls_json as check_controls;
    pub use crate::cost::{
        backup_cost_json as backup_cost, cheapest_s3_lifecycle_json as cheapest_s3_lifecycle,
        optimize_cold_transition_json as optimize_cold_transition,
        s3_lifecycle_cost_json as s3_lifecycle_cost,
    };
    pub use crate::pricing::{
        default_price_book_json as default_price_book, price_book_json as price_book,
    };
    /// For a binding that read the snapshots itself as bare times (its fast path): the other
    /// arguments as JSON, the result typed.
    pub use crate::retention::apply_retention_to;
    pub use crate::retention::{
        apply_retention_json as apply_retention,
        parse_retention_flags_json as parse_retention_flags,
        retention_footprint_json as retention_footprint,
    };
    pub use crate::schedule::{
        cron_summary_json as cron_summary, schedule_runs_json as schedule_runs,
    };
    pub use crate::simulation::simulate_backup_plan_json as simulate_backup_plan;
    pub use crate::translate::translate_retention_json as translate_retention;

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
            "apply_retention" => apply_retention(next(), next(), next(), next(), next()),
            "parse_retention_flags" => parse_retention_flags(next(), next()),
            "retention_footprint" => {
                retention_footprint(next(), next(), next(), next(), next(), next())
            }
            "default_price_book" => default_price_book(),
            "price_book" => price_book(next()),
            "backup_cost" => backup_cost(next(), next(), next()),
            "s3_lifecycle_cost" => s3_lifecycle_cost(next(), next(), next()),
            "cheapest_s3_lifecycle" => cheapest_s3_lifecycle(next(), next()),
            "optimize_cold_transition" => optimize_cold_transition(next(), next()),
            "translate_retention" => translate_retention(next(), next()),
            "simulate_backup_plan" => simulate_backup_plan(next(), next(), next()),
            "check_controls" => check_controls(next(), next(), next(), next(), next()),
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
