//! Every default number the RPO/RTO model uses, with where it comes from (a [`Fact`] each; see
//! [`crate::provenance`]). Values a caller supplies replace the fact and say so.

use crate::provenance::{fact, Basis, Fact};

// ---- Detection and traffic (Route 53), dr-strategies.md §6.8 --------------------------------

pub const HEALTH_CHECK_INTERVAL: Fact = fact(
    30.0,
    Basis::Documented,
    "dr-strategies.md §6.8 (Route 53 health-check request interval: 30 s standard, 10 s fast)",
    "standard Route 53 health checks (30 s interval)",
);
pub const FAILURE_THRESHOLD: Fact = fact(
    3.0,
    Basis::Heuristic,
    "dr-strategies.md §6.8 (threshold 1–10; 3 appears in AWS's CloudTrail example, a general default of 3 is UNCONFIRMED)",
    "3 consecutive failed checks",
);
pub const DNS_TTL: Fact = fact(
    60.0,
    Basis::Documented,
    "dr-strategies.md §6.8 (AWS recommends TTL ≤ 60 s on records with health checks; ELB alias records use 60 s)",
    "60 s TTL on the failover record; clients that ignore TTLs take longer",
);

// ---- Organisational times: caller inputs per dr-strategies.md §5.1 -----------------------------

pub const NOTIFY_ESCALATE: Fact = fact(
    900.0,
    Basis::PlanningDefault,
    "dr-strategies.md §5.1 (T_notify_escalate is a caller input; AWS publishes no figure)",
    "15 min to page, escalate and assess (drplan planning default: set operations.notify_escalate_seconds)",
);
pub const DECLARE: Fact = fact(
    900.0,
    Basis::PlanningDefault,
    "dr-strategies.md §5.1 (T_declare is a caller input; zero only for automatic failover, which REL13-BP02 discourages)",
    "15 min to decide to invoke DR (drplan planning default: set operations.declare_seconds)",
);
pub const VALIDATE: Fact = fact(
    900.0,
    Basis::PlanningDefault,
    "dr-strategies.md §5.1 (T_validate is a caller input)",
    "15 min of checks before declaring service restored (drplan planning default: set operations.validate_seconds)",
);
pub const INFRASTRUCTURE_DEPLOY: Fact = fact(
    1800.0,
    Basis::PlanningDefault,
    "dr-strategies.md §3, §5.1 (backup & restore deploys infrastructure from IaC; no published duration)",
    "30 min to deploy the stack from IaC (drplan planning default: set operations.infrastructure_deploy_seconds)",
);
pub const INSTANCE_START: Fact = fact(
    300.0,
    Basis::PlanningDefault,
    "dr-strategies.md §3 (pilot light starts compute; no published duration)",
    "5 min from launch to serving (drplan planning default: set the compute component's start_seconds)",
);
pub const SCALE_OUT: Fact = fact(
    300.0,
    Basis::PlanningDefault,
    "dr-strategies.md §3 (warm standby scales out; no published duration: the instance start default is used)",
    "5 min to launch the missing instances of a warm standby (drplan planning default: set operations.scale_out_seconds)",
);
pub const STANDBY_SCALE: Fact = fact(
    0.25,
    Basis::PlanningDefault,
    "dr-strategies.md §3 (warm standby is 'scaled down'; the share is a design choice)",
    "warm standby runs 25 % of production compute (drplan planning default: set operations.standby_scale)",
);
pub const DWELL: Fact = fact(
    0.0,
    Basis::PlanningDefault,
    "dr-strategies.md §8 (corruption dwell time is a caller-supplied assumption)",
    "corruption detected at once",
)
.set_by("operations.corruption_dwell_seconds for late detection");
pub const HOURS_PER_MONTH: Fact = fact(
    730.0,
    Basis::Derived,
    "pricing.md §2 (month length in estimates: default 730 h = 8,760 h ÷ 12)",
    "730 hours per month",
);

// ---- Backups, aws-backup.md / dr-strategies.md §5.2 ----------------------------------------------

pub const BACKUP_INTERVAL: Fact = fact(
    86_400.0,
    Basis::PlanningDefault,
    "aws-backup.md §2.5 (drplan's example plan backs up daily); dr-strategies.md §5.2 (interval I is the schedule's)",
    "one scheduled backup per day",
)
.set_by("backups.interval_seconds");
pub const START_WINDOW: Fact = fact(
    28_800.0,
    Basis::Documented,
    "aws-backup.md §5.2 rule W3 (default start window 480 min); dr-strategies.md §5.2 (start delay ≤ W)",
    "a job may start up to the 8 h default start window after its scheduled time",
);
pub const OWN_TOOLING_START_WINDOW: Fact = fact(
    0.0,
    Basis::Heuristic,
    "dr-strategies.md §5.3 (a start window is an AWS Backup rule setting; backups run by the site's own tooling start when its scheduler starts them)",
    "the backup job starts at its scheduled time (own tooling, not AWS Backup)",
)
.set_by("backups.start_window_seconds");
pub const JOB_DURATION: Fact = fact(
    3600.0,
    Basis::Unconfirmed,
    "dr-strategies.md §5.2 (a point is usable only after the job completes; duration per resource type UNCONFIRMED)",
    "1 h from job start to a usable recovery point",
)
.set_by("backups.job_duration_seconds");
pub const COPY_DURATION: Fact = fact(
    3600.0,
    Basis::Unconfirmed,
    "aws-backup.md §9 / dr-strategies.md §5.2 (copy lag C; first copy full, later incremental; no published duration)",
    "1 h for an incremental copy to land in the recovery Region",
)
.set_by("backups.copy_duration_seconds");
pub const RETENTION_DAYS: Fact = fact(
    35.0,
    Basis::Documented,
    "dr-strategies.md §6.1–6.2 (automated backup / PITR retention up to 35 days)",
    "recovery points kept 35 days",
)
.set_by("backups.retention_days");

