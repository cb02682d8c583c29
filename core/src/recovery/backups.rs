//! Backup-based RPO terms handed to the estimate by the caller that simulated the workload's
//! backup plan (the composition above this engine runs the simulation; this room only reads
//! its answer).

use super::breakdown::Term;
use super::disruption::Disruption;

/// The worst RPO terms of each backed-up component per disruption, as the simulation found
/// them: `None` when no recovery point survives the disruption.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct SimulatedRpo {
    entries: Vec<(String, Disruption, Option<Vec<Term>>)>,
}

impl SimulatedRpo {
    pub(crate) fn insert(&mut self, component: &str, d: Disruption, terms: Option<Vec<Term>>) {
        self.entries.push((component.to_owned(), d, terms));
    }

    /// The simulated terms of `component` for `d`, when the component was simulated.
    pub(crate) fn get(&self, component: &str, d: Disruption) -> Option<&Option<Vec<Term>>> {
        self.entries
            .iter()
            .find(|(c, x, _)| c == component && *x == d)
            .map(|(_, _, t)| t)
    }
}
