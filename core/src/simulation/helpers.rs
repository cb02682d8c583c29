//! Small readers the crate could share: the kind of a JSON value in words, and the Region and
//! account an ARN names.

use serde_json::Value;

use crate::backup::model::{split_arn, vault_arn_parts};

/// A JSON value's type in words, for messages (`"a list"`, `"null"`).
pub(super) fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The Region and account a resource ARN names, each only when literal (no wildcard, no
/// `${…}` placeholder).
pub(super) fn arn_region_account(arn: Option<&str>) -> (Option<String>, Option<String>) {
    let Some(parts) = arn.and_then(split_arn) else {
        return (None, None);
    };
    let literal = |s: &str| !s.is_empty() && !s.contains('*') && !s.contains('$');
    let take = |s: &str| literal(s).then(|| s.to_owned());
    (take(parts.region), take(parts.account))
}

/// Region, account and vault name of a copy destination ARN; `${AWS::Region}` and
/// `${AWS::AccountId}` (or `$account`) stand for the source resource's `region` and `account`.
pub(super) fn copy_destination(
    arn: &str,
    region: &str,
    account: Option<&str>,
) -> (Option<String>, Option<String>, Option<String>) {
    let parts = split_arn(arn);
    let (reg, acc, name) = vault_arn_parts(arn);
    let own_region = parts.as_ref().is_some_and(|a| a.region == "${AWS::Region}");
    let own_account = parts
        .as_ref()
        .is_some_and(|a| a.account == "${AWS::AccountId}" || a.account == "$account");
    let region = reg.or_else(|| own_region.then(|| region.to_owned()));
    let account = acc.or_else(|| {
        if own_account {
            account.map(str::to_owned)
        } else {
            None
        }
    });
    (region, account, name)
}
