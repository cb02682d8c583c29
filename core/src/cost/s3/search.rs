//! The search for the cheapest legal lifecycle: class chains, candidate transition days, and
//! the comparison of the best lifecycle per chain.

use std::collections::BTreeMap;

use super::stages::{bucket_reads, class_prices, stage_cost, ClassPrices};
use super::validate::validate_profile;
use super::{
    ctx, s3_lifecycle_cost, LifecycleComparison, S3Class, S3Lifecycle, S3LifecycleSearch,
    S3ObjectProfile, S3Transition, TransitionMinimumSize, MIN_BILLABLE_BYTES,
};
use crate::cost::fmt::usd;
use crate::error::{Error, Issue};
use crate::pricing::{MissingPrices, PriceBook};

/// Class chains reachable from Standard through supported transitions.
fn chains(include_ozia: bool) -> Vec<Vec<S3Class>> {
    use S3Class::*;
    let targets: Vec<S3Class> = [StandardIa, OnezoneIa, GlacierIr, Glacier, DeepArchive]
        .into_iter()
        .filter(|c| include_ozia || *c != OnezoneIa)
        .collect();
    let mut out = vec![Vec::new()];
    let mut stack: Vec<Vec<S3Class>> = vec![Vec::new()];
    while let Some(ch) = stack.pop() {
        let last = ch.last().copied().unwrap_or(Standard);
        let pos = ch
            .last()
            .and_then(|l| targets.iter().position(|t| t == l))
            .map(|p| p + 1)
            .unwrap_or(0);
        for &t in targets.iter().skip(pos) {
            if last.can_transition_to(t) {
                let mut next = ch.clone();
                next.push(t);
                out.push(next.clone());
                stack.push(next);
            }
        }
    }
    out.sort();
    out
}

/// Candidate transition days: where the piecewise-linear cost can bend (legal lower bounds,
/// minimum-duration ends counted from the start or back from expiration, read-window edges)
/// plus a coarse grid.
fn grid_days(p: &S3ObjectProfile) -> Vec<u32> {
    let r = p.retention_days;
    let mins = [30u32, 90, 90, 180];
    let mut sums = vec![0u32];
    for m in mins {
        let more: Vec<u32> = sums.iter().map(|s| s + m).collect();
        sums.extend(more);
    }
    sums.sort_unstable();
    sums.dedup();
    let mut anchors = vec![0u32, 30];
    for rd in &p.reads {
        for a in [rd.min_age_days, rd.max_age_days].into_iter().flatten() {
            anchors.push(a.ceil().clamp(0.0, f64::from(r)) as u32);
        }
    }
    let mut days = Vec::new();
    for a in &anchors {
        for s in &sums {
            days.push(a + s);
        }
    }
    for s in &sums {
        if *s > 0 && *s <= r {
            days.push(r - s);
        }
    }
    days.extend([7, 14, 60, 120, 365, 730, 1095, 1825, 2555, 3650]);
    days.retain(|&d| d < r);
    days.sort_unstable();
    days.dedup();
    days
}

