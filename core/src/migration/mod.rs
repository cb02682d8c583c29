//! Database migration path selection: how to move a database to RDS or Aurora (the fourth question
//! drplan answers, see the crate docs; domain: migration.md).
//!
//! [`select_migration_path`] evaluates every path in the catalogue ([`PathId`]) against the
//! scenario: each path's hard constraints (versions, encryption, Region/account, storage engines,
//! S3 object limits, engine match, binlog/WAL settings, primary keys…) are checked and any failure
//! excludes the path with a stable [`ReasonCode`] and its domain reference. The survivors are
//! estimated (copy, catch-up, cut-over; downtime; rough cost), checked against downtime tolerance,
//! deadline and budget (a miss excludes, it does not merely rank lower), and ranked by effort and
//! risk, then cost, then duration.
//!
//! ```
//! use drplan::{select_migration_path, MigrationScenario, PathId};
//! let scenario: MigrationScenario = serde_json::from_value(serde_json::json!({
//!     "source": {"engine": "mysql", "version": "8.0.35", "location": "rds",
//!                "size_gib": "500 GiB", "encrypted": true, "change_rate_bps": "1 MB/s"},
//!     "target": {"service": "aurora", "engine": "mysql", "version": "3.05.2"},
//!     "constraints": {"downtime_tolerance_seconds": "30m"}
//! })).unwrap();
//! let report = select_migration_path(&scenario).unwrap();
//! assert_eq!(report.recommended, Some(PathId::AuroraReadReplica));
//! ```

mod assumptions;
mod context;
mod cost;
mod draft;
mod estimate;
mod exclusion;
mod path_id;
mod paths;
mod rank;
mod reference;
mod report;
mod scenario;
mod source_settings;
mod validation;
mod version;

// Tests may panic and index JSON values: a failing test is the point.
#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests;

pub use assumptions::{Assumption, Status};
pub use exclusion::{Check, Exclusion, ReasonCode};
pub use path_id::PathId;
pub use reference::Reference;
pub use report::{
    Cost, EstimateSummary, EstimateTerm, ExcludedPath, Item, Kind, MigrationCostLine,
    MigrationPhase, MigrationReport, NetworkTransfer, Note, PathPlan, PathWarning, PhaseKind,
    SchemaConversion,
};
pub use scenario::{
    BinlogFormat, BinlogRowImage, Capacity, Constraints, ConversionTool, DbEngine, Family,
    LinkKind, Location, MigrationScenario, MigrationTarget, Network, Options, Overrides, Placement,
    Preference, Prices, SchemaConversionInput, Service, Source, StorageEngine, WalLevel,
};

use crate::error::{ensure_no_errors, Error, Issue};
use crate::units::human_duration;
use assumptions::{Param, Params};
use context::Ctx;
use draft::{Draft, Retention};
use estimate::{catch_up, downtime, fixed, num, timeline, total, CatchUpFailure, GIB};
use exclusion::Checks;

/// Default share of the link the migration may use (HEURISTIC: the 80 % column of
/// dr-strategies.md §9.1).
const DEFAULT_UTILIZATION: f64 = 0.8;
/// DMS replication-instance storage quota per Region (migration.md §5.5, DMS CHAP_Limits);
/// "30,000 GB" read as decimal GB (the stricter reading).
const DMS_STORAGE_QUOTA_BYTES: f64 = 30_000e9;
/// "Ship a device if the network takes more than about a week" (HEURISTIC, migration.md §8).
const WEEK: f64 = 7.0 * 86_400.0;

/// Rank the feasible migration paths for `scenario` and explain the excluded ones.
///
/// Fails with `invalid_input` (every issue, JSON pointers into the scenario) on impossible
/// versions, engine/service combinations, sizes, a missing or zero-bandwidth network where one is
/// needed, or out-of-range overrides.
pub fn select_migration_path(scenario: &MigrationScenario) -> Result<MigrationReport, Error> {
    select_with(
        scenario,
        Params::resolve(&scenario.overrides),
        DEFAULT_UTILIZATION,
    )
}

