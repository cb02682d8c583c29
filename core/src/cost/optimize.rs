//! `optimize_cold_transition`: the `MoveToColdStorageAfterDays` that minimises a backup rule's
//! steady-state monthly bill, within AWS's rules, against the all-warm plan.
//!
//! Steady-state model (DERIVED from pricing.md §4, §5, §9): a rule taking `r` backups per day
//! kept `R` days holds `r·R` points. With cold after `C` days, `r·C` of them are warm and
//! `r·(R−C)` cold. Each point stores `incremental_gib` (or `full_gib` when every backup is full);
//! an incremental chain also holds one full copy's worth of base data, `full − incremental`,
//! carried by its oldest point (cold when a cold phase exists). A cold EBS point is stored full
//! (EBS Snapshots Archive, pricing.md §6.1), so it carries `full_gib` itself and the chain's base
//! stays with the oldest warm point. No early-deletion charge arises because the lifecycle keeps
//! every point ≥ 90 days in cold (rule L1). Monthly bill = warm GB × warm rate + cold GB × cold
//! rate (+ restores, spread uniformly over point ages).

use serde::{Deserialize, Serialize};

use super::fmt::{num, usd};
use super::types::{AwsResourceType, ColdSupport, ResourceType};
use crate::error::{Error, Issue};
use crate::pricing::{MissingPrices, PriceBook, PriceEntry};
use crate::units::MAX_GIB;

/// Source: aws-backup.md §5.3 rule L1 (DeleteAfterDays ≥ MoveToColdStorageAfterDays + 90).
const COLD_MIN_DAYS: u32 = 90;
/// Source: aws-backup.md §5.3 rules L2/L3 (lifecycle values ≤ 36,500 days).
const MAX_DAYS: u32 = 36_500;

/// A backup rule's data profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct ColdRuleProfile {
    pub resource_type: ResourceType,
    /// Backups per day (> 0, ≤ 24: AWS Backup runs at most hourly, aws-backup.md §5.4 S3).
    pub backups_per_day: f64,
    /// Size of a full backup (GiB).
    pub full_gib: f64,
    /// Size of each incremental backup (GiB); absent = every backup is full.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub incremental_gib: Option<f64>,
    /// Stored size of one point once in cold (GiB). Default: its warm size; for EBS the full
    /// size (the archive stores full snapshots, pricing.md §6.1). Giving it makes each cold point
    /// self-contained (the chain's base stays warm). Whether EFS cold points stay incremental is
    /// UNCONFIRMED.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub cold_point_gib: Option<f64>,
    /// `DeleteAfterDays` (1–36,500).
    pub retention_days: u32,
    /// Expected GB restored per month, spread uniformly over point ages (needs restore prices).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub restore_gib_per_month: Option<f64>,
    /// Smallest `MoveToColdStorageAfterDays` to consider (default 1; the meaning of 0 is
    /// UNCONFIRMED, aws-backup.md §5.3 L10).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub min_cold_after_days: Option<u32>,
}

/// One setting's steady-state monthly bill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct ColdCandidate {
    /// `None` = all warm.
    pub move_to_cold_storage_after_days: Option<u32>,
    pub warm_gib: f64,
    pub cold_gib: f64,
    pub warm_usd: f64,
    pub cold_usd: f64,
    pub restore_usd: f64,
    pub monthly_usd: f64,
    pub formula: String,
}

/// When cold pays off, in numbers and words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct BreakEven {
    pub cold_pays_off: bool,
    /// Shortest retention for which a cold phase is allowed at all (min cold-after + 90).
    pub min_retention_days: Option<u32>,
    /// For a point deleted early (manually): days it must stay in cold for its 90-day minimum
    /// charge to be repaid by the cheaper rate.
    pub min_cold_stay_days: Option<f64>,
    pub explanation: String,
}

