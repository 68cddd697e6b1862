//! Text normalisation shared by header matching, value parsing and
//! comparison.
//!
//! Spreadsheets from different vendors spell the same thing many ways:
//! full-width letters and digits, full-width brackets, line breaks inside
//! headers, stray spaces, required-markers. Everything that compares text
//! goes through these functions so that a difference in spelling is never
//! mistaken for a difference in content.

pub mod citations;
pub mod names;

use std::borrow::Cow;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// NFKC and trim: full-width digits, letters and brackets become ASCII,
/// Roman numerals such as Ⅳ become `IV`.
/// Characters that NFKC leaves alone and that make up most catalogue text:
/// ASCII, CJK unified ideographs and common Chinese punctuation. (Full-width
/// forms, the ideographic space and compatibility ideographs are not here:
/// NFKC changes them.)
fn stable(c: char) -> bool {
    c.is_ascii()
        || ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || matches!(
            c,
            '\u{3001}' | '\u{3002}' | '\u{3008}'
                ..='\u{3011}'
                    | '\u{2014}'
                    | '\u{2018}'
                    | '\u{2019}'
                    | '\u{201C}'
                    | '\u{201D}'
                    | '\u{00B7}'
        )
}

/// A character's NFKC form when it is one character that composes with
/// nothing around it: the stable ones themselves, full-width ASCII
/// (`，`, `（`, `１`, `Ａ`: U+FF01–FF5E) as ASCII, the ideographic space as
/// a space. Chinese text is made of these; anything else takes the
/// library's full normalisation.
fn simple_nfkc(c: char) -> Option<char> {
    match c {
        c if stable(c) => Some(c),
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '\u{3000}' => Some(' '),
        _ => None,
    }
}

/// NFKC of `s` mapped through `keep`, by the simple path when every
/// character has a simple form (most cells: Chinese text with full-width
/// punctuation), else by the library's decomposition and recomposition.
fn normalised(s: &str, keep: impl Fn(&char) -> bool) -> String {
    if s.chars().all(|c| simple_nfkc(c).is_some()) {
        return s.chars().filter_map(simple_nfkc).filter(&keep).collect();
    }
    if is_nfkc_quick(s.chars()) == IsNormalized::Yes {
        return s.chars().filter(&keep).collect();
    }
    s.nfkc().filter(keep).collect()
}

pub fn nfkc(s: &str) -> Cow<'_, str> {
    // Most cells are already in NFKC, or only need full-width forms made
    // ASCII: checking first avoids decomposing and recomposing them, which
    // dominated reading time; text already normal is borrowed, not copied.
    let t = s.trim();
    if t.len() == s.len() && already(s, |_| true) {
        return Cow::Borrowed(s);
    }
    let n = normalised(s, |_| true);
    if n.trim().len() == n.len() {
        Cow::Owned(n)
    } else {
        Cow::Owned(n.trim().to_string())
    }
}

/// A phone cell as `codes::find_phone_numbers` reads it: NFKC, except for
/// the full-width hyphens and brackets, which systems that dial or match
/// numbers do not read as `-`, `(` and `)`: a number written with them is
/// a finding NFKC would hide.
pub fn phone_text(raw: &str) -> String {
    nfkc_except(raw, &['－', '﹣', '（', '）'])
}

/// NFKC of `s` (not trimmed) except for the characters in `keep`, which
/// stay as written.
fn nfkc_except(s: &str, keep: &[char]) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find(|c| keep.contains(&c)) {
        out.push_str(&normalised(&rest[..at], |_| true));
        let c = rest[at..].chars().next().unwrap_or_default();
        out.push(c);
        rest = &rest[at + c.len_utf8()..];
    }
    out.push_str(&normalised(rest, |_| true));
    out
}

/// Whether NFKC leaves `s` as it is and `keep` keeps every character: ASCII
/// is checked a byte at a time, other text a character at a time.
fn already(s: &str, keep: impl Fn(char) -> bool) -> bool {
    if s.is_ascii() {
        return s.bytes().all(|b| keep(b as char));
    }
    s.chars().all(|c| stable(c) && keep(c))
}

fn invisible(c: char) -> bool {
    c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}'
}

