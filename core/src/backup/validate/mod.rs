//! Validation of a normalized plan (with its vaults and selections): every problem at once.
//!
//! Each check cites its rule in aws-backup.md (§5 rule IDs such as `W1`, `L1`, `S4`; §10 for Vault
//! Lock; §13 for quotas). HARD rules are errors; HEURISTIC, UNCONFIRMED and CONFLICT-stricter
//! bounds are warnings; facts worth knowing are info. Issue codes are stable.
//!
//! Paths: an issue is built against the normalized object (`/rules/0/lifecycle/delete_after_days`)
//! and then mapped through the object's [`SourceMap`] into the user's original document
//! (`input: "document"`). Without a source map the path stays in the argument (`input: "plan"`,
//! `"vaults"`, `"selections"`). Values the importer could not read (listed in
//! `SourceMap::unresolved`) are skipped: they were reported once already.

mod plan;
mod plan_wide;
mod rule;
mod selection;
#[cfg(test)]
mod tests;
mod vault_lock;

use super::model::*;
use crate::error::Issue;

use plan::check_plan;
use plan_wide::{check_coverage, check_plan_level_rules};
use rule::check_rule;
use selection::check_selections;
use vault_lock::{check_vault, VaultIndex};

pub use rule::cron_body;

/// Source: aws-backup.md §13 (rules per plan, newest quota page) / rule S4.
pub const MAX_RULES_PER_PLAN: usize = 10;
/// Source: aws-backup.md §13 / rule S5.
pub const MAX_COPY_ACTIONS_PER_RULE: usize = 5;
/// Source: aws-backup.md §13 / rule S6.
pub const MAX_RECOVERY_POINT_TAGS: usize = 10;
/// Rules compared pairwise for overlaps at most: the quota (S4); past it the plan is an error
/// already and pairwise warnings would only be noise.
const MAX_OVERLAP_RULES: usize = MAX_RULES_PER_PLAN;
/// Source: aws-backup.md §5.2 W1.
pub const MIN_START_WINDOW_MINUTES: i64 = 60;
/// 100 years in minutes. Source: aws-backup.md §5.2 W2/W5 ([BC-backup]).
pub const MAX_WINDOW_MINUTES: i64 = 52_560_000;
/// 100 years in days. Source: aws-backup.md §5.3 L2/L3.
pub const MAX_LIFECYCLE_DAYS: i64 = 36_500;
/// Cold-storage minimum. Source: aws-backup.md §5.3 L1.
pub const COLD_MINIMUM_DAYS: i64 = 90;
/// Continuous-backup retention bound. Source: aws-backup.md §5.3 L7 / §8 ([PITR]).
pub const MAX_CONTINUOUS_RETENTION_DAYS: i64 = 35;
/// Warm retention below which incremental backups suffer. Source: aws-backup.md §5.3 L8 (HEURISTIC).
pub const MIN_WARM_DAYS_ADVICE: i64 = 7;
/// Source: aws-backup.md §5.4 S7.
pub const MAX_SELECTION_ARNS: usize = 500;
/// Source: aws-backup.md §5.4 S7 (when any ARN has a wildcard).
pub const MAX_SELECTION_ARNS_WILDCARD: usize = 30;
/// Selections per plan: CONFLICT, 100 (error) vs 10 (warning). Source: aws-backup.md §13.
pub const MAX_SELECTIONS_PER_PLAN: usize = 100;
pub const MAX_SELECTIONS_PER_PLAN_STRICT: usize = 10;
/// Source: aws-backup.md §13 (tag-based selections per plan).
pub const MAX_TAG_SELECTIONS_PER_PLAN: usize = 10;
/// Source: aws-backup.md §13 (tags in one selection).
pub const MAX_TAGS_PER_SELECTION: usize = 30;
/// Source: aws-backup.md §10.1 (ChangeableForDays ≥ 3: 72-hour cooling-off; ≤ 36,500).
pub const MIN_CHANGEABLE_FOR_DAYS: i64 = 3;
/// Source: aws-backup.md §10.2 (CreateLogicallyAirGappedBackupVault: MinRetentionDays ≥ 7).
pub const MIN_LAG_RETENTION_DAYS: i64 = 7;

/// Which argument an issue belongs to before path mapping.
#[derive(Clone, Copy)]
enum Target {
    Plan,
    Vault(usize),
    Selection(usize),
}

struct Ctx<'a> {
    plan: &'a BackupPlan,
    vaults: &'a [BackupVault],
    index: VaultIndex,
    selections: &'a [BackupSelection],
    out: Vec<(Target, Issue)>,
}

