//! `invalid-basic-code`: a basic code (基本编码) that is not 12 digits, has
//! a compiler prefix that is neither 00 nor a province, or type digits that
//! name no item type.

use crate::codes::{validate_basic_code, BasicIssue};
use crate::rules::*;

pub struct InvalidBasicCode;

impl InvalidBasicCode {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(InvalidBasicCode)
    }
}

fn reason(issue: BasicIssue, numeric: bool) -> (String, String) {
    match issue {
        BasicIssue::Length(n) if numeric => (
            format!("长度为{n}位（单元格为数字格式）"),
            format!("{n} characters (the cell is numeric)"),
        ),
        BasicIssue::Length(n) => (
            format!("长度为{n}位，应为12位"),
            format!("{n} characters, expected 12"),
        ),
        BasicIssue::NonDigit => (
            "含非数字字符".into(),
            "contains characters other than digits".into(),
        ),
        BasicIssue::UnknownProvince(p) => (
            format!("前2位编制方代码“{p}”既不是00也不是省级区划代码"),
            format!("prefix \"{p}\" is neither 00 nor a province code"),
        ),
    }
}

impl Rule for InvalidBasicCode {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        let Some((code, f)) = cx.text(cx.std().ids.basic_code) else {
            return;
        };
        let (zh, en) = match validate_basic_code(code) {
            Ok(b) => {
                let known = cx
                    .std()
                    .vocabulary("item_type")
                    .is_none_or(|v| v.label_of(b.item_type).is_some());
                if known {
                    return;
                }
                (
                    format!("第3–4位事项类型代码“{}”不存在", b.item_type),
                    format!("digits 3–4 \"{}\" are not an item-type code", b.item_type),
                )
            }
            Err(issue) => reason(issue, f.numeric),
        };
        sink.emit(
            RuleId::InvalidBasicCode,
            At::field(cx.source(), f),
            reasons(zh, en),
        );
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "The basic code is not 12 digits of the form `PP TT MMMMM SSS` with PP = 00 or a province prefix and TT an item-type code. A numeric cell that lost its leading zeros is padded back before checking.",
    zh: "基本编码应为12位：2位编制方代码（00 或省级代码）＋2位事项类型＋5位主项＋3位子项。丢失前导零的数字单元格会先补齐再检查。",
    good: &["000104002000"],
    bad: &["00010400200 / 990104002000"],
};
