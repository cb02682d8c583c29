//! The protection mechanisms a component can carry (dr-strategies.md §10): what a user lists
//! under a component's `mechanisms`, which component each applies to, and which ones exclude each
//! other. A strategy is a named preset of mechanisms (`crate::strategy::preset`); a user's own
//! list lies on top of it, family by family.

use serde::{Deserialize, Serialize};

use super::{Component, Engine};
use crate::error::{join, Issue};

/// One protection mechanism on one component (dr-strategies.md §10.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Mechanism {
    /// Native automated backups / point-in-time recovery / snapshots in the primary Region.
    AutomatedBackups,
    /// A read replica in the same Region (an Aurora Replica for Aurora): the in-Region failover
    /// target.
    ReadReplica,
    /// RDS Multi-AZ DB instance: one synchronous standby (for a self-managed database: your own
    /// standby in another AZ or site).
    MultiAzInstance,
    /// RDS Multi-AZ DB cluster: a writer and two readable standbys, semi-synchronous.
    MultiAzCluster,
    /// A cross-Region read replica (for a self-managed database: your own replication to the
    /// recovery site).
    CrossRegionReadReplica,
    /// RDS cross-Region automated backups replication: snapshots and logs copied to the recovery
    /// Region, point-in-time restore there.
    CrossRegionAutomatedBackups,
    /// Aurora Global Database with a secondary cluster that runs reader instances.
    AuroraGlobalDatabase,
    /// Aurora Global Database with a headless secondary: storage only, an instance is added on
    /// failover.
    AuroraGlobalHeadless,
    /// Aurora Global Database managed switchover (`SwitchoverGlobalCluster`) for planned events:
    /// RPO 0 then, but never for an outage, which takes the unplanned failover (RPO = lag).
    AuroraGlobalSwitchover,
    /// DynamoDB global tables, multi-Region eventual consistency (MREC).
    DynamodbGlobalTables,
    /// DynamoDB global tables, multi-Region strong consistency (MRSC): RPO 0.
    DynamodbGlobalTablesStrong,
    /// S3 cross-Region replication without Replication Time Control.
    S3Replication,
    /// S3 cross-Region replication with Replication Time Control (15 min design target).
    S3ReplicationRtc,
    /// AWS Elastic Disaster Recovery: continuous block replication of a server into a staging
    /// area, recovery instances launched on demand.
    ElasticDisasterRecovery,
    /// Nothing deployed in the recovery site: infrastructure from IaC, then compute.
    StandbyOff,
    /// Infrastructure deployed, compute not running (pilot light).
    StandbyMinimal,
    /// A scaled-down copy running (warm standby).
    StandbyScaled,
    /// Full capacity running and serving (multi-site).
    StandbyFull,
}

/// Mechanisms of one family exclude each other: a user's choice replaces the preset's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    Backups,
    InRegionReplica,
    InRegionHa,
    CrossRegionData,
    CrossRegionBackups,
    Drs,
    Standby,
    PlannedSwitchover,
}

impl Mechanism {
    pub const ALL: [Mechanism; 18] = [
        Mechanism::AutomatedBackups,
        Mechanism::ReadReplica,
        Mechanism::MultiAzInstance,
        Mechanism::MultiAzCluster,
        Mechanism::CrossRegionReadReplica,
        Mechanism::CrossRegionAutomatedBackups,
        Mechanism::AuroraGlobalDatabase,
        Mechanism::AuroraGlobalHeadless,
        Mechanism::AuroraGlobalSwitchover,
        Mechanism::DynamodbGlobalTables,
        Mechanism::DynamodbGlobalTablesStrong,
        Mechanism::S3Replication,
        Mechanism::S3ReplicationRtc,
        Mechanism::ElasticDisasterRecovery,
        Mechanism::StandbyOff,
        Mechanism::StandbyMinimal,
        Mechanism::StandbyScaled,
        Mechanism::StandbyFull,
    ];

