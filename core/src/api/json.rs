//! The contract over JSON values (what the bindings call).
//!
//! Every function here takes its arguments as `serde_json::Value`s, in the order of its row in
//! [`for_each_function!`](crate::for_each_function), and returns the typed result as a `Value`.
//! Most are generated from the row's `json { … }` clause: each argument is read with
//! `FromArg` (by default [`crate::boundary::from_value`] under the argument's name, so an error
//! names it as its `input`), in order, the first failure being the error; then the typed
//! function is called and its result serialized. The few whose row says `json custom` read their
//! arguments in a way no single typed call expresses; they are written out below, each with the
//! reason.

mod schedule;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::backup::{
    BackupPlan, BackupSelection, BackupVault, DocumentFormat, ExportShape, ExportedPlan,
};
use crate::boundary::{from_value, to_value, type_name};
use crate::controls::{ControlContext, Controls};
use crate::cost::{BackupCostOptions, RecoveryPointLife};
use crate::error::{join, Error, ErrorCode, Issue, Severity};
use crate::pricing::PriceBook;
use crate::retention::{RetentionMode, RetentionPolicy, RetentionResult, SnapshotTime};
use crate::simulation::{PlanOrDocument, Resource, SimulationOptions};
use crate::translate::{TranslateDirection, TranslateOptions, TranslateSource};

/// For a binding that converts its own values: JSON text read with the core's limits and errors,
/// and the JSON-pointer escaping of one path token.
pub use crate::boundary::{lone_surrogate_error, parse_text, scan_text, too_deep_error, MAX_DEPTH};
pub use crate::budget::{list_cap, list_over, ListCap};
pub use crate::error::pointer_token;
pub use custom::apply_retention_to;
pub use schedule::schedule_run_columns;

