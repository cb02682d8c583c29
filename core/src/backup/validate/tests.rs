#![allow(clippy::indexing_slicing, clippy::panic)]

use super::plan_wide::first_overlap;
use super::selection::wildcard_ok;
use super::*;

fn codes(issues: &[Issue]) -> Vec<(&str, &str)> {
    issues
        .iter()
        .map(|i| (i.code.as_str(), i.path.as_str()))
        .collect()
}

fn rule(name: &str) -> BackupRule {
    let mut r = BackupRule::new(name, "prod-vault");
    r.schedule_expression = Some("cron(0 5 ? * * *)".into());
    r.start_window_minutes = Some(60);
    r.completion_window_minutes = Some(480);
    r.lifecycle = Some(Lifecycle {
        delete_after_days: Some(35),
        ..Lifecycle::default()
    });
    r.copy_actions.push(CopyAction::new(
        "arn:aws:backup:us-west-2:111122223333:backup-vault:dr-vault",
        Some(Lifecycle {
            delete_after_days: Some(35),
            ..Lifecycle::default()
        }),
    ));
    r
}

fn plan(rules: Vec<BackupRule>) -> BackupPlan {
    let mut p = BackupPlan::new("prod", rules);
    p.region = Some("us-east-1".into());
    p
}

#[test]
fn a_clean_plan_has_no_issues() {
    let issues = validate(&plan(vec![rule("daily")]), &[], &[]);
    assert!(issues.is_empty(), "{issues:?}");
}

#[test]
fn window_and_lifecycle_bounds() {
    let mut r = rule("daily");
    r.start_window_minutes = Some(59);
    r.completion_window_minutes = Some(52_560_001);
    r.lifecycle = Some(Lifecycle {
        move_to_cold_after_days: Some(30),
        delete_after_days: Some(119),
        ..Lifecycle::default()
    });
    let issues = validate(&plan(vec![r]), &[], &[]);
    let c = codes(&issues);
    assert!(
        c.contains(&("start_window_too_short", "/rules/0/start_window_minutes")),
        "{c:?}"
    );
    assert!(
        c.contains(&(
            "completion_window_too_long",
            "/rules/0/completion_window_minutes"
        )),
        "{c:?}"
    );
    assert!(
        c.contains(&(
            "lifecycle_cold_minimum",
            "/rules/0/lifecycle/delete_after_days"
        )),
        "{c:?}"
    );
    // 120 = 30 + 90 is the boundary and passes.
    let mut r = rule("daily");
    r.lifecycle = Some(Lifecycle {
        move_to_cold_after_days: Some(30),
        delete_after_days: Some(120),
        ..Lifecycle::default()
    });
    let issues = validate(&plan(vec![r]), &[], &[]);
    assert!(
        !codes(&issues)
            .iter()
            .any(|(c, _)| *c == "lifecycle_cold_minimum"),
        "{issues:?}"
    );
}

#[test]
fn minus_one_keeps_forever_and_zero_delete_is_an_error() {
    let mut r = rule("daily");
    r.lifecycle = Some(Lifecycle {
        move_to_cold_after_days: Some(-1),
        delete_after_days: Some(-1),
        ..Lifecycle::default()
    });
    let issues = validate(&plan(vec![r.clone()]), &[], &[]);
    assert!(issues.iter().all(|i| !i.is_error()), "{issues:?}");
    r.lifecycle = Some(Lifecycle {
        delete_after_days: Some(0),
        ..Lifecycle::default()
    });
    let issues = validate(&plan(vec![r]), &[], &[]);
    assert!(codes(&issues).contains(&(
        "lifecycle_delete_out_of_range",
        "/rules/0/lifecycle/delete_after_days"
    )));
}

#[test]
fn continuous_rules() {
    let mut r = rule("pitr");
    r.enable_continuous_backup = Some(true);
    r.lifecycle = Some(Lifecycle {
        move_to_cold_after_days: Some(1),
        delete_after_days: Some(36),
        ..Lifecycle::default()
    });
    let issues = validate(&plan(vec![r]), &[], &[]);
    let c = codes(&issues);
    assert!(
        c.contains(&(
            "continuous_retention_out_of_range",
            "/rules/0/lifecycle/delete_after_days"
        )),
        "{c:?}"
    );
    assert!(
        c.contains(&(
            "continuous_cold_tier",
            "/rules/0/lifecycle/move_to_cold_after_days"
        )),
        "{c:?}"
    );
}

