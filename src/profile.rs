//! `santong profile`: a provincial standard drafted from real lists, for a
//! person to review.
//!
//! It reads what `check` found on the lists with the national standard:
//! headers it could not place but could guess (`unknown-column` with a
//! suggestion) become `add_aliases`; a province's own codes read through a
//! label column (`provincial-code`) and a system's own code table
//! (`vendor-code-table`) become `codes:` tables, the guessed meanings marked
//! for review with their counts and example rows; headers nobody could
//! place are listed (and ignored until someone places them); the header
//! rows and the shape of each table are noted. The draft `extends:
//! national`, so `check --standard DIR` on the same lists then reports no
//! finding caused by a header word or a code table.

use crate::catalogue::{Catalogue, ReadOptions};
use crate::check::FileReport;
use crate::i18n::Lang;
use crate::standard::{Scope, Standard, Vocabulary};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A code of the draft's table, with what it stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeEntry {
    /// The national label the code stands for.
    pub label: String,
    /// Read from the list's own label column, not guessed.
    pub certain: bool,
    pub rows: usize,
    /// A few cells using it: (file, row).
    pub examples: Vec<(String, u32)>,
}

/// One table as it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub file: String,
    pub sheet: Option<String>,
    pub header_rows: Vec<u32>,
    pub materials: bool,
    pub items: u32,
    pub parts: u32,
}

/// What the lists say a provincial standard needs.
#[derive(Debug, Default)]
pub struct Profile {
    pub lists: Vec<String>,
    /// (element, header) → the lists using that header.
    pub aliases: BTreeMap<(usize, String), BTreeSet<String>>,
    /// vocabulary id → code → entry.
    pub codes: BTreeMap<String, BTreeMap<String, CodeEntry>>,
    /// header → the lists with that column.
    pub unplaced: BTreeMap<String, BTreeSet<String>>,
    /// Cumulative tables (网上办理深度) the lists grade one code a cell:
    /// vocabulary id → the lists.
    pub graded: BTreeMap<String, BTreeSet<String>>,
    pub shapes: Vec<Shape>,
}

const EXAMPLES: usize = 3;

/// Draft a profile from the lists' check reports (made with `std`, the
/// national standard) and the lists themselves (for their shape).
pub fn profile(std: &Standard, reports: &[FileReport], read: &ReadOptions) -> Profile {
    let mut p = Profile::default();
    for r in reports {
        p.lists.push(r.path.clone());
        for f in &r.findings {
            match f.rule.as_str() {
                "unknown-column" => unknown(std, &mut p, f, &r.path),
                "provincial-code" => provincial(std, &mut p, f, &r.path),
                "vendor-code-table" => vendor(std, &mut p, f, &r.path),
                _ => {}
            }
        }
        if let Ok(c) = Catalogue::load(Path::new(&r.path), std, read) {
            for t in &c.tables {
                let a = r.rows.iter().find(|a| a.source.as_ref() == Some(&t.source));
                p.shapes.push(Shape {
                    file: r.path.clone(),
                    sheet: t.source.sheet.clone(),
                    header_rows: t.header_rows.clone(),
                    materials: t.role == Scope::Item
                        && c.items.iter().any(|i| !i.materials.is_empty()),
                    items: a.map_or(0, |a| a.items),
                    parts: a.map_or(0, |a| a.parts),
                });
            }
        }
    }
    p
}

fn param(f: &crate::rules::Finding, key: &str) -> Option<String> {
    f.params.get(key).map(|v| v.to_string())
}

fn unknown(std: &Standard, p: &mut Profile, f: &crate::rules::Finding, file: &str) {
    let Some(headers) = f
        .value
        .as_deref()
        .or_else(|| f.params.get("value").and_then(|v| v.as_str()))
    else {
        return;
    };
    let element =
        param(f, "suggestion").and_then(|l| std.elements.iter().position(|e| e.label == l));
    for h in headers
        .split("”“")
        .map(|h| h.trim_end_matches('…'))
        .filter(|h| !h.is_empty())
    {
        let slot = match element {
            Some(e) => p.aliases.entry((e, h.to_string())).or_default(),
            None => p.unplaced.entry(h.to_string()).or_default(),
        };
        slot.insert(file.to_string());
    }
}

