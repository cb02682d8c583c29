//! The public contract: the functions every surface calls one-to-one.
//!
//! Each function here takes typed inputs. [`json`] has the same functions over
//! `serde_json::Value` arguments; the wasm and Python bindings call only those, so a document gives
//! the same answer — or the same error code, path and message — everywhere.

/// The contract over JSON values (what the bindings call).
pub mod json {
    use serde_json::Value;

    use crate::error::{Error, ErrorCode, Issue};

    /// Call a contract function by its snake_case name with positional JSON arguments (what the
    /// golden vectors and generic tooling use).
    pub fn call(function: &str, args: Vec<Value>) -> Result<Value, Error> {
        let mut args = args.into_iter();
        let mut next = || args.next().unwrap_or(Value::Null);
        match function {
            "schedule_runs" => {
                crate::schedule::schedule_runs_json(next(), next(), next(), next(), next(), next())
            }
            "cron_summary" => crate::schedule::cron_summary_json(next(), next(), next(), next()),
            _ => {
                let _ = next();
                Err(Error::new(
                    ErrorCode::InvalidInput,
                    format!("unknown function {function:?}"),
                    vec![Issue::error("unknown_function", "/function", format!("unknown function {function:?}"))],
                ))
            }
        }
    }
}
