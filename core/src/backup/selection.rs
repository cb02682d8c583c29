//! Which resources a backup selection assigns to its plan (aws-backup.md §3.2).
//!
//! Semantics (aws-backup.md §3.2 has each with its source and confidence):
//! * `Resources`: ARN patterns combined with OR; `*` is a wildcard (drplan matches it against any
//!   run of characters, which covers the documented suffix form `arn:aws:s3:::my-bucket-*` and
//!   whole segments such as `arn:aws:ec2:*:*:volume/*`). `"*"` alone is every supported resource.
//! * `ListOfTags`: `STRINGEQUALS` entries combined with OR.
//! * `Resources` and `ListOfTags` combine with OR: a resource named by either is assigned
//!   (observed behaviour, UNCONFIRMED by AWS's reference, which is silent; aws-backup.md §3.2 S-RT).
//! * `Conditions`: every entry must hold (AND), on top of what `Resources`/`ListOfTags` chose;
//!   `StringLike`/`StringNotLike` take `*` anywhere.
//! * `NotResources` removes resources.
//! * A selection with no `Resources` and no `ListOfTags` starts from every supported resource
//!   type (then `Conditions` and `NotResources` apply).
//! * Only supported resource types (aws-backup.md §15) are ever assigned.
//! * Service opt-in is not decided here: [`Match::explicit_type`] says whether a `Resources`
//!   pattern named the resource's type, which lets the caller apply the opt-in rule (§3.2 S-OPT).
//!
//! Tag keys: `Conditions` keys are `aws:ResourceTag/<key>` (aws-backup.md §3); `ListOfTags` keys
//! are the bare tag key (API `Condition`: "in the tag Department: Accounting, Department is the
//! key"). drplan strips an `aws:ResourceTag/` prefix in both. A missing tag never satisfies
//! `StringEquals`/`StringLike` and always satisfies `StringNotEquals`/`StringNotLike` (IAM
//! condition semantics; AWS Backup does not say otherwise — UNCONFIRMED).

use std::collections::BTreeMap;

use crate::backup::resource::{types_of_arn, RESOURCE_TYPES};
use crate::backup::BackupSelection;

/// What a selection needs to know about a resource.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    /// ARN (or id when no ARN is known: it then only matches `*` patterns and exact ids).
    pub arn: &'a str,
    pub resource_type: &'a str,
    pub tags: &'a BTreeMap<String, String>,
}

/// `*` matches any run of characters (including none); everything else literally, case
/// sensitive. Iterative with one backtrack point: O(len(pattern) × len(text)) worst case.
pub fn glob(pattern: &str, text: &str) -> bool {
    let p = pattern.as_bytes();
    let t = text.as_bytes();
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some(b'*') => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(c) if Some(c) == t.get(ti) => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    p.get(pi..)
        .is_some_and(|rest| rest.iter().all(|c| *c == b'*'))
}

fn tag_key(key: &str) -> &str {
    key.strip_prefix("aws:ResourceTag/").unwrap_or(key)
}

/// Why a selection picked (or did not pick) a resource, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub selected: bool,
    pub reason: String,
    /// Selected through a `Resources` pattern that names the resource's type (not `*`, not a
    /// whole service of several types): AWS Backup then ignores the service opt-in for most
    /// types (aws-backup.md §3.2 S-OPT).
    pub explicit_type: bool,
}

/// Whether the `Resources` pattern `p` names one resource type rather than every supported
/// resource (`*`) or a whole service of several types (`arn:aws:ec2:*`: EC2 and EBS).
/// Derived from aws-backup.md §3.2 S-OPT (the console's "resource type" choice writes one such
/// pattern per type).
pub fn names_type(p: &str) -> bool {
    if p == "*" {
        return false;
    }
    let resource = p.splitn(6, ':').nth(5).unwrap_or("");
    match types_of_arn(p) {
        Ok(t) => t.len() == 1 || (!resource.is_empty() && resource != "*"),
        Err(_) => false,
    }
}

