//! `garbled-text`: a cell holding U+FFFD, the replacement character — bytes
//! the file's encoding could not decode (a GBK list read as UTF-8, a file
//! cut mid-character), or text already mangled by another system. What
//! the cell said is lost there.

use crate::rules::*;

super::each_cell_rule!(GarbledText, |_std, src, f, sink| {
    let count = f.text.chars().filter(|c| *c == '\u{FFFD}').count();
    if count > 0 {
        let p = params(&[("count", count.to_string())]);
        sink.emit(RuleId::GarbledText, At::field(src, f), p);
    }
});

pub const DOC: RuleDoc = RuleDoc {
    en: "A cell holds U+FFFD (�), the character that stands for bytes that could not be decoded: a GBK list read as UTF-8, a file cut in the middle of a character, or text another system already mangled. santong never replaces bytes silently: with --encoding, undecodable bytes stop the run naming their offset; without it, every cell they fall in is this finding.",
    zh: "单元格中含有替换字符 U+FFFD（�），表示无法解码的字节：把 GBK 清单当作 UTF-8 读取、文件在字符中间被截断，或文本已被其他系统弄乱。santong 不会悄悄替换字节：指定 --encoding 时遇到无法解码的字节即停止并给出字节位置；未指定时，所在的每个单元格报告本问题。",
    good: &["食品经营许可"],
    bad: &["食品经营\u{FFFD}\u{FFFD}"],
    good_zh: &[],
    bad_zh: &[],
};
