//! Phone numbers in 咨询方式 / 监督投诉方式 cells, with a model of China's
//! numbering plan.
//!
//! These cells are free text (`咨询电话号码：020-83815010。实施机关咨询网址：…`),
//! so numbers are found inside the text rather than the whole cell parsed.
//! What the plan allows:
//! - fixed lines: a trunk `0` and area code (`010`, `02x`: three digits,
//!   with 8-digit local numbers; the others four, with 7 or 8) and a local
//!   number not starting with 0 or 1, written with any
//!   dash, spaces (`020-8923 2806`), brackets (`(020)`), an international
//!   prefix (`+86`, `0086`, `86 20 …`, `(8620)`) and an extension (`转`,
//!   `-`, `ext`, `分机`);
//! - mobiles: 11 digits `1[3-9]…`;
//! - national service numbers: government hotlines `12xxx` (12345 …),
//!   `95xxx`/`95xxxx` and `96xxx`/`96xxxx`, dialled with or without an area
//!   code (`020-12123`), and 10-digit `400`/`800` numbers.
//!
//! Digit runs of prose — an e-mail address (`12345678@qq.com`), a link, a
//! postcode, a street number, a date — are not numbers. A run that fits no
//! shape is an impossible number only when it is written as a phone (the
//! whole cell, or after 电话/热线/咨询/投诉…). The caller passes NFKC text
//! in which full-width dashes and brackets are kept (`text::phone_text`).

/// A number found in a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber {
    /// The run as written in the cell.
    pub raw: String,
    /// What identifies the line: area code and local number, the mobile,
    /// or the service number alone (`020-12345` is `12345`); without
    /// prefix or extension.
    pub digits: String,
    pub kind: PhoneKind,
    /// A dash that is not a hyphen (－ – — ― − 一 …) inside the number.
    pub dash: Option<char>,
    /// Brackets of two widths around the area code: `（0511)`.
    pub mixed_brackets: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneKind {
    /// Fixed line with its area code.
    Landline,
    /// Mobile number (no area code applies).
    Mobile,
    /// A national service number: 12xxx, 95xxx, 96xxx, 400/800.
    Nationwide,
    /// A 7- or 8-digit local number written without its area code.
    NoAreaCode,
    /// Digits written as a phone number that form no possible number.
    Malformed,
}

/// What is wrong with a phone cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneIssue {
    NoNumber,
    NoAreaCode(String),
    Malformed(String),
}

/// Dashes people type between digits, the full-width `－` and `﹣` among
/// them (`text::phone_text` keeps them). `一` (the numeral one) counts only
/// between digits.
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '﹘' | '﹣' | '－' | '一'
    )
}

fn is_open(c: char) -> bool {
    matches!(c, '(' | '（')
}

fn is_close(c: char) -> bool {
    matches!(c, ')' | '）')
}

/// Words after which a digit run is written as a phone number.
const CUES: [&str; 14] = [
    "电话",
    "热线",
    "手机",
    "座机",
    "号码",
    "咨询",
    "投诉",
    "监督",
    "联系",
    "传真",
    "TEL",
    "Tel",
    "tel",
    "服务台",
];

/// Characters after which a run belongs to something else (an address,
/// a link, an e-mail address, a code).
fn glued_before(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '@' | '.' | '/' | '_' | '=' | '?' | '&' | '%' | '#')
}

/// Characters after which a run was a count, a date or a place.
fn glued_after(c: char) -> bool {
    matches!(
        c,
        '@' | '年'
            | '月'
            | '日'
            | '号'
            | '室'
            | '楼'
            | '栋'
            | '层'
            | '幢'
            | '元'
            | '万'
            | '米'
            | '个'
            | '次'
            | '天'
            | '%'
            | '.'
            | '_'
    )
}

/// A raw run of digits and joiners, with its position in the cell.
struct Run {
    start: usize,
    end: usize,
    text: String,
}

