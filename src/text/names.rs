//! Item names as compared across regions.
//!
//! Two cities write one item's name in many ways: full- and half-width
//! brackets, a level suffix (`（市级）`, `(县级行使）`), quotation marks,
//! spaces, a trailing full stop. [`name_key`] folds all of these, so
//! identical names compare equal however they are typed; [`similarity`]
//! scores the names that still differ (科研和教学用毒性药品购买审批 /
//! 科研和教学所需毒性药品购用审批); [`split_handling`] separates a handling
//! item's case from its item's name (`无线电频率使用许可(注销)`).

use crate::text::compact;

/// Bracket pairs folded to `(` `)`.
fn fold_bracket(c: char) -> Option<char> {
    match c {
        '(' | '（' | '〔' | '［' | '[' | '【' | '｛' | '{' | '〈' | '「' | '『' | '〖' => {
            Some('(')
        }
        ')' | '）' | '〕' | '］' | ']' | '】' | '｝' | '}' | '〉' | '」' | '』' | '〗' => {
            Some(')')
        }
        _ => None,
    }
}

/// Characters that never tell two items apart: quotation marks, title
/// marks, list punctuation and the particle 的.
fn filler(c: char) -> bool {
    matches!(
        c,
        '《' | '》'
            | '<'
            | '>'
            | '“'
            | '”'
            | '"'
            | '\''
            | '‘'
            | '’'
            | '、'
            | '，'
            | ','
            | '。'
            | '.'
            | '；'
            | ';'
            | '：'
            | ':'
            | '·'
            | '•'
            | '-'
            | '—'
            | '_'
            | '的'
    )
}

/// Words a level suffix is made of: `(市级)`, `(县级行使)`, `(省、市、县级)`,
/// `(市本级)`, `(区县级)`, `(乡镇街道)`.
fn is_level_note(s: &str) -> bool {
    let s = s
        .trim_end_matches("行使")
        .trim_end_matches("权限")
        .trim_end_matches("实施")
        .trim_end_matches("事项");
    if s.is_empty() || s.chars().count() > 14 {
        return false;
    }
    let level_words = [
        "国家",
        "省",
        "自治区",
        "直辖市",
        "市",
        "州",
        "盟",
        "地",
        "县",
        "区",
        "旗",
        "乡",
        "镇",
        "街道",
        "村",
        "社区",
        "本",
        "级",
        "层",
        "、",
        "/",
        "和",
        "及",
        "与",
        "(",
        ")",
    ];
    let mut rest = s;
    'outer: while !rest.is_empty() {
        for w in level_words {
            if let Some(r) = rest.strip_prefix(w) {
                rest = r;
                continue 'outer;
            }
        }
        return false;
    }
    s.contains('级') || s.ends_with("本级") || s == "乡镇街道"
}

/// The name with brackets folded to `(` `)` and whitespace removed (NFKC).
fn folded(s: &str) -> String {
    compact(s)
        .chars()
        .map(|c| fold_bracket(c).unwrap_or(c))
        .collect()
}

