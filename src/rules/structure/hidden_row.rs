//! `hidden-row`: a data row the sheet hides. Exchange systems import hidden
//! rows, so the row is still checked as data; the finding only says so.

use crate::rules::*;
use minijinja::Value as MjValue;

pub struct HiddenRow;

impl HiddenRow {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(HiddenRow)
    }
}

fn note(cx: &FileCx<'_>, sink: &mut Sink<'_>, source: &Arc<Source>, row: u32) {
    if cx.is_hidden(source, row) {
        let mut p = Params::new();
        p.insert("row".into(), MjValue::from(row));
        // hidden rows of one table are one note, with their rows
        sink.emit_cause(
            RuleId::HiddenRow,
            At::cell(source, Some(row), None, None),
            p,
            "hidden".into(),
        );
    }
}

impl Rule for HiddenRow {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        if cx.file.hidden.is_empty() {
            return;
        }
        let item = cx.item;
        let mut rows = vec![item.row];
        rows.extend(item.materials.iter().chain(&item.fees).map(|p| p.row));
        rows.sort_unstable();
        rows.dedup();
        for r in rows {
            note(cx.file, sink, &item.source, r);
        }
    }

    fn part(&mut self, cx: &PartCx<'_>, sink: &mut Sink<'_>) {
        if cx.detached {
            note(cx.file, sink, cx.source, cx.part.row);
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "A data row (an item or a material) that the xlsx workbook hides. Hidden rows are still read and checked, because exchange systems import them; a row hidden to \"delete\" a cancelled item is a common source of stray items. Only xlsx records row visibility in a way santong reads.",
    zh: "xlsx 工作簿中被隐藏的数据行（事项或材料）。隐藏的行仍然读取和检查，因为交换系统会导入它们；用隐藏代替删除已取消的事项，常会带来多余的事项。",
    good: &["已取消的事项整行删除"],
    bad: &["已取消的事项所在行被隐藏"],
    good_zh: &[],
    bad_zh: &[],
};
