//! # drplan — disaster-recovery planning
//!
//! One pure-Rust core behind three surfaces (this crate, WebAssembly, Python). It answers:
//!
//! 1. what a disaster costs a workload — RPO and RTO per disruption type, as breakdowns;
//! 2. which DR strategy meets the targets at the least monthly cost;
//! 3. what an AWS Backup plan really does;
//! 4. how to move a database to RDS/Aurora.
//!
//! Every public entry point is in [`api`] (re-exported here); each takes typed inputs, and
//! [`api::json`] offers the same functions over `serde_json::Value` with the error codes and
//! JSON-pointer paths every surface shares.
//!
//! ```
//! use serde_json::json;
//! let workload: drplan::Workload = serde_json::from_value(json!({
//!     "name": "shop",
//!     "components": [
//!         {"kind": "relational_database", "name": "orders", "engine": "aurora_mysql",
//!          "size_gib": 200, "instance_hourly_usd": 0.29},
//!         {"kind": "compute", "name": "web", "instance_count": 4, "instance_hourly_usd": 0.0832}
//!     ]
//! }))?;
//! let policy: drplan::Policy = serde_json::from_value(json!({
//!     "targets": {"region": {"rto_seconds": "4h", "rpo_seconds": "1h"}}
//! }))?;
//! let report = drplan::assess_strategies(&workload, &policy)?;
//! // Backup & restore cannot meet a 1 h RPO with daily backups; pilot light can.
//! assert_eq!(report.cheapest_compliant, Some(drplan::Strategy::PilotLight));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

pub mod api;
pub mod assessment;
pub mod backup;
pub mod controls;
pub mod cost;
pub mod error;
pub mod inventory;
pub mod json;
pub mod migration;
pub mod policy;
pub mod pricing;
pub mod provenance;
pub mod recovery;
pub mod retention;
pub mod schedule;
pub mod simulation;
pub mod strategy;
pub mod translate;
pub mod units;
pub mod workload;

/// The README's Rust tour, compiled and run as a doctest.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

pub use api::*;
pub use assessment::{Assessment, StrategyAssessment, TargetCheck};
pub use backup::{
    export_backup_plan, lint_backup_plan, parse_backup_plan, validate_backup_plan, BackupPlan,
    BackupRule, BackupSelection, BackupVault, CopyAction, ExportShape, Lifecycle, LintReport,
    ParsedPlan, PlanShape, SourceMap, VaultLock,
};
pub use controls::{check_controls, ControlsReport};
pub use cost::{backup_cost, RecoveryPointLife};
pub use error::{Error, ErrorCode, Issue, Severity};
pub use migration::{select_migration_path, MigrationReport, MigrationScenario};
pub use policy::{Policy, ResilienceHubPolicy, Target, Targets};
pub use pricing::{default_price_book, PriceBook};
pub use provenance::{Basis, Fact};
pub use recovery::{Disruption, DisruptionEstimate, MonthlyCost, RecoveryEstimate, Term};
pub use simulation::{simulate_backup_plan, Simulation, SimulationOptions};
pub use strategy::{Strategy, StrategySpec};
pub use workload::Workload;
