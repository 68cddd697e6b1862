//! Loading standard directories, layering a provincial standard over the
//! one it extends, and validating the result.
//!
//! Every error names the file and, where it can, the line and column, so a
//! standards office editing YAML by hand sees where it went wrong.

use super::expr::{environment, template_name};
use super::model::*;
use super::vocab::Vocabulary;
use super::{RuleId, Standard};
use crate::yaml::{self, YamlError};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The embedded national standard, as (file name, text).
pub const NATIONAL_FILES: [(&str, &str); 4] = [
    (
        "standard.yaml",
        include_str!("../../standards/national/standard.yaml"),
    ),
    (
        "elements.yaml",
        include_str!("../../standards/national/elements.yaml"),
    ),
    (
        "vocabularies.yaml",
        include_str!("../../standards/national/vocabularies.yaml"),
    ),
    (
        "rules.yaml",
        include_str!("../../standards/national/rules.yaml"),
    ),
];

/// The embedded sample basic catalogue.
pub const SAMPLE_BASIC_CATALOGUE: &str =
    include_str!("../../standards/national/basic-catalogue.sample.yaml");

#[derive(Debug, thiserror::Error)]
pub enum StandardError {
    #[error(transparent)]
    Yaml(#[from] YamlError),
    #[error("{path}: {}{message}", crate::tr!("无法读取：", "cannot read: "))]
    Io { path: String, message: String },
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Extends { path: String, message: String },
}

/// One standard directory's parsed files.
struct Layer {
    dir: String,
    meta: MetaDef,
    elements: Vec<ElementDef>,
    vocabularies: Vec<VocabularyDef>,
    rules: Vec<RuleDef>,
    /// file name -> (display path, text), for locating validation errors
    texts: HashMap<&'static str, (String, String)>,
    /// (file name, id) -> (line, column) of the entry, from the parser's spans
    spans: HashMap<(&'static str, String), (usize, usize)>,
}

/// An entry of an elements, vocabularies or rules file, for its position.
#[derive(serde::Deserialize)]
struct Entry {
    id: String,
}

/// Every entry's id with where the parser found the entry.
#[derive(serde::Deserialize, Default)]
struct Entries {
    #[serde(default)]
    elements: Vec<yaml::Spanned<Entry>>,
    #[serde(default)]
    vocabularies: Vec<yaml::Spanned<Entry>>,
    #[serde(default)]
    rules: Vec<yaml::Spanned<Entry>>,
}

/// Where each entry of a layer's files starts. The files were parsed
/// (and validated) already, so a failure here only loses positions.
fn entry_spans(
    texts: &HashMap<&'static str, (String, String)>,
) -> HashMap<(&'static str, String), (usize, usize)> {
    let mut out = HashMap::new();
    for (file, (path, text)) in texts {
        let Ok(e) = yaml::parse::<Entries>(text, Path::new(path)) else {
            continue;
        };
        for entry in e.elements.iter().chain(&e.vocabularies).chain(&e.rules) {
            let at = &entry.referenced;
            out.entry((*file, entry.value.id.clone()))
                .or_insert((at.line() as usize, at.column() as usize));
        }
    }
    out
}

const FILES: [&str; 4] = [
    "standard.yaml",
    "elements.yaml",
    "vocabularies.yaml",
    "rules.yaml",
];

fn parse_layer(
    dir: String,
    texts: HashMap<&'static str, (String, String)>,
) -> Result<Layer, StandardError> {
    let get = |name: &str| texts.get(name).map(|(p, t)| (PathBuf::from(p), t.as_str()));
    let meta: MetaDef = match get("standard.yaml") {
        Some((p, t)) => yaml::parse(t, &p)?,
        None => {
            return Err(StandardError::Extends {
                path: dir,
                message: crate::tr!(
                    "此目录中没有 standard.yaml",
                    "no standard.yaml in this directory"
                ),
            })
        }
    };
    let elements = match get("elements.yaml") {
        Some((p, t)) => yaml::parse::<ElementsFile>(t, &p)?.elements,
        None => Vec::new(),
    };
    let vocabularies = match get("vocabularies.yaml") {
        Some((p, t)) => yaml::parse::<VocabulariesFile>(t, &p)?.vocabularies,
        None => Vec::new(),
    };
    let rules = match get("rules.yaml") {
        Some((p, t)) => yaml::parse::<RulesFile>(t, &p)?.rules,
        None => Vec::new(),
    };
    Ok(Layer {
        dir,
        meta,
        elements,
        vocabularies,
        rules,
        spans: entry_spans(&texts),
        texts,
    })
}

fn national_layer() -> Result<Layer, StandardError> {
    let texts = NATIONAL_FILES
        .iter()
        .map(|(n, t)| (*n, (format!("<embedded>/national/{n}"), t.to_string())))
        .collect();
    parse_layer("national".into(), texts)
}

fn dir_layer(dir: &Path) -> Result<Layer, StandardError> {
    if !dir.is_dir() {
        return Err(StandardError::Io {
            path: dir.display().to_string(),
            message: crate::tr!("不是目录", "not a directory"),
        });
    }
    let mut texts = HashMap::new();
    for name in FILES {
        let p = dir.join(name);
        if p.exists() {
            crate::output::note_read(&p);
            let t = std::fs::read_to_string(&p).map_err(|e| StandardError::Io {
                path: p.display().to_string(),
                message: crate::locale::io_error(&e),
            })?;
            texts.insert(name, (p.display().to_string(), t));
        }
    }
    parse_layer(dir.display().to_string(), texts)
}

/// The columns `santong export` writes beside the elements: where a row
/// came from.
const EXPORT_META: [&str; 4] = ["region", "source", "sheet", "row"];

/// The headers an element has in santong's export: its id (the region
/// element's is `region_value`, `region` being the export's own column),
/// and on a materials or fees table the item's key columns.
fn exported_names(id: &str) -> Vec<String> {
    match id {
        "region" => vec!["region_value".into()],
        "impl_code" | "basic_code" | "name" => vec![id.into(), format!("item_{id}")],
        _ => vec![id.into()],
    }
}

pub fn load_national() -> Result<Standard, StandardError> {
    build(vec![national_layer()?])
}

pub fn load_dir(dir: &Path) -> Result<Standard, StandardError> {
    let mut layers = Vec::new();
    let mut seen = HashSet::new();
    let mut cur = Some(dir.to_path_buf());
    while let Some(d) = cur.take() {
        let canon = d.canonicalize().unwrap_or_else(|_| d.clone());
        if !seen.insert(canon) || layers.len() > 16 {
            return Err(StandardError::Extends {
                path: d.display().to_string(),
                message: crate::tr!("`extends` 形成了循环", "`extends` forms a cycle"),
            });
        }
        let layer = dir_layer(&d)?;
        match layer.meta.extends.as_deref() {
            Some("national") => {
                layers.push(layer);
                layers.push(national_layer()?);
            }
            Some(rel) => {
                cur = Some(d.join(rel));
                layers.push(layer);
            }
            None => layers.push(layer),
        }
    }
    layers.reverse();
    build(layers)
}

fn merge<T: Clone>(base: &mut Option<T>, over: &Option<T>) {
    if over.is_some() {
        base.clone_from(over);
    }
}

fn merge_element(b: &mut ElementDef, o: &ElementDef) {
    merge(&mut b.label, &o.label);
    merge(&mut b.aliases, &o.aliases);
    if let Some(add) = &o.add_aliases {
        b.aliases
            .get_or_insert_with(Vec::new)
            .extend(add.iter().cloned());
    }
    merge(&mut b.scope, &o.scope);
    merge(&mut b.kind, &o.kind);
    merge(&mut b.vocabulary, &o.vocabulary);
    merge(&mut b.multi, &o.multi);
    merge(&mut b.required, &o.required);
    merge(&mut b.required_when, &o.required_when);
    merge(&mut b.max_length, &o.max_length);
    merge(&mut b.min, &o.min);
    merge(&mut b.max, &o.max);
    merge(&mut b.pattern, &o.pattern);
    merge(&mut b.strict, &o.strict);
    merge(&mut b.uniform, &o.uniform);
    merge(&mut b.varies, &o.varies);
    merge(&mut b.provenance, &o.provenance);
    merge(&mut b.exchange_field, &o.exchange_field);
    merge(&mut b.none_value, &o.none_value);
    merge(&mut b.unit_element, &o.unit_element);
    merge(&mut b.label_of, &o.label_of);
    merge(&mut b.description, &o.description);
    merge(&mut b.description_en, &o.description_en);
}

fn merge_vocabulary(b: &mut VocabularyDef, o: &VocabularyDef) {
    merge(&mut b.label, &o.label);
    merge(&mut b.pad, &o.pad);
    merge(&mut b.entries, &o.entries);
    if let Some(add) = &o.add_entries {
        let entries = b.entries.get_or_insert_with(Vec::new);
        for e in add {
            entries.retain(|x| x.code != e.code);
            entries.push(e.clone());
        }
    }
    merge(&mut b.uncoded, &o.uncoded);
    merge(&mut b.closed, &o.closed);
    merge(&mut b.cumulative, &o.cumulative);
    merge(&mut b.codes, &o.codes);
}

fn merge_rule(b: &mut RuleDef, o: &RuleDef) {
    merge(&mut b.severity, &o.severity);
    merge(&mut b.element, &o.element);
    merge(&mut b.when, &o.when);
    merge(&mut b.assert, &o.assert);
    merge(&mut b.title, &o.title);
    merge(&mut b.message, &o.message);
    merge(&mut b.fix, &o.fix);
    merge(&mut b.params, &o.params);
    merge(&mut b.doc, &o.doc);
}

/// Where a definition sits: which layer's file, and the line of `id: …`.
struct Origin {
    path: String,
    line: usize,
    column: usize,
}

fn locate(layer: &Layer, file: &'static str, id: &str) -> Origin {
    let path = layer
        .texts
        .get(file)
        .map(|(p, _)| p.clone())
        .unwrap_or_else(|| format!("{}/{}", layer.dir, file));
    let (line, column) = layer
        .spans
        .get(&(file, id.to_string()))
        .copied()
        .unwrap_or((1, 1));
    Origin { path, line, column }
}

fn invalid(o: &Origin, message: String) -> StandardError {
    StandardError::Invalid {
        path: o.path.clone(),
        line: o.line,
        column: o.column,
        message,
    }
}

/// Merge defs by id across layers, remembering which layer last touched each.
fn layered<T: Clone>(
    layers: &[Layer],
    file: &'static str,
    get: impl Fn(&Layer) -> &Vec<T>,
    id: impl Fn(&T) -> &str,
    merge_fn: impl Fn(&mut T, &T),
) -> Result<Vec<(T, Origin)>, StandardError> {
    let mut out: Vec<(T, Origin)> = Vec::new();
    for layer in layers {
        let mut seen = HashSet::new();
        for def in get(layer) {
            let key = id(def).to_string();
            let origin = locate(layer, file, &key);
            if !seen.insert(key.clone()) {
                return Err(invalid(
                    &origin,
                    crate::tr!(
                        "id `{}` 在此文件中定义了两次",
                        "id `{}` is defined twice in this file",
                        key
                    ),
                ));
            }
            if let Some(existing) = out.iter_mut().find(|(d, _)| id(d) == key) {
                merge_fn(&mut existing.0, def);
                existing.1 = origin;
            } else {
                out.push((def.clone(), origin));
            }
        }
    }
    Ok(out)
}

fn build(layers: Vec<Layer>) -> Result<Standard, StandardError> {
    let meta = merged_meta(&layers);
    let mut env = environment();

    let vocabularies = build_vocabularies(&layers)?;

    // elements
    let edefs = layered(
        &layers,
        "elements.yaml",
        |l| &l.elements,
        |e| &e.id,
        merge_element,
    )?;
    let ids: HashSet<String> = edefs.iter().map(|(e, _)| e.id.clone()).collect();
    let mut elements = Vec::new();
    for (d, origin) in &edefs {
        elements.push(build_element(d, origin, &ids, &vocabularies, &env)?);
    }

    // rules
    let rdefs = layered(&layers, "rules.yaml", |l| &l.rules, |r| &r.id, merge_rule)?;
    let mut rules = Vec::new();
    for (d, origin) in &rdefs {
        rules.push(build_rule(d, origin, &ids, &mut env)?);
    }
    let mut builtin = Vec::with_capacity(RuleId::all().len());
    for id in RuleId::all() {
        match rules.iter().position(|r| r.builtin == Some(*id)) {
            Some(i) => builtin.push(i),
            None => return Err(StandardError::Extends {
                path: layers.first().map(|l| l.dir.clone()).unwrap_or_default(),
                message: crate::tr!("内置规则 `{}` 没有定义（标准须定义每条内置规则；要停用请设 `severity: off`）", "built-in rule `{}` is not defined (a standard must define every built-in rule; set `severity: off` to disable one)", id),
            }),
        }
    }

    let element_index: HashMap<String, usize> = elements
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.clone(), i))
        .collect();
    let ids = super::ElementIds::resolve(&element_index);
    let mut header_index: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in elements.iter().enumerate() {
        // a list headed by element ids (santong's own export, a system's
        // API dump) reads as one headed by labels
        let by_id = exported_names(&e.id);
        for name in std::iter::once(&e.label)
            .chain(e.aliases.iter())
            .chain(by_id.iter())
        {
            let key = crate::text::header_keys(name).remove(0);
            let slot = header_index.entry(key).or_default();
            if !slot.contains(&i) {
                slot.push(i);
            }
        }
    }
    // what santong's export adds beside the elements is not an element
    let mut ignored_headers = meta.ignored_headers.clone().unwrap_or_default();
    ignored_headers.extend(EXPORT_META.iter().map(|s| s.to_string()));
    ignored_headers.extend(elements.iter().map(|e| format!("{}_label", e.id)));
    let rule_index = rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    let lineage = layers.iter().map(|l| l.dir.clone()).collect();
    let vars = super::VarNames::new(&elements);
    Ok(Standard {
        id: meta.id.unwrap_or_else(|| "unnamed".into()),
        name: meta.name.unwrap_or_default(),
        name_en: meta.name_en.unwrap_or_default(),
        version: meta.version.unwrap_or_default(),
        lineage,
        elements,
        vocabularies,
        rules,
        none_words: meta
            .none_words
            .unwrap_or_default()
            .iter()
            .map(|w| crate::text::compact(w).into_owned())
            .collect(),
        hotlines: meta.hotlines.unwrap_or_default(),
        vertical_bodies: meta.vertical_bodies.unwrap_or_default(),
        ignored_headers: ignored_headers
            .iter()
            .map(|h| crate::text::header_keys(h).remove(0))
            .collect(),
        ids,
        builtin,
        element_index,
        header_index,
        rule_index,
        env,
        vars,
    })
}

