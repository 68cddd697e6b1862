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
    en: "A business-handling item code must be the implementation code followed by two digits.",
    zh: "业务办理项编码应为实施编码后加2位顺序号。",
    good: &["…000104002000 01"],
    bad: &["…000104002000 1"],
};
