//! The public contract: the functions every surface calls one-to-one.
//!
//! Each function here takes typed inputs. [`json`] has the same functions over
//! `serde_json::Value` arguments; the wasm and Python bindings call only those, so a document gives
//! the same answer — or the same error code, path and message — everywhere.

pub use crate::assessment::{assess_strategies, estimate_recovery};

/// The contract over JSON values (what the bindings call).
pub mod json {
    use serde_json::Value;

    use crate::error::{Error, ErrorCode, Issue};
    use crate::json::{from_value, to_value};

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

    /// Call a contract function by its snake_case name with positional JSON arguments (what the
    /// golden vectors and generic tooling use).
    pub fn call(function: &str, args: Vec<Value>) -> Result<Value, Error> {
        let mut args = args.into_iter();
        let mut next = || args.next().unwrap_or(Value::Null);
        match function {
            "assess_strategies" => assess_strategies(next(), next()),
            "estimate_recovery" => estimate_recovery(next(), next()),
            "default_price_book" => crate::pricing::default_price_book_json(),
            "price_book" => crate::pricing::price_book_json(next()),
            "backup_cost" => crate::cost::backup_cost_json(next(), next(), next()),
            "s3_lifecycle_cost" => crate::cost::s3_lifecycle_cost_json(next(), next(), next()),
            "cheapest_s3_lifecycle" => crate::cost::cheapest_s3_lifecycle_json(next(), next()),
            "optimize_cold_transition" => {
                crate::cost::optimize_cold_transition_json(next(), next())
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