/// One element from its merged definition, validated.
fn build_element(
    d: &ElementDef,
    origin: &Origin,
    ids: &HashSet<String>,
    vocabularies: &HashMap<String, Vocabulary>,
    env: &minijinja::Environment<'static>,
) -> Result<Element, StandardError> {
    let Some(label) = d.label.clone() else {
        return Err(invalid(
            origin,
            crate::tr!("要素 `{}` 没有 label", "element `{}` has no label", d.id),
        ));
    };
    let kind = d.kind.unwrap_or_default();
    if let Some(fault) = element_fault(d, kind, ids, vocabularies, env) {
        return Err(invalid(origin, fault));
    }
    Ok(Element {
        id: d.id.clone(),
        label,
        aliases: d.aliases.clone().unwrap_or_default(),
        scope: d.scope.unwrap_or_default(),
        kind,
        vocabulary: d.vocabulary.clone(),
        multi: d.multi.unwrap_or(false),
        required: d.required.unwrap_or(false),
        required_when: d.required_when.clone(),
        max_length: d.max_length,
        min: d.min,
        max: d.max,
        pattern: d.pattern.clone(),
        pattern_re: d.pattern.as_deref().and_then(|p| regex::Regex::new(p).ok()),
        strict: d.strict.unwrap_or_else(|| {
            d.vocabulary
                .as_ref()
                .and_then(|v| vocabularies.get(v))
                .is_none_or(|v| v.closed)
        }),
        provenance: d.provenance.clone().unwrap_or_default(),
        exchange_field: d.exchange_field.clone().or_else(|| {
            d.aliases
                .iter()
                .flatten()
                .find(|a| {
                    a.bytes()
                        .all(|b| b.is_ascii_uppercase() || b == b'_' || b.is_ascii_digit())
                })
                .cloned()
        }),
        uniform: d.uniform.unwrap_or(false) && !d.varies.unwrap_or(false),
        varies: d.varies.unwrap_or(false),
        none_value: d.none_value,
        unit_element: d.unit_element.clone(),
        label_of: d.label_of.clone(),
        description: Msg {
            zh: d.description.clone().unwrap_or_default(),
            en: d.description_en.clone().unwrap_or_default(),
        },
    })
}

