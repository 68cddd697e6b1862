//! `duplicate-column`: two columns map to the same element; the first is read.

use crate::rules::*;

pub struct DuplicateColumn;

impl DuplicateColumn {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(DuplicateColumn)
    }
}

impl Rule for DuplicateColumn {
    fn table(&mut self, _cx: &FileCx<'_>, t: &TableInfo, sink: &mut Sink<'_>) {
        let header_row = t.header_rows.last().copied();
        for (col, e, text) in &t.duplicates {
            let at = At::cell(&t.source, header_row, Some(*col), Some(*e)).with_value(Some(text));
            sink.emit(RuleId::DuplicateColumn, at, Params::new());
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "Two columns map to the same element; only the first is read.",
    zh: "两列对应同一要素，只读取第一列。",
    good: &["one 事项名称 column"],
    bad: &["事项名称 and 实施清单名称 side by side"],
};
