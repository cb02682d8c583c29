//! # drplan — disaster-recovery planning
//!
//! One pure-Rust core behind three surfaces (this crate, WebAssembly, Python). It answers:
//!
//! 1. what a disaster costs a workload — RPO and RTO per disruption type, as breakdowns;
//! 2. which DR strategy meets the targets at the least monthly cost;
//! 3. what an AWS Backup plan really does;
//! 4. how to move a database to RDS/Aurora.
//!
//! Every public entry point is in [`api`]; each takes typed inputs, and [`api::json`] offers the
//! same functions over `serde_json::Value` with the error paths every surface shares.
//!
//! ```
//! let workload: drplan::Workload = serde_json::from_value(serde_json::json!({
//!     "name": "shop",
//!     "topology": "region_to_region",
//!     "components": [
//!         {"kind": "relational_database", "name": "orders", "engine": "aurora_mysql", "size_gib": 200},
//!         {"kind": "compute", "name": "web", "instance_count": 4, "instance_hourly_usd": 0.0832}
//!     ]
//! })).unwrap();
//! let policy: drplan::Policy = serde_json::from_value(serde_json::json!({
//!     "targets": {"region": {"rto_seconds": "4h", "rpo_seconds": "1h"}}
//! })).unwrap();
//! let report = drplan::assess_strategies(&workload, &policy).unwrap();
//! assert!(report.cheapest_compliant.is_some());
//! ```

pub mod api;
pub mod error;
pub mod json;
pub mod schedule;
pub mod units;

pub use api::*;
pub use error::{Error, ErrorCode, Issue, Severity};
