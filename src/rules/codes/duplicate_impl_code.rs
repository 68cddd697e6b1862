//! `duplicate-impl-code`: two items of one file with the same
//! implementation code; the finding names the first.

use crate::rules::keylog::{self, KeyLog};
use crate::rules::*;

#[derive(Default)]
pub struct DuplicateImplCode {
    /// Every item's code cell, by the code's hash, until the file is read.
    log: KeyLog,
}

impl DuplicateImplCode {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(Self::default())
    }
}

impl Rule for DuplicateImplCode {
    fn across_items(&self) -> bool {
        true
    }

    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        let Some((code, f)) = cx.text(cx.std().ids.impl_code) else {
            return;
        };
        let case = handling_case(cx);
        let seq = sink.ordinal().unwrap_or(0) as u64;
        keylog::log_field(
            &mut self.log,
            sink,
            cx.source(),
            f,
            (key_hash(&[code, &case]), seq),
            0,
            &[],
        );
    }

    fn finish(&mut self, cx: &FinishCx<'_>, sink: &mut Sink<'_>) {
        let log = std::mem::take(&mut self.log);
        let sources = log.sources().to_vec();
        let element = cx.file.std.ids.impl_code;
        for group in keylog::groups(log.into_sorted()) {
            let (first, rest) = (&group[0], &group[1..]);
            let first = cell_ref(&sources[first.src as usize], first.row, first.col);
            for r in rest {
                let p = params(&[("first", first.clone())]);
                let rule = (RuleId::DuplicateImplCode, Some(r.seq as usize));
                keylog::emit_at(sink, rule, &sources, r, element, p);
            }
        }
    }
}

/// Which handling item (业务办理项) of its item an item row is: its
/// 业务办理项编码, else the case its name carries after the item's name
/// (渔业船舶检验（初次检验）→ 初次检验); empty for the item itself. Handling
/// items of one item share its 实施编码 and are not duplicates.
pub fn handling_case(cx: &ItemCx<'_>) -> String {
    let ids = &cx.std().ids;
    if let Some((h, _)) = cx.text(ids.handling_code) {
        let h = crate::catalogue::value::clean_code(h);
        if !h.is_empty() {
            return format!("#{h}");
        }
    }
    cx.text(ids.name)
        .and_then(|(n, _)| crate::text::names::split_handling(n))
        .map(|(_, case)| case)
        .unwrap_or_default()
}

pub const DOC: RuleDoc = RuleDoc {
    en: "Two items in one file share an implementation code. Rows that repeat an item's cells to list its materials are not duplicates, and neither are the handling items (业务办理项) of one item: rows with one 实施编码 and different 业务办理项编码 or, without that code, different cases after the item's name (渔业船舶检验（初次检验） / （年度检验）).",
    zh: "同一文件中两个事项的实施编码相同。为列出材料而重复事项单元格的行不算重复；同一事项的多个业务办理项也不算：实施编码相同而业务办理项编码不同，或没有该编码时名称后的办理情形不同（渔业船舶检验（初次检验）／（年度检验））。",
    good: &["each item its own code", "渔业船舶检验（初次检验） and 渔业船舶检验（年度检验） under one 实施编码"],
    bad: &["two rows with the same code and different names"],
    good_zh: &["每个事项有自己的编码", "渔业船舶检验（初次检验） 和 渔业船舶检验（年度检验） 同属一个实施编码"],
    bad_zh: &["两行编码相同而名称不同"],
};
