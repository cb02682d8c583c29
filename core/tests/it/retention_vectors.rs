//! Differential vectors: cases run through the REAL restic 0.14.0 and borg 1.2.4 (see
//! `tests/vectors/retention/generate.py`), replayed through `apply_retention`. Kept snapshots are
//! compared as multisets of (instant, tags) — both tools order equal timestamps arbitrarily
//! (retention.md §9).

use std::path::Path;

use serde_json::Value;

fn key(snapshot: &Value) -> (i128, Vec<String>) {
    let one: Vec<Value> = vec![snapshot.clone()];
    let parsed: Vec<drplan::Snapshot> =
        serde_json::from_value(Value::Array(one)).unwrap_or_default();
    match parsed.first() {
        Some(s) => {
            let mut tags = s.tags.clone();
            tags.sort();
            (s.time.instant(), tags)
        }
        None => (i128::MIN, vec![]),
    }
}

fn replay(file: &str) -> (usize, Vec<String>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors/retention")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut failures = Vec::new();
    let mut n = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        n += 1;
        let v: Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{file}: bad line: {e}"));
        let id = v["id"].as_str().unwrap_or("?").to_owned();
        let case = &v["case"];
        let got = drplan::json::apply_retention(
            case["snapshots"].clone(),
            case["policy"].clone(),
            case["mode"].clone(),
            case["now"].clone(),
            case["time_zone"].clone(),
        );
        let snaps = case["snapshots"].as_array().cloned().unwrap_or_default();
        match (v["error"].as_bool().unwrap_or(false), got) {
            (true, Err(_)) => {}
            (true, Ok(_)) => failures.push(format!(
                "{id}: the tool refused ({}) but drplan did not",
                v["tool_error"]
            )),
            (false, Err(e)) => failures.push(format!("{id}: drplan error {e}")),
            (false, Ok(out)) => {
                let mut want: Vec<_> = v["kept"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|i| i.as_u64())
                            .filter_map(|i| snaps.get(i as usize))
                            .map(key)
                            .collect()
                    })
                    .unwrap_or_default();
                let mut have: Vec<_> = out["kept"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|k| k["index"].as_u64())
                            .filter_map(|i| snaps.get(i as usize))
                            .map(key)
                            .collect()
                    })
                    .unwrap_or_default();
                want.sort();
                have.sort();
                if want != have {
                    failures.push(format!(
                        "{id}: tool kept {} snapshots, drplan {}; tool {:?}",
                        want.len(),
                        have.len(),
                        v["kept_times"]
                    ));
                }
            }
        }
    }
    (n, failures)
}

#[test]
fn restic_0_14_vectors_agree() {
    let (n, failures) = replay("restic.jsonl");
    assert!(n >= 200, "expected at least 200 restic vectors, found {n}");
    assert!(
        failures.is_empty(),
        "{} of {n} restic vectors disagree:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn borg_1_2_vectors_agree() {
    let (n, failures) = replay("borg.jsonl");
    assert!(n >= 200, "expected at least 200 borg vectors, found {n}");
    assert!(
        failures.is_empty(),
        "{} of {n} borg vectors disagree:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