/// Split off the last top-level bracket group: (`xx`, `注销`) for `xx(注销)`.
/// Unbalanced brackets count as written: `发票领用(县级行使)` after folding.
fn last_group(s: &str) -> Option<(&str, &str)> {
    let body = s.strip_suffix(')')?;
    let mut depth = 0usize;
    for (i, c) in body.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => return Some((&s[..i], &body[i + 1..])),
            '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Strip level notes wherever they stand as a trailing or leading group.
fn without_levels(mut s: &str) -> &str {
    while let Some((head, inner)) = last_group(s) {
        if head.is_empty() || !is_level_note(inner) {
            break;
        }
        s = head;
    }
    if let Some(rest) = s.strip_prefix('(') {
        if let Some(end) = rest.find(')') {
            if is_level_note(&rest[..end]) && end + 1 < rest.len() {
                s = &rest[end + 1..];
            }
        }
    }
    s
}

/// The comparison key of an item name: NFKC, no whitespace, brackets of
/// every width folded, level notes and filler characters dropped.
pub fn name_key(name: &str) -> String {
    let f = folded(name);
    without_levels(&f).chars().filter(|c| !filler(*c)).collect()
}

/// A handling item's name split into its item's name key and its case:
/// `无线电频率使用许可(注销)(无线电频率使用许可(行政机关注销))` →
/// (`无线电频率使用许可`, `注销`). The case is the first bracket group after
/// the item name; further groups repeat the name with detail. `None` when
/// the name has no bracket group to split off.
pub fn split_handling(name: &str) -> Option<(String, String)> {
    let f = folded(name);
    let mut s = without_levels(&f);
    let mut groups = Vec::new();
    while let Some((head, inner)) = last_group(s) {
        if head.is_empty() {
            break;
        }
        groups.push(inner);
        s = head;
    }
    let case = groups.last()?;
    let parent: String = s.chars().filter(|c| !filler(*c)).collect();
    let case: String = case.chars().filter(|c| !filler(*c)).collect();
    (!parent.is_empty() && !case.is_empty()).then_some((parent, case))
}

/// What happens to the thing an item is about: two names that differ in
/// these are different items however similar the rest is (设立外籍人员子女学校
/// / 撤销外籍人员子女学校), while names that differ in filler (用 / 所需,
/// 购买 / 购用) are the same item.
pub const LIFECYCLE_WORDS: [&str; 26] = [
    "设立", "成立", "筹建", "新办", "首次", "变更", "延续", "延期", "注销", "撤销", "吊销", "终止",
    "换发", "补发", "补办", "迁入", "迁出", "转入", "转出", "迁移", "合并", "分立", "暂停", "恢复",
    "增加", "减少",
];

/// Whether two names speak of different lifecycle events: each has a
/// [`LIFECYCLE_WORDS`] word the other lacks.
pub fn lifecycle_conflict(a: &str, b: &str) -> bool {
    let only = |x: &str, y: &str| {
        LIFECYCLE_WORDS
            .iter()
            .any(|w| x.contains(w) && !y.contains(w))
    };
    only(a, b) && only(b, a)
}

/// Character bigrams of a key (a one-character key is its own gram).
pub fn grams(key: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = key.chars().collect();
    match chars.len() {
        0 => Vec::new(),
        1 => vec![(chars[0], '\0')],
        _ => chars.windows(2).map(|w| (w[0], w[1])).collect(),
    }
}

/// The similarity of two name keys: 1 − edit distance / longer length
/// (normalised Levenshtein over characters).
pub fn similarity(a: &str, b: &str) -> f64 {
    strsim::normalized_levenshtein(a, b)
}

/// The largest edit distance two keys of these lengths (in characters) may
/// have and still reach `min` similarity.
pub fn max_edits(len_a: usize, len_b: usize, min: f64) -> usize {
    let longer = len_a.max(len_b) as f64;
    ((1.0 - min) * longer + 1e-9).floor() as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_names_however_typed_have_one_key() {
        let k = name_key("科研和教学用毒性药品购买审批");
        assert_eq!(name_key(" 科研和教学用毒性药品购买审批（市级）"), k);
        assert_eq!(name_key("科研和教学用毒性药品购买审批(县级行使）"), k);
        assert_eq!(name_key("科研和教学用毒性药品购买审批【省、市、县级】"), k);
        assert_eq!(name_key("（市本级）科研和教学用毒性药品购买审批"), k);
        assert_eq!(name_key("科研和教学用毒性药品购买审批。"), k);
        assert_eq!(
            name_key("《食品经营许可证》核发"),
            name_key("“食品经营许可证”核发")
        );
        assert_eq!(name_key("发票领用(县级行使）"), name_key("发票领用"));
        // near misses: a different case, a different subject
        assert_ne!(name_key("食品经营许可(新办)"), name_key("食品经营许可"));
        assert_ne!(
            name_key("设立外籍人员子女学校"),
            name_key("撤销外籍人员子女学校")
        );
        // a group that is not a level stays
        assert_ne!(name_key("建设工程(消防)验收"), name_key("建设工程验收"));
        assert_ne!(
            name_key("县级文物保护单位认定"),
            name_key("文物保护单位认定")
        );
    }

    #[test]
    fn handling_cases_split_from_their_item() {
        assert_eq!(
            split_handling("无线电频率使用许可(注销)(无线电频率使用许可(行政机关注销))"),
            Some(("无线电频率使用许可".into(), "注销".into()))
        );
        assert_eq!(
            split_handling("无线电频率使用许可（变更）（市级）"),
            Some(("无线电频率使用许可".into(), "变更".into()))
        );
        assert_eq!(split_handling("无线电频率使用许可（市级）"), None);
        assert_eq!(split_handling("无线电频率使用许可"), None);
    }

    #[test]
    fn near_names_of_one_item_are_similar_and_edits_are_bounded() {
        let a = name_key("科研和教学用毒性药品购买审批");
        let b = name_key("科研和教学所需毒性药品购用审批");
        assert!(similarity(&a, &b) >= 0.8);
        assert!(similarity(&a, &name_key("危险化学品经营许可")) < 0.5);
        assert_eq!(max_edits(15, 14, 0.8), 3);
        assert_eq!(max_edits(4, 4, 0.8), 0);
        assert_eq!(grams("许可").len(), 1);
        assert_eq!(grams("许").len(), 1);
        assert!(lifecycle_conflict(
            "设立外籍人员子女学校",
            "撤销外籍人员子女学校"
        ));
        assert!(!lifecycle_conflict(&a, &b));
        assert!(!lifecycle_conflict(
            "出版物零售单位设立变更审批",
            "出版物零售单位设立变更审核"
        ));
        // one name only adds a case: not a conflict of two events
        assert!(!lifecycle_conflict("学校设立", "学校设立变更"));
    }
}
