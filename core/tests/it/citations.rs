//! Every citation of a project document resolves.
//!
//! Code comments, messages, `source` strings of the outputs (and so the golden vectors) and the
//! documentation cite domain facts as `<name>.md §<section>`, e.g. `aws-backup.md §5.2 W1` or
//! `pricing.md §8.1`. This test scans the sources and fails on every citation that does not
//! resolve, printing `file:line` for each. The rules (also in `docs/domain/README.md`):
//!
//! * `<name>.md` resolves to `docs/domain/<name>.md`, else `docs/<name>.md`, else `<name>.md` at
//!   the repository root (file names are case-sensitive). A path with a directory
//!   (`docs/cost-cases.md`, `../../README.md`) resolves from the repository root, or from the
//!   citing file when it starts with `./` or `../`.
//! * `§<n>` (e.g. `§5`, `§5.2`, `§11.2`) needs a heading in that file whose text starts with
//!   `§<n>` followed by a space (`## §5 …`, `### §5.2 …`); a trailing `.` of the sentence is not
//!   part of the number. A range `§11–12` or `§6.1–6.4` needs both ends.
//! * Rule IDs right after the section (`§5 W1`, `§5.2 rule W3`, `§5 rules L2/L3/L4`,
//!   `§5.4 S1–S3`) must each appear as a word in that section (its heading down to the next
//!   heading of the same or a higher level, so `§5 W1` finds W1 in `§5.2`).
//! * Further bare sections in the same clause (`pricing.md §8.1, §6.2`, `aws-backup.md §9 /
//!   §14.1`, `migration.md §3.4 M3 + §3.5`) belong to the same file: a bare `§` chains when the
//!   text since the previous section is at most 40 characters, holds no other `.md` and does not
//!   end a sentence.
//! * Not project documents, so not checked: URLs (`https://…/snapshot-archive.md`), paths into
//!   other repositories (`doc_source/snapshot-archive.md`, or any path right after a repository
//!   reference: ``percona/pxb-docs `docs/about-xtrabackup.md` ``), and the upstream page names listed
//!   in [`UPSTREAM_PAGES`]. A path outside the repository that names one of the domain files or a
//!   `domain/` folder (`elsewhere/domain/README.md`) is reported: cite `docs/domain/<name>.md`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The domain reference files (docs/domain/).
const DOMAIN_FILES: [&str; 5] = [
    "aws-backup",
    "dr-strategies",
    "migration",
    "pricing",
    "retention",
];

/// Names of upstream documentation pages quoted in sources (e.g. the S3 user guide page
/// `lifecycle-transition-general-considerations.md`): not project files.
const UPSTREAM_PAGES: [&str; 3] = [
    "about-xtrabackup",
    "lifecycle-transition-general-considerations",
    "snapshot-archive",
];

/// Longest text between two sections of one chained citation.
const MAX_CHAIN_GAP: usize = 40;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
}

/// Files to scan, relative to the repository root.
fn scanned_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let exts_code: &[&str] = &["rs", "py", "pyi", "js", "html", "md"];
    walk(&root.join("core/src"), &["rs"], &mut out);
    walk(&root.join("wasm/src"), exts_code, &mut out);
    walk(&root.join("python/src"), exts_code, &mut out);
    walk(&root.join("python/drplan"), exts_code, &mut out);
    walk(&root.join("web-demo"), &["js", "html"], &mut out);
    walk(&root.join("docs"), &["md"], &mut out);
    for f in ["README.md", "ARCHITECTURE.md"] {
        let p = root.join(f);
        if p.is_file() {
            out.push(p);
        }
    }
    let mut golden = Vec::new();
    walk(&root.join("tests/golden"), &["json"], &mut golden);
    out.extend(
        golden
            .into_iter()
            .filter(|p| p.file_name().is_some_and(|n| n == "expected.json")),
    );
    out.sort();
    out
}

fn walk(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n == "node_modules") {
                continue;
            }
            walk(&p, exts, out);
        } else if p
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| exts.contains(&x))
        {
            out.push(p);
        }
    }
}

/// One cited section: number and the rule IDs given with it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Section {
    number: String,
    rules: Vec<String>,
}

/// One mention of a project document on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Mention {
    /// The path as written (`pricing.md`, `docs/cost-cases.md`, `../../README.md`).
    path: String,
    sections: Vec<Section>,
    /// The text as written, for the failure message.
    text: String,
    /// The path follows a repository reference (`owner/repo`, `owner/repo @ <commit>`): a path
    /// inside another repository.
    upstream: bool,
}

fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | ':' | '~' | '%' | '+')
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Reads `§<n>` (optionally `§ <n>`) at `i`; returns the number and the index after it.
fn read_section(chars: &[char], mut i: usize) -> Option<(String, usize)> {
    if chars.get(i) != Some(&'§') {
        return None;
    }
    i += 1;
    if chars.get(i) == Some(&' ') {
        i += 1;
    }
    read_number(chars, i)
}

/// Reads `12`, `5.2`, `11.2.1` at `i` (a trailing `.` is not part of it).
fn read_number(chars: &[char], mut i: usize) -> Option<(String, usize)> {
    let start = i;
    while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
        i += 1;
    }
    let mut s: String = chars[start..i].iter().collect();
    while s.ends_with('.') {
        s.pop();
        i -= 1;
    }
    if s.is_empty() || s.starts_with('.') {
        return None;
    }
    Some((s, i))
}

/// Reads a rule ID (`W1`, `L10`, `S3`, `M3`, `P5`) at `i`.
fn read_rule(chars: &[char], i: usize) -> Option<(String, usize)> {
    let mut j = i;
    while j < chars.len() && chars[j].is_ascii_uppercase() && j - i < 3 {
        j += 1;
    }
    if j == i {
        return None;
    }
    let letters_end = j;
    while j < chars.len() && chars[j].is_ascii_digit() {
        j += 1;
    }
    if j == letters_end || chars.get(j).is_some_and(|&c| is_word_char(c)) {
        return None;
    }
    if i > 0 && is_word_char(chars[i - 1]) {
        return None;
    }
    Some((chars[i..j].iter().collect(), j))
}

fn starts_with(chars: &[char], i: usize, s: &str) -> bool {
    (i..).zip(s.chars()).all(|(k, c)| chars.get(k) == Some(&c))
}

/// Reads one section with its range end and rule IDs at `i` (which holds `§`).
fn read_section_with_rules(chars: &[char], i: usize) -> Option<(Vec<Section>, usize)> {
    let (number, mut j) = read_section(chars, i)?;
    let mut out = vec![Section {
        number,
        rules: Vec::new(),
    }];
    // Range: `§11–12`, `§6.1–6.4`, `§3–§5`.
    if matches!(chars.get(j), Some('–') | Some('-')) {
        let k = j + 1;
        let end = if chars.get(k) == Some(&'§') {
            read_section(chars, k)
        } else {
            read_number(chars, k)
        };
        if let Some((n, e)) = end {
            out.push(Section {
                number: n,
                rules: Vec::new(),
            });
            j = e;
        }
    }
    // Rule IDs: ` W1`, ` rule W3`, ` rules L2/L3/L4`, ` S1–S3`.
    if chars.get(j) == Some(&' ') {
        let mut k = j + 1;
        for word in ["rules ", "rule "] {
            if starts_with(chars, k, word) {
                k += word.chars().count();
                break;
            }
        }
        if let Some((first, mut e)) = read_rule(chars, k) {
            let mut rules = vec![first];
            loop {
                let sep = [" and ", "/", "–", "-"]
                    .iter()
                    .find(|s| starts_with(chars, e, s))
                    .map(|s| s.chars().count());
                let Some(sep) = sep else { break };
                match read_rule(chars, e + sep) {
                    Some((r, e2)) => {
                        rules.push(r);
                        e = e2;
                    }
                    None => break,
                }
            }
            if let Some(last) = out.last_mut() {
                last.rules = rules;
            }
            j = e;
        }
    }
    Some((out, j))
}

/// Every mention of a `.md` file on one line.
fn mentions_in_line(line: &str) -> Vec<Mention> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 3 <= chars.len() {
        if !starts_with(&chars, i, ".md") || chars.get(i + 3).is_some_and(|&c| is_word_char(c)) {
            i += 1;
            continue;
        }
        let end = i + 3;
        let mut start = i;
        while start > 0 && is_path_char(chars[start - 1]) {
            start -= 1;
        }
        let token: String = chars[start..end].iter().collect();
        let token = token.trim_start_matches(':').to_owned();
        i = end;
        let url = token.contains("://")
            || token.starts_with("//")
            || token.starts_with("www.")
            || chars[..start].ends_with(&['/', '/']);
        if url || token == ".md" || token.is_empty() {
            continue;
        }
        // Sections: `name.md §5.2 W1, §9`.
        let mut sections = Vec::new();
        let mut j = end;
        if chars.get(j) == Some(&' ') && chars.get(j + 1) == Some(&'§') {
            j += 1;
        }
        if chars.get(j) == Some(&'§') {
            while let Some((secs, e)) = read_section_with_rules(&chars, j) {
                sections.extend(secs);
                j = e;
                // Chain a further bare `§` in the same clause.
                let mut k = j;
                while k < chars.len() && chars[k] != '§' && k - j <= MAX_CHAIN_GAP {
                    k += 1;
                }
                if chars.get(k) != Some(&'§') {
                    break;
                }
                let gap: String = chars[j..k].iter().collect();
                if gap.contains(".md") || gap.contains(". ") || gap.contains(';') {
                    break;
                }
                j = k;
            }
        }
        let text: String = chars[start..j.max(end)].iter().collect();
        let before: String = chars[..start].iter().collect();
        out.push(Mention {
            upstream: token.contains('/') && follows_repository(&before),
            path: token,
            sections,
            text: text.trim().to_owned(),
        });
        i = j.max(end);
    }
    out
}

