//! Cost projection benchmark: a 4-rule AWS Backup plan (hourly / daily / weekly / monthly) over
//! 10 years for 1,000 resources, recovery-point lifecycles generated synthetically here (the plan
//! simulation is not used). Target: < 50 ms per projection. Run:
//! `cargo bench -p drplan --bench cost`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use criterion::{criterion_group, criterion_main, Criterion};
use drplan::{backup_cost, BackupCostOptions, CopyOf, RecoveryPointLife, Repeat};
use drplan::{price_book, PriceBook, PriceBookInput};
use std::hint::black_box;

const DAY: f64 = 86_400.0;
const HORIZON_DAYS: f64 = 3650.0;

/// Deterministic pseudo-random sizes (no randomness in the core; the bench seeds its own).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[allow(clippy::too_many_arguments)]
fn series(
    ty: &str,
    id: &str,
    vault: &str,
    region: &str,
    every_days: f64,
    size: f64,
    cold_after_days: Option<f64>,
    delete_after_days: f64,
    start: f64,
) -> RecoveryPointLife {
    let count = ((HORIZON_DAYS - start / DAY) / every_days).ceil() as u32;
    RecoveryPointLife {
        resource_type: serde_json::from_value(serde_json::json!(ty)).unwrap(),
        resource_id: id.to_owned(),
        vault: vault.to_owned(),
        region: region.to_owned(),
        account: None,
        created_at_seconds: start,
        size_gib: size,
        full: false,
        full_size_gib: None,
        cold_at_seconds: cold_after_days.map(|c| start + c * DAY),
        deleted_at_seconds: Some(start + delete_after_days * DAY),
        copy: None,
        continuous: false,
        repeat: Some(Repeat {
            count,
            every_seconds: every_days * DAY,
        }),
    }
}

/// 1,000 resources × (first full + hourly 1 d + daily 35 d + weekly cold 30 / delete 365 +
/// monthly cold 90 / delete 7 y), daily copies to us-west-2 for every fifth resource.
fn plan_points(resources: usize) -> Vec<RecoveryPointLife> {
    let mut rng = Lcg(42);
    let types = [
        "EBS", "EBS", "RDS", "EFS", "EFS", "DynamoDB", "Aurora", "EBS", "RDS", "EFS",
    ];
    let mut out = Vec::new();
    for r in 0..resources {
        let ty = types[r % types.len()];
        let tiering = matches!(ty, "EFS" | "DynamoDB");
        let id = format!("res-{r}");
        let full = 10.0 + rng.next() * 990.0;
        let change = 0.005 + rng.next() * 0.05; // daily change share
        let offset = rng.next() * 3600.0;
        let mut base = series(ty, &id, "prod", "us-east-1", 1.0, full, None, 1.0, offset);
        base.repeat = None;
        base.full = true;
        base.deleted_at_seconds = None;
        out.push(base);
        out.push(series(
            ty,
            &id,
            "prod",
            "us-east-1",
            1.0 / 24.0,
            full * change / 24.0,
            None,
            1.0,
            offset + 3600.0,
        ));
        out.push(series(
            ty,
            &id,
            "prod",
            "us-east-1",
            1.0,
            full * change,
            None,
            35.0,
            offset + 5.0 * 3600.0,
        ));
        out.push(series(
            ty,
            &id,
            "prod",
            "us-east-1",
            7.0,
            full * change * 7.0,
            tiering.then_some(30.0),
            365.0,
            offset + 6.0 * 3600.0,
        ));
        out.push(series(
            ty,
            &id,
            "prod",
            "us-east-1",
            730.0 / 24.0,
            full * change * 30.0,
            tiering.then_some(90.0),
            2555.0,
            offset + 7.0 * 3600.0,
        ));
        if r % 5 == 0 {
            let mut first = series(
                ty,
                &id,
                "dr",
                "us-west-2",
                1.0,
                full,
                None,
                35.0,
                offset + 5.0 * 3600.0,
            );
            first.repeat = None;
            first.full = true;
            first.copy = Some(CopyOf {
                source_region: "us-east-1".into(),
                source_vault: Some("prod".into()),
                source_account: None,
                transferred_gib: full,
                copied_at_seconds: None,
            });
            out.push(first);
            let mut inc = series(
                ty,
                &id,
                "dr",
                "us-west-2",
                1.0,
                full * change,
                None,
                35.0,
                offset + 5.0 * 3600.0 + DAY,
            );
            inc.copy = Some(CopyOf {
                source_region: "us-east-1".into(),
                source_vault: Some("prod".into()),
                source_account: None,
                transferred_gib: full * change,
                copied_at_seconds: None,
            });
            out.push(inc);
        }
    }
    out
}

fn book() -> PriceBook {
    let input: PriceBookInput = serde_json::from_value(serde_json::json!({
        "prices": {"backup.dynamodb.cold_gb_month": 0.03}
    }))
    .unwrap();
    price_book(&input).unwrap()
}

fn options() -> BackupCostOptions {
    serde_json::from_value(serde_json::json!({
        "horizon_months": 120,
        "rds_allocated_gib": {"us-east-1": 20000},
        "region_prices": {"us-west-2": {"prices": {"backup.ebs.warm_gb_month": 0.05}}}
    }))
    .unwrap()
}

/// 100 resources with explicit daily points (no `repeat`) for 10 years: 365,000 records.
fn explicit_points(resources: usize) -> Vec<RecoveryPointLife> {
    let mut out = Vec::new();
    for r in 0..resources {
        let mut s = series(
            "EBS",
            &format!("vol-{r}"),
            "prod",
            "us-east-1",
            1.0,
            5.0,
            None,
            35.0,
            0.0,
        );
        let n = s.repeat.take().map(|x| x.count).unwrap_or(1);
        for k in 0..n {
            let mut p = s.clone();
            p.created_at_seconds = f64::from(k) * DAY;
            p.deleted_at_seconds = Some(p.created_at_seconds + 35.0 * DAY);
            out.push(p);
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let pts = plan_points(1000);
    let (book, opts) = (book(), options());
    let once = backup_cost(&pts, &book, &opts).unwrap();
    eprintln!(
        "plan: {} records standing for {} points; steady state: {:?} from month {:?}; horizon total ${:.2}",
        once.point_records,
        once.points,
        once.steady_state.monthly_usd,
        once.steady_state.from_month,
        once.horizon_usd.total_usd
    );
    let mut g = c.benchmark_group("cost");
    g.sample_size(20);
    g.bench_function("4-rule plan, 10 years, 1,000 resources", |b| {
        b.iter(|| backup_cost(black_box(&pts), black_box(&book), black_box(&opts)).unwrap())
    });
    let explicit = explicit_points(100);
    let light: BackupCostOptions =
        serde_json::from_value(serde_json::json!({"horizon_months": 120})).unwrap();
    g.bench_function("365,000 explicit daily points, 10 years", |b| {
        b.iter(|| backup_cost(black_box(&explicit), black_box(&book), black_box(&light)).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