/// What is wrong with an element's definition beyond its label, if anything.
fn element_fault(
    d: &ElementDef,
    kind: ElementType,
    ids: &HashSet<String>,
    vocabularies: &HashMap<String, Vocabulary>,
    env: &minijinja::Environment<'static>,
) -> Option<String> {
    if let Some(v) = &d.vocabulary {
        if !vocabularies.contains_key(v) {
            return Some(crate::tr!(
                "要素 `{}`：未知的代码表 `{}`",
                "element `{}`: unknown vocabulary `{}`",
                d.id,
                v
            ));
        }
    } else if kind == ElementType::Code {
        return Some(crate::tr!(
            "要素 `{}` 的类型是 code，却没有代码表（vocabulary）",
            "element `{}` has type code but no vocabulary",
            d.id
        ));
    }
    if let Some(u) = &d.unit_element {
        if !ids.contains(u) {
            return Some(crate::tr!(
                "要素 `{}`：未知的 unit_element `{}`",
                "element `{}`: unknown unit_element `{}`",
                d.id,
                u
            ));
        }
    }
    if let Some(l) = &d.label_of {
        if !ids.contains(l) || d.vocabulary.is_none() {
            return Some(crate::tr!(
                "要素 `{}`：label_of `{}` 须指向已知要素，且本要素须有代码表",
                "element `{}`: label_of `{}` needs a known element and a vocabulary",
                d.id,
                l
            ));
        }
    }
    if let Some(p) = &d.pattern {
        if let Err(e) = regex::Regex::new(p) {
            return Some(crate::tr!(
                "要素 `{}`：pattern 有误：{}",
                "element `{}`: bad pattern: {}",
                d.id,
                crate::locale::regex_error(&e)
            ));
        }
    }
    if let Some(w) = &d.required_when {
        if let Err(e) = super::expr::check_size(w)
            .map_err(|m| m.to_string())
            .and_then(|_| {
                env.compile_expression(w)
                    .map(|_| ())
                    .map_err(|e| crate::locale::template_error(&e))
            })
        {
            return Some(crate::tr!(
                "要素 `{}`：required_when：{}",
                "element `{}`: required_when: {}",
                d.id,
                e
            ));
        }
    }
    None
}