/// NFKC and remove all whitespace (including the ideographic space and line
/// breaks). Used for codes and for comparing short labels. Borrowed when
/// the text has nothing to change (most cells).
pub fn compact(s: &str) -> Cow<'_, str> {
    if already(s, |c| !invisible(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(normalised(s, |c| !invisible(*c)))
}

/// Whether `compact(s) == c` for a `c` already compact, without making
/// `compact(s)` when the first characters tell: a character NFKC keeps
/// (ASCII, a CJK ideograph) stays first or, with marks after it, becomes
/// one NFKC does not keep — never another character NFKC keeps.
pub fn compact_eq(s: &str, c: &str) -> bool {
    if s == c {
        return true;
    }
    let Some(first) = s.chars().find(|ch| !invisible(*ch)) else {
        return c.is_empty();
    };
    match c.chars().next() {
        Some(x) if stable(first) && stable(x) && x != first => false,
        _ => compact(s) == c,
    }
}

/// The first character of `s` that is not whitespace, when NFKC keeps it
/// (so it is also the first character of `compact(s)`, or of no form of
/// `s` at all): a cheap test before making the compact form.
pub fn first_kept(s: &str) -> Option<char> {
    s.chars()
        .find(|ch| !invisible(*ch))
        .filter(|ch| stable(*ch))
}

/// Normalise a header cell for matching: compact, drop required markers
/// (`*`, `★`, `※`), drop a leading numbering such as `1.` or `一、`, and
/// remove any parenthesised suffix that is a marker or unit such as
/// `(必填)` or `(工作日)`. Returns the candidates to try, most specific first.
pub fn header_keys(s: &str) -> Vec<String> {
    let mut c = compact(s).into_owned();
    c = c
        .trim_matches(|ch| matches!(ch, '*' | '★' | '※' | '☆' | '#' | ':'))
        .to_string();
    c = strip_numbering(&c);
    c = c
        .trim_matches(|ch| matches!(ch, '*' | '★' | '※' | '☆'))
        .to_string();
    let mut keys = vec![c.clone()];
    // Drop trailing parenthesised groups one at a time: 法定办结时限(工作日)(必填)
    let mut cur = c;
    while let Some(stripped) = strip_trailing_group(&cur) {
        let s = stripped.trim_end_matches(['*', '★', '※']).to_string();
        if s.is_empty() {
            break;
        }
        keys.push(s.clone());
        cur = s;
    }
    // A leading group such as "(必填)事项名称"
    if let Some(rest) = strip_leading_group(&keys[0]) {
        keys.push(rest);
    }
    keys.dedup();
    keys
}

fn strip_numbering(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len()
        && (chars[i].is_ascii_digit() || "一二三四五六七八九十".contains(chars[i]))
    {
        i += 1;
    }
    if i > 0 && i < chars.len() && matches!(chars[i], '.' | '、' | ')' | '．') {
        return chars[i + 1..].iter().collect();
    }
    s.to_string()
}

fn strip_trailing_group(s: &str) -> Option<String> {
    let s = s.trim_end();
    let close = s.chars().last()?;
    let open = match close {
        ')' => '(',
        ']' => '[',
        '】' => '【',
        '>' => '<',
        _ => return None,
    };
    let idx = s.rfind(open)?;
    Some(s[..idx].to_string())
}

fn strip_leading_group(s: &str) -> Option<String> {
    let first = s.chars().next()?;
    let close = match first {
        '(' => ')',
        '[' => ']',
        '【' => '】',
        _ => return None,
    };
    let idx = s.find(close)?;
    let rest = &s[idx + close.len_utf8()..];
    (!rest.is_empty()).then(|| rest.to_string())
}

/// A control character that has no business in a cell: C0 other than tab,
/// line feed and carriage return, DEL, and C1. XML 1.0 forbids the C0 ones,
/// so an exchange file or a Word document cannot carry them.
pub fn is_stray_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// `s` with every stray control character shown as `\u{1b}`, so text from a
/// cell cannot move a terminal's cursor, clear its screen or hide a line.
pub fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_stray_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if is_stray_control(c) {
                    format!("\\u{{{:x}}}", c as u32)
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// `s` with every stray control character replaced by U+FFFD, for pages
/// and documents (where showing `\u{1b}` would be noise).
pub fn without_controls(s: &str) -> Cow<'_, str> {
    replace_chars(s, is_stray_control)
}

/// `s` with the characters `bad` names replaced by U+FFFD (borrowed when
/// there are none).
fn replace_chars(s: &str, bad: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(&bad) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if bad(c) { '\u{FFFD}' } else { c })
            .collect(),
    )
}

