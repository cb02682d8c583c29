//! Reading the `controls` input: drplan's `[{name, parameters, scope}]`, or AWS's
//! `CreateFramework` shapes (aws-backup.md §11.1) — a `{FrameworkControls: [...]}` document, and
//! items `{ControlName, ControlInputParameters: [{ParameterName, ParameterValue}], ControlScope}`
//! — read into the same [`ControlSpec`]s.
//!
//! An AWS item is rewritten to drplan's shape before it is read (`ControlName` → `name`,
//! `ControlInputParameters` → `parameters`, `ControlScope` → `scope` with its keys
//! `ComplianceResourceIds`, `ComplianceResourceTypes`, `Tags` renamed), so every error points
//! where it does for drplan's shape (`/0/parameters/requiredRetentionDays`), with the same
//! message.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use super::{ControlScope, ControlSpec, ParamValue};
use crate::boundary::{pointer, PATH_END, PATH_MARK};

/// The `controls` argument of [`check_controls`](super::check_controls).
///
/// Reads from JSON as either shape: an array (of drplan's `{name, parameters, scope}` or AWS's
/// `{ControlName, ControlInputParameters, ControlScope}` items, mixed at will) or an AWS
/// `CreateFramework` document, of which only `FrameworkControls` is read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Controls {
    /// `[{name, parameters?, scope?}, …]`.
    List(Vec<ControlSpec>),
    /// `{"FrameworkControls": [...]}`; `null` runs every control with its defaults.
    Framework {
        #[serde(rename = "FrameworkControls")]
        framework_controls: Option<Vec<ControlSpec>>,
    },
}

impl Controls {
    /// The controls to run; `None`: every control with its defaults.
    pub fn specs(&self) -> Option<&[ControlSpec]> {
        match self {
            Controls::List(list) => Some(list),
            Controls::Framework { framework_controls } => framework_controls.as_deref(),
        }
    }
}

impl From<Vec<ControlSpec>> for Controls {
    fn from(list: Vec<ControlSpec>) -> Self {
        Controls::List(list)
    }
}

impl<'de> Deserialize<'de> for Controls {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::Object(mut m) if m.contains_key("FrameworkControls") => {
                let list = m.remove("FrameworkControls").unwrap_or(Value::Null);
                Ok(Controls::Framework {
                    framework_controls: nested::<_, D::Error>(list)?,
                })
            }
            other => Ok(Controls::List(nested::<_, D::Error>(other)?)),
        }
    }
}

/// drplan's shape of one control, as derived: its field names and messages are those of
/// [`ControlSpec`].
#[derive(Deserialize)]
#[serde(expecting = "struct ControlSpec", deny_unknown_fields)]
struct SpecFields {
    name: String,
    #[serde(default)]
    parameters: BTreeMap<String, ParamValue>,
    #[serde(default)]
    scope: Option<ControlScope>,
}

impl<'de> Deserialize<'de> for ControlSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = match Value::deserialize(d)? {
            Value::Object(m) if m.contains_key("ControlName") => Value::Object(aws_item(m)),
            other => other,
        };
        let SpecFields {
            name,
            parameters,
            scope,
        } = nested::<_, D::Error>(v)?;
        Ok(ControlSpec {
            name,
            parameters,
            scope,
        })
    }
}

/// An AWS `FrameworkControls` item in drplan's shape. Lenient as AWS's own reader: parameters
/// without a name or value, and a scope that is not an object, are dropped; other keys are kept
/// (and rejected as unknown fields).
fn aws_item(m: Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::new();
    for (k, v) in m {
        match k.as_str() {
            "ControlName" => {
                out.insert("name".into(), v);
            }
            "ControlInputParameters" => {
                let mut params = Map::new();
                if let Value::Array(ps) = &v {
                    for p in ps {
                        if let (Some(n), Some(val)) = (
                            p.get("ParameterName").and_then(Value::as_str),
                            p.get("ParameterValue"),
                        ) {
                            params.insert(n.to_owned(), val.clone());
                        }
                    }
                }
                out.insert("parameters".into(), Value::Object(params));
            }
            "ControlScope" => {
                let mut s = Map::new();
                if let Value::Object(sc) = v {
                    for (sk, sv) in sc {
                        let key = match sk.as_str() {
                            "ComplianceResourceIds" => "resource_ids".to_owned(),
                            "ComplianceResourceTypes" => "resource_types".to_owned(),
                            "Tags" => "tags".to_owned(),
                            other => other.to_owned(),
                        };
                        s.insert(key, sv);
                    }
                }
                out.insert("scope".into(), Value::Object(s));
            }
            other => {
                out.insert(other.to_owned(), v);
            }
        }
    }
    out
}

/// Read `T` from a value rewritten inside a `Deserialize`, keeping the path of an error inside
/// it (carried in the message as [`crate::boundary::from_value`] expects, as for tagged variants).
fn nested<T: DeserializeOwned, E: serde::de::Error>(v: Value) -> Result<T, E> {
    serde_path_to_error::deserialize::<_, T>(v).map_err(|e| {
        let path = pointer(e.path());
        let inner = e.into_inner();
        if path.is_empty() {
            E::custom(inner)
        } else {
            E::custom(format!("{PATH_MARK}{path}{PATH_END}{inner}"))
        }
    })
}
