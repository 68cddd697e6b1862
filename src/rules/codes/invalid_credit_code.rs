//! `invalid-credit-code`: a unified social credit code (GB 32100-2015) of
//! the wrong length, with a character outside the alphabet, a wrong check
//! character or an area part that is no division code.

use super::ElementsParam;
use crate::codes::{validate_credit_code, CreditIssue};
use crate::rules::*;

pub struct InvalidCreditCode {
    elements: Vec<usize>,
}

impl InvalidCreditCode {
    pub fn new(std: &Standard) -> Result<Self, ParamError> {
        let p: ElementsParam = rule_params(std, RuleId::InvalidCreditCode)?;
        Ok(InvalidCreditCode {
            elements: element_indexes(std, &p.elements),
        })
    }
}

fn reason(issue: &CreditIssue) -> (String, String) {
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

impl Rule for InvalidCreditCode {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        for &e in &self.elements {
            let Some((code, f)) = cx.text(Some(e)) else {
                continue;
            };
            let Err(issue) = validate_credit_code(code) else {
                continue;
            };
            let (zh, en) = if f.numeric && code.len() >= 15 {
                (
                    "单元格为数字格式，18位代码的末几位已被Excel舍入丢失".into(),
                    "the cell is numeric: Excel rounded away the last digits of the 18-character code".into(),
                )
            } else {
                reason(&issue)
            };
            sink.emit(
                RuleId::InvalidCreditCode,
                At::field(cx.source(), f),
                reasons(zh, en),
            );
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "The body's unified social credit code fails GB 32100-2015: length 18, alphabet without I O S V Z, check character, and a province prefix in positions 3–4. A code stored as a number (Excel rounds 18 digits) is explained as such.",
    zh: "实施主体的统一社会信用代码不符合 GB 32100-2015：应为18位，不含 I、O、S、V、Z，校验位正确，第3—4位为省级代码。以数字形式保存（Excel 会把18位数字四舍五入）的代码会特别说明。",
    good: &["11450721MB15580811"],
    bad: &["11450721MB15580812"],
};
