//! The binding component of an RPO or RTO and the lever that would move it (dr-strategies.md §10.5).

use super::*;
// Levers: what would lower a component's RPO (dr-strategies.md §10.5).
pub(super) const LEVER_IN_REGION_HA: &str = "run it Multi-AZ (mechanism multi_az_instance: nothing lost, failover 60–120 s; multi_az_cluster: under 35 s)";
pub(super) const LEVER_AURORA_HA: &str = "add an Aurora Replica in another AZ (mechanism read_replica): Aurora fails over to it on the same cluster volume instead of creating a new instance (dr-strategies.md §6.2)";
/// The in-Region lever for this engine: Multi-AZ for RDS, an Aurora Replica for Aurora (Aurora
/// takes neither Multi-AZ mechanism).
pub(super) fn lever_in_region(engine: Engine) -> &'static str {
    if engine.is_aurora() {
        LEVER_AURORA_HA
    } else {
        LEVER_IN_REGION_HA
    }
}
pub(super) const LEVER_BACKUP_COPIES: &str = "replicate instead of copying backups: aurora_global_database (lag typically under 1 s), dynamodb_global_tables, cross_region_read_replica, or cross_region_automated_backups for RDS (point-in-time restore in the recovery Region)";
pub(super) const LEVER_RDS_REPLICA: &str = "RDS publishes no bound on cross-Region replica lag: measure ReplicaLag and set replication_lag_seconds, or move to Aurora Global Database (lag typically under 1 s)";
pub(super) const LEVER_AURORA_GLOBAL: &str = "Aurora Global Database lags typically under 1 s and only a planned switchover reaches RPO 0; an unplanned failover loses the lag (cap it with rds.global_db_rpo on Aurora PostgreSQL)";
pub(super) const LEVER_MREC: &str =
    "global tables with multi-Region strong consistency (dynamodb_global_tables_strong): RPO 0";
pub(super) const LEVER_S3: &str = "S3 replication publishes no bound below Replication Time Control's 15 min: keep the state that needs a tighter RPO in a database replicated in seconds, or give this bucket a target of its own";
pub(super) const LEVER_DRS: &str = "Elastic Disaster Recovery replicates continuously: check the server's lagDuration and bandwidth throttling, and measure the launch with a drill";
pub(super) const LEVER_CORRUPTION: &str = "detect sooner (a shorter dwell) and keep point-in-time recovery on: replicas copy the corruption";

/// Whether some database or server carries a mechanism of its own that reaches the recovery
/// site (replication, replicated backups, Elastic Disaster Recovery).
pub(super) fn reaches_recovery_site(ctx: &Ctx<'_>) -> bool {
    use crate::workload::Family;
    ctx.w.components.iter().enumerate().any(|(i, c)| {
        !matches!(c, crate::workload::Component::ObjectStorage(_))
            && ctx.mechs.get(i).is_some_and(|v| {
                v.iter().any(|m| {
                    matches!(
                        m.family(),
                        Family::CrossRegionData | Family::CrossRegionBackups | Family::Drs
                    )
                })
            })
    })
}

pub(super) fn mode_word(m: StepMode) -> &'static str {
    match m {
        StepMode::Manual => "manual",
        StepMode::Automated => "automated",
    }
}

pub(super) fn automation_words(a: AutomationInForce) -> String {
    format!(
        "escalation {}, declaration {}, validation {}",
        mode_word(a.escalation),
        mode_word(a.declaration),
        mode_word(a.validation)
    )
}

pub(super) fn secs_words(v: Option<f64>) -> String {
    human(v)
}

/// The component that sets the workload's RPO, the next one, and its lever (§10.5).
pub(super) fn rpo_binding(
    disruption: Disruption,
    rpos: &[ComponentRpo],
    levers: &[(String, String)],
) -> Option<BindingTerm> {
    let val = |c: &ComponentRpo| c.rpo_seconds.unwrap_or(f64::INFINITY);
    let mut order: Vec<&ComponentRpo> = rpos.iter().collect();
    // Worst first; ties keep the component order.
    order.sort_by(|a, b| val(b).total_cmp(&val(a)));
    let worst = order.first()?;
    if worst.rpo_seconds == Some(0.0) {
        return None;
    }
    let next = order
        .get(1)
        .map(|n| format!("`{}` at {}", n.component, secs_words(n.rpo_seconds)));
    let lever = levers
        .iter()
        .find(|(n, _)| *n == worst.component)
        .map(|(_, l)| l.clone())
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| "no faster mechanism applies to this component".to_owned());
    let mut text = format!(
        "{} RPO {} is set by `{}` ({})",
        disruption.label(),
        secs_words(worst.rpo_seconds),
        worst.component,
        worst.mechanism
    );
    if let Some(n) = &next {
        text.push_str(&format!("; next is {n}"));
    }
    text.push_str(&format!("; lever: {lever}"));
    Some(BindingTerm {
        component: Some(worst.component.clone()),
        mechanism: worst.mechanism.clone(),
        seconds: worst.rpo_seconds,
        next,
        lever,
        text,
    })
}

