//! `error-cell`: a cell holding a spreadsheet error value (`#DIV/0!`,
//! `#N/A`, `#VALUE!` …) — a formula that failed when the list was made,
//! or its text pasted as a value. Whatever the cell should say is lost.

use crate::rules::*;

/// Excel's error values, as Excel writes them.
pub const ERROR_VALUES: [&str; 8] = [
    "#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#DATA!",
];

crate::rules::wording::each_cell_rule!(ErrorCell, |_std, src, f, sink| {
    // an error value is short and holds a `#` (full-width `＃` too): most
    // cells are passed over without normalising them
    if f.text.len() > 32 || !(f.text.contains('#') || f.text.contains('＃')) {
        return;
    }
    let t = f.compact().to_ascii_uppercase();
    if let Some(e) = ERROR_VALUES.iter().find(|e| **e == t) {
        let p = params(&[("error", e.to_string())]);
        sink.emit(RuleId::ErrorCell, At::field(src, f), p);
    }
});

pub const DOC: RuleDoc = RuleDoc {
    en: "A cell holds a spreadsheet error value (#DIV/0!, #N/A, #NAME?, #NULL!, #NUM!, #REF!, #VALUE!): a formula failed when the list was made, or its result was pasted as text. The value the cell should hold is lost, so the error is reported as Excel shows it, on the cell.",
    zh: "单元格中是表格错误值（#DIV/0!、#N/A、#NAME?、#NULL!、#NUM!、#REF!、#VALUE!）：制表时公式出错，或把出错结果粘贴成了文本。该单元格应有的内容已丢失，按 Excel 显示的原样报告在该单元格上。",
    good: &["20"],
    bad: &["#DIV/0!"],
    good_zh: &[],
    bad_zh: &[],
};
