//! `unbalanced-brackets`: a name whose brackets do not pair up, or pair a
//! half-width with a full-width one (`发票领用(县级行使）`), or mix both
//! widths (`高等职业学校设立（含设置分校区）(民办…)`). Checked on the text as
//! written, before NFKC folds the widths.

use crate::rules::codes::ElementsParam;
use crate::rules::*;

pub struct UnbalancedBrackets {
    elements: Vec<usize>,
}

impl UnbalancedBrackets {
    pub fn new(std: &Standard) -> Result<Self, ParamError> {
        let p: ElementsParam = rule_params(std, RuleId::UnbalancedBrackets)?;
        Ok(UnbalancedBrackets {
            elements: element_indexes(std, &p.elements),
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
            if let Some(kind) = bracket_problem(&f.text) {
                let p = params(&[("kind", kind.to_string())]);
                sink.emit(RuleId::UnbalancedBrackets, At::field(src, f), p);
            }
        }
    }
}

/// (family, full width) of a bracket, and whether it opens.
fn bracket(c: char) -> Option<(u8, bool, bool)> {
    Some(match c {
        '(' => (0, false, true),
        ')' => (0, false, false),
        '（' => (0, true, true),
        '）' => (0, true, false),
        '[' => (1, false, true),
        ']' => (1, false, false),
        '［' => (1, true, true),
        '］' => (1, true, false),
        '【' => (2, true, true),
        '】' => (2, true, false),
        '《' => (3, true, true),
        '》' => (3, true, false),
        '〔' => (4, true, true),
        '〕' => (4, true, false),
        _ => return None,
    })
}

/// `unbalanced`, `mixed-pair` or `mixed-widths`, or none.
pub fn bracket_problem(text: &str) -> Option<&'static str> {
    let mut stack: Vec<(u8, bool)> = Vec::new();
    let (mut half, mut full) = (false, false);
    for c in text.chars() {
        let Some((family, wide, opens)) = bracket(c) else {
            continue;
        };
        if family <= 1 {
            half |= !wide;
            full |= wide;
        }
        if opens {
            stack.push((family, wide));
            continue;
        }
        match stack.pop() {
            Some((f, w)) if f == family && w == wide => {}
            Some((f, _)) if f == family => return Some("mixed-pair"),
            _ => return Some("unbalanced"),
        }
    }
    if !stack.is_empty() {
        return Some("unbalanced");
    }
    (half && full).then_some("mixed-widths")
}

super::cells_rule!(UnbalancedBrackets);

pub const DOC: RuleDoc = RuleDoc {
    en: "A name's brackets do not pair up (an opening bracket never closed, a closing one never opened), pair a half-width with a full-width bracket (`发票领用(县级行使）`), or use both widths in one name (`高等职业学校设立（含设置分校区）(民办高等职业学校设置异地校区)`). Checked on the text as written; names compared across regions are folded anyway, but guides print them as written.",
    zh: "名称中的括号不成对（有开无闭或有闭无开），半角与全角括号配对（“发票领用(县级行使）”），或同一名称混用全角和半角括号（“高等职业学校设立（含设置分校区）(民办高等职业学校设置异地校区)”）。按原文检查；跨地区比较时会统一宽度，但办事指南按原文印出。",
    good: &["发票领用（县级行使）"],
    bad: &["发票领用(县级行使）"],
    good_zh: &[],
    bad_zh: &[],
};
