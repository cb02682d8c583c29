use drplan::retention::*;
fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    let iters: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(10);
    let start = 1_420_070_400i64;
    let snaps: Vec<Snapshot> = (0..1_000_000).filter_map(|i| SnapshotTime::utc(start + 300 * i as i64).ok()).map(|t| Snapshot::at(t.with_offset(3600))).collect();
    let p: RetentionPolicy = serde_json::from_value(serde_json::json!({"keep_last": 24, "keep_daily": 7, "keep_weekly": 5, "keep_monthly": 12, "keep_yearly": 5})).unwrap_or_default();
    let now = SnapshotTime::utc(1_720_000_000).unwrap_or(engine::GO_ZERO);
    let (m, tz) = match mode.as_str() { "borg" => (RetentionMode::Borg12, Some("Europe/Berlin")), "none" => (RetentionMode::Restic016, None), _ => (RetentionMode::Restic016, None) };
    let mut k = 0;
    for _ in 0..iters { if mode != "none" { k += apply_retention(&snaps, &p, m, now, tz).map(|r| r.kept_count).unwrap_or(0); } }
    println!("{k}");
}
