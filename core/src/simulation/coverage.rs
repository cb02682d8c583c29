//! Restore-point coverage at steady state: for each series of a resource, how far apart its
//! restore points are and how far back they reach, in words (`"any day of the last 35 days"`).

use super::state::{Ctx, Groups, ResPrep, Run, SeriesData, DAY};
use super::*;
use crate::units::human_duration;

fn granularity_words(g: i64, dom: &str) -> String {
    const H: i64 = 3_600;
    match g {
        0 => "any second".to_owned(),
        H => "any hour".to_owned(),
        x if x % H == 0 && x < DAY => format!("every {} hours", x / H),
        DAY => "any day".to_owned(),
        x if x == 7 * DAY => "any week".to_owned(),
        x if (28 * DAY..=31 * DAY).contains(&x) => {
            if dom.starts_with('L') {
                "any month-end".to_owned()
            } else if dom == "1" {
                "the 1st of any month".to_owned()
            } else {
                "any month".to_owned()
            }
        }
        x if (365 * DAY..=366 * DAY).contains(&x) => "any year".to_owned(),
        x => format!("every {}", human_duration(x as f64)),
    }
}

fn retention_words(s: Option<i64>) -> String {
    match s {
        None => "since the plan started (kept indefinitely)".to_owned(),
        Some(s) if s % DAY != 0 => format!("of the last {}", human_duration(s as f64)),
        Some(s) => {
            let d = s / DAY;
            match d {
                1 => "of the last day".to_owned(),
                365 => "of the last 12 months".to_owned(),
                d if d % 365 == 0 => format!("of the last {} years", d / 365),
                d if d >= 60 && d % 30 == 0 => format!("of the last {} months", d / 30),
                d => format!("of the last {d} days"),
            }
        }
    }
}

/// The most frequent gap between consecutive points of a series (ties: the shorter).
fn typical_gap(runs: &[Run]) -> Option<i64> {
    // Few distinct gaps in practice: a small list beats a map.
    let mut counts: Vec<(i64, u64)> = Vec::new();
    let mut add = |g: i64, n: u64| {
        if n == 0 {
            return;
        }
        if let Some((_, c)) = counts.iter_mut().find(|(x, _)| *x == g) {
            *c += n;
        } else if counts.len() < 4_096 {
            counts.push((g, n));
        }
    };
    let mut prev: Option<i64> = None;
    for run in runs {
        if let Some(p) = prev {
            add(run.first.created - p, 1);
        }
        add(run.every, u64::from(run.count.saturating_sub(1)));
        prev = Some(run.last().created);
    }
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(g, _)| *g)
}

/// The coverage tiers of resource `r` from its series (`mine`): local first, finest first.
pub(super) fn coverage(
    r: &ResPrep,
    mine: &[SeriesData],
    groups: &Groups,
    ctx: &Ctx<'_>,
) -> Vec<CoverageTier> {
    let mut tiers = Vec::new();
    for s in mine {
        let Some(first) = s.runs.first().map(|r| r.first) else {
            continue;
        };
        let Some(rule) = s.rule.and_then(|k| ctx.rules.get(k)) else {
            continue;
        };
        let Some(g) = groups.list.get(s.group) else {
            continue;
        };
        let (gran, ret) = match s.kind {
            SeriesKind::Continuous => (0, rule.retention_seconds()),
            SeriesKind::Backup | SeriesKind::Copy => (
                typical_gap(&s.runs).unwrap_or(rule.cycle),
                first.deleted.map(|d| d - first.created),
            ),
            SeriesKind::ChainBase => continue,
        };
        let mut words = match ret {
            // Points expire before the next one: only the newest, and at times none.
            Some(r) if gran > 0 && r < gran => format!(
                "{}, each kept only {} (at times no point exists)",
                granularity_words(gran, &rule.dom).replacen("any ", "one a ", 1),
                human_duration(r as f64)
            ),
            _ => format!(
                "{} {}",
                granularity_words(gran, &rule.dom),
                retention_words(ret)
            ),
        };
        match s.kind {
            SeriesKind::Continuous => words.push_str(" (PITR)"),
            SeriesKind::Copy => {
                let acct = match (&g.key.account, &r.account) {
                    (Some(a), Some(b)) if a != b => format!(", account {a}"),
                    _ => String::new(),
                };
                words.push_str(&format!(
                    " in {} (copy, vault {}{acct})",
                    g.key.region, g.key.name
                ));
            }
            _ => {}
        }
        tiers.push(CoverageTier {
            kind: s.kind,
            rule: Some(rule.name.clone()),
            vault: g.key.name.clone(),
            region: g.key.region.clone(),
            account: g.key.account.clone(),
            granularity_seconds: gran as f64,
            retention_seconds: ret.map(|x| x as f64),
            words,
        });
    }
    tiers.sort_by(|a, b| {
        (a.kind == SeriesKind::Copy)
            .cmp(&(b.kind == SeriesKind::Copy))
            .then(a.granularity_seconds.total_cmp(&b.granularity_seconds))
    });
    tiers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(granularity_words(86_400, "?"), "any day");
        assert_eq!(granularity_words(3_600, "?"), "any hour");
        assert_eq!(granularity_words(12 * 3_600, "?"), "every 12 hours");
        assert_eq!(granularity_words(31 * 86_400, "L"), "any month-end");
        assert_eq!(granularity_words(30 * 86_400, "1"), "the 1st of any month");
        assert_eq!(retention_words(Some(35 * 86_400)), "of the last 35 days");
        assert_eq!(retention_words(Some(365 * 86_400)), "of the last 12 months");
        assert_eq!(retention_words(Some(730 * 86_400)), "of the last 2 years");
        assert_eq!(retention_words(Some(90 * 86_400)), "of the last 3 months");
        assert_eq!(
            retention_words(None),
            "since the plan started (kept indefinitely)"
        );
    }
}