/// Search legal lifecycles for the cheapest steady-state bill; returns it with a comparison of
/// the best lifecycle per class chain.
pub fn cheapest_s3_lifecycle(
    profile: &S3ObjectProfile,
    book: &PriceBook,
) -> Result<S3LifecycleSearch, Error> {
    let issues = validate_profile(profile);
    if issues.iter().any(Issue::is_error) {
        return Err(Error::invalid(issues));
    }
    let ctx = ctx(profile, book);
    let days = grid_days(profile);
    let r = profile.retention_days;
    // Ends: every grid day plus the expiration.
    let mut ends: Vec<f64> = days.iter().map(|&d| f64::from(d)).collect();
    ends.push(f64::from(r));
    let ne = ends.len();
    let reads: Vec<Vec<(f64, f64, f64, f64)>> = (0..profile.size_buckets.len())
        .map(|b| bucket_reads(&ctx, b))
        .collect();
    let need_retrieval = reads.iter().flatten().any(|x| x.0 > 0.0 || x.1 > 0.0);
    let include_ozia = profile.include_one_zone_ia.unwrap_or(false);
    let all_classes = [
        S3Class::Standard,
        S3Class::StandardIa,
        S3Class::OnezoneIa,
        S3Class::GlacierIr,
        S3Class::Glacier,
        S3Class::DeepArchive,
    ];
    let mut class_missing: BTreeMap<S3Class, Vec<String>> = BTreeMap::new();
    let mut class_prices_map: BTreeMap<S3Class, ClassPrices> = BTreeMap::new();
    for c in all_classes {
        let mut m = Vec::new();
        class_prices_map.insert(
            c,
            class_prices(&ctx, c, c != S3Class::Standard, need_retrieval, &mut m),
        );
        class_missing.insert(c, m);
    }
    // Stage-cost tables over (start index, end index), start index `ne` = day 0.
    let big: Vec<usize> = (0..profile.size_buckets.len())
        .filter(|&b| {
            profile
                .size_buckets
                .get(b)
                .map(|x| x.object_size_bytes >= MIN_BILLABLE_BYTES)
                .unwrap_or(false)
        })
        .collect();
    let small: Vec<usize> = (0..profile.size_buckets.len())
        .filter(|b| !big.contains(b))
        .collect();
    let day_of = |i: usize| {
        if i == ne {
            0.0
        } else {
            ends.get(i).copied().unwrap_or(0.0)
        }
    };
    let table = |buckets: &[usize], c: S3Class| -> Vec<f64> {
        let cp = class_prices_map.get(&c).cloned().unwrap_or_default();
        let mut t = vec![0.0; (ne + 1) * ne];
        for si in 0..=ne {
            for ei in 0..ne {
                let (from, to) = (day_of(si), ends.get(ei).copied().unwrap_or(0.0));
                if to <= from {
                    continue;
                }
                let mut sum = 0.0;
                for &b in buckets {
                    let rd = reads.get(b).map(Vec::as_slice).unwrap_or(&[]);
                    sum +=
                        stage_cost(&ctx, b, rd, c, from, to, &cp, c != S3Class::Standard).total();
                }
                if let Some(x) = t.get_mut(si * ne + ei) {
                    *x = sum;
                }
            }
        }
        t
    };
    let mut big_tables: BTreeMap<S3Class, Vec<f64>> = BTreeMap::new();
    let mut small_tables: BTreeMap<S3Class, Vec<f64>> = BTreeMap::new();
    for c in all_classes {
        if c == S3Class::OnezoneIa && !include_ozia {
            continue;
        }
        big_tables.insert(c, table(&big, c));
        if ctx.min_size == TransitionMinimumSize::VariesByStorageClass
            && (c == S3Class::Standard || c.archive())
        {
            small_tables.insert(c, table(&small, c));
        }
    }
    // Small objects under all_storage_classes_128k never move: a constant.
    let small_constant: f64 = if ctx.min_size == TransitionMinimumSize::AllStorageClasses128k {
        let cp = class_prices_map
            .get(&S3Class::Standard)
            .cloned()
            .unwrap_or_default();
        small
            .iter()
            .map(|&b| {
                let rd = reads.get(b).map(Vec::as_slice).unwrap_or(&[]);
                stage_cost(
                    &ctx,
                    b,
                    rd,
                    S3Class::Standard,
                    0.0,
                    f64::from(r),
                    &cp,
                    false,
                )
                .total()
            })
            .sum()
    } else {
        0.0
    };
    let lookup = |tables: &BTreeMap<S3Class, Vec<f64>>, c: S3Class, si: usize, ei: usize| -> f64 {
        tables
            .get(&c)
            .and_then(|t| t.get(si * ne + ei))
            .copied()
            .unwrap_or(0.0)
    };
    // Cost of a chain with transition-day indices `idx` (into `ends`).
    let eval = |chain: &[S3Class], idx: &[usize]| -> f64 {
        // Big objects: every stage.
        let mut total = 0.0;
        let mut cur = (S3Class::Standard, ne);
        for (c, &i) in chain.iter().zip(idx) {
            total += lookup(&big_tables, cur.0, cur.1, i);
            cur = (*c, i);
        }
        total += lookup(&big_tables, cur.0, cur.1, ne - 1);
        // Small objects.
        if ctx.min_size == TransitionMinimumSize::VariesByStorageClass {
            let mut cur = (S3Class::Standard, ne);
            for (c, &i) in chain.iter().zip(idx) {
                if c.archive() {
                    total += lookup(&small_tables, cur.0, cur.1, i);
                    cur = (*c, i);
                }
            }
            total += lookup(&small_tables, cur.0, cur.1, ne - 1);
        } else {
            total += small_constant;
        }
        total
    };
    let legal = |chain: &[S3Class], idx: &[usize]| -> bool {
        let mut ia: Option<u32> = None;
        let mut prev: Option<u32> = None;
        for (c, &i) in chain.iter().zip(idx) {
            let d = days.get(i).copied().unwrap_or(u32::MAX);
            if prev.is_some_and(|p| d <= p) {
                return false;
            }
            if c.ia_like() {
                if d < 30 {
                    return false;
                }
                ia.get_or_insert(d);
            }
            if c.archive() && ia.is_some_and(|a| d < a + 30) {
                return false;
            }
            prev = Some(d);
        }
        true
    };
    let mut comparison = Vec::new();
    let mut evaluated: u64 = 0;
    let mut standard_only = 0.0;
    for chain in chains(include_ozia) {
        let mut missing: Vec<String> = Vec::new();
        for c in std::iter::once(S3Class::Standard).chain(chain.iter().copied()) {
            for k in class_missing.get(&c).into_iter().flatten() {
                if !missing.contains(k) {
                    missing.push(k.clone());
                }
            }
        }
        if !missing.is_empty() {
            comparison.push(LifecycleComparison {
                classes: chain,
                lifecycle: None,
                monthly_usd: None,
                missing_prices: missing,
            });
            continue;
        }
        // Enumerate increasing index tuples (bounded: ≤ 4 transitions × ~100 days).
        let k = chain.len();
        let mut chain_best: Option<(f64, Vec<usize>)> = None;
        if k == 0 {
            let v = eval(&chain, &[]);
            evaluated += 1;
            standard_only = v;
            chain_best = Some((v, Vec::new()));
        } else {
            let nd = days.len();
            let mut idx: Vec<usize> = (0..k).collect();
            if nd >= k {
                loop {
                    if legal(&chain, &idx) {
                        let v = eval(&chain, &idx);
                        evaluated += 1;
                        if chain_best.as_ref().is_none_or(|(bv, _)| v < *bv) {
                            chain_best = Some((v, idx.clone()));
                        }
                    }
                    // Next combination.
                    let mut pos = k;
                    let mut advanced = false;
                    while pos > 0 {
                        pos -= 1;
                        let limit = nd - (k - pos);
                        if idx.get(pos).copied().unwrap_or(limit) < limit {
                            if let Some(x) = idx.get_mut(pos) {
                                *x += 1;
                            }
                            let base = idx.get(pos).copied().unwrap_or(0);
                            for (j, slot) in idx.iter_mut().enumerate().skip(pos + 1) {
                                *slot = base + (j - pos);
                            }
                            advanced = true;
                            break;
                        }
                    }
                    if !advanced {
                        break;
                    }
                }
            }
        }
        match chain_best {
            Some((v, idx)) => {
                let lifecycle = S3Lifecycle {
                    initial_storage_class: None,
                    transitions: chain
                        .iter()
                        .zip(&idx)
                        .map(|(c, &i)| S3Transition {
                            days: days.get(i).copied().unwrap_or(0),
                            storage_class: *c,
                        })
                        .collect(),
                };
                comparison.push(LifecycleComparison {
                    classes: chain,
                    lifecycle: Some(lifecycle),
                    monthly_usd: Some(v),
                    missing_prices: Vec::new(),
                });
            }
            None => comparison.push(LifecycleComparison {
                classes: chain,
                lifecycle: None,
                monthly_usd: None,
                missing_prices: vec![],
            }),
        }
    }
    comparison.sort_by(|a, b| match (a.monthly_usd, b.monthly_usd) {
        (Some(x), Some(y)) => x
            .total_cmp(&y)
            .then_with(|| a.classes.len().cmp(&b.classes.len())),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.classes.cmp(&b.classes),
    });
    // Prefer the simplest lifecycle among equal costs: the sorted table's first priced row.
    let winner = comparison
        .iter()
        .find(|c| c.monthly_usd.is_some())
        .and_then(|c| c.lifecycle.clone());
    let Some(winner) = winner else {
        // Not even Standard-only is priced.
        let mut m = MissingPrices::new();
        for k in class_missing.get(&S3Class::Standard).into_iter().flatten() {
            m.add(k, || "object_profile (S3 Standard)".into());
        }
        m.into_result(book)?;
        return Err(Error::invalid(vec![]));
    };
    let detailed = s3_lifecycle_cost(profile, &winner, book)?;
    let mut issues = issues;
    issues.extend(detailed.issues.iter().cloned());
    if !profile.reads.is_empty() && winner.transitions.iter().any(|t| t.storage_class.archive()) {
        issues.push(
            Issue::info(
                "archive_restore_latency",
                "/reads",
                "the cheapest lifecycle reads from Flexible Retrieval / Deep Archive, whose restores take minutes to 48 hours (pricing.md §7): cost alone decides here, check the restore time against your RTO",
            )
            .in_input("object_profile"),
        );
    }
    let unpriced: Vec<String> = comparison
        .iter()
        .filter(|c| c.monthly_usd.is_none())
        .map(|c| {
            format!(
                "{} (missing {})",
                chain_name(&c.classes),
                c.missing_prices.join(", ")
            )
        })
        .collect();
    let explanation = format!(
        "Cheapest of {evaluated} legal lifecycles: {} at {} per month vs {} for Standard only (saves {}). Transition days tried: {} values (minimum-duration and read-window breakpoints plus a coarse grid). {}",
        describe(&winner, r),
        usd(detailed.monthly_usd),
        usd(standard_only),
        usd(standard_only - detailed.monthly_usd),
        days.len(),
        if unpriced.is_empty() {
            String::new()
        } else {
            format!("Not priced (prices absent from the book): {}.", unpriced.join("; "))
        }
    );
    Ok(S3LifecycleSearch {
        standard_only_monthly_usd: standard_only,
        savings_usd_per_month: standard_only - detailed.monthly_usd,
        best: detailed,
        comparison,
        grid_days: days,
        candidates_evaluated: evaluated,
        explanation,
        issues,
    })
}

fn chain_name(classes: &[S3Class]) -> String {
    std::iter::once("standard")
        .chain(classes.iter().map(|c| c.slug()))
        .collect::<Vec<_>>()
        .join(" → ")
}

fn describe(l: &S3Lifecycle, r: u32) -> String {
    let mut s = String::from("standard");
    for t in &l.transitions {
        s.push_str(&format!(" → {} on day {}", t.storage_class.slug(), t.days));
    }
    s.push_str(&format!(", expire on day {r}"));
    s
}
