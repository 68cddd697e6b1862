//! `placeholder-text`: a text cell that holds a placeholder instead of
//! content: 无线下办理窗口 as an address, 待定, 测试, xxx, 同上.

use crate::rules::*;

pub struct PlaceholderText {
    elements: Vec<usize>,
    patterns: Vec<regex::Regex>,
}

impl PlaceholderText {
    pub fn new(std: &Standard) -> Result<Self, ParamError> {
        let (elements, patterns) = super::pattern_params(std, RuleId::PlaceholderText)?;
        Ok(PlaceholderText { elements, patterns })
    }

    fn check<'f>(
        &self,
        std: &Standard,
        src: &Arc<Source>,
        fields: impl Iterator<Item = &'f Field>,
        sink: &mut Sink<'_>,
    ) {
        for f in fields.filter(|f| self.elements.contains(&f.element)) {
            let t = f.compact();
            // a word meaning "none" (—, /, 无) is an empty cell, reported as such
            if std.is_none_word(t) {
                continue;
            }
            if self.patterns.iter().any(|re| re.is_match(t)) {
                sink.emit(RuleId::PlaceholderText, At::field(src, f), Params::new());
            }
        }
    }
}

super::cells_rule!(PlaceholderText);

pub const DOC: RuleDoc = RuleDoc {
    en: "A text cell holds a placeholder instead of content: a statement that there is none (无线下办理窗口 as the address), 待定, 待补充, 测试, xxx, 同上, only dots or question marks. The patterns are the rule's `params` in rules.yaml (matched after NFKC and whitespace removal); words that mean \"none\" (无, 暂无) are `none_words`, read as empty.",
    zh: "文本单元格填的是占位内容而非实际内容：声明没有（办理地点写“无线下办理窗口”）、待定、待补充、测试、xxx、同上、只有省略号或问号。匹配模式为 rules.yaml 中该规则的 `params`（经全角半角和空白规范化后匹配）；表示“无”的词（无、暂无）属于 `none_words`，按空值处理。",
    good: &["浦北县政务服务中心一楼"],
    bad: &["无线下办理窗口 / 待定"],
    good_zh: &[],
    bad_zh: &[],
};
