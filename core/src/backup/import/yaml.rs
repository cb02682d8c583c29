//! YAML → `serde_json::Value`, keeping CloudFormation's short-form tags.
//!
//! Built on saphyr's event parser (not its tree loader) so that nesting depth, alias expansion and
//! document size are bounded here, before any tree exists: no recursion driven by user input.
//! Short-form tags become CloudFormation's long JSON form (`!Ref X` → `{"Ref": "X"}`,
//! `!GetAtt A.B` → `{"Fn::GetAtt": ["A", "B"]}`, `!Sub …` → `{"Fn::Sub": …}`), because parsing
//! straight into JSON values silently drops them.
//! Untagged scalars are resolved with the YAML 1.2 core schema (saphyr's `Scalar`).

use std::borrow::Cow;
use std::collections::BTreeMap;

use saphyr::Scalar;
use saphyr_parser::{Event, Parser, ScalarStyle, Tag};
use serde_json::{Map, Number, Value};

use super::position::{Node, Position};
use crate::error::{join, Issue};

/// Deepest nesting accepted (the same bound as every JSON input, `crate::boundary::MAX_DEPTH`).
pub const MAX_DEPTH: usize = crate::boundary::MAX_DEPTH;
use crate::budget::{YAML_ALIAS_BYTES, YAML_NODE_BYTES};

/// A YAML syntax problem with its 1-based line and column.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// Set when the document is over an alias budget: the pointer of the alias and the bytes
    /// the aliases would have copied.
    pub over_budget: Option<(String, u64)>,
}

/// The CloudFormation intrinsic functions that have a short form (`!Name`).
/// Source: CloudFormation intrinsic function reference (Ref, Condition and the `Fn::` family).
const CFN_FUNCTIONS: &[&str] = &[
    "And",
    "Base64",
    "Cidr",
    "Equals",
    "FindInMap",
    "ForEach",
    "GetAZs",
    "GetAtt",
    "If",
    "ImportValue",
    "Join",
    "Length",
    "Not",
    "Or",
    "Select",
    "Split",
    "Sub",
    "ToJsonString",
    "Transform",
];

enum Frame {
    Seq {
        items: Vec<Value>,
        tag: Option<Tag>,
        anchor: usize,
    },
    Map {
        map: Map<String, Value>,
        key: Option<String>,
        tag: Option<Tag>,
        anchor: usize,
        /// JSON pointer of this mapping (for duplicate-key and tag issues).
        path: String,
    },
}

/// Most re-indented lines of one document (each costs one more pass over the text)…
const MAX_FLOW_REINDENTS: usize = 256;
/// …and at most this many bytes parsed again in all, so a large document gets fewer passes.
const MAX_FLOW_REINDENT_BYTES: usize = 8 * 1024 * 1024;

/// Parse YAML text. Returns the first document as JSON (empty text → `null`) and issues about
/// things kept but worth knowing (unknown tags, duplicate keys, extra documents).
///
/// A flow collection (`{ … }`, `[ … ]`) whose lines fall left of the enclosing block's
/// indentation (typically a closing `}` at the parent key's column) is refused by the YAML 1.2
/// spec but read by PyYAML, and therefore by cfn-lint and the AWS CLI tooling people use
/// (aws-backup.md §16.1). Whitespace between flow tokens carries no meaning, so such a line is moved
/// right and the text parsed again; errors reported on a moved line are at the moved text, the
/// position tree ([`parse_with_positions`]) is put back where the text was.
pub fn parse(text: &str) -> Result<(Value, Vec<Issue>), YamlError> {
    parse_tracked(text, false).map(|(v, issues, _)| (v, issues))
}

/// [`parse`], and where each node of the first document sits in the text (the position tree
/// [`super::position`] reads: one node per node of the document, an alias a leaf at the alias).
pub(super) fn parse_with_positions(
    text: &str,
) -> Result<(Value, Vec<Issue>, Option<Node>), YamlError> {
    parse_tracked(text, true)
}

