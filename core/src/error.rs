//! Errors and validation issues: one shape in Rust, JS and Python.
//!
//! Validation never stops at the first problem: it returns every [`Issue`] it finds, each with a
//! stable `code`, a JSON-pointer `path` into the caller's input and a message (plus an optional
//! hint). A call that cannot proceed fails with an [`Error`] carrying its own stable code and the
//! issues behind it.

use serde::{Deserialize, Serialize};

/// How bad an [`Issue`] is. `Error` blocks the call (or the AWS API would reject the input);
/// `Warning` is a heuristic or an unconfirmed rule; `Info` is worth knowing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// One finding about the caller's input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct Issue {
    pub severity: Severity,
    /// Stable machine-readable code, e.g. `missing_field`, `out_of_range`.
    pub code: String,
    /// Which argument of the call the path points into (`workload`, `policy`, `plan`…), if any.
    pub input: Option<String>,
    /// JSON pointer (RFC 6901) into that argument; `""` is the whole document.
    pub path: String,
    pub message: String,
    pub hint: Option<String>,
}

/// Longest message (and hint) an issue or error carries, in characters: a message quotes at most
/// `budget::MAX_ECHO` characters of input, and this bound holds even where one forgets to, so a
/// 100 MB input never comes back as a 100 MB message.
pub const MAX_MESSAGE_CHARS: usize = 600;

/// `s` cut to [`MAX_MESSAGE_CHARS`] characters, with `…` when cut.
fn clip(s: String) -> String {
    match s.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((i, _)) => format!("{}…", s.get(..i).unwrap_or("")),
        None => s,
    }
}

impl Issue {
    pub fn new(
        severity: Severity,
        code: &str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Issue {
            severity,
            code: code.to_owned(),
            input: None,
            path: path.into(),
            message: clip(message.into()),
            hint: None,
        }
    }

    pub fn error(code: &str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, path, message)
    }

    pub fn warning(code: &str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, path, message)
    }

    pub fn info(code: &str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Info, code, path, message)
    }

    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(clip(hint.into()));
        self
    }

    #[must_use]
    pub fn in_input(mut self, input: &str) -> Self {
        self.input = Some(input.to_owned());
        self
    }

    /// Prefix the path with `prefix` (a JSON pointer), e.g. when a nested validator reports
    /// relative to its own sub-document.
    #[must_use]
    pub fn under(mut self, prefix: &str) -> Self {
        self.path = format!("{prefix}{}", self.path);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Stable codes of [`Error`]. The string form (see [`ErrorCode::as_str`]) is what JS and Python
/// see as `code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorCode {
    /// The input is not JSON/YAML that can be read at all (syntax, nesting too deep, non-string keys).
    InvalidJson,
    /// The input was read but breaks the input schema or a value rule; see `issues`.
    InvalidInput,
    /// A price needed by a cost query is not in the price book (never priced at 0).
    MissingPrice,
    /// A schedule that never fires within the search horizon.
    NeverFires,
    /// The call would need more work or memory than a budget allows (see `crate::budget`); the
    /// issue `over_budget` names the path and the figure exceeded.
    OverBudget,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidJson => "invalid_json",
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::MissingPrice => "missing_price",
            ErrorCode::NeverFires => "never_fires",
            ErrorCode::OverBudget => "over_budget",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A call that cannot proceed. Carries a stable [`ErrorCode`], a one-line message and every
/// [`Issue`] found (errors first, in input order).
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize, Deserialize)]
#[error("{code}: {message}")]
#[non_exhaustive]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
    pub issues: Vec<Issue>,
}

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>, issues: Vec<Issue>) -> Self {
        Error {
            code,
            message: clip(message.into()),
            issues,
        }
    }

    /// An `invalid_input` error from a list of issues; the message summarises the first error.
    pub fn invalid(issues: Vec<Issue>) -> Self {
        let n = issues.iter().filter(|i| i.is_error()).count();
        let first = issues.iter().find(|i| i.is_error()).or(issues.first());
        let message = match first {
            Some(i) => {
                let at = if i.path.is_empty() {
                    "(root)"
                } else {
                    i.path.as_str()
                };
                let input = i
                    .input
                    .as_deref()
                    .map(|s| format!("{s} "))
                    .unwrap_or_default();
                if n > 1 {
                    format!("{input}{at}: {} (and {} more)", i.message, n - 1)
                } else {
                    format!("{input}{at}: {}", i.message)
                }
            }
            None => "invalid input".to_owned(),
        };
        Error::new(ErrorCode::InvalidInput, message, issues)
    }

    /// The same error with each issue mapped by `f` (e.g. renamed to the argument of the call
    /// it points into); an `invalid_input` message is rebuilt from the mapped issues.
    pub(crate) fn map_issues(self, f: impl FnMut(Issue) -> Issue) -> Self {
        let issues = self.issues.into_iter().map(f).collect();
        match self.code {
            ErrorCode::InvalidInput => Error::invalid(issues),
            code => Error::new(code, self.message, issues),
        }
    }

    pub fn code(&self) -> ErrorCode {
        self.code
    }

    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }
}

/// Fail with `invalid_input` if any issue is an error; otherwise hand the warnings back.
pub fn ensure_no_errors(issues: Vec<Issue>) -> Result<Vec<Issue>, Error> {
    if issues.iter().any(Issue::is_error) {
        Err(Error::invalid(issues))
    } else {
        Ok(issues)
    }
}

#[cfg(feature = "tsify")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_ERROR: &'static str = r#"
/** What every drplan function throws: a real `Error` with a stable `code` and every `Issue`. */
export interface DrplanError extends Error {
    name: "DrplanError";
    code: ErrorCode;
    issues: Issue[];
}
"#;

/// Escape one JSON-pointer reference token (RFC 6901: `~` → `~0`, `/` → `~1`).
pub fn pointer_token(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// Append a key or index to a JSON pointer.
pub fn join(path: &str, token: impl std::fmt::Display) -> String {
    format!("{path}/{}", pointer_token(&token.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_clipped() {
        let huge = "z".repeat(1_000_000);
        let i = Issue::error("x", "", format!("bad {huge}")).with_hint(huge.clone());
        assert_eq!(i.message.chars().count(), MAX_MESSAGE_CHARS + 1);
        assert_eq!(
            i.hint.map(|h| h.chars().count()),
            Some(MAX_MESSAGE_CHARS + 1)
        );
        let e = Error::invalid(vec![Issue::error("x", "/a", huge)]);
        assert!(e.message.chars().count() <= MAX_MESSAGE_CHARS + 1);
    }
}