/// [`select_migration_path`] with the defaults given (tests vary the placeholders through it).
fn select_with(
    scenario: &MigrationScenario,
    params: Params,
    default_utilization: f64,
) -> Result<MigrationReport, Error> {
    let (issues, versions) = validation::validate(scenario);
    let mut warnings = ensure_no_errors(issues)?;
    let Some(versions) = versions else {
        return Err(Error::invalid(vec![Issue::error(
            "invalid_value",
            "",
            "scenario could not be read",
        )
        .in_input("scenario")]));
    };
    let bytes = scenario.source.size_gib.0 * GIB;
    let utilization = scenario
        .network
        .as_ref()
        .and_then(|n| n.utilization)
        .unwrap_or(default_utilization);
    let net_bps = scenario
        .network
        .as_ref()
        .map(|n| n.bandwidth_bps.0 * utilization);
    let mut ctx = Ctx {
        s: scenario,
        p: &params,
        src_v: versions.source,
        tgt_v: versions.target,
        bytes,
        engine_change: scenario.source.engine.family() != scenario.target.engine.family(),
        net_bps,
        change_bps: scenario.source.change_rate_bps.map(|b| b.0).unwrap_or(0.0),
        fastest_network_seconds: None,
    };

    // The same scenario with every placeholder at its most favourable value: a check that fails
    // here fails on documented limits and the caller's own numbers (migration.md §7.3).
    let optimistic = params.optimistic();
    let utilization_floor = scenario
        .network
        .as_ref()
        .and_then(|n| n.utilization)
        .unwrap_or(1.0);
    let mut best = Ctx {
        p: &optimistic,
        net_bps: scenario
            .network
            .as_ref()
            .map(|n| n.bandwidth_bps.0 * utilization_floor),
        fastest_network_seconds: None,
        ..ctx.clone()
    };

    let mut feasible = Vec::new();
    let mut excluded = Vec::new();
    let mut used: Vec<Param> = Vec::new();
    let mut fastest = (None::<f64>, None::<f64>);
    for path in PathId::ALL {
        if path == PathId::OfflineTransfer {
            // Offline transfer is weighed against the network paths (PathId::ALL lists it last).
            ctx.fastest_network_seconds = fastest.0;
            best.fastest_network_seconds = fastest.1;
        }
        let draft = paths::model(path, &ctx);
        let family = scenario.source.engine.family();
        if draft.checks.failed() {
            excluded.push(ExcludedPath {
                path,
                label: path.label(scenario, ctx.engine_change),
                reference: path.reference(family),
                reasons: reasons(&draft.checks.list),
                estimate: None,
            });
            continue;
        }
        let draft_used = draft.used.clone();
        let as_given = finish(path, draft, &ctx);
        let at_best = finish(path, paths::model(path, &best), &best);
        let min = |m: Option<f64>, d: f64| Some(m.map_or(d, |m: f64| m.min(d)));
        if !as_given.impossible {
            fastest.0 = min(fastest.0, as_given.plan.duration_seconds);
        }
        if !at_best.impossible {
            fastest.1 = min(fastest.1, at_best.plan.duration_seconds);
        }
        if at_best.failed() {
            // Fails even with the most favourable placeholders: excluded, with the figures as
            // estimated (they are the ones the caller can compare).
            excluded.push(if as_given.failed() {
                as_given.excluded()
            } else {
                at_best.excluded()
            });
            continue;
        }
        for p in &draft_used {
            if !used.contains(p) {
                used.push(*p);
            }
        }
        let mut plan = as_given.plan;
        if plan.checks.iter().any(|c| !c.passed) {
            plan.warnings = placeholder_warnings(&plan, &at_best.plan, &draft_used, &ctx);
            plan.checks.retain(|c| c.passed);
        }
        feasible.push(plan);
    }
    let ranking_reason = rank::rank(&mut feasible, scenario);

    let network = scenario.network.as_ref().zip(net_bps).map(|(n, eff)| {
        let seconds = bytes * 8.0 / eff;
        NetworkTransfer {
            link: n.link,
            bandwidth_bps: n.bandwidth_bps.0,
            utilization,
            effective_bps: eff,
            bytes,
            seconds,
            duration: human_duration(seconds),
            formula: format!(
                "{} GiB × 2^30 × 8 / ({} bit/s × {utilization})",
                num(bytes / GIB),
                num(n.bandwidth_bps.0)
            ),
            source: "dr-strategies.md §9.1 (DERIVED; decimal network units)".to_owned(),
        }
    });
    if let Some(n) = network.as_ref().filter(|n| n.seconds > WEEK) {
        warnings.push(
            Issue::warning(
                "network_transfer_over_a_week",
                "/network/bandwidth_bps",
                format!("moving the data over this link takes {}: past the widely cited (HEURISTIC) one-week point for considering offline transfer", n.duration),
            )
            .with_hint("give constraints.deadline_seconds and options.allow_offline_transfer to weigh offline transfer (migration.md §8), or add bandwidth")
            .in_input("scenario"),
        );
    }

    let mut assumptions = Vec::new();
    if let Some(n) = &scenario.network {
        assumptions.push(Assumption {
            name: "network_utilization".to_owned(),
            value: utilization,
            unit: "share".to_owned(),
            status: if n.utilization.is_some() { Status::Caller } else { Status::Heuristic },
            basis: if n.utilization.is_some() {
                "network.utilization (caller)".to_owned()
            } else {
                "share of the link a long transfer sustains; dr-strategies.md §9.1 tabulates 80 % (a secondary source matches ≈ 75 %)".to_owned()
            },
            source: "dr-strategies.md §9.1".to_owned(),
        });
    }
    assumptions.extend(params.listed(&used));

    Ok(MigrationReport {
        engine_change: ctx.engine_change,
        recommended: feasible.first().map(|p| p.path),
        preference: scenario.options.prefer,
        ranking_reason,
        feasible,
        excluded,
        network,
        assumptions,
        warnings,
    })
}