/// The answer of [`optimize_cold_transition`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct ColdTransitionPlan {
    pub resource_type: ResourceType,
    pub cold_support: ColdSupport,
    /// Whether AWS's rules allow a cold phase for this type and retention.
    pub cold_allowed: bool,
    /// The recommended `MoveToColdStorageAfterDays` (`None` = keep warm).
    pub move_to_cold_storage_after_days: Option<u32>,
    pub delete_after_days: u32,
    pub monthly_usd: f64,
    pub all_warm_monthly_usd: f64,
    pub savings_usd_per_month: f64,
    pub best: ColdCandidate,
    pub all_warm: ColdCandidate,
    /// A sample of settings (every day was evaluated).
    pub candidates: Vec<ColdCandidate>,
    pub break_even: BreakEven,
    pub prices_used: Vec<super::PriceUsed>,
    pub issues: Vec<Issue>,
}

struct Rates {
    warm: PriceEntry,
    cold: Option<PriceEntry>,
    restore_warm: Option<PriceEntry>,
    restore_cold: Option<PriceEntry>,
}

fn validate(p: &ColdRuleProfile) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut err = |path: &str, msg: String| {
        issues.push(Issue::error("out_of_range", path, msg).in_input("rule_profile"));
    };
    if !(p.backups_per_day.is_finite() && p.backups_per_day > 0.0 && p.backups_per_day <= 24.0) {
        err(
            "/backups_per_day",
            format!(
                "backups_per_day {} must be in (0, 24] (AWS Backup runs at most hourly)",
                p.backups_per_day
            ),
        );
    }
    for (name, v) in [
        ("full_gib", Some(p.full_gib)),
        ("incremental_gib", p.incremental_gib),
        ("cold_point_gib", p.cold_point_gib),
        ("restore_gib_per_month", p.restore_gib_per_month),
    ] {
        if let Some(v) = v {
            if !(v.is_finite() && (0.0..=MAX_GIB).contains(&v)) {
                err(
                    &format!("/{name}"),
                    format!(
                        "{name} {} must be a finite number from 0 to {MAX_GIB:e}",
                        num(v)
                    ),
                );
            }
        }
    }
    if let Some(inc) = p.incremental_gib {
        if inc > p.full_gib {
            err(
                "/incremental_gib",
                format!("incremental_gib {inc} exceeds full_gib {}", p.full_gib),
            );
        }
    }
    if p.retention_days == 0 || p.retention_days > MAX_DAYS {
        err(
            "/retention_days",
            format!(
                "retention_days {} must be 1–{MAX_DAYS} (aws-backup.md §5.3 L2)",
                p.retention_days
            ),
        );
    }
    if let Some(m) = p.min_cold_after_days {
        if m > MAX_DAYS {
            err(
                "/min_cold_after_days",
                format!("min_cold_after_days {m} must be ≤ {MAX_DAYS}"),
            );
        }
    }
    issues
}

