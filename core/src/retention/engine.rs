//! The decision procedures of each mode, over snapshots sorted newest first.
//!
//! Every function here takes an already validated policy and a slice in walk order (newest first,
//! equal instants in input order) and returns, per position, `None` (remove) or the reasons to
//! keep. Nothing allocates per removed snapshot.

use super::duration::ResticDuration;
use super::time::{
    go_add_date, go_resolve_wall, iso_week, zone_offset, Civil, SnapshotTime, ZoneCache, DAY,
};
use super::types::{KeepReason, Rule};

/// A snapshot ready for the walk.
#[derive(Debug, Clone)]
pub struct Prep {
    /// Index into the caller's input.
    pub idx: u32,
    pub t: SnapshotTime,
}

/// Positions (in walk order, ascending) of kept snapshots with their reasons.
pub type Kept = Vec<(usize, Vec<KeepReason>)>;

/// [`sort_newest_first`] when the caller already knows whether `v` (in input order) is
/// non-increasing (`descending`) or strictly increasing.
pub fn order_newest_first(v: &mut [Prep], descending: bool, strictly_ascending: bool) {
    if descending {
        return;
    }
    if strictly_ascending {
        v.reverse();
        return;
    }
    // A total order (input index breaks ties), so stable and unstable sorts agree; the stable
    // sort finds the runs of nearly sorted input (the common case: appended or reversed logs).
    v.sort_by(|a, b| {
        (b.t.unix, b.t.nanos)
            .cmp(&(a.t.unix, a.t.nanos))
            .then(a.idx.cmp(&b.idx))
    });
}

// ------------------------------------------------------------------------------------- restic --

/// restic's `ApplyPolicy` inputs after validation.
#[derive(Debug, Clone, Default)]
pub struct ResticRules {
    /// last, hourly, daily, weekly, monthly, yearly (0 = not set).
    pub counts: [i64; 6],
    pub within: Option<ResticDuration>,
    /// hourly, daily, weekly, monthly, yearly.
    pub within_x: [Option<ResticDuration>; 5],
    pub within_text: [String; 6],
    pub tags: Vec<Vec<String>>,
    /// Keep-oldest fallback and `-1` = unlimited (restic ≥ 0.16, retention.md §4).
    pub keep_oldest: bool,
}

impl ResticRules {
    /// restic `ExpirePolicy.Empty()`: no count, no duration and no tag list.
    pub fn is_empty(&self) -> bool {
        self.counts.iter().all(|c| *c == 0)
            && self.within.is_none()
            && self.within_x.iter().all(Option::is_none)
            && self.tags.is_empty()
    }
}

const COUNT_RULES: [(Rule, &str); 6] = [
    (Rule::Last, "last snapshot"),
    (Rule::Hourly, "hourly snapshot"),
    (Rule::Daily, "daily snapshot"),
    (Rule::Weekly, "weekly snapshot"),
    (Rule::Monthly, "monthly snapshot"),
    (Rule::Yearly, "yearly snapshot"),
];
const WITHIN_RULES: [(Rule, &str); 5] = [
    (Rule::WithinHourly, "hourly within"),
    (Rule::WithinDaily, "daily within"),
    (Rule::WithinWeekly, "weekly within"),
    (Rule::WithinMonthly, "monthly within"),
    (Rule::WithinYearly, "yearly within"),
];

/// restic's bucket keys (`ymdh`, `ymd`, `yw`, `ym`, `y` in `internal/restic/snapshot_policy.go`)
/// on the wall clock in the stored offset. Hourly and daily use floor(wall / period), which is
/// equal exactly when restic's YYYYMMDDHH / YYYYMMDD integers are equal; weekly, monthly and
/// yearly use restic's own integers. None of these can equal restic's "no bucket yet" marker -1
/// except a yearly key in year -1, which is why the yearly marker stays -1 (as in Go).
fn restic_key(local: i64, civil: &mut Option<Civil>, which: usize, nr: usize) -> i64 {
    let mut c = || *civil.get_or_insert_with(|| Civil::from_local_seconds(local));
    match which {
        0 => nr as i64,
        1 => local.div_euclid(3600),
        2 => local.div_euclid(DAY),
        3 => {
            let (y, w) = iso_week(local.div_euclid(DAY));
            y * 100 + w
        }
        4 => {
            let c = c();
            c.year * 100 + c.month
        }
        _ => c().year,
    }
}