/// The failed checks as exclusion reasons, one per code. When the path cannot take the engines at
/// all, only that is reported: its other checks (versions, settings) would be noise.
fn reasons(checks: &[Check]) -> Vec<Exclusion> {
    let engine = |c: &&Check| {
        matches!(
            c.code,
            ReasonCode::EngineMismatch | ReasonCode::SourceEngineUnsupported
        )
    };
    let failed: Vec<&Check> = checks.iter().filter(|c| !c.passed).collect();
    let decisive: Vec<&Check> = if failed.iter().any(engine) {
        failed.iter().copied().filter(engine).collect()
    } else {
        failed
    };
    let mut out: Vec<Exclusion> = Vec::new();
    for c in decisive {
        if !out.iter().any(|e| e.code == c.code) {
            out.push(c.exclusion());
        }
    }
    out
}

/// Upper-case confidence marker of a placeholder, as migration.md writes it.
fn marker(status: Status) -> &'static str {
    match status {
        Status::Heuristic => "HEURISTIC",
        Status::Unconfirmed => "UNCONFIRMED",
        Status::Derived => "DERIVED",
        Status::Sourced => "documented",
        Status::Caller => "caller",
    }
}

/// The placeholders a term depends on: its placeholder assumptions, and the link share when the
/// term is limited by the link and the caller gave no `network.utilization`.
fn term_placeholders(t: &EstimateTerm, ctx: &Ctx) -> Vec<String> {
    let mut out: Vec<String> = ctx
        .p
        .placeholders(t.assumptions.iter().map(String::as_str))
        .into_iter()
        .map(str::to_owned)
        .collect();
    let utilization_given = ctx.s.network.as_ref().and_then(|n| n.utilization).is_some();
    if !utilization_given && t.assumptions.iter().any(|a| a == "network") {
        out.push("network.utilization".to_owned());
    }
    out
}

fn override_field(name: &str) -> String {
    if name.contains('.') {
        name.to_owned()
    } else {
        format!("overrides.{name}")
    }
}

