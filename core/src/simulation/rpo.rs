//! RPO per disruption type and restore-point coverage, from the simulated points of one resource.
//!
//! Scheduled backups (dr-strategies.md §5.2, DERIVED): point `n` is captured at `c_n` (the job's
//! start) and usable at `u_n = c_n + J` (`+ C` for a copy). Just before point `n+1` becomes
//! usable the loss is `c_{n+1} − c_n + (u_{n+1} − c_{n+1})`; a start that slips by up to the
//! start window `W` adds at most `W` (`d_{n+1} − d_n ≤ W`). Hence, over the simulated gaps,
//!
//! ```text
//! worst   = max_n ( c_{n+1} − c_n + W_{n+1} + J + C_{n+1} )          ≈ I + W + J + C
//! typical = Σ g_n (g_n / 2 + J + C_{n+1}) / Σ g_n                    (uniform failure instant)
//! ```
//!
//! where `g_n = c_{n+1} − c_n`. Which points count depends on the disruption: any point in the
//! resource's Region (AZ loss), points in another Region (Region loss), points in another
//! account or a logically air-gapped vault (account compromise, dr-strategies.md §8), and for
//! corruption the newest point captured before the corruption (§8). A continuous backup in the
//! Region gives `RPO ≈ PITR lag` (§5.2).

use super::coverage::coverage;
use super::state::{pitr_fact, Ctx, Groups, ResPrep, Run, SeriesData, DAY};
use super::*;
use crate::provenance::Basis;
use crate::units::human_duration;

#[derive(Debug, Clone, Copy)]
struct Ev {
    capture: i64,
    usable: i64,
    deleted: Option<i64>,
    window: i64,
    window_given: bool,
    copy: bool,
    rule: usize,
}

enum Stats {
    /// Fewer than two points.
    Few(usize),
    Holes {
        holes: usize,
    },
    Ok {
        worst: f64,
        typical: f64,
        gap: i64,
        at: Ev,
        prev_rule: usize,
    },
}

/// Gap statistics of points fed in capture order (`push`), then [`Acc::finish`].
#[derive(Debug, Clone, Default)]
struct Acc {
    prev: Option<Ev>,
    n: usize,
    holes: usize,
    /// Latest deletion among points before `prev` (`None` = one is kept forever).
    alive_until: Option<i64>,
    best: Option<(f64, i64, Ev, usize)>,
    num: f64,
    den: f64,
}

impl Acc {
    fn new() -> Acc {
        Acc {
            alive_until: Some(i64::MIN),
            ..Acc::default()
        }
    }

    fn push(&mut self, e: Ev) {
        let Some(p) = self.prev.as_mut() else {
            self.n = 1;
            self.prev = Some(e);
            return;
        };
        // Points captured at the same instant (copies to several vaults) count once: the
        // first to be usable, the last to expire.
        if p.capture == e.capture {
            p.deleted = match (p.deleted, e.deleted) {
                (Some(a), Some(b)) => Some(a.max(b)),
                _ => None,
            };
            return;
        }
        let a = *p;
        self.alive_until = match (self.alive_until, a.deleted) {
            (Some(x), Some(d)) => Some(x.max(d)),
            _ => None,
        };
        if self.alive_until.is_some_and(|x| x <= e.usable) {
            self.holes += 1;
        }
        let g = e.capture - a.capture;
        let lag = (e.usable - e.capture) as f64;
        let loss = g as f64 + e.window as f64 + lag;
        if self.best.is_none_or(|(l, _, _, _)| loss > l) {
            self.best = Some((loss, g, e, a.rule));
        }
        self.num += g as f64 * (g as f64 / 2.0 + lag);
        self.den += g as f64;
        self.n += 1;
        self.prev = Some(e);
    }

