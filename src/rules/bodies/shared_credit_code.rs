//! `shared-credit-code`: one credit code used by two differently named
//! bodies in a file. A credit code identifies one organisation: one of the
//! two is wrong (or a department is listed under its parent's code).

use super::{body, Seen};
use crate::rules::*;

#[derive(Default)]
pub struct SharedCreditCode {
    /// Each code's bodies by name key, with the first cell of each.
    names: HashMap<String, Vec<(String, Seen)>>,
}

impl SharedCreditCode {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(Self::default())
    }
}

impl Rule for SharedCreditCode {
    fn across_items(&self) -> bool {
        true
    }

    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        let Some((code, f, name)) = body(cx) else {
            return;
        };
        let key = name_key(name);
        let names = self.names.entry(code.clone()).or_default();
        if names.iter().any(|(k, _)| *k == key) {
            return;
        }
        if let Some((_, first)) = names.first() {
            let p = params(&[
                ("body", name.to_string()),
                ("other", first.text.clone()),
                ("first", first.cell()),
            ]);
            sink.emit(RuleId::SharedCreditCode, At::field(cx.source(), f), p);
        }
        names.push((key, Seen::of(cx.source(), f, name)));
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "One credit code is used in the file by two bodies with different names (compared after NFKC, whitespace and punctuation folding). A credit code identifies one organisation, so one of them carries the wrong code — often a department listed under its parent's code. Reported at the first row of each further name, naming the first.",
    zh: "同一统一社会信用代码在文件中被两个名称不同的实施主体使用（名称经全角半角、空白和标点规范化后比较）。一个信用代码只对应一个组织，其中必有一个代码有误，常见于内设机构使用上级单位代码。在每个其他名称第一次出现的行报告，并指明第一处。",
    good: &["11450721MB15580811 only for 浦北县市场监督管理局"],
    bad: &["11450721MB15580811 for 浦北县市场监督管理局 and 浦北县教育局"],
    good_zh: &["11450721MB15580811 只用于 浦北县市场监督管理局"],
    bad_zh: &["11450721MB15580811 同时用于 浦北县市场监督管理局 和 浦北县教育局"],
};
