//! `unknown-column`: a header that matches no element; the column is not read.

use crate::rules::*;
use minijinja::Value as MjValue;

pub struct UnknownColumn;

impl UnknownColumn {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(UnknownColumn)
    }
}

impl Rule for UnknownColumn {
    fn table(&mut self, _cx: &FileCx<'_>, t: &TableInfo, sink: &mut Sink<'_>) {
        let header_row = t.header_rows.last().copied();
        for (col, text) in &t.unknown {
            let mut p = Params::new();
            p.insert("value".into(), MjValue::from(text.clone()));
            // tables located by line (YAML) give the key's line instead of a column
            let (row, col) = if t.by_line {
                (Some(*col), None)
            } else {
                (header_row, Some(*col))
            };
            let at = At::cell(&t.source, row, col, None).with_value(Some(text));
            sink.emit(RuleId::UnknownColumn, at, p);
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "A header that matches no element label or alias after normalisation (NFKC, whitespace, markers such as * and （必填）, unit suffixes). The column is ignored. Headers listed in `ignored_headers` (序号, 备注 …) are never reported.",
    zh: "表头经规范化（全角半角、空白、*、（必填）等标记、单位后缀）后与任何要素名称或别名都不匹配，该列不读取。`ignored_headers` 中的表头（序号、备注……）不报告。",
    good: &["事项名称"],
    bad: &["事项名称2"],
};