#[test]
fn schedules() {
    for (expr, code) in [
        ("rate(1 hour)", "cron_rate_not_supported"),
        ("cron(0 5 * * *)", "cron_field_count"),
        ("cron(0 5 * * * *)", "cron_question_mark"),
        ("cron(0/15 * ? * * *)", "schedule_too_frequent"),
        ("0 5 ? * * *", "cron_unwrapped"),
        ("cron(0 5 30 2 ? *)", "schedule_never_fires"),
    ] {
        let mut r = rule("daily");
        r.schedule_expression = Some(expr.into());
        let issues = validate(&plan(vec![r]), &[], &[]);
        assert!(
            codes(&issues).contains(&(code, "/rules/0/schedule_expression")),
            "{expr}: {issues:?}"
        );
    }
}

#[test]
fn quotas() {
    let mut r = rule("daily");
    for i in 0..5 {
        r.copy_actions.push(r.copy_actions[0].clone());
        r.recovery_point_tags.insert(format!("a{i}"), "x".into());
        r.recovery_point_tags.insert(format!("b{i}"), "x".into());
    }
    r.recovery_point_tags.insert("c".into(), "x".into());
    let rules: Vec<BackupRule> = (0..11)
        .map(|i| {
            let mut x = r.clone();
            x.name = format!("r{i}");
            x.schedule_expression = Some(format!("cron({i} 5 ? * * *)"));
            x
        })
        .collect();
    let issues = validate(&plan(rules), &[], &[]);
    let c = codes(&issues);
    assert!(c.contains(&("too_many_rules", "/rules")));
    assert!(c.contains(&("too_many_copy_actions", "/rules/0/copy_actions")));
    assert!(c.contains(&(
        "too_many_recovery_point_tags",
        "/rules/0/recovery_point_tags"
    )));
}

#[test]
fn vault_lock() {
    let mut v = BackupVault::new("prod-vault");
    v.lock = Some(VaultLock {
        min_retention_days: Some(60),
        max_retention_days: Some(30),
        changeable_for_days: Some(3),
        mode: None,
    });
    let issues = validate(&plan(vec![rule("daily")]), &[v], &[]);
    let c = codes(&issues);
    assert!(
        c.contains(&(
            "vault_lock_retention_below_min",
            "/rules/0/lifecycle/delete_after_days"
        )),
        "{c:?}"
    );
    // 35 days is also above MaxRetentionDays 30: both bounds are reported.
    assert!(
        c.contains(&(
            "vault_lock_retention_above_max",
            "/rules/0/lifecycle/delete_after_days"
        )),
        "{c:?}"
    );
    assert!(
        c.contains(&("vault_lock_min_above_max", "/0/lock/max_retention_days")),
        "{c:?}"
    );
    assert!(
        c.contains(&("vault_lock_mode", "/rules/0/lifecycle/delete_after_days")),
        "{c:?}"
    );
    let msg = issues
        .iter()
        .find(|i| i.code == "vault_lock_retention_below_min")
        .map(|i| i.message.clone())
        .unwrap_or_default();
    assert!(
        msg.contains("rule daily") && msg.contains("prod-vault") && msg.contains("60"),
        "{msg}"
    );
}

#[test]
fn coverage_warnings_with_selections() {
    let mut r = rule("daily");
    r.lifecycle = Some(Lifecycle {
        move_to_cold_after_days: Some(30),
        delete_after_days: Some(365),
        ..Lifecycle::default()
    });
    r.copy_actions.clear();
    let sel = BackupSelection {
        name: "dbs".into(),
        plan_name: None,
        iam_role_arn: Some("arn:aws:iam::1:role/b".into()),
        resources: vec![
            "arn:aws:rds:us-east-1:1:db:prod".into(),
            "arn:aws:sqs:us-east-1:1:q".into(),
            "arn:aws:s3:::*-logs".into(),
        ],
        not_resources: vec![],
        list_of_tags: vec![],
        conditions: SelectionConditions::default(),
        source: None,
    };
    let issues = validate(&plan(vec![r]), &[], &[sel]);
    let c = codes(&issues);
    assert!(
        c.contains(&(
            "cold_tier_unsupported",
            "/rules/0/lifecycle/move_to_cold_after_days"
        )),
        "{c:?}"
    );
    assert!(c.contains(&("snapshot_only_protection", "/rules")), "{c:?}");
    assert!(c.contains(&("no_cross_region_copy", "/rules")), "{c:?}");
    assert!(
        c.contains(&("unknown_resource_type", "/0/resources/1")),
        "{c:?}"
    );
    assert!(
        c.contains(&("selection_wildcard_position", "/0/resources/2")),
        "{c:?}"
    );
    // Errors come first.
    assert_eq!(issues[0].severity, crate::error::Severity::Error);
}

