//! `handling-code-as-impl-code`: a 33-character business-handling item code
//! (业务办理项编码: the implementation code and a 2-digit sequence) written
//! in the 实施编码 column, as Guangdong's lists do, with the handling case
//! appended to the name. The item is still checked on its first 31
//! characters.

use super::impl_code_mismatch::handling_prefix;
use crate::rules::*;

pub struct HandlingCodeAsImplCode;

impl HandlingCodeAsImplCode {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(HandlingCodeAsImplCode)
    }
}

impl Rule for HandlingCodeAsImplCode {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        let Some((code, f)) = cx.text(cx.std().ids.impl_code) else {
            return;
        };
        let Some(prefix) = handling_prefix(code) else {
            return;
        };
        let p = params(&[("impl_code", prefix.to_string())]);
        // a list that puts handling codes there does so on every row: one
        // finding for the column, with its rows
        sink.emit_cause(
            RuleId::HandlingCodeAsImplCode,
            At::field(cx.source(), f),
            p,
            "handling code".into(),
        );
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "The 实施编码 column holds 33 characters ending in two digits: a business-handling item code (业务办理项编码 = implementation code + a 2-digit sequence), usually with the handling case appended to the name. The implementation code is its first 31 characters, which are checked as usual; the 33-character code belongs in 业务办理项编码. A list that does this on every row gets one finding for the column, with its rows.",
    zh: "实施编码列为33位、末2位为数字：这是业务办理项编码（实施编码＋2位顺序号），事项名称后常附办理情形。实施编码为其前31位，照常检查；33位编码应填入业务办理项编码列。整列如此的清单只报一条，附行号。",
    good: &["11450721MB155808114000104002000"],
    bad: &["11450721MB15580811400010400200001"],
    good_zh: &[],
    bad_zh: &[],
};
