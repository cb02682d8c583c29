//! `drplan schedule` and `drplan simulate`: the core's schedule, simulation and cost functions,
//! formatted for a terminal (or as the core's JSON with `--format json`).

use std::io::{Read, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use drplan::Error;
use serde_json::{json, Value};

use crate::{EXIT_CLEAN, EXIT_USAGE};

pub(crate) const SCHEDULE_HELP: &str = "\
The expression is AWS Backup's cron dialect (six fields, `?` in day-of-month or day-of-week;
the `cron(...)` wrapper may be left out). Times are in the --tz time zone with its daylight-saving
changes (a local time skipped by spring-forward does not run).

Examples:
  drplan schedule 'cron(0 5 ? * * *)' --from 2026-01-01T00:00:00Z --count 3
  drplan schedule 'cron(30 2 ? * * *)' --tz Europe/Berlin --from 2026-03-28T00:00:00Z
  drplan schedule 'cron(30 2 ? * * *)' --tz America/New_York --from 2026-01-01T00:00:00Z --summary

Exit codes: 0 done, 2 usage error or an expression the core refuses (the reason on stderr).";

pub(crate) const SIMULATE_HELP: &str = "\
PLAN is a file (or `-`) in any shape `drplan lint` reads; a document with several plans needs
--plan-name. Each --resource is TYPE:SIZE[:CHANGE]: an AWS Backup resource type (EBS, RDS,
Aurora, EFS, S3, DynamoDB…), the size of a full backup (GiB, or `2TiB`), and the data changed per
day (a fraction such as 0.02, or a size such as 5GiB; default 0).

Prints the steady state (recovery points and GiB held per vault), the worst-case RPO per
disruption for each resource, and the month-by-month bill from the embedded us-east-1 price
book (every price dated and sourced; see `--format json` for the formulas).

Examples:
  drplan simulate plan.json --resource EBS:100:0.02
  drplan simulate template.yaml --resource RDS:500:0.05 --resource EFS:2TiB --years 3
  drplan simulate template.yaml --plan-name prod --resource EBS:100 --format json

Exit codes: 0 done, 2 usage error, unreadable plan or input the core refuses (reason on stderr).";

/// The Region of the embedded price book, taken when neither plan nor resources name one.
const DEFAULT_REGION: &str = "us-east-1";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct ScheduleArgs {
    /// AWS Backup cron expression, e.g. 'cron(0 5 ? * * *)'.
    #[arg(value_name = "CRON", allow_hyphen_values = true)]
    cron: String,
    /// IANA time zone of the schedule (ScheduleExpressionTimezone).
    #[arg(long, default_value = "UTC", value_name = "ZONE")]
    tz: String,
    /// First instant considered (RFC 3339, e.g. 2026-01-01T00:00:00Z).
    #[arg(long, value_name = "INSTANT")]
    from: String,
    /// Last instant considered (RFC 3339).
    #[arg(long, value_name = "INSTANT")]
    until: Option<String>,
    /// How many runs to list.
    #[arg(long, default_value_t = 10, value_name = "N")]
    count: u64,
    /// The gaps between runs over one year instead of the runs (min, typical, worst case).
    #[arg(long)]
    summary: bool,
    /// Output format (json: the core's answer as it is).
    #[arg(long, value_enum, default_value_t = OutFormat::Text)]
    format: OutFormat,
}

#[derive(Debug, Args)]
pub(crate) struct SimulateArgs {
    /// The plan document (a file, or `-` for standard input).
    #[arg(value_name = "PLAN")]
    plan: PathBuf,
    /// A resource the plan protects: TYPE:SIZE[:CHANGE], e.g. EBS:100:0.02 (repeatable).
    #[arg(long = "resource", required = true, value_name = "TYPE:SIZE[:CHANGE]")]
    resources: Vec<String>,
    /// Years simulated (the bill covers the same months).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=20), value_name = "N")]
    years: u32,
    /// First day simulated (RFC 3339).
    #[arg(long, default_value = "2026-01-01T00:00:00Z", value_name = "INSTANT")]
    start: String,
    /// Region of the resources (default: the plan's, from its ARN; else us-east-1, the Region
    /// of the embedded price book).
    #[arg(long, value_name = "REGION")]
    region: Option<String>,
    /// Which plan of the document, when it holds several.
    #[arg(long, value_name = "NAME")]
    plan_name: Option<String>,
    /// Output format (json: the simulation's summary and the bill as the core answers them).
    #[arg(long, value_enum, default_value_t = OutFormat::Text)]
    format: OutFormat,
}

