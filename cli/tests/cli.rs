//! The command line through its library function `run`: exit codes, text, JSON and SARIF
//! output, positions on JSON and YAML, stdin, folders, schedule and simulate.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;

use serde_json::Value;

#[path = "support/sarif_check.rs"]
mod sarif_check;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

/// Exit code, stdout, stderr of one run.
fn drplan(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let argv: Vec<&str> = std::iter::once("drplan")
        .chain(args.iter().copied())
        .collect();
    let code = drplan_cli::run(argv, &mut stdin.as_bytes(), &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

fn json_out(args: &[&str], stdin: &str) -> (i32, Value) {
    let (code, out, err) = drplan(args, stdin);
    let v = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    (code, v)
}

#[test]
fn exit_codes_follow_the_threshold() {
    // clean.json has only an info note: clean under both thresholds.
    assert_eq!(drplan(&["lint", &fixture("clean.json")], "").0, 0);
    assert_eq!(
        drplan(
            &["lint", "--fail-on", "warning", &fixture("clean.json")],
            ""
        )
        .0,
        0
    );
    // bad.json: one error and one warning.
    assert_eq!(drplan(&["lint", &fixture("bad.json")], "").0, 1);
    // A document with no backup plan is a note, not a finding.
    let (code, out, _) = drplan(&["lint", &fixture("controls.yaml")], "");
    assert_eq!(code, 0);
    assert!(
        out.contains("controls.yaml:1:1: note: no backup plan here"),
        "{out}"
    );
    // Unreadable input and usage errors: 2.
    let (code, out, _) = drplan(&["lint", &fixture("broken.yaml")], "");
    assert_eq!(code, 2);
    assert!(out.contains("broken.yaml:4:1: error yaml_syntax:"), "{out}");
    let (code, _, err) = drplan(&["lint", &fixture("missing.yaml")], "");
    assert_eq!(code, 2);
    assert!(err.contains("missing.yaml: error: cannot read"), "{err}");
    assert_eq!(drplan(&["lint"], "").0, 2);
    assert_eq!(drplan(&["lint", "--format", "xml", "x"], "").0, 2);
    assert_eq!(drplan(&["frobnicate"], "").0, 2);
    // Unreadable wins over findings.
    let both = drplan(&["lint", &fixture("bad.json"), &fixture("broken.yaml")], "");
    assert_eq!(both.0, 2);
}

#[test]
fn warning_threshold_fails_on_warnings() {
    // A plan whose only finding is a warning (no copy to another Region).
    let text = r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "vault",
        "ScheduleExpression": "cron(0 5 ? * * *)", "StartWindowMinutes": 60,
        "Lifecycle": {"DeleteAfterDays": 35}}]}"#;
    let (code, out, _) = drplan(&["lint", "-"], text);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("\n-:") || out.starts_with("-:"), "{out}");
    assert!(out.contains("warning no_cross_region_copy"), "{out}");
    assert_eq!(drplan(&["lint", "--fail-on", "warning", "-"], text).0, 1);
}

#[test]
fn text_output_is_file_line_col_severity_code_message() {
    let path = fixture("bad.yaml");
    let (code, out, _) = drplan(&["lint", &path], "");
    assert_eq!(code, 1);
    let first = out.lines().next().unwrap();
    // DeleteAfterDays sits on the flow mapping's second line.
    assert_eq!(
        first,
        format!("{path}:17:15: error lifecycle_cold_minimum: rule daily deletes after 60 days but moves to cold after 30: recovery points must stay in cold storage at least 90 days, so DeleteAfterDays must be ≥ 120 [L1]")
    );
    assert!(out
        .lines()
        .nth(1)
        .unwrap()
        .starts_with("    hint: aws-backup.md §5.3 L1"));
    // Info notes only with --info; no colour unless asked.
    assert!(!out.contains(" info "), "{out}");
    assert!(!out.contains('\x1b'));
    let (_, out, _) = drplan(&["lint", "--info", &path], "");
    assert!(out.contains("info cold_tier_depends_on_type"), "{out}");
    let (_, out, _) = drplan(&["lint", "--color", "always", &path], "");
    assert!(out.contains("\x1b[31;1merror\x1b[0m"), "{out}");
    assert!(
        out.ends_with("1 file: 1 error, 1 warning, 1 info\n"),
        "{out}"
    );
}

