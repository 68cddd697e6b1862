//! `catch-all-clause`: conditions or materials that end in a catch-all such
//! as 法律、法规规定的其他条件 or 其他材料 instead of listing what is needed.

use crate::rules::*;

pub struct CatchAllClause {
    elements: Vec<usize>,
    patterns: Vec<regex::Regex>,
}

impl CatchAllClause {
    pub fn new(std: &Standard) -> Result<Self, ParamError> {
        let (elements, patterns) = super::pattern_params(std, RuleId::CatchAllClause)?;
        Ok(CatchAllClause { elements, patterns })
    }

    fn check<'f>(
        &self,
        src: &Arc<Source>,
        fields: impl Iterator<Item = &'f Field>,
        sink: &mut Sink<'_>,
    ) {
        for f in fields {
            if !self.elements.contains(&f.element) {
                continue;
            }
            let t = f.compact();
            // Check each clause (line or numbered point) separately so that an
            // anchored pattern such as "^其他材料" sees where a clause starts.
            for clause in t.split(['；', ';', '。']).chain(std::iter::once(t)) {
                let clause = clause.trim_start_matches(|ch: char| {
                    ch.is_ascii_digit() || matches!(ch, '.' | '、' | '(' | ')' | '（' | '）')
                });
                if let Some(m) = self.patterns.iter().find_map(|re| re.find(clause)) {
                    let p = params(&[("clause", m.as_str().to_string())]);
                    sink.emit(RuleId::CatchAllClause, At::field(src, f), p);
                    break;
                }
            }
        }
    }
}

impl Rule for CatchAllClause {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        self.check(cx.source(), cx.item.fields.iter(), sink);
    }

    fn part(&mut self, cx: &PartCx<'_>, sink: &mut Sink<'_>) {
        if cx.kind == Scope::Material && cx.file.std.ids.material_name.is_some() {
            self.check(cx.source, cx.part.fields.iter(), sink);
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "Conditions and material names must not use catch-all clauses such as 法律、法规规定的其他条件 or 其他材料; the patterns are data in rules.yaml (`params.patterns`).",
    zh: "受理条件和材料名称不得使用“法律、法规规定的其他条件”“其他材料”等兜底表述；匹配模式是 rules.yaml 中的数据（`params.patterns`）。",
    good: &["营业执照"],
    bad: &["其他材料"],
    good_zh: &[],
    bad_zh: &[],
};
