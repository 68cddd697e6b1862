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
        let (p, cause) = if a.padded {
            (reasons(&[Reason::AreaPadded(&a.code)]), "padded")
        } else if a.development_zone && cx.file.areas.is_none() {
            (reasons(&[Reason::AreaDevelopmentZone]), "development-zone")
        } else {
            return;
        };
        // one note per file and form, whatever the code: a portal pads every row
        sink.emit_cause(
            RuleId::AreaCodeNonstandard,
            At::field(cx.source(), f),
            p,
            cause.to_string(),
        );
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "A division code padded to 12 digits, or a statistical 7x development-zone code that GB/T 2260 lacks: accepted, but not what should be exchanged. One note per file and form, with the count and the first rows (a portal pads every row).",
    zh: "补足到12位的区划代码，或 GB/T 2260 没有的统计用7x开发区代码：可以接受，但不应用于数据交换。每个文件每种形式只报一次，附行数和前几行（门户导出的每一行都是补足形式）。",
    good: &["511602"],
    bad: &["511602000000 / 130171"],
    good_zh: &[],
    bad_zh: &[],
};
