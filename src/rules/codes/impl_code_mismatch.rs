//! `impl-code-mismatch`: an implementation code (实施编码) that is not the
//! body's credit code + the level digit + the basic code (31 characters).
//! A 33-character handling code in its place is checked on its first 31.

use crate::codes::{split_impl_code, validate_credit_code};
use crate::i18n::Reason;
use crate::rules::*;
use minijinja::Value as MjValue;

pub struct ImplCodeMismatch;

impl ImplCodeMismatch {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(ImplCodeMismatch)
    }
}

/// A 33-character business-handling item code written where the
/// implementation code belongs: its first 31 characters are the
/// implementation code (reported by `handling-code-as-impl-code`).
pub fn handling_prefix(code: &str) -> Option<&str> {
    crate::codes::validate_handling_code(code, None)
        .ok()
        .map(|_| &code[..31])
}

/// What is wrong with the parts of an implementation code (or of the
/// first 31 characters of a handling code): each part against its own
/// column, or, where the list has no such column, on its own (a valid
/// credit code, a level digit of the national table).
pub fn problems<'a>(cx: &'a ItemCx<'_>, code: &'a str) -> Vec<Reason<'a>> {
    let mut out = Vec::new();
    let code = handling_prefix(code).unwrap_or(code);
    let Some(parts) = split_impl_code(code) else {
        out.push(Reason::ImplLength(code.chars().count()));
        return out;
    };
    let facts = cx.facts;
    if let Some(body) = &facts.body_code {
        if parts.credit != body {
            out.push(Reason::ImplCredit {
                credit: parts.credit,
                body,
            });
        }
    } else if validate_credit_code(parts.credit).is_err()
        && cx.text(cx.std().ids.body_code).is_none()
    {
        out.push(Reason::ImplCreditInvalid(parts.credit));
    }
    let levels = &facts.levels;
    if !levels.is_empty() && !levels.iter().any(|l| l == parts.level) {
        out.push(Reason::ImplLevel {
            level: parts.level,
            levels,
        });
    } else if levels.is_empty() && cx.text(cx.std().ids.level).is_none() {
        let known = cx
            .std()
            .vocabulary("level")
            .is_none_or(|v| v.label_of(parts.level).is_some());
        if !known {
            out.push(Reason::ImplLevelUnknown(parts.level));
        }
    }
    if let Some(basic) = &facts.basic_code {
        if parts.basic != basic {
            out.push(Reason::ImplBasic {
                basic: parts.basic,
                expected: basic,
            });
        }
    }
    out
}

impl Rule for ImplCodeMismatch {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        let Some((code, f)) = cx.text(cx.std().ids.impl_code) else {
            return;
        };
        let found = problems(cx, code);
        if found.is_empty() {
            return;
        }
        let mut p = reasons(&found);
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
    good_zh: &[],
    bad_zh: &["县级事项的实施编码为 11450721MB155808113000104002000"],
};
