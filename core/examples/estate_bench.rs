//! The estate evaluation at scale: a synthetic estate (seeded) of N resources × P plans,
//! evaluated in one process, roll-ups only.
//!
//! ```text
//! cargo build --release -p drplan --example estate_bench
//! /usr/bin/time -v target/release/examples/estate_bench 1000000 50 [seed] [tag_key]
//! ```
//! Prints the time to generate and to evaluate, the schedule groups simulated and the totals
//! and per-Region roll-up as JSON.

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize, d: u64| -> u64 { args.get(i).and_then(|s| s.parse().ok()).unwrap_or(d) };
    let resources = arg(1, 100_000) as usize;
    let plans = arg(2, 50) as usize;
    let seed = arg(3, 7);
    let tag = args.get(4).cloned().unwrap_or_else(|| "team".to_owned());
    let t0 = Instant::now();
    let estate = drplan::synthetic_estate(&drplan::SyntheticSpec {
        seed,
        resources,
        plans,
        accounts: 40,
        regions: 4,
    });
    let generated = t0.elapsed();
    let options = drplan::EstateOptions {
        summary_only: true,
        tag_keys: vec![tag],
        ..drplan::EstateOptions::default()
    };
    let book = drplan::default_price_book();
    let t1 = Instant::now();
    let out = drplan::evaluate_estate(&estate, &book, &options)?;
    let evaluated = t1.elapsed();
    println!(
        "resources {resources}, plans {plans}, seed {seed}: generated in {:.2} s, evaluated in {:.2} s, {} schedule groups simulated",
        generated.as_secs_f64(),
        evaluated.as_secs_f64(),
        out.schedule_groups
    );
    println!(
        "{}",
        serde_json::to_string_pretty(&serde_json::json!({
            "totals": out.totals,
            "by_region": out.by_region,
            "by_tag": out.by_tag,
            "defaults": out.defaults,
        }))?
    );
    Ok(())
}