fn parse_tracked(text: &str, track: bool) -> Result<(Value, Vec<Issue>, Option<Node>), YamlError> {
    let mut owned: Option<String> = None;
    // Columns added to each moved line (1-based line → columns), to put positions back.
    let mut moved: BTreeMap<usize, usize> = BTreeMap::new();
    let passes = MAX_FLOW_REINDENTS.min(MAX_FLOW_REINDENT_BYTES / text.len().max(1));
    let mut result = None;
    for _ in 0..passes {
        let current = owned.as_deref().unwrap_or(text);
        match parse_once(current, track) {
            Err(e) if e.message == "invalid indentation" && e.over_budget.is_none() => {
                match reindent_flow_line(current, e.line, e.column) {
                    Some((fixed, pad)) => {
                        *moved.entry(e.line).or_insert(0) += pad;
                        owned = Some(fixed);
                    }
                    None => return Err(e),
                }
            }
            other => {
                result = Some(other);
                break;
            }
        }
    }
    let (value, issues, mut root) = match result {
        Some(r) => r?,
        None => parse_once(owned.as_deref().unwrap_or(text), track)?,
    };
    if let Some(r) = root.as_mut() {
        if !moved.is_empty() {
            r.unshift(&moved);
        }
    }
    Ok((value, issues, root))
}

/// Move line `line` (1-based) right when its first non-blank character is at `column` (1-based,
/// in characters): to the previous non-blank line's indentation, or by one column when that is
/// not further right. `None` when the error is not at the start of a line.
/// Returns the new text and the columns added.
fn reindent_flow_line(text: &str, line: usize, column: usize) -> Option<(String, usize)> {
    let indent_of = |l: &str| l.chars().take_while(|c| *c == ' ').count();
    let lines: Vec<&str> = text.split('\n').collect();
    let target = lines.get(line.checked_sub(1)?)?;
    let col = column.checked_sub(1)?;
    let first = target.chars().position(|c| c != ' ' && c != '\t')?;
    if first != col {
        return None;
    }
    let previous = lines
        .get(..line - 1)?
        .iter()
        .rev()
        .find(|l| !l.trim().is_empty())
        .map_or(0, |l| indent_of(l));
    let pad = previous.saturating_sub(col).max(1);
    let mut out = String::with_capacity(text.len() + pad);
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if i == line - 1 {
            out.extend(std::iter::repeat_n(' ', pad));
        }
        out.push_str(l);
    }
    Some((out, pad))
}

/// A collection being built in the position tree: its node, and the key whose value comes next.
struct PosFrame {
    node: Node,
    key: Option<(String, Position)>,
}

