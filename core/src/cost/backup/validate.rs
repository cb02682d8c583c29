//! Checks of the options and of every point record before anything is billed.

use super::{
    BackupCostOptions, PartialDays, RestoreTier, DEFAULT_HORIZON_MONTHS, MAX_ABS_SECONDS,
    MAX_LISTED_ISSUES, MAX_MONTHS, STEADY_MIN_MONTHS, STEADY_TOLERANCE,
};
use crate::cost::fmt::num;
use crate::cost::types::ColdSupport;
use crate::cost::RecoveryPointLife;
use crate::error::{join, Issue};
use crate::pricing::DEFAULT_HOURS_PER_MONTH;
use crate::units::MAX_GIB;

pub(super) struct Settings {
    pub(super) hours_per_month: f64,
    pub(super) months: u32,
    pub(super) tolerance: f64,
    pub(super) min_months: u32,
    pub(super) partial_days: PartialDays,
    pub(super) monthly_lines: bool,
}

pub(super) fn validate_options(o: &BackupCostOptions, issues: &mut Vec<Issue>) -> Settings {
    let mut err = |path: &str, msg: String| {
        issues.push(Issue::error("out_of_range", path, msg).in_input("options"));
    };
    let hours_per_month = o.hours_per_month.unwrap_or(DEFAULT_HOURS_PER_MONTH);
    if !(672.0..=744.0).contains(&hours_per_month) {
        err(
            "/hours_per_month",
            format!("hours_per_month {hours_per_month} must be 672–744 (28–31 days)"),
        );
    }
    let months = o.horizon_months.unwrap_or(DEFAULT_HORIZON_MONTHS);
    if months == 0 || months > MAX_MONTHS {
        err(
            "/horizon_months",
            format!("horizon_months {months} must be 1–{MAX_MONTHS}"),
        );
    }
    let tolerance = o.steady_state_tolerance.unwrap_or(STEADY_TOLERANCE);
    if !(tolerance > 0.0 && tolerance <= 1.0) {
        err(
            "/steady_state_tolerance",
            format!("steady_state_tolerance {tolerance} must be in (0, 1]"),
        );
    }
    let min_months = o.steady_state_min_months.unwrap_or(STEADY_MIN_MONTHS);
    if min_months == 0 || min_months > MAX_MONTHS {
        err(
            "/steady_state_min_months",
            format!("steady_state_min_months {min_months} must be 1–{MAX_MONTHS}"),
        );
    }
    for (name, map) in [
        ("rds_allocated_gib", &o.rds_allocated_gib),
        ("aurora_free_gib", &o.aurora_free_gib),
    ] {
        for (region, g) in map {
            if !g.is_finite() || *g < 0.0 {
                err(
                    &join(&format!("/{name}"), region),
                    format!("{g} GiB must be a finite number ≥ 0"),
                );
            }
        }
    }
    let mut cold_issues = Vec::new();
    for (i, r) in o.restores.iter().enumerate() {
        let base = join("/restores", i);
        if !r.size_gib.is_finite() || r.size_gib < 0.0 {
            err(
                &join(&base, "size_gib"),
                format!("size_gib {} must be a finite number ≥ 0", r.size_gib),
            );
        }
        if let Some(c) = r.count {
            if !c.is_finite() || c < 0.0 {
                err(
                    &join(&base, "count"),
                    format!("count {c} must be a finite number ≥ 0"),
                );
            }
        }
        if let Some(m) = r.month {
            if m == 0 || m > months {
                err(
                    &join(&base, "month"),
                    format!("month {m} must be 1–{months} (the horizon)"),
                );
            }
        }
        if r.from == RestoreTier::Cold
            && matches!(
                r.resource_type.cold_support(),
                ColdSupport::No | ColdSupport::Unknown
            )
        {
            cold_issues.push(
                Issue::error(
                    "no_cold_tier",
                    join(&base, "from"),
                    format!(
                        "{} backups do not tier to cold (pricing.md §5.2): no cold restore",
                        r.resource_type
                    ),
                )
                .in_input("options"),
            );
        }
    }
    issues.extend(cold_issues);
    Settings {
        hours_per_month,
        months,
        tolerance,
        min_months,
        partial_days: o.gb_day_partial_days.unwrap_or_default(),
        monthly_lines: o.monthly_lines.unwrap_or(true),
    }
}

