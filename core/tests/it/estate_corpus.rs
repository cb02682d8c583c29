//! The corpus of real AWS CLI outputs (the CLI's own examples), read where it sits beside the
//! repository, never committed: every file of `$DRPLAN_CORPUS/cli-exports` is read by
//! `read_estate` in one call, and each file's detected shape and issue codes are compared with
//! `tests/corpus/cli-exports.json`. Without `DRPLAN_CORPUS` (or the folder) there is nothing to
//! compare and the test says so; `make corpus` sets it from `CORPUS`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

#[test]
fn estate_corpus() {
    let Some(root) = std::env::var_os("DRPLAN_CORPUS").map(PathBuf::from) else {
        eprintln!("estate_corpus: DRPLAN_CORPUS not set: skipped");
        return;
    };
    let dir = root.join("cli-exports");
    if !dir.is_dir() {
        eprintln!("estate_corpus: {} not found: skipped", dir.display());
        return;
    }
    let expect_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/cli-exports.json");
    let expect: Value =
        serde_json::from_str(&std::fs::read_to_string(expect_path).unwrap()).unwrap();
    let expect = expect["files"].as_object().unwrap();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    let documents: Vec<drplan::EstateDocument> = names
        .iter()
        .map(|n| drplan::EstateDocument {
            name: n.clone(),
            content: Value::String(std::fs::read_to_string(dir.join(n)).unwrap()),
            account: None,
            region: None,
            subject: None,
        })
        .collect();
    let read = drplan::read_estate(&documents, &drplan::EstateReadOptions::default()).unwrap();
    let mut codes: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for i in &read.issues {
        let index = i
            .path
            .split('/')
            .nth(1)
            .and_then(|x| x.parse::<usize>().ok())
            .unwrap();
        if i.severity != drplan::Severity::Info {
            codes.entry(index).or_default().push(i.code.clone());
        }
    }
    let mut failures = Vec::new();
    for (k, name) in names.iter().enumerate() {
        let Some(want) = expect.get(name) else {
            failures.push(format!("{name}: not in tests/corpus/cli-exports.json"));
            continue;
        };
        let shape = read.documents[k]
            .shape
            .clone()
            .map(Value::String)
            .unwrap_or(Value::Null);
        if shape != want["shape"] {
            failures.push(format!("{name}: shape {shape}, expected {}", want["shape"]));
        }
        let mut got = codes.remove(&k).unwrap_or_default();
        got.sort();
        let mut wanted: Vec<String> = want["issues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_owned())
            .collect();
        wanted.sort();
        if got != wanted {
            failures.push(format!("{name}: issues {got:?}, expected {wanted:?}"));
        }
    }
    for name in expect.keys() {
        if !names.contains(name) {
            failures.push(format!("{name}: expected, but not in the corpus"));
        }
    }
    eprintln!(
        "estate_corpus: {} files, {} read, {} failures",
        names.len(),
        read.documents.iter().filter(|d| d.shape.is_some()).count(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