fn parse_once(text: &str, track: bool) -> Result<(Value, Vec<Issue>, Option<Node>), YamlError> {
    let mut issues = Vec::new();
    // Positions (only when `track`): one frame per open collection, in step with `stack`.
    let mut pstack: Vec<PosFrame> = Vec::new();
    let mut proot: Option<Node> = None;
    let mut stack: Vec<Frame> = Vec::new();
    // Each anchored value with its expanded size (bytes, see `expanded_bytes`), so an alias is
    // charged before it is copied.
    let mut anchors: BTreeMap<usize, (Value, u64)> = BTreeMap::new();
    let mut alias_budget = YAML_ALIAS_BYTES;
    let mut docs: Vec<Value> = Vec::new();
    let mut parser = Parser::new_from_str(text);
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| YamlError {
            line: e.marker().line(),
            column: e.marker().col() + 1,
            message: e.info().to_owned(),
            over_budget: None,
        })?;
        let here = |msg: String| YamlError {
            line: span.start.line(),
            column: span.start.col() + 1,
            message: msg,
            over_budget: None,
        };
        let at = Position {
            line: span.start.line(),
            column: span.start.col() + 1,
        };
        let mut pdone: Option<Node> = None;
        if track {
            match &event {
                Event::SequenceStart(..) => pstack.push(PosFrame {
                    node: Node::seq(at),
                    key: None,
                }),
                Event::MappingStart(..) => pstack.push(PosFrame {
                    node: Node::map(at),
                    key: None,
                }),
                Event::SequenceEnd | Event::MappingEnd => pdone = pstack.pop().map(|f| f.node),
                Event::Scalar(..) | Event::Alias(_) => pdone = Some(Node::leaf(at)),
                _ => {}
            }
        }
        let done: Option<(Value, usize)> = match event {
            Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart(_)
            | Event::DocumentEnd
            | Event::Nothing => None,
            Event::Alias(id) => {
                let (v, n) = anchors
                    .get(&id)
                    .ok_or_else(|| here("alias to an unknown anchor".into()))?;
                if *n > alias_budget {
                    let needed = YAML_ALIAS_BYTES - alias_budget + *n;
                    let mut e = here(format!(
                        "over_budget: aliases expand to more than {YAML_ALIAS_BYTES} bytes"
                    ));
                    e.over_budget = Some((current_path(&stack), needed));
                    return Err(e);
                }
                alias_budget -= *n;
                Some((v.clone(), 0))
            }
            Event::Scalar(value, style, anchor, tag) => {
                let path = current_path(&stack);
                Some((
                    scalar(value, style, tag.as_deref(), &path, &mut issues),
                    anchor,
                ))
            }
            Event::SequenceStart(anchor, tag) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(here(format!("nesting deeper than {MAX_DEPTH} levels")));
                }
                stack.push(Frame::Seq {
                    items: Vec::new(),
                    tag: tag.map(Cow::into_owned),
                    anchor,
                });
                None
            }
            Event::MappingStart(anchor, tag) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(here(format!("nesting deeper than {MAX_DEPTH} levels")));
                }
                let path = current_path(&stack);
                stack.push(Frame::Map {
                    map: Map::new(),
                    key: None,
                    tag: tag.map(Cow::into_owned),
                    anchor,
                    path,
                });
                None
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq { items, tag, anchor }) => {
                    let path = current_path(&stack);
                    Some((
                        tagged(Value::Array(items), tag.as_ref(), &path, &mut issues),
                        anchor,
                    ))
                }
                _ => return Err(here("unbalanced sequence".into())),
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map {
                    map,
                    key: None,
                    tag,
                    anchor,
                    ..
                }) => {
                    let path = current_path(&stack);
                    Some((
                        tagged(Value::Object(map), tag.as_ref(), &path, &mut issues),
                        anchor,
                    ))
                }
                _ => return Err(here("unbalanced mapping".into())),
            },
        };
        let Some((value, anchor)) = done else {
            continue;
        };
        if anchor != 0 {
            let n = expanded_bytes(&value);
            anchors.insert(anchor, (value.clone(), n));
        }
        if let Some(node) = pdone {
            match pstack.last_mut() {
                None => {
                    if docs.is_empty() {
                        proot = Some(node);
                    }
                }
                Some(f) => match f.key.take() {
                    Some((k, key_at)) => f.node.insert(k, key_at, node),
                    None if f.node.is_map() => {
                        // The key's text is the one the value reader settles on below.
                        let k = match &value {
                            Value::String(s) => s.clone(),
                            Value::Number(n) => n.to_string(),
                            Value::Bool(b) => b.to_string(),
                            _ => "null".to_owned(),
                        };
                        f.key = Some((k, node.at));
                    }
                    None => f.node.push(node),
                },
            }
        }
        match stack.last_mut() {
            None => docs.push(value),
            Some(Frame::Seq { items, .. }) => items.push(value),
            Some(Frame::Map { map, key, path, .. }) => match key.take() {
                None => {
                    let k = match value {
                        Value::String(s) => s,
                        Value::Number(n) => n.to_string(),
                        Value::Bool(b) => b.to_string(),
                        Value::Null => "null".to_owned(),
                        _ => return Err(here("mapping keys must be scalars".into())),
                    };
                    if map.contains_key(&k) {
                        issues.push(Issue::warning(
                            "duplicate_key",
                            join(path, &k),
                            format!("key {k:?} appears more than once; the last value is used"),
                        ));
                    }
                    *key = Some(k);
                }
                Some(k) => {
                    map.insert(k, value);
                }
            },
        }
    }
    if docs.len() > 1 {
        issues.push(Issue::warning(
            "extra_documents",
            "",
            format!(
                "the text holds {} YAML documents; only the first is read",
                docs.len()
            ),
        ));
    }
    Ok((
        docs.into_iter().next().unwrap_or(Value::Null),
        issues,
        proot,
    ))
}

