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
//!
//! The rest of this page is the repository's `ARCHITECTURE.md`: the map of the code.
//!
#![doc = include_str!("../../ARCHITECTURE.md")]
#![warn(unnameable_types)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod api;
mod assessment;
mod backup;
mod boundary;
mod budget;
mod controls;
mod cost;
mod error;
mod estate;
mod inventory;
mod migration;
mod policy;
mod pricing;
mod provenance;
mod recovery;
mod retention;
mod rng;
mod schedule;
mod simulation;
mod strategy;
mod translate;
mod units;
mod workload;

/// The README's Rust tour, compiled and run as a doctest.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

// The contract functions (typed), their table (`FUNCTIONS`, `for_each_function!`) and the
// contract over JSON values (`json`, what the bindings call).
pub use api::*;
// Foundations: errors, units, provenance.
pub use error::{Error, ErrorCode, Issue, Severity};
pub use provenance::{Basis, Fact};
pub use units::{Bps, Gib, Seconds};
// Questions 1 and 2: a workload, its recovery under each strategy, the assessment against a policy.
pub use assessment::{Assessment, StrategyAssessment, StrategyBackupPlan, TargetCheck};
pub use policy::{
    Policy, ResilienceHubPolicy, RhFailurePolicy, RhPolicyMap, RhTier, Target, Targets,
};
pub use recovery::{
    Adoption, AutomationEffect, Binding, BindingTerm, ComponentRpo, CostItem, Disruption,
    DisruptionEstimate, Drill, DrillComparison, DrillPhases, DrillTerm, IntervalComparison,
    MonthlyCost, Phase as TimelinePhase, RecoveryEstimate, RtoComparison, Runbook, RunbookCheck,
    RunbookStep, Term, TermNote,
};
pub use strategy::{AutomationInForce, ComponentMechanisms, Strategy, StrategySpec};
pub use workload::{
    Automation, Backups as WorkloadBackups, Component, Compute, Database, Engine as DatabaseEngine,
    Mechanism, ObjectStorage, Operations as WorkloadOperations, Routing, StepMode, Topology,
    Workload,
};
// Question 3: AWS Backup plans, schedules, simulation, controls, cost, retention.
pub use backup::restore_testing::{
    ExportedRestoreTesting, ParsedRestoreTesting, ProtectedResourceConditions,
    RecoveryPointSelection as RestoreTestingRecoveryPointSelection, ResourceCondition,
    RestoreTestingDocument, RestoreTestingExportShape, RestoreTestingLint, RestoreTestingPlan,
    RestoreTestingSelection, RestoreTestingShape,
};
pub use backup::{
    AdvancedBackupSetting, BackupPlan, BackupRule, BackupSelection, BackupVault, ConditionKeyValue,
    CopyAction, DocumentFormat, ExportNote, ExportShape, ExportedPlan, IndexAction, Lifecycle,
    LintReport, LockMode, ParsedPlan, PlanShape, ScanAction, ScanSetting, SelectionConditions,
    SourceMap, TagCondition, VaultLock, VaultType,
};
pub use simulation::restore_testing::{
    ResourceTesting, RestoreTestingInput, RestoreTestingOptions, RestoreTestingSimulation,
    TestCost as RestoreTestCost, TestCostLine as RestoreTestCostLine,
    TestCoverage as RestoreTestCoverage, TestPick as RestoreTestPick, TestRun as RestoreTestRun,
    TypeTesting as RestoreTypeTesting,
};
pub use workload::restore_jobs::{
    MeasuredRestores, RestoreJob, RestoreJobList, RestoreTypeMeasure, Spread as MeasuredSpread,
};
// Where an issue's pointer sits in the document's text (line, column), for editors and SARIF.
pub use backup::import::position::{
    Located as LocatedPointer, Position as TextPosition, PositionMap,
    SyntaxError as TextSyntaxError, TextSyntax,
};
pub use controls::{
    ControlContext, ControlResult, ControlScope, ControlSpec, ControlStatus, Controls,
    ControlsReport, Evidence as ControlEvidence, ParamValue, ParameterUsed,
};
pub use cost::{
    AwsResourceType, BackupCost, BackupCostOptions, BreakEven, ColdCandidate, ColdRuleProfile,
    ColdSupport, ColdTransitionPlan, CopyOf, CostKind, CostLine, CostMonth,
    Granularity as CostGranularity, KindTotals, LifecycleComparison, PartialDays, PriceUsed,
    RecoveryPointLife, Repeat, ResourceType, RestoreCost, RestoreItem, RestoreTier, RetrievalTier,
    S3Class, S3CostLine, S3Lifecycle, S3LifecycleCost, S3LifecycleSearch, S3ObjectProfile, S3Read,
    S3SizeBucket, S3Transition, SteadyState, TransitionMinimumSize,
};
pub use estate::{
    synthetic_estate, DisruptionRollup, DocumentRead as EstateDocumentRead, Estate, EstateDefault,
    EstateDocument, EstateEvaluation, EstateOptions, EstatePlan, EstateRead, EstateReadOptions,
    EstateResource, EstateResourceRow, NativeProtection, PlanMatch, PlanSummary, ResourceRpo,
    Rollup as EstateRollup, ServiceOptIn, SyntheticSpec, TagRollup, UnprotectedCounts,
    UnprotectedReason,
};
pub use inventory::Band as InventoryBand;
pub use pricing::{
    AbsentPrice, Confidence as PriceConfidence, PriceBook, PriceBookInput, PriceEntry, PriceInput,
    PriceOverride, PriceUnit,
};
pub use retention::{
    Cadence as FootprintCadence, FlagDialect, FootprintResult, FootprintSample, FootprintSchedule,
    FootprintSteadyState, IgnoredToken, KeepCount, KeepReason, KeptSnapshot, ParsedFlags,
    RawCadence as FootprintCadenceInput, ResticCliVersion, RetentionMode, RetentionPolicy,
    RetentionResult, Rule as KeepRule, Snapshot, SnapshotTime, StorageTier, WithinWindow,
};
pub use schedule::{
    schedule_run_columns, AwsCron, CronSummary, DstAdjustment, DstGapPolicy, DstPolicyInfo,
    Run as CronRun, Runs as CronRuns, Schedule, ScheduleColumns, ScheduleOptions, ScheduleRun,
    ScheduleRuns, SummaryOptions, WindowInfo, DST_CODES as SCHEDULE_DST_CODES,
};
pub use simulation::{
    ChangeRate, CopySource, CorruptionDetail, CoverageTier, DisruptionRpo, Inventory,
    InventorySeries, InventorySteadyState, Name as RecordName, OverlapMode, PlanOrDocument,
    PointRecord, PointRepeat, PointSeries, Resource, ResourceReport, RuleReport, SeriesKind,
    Simulation, SimulationAssumption, SimulationOptions, StartTiming, SteadyBand,
};
pub use translate::{
    RuleMapping, TranslateDirection, TranslateOptions, TranslateSource, Translation,
    TranslationSimulation,
};
// Question 4: moving a database to RDS/Aurora.
pub use migration::{
    Assumption as MigrationAssumption, BinlogFormat, BinlogRowImage, Capacity as MigrationCapacity,
    Check as MigrationCheck, Constraints as MigrationConstraints, ConversionTool,
    Cost as MigrationCost, DbEngine, EstimateSummary, EstimateTerm, ExcludedPath, Exclusion,
    Family as MigrationFamily, Item as MigrationItem, Kind as MigrationKind, LinkKind,
    Location as MigrationLocation, MigrationCostLine, MigrationPhase, MigrationReport,
    MigrationScenario, MigrationTarget, Network as MigrationNetwork, NetworkTransfer,
    Note as MigrationNote, Options as MigrationOptions, Overrides as MigrationOverrides, PathId,
    PathPlan, PathWarning, PhaseKind, Placement as MigrationPlacement,
    Preference as MigrationPreference, Prices as MigrationPrices, ReasonCode, Reference,
    SchemaConversion, SchemaConversionInput, Service as MigrationService,
    Source as MigrationSource, Status as MigrationAssumptionStatus, StorageEngine, WalLevel,
};