/// Why a path that fails a check with drplan's placeholder defaults, and passes with their most
/// favourable values, stays feasible: one warning per such check, with the break-even value
/// (migration.md §7.3).
fn placeholder_warnings(
    plan: &PathPlan,
    best: &PathPlan,
    used: &[Param],
    ctx: &Ctx,
) -> Vec<PathWarning> {
    const SOURCE: &str = "migration.md §7.3";
    let mut out = Vec::new();
    for c in plan.checks.iter().filter(|c| !c.passed) {
        let limit = match c.code {
            ReasonCode::DowntimeExceedsTolerance => ctx
                .s
                .constraints
                .downtime_tolerance_seconds
                .map(|t| (t.0, best.downtime_seconds, true)),
            ReasonCode::MissesDeadline => ctx
                .s
                .constraints
                .deadline_seconds
                .map(|t| (t.0, best.duration_seconds, false)),
            _ => None,
        };
        if let Some((limit, firm, downtime)) = limit {
            let terms: Vec<(&EstimateTerm, Vec<String>)> = plan
                .timeline
                .iter()
                .filter(|ph| !downtime || ph.writes_stopped)
                .flat_map(|ph| ph.terms.iter())
                .map(|t| (t, term_placeholders(t, ctx)))
                .collect();
            let firm_terms = estimate::sum(
                terms
                    .iter()
                    .filter(|(_, n)| n.is_empty())
                    .map(|(t, _)| t.seconds),
            );
            let soft: Vec<&(&EstimateTerm, Vec<String>)> =
                terms.iter().filter(|(_, n)| !n.is_empty()).collect();
            let mut names: Vec<String> = Vec::new();
            for n in soft.iter().flat_map(|(_, n)| n.iter()) {
                if !names.contains(n) {
                    names.push(n.clone());
                }
            }
            // The floor with the most favourable placeholders passed; the room is what the
            // placeholder-dependent terms may take beside the firm ones.
            debug_assert!(firm <= limit);
            let room = (limit - firm_terms).max(0.0);
            let what = if downtime { "Downtime" } else { "Completion" };
            let (estimate, bound) = if downtime {
                (plan.downtime_seconds, "the tolerance")
            } else {
                (plan.duration_seconds, "the deadline")
            };
            let head = format!(
                "{what} {} exceeds {bound} {} only through drplan's placeholder defaults",
                human_duration(estimate),
                human_duration(limit)
            );
            let cutover_only = soft.len() == 1
                && names.len() == 1
                && names.first().map(String::as_str) == Some(Param::CutoverSeconds.name());
            let message = if cutover_only {
                let a = ctx.p.named(Param::CutoverSeconds.name());
                format!(
                    "{head}: feasible if cut-over ≤ {} (drplan assumes {}, {}): measure yours with a rehearsal; set overrides.cutover_seconds",
                    human_duration(room),
                    human_duration(a.map_or(f64::NAN, |a| a.value)),
                    a.map_or("UNCONFIRMED", |a| marker(a.status))
                )
            } else {
                let whats: Vec<&str> = soft.iter().map(|(t, _)| t.what.as_str()).collect();
                format!(
                    "{head}: feasible if these steps take ≤ {} together: {} (estimated {}); time a trial run or a rehearsal and set {}",
                    human_duration(room),
                    whats.join("; "),
                    human_duration(estimate::sum(soft.iter().map(|(t, _)| t.seconds))),
                    names.iter().map(|n| override_field(n)).collect::<Vec<_>>().join(", ")
                )
            };
            out.push(PathWarning {
                code: if downtime {
                    "downtime_depends_on_placeholders"
                } else {
                    "deadline_depends_on_placeholders"
                }
                .to_owned(),
                message,
                depends_on: names,
                break_even_seconds: Some(room),
                break_even: Some(human_duration(room)),
                source: SOURCE.to_owned(),
            });
            continue;
        }
        let mut names: Vec<String> = ctx
            .p
            .placeholders(used.iter().map(|p| p.name()))
            .into_iter()
            .map(str::to_owned)
            .collect();
        if ctx
            .s
            .network
            .as_ref()
            .is_some_and(|n| n.utilization.is_none())
        {
            names.push("network.utilization".to_owned());
        }
        let set = names
            .iter()
            .map(|n| override_field(n))
            .collect::<Vec<_>>()
            .join(", ");
        // The break-even of each check (migration.md §7.3): the value the placeholder-dependent
        // quantity must reach for the check to pass, beside the caller's own figures.
        let (even, seconds) = match c.code {
            ReasonCode::CatchUpCannotKeepUp => (
                format!(
                    "feasible if the apply rate exceeds the change rate {} bit/s",
                    estimate::num(ctx.change_bps)
                ),
                None,
            ),
            ReasonCode::ChangeRateExceedsLink => {
                let bw = ctx.s.network.as_ref().map_or(0.0, |n| n.bandwidth_bps.0);
                let share = if bw > 0.0 {
                    ctx.change_bps / bw
                } else {
                    f64::NAN
                };
                (
                    format!(
                        "feasible if the migration may use more than {} % of the link ({} bit/s of {} bit/s)",
                        estimate::num((share * 1000.0).ceil() / 10.0),
                        estimate::num(ctx.change_bps),
                        estimate::num(bw)
                    ),
                    None,
                )
            }
            ReasonCode::DmsStorageQuota if ctx.change_bps > 0.0 => {
                let room = DMS_STORAGE_QUOTA_BYTES * 8.0 / ctx.change_bps;
                (
                    format!(
                        "feasible if the full load takes ≤ {} at the given change rate",
                        human_duration(room)
                    ),
                    Some(room),
                )
            }
            ReasonCode::OverBudget => {
                // The hour-billed lines carry the placeholder durations; the others are firm.
                let hourly: f64 = plan
                    .cost
                    .lines
                    .iter()
                    .filter(|l| l.unit == "hour")
                    .filter_map(|l| l.unit_usd)
                    .sum();
                let firm: f64 = plan
                    .cost
                    .lines
                    .iter()
                    .filter(|l| l.unit != "hour")
                    .filter_map(|l| l.usd)
                    .sum();
                match ctx.s.constraints.budget_usd {
                    Some(b) if hourly > 0.0 => {
                        let room = ((b - firm) / hourly * 3600.0).max(0.0);
                        (
                            format!(
                                "feasible if the hour-billed resources run ≤ {} (${hourly:.2}/h together)",
                                human_duration(room)
                            ),
                            Some(room),
                        )
                    }
                    _ => (
                        "with their most favourable values the check passes".to_owned(),
                        None,
                    ),
                }
            }
            _ => (
                "with their most favourable values the check passes".to_owned(),
                None,
            ),
        };
        out.push(PathWarning {
            code: format!("{}_depends_on_placeholders", c.code.as_str()),
            message: format!(
                "{} with drplan's placeholder defaults; {even}: measure the rates and set {set}",
                c.detail
            ),
            depends_on: names,
            break_even_seconds: seconds,
            break_even: seconds.map(human_duration),
            source: SOURCE.to_owned(),
        });
    }
    out
}

