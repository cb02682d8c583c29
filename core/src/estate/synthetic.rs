//! A synthetic estate for tests and benchmarks: deterministic from a seed (accounts, Regions,
//! types, tags, plans with every kind of selection and scope), with no I/O, clock or global
//! randomness.

use crate::rng::SplitMix64;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::{Estate, EstatePlan, EstateResource, NativeProtection, ServiceOptIn};
use serde_json::{json, Value};

use crate::backup::{
    BackupPlan, BackupSelection, ConditionKeyValue, SelectionConditions, TagCondition,
};
use crate::simulation::ChangeRate;
use crate::units::Gib;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct SyntheticSpec {
    pub seed: u64,
    pub resources: usize,
    pub plans: usize,
    /// Accounts (12-digit ids from 100000000000).
    pub accounts: usize,
    /// Regions, taken in order from a fixed list of 6.
    pub regions: usize,
}

/// The seeded generator with the two draws the synthetic estate makes.
struct Rng(SplitMix64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0.below(n as u64) as usize
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> Option<&'a T> {
        v.get(self.below(v.len()))
    }
}

const REGIONS: [&str; 6] = [
    "us-east-1",
    "eu-west-1",
    "us-west-2",
    "eu-central-1",
    "ap-southeast-2",
    "ap-northeast-1",
];
const ENVS: [&str; 3] = ["prod", "staging", "dev"];
const TEAMS: [&str; 5] = ["payments", "search", "identity", "data", "web"];
const TIERS: [&str; 3] = ["daily", "hourly", "weekly"];
/// Change fractions per day (a few, so schedule groups stay few).
const RATES: [f64; 3] = [0.01, 0.02, 0.05];

fn account(i: usize) -> String {
    format!("{:012}", 100_000_000_000u64 + i as u64)
}

/// (type, ARN) of resource `i`.
fn resource_arn(rng: &mut Rng, i: usize, region: &str, acct: &str) -> (&'static str, String) {
    match rng.below(6) {
        0 => (
            "EBS",
            format!("arn:aws:ec2:{region}:{acct}:volume/vol-{i:017x}"),
        ),
        1 => (
            "EC2",
            format!("arn:aws:ec2:{region}:{acct}:instance/i-{i:017x}"),
        ),
        2 => ("RDS", format!("arn:aws:rds:{region}:{acct}:db:db-{i}")),
        3 => ("S3", format!("arn:aws:s3:::bucket-{acct}-{i}")),
        4 => (
            "DynamoDB",
            format!("arn:aws:dynamodb:{region}:{acct}:table/t-{i}"),
        ),
        _ => (
            "EFS",
            format!("arn:aws:elasticfilesystem:{region}:{acct}:file-system/fs-{i:08x}"),
        ),
    }
}

fn rule(
    name: &str,
    cron: &str,
    retention: i64,
    vault: &str,
    cold: Option<i64>,
    copy_to: Option<String>,
) -> Value {
    let lifecycle = match cold {
        Some(c) => json!({"delete_after_days": retention, "move_to_cold_after_days": c}),
        None => json!({"delete_after_days": retention}),
    };
    let copies = match copy_to {
        Some(arn) => {
            json!([{"destination_vault_arn": arn, "lifecycle": {"delete_after_days": 35}}])
        }
        None => json!([]),
    };
    json!({
        "name": name,
        "target_vault_name": vault,
        "schedule_expression": cron,
        "lifecycle": lifecycle,
        "copy_actions": copies,
    })
}

fn selection(name: String) -> BackupSelection {
    BackupSelection {
        name,
        plan_name: None,
        iam_role_arn: None,
        resources: vec![],
        not_resources: vec![],
        list_of_tags: vec![],
        conditions: SelectionConditions::default(),
        source: None,
    }
}

fn cond(k: &str, v: &str) -> ConditionKeyValue {
    ConditionKeyValue {
        key: format!("aws:ResourceTag/{k}"),
        value: v.to_owned(),
    }
}