/// `s` with every character XML 1.0 forbids replaced by U+FFFD, for Word
/// documents and other XML.
pub fn xml_safe(s: &str) -> Cow<'_, str> {
    replace_chars(
        s,
        |c| matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}'),
    )
}

/// Normalise free text for comparison: NFKC, no whitespace, and Chinese and
/// ASCII punctuation folded to one form, so `《中华人民共和国建筑法》 第七条`
/// and `《中华人民共和国建筑法》第七条。` compare equal.
pub fn comparable(s: &str) -> String {
    compact(s)
        .chars()
        .map(|c| match c {
            '“' | '”' | '„' | '‟' | '"' | '\'' | '‘' | '’' => '"',
            '〔' | '［' | '【' => '[',
            '〕' | '］' | '】' => ']',
            ';' => '；',
            ',' => '，',
            ':' => '：',
            '、' => '、',
            c => c,
        })
        .collect::<String>()
        .trim_end_matches(['。', '.', '；', '，'])
        .to_string()
}

/// Parse a non-negative integer written with ASCII or Chinese numerals
/// (`20`, `二十`, `十五`, `一百二十`). Full-width digits must already be
/// NFKC-normalised.
pub fn parse_count(s: &str) -> Option<i64> {
    if s.is_empty() {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok().filter(|n: &i64| *n < 1_000_000_000);
    }
    // x.0 from spreadsheets that store integers as floats
    if let Some(int) = s.strip_suffix(".0") {
        if !int.is_empty() && int.bytes().all(|b| b.is_ascii_digit()) {
            return int.parse().ok();
        }
    }
    parse_chinese_number(s)
}

fn parse_chinese_number(s: &str) -> Option<i64> {
    let digit = |c: char| -> Option<i64> {
        Some(match c {
            '零' | '〇' => 0,
            '一' | '壹' => 1,
            '二' | '两' | '贰' => 2,
            '三' | '叁' => 3,
            '四' | '肆' => 4,
            '五' | '伍' => 5,
            '六' | '陆' => 6,
            '七' | '柒' => 7,
            '八' | '捌' => 8,
            '九' | '玖' => 9,
            _ => return None,
        })
    };
    let mut total = 0i64;
    let mut current: Option<i64> = None;
    let mut any = false;
    for c in s.chars() {
        if let Some(d) = digit(c) {
            current = Some(d);
            any = true;
            continue;
        }
        let unit = match c {
            '十' | '拾' => 10,
            '百' | '佰' => 100,
            '千' | '仟' => 1000,
            _ => return None,
        };
        any = true;
        total += current.unwrap_or(1) * unit;
        current = None;
    }
    any.then(|| total + current.unwrap_or(0))
}

/// One run of a character-level diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DiffOp {
    Equal,
    Delete,
    Insert,
}

/// A character-level diff of two texts (after NFKC), grouped into runs of
/// the same operation: suitable for Chinese, which has no word boundaries.
pub fn diff_runs(old: &str, new: &str) -> Vec<(DiffOp, String)> {
    use similar::{ChangeTag, TextDiff};
    let a = nfkc(old);
    let b = nfkc(new);
    let diff = TextDiff::configure()
        .algorithm(similar::Algorithm::Patience)
        .diff_chars(&a, &b);
    let mut runs: Vec<(DiffOp, String)> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => DiffOp::Equal,
            ChangeTag::Delete => DiffOp::Delete,
            ChangeTag::Insert => DiffOp::Insert,
        };
        match runs.last_mut() {
            Some((last, text)) if *last == op => text.push_str(change.value()),
            _ => runs.push((op, change.value().to_string())),
        }
    }
    runs
}