#[test]
fn overlapping_rules_name_the_winner() {
    let a = rule("short");
    let mut b = rule("long");
    b.lifecycle = Some(Lifecycle {
        delete_after_days: Some(90),
        ..Lifecycle::default()
    });
    let issues = validate(&plan(vec![a, b]), &[], &[]);
    let o = issues
        .iter()
        .find(|i| i.code == "overlapping_rules")
        .map(|i| i.message.clone())
        .unwrap_or_default();
    assert!(o.contains("rule long"), "{o}");
}

fn errors(p: &BackupPlan, v: &[BackupVault], s: &[BackupSelection]) -> Vec<String> {
    validate(p, v, s)
        .into_iter()
        .filter(Issue::is_error)
        .map(|i| i.code)
        .collect()
}

#[test]
fn boundaries_are_inclusive() {
    let with = |f: &dyn Fn(&mut BackupRule)| {
        let mut r = rule("daily");
        f(&mut r);
        errors(&plan(vec![r]), &[], &[])
    };
    let none: Vec<String> = Vec::new();
    // W1/W2/W5: 60 ≤ start ≤ 52,560,000; completion ≤ 52,560,000.
    assert_eq!(with(&|r| r.start_window_minutes = Some(60)), none);
    assert_eq!(
        with(&|r| {
            r.start_window_minutes = Some(MAX_WINDOW_MINUTES);
            r.completion_window_minutes = Some(MAX_WINDOW_MINUTES)
        }),
        none
    );
    assert_eq!(
        with(&|r| r.start_window_minutes = Some(MAX_WINDOW_MINUTES + 1)),
        vec!["start_window_too_long"]
    );
    // L2: 1 ≤ DeleteAfterDays ≤ 36,500, or -1.
    let del = |d: i64| {
        move |r: &mut BackupRule| {
            r.lifecycle = Some(Lifecycle {
                delete_after_days: Some(d),
                ..Lifecycle::default()
            })
        }
    };
    assert_eq!(with(&del(1)), none);
    assert_eq!(with(&del(36_500)), none);
    assert_eq!(with(&del(-1)), none);
    assert_eq!(with(&del(36_501)), vec!["lifecycle_delete_out_of_range"]);
    assert_eq!(with(&del(-2)), vec!["lifecycle_delete_out_of_range"]);
    // L7: continuous retention 1..=35.
    let cont = |d: i64| {
        move |r: &mut BackupRule| {
            r.enable_continuous_backup = Some(true);
            r.copy_actions.clear();
            r.lifecycle = Some(Lifecycle {
                delete_after_days: Some(d),
                ..Lifecycle::default()
            })
        }
    };
    assert_eq!(with(&cont(35)), none);
    assert_eq!(with(&cont(1)), none);
    assert_eq!(with(&cont(36)), vec!["continuous_retention_out_of_range"]);
    // P2/P3 lengths.
    assert_eq!(with(&|r| r.name = "r".repeat(50)), none);
    assert_eq!(
        with(&|r| r.name = "r".repeat(51)),
        vec!["rule_name_invalid"]
    );
    assert_eq!(with(&|r| r.target_vault_name = "ab".into()), none);
    assert_eq!(
        with(&|r| r.target_vault_name = "a".into()),
        vec!["vault_name_invalid"]
    );
    // S5: five copy actions pass.
    assert_eq!(
        with(&|r| {
            let c = r.copy_actions[0].clone();
            r.copy_actions = vec![c; 5]
        }),
        none
    );
    // P1: 200 characters is an error-free warning, 50 is silent.
    let mut p = plan(vec![rule("daily")]);
    p.name = "p".repeat(200);
    let issues = validate(&p, &[], &[]);
    assert_eq!(codes(&issues), vec![("plan_name_long", "/name")]);
    p.name = "p".repeat(50);
    assert!(validate(&p, &[], &[]).is_empty());
}

#[test]
fn selection_arn_limits() {
    let sel = |n: usize, wildcard: bool| BackupSelection {
        name: "s".into(),
        plan_name: None,
        iam_role_arn: None,
        resources: (0..n)
            .map(|i| {
                format!(
                    "arn:aws:dynamodb:us-east-1:1:table/t{i}{}",
                    if wildcard { "*" } else { "" }
                )
            })
            .collect(),
        not_resources: vec![],
        list_of_tags: vec![],
        conditions: SelectionConditions::default(),
        source: None,
    };
    let p = plan(vec![rule("daily")]);
    assert!(errors(&p, &[], &[sel(30, true)]).is_empty());
    assert_eq!(
        errors(&p, &[], &[sel(31, true)]),
        vec!["selection_too_many_arns"]
    );
    assert!(errors(&p, &[], &[sel(500, false)]).is_empty());
    assert_eq!(
        errors(&p, &[], &[sel(501, false)]),
        vec!["selection_too_many_arns"]
    );
    assert!(wildcard_ok("arn:aws:ec2:*:*:volume/*"));
    assert!(wildcard_ok("arn:aws:ec2:*"));
    assert!(!wildcard_ok("arn:aws:s3:::*-logs"));
    assert!(!wildcard_ok("arn:aws:rds:us-east-1:1:db:*prod"));
}

