//! The kinds of disruption drplan assesses.

use serde::{Deserialize, Serialize};

/// The kinds of disruption drplan assesses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Disruption {
    /// Loss of one Availability Zone (or of one component's host).
    Az,
    /// Loss of the primary Region (or site).
    Region,
    /// Data corruption, destructive change or ransomware: replicas copy it (§4.3).
    Corruption,
    /// The primary account is compromised: only copies outside it count (§8).
    AccountCompromise,
}

impl Disruption {
    pub const ALL: [Disruption; 4] = [
        Disruption::Az,
        Disruption::Region,
        Disruption::Corruption,
        Disruption::AccountCompromise,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Disruption::Az => "Availability Zone loss",
            Disruption::Region => "Region loss",
            Disruption::Corruption => "data corruption / ransomware",
            Disruption::AccountCompromise => "account compromise",
        }
    }
}
