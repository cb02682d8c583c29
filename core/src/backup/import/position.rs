//! Where a JSON pointer sits in the original text: line and column of the node it names.
//!
//! Every issue drplan reports carries a JSON pointer into the user's document (`input:
//! "document"`); editors, CI annotations and SARIF want a line and a column. [`PositionMap`] is
//! built from the same text [`super::read_text`] reads, choosing JSON or YAML the same way:
//!
//! - JSON: a small scanner over the text (no second parse into values), run once `serde_json`
//!   has accepted the text;
//! - YAML: the importer's own event walk ([`super::yaml`]), which records each event's marker
//!   alongside the value it builds, so CloudFormation short tags (`!Ref`, `!Sub`…), flow
//!   mappings and re-indented flow lines are located exactly as they are read.
//!
//! An object member is located at its key (where an editor puts the cursor for
//! `StartWindowMinutes: 30`), an array item and the root at the node itself. A pointer that names
//! nothing in the text (a missing field, a path inside a policy carried as a JSON string) is
//! located at its nearest ancestor that exists, and [`Located::exact`] says so.
//!
//! Bounds: the tree has one node per node of the first document, and the document is at most
//! [`super::MAX_DOCUMENT_BYTES`]; a YAML alias is one leaf at the alias (nothing is copied), so
//! the tree is never larger than the text's own nodes. Nesting is bounded by the same depth as
//! every input (`boundary::MAX_DEPTH`, checked by the readers before this runs). Lines are
//! 1-based; columns are 1-based and count Unicode code points (SARIF `unicodeCodePoints`).

use std::collections::BTreeMap;

use super::yaml;
use super::MAX_DOCUMENT_BYTES;

/// A place in the text: 1-based line, 1-based column in Unicode code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// One node of the document: where it starts, and its children.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    /// Where the node itself starts.
    pub(crate) at: Position,
    /// Where its key starts, for an object member.
    key: Option<Position>,
    kids: Kids,
}

#[derive(Debug, Clone, PartialEq)]
enum Kids {
    Leaf,
    Map(BTreeMap<String, Node>),
    Seq(Vec<Node>),
}

impl Node {
    pub(crate) fn leaf(at: Position) -> Self {
        Node {
            at,
            key: None,
            kids: Kids::Leaf,
        }
    }
    pub(crate) fn map(at: Position) -> Self {
        Node {
            at,
            key: None,
            kids: Kids::Map(BTreeMap::new()),
        }
    }
    pub(crate) fn seq(at: Position) -> Self {
        Node {
            at,
            key: None,
            kids: Kids::Seq(Vec::new()),
        }
    }
    pub(crate) fn is_map(&self) -> bool {
        matches!(self.kids, Kids::Map(_))
    }
    /// Add a member (a repeated key keeps the last, as the readers do).
    pub(crate) fn insert(&mut self, key: String, key_at: Position, mut value: Node) {
        if let Kids::Map(m) = &mut self.kids {
            value.key = Some(key_at);
            m.insert(key, value);
        }
    }
    /// Add an item.
    pub(crate) fn push(&mut self, value: Node) {
        if let Kids::Seq(v) = &mut self.kids {
            v.push(value);
        }
    }
    fn child(&self, token: &str) -> Option<&Node> {
        match &self.kids {
            Kids::Map(m) => m.get(token),
            Kids::Seq(v) => token
                .parse::<usize>()
                .ok()
                .filter(|_| token == "0" || !token.starts_with('0'))
                .and_then(|i| v.get(i)),
            Kids::Leaf => None,
        }
    }
    /// Take back the columns added to moved lines (line → columns added).
    pub(crate) fn unshift(&mut self, moved: &BTreeMap<usize, usize>) {
        let fix = |p: &mut Position| {
            if let Some(pad) = moved.get(&p.line) {
                p.column = p.column.saturating_sub(*pad).max(1);
            }
        };
        let mut stack = vec![self];
        while let Some(n) = stack.pop() {
            fix(&mut n.at);
            if let Some(k) = &mut n.key {
                fix(k);
            }
            match &mut n.kids {
                Kids::Map(m) => stack.extend(m.values_mut()),
                Kids::Seq(v) => stack.extend(v.iter_mut()),
                Kids::Leaf => {}
            }
        }
    }

