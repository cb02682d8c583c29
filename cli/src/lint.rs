//! `drplan lint`: read files, folders or stdin; lint each document; report in text, JSON or SARIF.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use drplan::{Error, ErrorCode, Issue, PositionMap, Severity, TextPosition};
use serde_json::{json, Value};

use crate::{EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE};

pub(crate) const HELP: &str = "\
Reads every shape drplan knows: CloudFormation templates (JSON or YAML, short tags, SAM, CDK
synth output), AWS CLI input and output (create-backup-plan, get-backup-plan,
get-backup-plan-from-template), a BackupPlan document, AWS Organizations backup policies
(standalone or inside a template), and restore testing plans and selections
(get-restore-testing-plan / -selection output, create inputs, AWS::Backup::RestoreTesting*
resources). A folder is searched recursively for *.json, *.yaml, *.yml
and *.template files (hidden folders skipped); `-` reads standard input.

A document with no backup plan in it (no plan, selection or vault; not one of the shapes) is
reported as `no backup plan here`: a note, exit code 0.

Examples:
  drplan lint backup.yaml
  drplan lint templates/ --fail-on warning
  drplan lint --format sarif templates/ > drplan.sarif
  aws backup get-backup-plan --backup-plan-id ID | drplan lint -
  drplan lint --format json plan.json | jq '.files[].issues[].code'

Exit codes:
  0  no finding at or above --fail-on (documents with no backup plan are a note, not a finding)
  1  at least one finding at or above --fail-on
  2  usage error, or an input that cannot be read (missing, not UTF-8, not JSON/YAML)";

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// `file:line:col: severity code: message`, one finding a line, hint below.
    Text,
    /// One JSON document: every file, its outcome and its issues with line and column.
    Json,
    /// SARIF 2.1.0 (GitHub code scanning, editors).
    Sarif,
}

/// The lowest severity that fails the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailOn {
    Error,
    Warning,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub(crate) struct LintArgs {
    /// Files, folders (searched recursively) or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Exit with 1 when a finding of this severity or worse is found.
    #[arg(long, value_enum, default_value_t = FailOn::Error, value_name = "SEVERITY")]
    fail_on: FailOn,
    /// Also list info-level notes in text and SARIF output (JSON always lists them).
    #[arg(long)]
    info: bool,
    /// Colour the text output: auto = on a terminal, unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = Color::Auto, value_name = "WHEN")]
    color: Color,
}

/// What happened to one input.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// Read as a plan document (the shape and format drplan detected); issues may follow.
    Read {
        shape: String,
        format: String,
        plans: usize,
    },
    /// No backup plan, selection or vault in it.
    NoPlan { reason: String },
    /// Read, but the core refused it (an error about its content).
    Refused { code: ErrorCode, message: String },
    /// Cannot be read: missing, not UTF-8, not JSON/YAML, over a budget.
    Unreadable { message: String },
}

/// One finding with its place in the text.
#[derive(Debug)]
pub(crate) struct Finding {
    pub issue: Issue,
    pub position: Option<TextPosition>,
    pub exact: bool,
}

/// One input and what lint made of it.
#[derive(Debug)]
pub(crate) struct FileReport {
    /// As given or found (`-` for standard input).
    pub display: String,
    pub path: Option<PathBuf>,
    pub outcome: Outcome,
    pub findings: Vec<Finding>,
}

impl FileReport {
    fn count(&self, s: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.issue.severity == s)
            .count()
    }
}

const EXTENSIONS: &[&str] = &["json", "yaml", "yml", "template"];
/// Deepest folder walked (symbolic links to folders are not followed).
const MAX_FOLDER_DEPTH: usize = 64;

/// The inputs named on the command line, folders expanded (sorted), with any that cannot be
/// listed reported at once.
fn expand(paths: &[PathBuf], reports: &mut Vec<FileReport>) -> Vec<(String, Option<PathBuf>)> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(("-".to_owned(), None));
            continue;
        }
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, 0, &mut out, reports),
            Ok(_) => out.push((p.display().to_string(), Some(p.clone()))),
            Err(e) => reports.push(unreadable(p, &e.to_string())),
        }
    }
    out
}

/// [`expand`] for other commands: the inputs, and each path that cannot be listed with why.
pub(crate) fn expand_paths(
    paths: &[PathBuf],
    unreadable: &mut Vec<(String, String)>,
) -> Vec<(String, Option<PathBuf>)> {
    let mut reports = Vec::new();
    let inputs = expand(paths, &mut reports);
    for r in reports {
        if let Outcome::Unreadable { message } = r.outcome {
            unreadable.push((r.display, message));
        }
    }
    inputs
}

