//! Checks of an object profile, and of a lifecycle against S3's transition rules.

use super::{
    S3Class, S3Lifecycle, S3ObjectProfile, MAX_BUCKETS, MAX_DAYS, MAX_READS, MAX_TRANSITIONS,
};
use crate::error::{join, Issue};
use crate::units::{MAX_BYTES, MAX_COUNT, MAX_GIB};

pub(super) fn validate_profile(p: &S3ObjectProfile) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut err = |path: String, msg: String| {
        issues.push(Issue::error("out_of_range", path, msg).in_input("object_profile"));
    };
    if p.size_buckets.is_empty() || p.size_buckets.len() > MAX_BUCKETS {
        err(
            "/size_buckets".into(),
            format!("size_buckets must hold 1–{MAX_BUCKETS} entries"),
        );
    }
    for (i, b) in p.size_buckets.iter().enumerate() {
        let base = join("/size_buckets", i);
        if !(b.objects_per_month.is_finite() && (0.0..=MAX_COUNT).contains(&b.objects_per_month)) {
            err(
                join(&base, "objects_per_month"),
                format!("objects_per_month must be a finite number from 0 to {MAX_COUNT:e}"),
            );
        }
        if !(b.object_size_bytes.is_finite()
            && b.object_size_bytes > 0.0
            && b.object_size_bytes <= MAX_BYTES)
        {
            err(
                join(&base, "object_size_bytes"),
                format!("object_size_bytes must be a finite number > 0 and at most {MAX_BYTES:e}"),
            );
        }
    }
    if p.retention_days == 0 || p.retention_days > MAX_DAYS {
        err(
            "/retention_days".into(),
            format!("retention_days must be 1–{MAX_DAYS}"),
        );
    }
    if p.reads.len() > MAX_READS {
        err("/reads".into(), format!("at most {MAX_READS} reads"));
    }
    let r = f64::from(p.retention_days);
    for (i, rd) in p.reads.iter().enumerate() {
        let base = join("/reads", i);
        if !(rd.gib_per_month.is_finite() && (0.0..=MAX_GIB).contains(&rd.gib_per_month)) {
            err(
                join(&base, "gib_per_month"),
                format!("gib_per_month must be a finite number from 0 to {MAX_GIB:e}"),
            );
        }
        if let Some(o) = rd.objects_per_month {
            if !(o.is_finite() && (0.0..=MAX_COUNT).contains(&o)) {
                err(
                    join(&base, "objects_per_month"),
                    format!("objects_per_month must be a finite number from 0 to {MAX_COUNT:e}"),
                );
            }
        }
        let a1 = rd.min_age_days.unwrap_or(0.0);
        let a2 = rd.max_age_days.unwrap_or(r);
        if !(a1.is_finite() && a2.is_finite() && 0.0 <= a1 && a1 < a2 && a2 <= r) {
            err(
                base,
                format!(
                    "read ages must satisfy 0 ≤ min_age_days < max_age_days ≤ retention_days ({r})"
                ),
            );
        }
    }
    if let Some(h) = p.hours_per_month {
        if !(672.0..=744.0).contains(&h) {
            err(
                "/hours_per_month".into(),
                "hours_per_month must be 672–744".into(),
            );
        }
    }
    issues
}

/// Check a lifecycle against AWS's rules: errors for what S3 rejects, warnings otherwise.
pub(super) fn validate_lifecycle(l: &S3Lifecycle, retention: u32) -> Vec<Issue> {
    let mut issues = Vec::new();
    let src = "lifecycle-transition-general-considerations.md";
    if l.transitions.len() > MAX_TRANSITIONS {
        issues.push(Issue::error(
            "out_of_range",
            "/transitions",
            format!("at most {MAX_TRANSITIONS} transitions"),
        ));
    }
    let mut order: Vec<usize> = (0..l.transitions.len()).collect();
    order.sort_by_key(|&i| l.transitions.get(i).map(|t| t.days));
    let mut prev = l.initial_storage_class.unwrap_or(S3Class::Standard);
    if prev == S3Class::IntelligentTiering {
        issues.push(Issue::error(
            "not_modelled",
            "/initial_storage_class",
            "S3 Intelligent-Tiering is not modelled: its tiering depends on access patterns",
        ));
    }
    let mut prev_days: Option<u32> = None;
    let mut ia_day: Option<u32> = None;
    for &i in &order {
        let Some(t) = l.transitions.get(i) else {
            continue;
        };
        let path = join("/transitions", i);
        let c = t.storage_class;
        if c == S3Class::IntelligentTiering {
            issues.push(
                Issue::error(
                    "not_modelled",
                    join(&path, "storage_class"),
                    "S3 Intelligent-Tiering is not modelled: its tiering depends on access patterns",
                )
                .with_hint("use standard_ia / glacier_ir for a predictable bill"),
            );
            continue;
        }
        if !prev.can_transition_to(c) {
            issues.push(Issue::error(
                "unsupported_transition",
                join(&path, "storage_class"),
                format!(
                    "S3 lifecycle cannot transition {} → {} ({src}, supported transitions)",
                    prev.slug(),
                    c.slug()
                ),
            ));
        }
        if c.ia_like() {
            if t.days < 30 {
                issues.push(Issue::error(
                    "transition_too_early",
                    join(&path, "days"),
                    format!(
                        "objects must stay at least 30 days in Standard before {} ({src})",
                        c.slug()
                    ),
                ));
            } else if t.days == 30 {
                issues.push(Issue::warning(
                    "transition_days_conflict",
                    join(&path, "days"),
                    "the S3 API reference says Transition.Days for STANDARD_IA/ONEZONE_IA must be greater than 30, the user guide says at least 30 (CONFLICT)",
                ));
            }
            if ia_day.is_none() {
                ia_day = Some(t.days);
            }
        }
        if c.archive() {
            if let Some(d) = ia_day {
                if t.days < d + 30 {
                    issues.push(Issue::error(
                        "transition_too_early",
                        join(&path, "days"),
                        format!(
                            "a {} transition must come at least 30 days after the Standard-IA/One Zone-IA transition (day {d}) in the same rule ({src})",
                            c.slug()
                        ),
                    ));
                }
            }
        }
        if prev_days == Some(t.days) {
            issues.push(Issue::warning(
                "same_day_transitions",
                join(&path, "days"),
                "two transitions on the same day: modelled in waterfall order, the first class billed its minimum duration",
            ));
        }
        if t.days >= retention {
            issues.push(Issue::warning(
                "transition_after_expiration",
                join(&path, "days"),
                format!(
                    "transition on day {} never happens: objects expire on day {retention}",
                    t.days
                ),
            ));
        }
        prev = c;
        prev_days = Some(t.days);
    }
    issues
        .into_iter()
        .map(|i| i.in_input("lifecycle"))
        .collect()
}
