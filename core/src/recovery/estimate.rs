//! Estimating one strategy against one disruption: which mechanism recovers each component, the
//! RPO of every stateful component, and the RTO's critical path and timeline. See the module docs
//! of [`super`] for the formulas.

use crate::error::join;
use crate::provenance::{Basis, Fact};
use crate::strategy::facts as f;
use crate::strategy::Strategy;
use crate::units::human_duration;
use crate::workload::{Database, Engine, Topology};

use super::breakdown::{human, ComponentRpo, DisruptionEstimate, Term};
use super::disruption::Disruption;
use super::resolve::{Ctx, Resolved};
use super::timeline::{Phase, TimelineBuilder};

/// The synchronous in-Region copy of a Multi-AZ deployment loses nothing on infrastructure loss.
const SYNC_RPO: Fact = crate::provenance::fact(
    0.0,
    Basis::Documented,
    "dr-strategies.md §5.2 (synchronous replication, Multi-AZ instance: zero for infrastructure failures), §6.1–6.2",
    "synchronous (or storage-level) replication across AZs: nothing lost on AZ loss",
);

/// A parallel recovery track: its name, its phases (name, seconds) and the terms behind them.
type Track = (String, Vec<(String, f64)>, Vec<Term>);

/// RPO of every stateful component for one disruption; `None` RPO = unbounded.
struct DataPlan {
    rpos: Vec<ComponentRpo>,
    /// Per stateful component: the recovery track (phase name, seconds) and its terms.
    tracks: Vec<Track>,
}

fn sum(terms: &[Term]) -> f64 {
    terms.iter().fold(0.0, |a, t| a + t.seconds)
}

