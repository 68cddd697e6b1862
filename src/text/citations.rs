//! 设定依据 as citations: the laws a legal basis cites, each with its 文号
//! and articles, as lists write them.
//!
//! A cell may cite several laws in one run of text, marked (【法律】
//! 【行政法规】), numbered (`1.` `（二）`) or only separated by punctuation;
//! a law's 文号 stands right after its title, in brackets or not
//! (`（国务院令第311号）`, `国务院令第311号`, `(2004年6月29日国务院令第412号)`);
//! its articles follow as references (`第五条第二款`, `第十二条、第十五条`,
//! `第24条`) and then, often, their full text. A title quoted inside that
//! text (`依照《某办法》办理`) is part of it, not a new citation.

use std::sync::OnceLock;

/// One law cited, as written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Citation {
    /// The title with its marks: `《中华人民共和国行政许可法》`; none for a
    /// cell that names no title.
    pub title: Option<String>,
    /// Its 文号 (`国务院令第311号`, `国发〔2017〕46号`), when given beside it.
    pub number: Option<String>,
    /// The articles cited: `第五条第二款`, in order.
    pub articles: Vec<String>,
    /// The quoted text of the articles, or the whole cell when it cites
    /// no title.
    pub text: Option<String>,
}

/// At most the first `n` bytes of `s`, cut at a character boundary.
fn head(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn re(cell: &'static OnceLock<regex::Regex>, pattern: &str) -> &'static regex::Regex {
    cell.get_or_init(|| regex::Regex::new(pattern).expect("valid regex"))
}

/// The numerals articles are numbered with.
const NUM: &str = "[0-9０-９一二三四五六七八九十百千零〇两]+";

/// An article reference at the start of the text: 第X条(之一)(第Y款)(第(Z)项).
fn article_at(s: &str) -> Option<regex::Match<'_>> {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let pattern = format!(r"^第{NUM}条(之{NUM})?(第{NUM}款)?(第[(（]?{NUM}[)）]?项)?(第{NUM}目)?");
    re(&RE, &pattern).find(s)
}

/// A 文号 anywhere in `s`.
fn number_in(s: &str) -> Option<String> {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    re(
        &RE,
        r"[\p{Han}]{1,12}[〔\[［(（]\d{4}[〕\]］)）]第?\d+号|(国务院|主席|[\p{Han}]{1,10}部|[\p{Han}]{1,10}局|[\p{Han}]{1,10}委员会|[\p{Han}]{1,10}总局)?令(第|〔\d{4}〕)?[\d一二三四五六七八九十百零〇]+号",
    )
    .find(s)
    .map(|m| m.as_str().to_string())
}

/// `s` without what leads into a citation at its end: whitespace, a
/// marker (`【法律】`) and an enumerator made of digits and `also`
/// (`.．、`, and, for looking back, `（二）`).
fn trim_lead_in<'s>(mut s: &'s str, also: &str) -> &'s str {
    loop {
        let t = s.trim_end();
        let t = t
            .strip_suffix('】')
            .and_then(|x| x.rfind('【').map(|p| &x[..p]))
            .unwrap_or(t);
        let t = t.trim_end_matches(|c: char| {
            c.is_whitespace()
                || c.is_ascii_digit()
                || "０１２３４５６７８９.．、".contains(c)
                || also.contains(c)
        });
        if t.len() == s.len() {
            return s;
        }
        s = t;
    }
}

/// The character just before byte `at`, looking back over whitespace,
/// an enumerator (`2.` `（二）` `3、`) and a marker (`【法律】`): none at
/// the start of the text.
fn before(text: &str, at: usize) -> Option<char> {
    trim_lead_in(&text[..at], "一二三四五六七八九十()（）")
        .chars()
        .last()
}

/// Whether a marker (`【法律】`) or a break (`；` `。` a new line) comes
/// right before byte `at`, or nothing does.
fn strong_break(text: &str, at: usize) -> bool {
    let head = text[..at].trim_end();
    if head.ends_with('】') {
        return true;
    }
    before(text, at).is_none_or(|c| "；;。\n".contains(c))
}

