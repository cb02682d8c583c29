//! The contract over JSON values (what the bindings call).

use serde_json::Value;

use crate::error::{Error, ErrorCode, Issue};
use crate::json::{from_value, to_value};

pub use crate::backup::{
    export_backup_plan_json as export_backup_plan, lint_backup_plan_json as lint_backup_plan,
    parse_backup_plan_json as parse_backup_plan, validate_backup_plan_json as validate_backup_plan,
};
pub use crate::controls::check_controls_json as check_controls;
pub use crate::cost::{
    backup_cost_json as backup_cost, cheapest_s3_lifecycle_json as cheapest_s3_lifecycle,
    optimize_cold_transition_json as optimize_cold_transition,
    s3_lifecycle_cost_json as s3_lifecycle_cost,
};
pub use crate::migration::select_migration_path_json as select_migration_path;
pub use crate::pricing::{
    default_price_book_json as default_price_book, price_book_json as price_book,
};
/// For a binding that read the snapshots itself as bare times (its fast path): the other
/// arguments as JSON, the result typed.
pub use crate::retention::apply_retention_to;
pub use crate::retention::{
    apply_retention_json as apply_retention, parse_retention_flags_json as parse_retention_flags,
    retention_footprint_json as retention_footprint,
};
pub use crate::schedule::{cron_summary_json as cron_summary, schedule_runs_json as schedule_runs};
pub use crate::simulation::simulate_backup_plan_json as simulate_backup_plan;
pub use crate::translate::translate_retention_json as translate_retention;

/// [`crate::assessment::assess_strategies`] over JSON: `workload`, `policy` (drplan or Resilience
/// Hub shape).
pub fn assess_strategies(workload: Value, policy: Value) -> Result<Value, Error> {
    let w = from_value("workload", workload)?;
    let (p, notes) = crate::policy::policy_from_value(policy)?;
    let mut out = crate::assessment::assess_strategies(&w, &p)?;
    out.issues.splice(0..0, notes);
    Ok(to_value(&out))
}

/// [`crate::assessment::estimate_recovery`] over JSON: `workload`, `strategy` (a name or an object).
pub fn estimate_recovery(workload: Value, strategy: Value) -> Result<Value, Error> {
    let w = from_value("workload", workload)?;
    let s = from_value("strategy", strategy)?;
    Ok(to_value(&crate::assessment::estimate_recovery(&w, s)?))
}

/// `call`'s dispatch, from the table: one match arm per contract function, each taking its
/// arguments in order (a missing one is `null`).
macro_rules! dispatch {
    ($(
        #[doc = $doc:tt]
        fn $name:ident / $js:ident (
            $($arg:ident $(as $json:tt)? : $ts:tt => $py:tt $(= $default:ident)?),* $(,)?
        ) -> $ret:tt => $pyret:tt,
        in $in:tt,
        out $out:tt;
    )*) => {
        /// Call a contract function by its snake_case name with positional JSON arguments (what
        /// the golden vectors and generic tooling use).
        pub fn call(function: &str, args: Vec<Value>) -> Result<Value, Error> {
            let mut args = args.into_iter();
            let mut next = || args.next().unwrap_or(Value::Null);
            match function {
                $(stringify!($name) => $name($(dispatch!(@next $arg next)),*),)*
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
    };
    (@next $arg:ident $next:ident) => {
        $next()
    };
}

crate::for_each_function!(dispatch);
