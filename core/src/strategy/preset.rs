//! A strategy as a preset of mechanisms per component and of automated steps
//! (dr-strategies.md §10.2–10.3); a user's own mechanisms and automation lie on top of it.

use serde::{Deserialize, Serialize};

use super::Strategy;
use crate::workload::{Automation, Component, Engine, Mechanism, StepMode, Workload};

/// The mechanisms a strategy's preset puts on component `c` of `w` (dr-strategies.md §10.2).
pub(crate) fn preset(strategy: Strategy, w: &Workload, c: &Component) -> Vec<Mechanism> {
    use Mechanism as M;
    let mut out = Vec::new();
    // `multi_az` is ignored for an on-premises primary (it has no AZs).
    let in_region_ha =
        (w.multi_az || strategy == Strategy::MultiAzOnly) && !w.topology.primary_on_premises();
    let replicates = strategy.replicates_data();
    match c {
        Component::RelationalDatabase(d) | Component::KeyValueDatabase(d) => {
            if d.engine != Engine::SelfManaged {
                out.push(M::AutomatedBackups);
            }
            if in_region_ha {
                match d.engine {
                    e if e.is_aurora() => out.push(M::ReadReplica),
                    e if e.is_rds() || e == Engine::SelfManaged => out.push(M::MultiAzInstance),
                    _ => {}
                }
            }
            if replicates {
                match d.engine {
                    e if e.is_aurora() => out.push(M::AuroraGlobalDatabase),
                    Engine::Dynamodb => out.push(M::DynamodbGlobalTables),
                    _ => out.push(M::CrossRegionReadReplica),
                }
            }
        }
        Component::ObjectStorage(o) => {
            if strategy != Strategy::MultiAzOnly {
                out.push(if o.replication_time_control {
                    M::S3ReplicationRtc
                } else {
                    M::S3Replication
                });
            }
        }
        Component::Compute(_) => match strategy {
            Strategy::MultiAzOnly => {}
            Strategy::BackupRestore => out.push(M::StandbyOff),
            Strategy::PilotLight => out.push(M::StandbyMinimal),
            Strategy::WarmStandby => out.push(M::StandbyScaled),
            Strategy::MultiSite => out.push(M::StandbyFull),
        },
        Component::Routing(_) => {}
    }
    out
}

/// The preset with the user's mechanisms on top: a user's mechanism replaces the preset's of
/// the same family (dr-strategies.md §10.2).
pub(crate) fn effective(strategy: Strategy, w: &Workload, c: &Component) -> Vec<Mechanism> {
    let user = c.mechanisms();
    // Elastic Disaster Recovery of a self-managed database's server is its replication to the
    // recovery site: it replaces the preset's generic replica (dr-strategies.md §10.2).
    let drs_replicates = user.contains(&Mechanism::ElasticDisasterRecovery)
        && matches!(
            c,
            Component::RelationalDatabase(_) | Component::KeyValueDatabase(_)
        );
    let mut out: Vec<Mechanism> = preset(strategy, w, c)
        .into_iter()
        .filter(|m| !user.iter().any(|u| u.family() == m.family()))
        .filter(|m| !(drs_replicates && *m == Mechanism::CrossRegionReadReplica))
        .collect();
    for m in user {
        if !out.contains(m) {
            out.push(*m);
        }
    }
    out.sort();
    out
}

/// The automation a strategy assumes, before the workload's own (dr-strategies.md §10.3).
pub(crate) fn automation_preset(strategy: Strategy) -> (StepMode, StepMode, StepMode) {
    use StepMode::{Automated, Manual};
    match strategy {
        Strategy::MultiSite => (Automated, Automated, Automated),
        Strategy::WarmStandby => (Automated, Automated, Manual),
        _ => (Manual, Manual, Manual),
    }
}

/// The automation in force: the workload's choice per step, else the preset's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct AutomationInForce {
    pub escalation: StepMode,
    pub declaration: StepMode,
    pub validation: StepMode,
}

pub(crate) fn automation(strategy: Strategy, a: &Automation) -> AutomationInForce {
    let (e, d, v) = automation_preset(strategy);
    AutomationInForce {
        escalation: a.escalation.unwrap_or(e),
        declaration: a.declaration.unwrap_or(d),
        validation: a.validation.unwrap_or(v),
    }
}

/// The mechanisms of one component under one strategy, as the result lists them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct ComponentMechanisms {
    pub component: String,
    /// In a stable order; the preset's, with the component's own `mechanisms` replacing the
    /// preset's choice in the same family.
    pub mechanisms: Vec<Mechanism>,
    /// The ones the component listed itself (not from the preset).
    pub from_input: Vec<Mechanism>,
}

/// The mechanisms of every component (routing has none) under `strategy`.
pub(crate) fn per_component(strategy: Strategy, w: &Workload) -> Vec<ComponentMechanisms> {
    w.components
        .iter()
        .filter_map(|c| {
            let name = match c {
                Component::RelationalDatabase(d) | Component::KeyValueDatabase(d) => &d.name,
                Component::Compute(x) => &x.name,
                Component::ObjectStorage(o) => &o.name,
                Component::Routing(_) => return None,
            };
            Some(ComponentMechanisms {
                component: name.clone(),
                mechanisms: effective(strategy, w, c),
                from_input: c.mechanisms().to_vec(),
            })
        })
        .collect()
}
