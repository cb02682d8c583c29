//! drplan on the command line: `drplan lint`, `drplan schedule`, `drplan simulate`,
//! `drplan estate read`, `drplan runbook`.
//!
//! The whole command line is one function, [`run`], over arguments and three streams, so the
//! `drplan` binary of this crate and the Python package's `drplan` console script (through
//! `drplan._native.cli_main`) are the same program. It holds no domain logic: it reads files,
//! calls the core's contract functions and formats their answers (text, JSON, SARIF 2.1.0).
//!
//! Exit codes: 0 clean (or only findings below `--fail-on`), 1 findings at or above
//! `--fail-on`, 2 usage error or input that cannot be read (missing file, not UTF-8, not JSON or
//! YAML, a schedule or plan the core refuses).

#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

use std::ffi::OsString;
use std::io::{Read, Write};

use clap::{Parser, Subcommand};

mod commands;
mod estate;
mod lint;
mod runbook;
mod sarif;

/// Exit code: nothing at or above the threshold.
pub const EXIT_CLEAN: i32 = 0;
/// Exit code: findings at or above the threshold.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code: usage error, or an input that cannot be read.
pub const EXIT_USAGE: i32 = 2;

const TOP_EXAMPLES: &str = "\
Examples:
  drplan lint backup.yaml
  drplan lint --format sarif templates/ > drplan.sarif
  drplan schedule 'cron(0 5 ? * * *)' --tz Europe/Berlin --from 2026-03-01T00:00:00Z --count 5
  drplan simulate plan.json --resource EBS:100:0.02 --years 3
  drplan estate read exports/
  drplan runbook workload.json --strategy pilot_light --disruption region

Exit codes:
  0  clean (nothing at or above --fail-on)
  1  findings at or above --fail-on
  2  usage error, or an input that cannot be read";

#[derive(Debug, Parser)]
#[command(
    name = "drplan",
    version,
    about = "Check, schedule and simulate AWS Backup plans (CloudFormation, AWS CLI JSON, Organizations policies); read AWS CLI inventory exports into an estate",
    after_help = TOP_EXAMPLES,
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint backup plan documents: every AWS rule, with file:line:col for each finding.
    #[command(after_help = lint::HELP)]
    Lint(lint::LintArgs),
    /// Run times of an AWS Backup cron expression in a time zone, or its gaps (--summary).
    #[command(after_help = commands::SCHEDULE_HELP)]
    Schedule(commands::ScheduleArgs),
    /// Simulate a plan over years for some resources: steady state, RPO and the monthly bill.
    #[command(after_help = commands::SIMULATE_HELP)]
    Simulate(commands::SimulateArgs),
    /// Read AWS CLI inventory exports into one estate (`drplan estate read PATH…`).
    Estate(estate::EstateArgs),
    /// A strategy's recovery from one disruption as a Markdown runbook.
    #[command(after_help = runbook::HELP)]
    Runbook(runbook::RunbookArgs),
}

/// The streams and terminal facts one run uses.
#[allow(missing_debug_implementations)]
pub struct Io<'a> {
    pub stdin: &'a mut dyn Read,
    pub stdout: &'a mut dyn Write,
    pub stderr: &'a mut dyn Write,
    /// Colour the text output when `--color auto` (the caller knows whether stdout is a
    /// terminal and whether `NO_COLOR` is set: see [`main_with_std_io`]).
    pub color: bool,
}

/// Run the command line (`args` includes the program name) and return the exit code. Never
/// colours: for a terminal use [`run_with`] or [`main_with_std_io`].
pub fn run<I, T>(
    args: I,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    run_with(
        args,
        Io {
            stdin,
            stdout,
            stderr,
            color: false,
        },
    )
}

/// [`run`] with colour decided by the caller.
pub fn run_with<I, T>(args: I, io: Io<'_>) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let Io {
        stdin,
        stdout,
        stderr,
        color,
    } = io;
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            use clap::error::ErrorKind;
            return match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    let _ = write!(stdout, "{}", e.render());
                    EXIT_CLEAN
                }
                _ => {
                    let _ = write!(stderr, "{}", e.render());
                    EXIT_USAGE
                }
            };
        }
    };
    let code = match cli.command {
        Command::Lint(a) => lint::lint(&a, stdin, stdout, stderr, color),
        Command::Schedule(a) => commands::schedule(&a, stdout, stderr),
        Command::Simulate(a) => commands::simulate(&a, stdin, stdout, stderr),
        Command::Estate(a) => estate::estate(&a, stdin, stdout, stderr),
        Command::Runbook(a) => runbook::runbook(&a, stdin, stdout, stderr),
    };
    let _ = stdout.flush();
    let _ = stderr.flush();
    code
}

/// Run with the process's own streams: colour when stdout is a terminal and `NO_COLOR` is unset
/// or empty (<https://no-color.org>). What the `drplan` binary and the Python console script call.
pub fn main_with_std_io<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    use std::io::IsTerminal;
    let stdout = std::io::stdout();
    let color = stdout.is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var_os("TERM").is_none_or(|v| v != "dumb");
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut err = std::io::stderr().lock();
    let mut input = std::io::stdin().lock();
    run_with(
        args,
        Io {
            stdin: &mut input,
            stdout: &mut out,
            stderr: &mut err,
            color,
        },
    )
}
