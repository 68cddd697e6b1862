//! `label-in-value`: a value that repeats its own column's label before the
//! content (`办理地点：广州市…` in 办理地点), as text pasted from a guide.

use crate::rules::*;
use crate::standard::ElementType;

pub struct LabelInValue {
    /// Each text element's label and aliases, compacted, by index.
    labels: HashMap<usize, Vec<String>>,
}

impl LabelInValue {
    pub fn new(std: &Standard) -> Result<Self, ParamError> {
        let labels = std
            .elements
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == ElementType::Text)
            .map(|(i, e)| {
                let mut l: Vec<String> = std::iter::once(&e.label)
                    .chain(&e.aliases)
                    .map(|a| crate::text::compact(a).into_owned())
                    .filter(|a| a.chars().count() >= 2 && !a.is_ascii())
                    .collect();
                l.sort_by_key(|a| std::cmp::Reverse(a.len()));
                (i, l)
            })
            .collect();
        Ok(LabelInValue { labels })
    }

    fn check<'f>(
        &self,
        _std: &Standard,
        src: &Arc<Source>,
        fields: impl Iterator<Item = &'f Field>,
        sink: &mut Sink<'_>,
    ) {
        for f in fields {
            let Some(labels) = self.labels.get(&f.element) else {
                continue;
            };
            let t = f.compact();
            let found = labels.iter().find(|l| {
                t.strip_prefix(l.as_str())
                    .is_some_and(|rest| rest.starts_with(':') && rest.len() > 1)
            });
            if let Some(l) = found {
                // one cause however many rows paste the same label
                let p = params(&[("written", format!("{l}："))]);
                let cause = format!("{}:{l}", f.element);
                sink.emit_cause(RuleId::LabelInValue, At::field(src, f), p, cause);
            }
        }
    }
}

super::cells_rule!(LabelInValue);

pub const DOC: RuleDoc = RuleDoc {
    en: "A text value begins with its own column's label or an alias and a colon (`办理地点：广州市…` in 办理地点): text pasted from a guide. Guides and forms would print the label twice. Phone cells, where `咨询电话：…` is how a number is introduced, are not checked.",
    zh: "文本值以本列的名称或别名加冒号开头（办理地点列写“办理地点：广州市……”）：多为从办事指南粘贴而来，生成指南和表格时名称会重复出现。电话单元格中“咨询电话：……”是常见写法，不检查。",
    good: &["广州市天河区天河路1号"],
    bad: &["办理地点：广州市天河区天河路1号"],
    good_zh: &[],
    bad_zh: &[],
};
