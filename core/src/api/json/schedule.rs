//! The JSON twins of [`crate::api::schedule_runs`] and [`crate::api::cron_summary`], written out
//! (`json custom` in the table) because every argument's problems are reported together, in
//! argument order, with what the typed validation finds in the arguments that could be read.

use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde_json::Value;

use super::Answer;
use crate::error::{Error, ErrorCode, Issue};
use crate::schedule::{
    column_limit_issues, limit_issues, unknown_time_zone, window_issues, AwsCron, ScheduleColumns,
    ScheduleOptions, SummaryOptions, DEFAULT_TIME_ZONE,
};

/// Read one argument; schema issues are collected (so every argument gets checked), a document
/// that cannot be read at all (`invalid_json`) fails at once.
fn arg<T: serde::de::DeserializeOwned>(
    name: &str,
    v: Value,
    issues: &mut Vec<Issue>,
) -> Result<Option<T>, Error> {
    match crate::boundary::from_value::<T>(name, v) {
        Ok(t) => Ok(Some(t)),
        Err(e) if e.code == ErrorCode::InvalidJson => Err(e),
        Err(e) => {
            issues.extend(e.issues);
            Ok(None)
        }
    }
}

fn parse_timestamp(name: &str, s: &str, issues: &mut Vec<Issue>) -> Option<Timestamp> {
    match s.trim().parse::<Timestamp>() {
        Ok(t) => Some(t),
        Err(e) => {
            issues.push(
                Issue::error(
                    "invalid_timestamp",
                    "",
                    format!("{s:?} is not an RFC 3339 timestamp with an offset: {e}"),
                )
                .in_input(name)
                .with_hint("e.g. 2026-03-01T00:00:00Z or 2026-03-01T00:00:00-05:00"),
            );
            None
        }
    }
}

/// [`crate::api::schedule_runs`] over JSON: `(expression: string, time_zone: string|null,
/// from: string, until: string|null, limit: integer|null, options: object|null)`.
pub fn schedule_runs<A: Answer>(
    answer: &A,
    expression: Value,
    time_zone: Value,
    from: Value,
    until: Value,
    limit: Value,
    options: Value,
) -> Result<A::Out, Error> {
    let args = read_args(
        expression,
        time_zone,
        from,
        until,
        limit,
        options,
        limit_issues,
    )?;
    let options = args.options.unwrap_or_default();
    crate::schedule::schedule_runs(
        &args.expression,
        args.time_zone.as_deref(),
        args.from,
        args.until,
        args.limit,
        &options,
    )
    .map(|out| answer.answer(&out))
}

/// [`crate::schedule::schedule_run_columns`] over JSON values (the Python binding's columns):
/// the arguments of [`schedule_runs`], read and checked the same way (the same errors), except
/// that `limit` has no 100,000 ceiling (a budget bounds the columns instead).
pub fn schedule_run_columns(
    expression: Value,
    time_zone: Value,
    from: Value,
    until: Value,
    limit: Value,
    options: Value,
) -> Result<ScheduleColumns, Error> {
    let args = read_args(
        expression,
        time_zone,
        from,
        until,
        limit,
        options,
        column_limit_issues,
    )?;
    let options = args.options.unwrap_or_default();
    crate::schedule::schedule_run_columns(
        &args.expression,
        args.time_zone.as_deref(),
        args.from,
        args.until,
        args.limit,
        &options,
    )
}

/// The arguments of `schedule_runs`, read.
struct Args {
    expression: String,
    time_zone: Option<String>,
    from: Timestamp,
    until: Option<Timestamp>,
    limit: Option<u64>,
    options: Option<ScheduleOptions>,
}