    /// Push `r` more points after `prev`, each `e` seconds after the one before and otherwise
    /// identical to it (a run): the same result as `r` calls to [`Acc::push`], in O(1).
    fn push_regular(&mut self, r: u64, e: i64) {
        let Some(first) = self.prev else { return };
        if r == 0 || e <= 0 {
            return;
        }
        let ri = i64::try_from(r).unwrap_or(i64::MAX);
        let lag = first.usable - first.capture;
        match (self.alive_until, first.deleted) {
            (Some(a), Some(d0)) => {
                // Pair (j-1, j) is a hole when every earlier point is gone when j becomes
                // usable: max(a, d_{j-1}) ≤ u_j. With d_{j-1} - u_j = life - e - lag constant,
                // that needs life ≤ e + lag and a ≤ u_j = u_0 + j·e.
                if d0 - first.capture <= e + lag {
                    let x = a.saturating_sub(first.usable);
                    let jmin = (x.div_euclid(e) + i64::from(x.rem_euclid(e) != 0)).max(1);
                    if jmin <= ri {
                        self.holes += usize::try_from(ri - jmin + 1).unwrap_or(usize::MAX);
                    }
                }
                self.alive_until = Some(a.max(d0 + (ri - 1) * e));
            }
            _ => self.alive_until = None,
        }
        let shift = |ev: &Ev, j: i64| Ev {
            capture: ev.capture + j * e,
            usable: ev.usable + j * e,
            deleted: ev.deleted.map(|d| d + j * e),
            ..*ev
        };
        let loss = e as f64 + first.window as f64 + lag as f64;
        if self.best.is_none_or(|(l, _, _, _)| loss > l) {
            self.best = Some((loss, e, shift(&first, 1), first.rule));
        }
        self.num += r as f64 * e as f64 * (e as f64 / 2.0 + lag as f64);
        self.den += r as f64 * e as f64;
        self.n += usize::try_from(r).unwrap_or(usize::MAX);
        self.prev = Some(shift(&first, ri));
    }

    fn finish(self) -> Stats {
        if self.n < 2 {
            return Stats::Few(self.n);
        }
        if self.holes > 0 {
            return Stats::Holes { holes: self.holes };
        }
        match self.best {
            Some((worst, gap, at, prev_rule)) => Stats::Ok {
                worst,
                typical: if self.den > 0.0 {
                    self.num / self.den
                } else {
                    worst
                },
                gap,
                at,
                prev_rule,
            },
            None => Stats::Few(self.n),
        }
    }
}

#[cfg(test)]
fn stats(sorted: impl Iterator<Item = Ev>) -> Stats {
    let mut acc = Acc::new();
    for e in sorted {
        acc.push(e);
    }
    acc.finish()
}

fn term(
    name: &str,
    component: &str,
    seconds: f64,
    formula: String,
    assumption: String,
    basis: Basis,
    source: String,
) -> Term {
    Term {
        name: name.to_owned(),
        component: Some(component.to_owned()),
        seconds,
        formula,
        assumption,
        basis,
        source,
    }
}

fn rule_name(ctx: &Ctx<'_>, k: usize) -> String {
    ctx.rules.get(k).map(|r| r.name.clone()).unwrap_or_default()
}

fn scheduled_terms(id: &str, ctx: &Ctx<'_>, gap: i64, at: &Ev, prev_rule: usize) -> Vec<Term> {
    let (from, to) = (rule_name(ctx, prev_rule), rule_name(ctx, at.rule));
    let mut t = vec![
        term(
            "backup_interval",
            id,
            gap as f64,
            if from == to {
                format!("longest gap between consecutive points of rule {to} over the simulated horizon")
            } else {
                format!("longest gap between consecutive points (rule {from} → rule {to}) over the simulated horizon")
            },
            format!("a point every {} at worst", human_duration(gap as f64)),
            Basis::Derived,
            "schedule expansion in the rule's time zone (aws-backup.md §6–7); dr-strategies.md §5.2 (I)".to_owned(),
        ),
        term(
            "start_window",
            id,
            at.window as f64,
            format!("StartWindowMinutes of rule {to} × 60"),
            "a job may start as late as the end of its start window".to_owned(),
            if at.window_given { Basis::Input } else { Basis::Documented },
            if at.window_given {
                format!("plan (rule {to} StartWindowMinutes); dr-strategies.md §5.2 (W)")
            } else {
                "aws-backup.md §5.2 W3 (default 480 min); dr-strategies.md §5.2 (W)".to_owned()
            },
        ),
        term(
            "job_duration",
            id,
            ctx.job,
            "options.job_duration_seconds or drplan's default".to_owned(),
            "the point is usable only once the backup job completes".to_owned(),
            ctx.job_fact.0,
            ctx.job_fact.1.clone(),
        ),
    ];
    if at.copy {
        t.push(term(
            "copy_lag",
            id,
            ctx.copy_lag,
            "options.copy_lag_seconds or drplan's default".to_owned(),
            "the copy lands this long after the backup job completes".to_owned(),
            ctx.copy_fact.0,
            ctx.copy_fact.1.clone(),
        ));
    }
    t
}