/// What sets the RTO: people time when it is the larger part, else the longest term (§10.5).
pub(super) fn rto_binding(
    disruption: Disruption,
    rto: Option<f64>,
    terms: &[Term],
    automation: Option<&AutomationEffect>,
    engine_of: &dyn Fn(&str) -> Option<Engine>,
) -> Option<BindingTerm> {
    let total = rto?;
    if total <= 0.0 {
        return None;
    }
    let is_people =
        |t: &Term| matches!(t.name.as_str(), "notify_escalate" | "declare" | "validate");
    let people: f64 = terms
        .iter()
        .filter(|t| is_people(t))
        .map(|t| t.seconds)
        .sum();
    let longest = terms
        .iter()
        .filter(|t| !is_people(t))
        .max_by(|a, b| a.seconds.total_cmp(&b.seconds));
    if people > 0.0 && longest.is_none_or(|l| people >= l.seconds) {
        let lever = match automation {
            Some(a) if a.rto_seconds_automated < total => format!(
                "automate escalation, declaration and validation (health checks and Route 53 ARC routing controls or a managed failover): RTO {}; or shorten them with drilled runbooks (operations.notify_escalate_seconds, declare_seconds, validate_seconds)",
                human_duration(a.rto_seconds_automated)
            ),
            _ => "shorten escalation, declaration and validation with drilled runbooks (operations.notify_escalate_seconds, declare_seconds, validate_seconds); restores are people's decisions".to_owned(),
        };
        let text = format!(
            "{} RTO {}: {} of it is people time (escalate, declare, validate); lever: {lever}",
            disruption.label(),
            human_duration(total),
            human_duration(people)
        );
        return Some(BindingTerm {
            component: None,
            mechanism: "people time".to_owned(),
            seconds: Some(people),
            next: longest.map(|l| {
                format!(
                    "{}{} at {}",
                    l.name,
                    l.component
                        .as_deref()
                        .map(|c| format!(" of `{c}`"))
                        .unwrap_or_default(),
                    human_duration(l.seconds)
                )
            }),
            lever,
            text,
        });
    }
    let l = longest?;
    let engine = l.component.as_deref().and_then(engine_of);
    let lever = match l.name.as_str() {
        "restore_data" => "restores grow with size: measure restore_throughput_bps with restore testing, or replicate the data (pilot light) so nothing is restored",
        "deploy_infrastructure" => "keep the infrastructure deployed in the recovery site (pilot light: standby_minimal)",
        "start_compute" => "keep compute running in the recovery site (warm standby: standby_scaled)",
        // Each engine's own lever: a mechanism the component cannot take is no lever.
        "promote_replica" | "add_instance" => match engine {
            Some(e) if e.is_aurora() => "a secondary with readers (aurora_global_database) promotes faster than a headless one (aurora_global_headless), which must add an instance first",
            Some(Engine::Dynamodb) => "global table replicas already take writes (dynamodb_global_tables): what is left is moving the traffic",
            Some(Engine::RdsMysql | Engine::RdsPostgresql) => "for an AZ, a Multi-AZ DB cluster (multi_az_cluster) fails over in under 35 s; across Regions RDS publishes no promotion time: measure it in a drill and set promotion_seconds",
            _ => "measure the promotion in a drill and set promotion_seconds",
        },
        "new_instance" => "an Aurora Replica in another AZ (read_replica) fails over in under 60 s",
        // Aurora takes neither Multi-AZ mechanism: its failover is to an Aurora Replica.
        "failover" if engine.is_some_and(Engine::is_aurora) => "Aurora already fails over to its Replica on the same cluster volume: measure the failover with a test and set failover_seconds; clients reconnect sooner with a low DNS TTL (dr-strategies.md §6.8)",
        "failover" if matches!(engine, Some(Engine::RdsMysql | Engine::RdsPostgresql)) => "a Multi-AZ DB cluster (multi_az_cluster) fails over in under 35 s",
        "failover" => "measure the failover with a test and set failover_seconds",
        "launch_recovery_instance" => "measure the launch with an Elastic Disaster Recovery drill; a running standby (standby_scaled) avoids it",
        "detect" => "fast health checks (10 s) or a lower failure threshold",
        "traffic_shift" => "a lower TTL, or Route 53 ARC routing controls",
        _ => "no lever modelled for this term",
    }
    .to_owned();
    let text = format!(
        "{} RTO {} is set by {}{} ({}); lever: {lever}",
        disruption.label(),
        human_duration(total),
        l.name,
        l.component
            .as_deref()
            .map(|c| format!(" of `{c}`"))
            .unwrap_or_default(),
        human_duration(l.seconds)
    );
    Some(BindingTerm {
        component: l.component.clone(),
        mechanism: l.name.clone(),
        seconds: Some(l.seconds),
        next: None,
        lever,
        text,
    })
}
