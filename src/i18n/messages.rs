//! The message catalogue: each message is a variant carrying its data, and
//! [`Reason::text`] / [`Note::text`] say it in either language. Nothing
//! else in the crate writes a sentence from parts.

use super::Lang;
use crate::codes::{AreaIssue, BasicIssue, CreditIssue, HandlingIssue, PhoneIssue};

/// Why a value was not understood (produced by the catalogue's value
/// interpretation).
#[derive(Debug, Clone, PartialEq)]
pub enum ValueProblem {
    /// Not in the vocabulary (the token that failed).
    NotInVocabulary(String),
    NotInteger,
    NotDuration,
    OutOfRange {
        min: Option<i64>,
        max: Option<i64>,
    },
    TooLong {
        max: usize,
        len: usize,
    },
    Pattern(String),
}

impl ValueProblem {
    pub fn reason(&self, lang: Lang) -> String {
        Reason::Value(self).text(lang)
    }
}

fn fmt_opt(v: Option<i64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// Why a value or code is wrong: the `reason` of a rule's message.
#[derive(Debug, Clone, Copy)]
pub enum Reason<'a> {
    Value(&'a ValueProblem),
    Credit(&'a CreditIssue),
    /// A credit code in a numeric cell, its last digits rounded away.
    CreditRounded,
    /// A malformed basic code; `numeric` when the cell is a number.
    Basic(&'a BasicIssue, bool),
    /// Basic-code digits 3–4 that name no item type.
    BasicType(&'a str),
    Area(&'a AreaIssue),
    /// A division code padded to 12 digits, and its 6-digit form.
    AreaPadded(&'a str),
    AreaDevelopmentZone,
    Handling(&'a HandlingIssue),
    Phone(&'a PhoneIssue),
    ImplLength(usize),
    ImplCredit {
        credit: &'a str,
        body: &'a str,
    },
    ImplCreditInvalid(&'a str),
    /// A level digit that is no 行使层级 code (the list has no level column).
    ImplLevelUnknown(&'a str),
    ImplLevel {
        level: &'a str,
        levels: &'a [String],
    },
    ImplBasic {
        basic: &'a str,
        expected: &'a str,
    },
    /// The limit exceeded is an exchange-format field's, not the standard's.
    ExchangeField(&'a str),
    /// The limit exceeded is observed practice, not the standard's.
    Practice,
    /// The vocabulary is not known to be closed.
    OpenVocabulary,
}

impl Reason<'_> {
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let pick = |z: String, e: String| if zh { z } else { e };
        match *self {
            Reason::Value(p) => value_text(p, zh),
            Reason::Credit(i) => credit_text(i, zh),
            Reason::CreditRounded => pick(
                "单元格为数字格式，18位代码的末几位已被Excel舍入丢失".into(),
                "the cell is numeric: Excel rounded away the last digits of the 18-character code"
                    .into(),
            ),
            Reason::Basic(i, numeric) => basic_text(i, numeric, zh),
            Reason::BasicType(t) => pick(
                format!("第3–4位事项类型代码“{t}”不存在"),
                format!("digits 3–4 \"{t}\" are not an item-type code"),
            ),
            Reason::Area(i) => area_text(i, zh),
            Reason::AreaPadded(code) => pick(
                format!("为补足到12位的形式，GB/T 2260代码为{code}"),
                format!("is padded to 12 digits; the GB/T 2260 code is {code}"),
            ),
            Reason::AreaDevelopmentZone => pick(
                "是统计用开发区代码（7x），不在GB/T 2260中".into(),
                "is a statistical development-zone code (7x), absent from GB/T 2260".into(),
            ),
            Reason::Handling(i) => handling_text(i, zh),
            Reason::Phone(i) => phone_text(i, zh),
            Reason::ImplLength(n) => pick(
                format!("长度为{n}位，应为31位"),
                format!("{n} characters, expected 31"),
            ),
            Reason::ImplCredit { credit, body } => pick(
                format!("前18位“{credit}”与实施主体编码“{body}”不同"),
                format!("characters 1–18 \"{credit}\" differ from the body code \"{body}\""),
            ),
            Reason::ImplCreditInvalid(c) => pick(
                format!("前18位“{c}”不是有效的统一社会信用代码"),
                format!("characters 1–18 \"{c}\" are not a valid credit code"),
            ),
            Reason::ImplLevelUnknown(l) => pick(
                format!("第19位“{l}”不是行使层级代码（1—6）"),
                format!("character 19 \"{l}\" is not a level code (1–6)"),
            ),
            Reason::ImplLevel { level, levels } => pick(
                format!("第19位“{level}”与行使层级“{}”不同", levels.join("、")),
                format!(
                    "character 19 \"{level}\" differs from the level {}",
                    levels.join(",")
                ),
            ),
            Reason::ExchangeField(field) => pick(
                format!("这是交换字段 {field} 的长度限制，不是国家标准对本要素的要求"),
                format!("the limit is the exchange field {field}'s, not the national standard's"),
            ),
            Reason::Practice => pick(
                "这一限制来自实际做法，不是国家标准的规定".into(),
                "the limit is observed practice, not the national standard's".into(),
            ),
            Reason::OpenVocabulary => pick(
                "国家代码表未确认完整，可能是地方或厂商代码".into(),
                "the national list is not known to be complete; it may be a local or vendor code"
                    .into(),
            ),
            Reason::ImplBasic { basic, expected } => pick(
                format!("后12位“{basic}”与基本编码“{expected}”不同"),
                format!("characters 20–31 \"{basic}\" differ from the basic code \"{expected}\""),
            ),
        }
    }

    /// Several reasons as one: `；`-joined in Chinese, `; ` in English.
    pub fn join(reasons: &[Reason<'_>], lang: Lang) -> String {
        let parts: Vec<String> = reasons.iter().map(|r| r.text(lang)).collect();
        parts.join(lang.pick("；", "; "))
    }
}

fn value_text(p: &ValueProblem, zh: bool) -> String {
    use ValueProblem::*;
    match (p, zh) {
        (NotInVocabulary(t), true) if t.is_empty() => "不在代码表中".into(),
        (NotInVocabulary(t), true) => format!("中的“{t}”不在代码表中"),
        (NotInVocabulary(t), false) if t.is_empty() => "is not in the vocabulary".into(),
        (NotInVocabulary(t), false) => format!("contains \"{t}\", which is not in the vocabulary"),
        (NotInteger, true) => "不是整数".into(),
        (NotInteger, false) => "is not a whole number".into(),
        (NotDuration, true) => "不是时限（整数加单位，或“即办”）".into(),
        (NotDuration, false) => "is not a time limit (a whole number with a unit, or 即办)".into(),
        (OutOfRange { min, max }, true) => {
            format!("超出范围（{}–{}）", fmt_opt(*min), fmt_opt(*max))
        }
        (OutOfRange { min, max }, false) => {
            format!("is out of range ({}–{})", fmt_opt(*min), fmt_opt(*max))
        }
        (TooLong { max, len }, true) => format!("长度为{len}字，超过{max}字"),
        (TooLong { max, len }, false) => format!("is {len} characters long, more than {max}"),
        (Pattern(p), true) => format!("不符合格式 {p}"),
        (Pattern(p), false) => format!("does not match the pattern {p}"),
    }
}

fn credit_text(issue: &CreditIssue, zh: bool) -> String {
    match (issue, zh) {
        (CreditIssue::Length(n), true) => format!("长度为{n}位，应为18位"),
        (CreditIssue::Length(n), false) => format!("{n} characters, expected 18"),
        (CreditIssue::BadChar(i, c), true) => {
            format!("第{i}位“{c}”不是代码字符（不使用I、O、S、V、Z）")
        }
        (CreditIssue::BadChar(i, c), false) => {
            format!("character {i} \"{c}\" is not in the code alphabet (no I, O, S, V, Z)")
        }
        (CreditIssue::CheckChar { expected, found }, true) => {
            format!("校验位应为“{expected}”，实为“{found}”")
        }
        (CreditIssue::CheckChar { expected, found }, false) => {
            format!("the check character should be \"{expected}\", not \"{found}\"")
        }
        (CreditIssue::AreaPrefix(a), true) => format!("第3–8位登记管理机关行政区划码“{a}”不存在"),
        (CreditIssue::AreaPrefix(a), false) => {
            format!("positions 3–8 \"{a}\" are not a division code")
        }
    }
}

fn basic_text(issue: &BasicIssue, numeric: bool, zh: bool) -> String {
    match (issue, zh) {
        (BasicIssue::Length(n), true) if numeric => format!("长度为{n}位（单元格为数字格式）"),
        (BasicIssue::Length(n), false) if numeric => {
            format!("{n} characters (the cell is numeric)")
        }
        (BasicIssue::Length(n), true) => format!("长度为{n}位，应为12位"),
        (BasicIssue::Length(n), false) => format!("{n} characters, expected 12"),
        (BasicIssue::NonDigit, true) => "含非数字字符".into(),
        (BasicIssue::NonDigit, false) => "contains characters other than digits".into(),
        (BasicIssue::UnknownProvince(p), true) => {
            format!("前2位编制方代码“{p}”既不是00也不是省级区划代码")
        }
        (BasicIssue::UnknownProvince(p), false) => {
            format!("prefix \"{p}\" is neither 00 nor a province code")
        }
    }
}

fn area_text(issue: &AreaIssue, zh: bool) -> String {
    match (issue, zh) {
        (AreaIssue::Malformed, true) => "应为6位数字".into(),
        (AreaIssue::Malformed, false) => "must be 6 digits".into(),
        (AreaIssue::UnknownProvince(p), true) => format!("省级代码“{p}”不存在"),
        (AreaIssue::UnknownProvince(p), false) => format!("province prefix \"{p}\" does not exist"),
        (AreaIssue::BadStructure, true) => "县级部分不能接在“00”地级部分之后".into(),
        (AreaIssue::BadStructure, false) => {
            "a county part cannot follow a 00 prefecture part".into()
        }
        (AreaIssue::NotInList(s), true) => format!("“{s}”不在行政区划代码表中"),
        (AreaIssue::NotInList(s), false) => format!("\"{s}\" is not in the division list"),
    }
}

fn handling_text(issue: &HandlingIssue, zh: bool) -> String {
    match (issue, zh) {
        (HandlingIssue::ImplMismatch, true) => "前31位与实施编码不同".into(),
        (HandlingIssue::ImplMismatch, false) => {
            "the first 31 characters differ from the implementation code".into()
        }
        (HandlingIssue::Suffix, true) => "最后两位应为数字".into(),
        (HandlingIssue::Suffix, false) => "the last two characters must be digits".into(),
        (HandlingIssue::Length(n), true) => format!("长度为{n}位，应为33位"),
        (HandlingIssue::Length(n), false) => format!("{n} characters, expected 33"),
    }
}

fn phone_text(issue: &PhoneIssue, zh: bool) -> String {
    match (issue, zh) {
        (PhoneIssue::NoNumber, true) => "未写明电话号码".into(),
        (PhoneIssue::NoNumber, false) => "gives no phone number".into(),
        (PhoneIssue::NoAreaCode(n), true) => format!("中的“{n}”缺少区号"),
        (PhoneIssue::NoAreaCode(n), false) => format!("number \"{n}\" lacks its area code"),
        (PhoneIssue::Malformed(n), true) => format!("中的“{n}”不是有效的电话号码"),
        (PhoneIssue::Malformed(n), false) => format!("\"{n}\" is not a valid phone number"),
    }
}

/// A message with its fix, as one line (SARIF and GitHub annotations).
pub fn with_fix(lang: Lang, message: &str, fix: Option<&str>) -> String {
    match (fix, lang) {
        (None, _) => message.to_string(),
        (Some(f), Lang::Zh) => format!("{message}。建议：{f}"),
        (Some(f), Lang::En) => format!("{message}. Fix: {f}"),
    }
}

/// A row (or, for files located by line, a line) without a column.
pub fn row_ref(lang: Lang, row: u32, by_line: bool) -> String {
    match lang {
        Lang::Zh => format!("第{row}行"),
        Lang::En if by_line => format!("line {row}"),
        Lang::En => format!("row {row}"),
    }
}

/// How many rows a grouped finding stands for, and the first of them:
/// `（共 1135 行：第2、3、4、5、6行…）`, ` (1135 rows: 2, 3, 4, 5, 6, …)`.
pub fn rows_note(lang: Lang, rows: &[u32], by_line: bool) -> String {
    const SHOWN: usize = 5;
    let first: Vec<String> = rows.iter().take(SHOWN).map(u32::to_string).collect();
    let more = rows.len() > SHOWN;
    match lang {
        Lang::Zh => format!(
            "（共{}行：第{}行{}）",
            rows.len(),
            first.join("、"),
            if more { "等" } else { "" }
        ),
        Lang::En => format!(
            " ({} {}: {}{})",
            rows.len(),
            if by_line { "lines" } else { "rows" },
            first.join(", "),
            if more { ", …" } else { "" }
        ),
    }
}

/// How many places a grouped finding in a file located by path stands
/// for, and the first of them: `（共 12 处：[0].AUDIT_ITEM.dept_code、…）`.
pub fn paths_note(lang: Lang, paths: &[&str]) -> String {
    const SHOWN: usize = 5;
    let more = paths.len() > SHOWN;
    let first = &paths[..paths.len().min(SHOWN)];
    match lang {
        Lang::Zh => format!(
            "（共{}处：{}{}）",
            paths.len(),
            first.join("、"),
            if more { "等" } else { "" }
        ),
        Lang::En => format!(
            " ({} places: {}{})",
            paths.len(),
            first.join(", "),
            if more { ", …" } else { "" }
        ),
    }
}

/// The tier of a division code: 1 province, 2 prefecture, 3 county.
pub fn tier(tier: u8, lang: Lang) -> &'static str {
    match tier {
        1 => lang.pick("省级", "province"),
        2 => lang.pick("地市级", "prefecture"),
        _ => lang.pick("县级", "county"),
    }
}

/// What a command tells its user on standard error.
#[derive(Debug, Clone)]
pub enum Note<'a> {
    /// `guide` wrote files for items into a directory.
    WroteGuides {
        files: usize,
        items: usize,
        dir: &'a str,
    },
    /// `init` wrote a file.
    Wrote(&'a str),
    /// santong.yaml's ignores dropped findings.
    Ignored { count: usize, config: &'a str },
    /// The basic catalogue has defective entries, left out of a comparison.
    BasicDefects { count: usize, path: &'a str },
    /// `--basic` names what reads as an implementation list.
    BasicIsAList { path: &'a str, implemented: usize },
    /// Rules that need the basic catalogue were not run.
    NoBasic { rules: &'a [&'a str] },
    /// A list generated from has error-level findings.
    ListErrors {
        path: &'a str,
        errors: usize,
        items: usize,
    },
    /// `--strict` refused to generate from lists with errors.
    Strict { errors: usize },
    /// santong.yaml's globs match nothing.
    NothingToCheck {
        config: &'a str,
        globs: &'a [String],
    },
}

impl Note<'_> {
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Note::WroteGuides { files, items, dir }, Lang::Zh) => {
                format!("已写入 {files} 个文件（{items} 个事项）到 {dir}")
            }
            (Note::WroteGuides { files, items, dir }, Lang::En) => {
                format!("wrote {files} files ({items} items) to {dir}")
            }
            (Note::Wrote(path), _) => format!("{} {path}", lang.pick("已写入", "wrote")),
            (Note::Ignored { count, config }, Lang::Zh) => {
                format!("{config} 的 ignore 忽略了 {count} 条问题")
            }
            (Note::Ignored { count, config }, Lang::En) => {
                let findings = super::en_count(*count, "finding", "findings");
                format!("{findings} ignored by {config}")
            }
            (Note::BasicDefects { count, path }, Lang::Zh) => {
                format!("基本目录 {path} 有 {count} 处问题，相关条目未用于比较；用 santong check --basic {path} 查看")
            }
            (Note::BasicDefects { count, path }, Lang::En) => {
                format!("the basic catalogue {path} has {count} defects; those entries were left out (santong check --basic {path} lists them)")
            }
            (Note::BasicIsAList { path, implemented }, Lang::Zh) => format!(
                "注意：--basic 给出的 {path} 像是实施清单而不是基本目录（{implemented} 个事项带实施编码或实施主体）；若要检查它，请把它放在 --basic 的参数之外"
            ),
            (Note::BasicIsAList { path, implemented }, Lang::En) => format!(
                "note: {path}, given as --basic, reads like an implementation list rather than a basic catalogue ({} with an implementation code or body); to check it, give it as a file, not as --basic's argument",
                super::en_count(*implemented, "item", "items")
            ),
            (Note::NoBasic { rules }, Lang::Zh) => format!(
                "未给出基本目录（--basic），这 {} 条规则没有运行：{}；用 --basic 基本目录文件 或 --basic sample 启用",
                rules.len(),
                rules.join("、")
            ),
            (Note::NoBasic { rules }, Lang::En) => format!(
                "no basic catalogue (--basic), so {} did not run: {}; give --basic FILE or --basic sample",
                super::en_count(rules.len(), "rule", "rules"),
                rules.join(", ")
            ),
            (Note::ListErrors { path, errors, items }, Lang::Zh) => format!(
                "警告：{path} 有 {errors} 处错误（涉及 {items} 个事项），由这些事项生成的内容已标注“待核实”；用 santong check {path} 查看"
            ),
            (Note::ListErrors { path, errors, items }, Lang::En) => format!(
                "warning: {path} has {} on {}; what is generated from {} is marked 待核实 (to be verified); santong check {path} lists them",
                super::en_count(*errors, "error", "errors"),
                super::en_count(*items, "item", "items"),
                if *items == 1 { "that item" } else { "those items" }
            ),
            (Note::Strict { errors }, Lang::Zh) => {
                format!("--strict：清单有 {errors} 处错误，未生成任何文件")
            }
            (Note::Strict { errors }, Lang::En) => {
                let errors = super::en_count(*errors, "error", "errors");
                format!("--strict: the lists have {errors}; nothing was written")
            }
            (Note::NothingToCheck { config, globs }, Lang::Zh) => {
                format!(
                    "{config} 的 files（{}）没有匹配到文件，无可检查",
                    globs.join("、")
                )
            }
            (Note::NothingToCheck { config, globs }, Lang::En) => {
                format!(
                    "{config}: files ({}) match no file; nothing to check",
                    globs.join(", ")
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_notes_count_in_the_right_number() {
        let one = Note::ListErrors {
            path: "a.csv",
            errors: 1,
            items: 1,
        }
        .text(Lang::En);
        assert!(
            one.contains("has 1 error on 1 item; what is generated from that item"),
            "{one}"
        );
        let two = Note::ListErrors {
            path: "a.csv",
            errors: 2,
            items: 3,
        }
        .text(Lang::En);
        assert!(
            two.contains("has 2 errors on 3 items; what is generated from those items"),
            "{two}"
        );
        assert!(!Note::Strict { errors: 1 }.text(Lang::En).contains("(s)"));
    }

    #[test]
    fn every_reason_has_both_languages() {
        let levels = vec!["3".to_string(), "4".to_string()];
        let samples = [
            Reason::Credit(&CreditIssue::Length(17)),
            Reason::Basic(&BasicIssue::Length(11), true),
            Reason::Area(&AreaIssue::Malformed),
            Reason::Handling(&HandlingIssue::Suffix),
            Reason::Phone(&PhoneIssue::NoNumber),
            Reason::ImplLevel {
                level: "2",
                levels: &levels,
            },
            Reason::Value(&ValueProblem::NotInteger),
        ];
        for r in samples {
            let (zh, en) = (r.text(Lang::Zh), r.text(Lang::En));
            assert!(!zh.is_empty() && !en.is_empty() && zh != en, "{r:?}");
            assert!(
                !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) || en.contains("即办"),
                "{en}"
            );
        }
        assert_eq!(
            Reason::join(&samples[5..6], Lang::Zh),
            "第19位“2”与行使层级“3、4”不同"
        );
    }
}
