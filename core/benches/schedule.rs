//! Schedule expansion speed: `cargo bench -p drplan --bench schedule`.
//!
//! Target: an hourly cron over 10 years (87,648 runs) well under 10 ms natively.
//! Each benchmark runs twice: `wall/…` (criterion's wall clock) and `cpu/…` (on-CPU time of the
//! benchmark thread from /proc/thread-self/schedstat, Linux only), because on a shared machine
//! the wall clock mostly measures the other processes.

use std::hint::black_box;

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use drplan::{schedule_runs, DstGapPolicy, Schedule, ScheduleOptions};
use jiff::Timestamp;

/// On-CPU nanoseconds of the calling thread (0 where schedstat is unavailable).
fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

struct CpuTime;

struct NanosFormatter;

impl ValueFormatter for NanosFormatter {
    fn scale_values(&self, typical: f64, values: &mut [f64]) -> &'static str {
        let (factor, unit) = if typical < 1e3 {
            (1.0, "ns")
        } else if typical < 1e6 {
            (1e-3, "µs")
        } else if typical < 1e9 {
            (1e-6, "ms")
        } else {
            (1e-9, "s")
        };
        for v in values {
            *v *= factor;
        }
        unit
    }

    fn scale_throughputs(
        &self,
        _typical: f64,
        throughput: &Throughput,
        values: &mut [f64],
    ) -> &'static str {
        let per = match throughput {
            Throughput::Elements(n) | Throughput::Bytes(n) | Throughput::BytesDecimal(n) => {
                *n as f64
            }
            _ => 1.0,
        };
        for v in values {
            *v = per * 1e9 / *v;
        }
        "elem/s"
    }

    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}

impl Measurement for CpuTime {
    type Intermediate = u64;
    type Value = u64;
    fn start(&self) -> u64 {
        thread_cpu_ns()
    }
    fn end(&self, i: u64) -> u64 {
        thread_cpu_ns().saturating_sub(i)
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, v: &u64) -> f64 {
        *v as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &NanosFormatter
    }
}

/// `short`: also the sub-millisecond benchmarks (schedstat is too coarse for them).
fn expansions<M: Measurement + 'static>(c: &mut Criterion<M>, label: &str, short: bool) {
    let from: Timestamp = "2026-01-01T00:00:00Z"
        .parse()
        .unwrap_or(Timestamp::UNIX_EPOCH);
    let until: Timestamp = "2036-01-01T00:00:00Z"
        .parse()
        .unwrap_or(Timestamp::UNIX_EPOCH);
    for tz in ["UTC", "America/New_York"] {
        let Ok(sched) = Schedule::parse("cron(0 * ? * * *)", tz, DstGapPolicy::Skip) else {
            return;
        };
        c.bench_function(&format!("{label}/hourly 10y iterator {tz}"), |b| {
            b.iter(|| {
                black_box(&sched)
                    .runs_from(from)
                    .take_while(|r| r.at < until)
                    .count()
            })
        });
    }
    if short {
        short_ones(c, label, from, until);
    }
    c.bench_function(
        &format!("{label}/hourly 10y schedule_runs (strings) America/New_York"),
        |b| {
            b.iter(|| {
                schedule_runs(
                    "cron(0 * ? * * *)",
                    Some("America/New_York"),
                    from,
                    Some(until),
                    Some(100_000),
                    &ScheduleOptions::default(),
                )
                .map(|o| o.runs.len())
            })
        },
    );
}

fn short_ones<M: Measurement + 'static>(
    c: &mut Criterion<M>,
    label: &str,
    from: Timestamp,
    until: Timestamp,
) {
    let Ok(weekdays) = Schedule::parse(
        "cron(0 5 ? * MON-FRI *)",
        "Europe/Berlin",
        DstGapPolicy::Skip,
    ) else {
        return;
    };
    c.bench_function(
        &format!("{label}/weekdays 10y iterator Europe/Berlin"),
        |b| {
            b.iter(|| {
                black_box(&weekdays)
                    .runs_from(from)
                    .take_while(|r| r.at < until)
                    .count()
            })
        },
    );
    c.bench_function(&format!("{label}/never fires (search to 2199)"), |b| {
        b.iter(|| {
            schedule_runs(
                "cron(0 0 30 2 ? *)",
                None,
                from,
                None,
                None,
                &ScheduleOptions::default(),
            )
            .is_err()
        })
    });
}

fn wall(c: &mut Criterion<WallTime>) {
    expansions(c, "wall", true);
}

fn cpu(c: &mut Criterion<CpuTime>) {
    expansions(c, "cpu", false);
}

criterion_group!(wall_benches, wall);
criterion_group! {
    name = cpu_benches;
    config = Criterion::default().with_measurement(CpuTime);
    targets = cpu
}
criterion_main!(wall_benches, cpu_benches);
