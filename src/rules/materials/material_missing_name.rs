//! `material-missing-name`: a material row without a 材料名称.

use crate::rules::*;

pub struct MaterialMissingName;

impl MaterialMissingName {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(MaterialMissingName)
    }
}

impl Rule for MaterialMissingName {
    fn part(&mut self, cx: &PartCx<'_>, sink: &mut Sink<'_>) {
        let Some(name_i) = cx.file.std.ids.material_name else {
            return;
        };
        if cx.kind != Scope::Material || cx.part.get(name_i).is_some() {
            return;
        }
        let col = cx.file.column(cx.source, name_i);
        let at = At::cell(cx.source, Some(cx.part.row), col, Some(name_i));
        sink.emit(RuleId::MaterialMissingName, at, Params::new());
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "A material row without 材料名称.",
    zh: "申请材料行没有填写材料名称。",
    good: &["a row with 材料名称"],
    bad: &["a row with only 材料类型"],
    good_zh: &["填有 材料名称 的行"],
    bad_zh: &["只填了 材料类型 的行"],
};
