//! `date-in-text`: a free-text element whose whole value is a date or time
//! (`2024-03-01`): a date cell where text belongs, or a value a spreadsheet
//! turned into a date as it was typed (`1-2` becoming 2 January).

use crate::rules::*;
use crate::standard::ElementType;

/// `2024-03-01` or `2024-03-01 13:45:00`, as date cells are read.
fn is_date_text(t: &str) -> bool {
    let b = t.as_bytes();
    let date = |b: &[u8]| {
        b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    };
    match b.len() {
        10 => date(b),
        19 => {
            date(&b[..10])
                && b[10] == b' '
                && b[13] == b':'
                && b[16] == b':'
                && b[11..]
                    .iter()
                    .enumerate()
                    .all(|(i, c)| i == 2 || i == 5 || c.is_ascii_digit())
        }
        _ => false,
    }
}

super::each_cell_rule!(DateInText, |std, src, f, sink| {
    // a date is at most 19 characters (in full-width digits, three bytes each)
    if std.elements[f.element].kind != ElementType::Text || f.text.len() > 64 {
        return;
    }
    let t = crate::text::nfkc(&f.text);
    if is_date_text(&t) {
        sink.emit(
            RuleId::DateInText,
            At::field(src, f),
            params(&[("date", t.into_owned())]),
        );
    }
});

pub const DOC: RuleDoc = RuleDoc {
    en: "A free-text element (name, conditions, address, result name …) whose whole value is a date or time: a date cell where text belongs, or text a spreadsheet turned into a date as it was typed (1-2 becomes 2 January). santong reads date cells as dates (2024-03-01), never as their serial numbers, and says so here.",
    zh: "自由文本要素（事项名称、受理条件、办理地点、结果名称等）的整个值是日期或时间：本应是文字的单元格是日期格式，或表格在录入时把文字自动转成了日期（1-2 变成 1月2日）。santong 把日期单元格读作日期（2024-03-01），不读作序列号，并在此提示。",
    good: &["申请人具有相应场所。"],
    bad: &["2024-03-01"],
    good_zh: &[],
    bad_zh: &[],
};
