//! Resiliency policy: RTO/RPO targets per disruption type, natively or imported from an AWS
//! Resilience Hub policy.
//!
//! Resilience Hub mapping (dr-strategies.md §7.1; its four types are Software, Hardware, AZ, Region):
//!
//! | Resilience Hub | drplan | why |
//! |---|---|---|
//! | `AZ` | `az` | same event |
//! | `Hardware` (console: Infrastructure) | `az` | a host or component failure is recovered by the same in-Region HA mechanism; the stricter of `Hardware` and `AZ` applies |
//! | `Region` (optional) | `region` | same event |
//! | `Software` (console: Application) | `corruption` | application faults and bad changes are undone from point-in-time copies |
//! | — | `account_compromise` | Resilience Hub has no such type: no target |

use serde::{Deserialize, Serialize};

use crate::error::{join, Error, Issue};
use crate::recovery::Disruption;
use crate::units::{Seconds, MAX_SECONDS};

/// RTO/RPO targets for one disruption type; either may be absent (then it is not checked). A
/// target that is present must be a duration: `null` is refused (`invalid_type`), because the
/// bindings hand over NaN and the infinities as `null`, and a NaN target must not silently
/// become "no target".
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Target {
    #[serde(default, deserialize_with = "present")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub rto_seconds: Option<Seconds>,
    #[serde(default, deserialize_with = "present")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub rpo_seconds: Option<Seconds>,
}

/// A target that is there: a duration, never `null`.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Seconds>, D::Error> {
    Seconds::deserialize(d).map(Some)
}

/// Targets per disruption type.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Targets {
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub az: Option<Target>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub region: Option<Target>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub corruption: Option<Target>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub account_compromise: Option<Target>,
}

impl Targets {
    pub fn get(&self, d: Disruption) -> Option<Target> {
        match d {
            Disruption::Az => self.az,
            Disruption::Region => self.region,
            Disruption::Corruption => self.corruption,
            Disruption::AccountCompromise => self.account_compromise,
        }
    }
}

/// A resiliency policy in drplan's own shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Policy {
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub name: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub tier: Option<String>,
    pub targets: Targets,
}

impl Policy {
    /// Every target must be a finite number of seconds from 0 to [`MAX_SECONDS`] (a typed caller
    /// can build any `Seconds`; JSON input is checked as it is read): a NaN target would drop out
    /// of every comparison and pass every strategy.
    pub(crate) fn check_targets(&self) -> Result<(), Error> {
        let mut issues = Vec::new();
        for (key, t) in [
            ("az", self.targets.az),
            ("region", self.targets.region),
            ("corruption", self.targets.corruption),
            ("account_compromise", self.targets.account_compromise),
        ] {
            let Some(t) = t else { continue };
            for (field, v) in [
                ("rto_seconds", t.rto_seconds),
                ("rpo_seconds", t.rpo_seconds),
            ] {
                if let Some(v) = v {
                    if !(v.get().is_finite() && (0.0..=MAX_SECONDS).contains(&v.get())) {
                        issues.push(
                            Issue::error(
                                "out_of_range",
                                join(&join("/targets", key), field),
                                format!(
                                    "{field} {} must be a finite number of seconds from 0 to {MAX_SECONDS:e}",
                                    v.get()
                                ),
                            )
                            .in_input("policy"),
                        );
                    }
                }
            }
        }
        if issues.is_empty() {
            Ok(())
        } else {
            Err(Error::invalid(issues))
        }
    }
}

/// RTO/RPO of one Resilience Hub disruption type (integers ≥ 0, seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RhFailurePolicy {
    pub rto_in_secs: u64,
    pub rpo_in_secs: u64,
}

/// The `policy` map of a Resilience Hub resiliency policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
#[allow(non_snake_case)]
pub struct RhPolicyMap {
    pub Software: RhFailurePolicy,
    pub Hardware: RhFailurePolicy,
    pub AZ: RhFailurePolicy,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub Region: Option<RhFailurePolicy>,
}

/// An AWS Resilience Hub resiliency policy (CreateResiliencyPolicy input or the `policy` object of
/// DescribeResiliencyPolicy output), dr-strategies.md §7.1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ResilienceHubPolicy {
    pub policy_name: String,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub policy_description: Option<String>,
    pub tier: RhTier,
    pub policy: RhPolicyMap,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub data_location_constraint: Option<String>,
}