/// Print a core error (code, message, each issue) and return the usage exit code.
pub(crate) fn fail(err: &mut dyn Write, e: &Error) -> i32 {
    let _ = writeln!(err, "error: {}: {}", e.code.as_str(), e.message);
    for i in &e.issues {
        let at = if i.path.is_empty() { "(root)" } else { &i.path };
        let input = i.input.as_deref().unwrap_or("");
        let _ = writeln!(err, "  {input} {at}: {}: {}", i.code, i.message);
        if let Some(h) = &i.hint {
            let _ = writeln!(err, "    hint: {h}");
        }
    }
    EXIT_USAGE
}

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

fn f(v: &Value, k: &str) -> Option<f64> {
    v.get(k).and_then(Value::as_f64)
}

/// A duration in words: `1 d 2 h`, `47 h` stays `1 d 23 h`, `90 s` → `1 min 30 s`.
pub(crate) fn duration(seconds: f64) -> String {
    if !seconds.is_finite() {
        return "—".to_owned();
    }
    let mut n = seconds.round() as u64;
    if n == 0 {
        return "0 s".to_owned();
    }
    let mut parts = Vec::new();
    for (unit, size) in [("d", 86_400u64), ("h", 3_600), ("min", 60), ("s", 1)] {
        if n >= size {
            parts.push(format!("{} {unit}", n / size));
            n %= size;
        }
    }
    parts.join(" ")
}

fn print_warnings(out: &mut dyn Write, v: &Value) -> std::io::Result<()> {
    for w in v
        .get("warnings")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        writeln!(out, "warning {}: {}", s(w, "code"), s(w, "message"))?;
    }
    Ok(())
}

pub(crate) fn schedule(a: &ScheduleArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let tz = Value::String(a.tz.clone());
    let answer = if a.summary {
        drplan::json::cron_summary(
            Value::String(a.cron.clone()),
            tz,
            Value::String(a.from.clone()),
            Value::Null,
        )
    } else {
        drplan::json::schedule_runs(
            Value::String(a.cron.clone()),
            tz,
            Value::String(a.from.clone()),
            a.until.clone().map_or(Value::Null, Value::String),
            json!(a.count),
            Value::Null,
        )
    };
    let v = match answer {
        Ok(v) => v,
        Err(e) => return fail(err, &e),
    };
    let written = if a.format == OutFormat::Json {
        serde_json::to_writer_pretty(&mut *out, &v)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out))
    } else if a.summary {
        write_summary(out, &v)
    } else {
        write_runs(out, &v)
    };
    if written.is_err() {
        return EXIT_USAGE;
    }
    EXIT_CLEAN
}

fn write_runs(out: &mut dyn Write, v: &Value) -> std::io::Result<()> {
    writeln!(out, "{} in {}", s(v, "expression"), s(v, "time_zone"))?;
    for r in v
        .get("runs")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let dst = match r.get("dst").and_then(Value::as_str) {
            Some(d) => format!("  ({})", d.replace('_', " ")),
            None => String::new(),
        };
        writeln!(out, "{}  {}{dst}", s(r, "utc"), s(r, "local"))?;
    }
    for g in v
        .get("skipped_in_dst_gap")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        writeln!(
            out,
            "skipped {} (a local time the clocks jump over)",
            g.as_str().unwrap_or("")
        )?;
    }
    if v.get("truncated").and_then(Value::as_bool) == Some(true) {
        writeln!(out, "… more runs follow (raise --count)")?;
    }
    print_warnings(out, v)
}

fn write_summary(out: &mut dyn Write, v: &Value) -> std::io::Result<()> {
    writeln!(out, "{} in {}", s(v, "expression"), s(v, "time_zone"))?;
    writeln!(
        out,
        "runs: {} from {} to {}",
        v.get("runs").and_then(Value::as_u64).unwrap_or(0),
        s(v, "first_run"),
        s(v, "last_run")
    )?;
    let gap = |k| f(v, k).map_or_else(|| "—".to_owned(), duration);
    writeln!(out, "shortest gap: {}", gap("min_gap_seconds"))?;
    writeln!(out, "typical gap:  {}", gap("typical_gap_seconds"))?;
    writeln!(
        out,
        "longest gap:  {} (from {} to {}): the worst-case backup interval",
        gap("max_gap_seconds"),
        s(v, "max_gap_from"),
        s(v, "max_gap_until")
    )?;
    if v.get("fires_more_than_once_per_hour")
        .and_then(Value::as_bool)
        == Some(true)
    {
        writeln!(out, "fires more than once an hour")?;
    }
    print_warnings(out, v)
}