/// The `MoveToColdStorageAfterDays` with the lowest steady-state monthly bill (every legal day
/// is evaluated), compared with keeping every point warm. Never dearer than all-warm.
pub fn optimize_cold_transition(
    profile: &ColdRuleProfile,
    book: &PriceBook,
) -> Result<ColdTransitionPlan, Error> {
    let issues = validate(profile);
    if !issues.is_empty() {
        return Err(Error::invalid(issues));
    }
    let mut issues = Vec::new();
    let ty = &profile.resource_type;
    let support = ty.cold_support();
    let r_days = profile.retention_days;
    let c_min = profile.min_cold_after_days.unwrap_or(1);
    let legal_range = r_days >= c_min + COLD_MIN_DAYS;
    let tiering = matches!(support, ColdSupport::Yes | ColdSupport::Conflict);
    let cold_allowed = tiering && legal_range;
    match support {
        ColdSupport::Conflict => issues.push(Issue::warning(
            "ebs_cold_conflict",
            "/resource_type",
            "EBS cold storage is listed only by the aws.eu pricing page, as the EBS Snapshots Archive tier (pricing.md §5.2 CONFLICT): priced at the archive rate with full-size points",
        ).in_input("rule_profile")),
        ColdSupport::Unknown => issues.push(Issue::warning(
            "cold_support_unknown",
            "/resource_type",
            format!("whether {ty} backups tier to cold is in none of drplan's sources: treated as not tiering"),
        ).in_input("rule_profile")),
        _ => {}
    }
    if ty.aws() == Some(AwsResourceType::DynamoDB) && cold_allowed {
        issues.push(
            Issue::info(
                "dynamodb_cold_advanced",
                "/resource_type",
                "DynamoDB cold storage requires advanced DynamoDB backup features (pricing.md §5.1)",
            )
            .in_input("rule_profile"),
        );
    }
    // Prices.
    let mut missing = MissingPrices::new();
    let mut get = |item: &str, why: &str| -> Option<PriceEntry> {
        let key = ty.key(item);
        match book.price(&key) {
            Some(e) => Some(e.clone()),
            None => {
                missing.add(&key, || format!("rule_profile ({ty} {why})"));
                None
            }
        }
    };
    let warm = get("warm_gb_month", "warm storage");
    let cold = if cold_allowed {
        get("cold_gb_month", "cold storage")
    } else {
        None
    };
    let restoring = profile.restore_gib_per_month.unwrap_or(0.0) > 0.0;
    let restore_warm = if restoring {
        get("restore_warm_gb", "restores from warm")
    } else {
        None
    };
    let restore_cold = if restoring && cold_allowed {
        get("restore_cold_gb", "restores from cold")
    } else {
        None
    };
    missing.into_result(book)?;
    let Some(warm) = warm else {
        // Unreachable: a missing warm price returned above.
        return Err(Error::invalid(vec![Issue::error(
            "missing_price",
            "",
            "no warm price",
        )]));
    };
    let rates = Rates {
        warm,
        cold,
        restore_warm,
        restore_cold,
    };

    let eval = |c: Option<u32>| candidate(profile, &rates, c);
    let all_warm = eval(None);
    let mut best = all_warm.clone();
    let mut table_days: Vec<u32> = Vec::new();
    if cold_allowed {
        let hi = r_days - COLD_MIN_DAYS;
        for c in c_min..=hi {
            let cand = eval(Some(c));
            if cand.monthly_usd < best.monthly_usd {
                best = cand;
            }
        }
        table_days.extend([c_min, 7, 14, 30, 60, 90, 180, 365, 730, 1095, hi]);
        table_days.retain(|d| (c_min..=hi).contains(d));
        if let Some(b) = best.move_to_cold_storage_after_days {
            table_days.push(b);
        }
        table_days.sort_unstable();
        table_days.dedup();
    }
    let mut candidates = vec![all_warm.clone()];
    candidates.extend(table_days.iter().map(|&d| eval(Some(d))));

    let break_even = explain(
        profile,
        &rates,
        support,
        cold_allowed,
        c_min,
        &best,
        &all_warm,
    );
    let mut used = vec![super::PriceUsed {
        key: ty.key("warm_gb_month"),
        price: rates.warm.clone(),
    }];
    for (item, e) in [
        ("cold_gb_month", &rates.cold),
        ("restore_warm_gb", &rates.restore_warm),
        ("restore_cold_gb", &rates.restore_cold),
    ] {
        if let Some(e) = e {
            used.push(super::PriceUsed {
                key: ty.key(item),
                price: e.clone(),
            });
        }
    }
    Ok(ColdTransitionPlan {
        resource_type: ty.clone(),
        cold_support: support,
        cold_allowed,
        move_to_cold_storage_after_days: best.move_to_cold_storage_after_days,
        delete_after_days: r_days,
        monthly_usd: best.monthly_usd,
        all_warm_monthly_usd: all_warm.monthly_usd,
        savings_usd_per_month: all_warm.monthly_usd - best.monthly_usd,
        best,
        all_warm,
        candidates,
        break_even,
        prices_used: used,
        issues,
    })
}