fn vocab_id<'s>(std: &'s Standard, f: &crate::rules::Finding) -> Option<&'s Vocabulary> {
    std.vocabulary_of(&std.elements[f.element?])
}

fn provincial(std: &Standard, p: &mut Profile, f: &crate::rules::Finding, file: &str) {
    let (Some(v), Some(code), Some(meaning)) =
        (vocab_id(std, f), param(f, "code"), param(f, "meaning_code"))
    else {
        return;
    };
    let label = v.label_of(&meaning).unwrap_or(&meaning).to_string();
    let rows: Vec<(String, u32)> = f
        .rows()
        .take(EXAMPLES)
        .map(|r| (file.to_string(), r))
        .collect();
    let e = p
        .codes
        .entry(v.id.clone())
        .or_default()
        .entry(code)
        .or_insert(CodeEntry {
            label,
            certain: true,
            rows: 0,
            examples: Vec::new(),
        });
    e.rows += f.count();
    extend_examples(&mut e.examples, rows);
}

fn extend_examples(into: &mut Vec<(String, u32)>, more: Vec<(String, u32)>) {
    for x in more {
        if into.len() < EXAMPLES && !into.contains(&x) {
            into.push(x);
        }
    }
}

fn vendor(std: &Standard, p: &mut Profile, f: &crate::rules::Finding, file: &str) {
    let Some(v) = vocab_id(std, f) else { return };
    if f.params.contains_key("scale") {
        p.graded
            .entry(v.id.clone())
            .or_default()
            .insert(file.to_string());
        return;
    }
    let Some(codes) = f.params.get("codes") else {
        return;
    };
    let Ok(codes) = serde_json::to_value(codes) else {
        return;
    };
    let Ok(codes) = serde_json::from_value::<Vec<(String, Vec<u32>)>>(codes) else {
        return;
    };
    let all: Vec<&str> = codes.iter().map(|(c, _)| c.as_str()).collect();
    for (code, rows) in &codes {
        let table = p.codes.entry(v.id.clone()).or_default();
        let e = table.entry(code.clone()).or_insert_with(|| CodeEntry {
            label: guess(v, code, &all),
            certain: false,
            rows: 0,
            examples: Vec::new(),
        });
        e.rows += rows.len();
        extend_examples(
            &mut e.examples,
            rows.iter()
                .take(EXAMPLES)
                .map(|r| (file.to_string(), *r))
                .collect(),
        );
    }
}

/// A guess at the national label a system's code stands for, for a person
/// to confirm: yes-words the first entry and no-words the second (true /
/// false, and their typos); 9, 99 … 其他 where the table has it; other
/// codes the entry at their rank among the column's codes.
fn guess(v: &Vocabulary, code: &str, all: &[&str]) -> String {
    let labels: Vec<&str> = v.entries.iter().map(|e| e.label.as_str()).collect();
    let pick = |i: usize| {
        labels
            .get(i.min(labels.len().saturating_sub(1)))
            .copied()
            .unwrap_or_default()
            .to_string()
    };
    let c = code.to_ascii_lowercase();
    let near = |w: &str| {
        c == w || (c.len() == w.len() && c.chars().collect::<BTreeSet<_>>() == w.chars().collect())
    };
    if near("true") || ["y", "yes", "t"].contains(&c.as_str()) {
        return pick(0);
    }
    if near("false") || ["n", "no", "f"].contains(&c.as_str()) {
        return pick(1);
    }
    if c.chars().all(|x| x == '9') {
        if let Some(other) = labels.iter().find(|l| l.contains("其他")) {
            return other.to_string();
        }
    }
    let mut sorted: Vec<&str> = all.to_vec();
    sorted.sort_by_key(|x| (x.parse::<u64>().unwrap_or(u64::MAX), x.to_string()));
    pick(sorted.iter().position(|x| *x == code).unwrap_or(0))
}