    pub(crate) fn family(self) -> Family {
        use Mechanism as M;
        match self {
            M::AutomatedBackups => Family::Backups,
            M::ReadReplica => Family::InRegionReplica,
            M::MultiAzInstance | M::MultiAzCluster => Family::InRegionHa,
            M::CrossRegionReadReplica
            | M::AuroraGlobalDatabase
            | M::AuroraGlobalHeadless
            | M::DynamodbGlobalTables
            | M::DynamodbGlobalTablesStrong
            | M::S3Replication
            | M::S3ReplicationRtc => Family::CrossRegionData,
            M::CrossRegionAutomatedBackups => Family::CrossRegionBackups,
            M::ElasticDisasterRecovery => Family::Drs,
            M::AuroraGlobalSwitchover => Family::PlannedSwitchover,
            M::StandbyOff | M::StandbyMinimal | M::StandbyScaled | M::StandbyFull => {
                Family::Standby
            }
        }
    }

    /// The mechanism in words, as the result shows it.
    pub fn label(self) -> &'static str {
        use Mechanism as M;
        match self {
            M::AutomatedBackups => "automated backups / PITR",
            M::ReadReplica => "in-Region read replica",
            M::MultiAzInstance => "Multi-AZ DB instance",
            M::MultiAzCluster => "Multi-AZ DB cluster (two readable standbys)",
            M::CrossRegionReadReplica => "cross-Region read replica",
            M::CrossRegionAutomatedBackups => {
                "cross-Region automated backups (PITR in the recovery Region)"
            }
            M::AuroraGlobalDatabase => "Aurora Global Database (secondary with readers)",
            M::AuroraGlobalHeadless => "Aurora Global Database (headless secondary, storage only)",
            M::AuroraGlobalSwitchover => {
                "Aurora Global Database managed switchover (planned events only)"
            }
            M::DynamodbGlobalTables => "DynamoDB global tables (eventual consistency)",
            M::DynamodbGlobalTablesStrong => {
                "DynamoDB global tables (multi-Region strong consistency)"
            }
            M::S3Replication => "S3 cross-Region replication",
            M::S3ReplicationRtc => "S3 replication with RTC",
            M::ElasticDisasterRecovery => "AWS Elastic Disaster Recovery",
            M::StandbyOff => "standby compute off (deploy from IaC)",
            M::StandbyMinimal => "standby compute minimal (deployed, not running)",
            M::StandbyScaled => "standby compute scaled down (running)",
            M::StandbyFull => "standby compute full (serving)",
        }
    }

    /// Whether the mechanism applies to `c`; the reason when it does not (dr-strategies.md §10.1).
    pub(crate) fn applies_to(self, c: &Component) -> Result<(), &'static str> {
        use Mechanism as M;
        let engine = match c {
            Component::RelationalDatabase(d) | Component::KeyValueDatabase(d) => Some(d.engine),
            _ => None,
        };
        let aws_db = engine.is_some_and(|e| e != Engine::SelfManaged);
        let ok = match self {
            M::AutomatedBackups => aws_db,
            M::ReadReplica => engine.is_some_and(|e| e.is_aurora() || e.is_rds()),
            M::MultiAzInstance => engine.is_some_and(|e| e.is_rds() || e == Engine::SelfManaged),
            M::MultiAzCluster => {
                matches!(engine, Some(Engine::RdsMysql | Engine::RdsPostgresql))
            }
            M::CrossRegionReadReplica => {
                engine.is_some_and(|e| e.is_rds() || e == Engine::SelfManaged)
            }
            M::CrossRegionAutomatedBackups => engine.is_some_and(Engine::is_rds),
            M::AuroraGlobalDatabase | M::AuroraGlobalHeadless | M::AuroraGlobalSwitchover => {
                engine.is_some_and(Engine::is_aurora)
            }
            M::DynamodbGlobalTables | M::DynamodbGlobalTablesStrong => {
                engine == Some(Engine::Dynamodb)
            }
            M::S3Replication | M::S3ReplicationRtc => matches!(c, Component::ObjectStorage(_)),
            M::ElasticDisasterRecovery => {
                matches!(c, Component::Compute(_)) || engine == Some(Engine::SelfManaged)
            }
            M::StandbyOff | M::StandbyMinimal | M::StandbyScaled | M::StandbyFull => {
                matches!(c, Component::Compute(_))
            }
        };
        if ok {
            return Ok(());
        }
        Err(match self {
            M::AutomatedBackups => "automated backups are a managed-database mechanism (Aurora, RDS, DynamoDB)",
            M::ReadReplica => "read replicas are an RDS or Aurora mechanism",
            M::MultiAzInstance => "Multi-AZ DB instances are an RDS mechanism (Aurora is Multi-AZ through an Aurora Replica: use read_replica)",
            M::MultiAzCluster => "Multi-AZ DB clusters exist for RDS for MySQL and RDS for PostgreSQL only",
            M::CrossRegionReadReplica => "cross-Region read replicas here are RDS (or your own replication of a self-managed database); Aurora uses aurora_global_database, DynamoDB global tables",
            M::CrossRegionAutomatedBackups => "cross-Region automated backups replication is an RDS DB instance mechanism",
            M::AuroraGlobalDatabase | M::AuroraGlobalHeadless | M::AuroraGlobalSwitchover => "Aurora Global Database needs an Aurora engine",
            M::DynamodbGlobalTables | M::DynamodbGlobalTablesStrong => "global tables need a DynamoDB table",
            M::S3Replication | M::S3ReplicationRtc => "S3 replication applies to object storage",
            M::ElasticDisasterRecovery => "Elastic Disaster Recovery replicates servers: compute, or a self-managed database's server",
            _ => "standby compute applies to compute components",
        })
    }
}

