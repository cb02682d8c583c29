//! A workload as drplan sees it: components, where it runs and recovers, how it is backed up, and
//! the organisational times around a recovery. Every optional number has a default documented in
//! [`crate::strategy::facts`] with its source; any of them can be overridden here.

use serde::{Deserialize, Serialize};

use crate::error::{join, Issue};
use crate::units::{Bps, Gib, Seconds};

mod mechanism;
pub mod restore_jobs;
pub(crate) use mechanism::Family;
pub use mechanism::Mechanism;

/// Where the workload runs and where it recovers to (dr-strategies.md §4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Topology {
    /// AWS Region → another AWS Region: the four strategies of §3.
    #[default]
    RegionToRegion,
    /// Availability Zone → another AZ of the same Region: zonal recovery only.
    AzToAz,
    /// On-premises primary, AWS as the recovery site.
    OnPremisesToAws,
    /// Second data centre: no AWS facts apply; data-tier timings must be supplied.
    OnPremisesToOnPremises,
}

impl Topology {
    pub fn primary_on_premises(self) -> bool {
        matches!(
            self,
            Topology::OnPremisesToAws | Topology::OnPremisesToOnPremises
        )
    }
    /// Whether AWS service facts (failover times, PITR lag…) may be used as defaults.
    pub fn aws_facts_apply(self) -> bool {
        !matches!(self, Topology::OnPremisesToOnPremises)
    }
}

/// Database engines with distinct recovery facts (dr-strategies.md §6.1–6.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Engine {
    AuroraMysql,
    AuroraPostgresql,
    RdsMysql,
    RdsMariadb,
    RdsPostgresql,
    RdsOracle,
    RdsSqlserver,
    Dynamodb,
    /// A database you run yourself (EC2 or on-premises): no AWS defaults apply.
    SelfManaged,
}

impl Engine {
    /// The AWS Backup resource type of the engine's managed service (`Aurora`, `RDS`,
    /// `DynamoDB`); `None` for self-managed engines.
    pub fn backup_resource_type(self) -> Option<&'static str> {
        if self.is_aurora() {
            Some("Aurora")
        } else if self.is_rds() {
            Some("RDS")
        } else if self == Engine::Dynamodb {
            Some("DynamoDB")
        } else {
            None
        }
    }

    pub fn is_aurora(self) -> bool {
        matches!(self, Engine::AuroraMysql | Engine::AuroraPostgresql)
    }
    pub fn is_rds(self) -> bool {
        matches!(
            self,
            Engine::RdsMysql
                | Engine::RdsMariadb
                | Engine::RdsPostgresql
                | Engine::RdsOracle
                | Engine::RdsSqlserver
        )
    }
}

/// A relational or key-value database: the state that RPO is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Database {
    pub name: String,
    pub engine: Engine,
    /// Stored data, GiB (or a string such as "2 TiB").
    pub size_gib: Gib,
    /// Data changed per day, GiB; drives replication and copy transfer.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub change_gib_per_day: Option<Gib>,
    /// On-demand price of one DB instance in the recovery site, USD per hour (your Region's price;
    /// drplan ships no instance prices). Needed for the standby cost of strategies that keep the
    /// data tier running there.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub instance_hourly_usd: Option<f64>,
    /// In-Region automatic failover time (Multi-AZ). Default per engine, §6.1–6.2.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub failover_seconds: Option<Seconds>,
    /// Cross-Region replication lag. Default per engine, §6.3–6.4.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub replication_lag_seconds: Option<Seconds>,
    /// Time to promote the cross-Region replica (or fail over the global database) to a writer.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub promotion_seconds: Option<Seconds>,
    /// Point-in-time-recovery log lag. Default per engine, §5.2.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub pitr_lag_seconds: Option<Seconds>,
    /// Restore throughput from a backup, bits per second (or "400 MB/s"). Measure it with restore
    /// testing (aws-backup.md §12).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub restore_throughput_bps: Option<Bps>,
    /// Average write operations per second (≤ 4 KiB each for Aurora, ≤ 1 KiB for DynamoDB): the
    /// quantity of replicated writes in the standby cost. Default: derived from
    /// `change_gib_per_day` (dr-strategies.md §10.4).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub writes_per_second: Option<f64>,
    /// Protection mechanisms you run (or want to try) on this database, on top of the strategy's
    /// preset (dr-strategies.md §10).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub mechanisms: Vec<Mechanism>,
}