/// A YAML double-quoted scalar.
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// Where a code is used, each file named once: `县.csv 第3、6行`.
fn examples(e: &CodeEntry, lang: Lang) -> String {
    let mut by_file: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (f, r) in &e.examples {
        let name = Path::new(f)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(f);
        by_file.entry(name).or_default().push(r.to_string());
    }
    by_file
        .iter()
        .map(|(f, rows)| match lang {
            Lang::Zh => format!("{f} 第{}行", rows.join("、")),
            Lang::En => format!("{f} row {}", rows.join(", ")),
        })
        .collect::<Vec<_>>()
        .join(lang.pick("；", "; "))
}

/// The draft's files: (name, YAML text), comments in `lang`.
pub fn render(p: &Profile, std: &Standard, lang: Lang) -> Vec<(&'static str, String)> {
    let mut out = vec![("standard.yaml", standard_yaml(p, std, lang))];
    if !p.aliases.is_empty() {
        out.push(("elements.yaml", elements_yaml(p, std, lang)));
    }
    if !p.codes.is_empty() || !p.graded.is_empty() {
        out.push(("vocabularies.yaml", vocabularies_yaml(p, lang)));
    }
    out
}

fn standard_yaml(p: &Profile, std: &Standard, lang: Lang) -> String {
    let mut s = String::new();
    let z = lang == Lang::Zh;
    s.push_str(if z {
        "# 省级标准草稿：由 santong profile 根据下列清单起草，须逐项核对后再作 --standard 使用。\n"
    } else {
        "# A draft provincial standard, written by santong profile from the lists below:\n# review every entry before using it with --standard.\n"
    });
    for l in &p.lists {
        s.push_str(&format!("#   {l}\n"));
    }
    s.push_str(if z {
        "#\n# 读到的表格结构：\n"
    } else {
        "#\n# The tables as read:\n"
    });
    for t in &p.shapes {
        let sheet = t
            .sheet
            .as_deref()
            .map(|x| format!(" [{x}]"))
            .unwrap_or_default();
        let rows = t
            .header_rows
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join("、");
        s.push_str(&if z {
            format!(
                "#   {}{sheet}：表头在第{}行；事项 {} 行，材料或收费 {} 行{}\n",
                t.file,
                if rows.is_empty() { "—".into() } else { rows },
                t.items,
                t.parts,
                if t.materials {
                    "（材料写在事项下方的续行或本表各行）"
                } else {
                    ""
                }
            )
        } else {
            format!(
                "#   {}{sheet}: header in row {}; {} item rows, {} material or fee rows{}\n",
                t.file,
                if rows.is_empty() {
                    "—".into()
                } else {
                    rows.replace('、', ", ")
                },
                t.items,
                t.parts,
                if t.materials {
                    " (materials on the item's rows or below them)"
                } else {
                    ""
                }
            )
        });
    }
    s.push_str("id: draft\n");
    s.push_str(&format!(
        "name: {}\n",
        q(lang.pick(
            "政务服务事项实施清单标准（草稿）",
            "Implementation-list standard (draft)"
        ))
    ));
    s.push_str("extends: national\n");
    if !p.unplaced.is_empty() {
        s.push_str(if z {
            "# 以下列无法对应到任何要素，暂作忽略列；请核对：能对应的改写为 elements.yaml 中的别名，\n# 确不需要的留在此处。\n"
        } else {
            "# These columns matched no element and are ignored for now. Review them: make\n# those that hold an element aliases in elements.yaml, leave the rest here.\n"
        });
        s.push_str("ignored_headers:\n");
        for h in std.ignored_headers() {
            s.push_str(&format!("  - {}\n", q(h)));
        }
        for (h, files) in &p.unplaced {
            let files: Vec<&str> = files.iter().map(String::as_str).collect();
            s.push_str(&format!("  - {}   # {}\n", q(h), files.join(", ")));
        }
    }
    s
}