/// Whether `before` ends with a repository reference: `owner/repo`, `owner/repo @ <commit or tag>`,
/// optionally followed by an opening backtick.
fn follows_repository(before: &str) -> bool {
    let words: Vec<&str> = before
        .trim_end_matches([' ', '`'])
        .split_whitespace()
        .collect();
    let is_repo = |w: &str| {
        let w = w.trim_start_matches(['(', '`', '"']);
        w.matches('/').count() == 1
            && !w.contains(".md")
            && !w.contains("://")
            && w.split('/').all(|p| {
                !p.is_empty()
                    && p.chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            })
    };
    match words.as_slice() {
        [.., repo, "@", _rev] => is_repo(repo),
        [.., repo] => is_repo(repo),
        [] => false,
    }
}

/// Headings of a Markdown file: section number → (level, body text down to the next heading of
/// the same or a higher level).
fn sections_of(md: &str) -> BTreeMap<String, String> {
    let lines: Vec<&str> = md.lines().collect();
    let mut heads = Vec::new();
    let mut in_fence = false;
    for (n, l) in lines.iter().enumerate() {
        if l.trim_start().starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || !l.starts_with('#') {
            continue;
        }
        let level = l.chars().take_while(|&c| c == '#').count();
        let text = l[level..].trim();
        let chars: Vec<char> = text.chars().collect();
        if let Some((num, e)) = read_section(&chars, 0) {
            if e == chars.len() || chars[e] == ' ' {
                heads.push((n, level, Some(num)));
                continue;
            }
        }
        heads.push((n, level, None));
    }
    let mut out = BTreeMap::new();
    for (idx, (n, level, num)) in heads.iter().enumerate() {
        let Some(num) = num else { continue };
        let stop = heads[idx + 1..]
            .iter()
            .find(|(_, l, _)| l <= level)
            .map_or(lines.len(), |(m, _, _)| *m);
        out.insert(num.clone(), lines[*n..stop].join("\n"));
    }
    out
}

fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
    })
}

/// Where a mention points, or why it is not checked / dangles.
enum Target {
    File(PathBuf),
    NotProject,
    Missing(String),
}

fn resolve(root: &Path, citing: &Path, path: &str) -> Target {
    let (dir, file) = match path.rfind('/') {
        Some(k) => (&path[..k], &path[k + 1..]),
        None => ("", path),
    };
    let name = file.trim_end_matches(".md");
    if dir.is_empty() {
        for p in [
            root.join("docs/domain").join(file),
            root.join("docs").join(file),
            root.join(file),
        ] {
            if p.is_file() {
                return Target::File(p);
            }
        }
        if UPSTREAM_PAGES.contains(&name) {
            return Target::NotProject;
        }
        return Target::Missing(format!(
            "no docs/domain/{file}, docs/{file} or {file} in the repository"
        ));
    }
    if dir.starts_with("./") || dir.starts_with("../") || dir == "." || dir == ".." {
        let base = citing.parent().unwrap_or(root);
        let p = base.join(path);
        return if p.is_file() {
            Target::File(p)
        } else {
            Target::Missing(format!("{path} does not exist relative to the citing file"))
        };
    }
    let first = dir.split('/').next().unwrap_or("");
    if !first.is_empty() && root.join(first).is_dir() {
        let p = root.join(path);
        return if p.is_file() {
            Target::File(p)
        } else {
            Target::Missing(format!("{path} does not exist in the repository"))
        };
    }
    if DOMAIN_FILES.contains(&name) || dir == "domain" || dir.ends_with("/domain") {
        return Target::Missing(format!(
            "{path} is outside the repository: cite docs/domain/{file}"
        ));
    }
    Target::NotProject
}

