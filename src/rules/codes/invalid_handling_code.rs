//! `invalid-handling-code`: a business-handling item code (业务办理项编码)
//! that is not the implementation code plus two digits.

use crate::codes::validate_handling_code;
use crate::i18n::Reason;
use crate::rules::*;

pub struct InvalidHandlingCode;

impl InvalidHandlingCode {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(InvalidHandlingCode)
    }
}

impl Rule for InvalidHandlingCode {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        let ids = &cx.std().ids;
        let Some((code, f)) = cx.text(ids.handling_code) else {
            return;
        };
        let impl_code = cx.text(ids.impl_code).map(|(t, _)| t);
        let Err(issue) = validate_handling_code(code, impl_code) else {
            // without an implementation code beside it, a 33-character
            // code's first 31 are checked as that code would be: the
            // credit code it embeds, its level digit, its basic code
            if impl_code.is_none() && code.len() == 33 {
                let found = super::impl_code_mismatch::problems(cx, code);
                if !found.is_empty() {
                    let at = At::field(cx.source(), f);
                    sink.emit(RuleId::InvalidHandlingCode, at, reasons(&found));
                }
            }
            return;
        };
        sink.emit(
            RuleId::InvalidHandlingCode,
            At::field(cx.source(), f),
            reasons(&[Reason::Handling(&issue)]),
        );
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "A business-handling item code must be the implementation code followed by two digits (or, as some provinces write it, the basic code followed by two digits). Where the list has no implementation-code column, the first 31 characters are checked as that code: the credit code they embed, the level digit and the basic code.",
    zh: "业务办理项编码应为实施编码后加2位顺序号（部分省份写作基本编码后加2位）。清单没有实施编码列时，前31位按实施编码检查：其中的统一社会信用代码、层级位和基本编码。",
    good: &["…000104002000 01"],
    bad: &["…000104002000 1"],
    good_zh: &[],
    bad_zh: &[],
};
