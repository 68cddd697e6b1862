//! `missing-column`: a required element has no column. Conditionally
//! required elements are reported (as a warning) once per table, when the
//! first item that needs them appears; a list with no materials at all gets
//! a warning for 材料名称 at the end.

use crate::rules::*;
use minijinja::Value as MjValue;

#[derive(Default)]
pub struct MissingColumn {
    /// (table, element) pairs already reported as conditionally missing.
    reported: HashSet<(Arc<Source>, usize)>,
}

impl MissingColumn {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(Self::default())
    }
}

impl Rule for MissingColumn {
    fn across_items(&self) -> bool {
        true
    }

    fn table(&mut self, cx: &FileCx<'_>, t: &TableInfo, sink: &mut Sink<'_>) {
        if t.role != Scope::Item || t.header_rows.is_empty() {
            return;
        }
        let header_row = t.header_rows.last().copied();
        // Conditionally required columns are reported when an item needs them.
        let missing: Vec<usize> = (0..cx.std.elements.len())
            .filter(|&i| {
                let el = &cx.std.elements[i];
                el.scope == Scope::Item && el.required && !t.has(i)
            })
            .collect();
        // one finding per table: a portal's index export lacks twenty
        // columns for one reason
        match missing.as_slice() {
            [] => {}
            [one] => {
                let at = At::cell(&t.source, header_row, None, Some(*one));
                sink.emit(RuleId::MissingColumn, at, Params::new());
            }
            many => {
                let labels: Vec<&str> = many
                    .iter()
                    .map(|&i| cx.std.elements[i].label.as_str())
                    .collect();
                let mut p = params(&[("label", labels.join("”“"))]);
                p.insert("count".into(), MjValue::from(many.len()));
                let at = At::cell(&t.source, header_row, None, None);
                sink.emit(RuleId::MissingColumn, at, p);
            }
        }
    }

    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        let src = cx.source();
        for (i, el) in cx.std().elements.iter().enumerate() {
            if el.scope != Scope::Item || el.required || !cx.required[i] {
                continue;
            }
            if cx.file.has_column(src, i)
                || cx.file.cannot_carry(src, i)
                || !self.reported.insert((src.clone(), i))
            {
                continue;
            }
            let mut p = Params::new();
            for (key, lang) in [
                ("condition", crate::i18n::Lang::Zh),
                ("condition_en", crate::i18n::Lang::En),
            ] {
                let words =
                    crate::rules::values::missing_required::condition_words(cx.std(), el, lang);
                p.insert(key.into(), MjValue::from(words));
            }
            let at = At::cell(src, cx.file.header_row(src), None, Some(i));
            sink.emit_downgraded(RuleId::MissingColumn, at, p);
        }
    }

    fn finish(&mut self, cx: &FinishCx<'_>, sink: &mut Sink<'_>) {
        if cx.saw_materials || cx.items == 0 {
            return;
        }
        if let (Some(src), Some(e)) = (cx.item_tables.first(), cx.file.std.ids.material_name) {
            let at = At::cell(src, cx.file.header_row(src), None, Some(e));
            let mut p = Params::new();
            p.insert("no_materials".into(), MjValue::from(true));
            sink.emit_downgraded(RuleId::MissingColumn, at, p);
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "A required element has no column in an items table; several missing columns of one table are one finding listing them (a portal's index export lacks most of them for one reason). Conditionally required elements (time limits for administrative powers, penalty elements for 行政处罚) are reported once, when the first item that needs them appears; an items workbook with no materials at all gets a warning for 材料名称.",
    zh: "事项表缺少必填要素的列；同一表缺少多列时合为一条并列出各列（门户索引导出缺少大部分列，原因只有一个）。按条件必填的要素（行政权力事项的时限、行政处罚事项的处罚要素）在第一个需要它的事项出现时报告一次；整个清单没有任何申请材料时，对“材料名称”给出警告。",
    good: &["Header row contains 事项名称 … 实施主体编码."],
    bad: &["Header row lacks 实施主体编码."],
    good_zh: &["表头有 事项名称 … 实施主体编码"],
    bad_zh: &["表头缺少 实施主体编码"],
};