/// Schema conversion for a path that changes engines: effort from the assessment buckets and the
/// calendar time the timeline reserves.
fn schema_conversion(ctx: &Ctx) -> (SchemaConversion, Option<EstimateTerm>) {
    let input = ctx.s.schema_conversion.clone().unwrap_or_default();
    let tool = input.tool;
    let basis_src =
        "migration.md §6 (SCT CHAP_AssessmentReport.Summary; DMS CHAP_SchemaConversion)";
    if ctx.s.schema_conversion.is_none() {
        return (
            SchemaConversion {
                tool,
                effort_hours_low: None,
                effort_hours_high: None,
                calendar_seconds: None,
                basis: "no assessment counts given: run an assessment report first; the effort is not in the timeline".to_owned(),
                source: basis_src.to_owned(),
            },
            None,
        );
    }
    let (s, m, g) = (
        f64::from(input.simple_actions),
        f64::from(input.medium_actions),
        f64::from(input.significant_actions),
    );
    let max = input.significant_max_hours_each.unwrap_or(6.0);
    let low = 2.0 * m + 6.0 * g;
    let high = 2.0 * s + 6.0 * m + max * g;
    let engineers = f64::from(input.engineers.unwrap_or(1).max(1));
    let per_day = input.hours_per_day.unwrap_or(8.0);
    let calendar = high / (engineers * per_day) * 86_400.0;
    let term = EstimateTerm {
        what: format!("schema and code conversion ({} person-hours at most)", num(high)),
        seconds: calendar,
        formula: format!(
            "(2 h × {} simple + 6 h × {} medium + {} h × {} significant) / ({} engineer(s) × {} h/day) × 86,400 s",
            input.simple_actions,
            input.medium_actions,
            num(max),
            input.significant_actions,
            num(engineers),
            num(per_day)
        ),
        assumptions: vec!["schema_conversion.hours_per_day".to_owned()],
    };
    (
        SchemaConversion {
            tool,
            effort_hours_low: Some(low),
            effort_hours_high: Some(high),
            calendar_seconds: Some(calendar),
            basis: format!(
                "effort buckets: Simple < 2 h, Medium 2–6 h, Significant > 6 h ({}) per action item; range = n_simple × [0, 2) + n_medium × [2, 6] + n_significant × (6, max] (DERIVED); {} productive h per engineer-day ({})",
                match input.significant_max_hours_each {
                    Some(m) if input.significant_actions > 0 => format!("caller's upper bound {} h", num(m)),
                    _ => "no Significant items".to_owned(),
                },
                num(per_day),
                if input.hours_per_day.is_some() { "caller" } else { "HEURISTIC default" }
            ),
            source: basis_src.to_owned(),
        },
        Some(term),
    )
}

