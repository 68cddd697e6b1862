//! `area-code-nonstandard`: a valid division code in a form GB/T 2260 does
//! not have: padded to 12 digits, or a statistical development-zone code.

use crate::codes::validate_area;
use crate::i18n::Reason;
use crate::rules::*;

pub struct AreaCodeNonstandard;

impl AreaCodeNonstandard {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(AreaCodeNonstandard)
    }
}

impl Rule for AreaCodeNonstandard {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        let Some((code, f)) = cx.text(cx.std().ids.area_code) else {
            return;
        };
        let Ok(a) = validate_area(code, cx.file.areas) else {
            return;
        };
        let p = if a.padded {
            reasons(&[Reason::AreaPadded(&a.code)])
        } else if a.development_zone && cx.file.areas.is_none() {
            reasons(&[Reason::AreaDevelopmentZone])
        } else {
            return;
        };
        sink.emit(RuleId::AreaCodeNonstandard, At::field(cx.source(), f), p);
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "A division code padded to 12 digits, or a statistical 7x development-zone code that GB/T 2260 lacks: accepted, but not what should be exchanged.",
    zh: "补足到12位的区划代码，或 GB/T 2260 没有的统计用7x开发区代码：可以接受，但不应用于数据交换。",
    good: &["511602"],
    bad: &["511602000000 / 130171"],
};