fn pitr_term(id: &str, r: &ResPrep, ctx: &Ctx<'_>) -> Term {
    let fact = pitr_fact(&r.rtype);
    match ctx.pitr_override {
        Some(s) => term(
            "pitr_lag",
            id,
            s,
            "options.pitr_lag_seconds".to_owned(),
            "point-in-time restore reaches this close to the failure".to_owned(),
            Basis::Input,
            "input (options.pitr_lag_seconds)".to_owned(),
        ),
        None => term(
            "pitr_lag",
            id,
            fact.value,
            format!("{} restorable lag", r.rtype),
            fact.assumption.to_owned(),
            fact.basis,
            fact.source.to_owned(),
        ),
    }
}

fn not_covered(d: Disruption, mechanism: String, notes: Vec<String>) -> DisruptionRpo {
    DisruptionRpo {
        disruption: d,
        covered: false,
        mechanism,
        worst_seconds: None,
        worst: "unbounded (no recovery point survives)".to_owned(),
        typical_seconds: None,
        terms: Vec::new(),
        corruption: None,
        notes,
    }
}

fn from_stats(d: Disruption, what: &str, id: &str, acc: Acc, ctx: &Ctx<'_>) -> DisruptionRpo {
    if acc.prev.is_none() {
        return not_covered(d, format!("no {what}"), Vec::new());
    }
    match acc.finish() {
        Stats::Few(n) => DisruptionRpo {
            disruption: d,
            covered: true,
            mechanism: format!("the newest {what}"),
            worst_seconds: None,
            worst: "unknown".to_owned(),
            typical_seconds: None,
            terms: Vec::new(),
            corruption: None,
            notes: vec![format!("only {n} such point within the horizon: lengthen horizon_days to measure the interval")],
        },
        Stats::Holes { holes } => DisruptionRpo {
            disruption: d,
            covered: true,
            mechanism: format!("the newest {what}"),
            worst_seconds: None,
            worst: "unbounded (at times no point exists)".to_owned(),
            typical_seconds: None,
            terms: Vec::new(),
            corruption: None,
            notes: vec![format!("{holes} time(s) within the horizon every earlier point had expired before the next one became usable: retention is shorter than the interval (plus job and copy time)")],
        },
        Stats::Ok {
            worst,
            typical,
            gap,
            at,
            prev_rule,
        } => DisruptionRpo {
            disruption: d,
            covered: true,
            mechanism: format!("the newest {what}"),
            worst_seconds: Some(worst),
            worst: human_duration(worst),
            typical_seconds: Some(typical),
            terms: scheduled_terms(id, ctx, gap, &at, prev_rule),
            corruption: None,
            notes: vec![if at.copy {
                "RPO_worst ≈ I + W + J + C (dr-strategies.md §5.2)".to_owned()
            } else {
                "RPO_worst ≈ I + W + J (dr-strategies.md §5.2; no copy lag for points in the Region)".to_owned()
            }],
        },
    }
}

fn pitr_rpo(d: Disruption, r: &ResPrep, vault: &str, days: i64, ctx: &Ctx<'_>) -> DisruptionRpo {
    let t = pitr_term(&r.id, r, ctx);
    DisruptionRpo {
        disruption: d,
        covered: true,
        mechanism: format!("point-in-time restore from the continuous backup in vault {vault}"),
        worst_seconds: Some(t.seconds),
        worst: human_duration(t.seconds),
        typical_seconds: Some(t.seconds),
        terms: vec![t],
        corruption: None,
        notes: vec![format!("PITR reaches back {days} days once the window has filled (aws-backup.md §8); RPO ≈ log-shipping lag (dr-strategies.md §5.2)")],
    }
}