/// Stateless compute (EC2 instances, containers) that must be running to serve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Compute {
    pub name: String,
    /// Instances at full production capacity.
    pub instance_count: u32,
    /// On-demand price of one instance in the recovery site, USD per hour (your price).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub instance_hourly_usd: Option<f64>,
    /// Time from launch request to an instance serving traffic.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub start_seconds: Option<Seconds>,
    /// Disk attached to each instance, GiB: the staging storage Elastic Disaster Recovery keeps.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub disk_gib: Option<Gib>,
    /// Protection mechanisms on top of the strategy's preset (dr-strategies.md §10).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub mechanisms: Vec<Mechanism>,
}

/// Object storage (S3 buckets) holding state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct ObjectStorage {
    pub name: String,
    pub size_gib: Gib,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub change_gib_per_day: Option<Gib>,
    /// S3 Replication Time Control on the cross-Region replication rule (dr-strategies.md §6.5).
    #[serde(default)]
    pub replication_time_control: bool,
    /// Restore throughput from versions / backups, bits per second.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub restore_throughput_bps: Option<Bps>,
    /// Versioning or AWS Backup continuous backup for S3: the only protection against corruption.
    #[serde(default = "yes")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub point_in_time: bool,
    /// Protection mechanisms on top of the strategy's preset (dr-strategies.md §10).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub mechanisms: Vec<Mechanism>,
}

impl<'de> Deserialize<'de> for Component {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use crate::boundary::{tagged_variant, take_tag};
        let mut map = serde_json::Map::<String, serde_json::Value>::deserialize(d)?;
        let kind = take_tag(&mut map, "kind")?;
        match kind.as_str() {
            "relational_database" => tagged_variant(map).map(Component::RelationalDatabase),
            "key_value_database" => tagged_variant(map).map(Component::KeyValueDatabase),
            "compute" => tagged_variant(map).map(Component::Compute),
            "object_storage" => tagged_variant(map).map(Component::ObjectStorage),
            "routing" => tagged_variant(map).map(Component::Routing),
            other => Err(crate::boundary::unknown_tag(
                "kind",
                other,
                &[
                    "relational_database",
                    "key_value_database",
                    "compute",
                    "object_storage",
                    "routing",
                ],
            )),
        }
    }
}

fn yes() -> bool {
    true
}

/// Traffic routing: Route 53 health checks and DNS failover (dr-strategies.md §6.8).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Routing {
    /// Health-check request interval: 30 s standard or 10 s fast.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub health_check_interval_seconds: Option<Seconds>,
    /// Consecutive failed checks before unhealthy (1–10).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub failure_threshold: Option<u32>,
    /// TTL of the failover record.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub ttl_seconds: Option<Seconds>,
}

/// One component of the workload, tagged by `kind`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Component {
    RelationalDatabase(Database),
    KeyValueDatabase(Database),
    Compute(Compute),
    ObjectStorage(ObjectStorage),
    Routing(Routing),
}

/// How the data is backed up (AWS Backup or native automated backups).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Backups {
    /// Interval between scheduled snapshot backups (AWS Backup minimum 1 h).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub interval_seconds: Option<Seconds>,
    /// Start window: a job may start this long after its scheduled time (default 480 min).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub start_window_seconds: Option<Seconds>,
    /// Time from job start until the recovery point is usable.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub job_duration_seconds: Option<Seconds>,
    /// Continuous backup / PITR in the primary Region.
    #[serde(default = "yes")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub point_in_time_recovery: bool,
    /// Copies in the recovery Region.
    #[serde(default = "yes")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub cross_region_copy: bool,
    /// Copies in another account or a logically air-gapped vault.
    #[serde(default)]
    pub cross_account_copy: bool,
    /// Time for a copy to land in the recovery Region/account after the job completes.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub copy_duration_seconds: Option<Seconds>,
    /// How far back recovery points are kept (days).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub retention_days: Option<f64>,
}

