//! P3 with a directory-format dump in parallel jobs: `pg_dump -Fd -j N` + `pg_restore -j`
//! (migration.md §10.5).

use super::postgres;
use crate::migration::assumptions::Param;
use crate::migration::context::Ctx;
use crate::migration::draft::Draft;
use crate::migration::estimate::{self, GIB};
use crate::migration::report::EstimateTerm;

const SRC: &str = "https://www.postgresql.org/docs/current/app-pgdump.html (-j, -Fd)";

pub(super) fn pg_dump_parallel(ctx: &Ctx) -> Draft {
    // Everything of P3 (checks, prerequisites, load, steps) except the dump itself.
    let mut d = postgres::pg_dump(ctx);
    let jobs = d.rate(ctx, Param::PgDumpJobs).max(1.0).floor();
    let per_job = d.rate(ctx, Param::PgDumpRate);
    // Each job dumps whole tables: the even share of the data, or the largest table, whichever
    // takes longer (DERIVED, migration.md §10.5).
    let share = ctx.bytes / jobs;
    let largest = ctx.s.source.largest_table_gib.map(|g| g.0 * GIB);
    let (bound, what) = match largest {
        Some(l) if l > share => (l, "the largest table"),
        _ => (share, "an even share per job"),
    };
    let seconds = bound * 8.0 / per_job;
    let term = EstimateTerm {
        what: format!("pg_dump -Fd -j {} (bounded by {what})", estimate::num(jobs)),
        seconds,
        formula: format!(
            "{} GiB × 2^30 × 8 / {} bit/s per job",
            estimate::num(bound / GIB),
            estimate::num(per_job)
        ),
        assumptions: vec![
            Param::PgDumpRate.name().to_owned(),
            Param::PgDumpJobs.name().to_owned(),
        ],
    };
    if let Some(first) = d.copy.first_mut() {
        *first = term;
    }
    if largest.is_none() {
        d.note(
            "pg_dump_largest_table_unknown",
            "largest_table_gib not given: the parallel dump is estimated as evenly spread over the jobs, but one job dumps each table — a dominant table makes it as slow as a single-stream dump",
            "migration.md §10.5",
        );
    }
    d.prereq(
        format!(
            "max_connections on the source leaves room for {} connections (pg_dump -j {} opens jobs + 1)",
            estimate::num(jobs + 1.0),
            estimate::num(jobs)
        ),
        SRC,
    );
    d.prereq(
        "A file system for the dump directory (the directory format cannot stream to stdout); send the directory to the loading host",
        SRC,
    );
    if let Some(s) = d.steps.first_mut() {
        *s = format!(
            "Stop writes; pg_dump -Fd -j {} -f <dir> the database; pg_dumpall --globals-only for roles",
            estimate::num(jobs)
        );
    }
    d
}