/// Cut the cell into runs: digits joined by dashes, single spaces,
/// brackets, `+` and extension markers.
fn runs(chars: &[char]) -> Vec<Run> {
    let mut out = Vec::new();
    let mut i = 0;
    let digit = |k: usize| chars.get(k).is_some_and(|d| d.is_ascii_digit());
    while i < chars.len() {
        let c = chars[i];
        let opens = is_open(c) || c == '+';
        if !(c.is_ascii_digit() || (opens && (digit(i + 1) || (c == '+' && digit(i + 2))))) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        let mut text = String::new();
        while j < chars.len() {
            let d = chars[j];
            let ext = ["转", "分机", "ext", "EXT", "Ext", "x"]
                .iter()
                .find(|m| {
                    let n = m.chars().count();
                    j > start
                        && chars[j..].iter().take(n).copied().eq(m.chars())
                        && chars
                            .get(j + n)
                            .is_some_and(|x| x.is_ascii_digit() || *x == '.')
                })
                .map(|m| m.chars().count());
            if let Some(n) = ext {
                text.push('x');
                j += n;
                while chars.get(j) == Some(&'.') {
                    j += 1;
                }
                continue;
            }
            let joiner = match d {
                ' ' => {
                    digit(j + 1)
                        && j > start
                        && (chars[j - 1].is_ascii_digit() || is_close(chars[j - 1]))
                }
                '(' | ')' | '（' | '）' | '+' => true,
                '一' => j > start && chars[j - 1].is_ascii_digit() && digit(j + 1),
                _ => is_dash(d) && j > start,
            };
            if d.is_ascii_digit() || j == start || joiner {
                text.push(d);
                j += 1;
            } else {
                break;
            }
        }
        // trim trailing joiners
        let mut end = j;
        while end > start && !chars[end - 1].is_ascii_digit() {
            end -= 1;
            text.pop();
        }
        out.push(Run { start, end, text });
        i = j.max(i + 1);
    }
    out
}

/// A service number: government 12xxx, carriers' and the post's 10xxx and
/// 11xxx (10086, 11183), 95xxx/95xxxx and 96xxx/96xxxx; a menu digit
/// after it (`12345-6`, `020-11183-6`) is read as an extension.
fn is_service(d: &str) -> bool {
    (d.len() == 5 && (d.starts_with("12") || d.starts_with("10") || d.starts_with("11")))
        || ((5..=6).contains(&d.len()) && (d.starts_with("95") || d.starts_with("96")))
}

/// The length of the area code at the start of a trunk-0 number.
fn area_len(d: &str) -> usize {
    if d[1..].starts_with(['1', '2']) {
        3
    } else {
        4
    }
}

/// Classify one run of digit groups.
fn classify(run: &str) -> (PhoneKind, String) {
    // the extension is not part of the number
    let number = run.split('x').next().unwrap_or(run);
    let mut s: String = number
        .chars()
        .map(|c| match c {
            c if is_open(c) => ' ',
            c if is_close(c) => '-',
            c => c,
        })
        .collect();
    // international prefixes: +86, 0086, (86xx), 86 20 …
    let mut international = false;
    for p in ["+86", "0086"] {
        if let Some(rest) = s.trim_start().strip_prefix(p) {
            s = rest.to_string();
            international = true;
            break;
        }
    }
    let mut groups: Vec<String> = s
        .split(|c: char| is_dash(c) || c == ' ' || c == '+')
        .filter(|g| !g.is_empty())
        .map(str::to_string)
        .collect();
    if !international && groups.len() > 1 && groups[0].starts_with("86") {
        let g0 = groups[0].clone();
        if g0 == "86" {
            groups.remove(0);
            international = true;
        } else if (4..=5).contains(&g0.len()) && !groups[1].starts_with('0') {
            // (8620) 81218888: country and area code in one group
            groups[0] = g0[2..].to_string();
            international = true;
        }
    }
    if international {
        if let Some(g) = groups.first_mut() {
            // abroad the trunk 0 is dropped: +86 20 … is 020 …
            if !g.starts_with('1') || g.starts_with("10") {
                g.insert(0, '0');
            }
        }
    }
    let all: String = groups.concat();
    // no number has more than a handful of groups (area, local in two
    // parts, extension): more is not a phone, and is not worth the work
    if groups.is_empty() || groups.len() > 8 || all.len() > 40 {
        return (PhoneKind::Malformed, all);
    }
    // The number is the shortest run of leading groups that forms one; the
    // remaining groups (at most six digits) are an extension.
    let ext_ok = |rest: &[String]| rest.iter().map(String::len).sum::<usize>() <= 6;
    let mut acc = String::new();
    for (k, g) in groups.iter().enumerate() {
        acc.push_str(g);
        let rest = &groups[k + 1..];
        if let Some((kind, digits)) = compact(&acc) {
            if ext_ok(rest) {
                return (kind, digits);
            }
        }
    }
    (
        if all.starts_with('0') || all.len() > 8 || all.len() < 7 {
            PhoneKind::Malformed
        } else {
            PhoneKind::NoAreaCode
        },
        all,
    )
}