impl Default for Backups {
    fn default() -> Self {
        Backups {
            interval_seconds: None,
            start_window_seconds: None,
            job_duration_seconds: None,
            point_in_time_recovery: true,
            cross_region_copy: true,
            cross_account_copy: false,
            copy_duration_seconds: None,
            retention_days: None,
        }
    }
}

/// The people-and-process times of a recovery, and deployment times. dr-strategies.md §5.1 makes
/// them caller inputs; drplan's planning defaults are marked as such in every breakdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Operations {
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub notify_escalate_seconds: Option<Seconds>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub declare_seconds: Option<Seconds>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub validate_seconds: Option<Seconds>,
    /// Deploying the infrastructure from IaC in the recovery site (backup & restore).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub infrastructure_deploy_seconds: Option<Seconds>,
    /// Scaling a warm standby out to full capacity.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub scale_out_seconds: Option<Seconds>,
    /// Share of production capacity a warm standby runs (0 < scale ≤ 1).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub standby_scale: Option<f64>,
    /// Time between a corruption/compromise and its detection (dr-strategies.md §8).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub corruption_dwell_seconds: Option<Seconds>,
    /// Hours per month for monthly costs (pricing.md §2: default 730).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub hours_per_month: Option<f64>,
    /// Which steps of a failover run without people; unset steps follow the strategy's preset
    /// (dr-strategies.md §10.3).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub automation: Automation,
}

/// Whether a step of the recovery waits for people or runs by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum StepMode {
    /// People do it: their time is a term of the RTO (dr-strategies.md §5.1).
    Manual,
    /// Alarms, health checks, Route 53 ARC routing controls or a managed failover do it.
    Automated,
}

/// The steps of a failover that can be automated (dr-strategies.md §10.3). Detection is always
/// health-check driven (§6.8); a step left out follows the strategy's preset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Automation {
    /// Paging, escalating and assessing.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub escalation: Option<StepMode>,
    /// Deciding to fail over (declaring the disaster) and starting it.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub declaration: Option<StepMode>,
    /// Checking the recovered service before calling it restored.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub validation: Option<StepMode>,
}

/// The workload to assess.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Workload {
    pub name: String,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub topology: Topology,
    /// e.g. "us-east-1" or "dc-frankfurt".
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub primary_location: Option<String>,
    /// e.g. "us-west-2".
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub recovery_location: Option<String>,
    /// The primary runs Multi-AZ (HA inside the Region); ignored for on-premises primaries.
    #[serde(default = "yes")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub multi_az: bool,
    pub components: Vec<Component>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub backups: Backups,
    /// The AWS Backup plan you run, in any shape `parse_backup_plan` reads (text, a document
    /// object or a normalized plan). When given, backup-based RPO terms and backup cost lines
    /// come from simulating it instead of the plan derived from `backups`.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "string | object"))]
    pub backup_plan: Option<serde_json::Value>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub operations: Operations,
    /// Restore throughput measured from your restore jobs (`measure_restores`' answer): where
    /// no `restore_throughput_bps` is given, a component of a measured type restores at the
    /// measured planning throughput (`basis: measured`) instead of the default.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub measured_restores: Option<crate::workload::restore_jobs::MeasuredRestores>,
}

impl Component {
    /// The mechanisms the user listed on this component.
    pub fn mechanisms(&self) -> &[Mechanism] {
        match self {
            Component::RelationalDatabase(d) | Component::KeyValueDatabase(d) => &d.mechanisms,
            Component::Compute(c) => &c.mechanisms,
            Component::ObjectStorage(o) => &o.mechanisms,
            Component::Routing(_) => &[],
        }
    }
}

