//! Candidates: each mechanism that could recover a component, and the best one chosen.

use super::*;
/// One way a component could recover: its RPO terms (None = unbounded), its recovery track,
/// whether it runs without people, the lever that would improve it, and the issues and
/// defaults its resolution raised (kept only if it is chosen).
pub(super) struct Cand {
    pub(super) mechanism: String,
    pub(super) rpo: Option<Vec<Term>>,
    pub(super) track: Vec<Term>,
    pub(super) auto: bool,
    pub(super) lever: &'static str,
    pub(super) issues: Vec<crate::error::Issue>,
    pub(super) defaults: Vec<(String, String)>,
}

pub(super) fn cand(
    mechanism: &str,
    rpo: Option<Vec<Term>>,
    track: Vec<Term>,
    auto: bool,
    lever: &'static str,
) -> Cand {
    Cand {
        mechanism: mechanism.to_owned(),
        rpo,
        track,
        auto,
        lever,
        issues: Vec::new(),
        defaults: Vec::new(),
    }
}

/// Resolve a candidate, setting aside the issues and defaults it raises.
pub(super) fn trial(ctx: &mut Ctx<'_>, f: impl FnOnce(&mut Ctx<'_>) -> Cand) -> Cand {
    let (ni, nd) = (ctx.issues.len(), ctx.defaults_used.len());
    let mut c = f(ctx);
    c.issues = ctx.issues.split_off(ni.min(ctx.issues.len()));
    c.defaults = ctx.defaults_used.split_off(nd.min(ctx.defaults_used.len()));
    c
}

/// The best candidate (dr-strategies.md §10.2, derived): one that needs no missing input, then
/// the lowest RPO, then the shortest recovery track; its issues and defaults are kept. Choosing
/// the minimum is what makes adding a mechanism never raise an RPO.
pub(super) fn choose(ctx: &mut Ctx<'_>, cands: Vec<Cand>) -> Option<Cand> {
    let key = |c: &Cand| {
        (
            c.issues
                .iter()
                .any(|i| i.severity == crate::error::Severity::Error),
            c.rpo.as_ref().map_or(f64::INFINITY, |t| sum(t)),
            sum(&c.track),
        )
    };
    let mut best: Option<Cand> = None;
    for c in cands {
        let better = match &best {
            None => true,
            Some(b) => {
                let (ka, kb) = (key(&c), key(b));
                ka.0.cmp(&kb.0)
                    .then(ka.1.total_cmp(&kb.1))
                    .then(ka.2.total_cmp(&kb.2))
                    .is_lt()
            }
        };
        if better {
            best = Some(c);
        }
    }
    if let Some(b) = &best {
        for i in &b.issues {
            if !ctx.issues.iter().any(|x| x.path == i.path) {
                ctx.issues.push(i.clone());
            }
        }
        for d in &b.defaults {
            if !ctx.defaults_used.iter().any(|(p, _)| *p == d.0) {
                ctx.defaults_used.push(d.clone());
            }
        }
    }
    best
}

/// Elastic Disaster Recovery of a self-managed database's server: RPO the replication lag,
/// recovery the launch of a recovery instance (dr-strategies.md §6.7).
pub(super) fn drs_cand(ctx: &mut Ctx<'_>, i: usize, d: &Database) -> Cand {
    let name = d.name.as_str();
    let at = join("/components", i);
    let lag = ctx
        .resolve(
            d.replication_lag_seconds,
            &join(&at, "replication_lag_seconds"),
            &f::DRS_LAG,
        )
        .simple("replication_lag", Some(name));
    let launch = ctx
        .resolve(
            d.promotion_seconds,
            &join(&at, "promotion_seconds"),
            &f::DRS_LAUNCH,
        )
        .simple("launch_recovery_instance", Some(name));
    cand(
        "Elastic Disaster Recovery launches a recovery instance from the replicated disks",
        Some(vec![lag]),
        vec![launch],
        false,
        LEVER_DRS,
    )
}