/// A whole number from digits only, or none.
fn compact(d: &str) -> Option<(PhoneKind, String)> {
    if d.len() == 11 && d.starts_with('1') && d.as_bytes()[1] >= b'3' {
        return Some((PhoneKind::Mobile, d.to_string()));
    }
    if d.len() == 10 && (d.starts_with("400") || d.starts_with("800")) {
        return Some((PhoneKind::Nationwide, d.to_string()));
    }
    if is_service(d) {
        return Some((PhoneKind::Nationwide, d.to_string()));
    }
    if d.starts_with('0') && d.len() > 4 {
        let (area, local) = d.split_at(area_len(d));
        // the three-digit areas (010, 02x) all have 8-digit local numbers
        let lengths = if area.len() == 3 { 8..=8 } else { 7..=8 };
        if lengths.contains(&local.len()) && !local.starts_with(['0', '1']) {
            return Some((PhoneKind::Landline, d.to_string()));
        }
        // 020-12123: a service number dialled with an area code
        if is_service(local) {
            return Some((PhoneKind::Nationwide, local.to_string()));
        }
    }
    None
}

/// How much of a cell is prose: what is not digits, joiners or the
/// separators of a list of numbers.
fn prose_chars(chars: &[char]) -> usize {
    chars
        .iter()
        .filter(|&&c| {
            !(c.is_whitespace()
                || c.is_ascii_digit()
                || is_dash(c)
                || matches!(
                    c,
                    '；' | ';' | '，' | ',' | '、' | '/' | '。' | '(' | ')' | '（' | '）' | '+'
                ))
        })
        .count()
}

/// Whether a run sits in prose the way a phone number is written: the
/// cell is little else, or a cue word comes just before it.
fn written_as_phone(chars: &[char], prose: usize, run: &Run) -> bool {
    if prose <= 2 {
        return true;
    }
    let before: String = chars[run.start.saturating_sub(8)..run.start]
        .iter()
        .collect();
    CUES.iter().any(|c| before.contains(c))
}

/// Find the numbers in a cell.
pub fn find_phone_numbers(text: &str) -> Vec<PhoneNumber> {
    let chars: Vec<char> = text.chars().collect();
    let prose = prose_chars(&chars);
    let mut out = Vec::new();
    for run in runs(&chars) {
        let digits = run.text.chars().filter(char::is_ascii_digit).count();
        if digits < 5 {
            continue;
        }
        let glued = (run.start > 0 && glued_before(chars[run.start - 1]))
            || chars.get(run.end).is_some_and(|&c| glued_after(c));
        let before: String = chars[run.start.saturating_sub(5)..run.start]
            .iter()
            .collect();
        let postcode = digits == 6 && (before.contains("邮编") || before.contains("邮政编码"));
        let (kind, number) = classify(&run.text);
        let valid = !matches!(kind, PhoneKind::Malformed | PhoneKind::NoAreaCode);
        if postcode || (glued && !valid) {
            continue;
        }
        if !valid && !written_as_phone(&chars, prose, &run) {
            continue;
        }
        let dash = run.text.chars().find(|&c| is_dash(c) && c != '-');
        let wide = run.text.contains(['（', '）']);
        let narrow = run.text.contains(['(', ')']);
        out.push(PhoneNumber {
            raw: run.text,
            digits: number,
            kind,
            dash,
            mixed_brackets: wide && narrow,
        });
    }
    out
}