/// Report of one resource from its series (`mine`).
pub(super) fn report(
    r: &ResPrep,
    mine: &[SeriesData],
    groups: &Groups,
    ctx: &Ctx<'_>,
) -> ResourceReport {
    let points: u64 = mine
        .iter()
        .filter(|s| s.kind != SeriesKind::ChainBase)
        .map(SeriesData::points)
        .sum();
    let base = ResourceReport {
        resource_id: r.id.clone(),
        resource_type: r.rtype.clone(),
        region: r.region.clone(),
        account: r.account.clone(),
        protected: r.protected,
        selected_by: r.selected_by.clone(),
        points,
        rpo: Vec::new(),
        coverage: Vec::new(),
        coverage_tiers: Vec::new(),
    };
    if !r.protected {
        let why = "not protected by the plan".to_owned();
        return ResourceReport {
            rpo: Disruption::ALL
                .iter()
                .map(|d| not_covered(*d, why.clone(), r.selected_by.clone()))
                .collect(),
            ..base
        };
    }
    let in_region_g = |g: usize| groups.list.get(g).is_some_and(|g| g.key.region == r.region);
    let other_account_g = |g: usize| {
        groups.list.get(g).is_some_and(|g| {
            g.air_gapped || matches!((&g.key.account, &r.account), (Some(a), Some(b)) if a != b)
        })
    };
    let job = ctx.job.round() as i64;
    // The backup and copy series, merged by capture time one stretch of a run at a time.
    struct List<'a> {
        runs: &'a [Run],
        run: usize,
        j: u32,
        copy: bool,
        window: i64,
        window_given: bool,
        rule: usize,
        in_region: bool,
        other: bool,
    }
    let mut lists: Vec<List<'_>> = mine
        .iter()
        .filter(|s| matches!(s.kind, SeriesKind::Backup | SeriesKind::Copy))
        .map(|s| {
            let k = s.rule.unwrap_or(0);
            let rule = ctx.rules.get(k);
            List {
                runs: &s.runs,
                run: 0,
                j: 0,
                copy: s.kind == SeriesKind::Copy,
                window: rule.map_or(0, |x| x.window),
                window_given: rule.is_some_and(|x| x.window_given),
                rule: k,
                in_region: in_region_g(s.group),
                other: other_account_g(s.group),
            }
        })
        .collect();
    let head = |l: &List<'_>| {
        l.runs
            .get(l.run)
            .map(|run| run.first.created + i64::from(l.j) * run.every)
    };
    let (mut az, mut region, mut corrupt, mut account) =
        (Acc::new(), Acc::new(), Acc::new(), Acc::new());
    loop {
        let mut pick: Option<(usize, i64)> = None;
        let mut bound: Option<(i64, usize)> = None;
        for (i, l) in lists.iter().enumerate() {
            if let Some(t) = head(l) {
                match pick {
                    Some((_, c)) if t >= c => {
                        if bound.is_none_or(|(b, _)| t < b) {
                            bound = Some((t, i));
                        }
                    }
                    _ => {
                        if let Some((pi, pc)) = pick {
                            if bound.is_none_or(|(b, _)| pc < b) {
                                bound = Some((pc, pi));
                            }
                        }
                        pick = Some((i, t));
                    }
                }
            }
        }
        let Some((i, t)) = pick else { break };
        let Some(l) = lists.get_mut(i) else { break };
        let Some(run) = l.runs.get(l.run).copied() else {
            break;
        };
        let left = run.count - l.j;
        // Points of this run that come before every other list's head (ties: lower index).
        let take = match bound {
            Some((b, bi)) if run.every > 0 => {
                let span = b - t;
                let mut k = span.div_euclid(run.every) + i64::from(span.rem_euclid(run.every) != 0);
                if span.rem_euclid(run.every) == 0 && i < bi {
                    k += 1;
                }
                u32::try_from(k.max(1)).unwrap_or(u32::MAX).min(left)
            }
            _ => left,
        };
        let p = run.at(l.j);
        let e = Ev {
            capture: p.created,
            usable: if l.copy { p.appears } else { p.created + job },
            deleted: p.deleted,
            window: l.window,
            window_given: l.window_given,
            copy: l.copy,
            rule: l.rule,
        };
        let more = u64::from(take - 1);
        let feed = |acc: &mut Acc| {
            acc.push(e);
            acc.push_regular(more, run.every);
        };
        if l.in_region {
            feed(&mut az);
        } else {
            feed(&mut region);
        }
        feed(&mut corrupt);
        if l.other {
            feed(&mut account);
        }
        l.j += take;
        if l.j >= run.count {
            l.run += 1;
            l.j = 0;
        }
    }
    // The continuous point in the Region, if any.
    let pitr = mine
        .iter()
        .find(|s| s.kind == SeriesKind::Continuous && in_region_g(s.group))
        .and_then(|s| {
            let rule = s.rule.and_then(|k| ctx.rules.get(k))?;
            let days = rule.retention_seconds().unwrap_or(35 * DAY) / DAY;
            Some((
                groups
                    .list
                    .get(s.group)
                    .map(|g| g.key.name.clone())
                    .unwrap_or_default(),
                days,
                s.runs.first().map_or(0, |x| x.first.created),
            ))
        });

    let mut rpo = Vec::new();
    // AZ / local.
    let az = match &pitr {
        Some((vault, days, _)) => pitr_rpo(Disruption::Az, r, vault, *days, ctx),
        None => from_stats(
            Disruption::Az,
            "recovery point in the Region",
            &r.id,
            az,
            ctx,
        ),
    };
    rpo.push(az);
    // Region.
    let mut region = from_stats(
        Disruption::Region,
        "copy in another Region",
        &r.id,
        region,
        ctx,
    );
    if !region.covered {
        region.notes.push("add a copy action to a vault in another Region (aws-backup.md §9); continuous backups are copied as snapshots (§8)".to_owned());
    }
    rpo.push(region);
    // Corruption.
    rpo.push(corruption(r, mine, groups, ctx, &pitr, corrupt));
    // Account compromise.
    let mut acct = from_stats(
        Disruption::AccountCompromise,
        "point in another account or a logically air-gapped vault",
        &r.id,
        account,
        ctx,
    );
    if !acct.covered {
        acct.notes.push("copy to a vault in another account, or to a logically air-gapped vault (dr-strategies.md §8; aws-backup.md §10.2)".to_owned());
    }
    rpo.push(acct);

    let tiers = coverage(r, mine, groups, ctx);
    ResourceReport {
        rpo,
        coverage: tiers.iter().map(|t| t.words.clone()).collect(),
        coverage_tiers: tiers,
        ..base
    }
}

