//! `duplicate-impl-code`: two items of one file with the same
//! implementation code; the finding names the first.

use crate::rules::*;

#[derive(Default)]
pub struct DuplicateImplCode {
    /// Each code's first cell, by the code's hash: table, row, column.
    first: HashMap<u64, (Arc<Source>, u32, Option<u32>)>,
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
        let key = key_hash(&[code]);
        match self.first.get(&key) {
            Some((s, row, col)) => {
                let first = cell_ref(s, *row, *col);
                let at = At::field(cx.source(), f);
                sink.emit(RuleId::DuplicateImplCode, at, params(&[("first", first)]));
            }
            None => {
                self.first.insert(key, (cx.source().clone(), f.row, f.col));
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
