//! `legal-basis-mismatch`: the item's legal basis cites other laws or
//! articles than its basic-catalogue entry's. Both are read as citations
//! ([`crate::text::citations`]): punctuation, bracket widths, numerals
//! (第24条 / 第二十四条), the country's name in a title, 文号 and quoted
//! text are not differences; the finding names the laws and articles that
//! are.

use crate::rules::*;
use crate::text::citations::{compare, BasisChange};
use crate::text::short_diff;

pub struct LegalBasisMismatch;

impl LegalBasisMismatch {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(LegalBasisMismatch)
    }
}

/// What differs, in each language: the laws not cited, the laws cited
/// that are not expected, the articles of a law that differ; or, for texts
/// that cite no title, a character diff.
fn describe(c: &BasisChange, expected: &str, basis: &str) -> (String, String) {
    let mut zh = Vec::new();
    let mut en = Vec::new();
    if !c.missing.is_empty() {
        zh.push(format!("未引用{}", c.missing.join("")));
        en.push(format!("does not cite {}", c.missing.join(", ")));
    }
    if !c.extra.is_empty() {
        zh.push(format!("多引用{}", c.extra.join("")));
        en.push(format!("also cites {}", c.extra.join(", ")));
    }
    for (law, want, got) in &c.articles {
        zh.push(format!(
            "{law}应为{}，写作{}",
            want.join("、"),
            got.join("、")
        ));
        en.push(format!(
            "{law}: {} expected, {} cited",
            want.join(", "),
            got.join(", ")
        ));
    }
    if zh.is_empty() {
        let d = short_diff(expected, basis);
        return (d.clone(), d);
    }
    (zh.join("；"), en.join("; "))
}

impl Rule for LegalBasisMismatch {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        let Some(expected) = super::entry(cx).and_then(|e| e.legal_basis.as_ref()) else {
            return;
        };
        let Some((basis, f)) = cx.text(cx.std().ids.legal_basis) else {
            return;
        };
        if let Some(change) = compare(expected, basis) {
            let (zh, en) = describe(&change, expected, basis);
            sink.emit(
                RuleId::LegalBasisMismatch,
                At::field(cx.source(), f),
                params(&[
                    ("expected", expected.clone()),
                    ("reason_zh", zh),
                    ("reason_en", en),
                ]),
            );
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "With `--basic`, the legal basis cites other laws or articles than the catalogue's. Both are read as citations (title in 《》, 文号, articles): punctuation, bracket widths, numerals (第24条 = 第二十四条), 中华人民共和国 in a title, 文号 and the quoted text are not compared. Articles are compared where both cite some. The finding says which law is missing or extra, or which articles differ.",
    zh: "使用 `--basic` 时，设定依据引用的法律法规或条款与基本目录不同。两者都按引文解析（《》中的名称、文号、条款）：标点、括号全半角、数字写法（第24条即第二十四条）、名称中的“中华人民共和国”、文号和条款原文不作比较；双方都写明条款时比较条款。消息指出缺少或多出的法律法规，或不同的条款。",
    good: &["《中华人民共和国食品安全法》第35条 for 《中华人民共和国食品安全法》第三十五条"],
    bad: &["第三十五条 changed to 第三十六条"],
    good_zh: &["《中华人民共和国食品安全法》第35条 对应 《中华人民共和国食品安全法》第三十五条"],
    bad_zh: &["第三十五条 改成了 第三十六条"],
};