/// Estimate one strategy against one disruption.
pub(crate) fn estimate(ctx: &mut Ctx<'_>, disruption: Disruption) -> DisruptionEstimate {
    let w = ctx.w;
    let s = ctx.strategy;
    let mut notes: Vec<String> = Vec::new();

    if disruption == Disruption::Az && w.topology.primary_on_premises() {
        return not_applicable(
            disruption,
            "an on-premises primary has no Availability Zones",
        );
    }

    // Which situation applies.
    enum Mode {
        /// Automatic in-Region failover to standbys in other AZs.
        MultiAz,
        /// Restore from local backups inside the primary Region (single-AZ primary).
        LocalRestore,
        /// Fail over to the recovery site the strategy keeps.
        SiteFailover,
        /// Restore in place from point-in-time copies (corruption).
        PointInTime,
        /// Rebuild from copies outside the compromised account.
        CrossAccount,
        Uncovered(String),
    }
    let multi_az = w.multi_az || s == Strategy::MultiAzOnly;
    if s == Strategy::MultiAzOnly && !w.multi_az && disruption == Disruption::Az {
        notes.push("the workload says multi_az: false; the Multi-AZ baseline is assessed as if the primary ran Multi-AZ".into());
    }
    let mode = match disruption {
        Disruption::Az => {
            if multi_az {
                Mode::MultiAz
            } else if s == Strategy::BackupRestore {
                Mode::LocalRestore
            } else {
                Mode::SiteFailover
            }
        }
        Disruption::Region => {
            if s == Strategy::MultiAzOnly {
                Mode::Uncovered("Multi-AZ is high availability, not DR: no copy outside the Region (dr-strategies.md §4.2)".into())
            } else if w.topology == Topology::AzToAz {
                Mode::Uncovered(
                    "the recovery site is in the same Region (az_to_az topology)".into(),
                )
            } else if s == Strategy::BackupRestore && !w.backups.cross_region_copy {
                Mode::Uncovered("backups are not copied to the recovery Region (backups.cross_region_copy is false)".into())
            } else {
                Mode::SiteFailover
            }
        }
        Disruption::Corruption => Mode::PointInTime,
        Disruption::AccountCompromise => {
            if w.backups.cross_account_copy {
                Mode::CrossAccount
            } else {
                Mode::Uncovered(
                    "no recovery point outside the compromised account (backups.cross_account_copy is false; dr-strategies.md §8)".into(),
                )
            }
        }
    };
    if let Mode::Uncovered(why) = &mode {
        return uncovered(disruption, why);
    }

    // ---- data: RPO and the recovery track of each stateful component -------------------------
    let mut data = DataPlan {
        rpos: Vec::new(),
        tracks: Vec::new(),
    };
    let dwell = if disruption == Disruption::Corruption {
        Some(ctx.dwell())
    } else {
        None
    };
    let (retention_s, retention) = ctx.retention_seconds();
    let dbs: Vec<(usize, Database)> = w.databases().map(|(i, d)| (i, d.clone())).collect();
    for (i, d) in &dbs {
        let (i, name) = (*i, d.name.as_str());
        let self_managed = d.engine == Engine::SelfManaged;
        let size = d.size_gib.get();
        // DynamoDB is Regional and replicated across AZs: an AZ loss never needs its replica.
        let regional = disruption == Disruption::Az && d.engine == Engine::Dynamodb;
        let (mechanism, rpo_terms, track): (String, Option<Vec<Term>>, Vec<Term>) = match mode {
            _ if regional => {
                let rpo =
                    vec![Resolved::from_fact(&SYNC_RPO)
                        .simple("synchronous_replication", Some(name))];
                let fo = Resolved::from_fact(&f::DYNAMODB_AZ).simple("failover", Some(name));
                (
                    "Regional table survives the AZ loss".into(),
                    Some(rpo),
                    vec![fo],
                )
            }
            Mode::MultiAz => {
                let rpo = if self_managed {
                    vec![ctx
                        .replication_lag(i, d)
                        .simple("replication_lag", Some(name))]
                } else {
                    vec![Resolved::from_fact(&SYNC_RPO)
                        .simple("synchronous_replication", Some(name))]
                };
                let fo = ctx.failover(i, d).simple("failover", Some(name));
                ("automatic Multi-AZ failover".into(), Some(rpo), vec![fo])
            }
            Mode::LocalRestore => {
                let rpo = if w.backups.point_in_time_recovery {
                    Some(vec![ctx.pitr_lag(i, d).simple("pitr_lag", Some(name))])
                } else {
                    ctx.snapshot_rpo(name, disruption, false)
                };
                let t = ctx.restore_term(i, name, size, d.restore_throughput_bps, self_managed);
                (
                    "restore from in-Region backups into another AZ".into(),
                    rpo,
                    vec![t],
                )
            }
            Mode::SiteFailover => {
                if s == Strategy::BackupRestore {
                    // Copies of continuous backups are snapshots: no PITR in the recovery Region.
                    // Source: aws-backup.md §8–9.
                    let rpo = ctx.snapshot_rpo(name, disruption, true);
                    let t = ctx.restore_term(i, name, size, d.restore_throughput_bps, self_managed);
                    (
                        "restore from backup copies in the recovery site".into(),
                        rpo,
                        vec![t],
                    )
                } else {
                    let lag = ctx
                        .replication_lag(i, d)
                        .simple("replication_lag", Some(name));
                    let promote = ctx.promotion(i, d).simple("promote_replica", Some(name));
                    let what = if d.engine == Engine::Dynamodb {
                        "global table replica takes the writes"
                    } else if d.engine.is_aurora() {
                        "Aurora Global Database failover"
                    } else {
                        "promote the cross-Region replica"
                    };
                    (what.into(), Some(vec![lag]), vec![promote])
                }
            }
            Mode::PointInTime => {
                let dwell = dwell
                    .clone()
                    .unwrap_or_else(|| Resolved::from_fact(&f::DWELL));
                let dwell_term = dwell.simple("dwell_time", Some(name));
                let t = ctx.restore_term(i, name, size, d.restore_throughput_bps, self_managed);
                if dwell.value > retention_s {
                    notes.push(format!(
                        "{name}: every kept recovery point is newer than the compromise (dwell {} > retention {})",
                        human_duration(dwell.value),
                        human_duration(retention_s)
                    ));
                    let _ = retention;
                    (
                        "no clean recovery point inside the retention".into(),
                        None,
                        vec![t],
                    )
                } else if w.backups.point_in_time_recovery {
                    let lag = ctx.pitr_lag(i, d);
                    let extra = (lag.value - dwell.value).max(0.0);
                    let lag_term = lag.term(
                        "pitr_lag_beyond_dwell",
                        Some(name),
                        extra,
                        format!("max(0, {} s lag − {} s dwell)", lag.value, dwell.value),
                    );
                    (
                        "point-in-time restore to just before the corruption".into(),
                        Some(vec![dwell_term, lag_term]),
                        vec![t],
                    )
                } else {
                    let mut terms = ctx.snapshot_rpo(name, disruption, false);
                    if let Some(terms) = terms.as_mut() {
                        // J only matters when the corruption is caught before the last job finished.
                        if let Some(j) = terms.iter_mut().find(|t| t.name == "job_duration") {
                            j.seconds = (j.seconds - dwell.value).max(0.0);
                            j.formula = format!(
                                "max(0, job {} − dwell {})",
                                j.formula,
                                human_duration(dwell.value)
                            );
                        }
                        terms.insert(0, dwell_term);
                    }
                    (
                        "restore the newest snapshot taken before the corruption".into(),
                        terms,
                        vec![t],
                    )
                }
            }
            Mode::CrossAccount => {
                let rpo = ctx.snapshot_rpo(name, disruption, true);
                let t = ctx.restore_term(i, name, size, d.restore_throughput_bps, self_managed);
                (
                    "restore from cross-account / air-gapped copies".into(),
                    rpo,
                    vec![t],
                )
            }
            Mode::Uncovered(_) => continue,
        };
        let rpo_seconds = rpo_terms.as_ref().map(|t| sum(t));
        let phase = track.first().map(|t| t.name.clone()).unwrap_or_default();
        let secs = sum(&track);
        data.rpos.push(ComponentRpo {
            component: name.to_owned(),
            rpo_seconds,
            mechanism,
            terms: rpo_terms.unwrap_or_default(),
        });
        data.tracks
            .push((name.to_owned(), vec![(phase, secs)], track));
    }

    let objects: Vec<_> = w.object_stores().map(|(i, o)| (i, o.clone())).collect();
    for (oi, o) in &objects {
        let name = o.name.as_str();
        let size = o.size_gib.get();
        match mode {
            _ if disruption == Disruption::Az => {
                // S3 is Regional: an AZ loss loses nothing.
                let t = Resolved::from_fact(&SYNC_RPO).simple("regional_storage", Some(name));
                data.rpos.push(ComponentRpo {
                    component: name.into(),
                    rpo_seconds: Some(0.0),
                    mechanism: "Regional object storage survives an AZ loss".into(),
                    terms: vec![t],
                });
            }
            Mode::SiteFailover => {
                let fact = if o.replication_time_control {
                    &f::S3_RTC_LAG
                } else {
                    &f::S3_CRR_LAG
                };
                let t = Resolved::from_fact(fact).simple("replication_lag", Some(name));
                ctx.note_default(
                    &join(&join("/components", *oi), "replication_time_control"),
                    fact,
                );
                data.rpos.push(ComponentRpo {
                    component: name.into(),
                    rpo_seconds: Some(t.seconds),
                    mechanism: "S3 cross-Region replication to the recovery site".into(),
                    terms: vec![t],
                });
            }
            Mode::PointInTime | Mode::CrossAccount => {
                let covered = if disruption == Disruption::Corruption {
                    o.point_in_time
                } else {
                    true
                };
                let t = ctx.restore_term(*oi, name, size, o.restore_throughput_bps, false);
                if !covered {
                    notes.push(format!("{name}: no versioning or continuous backup, so replicated corruption cannot be undone"));
                    data.rpos.push(ComponentRpo {
                        component: name.into(),
                        rpo_seconds: None,
                        mechanism: "replication copies the corruption; no point-in-time copy"
                            .into(),
                        terms: vec![],
                    });
                } else if disruption == Disruption::Corruption {
                    let dwell = dwell
                        .clone()
                        .unwrap_or_else(|| Resolved::from_fact(&f::DWELL));
                    let lag = Resolved::from_fact(&f::S3_PITR_LAG);
                    let extra = (lag.value - dwell.value).max(0.0);
                    let terms = vec![
                        dwell.simple("dwell_time", Some(name)),
                        lag.term(
                            "pitr_lag_beyond_dwell",
                            Some(name),
                            extra,
                            format!("max(0, {} s lag − {} s dwell)", lag.value, dwell.value),
                        ),
                    ];
                    data.rpos.push(ComponentRpo {
                        component: name.into(),
                        rpo_seconds: Some(sum(&terms)),
                        mechanism:
                            "restore object versions / continuous backup to before the corruption"
                                .into(),
                        terms,
                    });
                    data.tracks.push((
                        name.into(),
                        vec![("restore_data".into(), t.seconds)],
                        vec![t],
                    ));
                } else {
                    let terms = ctx.snapshot_rpo(name, disruption, true);
                    data.rpos.push(ComponentRpo {
                        component: name.into(),
                        rpo_seconds: terms.as_ref().map(|t| sum(t)),
                        mechanism: "restore from cross-account backup copies".into(),
                        terms: terms.unwrap_or_default(),
                    });
                    data.tracks.push((
                        name.into(),
                        vec![("restore_data".into(), t.seconds)],
                        vec![t],
                    ));
                }
            }
            // Only AZ disruptions use these modes, handled by the first arm.
            Mode::MultiAz | Mode::LocalRestore | Mode::Uncovered(_) => {}
        }
    }

    // ---- compute tracks ---------------------------------------------------------------------
    let computes: Vec<_> = w.computes().map(|(i, c)| (i, c.clone())).collect();
    let mut compute_tracks: Vec<Track> = Vec::new();
    // Warm standby serves at reduced capacity at once; its scale-out runs off the RTO path.
    let mut off_path: Vec<(String, Term)> = Vec::new();
    for (i, c) in &computes {
        let name = c.name.as_str();
        let start_path = join(&join("/components", *i), "start_seconds");
        let term = match (&mode, s) {
            (Mode::MultiAz, _) | (Mode::PointInTime, _) => None,
            (Mode::SiteFailover, Strategy::MultiSite) => None,
            (Mode::SiteFailover, Strategy::WarmStandby) => {
                if ctx.standby_scale < 1.0 {
                    let o = ctx.w.operations.scale_out_seconds;
                    let r = ctx.resolve(o, "/operations/scale_out_seconds", &f::SCALE_OUT);
                    let t = r.term(
                        "scale_out",
                        Some(name),
                        r.value,
                        format!(
                            "from {:.0} % to 100 % of {} instances",
                            ctx.standby_scale * 100.0,
                            c.instance_count
                        ),
                    );
                    notes.push(format!(
                        "{name} serves at {:.0} % capacity as soon as traffic moves; full capacity {} later (scale-out, not on the RTO path)",
                        ctx.standby_scale * 100.0,
                        human_duration(t.seconds)
                    ));
                    off_path.push((name.to_owned(), t));
                }
                None
            }
            _ => Some(
                ctx.resolve(c.start_seconds, &start_path, &f::INSTANCE_START)
                    .simple("start_compute", Some(name)),
            ),
        };
        if let Some(t) = term {
            compute_tracks.push((name.into(), vec![(t.name.clone(), t.seconds)], vec![t]));
        }
    }
    if matches!(mode, Mode::MultiAz) && !computes.is_empty() {
        notes.push(
            "compute in the surviving AZs keeps serving (size it N+1 per AZ to keep full capacity)"
                .into(),
        );
    }

    // ---- the timeline and the critical path --------------------------------------------------
    let automatic = matches!(mode, Mode::MultiAz)
        || (matches!(mode, Mode::SiteFailover) && s == Strategy::MultiSite);
    let mut tl = TimelineBuilder::default();
    let mut rto_terms: Vec<Term> = Vec::new();
    let health_checked = matches!(
        mode,
        Mode::MultiAz | Mode::LocalRestore | Mode::SiteFailover
    );
    if health_checked && !matches!(mode, Mode::MultiAz) {
        for t in ctx.detect() {
            tl.step("detect", t.seconds);
            rto_terms.push(t);
        }
    }
    if !automatic {
        for t in ctx.manual_steps() {
            tl.step(&t.name, t.seconds);
            rto_terms.push(t);
        }
    }
    let needs_infra = matches!(mode, Mode::CrossAccount)
        || (matches!(mode, Mode::SiteFailover) && s == Strategy::BackupRestore);
    if needs_infra {
        let t = ctx.infra_deploy();
        tl.step("deploy_infrastructure", t.seconds);
        rto_terms.push(t);
    }
    let mut tracks = data.tracks;
    tracks.extend(compute_tracks);
    let shape: Vec<(String, Vec<(String, f64)>)> = tracks
        .iter()
        .map(|(n, st, _)| (n.clone(), st.clone()))
        .collect();
    let parallel_start = tl.now;
    if let Some(k) = tl.parallel(&shape) {
        if let Some((_, _, terms)) = tracks.get(k) {
            rto_terms.extend(
                terms
                    .iter()
                    .filter(|t| t.seconds > 0.0 || tracks.len() == 1)
                    .cloned(),
            );
        }
    }
    let moves_traffic = !matches!(mode, Mode::MultiAz);
    if moves_traffic {
        let t = ctx.ttl();
        tl.step("traffic_shift", t.seconds);
        rto_terms.push(t);
    }
    if !automatic {
        let t = ctx.validate();
        tl.step("validate", t.seconds);
        rto_terms.push(t);
    }
    let rto_seconds = Some(tl.now);
    for (track, t) in off_path {
        tl.phases.push(Phase {
            name: t.name.clone(),
            track,
            start_seconds: parallel_start,
            end_seconds: parallel_start + t.seconds,
        });
    }

    // ---- workload RPO: the worst component --------------------------------------------------
    let mut rpo_seconds = Some(0.0);
    let mut rpo_terms = Vec::new();
    let mut worst: Option<f64> = None;
    for c in &data.rpos {
        match c.rpo_seconds {
            None => {
                rpo_seconds = None;
                rpo_terms.clone_from(&c.terms);
                worst = Some(f64::INFINITY);
            }
            Some(v) if worst.is_none_or(|x| v > x) => {
                worst = Some(v);
                rpo_seconds = Some(v);
                rpo_terms.clone_from(&c.terms);
            }
            Some(_) => {}
        }
    }
    if data.rpos.is_empty() {
        notes.push("no stateful component: nothing to lose".into());
    }
    let (covered, mechanism) = match mode {
        Mode::MultiAz => (
            true,
            "automatic Multi-AZ failover inside the Region".to_owned(),
        ),
        Mode::LocalRestore => (
            true,
            "restore from in-Region backups into a healthy AZ".to_owned(),
        ),
        Mode::SiteFailover => (
            true,
            match s {
                Strategy::BackupRestore => {
                    "deploy from IaC and restore backup copies in the recovery site"
                }
                Strategy::PilotLight => {
                    "promote the replicated data tier and start compute in the recovery site"
                }
                Strategy::WarmStandby => "promote the data tier and scale the standby out",
                _ => "health checks move traffic to the surviving site",
            }
            .to_owned(),
        ),
        Mode::PointInTime => {
            if s.replicates_data() || s == Strategy::MultiAzOnly {
                notes.push("replicas and standbys copy corruption faithfully: only point-in-time copies count (dr-strategies.md §4.3)".into());
            }
            notes.push("RTO counts from detection; the time the corruption went unnoticed is in the RPO (dwell time)".into());
            (true, "restore point-in-time copies in place".to_owned())
        }
        Mode::CrossAccount => {
            if s.replicates_data() {
                notes.push("replicas in the compromised account do not count; recovery rebuilds from the cross-account copies".into());
            }
            (
                true,
                "rebuild in a clean account from cross-account / air-gapped copies".to_owned(),
            )
        }
        Mode::Uncovered(_) => (false, String::new()),
    };
    DisruptionEstimate {
        disruption,
        applicable: true,
        covered,
        mechanism,
        rto_seconds,
        rto: human(rto_seconds),
        rto_terms,
        rpo_seconds,
        rpo: human(rpo_seconds),
        rpo_terms,
        rpo_by_component: data.rpos,
        notes,
        timeline: tl.phases,
    }
}

fn not_applicable(disruption: Disruption, why: &str) -> DisruptionEstimate {
    DisruptionEstimate {
        disruption,
        applicable: false,
        covered: false,
        mechanism: format!("not applicable: {why}"),
        rto_seconds: None,
        rto: "n/a".into(),
        rto_terms: vec![],
        rpo_seconds: None,
        rpo: "n/a".into(),
        rpo_terms: vec![],
        rpo_by_component: vec![],
        notes: vec![why.to_owned()],
        timeline: vec![],
    }
}

fn uncovered(disruption: Disruption, why: &str) -> DisruptionEstimate {
    DisruptionEstimate {
        disruption,
        applicable: true,
        covered: false,
        mechanism: format!("not covered: {why}"),
        rto_seconds: None,
        rto: "unbounded".into(),
        rto_terms: vec![],
        rpo_seconds: None,
        rpo: "unbounded".into(),
        rpo_terms: vec![],
        rpo_by_component: vec![],
        notes: vec![why.to_owned()],
        timeline: vec![],
    }
}
