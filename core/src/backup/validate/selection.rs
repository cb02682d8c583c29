//! Selections (aws-backup.md §3, §5.4 S7, §13).

use std::collections::BTreeSet;

use super::{
    as_deployed, name_ok, Ctx, Target, MAX_SELECTIONS_PER_PLAN, MAX_SELECTIONS_PER_PLAN_STRICT,
    MAX_SELECTION_ARNS, MAX_SELECTION_ARNS_WILDCARD, MAX_TAGS_PER_SELECTION,
    MAX_TAG_SELECTIONS_PER_PLAN,
};
use crate::backup::model::*;
use crate::backup::resource;
use crate::error::Issue;

fn plan_selections<'s>(
    plan: &BackupPlan,
    selections: &'s [BackupSelection],
) -> Vec<(usize, &'s BackupSelection)> {
    selections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.plan_name.as_deref().is_none_or(|n| n == plan.name))
        .collect()
}

pub(super) fn check_selections(ctx: &mut Ctx<'_>) {
    let mine = plan_selections(ctx.plan, ctx.selections);
    if mine.len() > MAX_SELECTIONS_PER_PLAN {
        ctx.push(
            Target::Plan,
            Issue::error(
                "too_many_selections",
                "/name",
                format!("{} selections assign resources to plan {}; at most {MAX_SELECTIONS_PER_PLAN} are allowed", mine.len(), ctx.plan.name),
            )
            .with_hint("aws-backup.md §13 (CONFLICT: 100 vs 10)"),
        );
    } else if mine.len() > MAX_SELECTIONS_PER_PLAN_STRICT {
        ctx.push(
            Target::Plan,
            Issue::warning(
                "too_many_selections",
                "/name",
                format!("{} selections assign resources to plan {}; some versions of the quota page allow only {MAX_SELECTIONS_PER_PLAN_STRICT}", mine.len(), ctx.plan.name),
            )
            .with_hint("aws-backup.md §13 (CONFLICT: 100 vs 10)"),
        );
    }
    let tag_based = mine
        .iter()
        .filter(|(_, s)| !s.list_of_tags.is_empty() || !s.conditions.is_empty())
        .count();
    if tag_based > MAX_TAG_SELECTIONS_PER_PLAN {
        ctx.push(
            Target::Plan,
            Issue::error(
                "too_many_tag_selections",
                "/name",
                format!("{tag_based} tag-based selections for plan {}; at most {MAX_TAG_SELECTIONS_PER_PLAN} are allowed", ctx.plan.name),
            )
            .with_hint("aws-backup.md §13"),
        );
    }
    for (k, s) in mine {
        check_selection(ctx, k, s);
    }
}

