//! Schedule expansion speed: `cargo bench -p drplan --bench schedule`.
//! Target (issue 3 §3): an hourly cron over 10 years (87,648 runs) well under 10 ms natively.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use drplan::schedule::{schedule_runs, DstGapPolicy, Schedule, ScheduleOptions};
use jiff::Timestamp;

fn ten_years(c: &mut Criterion) {
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
        c.bench_function(&format!("hourly 10y iterator {tz}"), |b| {
            b.iter(|| {
                black_box(&sched)
                    .runs_from(from)
                    .take_while(|r| r.at < until)
                    .count()
            })
        });
    }
    let Ok(daily) = Schedule::parse(
        "cron(0 5 ? * MON-FRI *)",
        "Europe/Berlin",
        DstGapPolicy::Skip,
    ) else {
        return;
    };
    c.bench_function("weekdays 10y iterator Europe/Berlin", |b| {
        b.iter(|| {
            black_box(&daily)
                .runs_from(from)
                .take_while(|r| r.at < until)
                .count()
        })
    });
    c.bench_function("hourly 10y schedule_runs (strings) America/New_York", |b| {
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
    });
    c.bench_function("never fires (search to 2199)", |b| {
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

criterion_group!(benches, ten_years);
criterion_main!(benches);
