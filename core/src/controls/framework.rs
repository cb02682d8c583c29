//! Reading the `controls` input: drplan's `[{name, parameters, scope}]`, or AWS's
//! `CreateFramework` shapes (aws-backup.md §11.1) — a `{FrameworkControls: [...]}` document, and
//! items `{ControlName, ControlInputParameters: [{ParameterName, ParameterValue}], ControlScope}`
//! — read into the same [`ControlSpec`]s.
//!
//! An AWS item is rewritten to drplan's shape before it is read (`ControlName` → `name`,
//! `ControlInputParameters` → `parameters`, `ControlScope` → `scope` with its keys
//! `ComplianceResourceIds`, `ComplianceResourceTypes`, `Tags` renamed) and read with the same
//! messages; the item remembers its [`Origin`], so every error points into the user's own shape
//! (`/FrameworkControls/0/ControlInputParameters/1/ParameterValue`, not drplan's
//! `/0/parameters/requiredRetentionDays`).

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use super::{ControlScope, ControlSpec, ParamValue};
use crate::boundary::{pointer, PATH_END, PATH_MARK};
use crate::error::join;

/// The key of the AWS `CreateFramework` document's list of controls.
pub(crate) const FRAMEWORK_CONTROLS: &str = "FrameworkControls";

/// Which shape a control was written in, so that its errors point into that shape.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Origin {
    /// `None`: drplan's shape. `Some`: AWS's item, with each parameter's index in
    /// `ControlInputParameters` and each drplan scope key's original `ControlScope` key.
    aws: Option<AwsKeys>,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct AwsKeys {
    params: BTreeMap<String, usize>,
    scope: BTreeMap<String, String>,
}

impl Origin {
    /// The pointer, in the user's shape, of the field at `tokens` (unescaped, in drplan's shape)
    /// inside the control at `base`.
    pub(crate) fn path<S: AsRef<str>>(&self, base: &str, tokens: &[S]) -> String {
        let mut out = base.to_owned();
        let mut rest = tokens.iter().map(AsRef::as_ref);
        let Some(aws) = &self.aws else {
            return rest.fold(out, |p, t| join(&p, t));
        };
        match rest.next() {
            None => return out,
            Some("name") => out = join(&out, "ControlName"),
            Some("parameters") => {
                out = join(&out, "ControlInputParameters");
                if let Some(name) = rest.next() {
                    match aws.params.get(name) {
                        Some(i) => out = join(&join(&out, i), "ParameterValue"),
                        None => out = join(&out, name),
                    }
                }
            }
            Some("scope") => {
                out = join(&out, "ControlScope");
                if let Some(k) = rest.next() {
                    out = join(&out, aws.scope.get(k).map_or(k, String::as_str));
                }
            }
            Some(other) => out = join(&out, other),
        }
        rest.fold(out, |p, t| join(&p, t))
    }
}

impl Origin {
    /// The pointer, in the user's shape, of parameter `name`'s name: AWS's `ParameterName`.
    pub(crate) fn parameter_name_path(&self, base: &str, name: &str) -> String {
        match self.aws.as_ref().and_then(|a| a.params.get(name)) {
            Some(i) => join(
                &join(&join(base, "ControlInputParameters"), i),
                "ParameterName",
            ),
            None => self.path(base, &["parameters", name]),
        }
    }
}

/// The unescaped tokens of a JSON pointer.
fn tokens(pointer: &str) -> Vec<String> {
    pointer
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect()
}

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
            Value::Object(mut m) if m.contains_key(FRAMEWORK_CONTROLS) => {
                let list = m.remove(FRAMEWORK_CONTROLS).unwrap_or(Value::Null);
                Ok(Controls::Framework {
                    framework_controls: nested::<_, D::Error>(list, |p| {
                        format!("/{FRAMEWORK_CONTROLS}{p}")
                    })?,
                })
            }
            other => Ok(Controls::List(nested::<_, D::Error>(other, str::to_owned)?)),
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
        let (v, origin) = match Value::deserialize(d)? {
            Value::Object(m) if m.contains_key("ControlName") => {
                let (item, keys) = aws_item(m);
                (Value::Object(item), Origin { aws: Some(keys) })
            }
            other => (other, Origin::default()),
        };
        let SpecFields {
            name,
            parameters,
            scope,
        } = nested::<_, D::Error>(v, |p| origin.path("", &tokens(p)))?;
        Ok(ControlSpec {
            name,
            parameters,
            scope,
            origin,
        })
    }
}

/// An AWS `FrameworkControls` item in drplan's shape. Lenient as AWS's own reader: parameters
/// without a name or value, and a scope that is not an object, are dropped; other keys are kept
/// (and rejected as unknown fields).
fn aws_item(m: Map<String, Value>) -> (Map<String, Value>, AwsKeys) {
    let mut out = Map::new();
    let mut keys = AwsKeys::default();
    for (k, v) in m {
        match k.as_str() {
            "ControlName" => {
                out.insert("name".into(), v);
            }
            "ControlInputParameters" => {
                let mut params = Map::new();
                if let Value::Array(ps) = &v {
                    for (i, p) in ps.iter().enumerate() {
                        if let (Some(n), Some(val)) = (
                            p.get("ParameterName").and_then(Value::as_str),
                            p.get("ParameterValue"),
                        ) {
                            params.insert(n.to_owned(), val.clone());
                            keys.params.insert(n.to_owned(), i);
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
                        keys.scope.insert(key.clone(), sk);
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
    (out, keys)
}

/// Read `T` from a value rewritten inside a `Deserialize`, keeping the path of an error inside
/// it (carried in the message as [`crate::boundary::from_value`] expects, as for tagged variants),
/// mapped by `user_path` back into the shape the user wrote.
fn nested<T: DeserializeOwned, E: serde::de::Error>(
    v: Value,
    user_path: impl Fn(&str) -> String,
) -> Result<T, E> {
    serde_path_to_error::deserialize::<_, T>(v).map_err(|e| {
        let path = user_path(&pointer(e.path()));
        let inner = e.into_inner();
        if path.is_empty() {
            E::custom(inner)
        } else {
            E::custom(format!("{PATH_MARK}{path}{PATH_END}{inner}"))
        }
    })
}