// ---- Per-engine facts, dr-strategies.md §6 -------------------------------------------------------

pub const RDS_MULTI_AZ_FAILOVER: Fact = fact(
    120.0,
    Basis::Documented,
    "dr-strategies.md §6.1 (RDS Multi-AZ DB instance failover typically 60–120 s; upper end used)",
    "Multi-AZ failover at the upper end of 60–120 s",
);
pub const AURORA_FAILOVER: Fact = fact(
    60.0,
    Basis::Documented,
    "dr-strategies.md §6.2 (Aurora with ≥ 1 replica: typically back in < 60 s)",
    "Aurora in-Region failover to a replica in < 60 s",
);
pub const DYNAMODB_AZ: Fact = fact(
    0.0,
    Basis::Documented,
    "dr-strategies.md §6.4 (DynamoDB is a Regional service replicated across AZs; 99.99 % design)",
    "an AZ loss does not interrupt a DynamoDB table",
);
pub const AURORA_GLOBAL_LAG: Fact = fact(
    1.0,
    Basis::Documented,
    "dr-strategies.md §6.3 (Aurora Global Database replication typically < 1 s)",
    "Global Database lag of 1 s",
);
pub const AURORA_GLOBAL_FAILOVER: Fact = fact(
    60.0,
    Basis::Unconfirmed,
    "dr-strategies.md §6.3 (RTO 'in the order of minutes'; 'RTO < 1 min' only in AWS workshop material, UNCONFIRMED)",
    "global database failover in 1 min",
);
pub const DYNAMODB_GLOBAL_LAG: Fact = fact(
    1.0,
    Basis::Documented,
    "dr-strategies.md §6.4 (global tables: a new item usually reaches all replicas within a second; no SLA)",
    "global tables replicate within 1 s",
);
pub const DYNAMODB_GLOBAL_FAILOVER: Fact = fact(
    0.0,
    Basis::Documented,
    "dr-strategies.md §6.4 (global tables are multi-active: every replica accepts writes)",
    "no promotion needed: every replica accepts writes",
);
pub const RDS_REPLICA_LAG: Fact = fact(
    60.0,
    Basis::Unconfirmed,
    "dr-strategies.md §6.1 (cross-Region read replica lag is not quantified; watch ReplicaLag)",
    "1 min cross-Region replica lag",
)
.set_by("the database's replication_lag_seconds from ReplicaLag");
pub const RDS_REPLICA_PROMOTION: Fact = fact(
    600.0,
    Basis::Unconfirmed,
    "dr-strategies.md §6.1 (promotion 'takes several minutes or more depending on size' and reboots the replica)",
    "10 min to promote the cross-Region read replica",
)
.set_by("promotion_seconds");
pub const RDS_IN_REGION_REPLICA_LAG: Fact = fact(
    10.0,
    Basis::Heuristic,
    "dr-strategies.md §6.1 (in-Region read replica: lag not published, expected below the cross-Region lag; 10 s is drplan's planning figure)",
    "10 s in-Region replica lag",
)
.set_by("the database's replication_lag_seconds from ReplicaLag");
pub const RDS_IN_REGION_REPLICA_PROMOTION: Fact = fact(
    300.0,
    Basis::Unconfirmed,
    "dr-strategies.md §6.1 (in-Region read replica promotion: the replica reboots, 'several minutes or more depending on size'; 5 min in the same Region)",
    "5 min to promote the in-Region read replica",
)
.set_by("promotion_seconds");
pub const AURORA_GLOBAL_SWITCHOVER_RPO: Fact = fact(
    0.0,
    Basis::Documented,
    "dr-strategies.md §6.3 (SwitchoverGlobalCluster syncs the secondaries first: RPO 0, on a healthy global cluster only, for planned events)",
    "a planned switchover loses nothing",
);
pub const RDS_PITR_LAG: Fact = fact(
    300.0,
    Basis::Documented,
    "dr-strategies.md §6.1, §5.2 (RDS uploads transaction logs every 5 min; LatestRestorableTime trails ≈ 5 min)",
    "PITR restorable to ≈ 5 min before the failure",
);
pub const AURORA_PITR_LAG: Fact = fact(
    300.0,
    Basis::Unconfirmed,
    "dr-strategies.md §5.2 (RDS and AWS Backup RDS continuous ≈ 5 min; Aurora's own lag is not stated, RDS figure used)",
    "PITR restorable to ≈ 5 min before the failure",
);
pub const DYNAMODB_PITR_LAG: Fact = fact(
    300.0,
    Basis::Documented,
    "dr-strategies.md §6.4 (LatestRestorableDateTime typically ≈ 5 min before now)",
    "PITR restorable to ≈ 5 min before the failure",
);
pub const RESTORE_THROUGHPUT: Fact = fact(
    800_000_000.0,
    Basis::PlanningDefault,
    "dr-strategies.md §5.1 (data restore grows with size; AWS gives no SLA on restore time, aws-backup.md §11–12: measure with restore testing)",
    "restore at 100 MB/s (800 Mbit/s) (drplan planning default: set restore_throughput_bps from a restore test)",
);
pub const S3_RTC_LAG: Fact = fact(
    900.0,
    Basis::Documented,
    "dr-strategies.md §6.5 (S3 Replication Time Control: 99.99 % of objects within 15 min)",
    "objects replicated within 15 min (RTC design target)",
);
pub const S3_CRR_LAG: Fact = fact(
    900.0,
    Basis::Unconfirmed,
    "dr-strategies.md §6.5 (without RTC, 'most objects replicate within seconds' but no bound is published; the RTC target is used)",
    "objects replicated within 15 min (no bound without RTC)",
);
pub const S3_PITR_LAG: Fact = fact(
    900.0,
    Basis::Documented,
    "aws-backup.md §8 (AWS Backup continuous backup for S3 restorable up to the last 15 min)",
    "S3 restorable to ≈ 15 min before the failure",
);

