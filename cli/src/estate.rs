//! `drplan estate read`: read AWS CLI exports (files, folders, stdin) into one estate with the
//! core's `read_estate`, and print it as JSON or as a summary.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::PathBuf;

use clap::{Args, Subcommand};
use drplan::{EstateDocument, EstateRead, EstateReadOptions, Severity};
use serde_json::Value;

use crate::commands::OutFormat;
use crate::{EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE};

pub(crate) const READ_HELP: &str = "\
Reads the JSON outputs of the AWS CLI (run with --output json and no --query): backup
list-protected-resources, list-backup-plans, get-backup-plan, list-backup-selections,
get-backup-selection, list-recovery-points-by-backup-vault, describe-region-settings;
resourcegroupstaggingapi get-resources; configservice select-resource-config and
select-aggregate-resource-config; rds describe-db-instances, describe-db-clusters,
describe-global-clusters; dynamodb describe-table, describe-continuous-backups; ec2
describe-volumes; efs describe-file-systems; organizations describe-policy and
list-targets-for-policy. Each file's shape is detected; resources are merged by ARN.

A folder is searched recursively for *.json (and *.yaml, *.yml, *.template) files, hidden
folders skipped; `-` reads standard input. Exports that name no account or Region
(describe-volumes, describe-region-settings) take --account and --region, else the only
account and Region the other files name.

Examples:
  drplan estate read exports/
  aws backup list-protected-resources | drplan estate read - --format json
  drplan estate read volumes.json tags.json --account 111122223333 --region eu-west-1

Exit codes:
  0  every file read
  1  a file of no known shape, or not JSON (the others are still read)
  2  usage error, a path that cannot be read, or over a budget";

#[derive(Debug, Args)]
pub(crate) struct EstateArgs {
    #[command(subcommand)]
    command: EstateCommand,
}

#[derive(Debug, Subcommand)]
enum EstateCommand {
    /// Read AWS CLI exports into one estate: resources by ARN, plans, opt-in; what is missing.
    #[command(after_help = READ_HELP)]
    Read(ReadArgs),
}

#[derive(Debug, Args)]
pub(crate) struct ReadArgs {
    /// Files, folders (searched recursively) or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Account of exports that name none (describe-volumes, describe-region-settings…).
    #[arg(long, value_name = "ID")]
    account: Option<String>,
    /// Region of exports that name none.
    #[arg(long, value_name = "REGION")]
    region: Option<String>,
    /// Output format (json: the core's answer as it is: estate, documents, notes, issues).
    #[arg(long, value_enum, default_value_t = OutFormat::Text)]
    format: OutFormat,
}

pub(crate) fn estate(
    a: &EstateArgs,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    match &a.command {
        EstateCommand::Read(r) => read(r, stdin, out, err),
    }
}

fn read(a: &ReadArgs, stdin: &mut dyn Read, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let mut unreadable = Vec::new();
    let inputs = crate::lint::expand_paths(&a.paths, &mut unreadable);
    if let Some((path, why)) = unreadable.first() {
        let _ = writeln!(err, "error: cannot read {path}: {why}");
        return EXIT_USAGE;
    }
    let mut documents = Vec::new();
    for (display, path) in inputs {
        let text = match &path {
            None => {
                let mut s = String::new();
                match stdin.read_to_string(&mut s) {
                    Ok(_) => s,
                    Err(e) => {
                        let _ = writeln!(err, "error: cannot read standard input: {e}");
                        return EXIT_USAGE;
                    }
                }
            }
            Some(p) => match std::fs::read(p) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(s) => s,
                    Err(_) => {
                        let _ = writeln!(err, "error: cannot read {display}: not UTF-8 text");
                        return EXIT_USAGE;
                    }
                },
                Err(e) => {
                    let _ = writeln!(err, "error: cannot read {display}: {e}");
                    return EXIT_USAGE;
                }
            },
        };
        documents.push(EstateDocument {
            name: display,
            content: Value::String(text),
            account: None,
            region: None,
            subject: None,
        });
    }
    let options = EstateReadOptions {
        account: a.account.clone(),
        region: a.region.clone(),
    };
    let result = match drplan::read_estate(&documents, &options) {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(err, "error: {}: {}", e.code.as_str(), e.message);
            for i in &e.issues {
                let _ = writeln!(err, "  {}: {}: {}", i.path, i.code, i.message);
            }
            return EXIT_USAGE;
        }
    };
    let written = match a.format {
        OutFormat::Json => serde_json::to_string_pretty(&result)
            .map_err(std::io::Error::other)
            .and_then(|s| writeln!(out, "{s}")),
        OutFormat::Text => write_summary(out, &result),
    };
    if let Err(e) = written {
        let _ = writeln!(err, "error: cannot write the output: {e}");
        return EXIT_USAGE;
    }
    if result.issues.iter().any(|i| i.severity == Severity::Error) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The document name of an issue path `/<i>/content/…`, and the rest of the pointer.
