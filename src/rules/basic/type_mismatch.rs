//! `type-mismatch`: the item's type differs from its basic-catalogue entry's.

use crate::rules::*;

pub struct TypeMismatch;

impl TypeMismatch {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(TypeMismatch)
    }
}

impl Rule for TypeMismatch {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        let Some(entry) = super::entry(cx) else {
            return;
        };
        let Some(expected) = &entry.item_type else {
            return;
        };
        let Some((v, f)) = cx.value(cx.std().ids.item_type) else {
            return;
        };
        let actual = match v {
            Value::Code(c) | Value::Uncoded(c) => c,
            _ => return,
        };
        if actual == expected {
            return;
        }
        let label = cx.std().code_label("item_type", expected);
        sink.emit(
            RuleId::TypeMismatch,
            At::field(cx.source(), f),
            params(&[("expected", label)]),
        );
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "With `--basic`, the item type differs from the catalogue's.",
    zh: "使用 `--basic` 时，事项类型与基本目录不同。",
    good: &["行政许可"],
    bad: &["行政确认"],
    good_zh: &[],
    bad_zh: &[],
};
