//! `invalid-credit-code`: a unified social credit code (GB 32100-2015) of
//! the wrong length, with a character outside the alphabet, a wrong check
//! character or an area part that is no division code.

use super::ElementsParam;
use crate::codes::validate_credit_code;
use crate::i18n::Reason;
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

impl Rule for InvalidCreditCode {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        for &e in &self.elements {
            let Some((code, f)) = cx.text(Some(e)) else {
                continue;
            };
            let Err(issue) = validate_credit_code(code) else {
                continue;
            };
            let reason = if f.numeric && code.len() >= 15 {
                Reason::CreditRounded
            } else {
                Reason::Credit(&issue)
            };
            sink.emit(
                RuleId::InvalidCreditCode,
                At::field(cx.source(), f),
                reasons(&[reason]),
            );
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "The body's unified social credit code fails GB 32100-2015: length 18, alphabet without I O S V Z, check character, and a province prefix in positions 3–4. A code stored as a number (Excel rounds 18 digits) is explained as such.",
    zh: "实施主体的统一社会信用代码不符合 GB 32100-2015：应为18位，不含 I、O、S、V、Z，校验位正确，第3—4位为省级代码。以数字形式保存（Excel 会把18位数字四舍五入）的代码会特别说明。",
    good: &["11450721MB15580811"],
    bad: &["11450721MB15580812"],
    good_zh: &[],
    bad_zh: &[],
};
