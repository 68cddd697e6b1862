//! `oversized-cell`: a cell longer than `--max-cell-bytes` (128 KiB; Excel
//! itself holds at most 32,767 characters). It is a document pasted into a
//! cell, or a file gone wrong; the cell was cut as it was read, so only its
//! first part was checked, and the run went on.

use crate::rules::*;

crate::rules::wording::each_cell_rule!(OversizedCell, |_std, src, f, sink| {
    let Some(len) = f.cut else {
        return;
    };
    let p = params(&[("size", bytes(len)), ("kept", bytes(f.text.len() as u64))]);
    sink.emit(RuleId::OversizedCell, At::field(src, f), p);
});

/// A length as people read it: 131072 → `128 KiB`.
fn bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 20 => format!("{:.1} MiB", n as f64 / f64::from(1 << 20)),
        n if n >= 1 << 10 => format!("{:.0} KiB", n as f64 / f64::from(1 << 10)),
        n => format!("{n} B"),
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "A cell holds more text than `--max-cell-bytes` allows (128 KiB by default; Excel itself holds at most 32,767 characters in a cell, about 96 KiB of Chinese). It is a document pasted into a cell or a file gone wrong. The cell is cut as it is read, so that one cell cannot exhaust memory, and only its first part is checked; the run goes on.",
    zh: "单元格文字超过 `--max-cell-bytes` 的上限（默认 128 KiB；Excel 单元格本身最多 32,767 个字符，约合中文 96 KiB），多为把整篇文档粘贴进了单元格或文件已损坏。读取时截断该单元格，避免一个单元格耗尽内存，只检查其前段，其余检查照常进行。",
    good: &["依法设立的食品经营企业"],
    bad: &["（超过 128 KiB 的文字）"],
    good_zh: &[],
    bad_zh: &[],
};

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(super::bytes(900), "900 B");
        assert_eq!(super::bytes(131_072), "128 KiB");
        assert_eq!(super::bytes(3 << 20), "3.0 MiB");
    }
}