impl Workload {
    pub fn databases(&self) -> impl Iterator<Item = (usize, &Database)> {
        self.components
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match c {
                Component::RelationalDatabase(d) | Component::KeyValueDatabase(d) => Some((i, d)),
                _ => None,
            })
    }
    pub fn computes(&self) -> impl Iterator<Item = (usize, &Compute)> {
        self.components
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match c {
                Component::Compute(x) => Some((i, x)),
                _ => None,
            })
    }
    pub fn object_stores(&self) -> impl Iterator<Item = (usize, &ObjectStorage)> {
        self.components
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match c {
                Component::ObjectStorage(x) => Some((i, x)),
                _ => None,
            })
    }
    pub fn routing(&self) -> Routing {
        self.components
            .iter()
            .find_map(|c| match c {
                Component::Routing(r) => Some(r.clone()),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// Semantic checks beyond the schema: every problem, with JSON pointers into the workload.
    pub fn validate(&self) -> Vec<Issue> {
        let mut issues = Vec::new();
        if self.name.trim().is_empty() {
            issues.push(Issue::error(
                "empty_name",
                "/name",
                "the workload needs a name",
            ));
        }
        if self.components.is_empty() {
            issues.push(
                Issue::error("no_components", "/components", "the workload has no components")
                    .with_hint("add at least one relational_database, key_value_database, compute or object_storage"),
            );
        }
        if self.components.len() > 1000 {
            issues.push(Issue::error(
                "too_many_components",
                "/components",
                "more than 1,000 components",
            ));
        }
        let mut names = std::collections::BTreeMap::new();
        let mut routing = 0;
        for (i, c) in self.components.iter().enumerate() {
            let at = join("/components", i);
            mechanism::validate(c, c.mechanisms(), &at, &mut issues);
            let name = match c {
                Component::RelationalDatabase(d) | Component::KeyValueDatabase(d) => {
                    self.validate_database(
                        d,
                        &at,
                        matches!(c, Component::KeyValueDatabase(_)),
                        &mut issues,
                    );
                    Some(&d.name)
                }
                Component::Compute(x) => {
                    if x.instance_count == 0 {
                        issues.push(Issue::error(
                            "out_of_range",
                            join(&at, "instance_count"),
                            "instance_count must be at least 1",
                        ));
                    }
                    if x.instance_count > 100_000 {
                        issues.push(Issue::error(
                            "out_of_range",
                            join(&at, "instance_count"),
                            "instance_count above 100,000",
                        ));
                    }
                    price_check(
                        x.instance_hourly_usd,
                        &join(&at, "instance_hourly_usd"),
                        &mut issues,
                    );
                    Some(&x.name)
                }
                Component::ObjectStorage(o) => Some(&o.name),
                Component::Routing(r) => {
                    routing += 1;
                    if let Some(t) = r.failure_threshold {
                        if !(1..=10).contains(&t) {
                            // Source: dr-strategies.md §6.8 (Route 53 failure threshold 1–10).
                            issues.push(Issue::error(
                                "out_of_range",
                                join(&at, "failure_threshold"),
                                "Route 53 failure threshold must be 1–10",
                            ));
                        }
                    }
                    None
                }
            };
            if let Some(n) = name {
                if n.trim().is_empty() {
                    issues.push(Issue::error(
                        "empty_name",
                        join(&at, "name"),
                        "component name is empty",
                    ));
                } else if let Some(first) = names.insert(n.clone(), i) {
                    issues.push(Issue::error(
                        "duplicate_name",
                        join(&at, "name"),
                        format!("component name {n:?} is also used by /components/{first}"),
                    ));
                }
            }
        }
        if routing > 1 {
            issues.push(Issue::error(
                "duplicate_routing",
                "/components",
                "at most one routing component",
            ));
        }
        if self.databases().next().is_none()
            && self.object_stores().next().is_none()
            && !self.components.is_empty()
        {
            issues.push(Issue::warning(
                "no_state",
                "/components",
                "no database or object storage: RPO is zero by construction (nothing stateful to lose)",
            ));
        }
        if let Some(s) = self.operations.standby_scale {
            if !(s > 0.0 && s <= 1.0) {
                issues.push(Issue::error(
                    "out_of_range",
                    "/operations/standby_scale",
                    "standby_scale must be in (0, 1]",
                ));
            }
        }
        if let Some(h) = self.operations.hours_per_month {
            if !(672.0..=744.0).contains(&h) {
                issues.push(Issue::error(
                    "out_of_range",
                    "/operations/hours_per_month",
                    "hours_per_month must be 672–744",
                ));
            }
        }
        if let Some(iv) = self.backups.interval_seconds {
            // Source: dr-strategies.md §5.2 / aws-backup.md §5.4 S3 (AWS Backup minimum interval 1 h).
            if iv.get() < 3600.0 && self.topology.aws_facts_apply() {
                issues.push(
                    Issue::warning(
                        "backup_interval_below_aws_minimum",
                        "/backups/interval_seconds",
                        "AWS Backup schedules run at most hourly",
                    )
                    .with_hint("use point-in-time recovery for finer RPO"),
                );
            }
            if iv.get() == 0.0 {
                issues.push(Issue::error(
                    "out_of_range",
                    "/backups/interval_seconds",
                    "backup interval must be positive",
                ));
            }
        }
        if let Some(r) = self.backups.retention_days {
            if !(r.is_finite() && r > 0.0 && r <= 36_500.0) {
                issues.push(Issue::error(
                    "out_of_range",
                    "/backups/retention_days",
                    "retention_days must be in (0, 36500]",
                ));
            }
        }
        if self.topology == Topology::OnPremisesToOnPremises && self.backups.point_in_time_recovery
        {
            issues.push(Issue::info(
                "pitr_lag_required",
                "/backups/point_in_time_recovery",
                "on-premises PITR: drplan uses each database's pitr_lag_seconds (no AWS default applies)",
            ));
        }
        issues
    }

    fn validate_database(&self, d: &Database, at: &str, key_value: bool, issues: &mut Vec<Issue>) {
        if d.size_gib.get() > 1.0e7 {
            issues.push(Issue::error(
                "out_of_range",
                join(at, "size_gib"),
                "size above 10 PiB is not a single database",
            ));
        }
        if key_value != (d.engine == Engine::Dynamodb) && d.engine != Engine::SelfManaged {
            issues.push(Issue::error(
                "engine_kind_mismatch",
                join(at, "engine"),
                if key_value {
                    "a key_value_database must use engine dynamodb or self_managed"
                } else {
                    "dynamodb is a key_value_database, not a relational_database"
                },
            ));
        }
        if !self.topology.aws_facts_apply() && d.engine != Engine::SelfManaged {
            issues.push(Issue::error(
                "aws_engine_on_premises",
                join(at, "engine"),
                "an on-premises to on-premises topology runs self_managed databases only",
            ));
        }
        if self.topology.primary_on_premises() && d.engine != Engine::SelfManaged {
            issues.push(Issue::error(
                "aws_engine_on_premises",
                join(at, "engine"),
                "the primary is on premises: its databases are self_managed",
            ));
        }
        price_check(
            d.instance_hourly_usd,
            &join(at, "instance_hourly_usd"),
            issues,
        );
        if let Some(w) = d.writes_per_second {
            if !(w.is_finite() && (0.0..=1.0e9).contains(&w)) {
                issues.push(Issue::error(
                    "out_of_range",
                    join(at, "writes_per_second"),
                    "writes_per_second must be between 0 and 1,000,000,000",
                ));
            }
        }
        if let Some(b) = d.restore_throughput_bps {
            if b.get() == 0.0 {
                issues.push(Issue::error(
                    "out_of_range",
                    join(at, "restore_throughput_bps"),
                    "restore throughput must be positive",
                ));
            }
        }
    }
}

fn price_check(p: Option<f64>, path: &str, issues: &mut Vec<Issue>) {
    if let Some(p) = p {
        if !(p.is_finite() && (0.0..10_000.0).contains(&p)) {
            issues.push(Issue::error(
                "out_of_range",
                path,
                "hourly price must be between 0 and 10,000 USD",
            ));
        }
    }
}
