//! `truncated-text`: a text that stops mid-sentence — a 受理条件 ending in
//! `下列条件：`, a clause ending in a comma or an open bracket — or whose
//! length is exactly a database field size, as when an export cut it.

use crate::rules::*;

#[derive(serde::Deserialize)]
struct TruncatedParams {
    #[serde(default)]
    elements: Vec<String>,
    /// Endings that leave a sentence open (after NFKC).
    #[serde(default)]
    endings: Vec<String>,
    /// Field sizes exports cut texts at.
    #[serde(default)]
    cut_lengths: Vec<usize>,
}

pub struct TruncatedText {
    elements: Vec<usize>,
    endings: Vec<String>,
    cut_lengths: Vec<usize>,
}

impl TruncatedText {
    pub fn new(std: &Standard) -> Result<Self, ParamError> {
        let p: TruncatedParams = rule_params(std, RuleId::TruncatedText)?;
        Ok(TruncatedText {
            elements: element_indexes(std, &p.elements),
            endings: p.endings,
            cut_lengths: p.cut_lengths,
        })
    }

    fn check<'f>(
        &self,
        _std: &Standard,
        src: &Arc<Source>,
        fields: impl Iterator<Item = &'f Field>,
        sink: &mut Sink<'_>,
    ) {
        for f in fields.filter(|f| self.elements.contains(&f.element)) {
            let t = crate::text::nfkc(&f.text);
            let t = t.trim_end();
            let len = t.chars().count();
            let tail: String = {
                let v: Vec<char> = f.text.trim_end().chars().collect();
                v[v.len().saturating_sub(6)..].iter().collect()
            };
            let open = self.endings.iter().find(|e| t.ends_with(e.as_str()));
            let finished =
                t.ends_with(['。', '.', '!', '！', '?', '？', '"', '”', '》', ')', '）']);
            let cut = self.cut_lengths.contains(&len) && !finished;
            if open.is_some() || cut {
                let p = params(&[
                    ("tail", tail),
                    ("length", if cut { len.to_string() } else { String::new() }),
                ]);
                sink.emit(RuleId::TruncatedText, At::field(src, f), p);
            }
        }
    }
}

super::cells_rule!(TruncatedText);

pub const DOC: RuleDoc = RuleDoc {
    en: "A text stops mid-sentence: it ends with an ending that leaves it open (a colon, a comma, 、, an open bracket, 及/和/或/的 — `endings` in the rule's params), as a 受理条件 ending in `下列条件：` does; or its length is exactly a field size an export cuts at (255, 500, 1000, 2000, 4000 … — `cut_lengths`) without a closing punctuation mark.",
    zh: "文本在句中中断：以使句子未完的字符结尾（冒号、逗号、顿号、左括号、及/和/或/的，见该规则 params 的 `endings`），如受理条件以“下列条件：”结尾；或长度恰为导出时截断的字段长度（255、500、1000、2000、4000……，见 `cut_lengths`）且不以句末标点结尾。",
    good: &["申请人应当具备下列条件：（一）具有法人资格；（二）有固定场所。"],
    bad: &["申请人应当具备下列条件："],
    good_zh: &[],
    bad_zh: &[],
};