/// Read `schedule_runs`' arguments, every argument's problems reported together, in argument
/// order, with what the typed validation finds in the arguments that could be read.
fn read_args(
    expression: Value,
    time_zone: Value,
    from: Value,
    until: Value,
    limit: Value,
    options: Value,
    limit_issues: fn(Option<u64>) -> Vec<Issue>,
) -> Result<Args, Error> {
    let mut issues = Vec::new();
    let expression: Option<String> = arg("expression", expression, &mut issues)?;
    let time_zone: Option<Option<String>> = arg("time_zone", time_zone, &mut issues)?;
    let from_s: Option<String> = arg("from", from, &mut issues)?;
    let until_s: Option<Option<String>> = arg("until", until, &mut issues)?;
    let limit: Option<Option<u64>> = arg("limit", limit, &mut issues)?;
    let options: Option<Option<ScheduleOptions>> = arg("options", options, &mut issues)?;
    let from = from_s
        .as_deref()
        .and_then(|s| parse_timestamp("from", s, &mut issues));
    let until = match until_s.as_ref() {
        Some(Some(s)) => parse_timestamp("until", s, &mut issues).map(Some),
        Some(None) => Some(None),
        None => None,
    };
    let (Some(expression), Some(time_zone), Some(from), Some(until), Some(limit), Some(options)) = (
        expression.clone(),
        time_zone.clone(),
        from,
        until,
        limit,
        options.clone(),
    ) else {
        // Report what the typed validation finds in the arguments that could be read, too.
        issues.extend(partial_issues(expression.as_deref(), time_zone.as_ref()));
        issues.extend(limit_issues(limit.flatten()));
        if let Some(Some(o)) = &options {
            issues.extend(window_issues(o));
        }
        return Err(invalid_in_order(
            issues,
            &[
                "expression",
                "time_zone",
                "from",
                "until",
                "limit",
                "options",
            ],
        ));
    };
    Ok(Args {
        expression,
        time_zone,
        from,
        until,
        limit,
        options,
    })
}

/// `invalid_input` with the issues in argument order (stable within an argument).
fn invalid_in_order(mut issues: Vec<Issue>, order: &[&str]) -> Error {
    issues.sort_by_key(|i| {
        i.input
            .as_deref()
            .and_then(|n| order.iter().position(|o| *o == n))
            .unwrap_or(order.len())
    });
    Error::invalid(issues)
}

/// Issues of the readable arguments when another argument could not be read.
fn partial_issues(expression: Option<&str>, time_zone: Option<&Option<String>>) -> Vec<Issue> {
    let mut issues = Vec::new();
    if let Some(e) = expression {
        if let Err(found) = AwsCron::parse(e) {
            issues.extend(
                found
                    .into_iter()
                    .filter(Issue::is_error)
                    .map(|i| i.in_input("expression")),
            );
        }
    }
    if let Some(tz) = time_zone {
        let name = tz.as_deref().unwrap_or(DEFAULT_TIME_ZONE);
        if TimeZone::get(name).is_err() {
            issues.push(unknown_time_zone(name));
        }
    }
    issues
}

/// [`crate::api::cron_summary`] over JSON: `(expression: string, time_zone: string|null, from: string,
/// options: object|null)`.
pub fn cron_summary<A: Answer>(
    answer: &A,
    expression: Value,
    time_zone: Value,
    from: Value,
    options: Value,
) -> Result<A::Out, Error> {
    let mut issues = Vec::new();
    let expression: Option<String> = arg("expression", expression, &mut issues)?;
    let time_zone: Option<Option<String>> = arg("time_zone", time_zone, &mut issues)?;
    let from_s: Option<String> = arg("from", from, &mut issues)?;
    let options: Option<Option<SummaryOptions>> = arg("options", options, &mut issues)?;
    let from = from_s
        .as_deref()
        .and_then(|s| parse_timestamp("from", s, &mut issues));
    let (Some(expression), Some(time_zone), Some(from), Some(options)) =
        (&expression, &time_zone, from, &options)
    else {
        issues.extend(partial_issues(expression.as_deref(), time_zone.as_ref()));
        return Err(invalid_in_order(
            issues,
            &["expression", "time_zone", "from", "options"],
        ));
    };
    let options = options.clone();
    let options = options.unwrap_or_default();
    crate::schedule::cron_summary(expression, time_zone.as_deref(), from, &options)
        .map(|out| answer.answer(&out))
}
