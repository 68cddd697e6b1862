//! `duplicate-item`: the same item (normalised name) twice under one body
//! with different implementation or local codes. (The same code twice is
//! `duplicate-impl-code`.)

use crate::catalogue::value::clean_code;
use crate::rules::keylog::{self, KeyLog};
use crate::rules::*;

#[derive(Default)]
pub struct DuplicateItem {
    /// Every item's name cell by the hash of (body, item name), with the
    /// hash of its codes and the body, until the file is read.
    log: KeyLog,
}

impl DuplicateItem {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(Self::default())
    }
}

impl Rule for DuplicateItem {
    fn across_items(&self) -> bool {
        true
    }

    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        let ids = &cx.std().ids;
        let (Some((name, nf)), Some((body, _))) = (cx.text(ids.name), cx.text(ids.body_name))
        else {
            return;
        };
        let code = |e: Option<usize>| {
            cx.value(e)
                .map(|(_, f)| clean_code(&f.text))
                .unwrap_or_default()
        };
        let codes = key_hash(&[&code(ids.impl_code), &code(ids.local_impl_code)]);
        let key = key_hash(&[&name_key(body), &name_key(name)]);
        let seq = sink.ordinal().unwrap_or(0) as u64;
        keylog::log_field(
            &mut self.log,
            sink,
            cx.source(),
            nf,
            (key, seq),
            codes,
            &[body],
        );
    }

    fn finish(&mut self, cx: &FinishCx<'_>, sink: &mut Sink<'_>) {
        let log = std::mem::take(&mut self.log);
        let sources = log.sources().to_vec();
        let element = cx.file.std.ids.name;
        for group in keylog::groups(log.into_sorted()) {
            let first = &group[0];
            let at = cell_ref(&sources[first.src as usize], first.row, first.col);
            // the same code twice is duplicate-impl-code's, and a list that
            // repeats an item's cells for its materials is one item
            for r in group[1..].iter().filter(|r| r.extra != first.extra) {
                let body = r.texts.get(2).map(|b| b.to_string()).unwrap_or_default();
                let p = params(&[("body", body), ("first", at.clone())]);
                let rule = (RuleId::DuplicateItem, Some(r.seq as usize));
                keylog::emit_at(sink, rule, &sources, r, element, p);
            }
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "The same item (name compared after NFKC, whitespace and punctuation folding) appears twice under one body with different implementation or local codes: one item listed twice. Handling items with the case appended to the name (…(注销)) have different names and are not duplicates.",
    zh: "同一实施主体下同一事项（名称经全角半角、空白和标点规范化后比较）出现两次，实施编码或地方编码不同：一个事项被列了两次。名称后附办理情形（……（注销））的业务办理项名称不同，不算重复。",
    good: &["食品经营许可 once per body"],
    bad: &["食品经营许可 twice under 浦北县市场监督管理局 with two local codes"],
    good_zh: &["食品经营许可 在每个实施主体下只列一次"],
    bad_zh: &["浦北县市场监督管理局 下列了两次 食品经营许可，地方编码不同"],
};
