//! Fuzz the AWS cron parser and the bounded expansion: never a panic, never a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (expr, zone) = text.split_once('|').unwrap_or((text, "UTC"));
    if let Ok(cron) = drplan::AwsCron::parse(expr) {
        let _ = cron.fires_ever();
    }
    let from: jiff::Timestamp = "2026-01-01T00:00:00Z"
        .parse()
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let _ = drplan::schedule_runs(expr, Some(zone), from, None, Some(50), &Default::default());
});