fn unreadable(p: &Path, why: &str) -> FileReport {
    FileReport {
        display: p.display().to_string(),
        path: Some(p.to_path_buf()),
        outcome: Outcome::Unreadable {
            message: why.to_owned(),
        },
        findings: Vec::new(),
    }
}

fn walk(
    dir: &Path,
    depth: usize,
    out: &mut Vec<(String, Option<PathBuf>)>,
    reports: &mut Vec<FileReport>,
) {
    if depth > MAX_FOLDER_DEPTH {
        return;
    }
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            reports.push(unreadable(dir, &e.to_string()));
            return;
        }
    };
    entries.sort();
    for p in entries {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        let Ok(meta) = std::fs::symlink_metadata(&p) else {
            continue;
        };
        if meta.is_dir() {
            if !hidden {
                walk(&p, depth + 1, out, reports);
            }
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
            && std::fs::metadata(&p).is_ok_and(|m| m.is_file())
        {
            out.push((p.display().to_string(), Some(p)));
        }
    }
}

/// Lint one document's text.
pub(crate) fn lint_text(display: String, path: Option<PathBuf>, text: &str) -> FileReport {
    let positions = std::cell::OnceCell::new();
    // Policies carried as JSON text (a custom resource's property, Policy.Content): the core
    // says where the text is (`policy_content`) and its paths point into that text.
    let embedded = std::cell::RefCell::new(Vec::<TextPosition>::new());
    let place = |issue: Issue| -> Finding {
        let map = positions.get_or_init(|| PositionMap::of(text).ok());
        // Paths point into the document; an issue about another input is placed at the top.
        let at = match (map, issue.input.as_deref()) {
            (Some(m), Some("document") | None) => {
                let l = m.locate(&issue.path);
                let first = issue.path.split('/').nth(1).map(|t| format!("/{t}"));
                match first {
                    Some(f) if !l.exact && !m.locate(&f).exact => {
                        match embedded
                            .borrow()
                            .iter()
                            .find_map(|from| inside_text(text, *from, &issue.path))
                            .or_else(|| embedded.borrow().first().copied())
                        {
                            Some(p) => (Some(p), false),
                            None => (Some(l.position), false),
                        }
                    }
                    _ => (Some(l.position), l.exact),
                }
            }
            _ => (None, false),
        };
        Finding {
            issue,
            position: at.0,
            exact: at.1,
        }
    };
    let note_embedded = |issues: &[Issue]| {
        let map = positions.get_or_init(|| PositionMap::of(text).ok());
        if let Some(m) = map {
            for i in issues.iter().filter(|i| i.code == "policy_content") {
                // `…/Policy/Fn::Sub` is located at `Policy` (a short tag is one node).
                embedded.borrow_mut().push(m.locate(&i.path).position);
            }
        }
    };
    // Restore testing plans and selections (aws-backup.md §18): their own reader; a template
    // may hold backup plans beside them, whose findings are added.
    if let Ok(rt) = drplan::lint_restore_testing_plan(text) {
        let mut findings: Vec<Finding> = rt.issues.into_iter().map(&place).collect();
        let mut plans = rt.parsed.plans.len();
        if rt.parsed.shape == drplan::RestoreTestingShape::CloudformationTemplate {
            if let Ok(b) = drplan::lint_backup_plan(text) {
                note_embedded(&b.issues);
                plans += b.parsed.plans.len();
                findings.extend(
                    b.issues
                        .into_iter()
                        .filter(|i| i.code != "no_backup_plan")
                        .map(&place),
                );
            }
        }
        return FileReport {
            display,
            path,
            outcome: Outcome::Read {
                shape: format!("restore testing: {}", enum_name(&rt.parsed.shape)),
                format: enum_name(&rt.parsed.format),
                plans,
            },
            findings,
        };
    }
    let report = drplan::lint_backup_plan(text);
    if let Ok(r) = &report {
        note_embedded(&r.issues);
    }
    match report {
        Ok(report) if report.parsed.plans.is_empty() => {
            // Vaults or selections but no plan: said once, as for a document with nothing.
            let reason = format!(
                "{} with {} vault(s) and {} selection(s) but no plan",
                enum_name(&report.parsed.shape).replace('_', " "),
                report.parsed.vaults.len(),
                report.parsed.selections.len()
            );
            let findings = report
                .issues
                .into_iter()
                .filter(|i| i.code != "no_backup_plan")
                .map(place)
                .collect();
            FileReport {
                display,
                path,
                outcome: Outcome::NoPlan { reason },
                findings,
            }
        }
        Ok(report) => {
            let findings = report.issues.into_iter().map(place).collect();
            FileReport {
                display,
                path,
                outcome: Outcome::Read {
                    shape: enum_name(&report.parsed.shape),
                    format: enum_name(&report.parsed.format),
                    plans: report.parsed.plans.len(),
                },
                findings,
            }
        }
        Err(e) => refused(display, path, text, e, place),
    }
}