/// restic's initial `Last` per bucket: -1 in Go; `i64::MIN` where our key differs from Go's
/// integer but can never be -1 in Go either (see `restic_key`).
const RESTIC_NO_BUCKET: [i64; 6] = [-1, i64::MIN, i64::MIN, -1, -1, -1];

/// Go's zero `time.Time` (0001-01-01T00:00:00Z): restic's `latest` when no snapshot is before now.
pub const GO_ZERO: SnapshotTime = SnapshotTime {
    unix: -62_135_596_800,
    nanos: 0,
    offset: 0,
    zulu: true,
};

/// restic `findLatestTimestamp`: the newest snapshot strictly before `now` (first in walk order
/// among equal instants); Go's zero time if none.
pub fn restic_latest(snaps: &[Prep], now: &SnapshotTime) -> Option<SnapshotTime> {
    let now_i = now.instant();
    snaps.iter().map(|p| p.t).find(|t| t.instant() < now_i)
}

/// restic's within cutoff: `latest.AddDate(-y, -m, -d).Add(-h hours)` in `latest`'s location.
///
/// Go reads a numeric offset into the *forget process's* local zone when that zone has the same
/// offset at that instant (Go `time.Parse`), and `AddDate` then works in that zone, DST included;
/// `Z` always means the UTC location. `forget_tz` is that zone (None = UTC). As retention.md §3
/// says, for `--keep-within` across a DST change the forget zone matters (restic 0.14.0 agrees: 16
/// of the restic vectors, made with TZ set, fail without this); buckets do not depend on it.
pub fn restic_cutoff(
    latest: &SnapshotTime,
    d: &ResticDuration,
    forget_tz: Option<&jiff::tz::TimeZone>,
) -> SnapshotTime {
    let wall = go_add_date(latest.local_seconds(), -d.years, -d.months, -d.days);
    let local_zone =
        forget_tz.filter(|tz| !latest.zulu && zone_offset(tz, latest.unix) == latest.offset);
    let unix = match local_zone {
        Some(tz) => go_resolve_wall(tz, wall),
        None => wall - i64::from(latest.offset),
    };
    let unix = unix.saturating_sub(d.hours.saturating_mul(3600));
    let offset = match local_zone {
        Some(tz) => zone_offset(tz, unix),
        None => latest.offset,
    };
    SnapshotTime {
        unix,
        nanos: latest.nanos,
        offset,
        zulu: latest.zulu,
    }
}

/// restic `Snapshot.HasTags`: every tag of the list present; an empty tag matches an untagged
/// snapshot (and ends the check).
pub fn restic_has_tags(snapshot_tags: &[String], list: &[String]) -> bool {
    for tag in list {
        if tag.is_empty() && snapshot_tags.is_empty() {
            return true;
        }
        if !snapshot_tags.iter().any(|t| t == tag) {
            return false;
        }
    }
    true
}

