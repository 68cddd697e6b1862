//! `legal-basis-mismatch`: the item's legal basis differs from its
//! basic-catalogue entry's; the finding shows the difference.

use crate::rules::*;
use crate::text::{comparable, short_diff};

pub struct LegalBasisMismatch;

impl LegalBasisMismatch {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(LegalBasisMismatch)
    }
}

impl Rule for LegalBasisMismatch {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        let Some(expected) = super::entry(cx).and_then(|e| e.legal_basis.as_ref()) else {
            return;
        };
        let Some((basis, f)) = cx.text(cx.std().ids.legal_basis) else {
            return;
        };
        if comparable(basis) != comparable(expected) {
            let diff = short_diff(expected, basis);
            sink.emit(
                RuleId::LegalBasisMismatch,
                At::field(cx.source(), f),
                params(&[("expected", expected.clone()), ("diff", diff)]),
            );
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "With `--basic`, the legal basis differs from the catalogue's (after normalising spaces, width and punctuation); the message shows a character diff.",
    zh: "使用 `--basic` 时，设定依据与基本目录不同（比较前统一空格、全角半角和标点），消息中给出逐字差异。",
    good: &["the catalogue's text"],
    bad: &["第三十五条 changed to 第三十六条"],
};
