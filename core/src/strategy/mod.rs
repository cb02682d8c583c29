//! The DR strategies (dr-strategies.md §3) and the Multi-AZ baseline that is HA, not DR (§4.2).

pub mod facts;
pub(crate) mod preset;

pub use preset::{AutomationInForce, ComponentMechanisms};

use serde::{Deserialize, Deserializer, Serialize};

/// A DR strategy, or the Multi-AZ-only HA baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Strategy {
    /// High availability inside one Region; no recovery site. Not DR (§4.2).
    MultiAzOnly,
    BackupRestore,
    PilotLight,
    WarmStandby,
    MultiSite,
}

impl Strategy {
    pub const ALL: [Strategy; 5] = [
        Strategy::MultiAzOnly,
        Strategy::BackupRestore,
        Strategy::PilotLight,
        Strategy::WarmStandby,
        Strategy::MultiSite,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Strategy::MultiAzOnly => "Multi-AZ only (HA baseline, not DR)",
            Strategy::BackupRestore => "Backup & restore",
            Strategy::PilotLight => "Pilot light",
            Strategy::WarmStandby => "Warm standby",
            Strategy::MultiSite => "Multi-site active/active",
        }
    }

    /// What runs in the recovery site (dr-strategies.md §3, [WA-BP02]).
    pub fn recovery_site(self) -> &'static str {
        match self {
            Strategy::MultiAzOnly => {
                "nothing outside the primary Region: standbys in other AZs only"
            }
            Strategy::BackupRestore => "nothing but backups copied to the recovery site",
            Strategy::PilotLight => {
                "the data tier, always on and replicating; compute not deployed"
            }
            Strategy::WarmStandby => {
                "a scaled-down but fully functional copy of the whole workload"
            }
            Strategy::MultiSite => "a full stack serving traffic; data synchronised",
        }
    }

    /// Ordinal cost rank ($ … $$$$) from dr-strategies.md §3; the baseline is 0.
    pub fn cost_rank(self) -> u8 {
        match self {
            Strategy::MultiAzOnly => 0,
            Strategy::BackupRestore => 1,
            Strategy::PilotLight => 2,
            Strategy::WarmStandby => 3,
            Strategy::MultiSite => 4,
        }
    }

    /// Whether the data tier runs (replicating) in the recovery site.
    pub fn replicates_data(self) -> bool {
        matches!(
            self,
            Strategy::PilotLight | Strategy::WarmStandby | Strategy::MultiSite
        )
    }
}

/// A strategy choice for [`crate::estimate_recovery`]: a name (`"pilot_light"`) or an object
/// `{"strategy": "warm_standby", "standby_scale": 0.5}`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct StrategySpec {
    pub strategy: Strategy,
    /// Warm standby only: share of production capacity running (overrides the workload's).
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub standby_scale: Option<f64>,
}

impl From<Strategy> for StrategySpec {
    fn from(strategy: Strategy) -> Self {
        StrategySpec {
            strategy,
            standby_scale: None,
        }
    }
}

impl<'de> Deserialize<'de> for StrategySpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Obj {
            strategy: Strategy,
            #[serde(default)]
            standby_scale: Option<f64>,
        }
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(s) => {
                let strategy = Strategy::deserialize(serde::de::value::StrDeserializer::<D::Error>::new(&s))?;
                Ok(StrategySpec { strategy, standby_scale: None })
            }
            serde_json::Value::Object(map) => {
                let o: Obj = crate::boundary::tagged_variant(map)?;
                if let Some(s) = o.standby_scale {
                    if !(s > 0.0 && s <= 1.0) {
                        return Err(serde::de::Error::custom(format!(
                            "{}/standby_scale{}out of range: standby_scale must be in (0, 1]",
                            crate::boundary::PATH_MARK,
                            crate::boundary::PATH_END
                        )));
                    }
                }
                Ok(StrategySpec { strategy: o.strategy, standby_scale: o.standby_scale })
            }
            other => Err(serde::de::Error::custom(format!(
                "invalid type: {other}, expected a strategy name such as \"pilot_light\" or {{\"strategy\": …, \"standby_scale\": …}}"
            ))),
        }
    }
}
