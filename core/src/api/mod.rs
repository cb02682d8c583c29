//! The public contract: the functions every surface calls one-to-one.
//!
//! Each function here takes typed inputs. [`json`] has the same functions over
//! `serde_json::Value` arguments; the wasm and Python bindings call only those, so a document gives
//! the same answer — or the same error code, path and message — everywhere.
//!
//! The list of contract functions is written once, in [`for_each_function!`](crate::for_each_function):
//! [`json::call`], [`FUNCTIONS`], the wasm exports and the Python functions are generated from it.

pub use crate::assessment::{
    assess_strategies, compare_drill, estimate_recovery, recovery_runbook,
};
pub use crate::backup::restore_testing::{
    export_restore_testing_plan, lint_restore_testing_plan, parse_restore_testing_plan,
    validate_restore_testing_plan,
};
pub use crate::backup::{
    export_backup_plan, lint_backup_plan, parse_backup_plan, validate_backup_plan,
};
pub use crate::controls::check_controls;
pub use crate::cost::{
    backup_cost, cheapest_s3_lifecycle, optimize_cold_transition, s3_lifecycle_cost,
};
pub use crate::estate::{evaluate_estate, read_estate};
pub use crate::migration::select_migration_path;
pub use crate::pricing::{default_price_book, price_book};
pub use crate::retention::{
    apply_retention, apply_retention_times, parse_retention_flags, retention_footprint,
};
pub use crate::schedule::{cron_summary, schedule_runs};
pub use crate::simulation::restore_testing::simulate_restore_testing;
pub use crate::simulation::simulate_backup_plan;
pub use crate::translate::translate_retention;
pub use crate::units::human_duration;
pub use crate::workload::restore_jobs::measure_restores;

/// One contract function as [`for_each_function!`](crate::for_each_function) lists it: what the
/// generated files (Python package exports and stubs, the README's contract table) are written from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FunctionInfo {
    /// The `snake_case` name: Rust, Python and [`json::call`].
    pub name: &'static str,
    /// The `camelCase` name of the wasm export.
    pub js_name: &'static str,
    /// The positional arguments, in order.
    pub args: &'static [ArgInfo],
    /// The TypeScript type of the result.
    pub returns: &'static str,
    /// The Python type of the result (in the stubs).
    pub py_returns: &'static str,
    /// The one-line doc of every binding.
    pub doc: &'static str,
    /// What goes in, in words (the README's contract table).
    pub inputs: &'static str,
    /// What comes out, in words (the README's contract table).
    pub outputs: &'static str,
}

/// One argument of a [`FunctionInfo`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArgInfo {
    /// The name errors give as the issue's `input`, and the JS parameter name.
    pub name: &'static str,
    /// The Python parameter name (`name` with a trailing `_` where `name` is a Python keyword).
    pub py_name: &'static str,
    /// The TypeScript type.
    pub ts_type: &'static str,
    /// The Python type (in the stubs).
    pub py_type: &'static str,
    /// Whether Python may leave it out (it defaults to `None`; JS passes `null` or `undefined`).
    pub optional: bool,
}

macro_rules! function_infos {
    ($(
        #[doc = $doc:tt]
        fn $name:ident / $js:ident (
            $($arg:ident $(as $json:tt)? : $ts:tt => $py:tt $(= $default:ident)?),* $(,)?
        ) -> $ret:tt => $pyret:tt,
        json $jcall:tt,
        in $in:tt,
        out $out:tt;
    )*) => {
        &[$(FunctionInfo {
            name: stringify!($name),
            js_name: stringify!($js),
            args: &[$(ArgInfo {
                name: $crate::__contract_arg!(name $arg $(as $json)?),
                py_name: stringify!($arg),
                ts_type: $ts,
                py_type: $py,
                optional: $crate::__contract_arg!(optional $($default)?),
            }),*],
            returns: $ret,
            py_returns: $pyret,
            doc: $doc,
            inputs: $in,
            outputs: $out,
        }),*]
    };
}

