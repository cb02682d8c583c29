//! Roll-ups of an estate's rows: by account, Region, resource type and tag value, folded one
//! row at a time (no row is kept), so their memory grows with the number of keys, not resources.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::evaluate::EstateResourceRow;
use crate::provenance::Basis;
use crate::recovery::Disruption;

/// Most distinct values one tag key is rolled up by; the others are summed under
/// [`OTHER_VALUES`].
pub const MAX_TAG_VALUES: usize = 1_000;
/// The roll-up key of the tag values past [`MAX_TAG_VALUES`].
pub const OTHER_VALUES: &str = "(other values)";
/// The roll-up key of resources without the tag (or without a known account or Region).
pub const UNTAGGED: &str = "(none)";

/// Why a resource has no AWS Backup protection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum UnprotectedReason {
    /// No selection of any plan selects it.
    NoPlan,
    /// A plan selects it, but its type is not opted in (aws-backup.md §3.2 S-OPT).
    NotOptedIn,
    /// A plan selects it, but the plan does not apply in its account or Region.
    OutOfScope,
    /// AWS Backup does not support its type, or the type is unknown.
    UnsupportedType,
}

/// Unprotected resources, by reason.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct UnprotectedCounts {
    pub total: u64,
    pub no_plan: u64,
    pub not_opted_in: u64,
    pub out_of_scope: u64,
    pub unsupported_type: u64,
}

/// The worst RPO of a group of resources for one disruption.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct DisruptionRollup {
    pub disruption: Disruption,
    /// Resources with no recovery point surviving this disruption.
    pub not_covered: u64,
    /// The largest worst-case RPO among covered resources (seconds).
    pub worst_seconds: Option<f64>,
    /// The first resource with that RPO.
    pub worst_arn: Option<String>,
    /// Covered resources whose worst case is not known (fewer than two points in the horizon).
    pub unknown: u64,
}

/// Counts, RPO and spend of a group of resources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct Rollup {
    /// The account, Region, type or tag value (`"(none)"`: not known / not tagged).
    pub key: String,
    pub resources: u64,
    pub protected: u64,
    pub unprotected: UnprotectedCounts,
    /// Resources selected by two plans or more.
    pub protected_twice: u64,
    /// What the plans beyond each resource's most expensive one cost per month.
    pub extra_monthly_usd: f64,
    pub rpo: Vec<DisruptionRollup>,
    /// Steady monthly bill of the priced resources.
    pub monthly_usd: f64,
    /// Protected resources whose bill is unknown (a plan not simulated or not priced).
    pub unpriced: u64,
    pub size_gib: f64,
    /// Resources whose size is the default (aws-backup.md §19.3).
    pub default_sizes: u64,
}

/// The roll-ups of one tag key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct TagRollup {
    pub tag_key: String,
    pub values: Vec<Rollup>,
}

impl Rollup {
    fn new(key: &str) -> Self {
        Rollup {
            key: key.to_owned(),
            resources: 0,
            protected: 0,
            unprotected: UnprotectedCounts::default(),
            protected_twice: 0,
            extra_monthly_usd: 0.0,
            rpo: Disruption::ALL
                .iter()
                .map(|d| DisruptionRollup {
                    disruption: *d,
                    not_covered: 0,
                    worst_seconds: None,
                    worst_arn: None,
                    unknown: 0,
                })
                .collect(),
            monthly_usd: 0.0,
            unpriced: 0,
            size_gib: 0.0,
            default_sizes: 0,
        }
    }

    fn add(&mut self, row: &EstateResourceRow) {
        self.resources += 1;
        self.size_gib += row.size_gib;
        if row.size_basis != Basis::Input {
            self.default_sizes += 1;
        }
        if row.protected {
            self.protected += 1;
            match row.monthly_usd {
                Some(m) => self.monthly_usd += m,
                None => self.unpriced += 1,
            }
            if row.plans.len() > 1 {
                self.protected_twice += 1;
                self.extra_monthly_usd += row.extra_monthly_usd;
            }
        } else {
            let u = &mut self.unprotected;
            u.total += 1;
            match row.unprotected_reason {
                Some(UnprotectedReason::NotOptedIn) => u.not_opted_in += 1,
                Some(UnprotectedReason::OutOfScope) => u.out_of_scope += 1,
                Some(UnprotectedReason::UnsupportedType) => u.unsupported_type += 1,
                Some(UnprotectedReason::NoPlan) | None => u.no_plan += 1,
            }
        }
        for (acc, r) in self.rpo.iter_mut().zip(&row.rpo) {
            if !r.covered {
                acc.not_covered += 1;
                continue;
            }
            match r.worst_seconds {
                None => acc.unknown += 1,
                Some(w) => {
                    if acc.worst_seconds.is_none_or(|b| w > b) {
                        acc.worst_seconds = Some(w);
                        acc.worst_arn = Some(row.arn.clone());
                    }
                }
            }
        }
    }
}

/// The roll-ups being folded.
pub(crate) struct Rollups {
    totals: Rollup,
    by_account: HashMap<String, Rollup>,
    by_region: HashMap<String, Rollup>,
    by_type: HashMap<String, Rollup>,
    by_tag: Vec<(String, HashMap<String, Rollup>)>,
    multi_plan: bool,
}

fn slot<'a>(map: &'a mut HashMap<String, Rollup>, key: &str, cap: Option<usize>) -> &'a mut Rollup {
    let key = if key.is_empty() { UNTAGGED } else { key };
    let key = match cap {
        Some(c) if !map.contains_key(key) && map.len() >= c => OTHER_VALUES,
        _ => key,
    };
    map.entry(key.to_owned())
        .or_insert_with(|| Rollup::new(key))
}

fn sorted(map: HashMap<String, Rollup>) -> Vec<Rollup> {
    let b: BTreeMap<String, Rollup> = map.into_iter().collect();
    b.into_values().collect()
}

impl Rollups {
    pub(crate) fn new(tag_keys: &[String]) -> Self {
        Rollups {
            totals: Rollup::new("total"),
            by_account: HashMap::new(),
            by_region: HashMap::new(),
            by_type: HashMap::new(),
            by_tag: tag_keys
                .iter()
                .map(|k| (k.clone(), HashMap::new()))
                .collect(),
            multi_plan: false,
        }
    }

    pub(crate) fn add(&mut self, row: &EstateResourceRow, tags: &BTreeMap<String, String>) {
        self.multi_plan |= row.plans.len() > 1;
        self.totals.add(row);
        slot(&mut self.by_account, &row.account, None).add(row);
        slot(&mut self.by_region, &row.region, None).add(row);
        slot(&mut self.by_type, &row.resource_type, None).add(row);
        for (k, map) in &mut self.by_tag {
            let v = tags.get(k).map_or("", String::as_str);
            slot(map, v, Some(MAX_TAG_VALUES)).add(row);
        }
    }

    pub(crate) fn multi_plan_seen(&self) -> bool {
        self.multi_plan
    }

    #[allow(clippy::type_complexity)]
    pub(crate) fn finish(
        self,
    ) -> (
        Rollup,
        Vec<Rollup>,
        Vec<Rollup>,
        Vec<Rollup>,
        Vec<TagRollup>,
    ) {
        (
            self.totals,
            sorted(self.by_account),
            sorted(self.by_region),
            sorted(self.by_type),
            self.by_tag
                .into_iter()
                .map(|(k, m)| TagRollup {
                    tag_key: k,
                    values: sorted(m),
                })
                .collect(),
        )
    }
}
