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
        // a run of adjacent unknown columns is one finding at its first
        let mut runs: Vec<Vec<&(u32, String)>> = Vec::new();
        for u in &t.unknown {
            match runs.last_mut() {
                Some(run) if !t.by_line && run.last().is_some_and(|l| l.0 + 1 == u.0) => {
                    run.push(u)
                }
                _ => runs.push(vec![u]),
            }
        }
        for run in runs {
            const SHOWN: usize = 10;
            let (col, _) = run[0];
            let mut text = run
                .iter()
                .take(SHOWN)
                .map(|(_, t)| t.as_str())
                .collect::<Vec<_>>()
                .join("”“");
            if run.len() > SHOWN {
                text.push('…');
            }
            let mut p = Params::new();
            p.insert("value".into(), MjValue::from(text.clone()));
            p.insert("count".into(), MjValue::from(run.len()));
            if run.len() > 1 {
                p.insert(
                    "last".into(),
                    MjValue::from(crate::catalogue::column_letter(run[run.len() - 1].0)),
                );
            }
            // tables located by line (YAML) give the key's line instead of a column
            let (row, col) = if t.by_line {
                (Some(*col), None)
            } else {
                (header_row, Some(*col))
            };
            let at = At::cell(&t.source, row, col, None).with_value(Some(&text));
            sink.emit(RuleId::UnknownColumn, at, p);
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "A header that matches no element label or alias after normalisation (NFKC, whitespace, markers such as * and （必填）, unit suffixes). The column is ignored. Adjacent unknown columns are one finding at the first of them, naming the headers and the last column. Headers listed in `ignored_headers` (序号, 备注 …) are never reported.",
    zh: "表头经规范化（全角半角、空白、*、（必填）等标记、单位后缀）后与任何要素名称或别名都不匹配，该列不读取。相邻的多个未识别列合为一条，位于第一列，列出表头和最后一列。`ignored_headers` 中的表头（序号、备注……）不报告。",
    good: &["事项名称"],
    bad: &["事项名称2"],
};