/// A short description of how `new` differs from `old`, for messages:
/// `…context[-deleted][+inserted]context…`, long equal runs trimmed.
pub fn short_diff(old: &str, new: &str) -> String {
    let runs = diff_runs(old, new);
    let n = runs.len();
    let mut out = String::new();
    for (i, (op, text)) in runs.iter().enumerate() {
        match op {
            DiffOp::Delete => out.push_str(&format!("[-{text}]")),
            DiffOp::Insert => out.push_str(&format!("[+{text}]")),
            DiffOp::Equal => {
                let chars: Vec<char> = text.chars().collect();
                let keep = 6;
                let head = if i + 1 < n { keep } else { 0 };
                let tail = if i > 0 { keep } else { 0 };
                if chars.len() <= head + tail + 1 {
                    out.push_str(text);
                    continue;
                }
                if i > 0 {
                    out.extend(&chars[..keep.min(chars.len())]);
                }
                out.push('…');
                if i + 1 < n {
                    out.extend(&chars[chars.len() - keep..]);
                }
            }
        }
    }
    out
}

/// At most `max` bytes of `text` (cut at a character boundary), with `…`
/// where it was cut.
pub fn clip(text: &str, max: usize) -> Cow<'_, str> {
    match cut_point(text, max) {
        None => Cow::Borrowed(text),
        Some(end) => Cow::Owned(format!("{}…", &text[..end])),
    }
}

/// Where `text` must be cut to hold at most `max` bytes: the last
/// character boundary within them; none when it fits.
pub fn cut_point(text: &str, max: usize) -> Option<usize> {
    if text.len() <= max {
        return None;
    }
    (0..=max).rev().find(|&i| text.is_char_boundary(i))
}

