//! The prepared state every phase shares: the constants, the rules and resources as the
//! simulator reads them, the vault groups, the compact points and their series, the context of
//! the RPO step, and what generating the points reads ([`Setup`]) and builds ([`Store`]).

use std::collections::{BTreeMap, BTreeSet};

use jiff::{SignedDuration, Timestamp};

use super::*;
use crate::backup::Lifecycle;
use crate::error::Issue;
use crate::provenance::{Basis, Fact};
use crate::strategy::facts as f;

pub(super) const DAY: i64 = 86_400;
pub(super) const WEEK: i64 = 7 * DAY;
pub(super) const MONTH_CYCLE: i64 = 31 * DAY;
pub(super) const YEAR_CYCLE: i64 = 366 * DAY;
/// Continuous retention assumed when a continuous rule sets none. Source: aws-backup.md §5.3 L7
/// (CDK defaults deleteAfter to 35 days; the service's behaviour is UNCONFIRMED).
pub(super) const CONTINUOUS_DEFAULT_RETENTION_DAYS: i64 = 35;
/// Most notes listed.
const MAX_NOTES: usize = 200;

/// SAP HANA PITR lag: no figure in drplan's sources.
const SAP_HANA_PITR_LAG: Fact = crate::provenance::fact(
    300.0,
    Basis::Unconfirmed,
    "aws-backup.md §8 (SAP HANA on Amazon EC2 supports continuous backup; no restorable lag is published, the RDS 5-min figure is used)",
    "PITR restorable to ≈ 5 min before the failure",
);

/// The PITR lag fact of a resource type (dr-strategies.md §5.2, §6).
pub(super) fn pitr_fact(resource_type: &str) -> &'static Fact {
    match resource_type {
        "RDS" => &f::RDS_PITR_LAG,
        "Aurora" => &f::AURORA_PITR_LAG,
        "S3" => &f::S3_PITR_LAG,
        _ => &SAP_HANA_PITR_LAG,
    }
}

// ---------------------------------------------------------------------------------------------
// Prepared inputs

/// A lifecycle as the simulator applies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Life {
    pub cold_days: Option<i64>,
    pub delete_days: Option<i64>,
    pub opt_in_archive: bool,
}

impl Life {
    pub(super) fn of(lc: Option<&Lifecycle>) -> Life {
        Life {
            // 0 is "not set" (Terraform drops zeros; the API meaning is UNCONFIRMED, L10).
            cold_days: lc.and_then(Lifecycle::cold_after_days).filter(|d| *d > 0),
            delete_days: lc.and_then(Lifecycle::retention_days),
            opt_in_archive: lc
                .and_then(|l| l.opt_in_to_archive_for_supported_resources)
                .unwrap_or(false),
        }
    }
}

#[derive(Debug, Clone)]
pub(super) struct CopyPrep {
    pub index: usize,
    pub arn: String,
    pub life: Life,
}

#[derive(Debug, Clone)]
pub(super) struct RulePrep {
    pub index: usize,
    pub name: String,
    pub expression: String,
    pub time_zone: String,
    /// Scheduled runs, seconds from the start, increasing.
    pub runs: Vec<i64>,
    pub window: i64,
    pub completion: i64,
    pub continuous: bool,
    pub life: Life,
    pub copies: Vec<CopyPrep>,
    pub cycle: i64,
    /// Day-of-month field of the cron (for coverage words).
    pub dom: String,
    /// Whether the rule sets StartWindowMinutes (else AWS's 480-minute default).
    pub window_given: bool,
}

impl RulePrep {
    /// Retention used to rank overlapping rules: longest first, indefinite longest.
    pub(super) fn rank(&self) -> i64 {
        self.life.delete_days.unwrap_or(i64::MAX)
    }

    pub fn retention_seconds(&self) -> Option<i64> {
        let d = if self.continuous {
            Some(
                self.life
                    .delete_days
                    .unwrap_or(CONTINUOUS_DEFAULT_RETENTION_DAYS),
            )
        } else {
            self.life.delete_days
        };
        d.map(|d| d * DAY)
    }
}

#[derive(Debug, Clone)]
pub(super) struct ResPrep {
    pub id: String,
    pub rtype: String,
    pub region: String,
    pub account: Option<String>,
    pub size: f64,
    pub change_per_day: f64,
    pub incremental: bool,
    pub protected: bool,
    pub selected_by: Vec<String>,
}

/// A vault (group of the inventory).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct VaultKey {
    pub name: String,
    pub region: String,
    pub account: Option<String>,
}

#[derive(Debug, Clone)]
pub(super) struct Group {
    pub key: VaultKey,
    pub air_gapped: bool,
}

#[derive(Debug, Default)]
pub(super) struct Groups {
    pub list: Vec<Group>,
    index: BTreeMap<VaultKey, usize>,
}

impl Groups {
    pub(super) fn get(&mut self, key: VaultKey, air_gapped: bool) -> usize {
        if let Some(i) = self.index.get(&key) {
            if let Some(g) = self.list.get_mut(*i) {
                g.air_gapped |= air_gapped;
            }
            return *i;
        }
        let i = self.list.len();
        self.index.insert(key.clone(), i);
        self.list.push(Group { key, air_gapped });
        i
    }
}