fn corruption(
    r: &ResPrep,
    mine: &[SeriesData],
    groups: &Groups,
    ctx: &Ctx<'_>,
    pitr: &Option<(String, i64, i64)>,
    all: Acc,
) -> DisruptionRpo {
    let longest = {
        let mut l: Option<i64> = Some(0);
        for s in mine
            .iter()
            .filter(|s| matches!(s.kind, SeriesKind::Backup | SeriesKind::Copy))
        {
            for run in &s.runs {
                l = match (l, run.first.deleted) {
                    (Some(a), Some(d)) => Some(a.max(d - run.first.created)),
                    _ => None,
                };
            }
        }
        if let Some((_, days, _)) = pitr {
            l = l.map(|a| a.max(days * DAY));
        }
        l
    };
    let Some(tc) = ctx.corruption else {
        let mut d = match pitr {
            Some((vault, days, _)) => pitr_rpo(Disruption::Corruption, r, vault, *days, ctx),
            None => from_stats(
                Disruption::Corruption,
                "recovery point (any vault)",
                &r.id,
                all,
                ctx,
            ),
        };
        d.notes.push("assumes the corruption is noticed before the next backup captures it; give options.corruption_at for the newest clean point (dr-strategies.md §8). Replicas copy corruption: only point-in-time copies count (§4.3)".to_owned());
        d.corruption = Some(CorruptionDetail {
            corruption_at_seconds: None,
            clean_point_created_at_seconds: None,
            clean_point_vault: None,
            clean_point_region: None,
            latest_detection_seconds: None,
            longest_retention_seconds: longest.map(|x| x as f64),
        });
        return d;
    };
    // Points captured before the corruption that still exist when it happens.
    let mut newest: Option<(i64, &SeriesData)> = None;
    let mut latest: Option<i64> = Some(i64::MIN);
    let mut any = false;
    for s in mine
        .iter()
        .filter(|s| matches!(s.kind, SeriesKind::Backup | SeriesKind::Copy))
    {
        for run in &s.runs {
            // The newest point of the run captured before the corruption; older ones of the
            // run expire earlier, so it alone decides whether the run holds a clean point.
            let c0 = run.first.created;
            if c0 >= tc {
                continue;
            }
            let before = if run.every > 0 {
                let span = tc - c0;
                (span.div_euclid(run.every) + i64::from(span.rem_euclid(run.every) != 0))
                    .min(i64::from(run.count))
            } else {
                1
            };
            let Ok(j) = u32::try_from(before - 1) else {
                continue;
            };
            let raw = run.at(j);
            if raw.created < tc && raw.deleted.is_none_or(|d| d > tc) {
                any = true;
                if newest.is_none_or(|(c, _)| raw.created > c) {
                    newest = Some((raw.created, s));
                }
                latest = match (latest, raw.deleted) {
                    (Some(a), Some(d)) => Some(a.max(d)),
                    _ => None,
                };
            }
        }
    }
    let pitr_ok = pitr.as_ref().filter(|(_, _, created)| *created < tc);
    if let Some((_, days, _)) = pitr_ok {
        any = true;
        latest = latest.map(|a| a.max(tc + days * DAY));
    }
    let at = |t: i64| rfc3339_rel(t);
    if !any {
        let mut d = not_covered(
            Disruption::Corruption,
            format!("no recovery point was captured before the corruption at {}", at(tc)),
            vec!["every point is newer than the corruption (or already expired when it happened): nothing clean to restore (dr-strategies.md §8)".to_owned()],
        );
        d.corruption = Some(CorruptionDetail {
            corruption_at_seconds: Some(tc as f64),
            clean_point_created_at_seconds: None,
            clean_point_vault: None,
            clean_point_region: None,
            latest_detection_seconds: None,
            longest_retention_seconds: longest.map(|x| x as f64),
        });
        return d;
    }
    let (loss, mech, vault, region, created) = match (pitr_ok, newest) {
        (Some((vault, _, _)), _) => (
            0.0,
            format!("point-in-time restore to just before the corruption (continuous backup in vault {vault})"),
            Some(vault.clone()),
            Some(r.region.clone()),
            None,
        ),
        (None, Some((c, s))) => {
            let g = groups.list.get(s.group);
            (
                (tc - c) as f64,
                "the newest recovery point captured before the corruption".to_owned(),
                g.map(|g| g.key.name.clone()),
                g.map(|g| g.key.region.clone()),
                Some(c as f64),
            )
        }
        (None, None) => (0.0, String::new(), None, None, None),
    };
    let terms = vec![term(
        "since_last_clean_point",
        &r.id,
        loss,
        "corruption_at − capture time of the newest point older than it (0 with PITR)".to_owned(),
        "data written after the last clean point is lost".to_owned(),
        Basis::Derived,
        "dr-strategies.md §8 (RPO_effective from the newest point older than the compromise)"
            .to_owned(),
    )];
    DisruptionRpo {
        disruption: Disruption::Corruption,
        covered: true,
        mechanism: mech,
        worst_seconds: Some(loss),
        worst: human_duration(loss),
        typical_seconds: Some(loss),
        terms,
        corruption: Some(CorruptionDetail {
            corruption_at_seconds: Some(tc as f64),
            clean_point_created_at_seconds: created,
            clean_point_vault: vault,
            clean_point_region: region,
            latest_detection_seconds: latest.map(|x| x as f64),
            longest_retention_seconds: longest.map(|x| x as f64),
        }),
        notes: vec![match latest {
            Some(l) => format!("the corruption must be detected within {} of it: after that every clean point has expired (dr-strategies.md §8)", human_duration((l - tc) as f64)),
            None => "a clean point is kept indefinitely".to_owned(),
        }],
    }
}