/// Every dangling citation, as `file:line: text: reason`.
fn dangling(root: &Path) -> (Vec<String>, usize) {
    let mut problems = Vec::new();
    let mut checked = 0usize;
    let mut cache: BTreeMap<PathBuf, BTreeMap<String, String>> = BTreeMap::new();
    for f in scanned_files(root) {
        let Ok(text) = fs::read_to_string(&f) else {
            continue;
        };
        let rel = f.strip_prefix(root).unwrap_or(&f).display().to_string();
        for (n, line) in text.lines().enumerate() {
            for m in mentions_in_line(line) {
                let at = format!("{rel}:{}: `{}`", n + 1, m.text);
                if m.upstream {
                    continue;
                }
                let target = match resolve(root, &f, &m.path) {
                    Target::NotProject => continue,
                    Target::Missing(why) => {
                        problems.push(format!("{at}: {why}"));
                        continue;
                    }
                    Target::File(p) => p,
                };
                checked += 1;
                if m.sections.is_empty() {
                    continue;
                }
                let secs = cache.entry(target.clone()).or_insert_with(|| {
                    sections_of(&fs::read_to_string(&target).unwrap_or_default())
                });
                for s in &m.sections {
                    match secs.get(&s.number) {
                        None => {
                            problems.push(format!("{at}: {} has no heading §{}", m.path, s.number))
                        }
                        Some(body) => {
                            for r in &s.rules {
                                if !contains_word(body, r) {
                                    problems.push(format!(
                                        "{at}: rule {r} does not appear in {} §{}",
                                        m.path, s.number
                                    ));
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    (problems, checked)
}

#[test]
fn citations_resolve() {
    let root = root();
    let (problems, checked) = dangling(&root);
    assert!(
        checked > 100,
        "only {checked} citations found: is the scan broken?"
    );
    assert!(
        problems.is_empty(),
        "{} dangling citation(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn citation_parser_reads_the_forms_in_use() {
    let m = mentions_in_line("see aws-backup.md §5.2 W1/W4, §9 and pricing.md §8.1.");
    assert_eq!(m.len(), 2);
    assert_eq!(m[0].path, "aws-backup.md");
    let nums: Vec<&str> = m[0].sections.iter().map(|s| s.number.as_str()).collect();
    assert_eq!(nums, ["5.2", "9"]);
    assert_eq!(m[0].sections[0].rules, ["W1", "W4"]);
    assert_eq!(m[1].sections[0].number, "8.1");

    let m = mentions_in_line("(aws-backup.md §5 rules L2/L3/L4) and retention.md §3/§4");
    assert_eq!(m[0].sections[0].rules, ["L2", "L3", "L4"]);
    let nums: Vec<&str> = m[1].sections.iter().map(|s| s.number.as_str()).collect();
    assert_eq!(nums, ["3", "4"]);

    let m = mentions_in_line("aws-backup.md §11–12: measure; dr-strategies.md §6.1–6.4");
    let nums: Vec<&str> = m[0].sections.iter().map(|s| s.number.as_str()).collect();
    assert_eq!(nums, ["11", "12"]);
    let nums: Vec<&str> = m[1].sections.iter().map(|s| s.number.as_str()).collect();
    assert_eq!(nums, ["6.1", "6.4"]);

    let m = mentions_in_line("migration.md §3.4 M3 + §3.5 M4 (S3 Replication)");
    assert_eq!(m[0].sections.len(), 2);
    assert_eq!(m[0].sections[1].rules, ["M4"]);

    // URLs and paths into other repositories are not project files.
    let root = root();
    let m = mentions_in_line("https://example.com/doc_source/snapshot-archive.md");
    assert!(m.is_empty());
    let m = mentions_in_line("awsdocs/amazon-ec2-user-guide doc_source/snapshot-archive.md");
    assert!(matches!(
        resolve(&root, &root.join("README.md"), &m[0].path),
        Target::NotProject
    ));
    assert!(matches!(
        resolve(
            &root,
            &root.join("README.md"),
            "elsewhere/domain/pricing.md"
        ),
        Target::Missing(_)
    ));

    let secs = sections_of("# T\n## §5 Rules\n### §5.2 Windows\n| W1 | x |\n## §6 Cron\n");
    assert!(secs.get("5").is_some_and(|b| contains_word(b, "W1")));
    assert!(secs.get("6").is_some_and(|b| !contains_word(b, "W1")));
    assert!(secs.contains_key("5.2"));
}
