//! `invalid-area-code`: a division code (GB/T 2260) that is malformed, has
//! an unknown province, a county under a 00 prefecture, or is not in the
//! `--areas` list.

use crate::codes::validate_area;
use crate::i18n::Reason;
use crate::rules::*;

pub struct InvalidAreaCode;

impl InvalidAreaCode {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(InvalidAreaCode)
    }
}

impl Rule for InvalidAreaCode {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        let Some((code, f)) = cx.text(cx.std().ids.area_code) else {
            return;
        };
        let Err(issue) = validate_area(code, cx.file.areas) else {
            return;
        };
        sink.emit(
            RuleId::InvalidAreaCode,
            At::field(cx.source(), f),
            reasons(&[Reason::Area(&issue)]),
        );
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "A division code that is not 6 digits (or 12 padded), whose province prefix is not one of the 31, that puts a county part after a 00 prefecture part, or (with `--areas FILE`) that is not in the list.",
    zh: "行政区划代码不是6位（或补足的12位），省级代码不在31个省级行政区之列，地级部分为00却有县级部分，或（使用 `--areas FILE` 时）不在区划代码表中。",
    good: &["450721"],
    bad: &["990721 / 510001"],
    good_zh: &[],
    bad_zh: &[],
};
