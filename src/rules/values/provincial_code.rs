//! `provincial-code`: a code the national table does not have, used
//! throughout the file for one label (Guangdong writes 事项类型 `21` for
//! 公共服务 and carries the label in 事项类型名称). The label column decides
//! what the items are; the convention is reported once per file.

use super::code_uses;
use crate::rules::*;

pub struct ProvincialCode;

impl ProvincialCode {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(ProvincialCode)
    }
}

impl Rule for ProvincialCode {
    fn finish(&mut self, cx: &FinishCx<'_>, sink: &mut Sink<'_>) {
        for u in code_uses(cx) {
            if u.dominant && u.national.is_none() {
                u.emit(cx, RuleId::ProvincialCode, sink);
            }
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "A list carries a code column and its label column (事项类型 with 事项类型名称), and uses a code the national table lacks consistently for one label: a provincial code table. The label decides the meaning, so the items are checked as what they are (public services are not asked for time limits); the mapping is reported once per file, with its rows. A provincial standard that declares the table (`codes:` in vocabularies.yaml) is read on meaning without this note.",
    zh: "清单同时有代码列和名称列（事项类型与事项类型名称），并且一致地用国家代码表没有的代码表示某一名称：这是省级代码表。以名称列确定含义，事项按其实际类型检查（公共服务不要求时限）；该对应关系每个文件只报一次，附行号。省级标准在 vocabularies.yaml 中用 `codes:` 声明代码表后，按含义读取，不再提示。",
    good: &["事项类型 20 / 事项类型名称 公共服务"],
    bad: &["事项类型 21 / 事项类型名称 公共服务"],
    good_zh: &[],
    bad_zh: &[],
};