/// restic `ApplyPolicy` (0.14 when `keep_oldest` is false, 0.16+ when true) for a non-empty
/// policy. `cutoffs` are the within windows (index 0 = `--keep-within`, 1..=5 = within-X).
///
/// The walk stops early once no rule can keep anything any more (every count used up, no tag
/// rule, and the snapshot older than every within window): exact, because later snapshots are
/// older still.
pub fn restic_walk<'a>(
    snaps: &[Prep],
    rules: &ResticRules,
    cutoffs: &[Option<SnapshotTime>; 6],
    tags_of: impl Fn(&Prep) -> &'a [String],
) -> Kept {
    let n = snaps.len();
    let mut kept: Kept = Vec::new();
    let mut counts = rules.counts;
    let mut last = RESTIC_NO_BUCKET;
    let mut last_within = [i64::MIN, i64::MIN, -1, -1, -1];
    let active = |c: i64| c > 0 || (rules.keep_oldest && c == -1);
    let within_cut = cutoffs
        .first()
        .copied()
        .flatten()
        .filter(|_| rules.within.is_some())
        .map(|c| c.instant());
    let within_x_cut: Vec<Option<i128>> = (0..5)
        .map(|i| {
            let set = rules.within_x.get(i).copied().flatten().is_some();
            cutoffs
                .get(i + 1)
                .copied()
                .flatten()
                .filter(|_| set)
                .map(|c| c.instant())
        })
        .collect();
    let oldest_cut = std::iter::once(within_cut)
        .chain(within_x_cut.iter().copied())
        .flatten()
        .min();
    let mut any_count = counts.iter().any(|c| active(*c));
    for (nr, p) in snaps.iter().enumerate() {
        let inst = p.t.instant();
        if !any_count && rules.tags.is_empty() && oldest_cut.is_none_or(|c| inst <= c) {
            break;
        }
        let mut reasons: Vec<KeepReason> = Vec::new();
        let is_oldest = nr + 1 == n;
        if !rules.tags.is_empty() {
            let snap_tags = tags_of(p);
            for list in &rules.tags {
                if restic_has_tags(snap_tags, list) {
                    reasons.push(KeepReason {
                        rule: Rule::Tag,
                        oldest: false,
                        number: None,
                        tags: Some(list.clone()),
                        label: format!("has tags [{}]", list.join(" ")),
                    });
                }
            }
        }
        if within_cut.is_some_and(|c| inst > c) {
            reasons.push(reason(
                Rule::Within,
                false,
                format!(
                    "within {}",
                    rules
                        .within_text
                        .first()
                        .map(String::as_str)
                        .unwrap_or_default()
                ),
            ));
        }
        let local = p.t.local_seconds();
        let mut civil: Option<Civil> = None;
        if any_count {
            for (i, (rule, text)) in COUNT_RULES.iter().enumerate() {
                let (Some(count), Some(prev)) = (counts.get(i).copied(), last.get(i).copied())
                else {
                    continue;
                };
                if !active(count) {
                    continue;
                }
                let val = restic_key(local, &mut civil, i, nr);
                let fallback = rules.keep_oldest && is_oldest;
                if val != prev || fallback {
                    let oldest = val == prev && fallback;
                    let label = if oldest {
                        format!("oldest {text}")
                    } else {
                        (*text).to_owned()
                    };
                    reasons.push(reason(*rule, oldest, label));
                    if let Some(l) = last.get_mut(i) {
                        *l = val;
                    }
                    if count > 0 {
                        if let Some(c) = counts.get_mut(i) {
                            *c -= 1;
                        }
                    }
                }
            }
            any_count = counts.iter().any(|c| active(*c));
        }
        for (i, (rule, text)) in WITHIN_RULES.iter().enumerate() {
            let Some(Some(cut)) = within_x_cut.get(i) else {
                continue;
            };
            if inst <= *cut {
                continue;
            }
            let Some(prev) = last_within.get(i).copied() else {
                continue;
            };
            let val = restic_key(local, &mut civil, i + 1, nr);
            // Source: retention.md §4 — within-X rules keep the oldest snapshot inside their window.
            let fallback = rules.keep_oldest && is_oldest;
            if val != prev || fallback {
                let oldest = val == prev && fallback;
                let dur = rules
                    .within_text
                    .get(i + 1)
                    .map(String::as_str)
                    .unwrap_or_default();
                let label = if oldest {
                    format!("oldest {text} {dur}")
                } else {
                    format!("{text} {dur}")
                };
                reasons.push(reason(*rule, oldest, label));
                if let Some(l) = last_within.get_mut(i) {
                    *l = val;
                }
            }
        }
        if !reasons.is_empty() {
            kept.push((nr, reasons));
        }
    }
    kept
}