/// Resilience Hub tiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum RhTier {
    MissionCritical,
    Critical,
    Important,
    CoreServices,
    NonCritical,
    NotApplicable,
}

fn secs(v: u64) -> Option<Seconds> {
    Some(Seconds(v as f64))
}

impl ResilienceHubPolicy {
    /// Convert to drplan's policy using the mapping in the module docs, with the notes a reader
    /// needs (zero targets, the stricter of Hardware and AZ).
    pub fn to_policy(&self) -> (Policy, Vec<Issue>) {
        let p = &self.policy;
        let mut notes = Vec::new();
        let az = Target {
            rto_seconds: secs(p.AZ.rto_in_secs.min(p.Hardware.rto_in_secs)),
            rpo_seconds: secs(p.AZ.rpo_in_secs.min(p.Hardware.rpo_in_secs)),
        };
        if p.Hardware != p.AZ {
            notes.push(Issue::info(
                "rh_hardware_merged_into_az",
                "/policy/Hardware",
                "Hardware and AZ targets differ: drplan checks AZ loss against the stricter of the two",
            ));
        }
        let mut zero = Vec::new();
        for (k, fp) in [
            ("Software", Some(p.Software)),
            ("Hardware", Some(p.Hardware)),
            ("AZ", Some(p.AZ)),
            ("Region", p.Region),
        ] {
            if let Some(fp) = fp {
                if fp.rto_in_secs == 0 {
                    zero.push(format!("/policy/{k}/rtoInSecs"));
                }
                if fp.rpo_in_secs == 0 {
                    zero.push(format!("/policy/{k}/rpoInSecs"));
                }
            }
        }
        for path in zero {
            notes.push(
                Issue::warning(
                    "rh_zero_target",
                    path,
                    "a zero target is always breached in Resilience Hub, whose assessments only reach 'near zero' (dr-strategies.md §7.1)",
                )
                .with_hint("use 1 s for 'near zero'"),
            );
        }
        notes.push(Issue::info(
            "rh_no_account_target",
            "/policy",
            "Resilience Hub has no account-compromise disruption type: that disruption is assessed but not checked",
        ));
        let policy = Policy {
            name: Some(self.policy_name.clone()),
            tier: Some(format!("{:?}", self.tier)),
            targets: Targets {
                az: Some(az),
                region: p.Region.map(|r| Target {
                    rto_seconds: secs(r.rto_in_secs),
                    rpo_seconds: secs(r.rpo_in_secs),
                }),
                corruption: Some(Target {
                    rto_seconds: secs(p.Software.rto_in_secs),
                    rpo_seconds: secs(p.Software.rpo_in_secs),
                }),
                account_compromise: None,
            },
        };
        (
            policy,
            notes.into_iter().map(|i| i.in_input("policy")).collect(),
        )
    }
}

/// Read a policy document in either shape: drplan's (`{"targets": …}`) or Resilience Hub's
/// (`{"policyName": …, "tier": …, "policy": {…}}`, optionally wrapped as `{"policy": {…}}` from
/// DescribeResiliencyPolicy output).
pub fn policy_from_value(value: serde_json::Value) -> Result<(Policy, Vec<Issue>), Error> {
    let is_rh = |v: &serde_json::Value| {
        v.get("policyName").is_some()
            || v.get("tier").is_some_and(|t| t.is_string()) && v.get("policy").is_some()
    };
    if is_rh(&value) {
        let rh: ResilienceHubPolicy = crate::boundary::from_value("policy", value)?;
        return Ok(rh.to_policy());
    }
    if let Some(inner) = value.get("policy").filter(|v| is_rh(v)).cloned() {
        let rh: ResilienceHubPolicy =
            crate::boundary::from_value("policy", inner).map_err(|mut e| {
                for i in &mut e.issues {
                    i.path = format!("/policy{}", i.path);
                }
                e
            })?;
        return Ok(rh.to_policy());
    }
    let p: Policy = crate::boundary::from_value("policy", value)?;
    Ok((p, Vec::new()))
}