fn check_selection(ctx: &mut Ctx<'_>, k: usize, s: &BackupSelection) {
    let t = Target::Selection(k);
    let known = |p: &str| !s.source.as_ref().is_some_and(|sm| sm.is_unresolved(p));
    let substituted = s
        .source
        .as_ref()
        .is_some_and(|sm| sm.is_substituted("/name"));
    let (name, note) = as_deployed(&s.name, substituted);
    if known("/name") && !name_ok(&name, 1, 50, true) {
        let message = match &note {
            Some(note) => format!(
                "selection name {:?} is {} characters {note}; selection names must be 1–50 of A-Z a-z 0-9 - _ . [P2]",
                s.name,
                name.chars().count()
            ),
            None => format!(
                "selection name {:?} must be 1–50 of A-Z a-z 0-9 - _ . [P2]",
                s.name
            ),
        };
        ctx.push(
            t,
            Issue::error("selection_name_invalid", "/name", message).with_hint(
                super::with_substitution("aws-backup.md §5.1 P2", note.is_some()),
            ),
        );
    }
    for (field, list) in [
        ("resources", &s.resources),
        ("not_resources", &s.not_resources),
    ] {
        let wildcard = list.iter().any(|a| a.contains('*'));
        let limit = if wildcard {
            MAX_SELECTION_ARNS_WILDCARD
        } else {
            MAX_SELECTION_ARNS
        };
        if list.len() > limit {
            ctx.push(
                t,
                Issue::error(
                    "selection_too_many_arns",
                    format!("/{field}"),
                    format!(
                        "{} ARNs; the limit is {limit}{} [S7]",
                        list.len(),
                        if wildcard {
                            " when any ARN has a wildcard"
                        } else {
                            ""
                        }
                    ),
                )
                .with_hint("aws-backup.md §3 / §5.4 S7"),
            );
        }
        for (i, arn) in list.iter().enumerate() {
            let path = format!("/{field}/{i}");
            if !known(&path) {
                continue;
            }
            if !wildcard_ok(arn) {
                {
                    ctx.push(
                        t,
                        Issue::error(
                            "selection_wildcard_position",
                            &path,
                            format!("{arn:?}: a '*' must end the ARN or fill a whole segment [S7]"),
                        )
                        .with_hint("arn:aws:s3:::my-bucket-* is valid, arn:aws:s3:::*-logs is not (aws-backup.md §3)"),
                    );
                    continue;
                }
            }
            if arn.contains("$account") || arn.contains("${") {
                continue;
            }
            if let Err(service) = resource::types_of_arn(arn) {
                ctx.push(
                    t,
                    Issue::warning(
                        "unknown_resource_type",
                        &path,
                        format!("{arn:?} names no resource type AWS Backup protects (service {service:?})"),
                    )
                    .with_hint(format!("supported types: {} (aws-backup.md §15)", resource::RESOURCE_TYPES.join(", "))),
                );
            }
        }
    }
    for (i, tag) in s.list_of_tags.iter().enumerate() {
        let path = format!("/list_of_tags/{i}/condition_type");
        if known(&path) && tag.condition_type.eq_ignore_ascii_case("STRINGEQUALS") {
            // Another spelling of the one value (aws-backup.md §3.1): CloudFormation's schema
            // types ConditionType as a free string, so it deploys; the API model's enum is
            // STRINGEQUALS only and the console does not show it as an equals condition.
            if tag.condition_type != "STRINGEQUALS" {
                ctx.push(
                    t,
                    Issue::warning(
                        "selection_condition_type_invalid",
                        &path,
                        format!(
                            "ConditionType {:?} is STRINGEQUALS in another case: CloudFormation passes it on, but the API's only value is STRINGEQUALS and the service's handling of other spellings is unconfirmed",
                            tag.condition_type
                        ),
                    )
                    .with_hint("write STRINGEQUALS (aws-backup.md §3.1)"),
                );
            }
        } else if known(&path) {
            ctx.push(
                t,
                Issue::error(
                    "selection_condition_type_invalid",
                    &path,
                    format!(
                        "ConditionType must be STRINGEQUALS, not {:?}",
                        tag.condition_type
                    ),
                )
                .with_hint("STRINGEQUALS is the only value (aws-backup.md §3.1)"),
            );
        }
    }
    let tags = s.list_of_tags.len() + s.conditions.len();
    if tags > MAX_TAGS_PER_SELECTION {
        ctx.push(
            t,
            Issue::error(
                "too_many_tags_in_selection",
                "/list_of_tags",
                format!("{tags} tag conditions in one selection; at most {MAX_TAGS_PER_SELECTION} are allowed"),
            )
            .with_hint("aws-backup.md §13"),
        );
    }
    for (field, list) in [
        ("string_equals", &s.conditions.string_equals),
        ("string_not_equals", &s.conditions.string_not_equals),
        ("string_like", &s.conditions.string_like),
        ("string_not_like", &s.conditions.string_not_like),
    ] {
        for (i, c) in list.iter().enumerate() {
            let path = format!("/conditions/{field}/{i}/key");
            if known(&path) && !c.key.starts_with("aws:ResourceTag/") {
                ctx.push(
                    t,
                    Issue::warning(
                        "selection_condition_key",
                        &path,
                        format!(
                            "condition key {:?} is not of the form aws:ResourceTag/<key>",
                            c.key
                        ),
                    )
                    .with_hint("aws-backup.md §3"),
                );
            }
        }
    }
}

/// S7: a `*` only as a prefix match at the end of the ARN. A `*` standing for a whole Region or
/// account segment (`arn:aws:ec2:*:*:volume/*`, used in AWS's own selection examples:
/// devguide assigning-resources-json, re:Post backup-assign-resources) is a wildcard segment, not
/// an infix, and is accepted.
pub(super) fn wildcard_ok(arn: &str) -> bool {
    let b = arn.as_bytes();
    b.iter().enumerate().all(|(i, c)| {
        *c != b'*'
            || i + 1 == b.len()
            || (i > 0 && b.get(i - 1) == Some(&b':') && b.get(i + 1) == Some(&b':'))
    })
}

/// Resource types the plan's selections name explicitly (`None` when no selection is given).
pub(super) fn selected_types(
    plan: &BackupPlan,
    selections: &[BackupSelection],
) -> Option<BTreeSet<&'static str>> {
    let mine = plan_selections(plan, selections);
    if mine.is_empty() {
        return None;
    }
    let mut types = BTreeSet::new();
    for (_, s) in mine {
        // Resources the importer could not resolve: their type when the template tells it
        // (aws-backup.md §16.8), otherwise the selection's types are unknown.
        let sm = s.source.as_ref();
        if sm.is_some_and(|sm| sm.is_unresolved("/resources") && sm.unresolved_items.is_empty()) {
            // The whole list is unknown.
            return None;
        }
        // Only the items of `Resources` (not `NotResources`) add types.
        let of_resources = |k: &&String| {
            k.rsplit('/')
                .nth(1)
                .is_some_and(|parent| parent.eq_ignore_ascii_case("resources"))
        };
        let items: Vec<&Vec<String>> = sm
            .map(|sm| {
                sm.unresolved_items
                    .iter()
                    .filter(|(k, _)| of_resources(k))
                    .map(|(_, v)| v)
                    .collect()
            })
            .unwrap_or_default();
        for inferred in items.iter().copied() {
            if inferred.is_empty() {
                return None;
            }
            for t in inferred {
                let known = resource::RESOURCE_TYPES
                    .iter()
                    .find(|r| **r == t.as_str())?;
                types.insert(*known);
            }
        }
        if s.resources.is_empty()
            && items.is_empty()
            && s.list_of_tags.is_empty()
            && s.conditions.is_empty()
        {
            // Selects every opted-in type (aws-backup.md §3).
            types.extend(resource::RESOURCE_TYPES.iter().copied());
        }
        for arn in &s.resources {
            if let Ok(t) = resource::types_of_arn(arn) {
                types.extend(t);
            }
        }
    }
    Some(types)
}