fn rfc3339_rel(t: i64) -> String {
    format!("{} after the start", human_duration(t as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(c: i64, del: Option<i64>) -> Ev {
        Ev {
            capture: c,
            usable: c + 3_600,
            deleted: del,
            window: 3_600,
            window_given: true,
            copy: false,
            rule: 0,
        }
    }

    #[test]
    fn daily_worst_and_typical() {
        // daily points, J = 1 h, W = 1 h: worst = 24 h + 1 h + 1 h; typical = 12 h + 1 h.
        let evs: Vec<Ev> = (0..10)
            .map(|d| ev(d * DAY, Some(d * DAY + 35 * DAY)))
            .collect();
        match stats(evs.into_iter()) {
            Stats::Ok {
                worst,
                typical,
                gap,
                ..
            } => {
                assert_eq!(gap, DAY);
                assert_eq!(worst, (DAY + 7_200) as f64);
                assert_eq!(typical, (DAY / 2 + 3_600) as f64);
            }
            _ => panic!("expected stats"),
        }
    }

    #[test]
    fn retention_shorter_than_interval_leaves_holes() {
        // weekly points kept one day
        let evs: Vec<Ev> = (0..5)
            .map(|w| ev(w * 7 * DAY, Some(w * 7 * DAY + DAY)))
            .collect();
        assert!(matches!(stats(evs.into_iter()), Stats::Holes { holes: 4 }));
        assert!(matches!(stats([ev(0, None)].into_iter()), Stats::Few(1)));
    }
}
