//! Every problem of a restore testing plan and its selections at once (aws-backup.md §18.2,
//! rule IDs R1–R19). Paths are built against the normalized objects and mapped through their
//! source maps into the original document (`input: "document"`), else they stay in the
//! arguments (`input: "plan"`, `"selections"`).

use std::collections::BTreeMap;

use super::model::*;
use crate::backup::model::SourceMap;
use crate::error::{join, Issue};
use crate::schedule::AwsCron;

/// Source: aws-backup.md §18.2 R4.
pub const START_WINDOW_HOURS: (i64, i64) = (1, 168);
/// Source: aws-backup.md §18.2 R9.
pub const SELECTION_WINDOW_DAYS: (i64, i64) = (1, 365);
/// Default `SelectionWindowDays`. Source: aws-backup.md §12.
pub const DEFAULT_SELECTION_WINDOW_DAYS: i64 = 30;
/// Source: aws-backup.md §18.2 R16.
pub const VALIDATION_WINDOW_HOURS: (i64, i64) = (0, 168);
/// Source: aws-backup.md §18.2 R13 / §13.
pub const MAX_PROTECTED_RESOURCE_ARNS: usize = 30;
/// Source: aws-backup.md §18.2 R14 / §13.
pub const MAX_CONDITIONS: usize = 30;
/// Source: aws-backup.md §18.2 R17 / §13.
pub const MAX_SELECTIONS_PER_PLAN: usize = 30;
/// Source: aws-backup.md §18.2 R17 / §13.
pub const MAX_PLAN_TAGS: usize = 50;
/// Default schedule. Source: aws-backup.md §12.
pub const DEFAULT_SCHEDULE: &str = "cron(0 5 ? * * *)";
/// Source: aws-backup.md §18.2 R11.
pub const SUPPORTED_TYPES: &[&str] = &[
    "Aurora",
    "DocumentDB",
    "DynamoDB",
    "EBS",
    "EC2",
    "EFS",
    "FSx",
    "Neptune",
    "RDS",
    "S3",
];
/// Source: aws-backup.md §18.2 R5.
pub const ALGORITHMS: &[&str] = &["LATEST_WITHIN_WINDOW", "RANDOM_WITHIN_WINDOW"];
/// Source: aws-backup.md §18.2 R6.
pub const RECOVERY_POINT_TYPES: &[&str] = &["SNAPSHOT", "CONTINUOUS"];

#[derive(Clone, Copy)]
enum Target {
    Plan,
    Selection(usize),
}

struct Ctx<'a> {
    plan: Option<&'a RestoreTestingPlan>,
    selections: &'a [RestoreTestingSelection],
    out: Vec<(Target, Issue)>,
}

impl Ctx<'_> {
    fn source(&self, t: Target) -> Option<&SourceMap> {
        match t {
            Target::Plan => self.plan.and_then(|p| p.source.as_ref()),
            Target::Selection(k) => self.selections.get(k).and_then(|s| s.source.as_ref()),
        }
    }
    fn known(&self, t: Target, norm: &str) -> bool {
        !self.source(t).is_some_and(|s| s.is_unresolved(norm))
    }
    fn push(&mut self, t: Target, i: Issue) {
        self.out.push((t, i));
    }
}

