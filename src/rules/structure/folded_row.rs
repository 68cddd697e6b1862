//! `folded-row`: rows read as material rows of the item above only because
//! their item cells repeat the item's, with no name or code to tell them
//! apart. It may be right (materials with the item's cells repeated) or
//! wrong (separate items whose name column santong did not recognise): the
//! note lists the rows, so nothing is folded away unseen.

use crate::rules::*;
use minijinja::Value as MjValue;

pub struct FoldedRow;

impl FoldedRow {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(FoldedRow)
    }
}

impl Rule for FoldedRow {
    fn rows(&mut self, _cx: &FileCx<'_>, a: &RowAccount, sink: &mut Sink<'_>) {
        let Some(source) = &a.source else { return };
        for (row, item_row) in &a.guessed {
            let mut p = Params::new();
            p.insert("item_row".into(), MjValue::from(*item_row));
            // one note per table: its rows listed
            sink.emit_cause(
                RuleId::FoldedRow,
                At::cell(source, Some(*row), None, None),
                p,
                "folded".into(),
            );
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "A row of an items table read as a further material (or fee) row of the item above because every item cell it has repeats that item's, while none of them is a name or code that would tell two items apart. That is how lists with repeated item cells are written, but it is also what separate items look like when their name column has a header santong does not know. The rows are listed so that none is folded away unseen; give the name or code column a known header (or an alias in a provincial standard) if they are items.",
    zh: "事项表中的某一行，其所有事项单元格都与上方事项相同，但其中没有能区分两个事项的名称或编码，因此被当作上方事项的又一材料（或收费）行读取。重复填写事项单元格的清单就是这样写的；但当名称列的表头 santong 不认识时，不同的事项看起来也是这样。这些行会逐一列出，不会被悄悄合并；如果它们是不同的事项，请为名称列或编码列使用可识别的表头（或在省级标准中添加别名）。",
    good: &["事项名称 列在每一材料行重复事项名称"],
    bad: &["名称列表头为“事项名目”（未识别），两个事项其余单元格相同"],
    good_zh: &[],
    bad_zh: &[],
};