/// One simulated point (compact).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Raw {
    /// Creation (a copy: the source's).
    pub created: i64,
    /// When it exists in its vault (a copy: when it lands).
    pub appears: i64,
    pub size: f64,
    pub full: bool,
    pub cold: Option<i64>,
    pub deleted: Option<i64>,
    pub transferred: f64,
}

#[derive(Debug, Clone)]
pub(super) struct SeriesData {
    pub kind: SeriesKind,
    pub resource: usize,
    pub rule: Option<usize>,
    pub copy: Option<usize>,
    pub group: usize,
    pub source_group: Option<usize>,
    /// Its points, as regular runs in creation order.
    pub runs: Vec<Run>,
}

impl SeriesData {
    /// Points in the series.
    pub fn points(&self) -> u64 {
        self.runs.iter().map(|r| u64::from(r.count)).sum()
    }
}

/// A regular series of identical points: `first`, then `count − 1` more every `every` seconds
/// (all times shifted, everything else equal). The `repeat` of the cost records.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Run {
    pub first: Raw,
    pub count: u32,
    pub every: i64,
}

impl Run {
    /// Point `j` of the run.
    pub fn at(&self, j: u32) -> Raw {
        let d = i64::from(j) * self.every;
        let sh = |x: Option<i64>| x.map(|v| v + d);
        Raw {
            created: self.first.created + d,
            appears: self.first.appears + d,
            cold: sh(self.first.cold),
            deleted: sh(self.first.deleted),
            ..self.first
        }
    }

    pub fn last(&self) -> Raw {
        self.at(self.count.saturating_sub(1))
    }
}

/// Everything the RPO/coverage step needs.
pub(super) struct Ctx<'a> {
    pub rules: &'a [RulePrep],
    pub job: f64,
    pub job_fact: (Basis, String),
    pub copy_lag: f64,
    pub copy_fact: (Basis, String),
    pub pitr_override: Option<f64>,
    pub corruption: Option<i64>,
}

/// Modelling notes, each once, at most [`MAX_NOTES`].
pub(super) struct Notes {
    list: Vec<Issue>,
    seen: BTreeSet<(String, String, String)>,
}

impl Notes {
    pub(super) fn new() -> Notes {
        Notes {
            list: Vec::new(),
            seen: BTreeSet::new(),
        }
    }

    /// The notes, in the order they were pushed.
    pub(super) fn into_list(self) -> Vec<Issue> {
        self.list
    }

    pub(super) fn push(&mut self, i: Issue) {
        if self.list.len() >= MAX_NOTES {
            return;
        }
        if self
            .seen
            .insert((i.code.clone(), i.path.clone(), i.message.clone()))
        {
            self.list.push(i);
        }
    }
}

/// Paths into the plan argument, or into the original document when the plan has a source map.
pub(super) struct PlanPaths<'a> {
    pub plan: &'a BackupPlan,
}

impl PlanPaths<'_> {
    pub(super) fn issue(&self, mut i: Issue) -> Issue {
        match &self.plan.source {
            Some(sm) => {
                i.path = sm.original(&i.path);
                i.in_input("document")
            }
            None => i.in_input("plan"),
        }
    }
}

pub(super) fn rfc3339(start: Timestamp, offset: i64) -> String {
    start
        .checked_add(SignedDuration::from_secs(offset))
        .map(|t| t.to_string())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Generation

/// What generating every resource's points reads.
pub(super) struct Setup<'a> {
    pub plan: &'a BackupPlan,
    pub rules: &'a [RulePrep],
    pub options: &'a SimulationOptions,
    pub ctx: &'a Ctx<'a>,
    pub paths: PlanPaths<'a>,
    /// The logically air-gapped vaults among the options' vaults.
    pub lag_vaults: Vec<&'a BackupVault>,
    /// Job duration and copy lag in whole seconds.
    pub job_s: i64,
    pub lag_s: i64,
    /// `false` keeps every point as its own run (tests compare both paths).
    pub compress: bool,
}

impl Setup<'_> {
    /// Whether a vault is logically air-gapped: its ARN, or its name in its Region, is one of
    /// the options' air-gapped vaults.
    pub(super) fn is_lag(&self, name: &str, arn: Option<&str>, region: &str) -> bool {
        self.lag_vaults.iter().any(|v| {
            (arn.is_some() && v.arn.as_deref() == arn)
                || (v.name == name && v.region.as_deref().is_none_or(|r| r == region))
        })
    }

    /// How long after its scheduled time a rule's job starts (option `start_timing`).
    pub(super) fn delay(&self, rule: &RulePrep) -> i64 {
        match self.options.start_timing {
            StartTiming::Scheduled => 0,
            StartTiming::WindowEnd => rule.window,
        }
    }
}

/// What generating the points builds, resource after resource.
#[derive(Debug, Default)]
pub(super) struct Store {
    pub groups: Groups,
    pub series: Vec<SeriesData>,
    /// Chain bases: one series per chain that leaves any.
    pub bases: Vec<SeriesData>,
    /// Copy actions already warned about: (rule, copy action).
    pub warned_copy: BTreeSet<(usize, usize)>,
}
