//! `body-code-variants`: one body (by name) with several codes in a file —
//! a truncated 17-character code beside the full 18, a typo, an old code.
//! The finding names the code the body uses most.

use super::{body, Seen};
use crate::rules::*;

#[derive(Default)]
pub struct BodyCodeVariants {
    /// Each body's codes with their first cell and row count.
    codes: BTreeMap<String, Vec<(String, Seen, usize)>>,
}

impl BodyCodeVariants {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(Self::default())
    }
}

impl Rule for BodyCodeVariants {
    fn across_items(&self) -> bool {
        true
    }

    fn item(&mut self, cx: &ItemCx<'_>, _sink: &mut Sink<'_>) {
        let Some((code, f, name)) = body(cx) else {
            return;
        };
        let codes = self.codes.entry(name_key(name)).or_default();
        match codes.iter_mut().find(|(c, ..)| *c == code) {
            Some((.., n)) => *n += 1,
            None => codes.push((code, Seen::of(cx.source(), f, name), 1)),
        }
    }

    fn finish(&mut self, cx: &FinishCx<'_>, sink: &mut Sink<'_>) {
        for codes in self.codes.values() {
            if codes.len() < 2 {
                continue;
            }
            // the code most rows use (a valid one first) is the body's
            let main = codes
                .iter()
                .max_by_key(|(c, _, n)| {
                    (
                        crate::codes::validate_credit_code(c).is_ok(),
                        *n,
                        std::cmp::Reverse(c.clone()),
                    )
                })
                .map(|(c, s, _)| (c.clone(), s.cell()))
                .unwrap_or_default();
            for (code, seen, _) in codes.iter().filter(|(c, ..)| *c != main.0) {
                let p = params(&[
                    ("body", seen.text.clone()),
                    ("other", main.0.clone()),
                    ("first", main.1.clone()),
                ]);
                let body_code = cx.file.std.ids.body_code;
                let at = At::cell(&seen.source, Some(seen.row), seen.col, body_code)
                    .with_value(Some(code));
                sink.emit(RuleId::BodyCodeVariants, at, p);
            }
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "One body (by name, compared after NFKC and punctuation folding) appears in the file with several codes — a truncated 17-character code beside the full 18, a typo, a superseded code. Each other code is reported at its first row, naming the code the body uses most (a valid one preferred) and where.",
    zh: "同一实施主体（按名称，经规范化后比较）在文件中使用了多个代码：如截断的17位代码与完整的18位代码并存、录入错误或旧代码。每个其他代码在其第一次出现的行报告，并指明该主体最常用的代码（优先取有效代码）及位置。",
    good: &["浦北县市场监督管理局 always 11450721MB15580811"],
    bad: &["浦北县市场监督管理局 with 11450721MB15580811 and 11450721MB1558081"],
    good_zh: &["浦北县市场监督管理局 始终用 11450721MB15580811"],
    bad_zh: &["浦北县市场监督管理局 既用 11450721MB15580811 又用 11450721MB1558081"],
};