/// `s` cut to fit `width` display columns (a Chinese character is two),
/// an ellipsis taking the last one where anything was cut.
pub fn cut_to_width(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        w += c.width().unwrap_or(0);
        if w + 1 > width {
            out.push('…');
            return out;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn phone_text_keeps_what_nfkc_would_hide() {
        assert_eq!(phone_text("０５１１－８６０５８８８７"), "0511－86058887");
        assert_eq!(phone_text("（0511)-8681　2395"), "（0511)-8681 2395");
        assert_eq!(phone_text("电话：0511﹣1"), "电话:0511﹣1");
    }

    #[test]
    fn the_simple_path_normalises_as_the_library_does() {
        let samples = [
            "食品经营许可（县级）：１２３，ＡＢＣ　审批",
            "《中华人民共和国食品安全法》第三十五条；",
            "Ⅳ类 ① ㈠ ﹙半角﹚ ｶﾀｶﾅ",
            "e\u{301} A\u{30A} Ａ\u{301}",
            "\u{FF5F}\u{FF60}\u{FFE5}",
            "  前后空格  ",
            "",
        ];
        for s in samples {
            let lib: String = s.nfkc().collect();
            assert_eq!(nfkc(s), lib.trim(), "{s}");
            let lib_compact: String = lib.chars().filter(|c| !invisible(*c)).collect();
            assert_eq!(compact(s), lib_compact, "{s}");
        }
        // every full-width ASCII form and the ideographic space
        for c in ('\u{FF01}'..='\u{FF5E}').chain(['\u{3000}']) {
            let lib: String = c.to_string().nfkc().collect();
            assert_eq!(simple_nfkc(c).map(String::from), Some(lib), "{c}");
        }
    }

    use super::*;

    /// `compact_eq` says what comparing the compact form says, on the
    /// cells its first-character test could misjudge.
    #[test]
    fn compact_eq_agrees_with_compact() {
        let cells = [
            "材料名称",
            " 材料名称 ",
            "材料\n名称",
            "\u{3000}材料名称",
            "ＡＢＣ",
            "ABC",
            "e\u{301}tat",
            "\u{e9}tat",
            "Ⅳ级",
            "IV级",
            "",
            " \u{200b}",
            "营业执照",
            "（必填）",
            "(必填)",
        ];
        for s in cells {
            for c in cells {
                let c = compact(c);
                assert_eq!(compact_eq(s, &c), compact(s) == c, "{s:?} vs {c:?}");
            }
        }
        assert!(compact_eq("e\u{301}tat", "\u{e9}tat"));
        assert!(!compact_eq("营业执照", "材料名称"));
        assert_eq!(first_kept(" 必填"), Some('必'));
        assert_eq!(first_kept("（必填）"), None);
    }

    #[test]
    fn clip_cuts_long_text_at_a_character() {
        assert_eq!(clip("许可", 6), "许可");
        assert_eq!(clip("许可证", 7), "许可…");
        assert_eq!(clip("abc", 2), "ab…");
    }

    #[test]
    fn headers_normalise() {
        assert_eq!(header_keys("事项\n名称")[0], "事项名称");
        assert_eq!(header_keys(" *事项名称 ")[0], "事项名称");
        assert!(header_keys("法定办结时限（工作日）").contains(&"法定办结时限".to_string()));
        assert!(header_keys("事项名称（必填）*").contains(&"事项名称".to_string()));
        assert!(header_keys("1.事项名称").contains(&"事项名称".to_string()));
        assert!(header_keys("三、受理条件").contains(&"受理条件".to_string()));
        assert!(header_keys("【必填】事项名称").contains(&"事项名称".to_string()));
        assert_eq!(header_keys("ＴＡＳＫ＿ＮＡＭＥ")[0], "TASK_NAME");
        // a label that itself ends in brackets stays matchable in full
        assert_eq!(header_keys("镇（乡、街道）级")[0], "镇(乡、街道)级");
    }

    #[test]
    fn quick_path_agrees_with_full_normalisation() {
        for s in [
            "事项名称",
            " ＡＢＣ１２３ ",
            "镇（乡、街道）级",
            "Ⅳ级",
            "a\u{3000}b",
            "０７７７－８２１２３４５",
            "café",
            "e\u{301}",
            "《法》第一条：“是”…",
            "豈",
        ] {
            assert_eq!(nfkc(s), s.nfkc().collect::<String>().trim(), "{s}");
            let full: String = s.nfkc().filter(|c| !invisible(*c)).collect();
            assert_eq!(compact(s), full, "{s}");
        }
    }

    #[test]
    fn counts() {
        assert_eq!(parse_count("20"), Some(20));
        assert_eq!(parse_count("20.0"), Some(20));
        assert_eq!(parse_count("二十"), Some(20));
        assert_eq!(parse_count("十五"), Some(15));
        assert_eq!(parse_count("一百二十"), Some(120));
        assert_eq!(parse_count("三"), Some(3));
        assert_eq!(parse_count("二十个"), None);
        assert_eq!(parse_count(""), None);
        assert_eq!(parse_count(&nfkc("２０")), Some(20));
    }

    #[test]
    fn diffs_group_into_runs() {
        let runs = diff_runs("第三十五条规定", "第三十六条规定");
        assert_eq!(
            runs,
            vec![
                (DiffOp::Equal, "第三十".to_string()),
                (DiffOp::Delete, "五".to_string()),
                (DiffOp::Insert, "六".to_string()),
                (DiffOp::Equal, "条规定".to_string()),
            ]
        );
        assert_eq!(
            short_diff("第三十五条规定", "第三十六条规定"),
            "第三十[-五][+六]条规定"
        );
        let long = "《中华人民共和国食品安全法》第三十五条：国家对食品生产经营实行许可制度。";
        let d = short_diff(long, &long.replace("三十五", "三十六"));
        assert!(
            d.starts_with('…') && d.contains("[-五][+六]") && d.ends_with('…'),
            "{d}"
        );
    }

    #[test]
    fn control_characters_are_shown_or_replaced() {
        assert_eq!(printable("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(printable("第一行\n第二行\t"), "第一行\n第二行\t");
        assert_eq!(printable("\u{85}"), "\\u{85}");
        assert_eq!(xml_safe("a\u{0}b\u{c}"), "a\u{FFFD}b\u{FFFD}");
        assert_eq!(xml_safe("正常\n文本"), "正常\n文本");
        assert!(is_stray_control('\u{7f}') && !is_stray_control('\n'));
    }

    #[test]
    fn comparable_text() {
        assert_eq!(
            comparable("《中华人民共和国建筑法》 第七条。"),
            comparable("《中华人民共和国建筑法》第七条")
        );
        assert_ne!(comparable("第七条"), comparable("第八条"));
    }
}
