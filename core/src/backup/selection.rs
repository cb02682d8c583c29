//! Which resources a backup selection assigns to its plan (aws-backup.md §3).
//!
//! Semantics (sources in the comments):
//! * `Resources`: ARNs combined with OR; `*` is a wildcard (drplan matches it against any run of
//!   characters, which covers the documented suffix form `arn:aws:s3:::my-bucket-*` and whole
//!   segments such as `arn:aws:ec2:*:*:volume/*`).
//! * `ListOfTags`: `STRINGEQUALS` entries combined with OR.
//! * `Conditions`: every entry must match (AND); `StringLike`/`StringNotLike` take `*` anywhere.
//! * Resources and tags combine with AND: "If both resource type and tags are specified in a
//!   resource assignment, the specified resource types are filtered first, then tags further
//!   filter those resources" (assigning-resources.html; re:Post backup-assign-resources example 1
//!   combines Resources and Conditions with AND).
//! * `NotResources` removes resources.
//! * A selection with no resources, tags or conditions selects every supported resource type
//!   (aws-backup.md §3; Region opt-in settings are not modelled).
//!
//! Tag keys: `Conditions` keys are `aws:ResourceTag/<key>` (aws-backup.md §3); `ListOfTags` keys
//! are the bare tag key (API `Condition`: "in the tag Department: Accounting, Department is the
//! key"). drplan strips an `aws:ResourceTag/` prefix in both. A missing tag never satisfies
//! `StringEquals`/`StringLike` and always satisfies `StringNotEquals`/`StringNotLike` (IAM
//! condition semantics; AWS Backup does not say otherwise — UNCONFIRMED).

use std::collections::BTreeMap;

use crate::backup::resource::RESOURCE_TYPES;
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
}

/// Whether `sel` assigns `c` to its plan, with the reason.
pub fn matches(sel: &BackupSelection, c: &Candidate<'_>) -> Match {
    let no = |reason: String| Match {
        selected: false,
        reason,
    };
    let everything =
        sel.resources.is_empty() && sel.list_of_tags.is_empty() && sel.conditions.is_empty();
    if everything && !RESOURCE_TYPES.contains(&c.resource_type) {
        return no(format!(
            "selection {} selects every supported type, and {} is not one (aws-backup.md §15)",
            sel.name, c.resource_type
        ));
    }
    let mut why: Vec<String> = Vec::new();
    if !sel.resources.is_empty() {
        match sel.resources.iter().find(|p| glob(p, c.arn)) {
            Some(p) => why.push(format!("Resources {p}")),
            None => {
                return no(format!(
                    "selection {}: no Resources pattern matches {}",
                    sel.name, c.arn
                ))
            }
        }
    }
    if !sel.list_of_tags.is_empty() {
        let hit = sel.list_of_tags.iter().find(|t| {
            t.condition_type.eq_ignore_ascii_case("STRINGEQUALS")
                && c.tags.get(tag_key(&t.key)) == Some(&t.value)
        });
        match hit {
            Some(t) => why.push(format!("ListOfTags {}={}", tag_key(&t.key), t.value)),
            None => {
                return no(format!(
                    "selection {}: no ListOfTags entry matches the resource's tags",
                    sel.name
                ))
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
        // Resources AND ListOfTags
        s.resources = vec!["arn:aws:rds:*".into()];
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
        s.not_resources = vec!["arn:aws:ec2:us-east-1:1:volume/vol-1".into()];
        let m = matches(&s, &c);
        assert!(!m.selected);
        assert!(m.reason.contains("NotResources"), "{}", m.reason);
    }
}