fn current_path(stack: &[Frame]) -> String {
    let mut p = String::new();
    for f in stack {
        match f {
            Frame::Seq { items, .. } => p = join(&p, items.len()),
            Frame::Map { key: Some(k), .. } => p = join(&p, k),
            Frame::Map { key: None, .. } => {}
        }
    }
    p
}

/// What copying `v` costs against [`YAML_ALIAS_BYTES`]: the bytes of its strings and keys plus
/// [`YAML_NODE_BYTES`] per node, so both one huge scalar and many small nodes are counted.
fn expanded_bytes(v: &Value) -> u64 {
    let mut n = 0u64;
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        n = n.saturating_add(YAML_NODE_BYTES);
        match v {
            Value::Array(a) => stack.extend(a.iter()),
            Value::Object(m) => {
                for (k, x) in m {
                    n = n.saturating_add(YAML_NODE_BYTES + k.len() as u64);
                    stack.push(x);
                }
            }
            Value::String(s) => n = n.saturating_add(s.len() as u64),
            _ => {}
        }
    }
    n
}

fn cfn_function(tag: &Tag) -> Option<&str> {
    if tag.handle != "!" {
        return None;
    }
    let s = tag.suffix.as_str();
    if s == "Ref" || s == "Condition" || CFN_FUNCTIONS.contains(&s) {
        Some(s)
    } else {
        None
    }
}

/// Wrap a value in the long form of its CloudFormation tag.
fn tagged(value: Value, tag: Option<&Tag>, path: &str, issues: &mut Vec<Issue>) -> Value {
    let Some(tag) = tag else {
        return value;
    };
    if tag.handle == "tag:yaml.org,2002:" {
        return value; // `!!map`, `!!seq`, `!!str` … on collections: nothing to do.
    }
    match cfn_function(tag) {
        Some("Ref") => single("Ref", value),
        Some("Condition") => single("Condition", value),
        Some("GetAtt") => {
            // `!GetAtt Resource.Attribute` (the attribute may itself contain dots).
            let v = match value {
                Value::String(s) => match s.split_once('.') {
                    Some((r, a)) => {
                        Value::Array(vec![Value::String(r.into()), Value::String(a.into())])
                    }
                    None => Value::String(s),
                },
                other => other,
            };
            single("Fn::GetAtt", v)
        }
        Some(f) => single(&format!("Fn::{f}"), value),
        None => {
            issues.push(Issue::warning(
                "unknown_yaml_tag",
                path,
                format!("unknown tag {tag}; the value is read without it"),
            ));
            value
        }
    }
}

fn single(key: &str, v: Value) -> Value {
    let mut m = Map::new();
    m.insert(key.to_owned(), v);
    Value::Object(m)
}

fn scalar(
    value: Cow<'_, str>,
    style: ScalarStyle,
    tag: Option<&Tag>,
    path: &str,
    issues: &mut Vec<Issue>,
) -> Value {
    if let Some(t) = tag {
        if cfn_function(t).is_some() {
            // Arguments of short-form functions are strings (`!Ref 123` names a logical ID).
            return tagged(Value::String(value.into_owned()), Some(t), path, issues);
        }
        if !t.is_yaml_core_schema() {
            issues.push(Issue::warning(
                "unknown_yaml_tag",
                path,
                format!("unknown tag {t}; the value is read without it"),
            ));
            return plain(value, style, None);
        }
    }
    plain(value, style, tag)
}

