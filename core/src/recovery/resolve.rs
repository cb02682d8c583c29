//! Resolving each term of an RPO or RTO: the caller's input, else a planning default (noted for
//! the caller), else — where no AWS default applies — a `missing_input` issue.

use crate::error::{join, Issue};
use crate::provenance::{Basis, Fact};
use crate::strategy::facts as f;
use crate::strategy::preset::{self, AutomationInForce};
use crate::strategy::Strategy;
use crate::units::{human_duration, Seconds};
use crate::workload::{Database, Engine, Mechanism, StepMode, Workload};

use super::breakdown::Term;

/// A value resolved from the caller's input or a default fact.
#[derive(Debug, Clone)]
pub(super) struct Resolved {
    pub(super) value: f64,
    pub(super) basis: Basis,
    pub(super) source: String,
    pub(super) assumption: String,
}

impl Resolved {
    pub(super) fn from_fact(fact: &Fact) -> Self {
        Resolved {
            value: fact.value,
            basis: fact.basis,
            source: fact.source.to_owned(),
            assumption: fact.described(),
        }
    }
    pub(super) fn input(value: f64, path: &str) -> Self {
        Resolved {
            value,
            basis: Basis::Input,
            source: format!("input {path}"),
            assumption: "as given".to_owned(),
        }
    }
    pub(super) fn term(
        &self,
        name: &str,
        component: Option<&str>,
        seconds: f64,
        formula: String,
    ) -> Term {
        Term {
            name: name.to_owned(),
            component: component.map(str::to_owned),
            seconds,
            formula,
            assumption: self.assumption.clone(),
            basis: self.basis,
            source: self.source.clone(),
        }
    }
    pub(super) fn simple(&self, name: &str, component: Option<&str>) -> Term {
        self.term(name, component, self.value, human_duration(self.value))
    }
}

/// Resolution context: the workload, the strategy, and the issues found while resolving.
pub(crate) struct Ctx<'a> {
    pub w: &'a Workload,
    pub strategy: Strategy,
    pub standby_scale: f64,
    pub issues: Vec<Issue>,
    /// Planning defaults actually used (reported once as warnings by the caller).
    pub defaults_used: Vec<(String, String)>,
    /// Backup-based RPO terms simulated from the workload's backup plan, when the caller ran it.
    pub backups: Option<super::backups::SimulatedRpo>,
    /// The mechanisms in force on each component (by index; dr-strategies.md §10.2).
    pub mechs: Vec<Vec<Mechanism>>,
    /// The automation in force (dr-strategies.md §10.3).
    pub automation: AutomationInForce,
}

impl<'a> Ctx<'a> {
    pub fn new(w: &'a Workload, strategy: Strategy, standby_scale: Option<f64>) -> Self {
        let mut ctx = Ctx {
            w,
            strategy,
            standby_scale: 1.0,
            issues: Vec::new(),
            defaults_used: Vec::new(),
            backups: None,
            mechs: w
                .components
                .iter()
                .map(|c| preset::effective(strategy, w, c))
                .collect(),
            automation: preset::automation(strategy, &w.operations.automation),
        };
        ctx.standby_scale = match (standby_scale, w.operations.standby_scale) {
            (Some(s), _) | (None, Some(s)) => s,
            (None, None) => {
                if strategy == Strategy::WarmStandby {
                    ctx.note_default("/operations/standby_scale", &f::STANDBY_SCALE);
                }
                f::STANDBY_SCALE.value
            }
        };
        ctx
    }

    pub(super) fn note_default(&mut self, path: &str, fact: &Fact) {
        if matches!(
            fact.basis,
            Basis::PlanningDefault | Basis::Unconfirmed | Basis::Heuristic
        ) && !self.defaults_used.iter().any(|(p, _)| p == path)
        {
            self.defaults_used.push((path.to_owned(), fact.described()));
        }
    }

    pub(super) fn resolve(&mut self, input: Option<Seconds>, path: &str, fact: &Fact) -> Resolved {
        match input {
            Some(v) => Resolved::input(v.get(), path),
            None => {
                self.note_default(path, fact);
                Resolved::from_fact(fact)
            }
        }
    }