/// `EBS:100:0.02` → a resource of the simulation (`id` r1, r2…).
fn resource(spec: &str, n: usize) -> Result<Value, String> {
    let parts: Vec<&str> = spec.split(':').collect();
    let (kind, size, change) = match parts.as_slice() {
        [k, s] => (*k, *s, None),
        [k, s, c] => (*k, *s, Some(*c)),
        _ => return Err(format!("--resource {spec:?}: expected TYPE:SIZE[:CHANGE]")),
    };
    if kind.is_empty() || size.is_empty() {
        return Err(format!("--resource {spec:?}: expected TYPE:SIZE[:CHANGE]"));
    }
    let quantity = |t: &str| match t.parse::<f64>() {
        Ok(x) => json!(x),
        Err(_) => Value::String(t.to_owned()),
    };
    let mut r =
        json!({"id": format!("{kind}-{n}"), "resource_type": kind, "size_gib": quantity(size)});
    if let (Some(c), Some(o)) = (change, r.as_object_mut()) {
        o.insert("change_rate".into(), quantity(c));
    }
    Ok(r)
}

pub(crate) fn simulate(
    a: &SimulateArgs,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let text = if a.plan.as_os_str() == "-" {
        let mut t = String::new();
        stdin.read_to_string(&mut t).map(|_| t)
    } else {
        std::fs::read_to_string(&a.plan)
    };
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(err, "error: cannot read {}: {e}", a.plan.display());
            return EXIT_USAGE;
        }
    };
    let mut resources = Vec::new();
    for (i, spec) in a.resources.iter().enumerate() {
        match resource(spec, i + 1) {
            Ok(mut r) => {
                if let (Some(region), Some(o)) = (&a.region, r.as_object_mut()) {
                    o.insert("region".into(), Value::String(region.clone()));
                }
                resources.push(r)
            }
            Err(m) => {
                let _ = writeln!(err, "error: {m}");
                return EXIT_USAGE;
            }
        }
    }
    let mut options = json!({"start": a.start, "horizon_days": f64::from(a.years) * 365.0});
    if let (Some(n), Some(o)) = (&a.plan_name, options.as_object_mut()) {
        o.insert("plan_name".into(), Value::String(n.clone()));
    }
    let mut assumed_region = None;
    let sim = match drplan::json::simulate_backup_plan(
        Value::String(text.clone()),
        Value::Array(resources.clone()),
        options.clone(),
    ) {
        Ok(v) => v,
        // Neither the resources nor the plan name a Region: the price book's, said aloud.
        Err(e)
            if a.region.is_none()
                && !e.issues.is_empty()
                && e.issues.iter().all(|i| {
                    i.input.as_deref() == Some("resources") && i.path.ends_with("/region")
                }) =>
        {
            for r in &mut resources {
                if let Some(o) = r.as_object_mut() {
                    o.insert("region".into(), Value::String(DEFAULT_REGION.into()));
                }
            }
            assumed_region = Some(DEFAULT_REGION);
            match drplan::json::simulate_backup_plan(
                Value::String(text),
                Value::Array(resources),
                options,
            ) {
                Ok(v) => v,
                Err(e) => return fail(err, &e),
            }
        }
        Err(e) => return fail(err, &e),
    };
    let mut points: Vec<Value> = Vec::new();
    for k in ["recovery_points", "chain_bases"] {
        if let Some(Value::Array(a)) = sim.get(k) {
            points.extend(a.iter().cloned());
        }
    }
    let bill = match drplan::json::backup_cost(
        Value::Array(points),
        Value::Null,
        json!({"horizon_months": a.years * 12}),
    ) {
        Ok(v) => v,
        Err(e) => return fail(err, &e),
    };
    let written = if a.format == OutFormat::Json {
        let summary = json!({
            "plan_name": sim.get("plan_name"),
            "point_count": sim.get("point_count"),
            "steady_state": sim.get("inventory").and_then(|i| i.get("steady_state")),
            "resources": sim.get("resources"),
            "plan_issues": sim.get("plan_issues"),
            "notes": sim.get("notes"),
            "assumptions": sim.get("assumptions"),
            "bill": {
                "months": bill.get("months").and_then(Value::as_array).map(|m| m.iter().map(|m| json!({"month": m.get("month"), "usd": m.get("usd")})).collect::<Vec<_>>()),
                "horizon_usd": bill.get("horizon_usd"),
                "steady_state": bill.get("steady_state"),
                "issues": bill.get("issues"),
                "prices_used": bill.get("prices_used"),
            },
        });
        serde_json::to_writer_pretty(&mut *out, &summary)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out))
    } else {
        assumed_region
            .map_or(Ok(()), |r| {
                writeln!(
                    out,
                    "(the plan names no Region: resources and plan taken to be in {r}; set --region)"
                )
            })
            .and_then(|()| write_simulation(out, &sim, &bill, a.years))
    };
    if written.is_err() {
        return EXIT_USAGE;
    }
    EXIT_CLEAN
}

fn usd(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_owned(), |x| format!("${x:.2}"))
}

