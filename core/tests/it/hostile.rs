//! The hostile-input campaign, Rust surface: every case of `tests/hostile/cases.json` (written by
//! `tests/hostile/generate.py`, which documents the macros) runs in a child process (this binary
//! again, `hostile_child`) under a resource guard — `ulimit -v` 1 GiB and 10 s (60 s in an
//! unoptimized build) — and must give the case's answer: the same error code, issue code, path
//! and input as Node and Python, or success. A child that dies, runs out of memory or time, or
//! answers otherwise fails the campaign; so does an error message over 1,000 characters.
//! Cases that a Rust value cannot hold (lone surrogates, non-string keys) are skipped here.

use serde_json::{Map, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CASE_ENV: &str = "DRPLAN_HOSTILE_CASE";
const MARK: &str = "HOSTILE_RESULT ";
const MEMORY_KIB: u64 = 1024 * 1024;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn cases() -> Vec<Value> {
    let text = std::fs::read_to_string(root().join("tests/hostile/cases.json")).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    v["cases"].as_array().unwrap().clone()
}

/// The macros of generate.py; `None` when a Rust value cannot hold the result.
fn expand(v: &Value) -> Option<Value> {
    match v {
        Value::Array(items) => items
            .iter()
            .map(expand)
            .collect::<Option<Vec<_>>>()
            .map(Value::Array),
        Value::Object(m) => {
            if let Some(x) = m.get("$repeat") {
                let n = m["times"].as_u64().unwrap() as usize;
                return Some(match expand(x)? {
                    Value::String(s) => Value::String(s.repeat(n)),
                    other => Value::Array(vec![other; n]),
                });
            }
            if let Some(n) = m.get("$nest") {
                let mut out = expand(&m["leaf"])?;
                for _ in 0..n.as_u64().unwrap() {
                    out = match m.get("key").and_then(Value::as_str) {
                        Some(k) => {
                            let mut o = Map::new();
                            o.insert(k.to_owned(), out);
                            Value::Object(o)
                        }
                        None => Value::Array(vec![out]),
                    };
                }
                return Some(out);
            }
            if let Some(parts) = m.get("$concat") {
                let mut s = String::new();
                for p in parts.as_array().unwrap() {
                    s.push_str(expand(p)?.as_str().unwrap());
                }
                return Some(Value::String(s));
            }
            if let Some(x) = m.get("$text") {
                return Some(Value::String(serde_json::to_string(&expand(x)?).unwrap()));
            }
            if let Some(name) = m.get("$golden") {
                let path = root()
                    .join("tests/golden")
                    .join(name.as_str().unwrap())
                    .join("input.json");
                let input: Value =
                    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
                let mut args = input["args"].clone();
                for set in m.get("set").and_then(Value::as_array).into_iter().flatten() {
                    let at = args.pointer_mut(set[0].as_str().unwrap()).unwrap();
                    *at = expand(&set[1])?;
                }
                return Some(args);
            }
            if m.contains_key("$surrogate") || m.contains_key("$map") {
                return None;
            }
            if m.contains_key("$float") {
                return Some(Value::Null); // what both bindings make of NaN and the infinities
            }
            let mut out = Map::new();
            for (k, x) in m {
                out.insert(k.clone(), expand(x)?);
            }
            Some(Value::Object(out))
        }
        other => Some(other.clone()),
    }
}

/// Every `{code, path}` issue in an answer (for warnings expected on success).
fn issues(v: &Value, out: &mut Vec<(String, String)>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| issues(x, out)),
        Value::Object(m) => {
            if let (Some(Value::String(c)), Some(Value::String(p))) = (m.get("code"), m.get("path"))
            {
                out.push((c.clone(), p.clone()));
            }
            // What an export lists as not carried or as a placeholder counts as reported at its path.
            for kind in ["not_exported", "placeholders"] {
                if let Some(Value::Array(notes)) = m.get(kind) {
                    for n in notes {
                        if let Some(Value::String(p)) = n.get("path") {
                            out.push((kind.to_owned(), p.clone()));
                        }
                    }
                }
            }
            m.values().for_each(|x| issues(x, out));
        }
        _ => {}
    }
}

