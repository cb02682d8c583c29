//! Reading a control's parameters: AWS's defaults, ranges and forms, every error with its path.

use super::{ControlSpec, ParameterUsed};
use crate::error::Issue;

/// Reads parameters with their defaults, collecting errors.
pub(super) struct Params<'a> {
    pub(super) spec: &'a ControlSpec,
    pub(super) base: String,
    pub(super) issues: &'a mut Vec<Issue>,
    pub(super) used: Vec<ParameterUsed>,
}

impl Params<'_> {
    fn raw(&self, name: &str) -> Option<&str> {
        self.spec.parameters.get(name).map(|v| v.0.trim())
    }

    fn err(&mut self, name: &str, msg: String) {
        self.issues.push(
            Issue::error(
                "invalid_parameter",
                self.spec.origin.path(&self.base, &["parameters", name]),
                msg,
            )
            .in_input("controls"),
        );
    }

    /// A unit `hours|days`.
    pub(super) fn unit(&mut self, name: &str, default: &str, source: &str) -> String {
        match self.raw(name).map(str::to_owned) {
            None => {
                self.used.push(ParameterUsed {
                    name: name.into(),
                    value: Some(default.into()),
                    defaulted: true,
                    source: source.into(),
                });
                default.to_owned()
            }
            Some(v) if v == "hours" || v == "days" => {
                self.used.push(ParameterUsed {
                    name: name.into(),
                    value: Some(v.clone()),
                    defaulted: false,
                    source: "input".into(),
                });
                v
            }
            Some(v) => {
                self.err(
                    name,
                    format!("{name} must be \"hours\" or \"days\", not {v:?}"),
                );
                default.to_owned()
            }
        }
    }

    /// An integer in `lo..=hi`; `default` None = optional without default.
    pub(super) fn int(
        &mut self,
        name: &str,
        default: Option<i64>,
        lo: i64,
        hi: i64,
        source: &str,
    ) -> Option<i64> {
        match self.raw(name).map(str::to_owned) {
            None => {
                self.used.push(ParameterUsed {
                    name: name.into(),
                    value: default.map(|d| d.to_string()),
                    defaulted: true,
                    source: source.into(),
                });
                default
            }
            Some(v) => match v.parse::<i64>() {
                Ok(n) if (lo..=hi).contains(&n) => {
                    self.used.push(ParameterUsed {
                        name: name.into(),
                        value: Some(n.to_string()),
                        defaulted: false,
                        source: "input".into(),
                    });
                    Some(n)
                }
                Ok(n) => {
                    self.err(
                        name,
                        format!("{name} {n} is out of range {lo}‥{hi} ({source})"),
                    );
                    default
                }
                Err(_) => {
                    self.err(name, format!("{name} must be an integer, not {v:?}"));
                    default
                }
            },
        }
    }

    /// A comma-separated list (at most `max` entries).
    pub(super) fn list(&mut self, name: &str, max: usize, source: &str) -> Vec<String> {
        let Some(v) = self.raw(name).map(str::to_owned) else {
            self.used.push(ParameterUsed {
                name: name.into(),
                value: None,
                defaulted: true,
                source: source.into(),
            });
            return Vec::new();
        };
        let items: Vec<String> = v
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        if items.len() > max {
            self.err(
                name,
                format!(
                    "{name} lists {} entries; at most {max} ({source})",
                    items.len()
                ),
            );
        }
        self.used.push(ParameterUsed {
            name: name.into(),
            value: Some(items.join(",")),
            defaulted: false,
            source: "input".into(),
        });
        items
    }

    /// `recoveryPointAgeUnit` and `recoveryPointAgeValue`, read alike by
    /// `BACKUP_LAST_RECOVERY_POINT_CREATED` and (`air_gapped`) `RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT`
    /// with their own ranges and defaults: (unit, value, age in seconds).
    pub(super) fn recovery_point_age(&mut self, air_gapped: bool) -> (String, i64, i64) {
        let unit = self.unit(
            "recoveryPointAgeUnit",
            "days",
            "AWS default days (aws-backup.md §11.2)",
        );
        let (lo, hi, default) = match (air_gapped, unit.as_str()) {
            (false, "hours") => (1, 744, 1),
            (false, _) => (1, 31, 1),
            // No AWS default found: 7 days / 168 h, the recommended minimum (aws-backup.md §11.2).
            (true, "hours") => (24, 2_184, 168),
            (true, _) => (1, 91, 7),
        };
        let value = self.int("recoveryPointAgeValue", Some(default), lo, hi, if air_gapped { "no AWS default found; drplan uses the recommended minimum of 7 days / 168 hours (aws-backup.md §11.2)" } else { "AWS default 1; 1‥744 hours or 1‥31 days (aws-backup.md §11.2)" }).unwrap_or(default);
        let age = value * if unit == "hours" { 3_600 } else { 86_400 };
        (unit, value, age)
    }
}
