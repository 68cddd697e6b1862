//! `unknown-basic-code`: a valid basic code the basic catalogue does not
//! list; the finding suggests the code of an entry with the item's name.

use crate::rules::*;

pub struct UnknownBasicCode;

impl UnknownBasicCode {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(UnknownBasicCode)
    }
}

impl Rule for UnknownBasicCode {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        let (Some(basic), Some(code)) = (cx.file.basic, &cx.facts.basic_code) else {
            return;
        };
        let ids = &cx.std().ids;
        let Some((_, code_field)) = cx.text(ids.basic_code) else {
            return;
        };
        if basic.get(code).is_some() {
            return;
        }
        let prefix = &code[..2];
        // A province-added item cannot be in a catalogue without that province's items.
        if prefix != "00" && !basic.has_prefix(prefix) {
            return;
        }
        let suggestion = cx
            .text(ids.name)
            .and_then(|(n, _)| basic.code_for_name(n))
            .map(str::to_string)
            .unwrap_or_default();
        sink.emit(
            RuleId::UnknownBasicCode,
            At::field(cx.source(), code_field),
            params(&[("suggestion", suggestion)]),
        );
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "With `--basic`, the basic code is not in the basic catalogue. Province-added codes (prefix ≠ 00) are only reported when the catalogue holds items of that province.",
    zh: "使用 `--basic` 时，基本编码不在基本目录中。省级增设的编码（编制方代码不是00）只在目录含有该省事项时报告。",
    good: &["000104002000 in the catalogue"],
    bad: &["000199999000"],
    good_zh: &["000104002000 在基本目录中"],
    bad_zh: &[],
};