fn plain(value: Cow<'_, str>, style: ScalarStyle, tag: Option<&Tag>) -> Value {
    let raw = value.clone().into_owned();
    let tag_cow = tag.map(|t| Cow::Owned(t.clone()));
    match Scalar::parse_from_cow_and_metadata(value, style, tag_cow.as_ref()) {
        Some(Scalar::Null) => Value::Null,
        Some(Scalar::Boolean(b)) => Value::Bool(b),
        Some(Scalar::Integer(i)) => Value::Number(Number::from(i)),
        Some(Scalar::FloatingPoint(f)) => match Number::from_f64(f.into_inner()) {
            Some(n) => Value::Number(n),
            // `.inf` / `.nan` have no JSON form: keep the text.
            None => Value::String(raw),
        },
        Some(Scalar::String(s)) => Value::String(s.into_owned()),
        // A core-schema tag whose text does not parse (`!!int abc`): keep the text.
        None => Value::String(raw),
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ok(text: &str) -> Value {
        match parse(text) {
            Ok((v, _)) => v,
            Err(e) => panic!("{e:?}"),
        }
    }

    #[test]
    fn short_form_tags_become_long_form() {
        let v = ok("a: !Ref Vault\nb: !GetAtt Role.Arn\nc: !Sub '${AWS::StackName}-x'\nd: !Join ['-', [a, !Ref B]]\ne: !GetAtt [X, Y]\n");
        assert_eq!(
            v,
            json!({
                "a": {"Ref": "Vault"},
                "b": {"Fn::GetAtt": ["Role", "Arn"]},
                "c": {"Fn::Sub": "${AWS::StackName}-x"},
                "d": {"Fn::Join": ["-", ["a", {"Ref": "B"}]]},
                "e": {"Fn::GetAtt": ["X", "Y"]}
            })
        );
    }

    #[test]
    fn core_schema_scalars() {
        let v = ok("i: 35\nf: 1.5\nb: true\nn: ~\ns: '35'\nh: 0x10\nt: !!str 12\n");
        assert_eq!(
            v,
            json!({"i": 35, "f": 1.5, "b": true, "n": null, "s": "35", "h": 16, "t": "12"})
        );
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let e = parse("a: 1\nb: [1, 2\n").err();
        assert!(e.as_ref().is_some_and(|e| e.line >= 2), "{e:?}");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let text = "- ".repeat(100_000) + "x";
        let e = parse(&text).err();
        assert!(e.is_some_and(|e| e.message.contains("nesting")));
        let text = "[".repeat(10_000);
        assert!(parse(&text).is_err());
    }

    #[test]
    fn alias_bomb_is_bounded() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        assert!(parse(&text).is_err());
    }

    #[test]
    fn alias_of_a_large_scalar_is_bounded_by_bytes() {
        // One 1 MiB scalar aliased 3,000 times would copy 3 GB; the budget counts its bytes.
        let big = "x".repeat(1024 * 1024);
        let mut text = format!("a: &big {big}\nb:\n");
        for _ in 0..3000 {
            text.push_str("  - *big\n");
        }
        let e = parse(&text).err();
        assert!(
            e.as_ref()
                .and_then(|e| e.over_budget.clone())
                .is_some_and(|(path, needed)| path == "/b/7" && needed > YAML_ALIAS_BYTES),
            "{e:?}"
        );
        // A few aliases of it fit (4 × 1 MiB is under the 8 MiB budget).
        let mut text = format!("a: &big {big}\nb:\n");
        for _ in 0..4 {
            text.push_str("  - *big\n");
        }
        assert!(parse(&text).is_ok());
    }

    #[test]
    fn unknown_tag_and_duplicate_key_are_issues() {
        let (v, issues) = match parse("a: !Foo 1\na: 2\n") {
            Ok(x) => x,
            Err(e) => panic!("{e:?}"),
        };
        assert_eq!(v, json!({"a": 2}));
        let codes: Vec<_> = issues
            .iter()
            .map(|i| (i.code.as_str(), i.path.as_str()))
            .collect();
        assert_eq!(
            codes,
            vec![("unknown_yaml_tag", "/a"), ("duplicate_key", "/a")]
        );
    }
}
