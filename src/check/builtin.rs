//! Built-in rules: codes, the basic catalogue, phones, wording, materials.
//! Their severity, messages and parameters are data in the standard.

use super::Checker;
use crate::catalogue::value::{interpret, Value};
use crate::catalogue::{Field, Item, Part, Source};
use crate::codes::{self, AreaIssue, BasicIssue, CreditIssue, PhoneIssue};
use crate::standard::Standard;
use minijinja::Value as MjValue;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

type Params = BTreeMap<String, MjValue>;

fn params(pairs: &[(&str, String)]) -> Params {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), MjValue::from(v.clone())))
        .collect()
}

fn reasons(zh: String, en: String) -> Params {
    params(&[("reason_zh", zh), ("reason_en", en)])
}

fn text_of<'v>(
    values: &'v HashMap<usize, (Value, &Field)>,
    std: &Standard,
    id: &str,
) -> Option<(&'v str, &'v Field)> {
    let i = std.element_index(id)?;
    let (v, f) = values.get(&i)?;
    v.as_text().map(|t| (t, *f))
}

fn credit_reason(issue: &CreditIssue) -> (String, String) {
    match issue {
        CreditIssue::Length(n) => (
            format!("长度为{n}位，应为18位"),
            format!("{n} characters, expected 18"),
        ),
        CreditIssue::BadChar(i, c) => (
            format!("第{i}位“{c}”不是代码字符（不使用I、O、S、V、Z）"),
            format!("character {i} \"{c}\" is not in the code alphabet (no I, O, S, V, Z)"),
        ),
        CreditIssue::CheckChar { expected, found } => (
            format!("校验位应为“{expected}”，实为“{found}”"),
            format!("the check character should be \"{expected}\", not \"{found}\""),
        ),
        CreditIssue::AreaPrefix(a) => (
            format!("第3–8位登记管理机关行政区划码“{a}”不存在"),
            format!("positions 3–8 \"{a}\" are not a division code"),
        ),
    }
}

/// The catch-all rule's elements and compiled patterns, built once per run.
pub fn catch_all_patterns(std: &Standard) -> std::sync::Arc<(Vec<usize>, Vec<regex::Regex>)> {
    let Some(rule) = std.rule("catch-all-clause") else {
        return Default::default();
    };
    let elements = rule
        .param_list("elements")
        .iter()
        .filter_map(|e| std.element_index(e))
        .collect();
    // patterns were validated when the standard loaded
    let patterns = rule
        .param_list("patterns")
        .iter()
        .filter_map(|p| regex::Regex::new(p).ok())
        .collect();
    std::sync::Arc::new((elements, patterns))
}