fn issue_place(r: &EstateRead, path: &str) -> String {
    let mut parts = path.splitn(4, '/');
    let _ = parts.next();
    let index = parts.next().and_then(|i| i.parse::<usize>().ok());
    let _ = parts.next();
    let rest = parts.next().map(|p| format!("/{p}")).unwrap_or_default();
    match index.and_then(|i| r.documents.get(i)) {
        Some(d) => format!("{}:{}", d.name, if rest.is_empty() { "/" } else { &rest }),
        None => path.to_owned(),
    }
}

fn write_summary(out: &mut dyn Write, r: &EstateRead) -> std::io::Result<()> {
    let read = r.documents.iter().filter(|d| d.shape.is_some()).count();
    writeln!(
        out,
        "{}: {read} read, {} not read",
        plural(r.documents.len(), "document"),
        r.documents.len() - read
    )?;
    for d in &r.documents {
        writeln!(
            out,
            "  {}  {}",
            d.name,
            d.shape.as_deref().unwrap_or("(not read)")
        )?;
        for n in &d.notes {
            writeln!(out, "      {n}")?;
        }
    }
    let e = &r.estate;
    let selections: usize = e.plans.iter().map(|p| p.selections.len()).sum();
    writeln!(
        out,
        "\nestate: {}, {} ({}), {}",
        plural(e.resources.len(), "resource"),
        plural(e.plans.len(), "plan"),
        plural(selections, "selection"),
        plural(e.opt_in.len(), "opt-in setting")
    )?;
    if !e.resources.is_empty() {
        // account, Region, type → (count, without size)
        let mut groups: BTreeMap<(String, String, String), (usize, usize)> = BTreeMap::new();
        for x in &e.resources {
            let key = (
                x.account.clone().unwrap_or_else(|| "?".into()),
                x.region.clone().unwrap_or_else(|| "?".into()),
                x.resource_type.clone().unwrap_or_else(|| "?".into()),
            );
            let g = groups.entry(key).or_default();
            g.0 += 1;
            if x.size_gib.is_none() {
                g.1 += 1;
            }
        }
        writeln!(
            out,
            "  {:<14} {:<16} {:<12} {:>9} {:>13}",
            "account", "Region", "type", "resources", "without size"
        )?;
        for ((acc, reg, ty), (n, no_size)) in &groups {
            writeln!(out, "  {acc:<14} {reg:<16} {ty:<12} {n:>9} {no_size:>13}")?;
        }
    }
    for p in &e.plans {
        let list = |v: &[String]| {
            if v.is_empty() {
                "every".to_owned()
            } else {
                v.join(", ")
            }
        };
        writeln!(
            out,
            "  plan {} ({}): {}, {}; accounts: {}; Regions: {}",
            p.id,
            p.plan.name,
            plural(p.plan.rules.len(), "rule"),
            plural(p.selections.len(), "selection"),
            list(&p.accounts),
            list(&p.regions)
        )?;
    }
    if !r.notes.is_empty() {
        writeln!(out, "\nnotes:")?;
        for n in &r.notes {
            writeln!(out, "  - {n}")?;
        }
    }
    if !r.issues.is_empty() {
        writeln!(out, "\nissues:")?;
        for i in &r.issues {
            let sev = match i.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "info",
            };
            writeln!(
                out,
                "  {}: {sev} {}: {}",
                issue_place(r, &i.path),
                i.code,
                i.message
            )?;
        }
    }
    Ok(())
}
