//! `uncoded-item-type`: an accepted label without a national code (行政备案).

use crate::rules::*;
use minijinja::Value as MjValue;

pub struct UncodedItemType;

impl UncodedItemType {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(UncodedItemType)
    }
}

impl Rule for UncodedItemType {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        for f in &cx.item.fields {
            if let Some((Value::Uncoded(label), _)) = cx.values.get(&f.element) {
                let mut p = Params::new();
                p.insert("value".into(), MjValue::from(label.clone()));
                sink.emit(RuleId::UncodedItemType, At::field(cx.source(), f), p);
            }
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "The item type is a label the standard accepts without a national code (行政备案 since 2022).",
    zh: "事项类型是标准接受但没有国家代码的名称（如2022年后出现的行政备案）。",
    good: &["行政许可"],
    bad: &["行政备案"],
    good_zh: &[],
    bad_zh: &[],
};
