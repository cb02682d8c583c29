//! Where a rule or figure comes from.

use serde::{Deserialize, Serialize};

/// Where a rule or figure comes from: the section of drplan's domain notes and the primary source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct Reference {
    /// e.g. `"migration.md §3.4"`.
    pub section: String,
    /// e.g. `"AUR AuroraMySQL.Migrating.ExtMySQL"` or a URL.
    pub source: String,
}

impl Reference {
    pub fn new(section: &str, source: &str) -> Reference {
        Reference {
            section: section.to_owned(),
            source: source.to_owned(),
        }
    }
}