/// The JSON twins, from the table: for every row, the twin over JSON values (its answer a
/// `Value`) and, in [`with`], the same twin handing its typed answer to an [`Answer`] of the
/// caller's choosing; `call` (one match arm per contract function, each taking its arguments in
/// order, a missing one being `null`) both ways.
macro_rules! dispatch {
    ($(
        #[doc = $doc:tt]
        fn $name:ident / $js:ident (
            $($arg:ident $(as $json:tt)? : $ts:tt => $py:tt $(= $default:ident)?),* $(,)?
        ) -> $ret:tt => $pyret:tt,
        json $jcall:tt,
        in $in:tt,
        out $out:tt;
    )*) => {
        $(
            #[doc = concat!("[`", stringify!($name), "`](crate::api::", stringify!($name), ") over JSON: ", $doc)]
            pub fn $name($($arg: Value),*) -> Result<Value, Error> {
                with::$name(&AsValue, $($arg),*)
            }
        )*

        /// Call a contract function by its snake_case name with positional JSON arguments (what
        /// the golden vectors and generic tooling use).
        pub fn call(function: &str, args: Vec<Value>) -> Result<Value, Error> {
            with::call(&AsValue, function, args)
        }

        /// The JSON twins with the conversion of the answer left to the caller: each reads its
        /// arguments exactly as its twin over JSON values does (same answer, same errors) and
        /// hands the typed result to `answer` (e.g. a binding converting it straight to host
        /// objects, without a `Value` in between).
        pub mod with {
            #[allow(unused_imports)]
            use super::*;

            $(dispatch!(@twin $doc $name ($($arg (__contract_arg!(name $arg $(as $json)?))),*) $jcall);)*

            /// [`call`](super::call) with the answer converted by `answer`.
            pub fn call<A: Answer>(answer: &A, function: &str, args: Vec<Value>) -> Result<A::Out, Error> {
                let mut args = args.into_iter();
                let mut next = || args.next().unwrap_or(Value::Null);
                match function {
                    $(stringify!($name) => $name(answer, $(dispatch!(@next $arg next)),*),)*
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
    };
    (@twin $doc:tt $name:ident ($($arg:ident $input:tt),*) custom) => {
        pub use super::custom::$name;
    };
    (@twin $doc:tt $name:ident ($($arg:ident $input:tt),*) { $($call:tt)* }) => {
        #[doc = concat!("[`", stringify!($name), "`](crate::api::", stringify!($name), ") over JSON, the answer converted by `answer`: ", $doc)]
        pub fn $name<A: Answer>(answer: &A, $($arg: Value),*) -> Result<A::Out, Error> {
            $(
                crate::budget::check_list(stringify!($name), $input, &$arg)?;
                let $arg = FromArg::from_arg($input, $arg)?;
            )*
            ($($call)*).map(|out| answer.answer(&out))
        }
    };
    (@next $arg:ident $next:ident) => {
        $next()
    };
}

for_each_function!(dispatch);

// ---------------------------------------------------------------------------------------------
// Reading arguments, writing answers

/// How an argument of a generated JSON twin is read: `input` is its name (the issues' `input`).
/// Whatever deserializes is read with [`from_value`]; the few arguments read otherwise have a
/// type of their own here, which the row's call unwraps (`Book::get(&book)`).
pub(crate) trait FromArg: Sized {
    fn from_arg(input: &str, v: Value) -> Result<Self, Error>;
}

impl<T: DeserializeOwned> FromArg for T {
    fn from_arg(input: &str, v: Value) -> Result<Self, Error> {
        from_value(input, v)
    }
}

/// A list where `null` is none (vaults, selections).
pub(crate) struct OrEmpty<T>(Vec<T>);

impl<T> OrEmpty<T> {
    pub(crate) fn get(&self) -> &[T] {
        &self.0
    }
}

impl<T: DeserializeOwned> FromArg for OrEmpty<T> {
    fn from_arg(input: &str, v: Value) -> Result<Self, Error> {
        if v.is_null() {
            return Ok(OrEmpty(Vec::new()));
        }
        from_value(input, v).map(OrEmpty)
    }
}

/// A price book: a partial or whole book laid over the default (`null` = the default), with
/// precise paths for bad entries.
pub(crate) struct Book(PriceBook);

impl Book {
    pub(crate) fn get(&self) -> &PriceBook {
        &self.0
    }

    pub(crate) fn into_inner(self) -> PriceBook {
        self.0
    }
}

impl FromArg for Book {
    fn from_arg(input: &str, v: Value) -> Result<Self, Error> {
        crate::pricing::book_from_value(input, v).map(Book)
    }
}

/// Recovery points for `backup_cost`: at most [`crate::cost::MAX_POINTS`] records, counted
/// before any is read.
pub(crate) struct Points(Vec<RecoveryPointLife>);

impl Points {
    pub(crate) fn get(&self) -> &[RecoveryPointLife] {
        &self.0
    }
}

impl FromArg for Points {
    fn from_arg(input: &str, v: Value) -> Result<Self, Error> {
        if let Some(a) = v.as_array() {
            if a.len() > crate::cost::MAX_POINTS {
                return Err(Error::invalid(vec![Issue::error(
                    "too_many_points",
                    "",
                    format!(
                        "{} point records exceed the limit of {}",
                        a.len(),
                        crate::cost::MAX_POINTS
                    ),
                )
                .in_input(input)]));
            }
        }
        from_value(input, v).map(Points)
    }
}

/// `backup_cost`'s options: `null` is the defaults; a bad price in a Region's book gets its
/// precise path.
pub(crate) struct CostOptions(BackupCostOptions);

impl CostOptions {
    pub(crate) fn get(&self) -> &BackupCostOptions {
        &self.0
    }
}

impl FromArg for CostOptions {
    fn from_arg(input: &str, v: Value) -> Result<Self, Error> {
        if v.is_null() {
            return Ok(CostOptions(BackupCostOptions::default()));
        }
        if let Some(rp) = v.get("region_prices").and_then(Value::as_object) {
            for (region, book) in rp {
                crate::pricing::book_input_from_value(input, book.clone()).map_err(|e| {
                    let prefix = join("/region_prices", region);
                    Error::invalid(e.issues.into_iter().map(|i| i.under(&prefix)).collect())
                })?;
            }
        }
        from_value(input, v).map(CostOptions)
    }
}

/// What a JSON twin does with its typed answer: [`AsValue`] serializes it to a `Value` (the
/// twins over JSON values, the wasm package); a binding may convert it straight to its own
/// objects instead (the Python extension), with the same result as converting the `Value`.
pub trait Answer {
    /// The converted answer.
    type Out;
    /// Convert one typed answer.
    fn answer<T: Serialize>(&self, out: &T) -> Self::Out;
}

/// The answer as a `serde_json::Value` ([`crate::boundary::to_value`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct AsValue;

impl Answer for AsValue {
    type Out = Value;
    fn answer<T: Serialize>(&self, out: &T) -> Value {
        to_value(out)
    }
}

// ---------------------------------------------------------------------------------------------
// The twins written out (`json custom` in the table), generic over the [`Answer`]

mod custom {
    pub use super::schedule::{cron_summary, schedule_runs};
    use super::*;

    /// [`crate::api::apply_retention`] for a binding that has already read the snapshots as bare
    /// times (its fast path for a long list of epoch seconds or timestamps): the other arguments as
    /// JSON values, read and checked exactly as [`apply_retention`] reads them after the snapshots,
    /// so the answer and every error are the same; the result stays typed so the binding can convert
    /// it directly.
    pub fn apply_retention_to(
        times: &[SnapshotTime],
        policy: Value,
        mode: Value,
        now: Value,
        time_zone: Value,
    ) -> Result<RetentionResult, Error> {
        let policy: RetentionPolicy = FromArg::from_arg("policy", policy)?;
        let mode: RetentionMode = FromArg::from_arg("mode", mode)?;
        let now: SnapshotTime = FromArg::from_arg("now", now)?;
        let time_zone: Option<String> = FromArg::from_arg("time_zone", time_zone)?;
        crate::retention::apply_retention_times(times, &policy, mode, now, time_zone.as_deref())
    }

    /// [`crate::api::assess_strategies`] over JSON: `workload`, `policy` (drplan or Resilience Hub
    /// shape). Written out because a Resilience Hub policy is read with notes (how its targets were
    /// mapped) that head the assessment's issues.
    pub fn assess_strategies<A: Answer>(
        answer: &A,
        workload: Value,
        policy: Value,
    ) -> Result<A::Out, Error> {
        let w = from_value("workload", workload)?;
        let (p, notes) = crate::policy::policy_from_value(policy)?;
        let mut out = crate::assessment::assess_strategies(&w, &p)?;
        out.issues.splice(0..0, notes);
        Ok(answer.answer(&out))
    }

    /// Read a plan document argument: JSON or YAML text, or an already-decoded object.
    fn read_document(
        document: Value,
        bad_type: impl FnOnce(&Value) -> String,
    ) -> Result<crate::backup::ParsedPlan, Error> {
        match document {
            Value::String(text) => crate::backup::parse_backup_plan(&text),
            v @ Value::Object(_) => crate::backup::import::parse_value(&v, DocumentFormat::Json),
            other => Err(Error::invalid(vec![Issue::error(
                "invalid_type",
                "",
                bad_type(&other),
            )
            .in_input(crate::backup::import::INPUT)])),
        }
    }

    /// [`crate::api::parse_backup_plan`] over JSON: `document` is the text (JSON or YAML) or an
    /// already-decoded JSON object. Written out because the typed function takes text only.
    pub fn parse_backup_plan<A: Answer>(answer: &A, document: Value) -> Result<A::Out, Error> {
        let parsed = read_document(document, |other| {
            format!(
                "document must be a string (JSON or YAML text) or an object, not {}",
                type_name(other)
            )
        })?;
        Ok(answer.answer(&parsed))
    }

    /// [`crate::api::lint_backup_plan`] over JSON: `document` is the text or an already-decoded
    /// object. Written out because the typed function takes text only.
    pub fn lint_backup_plan<A: Answer>(answer: &A, document: Value) -> Result<A::Out, Error> {
        let parsed = read_document(document, |_| {
            "document must be a string (JSON or YAML text) or an object".to_owned()
        })?;
        Ok(answer.answer(&crate::backup::lint_parsed(parsed)))
    }

    /// Read a restore testing document argument: JSON or YAML text, or a decoded object.
    fn read_restore_testing(
        document: Value,
    ) -> Result<crate::backup::restore_testing::ParsedRestoreTesting, Error> {
        match document {
            Value::String(text) => {
                crate::backup::restore_testing::parse_restore_testing_plan(&text)
            }
            v @ Value::Object(_) => {
                crate::backup::import::restore_testing::parse_value(&v, DocumentFormat::Json)
            }
            other => Err(Error::invalid(vec![Issue::error(
                "invalid_type",
                "",
                format!(
                    "document must be a string (JSON or YAML text) or an object, not {}",
                    type_name(&other)
                ),
            )
            .in_input(crate::backup::import::INPUT)])),
        }
    }

    /// [`crate::api::parse_restore_testing_plan`] over JSON: `document` is the text or a decoded
    /// object. Written out because the typed function takes text only.
    pub fn parse_restore_testing_plan<A: Answer>(
        answer: &A,
        document: Value,
    ) -> Result<A::Out, Error> {
        Ok(answer.answer(&read_restore_testing(document)?))
    }

    /// [`crate::api::lint_restore_testing_plan`] over JSON: `document` is the text or a decoded
    /// object. Written out because the typed function takes text only.
    pub fn lint_restore_testing_plan<A: Answer>(
        answer: &A,
        document: Value,
    ) -> Result<A::Out, Error> {
        let parsed = read_restore_testing(document)?;
        Ok(answer.answer(&crate::backup::restore_testing::lint_parsed(parsed)))
    }

    /// [`crate::api::simulate_restore_testing`] over JSON: `testing` is a restore testing
    /// document (text or object; `options.plan_name` picks one of several plans) or the
    /// normalized `{plan, selections}`; `plan` the backup plan as for `simulate_backup_plan`;
    /// `book` a price book (`null` = the default). Written out because the options say how to
    /// read the documents, and every argument's problems are reported together.
    pub fn simulate_restore_testing<A: Answer>(
        answer: &A,
        testing: Value,
        plan: Value,
        resources: Value,
        options: Value,
        book: Value,
    ) -> Result<A::Out, Error> {
        crate::budget::check_list("simulate_restore_testing", "resources", &resources)?;
        let mut issues = Vec::new();
        let options: Option<crate::simulation::restore_testing::RestoreTestingOptions> =
            take("options", options, &mut issues)?;
        let resources: Option<Vec<Resource>> = if resources.is_null() {
            Some(Vec::new())
        } else {
            take("resources", resources, &mut issues)?
        };
        let book = collect(crate::pricing::book_from_value("book", book), &mut issues)?;
        let plan = collect(
            PlanOrDocument::from_json(plan).map_err(|e| e.map_issues(plan_argument)),
            &mut issues,
        )?;
        let name = options.as_ref().and_then(|o| o.plan_name.clone());
        let testing = collect(
            crate::simulation::restore_testing::testing_from_json(testing, name.as_deref()),
            &mut issues,
        )?;
        match (options, resources, book, plan, testing) {
            (Some(options), Some(resources), Some(book), Some(plan), Some(testing)) => {
                let out = crate::simulation::restore_testing::simulate_restore_testing(
                    &testing, plan, &resources, &options, &book,
                )
                .map_err(|e| e.map_issues(|i| restore_sim_argument(plan_argument(i))))?;
                Ok(answer.answer(&out))
            }
            _ => Err(Error::invalid(
                issues.into_iter().map(restore_sim_argument).collect(),
            )),
        }
    }

    /// Issues of the backup simulation named by `simulate_restore_testing`'s arguments: its
    /// options' are this call's options (same `start`, `horizon_days`), a document's the `plan`.
    fn restore_sim_argument(i: Issue) -> Issue {
        match i.input.as_deref() {
            Some("vaults") | Some("selections") => i.in_input("plan"),
            _ => i,
        }
    }

    /// [`crate::api::export_backup_plan`] over JSON: `plan` (normalized), `shape` (e.g.
    /// `"cloudformation_yaml"`); returns `{shape, text}`. Written out because both arguments are
    /// checked before either fails (their issues together), and the answer carries the shape.
    pub fn export_backup_plan<A: Answer>(
        answer: &A,
        plan: Value,
        shape: Value,
    ) -> Result<A::Out, Error> {
        let plan_r: Result<BackupPlan, Error> = from_value("plan", plan);
        let shape_r: Result<ExportShape, Error> = from_value("shape", shape);
        let (plan, shape) = match (plan_r, shape_r) {
            (Ok(p), Ok(s)) => (p, s),
            (Err(a), Err(b))
                if a.code == ErrorCode::InvalidInput && b.code == ErrorCode::InvalidInput =>
            {
                let mut issues = a.issues;
                issues.extend(b.issues);
                return Err(Error::invalid(issues));
            }
            (Err(e), _) | (_, Err(e)) => return Err(e),
        };
        let exported: ExportedPlan = crate::backup::export_backup_plan(&plan, shape)?;
        Ok(answer.answer(&exported))
    }

    /// Read one argument, collecting schema issues; `invalid_json` fails at once.
    fn take<T: serde::de::DeserializeOwned>(
        name: &str,
        v: Value,
        issues: &mut Vec<Issue>,
    ) -> Result<Option<T>, Error> {
        match from_value::<T>(name, v) {
            Ok(t) => Ok(Some(t)),
            Err(e) if e.code == ErrorCode::InvalidJson => Err(e),
            Err(e) => {
                issues.extend(e.issues);
                Ok(None)
            }
        }
    }

    /// Keep `Ok`, or add an `invalid_input` error's issues to `issues` (any other error is returned).
    fn collect<T>(r: Result<T, Error>, issues: &mut Vec<Issue>) -> Result<Option<T>, Error> {
        match r {
            Ok(t) => Ok(Some(t)),
            Err(e) if e.code == ErrorCode::InvalidInput => {
                issues.extend(e.issues);
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// [`crate::api::simulate_backup_plan`] over JSON: `plan` is a normalized plan (as
    /// `parse_backup_plan` returns in `plans[i]`) or a document (text or AWS-shaped object; with
    /// several plans, pick one with `options.plan_name`); `resources` an array (`null` = none);
    /// `options` an object. Written out because every argument's problems are reported together,
    /// with the document's own.
    pub fn simulate_backup_plan<A: Answer>(
        answer: &A,
        plan: Value,
        resources: Value,
        options: Value,
    ) -> Result<A::Out, Error> {
        crate::budget::check_list("simulate_backup_plan", "resources", &resources)?;
        let mut issues = Vec::new();
        let options: Option<SimulationOptions> = take("options", options, &mut issues)?;
        let resources: Option<Vec<Resource>> = if resources.is_null() {
            Some(Vec::new())
        } else {
            take("resources", resources, &mut issues)?
        };
        let plan = collect(
            PlanOrDocument::from_json(plan).map_err(|e| e.map_issues(plan_argument)),
            &mut issues,
        )?;
        match (options, resources, plan) {
            (Some(options), Some(resources), Some(plan)) => {
                let out = crate::simulation::simulate_backup_plan(plan, &resources, &options)
                    .map_err(|e| e.map_issues(plan_argument))?;
                Ok(answer.answer(&out))
            }
            (options, _, plan) => {
                // A document's own problems are reported with the other arguments'.
                if let Some(plan) = plan {
                    let name = options.as_ref().and_then(|o| o.plan_name.as_deref());
                    collect(
                        plan.resolve(name).map_err(|e| e.map_issues(plan_argument)),
                        &mut issues,
                    )?;
                }
                Err(Error::invalid(
                    issues
                        .into_iter()
                        .map(crate::simulation::issue_as_argument)
                        .collect(),
                ))
            }
        }
    }

    /// [`crate::api::check_controls`] over JSON: `plan` (normalized plan or document, as for
    /// `simulate_backup_plan`), `selections` and `vaults` (arrays or null: a document's own are used
    /// when null), `controls` (null = all with defaults; an array of `{name, parameters, scope}`;
    /// or AWS `FrameworkControls`, see [`Controls`]), `context` (object or null). Written out
    /// because every argument's problems are reported together, and a document fills the
    /// selections and vaults left null.
    pub fn check_controls<A: Answer>(
        answer: &A,
        plan: Value,
        selections: Value,
        vaults: Value,
        controls: Value,
        context: Value,
    ) -> Result<A::Out, Error> {
        crate::budget::check_list("check_controls", "context", &context)?;
        let mut issues = Vec::new();
        let selections: Option<Option<Vec<BackupSelection>>> =
            take("selections", selections, &mut issues)?;
        let vaults: Option<Option<Vec<BackupVault>>> = take("vaults", vaults, &mut issues)?;
        let controls: Option<Option<Controls>> = take("controls", controls, &mut issues)?;
        let context: Option<Option<ControlContext>> = take("context", context, &mut issues)?;
        // A document's issues are the `plan` argument's.
        let plan = collect(
            PlanOrDocument::from_json(plan)
                .and_then(|p| p.resolve(None))
                .map_err(|e| e.map_issues(plan_argument)),
            &mut issues,
        )?;
        let (Some(plan), Some(selections), Some(vaults), Some(controls), Some(context)) =
            (plan, selections, vaults, controls, context)
        else {
            return Err(Error::invalid(issues));
        };
        let selections = selections.unwrap_or(plan.selections);
        let vaults = vaults.unwrap_or(plan.vaults);
        let context = context.unwrap_or_default();
        let mut out = crate::controls::check_controls(
            &plan.plan,
            &selections,
            &vaults,
            controls.as_ref(),
            &context,
        )?;
        out.issues.splice(
            0..0,
            plan.notes
                .into_iter()
                .filter(|i| i.severity != Severity::Info)
                .map(plan_argument),
        );
        Ok(answer.answer(&out))
    }

    /// An issue of the document given as the `plan` argument, named by that argument.
    fn plan_argument(i: Issue) -> Issue {
        if i.input.as_deref() == Some(crate::backup::import::INPUT) {
            i.in_input("plan")
        } else {
            i
        }
    }

    /// [`crate::api::translate_retention`] over JSON: `(source, options)`; `source` is a keep-policy
    /// for `direction: policy_to_aws` and a normalized backup plan (as `parse_backup_plan` returns)
    /// for `aws_to_policy`. Written out because the options, read first, say how to read the source.
    pub fn translate_retention<A: Answer>(
        answer: &A,
        source: Value,
        options: Value,
    ) -> Result<A::Out, Error> {
        let options: TranslateOptions = from_value("options", options)?;
        let source = match options.direction {
            TranslateDirection::PolicyToAws => {
                TranslateSource::Policy(from_value("source", source)?)
            }
            TranslateDirection::AwsToPolicy => TranslateSource::Plan(from_value("source", source)?),
        };
        Ok(answer.answer(&crate::translate::translate_retention(&source, &options)?))
    }
}

/// [`crate::api::human_duration`] over JSON, for the bindings' `human_duration`/`humanDuration`:
/// `seconds` must be a finite number (a string such as `"1h"`, `null`, NaN or an infinity is
/// `invalid_type` on `seconds`, the same on every surface).
pub fn human_duration(seconds: Value) -> Result<Value, Error> {
    let s: f64 = from_value("seconds", seconds)?;
    Ok(Value::String(crate::units::human_duration(s)))
}