/// Sizes per point: (warm size, cold size, base data, base goes cold?).
fn sizes(p: &ColdRuleProfile) -> (f64, f64, f64, bool) {
    let warm = p.incremental_gib.unwrap_or(p.full_gib);
    let base = p.incremental_gib.map(|i| p.full_gib - i).unwrap_or(0.0);
    let ebs = p.resource_type.aws() == Some(AwsResourceType::Ebs);
    match p.cold_point_gib {
        Some(c) => (warm, c, base, false),
        None if ebs => (warm, p.full_gib, base, false),
        None => (warm, warm, base, true),
    }
}

fn candidate(p: &ColdRuleProfile, rates: &Rates, c: Option<u32>) -> ColdCandidate {
    let r = p.backups_per_day;
    let days = f64::from(p.retention_days);
    let (s_w, s_c, base, base_cold) = sizes(p);
    let w = rates.warm.usd;
    let (warm_gib, cold_gib) = match (c, &rates.cold) {
        (Some(c), Some(_)) => {
            let c = f64::from(c);
            let mut warm = r * c * s_w;
            let mut cold = r * (days - c) * s_c;
            if base_cold {
                cold += base;
            } else {
                warm += base;
            }
            (warm, cold)
        }
        _ => (r * days * s_w + base, 0.0),
    };
    let cold_rate = rates.cold.as_ref().map(|e| e.usd).unwrap_or(0.0);
    let warm_usd = warm_gib * w;
    let cold_usd = cold_gib * cold_rate;
    let g = p.restore_gib_per_month.unwrap_or(0.0);
    let restore_usd = if g > 0.0 {
        let cold_frac = match c {
            Some(c) if rates.cold.is_some() => (days - f64::from(c)) / days,
            _ => 0.0,
        };
        let rw = rates.restore_warm.as_ref().map(|e| e.usd).unwrap_or(0.0);
        let rc = rates.restore_cold.as_ref().map(|e| e.usd).unwrap_or(0.0);
        g * ((1.0 - cold_frac) * rw + cold_frac * rc)
    } else {
        0.0
    };
    let monthly = warm_usd + cold_usd + restore_usd;
    let formula = match c {
        Some(c) if rates.cold.is_some() => format!(
            "warm {} GiB × {} + cold {} GiB × {}{} = {} per month (cold after {c} d, delete after {} d, {} backups/day)",
            num(warm_gib),
            usd(w),
            num(cold_gib),
            usd(cold_rate),
            if restore_usd > 0.0 { format!(" + restores {}", usd(restore_usd)) } else { String::new() },
            usd(monthly),
            p.retention_days,
            num(r)
        ),
        _ => format!(
            "warm {} GiB × {}{} = {} per month (all warm, delete after {} d, {} backups/day)",
            num(warm_gib),
            usd(w),
            if restore_usd > 0.0 { format!(" + restores {}", usd(restore_usd)) } else { String::new() },
            usd(monthly),
            p.retention_days,
            num(r)
        ),
    };
    ColdCandidate {
        move_to_cold_storage_after_days: c.filter(|_| rates.cold.is_some()),
        warm_gib,
        cold_gib,
        warm_usd,
        cold_usd,
        restore_usd,
        monthly_usd: monthly,
        formula,
    }
}

