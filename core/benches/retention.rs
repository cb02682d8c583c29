//! `cargo bench -p drplan --bench retention`: the retention engine on 1,000,000 snapshots
//! (one every 5 minutes, ~9.5 years) under a 5-rule policy.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use drplan::{apply_retention, RetentionMode, RetentionPolicy, Snapshot, SnapshotTime};

fn snapshots(n: usize) -> Vec<Snapshot> {
    let start = 1_420_070_400i64; // 2015-01-01T00:00:00Z
    (0..n)
        .filter_map(|i| SnapshotTime::utc(start + 300 * i as i64).ok())
        .map(|t| Snapshot::at(t.with_offset(3600)))
        .collect()
}

fn policy() -> RetentionPolicy {
    serde_json::from_value(serde_json::json!({
        "keep_last": 24, "keep_daily": 7, "keep_weekly": 5, "keep_monthly": 12, "keep_yearly": 5
    }))
    .unwrap_or_default()
}

fn bench(c: &mut Criterion) {
    let snaps = snapshots(1_000_000);
    let p = policy();
    let Ok(now) = SnapshotTime::utc(1_720_000_000) else {
        return;
    };
    let mut g = c.benchmark_group("apply_retention_1M_5_rules");
    g.sample_size(10);
    for (name, mode, tz) in [
        ("restic-0.14", RetentionMode::Restic014, None),
        ("restic-0.16+", RetentionMode::Restic016, None),
        ("borg-1.2 UTC", RetentionMode::Borg12, Some("UTC")),
        (
            "borg-1.2 Europe/Berlin",
            RetentionMode::Borg12,
            Some("Europe/Berlin"),
        ),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| apply_retention(black_box(&snaps), &p, mode, now, tz).map(|r| r.kept_count))
        });
    }
    let mut shuffled = snaps.clone();
    shuffled.reverse();
    shuffled.swap(10, 500_000);
    g.bench_function("restic-0.16+ unsorted input", |b| {
        b.iter(|| {
            apply_retention(
                black_box(&shuffled),
                &p,
                RetentionMode::Restic016,
                now,
                None,
            )
            .map(|r| r.kept_count)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