fn reason(rule: Rule, oldest: bool, label: String) -> KeepReason {
    KeepReason {
        rule,
        oldest,
        number: None,
        tags: None,
        label,
    }
}

// --------------------------------------------------------------------------------------- borg --

/// borg `prune` inputs after validation.
#[derive(Debug, Clone, Default)]
pub struct BorgRules {
    /// `--keep-within` in hours.
    pub within_hours: Option<i64>,
    pub within_text: String,
    /// secondly (= last), minutely, hourly, daily, weekly, monthly, yearly; None = flag not given.
    pub counts: [Option<i64>; 7],
    /// Report `secondly` as `last` (the user wrote `keep_last`).
    pub secondly_is_last: bool,
}

const BORG_RULES: [Rule; 7] = [
    Rule::Secondly,
    Rule::Minutely,
    Rule::Hourly,
    Rule::Daily,
    Rule::Weekly,
    Rule::Monthly,
    Rule::Yearly,
];

/// borg's `PRUNING_PATTERNS` as integers: equal strftime strings ⇔ equal keys
/// (`%Y-%m-%d %H:%M:%S`, `… %H:%M`, `… %H`, `%Y-%m-%d`, `%G-%V`, `%Y-%m`, `%Y`).
fn borg_key(local: i64, which: usize) -> i64 {
    match which {
        0 => local,
        1 => local.div_euclid(60),
        2 => local.div_euclid(3600),
        3 => local.div_euclid(DAY),
        4 => {
            let (y, w) = iso_week(local.div_euclid(DAY));
            y * 100 + w
        }
        5 => {
            let c = Civil::from_local_seconds(local);
            c.year * 100 + c.month
        }
        _ => Civil::from_local_seconds(local).year,
    }
}

/// Wall-clock seconds of each snapshot in the prune zone, computed on first use (the walks read a
/// growing prefix of the list).
struct Locals<'a> {
    snaps: &'a [Prep],
    zone: Option<ZoneCache<'a>>,
    fixed: Option<i64>,
    vals: Vec<i64>,
}

impl Locals<'_> {
    fn get(&mut self, i: usize) -> i64 {
        while self.vals.len() <= i {
            let Some(p) = self.snaps.get(self.vals.len()) else {
                return 0;
            };
            let v = match (self.fixed, self.zone.as_mut()) {
                (Some(off), _) => p.t.unix + off,
                (None, Some(z)) => p.t.unix + z.offset(p.t.unix),
                (None, None) => p.t.unix,
            };
            self.vals.push(v);
        }
        self.vals.get(i).copied().unwrap_or(0)
    }
}

