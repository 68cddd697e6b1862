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
        let seq = sink.ordinal().unwrap_or(0) as u64;
        keylog::log_field(
            &mut self.log,
            sink,
            cx.source(),
            f,
            (key_hash(&[code]), seq),
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

pub const DOC: RuleDoc = RuleDoc {
    en: "Two items in one file share an implementation code. Rows that repeat an item's cells to list its materials are not duplicates.",
    zh: "同一文件中两个事项的实施编码相同。为列出材料而重复事项单元格的行不算重复。",
    good: &["each item its own code"],
    bad: &["two rows with the same code and different names"],
};