fn elements_yaml(p: &Profile, std: &Standard, lang: Lang) -> String {
    let mut s = String::from(lang.pick(
        "# 表头别名：清单中的这些表头按其名称或取值判断可能就是对应要素；请核对。\n",
        "# Header aliases: by their words or their values these headers probably hold\n# the element; review them.\n",
    ));
    s.push_str("elements:\n");
    let mut by_element: BTreeMap<usize, Vec<(&String, &BTreeSet<String>)>> = BTreeMap::new();
    for ((e, h), files) in &p.aliases {
        by_element.entry(*e).or_default().push((h, files));
    }
    for (e, headers) in by_element {
        let el = &std.elements[e];
        s.push_str(&format!(
            "  - id: {}   # {}\n    add_aliases:\n",
            el.id, el.label
        ));
        for (h, files) in headers {
            let files: Vec<&str> = files.iter().map(String::as_str).collect();
            s.push_str(&format!("      - {}   # {}\n", q(h), files.join(", ")));
        }
    }
    s
}

fn vocabularies_yaml(p: &Profile, lang: Lang) -> String {
    let mut s = String::from(lang.pick(
        "# 代码表：清单中不属于国家代码表的代码，及其对应的国家名称。\n# 标“待核对”的是推测，须确认后再用；其余取自清单自己的名称列。\n",
        "# Code tables: codes in the lists that the national tables do not have, and the\n# national label each stands for. Those marked \"to review\" are guesses to\n# confirm; the others come from the lists' own label columns.\n",
    ));
    s.push_str("vocabularies:\n");
    let ids: BTreeSet<&String> = p.codes.keys().chain(p.graded.keys()).collect();
    let none = BTreeMap::new();
    for vocab in ids {
        s.push_str(&format!("  - id: {vocab}\n"));
        if let Some(files) = p.graded.get(vocab) {
            let files: Vec<&str> = files.iter().map(String::as_str).collect();
            s.push_str(&format!(
                "    # {}: {}\n    cumulative: false\n",
                lang.pick(
                    "这些清单每格只写一个代码（系统自有的分级），待核对其含义",
                    "these lists write one code a cell (a grading of their own); review what it means"
                ),
                files.join(", ")
            ));
        }
        let codes = p.codes.get(vocab).unwrap_or(&none);
        if codes.is_empty() {
            continue;
        }
        s.push_str("    codes:\n");
        for (code, e) in codes {
            let note = match (e.certain, lang) {
                (true, Lang::Zh) => format!("取自名称列；{} 行，如 {}", e.rows, examples(e, lang)),
                (true, Lang::En) => format!(
                    "from the label column; {} rows, e.g. {}",
                    e.rows,
                    examples(e, lang)
                ),
                (false, Lang::Zh) => {
                    format!("待核对（推测）；{} 行，如 {}", e.rows, examples(e, lang))
                }
                (false, Lang::En) => format!(
                    "to review (a guess); {} rows, e.g. {}",
                    e.rows,
                    examples(e, lang)
                ),
            };
            s.push_str(&format!("      {}: {}   # {note}\n", q(code), q(&e.label)));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_for_a_person_to_confirm() {
        let std = Standard::national().unwrap();
        let v = std.vocabulary("necessity").unwrap();
        let all = ["true", "false", "fasle"];
        assert_eq!(guess(v, "true", &all), "必要");
        assert_eq!(guess(v, "fasle", &all), "非必要");
        let v = std.vocabulary("case_kind").unwrap();
        let all = ["10", "20", "99"];
        assert_eq!(guess(v, "10", &all), v.entries[0].label);
        assert_eq!(guess(v, "20", &all), v.entries[1].label);
    }
}