#[test]
fn vault_lock_bounds_are_inclusive_and_indefinite_is_a_warning() {
    let mut v = BackupVault::new("prod-vault");
    v.lock = Some(VaultLock {
        min_retention_days: Some(35),
        max_retention_days: Some(35),
        ..VaultLock::default()
    });
    let mut r = rule("daily");
    r.copy_actions.clear();
    assert!(errors(&plan(vec![r.clone()]), &[v.clone()], &[]).is_empty());
    r.lifecycle = None;
    let issues = validate(&plan(vec![r]), &[v], &[]);
    assert!(issues.iter().all(|i| !i.is_error()), "{issues:?}");
    assert!(codes(&issues).contains(&(
        "vault_lock_indefinite_retention",
        "/rules/0/lifecycle/delete_after_days"
    )));
}

#[test]
fn unconfirmed_rules_are_never_errors() {
    // P9 duplicate names, L10 cold 0, unknown time zone, bare cron, continuous without
    // retention, more than 10 selections: all UNCONFIRMED/CONFLICT-stricter → warnings.
    let mut a = rule("same");
    a.schedule_expression = Some("0 5 ? * * *".into());
    a.schedule_expression_timezone = Some("Nowhere/Land".into());
    a.lifecycle = Some(Lifecycle {
        move_to_cold_after_days: Some(0),
        delete_after_days: Some(35),
        ..Lifecycle::default()
    });
    let mut b = rule("same");
    b.schedule_expression = Some("cron(0 6 ? * * *)".into());
    b.enable_continuous_backup = Some(true);
    b.lifecycle = None;
    b.copy_actions.clear();
    let sels: Vec<BackupSelection> = (0..11)
        .map(|i| BackupSelection {
            name: format!("s{i}"),
            plan_name: None,
            iam_role_arn: None,
            resources: vec!["arn:aws:dynamodb:us-east-1:1:table/t".into()],
            not_resources: vec![],
            list_of_tags: vec![],
            conditions: SelectionConditions::default(),
            source: None,
        })
        .collect();
    let issues = validate(&plan(vec![a, b]), &[], &sels);
    assert!(issues.iter().all(|i| !i.is_error()), "{issues:?}");
    let c: Vec<&str> = issues.iter().map(|i| i.code.as_str()).collect();
    for code in [
        "rule_name_duplicate",
        "lifecycle_cold_zero",
        "unknown_time_zone",
        "cron_unwrapped",
        "continuous_retention_unset",
        "too_many_selections",
    ] {
        assert!(c.contains(&code), "{code}: {c:?}");
    }
}

#[test]
fn start_windows_overlap_half_open() {
    // [0, 3600) and [3600, 7200) touch but do not overlap.
    assert_eq!(first_overlap(&(vec![0], 3600), &(vec![3600], 3600)), None);
    // [3600, 7200) and [5400, 9000) overlap.
    assert_eq!(
        first_overlap(&(vec![0, 3600], 3600), &(vec![5400], 3600)),
        Some((3600, 5400))
    );
    // Daily 05:00 and 12:00 UTC: 7 h apart. With the default 8-hour start window they
    // overlap; with 60-minute windows they do not.
    let at = |h: u32, w: Option<i64>| {
        let mut r = rule(&format!("h{h}"));
        r.schedule_expression = Some(format!("cron(0 {h} ? * * *)"));
        r.start_window_minutes = w;
        r.completion_window_minutes = None;
        r
    };
    let c = |p: BackupPlan| {
        validate(&p, &[], &[])
            .into_iter()
            .filter(|i| i.code == "overlapping_rules")
            .count()
    };
    assert_eq!(c(plan(vec![at(5, None), at(12, None)])), 1);
    assert_eq!(c(plan(vec![at(5, Some(60)), at(12, Some(60))])), 0);
    // Different zones: 05:00 Europe/Paris is 04:00 UTC in winter, so it meets 04:00 UTC.
    let mut paris = at(5, Some(60));
    paris.schedule_expression_timezone = Some("Europe/Paris".into());
    let msg = validate(&plan(vec![paris, at(4, Some(60))]), &[], &[])
        .into_iter()
        .find(|i| i.code == "overlapping_rules")
        .map(|i| i.message)
        .unwrap_or_default();
    assert!(msg.contains("both fire at 2026-01-01T04:00Z"), "{msg}");
}