/// Whether a title at byte `at`, ending at `end`, starts a new citation:
/// after a break or marker; or after other punctuation (not a comma or an
/// enumeration mark) when its 文号 or an article follows it, as a law cited
/// in a run of text is written.
fn starts_citation(text: &str, at: usize, end: usize) -> bool {
    if strong_break(text, at) {
        return true;
    }
    let Some(c) = before(text, at) else {
        return true;
    };
    if c.is_alphanumeric() || "，,、和及与或".contains(c) {
        return false;
    }
    let rest = text[end..].trim_start();
    let rest = rest.strip_prefix(['(', '（']).unwrap_or(rest);
    article_at(rest).is_some()
        || number_in(head(rest, 60)).is_some_and(|n| rest.find(&n).is_some_and(|p| p < 30))
}

/// The citations of a legal basis, in order.
pub fn parse(text: &str) -> Vec<Citation> {
    let text = text.trim();
    let mut starts: Vec<(usize, usize)> = Vec::new();
    let mut from = 0;
    while let Some(p) = text[from..].find('《') {
        let at = from + p;
        let Some(q) = text[at..].find('》') else {
            break;
        };
        let end = at + q + '》'.len_utf8();
        if starts.is_empty() || starts_citation(text, at, end) {
            starts.push((at, end));
        }
        from = end;
    }
    if starts.is_empty() {
        return if text.is_empty() {
            Vec::new()
        } else {
            vec![Citation {
                text: Some(text.to_string()),
                ..Citation::default()
            }]
        };
    }
    let mut out = Vec::new();
    // text before the first title (a heading such as 设定依据：) is dropped
    for (k, &(at, end)) in starts.iter().enumerate() {
        // the next citation's marker and enumerator belong to it (not
        // brackets: they may close this one's 文号)
        let stop = starts.get(k + 1).map_or(text.len(), |&(next, _)| {
            trim_lead_in(&text[..next], "").len()
        });
        out.push(one(&text[at..stop.max(end)], end - at));
    }
    out
}

/// One citation: the title (its first `title_len` bytes), then its 文号,
/// articles and text.
fn one(s: &str, title_len: usize) -> Citation {
    let title = s[..title_len].to_string();
    let mut rest = s[title_len..].trim_start();
    let mut number = None;
    // a bracketed group right after the title: its 文号 (or date and 文号)
    if let Some(inner) = rest.strip_prefix(['(', '（']) {
        if let Some(close) = inner.find([')', '）']) {
            let group = &inner[..close];
            if let Some(n) = number_in(group) {
                number = Some(n);
                rest = inner[close..].trim_start_matches([')', '）']).trim_start();
            }
        }
    } else if let Some(n) = number_in(head(rest, 80)).filter(|n| rest.starts_with(n.as_str())) {
        rest = rest[n.len()..].trim_start();
        number = Some(n);
    }
    let mut articles = Vec::new();
    loop {
        let r = rest.trim_start_matches(['、', '，', ',', '和', '及', ' ', '　']);
        let Some(m) = article_at(r) else { break };
        articles.push(m.as_str().to_string());
        rest = &r[m.end()..];
    }
    let text = rest
        .trim_start_matches([':', '：', ' ', '　', '，', ',', '“', '"'])
        .trim()
        .trim_end_matches(['；', ';'])
        .trim();
    Citation {
        title: Some(title),
        number,
        articles,
        text: (!text.is_empty()).then(|| text.to_string()),
    }
}

/// A title as laws are compared: the name inside 《》, NFKC, without
/// whitespace, punctuation or the country's name (《行政许可法》 is
/// 《中华人民共和国行政许可法》).
pub fn law_key(title: &str) -> String {
    let c = super::comparable(title);
    let c = c.trim_start_matches('《').trim_end_matches('》');
    c.strip_prefix("中华人民共和国").unwrap_or(c).to_string()
}

