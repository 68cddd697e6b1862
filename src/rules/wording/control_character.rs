//! `control-character`: a cell holding a control character (a NUL, an
//! escape, a form feed …) that no one typed on purpose. XML 1.0 forbids
//! the C0 ones, so the value cannot travel in an exchange file or a Word
//! document; on a terminal an escape sequence can move the cursor or hide
//! text.

use crate::rules::*;
use crate::text::is_stray_control;

super::each_cell_rule!(ControlCharacter, |_std, src, f, sink| {
    let Some((at, c)) = f
        .text
        .chars()
        .enumerate()
        .find(|(_, c)| is_stray_control(*c))
    else {
        return;
    };
    let count = f.text.chars().filter(|c| is_stray_control(*c)).count();
    let shown = crate::text::printable(&f.text).into_owned();
    let p = params(&[
        ("code", format!("U+{:04X}", c as u32)),
        ("position", (at + 1).to_string()),
        ("count", count.to_string()),
        ("shown", shown.chars().take(60).collect()),
    ]);
    sink.emit(RuleId::ControlCharacter, At::field(src, f), p);
});

pub const DOC: RuleDoc = RuleDoc {
    en: "A cell holds a control character: C0 other than tab and line breaks (NUL, ESC, form feed …), DEL or C1. They come from copying out of other systems, are invisible in a spreadsheet, cannot be carried by XML (exchange files, Word documents) and can steer a terminal. santong's own outputs show or replace them; the list should not hold them.",
    zh: "单元格中含有控制字符：制表符和换行以外的 C0 字符（NUL、ESC、换页等）、DEL 或 C1 字符。它们多由其他系统复制而来，在表格中看不见，XML（交换文件、Word 文档）无法承载，还能操控终端。santong 的输出会显示或替换它们，但清单本身不应含有。",
    good: &["食品经营许可"],
    bad: &["食品经营许可\\u{0}"],
    good_zh: &[],
    bad_zh: &[],
};