// ---- Prices (pricing.md §8) -----------------------------------------------------------------------

pub const S3_STANDARD_GB_MONTH: Fact = fact(
    0.023,
    Basis::Documented,
    "pricing.md §8.3 (S3 Standard $0.023/GB-month, us-east-1, confidence MEDIUM)",
    "replica bucket in S3 Standard at $0.023 per GB-month",
);
// ---- Mechanisms and automation, dr-strategies.md §6, §10 ------------------------------------------

pub const AURORA_VOLUME_AZ: Fact = fact(
    0.0,
    Basis::Documented,
    "dr-strategies.md §6.2 (the Aurora cluster volume keeps copies in three AZs, whatever the number of instances)",
    "the Aurora cluster volume survives the AZ loss: nothing lost",
);
pub const AURORA_NEW_INSTANCE: Fact = fact(
    600.0,
    Basis::Documented,
    "dr-strategies.md §6.2 (failover without an Aurora Replica: a new primary is created, usually within 10 min)",
    "Aurora creates a new primary instance on the same cluster volume within 10 min",
);
pub const RDS_MULTI_AZ_CLUSTER_FAILOVER: Fact = fact(
    35.0,
    Basis::Documented,
    "dr-strategies.md §6.1 (Multi-AZ DB cluster failover usually under 35 s)",
    "Multi-AZ DB cluster failover in under 35 s",
);
pub const DYNAMODB_MRSC_RPO: Fact = fact(
    0.0,
    Basis::Documented,
    "dr-strategies.md §6.4 (global tables with multi-Region strong consistency: RPO 0)",
    "a write is acknowledged only once it is durable in another Region: nothing lost",
);
pub const AURORA_HEADLESS_ADD_INSTANCE: Fact = fact(
    600.0,
    Basis::Unconfirmed,
    "dr-strategies.md §10.1 (a headless secondary needs a DB instance after failover; no published duration: the 10 min of Aurora instance creation in §6.2 is used)",
    "10 min to add a writer instance to the headless secondary",
);
pub const RDS_CROSS_REGION_BACKUP_LAG: Fact = fact(
    600.0,
    Basis::Unconfirmed,
    "dr-strategies.md §6.1, §10.1 (logs reach S3 every 5 min and are copied to the recovery Region as soon as ready; the copy time is not published)",
    "the recovery Region can restore to ≈ 10 min before the failure",
);
pub const DRS_LAG: Fact = fact(
    10.0,
    Basis::Heuristic,
    "dr-strategies.md §6.7 (Elastic Disaster Recovery: RPO of seconds, continuous replication; 10 s is drplan's reading of 'seconds')",
    "continuous block replication within 10 s",
)
.set_by("the database's replication_lag_seconds from the server's lagDuration");
pub const DRS_LAUNCH: Fact = fact(
    900.0,
    Basis::Heuristic,
    "dr-strategies.md §6.7 (Elastic Disaster Recovery: RTO of minutes; 15 min is drplan's planning figure for launching and booting a recovery instance)",
    "15 min to launch and boot the recovery instance (measure it with a drill)",
);
pub const AUTOMATED_STEP: Fact = fact(
    0.0,
    Basis::Heuristic,
    "dr-strategies.md §10.3 (an automated step runs on the alarm: health checks, Route 53 ARC routing controls or a managed failover; its own time is in detect)",
    "automated: no people time",
);
