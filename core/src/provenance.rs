//! Provenance: where a figure comes from and how far to trust it.
//!
//! A [`Fact`] is a default value plus its provenance. Breakdowns copy the fact's `source` and
//! `basis` into each term, so a reader can check any figure against the section of
//! `docs/domain/` it names. Values a caller supplies replace the fact and say so ([`Basis::Input`]).

use serde::{Deserialize, Serialize};

/// How much trust a figure deserves (the markers of `docs/domain/README.md`, plus `input`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Supplied by the caller.
    Input,
    /// Measured on the caller's own AWS account (restore jobs, aws-backup.md §18.4).
    Measured,
    /// Stated by an AWS source.
    Documented,
    /// drplan's arithmetic from sourced inputs.
    Derived,
    /// Community convention or one example; AWS does not state it as a default.
    Heuristic,
    /// No authoritative source found.
    Unconfirmed,
    /// A drplan planning default where the domain reference says "caller input": override it.
    PlanningDefault,
}

/// A default value with its provenance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fact {
    pub value: f64,
    pub basis: Basis,
    pub source: &'static str,
    /// What the default means, without saying how to override it (that depends on the caller).
    pub assumption: &'static str,
    /// The workload input that overrides the default in a strategy assessment (empty: none
    /// named); see [`Fact::described`].
    pub set_by: &'static str,
}

pub(crate) const fn fact(
    value: f64,
    basis: Basis,
    source: &'static str,
    assumption: &'static str,
) -> Fact {
    Fact {
        value,
        basis,
        source,
        assumption,
        set_by: "",
    }
}

impl Fact {
    /// The same fact, overridden in a workload by `input`.
    pub(crate) const fn set_by(self, input: &'static str) -> Fact {
        Fact {
            set_by: input,
            ..self
        }
    }

    /// The assumption as a strategy assessment reports it: with the workload input that
    /// overrides it, e.g. "1 h … (set backups.job_duration_seconds)".
    pub fn described(&self) -> String {
        if self.set_by.is_empty() {
            self.assumption.to_owned()
        } else {
            format!("{} (set {})", self.assumption, self.set_by)
        }
    }
}