pub fn item_rules(c: &mut Checker<'_>, item: &Item, values: &HashMap<usize, (Value, &Field)>) {
    let std = c.std;
    let src = &item.source;

    // --- credit codes
    let mut body_ok = None;
    for id in std
        .rule("invalid-credit-code")
        .map(|r| r.param_list("elements"))
        .unwrap_or_default()
    {
        let Some((code, f)) = text_of(values, std, &id) else {
            continue;
        };
        match codes::validate_credit_code(code) {
            Ok(()) => {
                if id == "body_code" {
                    body_ok = Some(code.to_string());
                }
                if !codes::org_code_matches(code) {
                    let body: String = code.chars().skip(8).take(8).collect();
                    let expected = codes::org_code_check_char(&body)
                        .map(String::from)
                        .unwrap_or_default();
                    c.emit_at(
                        "invalid-org-code",
                        src,
                        f,
                        params(&[("expected", expected)]),
                    );
                }
            }
            Err(issue) => {
                let (zh, en) = credit_reason(&issue);
                let mut p = reasons(zh, en);
                if f.numeric && code.len() >= 15 {
                    p = reasons(
                        "单元格为数字格式，18位代码的末几位已被Excel舍入丢失".into(),
                        "the cell is numeric: Excel rounded away the last digits of the 18-character code".into(),
                    );
                }
                c.emit_at("invalid-credit-code", src, f, p);
            }
        }
    }

    // --- basic code and its type digits
    let item_type = std.element_index("item_type").and_then(|i| values.get(&i));
    let mut basic_ok = None;
    if let Some((code, f)) = text_of(values, std, "basic_code") {
        let type_vocab = std.vocabulary("item_type");
        match codes::validate_basic_code(code) {
            Ok(b) => {
                let type_known = type_vocab.is_none_or(|v| v.label_of(b.item_type).is_some());
                if !type_known {
                    c.emit_at(
                        "invalid-basic-code",
                        src,
                        f,
                        reasons(
                            format!("第3–4位事项类型代码“{}”不存在", b.item_type),
                            format!("digits 3–4 \"{}\" are not an item-type code", b.item_type),
                        ),
                    );
                } else {
                    basic_ok = Some(code.to_string());
                    if let Some((Value::Code(t), tf)) = item_type {
                        if t != b.item_type {
                            let label = |code: &str| {
                                type_vocab
                                    .and_then(|v| v.label_of(code))
                                    .unwrap_or(code)
                                    .to_string()
                            };
                            let p = params(&[
                                ("code_type", b.item_type.to_string()),
                                ("code_type_label", label(b.item_type)),
                                ("item_type_label", label(t)),
                            ]);
                            c.emit_at("basic-code-type-mismatch", src, tf, p);
                        }
                    }
                }
            }
            Err(issue) => {
                let (zh, en) = match issue {
                    BasicIssue::Length(n) if f.numeric => (
                        format!("长度为{n}位（单元格为数字格式）"),
                        format!("{n} characters (the cell is numeric)"),
                    ),
                    BasicIssue::Length(n) => (
                        format!("长度为{n}位，应为12位"),
                        format!("{n} characters, expected 12"),
                    ),
                    BasicIssue::NonDigit => (
                        "含非数字字符".into(),
                        "contains characters other than digits".into(),
                    ),
                    BasicIssue::UnknownProvince(p) => (
                        format!("前2位编制方代码“{p}”既不是00也不是省级区划代码"),
                        format!("prefix \"{p}\" is neither 00 nor a province code"),
                    ),
                };
                c.emit_at("invalid-basic-code", src, f, reasons(zh, en));
            }
        }
    }

    // --- implementation code composition
    let level_codes: Vec<String> = std
        .element_index("level")
        .and_then(|i| values.get(&i))
        .map(|(v, _)| match v {
            Value::Codes(c) => c.clone(),
            Value::Code(c) => vec![c.clone()],
            _ => Vec::new(),
        })
        .unwrap_or_default();
    let mut impl_text = None;
    if let Some((code, f)) = text_of(values, std, "impl_code") {
        impl_text = Some(code.to_string());
        let mut problems_zh = Vec::new();
        let mut problems_en = Vec::new();
        let mut expected = None;
        match codes::split_impl_code(code) {
            None => {
                problems_zh.push(format!("长度为{}位，应为31位", code.chars().count()));
                problems_en.push(format!("{} characters, expected 31", code.chars().count()));
            }
            Some(parts) => {
                if let Some(body) = &body_ok {
                    if parts.credit != body {
                        problems_zh.push(format!(
                            "前18位“{}”与实施主体编码“{body}”不同",
                            parts.credit
                        ));
                        problems_en.push(format!(
                            "characters 1–18 \"{}\" differ from the body code \"{body}\"",
                            parts.credit
                        ));
                    }
                } else if codes::validate_credit_code(parts.credit).is_err()
                    && text_of(values, std, "body_code").is_none()
                {
                    problems_zh.push(format!(
                        "前18位“{}”不是有效的统一社会信用代码",
                        parts.credit
                    ));
                    problems_en.push(format!(
                        "characters 1–18 \"{}\" are not a valid credit code",
                        parts.credit
                    ));
                }
                if !level_codes.is_empty() && !level_codes.iter().any(|l| l == parts.level) {
                    problems_zh.push(format!(
                        "第19位“{}”与行使层级“{}”不同",
                        parts.level,
                        level_codes.join("、")
                    ));
                    problems_en.push(format!(
                        "character 19 \"{}\" differs from the level {}",
                        parts.level,
                        level_codes.join(",")
                    ));
                }
                if let Some(basic) = &basic_ok {
                    if parts.basic != basic {
                        problems_zh.push(format!("后12位“{}”与基本编码“{basic}”不同", parts.basic));
                        problems_en.push(format!(
                            "characters 20–31 \"{}\" differ from the basic code \"{basic}\"",
                            parts.basic
                        ));
                    }
                }
            }
        }
        if let (Some(b), Some(basic), [level]) = (&body_ok, &basic_ok, level_codes.as_slice()) {
            expected = Some(format!("{b}{level}{basic}"));
        }
        if !problems_zh.is_empty() {
            let mut p = reasons(problems_zh.join("；"), problems_en.join("; "));
            if let Some(e) = expected {
                p.insert("expected".into(), MjValue::from(e));
            }
            c.emit_at("impl-code-mismatch", src, f, p);
        }
        // duplicates
        let key = code.to_string();
        match c.impl_codes.get(&key) {
            Some((s, row, col)) => {
                let first = format!(
                    "{}{}{}",
                    s.sheet
                        .as_deref()
                        .map(|x| format!("{x}!"))
                        .unwrap_or_default(),
                    col.map(crate::catalogue::column_letter).unwrap_or_default(),
                    row
                );
                c.emit_at("duplicate-impl-code", src, f, params(&[("first", first)]));
            }
            None => {
                c.impl_codes.insert(key, (src.clone(), f.row, f.col));
            }
        }
    }

    // --- business-handling code
    if let Some((code, f)) = text_of(values, std, "handling_code") {
        if let Err(en) = codes::validate_handling_code(code, impl_text.as_deref()) {
            let zh = if en.contains("differ") {
                "前31位与实施编码不同".to_string()
            } else if en.contains("digits") {
                "最后两位应为数字".to_string()
            } else {
                format!("长度为{}位，应为33位", code.chars().count())
            };
            c.emit_at("invalid-handling-code", src, f, reasons(zh, en));
        }
    }

    // --- division codes
    if let Some((code, f)) = text_of(values, std, "area_code") {
        match codes::validate_area(code, c.opts.areas) {
            Ok(a) => {
                if a.padded {
                    let p = reasons(
                        format!("为补足到12位的形式，GB/T 2260代码为{}", a.code),
                        format!("is padded to 12 digits; the GB/T 2260 code is {}", a.code),
                    );
                    c.emit_at("area-code-nonstandard", src, f, p);
                } else if a.development_zone && c.opts.areas.is_none() {
                    let p = reasons(
                        "是统计用开发区代码（7x），不在GB/T 2260中".into(),
                        "is a statistical development-zone code (7x), absent from GB/T 2260".into(),
                    );
                    c.emit_at("area-code-nonstandard", src, f, p);
                }
            }
            Err(issue) => {
                let (zh, en) = match issue {
                    AreaIssue::Malformed => {
                        ("应为6位数字".to_string(), "must be 6 digits".to_string())
                    }
                    AreaIssue::UnknownProvince(p) => (
                        format!("省级代码“{p}”不存在"),
                        format!("province prefix \"{p}\" does not exist"),
                    ),
                    AreaIssue::BadStructure => (
                        "县级部分不能接在“00”地级部分之后".into(),
                        "a county part cannot follow a 00 prefecture part".into(),
                    ),
                    AreaIssue::NotInList(s) => (
                        format!("“{s}”不在行政区划代码表中"),
                        format!("\"{s}\" is not in the division list"),
                    ),
                };
                c.emit_at("invalid-area-code", src, f, reasons(zh, en));
            }
        }
    }

    // --- body area vs level
    if let (Some(body), [level]) = (&body_ok, level_codes.as_slice()) {
        let area = &body[2..8];
        if let Ok(a) = codes::parse_area(area) {
            let tier = a.tier();
            let clash = match level.as_str() {
                "2" => tier != 1,
                "3" => tier == 1 || (tier == 3 && !area.ends_with("01")),
                "4" | "5" | "6" => tier == 1,
                _ => false,
            };
            if clash {
                if let Some(lf) = std
                    .element_index("level")
                    .and_then(|i| values.get(&i))
                    .map(|(_, f)| *f)
                {
                    let label = std
                        .vocabulary("level")
                        .and_then(|v| v.label_of(level))
                        .unwrap_or(level)
                        .to_string();
                    let (tz, te) = match tier {
                        1 => ("省级", "province"),
                        2 => ("地市级", "prefecture"),
                        _ => ("县级", "county"),
                    };
                    let p = params(&[
                        ("area", area.to_string()),
                        ("tier_zh", tz.into()),
                        ("tier_en", te.into()),
                        ("level_label", label),
                    ]);
                    c.emit_at("body-level-mismatch", src, lf, p);
                }
            }
        }
    }

    // --- phones
    for id in std
        .rule("invalid-phone")
        .map(|r| r.param_list("elements"))
        .unwrap_or_default()
    {
        let Some((text, f)) = text_of(values, std, &id) else {
            continue;
        };
        if let Err(issue) = codes::check_phone_cell(text) {
            let (zh, en) = match issue {
                PhoneIssue::NoNumber => (
                    "未写明电话号码".to_string(),
                    "gives no phone number".to_string(),
                ),
                PhoneIssue::NoAreaCode(n) => (
                    format!("中的“{n}”缺少区号"),
                    format!("number \"{n}\" lacks its area code"),
                ),
                PhoneIssue::Malformed(n) => (
                    format!("中的“{n}”不是有效的电话号码"),
                    format!("\"{n}\" is not a valid phone number"),
                ),
            };
            c.emit_at("invalid-phone", src, f, reasons(zh, en));
        }
    }

    // --- catch-all clauses in item text
    catch_all(c, src, item.fields.iter());

    // --- same item, same code
    if let (Some(basic), Some(code)) = (c.opts.basic, &basic_ok) {
        basic_rules(c, item, values, basic, code);
    }
}