/// One rule from its merged definition, validated; its message and fix
/// templates are added to the environment.
fn build_rule(
    d: &RuleDef,
    origin: &Origin,
    ids: &HashSet<String>,
    env: &mut minijinja::Environment<'static>,
) -> Result<Rule, StandardError> {
    if !is_kebab(&d.id) {
        return Err(invalid(
            origin,
            crate::tr!(
                "规则 id `{}` 不是 kebab-case（小写字母、数字和连字符）",
                "rule id `{}` is not kebab-case",
                d.id
            ),
        ));
    }
    // an unknown id first: a misspelt override has no title either
    if d.assert.is_none() && RuleId::parse(&d.id).is_none() {
        return Err(invalid(
            origin,
            crate::tr!(
                "规则 `{}` 没有 `assert` 表达式，也不是内置规则{}",
                "rule `{}` has no `assert` expression and is not a built-in rule{}",
                d.id,
                closest_builtin(&d.id)
                    .map(|c| crate::tr!("（是不是 `{}`？）", " (did you mean `{}`?)", c))
                    .unwrap_or_default()
            ),
        ));
    }
    let (Some(title), Some(message)) = (d.title.clone(), d.message.clone()) else {
        return Err(invalid(
            origin,
            crate::tr!(
                "规则 `{}` 需要 title 和 message",
                "rule `{}` needs a title and a message",
                d.id
            ),
        ));
    };
    let elements_of_rule = d.element.as_ref().map(|e| e.to_vec()).unwrap_or_default();
    if let Some(fault) = rule_fault(d, &elements_of_rule, ids, env) {
        return Err(invalid(origin, fault));
    }
    let mut parts = vec![("message", message.clone())];
    if let Some(f) = &d.fix {
        parts.push(("fix", f.clone()));
    }
    for (part, msg) in parts {
        for (lang, src) in [("zh", &msg.zh), ("en", &msg.en)] {
            if let Err(e) = env.add_template_owned(template_name(&d.id, part, lang), src.clone()) {
                return Err(invalid(
                    origin,
                    crate::tr!(
                        "规则 `{}`：{}（{}）：{}",
                        "rule `{}`: {} ({}): {}",
                        d.id,
                        part,
                        lang,
                        crate::locale::template_error(&e)
                    ),
                ));
            }
        }
    }
    Ok(Rule {
        id: d.id.clone(),
        builtin: RuleId::parse(&d.id).filter(|_| d.assert.is_none()),
        severity: d.severity.unwrap_or(Severity::Error),
        elements: elements_of_rule,
        when: d.when.clone(),
        assert: d.assert.clone(),
        title,
        message,
        fix: d.fix.clone(),
        params: d.params.clone().unwrap_or_default(),
        doc: d.doc.clone(),
    })
}