/// Timeline, catch-up, cost and the time/budget constraints of a structurally feasible path.
fn finish(path: PathId, mut d: Draft, ctx: &Ctx) -> Evaluated {
    let s = ctx.s;
    let family = s.source.engine.family();
    let label = path.label(s, ctx.engine_change);
    let reference = path.reference(family);
    let (conversion, conversion_term) = if ctx.engine_change && path.converts() {
        let (c, t) = schema_conversion(ctx);
        if t.is_none() {
            d.note(
                "conversion_effort_unknown",
                "Schema-conversion effort unknown (no assessment counts): not included in the timeline or the deadline check",
                "migration.md §6",
            );
        }
        (Some(c), t)
    } else {
        (None, None)
    };
    let cutover = fixed(
        "stop writes, final sync, repoint the application",
        ctx.p.get(Param::CutoverSeconds),
        Param::CutoverSeconds.name(),
    );
    let copy_seconds = estimate::sum(d.copy.iter().map(|t| t.seconds));
    let mut post = Checks::default();
    let mut catch = None;
    let mut impossible = false;
    if let Some(apply) = &d.apply {
        const SRC: &str = "dr-strategies.md §9.1 (change rate ≤ link capacity); catch-up = change × copy / (apply − change), DERIVED";
        match catch_up(apply, ctx.change_bps, copy_seconds) {
            Ok(t) => {
                post.check(
                    exclusion::ReasonCode::CatchUpCannotKeepUp,
                    true,
                    format!(
                        "{} at {} bit/s outpaces the change rate {} bit/s",
                        apply.what,
                        num(apply.rate_bps),
                        num(ctx.change_bps)
                    ),
                    "migration.md §3.4 (reducing downtime)",
                    SRC,
                );
                catch = Some(t);
            }
            Err(CatchUpFailure::Link {
                change_bps,
                network_bps,
            }) => {
                impossible = true;
                post.check(
                    exclusion::ReasonCode::ChangeRateExceedsLink,
                    false,
                    format!("the source writes {} bit/s but the link carries {} bit/s: replication would fall behind without bound", num(change_bps), num(network_bps)),
                    "dr-strategies.md §9.1",
                    SRC,
                );
            }
            Err(CatchUpFailure::Apply {
                change_bps,
                apply_bps,
            }) => {
                impossible = true;
                post.check(
                    exclusion::ReasonCode::CatchUpCannotKeepUp,
                    false,
                    format!("the source writes {} bit/s but {} applies {} bit/s: the target never catches up", num(change_bps), apply.what, num(apply_bps)),
                    "migration.md §3.4 (reducing downtime)",
                    SRC,
                );
            }
        }
    }
    if d.retention == Some(Retention::Binlog) && !d.dms_caches_changes {
        // A catch-up from a recorded position (migration.md §10.3).
        let catch_s = catch.as_ref().map_or(0.0, |t| t.seconds);
        paths::binlog_retention_limit(ctx, copy_seconds, catch_s, &mut post, &mut d);
    }
    let phases = timeline(
        d.kind,
        conversion_term,
        std::mem::take(&mut d.copy),
        catch,
        cutover,
    );
    let duration = total(&phases);
    let down = downtime(&phases);
    let replicate_seconds =
        duration - estimate::phase_seconds(&phases, PhaseKind::SchemaConversion);

    if d.dms_caches_changes {
        let cached = ctx.change_bps / 8.0 * copy_seconds;
        post.check(
            exclusion::ReasonCode::DmsStorageQuota,
            cached <= DMS_STORAGE_QUOTA_BYTES,
            format!(
                "changes cached during the full load ≈ {} GB {} the 30,000 GB replication-instance storage quota",
                num(cached / 1e9),
                if cached <= DMS_STORAGE_QUOTA_BYTES { "within" } else { "exceed" }
            ),
            "migration.md §5.5",
            "DMS CHAP_Limits",
        );
    }
    match d.retention {
        Some(Retention::Binlog) => {
            let hours = (replicate_seconds / 3600.0).ceil().max(1.0);
            d.prereq(
                format!("Keep binary logs on the source for at least {} h (copy + catch-up + cut-over, DERIVED){}", num(hours), if s.source.location.managed() { ": call mysql.rds_set_configuration('binlog retention hours', …)" } else { "" }),
                "migration.md §5.2, §3.4 (replication starts at the position recorded before the copy)",
            );
        }
        Some(Retention::ReplicationSlot) => {
            let gib = ctx.change_bps / 8.0 * replicate_seconds / GIB;
            d.prereq(
                format!("The replication slot holds WAL from the start of the copy until cut-over: ≈ {} GiB of extra source disk at the given change rate (DERIVED)", num(gib)),
                "migration.md §4 P2, §5.2 (slots persist and retain WAL)",
            );
        }
        None => {}
    }
    let cost = cost::cost(
        &d.charges,
        &phases,
        ctx.bytes,
        s.options.dms_multi_az,
        &s.prices,
    );

    let c = &s.constraints;
    if let Some(tol) = c.downtime_tolerance_seconds {
        post.check(
            exclusion::ReasonCode::DowntimeExceedsTolerance,
            down <= tol.0,
            format!(
                "downtime {} {} the tolerance {}",
                human_duration(down),
                if down <= tol.0 { "within" } else { "exceeds" },
                human_duration(tol.0)
            ),
            "migration.md §7.2",
            "constraints.downtime_tolerance_seconds",
        );
    }
    if let Some(deadline) = c.deadline_seconds {
        post.check(
            exclusion::ReasonCode::MissesDeadline,
            duration <= deadline.0,
            format!(
                "done in {} {} the deadline {}",
                human_duration(duration),
                if duration <= deadline.0 {
                    "within"
                } else {
                    "after"
                },
                human_duration(deadline.0)
            ),
            "migration.md §7.2",
            "constraints.deadline_seconds",
        );
    }
    if let Some(budget) = c.budget_usd {
        let over = cost.priced_usd > budget;
        post.check(
            exclusion::ReasonCode::OverBudget,
            !over,
            format!(
                "{} ${:.2} {} the budget ${budget:.2}",
                if cost.complete {
                    "cost"
                } else {
                    "priced part of the cost"
                },
                cost.priced_usd,
                if over { "exceeds" } else { "within" }
            ),
            "constraints.budget_usd",
            "cost lines below",
        );
        if !over && !cost.complete {
            d.note(
                "budget_not_checkable",
                "Some cost lines are not priced: the budget could be exceeded",
                "pricing.md §8.5 (never price a missing item at 0)",
            );
        }
    }

    let mut checks = d.checks.list;
    checks.extend(post.list);
    let effort = path.effort() + if conversion.is_some() { 2 } else { 0 };
    let plan = PathPlan {
        rank: 0,
        path,
        label,
        why: String::new(),
        reference,
        kind: d.kind,
        effort,
        risk: 0,
        duration_seconds: duration,
        duration: human_duration(duration),
        downtime_seconds: down,
        downtime: human_duration(down),
        timeline: phases,
        cost,
        schema_conversion: conversion,
        prerequisites: d.prerequisites,
        recreate_by_hand: d.recreate,
        steps: d.steps,
        checks,
        notes: d.notes,
        warnings: Vec::new(),
    };
    Evaluated { plan, impossible }
}

/// A path estimated and checked (failed checks included), before the verdict.
struct Evaluated {
    plan: PathPlan,
    /// Replication can never catch up: the estimate has no finite duration.
    impossible: bool,
}

impl Evaluated {
    fn failed(&self) -> bool {
        self.plan.checks.iter().any(|c| !c.passed)
    }

    fn excluded(self) -> ExcludedPath {
        let p = self.plan;
        ExcludedPath {
            path: p.path,
            label: p.label,
            reference: p.reference,
            reasons: reasons(&p.checks),
            estimate: (!self.impossible).then_some(EstimateSummary {
                duration_seconds: p.duration_seconds,
                downtime_seconds: p.downtime_seconds,
                cost_total_usd: p.cost.total_usd,
            }),
        }
    }
}