    fn shift(&mut self, lines: usize, first_line_columns: usize) {
        let fix = |p: &mut Position| {
            if p.line == 1 {
                p.column += first_line_columns;
            }
            p.line += lines;
        };
        let mut stack = vec![self];
        while let Some(n) = stack.pop() {
            fix(&mut n.at);
            if let Some(k) = &mut n.key {
                fix(k);
            }
            match &mut n.kids {
                Kids::Map(m) => stack.extend(m.values_mut()),
                Kids::Seq(v) => stack.extend(v.iter_mut()),
                Kids::Leaf => {}
            }
        }
    }
}

/// Where a pointer was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The member's key, or the node itself (see the module doc).
    pub position: Position,
    /// Whether the whole pointer names a node of the text; otherwise `position` is that of the
    /// nearest ancestor that does.
    pub exact: bool,
}

/// Which syntax the text was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextSyntax {
    Json,
    Yaml,
}

/// The positions of every node of a document's text (see the module doc).
#[derive(Debug, Clone, PartialEq)]
pub struct PositionMap {
    root: Node,
    syntax: TextSyntax,
}

/// A text that cannot be read, with where the reader stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub position: Position,
    pub message: String,
}

impl PositionMap {
    /// Read `text` as [`crate::parse_backup_plan`] reads it (JSON first when it looks like JSON,
    /// YAML otherwise, the first YAML document only) and record where each node starts.
    pub fn of(text: &str) -> Result<Self, SyntaxError> {
        if text.len() > MAX_DOCUMENT_BYTES {
            return Err(SyntaxError {
                position: Position { line: 1, column: 1 },
                message: format!("documents are limited to {MAX_DOCUMENT_BYTES} bytes"),
            });
        }
        // The readers trim the text; positions are put back where they are in `text`.
        let no_bom = text.trim_start_matches('\u{feff}');
        let body = no_bom.trim_start();
        let cut = no_bom.get(..no_bom.len() - body.len()).unwrap_or("");
        let lines = cut.matches('\n').count();
        let columns = cut.rsplit('\n').next().map_or(0, |l| l.chars().count());
        let trimmed = body.trim_end();
        let (mut root, syntax) = read(trimmed).map_err(|mut e| {
            if e.position.line == 1 {
                e.position.column += columns;
            }
            e.position.line += lines;
            e
        })?;
        root.shift(lines, columns);
        Ok(PositionMap { root, syntax })
    }

    pub fn syntax(&self) -> TextSyntax {
        self.syntax
    }

    /// Where the node `pointer` (RFC 6901) names starts, or its nearest existing ancestor.
    pub fn locate(&self, pointer: &str) -> Located {
        let mut node = &self.root;
        let mut exact = true;
        if !pointer.is_empty() {
            let tokens = pointer.strip_prefix('/').unwrap_or(pointer).split('/');
            for raw in tokens {
                let token = raw.replace("~1", "/").replace("~0", "~");
                match node.child(&token) {
                    Some(n) => node = n,
                    None => {
                        exact = false;
                        break;
                    }
                }
            }
        }
        Located {
            position: node.key.unwrap_or(node.at),
            exact,
        }
    }
}

fn read(text: &str) -> Result<(Node, TextSyntax), SyntaxError> {
    let start = Position { line: 1, column: 1 };
    if text.is_empty() {
        return Ok((Node::leaf(start), TextSyntax::Yaml));
    }
    let yaml_error = |e: yaml::YamlError| SyntaxError {
        position: Position {
            line: e.line.max(1),
            column: e.column.max(1),
        },
        message: e.message,
    };
    if text.starts_with('{') || text.starts_with('[') {
        match serde_json::from_str::<serde::de::IgnoredAny>(text) {
            Ok(_) => {
                if let Some(root) = json_tree(text) {
                    return Ok((root, TextSyntax::Json));
                }
            }
            Err(e) => {
                // As the reader does: YAML flow style may still read as an object.
                if let Ok((v, _, Some(root))) = yaml::parse_with_positions(text) {
                    if v.is_object() {
                        return Ok((root, TextSyntax::Yaml));
                    }
                }
                return Err(SyntaxError {
                    position: Position {
                        line: e.line().max(1),
                        column: e.column().max(1),
                    },
                    message: e.to_string(),
                });
            }
        }
    }
    match yaml::parse_with_positions(text) {
        Ok((_, _, root)) => Ok((root.unwrap_or(Node::leaf(start)), TextSyntax::Yaml)),
        Err(e) => Err(yaml_error(e)),
    }
}

