//! The stages an object goes through under a lifecycle, and what each stage bills.

use super::{
    Ctx, S3Class, TransitionMinimumSize, ARCHIVE_INDEX_BYTES, ARCHIVE_NAME_BYTES, GIB,
    MIN_BILLABLE_BYTES,
};

/// Stages (class, from day, to day) for an object of `size` bytes under sorted transitions.
pub(super) fn stages(
    ctx: &Ctx<'_>,
    initial: S3Class,
    chain: &[(u32, S3Class)],
    size: f64,
) -> Vec<(S3Class, f64, f64)> {
    let small = size < MIN_BILLABLE_BYTES;
    let eligible = |c: S3Class| {
        !small || (ctx.min_size == TransitionMinimumSize::VariesByStorageClass && c.archive())
    };
    let mut out = Vec::new();
    let mut cur = (initial, 0.0);
    for &(d, c) in chain {
        let d = f64::from(d);
        if d >= ctx.retention || !eligible(c) {
            continue;
        }
        out.push((cur.0, cur.1, d));
        cur = (c, d);
    }
    out.push((cur.0, cur.1, ctx.retention));
    out
}

#[derive(Default, Clone, Copy)]
pub(super) struct StageCost {
    pub(super) storage: f64,
    pub(super) minimum: f64,
    pub(super) overhead: f64,
    pub(super) transition: f64,
    pub(super) retrieval: f64,
    pub(super) requests: f64,
}

impl StageCost {
    pub(super) fn total(&self) -> f64 {
        self.storage
            + self.minimum
            + self.overhead
            + self.transition
            + self.retrieval
            + self.requests
    }
}

/// Prices of a class (None = missing); keys recorded in `missing`.
#[derive(Default, Clone)]
pub(super) struct ClassPrices {
    pub(super) storage: Option<(String, f64)>,
    pub(super) standard: Option<(String, f64)>,
    pub(super) transition: Option<(String, f64)>,
    pub(super) retrieval_gb: Option<(String, f64)>,
    pub(super) retrieval_req: Option<(String, f64)>,
}

pub(super) fn class_prices(
    ctx: &Ctx<'_>,
    c: S3Class,
    entered_by_transition: bool,
    need_retrieval: bool,
    missing: &mut Vec<String>,
) -> ClassPrices {
    let mut get = |key: String| -> Option<(String, f64)> {
        match ctx.book.price(&key) {
            Some(e) => Some((key, e.usd)),
            None => {
                if !missing.contains(&key) {
                    missing.push(key);
                }
                None
            }
        }
    };
    let s = c.slug();
    let mut p = ClassPrices {
        storage: get(format!("s3.{s}.storage_gb_month")),
        ..ClassPrices::default()
    };
    if entered_by_transition {
        p.transition = get(format!("s3.{s}.transition_1k_requests"));
    }
    if c.archive() {
        p.standard = get("s3.standard.storage_gb_month".into());
    }
    if need_retrieval && c != S3Class::Standard {
        if c.archive() {
            let t = ctx.tier.slug();
            p.retrieval_gb = get(format!("s3.{s}.retrieval_{t}_gb"));
            p.retrieval_req = get(format!("s3.{s}.retrieval_{t}_1k_requests"));
        } else {
            p.retrieval_gb = get(format!("s3.{s}.retrieval_gb"));
        }
    }
    p
}

/// Read volume attributed to bucket `b`: (GB, objects) per read spec with its age window.
pub(super) fn bucket_reads(ctx: &Ctx<'_>, b: usize) -> Vec<(f64, f64, f64, f64)> {
    let total_bytes: f64 = ctx
        .p
        .size_buckets
        .iter()
        .map(|x| x.objects_per_month * x.object_size_bytes)
        .sum();
    let total_objects: f64 = ctx.p.size_buckets.iter().map(|x| x.objects_per_month).sum();
    let Some(bk) = ctx.p.size_buckets.get(b) else {
        return Vec::new();
    };
    if total_bytes <= 0.0 {
        return Vec::new();
    }
    let byte_share = bk.objects_per_month * bk.object_size_bytes / total_bytes;
    ctx.p
        .reads
        .iter()
        .map(|r| {
            let gb = r.gib_per_month * byte_share;
            let objects = match r.objects_per_month {
                Some(o) if total_objects > 0.0 => o * bk.objects_per_month / total_objects,
                _ => gb * GIB / bk.object_size_bytes,
            };
            (
                gb,
                objects,
                r.min_age_days.unwrap_or(0.0),
                r.max_age_days.unwrap_or(ctx.retention),
            )
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
pub(super) fn stage_cost(
    ctx: &Ctx<'_>,
    b: usize,
    reads: &[(f64, f64, f64, f64)],
    c: S3Class,
    from: f64,
    to: f64,
    prices: &ClassPrices,
    transitioned: bool,
) -> StageCost {
    let Some(bk) = ctx.p.size_buckets.get(b) else {
        return StageCost::default();
    };
    let n = bk.objects_per_month;
    let size = bk.object_size_bytes;
    let month_days = ctx.hpm / 24.0;
    let d = to - from;
    let billed_size = match c {
        S3Class::StandardIa | S3Class::OnezoneIa | S3Class::GlacierIr => {
            size.max(MIN_BILLABLE_BYTES)
        }
        S3Class::Glacier | S3Class::DeepArchive => size + ARCHIVE_INDEX_BYTES,
        _ => size,
    } / GIB;
    let rate = prices.storage.as_ref().map(|x| x.1).unwrap_or(0.0);
    let mut s = StageCost {
        storage: n * billed_size * rate * d / month_days,
        minimum: n * billed_size * rate * (c.min_days() - d).max(0.0) / month_days,
        ..StageCost::default()
    };
    if c.archive() {
        let std = prices.standard.as_ref().map(|x| x.1).unwrap_or(0.0);
        s.overhead = n * (ARCHIVE_NAME_BYTES / GIB) * std * d / month_days;
    }
    if transitioned {
        s.transition = n * prices.transition.as_ref().map(|x| x.1).unwrap_or(0.0) / 1000.0;
    }
    for &(gb, objects, a1, a2) in reads {
        let overlap = (to.min(a2) - from.max(a1)).max(0.0);
        if overlap <= 0.0 || a2 <= a1 {
            continue;
        }
        let frac = overlap / (a2 - a1);
        s.retrieval += gb * frac * prices.retrieval_gb.as_ref().map(|x| x.1).unwrap_or(0.0);
        s.requests +=
            objects * frac * prices.retrieval_req.as_ref().map(|x| x.1).unwrap_or(0.0) / 1000.0;
    }
    s
}
