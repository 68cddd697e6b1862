//! `material-orphan`: a row of a materials (or fees) sheet whose key names
//! no item of the file.

use crate::rules::*;
use minijinja::Value as MjValue;

pub struct MaterialOrphan;

impl MaterialOrphan {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(MaterialOrphan)
    }
}

impl Rule for MaterialOrphan {
    fn finish(&mut self, cx: &FinishCx<'_>, sink: &mut Sink<'_>) {
        for o in cx.orphans {
            let mut p = Params::new();
            p.insert("value".into(), MjValue::from(o.text.clone()));
            let el = o.element.or(cx.file.std.ids.impl_code);
            let at = At::cell(&o.source, Some(o.row), o.col, el).with_value(Some(&o.text));
            sink.emit(RuleId::MaterialOrphan, at, p);
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "A material on its own sheet whose key — 实施编码, else 业务办理项编码, 地方实施编码, 基本编码 or 事项名称, the first the sheet has — matches no item.",
    zh: "单独材料表中的材料，其关联键（实施编码，否则依次为业务办理项编码、地方实施编码、基本编码或事项名称，取该表有的第一个）不对应任何事项。",
    good: &["the item's code"],
    bad: &["a code of no item"],
    good_zh: &["所属事项的编码"],
    bad_zh: &["不属于任何事项的编码"],
};
