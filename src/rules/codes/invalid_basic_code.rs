//! `invalid-basic-code`: a basic code (基本编码) that is not 12 digits, has
//! a compiler prefix that is neither 00 nor a province, or type digits that
//! name no item type (in the national table, the provincial one, or the
//! convention the file's own label column shows).

use crate::codes::validate_basic_code;
use crate::i18n::Reason;
use crate::rules::*;

pub struct InvalidBasicCode;

impl InvalidBasicCode {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(InvalidBasicCode)
    }
}

impl Rule for InvalidBasicCode {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        // the same verdict in the 基本编码 column or inside another code
        let Some((code, f, inside)) = super::basic_code_cell(cx) else {
            return;
        };
        let p = match validate_basic_code(code) {
            Ok(b) => {
                if !cx.file.type_meanings(cx.source(), b.item_type).is_empty() {
                    return;
                }
                // the same unknown code in the 事项类型 column is one cause,
                // reported there once
                let ids = &cx.std().ids;
                let same_cause = ids.item_type.is_some_and(|t| {
                    cx.invalid.contains(&t)
                        && cx.item.get(t).is_some_and(|f| {
                            let w = crate::catalogue::value::clean_code(&f.text);
                            w == b.item_type || format!("{w:0>2}") == b.item_type
                        })
                });
                if same_cause {
                    return;
                }
                reasons(&[Reason::BasicType(b.item_type)])
            }
            Err(issue) => reasons(&[Reason::Basic(&issue, f.numeric && !inside)]),
        };
        let at = At::field(cx.source(), f);
        let at = if inside {
            at.with_value(Some(code))
        } else {
            at
        };
        sink.emit(RuleId::InvalidBasicCode, at, p);
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "The basic code is not 12 digits of the form `PP TT MMMMM SSS` with PP = 00 or a province prefix and TT an item-type code. A numeric cell that lost its leading zeros is padded back before checking. The sub-item part may also be `NNY` (a main item with sub-items, see `main-item-implemented`) or a letter and two digits (a local sub-item, see `local-sub-item`). Where a list has no 基本编码, the basic code inside its 实施编码 or 业务办理项编码 is checked the same way, at that cell.",
    zh: "基本编码应为12位：2位编制方代码（00 或省级代码）＋2位事项类型＋5位主项＋3位子项。丢失前导零的数字单元格会先补齐再检查。子项位也可以是 `NNY`（有子项的主项，见 `main-item-implemented`）或一个字母加两位数字（省级子项，见 `local-sub-item`）。清单没有基本编码列时，实施编码或业务办理项编码中的基本编码按同样规则检查，报告在该单元格。",
    good: &["000104002000"],
    bad: &["00010400200 / 990104002000"],
    good_zh: &[],
    bad_zh: &[],
};