/// Whether `sel` assigns `c` to its plan, with the reason.
pub fn matches(sel: &BackupSelection, c: &Candidate<'_>) -> Match {
    let no = |reason: String| Match {
        selected: false,
        reason,
        explicit_type: false,
    };
    let everything =
        sel.resources.is_empty() && sel.list_of_tags.is_empty() && sel.conditions.is_empty();
    // AWS Backup assigns only the types it supports (aws-backup.md §3.2 S-ALL, §15).
    if !RESOURCE_TYPES.contains(&c.resource_type) {
        return no(format!(
            "selection {}: {} is not a resource type AWS Backup supports (aws-backup.md §15)",
            sel.name, c.resource_type
        ));
    }
    let mut why: Vec<String> = Vec::new();
    let mut explicit_type = false;
    // Resources OR ListOfTags (aws-backup.md §3.2 S-RT); neither: every supported resource.
    if !sel.resources.is_empty() || !sel.list_of_tags.is_empty() {
        let by_arn = sel.resources.iter().find(|p| glob(p, c.arn));
        let by_tag = sel.list_of_tags.iter().find(|t| {
            t.condition_type.eq_ignore_ascii_case("STRINGEQUALS")
                && c.tags.get(tag_key(&t.key)) == Some(&t.value)
        });
        match (by_arn, by_tag) {
            (None, None) => {
                let what = match (sel.resources.is_empty(), sel.list_of_tags.is_empty()) {
                    (false, true) => format!("no Resources pattern matches {}", c.arn),
                    (true, false) => "no ListOfTags entry matches the resource's tags".to_owned(),
                    _ => format!(
                        "no Resources pattern matches {} and no ListOfTags entry matches its tags",
                        c.arn
                    ),
                };
                return no(format!("selection {}: {what}", sel.name));
            }
            (arn, tag) => {
                if let Some(p) = arn {
                    explicit_type = sel
                        .resources
                        .iter()
                        .any(|p| names_type(p) && glob(p, c.arn));
                    why.push(format!("Resources {p}"));
                }
                if let Some(t) = tag {
                    why.push(format!("ListOfTags {}={}", tag_key(&t.key), t.value));
                }
            }
        }
    }
    let cond = &sel.conditions;
    let checks = cond
        .string_equals
        .iter()
        .map(|kv| {
            (
                "StringEquals",
                kv,
                c.tags.get(tag_key(&kv.key)).is_some_and(|v| *v == kv.value),
            )
        })
        .chain(cond.string_not_equals.iter().map(|kv| {
            (
                "StringNotEquals",
                kv,
                c.tags.get(tag_key(&kv.key)).is_none_or(|v| *v != kv.value),
            )
        }))
        .chain(cond.string_like.iter().map(|kv| {
            (
                "StringLike",
                kv,
                c.tags
                    .get(tag_key(&kv.key))
                    .is_some_and(|v| glob(&kv.value, v)),
            )
        }))
        .chain(cond.string_not_like.iter().map(|kv| {
            (
                "StringNotLike",
                kv,
                c.tags
                    .get(tag_key(&kv.key))
                    .is_none_or(|v| !glob(&kv.value, v)),
            )
        }));
    for (op, kv, ok) in checks {
        if !ok {
            return no(format!(
                "selection {}: condition {op} {}={} fails",
                sel.name,
                tag_key(&kv.key),
                kv.value
            ));
        }
    }
    if !cond.is_empty() {
        why.push(format!("{} condition(s)", cond.len()));
    }
    if let Some(p) = sel.not_resources.iter().find(|p| glob(p, c.arn)) {
        return no(format!(
            "selection {}: excluded by NotResources {p}",
            sel.name
        ));
    }
    let reason = if everything {
        format!(
            "selection {} selects every supported resource type",
            sel.name
        )
    } else {
        format!("selection {} ({})", sel.name, why.join(", "))
    };
    Match {
        selected: true,
        reason,
        explicit_type,
    }
}