/// borg 1.2 `do_prune` over regular (non-checkpoint) archives: `prune_within`, then
/// `prune_split` per rule in order, sharing `kept_because` (retention.md §5). Periods use the
/// prune host's zone `zone` (None = UTC).
pub fn borg_walk(
    snaps: &[Prep],
    rules: &BorgRules,
    now: &SnapshotTime,
    zone: Option<&jiff::tz::TimeZone>,
) -> Kept {
    let n = snaps.len();
    let mut taken = vec![false; n];
    let mut kept: Vec<(usize, KeepReason)> = Vec::new();
    if let Some(hours) = rules.within_hours {
        let cut = now.instant() - i128::from(hours) * 3_600_000_000_000;
        let mut k = 0u64;
        for (i, p) in snaps.iter().enumerate() {
            if p.t.instant() <= cut {
                break; // sorted newest first: every later archive is older still
            }
            k += 1;
            if let Some(slot) = taken.get_mut(i) {
                *slot = true;
            }
            kept.push((
                i,
                KeepReason {
                    rule: Rule::Within,
                    oldest: false,
                    number: Some(k),
                    tags: None,
                    label: format!("within #{k}"),
                },
            ));
        }
    }
    let fixed = zone
        .and_then(|z| z.to_fixed_offset().ok())
        .map(|o| i64::from(o.seconds()))
        .or(if zone.is_none() { Some(0) } else { None });
    let mut locals = Locals {
        snaps,
        zone: zone.map(ZoneCache::new),
        fixed,
        vals: Vec::new(),
    };
    for (which, rule) in BORG_RULES.iter().enumerate() {
        let Some(Some(n_keep)) = rules.counts.get(which) else {
            continue;
        };
        let n_keep = *n_keep;
        if n_keep == 0 {
            continue;
        }
        let rule = if which == 0 && rules.secondly_is_last {
            Rule::Last
        } else {
            *rule
        };
        let name = if which == 0 {
            "secondly"
        } else {
            rule.as_str()
        };
        let mut last: Option<i64> = None;
        let mut count: i64 = 0;
        for i in 0..n {
            let period = borg_key(locals.get(i), which);
            if last != Some(period) {
                last = Some(period);
                if let Some(slot) = taken.get_mut(i).filter(|t| !**t) {
                    *slot = true;
                    count += 1;
                    kept.push((
                        i,
                        KeepReason {
                            rule,
                            oldest: false,
                            number: Some(count as u64),
                            tags: None,
                            label: format!("{name} #{count}"),
                        },
                    ));
                    if count == n_keep {
                        break;
                    }
                }
            }
        }
        // "Keep oldest archive if we didn't reach the target retention count" (never for n < 0):
        // the walk only runs to the end when it stopped short of n.
        if count < n_keep && n > 0 {
            if let Some(slot) = taken.get_mut(n - 1).filter(|t| !**t) {
                *slot = true;
                count += 1;
                kept.push((
                    n - 1,
                    KeepReason {
                        rule,
                        oldest: true,
                        number: Some(count as u64),
                        tags: None,
                        label: format!("{name}[oldest] #{count}"),
                    },
                ));
            }
        }
    }
    kept.sort_by_key(|(i, _)| *i);
    kept.into_iter().map(|(i, r)| (i, vec![r])).collect()
}

// ---------------------------------------------------------------------------------------- AWS --

/// AWS lifecycle parameters after validation.
#[derive(Debug, Clone, Copy)]
pub struct AwsRules {
    /// `DeleteAfterDays`, None = never.
    pub delete_after_days: Option<i64>,
    /// `MoveToColdStorageAfterDays`, None = never (or type without cold tier).
    pub cold_after_days: Option<i64>,
    pub day_nanos: i128,
    pub inclusive: bool,
    pub lag_nanos: i128,
}

/// Per point: Some((cold_at, delete_at, is_cold)) when kept, None when deleted at `now`.
pub fn aws_state(t: &SnapshotTime, r: &AwsRules, now: &SnapshotTime) -> AwsPoint {
    let created = t.instant();
    let delete_at = r
        .delete_after_days
        .map(|d| created + i128::from(d) * r.day_nanos);
    let cold_at = r
        .cold_after_days
        .map(|d| created + i128::from(d) * r.day_nanos);
    let now_i = now.instant();
    let deleted = match delete_at {
        Some(at) => {
            let gone = at + r.lag_nanos;
            if r.inclusive {
                gone <= now_i
            } else {
                gone < now_i
            }
        }
        None => false,
    };
    let cold = cold_at.is_some_and(|c| c <= now_i);
    AwsPoint {
        deleted,
        cold,
        delete_at,
        cold_at,
    }
}

#[derive(Debug, Clone, Copy)]
pub struct AwsPoint {
    pub deleted: bool,
    pub cold: bool,
    pub delete_at: Option<i128>,
    pub cold_at: Option<i128>,
}

/// An instant (ns) written in the offset of `like`.
pub fn time_at(nanos: i128, like: &SnapshotTime) -> SnapshotTime {
    let unix = nanos.div_euclid(1_000_000_000);
    let sub = nanos.rem_euclid(1_000_000_000);
    SnapshotTime {
        unix: i64::try_from(unix).unwrap_or(if unix < 0 { i64::MIN } else { i64::MAX }),
        nanos: u32::try_from(sub).unwrap_or(0),
        offset: like.offset,
        zulu: like.zulu,
    }
}