fn name_ok(s: &str) -> bool {
    let n = s.chars().count();
    (1..=50).contains(&n) && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A vault selector: `*` or a backup vault ARN (a pattern with `*` allowed).
fn vault_selector_ok(s: &str) -> bool {
    if s == "*" {
        return true;
    }
    let mut s = s.to_owned();
    for (p, worst) in crate::backup::validate::PSEUDO_WORST {
        s = s.replace(p, worst);
    }
    let parts: Vec<&str> = s.splitn(6, ':').collect();
    parts.len() == 6
        && parts.first() == Some(&"arn")
        && parts.get(2).is_some_and(|x| *x == "backup" || *x == "*")
        && parts
            .get(5)
            .is_some_and(|r| r.starts_with("backup-vault:") || r.starts_with('*'))
}

fn iam_role_ok(s: &str) -> bool {
    let parts: Vec<&str> = s.splitn(6, ':').collect();
    parts.len() == 6
        && parts.first() == Some(&"arn")
        && parts.get(2) == Some(&"iam")
        && parts.get(3).is_some_and(|r| r.is_empty())
        && parts
            .get(5)
            .is_some_and(|r| r.strip_prefix("role/").is_some_and(|n| !n.is_empty()))
}

/// Validate one plan with its selections (either may be absent or empty: a selection document
/// has no plan).
pub fn validate(
    plan: Option<&RestoreTestingPlan>,
    selections: &[RestoreTestingSelection],
) -> Vec<Issue> {
    let mut ctx = Ctx {
        plan,
        selections,
        out: Vec::new(),
    };
    if let Some(p) = plan {
        check_plan(&mut ctx, p);
    }
    for (k, s) in selections.iter().enumerate() {
        check_selection(&mut ctx, k, s);
    }
    check_selection_set(&mut ctx);
    let Ctx { out, .. } = ctx;
    let mut issues: Vec<Issue> = out
        .into_iter()
        .map(|(t, i)| {
            let (src, prefix, input) = match t {
                Target::Plan => (plan.and_then(|p| p.source.as_ref()), String::new(), "plan"),
                Target::Selection(k) => (
                    selections.get(k).and_then(|s| s.source.as_ref()),
                    format!("/{k}"),
                    "selections",
                ),
            };
            match src {
                Some(sm) => {
                    let mut i = i;
                    i.path = sm.original(&i.path);
                    i.in_input(crate::backup::import::INPUT)
                }
                None => i.under(&prefix).in_input(input),
            }
        })
        .collect();
    issues.sort_by_key(|i| i.severity);
    issues
}

fn range_issue(
    code: &str,
    path: &str,
    what: &str,
    v: i64,
    (lo, hi): (i64, i64),
    rule: &str,
) -> Issue {
    Issue::error(
        code,
        path,
        format!("{what} is {v}; AWS Backup accepts {lo}–{hi} [{rule}]"),
    )
    .with_hint(format!("aws-backup.md §18.2 {rule}"))
}

fn check_plan(ctx: &mut Ctx<'_>, p: &RestoreTestingPlan) {
    let t = Target::Plan;
    if ctx.known(t, "/name") && !p.name.is_empty() && !name_ok(&p.name) {
        ctx.push(
            t,
            Issue::error(
                "restore_testing_plan_name_invalid",
                "/name",
                format!(
                    "restore testing plan name {:?} must be 1–50 of A-Z a-z 0-9 _ (no hyphen or dot) [R1]",
                    crate::budget::echo(&p.name)
                ),
            )
            .with_hint("aws-backup.md §18.2 R1, §5.1 P7"),
        );
    }
    if let Some(expr) = &p.schedule_expression {
        if ctx.known(t, "/schedule_expression") {
            match AwsCron::parse(expr) {
                Ok(cron) => {
                    for w in cron.warnings() {
                        ctx.push(t, w.clone().under("/schedule_expression"));
                    }
                    if !cron.fires_ever() {
                        ctx.push(
                            t,
                            Issue::warning(
                                "schedule_never_fires",
                                "/schedule_expression",
                                format!(
                                    "{:?} matches no date: the plan never tests anything",
                                    crate::budget::echo(expr)
                                ),
                            ),
                        );
                    }
                }
                Err(issues) => {
                    for i in issues {
                        let i = i.under("/schedule_expression");
                        let i = if i.hint.is_none() {
                            i.with_hint("aws-backup.md §6, §18.2 R2")
                        } else {
                            i
                        };
                        ctx.push(t, i);
                    }
                }
            }
        }
    }
    if let Some(tz) = &p.schedule_expression_timezone {
        if ctx.known(t, "/schedule_expression_timezone") && jiff::tz::TimeZone::get(tz).is_err() {
            ctx.push(
                t,
                Issue::warning(
                    "unknown_time_zone",
                    "/schedule_expression_timezone",
                    format!(
                        "{:?} is not an IANA time zone name drplan knows",
                        crate::budget::echo(tz)
                    ),
                )
                .with_hint("aws-backup.md §7, §18.2 R3"),
            );
        }
    }
    if let Some(h) = p.start_window_hours {
        if !(START_WINDOW_HOURS.0..=START_WINDOW_HOURS.1).contains(&h) {
            ctx.push(
                t,
                range_issue(
                    "start_window_hours_out_of_range",
                    "/start_window_hours",
                    "StartWindowHours",
                    h,
                    START_WINDOW_HOURS,
                    "R4",
                ),
            );
        }
    }
    if p.tags.len() > MAX_PLAN_TAGS {
        ctx.push(
            t,
            Issue::error(
                "too_many_tags",
                "/tags",
                format!(
                    "the plan has {} tags; AWS Backup allows {MAX_PLAN_TAGS} [R17]",
                    p.tags.len()
                ),
            )
            .with_hint("aws-backup.md §18.2 R17, §13"),
        );
    }
    let Some(rps) = &p.recovery_point_selection else {
        return;
    };
    let base = "/recovery_point_selection";
    if let Some(a) = &rps.algorithm {
        if ctx.known(t, &join(base, "algorithm")) && !ALGORITHMS.contains(&a.as_str()) {
            ctx.push(
                t,
                Issue::error(
                    "restore_testing_algorithm_invalid",
                    join(base, "algorithm"),
                    format!(
                        "Algorithm {:?} is not LATEST_WITHIN_WINDOW or RANDOM_WITHIN_WINDOW [R5]",
                        crate::budget::echo(a)
                    ),
                )
                .with_hint("aws-backup.md §18.2 R5"),
            );
        }
    }
    let types_path = join(base, "recovery_point_types");
    if ctx.known(t, &types_path) {
        if rps.recovery_point_types.is_empty() && !missing_reported(ctx.source(t), &types_path) {
            ctx.push(
                t,
                Issue::error(
                    "recovery_point_types_empty",
                    &types_path,
                    "RecoveryPointTypes needs SNAPSHOT, CONTINUOUS or both [R6]",
                )
                .with_hint("aws-backup.md §18.2 R6"),
            );
        }
        let mut seen = Vec::new();
        for (i, v) in rps.recovery_point_types.iter().enumerate() {
            let path = join(&types_path, i);
            if !RECOVERY_POINT_TYPES.contains(&v.as_str()) {
                ctx.push(
                    t,
                    Issue::error(
                        "recovery_point_type_invalid",
                        path,
                        format!(
                            "{:?} is not SNAPSHOT or CONTINUOUS [R6]",
                            crate::budget::echo(v)
                        ),
                    )
                    .with_hint("aws-backup.md §18.2 R6"),
                );
            } else if seen.contains(v) {
                ctx.push(
                    t,
                    Issue::warning("duplicate_value", path, format!("{v} is listed twice")),
                );
            }
            seen.push(v.clone());
        }
    }
    let inc = join(base, "include_vaults");
    if ctx.known(t, &inc) {
        if rps.include_vaults.is_empty() && !missing_reported(ctx.source(t), &inc) {
            ctx.push(
                t,
                Issue::error(
                    "include_vaults_empty",
                    &inc,
                    "IncludeVaults needs one or more vaults: [\"*\"] or backup vault ARNs [R7]",
                )
                .with_hint("aws-backup.md §18.2 R7"),
            );
        }
        for (i, v) in rps.include_vaults.iter().enumerate() {
            if !vault_selector_ok(v) {
                ctx.push(
                    t,
                    Issue::error(
                        "vault_selector_invalid",
                        join(&inc, i),
                        format!("{:?} is neither \"*\" nor a backup vault ARN (arn:aws:backup:<region>:<account>:backup-vault:<name>, * allowed) [R7]", crate::budget::echo(v)),
                    )
                    .with_hint("aws-backup.md §18.2 R7"),
                );
            }
        }
    }
    let exc = join(base, "exclude_vaults");
    for (i, v) in rps.exclude_vaults.iter().enumerate() {
        if v != "*" && !vault_selector_ok(v) {
            ctx.push(
                t,
                Issue::warning(
                    "vault_selector_unknown",
                    join(&exc, i),
                    format!("{:?} is not a backup vault ARN or pattern; drplan cannot tell which vaults it excludes [R8]", crate::budget::echo(v)),
                )
                .with_hint("aws-backup.md §18.2 R8"),
            );
        }
    }
    if let Some(d) = rps.selection_window_days {
        if !(SELECTION_WINDOW_DAYS.0..=SELECTION_WINDOW_DAYS.1).contains(&d) {
            ctx.push(
                t,
                range_issue(
                    "selection_window_days_out_of_range",
                    &join(base, "selection_window_days"),
                    "SelectionWindowDays",
                    d,
                    SELECTION_WINDOW_DAYS,
                    "R9",
                ),
            );
        }
    }
}

/// Whether the importer already reported `norm` as missing (it is then listed as unresolved).
fn missing_reported(sm: Option<&SourceMap>, norm: &str) -> bool {
    sm.is_some_and(|s| s.unresolved.iter().any(|u| u == norm))
}

fn check_selection(ctx: &mut Ctx<'_>, k: usize, s: &RestoreTestingSelection) {
    let t = Target::Selection(k);
    if ctx.known(t, "/name") && !s.name.is_empty() && !name_ok(&s.name) {
        ctx.push(
            t,
            Issue::error(
                "restore_testing_selection_name_invalid",
                "/name",
                format!(
                    "restore testing selection name {:?} must be 1–50 of A-Z a-z 0-9 _ [R10]",
                    crate::budget::echo(&s.name)
                ),
            )
            .with_hint("aws-backup.md §18.2 R10, §5.1 P8 (conflict: the stricter rule)"),
        );
    }
    let rtype = s.protected_resource_type.as_str();
    let type_known = ctx.known(t, "/protected_resource_type") && !rtype.is_empty();
    if type_known && !SUPPORTED_TYPES.contains(&rtype) {
        let near = SUPPORTED_TYPES
            .iter()
            .find(|x| x.eq_ignore_ascii_case(rtype))
            .map(|x| format!("did you mean {x:?}? "))
            .unwrap_or_default();
        ctx.push(
            t,
            Issue::error(
                "protected_resource_type_unsupported",
                "/protected_resource_type",
                format!(
                    "restore testing does not support the type {:?} [R11]",
                    crate::budget::echo(rtype)
                ),
            )
            .with_hint(format!(
                "{near}supported: {}; aws-backup.md §18.2 R11",
                SUPPORTED_TYPES.join(", ")
            )),
        );
    }
    if let Some(role) = &s.iam_role_arn {
        if ctx.known(t, "/iam_role_arn") && !role.contains("${") && !iam_role_ok(role) {
            ctx.push(
                t,
                Issue::error(
                    "iam_role_arn_invalid",
                    "/iam_role_arn",
                    format!(
                        "{:?} is not an IAM role ARN (arn:aws:iam::<account>:role/<name>) [R12]",
                        crate::budget::echo(role)
                    ),
                )
                .with_hint("aws-backup.md §18.2 R12"),
            );
        }
    }
    let arns = &s.protected_resource_arns;
    let wildcard = arns.iter().any(|a| a == "*");
    let conds = s.protected_resource_conditions.as_ref();
    let arns_known = ctx.known(t, "/protected_resource_arns");
    if arns_known
        && arns.is_empty()
        && conds.is_none_or(ProtectedResourceConditions::is_empty)
        && ctx.known(t, "/protected_resource_conditions")
    {
        ctx.push(
            t,
            Issue::error(
                "no_protected_resources",
                "/protected_resource_arns",
                format!("selection {} names no resource: give ProtectedResourceArns ([\"*\"] or ARNs) or ProtectedResourceConditions [R13]", s.name),
            )
            .with_hint("aws-backup.md §18.2 R13"),
        );
    }
    if wildcard && arns.len() > 1 {
        ctx.push(
            t,
            Issue::error(
                "protected_resource_arns_mixed",
                "/protected_resource_arns",
                "ProtectedResourceArns is either [\"*\"] or specific ARNs, not both [R13]",
            )
            .with_hint("aws-backup.md §18.2 R13"),
        );
    }
    if !wildcard && arns.len() > MAX_PROTECTED_RESOURCE_ARNS {
        ctx.push(
            t,
            Issue::error(
                "too_many_protected_resource_arns",
                "/protected_resource_arns",
                format!(
                    "{} ARNs; a selection takes at most {MAX_PROTECTED_RESOURCE_ARNS} [R13]",
                    arns.len()
                ),
            )
            .with_hint("use [\"*\"] with ProtectedResourceConditions; aws-backup.md §18.2 R13"),
        );
    }
    if !wildcard && type_known && SUPPORTED_TYPES.contains(&rtype) {
        for (i, a) in arns.iter().enumerate() {
            if a.contains("${") {
                continue;
            }
            if let Ok(types) = crate::backup::resource::types_of_arn(a) {
                if !types.is_empty() && !types.contains(&rtype) {
                    ctx.push(
                        t,
                        Issue::warning(
                            "protected_resource_type_mismatch",
                            join("/protected_resource_arns", i),
                            format!(
                                "{:?} is a {} resource, but the selection tests {rtype} [R18]",
                                crate::budget::echo(a),
                                types.join("/")
                            ),
                        )
                        .with_hint("aws-backup.md §18.2 R18"),
                    );
                }
            }
        }
    }
    if let Some(c) = conds {
        if !c.is_empty() && !wildcard && !arns.is_empty() {
            ctx.push(
                t,
                Issue::error(
                    "conditions_without_wildcard",
                    "/protected_resource_conditions",
                    "ProtectedResourceConditions apply only with ProtectedResourceArns: [\"*\"] [R14]",
                )
                .with_hint("aws-backup.md §18.2 R14"),
            );
        }
        if c.len() > MAX_CONDITIONS {
            ctx.push(
                t,
                Issue::error(
                    "too_many_conditions",
                    "/protected_resource_conditions",
                    format!(
                        "{} conditions; a selection takes at most {MAX_CONDITIONS} [R14]",
                        c.len()
                    ),
                )
                .with_hint("aws-backup.md §18.2 R14, §13"),
            );
        }
        for (list, items) in [
            ("string_equals", &c.string_equals),
            ("string_not_equals", &c.string_not_equals),
        ] {
            for (i, kv) in items.iter().enumerate() {
                let path = format!("/protected_resource_conditions/{list}/{i}/key");
                if ctx.known(t, &path)
                    && !kv.key.is_empty()
                    && !kv.key.starts_with("aws:ResourceTag/")
                {
                    ctx.push(
                        t,
                        Issue::warning(
                            "condition_key_not_tag",
                            path,
                            format!(
                                "condition key {:?} is not of the form aws:ResourceTag/<key> [R15]",
                                crate::budget::echo(&kv.key)
                            ),
                        )
                        .with_hint("aws-backup.md §18.2 R15"),
                    );
                }
            }
        }
    }
    if let Some(h) = s.validation_window_hours {
        if !(VALIDATION_WINDOW_HOURS.0..=VALIDATION_WINDOW_HOURS.1).contains(&h) {
            ctx.push(
                t,
                range_issue(
                    "validation_window_hours_out_of_range",
                    "/validation_window_hours",
                    "ValidationWindowHours",
                    h,
                    VALIDATION_WINDOW_HOURS,
                    "R16",
                ),
            );
        } else if h == 0 {
            ctx.push(
                t,
                Issue::warning(
                    "validation_window_hours_zero",
                    "/validation_window_hours",
                    "ValidationWindowHours 0: the API accepts it, the console asks for 1–168 [R16]",
                )
                .with_hint("aws-backup.md §18.2 R16 (conflict)"),
            );
        }
    }
    let mut lower: BTreeMap<String, &str> = BTreeMap::new();
    for key in s.restore_metadata_overrides.keys() {
        if let Some(other) = lower.insert(key.to_lowercase(), key) {
            ctx.push(
                t,
                Issue::warning(
                    "override_key_duplicate",
                    join("/restore_metadata_overrides", key),
                    format!("{key:?} and {other:?} are the same key: AWS Backup reads override keys case-insensitively [R19]"),
                )
                .with_hint("aws-backup.md §18.2 R19"),
            );
        }
    }
}

fn check_selection_set(ctx: &mut Ctx<'_>) {
    let plan_name = ctx.plan.map(|p| p.name.clone());
    let mut names: BTreeMap<&str, usize> = BTreeMap::new();
    let sels = ctx.selections;
    for (k, s) in sels.iter().enumerate() {
        if let (Some(want), Some(got)) = (&plan_name, &s.plan_name) {
            if !want.is_empty()
                && !got.is_empty()
                && want != got
                && ctx.known(Target::Selection(k), "/plan_name")
            {
                ctx.push(
                    Target::Selection(k),
                    Issue::info(
                        "selection_plan_unknown",
                        "/plan_name",
                        format!(
                            "selection {} belongs to plan {got:?}, not to {want:?}",
                            s.name
                        ),
                    ),
                );
            }
        }
        if s.name.is_empty() {
            continue;
        }
        if let Some(first) = names.insert(s.name.as_str(), k) {
            ctx.push(
                Target::Selection(k),
                Issue::error(
                    "duplicate_selection_name",
                    "/name",
                    format!("selection name {:?} is used by selection {first} too; names are unique within a plan [R17]", s.name),
                )
                .with_hint("aws-backup.md §18.2 R17"),
            );
        }
    }
    if sels.len() > MAX_SELECTIONS_PER_PLAN && ctx.plan.is_some() {
        ctx.push(
            Target::Plan,
            Issue::error(
                "too_many_selections",
                "",
                format!("{} selections; a restore testing plan takes at most {MAX_SELECTIONS_PER_PLAN} [R17]", sels.len()),
            )
            .with_hint("aws-backup.md §18.2 R17, §13"),
        );
    }
}