/// The table of contract functions: the one list every surface is generated from.
///
/// `drplan::for_each_function!(callback)` expands to `callback! { rows }`, each row:
///
/// ```text
/// #[doc = "One-line doc (the JSDoc of the typings, the Python docstring)."]
/// fn snake_name / camelName(
///     arg: "TypeScript type" => "Python type",
///     py_arg as "name": "…" => "…",        // Python spells the argument `py_arg`, errors `name`
///     opt_arg: "T | null" => "Optional[T]" = None,  // Python may leave it out
/// ) -> "TypeScript result" => "Python result",
/// json { $crate::domain::snake_name(&arg, py_arg, Option::<String>::as_deref(&opt_arg)) },
/// in "the README's in column",
/// out "the README's out column";
/// ```
///
/// (The doc is an attribute, not a `///` comment: passed through a macro, a doc comment becomes a
/// raw string, which wasm-bindgen would copy into the typings as written.)
///
/// The `json { … }` clause is the JSON twin in one line: the call of the typed function, each
/// argument named as in the row and passed as the typed function takes it (`&arg`, `arg`,
/// `Vec::as_slice(&arg)`, `String::as_str(&arg)`, `Option::<String>::as_deref(&arg)`: the
/// argument's type is inferred from the call, so a borrow that needs a conversion names it).
/// The twin reads each argument, in order, with [`api::json::FromArg`](crate::api::json) —
/// `crate::boundary::from_value` under the argument's name unless its type reads otherwise (a price
/// book: `null` = the default; vaults or selections: `null` = none) — and serializes the
/// result. `json custom` marks the few twins written out in `core/src/api/json.rs` (each says
/// why there: a document as text or object, arguments whose problems are reported together,
/// options that say how to read another argument, notes from reading an argument).
///
/// From it: [`api::json::call`](crate::api::json::call), the JSON twins and
/// [`api::FUNCTIONS`](crate::api::FUNCTIONS) (core), every wasm export (`wasm/src/lib.rs`),
/// every Python function and its registration (`python/src/lib.rs`); from `FUNCTIONS`, by
/// `make contract`: the export lists of `python/drplan/__init__.py`, the functions of
/// `python/drplan/_native.pyi` and the README's contract table (the `it` test binary fails when
/// those files are stale).
///
/// Adding a contract function:
/// 1. write the typed function in its domain module (inputs that deserialize, or a
///    [`FromArg`](crate::api::json) reading for a new argument type) and re-export it in
///    [`crate::api`];
/// 2. add its row here, with its `json { … }` call (TypeScript types the wasm package's typings
///    know, Python types for the stubs);
/// 3. add its tests (unit tests, a golden vector under `tests/golden/`), run `make contract` and
///    commit the regenerated files.
#[macro_export]
macro_rules! for_each_function {
    ($callback:ident) => {
        $callback! {
            #[doc = "Assess every DR strategy for a workload against a resiliency policy (drplan's shape or an AWS Resilience Hub policy); returns per-strategy RPO/RTO breakdowns, costs and the cheapest compliant strategy."]
            fn assess_strategies / assessStrategies(
                workload: "Workload" => "Mapping[str, Any]",
                policy: "Policy | ResilienceHubPolicy" => "Mapping[str, Any]",
            ) -> "Assessment" => "Dict[str, Any]",
            json custom,
            in "workload, policy (drplan or Resilience Hub shape)",
            out "per strategy: RPO/RTO per disruption with breakdowns and timelines, target checks, monthly cost (standby lines, then backup lines), the AWS Backup plan it was assessed with (`backup_plan`: plan, resources, options, to replay with `simulate_backup_plan` and `backup_cost`); cheapest compliant or closest";

            #[doc = "RPO/RTO breakdowns, timelines and standby cost of one strategy."]
            fn estimate_recovery / estimateRecovery(
                workload: "Workload" => "Mapping[str, Any]",
                strategy: "Strategy | StrategySpec" => "Union[str, Mapping[str, Any]]",
            ) -> "RecoveryEstimate" => "Dict[str, Any]",
            json { $crate::assessment::estimate_recovery(&workload, strategy) },
            in r#"workload, strategy (`"pilot_light"` or `{"strategy": "warm_standby", "standby_scale": 0.5}`)"#,
            out "RPO/RTO breakdowns, timelines, monthly cost, the defaults it assumed; not the backup plan used (`assess_strategies` carries it)";

            #[doc = "Compare a recovery drill (timestamps of its phases) with one strategy's predicted RTO breakdown of the disruption it exercised, term by term, and list the workload fields that would make the model match it."]
            fn compare_drill / compareDrill(
                workload: "Workload" => "Mapping[str, Any]",
                strategy: "Strategy | StrategySpec" => "Union[str, Mapping[str, Any]]",
                disruption: "Disruption" => "str",
                drill: "Drill" => "Mapping[str, Any]",
            ) -> "DrillComparison" => "Dict[str, Any]",
            json { $crate::assessment::compare_drill(&workload, strategy, disruption, &drill) },
            in "workload, strategy, disruption, drill (`{disruption, phases: {disrupted, detected, escalated, declared, failover_started, data_restored, traffic_shifted, validated}, notes}`, RFC 3339 timestamps)",
            out "each recorded interval against the predicted terms it measures (observed, predicted, difference, ratio), terms not measured, the RTO observed vs predicted, and `adopt`: the workload fields (`{path, value, from}`) that make the model match the drill";

            #[doc = "One strategy's recovery from one disruption as a runbook: steps in order, what each waits for, its duration with the facts behind it, who performs it and the checks that close it; also as Markdown."]
            fn recovery_runbook / recoveryRunbook(
                workload: "Workload" => "Mapping[str, Any]",
                strategy: "Strategy | StrategySpec" => "Union[str, Mapping[str, Any]]",
                disruption: "Disruption" => "str",
            ) -> "Runbook" => "Dict[str, Any]",
            json { $crate::assessment::recovery_runbook(&workload, strategy, disruption) },
            in "workload, strategy, disruption (`az`, `region`, `corruption`, `account_compromise`)",
            out "the recovery timeline as steps (waits for, duration with basis and source, manual/automated/AWS, checks with their sources) and the same runbook as deterministic Markdown";

            #[doc = "Read an AWS Backup plan in any shape (CLI JSON, CloudFormation JSON/YAML, Organizations policy)."]
            fn parse_backup_plan / parseBackupPlan(
                document: "string | object" => "Union[str, Mapping[str, Any]]",
            ) -> "ParsedPlan" => "Dict[str, Any]",
            json custom,
            in "JSON/YAML text (or object) in any AWS shape",
            out "normalized plans, selections, vaults + issues with paths into the original";

            #[doc = "Read AWS CLI exports (AWS Backup, tagging, Config, RDS, DynamoDB, EC2, EFS, Organizations) into one estate: resources merged by ARN, plans with their selections, service opt-in; notes and issues say what was read, ignored or missing."]
            fn read_estate / readEstate(
                documents: "EstateDocument[]" => "Sequence[Mapping[str, Any]]",
                options: "EstateReadOptions | null" => "Optional[Mapping[str, Any]]" = None,
            ) -> "EstateRead" => "Dict[str, Any]",
            json { $crate::estate::read_estate(Vec::<$crate::EstateDocument>::as_slice(&documents), &Option::<$crate::EstateReadOptions>::unwrap_or_default(options)) },
            in "documents (`{name, content}`: JSON text or value; `account`, `region`, `subject` where the export does not say), options? (`account`, `region`)",
            out "the estate (plans with selections, accounts and Regions; resources by ARN with type, account, Region, tags, size, native protection; opt-in), each document's shape and notes, what is missing, issues (unknown shapes, conflicting facts)";

            #[doc = "Every AWS rule checked on a normalized plan (with vaults and selections): all issues at once."]
            fn validate_backup_plan / validateBackupPlan(
                plan: "BackupPlan" => "Mapping[str, Any]",
                vaults: "BackupVault[] | null" => "Optional[Sequence[Mapping[str, Any]]]" = None,
                selections: "BackupSelection[] | null" => "Optional[Sequence[Mapping[str, Any]]]" = None,
            ) -> "Issue[]" => "List[Dict[str, Any]]",
            json { Ok($crate::backup::validate_backup_plan(&plan, OrEmpty::get(&vaults), OrEmpty::get(&selections))) },
            in "plan, vaults?, selections?",
            out "every issue at once (hard API rules are errors, heuristics warnings)";

            #[doc = "Parse and validate every plan in a document; issue paths point into the original text."]
            fn lint_backup_plan / lintBackupPlan(
                document: "string | object" => "Union[str, Mapping[str, Any]]",
            ) -> "LintReport" => "Dict[str, Any]",
            json custom,
            in "document",
            out "parse + validate every plan in it";

            #[doc = "Write a normalized plan as create-backup-plan input or CloudFormation (JSON or YAML)."]
            fn export_backup_plan / exportBackupPlan(
                plan: "BackupPlan" => "Mapping[str, Any]",
                shape: "ExportShape" => "str",
            ) -> "ExportedPlan" => "Dict[str, Any]",
            json custom,
            in "plan, shape (`create_backup_plan_input`, `backup_plan_document`, `cloudformation_json`, `cloudformation_yaml`)",
            out "`{shape, text, not_exported, placeholders}`: what the shape cannot carry is listed, never dropped; import → export → import is the identity";

            #[doc = "Read an AWS Backup restore testing plan or selection in any shape (CLI JSON, CloudFormation JSON/YAML)."]
            fn parse_restore_testing_plan / parseRestoreTestingPlan(
                document: "string | object" => "Union[str, Mapping[str, Any]]",
            ) -> "ParsedRestoreTesting" => "Dict[str, Any]",
            json custom,
            in "JSON/YAML text (or object): get-restore-testing-plan/-selection output, create inputs, CloudFormation",
            out "normalized restore testing plans and selections + issues with paths into the original";

            #[doc = "Every AWS rule checked on a normalized restore testing plan and its selections: all issues at once."]
            fn validate_restore_testing_plan / validateRestoreTestingPlan(
                plan: "RestoreTestingPlan | null" => "Optional[Mapping[str, Any]]",
                selections: "RestoreTestingSelection[] | null" => "Optional[Sequence[Mapping[str, Any]]]" = None,
            ) -> "Issue[]" => "List[Dict[str, Any]]",
            json { Ok($crate::backup::restore_testing::validate_restore_testing_plan(Option::<$crate::backup::restore_testing::RestoreTestingPlan>::as_ref(&plan), OrEmpty::get(&selections))) },
            in "plan (or null for selections alone), selections?",
            out "every issue at once (hard API rules are errors, unconfirmed ones warnings)";

            #[doc = "Parse and validate a restore testing document; issue paths point into the original text."]
            fn lint_restore_testing_plan / lintRestoreTestingPlan(
                document: "string | object" => "Union[str, Mapping[str, Any]]",
            ) -> "RestoreTestingLint" => "Dict[str, Any]",
            json custom,
            in "document",
            out "parse + validate every restore testing plan and selection in it";

            #[doc = "Write a restore testing plan and its selections as create inputs or CloudFormation (JSON or YAML)."]
            fn export_restore_testing_plan / exportRestoreTestingPlan(
                plan: "RestoreTestingPlan" => "Mapping[str, Any]",
                selections: "RestoreTestingSelection[] | null" => "Optional[Sequence[Mapping[str, Any]]]",
                shape: "RestoreTestingExportShape" => "str",
            ) -> "ExportedRestoreTesting" => "Dict[str, Any]",
            json { $crate::backup::restore_testing::export_restore_testing_plan(&plan, OrEmpty::get(&selections), shape) },
            in "plan, selections, shape (`create_inputs`, `cloudformation_json`, `cloudformation_yaml`)",
            out "`{shape, documents: [{kind, name, text}]}`; import → export → import is the identity";

            #[doc = "A restore testing plan run against a simulated backup plan: each test run's picks, how often each resource and type is tested, what is never tested and why, and the tests' cost."]
            fn simulate_restore_testing / simulateRestoreTesting(
                testing: "RestoreTestingInput | string | object" => "Any",
                plan: "BackupPlan | string" => "Any",
                resources: "Resource[] | null" => "Any",
                options: "RestoreTestingOptions" => "Any",
                book: "PriceBookInput | null" => "Any" = None,
            ) -> "RestoreTestingSimulation" => "Dict[str, Any]",
            json custom,
            in "restore testing (document or `{plan, selections}`), backup plan (normalized or any document), resources, options (start, horizon, seed), price book?",
            out "runs with the recovery point picked per resource, tests per resource and type, coverage over time, never-tested resources with the reason, test cost (unpriced lines named, never zero)";

            #[doc = "Restore duration and throughput per resource type from `aws backup list-restore-jobs` output: the measured input `estimate_recovery` and `assess_strategies` use as `workload.measured_restores`."]
            fn measure_restores / measureRestores(
                jobs: "RestoreJobList" => "Mapping[str, Any]",
            ) -> "MeasuredRestores" => "Dict[str, Any]",
            json { $crate::workload::restore_jobs::measure_restores(&jobs) },
            in "`{\"RestoreJobs\": [{ResourceType, Status, CreationDate, CompletionDate, BackupSizeInBytes, …}]}`",
            out "per type: jobs, date range, duration and throughput p50/p90/min/max, the planning throughput (slow tail); jobs skipped with the reason";

            #[doc = "Expand an AWS Backup cron expression (`cron(m h dom mon dow year)`) into run instants in an IANA time zone, with start/completion windows."]
            fn schedule_runs / scheduleRuns(
                expression: "any" => "str",
                time_zone: "string | null" => "Optional[str]",
                from_ as "from": "string" => "str",
                until: "string | null" => "Optional[str]" = None,
                limit: "number | null" => "Optional[int]" = None,
                options: "ScheduleOptions | null" => "Optional[Mapping[str, Any]]" = None,
            ) -> "ScheduleRuns" => "Dict[str, Any]",
            json custom,
            in "cron, time zone, from, until?, limit?, options?",
            out "run instants (UTC and local) with start/completion windows and DST handling";

            #[doc = "Interval statistics of a cron expression over a year (min/max gap: the worst-case interval)."]
            fn cron_summary / cronSummary(
                expression: "any" => "str",
                time_zone: "string | null" => "Optional[str]",
                from_ as "from": "string" => "str",
                options: "ScheduleOptions | null" => "Optional[Mapping[str, Any]]" = None,
            ) -> "CronSummary" => "Dict[str, Any]",
            json custom,
            in "cron, time zone, from, options?",
            out "min/max/typical gap over a year: the worst-case backup interval";

            #[doc = "Every recovery point a plan creates over a horizon: inventory per vault, Region and tier with the steady state, worst-case and typical RPO per disruption, restore-point coverage."]
            fn simulate_backup_plan / simulateBackupPlan(
                plan: "BackupPlan | string" => "Any",
                resources: "Resource[] | null" => "Any" = None,
                options: "SimulationOptions | null" => "Any" = None,
            ) -> "Simulation" => "Dict[str, Any]",
            json custom,
            in "plan (normalized or any document), resources (type, size, daily change, Region…), options (start, horizon, sampling, copy lag, corruption time, selections, vaults)",
            out "every recovery point and copy with its warm → cold → deleted life, the inventory per vault/Region/tier over time with its steady state, RPO per disruption with its terms, restore-point coverage in words; `recovery_points` + `chain_bases` are `backup_cost`'s input as they are";

            #[doc = "AWS Backup Audit Manager controls judged offline, pass/fail with evidence, plus DR lint."]
            fn check_controls / checkControls(
                plan: "BackupPlan | string" => "Any",
                selections: "BackupSelection[] | null" => "Any" = None,
                vaults: "BackupVault[] | null" => "Any" = None,
                controls: "unknown" => "Any" = None,
                context: "unknown" => "Any" = None,
            ) -> "ControlsReport" => "Dict[str, Any]",
            json custom,
            in "plan, selections?, vaults?, controls? (AWS `FrameworkControls` or names with parameters), context (resources, now)",
            out "the AWS Backup Audit Manager controls that can be judged offline, pass/fail with evidence, plus DR lint (no PITR, replicas or Multi-AZ as backup, no cross-Region or isolated copy, no restore testing)";

            #[doc = "Which snapshots a keep-policy keeps (restic 0.14, restic 0.16+, borg 1.2 or AWS Backup lifecycle semantics) and the rule(s) that kept each one."]
            fn apply_retention / applyRetention(
                snapshots: "Snapshot[]" => "Sequence[Any]",
                policy: "RetentionPolicy" => "Mapping[str, Any]",
                mode: "RetentionMode" => "str",
                now: "SnapshotTime" => "Union[str, int]",
                time_zone: "string | null" => "Optional[str]" = None,
            ) -> "RetentionResult" => "Dict[str, Any]",
            json { $crate::retention::apply_retention(Vec::as_slice(&snapshots), &policy, mode, now, Option::<String>::as_deref(&time_zone)) },
            in "snapshots (epoch seconds, RFC 3339 strings or `{time, tags?, id?, checkpoint?}`), policy, mode (`restic-0.14`, `restic-0.16+`, `borg-1.2`, `aws-backup-lifecycle`), now, time zone",
            out "kept (with the rule(s) that kept each) and the removed input indices; in Python a plain list of ints or strings skips the JSON boundary (1M snapshots ≈ 0.1 s)";

            #[doc = "Read restic or borg keep flags (`--keep-daily 7 --keep-within 2d`) into a policy."]
            fn parse_retention_flags / parseRetentionFlags(
                text: "string" => "str",
                dialect: "FlagDialect" => "str",
            ) -> "ParsedFlags" => "Dict[str, Any]",
            json { $crate::retention::parse_retention_flags(String::as_str(&text), dialect) },
            in r#"`"--keep-daily 7 --keep-within 2d"`, `restic`/`borg`"#,
            out "a policy";

            #[doc = "Snapshots held over time under a backup cadence and a keep-policy, and the steady state."]
            fn retention_footprint / retentionFootprint(
                cadence: "Cadence" => "Mapping[str, Any]",
                policy: "RetentionPolicy" => "Mapping[str, Any]",
                mode: "RetentionMode" => "str",
                start: "SnapshotTime" => "Union[str, int]",
                horizon: "Seconds" => "Union[str, float]",
                time_zone: "string | null" => "Optional[str]" = None,
            ) -> "FootprintResult" => "Dict[str, Any]",
            json { $crate::retention::retention_footprint(&cadence, &policy, mode, start, horizon, Option::<String>::as_deref(&time_zone)) },
            in r#"cadence (`{"interval_seconds": "1d"}` or `{"cron": "cron(0 5 ? * MON-FRI *)", "time_zone": "Europe/Berlin"}`), policy, mode, start, horizon, time zone"#,
            out "snapshots held over time (sampled by the same inventory code as the plan simulation) and the steady state; for a cron, its gaps and DST-moved runs";

            #[doc = "A keep-policy as the closest AWS Backup plan, or a plan as the closest keep-policy, with what cannot match and how many points differ over a simulated year."]
            fn translate_retention / translateRetention(
                source: "TranslateSource" => "Any",
                options: "TranslateOptions | null" => "Any" = None,
            ) -> "Translation" => "Dict[str, Any]",
            json custom,
            in "a keep-policy or a normalized plan, options (direction, mode, simulate_from…)",
            out "the closest AWS Backup plan for a keep-policy (or back), what cannot match, and the points that differ over a simulated year";

            #[doc = "The embedded default price book (us-east-1; every entry dated and sourced; unconfirmed prices absent)."]
            fn default_price_book / defaultPriceBook() -> "PriceBook" => "Dict[str, Any]",
            json { Ok($crate::pricing::default_price_book()) },
            in "—",
            out "the embedded us-east-1 book (every price sourced, dated or marked undated, with confidence; unconfirmed prices absent)";

            #[doc = "The embedded price book of the given Region (its own prices where drplan has them, us-east-1 prices otherwise) with your overrides applied (unknown keys are errors)."]
            fn price_book / priceBook(
                book: "PriceBookInput" => "Any",
            ) -> "PriceBook" => "Dict[str, Any]",
            json { Ok(Book::into_inner(book)) },
            in "partial overrides",
            out "the embedded book of its Region (us-east-1 prices where the Region has none) with the overrides applied";

            #[doc = "Month-by-month bill of a set of recovery points: storage per tier, early deletion, transfer, restores; steady state."]
            fn backup_cost / backupCost(
                points: "RecoveryPointLife[]" => "Any",
                book: "PriceBookInput | null" => "Any" = None,
                options: "BackupCostOptions | null" => "Any" = None,
            ) -> "BackupCost" => "Dict[str, Any]",
            json { $crate::cost::backup_cost(Points::get(&points), Book::get(&book), CostOptions::get(&options)) },
            in "recovery-point lifecycles, book?, options?",
            out "month-by-month bill by tier, vault, Region; early deletion, transfer, restores; steady state";

            #[doc = "Cost of an S3 lifecycle for an object-size distribution and access pattern."]
            fn s3_lifecycle_cost / s3LifecycleCost(
                object_profile: "S3ObjectProfile" => "Any",
                lifecycle: "S3Lifecycle" => "Any",
                book: "PriceBookInput | null" => "Any" = None,
            ) -> "S3LifecycleCost" => "Dict[str, Any]",
            json { $crate::cost::s3_lifecycle_cost(&object_profile, &lifecycle, Book::get(&book)) },
            in "object profile, lifecycle, book?",
            out "the cost of a lifecycle";

            #[doc = "The cheapest legal S3 lifecycle for an object profile, with the comparison table."]
            fn cheapest_s3_lifecycle / cheapestS3Lifecycle(
                object_profile: "S3ObjectProfile" => "Any",
                book: "PriceBookInput | null" => "Any" = None,
            ) -> "S3LifecycleSearch" => "Dict[str, Any]",
            json { $crate::cost::cheapest_s3_lifecycle(&object_profile, Book::get(&book)) },
            in "object profile, book?",
            out "the cheapest legal lifecycle";

            #[doc = "The cold-transition day that minimizes a rule's steady-state cost, with the break-even in words."]
            fn optimize_cold_transition / optimizeColdTransition(
                rule_profile: "ColdRuleProfile" => "Any",
                book: "PriceBookInput | null" => "Any" = None,
            ) -> "ColdTransitionPlan" => "Dict[str, Any]",
            json { $crate::cost::optimize_cold_transition(&rule_profile, Book::get(&book)) },
            in "rule profile, book?",
            out "the cold-transition day that minimizes steady-state cost, with the break-even in words";

            #[doc = "Every resource of an organization against every backup plan: which plans select it (scope and opt-in honoured), worst RPO per disruption, monthly bill, and roll-ups by account, Region, type and tag."]
            fn evaluate_estate / evaluateEstate(
                estate: "Estate" => "Mapping[str, Any]",
                book: "PriceBookInput | null" => "Any" = None,
                options: "EstateOptions | null" => "Any" = None,
            ) -> "EstateEvaluation" => "Dict[str, Any]",
            json { $crate::estate::evaluate_estate(&estate, Book::get(&book), &Option::<$crate::estate::EstateOptions>::unwrap_or_default(options)) },
            in "estate (plans with selections, accounts and Regions; resources with tags, sizes, native protection; opt-in), book?, options (summary_only, horizon, as_of, tag keys, default size)",
            out "per resource: the plans and rules that select it or why none does, worst RPO per disruption (AZ, Region, corruption, account), native protection, monthly bill; roll-ups by account, Region, type and tag: counts, unprotected and why, protected twice and what it costs, worst RPOs, spend";

            #[doc = "Rank the feasible ways to move a database to RDS/Aurora and explain every excluded one."]
            fn select_migration_path / selectMigrationPath(
                scenario: "MigrationScenario" => "Mapping[str, Any]",
            ) -> "MigrationReport" => "Dict[str, Any]",
            json { $crate::migration::select_migration_path(&scenario) },
            in "migration scenario",
            out "ranked feasible paths with timelines + excluded paths with reasons";
        }
    };
}

/// Helpers for the rows of [`for_each_function!`](crate::for_each_function): an argument's name
/// (`arg` or `arg as "name"`) and whether it is optional (`= None`).
#[doc(hidden)]
#[macro_export]
macro_rules! __contract_arg {
    (name $arg:ident) => {
        stringify!($arg)
    };
    (name $arg:ident as $json:tt) => {
        $json
    };
    (optional) => {
        false
    };
    (optional $default:ident) => {
        true
    };
}

/// Every contract function, in the order of the README's contract table.
pub const FUNCTIONS: &[FunctionInfo] = for_each_function!(function_infos);

// After the macros, so the JSON layer names them without a path back through the crate root.
pub mod json;