#[test]
fn positions_on_json_and_yaml() {
    let (_, v) = json_out(
        &[
            "lint",
            "--format",
            "json",
            &fixture("bad.json"),
            &fixture("bad.yaml"),
        ],
        "",
    );
    let files = v["files"].as_array().unwrap();
    let find = |f: &Value, code: &str| -> (u64, u64, String) {
        let i = f["issues"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["code"] == code)
            .unwrap_or_else(|| panic!("{code} in {f}"));
        (
            i["line"].as_u64().unwrap(),
            i["column"].as_u64().unwrap(),
            i["path"].as_str().unwrap().to_owned(),
        )
    };
    // JSON: the key "DeleteAfterDays" on line 10, column 57.
    assert_eq!(
        find(&files[0], "lifecycle_cold_minimum"),
        (
            10,
            57,
            "/BackupPlan/Rules/0/Lifecycle/DeleteAfterDays".to_owned()
        )
    );
    assert_eq!(find(&files[0], "cold_tier_depends_on_type").0, 10);
    assert_eq!(
        find(&files[0], "no_cross_region_copy"),
        (4, 5, "/BackupPlan/Rules".to_owned())
    );
    // YAML: under a flow mapping continued on the next line, and the rule list.
    assert_eq!(
        find(&files[1], "lifecycle_cold_minimum"),
        (
            17,
            15,
            "/Resources/Plan/Properties/BackupPlan/BackupPlanRule/0/Lifecycle/DeleteAfterDays"
                .to_owned()
        )
    );
    assert_eq!(
        find(&files[1], "cold_tier_depends_on_type"),
        (
            16,
            25,
            "/Resources/Plan/Properties/BackupPlan/BackupPlanRule/0/Lifecycle/MoveToColdStorageAfterDays"
                .to_owned()
        )
    );
    assert_eq!(find(&files[1], "no_cross_region_copy").0, 11);
    assert_eq!(files[1]["outcome"], "read");
    assert_eq!(files[1]["shape"], "cloudformation_template");
    assert_eq!(files[1]["format"], "yaml");
    assert_eq!(v["exit_code"], 1);
}

#[test]
fn stdin_is_read_once() {
    let text = std::fs::read_to_string(fixture("bad.yaml")).unwrap();
    let (code, v) = json_out(&["lint", "--format", "json", "-", "-"], &text);
    assert_eq!(code, 1);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["file"], "-");
    assert_eq!(files[0]["error_count"], 1);
}

#[test]
fn folders_are_searched_by_extension() {
    let (code, v) = json_out(&["lint", "--format", "json", &fixture("tree")], "");
    let names: Vec<String> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap().replace('\\', "/"))
        .collect();
    // notes.txt is not a document; .hidden/ is skipped; sorted.
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names[0].ends_with("tree/plan.json"), "{names:?}");
    assert!(names[1].ends_with("tree/sub/template.yml"), "{names:?}");
    assert_eq!(code, 1);
}

#[test]
fn sarif_is_valid_and_points_at_the_lines() {
    let (code, v) = json_out(
        &[
            "lint",
            "--format",
            "sarif",
            &fixture("bad.json"),
            &fixture("bad.yaml"),
            &fixture("controls.yaml"),
            &fixture("broken.yaml"),
        ],
        "",
    );
    assert_eq!(code, 2);
    sarif_check::check_log(&v).unwrap_or_else(|e| panic!("invalid SARIF: {e}\n{v:#}"));
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    let cold = results
        .iter()
        .find(|r| {
            r["ruleId"] == "lifecycle_cold_minimum"
                && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
                    .ends_with("bad.yaml")
        })
        .unwrap();
    assert_eq!(cold["level"], "error");
    let region = &cold["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(17), Some(15))
    );
    // The rule carries its help and the domain source.
    let rule = &rules[cold["ruleIndex"].as_u64().unwrap() as usize];
    assert_eq!(rule["id"], "lifecycle_cold_minimum");
    assert_eq!(rule["properties"]["source"], "aws-backup.md §5.3 L1");
    assert!(rule["help"]["text"]
        .as_str()
        .unwrap()
        .contains("cold storage"));
    // One rule per code.
    let mut ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n);
    // The artifact URI is relative to the working folder (tests run in the crate folder).
    let uri = cold["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap();
    assert_eq!(uri, "tests/fixtures/bad.yaml");
    // The syntax error is a result at its position; the control is a note, not a result.
    let syntax = results
        .iter()
        .find(|r| r["ruleId"] == "yaml_syntax")
        .unwrap();
    assert_eq!(
        syntax["locations"][0]["physicalLocation"]["region"]["startLine"],
        4
    );
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert!(notes.iter().any(|n| n["message"]["text"]
        .as_str()
        .unwrap()
        .contains("no backup plan here")));
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
}