fn plan(rng: &mut Rng, i: usize, spec: &SyntheticSpec, regions: &[&str]) -> Option<EstatePlan> {
    let vault = format!("vault-{i}");
    let tier = TIERS.get(i % TIERS.len()).copied().unwrap_or("daily");
    let home = regions
        .get(i % regions.len().max(1))
        .copied()
        .unwrap_or("us-east-1");
    let owner = account(i % spec.accounts.max(1));
    let copy_to = if i % 3 == 0 {
        // A cross-Region copy.
        let other = regions
            .get((i + 1) % regions.len().max(1))
            .copied()
            .unwrap_or("eu-west-1");
        Some(format!(
            "arn:aws:backup:{other}:{owner}:backup-vault:dr-{i}"
        ))
    } else if i % 5 == 2 {
        // A cross-account copy (same Region).
        let vault_acct = account(spec.accounts.max(1) + 1);
        Some(format!(
            "arn:aws:backup:{home}:{vault_acct}:backup-vault:isolated-{i}"
        ))
    } else {
        None
    };
    let first = match tier {
        "hourly" => rule("hourly", "cron(0 * ? * * *)", 7, &vault, None, copy_to),
        "weekly" => rule("weekly", "cron(0 3 ? * SUN *)", 90, &vault, None, copy_to),
        _ => rule("daily", "cron(0 5 ? * * *)", 35, &vault, None, copy_to),
    };
    let mut rules = vec![first];
    if i % 4 == 1 {
        rules.push(rule(
            "monthly",
            "cron(0 4 1 * ? *)",
            365,
            &vault,
            Some(30),
            None,
        ));
    }
    let env = ENVS.get(i % ENVS.len()).copied().unwrap_or("prod");
    let team = TEAMS.get(rng.below(TEAMS.len())).copied().unwrap_or("web");
    let mut s = selection(format!("sel-{i}"));
    match i % 6 {
        0 => s.list_of_tags.push(TagCondition {
            condition_type: "STRINGEQUALS".into(),
            key: "backup".into(),
            value: tier.into(),
        }),
        1 => {
            s.resources.push("*".into());
            s.conditions.string_equals.push(cond("env", env));
            s.conditions.string_equals.push(cond("team", team));
        }
        2 => {
            s.resources.push("arn:aws:ec2:*:*:volume/*".into());
            s.resources.push("arn:aws:rds:*:*:db:*".into());
            s.conditions
                .string_like
                .push(cond("team", &format!("{}*", &team[..2])));
        }
        3 => {
            s.resources.push("*".into());
            s.not_resources.push("arn:aws:ec2:*:*:volume/*".into());
            s.conditions.string_equals.push(cond("backup", tier));
            s.conditions.string_not_equals.push(cond("env", "dev"));
        }
        4 => {
            s.resources.push("arn:aws:dynamodb:*:*:table/*".into());
            s.resources.push("arn:aws:s3:::*".into());
            s.conditions.string_not_like.push(cond("team", "*web*"));
        }
        _ => {
            s.resources
                .push(format!("arn:aws:elasticfilesystem:*:{owner}:file-system/*"));
            s.list_of_tags.push(TagCondition {
                condition_type: "STRINGEQUALS".into(),
                key: "env".into(),
                value: env.into(),
            });
        }
    }
    // Scope: a Regional plan of one account, or an Organizations plan over several.
    let (p, accounts, plan_regions) = if i % 2 == 0 {
        (
            json!({"name": format!("plan-{i}"), "rules": rules, "account": owner, "region": home}),
            vec![owner],
            vec![home.to_owned()],
        )
    } else {
        let accts: Vec<String> = (0..spec.accounts)
            .filter(|a| (a + i) % 3 != 0)
            .map(account)
            .collect();
        (
            json!({"name": format!("plan-{i}"), "rules": rules}),
            accts,
            regions
                .iter()
                .take(2 + i % 3)
                .map(|r| (*r).to_owned())
                .collect(),
        )
    };
    // The JSON above is a valid normalized plan; a plan that did not read would be left out
    // (the tests count the plans).
    let plan: BackupPlan = serde_json::from_value(p).ok()?;
    Some(EstatePlan {
        id: format!("plan-{i}"),
        plan,
        selections: vec![s],
        accounts,
        regions: plan_regions,
        source: None,
    })
}

/// The estate of `spec`: the same spec gives the same estate.
pub fn synthetic_estate(spec: &SyntheticSpec) -> Estate {
    let mut rng = Rng(SplitMix64::new(spec.seed));
    let regions: Vec<&str> = REGIONS
        .iter()
        .take(spec.regions.clamp(1, REGIONS.len()))
        .copied()
        .collect();
    let plans = (0..spec.plans)
        .filter_map(|i| plan(&mut rng, i, spec, &regions))
        .collect();
    let resources = (0..spec.resources)
        .map(|i| {
            let acct = account(rng.below(spec.accounts.max(1)));
            let region = rng.pick(&regions).copied().unwrap_or("us-east-1");
            let (rtype, arn) = resource_arn(&mut rng, i, region, &acct);
            let mut tags = BTreeMap::new();
            if rng.below(10) < 7 {
                tags.insert(
                    "backup".to_owned(),
                    TIERS
                        .get(rng.below(TIERS.len()))
                        .copied()
                        .unwrap_or("daily")
                        .to_owned(),
                );
            }
            tags.insert(
                "env".to_owned(),
                ENVS.get(rng.below(ENVS.len()))
                    .copied()
                    .unwrap_or("dev")
                    .to_owned(),
            );
            tags.insert(
                "team".to_owned(),
                TEAMS
                    .get(rng.below(TEAMS.len()))
                    .copied()
                    .unwrap_or("web")
                    .to_owned(),
            );
            let size = (rng.below(10) != 0).then(|| Gib((1 + rng.below(2_000)) as f64));
            let rate = RATES.get(rng.below(RATES.len())).copied().unwrap_or(0.02);
            let native = if rtype == "RDS" {
                NativeProtection {
                    automated_backup_retention_days: Some(
                        [0u32, 1, 7, 35].get(rng.below(4)).copied().unwrap_or(7),
                    ),
                    multi_az: Some(rng.below(2) == 0),
                    ..NativeProtection::default()
                }
            } else if rtype == "DynamoDB" {
                NativeProtection {
                    point_in_time_recovery: Some(rng.below(2) == 0),
                    ..NativeProtection::default()
                }
            } else {
                NativeProtection::default()
            };
            EstateResource {
                arn,
                resource_type: Some(rtype.to_owned()),
                account: Some(acct),
                region: Some(region.to_owned()),
                tags,
                size_gib: size,
                change_rate: Some(ChangeRate::FractionPerDay(rate)),
                native,
                source: None,
            }
        })
        .collect();
    // One Region where EFS is not opted in, in every account.
    let opt_in = regions
        .last()
        .map(|r| {
            vec![ServiceOptIn {
                account: None,
                region: (*r).to_owned(),
                resource_type: "EFS".to_owned(),
                opted_in: false,
            }]
        })
        .unwrap_or_default();
    Estate {
        plans,
        resources,
        opt_in,
    }
}
