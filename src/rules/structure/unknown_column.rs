//! `unknown-column`: a header that matches no element; the column is not read.

use crate::catalogue::suggest::suggest;
use crate::rules::*;
use minijinja::Value as MjValue;

/// Adjacent unknown columns (column, header) and the element they may be.
type Run<'a> = (Vec<&'a (u32, String)>, Option<usize>);

pub struct UnknownColumn;

impl UnknownColumn {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(UnknownColumn)
    }
}

impl Rule for UnknownColumn {
    // reported once the table is read, when its values can say what an
    // unknown column probably is
    fn rows(&mut self, cx: &FileCx<'_>, a: &RowAccount, sink: &mut Sink<'_>) {
        let Some(source) = &a.source else { return };
        let Some(t) = cx.tables.get(source) else {
            return;
        };
        let header_row = t.header_rows.last().copied();
        let taken: Vec<usize> = t.columns.iter().map(|c| c.1).collect();
        // guessed for as many columns as are sampled: a sheet of a million
        // unknown columns is not a million guesses
        let suggested: Vec<Option<usize>> = t
            .unknown
            .iter()
            .enumerate()
            .map(|(i, (col, header))| {
                if i >= crate::catalogue::SAMPLED_COLUMNS {
                    return None;
                }
                let values = a
                    .samples
                    .iter()
                    .find(|(c, _)| c == col)
                    .map_or(&[][..], |(_, v)| v.as_slice());
                suggest(cx.std, header, values, &taken).map(|s| s.element)
            })
            .collect();
        // a run of adjacent unknown columns without a guess is one finding
        // at its first; a column with a guess is a finding of its own
        let mut runs: Vec<Run<'_>> = Vec::new();
        for (u, guess) in t.unknown.iter().zip(suggested) {
            match runs.last_mut() {
                Some((run, None))
                    if guess.is_none()
                        && !t.by_line
                        && run.last().is_some_and(|l| l.0 + 1 == u.0) =>
                {
                    run.push(u)
                }
                _ => runs.push((vec![u], guess)),
            }
        }
        for (run, guess) in runs {
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
            if let Some(e) = guess {
                p.insert(
                    "suggestion".into(),
                    MjValue::from(cx.std.elements[e].label.clone()),
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
    en: "A header that matches no element label or alias after normalisation (NFKC, whitespace, markers such as * and （必填）, unit suffixes). The column is ignored. Adjacent unknown columns are one finding at the first of them, naming the headers and the last column. Headers listed in `ignored_headers` (序号, 备注 …) are never reported. Where the header resembles an element's label or alias, or the column's values are of an element's kind (credit codes, service codes, phones, web addresses, a vocabulary's codes or labels), the finding says which element the column probably holds, so that an alias can be added.",
    zh: "表头经规范化（全角半角、空白、*、（必填）等标记、单位后缀）后与任何要素名称或别名都不匹配，该列不读取。相邻的多个未识别列合为一条，位于第一列，列出表头和最后一列。`ignored_headers` 中的表头（序号、备注……）不报告。表头与某要素的名称或别名相近，或该列的值属于某要素的类型（统一社会信用代码、事项编码、电话、网址、代码表的代码或名称）时，说明该列可能是哪个要素，便于添加别名。",
    good: &["事项名称"],
    bad: &["事项名称2"],
    good_zh: &[],
    bad_zh: &[],
};