fn basic_rules(
    c: &mut Checker<'_>,
    item: &Item,
    values: &HashMap<usize, (Value, &Field)>,
    basic: &super::BasicCatalogue,
    code: &str,
) {
    let std = c.std;
    let src = &item.source;
    let Some((_, code_field)) = text_of(values, std, "basic_code") else {
        return;
    };
    let Some(entry) = basic.get(code) else {
        let prefix = &code[..2];
        // A province-added item cannot be in a catalogue without that province's items.
        if prefix != "00" && !basic.has_prefix(prefix) {
            return;
        }
        let suggestion = text_of(values, std, "name")
            .and_then(|(n, _)| basic.code_for_name(n))
            .map(str::to_string)
            .unwrap_or_default();
        c.emit_at(
            "unknown-basic-code",
            src,
            code_field,
            params(&[("suggestion", suggestion)]),
        );
        return;
    };
    let entry = entry.clone();
    if let Some((name, f)) = text_of(values, std, "name") {
        if crate::text::comparable(name) != crate::text::comparable(&entry.name) {
            c.emit_at(
                "name-mismatch",
                src,
                f,
                params(&[("expected", entry.name.clone())]),
            );
        }
    }
    if let (Some(expected), Some(i)) = (&entry.item_type, std.element_index("item_type")) {
        if let Some((v, f)) = values.get(&i) {
            let actual = match v {
                Value::Code(c) | Value::Uncoded(c) => Some(c.clone()),
                _ => None,
            };
            if actual.as_ref().is_some_and(|a| a != expected) {
                let label = std
                    .vocabulary("item_type")
                    .and_then(|v| v.label_of(expected))
                    .unwrap_or(expected)
                    .to_string();
                c.emit_at("type-mismatch", src, f, params(&[("expected", label)]));
            }
        }
    }
    if let (Some(expected), Some((basis, f))) =
        (&entry.legal_basis, text_of(values, std, "legal_basis"))
    {
        if crate::text::comparable(basis) != crate::text::comparable(expected) {
            let diff = crate::text::short_diff(expected, basis);
            c.emit_at(
                "legal-basis-mismatch",
                src,
                f,
                params(&[("expected", expected.clone()), ("diff", diff)]),
            );
        }
    }
}

