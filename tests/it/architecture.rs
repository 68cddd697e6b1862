//! The house rules of `../shared/style.md`, checked on the source: the
//! top-level modules import each other only downward (no cycle), `main.rs`
//! only dispatches, and no function outgrows 120 lines.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module's layer; a module may import only lower layers
/// (or its own). Keep in step with docs/architecture.md.
const LAYERS: &[(&str, u8)] = &[
    ("text", 0),
    ("codes", 0),
    // the run's language, for messages composed in any layer
    ("locale", 0),
    // the one YAML parser, its errors in the run's language
    ("yaml", 1),
    // atomic writes, with their refusals in the run's language
    ("output", 1),
    // the message catalogue speaks of codes' issues
    ("i18n", 1),
    ("standard", 2),
    ("catalogue", 3),
    ("rules", 4),
    ("check", 5),
    ("diff", 5),
    ("score", 6),
    ("config", 6),
    // drafts a standard from what check found
    ("profile", 6),
    ("settings", 7),
    ("schema", 7),
    ("report", 8),
    ("generate", 9),
    ("export", 9),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The top-level module a file of `src/` belongs to.
fn module_of(path: &Path) -> Option<String> {
    let rel = path.strip_prefix(src()).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?.to_string();
    Some(first.trim_end_matches(".rs").to_string())
}

/// The crate's top-level modules a file names with `crate::`.
fn imports(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // use crate::{a, b::c}
            let end = group.find('}').unwrap_or(group.len());
            for part in group[..end].split(',') {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            out.insert(name);
        }
    }
    out
}

#[test]
fn modules_import_only_downward_and_in_no_cycle() {
    let layer: BTreeMap<&str, u8> = LAYERS.iter().copied().collect();
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut bad = Vec::new();
    for f in &files {
        let Some(m) = module_of(f) else { continue };
        if m == "main" || m == "cli" || m == "lib" {
            continue;
        }
        let Some(&own) = layer.get(m.as_str()) else {
            panic!("module `{m}` has no layer in tests/it/architecture.rs");
        };
        let text = std::fs::read_to_string(f).unwrap();
        for dep in imports(&text) {
            if dep == m {
                continue;
            }
            match layer.get(dep.as_str()) {
                Some(&l) if l < own => {}
                Some(&l) => bad.push(format!(
                    "{} ({m}, layer {own}) imports {dep} (layer {l})",
                    f.display()
                )),
                None => {}
            }
        }
    }
    assert!(
        bad.is_empty(),
        "imports that point up or sideways:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_layer_table_notices_an_upward_import() {
    // the checker above must be able to fail: a leaf naming a room above it
    assert!(imports("use crate::check::Finding;").contains("check"));
    assert!(imports("use crate::{standard::Standard, text};").contains("standard"));
}

/// Append `text` as spaces, keeping its line breaks.
fn blank(out: &mut String, text: &str) {
    out.extend(text.chars().map(|c| if c == '\n' { '\n' } else { ' ' }));
}

/// Blank out strings, characters and comments so braces inside them do
/// not count.
fn code_only(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if src[i..].starts_with("//") {
            let end = src[i..].find('\n').map_or(b.len(), |j| i + j);
            i = end;
            continue;
        }
        let raw = c == b'r'
            && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'))
            && src[i + 1..].trim_start_matches('#').starts_with('"');
        if raw {
            let hashes = src[i + 1..].chars().take_while(|&c| c == '#').count();
            let close = format!("\"{}", "#".repeat(hashes));
            let start = i + 2 + hashes;
            let end = src[start..]
                .find(&close)
                .map_or(b.len(), |j| start + j + close.len());
            blank(&mut out, &src[i..end]);
            i = end;
            continue;
        }
        if c == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(b.len());
            blank(&mut out, &src[i..end]);
            i = end;
            continue;
        }
        if c == b'\'' {
            // a char literal ('{', '\n', '\u{3000}'), not a lifetime
            let rest = &src[i..];
            let len = if rest.starts_with("'\\u{") {
                rest.find("}'").map(|j| j + 2)
            } else if rest.starts_with("'\\") {
                Some(4)
            } else {
                rest[1..]
                    .chars()
                    .next()
                    .filter(|ch| rest[1 + ch.len_utf8()..].starts_with('\''))
                    .map(|ch| ch.len_utf8() + 2)
            };
            if let Some(n) = len {
                out.push_str(&" ".repeat(n));
                i += n;
                continue;
            }
        }
        let ch = src[i..].chars().next().unwrap();
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

/// (lines, name, first line) of every function with a body.
fn functions(src: &str) -> Vec<(usize, String, usize)> {
    let code = code_only(src);
    let lines: Vec<&str> = code.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        let t = t
            .strip_prefix("pub(crate) ")
            .or(t.strip_prefix("pub "))
            .unwrap_or(t);
        let t = t.strip_prefix("const ").unwrap_or(t);
        let Some(rest) = t.strip_prefix("fn ") else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let mut depth = 0i32;
        let mut opened = false;
        'scan: for (j, l) in lines.iter().enumerate().skip(i) {
            for ch in l.chars() {
                match ch {
                    ';' if !opened && depth == 0 => break 'scan,
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => depth -= 1,
                    _ => {}
                }
                if opened && depth == 0 {
                    out.push((j - i + 1, name.clone(), i + 1));
                    break 'scan;
                }
            }
        }
    }
    out
}

#[test]
fn no_function_over_120_lines() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut long = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for (n, name, line) in functions(&text) {
            if n > 120 {
                long.push(format!("{}:{line} {name}: {n} lines", f.display()));
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over 120 lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_function_counter_counts() {
    let body = "    let x = '{';\n    let s = \"}}\";\n".repeat(70);
    let f = format!("fn big() {{\n{body}}}\nfn small() {{}}\n");
    let found = functions(&f);
    assert_eq!(found[0], (142, "big".to_string(), 1));
    assert_eq!(found[1].0, 1);
}

#[test]
fn main_only_parses_and_dispatches() {
    let main = std::fs::read_to_string(src().join("main.rs")).unwrap();
    assert!(
        main.lines().count() <= 250,
        "src/main.rs has {} lines",
        main.lines().count()
    );
}
