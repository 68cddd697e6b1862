//! `name-mismatch`: the item's name differs from its basic-catalogue entry's
//! (compared after normalising width, spaces and punctuation).

use crate::rules::*;
use crate::text::comparable;

pub struct NameMismatch;

impl NameMismatch {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(NameMismatch)
    }
}

impl Rule for NameMismatch {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        let Some(entry) = super::entry(cx) else {
            return;
        };
        let Some((name, f)) = cx.text(cx.std().ids.name) else {
            return;
        };
        if comparable(name) != comparable(&entry.name) {
            sink.emit(
                RuleId::NameMismatch,
                At::field(cx.source(), f),
                params(&[("expected", entry.name.clone())]),
            );
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "With `--basic`, the item name differs from the catalogue's name for the same basic code (compared after normalising width, spaces and punctuation).",
    zh: "使用 `--basic` 时，事项名称与基本目录中同一基本编码的名称不同（比较前统一全角半角、空格和标点）。",
    good: &["出版物零售单位设立、变更审批"],
    bad: &["出版物零售单位设立审批"],
    good_zh: &[],
    bad_zh: &[],
};