/// What is wrong with a rule's elements, expressions or patterns, if
/// anything.
fn rule_fault(
    d: &RuleDef,
    elements_of_rule: &[String],
    ids: &HashSet<String>,
    env: &minijinja::Environment<'static>,
) -> Option<String> {
    for e in elements_of_rule {
        if !ids.contains(e) {
            return Some(crate::tr!(
                "规则 `{}`：未知的要素 `{}`",
                "rule `{}`: unknown element `{}`",
                d.id,
                e
            ));
        }
    }
    if d.assert.is_none() {
        if d.when.is_some() {
            return Some(crate::tr!(
                "内置规则 `{}` 不能带 `when`",
                "built-in rule `{}` cannot take `when`",
                d.id
            ));
        }
    } else if elements_of_rule.is_empty() {
        return Some(crate::tr!(
            "规则 `{}` 需要 `element` 指明问题所在的要素",
            "rule `{}` needs `element` to point its findings at",
            d.id
        ));
    }
    for (what, expr) in [("when", &d.when), ("assert", &d.assert)] {
        if let Some(x) = expr {
            if let Err(e) = super::expr::check_size(x).and_then(|_| {
                env.compile_expression(x)
                    .map(|_| ())
                    .map_err(|e| crate::locale::template_error(&e))
            }) {
                return Some(crate::tr!(
                    "规则 `{}`：{}：{}",
                    "rule `{}`: {}: {}",
                    d.id,
                    what,
                    e
                ));
            }
        }
    }
    for p in d
        .params
        .as_ref()
        .and_then(|p| p.get("patterns"))
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
    {
        if let Some(Err(e)) = p.as_str().map(regex::Regex::new) {
            return Some(crate::tr!(
                "规则 `{}`：pattern 有误：{}",
                "rule `{}`: bad pattern: {}",
                d.id,
                crate::locale::regex_error(&e)
            ));
        }
    }
    None
}

