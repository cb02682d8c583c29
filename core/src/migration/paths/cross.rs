//! Cross-account and cross-Region rules of the RDS/Aurora paths: read replicas stay in the
//! source's account; snapshots cross accounts by sharing and copying (migration.md §10.1, §10.2).

use crate::migration::context::Ctx;
use crate::migration::draft::Draft;
use crate::migration::exclusion::ReasonCode;
use crate::migration::scenario::Placement;

const REPLICA_SOURCE: &str = "RDS USER_ReadRepl (\"You can't create a read replica in a different AWS account from the source DB instance\")";

/// A read replica (RDS or Aurora read replica of an RDS instance) cannot be created in another
/// account (migration.md §10.1, documented).
pub(super) fn replica_same_account(ctx: &Ctx, d: &mut Draft) {
    // Recorded only when it decides: a same-account target needs no line of its own.
    if ctx.s.target.account == Placement::Other {
        d.checks.check(
            ReasonCode::CrossRegionOrAccount,
            false,
            "the target is in another AWS account: a read replica cannot be created in a different account from its source DB instance (share and copy a snapshot instead)",
            "migration.md §10.1",
            REPLICA_SOURCE,
        );
    }
}

/// Snapshot migration into another account: share a manual snapshot (an automated one is copied
/// to a manual one first), share the customer managed KMS key of an encrypted one, and copy the
/// shared snapshot in the target account (migration.md §10.2, documented).
pub(super) fn snapshot_share(ctx: &Ctx, d: &mut Draft) {
    if ctx.s.target.account != Placement::Other {
        return;
    }
    const SRC: &str = "migration.md §10.2 (RDS USER_ShareSnapshot)";
    d.prereq(
        "Share a manual snapshot with the target account (up to 20 accounts per snapshot): an automated snapshot cannot be shared — copy it to a manual snapshot first",
        SRC,
    );
    if ctx.s.source.encrypted {
        d.prereq(
            "The snapshot must be encrypted with a customer managed KMS key: one encrypted with the account's default (AWS managed) key cannot be shared — copy it re-encrypted with a customer managed key first",
            SRC,
        );
        d.prereq(
            "Share that KMS key with the target account (key policy: the target account as principal, kms:CreateGrant and the encrypt/decrypt actions), and give the copying IAM role or user in the target account a policy allowing the key",
            SRC,
        );
        d.prereq(
            "A shared encrypted snapshot cannot be restored directly: the target account copies it first (with a KMS key of its own), then migrates the copy",
            SRC,
        );
    }
}

/// Steps of a cross-account snapshot move, in order (before the migrate step).
pub(super) fn snapshot_share_steps(ctx: &Ctx, d: &mut Draft) {
    if ctx.s.target.account != Placement::Other {
        return;
    }
    if ctx.s.source.encrypted {
        d.step("Share the snapshot's customer managed KMS key with the target account");
    }
    d.step("Share the manual snapshot with the target account (modify-db-snapshot-attribute --attribute-name restore --values-to-add <account>)");
    d.step(match (ctx.s.target.region == Placement::Other, ctx.s.source.encrypted) {
        (true, true) => "In the target account, copy the shared snapshot (its ARN as the source) into the target Region, with a KMS key of the target account in that Region",
        (true, false) => "In the target account, copy the shared snapshot (its ARN as the source) into the target Region",
        (false, true) => "In the target account, copy the shared snapshot (its ARN as the source) with a KMS key of the target account",
        (false, false) => "In the target account, use the shared snapshot by its ARN (or copy it to own it)",
    });
}