#[test]
fn sarif_checker_catches_broken_logs() {
    // The checker itself must be able to fail.
    let (_, good) = json_out(&["lint", "--format", "sarif", &fixture("bad.json")], "");
    assert!(sarif_check::check_log(&good).is_ok());
    let mut bad = good.clone();
    bad["version"] = "2.0.0".into();
    assert!(sarif_check::check_log(&bad).is_err());
    let mut bad = good.clone();
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(sarif_check::check_log(&bad).is_err());
    let mut bad = good.clone();
    bad["runs"][0]["results"][0]["level"] = "info".into();
    assert!(sarif_check::check_log(&bad).is_err());
    let mut bad = good;
    bad["runs"][0]["results"][0]["ruleIndex"] = 99.into();
    assert!(sarif_check::check_log(&bad).is_err());
}

#[test]
fn help_and_version() {
    let (code, out, _) = drplan(&["--version"], "");
    assert_eq!(code, 0);
    assert_eq!(out.trim(), format!("drplan {}", env!("CARGO_PKG_VERSION")));
    for sub in ["lint", "schedule", "simulate"] {
        let (code, out, _) = drplan(&[sub, "--help"], "");
        assert_eq!(code, 0, "{sub}");
        assert!(out.contains("Examples:"), "{sub}: {out}");
        assert!(out.contains(&format!("drplan {sub} ")), "{sub}: {out}");
        assert!(out.contains("Exit codes"), "{sub}: {out}");
    }
    let (code, out, _) = drplan(&["--help"], "");
    assert_eq!(code, 0);
    assert!(out.contains("lint") && out.contains("schedule") && out.contains("simulate"));
}