/// The metadata of the layers, the last layer's value winning.
fn merged_meta(layers: &[Layer]) -> MetaDef {
    let mut meta = MetaDef::default();
    for l in layers {
        let m = &l.meta;
        merge(&mut meta.id, &m.id);
        merge(&mut meta.name, &m.name);
        merge(&mut meta.name_en, &m.name_en);
        merge(&mut meta.version, &m.version);
        merge(&mut meta.none_words, &m.none_words);
        merge(&mut meta.ignored_headers, &m.ignored_headers);
        merge(&mut meta.hotlines, &m.hotlines);
        merge(&mut meta.vertical_bodies, &m.vertical_bodies);
    }
    meta
}

/// Every vocabulary of the layers, merged by id and validated.
fn build_vocabularies(layers: &[Layer]) -> Result<HashMap<String, Vocabulary>, StandardError> {
    let vdefs = layered(
        layers,
        "vocabularies.yaml",
        |l| &l.vocabularies,
        |v| &v.id,
        merge_vocabulary,
    )?;
    let mut vocabularies = HashMap::new();
    for (v, origin) in vdefs {
        let entries = v.entries.clone().unwrap_or_default();
        if entries.is_empty() && v.uncoded.as_ref().is_none_or(|u| u.is_empty()) {
            return Err(invalid(
                &origin,
                crate::tr!(
                    "代码表 `{}` 没有条目",
                    "vocabulary `{}` has no entries",
                    v.id
                ),
            ));
        }
        let label = v.label.clone().unwrap_or_else(|| v.id.clone());
        vocabularies.insert(
            v.id.clone(),
            Vocabulary::new(
                v.id.clone(),
                label,
                v.pad,
                entries,
                v.uncoded.clone().unwrap_or_default(),
            )
            .closed(v.closed.unwrap_or(false))
            .cumulative(v.cumulative.unwrap_or(false))
            .with_local_codes(v.codes.clone().unwrap_or_default())
            .map_err(|e| {
                invalid(
                    &origin,
                    crate::tr!(
                        "代码表 `{}`：codes：{}",
                        "vocabulary `{}`: codes: {}",
                        v.id,
                        e
                    ),
                )
            })?,
        );
    }

    Ok(vocabularies)
}

/// The built-in rule id most like a misspelt one.
fn closest_builtin(id: &str) -> Option<&'static str> {
    RuleId::all()
        .iter()
        .map(|r| (strsim::normalized_levenshtein(id, r.as_str()), r.as_str()))
        .filter(|(s, _)| *s > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, r)| r)
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_loads() {
        let s = load_national().unwrap();
        assert!(s.element("name").is_some());
        assert_eq!(
            s.match_header("事项\n名称 *"),
            vec![s.element_index("name").unwrap()]
        );
        assert_eq!(
            s.match_header("法定办结时限（工作日）"),
            vec![s.element_index("statutory_days").unwrap()]
        );
        assert!(s.match_header("地方基本编码") != s.match_header("基本编码"));
        assert!(s.is_ignored_header("序号"));
    }

    #[test]
    fn kebab() {
        assert!(is_kebab("impl-code-mismatch"));
        assert!(!is_kebab("Impl_code"));
        assert!(!is_kebab("a--b"));
    }
}