/// Where a pointer into JSON text carried inside the document points, found by its keys in
/// order from the text's own position (`"key"`, or `\"key\"` inside an escaped string).
/// `None` when a key is not found after the previous one.
fn inside_text(text: &str, from: TextPosition, pointer: &str) -> Option<TextPosition> {
    let lines: Vec<&str> = text.lines().collect();
    let mut line = from.line.checked_sub(1)?;
    let mut column = from.column;
    for raw in pointer.split('/').skip(1) {
        let token = raw.replace("~1", "/").replace("~0", "~");
        if token.parse::<usize>().is_ok() {
            continue;
        }
        let needles = [format!("\"{token}\""), format!("\\\"{token}\\\"")];
        let (l, c) = lines.iter().enumerate().skip(line).find_map(|(i, s)| {
            // On the current line, only after the previous key.
            let skip = if i == line { column } else { 0 };
            let start = s.char_indices().nth(skip).map_or(s.len(), |(b, _)| b);
            let rest = s.get(start..)?;
            needles
                .iter()
                .filter_map(|n| rest.find(n.as_str()))
                .min()
                .map(|b| (i, skip + rest.get(..b).map_or(0, |x| x.chars().count()) + 1))
        })?;
        line = l;
        column = c;
    }
    Some(TextPosition {
        line: line + 1,
        column,
    })
}

fn refused(
    display: String,
    path: Option<PathBuf>,
    text: &str,
    e: Error,
    place: impl Fn(Issue) -> Finding,
) -> FileReport {
    let has = |code: &str| e.issues.iter().any(|i| i.code == code);
    if has("no_backup_plan") || has("unknown_shape") || has("empty_document") {
        let reason = e
            .issues
            .first()
            .map_or_else(|| e.message.clone(), |i| i.message.clone());
        return FileReport {
            display,
            path,
            outcome: Outcome::NoPlan { reason },
            findings: Vec::new(),
        };
    }
    if matches!(e.code, ErrorCode::InvalidJson | ErrorCode::OverBudget) || has("too_large") {
        // A syntax error: the reader's own position, where the text stops being JSON/YAML.
        let at = PositionMap::of(text).err().map(|s| s.position);
        let findings = e
            .issues
            .iter()
            .cloned()
            .map(|i| {
                let mut f = place(i);
                if let Some(p) = at {
                    f.position = Some(p);
                    f.exact = true;
                }
                f
            })
            .collect();
        return FileReport {
            display,
            path,
            outcome: Outcome::Unreadable {
                message: e.message.clone(),
            },
            findings,
        };
    }
    FileReport {
        display,
        path,
        outcome: Outcome::Refused {
            code: e.code,
            message: e.message.clone(),
        },
        findings: e.issues.into_iter().map(place).collect(),
    }
}

fn enum_name<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

pub(crate) fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// The exit code of a set of reports under a threshold.
fn exit_code(reports: &[FileReport], fail_on: FailOn) -> i32 {
    if reports
        .iter()
        .any(|r| matches!(r.outcome, Outcome::Unreadable { .. }))
    {
        return EXIT_USAGE;
    }
    let worst = match fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
    };
    if reports
        .iter()
        .flat_map(|r| &r.findings)
        .any(|f| f.issue.severity <= worst)
    {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

pub(crate) fn lint(
    args: &LintArgs,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    terminal_color: bool,
) -> i32 {
    let mut reports = Vec::new();
    let inputs = expand(&args.paths, &mut reports);
    let mut stdin_used = false;
    for (display, path) in inputs {
        let bytes = match &path {
            None => {
                if stdin_used {
                    continue;
                }
                stdin_used = true;
                let mut b = Vec::new();
                stdin.read_to_end(&mut b).map(|_| b)
            }
            Some(p) => std::fs::read(p),
        };
        let report = match bytes {
            Err(e) => FileReport {
                display,
                path,
                outcome: Outcome::Unreadable {
                    message: e.to_string(),
                },
                findings: Vec::new(),
            },
            Ok(b) => match String::from_utf8(b) {
                Ok(text) => lint_text(display, path, &text),
                Err(_) => FileReport {
                    display,
                    path,
                    outcome: Outcome::Unreadable {
                        message: "the file is not UTF-8 text".to_owned(),
                    },
                    findings: Vec::new(),
                },
            },
        };
        reports.push(report);
    }
    let code = exit_code(&reports, args.fail_on);
    let shown = |f: &&Finding| args.info || f.issue.severity != Severity::Info;
    let written = match args.format {
        Format::Text => {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => terminal_color,
            };
            write_text(&reports, stdout, stderr, color, &shown)
        }
        Format::Json => {
            let v = json_report(&reports, code);
            serde_json::to_writer_pretty(&mut *stdout, &v)
                .map_err(std::io::Error::other)
                .and_then(|()| writeln!(stdout))
        }
        Format::Sarif => {
            let cwd = std::env::current_dir().ok();
            let v = crate::sarif::sarif(&reports, cwd.as_deref(), &shown);
            serde_json::to_writer_pretty(&mut *stdout, &v)
                .map_err(std::io::Error::other)
                .and_then(|()| writeln!(stdout))
        }
    };
    if written.is_err() {
        return EXIT_USAGE;
    }
    code
}

