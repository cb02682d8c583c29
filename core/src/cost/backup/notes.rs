//! Warnings and notes aggregated over point records.

use std::collections::BTreeMap;

use crate::error::Issue;

/// Warnings aggregated over points: one issue per (code, subject) with a count and the first path.
#[derive(Default)]
pub(super) struct Notes {
    pub(super) map: BTreeMap<(String, String), (usize, String, String, bool)>,
}

impl Notes {
    pub(super) fn add(
        &mut self,
        code: &str,
        subject: &str,
        path: impl FnOnce() -> String,
        msg: impl FnOnce() -> String,
    ) {
        self.add_sev(code, subject, path, msg, true);
    }
    pub(super) fn info(
        &mut self,
        code: &str,
        subject: &str,
        path: impl FnOnce() -> String,
        msg: impl FnOnce() -> String,
    ) {
        self.add_sev(code, subject, path, msg, false);
    }
    fn add_sev(
        &mut self,
        code: &str,
        subject: &str,
        path: impl FnOnce() -> String,
        msg: impl FnOnce() -> String,
        warning: bool,
    ) {
        let e = self
            .map
            .entry((code.to_owned(), subject.to_owned()))
            .or_insert_with(|| (0, path(), msg(), warning));
        e.0 += 1;
    }
    pub(super) fn into_issues(self) -> Vec<Issue> {
        self.map
            .into_iter()
            .map(|((code, _), (n, path, msg, warning))| {
                let msg = if n > 1 {
                    format!("{msg} ({n} records; first at {path})")
                } else {
                    msg
                };
                let i = if warning {
                    Issue::warning(&code, path, msg)
                } else {
                    Issue::info(&code, path, msg)
                };
                i.in_input("points")
            })
            .collect()
    }
}