fn write_simulation(
    out: &mut dyn Write,
    sim: &Value,
    bill: &Value,
    years: u32,
) -> std::io::Result<()> {
    writeln!(
        out,
        "plan {}: {} recovery points over {years} year{}",
        s(sim, "plan_name"),
        sim.get("point_count").and_then(Value::as_u64).unwrap_or(0),
        if years == 1 { "" } else { "s" }
    )?;
    let steady = sim.get("inventory").and_then(|i| i.get("steady_state"));
    match steady {
        Some(st) if !st.is_null() => {
            writeln!(out, "\nsteady state (from {}):", s(st, "at"))?;
            for v in st
                .get("by_vault")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let range = |lo: &str, hi: &str, unit: &str| {
                    let (a, b) = (f(v, lo).unwrap_or(0.0), f(v, hi).unwrap_or(0.0));
                    if (a - b).abs() < 1e-9 {
                        format!("{a:.0}{unit}")
                    } else {
                        format!("{a:.0}–{b:.0}{unit}")
                    }
                };
                writeln!(
                    out,
                    "  vault {} ({}): {} points, {} held",
                    s(v, "vault"),
                    s(v, "region"),
                    range("min_count", "max_count", ""),
                    range("min_gib", "max_gib", " GiB"),
                )?;
            }
        }
        _ => writeln!(
            out,
            "\nno steady state within the horizon (retention longer than the simulation: raise --years)"
        )?,
    }
    for r in sim
        .get("resources")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        writeln!(
            out,
            "\n{} ({}): {}",
            s(r, "resource_id"),
            s(r, "resource_type"),
            if r.get("protected").and_then(Value::as_bool) == Some(false) {
                "NOT protected by this plan"
            } else {
                "protected"
            }
        )?;
        for c in r
            .get("coverage")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            writeln!(out, "  restore: {}", c.as_str().unwrap_or(""))?;
        }
        for p in r.get("rpo").and_then(Value::as_array).into_iter().flatten() {
            let worst = match p.get("worst").and_then(Value::as_str) {
                Some(w) => w.to_owned(),
                None => "not covered".to_owned(),
            };
            writeln!(
                out,
                "  RPO ({}): worst {worst} — {}",
                s(p, "disruption"),
                s(p, "mechanism")
            )?;
        }
    }
    for i in sim
        .get("plan_issues")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .chain(
            bill.get("issues")
                .and_then(Value::as_array)
                .into_iter()
                .flatten(),
        )
    {
        writeln!(
            out,
            "{} {}: {}",
            s(i, "severity"),
            s(i, "code"),
            s(i, "message")
        )?;
    }
    writeln!(out, "\nmonthly bill (embedded us-east-1 price book):")?;
    for m in bill
        .get("months")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let u = m.get("usd");
        let part = |k: &str| u.and_then(|u| f(u, k)).unwrap_or(0.0);
        writeln!(
            out,
            "  month {:>3}: {:>12}  (warm {}, cold {}, transfer {}, early deletion {})",
            m.get("month").and_then(Value::as_u64).unwrap_or(0),
            usd(u.and_then(|u| f(u, "total_usd"))),
            usd(Some(part("storage_warm_usd"))),
            usd(Some(part("storage_cold_usd"))),
            usd(Some(part("transfer_usd"))),
            usd(Some(part("early_deletion_usd"))),
        )?;
    }
    writeln!(
        out,
        "  total over {} months: {}",
        years * 12,
        usd(bill.get("horizon_usd").and_then(|h| f(h, "total_usd")))
    )?;
    match bill.get("steady_state") {
        Some(st) if st.get("reached").and_then(Value::as_bool) == Some(true) => writeln!(
            out,
            "  steady state: {} a month from month {}",
            usd(f(st, "monthly_usd")),
            st.get("from_month").and_then(Value::as_u64).unwrap_or(0)
        ),
        Some(st) => writeln!(
            out,
            "  steady state: not reached ({})",
            s(st, "explanation")
        ),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_words() {
        assert_eq!(duration(93_600.0), "1 d 2 h");
        assert_eq!(duration(169_200.0), "1 d 23 h");
        assert_eq!(duration(90.0), "1 min 30 s");
        assert_eq!(duration(0.0), "0 s");
    }

    #[test]
    fn resource_specs() {
        assert_eq!(
            resource("EBS:100:0.02", 1),
            Ok(
                json!({"id": "EBS-1", "resource_type": "EBS", "size_gib": 100.0, "change_rate": 0.02})
            )
        );
        assert_eq!(
            resource("EFS:2TiB", 2),
            Ok(json!({"id": "EFS-2", "resource_type": "EFS", "size_gib": "2TiB"}))
        );
        assert!(resource("EBS", 1).is_err());
        assert!(resource("EBS:1:2:3", 1).is_err());
    }
}