/// A JSON frame being scanned: the node, and the key (with its position) awaiting its value.
struct JsonFrame {
    node: Node,
    key: Option<(String, Position)>,
}

/// Scan JSON text that `serde_json` accepted and record where each node starts. `None` only
/// if the text is not JSON after all (it never is, once accepted).
fn json_tree(text: &str) -> Option<Node> {
    let mut chars = text.chars().peekable();
    let mut line = 1usize;
    let mut column = 1usize;
    let mut stack: Vec<JsonFrame> = Vec::new();
    let mut root: Option<Node> = None;
    // Advance over one char, keeping line and column.
    macro_rules! bump {
        () => {{
            let c = chars.next();
            if c == Some('\n') {
                line += 1;
                column = 1;
            } else if c.is_some() {
                column += 1;
            }
            c
        }};
    }
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            bump!();
        }
        let Some(&c) = chars.peek() else { break };
        let at = Position { line, column };
        let done: Option<Node> = match c {
            '{' => {
                bump!();
                stack.push(JsonFrame {
                    node: Node::map(at),
                    key: None,
                });
                None
            }
            '[' => {
                bump!();
                stack.push(JsonFrame {
                    node: Node::seq(at),
                    key: None,
                });
                None
            }
            '}' | ']' => {
                bump!();
                Some(stack.pop()?.node)
            }
            ',' | ':' => {
                bump!();
                None
            }
            '"' => {
                bump!();
                let mut s = String::new();
                loop {
                    match bump!()? {
                        '"' => break,
                        '\\' => match bump!()? {
                            'n' => s.push('\n'),
                            't' => s.push('\t'),
                            'r' => s.push('\r'),
                            'b' => s.push('\u{8}'),
                            'f' => s.push('\u{c}'),
                            'u' => {
                                let hex = |chars: &mut std::iter::Peekable<std::str::Chars>| {
                                    let mut n = 0u32;
                                    for _ in 0..4 {
                                        n = n * 16 + chars.next()?.to_digit(16)?;
                                    }
                                    Some(n)
                                };
                                let hi = hex(&mut chars)?;
                                column += 4;
                                let cp = if (0xD800..0xDC00).contains(&hi)
                                    && chars.peek() == Some(&'\\')
                                {
                                    bump!();
                                    bump!();
                                    let lo = hex(&mut chars)?;
                                    column += 4;
                                    0x10000
                                        + ((hi - 0xD800) << 10)
                                        + (lo.wrapping_sub(0xDC00) & 0x3FF)
                                } else {
                                    hi
                                };
                                s.push(char::from_u32(cp).unwrap_or('\u{fffd}'));
                            }
                            other => s.push(other),
                        },
                        other => s.push(other),
                    }
                }
                let top = stack.last_mut();
                match top {
                    Some(f) if f.node.is_map() && f.key.is_none() => {
                        f.key = Some((s, at));
                        None
                    }
                    _ => Some(Node::leaf(at)),
                }
            }
            _ => {
                // A number, true, false or null: up to the next delimiter.
                while chars
                    .peek()
                    .is_some_and(|c| !matches!(c, ',' | '}' | ']' | ':') && !c.is_whitespace())
                {
                    bump!();
                }
                Some(Node::leaf(at))
            }
        };
        if let Some(node) = done {
            match stack.last_mut() {
                None => {
                    root = Some(node);
                    break;
                }
                Some(f) => match f.key.take() {
                    Some((k, key_at)) => f.node.insert(k, key_at, node),
                    None => f.node.push(node),
                },
            }
        }
    }
    root
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(map: &PositionMap, pointer: &str) -> (usize, usize, bool) {
        let l = map.locate(pointer);
        (l.position.line, l.position.column, l.exact)
    }

    fn map(text: &str) -> PositionMap {
        match PositionMap::of(text) {
            Ok(m) => m,
            Err(e) => panic!("{e:?}"),
        }
    }

    #[test]
    fn json_nested_objects_and_arrays() {
        let text = r#"{
  "BackupPlan": {
    "BackupPlanName": "prod",
    "Rules": [
      {"RuleName": "a", "StartWindowMinutes": 30},
      {
        "RuleName": "b"
      }
    ]
  }
}"#;
        let m = map(text);
        assert_eq!(m.syntax(), TextSyntax::Json);
        assert_eq!(at(&m, ""), (1, 1, true));
        assert_eq!(at(&m, "/BackupPlan"), (2, 3, true));
        assert_eq!(at(&m, "/BackupPlan/BackupPlanName"), (3, 5, true));
        assert_eq!(at(&m, "/BackupPlan/Rules/0"), (5, 7, true));
        assert_eq!(
            at(&m, "/BackupPlan/Rules/0/StartWindowMinutes"),
            (5, 25, true)
        );
        assert_eq!(at(&m, "/BackupPlan/Rules/1/RuleName"), (7, 9, true));
        // Missing: the nearest ancestor.
        assert_eq!(at(&m, "/BackupPlan/Rules/1/Lifecycle"), (6, 7, false));
        assert_eq!(at(&m, "/BackupPlan/Rules/7"), (4, 5, false));
        assert_eq!(at(&m, "/BackupPlan/Rules/01"), (4, 5, false));
    }

    #[test]
    fn json_escapes_keys_and_unicode_columns() {
        // Columns count code points; escaped keys are matched by their value; `~1` is `/`.
        let text = "{\"é\": 1, \"a/b\": {\"\\u00e9\\\"x\": [true, null]}, \"k\\ud83d\\ude00\": 2, \"z\": \"ü\"}";
        let m = map(text);
        assert_eq!(at(&m, "/é"), (1, 2, true));
        assert_eq!(at(&m, "/a~1b"), (1, 10, true));
        assert_eq!(at(&m, "/a~1b/é\"x"), (1, 18, true));
        assert_eq!(at(&m, "/a~1b/é\"x/1"), (1, 38, true));
        assert_eq!(at(&m, "/k😀"), (1, 46, true));
        assert_eq!(at(&m, "/z"), (1, 66, true));
    }

    #[test]
    fn leading_blank_lines_and_bom_keep_their_lines() {
        let m = map("\u{feff}\n\n  {\"a\": {\"b\": 1}}\n");
        assert_eq!(at(&m, "/a/b"), (3, 10, true));
        let m = map("\n\nA:\n  B: 1\n");
        assert_eq!(at(&m, "/A/B"), (4, 3, true));
    }

    #[test]
    fn yaml_block_mappings_sequences_and_tags() {
        let text = "\
Resources:
  Plan:
    Type: AWS::Backup::BackupPlan
    Properties:
      BackupPlan:
        BackupPlanName: !Sub '${AWS::StackName}-plan'
        BackupPlanRule:
          - RuleName: daily
            TargetBackupVault: !Ref Vault
            Lifecycle: {DeleteAfterDays: 35,
              MoveToColdStorageAfterDays: 30}
          - !If
            - Cond
            - {RuleName: x}
            - !Ref AWS::NoValue
";
        let m = map(text);
        assert_eq!(m.syntax(), TextSyntax::Yaml);
        let rule = "/Resources/Plan/Properties/BackupPlan/BackupPlanRule";
        assert_eq!(
            at(&m, "/Resources/Plan/Properties/BackupPlan/BackupPlanName"),
            (6, 9, true)
        );
        // A tagged scalar's value is the tag's long form: the pointer may go into it.
        assert_eq!(
            at(
                &m,
                "/Resources/Plan/Properties/BackupPlan/BackupPlanName/Fn::Sub"
            ),
            (6, 9, false)
        );
        assert_eq!(at(&m, &format!("{rule}/0")), (8, 13, true));
        assert_eq!(
            at(&m, &format!("{rule}/0/TargetBackupVault")),
            (9, 13, true)
        );
        assert_eq!(
            at(
                &m,
                &format!("{rule}/0/Lifecycle/MoveToColdStorageAfterDays")
            ),
            (11, 15, true)
        );
        assert_eq!(
            at(&m, &format!("{rule}/0/Lifecycle/DeleteAfterDays")),
            (10, 25, true)
        );
        assert_eq!(at(&m, &format!("{rule}/1")), (12, 13, true));
        assert_eq!(at(&m, &format!("{rule}/1/Fn::If")), (12, 13, false));
    }

    #[test]
    fn yaml_flow_mapping_closed_at_the_parent_indentation() {
        // Read as PyYAML does (the `}` line is moved right); lines stay where they are.
        let text = "\
BackupPlan:
  BackupPlanName: p
  Rules:
    - RuleName: r
      Lifecycle: {
        DeleteAfterDays: 7
      }
      TargetBackupVaultName: v
";
        let m = map(text);
        assert_eq!(
            at(&m, "/BackupPlan/Rules/0/Lifecycle/DeleteAfterDays"),
            (6, 9, true)
        );
        assert_eq!(
            at(&m, "/BackupPlan/Rules/0/TargetBackupVaultName"),
            (8, 7, true)
        );
    }

    #[test]
    fn yaml_keys_on_a_moved_flow_line_keep_their_columns() {
        // The second line sits left of the sequence item's mapping: read as PyYAML does, by
        // moving it right; the positions are those of the text as written.
        let text =
            "Rules:\n  - Lifecycle: {\n  DeleteAfterDays: 7, MoveToColdStorageAfterDays: 1 }\n";
        let (v, _) = match yaml::parse(text) {
            Ok(x) => x,
            Err(e) => panic!("{e:?}"),
        };
        assert_eq!(v["Rules"][0]["Lifecycle"]["DeleteAfterDays"], 7);
        let m = map(text);
        assert_eq!(at(&m, "/Rules/0/Lifecycle/DeleteAfterDays"), (3, 3, true));
        assert_eq!(
            at(&m, "/Rules/0/Lifecycle/MoveToColdStorageAfterDays"),
            (3, 23, true)
        );
        assert_eq!(at(&m, "/Rules/0/Lifecycle"), (2, 5, true));
    }

    #[test]
    fn yaml_anchors_aliases_and_documents() {
        let text = "a: &x {b: 1}\nc: *x\n---\nd: 2\n";
        let m = map(text);
        assert_eq!(at(&m, "/a/b"), (1, 8, true));
        // An alias is one leaf at the alias: nothing is copied into the tree.
        assert_eq!(at(&m, "/c"), (2, 1, true));
        assert_eq!(at(&m, "/c/b"), (2, 1, false));
        // Only the first document is read, as the importer does.
        assert_eq!(at(&m, "/d"), (1, 1, false));
    }

    #[test]
    fn syntax_errors_have_a_position() {
        // An error in the second YAML document fails the whole text, as the importer does.
        let e = PositionMap::of("a: 1\n---\nb: [1, 2\n").err();
        assert!(e.as_ref().is_some_and(|e| e.position.line >= 3), "{e:?}");
        let e = PositionMap::of("\n{\"a\": 1,\n \"b\": ]}").err();
        assert_eq!(e.map(|e| e.position.line), Some(3));
        // Flow YAML that is not JSON still reads, as YAML.
        let m = map("{a: 1, b: [x, y]}");
        assert_eq!(m.syntax(), TextSyntax::Yaml);
        assert_eq!(at(&m, "/b/1"), (1, 15, true));
    }

    #[test]
    fn the_map_agrees_with_the_reader_on_every_key() {
        // Every pointer of the value read by the importer is located exactly.
        let text = "\
AWSTemplateFormatVersion: '2010-09-09'
Parameters: {Days: {Type: Number, Default: 35}}
Resources:
  V: {Type: 'AWS::Backup::BackupVault', Properties: {BackupVaultName: v}}
  P:
    Type: AWS::Backup::BackupPlan
    Properties:
      BackupPlan:
        BackupPlanName: p
        BackupPlanRule:
          - {RuleName: r, TargetBackupVault: !Ref V, Lifecycle: {DeleteAfterDays: !Ref Days}}
";
        for t in [text.to_owned(), json_of(text)] {
            let (v, _, _) = match super::super::read_text(&t) {
                Ok(x) => x,
                Err(e) => panic!("{e:?}"),
            };
            let m = map(&t);
            let mut stack = vec![(String::new(), &v)];
            let mut n = 0;
            while let Some((p, v)) = stack.pop() {
                let l = m.locate(&p);
                // Inside a short tag's long form there is nothing more to find.
                let in_tag = p.contains("/Ref") || p.contains("/Fn::");
                assert!(l.exact || in_tag, "{p} in {t}");
                n += 1;
                match v {
                    serde_json::Value::Object(o) => {
                        for (k, x) in o {
                            stack.push((crate::error::join(&p, k), x));
                        }
                    }
                    serde_json::Value::Array(a) => {
                        for (i, x) in a.iter().enumerate() {
                            stack.push((crate::error::join(&p, i), x));
                        }
                    }
                    _ => {}
                }
            }
            assert!(n > 20);
        }
    }

    fn json_of(yaml_text: &str) -> String {
        let (v, _) = match yaml::parse(yaml_text) {
            Ok(x) => x,
            Err(e) => panic!("{e:?}"),
        };
        serde_json::to_string_pretty(&v).unwrap_or_default()
    }
}