fn explain(
    p: &ColdRuleProfile,
    rates: &Rates,
    support: ColdSupport,
    cold_allowed: bool,
    c_min: u32,
    best: &ColdCandidate,
    all_warm: &ColdCandidate,
) -> BreakEven {
    let ty = &p.resource_type;
    let min_retention = c_min + COLD_MIN_DAYS;
    if matches!(support, ColdSupport::No | ColdSupport::Unknown) {
        return BreakEven {
            cold_pays_off: false,
            min_retention_days: None,
            min_cold_stay_days: None,
            explanation: format!(
                "{ty} backups do not tier to cold (pricing.md §5.2; AWS ignores the setting, rule L6): keep them warm."
            ),
        };
    }
    if !cold_allowed {
        return BreakEven {
            cold_pays_off: false,
            min_retention_days: Some(min_retention),
            min_cold_stay_days: None,
            explanation: format!(
                "A cold phase needs DeleteAfterDays ≥ MoveToColdStorageAfterDays + 90 (aws-backup.md §5.3 L1): with cold after ≥ {c_min} d the retention must be ≥ {min_retention} d, not {} d. Keep these points warm.",
                p.retention_days
            ),
        };
    }
    let (s_w, s_c, _, _) = sizes(p);
    let w = rates.warm.usd;
    let c = rates.cold.as_ref().map(|e| e.usd).unwrap_or(0.0);
    let warm_pm = s_w * w;
    let cold_pm = s_c * c;
    let pays = best.monthly_usd < all_warm.monthly_usd;
    let per_point = format!(
        "a point costs {} per month warm ({} GiB × {}) and {} in cold ({} GiB × {})",
        usd(warm_pm),
        num(s_w),
        usd(w),
        usd(cold_pm),
        num(s_c),
        usd(c)
    );
    if cold_pm >= warm_pm && !pays {
        return BreakEven {
            cold_pays_off: false,
            min_retention_days: Some(min_retention),
            min_cold_stay_days: None,
            explanation: format!(
                "Cold never pays off here: {per_point}, so every day in cold costs more than a day in warm{}.",
                if ty.aws() == Some(AwsResourceType::Ebs) {
                    " (the EBS archive stores each snapshot full, pricing.md §6.1)"
                } else {
                    ""
                }
            ),
        };
    }
    if cold_pm >= warm_pm {
        // Pays only because the chain's base data moves to the cheaper tier.
        return BreakEven {
            cold_pays_off: pays,
            min_retention_days: Some(min_retention),
            min_cold_stay_days: None,
            explanation: format!(
                "Per point cold does not pay ({per_point}), but the chain's base data (one full copy) rides with the oldest point into cold, which saves more: cold after {} d costs {} per month vs {} all warm. This depends on how the service re-bases incremental chains in cold, which is UNCONFIRMED (pricing.md §4).",
                best.move_to_cold_storage_after_days.map(|d| d.to_string()).unwrap_or_else(|| "never".into()),
                usd(best.monthly_usd),
                usd(all_warm.monthly_usd)
            ),
        };
    }
    let stay = if warm_pm > 0.0 {
        Some(90.0 * cold_pm / warm_pm)
    } else {
        None
    };
    let best_day = best
        .move_to_cold_storage_after_days
        .map(|d| format!("{d}"))
        .unwrap_or_else(|| "never".into());
    BreakEven {
        cold_pays_off: pays,
        min_retention_days: Some(min_retention),
        min_cold_stay_days: stay,
        explanation: format!(
            "Cold pays off only for points kept ≥ {min_retention} days (cold after ≥ {c_min} d + the 90-day cold minimum), because AWS bills every point at least 90 days in cold and requires DeleteAfterDays ≥ MoveToColdStorageAfterDays + 90 (pricing.md §5.1, aws-backup.md §5.3 L1). Here {per_point}: a point moved to cold repays its 90-day minimum once it stays ≥ {} days there, which every lifecycle-deleted point does; each point held in cold instead of warm saves {} per month, so the earlier the move the lower the bill. Cheapest: cold after {best_day} d, {} per month vs {} all warm (saves {}).",
            stay.map(num).unwrap_or_else(|| "?".into()),
            usd(warm_pm - cold_pm),
            usd(best.monthly_usd),
            usd(all_warm.monthly_usd),
            usd(all_warm.monthly_usd - best.monthly_usd)
        ),
    }
}