impl Ctx<'_> {
    fn push(&mut self, t: Target, issue: Issue) {
        self.out.push((t, issue));
    }

    fn plan_known(&self, norm: &str) -> bool {
        !self
            .plan
            .source
            .as_ref()
            .is_some_and(|s| s.is_unresolved(norm))
    }

    /// Whether a plan value holds pseudo-parameters CloudFormation substitutes (§16.4).
    fn plan_substituted(&self, norm: &str) -> bool {
        self.plan
            .source
            .as_ref()
            .is_some_and(|s| s.is_substituted(norm))
    }

    fn finish(self) -> Vec<Issue> {
        let Ctx {
            plan,
            vaults,
            selections,
            out,
            ..
        } = self;
        let mut issues: Vec<Issue> = out
            .into_iter()
            .map(|(t, i)| {
                let (src, prefix, input) = match t {
                    Target::Plan => (plan.source.as_ref(), String::new(), "plan"),
                    Target::Vault(j) => (
                        vaults.get(j).and_then(|v| v.source.as_ref()),
                        format!("/{j}"),
                        "vaults",
                    ),
                    Target::Selection(k) => (
                        selections.get(k).and_then(|s| s.source.as_ref()),
                        format!("/{k}"),
                        "selections",
                    ),
                };
                match src {
                    Some(sm) => {
                        let mut i = i;
                        i.path = sm.original(&i.path);
                        i.in_input(super::import::INPUT)
                    }
                    None => i.under(&prefix).in_input(input),
                }
            })
            .collect();
        // Errors first, then warnings, then info; input order within each (stable sort).
        issues.sort_by_key(|i| i.severity);
        issues
    }
}

/// The longest value of each pseudo-parameter CloudFormation substitutes at deploy
/// (aws-backup.md §16.4): the longest Region code of the commercial, China and GovCloud
/// partitions (14 characters), a 12-digit account ID, the longest of those partitions' names.
pub const PSEUDO_WORST: &[(&str, &str)] = &[
    ("${AWS::Region}", "ap-southeast-7"),
    ("${AWS::AccountId}", "123456789012"),
    ("${AWS::Partition}", "aws-us-gov"),
];

/// A name as CloudFormation deploys it: when `substituted`, each pseudo-parameter replaced by
/// its longest value, with the assumption spelled out for a message (`None` when nothing was
/// replaced).
fn as_deployed(s: &str, substituted: bool) -> (String, Option<String>) {
    if !substituted {
        return (s.to_owned(), None);
    }
    let mut out = s.to_owned();
    let mut used = Vec::new();
    for (p, worst) in PSEUDO_WORST {
        if out.contains(p) {
            out = out.replace(p, worst);
            used.push(format!("{p} = {worst:?} ({} characters)", worst.len()));
        }
    }
    if used.is_empty() {
        return (out, None);
    }
    let note = format!(
        "once deployed, with the longest values CloudFormation may substitute: {}",
        used.join(", ")
    );
    (out, Some(note))
}

/// A name rule's hint, citing the substitution assumption when one was made.
fn with_substitution(hint: &str, substituted: bool) -> String {
    if substituted {
        format!("{hint}, §16.4")
    } else {
        hint.to_owned()
    }
}

fn name_ok(s: &str, min: usize, max: usize, allow_dot: bool) -> bool {
    let n = s.chars().count();
    n >= min
        && n <= max
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || (allow_dot && c == '.'))
}

/// Validate a plan together with the vaults and selections it uses (both may be empty).
pub fn validate(
    plan: &BackupPlan,
    vaults: &[BackupVault],
    selections: &[BackupSelection],
) -> Vec<Issue> {
    validate_with(plan, vaults, selections, true)
}

/// [`validate`], optionally without the checks of the vaults themselves (a document with many
/// plans checks its vaults once).
pub(crate) fn validate_with(
    plan: &BackupPlan,
    vaults: &[BackupVault],
    selections: &[BackupSelection],
    check_vaults: bool,
) -> Vec<Issue> {
    let mut plan_n = plan.clone();
    plan_n.normalize();
    let vaults_n: Vec<BackupVault> = vaults
        .iter()
        .cloned()
        .map(|mut v| {
            v.normalize();
            v
        })
        .collect();
    let mut ctx = Ctx {
        plan: &plan_n,
        vaults: &vaults_n,
        index: VaultIndex::new(&vaults_n),
        selections,
        out: Vec::new(),
    };
    check_plan(&mut ctx);
    for (i, rule) in plan_n.rules.iter().enumerate() {
        check_rule(&mut ctx, i, rule);
    }
    check_plan_level_rules(&mut ctx);
    if check_vaults {
        for (j, v) in vaults_n.iter().enumerate() {
            check_vault(&mut ctx, j, v);
        }
    }
    check_selections(&mut ctx);
    check_coverage(&mut ctx);
    ctx.finish()
}