/// The first of `selections` that picks `c`, or why none does (`None` reason when
/// `selections` is empty).
pub fn first_match(selections: &[BackupSelection], c: &Candidate<'_>) -> (bool, Vec<String>) {
    let mut reasons = Vec::new();
    for s in selections {
        let m = matches(s, c);
        if m.selected {
            return (true, vec![m.reason]);
        }
        reasons.push(m.reason);
    }
    (false, reasons)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backup::{ConditionKeyValue, SelectionConditions, TagCondition};

    fn sel() -> BackupSelection {
        BackupSelection {
            name: "s".into(),
            plan_name: None,
            iam_role_arn: None,
            resources: vec![],
            not_resources: vec![],
            list_of_tags: vec![],
            conditions: SelectionConditions::default(),
            source: None,
        }
    }

    fn tags(kv: &[(&str, &str)]) -> BTreeMap<String, String> {
        kv.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn globs() {
        assert!(glob(
            "arn:aws:s3:::my-bucket-*",
            "arn:aws:s3:::my-bucket-logs"
        ));
        assert!(!glob("arn:aws:s3:::my-bucket-*", "arn:aws:s3:::other"));
        assert!(glob(
            "arn:aws:ec2:*:*:volume/*",
            "arn:aws:ec2:us-east-1:111122223333:volume/vol-1"
        ));
        assert!(glob("*rod*", "production"));
        assert!(glob("prod*", "prod"));
        assert!(!glob("Prod*", "prod"));
        assert!(glob("*", ""));
        assert!(!glob("a", ""));
        assert!(glob("a*b*c", "aXXbYYc"));
        assert!(!glob("a*b*c", "aXXbYY"));
    }

    #[test]
    fn semantics() {
        let ebs = "arn:aws:ec2:us-east-1:1:volume/vol-1";
        let t = tags(&[("backup", "daily"), ("env", "production")]);
        let c = Candidate {
            arn: ebs,
            resource_type: "EBS",
            tags: &t,
        };
        // empty selection selects every supported type
        assert!(matches(&sel(), &c).selected);
        let odd = Candidate {
            resource_type: "Kinesis",
            ..c
        };
        assert!(!matches(&sel(), &odd).selected);
        // Resources AND Conditions (re:Post example 1)
        let mut s = sel();
        s.resources = vec!["arn:aws:ec2:*:*:volume/*".into()];
        s.conditions.string_equals = vec![ConditionKeyValue {
            key: "aws:ResourceTag/backup".into(),
            value: "daily".into(),
        }];
        assert!(matches(&s, &c).selected);
        s.conditions.string_equals[0].value = "weekly".into();
        assert!(!matches(&s, &c).selected);
        // ListOfTags is OR
        let mut s = sel();
        s.list_of_tags = vec![
            TagCondition {
                condition_type: "STRINGEQUALS".into(),
                key: "backup".into(),
                value: "weekly".into(),
            },
            TagCondition {
                condition_type: "STRINGEQUALS".into(),
                key: "env".into(),
                value: "production".into(),
            },
        ];
        assert!(matches(&s, &c).selected);
        // Resources OR ListOfTags (aws-backup.md §3.2 S-RT)
        s.resources = vec!["arn:aws:rds:*".into()];
        assert!(matches(&s, &c).selected);
        s.list_of_tags.truncate(1);
        assert!(!matches(&s, &c).selected);
        // missing tag: NotEquals/NotLike hold, Equals/Like fail
        let mut s = sel();
        s.conditions.string_not_equals = vec![ConditionKeyValue {
            key: "aws:ResourceTag/owner".into(),
            value: "x".into(),
        }];
        s.conditions.string_not_like = vec![ConditionKeyValue {
            key: "aws:ResourceTag/owner".into(),
            value: "*".into(),
        }];
        assert!(matches(&s, &c).selected);
        s.conditions.string_like = vec![ConditionKeyValue {
            key: "aws:ResourceTag/owner".into(),
            value: "*".into(),
        }];
        assert!(!matches(&s, &c).selected);
        // NotResources wins
        let mut s = sel();
        s.resources = vec!["arn:aws:ec2:*".into(), "*".into()];
        assert!(matches(&s, &c).selected);
        assert!(
            !matches(&s, &c).explicit_type,
            "neither pattern names one type"
        );
        s.not_resources = vec!["arn:aws:ec2:us-east-1:1:volume/vol-1".into()];
        let m = matches(&s, &c);
        assert!(!m.selected);
        assert!(m.reason.contains("NotResources"), "{}", m.reason);
    }

    fn kv(k: &str, v: &str) -> ConditionKeyValue {
        ConditionKeyValue {
            key: format!("aws:ResourceTag/{k}"),
            value: v.into(),
        }
    }

    /// The examples of AWS's "Assign resources with AWS CLI" page (assigning-resources-json,
    /// aws-backup.md §3.2), each against resources it must and must not select.
    #[test]
    fn aws_documentation_examples() {
        let ebs = "arn:aws:ec2:us-east-1:111122223333:volume/vol-1";
        let rds = "arn:aws:rds:us-east-1:111122223333:db:orders";
        let efs = "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-1";
        let fsx = "arn:aws:fsx:us-east-1:111122223333:file-system/fs-2";
        let ec2 = "arn:aws:ec2:us-east-1:111122223333:instance/i-1";
        let kin = "arn:aws:kinesis:us-east-1:111122223333:stream/s";
        type Case<'a> = (&'a str, &'a str, &'a str, &'a [(&'a str, &'a str)], bool);
        let examples: Vec<(&str, BackupSelection, Vec<Case<'_>>)> = vec![
            (
                "all resources in my account",
                BackupSelection {
                    resources: vec!["*".into()],
                    ..sel()
                },
                vec![
                    ("ebs", ebs, "EBS", &[], true),
                    ("efs", efs, "EFS", &[], true),
                    ("unsupported type", kin, "Kinesis", &[], false),
                ],
            ),
            (
                "all resources, but exclude EBS volumes",
                BackupSelection {
                    resources: vec!["*".into()],
                    not_resources: vec!["arn:aws:ec2:*:*:volume/*".into()],
                    ..sel()
                },
                vec![
                    ("ebs excluded", ebs, "EBS", &[], false),
                    ("ec2 instance kept", ec2, "EC2", &[], true),
                ],
            ),
            (
                "all resources tagged backup:true, but exclude EBS volumes",
                BackupSelection {
                    resources: vec!["*".into()],
                    not_resources: vec!["arn:aws:ec2:*:*:volume/*".into()],
                    conditions: SelectionConditions {
                        string_equals: vec![kv("backup", "true")],
                        ..SelectionConditions::default()
                    },
                    ..sel()
                },
                vec![
                    ("tagged efs", efs, "EFS", &[("backup", "true")], true),
                    ("untagged efs", efs, "EFS", &[], false),
                    (
                        "tagged ebs excluded",
                        ebs,
                        "EBS",
                        &[("backup", "true")],
                        false,
                    ),
                ],
            ),
            (
                "EBS volumes and RDS DB instances tagged backup:true and stage:prod",
                BackupSelection {
                    resources: vec![
                        "arn:aws:ec2:*:*:volume/*".into(),
                        "arn:aws:rds:*:*:db:*".into(),
                    ],
                    conditions: SelectionConditions {
                        string_equals: vec![kv("backup", "true"), kv("stage", "prod")],
                        ..SelectionConditions::default()
                    },
                    ..sel()
                },
                vec![
                    (
                        "ebs both tags",
                        ebs,
                        "EBS",
                        &[("backup", "true"), ("stage", "prod")],
                        true,
                    ),
                    (
                        "rds both tags",
                        rds,
                        "RDS",
                        &[("backup", "true"), ("stage", "prod")],
                        true,
                    ),
                    ("rds one tag", rds, "RDS", &[("backup", "true")], false),
                    (
                        "efs both tags",
                        efs,
                        "EFS",
                        &[("backup", "true"), ("stage", "prod")],
                        false,
                    ),
                ],
            ),
            (
                "EBS volumes and RDS instances tagged backup:true but not stage:test",
                BackupSelection {
                    resources: vec![
                        "arn:aws:ec2:*:*:volume/*".into(),
                        "arn:aws:rds:*:*:db:*".into(),
                    ],
                    conditions: SelectionConditions {
                        string_equals: vec![kv("backup", "true")],
                        string_not_equals: vec![kv("stage", "test")],
                        ..SelectionConditions::default()
                    },
                    ..sel()
                },
                vec![
                    (
                        "prod",
                        ebs,
                        "EBS",
                        &[("backup", "true"), ("stage", "prod")],
                        true,
                    ),
                    ("no stage tag", rds, "RDS", &[("backup", "true")], true),
                    (
                        "test",
                        ebs,
                        "EBS",
                        &[("backup", "true"), ("stage", "test")],
                        false,
                    ),
                ],
            ),
            (
                "tagged key1 with a value beginning include, not key2 containing exclude",
                BackupSelection {
                    resources: vec!["*".into()],
                    conditions: SelectionConditions {
                        string_like: vec![kv("key1", "include*")],
                        string_not_like: vec![kv("key2", "*exclude*")],
                        ..SelectionConditions::default()
                    },
                    ..sel()
                },
                vec![
                    ("include", efs, "EFS", &[("key1", "include-me")], true),
                    (
                        "include, key2 ok",
                        efs,
                        "EFS",
                        &[("key1", "include"), ("key2", "keep")],
                        true,
                    ),
                    (
                        "excluded by key2",
                        efs,
                        "EFS",
                        &[("key1", "include"), ("key2", "do-exclude-it")],
                        false,
                    ),
                    (
                        "key1 not include",
                        efs,
                        "EFS",
                        &[("key1", "Include")],
                        false,
                    ),
                ],
            ),
            (
                "tagged backup:true except FSx and RDS-family resources",
                BackupSelection {
                    resources: vec!["*".into()],
                    not_resources: vec!["arn:aws:fsx:*".into(), "arn:aws:rds:*".into()],
                    conditions: SelectionConditions {
                        string_equals: vec![kv("backup", "true")],
                        ..SelectionConditions::default()
                    },
                    ..sel()
                },
                vec![
                    ("efs", efs, "EFS", &[("backup", "true")], true),
                    ("fsx", fsx, "FSx", &[("backup", "true")], false),
                    ("rds", rds, "RDS", &[("backup", "true")], false),
                ],
            ),
            (
                "ListOfTags entries are OR (API_BackupSelection)",
                BackupSelection {
                    list_of_tags: vec![
                        TagCondition {
                            condition_type: "STRINGEQUALS".into(),
                            key: "month".into(),
                            value: "July".into(),
                        },
                        TagCondition {
                            condition_type: "STRINGEQUALS".into(),
                            key: "month".into(),
                            value: "August".into(),
                        },
                    ],
                    ..sel()
                },
                vec![
                    ("july", efs, "EFS", &[("month", "July")], true),
                    ("august", ebs, "EBS", &[("month", "August")], true),
                    ("case sensitive", ebs, "EBS", &[("month", "july")], false),
                ],
            ),
            (
                "Resources and ListOfTags are OR (observed, S-RT)",
                BackupSelection {
                    resources: vec!["arn:aws:s3:::*".into()],
                    list_of_tags: vec![TagCondition {
                        condition_type: "STRINGEQUALS".into(),
                        key: "enable_backup".into(),
                        value: "true".into(),
                    }],
                    ..sel()
                },
                vec![
                    ("untagged bucket", "arn:aws:s3:::logs", "S3", &[], true),
                    (
                        "tagged volume",
                        ebs,
                        "EBS",
                        &[("enable_backup", "true")],
                        true,
                    ),
                    ("untagged volume", ebs, "EBS", &[], false),
                ],
            ),
        ];
        for (title, s, cases) in examples {
            for (name, arn, rtype, kvs, want) in cases {
                let t = tags(kvs);
                let got = matches(
                    &s,
                    &Candidate {
                        arn,
                        resource_type: rtype,
                        tags: &t,
                    },
                );
                assert_eq!(got.selected, want, "{title} / {name}: {}", got.reason);
            }
        }
    }

    #[test]
    fn explicit_types() {
        assert!(names_type("arn:aws:ec2:*:*:volume/*"));
        assert!(names_type("arn:aws:rds:*:*:db:*"));
        assert!(names_type("arn:aws:s3:::*"));
        assert!(names_type("arn:aws:s3:::my-bucket-*"));
        assert!(!names_type("*"));
        assert!(!names_type("arn:aws:ec2:*"));
    }
}
