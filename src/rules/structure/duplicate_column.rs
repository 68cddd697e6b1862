//! `duplicate-column`: two columns map to the same element and disagree.
//! Systems that write one element in two columns filled on different rows
//! (服务对象 for public services, 行政相对人性质 for powers) are read as one
//! column, the filled cell counting; only rows where both are filled with
//! different values are a finding.

use crate::rules::*;
use minijinja::Value as MjValue;

pub struct DuplicateColumn;

impl DuplicateColumn {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(DuplicateColumn)
    }
}

impl Rule for DuplicateColumn {
    fn rows(&mut self, cx: &FileCx<'_>, a: &RowAccount, sink: &mut Sink<'_>) {
        let Some(source) = &a.source else { return };
        let Some(t) = cx.tables.get(source) else {
            return;
        };
        let header_row = t.header_rows.last().copied();
        for (col, e, text) in &t.duplicates {
            let rows: Vec<u32> = a
                .conflicts
                .iter()
                .filter(|(c, _)| c == col)
                .map(|(_, r)| *r)
                .collect();
            if rows.is_empty() {
                continue;
            }
            let Some(first) = t.column_of(*e) else {
                continue;
            };
            let mut p = Params::new();
            p.insert("count".into(), MjValue::from(rows.len()));
            p.insert(
                "first".into(),
                MjValue::from(crate::catalogue::column_letter(first)),
            );
            p.insert("rows".into(), MjValue::from(rows));
            let at = At::cell(&t.source, header_row, Some(*col), Some(*e)).with_value(Some(text));
            sink.emit(RuleId::DuplicateColumn, at, p);
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "Two columns map to the same element and, on some rows, both are filled with different values; there the first column is read. Where the two columns are filled on different rows (a county system writes 服务对象 for public services and 行政相对人性质 for powers), they are read as one column and nothing is reported.",
    zh: "两列对应同一要素，并且有些行两列都填写且内容不同，这些行读取第一列。两列分别在不同的行填写时（县级系统对公共服务填“服务对象”、对权力事项填“行政相对人性质”），按一列读取，不报告。",
    good: &["服务对象 与 行政相对人性质 两列，每行只填其中一列"],
    bad: &["服务对象 填“1”，同一行 行政相对人性质 填“2”"],
    good_zh: &[],
    bad_zh: &[],
};