#[test]
fn schedule_lists_runs_and_gaps() {
    let (code, out, err) = drplan(
        &[
            "schedule",
            "cron(30 2 ? * * *)",
            "--tz",
            "Europe/Berlin",
            "--from",
            "2026-03-28T00:00:00Z",
            "--count",
            "2",
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    // 02:30 on 29 March 2026 does not exist in Berlin: skipped.
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        vec![
            "cron(30 2 ? * * *) in Europe/Berlin",
            "2026-03-28T01:30:00Z  2026-03-28T02:30:00+01:00",
            "2026-03-30T00:30:00Z  2026-03-30T02:30:00+02:00",
            "skipped 2026-03-29T02:30 (a local time the clocks jump over)",
            "… more runs follow (raise --count)",
        ]
    );
    let (code, out, _) = drplan(
        &[
            "schedule",
            "cron(30 2 ? * * *)",
            "--tz",
            "America/New_York",
            "--from",
            "2026-01-01T00:00:00Z",
            "--summary",
        ],
        "",
    );
    assert_eq!(code, 0);
    assert!(out.contains("runs: 365"), "{out}");
    assert!(
        out.contains("longest gap:  1 d 23 h (from 2026-03-07T07:30:00Z to 2026-03-09T06:30:00Z)"),
        "{out}"
    );
    assert!(out.contains("typical gap:  1 d\n"), "{out}");
    // A refused expression: 2 with the reason.
    let (code, _, err) = drplan(
        &[
            "schedule",
            "cron(0 5 * * * *)",
            "--from",
            "2026-01-01T00:00:00Z",
        ],
        "",
    );
    assert_eq!(code, 2);
    assert!(err.starts_with("error: "), "{err}");
}

#[test]
fn simulate_prints_steady_state_and_bill() {
    let (code, out, err) = drplan(
        &[
            "simulate",
            &fixture("clean.json"),
            "--resource",
            "EBS:100:0.02",
            "--years",
            "1",
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    // clean.json names no Region: the price book's is taken, and said.
    assert!(
        out.starts_with("(the plan names no Region: resources and plan taken to be in us-east-1; set --region)\nplan clean: "),
        "{out}"
    );
    // 35 daily points kept: 35 points, 100 GiB + 34 × 2 GiB = 168 GiB in the source vault.
    assert!(out.contains("vault primary"), "{out}");
    assert!(out.contains(": 35 points, 168 GiB held"), "{out}");
    // Month 12 at steady state: 2 vaults × 168 GiB × $0.05 warm; 2 GiB a day copied × 30 days × $0.02.
    assert!(
        out.contains("month  12:       $18.00  (warm $16.80, cold $0.00, transfer $1.20, early deletion $0.00)"),
        "{out}"
    );
    let (_, west, _) = drplan(
        &[
            "simulate",
            &fixture("clean.json"),
            "--resource",
            "EBS:100:0.02",
            "--region",
            "eu-west-1",
        ],
        "",
    );
    assert!(west.starts_with("plan clean: "), "{west}");
    assert!(west.contains("vault primary (eu-west-1)"), "{west}");
    assert!(out.contains("total over 12 months: $"), "{out}");
    let (code, v) = json_out(
        &[
            "simulate",
            "-",
            "--resource",
            "EBS:100:0.02",
            "--format",
            "json",
        ],
        &std::fs::read_to_string(fixture("clean.json")).unwrap(),
    );
    assert_eq!(code, 0);
    assert_eq!(v["bill"]["months"].as_array().unwrap().len(), 12);
    assert!(v["bill"]["horizon_usd"]["total_usd"].as_f64().unwrap() > 0.0);
    // Bad resource spec: usage error.
    let (code, _, err) = drplan(
        &["simulate", &fixture("clean.json"), "--resource", "EBS"],
        "",
    );
    assert_eq!(code, 2);
    assert!(err.contains("TYPE:SIZE[:CHANGE]"), "{err}");
}

#[test]
fn positions_inside_a_policy_carried_as_json_text() {
    // The core's paths point into the JSON text; the CLI finds their keys in that text.
    let (code, v) = json_out(&["lint", "--format", "json", &fixture("embedded.yaml")], "");
    assert_eq!(code, 1);
    let issues = v["files"][0]["issues"].as_array().unwrap();
    let at = |code: &str| {
        let i = issues.iter().find(|i| i["code"] == code).unwrap();
        (
            i["line"].as_u64().unwrap(),
            i["column"].as_u64().unwrap(),
            i["exact"].as_bool().unwrap(),
        )
    };
    assert_eq!(at("cron_question_mark"), (14, 19, false));
    assert_eq!(at("no_cross_region_copy"), (12, 15, false));
    assert_eq!(at("policy_content"), (7, 7, true));
}

#[test]
fn estate_read_merges_a_folder_of_exports() {
    let (code, v) = json_out(
        &[
            "estate",
            "read",
            "--format",
            "json",
            "--region",
            "eu-west-1",
            "--account",
            "111122223333",
            &fixture("estate"),
        ],
        "",
    );
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["documents"].as_array().unwrap().len(), 18);
    assert!(v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["shape"].is_string()));
    assert_eq!(v["estate"]["resources"].as_array().unwrap().len(), 9);
    assert_eq!(v["estate"]["plans"].as_array().unwrap().len(), 2);
    // --account places the volumes, --region the Region settings (the exports name two
    // accounts and three Regions).
    assert_eq!(v["estate"]["opt_in"].as_array().unwrap().len(), 7);
    let vol = v["estate"]["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["arn"] == "arn:aws:ec2:eu-west-1:111122223333:volume/vol-0aaa1111bbbb2222c")
        .unwrap();
    assert_eq!(vol["size_gib"], 100.0);
    assert_eq!(vol["tags"]["team"], "payments");
}

#[test]
fn estate_read_text_summary() {
    let (code, out, _) = drplan(
        &[
            "estate",
            "read",
            "--account",
            "111122223333",
            &fixture("estate"),
        ],
        "",
    );
    assert_eq!(code, 0);
    assert!(
        out.starts_with("18 documents: 18 read, 0 not read\n"),
        "{out}"
    );
    assert!(out.contains("estate: 9 resources, 2 plans (2 selections), 0 opt-in settings"));
    assert!(out.contains("  111122223333   eu-west-1        EBS                  2             0"));
    assert!(out.contains("plan p-backup1234/org-daily (org-daily): 1 rule, 1 selection; accounts: 111122223333, 444455556666; Regions: eu-west-1, us-east-1"));
    assert!(out.contains("4 of 9 resources have no size"));
    // Without --region the Region settings cannot be placed: a warning, still exit 0.
    assert!(
        out.contains("region-settings.json:/: warning unplaced_export"),
        "{out}"
    );
}

#[test]
fn estate_read_stdin_unknown_shapes_and_missing_paths() {
    let tags = r#"{"ResourceTagMappingList": [{"ResourceARN": "arn:aws:dynamodb:eu-west-1:111122223333:table/t", "Tags": [{"Key": "k", "Value": "v"}]}]}"#;
    let (code, v) = json_out(&["estate", "read", "--format", "json", "-"], tags);
    assert_eq!(code, 0);
    assert_eq!(v["estate"]["resources"][0]["tags"]["k"], "v");
    assert_eq!(v["documents"][0]["name"], "-");
    // A document of no known shape: exit 1, an error issue at its index.
    let (code, out, _) = drplan(&["estate", "read", "-"], r#"{"BackupJobs": []}"#);
    assert_eq!(code, 1);
    assert!(out.contains("-:/: error unknown_shape"), "{out}");
    // A path that does not exist: exit 2, nothing read.
    let (code, out, err) = drplan(&["estate", "read", &fixture("estate/nope.json")], "");
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("cannot read"), "{err}");
}

#[test]
fn restore_testing_documents_are_linted_with_positions() {
    let (code, v) = json_out(
        &["lint", "--format", "json", &fixture("restore-testing.yaml")],
        "",
    );
    assert_eq!(code, 1);
    let file = &v["files"][0];
    assert!(
        file["shape"]
            .as_str()
            .unwrap()
            .starts_with("restore testing"),
        "{file:#}"
    );
    let at = |code: &str| {
        let i = file["issues"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["code"] == code)
            .unwrap_or_else(|| panic!("{code} missing: {file:#}"));
        (i["line"].as_u64(), i["column"].as_u64())
    };
    // The restore testing plan's name and the selection's window, and the backup plan's own
    // finding in the same template.
    assert_eq!(at("restore_testing_plan_name_invalid"), (Some(16), Some(7)));
    assert_eq!(
        at("validation_window_hours_out_of_range"),
        (Some(31), Some(7))
    );
    assert_eq!(at("start_window_too_short"), (Some(12), Some(13)));
    let (_, s) = json_out(
        &[
            "lint",
            "--format",
            "sarif",
            &fixture("restore-testing.yaml"),
        ],
        "",
    );
    sarif_check::check_log(&s).unwrap_or_else(|e| panic!("invalid SARIF: {e}\n{s:#}"));
    let results = s["runs"][0]["results"].as_array().unwrap();
    assert!(results
        .iter()
        .any(|r| r["ruleId"] == "restore_testing_plan_name_invalid"));
    // A create-restore-testing-selection input on stdin.
    let (code, v) = json_out(
        &["lint", "--format", "json", "-"],
        r#"{"RestoreTestingPlanName": "p", "RestoreTestingSelection": {"RestoreTestingSelectionName": "s",
           "ProtectedResourceType": "EBS", "IamRoleArn": "arn:aws:iam::111122223333:role/r", "ProtectedResourceArns": ["*"]}}"#,
    );
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(
        v["files"][0]["shape"],
        "restore testing: create_restore_testing_selection_input"
    );
}