fn paint(color: bool, code: &str, s: &str) -> String {
    if color {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_owned()
    }
}

fn location(r: &FileReport, p: Option<TextPosition>) -> String {
    match p {
        Some(p) => format!("{}:{}:{}", r.display, p.line, p.column),
        None => format!("{}:1:1", r.display),
    }
}

fn write_text(
    reports: &[FileReport],
    out: &mut dyn Write,
    err: &mut dyn Write,
    color: bool,
    shown: &dyn Fn(&&Finding) -> bool,
) -> std::io::Result<()> {
    let (mut errors, mut warnings, mut infos, mut no_plan, mut unreadable) = (0, 0, 0, 0, 0);
    for r in reports {
        errors += r.count(Severity::Error);
        warnings += r.count(Severity::Warning);
        infos += r.count(Severity::Info);
        match &r.outcome {
            Outcome::NoPlan { reason } => {
                no_plan += 1;
                writeln!(
                    out,
                    "{}: {} no backup plan here ({reason})",
                    paint(color, "1", &format!("{}:1:1", r.display)),
                    paint(color, "36", "note:"),
                )?;
            }
            Outcome::Unreadable { message } if r.findings.is_empty() => {
                unreadable += 1;
                writeln!(
                    err,
                    "{}: {} cannot read: {message}",
                    r.display,
                    paint(color, "31;1", "error:")
                )?;
            }
            Outcome::Unreadable { .. } => unreadable += 1,
            _ => {}
        }
        for f in r.findings.iter().filter(|f| shown(f)) {
            let (word, c) = match f.issue.severity {
                Severity::Error => ("error", "31;1"),
                Severity::Warning => ("warning", "33;1"),
                Severity::Info => ("info", "36"),
            };
            writeln!(
                out,
                "{}: {} {}: {}",
                paint(color, "1", &location(r, f.position)),
                paint(color, c, word),
                paint(color, "1", &f.issue.code),
                f.issue.message
            )?;
            if let Some(h) = &f.issue.hint {
                writeln!(out, "    hint: {h}")?;
            }
        }
    }
    let files = reports.len();
    writeln!(
        out,
        "{files} file{}: {errors} error{}, {warnings} warning{}, {infos} info{}{}{}",
        if files == 1 { "" } else { "s" },
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
        if infos == 1 { "" } else { "s" },
        if no_plan > 0 {
            format!(", {no_plan} with no backup plan")
        } else {
            String::new()
        },
        if unreadable > 0 {
            format!(", {unreadable} unreadable")
        } else {
            String::new()
        },
    )
}

fn json_report(reports: &[FileReport], exit_code: i32) -> Value {
    let files: Vec<Value> = reports
        .iter()
        .map(|r| {
            let (outcome, extra) = match &r.outcome {
                Outcome::Read {
                    shape,
                    format,
                    plans,
                } => (
                    "read",
                    json!({"shape": shape, "format": format, "plans": plans}),
                ),
                Outcome::NoPlan { reason } => ("no_backup_plan", json!({"reason": reason})),
                Outcome::Refused { code, message } => (
                    "refused",
                    json!({"error": {"code": code.as_str(), "message": message}}),
                ),
                Outcome::Unreadable { message } => {
                    ("unreadable", json!({"error": {"message": message}}))
                }
            };
            let issues: Vec<Value> = r
                .findings
                .iter()
                .map(|f| {
                    let i = &f.issue;
                    json!({
                        "severity": severity_name(i.severity),
                        "code": i.code,
                        "input": i.input,
                        "path": i.path,
                        "line": f.position.map(|p| p.line),
                        "column": f.position.map(|p| p.column),
                        "exact": f.exact,
                        "message": i.message,
                        "hint": i.hint,
                    })
                })
                .collect();
            let mut v = json!({
                "file": r.display,
                "outcome": outcome,
                "error_count": r.count(Severity::Error),
                "warning_count": r.count(Severity::Warning),
                "info_count": r.count(Severity::Info),
                "issues": issues,
            });
            if let (Some(o), Value::Object(e)) = (v.as_object_mut(), extra) {
                o.extend(e);
            }
            v
        })
        .collect();
    json!({
        "tool": {"name": "drplan", "version": env!("CARGO_PKG_VERSION")},
        "exit_code": exit_code,
        "files": files,
    })
}