/// Check one component's `mechanisms`: each must apply, none twice, one per family, and RDS
/// cross-Region backups replication is not offered for Multi-AZ DB clusters.
pub(crate) fn validate(c: &Component, list: &[Mechanism], at: &str, issues: &mut Vec<Issue>) {
    let base = join(at, "mechanisms");
    for (j, m) in list.iter().enumerate() {
        let path = join(&base, j);
        if let Err(why) = m.applies_to(c) {
            issues.push(Issue::error(
                "mechanism_not_applicable",
                path,
                format!("{}: {why}", m.label()),
            ));
            continue;
        }
        if let Some(k) = list.iter().take(j).position(|x| x == m) {
            issues.push(Issue::error(
                "duplicate_mechanism",
                path,
                format!("{} is also listed at {base}/{k}", m.label()),
            ));
        } else if let Some(k) = list
            .iter()
            .take(j)
            .position(|x| x.family() == m.family() && m.applies_to(c).is_ok())
        {
            let other = list.get(k).map_or("", |x| x.label());
            issues.push(
                Issue::error(
                    "contradictory_mechanisms",
                    path,
                    format!("{} and {other} (at {base}/{k}) exclude each other: keep one", m.label()),
                )
                .with_hint("one in-Region HA choice, one cross-Region data mechanism, one standby level per component"),
            );
        }
    }
    if list.contains(&Mechanism::MultiAzCluster)
        && list.contains(&Mechanism::CrossRegionAutomatedBackups)
    {
        // Source: dr-strategies.md §6.1 (automated backup replication is not supported for
        // Multi-AZ DB clusters).
        let j = list
            .iter()
            .position(|m| *m == Mechanism::CrossRegionAutomatedBackups)
            .unwrap_or(0);
        issues.push(Issue::error(
            "contradictory_mechanisms",
            join(&base, j),
            "RDS does not replicate automated backups of a Multi-AZ DB cluster to another Region",
        ));
    }
}
