//! `impl-code-mismatch`: an implementation code (实施编码) that is not the
//! body's credit code + the level digit + the basic code (31 characters).

use crate::codes::{split_impl_code, validate_credit_code};
use crate::rules::*;
use minijinja::Value as MjValue;

pub struct ImplCodeMismatch;

impl ImplCodeMismatch {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(ImplCodeMismatch)
    }
}

/// What is wrong with the code's parts, in both languages.
fn problems(cx: &ItemCx<'_>, code: &str) -> (Vec<String>, Vec<String>) {
    let (mut zh, mut en) = (Vec::new(), Vec::new());
    let Some(parts) = split_impl_code(code) else {
        zh.push(format!("长度为{}位，应为31位", code.chars().count()));
        en.push(format!("{} characters, expected 31", code.chars().count()));
        return (zh, en);
    };
    let facts = cx.facts;
    if let Some(body) = &facts.body_code {
        if parts.credit != body {
            zh.push(format!(
                "前18位“{}”与实施主体编码“{body}”不同",
                parts.credit
            ));
            en.push(format!(
                "characters 1–18 \"{}\" differ from the body code \"{body}\"",
                parts.credit
            ));
        }
    } else if validate_credit_code(parts.credit).is_err()
        && cx.text(cx.std().ids.body_code).is_none()
    {
        zh.push(format!(
            "前18位“{}”不是有效的统一社会信用代码",
            parts.credit
        ));
        en.push(format!(
            "characters 1–18 \"{}\" are not a valid credit code",
            parts.credit
        ));
    }
    let levels = &facts.levels;
    if !levels.is_empty() && !levels.iter().any(|l| l == parts.level) {
        zh.push(format!(
            "第19位“{}”与行使层级“{}”不同",
            parts.level,
            levels.join("、")
        ));
        en.push(format!(
            "character 19 \"{}\" differs from the level {}",
            parts.level,
            levels.join(",")
        ));
    }
    if let Some(basic) = &facts.basic_code {
        if parts.basic != basic {
            zh.push(format!("后12位“{}”与基本编码“{basic}”不同", parts.basic));
            en.push(format!(
                "characters 20–31 \"{}\" differ from the basic code \"{basic}\"",
                parts.basic
            ));
        }
    }
    (zh, en)
}

impl Rule for ImplCodeMismatch {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        let Some((code, f)) = cx.text(cx.std().ids.impl_code) else {
            return;
        };
        let (zh, en) = problems(cx, code);
        if zh.is_empty() {
            return;
        }
        let mut p = reasons(zh.join("；"), en.join("; "));
        let facts = cx.facts;
        if let (Some(b), Some(basic), [level]) =
            (&facts.body_code, &facts.basic_code, facts.levels.as_slice())
        {
            p.insert(
                "expected".into(),
                MjValue::from(format!("{b}{level}{basic}")),
            );
        }
        sink.emit(RuleId::ImplCodeMismatch, At::field(cx.source(), f), p);
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "The implementation code must be the body's credit code (18) + a level digit that is one of the 行使层级 values (1) + the basic code (12). Parts whose source column is itself invalid are not compared, so one wrong cell gives one finding.",
    zh: "实施编码应为实施主体统一社会信用代码（18位）＋行使层级中的一个层级代码（1位）＋基本编码（12位）。来源列本身有误的部分不再比较，一个错误只报一次。",
    good: &["11450721MB155808114000104002000"],
    bad: &["11450721MB155808113000104002000 for a 县级 item"],
};