/// The child: one case, its summary printed after [`MARK`]. Does nothing in a normal test run.
#[test]
fn hostile_child() {
    let Ok(name) = std::env::var(CASE_ENV) else {
        return;
    };
    let case = cases()
        .into_iter()
        .find(|c| c["name"] == name.as_str())
        .unwrap();
    let Some(Value::Array(args)) = expand(&case["args"]) else {
        println!("{MARK}{}", serde_json::json!({"skip": true}));
        return;
    };
    let function = case["function"].as_str().unwrap();
    let answer = if function == "human_duration" {
        drplan::json::human_duration(args.into_iter().next().unwrap_or(Value::Null))
    } else {
        drplan::json::call(function, args)
    };
    let summary = match answer {
        Ok(v) => {
            let mut found = Vec::new();
            issues(&v, &mut found);
            serde_json::json!({"ok": true, "issues": found})
        }
        Err(e) => serde_json::json!({
            "ok": false,
            "code": e.code.as_str(),
            "issue": e.issues[0].code,
            "path": e.issues[0].path,
            "input": e.issues[0].input,
            "message_len": e.to_string().chars().count()
                .max(e.issues.iter().map(|i| i.message.chars().count()).max().unwrap_or(0)),
        }),
    };
    println!("{MARK}{summary}");
}

/// Run one case in a guarded child; its summary or why it failed.
fn run_guarded(name: &str) -> Result<Value, String> {
    let exe = std::env::current_exe().unwrap();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_KIB} && exec \"$0\" \"$@\""))
        .arg(exe)
        .args([
            "hostile::hostile_child",
            "--exact",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env(CASE_ENV, name)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let limit = Duration::from_secs(if cfg!(debug_assertions) { 60 } else { 10 });
    let start = Instant::now();
    loop {
        if child.try_wait().map_err(|e| e.to_string())?.is_some() {
            break;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("over the guard's {} s", limit.as_secs()));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    match stdout
        .lines()
        .find_map(|l| l.find(MARK).map(|i| &l[i + MARK.len()..]))
    {
        Some(json) => serde_json::from_str(json).map_err(|e| e.to_string()),
        None => Err(format!(
            "the child died ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()
                .unwrap_or("")
        )),
    }
}

/// What a summary should be, or why it is not.
pub fn check(expect: &Value, got: &Value) -> Result<(), String> {
    if let Some(e) = expect.get("error") {
        let want = [&e["code"], &e["issue"], &e["path"], &e["input"]];
        let have = [&got["code"], &got["issue"], &got["path"], &got["input"]];
        if got["ok"] != false || want != have {
            return Err(format!("want {want:?}, got {got}"));
        }
        if got["message_len"].as_u64().unwrap_or(u64::MAX) > 1000 {
            return Err(format!("message of {} characters", got["message_len"]));
        }
        return Ok(());
    }
    if got["ok"] != true {
        return Err(format!("want success, got {got}"));
    }
    let wanted = expect.get("has_issue").into_iter().chain(
        expect
            .get("has_issues")
            .and_then(Value::as_array)
            .into_iter()
            .flatten(),
    );
    for w in wanted {
        let found = got["issues"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|i| i[0] == w["code"] && i[1] == w["path"]);
        if !found {
            return Err(format!("want issue {w} in {}", got["issues"]));
        }
    }
    Ok(())
}

#[test]
fn hostile_campaign() {
    if std::env::var(CASE_ENV).is_ok() {
        return;
    }
    let all = cases();
    assert!(all.len() >= 40, "the corpus has {} cases", all.len());
    let mut failures = Vec::new();
    let mut items = std::collections::BTreeSet::new();
    let (mut ran, mut skipped) = (0, 0);
    for case in &all {
        let name = case["name"].as_str().unwrap();
        match run_guarded(name) {
            Ok(got) if got["skip"] == true => skipped += 1,
            Ok(got) => {
                ran += 1;
                items.insert(case["item"].as_u64().unwrap());
                if let Err(why) = check(&case["expect"], &got) {
                    failures.push(format!("{name}: {why}"));
                }
            }
            Err(why) => failures.push(format!("{name}: {why}")),
        }
    }
    eprintln!("hostile campaign: {ran} cases run, {skipped} skipped (not a Rust value)");
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
    assert_eq!(
        items.into_iter().collect::<Vec<_>>(),
        (1..=13).collect::<Vec<_>>(),
        "every item of the campaign has a case"
    );
}