/// Per-point checks. Errors are listed (up to a cap); warnings are aggregated per kind.
pub(super) fn validate_points(points: &[RecoveryPointLife], issues: &mut Vec<Issue>) {
    let mut errors = 0usize;
    let mut error = |issues: &mut Vec<Issue>, code: &str, path: String, msg: String| {
        errors += 1;
        if errors <= MAX_LISTED_ISSUES {
            issues.push(Issue::error(code, path, msg).in_input("points"));
        }
    };
    let time_ok = |t: f64| t.is_finite() && t.abs() <= MAX_ABS_SECONDS;
    for (i, p) in points.iter().enumerate() {
        // Each field is one pointer token: nested fields are joined token by token.
        let at = |fields: &[&str]| fields.iter().fold(join("", i), |p, f| join(&p, f));
        if !time_ok(p.created_at_seconds) {
            error(
                issues,
                "out_of_range",
                at(&["created_at_seconds"]),
                format!("created_at_seconds must be finite and within ±{MAX_ABS_SECONDS:e} s"),
            );
        }
        for (name, v) in [
            ("size_gib", Some(p.size_gib)),
            ("full_size_gib", p.full_size_gib),
        ] {
            if let Some(v) = v {
                if !(v.is_finite() && (0.0..=MAX_GIB).contains(&v)) {
                    error(
                        issues,
                        "out_of_range",
                        at(&[name]),
                        format!(
                            "{name} {} must be a finite number from 0 to {MAX_GIB:e}",
                            num(v)
                        ),
                    );
                }
            }
        }
        for (name, v) in [
            ("cold_at_seconds", p.cold_at_seconds),
            ("deleted_at_seconds", p.deleted_at_seconds),
        ] {
            if let Some(t) = v {
                if !time_ok(t) {
                    error(
                        issues,
                        "out_of_range",
                        at(&[name]),
                        format!("{name} must be finite and within ±{MAX_ABS_SECONDS:e} s"),
                    );
                } else if t < p.created_at_seconds {
                    error(
                        issues,
                        "before_creation",
                        at(&[name]),
                        format!(
                            "{name} {t} is before created_at_seconds {}",
                            p.created_at_seconds
                        ),
                    );
                }
            }
        }
        if p.region.trim().is_empty() {
            error(
                issues,
                "invalid_value",
                at(&["region"]),
                "region must not be empty".into(),
            );
        }
        if p.continuous {
            if p.cold_at_seconds.is_some() {
                // Source: aws-backup.md §5.3 rule L7, §8 (continuous backups never tier).
                error(
                    issues,
                    "continuous_cannot_tier",
                    at(&["cold_at_seconds"]),
                    "continuous backups never move to cold storage (aws-backup.md §8, rule L7)"
                        .into(),
                );
            }
            if let Some(t) = p.resource_type.aws() {
                if !t.supports_continuous() {
                    // Source: aws-backup.md §8 (continuous backup: S3, RDS, Aurora, SAP HANA).
                    error(
                        issues,
                        "continuous_not_supported",
                        at(&["continuous"]),
                        format!(
                            "{} has no continuous backup (aws-backup.md §8: S3, RDS, Aurora, SAP HANA; DynamoDB native PITR)",
                            t.name()
                        ),
                    );
                }
            }
        }
        if let Some(c) = &p.copy {
            if !(c.transferred_gib.is_finite() && (0.0..=MAX_GIB).contains(&c.transferred_gib)) {
                error(
                    issues,
                    "out_of_range",
                    at(&["copy", "transferred_gib"]),
                    format!(
                        "transferred_gib {} must be a finite number from 0 to {MAX_GIB:e}",
                        num(c.transferred_gib)
                    ),
                );
            }
            if let Some(t) = c.copied_at_seconds {
                if !time_ok(t) {
                    error(
                        issues,
                        "out_of_range",
                        at(&["copy", "copied_at_seconds"]),
                        "copied_at_seconds must be finite".into(),
                    );
                }
            }
            if c.source_region.trim().is_empty() {
                error(
                    issues,
                    "invalid_value",
                    at(&["copy", "source_region"]),
                    "source_region must not be empty".into(),
                );
            }
        }
        if let Some(r) = &p.repeat {
            if r.count == 0 {
                error(
                    issues,
                    "out_of_range",
                    at(&["repeat", "count"]),
                    "repeat.count must be ≥ 1".into(),
                );
            }
            if !(r.every_seconds.is_finite() && r.every_seconds > 0.0) {
                error(
                    issues,
                    "out_of_range",
                    at(&["repeat", "every_seconds"]),
                    "repeat.every_seconds must be a finite number > 0".into(),
                );
            } else if !time_ok(
                p.created_at_seconds + r.every_seconds * f64::from(r.count.saturating_sub(1)),
            ) {
                error(
                    issues,
                    "out_of_range",
                    at(&["repeat"]),
                    format!("the series' last point is beyond ±{MAX_ABS_SECONDS:e} s"),
                );
            }
        }
    }
    if errors > MAX_LISTED_ISSUES {
        issues.push(
            Issue::info(
                "more_issues",
                "",
                format!(
                    "{} more point errors not listed",
                    errors - MAX_LISTED_ISSUES
                ),
            )
            .in_input("points"),
        );
    }
}
