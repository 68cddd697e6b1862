//! `vendor-code-table`: a code column written in a system's own code table
//! (材料必要性 `true`/`false`, 审批结果类型 `10`/`20`/`99`), not the
//! national one. Values of that kind are never read as national codes; the
//! table is reported once per file and column, naming its values, instead
//! of once per cell as an invalid value.

use super::vendor_code;
use crate::catalogue::value::Problem;
use crate::rules::*;
use std::collections::BTreeMap;

#[derive(Default)]
pub struct VendorCodeTable {
    /// Per table and element: the first cell, the values with their rows.
    columns: HashMap<(Arc<Source>, usize), Column>,
    /// Per table and element of a cumulative table (网上办理深度): the
    /// filled cells, and those of one bare code, as a column.
    graded: HashMap<(Arc<Source>, usize), (usize, Column)>,
}

/// A column of single bare codes of a cumulative table, this many cells or
/// more and two codes or more, is a grading of its own.
const GRADED_CELLS: usize = 3;

struct Column {
    first: (u32, Option<u32>),
    values: BTreeMap<String, Vec<u32>>,
}

impl VendorCodeTable {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(Self::default())
    }

    fn record(&mut self, source: &Arc<Source>, problems: &[(&Field, Problem)]) {
        for (f, p) in problems {
            let Some(tok) = vendor_code(f, p) else {
                continue;
            };
            let c = self
                .columns
                .entry((source.clone(), f.element))
                .or_insert_with(|| Column {
                    first: (f.row, f.col),
                    values: BTreeMap::new(),
                });
            c.values.entry(tok.to_string()).or_default().push(f.row);
        }
    }
}

impl Rule for VendorCodeTable {
    fn across_items(&self) -> bool {
        true
    }

    fn item(&mut self, cx: &ItemCx<'_>, _: &mut Sink<'_>) {
        self.record(cx.source(), cx.problems);
        let std = cx.std();
        for f in &cx.item.fields {
            let Some(v) = std
                .vocabulary_of(&std.elements[f.element])
                .filter(|v| v.cumulative)
            else {
                continue;
            };
            if f.compact().is_empty() {
                continue;
            }
            let (filled, c) = self
                .graded
                .entry((cx.source().clone(), f.element))
                .or_insert_with(|| {
                    (
                        0,
                        Column {
                            first: (f.row, f.col),
                            values: BTreeMap::new(),
                        },
                    )
                });
            *filled += 1;
            if v.bare_degree(&f.text) {
                c.values
                    .entry(f.compact().to_string())
                    .or_default()
                    .push(f.row);
            }
        }
    }

    fn part(&mut self, cx: &PartCx<'_>, _: &mut Sink<'_>) {
        self.record(cx.source, cx.problems);
    }

    fn finish(&mut self, cx: &FinishCx<'_>, sink: &mut Sink<'_>) {
        let std = cx.file.std;
        // a cumulative table written one code a cell: a grading, reported
        // as a table of its own even though its codes are national ones
        let graded: Vec<_> = self
            .graded
            .drain()
            .filter(|(_, (filled, c))| {
                let bare: usize = c.values.values().map(Vec::len).sum();
                *filled >= GRADED_CELLS && bare == *filled && c.values.len() > 1
            })
            .map(|(k, (_, c))| (k, c, true))
            .collect();
        let mut columns: Vec<_> = self
            .columns
            .drain()
            .map(|(k, c)| (k, c, false))
            .chain(graded)
            .collect();
        columns.sort_by(|a, b| {
            (&a.0 .0.path, &a.0 .0.sheet, a.1.first, a.0 .1).cmp(&(
                &b.0 .0.path,
                &b.0 .0.sheet,
                b.1.first,
                b.0 .1,
            ))
        });
        for ((source, element), c, scale) in columns {
            let el = &std.elements[element];
            let mut rows: Vec<u32> = c.values.values().flatten().copied().collect();
            rows.sort_unstable();
            rows.dedup();
            let shown = |sep: &str, times: &str| {
                c.values
                    .iter()
                    .map(|(v, r)| format!("{v}{times}{}", r.len()))
                    .collect::<Vec<_>>()
                    .join(sep)
            };
            let mut p = params(&[
                ("values_zh", shown("、", " ×")),
                ("values_en", shown(", ", " ×")),
                ("count", rows.len().to_string()),
            ]);
            if scale {
                p.insert("scale".into(), minijinja::Value::from(true));
            }
            // each code with its rows, for `santong profile` to draft the table
            let codes: Vec<(String, Vec<u32>)> = c
                .values
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            p.insert(
                "codes".into(),
                minijinja::Value::from(minijinja::value::Serde(codes)),
            );
            if let Some(v) = std.vocabulary_of(el) {
                p.insert("allowed".into(), minijinja::Value::from(v.describe()));
            }
            let at = At::cell(&source, Some(c.first.0), c.first.1, Some(element));
            let more: Vec<u32> = rows.into_iter().filter(|r| *r != c.first.0).collect();
            sink.emit_rows_as(RuleId::VendorCodeTable, at, p, more, !el.strict);
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "A code column holds codes of a system's own table (材料必要性 `true`/`false`, 审批结果类型 `10`/`20`/`30`/`99`): short letter or digit codes the national table does not have; or a cumulative table (网上办理深度, whose cells list the degrees reached: 1,2,3,4) is written one bare code a cell in three cells or more, a grading of the system's own even where its digits are national codes. They are never read as national codes, and guides, forms and exports show them as written. Reported once per file and column with every value and how many rows use it (an error for a closed national table, a warning for an open one), instead of an invalid value per cell; a provincial standard that declares the table (`codes:`, drafted by `santong profile`) reads it. A label or word outside the table stays an invalid value.",
    zh: "代码列使用了系统自有代码表（材料必要性写作 `true`/`false`，审批结果类型写作 `10`/`20`/`30`/`99`）：国家代码表没有的字母或数字短代码；或累进列出的代码表（网上办理深度，各格列出达到的各项深度：1,2,3,4）在三格以上每格只写一个代码，即使数字与国家代码相同，也是系统自有的分级。不会按国家代码解读，办事指南、表格和导出按原样显示。每个文件每列只报一次，列出全部取值及行数（国家代码表为封闭时为错误，否则为警告），不再逐格报告取值无效；省级标准用 `codes:` 声明该代码表（可由 `santong profile` 起草）后按其读取。代码表以外的名称或文字仍报告取值无效。",
    good: &["材料必要性: 必要 / 1"],
    bad: &["材料必要性: true / false"],
    good_zh: &[],
    bad_zh: &[],
};
