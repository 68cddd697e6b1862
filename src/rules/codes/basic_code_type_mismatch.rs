//! `basic-code-type-mismatch`: the item-type digits of a valid basic code
//! (positions 3–4) disagree with the 事项类型 column.

use crate::codes::validate_basic_code;
use crate::rules::*;

pub struct BasicCodeTypeMismatch;

impl BasicCodeTypeMismatch {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(BasicCodeTypeMismatch)
    }
}

impl Rule for BasicCodeTypeMismatch {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        let Some(code) = &cx.facts.basic_code else {
            return;
        };
        let Ok(b) = validate_basic_code(code) else {
            return;
        };
        let Some((Value::Code(t), tf)) = cx.value(cx.std().ids.item_type) else {
            return;
        };
        // digits that may mean the type in this table (provincial tables
        // and the file's own convention count) agree with it
        if cx.file.type_meanings(cx.source(), b.item_type).contains(t) {
            return;
        }
        let p = type_params(cx.std(), b.item_type, t);
        sink.emit(RuleId::BasicCodeTypeMismatch, At::field(cx.source(), tf), p);
    }
}

/// The message variables: the code's type digits and both labels.
pub(crate) fn type_params(std: &Standard, digits: &str, item_type: &str) -> Params {
    params(&[
        ("code_type", digits.to_string()),
        ("code_type_label", std.code_label("item_type", digits)),
        ("item_type_label", std.code_label("item_type", item_type)),
    ])
}

pub const DOC: RuleDoc = RuleDoc {
    en: "Digits 3–4 of the basic code name a different item type from the 事项类型 column (inferred split of the code).",
    zh: "基本编码第3—4位表示的事项类型与“事项类型”列不一致（编码拆分方式为推断）。",
    good: &["000104002000 with 行政许可"],
    bad: &["000104002000 with 行政确认"],
    good_zh: &["000104002000 配 行政许可"],
    bad_zh: &["000104002000 配 行政确认"],
};
