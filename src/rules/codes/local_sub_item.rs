//! `local-sub-item`: a basic code whose sub-item part is a letter and two
//! digits (`W01`): a sub-item a province numbered itself, a convention
//! rather than a national code.

use super::basic_code_of_form;
use crate::codes::SubForm;
use crate::rules::*;
use minijinja::Value as MjValue;

pub struct LocalSubItem;

impl LocalSubItem {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(LocalSubItem)
    }
}

impl Rule for LocalSubItem {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        let Some((code, f, b)) = basic_code_of_form(cx, SubForm::LocalLetter) else {
            return;
        };
        let mut p = Params::new();
        p.insert("basic".into(), MjValue::from(code));
        p.insert("sub".into(), MjValue::from(b.sub));
        // one convention, one finding per column
        sink.emit_cause(
            RuleId::LocalSubItem,
            At::field(cx.source(), f),
            p,
            "local-letter".into(),
        );
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "A basic code whose sub-item part is a letter and two digits (`000164213W01`): provinces number the sub-items they add themselves this way (W00–W13). It is a provincial convention, not a malformed code, but no national catalogue carries it, so comparisons with other provinces cannot use it. The same verdict is given wherever the code stands (基本编码, inside 实施编码 or 业务办理项编码).",
    zh: "基本编码的子项位为一个字母加两位数字（`000164213W01`）：省级自行增加的子项按此编号（W00–W13）。这是省级惯例，不是格式错误，但国家目录中没有这样的编码，与其他省份比较时无法按编码对齐。无论编码出现在基本编码列，还是实施编码、业务办理项编码之中，判断都相同。",
    good: &["000164213001"],
    bad: &["000164213W01"],
    good_zh: &[],
    bad_zh: &[],
};