/// Check a phone cell: at least one number, every number one that can be
/// dialled from elsewhere (area code, mobile or national service number).
pub fn check_phone_cell(text: &str) -> Result<Vec<PhoneNumber>, PhoneIssue> {
    let nums = find_phone_numbers(text);
    check_phone_numbers(&nums)?;
    Ok(nums)
}

/// [`check_phone_cell`] of the numbers [`find_phone_numbers`] found.
pub fn check_phone_numbers(nums: &[PhoneNumber]) -> Result<(), PhoneIssue> {
    if nums.is_empty() {
        return Err(PhoneIssue::NoNumber);
    }
    // "0777-8212345、8212346": a number after a landline in the same cell
    // shares its area code.
    let mut area_given = false;
    for n in nums {
        match n.kind {
            PhoneKind::Landline => area_given = true,
            PhoneKind::NoAreaCode if area_given => {}
            PhoneKind::NoAreaCode => return Err(PhoneIssue::NoAreaCode(n.raw.clone())),
            PhoneKind::Malformed => return Err(PhoneIssue::Malformed(n.raw.clone())),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(t: &str) -> Vec<PhoneKind> {
        find_phone_numbers(t).into_iter().map(|n| n.kind).collect()
    }

    fn one(t: &str) -> PhoneNumber {
        let n = check_phone_cell(t).unwrap_or_else(|e| panic!("{t}: {e:?}"));
        assert_eq!(n.len(), 1, "{t}: {n:?}");
        n.into_iter().next().unwrap()
    }

    #[test]
    fn fixed_lines_as_people_write_them() {
        for (t, digits) in [
            ("0775-2345678", "07752345678"),
            ("0775—2345678", "07752345678"),
            ("0775–2345678", "07752345678"),
            ("0775 2345678", "07752345678"),
            ("(0775)2345678", "07752345678"),
            ("(0775)62345678", "077562345678"),
            ("07752345678", "07752345678"),
            ("010-62345678", "01062345678"),
            ("+86-775-2345678", "07752345678"),
            ("+86 20 87512631", "02087512631"),
            ("86 20 87512631", "02087512631"),
            ("(8620) 81218888", "02081218888"),
            ("0086-20-81218888", "02081218888"),
            ("020-8923 2806", "02089232806"),
            ("0775-2345678-801", "07752345678"),
            ("020-83827812-12345", "02083827812"),
            ("020-83827812转123", "02083827812"),
            ("020-83827812 ext.123", "02083827812"),
        ] {
            let n = one(t);
            assert_eq!(
                (n.kind, n.digits.as_str()),
                (PhoneKind::Landline, digits),
                "{t}"
            );
        }
    }

    #[test]
    fn national_service_numbers_with_or_without_an_area_code() {
        for (t, digits) in [
            ("12345", "12345"),
            ("020-12345", "12345"),
            ("020-12123", "12123"),
            ("020-95598", "95598"),
            ("020-95086", "95086"),
            ("0775-12345", "12345"),
            ("95588", "95588"),
            ("020-11183-6", "11183"),
            ("10086", "10086"),
            ("12345-6", "12345"),
            ("4008123123", "4008123123"),
            ("400-812-3123", "4008123123"),
        ] {
            let n = one(t);
            assert_eq!(
                (n.kind, n.digits.as_str()),
                (PhoneKind::Nationwide, digits),
                "{t}"
            );
        }
        assert_eq!(one("13800138000").kind, PhoneKind::Mobile);
    }

    #[test]
    fn several_numbers_and_prose() {
        let t = "窗口咨询：0775-2345678；电话咨询：13800138000，全国热线4008123123";
        assert_eq!(
            kinds(t),
            vec![
                PhoneKind::Landline,
                PhoneKind::Mobile,
                PhoneKind::Nationwide
            ]
        );
        assert_eq!(kinds("020-37288891；020-37288892").len(), 2);
        // numbers inside prose are found; digits of other things are not
        let t =
            "咨询电话号码：020-83815010。实施机关咨询网址：http://www.gd.gov.cn/a/12345678.html";
        assert_eq!(kinds(t), vec![PhoneKind::Landline]);
        assert_eq!(
            kinds("邮箱：123456789@qq.com，电话：020-83815010"),
            vec![PhoneKind::Landline]
        );
        assert_eq!(
            kinds("广州市天河区天河路123456号，邮编510630，电话020-83815010"),
            vec![PhoneKind::Landline]
        );
        // office hours are not phone numbers
        assert!(find_phone_numbers("工作日9:00-12:00").is_empty());
        assert!(find_phone_numbers("2023年10月1日起").is_empty());
    }

    #[test]
    fn a_dash_that_is_not_a_hyphen_is_noted() {
        assert_eq!(one("020-12333–9").dash, Some('–'));
        assert_eq!(one("0775—2345678").dash, Some('—'));
        assert_eq!(one("0775一2345678").dash, Some('一'));
        assert_eq!(one("0775-2345678").dash, None);
        // NFKC would make these ASCII: text::phone_text keeps them to be noted
        assert_eq!(one("0511－86058887").dash, Some('－'));
        assert_eq!(one("0511﹣86058887").dash, Some('﹣'));
        let n = one("（0511)-86812395");
        assert!(n.mixed_brackets, "{n:?}");
        assert_eq!(n.raw, "（0511)-86812395");
        assert_eq!(n.digits, "051186812395");
        for t in ["（0511）86812395", "(0511)86812395", "（0511）-86812395"] {
            assert!(!one(t).mixed_brackets, "{t}");
        }
    }

    #[test]
    fn long_cells_are_read_in_one_pass() {
        // one run of 100,000 digit groups, and 20,000 runs in prose
        let groups = "1 ".repeat(100_000);
        assert!(matches!(
            check_phone_cell(&groups),
            Err(PhoneIssue::Malformed(_))
        ));
        let prose = "电话12345或".repeat(20_000);
        assert_eq!(find_phone_numbers(&prose).len(), 20_000);
    }

    #[test]
    fn a_second_number_shares_the_first_ones_area_code() {
        assert!(check_phone_cell("0777-8212345、8212346").is_ok());
        assert!(check_phone_cell("0777-8212345/8212346").is_ok());
        assert_eq!(
            check_phone_cell("8212346、0777-8212345"),
            Err(PhoneIssue::NoAreaCode("8212346".into()))
        );
    }

    #[test]
    fn only_impossible_numbers_are_errors() {
        assert_eq!(
            check_phone_cell("62345678"),
            Err(PhoneIssue::NoAreaCode("62345678".into()))
        );
        assert_eq!(
            check_phone_cell("咨询电话：83815010"),
            Err(PhoneIssue::NoAreaCode("83815010".into()))
        );
        assert_eq!(
            check_phone_cell("99999"),
            Err(PhoneIssue::Malformed("99999".into()))
        );
        assert!(matches!(
            check_phone_cell("0775-123"),
            Err(PhoneIssue::Malformed(_))
        ));
        assert!(matches!(
            check_phone_cell("020-8381501"),
            Err(PhoneIssue::Malformed(_))
        ));
        assert!(matches!(
            check_phone_cell("0775-23456"),
            Err(PhoneIssue::Malformed(_))
        ));
        // a local number cannot start with 1
        assert!(matches!(
            check_phone_cell("010-12345678"),
            Err(PhoneIssue::Malformed(_))
        ));
        assert!(matches!(
            check_phone_cell("0775-123456789"),
            Err(PhoneIssue::Malformed(_))
        ));
        // letters mixed into the digits
        assert!(matches!(
            check_phone_cell("电话：0775-12A4567"),
            Err(PhoneIssue::Malformed(_))
        ));
        assert_eq!(check_phone_cell("窗口咨询"), Err(PhoneIssue::NoNumber));
        assert_eq!(check_phone_cell(""), Err(PhoneIssue::NoNumber));
    }
}