/// An article reference as compared: its numerals as digits (第二十四条 and
/// 第24条 are one article), brackets dropped.
pub fn article_key(a: &str) -> String {
    let nfkc = super::compact(a);
    let mut out = String::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if !run.is_empty() {
            out.push_str(&chinese_number(run).map_or_else(|| run.clone(), |n| n.to_string()));
            run.clear();
        }
    };
    for c in nfkc.chars() {
        if c.is_ascii_digit() || "一二三四五六七八九十百千零〇两".contains(c) {
            run.push(c);
        } else if !matches!(c, '(' | ')') {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// A number in digits or Chinese numerals (一百二十二, 二十, 十五, 122).
fn chinese_number(s: &str) -> Option<u64> {
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    let digit = |c: char| {
        "零一二三四五六七八九"
            .find(c)
            .map(|p| (p / 3) as u64)
            .or(match c {
                '〇' => Some(0),
                '两' => Some(2),
                _ => None,
            })
    };
    let (mut total, mut current) = (0u64, 0u64);
    for c in s.chars() {
        if let Some(d) = digit(c) {
            current = d;
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => return None,
        };
        total += current.max(if unit == 10 { 1 } else { 0 }) * unit;
        current = 0;
    }
    Some(total + current)
}

/// How a legal basis departs from the one expected, law by law.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BasisChange {
    /// Laws expected and not cited (titles as the expected text writes them).
    pub missing: Vec<String>,
    /// Laws cited and not expected.
    pub extra: Vec<String>,
    /// Laws both cite whose articles differ: (title, expected, cited).
    pub articles: Vec<(String, Vec<String>, Vec<String>)>,
}

impl BasisChange {
    pub fn is_empty(&self) -> bool {
        self.missing.is_empty() && self.extra.is_empty() && self.articles.is_empty()
    }
}

/// The laws and articles `found` cites against those `expected` cites:
/// none when they are the same (whatever the punctuation, bracket widths,
/// numerals, 文号 or quoted text). An article list is compared only when
/// both sides give one. Texts that cite no title compare as text.
pub fn compare(expected: &str, found: &str) -> Option<BasisChange> {
    let (e, f) = (parse(expected), parse(found));
    let titled = |c: &[Citation]| c.iter().any(|x| x.title.is_some());
    if !titled(&e) || !titled(&f) {
        let same = super::comparable(expected) == super::comparable(found);
        return (!same).then(BasisChange::default);
    }
    let laws = |c: &[Citation]| -> Vec<(String, String, Vec<String>)> {
        let mut out: Vec<(String, String, Vec<String>)> = Vec::new();
        for x in c {
            let Some(t) = &x.title else { continue };
            let key = law_key(t);
            match out.iter_mut().find(|(k, ..)| *k == key) {
                Some((_, _, a)) => a.extend(x.articles.iter().cloned()),
                None => out.push((key, t.clone(), x.articles.clone())),
            }
        }
        out
    };
    let (e, f) = (laws(&e), laws(&f));
    let mut change = BasisChange::default();
    for (key, title, articles) in &e {
        match f.iter().find(|(k, ..)| k == key) {
            None => change.missing.push(title.clone()),
            Some((_, _, cited)) => {
                let keys = |a: &[String]| -> std::collections::BTreeSet<String> {
                    a.iter().map(|x| article_key(x)).collect()
                };
                if !articles.is_empty() && !cited.is_empty() && keys(articles) != keys(cited) {
                    change
                        .articles
                        .push((title.clone(), articles.clone(), cited.clone()));
                }
            }
        }
    }
    for (key, title, _) in &f {
        if !e.iter().any(|(k, ..)| k == key) {
            change.extra.push(title.clone());
        }
    }
    (!change.is_empty()).then_some(change)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(c: &[Citation]) -> Vec<&str> {
        c.iter().filter_map(|x| x.title.as_deref()).collect()
    }

    #[test]
    fn several_laws_in_one_cell_each_with_its_own_number() {
        let c = parse("《中华人民共和国中外合作经营企业法》第五条：合作企业应当依照本法报批。《中华人民共和国中外合作经营企业法实施细则》（国务院令第311号）第六条第一款：申请设立合作企业，应当报送下列文件。");
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[0].number, None);
        assert_eq!(c[0].articles, ["第五条"]);
        assert_eq!(c[0].text.as_deref(), Some("合作企业应当依照本法报批。"));
        assert_eq!(c[1].number.as_deref(), Some("国务院令第311号"));
        assert_eq!(c[1].articles, ["第六条第一款"]);
    }

    #[test]
    fn markers_enumerators_and_numbers_with_or_without_brackets() {
        let c = parse("【法律】《中华人民共和国行政许可法》第十二条、第十五条 下列事项可以设定行政许可……\n【行政法规】《公共场所卫生管理条例》国务院令第666号第八条：除公园……");
        assert_eq!(
            titles(&c),
            ["《中华人民共和国行政许可法》", "《公共场所卫生管理条例》"]
        );
        assert_eq!(c[0].articles, ["第十二条", "第十五条"]);
        assert_eq!(c[0].text.as_deref(), Some("下列事项可以设定行政许可……"));
        assert_eq!(c[1].number.as_deref(), Some("国务院令第666号"));
        assert_eq!(c[1].articles, ["第八条"]);
        let c = parse("1.《国务院对确需保留的行政审批项目设定行政许可的决定》(2004年6月29日国务院令第412号)第350项；2.《出版管理条例》第三十七条");
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[0].number.as_deref(), Some("国务院令第412号"));
        assert_eq!(c[0].text.as_deref(), Some("第350项"));
        assert_eq!(c[1].articles, ["第三十七条"]);
        let c = parse("《国务院关于取消一批行政许可事项的决定》（国发〔2017〕46号）");
        assert_eq!(c[0].number.as_deref(), Some("国发〔2017〕46号"));
    }

    #[test]
    fn a_title_quoted_in_the_text_is_not_a_citation() {
        let c = parse("《某条例》第三条：依照《某办法》办理，并符合《某规定》和《某标准》。");
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(
            c[0].text.as_deref(),
            Some("依照《某办法》办理，并符合《某规定》和《某标准》。")
        );
        // a cell with no title is its text
        assert_eq!(
            parse("国务院决定保留的审批事项")[0].text.as_deref(),
            Some("国务院决定保留的审批事项")
        );
    }

    #[test]
    fn laws_and_articles_compare_not_punctuation() {
        let e = "《中华人民共和国食品安全法》第三十五条：国家对食品生产经营实行许可制度。";
        assert_eq!(
            compare(
                e,
                "《中华人民共和国食品安全法》第35条:国家对食品生产经营实行许可制度"
            ),
            None
        );
        assert_eq!(
            compare(e, "【法律】《食品安全法》（主席令第21号）第三十五条"),
            None
        );
        let c = compare(
            e,
            "《中华人民共和国食品安全法》第三十六条：国家对食品生产经营实行许可制度。",
        )
        .unwrap();
        assert_eq!(c.articles.len(), 1);
        assert_eq!(c.articles[0].1, ["第三十五条"]);
        assert_eq!(c.articles[0].2, ["第三十六条"]);
        let c = compare(e, "《中华人民共和国药品管理法》第三十五条").unwrap();
        assert_eq!(c.missing, ["《中华人民共和国食品安全法》"]);
        assert_eq!(c.extra, ["《中华人民共和国药品管理法》"]);
    }

    #[test]
    fn numerals() {
        for (s, n) in [
            ("一百二十二", 122),
            ("二十", 20),
            ("十五", 15),
            ("十", 10),
            ("三", 3),
            ("122", 122),
            ("一千零一", 1001),
        ] {
            assert_eq!(chinese_number(s), Some(n), "{s}");
        }
        assert_eq!(
            article_key("第一百二十二条第一款"),
            article_key("第122条第1款")
        );
        assert_eq!(article_key("第十条第（三）项"), "第10条第3项");
    }
}