    /// A value the caller may give: the input, else the default fact, else (self-managed /
    /// on-premises, where no AWS default applies, dr-strategies.md §4.1) a `missing_input` issue.
    fn required(
        &mut self,
        input: Option<f64>,
        path: String,
        fact: Option<&Fact>,
        why: &str,
        hint: &str,
    ) -> Resolved {
        if let Some(v) = input {
            return Resolved::input(v, &path);
        }
        match fact {
            Some(fact) if self.w.topology.aws_facts_apply() => {
                self.note_default(&path, fact);
                Resolved::from_fact(fact)
            }
            _ => {
                if !self.issues.iter().any(|i| i.path == path) {
                    let field = path.rsplit('/').next().unwrap_or_default().to_owned();
                    self.issues.push(
                        Issue::error("missing_input", path, format!("{field} is required: {why}"))
                            .with_hint(hint)
                            .in_input("workload"),
                    );
                }
                Resolved {
                    value: 0.0,
                    basis: Basis::Input,
                    source: "missing input".into(),
                    assumption: "missing".into(),
                }
            }
        }
    }

    /// A database timing with a per-engine default `[Aurora, RDS, DynamoDB]`.
    fn db_timing(
        &mut self,
        idx: usize,
        d: &Database,
        field: &str,
        input: Option<Seconds>,
        facts: [&'static Fact; 3],
        why: &str,
    ) -> Resolved {
        let [aurora, rds, dynamodb] = facts;
        let fact = match d.engine {
            e if e.is_aurora() => Some(aurora),
            e if e.is_rds() => Some(rds),
            Engine::Dynamodb => Some(dynamodb),
            _ => None,
        };
        let hint =
            "self-managed and on-premises databases have no AWS default (dr-strategies.md §4.1)";
        self.required(
            input.map(Seconds::get),
            join(&join("/components", idx), field),
            fact,
            why,
            hint,
        )
    }

    pub(super) fn failover(&mut self, i: usize, d: &Database) -> Resolved {
        let facts = [
            &f::AURORA_FAILOVER,
            &f::RDS_MULTI_AZ_FAILOVER,
            &f::DYNAMODB_AZ,
        ];
        self.db_timing(
            i,
            d,
            "failover_seconds",
            d.failover_seconds,
            facts,
            "needed for the in-Region failover time",
        )
    }

    pub(super) fn replication_lag(&mut self, i: usize, d: &Database) -> Resolved {
        let facts = [
            &f::AURORA_GLOBAL_LAG,
            &f::RDS_REPLICA_LAG,
            &f::DYNAMODB_GLOBAL_LAG,
        ];
        self.db_timing(
            i,
            d,
            "replication_lag_seconds",
            d.replication_lag_seconds,
            facts,
            "needed for the replica's RPO",
        )
    }

    pub(super) fn promotion(&mut self, i: usize, d: &Database) -> Resolved {
        let facts = [
            &f::AURORA_GLOBAL_FAILOVER,
            &f::RDS_REPLICA_PROMOTION,
            &f::DYNAMODB_GLOBAL_FAILOVER,
        ];
        self.db_timing(
            i,
            d,
            "promotion_seconds",
            d.promotion_seconds,
            facts,
            "needed to promote the replica",
        )
    }

    /// The lag of a replica in the same Region (RDS read replica, dr-strategies.md §6.1).
    pub(super) fn in_region_replication_lag(&mut self, i: usize, d: &Database) -> Resolved {
        let facts = [
            &f::AURORA_GLOBAL_LAG,
            &f::RDS_IN_REGION_REPLICA_LAG,
            &f::DYNAMODB_GLOBAL_LAG,
        ];
        self.db_timing(
            i,
            d,
            "replication_lag_seconds",
            d.replication_lag_seconds,
            facts,
            "needed for the replica's RPO",
        )
    }

    /// Promoting a replica in the same Region (RDS read replica, dr-strategies.md §6.1).
    pub(super) fn in_region_promotion(&mut self, i: usize, d: &Database) -> Resolved {
        let facts = [
            &f::AURORA_GLOBAL_FAILOVER,
            &f::RDS_IN_REGION_REPLICA_PROMOTION,
            &f::DYNAMODB_GLOBAL_FAILOVER,
        ];
        self.db_timing(
            i,
            d,
            "promotion_seconds",
            d.promotion_seconds,
            facts,
            "needed to promote the replica",
        )
    }

    pub(super) fn pitr_lag(&mut self, i: usize, d: &Database) -> Resolved {
        let facts = [&f::AURORA_PITR_LAG, &f::RDS_PITR_LAG, &f::DYNAMODB_PITR_LAG];
        self.db_timing(
            i,
            d,
            "pitr_lag_seconds",
            d.pitr_lag_seconds,
            facts,
            "needed for point-in-time recovery",
        )
    }

    /// Restore time of `size_gib` at the component's restore throughput.
    pub(super) fn restore_term(
        &mut self,
        i: usize,
        name: &str,
        size_gib: f64,
        throughput: Option<crate::units::Bps>,
        self_managed: bool,
        resource_type: Option<&str>,
    ) -> Term {
        let path = join(&join("/components", i), "restore_throughput_bps");
        let fact = (!self_managed).then_some(&f::RESTORE_THROUGHPUT);
        let hint =
            "measure it with a restore test; no AWS default applies to self-managed databases";
        // Measured restores of the component's type replace the default, never an input
        // (aws-backup.md §18.4).
        let measured = match (throughput, resource_type, &self.w.measured_restores) {
            (None, Some(t), Some(m)) => m.for_type(t).and_then(|m| {
                m.planning_throughput_bps.map(|v| Resolved {
                    value: v,
                    basis: Basis::Measured,
                    source: m.source.clone(),
                    assumption: format!(
                        "the slow tail (10th percentile) of {} measured {t} restores",
                        m.sized_jobs
                    ),
                })
            }),
            _ => None,
        };
        let r = match measured {
            Some(r) => r,
            None => self.required(
                throughput.map(crate::units::Bps::get),
                path,
                fact,
                "needed for the restore time",
                hint,
            ),
        };
        let bits = size_gib * 1_073_741_824.0 * 8.0;
        let secs = if r.value > 0.0 { bits / r.value } else { 0.0 };
        let mut t = r.term(
            "restore_data",
            Some(name),
            secs,
            format!("{size_gib} GiB × 2^30 B × 8 bit ÷ {} bit/s", r.value),
        );
        t.basis = if r.basis == Basis::Input {
            Basis::Derived
        } else {
            r.basis
        };
        t
    }

    fn op(&mut self, input: Option<Seconds>, path: &str, fact: &Fact, name: &str) -> Term {
        self.resolve(input, path, fact).simple(name, None)
    }

    /// JSON pointer to a field of the routing component (or to `/components` when there is none).
    fn routing_path(&self, field: &str) -> String {
        match self
            .w
            .components
            .iter()
            .position(|c| matches!(c, crate::workload::Component::Routing(_)))
        {
            Some(i) => join(&join("/components", i), field),
            None => "/components".to_owned(),
        }
    }

    pub(super) fn detect(&mut self) -> Vec<Term> {
        let r = self.w.routing();
        let iv_path = self.routing_path("health_check_interval_seconds");
        let n_path = self.routing_path("failure_threshold");
        let iv = self.resolve(
            r.health_check_interval_seconds,
            &iv_path,
            &f::HEALTH_CHECK_INTERVAL,
        );
        let n = match r.failure_threshold {
            Some(n) => Resolved::input(f64::from(n), &n_path),
            None => {
                self.note_default(&n_path, &f::FAILURE_THRESHOLD);
                Resolved::from_fact(&f::FAILURE_THRESHOLD)
            }
        };
        let secs = iv.value * n.value;
        let mut t = iv.term(
            "detect",
            None,
            secs,
            format!("{} s interval × {} failed checks", iv.value, n.value),
        );
        t.assumption = format!("{}; {}", iv.assumption, n.assumption);
        if n.basis != Basis::Input {
            t.basis = n.basis;
            t.source = format!("{}; {}", iv.source, n.source);
        }
        vec![t]
    }

    pub(super) fn ttl(&mut self) -> Term {
        let r = self.w.routing();
        let path = self.routing_path("ttl_seconds");
        self.op(r.ttl_seconds, &path, &f::DNS_TTL, "traffic_shift")
    }

    /// Whether component `i` has mechanism `m` in force.
    pub(super) fn has(&self, i: usize, m: Mechanism) -> bool {
        self.mechs.get(i).is_some_and(|v| v.contains(&m))
    }

    /// The people steps before recovery under `auto` (escalation, declaration), or validation
    /// after it (`after`): each term, the seconds it would take by hand, and its mode
    /// (dr-strategies.md §10.3).
    pub(super) fn people_steps(
        &mut self,
        auto: AutomationInForce,
        after: bool,
    ) -> Vec<(Term, f64, StepMode)> {
        let o = self.w.operations.clone();
        let steps: Vec<(Option<Seconds>, &str, &Fact, &str, StepMode)> = if after {
            vec![(
                o.validate_seconds,
                "/operations/validate_seconds",
                &f::VALIDATE,
                "validate",
                auto.validation,
            )]
        } else {
            vec![
                (
                    o.notify_escalate_seconds,
                    "/operations/notify_escalate_seconds",
                    &f::NOTIFY_ESCALATE,
                    "notify_escalate",
                    auto.escalation,
                ),
                (
                    o.declare_seconds,
                    "/operations/declare_seconds",
                    &f::DECLARE,
                    "declare",
                    auto.declaration,
                ),
            ]
        };
        steps
            .into_iter()
            .map(|(input, path, fact, name, mode)| {
                let by_hand = input.map_or(fact.value, Seconds::get);
                let term = match mode {
                    StepMode::Manual => self.op(input, path, fact, name),
                    StepMode::Automated => {
                        Resolved::from_fact(&f::AUTOMATED_STEP).simple(name, None)
                    }
                };
                (term, by_hand, mode)
            })
            .collect()
    }

    pub(super) fn infra_deploy(&mut self) -> Term {
        let v = self.w.operations.infrastructure_deploy_seconds;
        self.op(
            v,
            "/operations/infrastructure_deploy_seconds",
            &f::INFRASTRUCTURE_DEPLOY,
            "deploy_infrastructure",
        )
    }

    pub(super) fn dwell(&mut self) -> Resolved {
        let v = self.w.operations.corruption_dwell_seconds;
        self.resolve(v, "/operations/corruption_dwell_seconds", &f::DWELL)
    }

    /// Terms of a scheduled-backup RPO for `disruption`: the simulated plan's worst RPO of the
    /// component when the plan was simulated (`None`: no recovery point survives), else
    /// `I + W + J (+ C)` from the workload's backup settings.
    pub(super) fn snapshot_rpo(
        &mut self,
        name: &str,
        disruption: super::Disruption,
        copy: bool,
    ) -> Option<Vec<Term>> {
        if let Some(terms) = self.backups.as_ref().and_then(|b| b.get(name, disruption)) {
            return terms.clone();
        }
        let b = self.w.backups.clone();
        // Backups run by the site's own tooling (self-managed or on premises) have no AWS Backup
        // start window: dr-strategies.md §5.3.
        let own_tooling = self.w.topology.primary_on_premises()
            || self
                .w
                .databases()
                .any(|(_, d)| d.name == name && d.engine == Engine::SelfManaged);
        let window = if own_tooling {
            &f::OWN_TOOLING_START_WINDOW
        } else {
            &f::START_WINDOW
        };
        let mut terms = vec![
            self.resolve(
                b.interval_seconds,
                "/backups/interval_seconds",
                &f::BACKUP_INTERVAL,
            )
            .simple("backup_interval", Some(name)),
            self.resolve(
                b.start_window_seconds,
                "/backups/start_window_seconds",
                window,
            )
            .simple("start_window", Some(name)),
            self.resolve(
                b.job_duration_seconds,
                "/backups/job_duration_seconds",
                &f::JOB_DURATION,
            )
            .simple("job_duration", Some(name)),
        ];
        if copy {
            terms.push(
                self.resolve(
                    b.copy_duration_seconds,
                    "/backups/copy_duration_seconds",
                    &f::COPY_DURATION,
                )
                .simple("copy_duration", Some(name)),
            );
        }
        Some(terms)
    }

    pub(super) fn retention_seconds(&mut self) -> (f64, Resolved) {
        let r = match self.w.backups.retention_days {
            Some(d) => Resolved::input(d, "/backups/retention_days"),
            None => {
                self.note_default("/backups/retention_days", &f::RETENTION_DAYS);
                Resolved::from_fact(&f::RETENTION_DAYS)
            }
        };
        (r.value * 86_400.0, r)
    }
}
