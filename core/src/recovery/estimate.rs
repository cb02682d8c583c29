//! Estimating one strategy against one disruption: which mechanism recovers each component, the
//! RPO of every stateful component, and the RTO's critical path and timeline. See the module docs
//! of [`super`] for the formulas.

use crate::error::join;
use crate::provenance::{Basis, Fact};
use crate::strategy::facts as f;
use crate::strategy::{AutomationInForce, Strategy};
use crate::units::human_duration;
use crate::workload::{Database, Engine, Mechanism, StepMode, Topology};

use super::breakdown::{
    human, AutomationEffect, Binding, BindingTerm, ComponentRpo, DisruptionEstimate, Term,
};
use super::disruption::Disruption;
use super::resolve::{Ctx, Resolved};
use super::timeline::{Phase, TimelineBuilder};

mod binding;
mod candidates;

use binding::*;
use candidates::*;

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
            // Aurora's cluster volume and DynamoDB tables survive an AZ loss in the Region
            // (dr-strategies.md §6.2, §6.4): when every database is one of them, the recovery
            // stays in the Region whatever the strategy keeps elsewhere.
            let heals_in_region = w.databases().next().is_some()
                && w.databases()
                    .all(|(_, d)| d.engine.is_aurora() || d.engine == Engine::Dynamodb);
            if multi_az {
                Mode::MultiAz
            } else if s == Strategy::BackupRestore || heals_in_region {
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
            } else if s == Strategy::BackupRestore
                && !w.backups.cross_region_copy
                && !reaches_recovery_site(ctx)
            {
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
    // Whether every database recovers by itself (in-Region), and each component's lever.
    let mut db_auto = true;
    let mut levers: Vec<(String, String)> = Vec::new();
    for (i, d) in &dbs {
        let (i, name) = (*i, d.name.as_str());
        let self_managed = d.engine == Engine::SelfManaged;
        let size = d.size_gib.get();
        // DynamoDB is Regional and replicated across AZs: an AZ loss never needs its replica.
        let regional = disruption == Disruption::Az && d.engine == Engine::Dynamodb;
        let mut cands: Vec<Cand> = Vec::new();
        match mode {
            _ if regional => {
                let rpo =
                    vec![Resolved::from_fact(&SYNC_RPO)
                        .simple("synchronous_replication", Some(name))];
                let fo = Resolved::from_fact(&f::DYNAMODB_AZ).simple("failover", Some(name));
                cands.push(cand(
                    "Regional table survives the AZ loss",
                    Some(rpo),
                    vec![fo],
                    true,
                    "",
                ));
            }
            Mode::MultiAz => cands.push(trial(ctx, |ctx| {
                let rpo = if self_managed {
                    vec![ctx
                        .replication_lag(i, d)
                        .simple("replication_lag", Some(name))]
                } else {
                    vec![Resolved::from_fact(&SYNC_RPO)
                        .simple("synchronous_replication", Some(name))]
                };
                if d.engine.is_rds() && ctx.has(i, Mechanism::MultiAzCluster) {
                    let fo = match d.failover_seconds {
                        Some(v) => Resolved::input(
                            v.get(),
                            &join(&join("/components", i), "failover_seconds"),
                        ),
                        None => Resolved::from_fact(&f::RDS_MULTI_AZ_CLUSTER_FAILOVER),
                    }
                    .simple("failover", Some(name));
                    return cand(
                        "automatic Multi-AZ DB cluster failover",
                        Some(rpo),
                        vec![fo],
                        true,
                        "",
                    );
                }
                let fo = ctx.failover(i, d).simple("failover", Some(name));
                cand(
                    "automatic Multi-AZ failover",
                    Some(rpo),
                    vec![fo],
                    true,
                    lever_in_region(d.engine),
                )
            })),
            Mode::LocalRestore => {
                if d.engine.is_aurora() {
                    // The cluster volume spans three AZs: nothing lost, an instance is replaced.
                    // Source: dr-strategies.md §6.2.
                    cands.push(trial(ctx, |ctx| {
                        let rpo = vec![Resolved::from_fact(&f::AURORA_VOLUME_AZ)
                            .simple("cluster_volume", Some(name))];
                        if ctx.has(i, Mechanism::ReadReplica) {
                            let fo = ctx.failover(i, d).simple("failover", Some(name));
                            cand("failover to the Aurora Replica (same cluster volume)", Some(rpo), vec![fo], true, "")
                        } else {
                            let t = Resolved::from_fact(&f::AURORA_NEW_INSTANCE)
                                .simple("new_instance", Some(name));
                            cand(
                                "Aurora creates a new instance on the same cluster volume (no Aurora Replica)",
                                Some(rpo),
                                vec![t],
                                true,
                                "",
                            )
                        }
                    }));
                }
                if ctx.has(i, Mechanism::MultiAzCluster) || ctx.has(i, Mechanism::MultiAzInstance) {
                    cands.push(trial(ctx, |ctx| {
                        let rpo = if self_managed {
                            vec![ctx
                                .replication_lag(i, d)
                                .simple("replication_lag", Some(name))]
                        } else {
                            vec![Resolved::from_fact(&SYNC_RPO)
                                .simple("synchronous_replication", Some(name))]
                        };
                        let fo = if ctx.has(i, Mechanism::MultiAzCluster)
                            && d.failover_seconds.is_none()
                        {
                            Resolved::from_fact(&f::RDS_MULTI_AZ_CLUSTER_FAILOVER)
                        } else {
                            ctx.failover(i, d)
                        }
                        .simple("failover", Some(name));
                        cand("automatic Multi-AZ failover", Some(rpo), vec![fo], true, "")
                    }));
                }
                if d.engine.is_rds() && ctx.has(i, Mechanism::ReadReplica) {
                    cands.push(trial(ctx, |ctx| {
                        // Same-Region defaults (dr-strategies.md §6.1).
                        let lag = ctx
                            .in_region_replication_lag(i, d)
                            .simple("replication_lag", Some(name));
                        let p = ctx
                            .in_region_promotion(i, d)
                            .simple("promote_replica", Some(name));
                        cand(
                            "promote the in-Region read replica",
                            Some(vec![lag]),
                            vec![p],
                            false,
                            lever_in_region(d.engine),
                        )
                    }));
                }
                if ctx.has(i, Mechanism::ElasticDisasterRecovery) {
                    cands.push(trial(ctx, |ctx| drs_cand(ctx, i, d)));
                }
                cands.push(trial(ctx, |ctx| {
                    let rpo = if w.backups.point_in_time_recovery {
                        Some(vec![ctx.pitr_lag(i, d).simple("pitr_lag", Some(name))])
                    } else {
                        ctx.snapshot_rpo(name, disruption, false)
                    };
                    let t = ctx.restore_term(
                        i,
                        name,
                        size,
                        d.restore_throughput_bps,
                        self_managed,
                        d.engine.backup_resource_type(),
                    );
                    cand(
                        "restore from in-Region backups into another AZ",
                        rpo,
                        vec![t],
                        false,
                        lever_in_region(d.engine),
                    )
                }));
            }
            Mode::SiteFailover => {
                if ctx.has(i, Mechanism::DynamodbGlobalTablesStrong) {
                    cands.push(trial(ctx, |ctx| {
                        let rpo = Resolved::from_fact(&f::DYNAMODB_MRSC_RPO).simple("strong_consistency", Some(name));
                        let t = ctx.promotion(i, d).simple("promote_replica", Some(name));
                        cand("global table replica (multi-Region strong consistency) takes the writes", Some(vec![rpo]), vec![t], false, "")
                    }));
                }
                let replica = [
                    (Mechanism::DynamodbGlobalTables, "global table replica takes the writes", LEVER_MREC),
                    (Mechanism::AuroraGlobalDatabase, "Aurora Global Database failover", LEVER_AURORA_GLOBAL),
                    (Mechanism::AuroraGlobalHeadless, "Aurora Global Database failover to the headless secondary, then add an instance", LEVER_AURORA_GLOBAL),
                    (Mechanism::CrossRegionReadReplica, "promote the cross-Region replica", LEVER_RDS_REPLICA),
                ];
                for (m, what, lever) in replica {
                    if ctx.has(i, m) {
                        cands.push(trial(ctx, |ctx| {
                            let lag = ctx
                                .replication_lag(i, d)
                                .simple("replication_lag", Some(name));
                            let mut track =
                                vec![ctx.promotion(i, d).simple("promote_replica", Some(name))];
                            if m == Mechanism::AuroraGlobalHeadless {
                                track.push(
                                    Resolved::from_fact(&f::AURORA_HEADLESS_ADD_INSTANCE)
                                        .simple("add_instance", Some(name)),
                                );
                            }
                            cand(what, Some(vec![lag]), track, false, lever)
                        }));
                    }
                }
                if ctx.has(i, Mechanism::AuroraGlobalSwitchover) {
                    // A Region loss is unplanned: the switchover's RPO 0 never applies to it
                    // (dr-strategies.md §6.3, §10.1).
                    let global = ctx.has(i, Mechanism::AuroraGlobalDatabase)
                        || ctx.has(i, Mechanism::AuroraGlobalHeadless);
                    notes.push(if global {
                        format!(
                            "{name}: the managed switchover (RPO {} s, {}) serves planned events only; an outage is unplanned, so the global database fails over and loses its replication lag",
                            f::AURORA_GLOBAL_SWITCHOVER_RPO.value,
                            f::AURORA_GLOBAL_SWITCHOVER_RPO.source
                        )
                    } else {
                        format!("{name}: aurora_global_switchover has no effect without an Aurora Global Database (aurora_global_database or aurora_global_headless)")
                    });
                }
                if ctx.has(i, Mechanism::ElasticDisasterRecovery) {
                    cands.push(trial(ctx, |ctx| drs_cand(ctx, i, d)));
                }
                if ctx.has(i, Mechanism::CrossRegionAutomatedBackups) {
                    cands.push(trial(ctx, |ctx| {
                        let rpo = Resolved::from_fact(&f::RDS_CROSS_REGION_BACKUP_LAG).simple("replicated_log_lag", Some(name));
                        let t = ctx.restore_term(i, name, size, d.restore_throughput_bps, self_managed, d.engine.backup_resource_type());
                        cand("point-in-time restore from the replicated automated backups in the recovery Region", Some(vec![rpo]), vec![t], false, LEVER_RDS_REPLICA)
                    }));
                }
                if s == Strategy::BackupRestore || cands.is_empty() {
                    if w.backups.cross_region_copy {
                        cands.push(trial(ctx, |ctx| {
                            // Copies of continuous backups are snapshots: no PITR in the recovery Region.
                            // Source: aws-backup.md §8–9.
                            let rpo = ctx.snapshot_rpo(name, disruption, true);
                            let t = ctx.restore_term(
                                i,
                                name,
                                size,
                                d.restore_throughput_bps,
                                self_managed,
                                d.engine.backup_resource_type(),
                            );
                            cand(
                                "restore from backup copies in the recovery site",
                                rpo,
                                vec![t],
                                false,
                                LEVER_BACKUP_COPIES,
                            )
                        }));
                    } else if cands.is_empty() {
                        cands.push(cand(
                            "no copy in the recovery site (backups.cross_region_copy is false)",
                            None,
                            vec![],
                            false,
                            LEVER_BACKUP_COPIES,
                        ));
                    }
                }
            }
            Mode::PointInTime => {
                let dwell = dwell
                    .clone()
                    .unwrap_or_else(|| Resolved::from_fact(&f::DWELL));
                let dwell_term = dwell.simple("dwell_time", Some(name));
                let t = ctx.restore_term(
                    i,
                    name,
                    size,
                    d.restore_throughput_bps,
                    self_managed,
                    d.engine.backup_resource_type(),
                );
                let (mechanism, rpo, track) = if dwell.value > retention_s {
                    notes.push(format!(
                        "{name}: every kept recovery point is newer than the compromise (dwell {} > retention {})",
                        human_duration(dwell.value),
                        human_duration(retention_s)
                    ));
                    let _ = &retention;
                    (
                        "no clean recovery point inside the retention",
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
                        "point-in-time restore to just before the corruption",
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
                        "restore the newest snapshot taken before the corruption",
                        terms,
                        vec![t],
                    )
                };
                cands.push(cand(mechanism, rpo, track, false, LEVER_CORRUPTION));
            }
            Mode::CrossAccount => {
                let rpo = ctx.snapshot_rpo(name, disruption, true);
                let t = ctx.restore_term(
                    i,
                    name,
                    size,
                    d.restore_throughput_bps,
                    self_managed,
                    d.engine.backup_resource_type(),
                );
                cands.push(cand(
                    "restore from cross-account / air-gapped copies",
                    rpo,
                    vec![t],
                    false,
                    LEVER_BACKUP_COPIES,
                ));
            }
            Mode::Uncovered(_) => continue,
        }
        let Some(chosen) = choose(ctx, cands) else {
            continue;
        };
        db_auto &= chosen.auto;
        levers.push((name.to_owned(), chosen.lever.to_owned()));
        let (mechanism, rpo_terms, track) = (chosen.mechanism, chosen.rpo, chosen.track);
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
                let rtc = ctx.has(*oi, Mechanism::S3ReplicationRtc);
                let fact = if rtc { &f::S3_RTC_LAG } else { &f::S3_CRR_LAG };
                levers.push((name.to_owned(), LEVER_S3.to_owned()));
                let t = Resolved::from_fact(fact).simple("replication_lag", Some(name));
                ctx.note_default(
                    &join(&join("/components", *oi), "replication_time_control"),
                    fact,
                );
                data.rpos.push(ComponentRpo {
                    component: name.into(),
                    rpo_seconds: Some(t.seconds),
                    mechanism: if rtc {
                        "S3 replication with RTC to the recovery site, 15 min bound"
                    } else {
                        "S3 cross-Region replication to the recovery site, no published bound"
                    }
                    .into(),
                    terms: vec![t],
                });
            }
            Mode::PointInTime | Mode::CrossAccount => {
                let lever = if disruption == Disruption::Corruption {
                    LEVER_CORRUPTION
                } else {
                    LEVER_BACKUP_COPIES
                };
                levers.push((name.to_owned(), lever.to_owned()));
                let covered = if disruption == Disruption::Corruption {
                    o.point_in_time
                } else {
                    true
                };
                let t =
                    ctx.restore_term(*oi, name, size, o.restore_throughput_bps, false, Some("S3"));
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
        let site = matches!(mode, Mode::SiteFailover);
        let drs = ctx.has(*i, Mechanism::ElasticDisasterRecovery);
        let term = match &mode {
            Mode::MultiAz | Mode::PointInTime => None,
            _ if site && drs => Some(
                ctx.resolve(c.start_seconds, &start_path, &f::DRS_LAUNCH)
                    .simple("launch_recovery_instance", Some(name)),
            ),
            _ if site && ctx.has(*i, Mechanism::StandbyFull) => None,
            _ if site && ctx.has(*i, Mechanism::StandbyScaled) => {
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
    // In-Region recovery with no people: Multi-AZ failover, or (single-AZ) every database heals
    // itself, e.g. Aurora re-creating its instance on the surviving cluster volume (§6.2).
    let self_healing = matches!(mode, Mode::MultiAz)
        || (matches!(mode, Mode::LocalRestore) && db_auto && !dbs.is_empty());
    // Only a failover to the recovery site can be automated (dr-strategies.md §10.3); restores
    // after corruption or compromise, and in-Region restores, are people's decisions.
    let automatable = matches!(mode, Mode::SiteFailover);
    let auto = if automatable {
        ctx.automation
    } else {
        AutomationInForce {
            escalation: StepMode::Manual,
            declaration: StepMode::Manual,
            validation: StepMode::Manual,
        }
    };
    let mut tl = TimelineBuilder::default();
    let mut rto_terms: Vec<Term> = Vec::new();
    let health_checked = matches!(
        mode,
        Mode::MultiAz | Mode::LocalRestore | Mode::SiteFailover
    );
    if health_checked && !self_healing {
        for t in ctx.detect() {
            tl.step("detect", t.seconds);
            rto_terms.push(t);
        }
    }
    let people = if self_healing {
        Vec::new()
    } else {
        ctx.people_steps(auto, false)
    };
    // Seconds automation would add back (manual) or take off (automated).
    let mut by_hand_extra = 0.0;
    let mut manual_now = 0.0;
    let mut tally = |steps: &[(Term, f64, StepMode)]| {
        for (t, by_hand, mode) in steps {
            match mode {
                StepMode::Automated => by_hand_extra += by_hand,
                StepMode::Manual => manual_now += t.seconds,
            }
        }
    };
    tally(&people);
    for (t, _, _) in people {
        tl.step(&t.name, t.seconds);
        rto_terms.push(t);
    }
    let standby_off = computes.iter().any(|(i, _)| {
        !ctx.has(*i, Mechanism::ElasticDisasterRecovery)
            && !ctx.has(*i, Mechanism::StandbyMinimal)
            && !ctx.has(*i, Mechanism::StandbyScaled)
            && !ctx.has(*i, Mechanism::StandbyFull)
    });
    let needs_infra = matches!(mode, Mode::CrossAccount)
        || (matches!(mode, Mode::SiteFailover)
            && (standby_off || (computes.is_empty() && s == Strategy::BackupRestore)));
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
    let moves_traffic = !self_healing;
    if moves_traffic {
        let t = ctx.ttl();
        tl.step("traffic_shift", t.seconds);
        rto_terms.push(t);
    }
    let validate = if self_healing {
        Vec::new()
    } else {
        ctx.people_steps(auto, true)
    };
    tally(&validate);
    for (t, _, _) in validate {
        tl.step("validate", t.seconds);
        rto_terms.push(t);
    }
    let rto_seconds = Some(tl.now);
    let automation = automatable.then(|| {
        let manual = tl.now + by_hand_extra;
        let automated = tl.now - manual_now;
        AutomationEffect {
            in_force: auto,
            rto_seconds_manual: manual,
            rto_seconds_automated: automated,
            summary: format!(
                "{} RTO {} as assessed ({}); {} with escalation, declaration and validation by people, {} with all three automated",
                disruption.label(),
                human_duration(tl.now),
                automation_words(auto),
                human_duration(manual),
                human_duration(automated)
            ),
        }
    });
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
        Mode::LocalRestore if self_healing => (
            true,
            "every database recovers inside the Region by itself (no restore, no people steps)"
                .to_owned(),
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
    let binding = Binding {
        rpo: rpo_binding(disruption, &data.rpos, &levers),
        rto: rto_binding(
            disruption,
            rto_seconds,
            &rto_terms,
            automation.as_ref(),
            &|c: &str| {
                w.databases()
                    .find(|(_, d)| d.name == c)
                    .map(|(_, d)| d.engine)
            },
        ),
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
        automation,
        binding,
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
        automation: None,
        binding: Binding::default(),
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
        automation: None,
        binding: Binding::default(),
    }
}