#[test]
fn runbook_prints_markdown_and_json() {
    let w = fixture("workload-shop.json");
    let (code, out, err) = drplan(
        &[
            "runbook",
            &w,
            "--strategy",
            "pilot_light",
            "--disruption",
            "region",
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("# Runbook: Region loss — Pilot light\n"),
        "{out}"
    );
    assert!(
        out.contains("| 6 | ◆ Shift traffic | main | T+0:36:30 | 60 s | 4, 5 | people |"),
        "{out}"
    );
    let (code, out, _) = drplan(
        &[
            "runbook",
            "-",
            "--strategy",
            "backup_restore",
            "--disruption",
            "corruption",
            "--format",
            "json",
        ],
        &std::fs::read_to_string(&w).unwrap(),
    );
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["disruption"], "corruption");
    assert!(v["steps"].as_array().is_some_and(|s| !s.is_empty()));
}

#[test]
fn runbook_refusals_exit_2() {
    let w = fixture("workload-shop.json");
    let (code, _, err) = drplan(
        &[
            "runbook",
            &w,
            "--strategy",
            "multi_az_only",
            "--disruption",
            "region",
        ],
        "",
    );
    assert_eq!(code, 2);
    assert!(err.contains("not_covered"), "{err}");
    let (code, _, err) = drplan(
        &[
            "runbook",
            &w,
            "--strategy",
            "pilot_light",
            "--disruption",
            "volcano",
        ],
        "",
    );
    assert_eq!(code, 2);
    assert!(err.contains("disruption"), "{err}");
    let (code, _, err) = drplan(
        &[
            "runbook",
            "-",
            "--strategy",
            "pilot_light",
            "--disruption",
            "az",
        ],
        "{",
    );
    assert_eq!(code, 2);
    assert!(err.contains("not JSON"), "{err}");
}
