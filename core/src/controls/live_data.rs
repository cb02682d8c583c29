//! Controls that need live data drplan does not have offline (vault access policies, the
//! encryption state of recovery points, measured restore times): their parameters are still
//! checked, and they come back `not_evaluated` with the reason.

use super::eval::Outcome;
use super::params::Params;

/// `BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED`.
pub(super) fn manual_deletion_disabled(p: &mut Params<'_>) -> Outcome {
    p.list(
        "principalArnList",
        5,
        "optional, up to 5 IAM role ARNs (aws-backup.md §11.2)",
    );
    let mut out =
        Outcome::new("vaults: their access policies must deny manual deletion of recovery points");
    out.message = "vault access policies are not part of the plan: not evaluated offline".into();
    out
}

/// `BACKUP_RECOVERY_POINT_ENCRYPTED`.
pub(super) fn recovery_point_encrypted() -> Outcome {
    let mut out = Outcome::new("recovery points: each must be encrypted");
    out.message =
        "the encryption state of recovery points is not part of the plan: not evaluated offline"
            .into();
    out
}

/// `RESTORE_TIME_FOR_RESOURCES_MEET_TARGET`.
pub(super) fn restore_time_meets_target(p: &mut Params<'_>) -> Outcome {
    p.int(
        "maxRestoreTime",
        None,
        1,
        52_560_000,
        "minutes; no default (AWS samples use 720, aws-backup.md §11.2)",
    );
    let mut out = Outcome::new(
        "restore-testing jobs: the latest restore time must not exceed maxRestoreTime (minutes)",
    );
    out.message = "needs measured restore times from restore testing (aws-backup.md §12): not evaluated offline".into();
    out
}