fn catch_all<'f>(c: &mut Checker<'_>, src: &Arc<Source>, fields: impl Iterator<Item = &'f Field>) {
    let catch = c.catch_all.clone();
    let (elements, patterns) = (&catch.0, &catch.1);
    for f in fields {
        if !elements.contains(&f.element) {
            continue;
        }
        let t = crate::text::compact(&f.text);
        // Check each clause (line or numbered point) separately so that an
        // anchored pattern such as "^其他材料" sees where a clause starts.
        for clause in t
            .split(['；', ';', '。'])
            .chain(std::iter::once(t.as_str()))
        {
            let clause = clause.trim_start_matches(|ch: char| {
                ch.is_ascii_digit() || matches!(ch, '.' | '、' | '(' | ')' | '（' | '）')
            });
            if let Some(m) = patterns.iter().find_map(|re| re.find(clause)) {
                let p = params(&[("clause", m.as_str().to_string())]);
                c.emit_at("catch-all-clause", src, f, p);
                break;
            }
        }
    }
}

pub fn material_rules(c: &mut Checker<'_>, src: &Arc<Source>, part: &Part, seen: &mut Vec<String>) {
    let std = c.std;
    let Some(name_i) = std.element_index("material_name") else {
        return;
    };
    match part.get(name_i) {
        None => {
            let col = c.column(src, name_i);
            c.emit(
                "material-missing-name",
                src,
                Some(part.row),
                col,
                Some(name_i),
                None,
                BTreeMap::new(),
            );
        }
        Some(f) => {
            let key = crate::text::comparable(&f.text);
            if seen.contains(&key) {
                c.emit_at("duplicate-material", src, f, BTreeMap::new());
            } else {
                seen.push(key);
            }
        }
    }
    // required material elements other than the name
    for (i, el) in std.elements.iter().enumerate() {
        if el.scope != crate::standard::Scope::Material
            || !el.required
            || i == name_i
            || !c.has_column(src, i)
        {
            continue;
        }
        let absent = part.get(i).is_none_or(|f| {
            interpret(el, std, &f.text, f.numeric).0.is_absent()
                && interpret(el, std, &f.text, f.numeric).1.is_empty()
        });
        if absent {
            let col = c.column(src, i);
            c.emit(
                "missing-required",
                src,
                Some(part.row),
                col,
                Some(i),
                part.get(i).map(|f| f.text.as_str()),
                BTreeMap::new(),
            );
        }
    }
    catch_all(c, src, part.fields.iter());
}
